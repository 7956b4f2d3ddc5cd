//! The language-model configuration, read from and written to Hugging Face `config.json`.
//!
//! Two on-disk shapes exist for the same model: the hub's flat config (text fields at the top,
//! `rope_scaling.mrope_section`) and transformers 5's nested one (`text_config` holding the text
//! fields and `rope_parameters`). Both normalise into [`ModelConfig`]; `config_style` remembers
//! which one to write back so a checkpoint keeps its layout.
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{AgentError, Result};

/// Which `config.json` shape a checkpoint uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ConfigStyle {
    /// Text fields at the top level, `rope_scaling` (hub checkpoints, transformers 4).
    #[default]
    Flat,
    /// `text_config` + `rope_parameters` (transformers 5).
    Nested,
}

/// A normalised Qwen2 / Qwen2-VL / Qwen2.5-VL text-decoder configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelConfig {
    /// `qwen2_vl`, `qwen2_5_vl` or `qwen2`.
    pub model_type: String,
    /// Rows of the embedding and output matrices (may exceed the tokenizer's size).
    pub vocab_size: usize,
    pub hidden_size: usize,
    /// Width of the SwiGLU MLP.
    pub intermediate_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    /// Grouped-query attention: heads share key/value heads in groups.
    pub num_key_value_heads: usize,
    /// The context limit; longer sequences are refused.
    pub max_position_embeddings: usize,
    pub rms_norm_eps: f64,
    pub rope_theta: f64,
    /// M-RoPE split of the rotary half-dimension into (temporal, height, width) streams;
    /// `None` means plain 1-D RoPE (`qwen2`). For text the three streams coincide.
    pub mrope_section: Option<Vec<usize>>,
    /// Output projection shares the embedding matrix (no `lm_head.weight` stored).
    pub tie_word_embeddings: bool,
    pub bos_token_id: Option<u32>,
    pub eos_token_id: Option<u32>,
    /// Std of the random init used by presets (0.02 made outputs ignore the prompt; 0.1 works).
    pub initializer_range: f64,
    /// Weight-name prefix of the decoder: `model` (hub) or `model.language_model` (transformers 5).
    pub weight_prefix: String,
    /// Which `config.json` shape to write.
    pub config_style: ConfigStyle,
    /// dtype name written as `torch_dtype`.
    pub torch_dtype: String,
    /// The vision tower's config, kept verbatim for the vision issue.
    pub vision_config: Option<Value>,
    /// Top-level keys we do not interpret (token ids of vision placeholders, architectures...),
    /// written back unchanged.
    pub extra: Map<String, Value>,
    /// Keys of `text_config` we do not interpret (nested style only).
    pub text_extra: Map<String, Value>,
}

impl Default for ModelConfig {
    fn default() -> Self {
        Self {
            model_type: "qwen2_vl".into(),
            vocab_size: 151_936,
            hidden_size: 1536,
            intermediate_size: 8960,
            num_hidden_layers: 28,
            num_attention_heads: 12,
            num_key_value_heads: 2,
            max_position_embeddings: 32_768,
            rms_norm_eps: 1e-6,
            rope_theta: 1_000_000.0,
            mrope_section: Some(vec![16, 24, 24]),
            tie_word_embeddings: false,
            bos_token_id: Some(151_643),
            eos_token_id: Some(151_645),
            initializer_range: 0.02,
            weight_prefix: "model".into(),
            config_style: ConfigStyle::Flat,
            torch_dtype: "float32".into(),
            vision_config: None,
            extra: Map::new(),
            text_extra: Map::new(),
        }
    }
}

/// Keys of the text config that [`ModelConfig`] interprets (everything else is kept in `extra`).
const TEXT_KEYS: &[&str] = &[
    "model_type",
    "vocab_size",
    "hidden_size",
    "intermediate_size",
    "num_hidden_layers",
    "num_attention_heads",
    "num_key_value_heads",
    "max_position_embeddings",
    "rms_norm_eps",
    "rope_theta",
    "rope_scaling",
    "rope_parameters",
    "tie_word_embeddings",
    "bos_token_id",
    "eos_token_id",
    "initializer_range",
    "torch_dtype",
    "dtype",
    "hidden_act",
    "head_dim",
];

impl ModelConfig {
    /// Width of one attention head.
    pub fn head_dim(&self) -> usize {
        self.hidden_size / self.num_attention_heads.max(1)
    }

    /// Checks the invariants the decoder relies on.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(AgentError::Config(m));
        if !matches!(
            self.model_type.as_str(),
            "qwen2_vl" | "qwen2_5_vl" | "qwen2"
        ) {
            return Err(AgentError::UnknownModelType(self.model_type.clone()));
        }
        if self.num_attention_heads == 0 || self.num_key_value_heads == 0 {
            return bad("num_attention_heads and num_key_value_heads must be > 0".into());
        }
        if !self.hidden_size.is_multiple_of(self.num_attention_heads) {
            return bad(format!(
                "hidden_size {} is not divisible by num_attention_heads {}",
                self.hidden_size, self.num_attention_heads
            ));
        }
        if !self
            .num_attention_heads
            .is_multiple_of(self.num_key_value_heads)
        {
            return bad(format!(
                "num_attention_heads {} is not a multiple of num_key_value_heads {}",
                self.num_attention_heads, self.num_key_value_heads
            ));
        }
        if !self.head_dim().is_multiple_of(2) {
            return bad(format!(
                "head_dim {} must be even for RoPE",
                self.head_dim()
            ));
        }
        if let Some(sec) = &self.mrope_section {
            let total: usize = sec.iter().sum();
            if sec.len() != 3 || total != self.head_dim() / 2 {
                return bad(format!(
                    "rope mrope_section {sec:?} must have 3 parts summing to head_dim/2 = {}",
                    self.head_dim() / 2
                ));
            }
        }
        if self.vocab_size == 0 || self.hidden_size == 0 || self.num_hidden_layers == 0 {
            return bad("vocab_size, hidden_size and num_hidden_layers must be > 0".into());
        }
        Ok(())
    }

    /// Parses a Hugging Face `config.json` (flat or nested).
    pub fn from_hf_json(v: &Value) -> Result<Self> {
        let top = v
            .as_object()
            .ok_or_else(|| AgentError::Config("config.json is not a JSON object".into()))?;
        let model_type = model_type_of(top)?;
        let nested = top.get("text_config").and_then(Value::as_object);
        let style = if nested.is_some() {
            ConfigStyle::Nested
        } else {
            ConfigStyle::Flat
        };
        let keys = Keys {
            top,
            text: nested.unwrap_or(top),
        };
        keys.check_activation()?;
        let hidden_size = keys.usize_of("hidden_size", None)?;
        let num_attention_heads = keys.usize_of("num_attention_heads", None)?;
        keys.check_head_dim(hidden_size, num_attention_heads)?;
        let (mrope_section, rope_theta) = keys.rope(&model_type)?;
        let (extra, text_extra) = uninterpreted(top, nested, style);
        let d = ModelConfig::default();
        let cfg = ModelConfig {
            vocab_size: keys.usize_of("vocab_size", None)?,
            hidden_size,
            intermediate_size: keys.usize_of("intermediate_size", None)?,
            num_hidden_layers: keys.usize_of("num_hidden_layers", None)?,
            num_attention_heads,
            num_key_value_heads: keys.usize_of("num_key_value_heads", Some(num_attention_heads))?,
            max_position_embeddings: keys.usize_of("max_position_embeddings", Some(32_768))?,
            rms_norm_eps: keys.f64_of("rms_norm_eps", d.rms_norm_eps)?,
            rope_theta,
            mrope_section,
            tie_word_embeddings: top
                .get("tie_word_embeddings")
                .or_else(|| keys.text.get("tie_word_embeddings"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            bos_token_id: keys.token_of("bos_token_id"),
            eos_token_id: keys.token_of("eos_token_id"),
            initializer_range: keys.f64_of("initializer_range", d.initializer_range)?,
            weight_prefix: d.weight_prefix,
            config_style: style,
            torch_dtype: keys.torch_dtype(),
            vision_config: top.get("vision_config").cloned(),
            extra,
            text_extra,
            model_type,
        };
        cfg.validate()?;
        Ok(cfg)
    }

    /// Renders the config as Hugging Face writes it, in the style it was read in.
    pub fn to_hf_json(&self) -> Value {
        let mut text = Map::new();
        let put = |m: &mut Map<String, Value>, k: &str, v: Value| {
            m.insert(k.to_string(), v);
        };
        put(&mut text, "vocab_size", self.vocab_size.into());
        put(&mut text, "hidden_size", self.hidden_size.into());
        put(
            &mut text,
            "intermediate_size",
            self.intermediate_size.into(),
        );
        put(
            &mut text,
            "num_hidden_layers",
            self.num_hidden_layers.into(),
        );
        put(
            &mut text,
            "num_attention_heads",
            self.num_attention_heads.into(),
        );
        put(
            &mut text,
            "num_key_value_heads",
            self.num_key_value_heads.into(),
        );
        put(
            &mut text,
            "max_position_embeddings",
            self.max_position_embeddings.into(),
        );
        put(&mut text, "rms_norm_eps", self.rms_norm_eps.into());
        put(&mut text, "hidden_act", "silu".into());
        put(
            &mut text,
            "initializer_range",
            self.initializer_range.into(),
        );
        if let Some(b) = self.bos_token_id {
            put(&mut text, "bos_token_id", b.into());
        }
        if let Some(e) = self.eos_token_id {
            put(&mut text, "eos_token_id", e.into());
        }
        put(&mut text, "torch_dtype", self.torch_dtype.clone().into());
        let mut top = self.extra.clone();
        if !top.contains_key("architectures") {
            let arch = match self.model_type.as_str() {
                "qwen2_5_vl" => "Qwen2_5_VLForConditionalGeneration",
                "qwen2" => "Qwen2ForCausalLM",
                _ => "Qwen2VLForConditionalGeneration",
            };
            top.insert("architectures".into(), serde_json::json!([arch]));
        }
        top.insert("model_type".into(), self.model_type.clone().into());
        top.insert(
            "tie_word_embeddings".into(),
            self.tie_word_embeddings.into(),
        );
        if let Some(vc) = &self.vision_config {
            top.insert("vision_config".into(), vc.clone());
        }
        match self.config_style {
            ConfigStyle::Flat => {
                text.insert("rope_theta".into(), self.rope_theta.into());
                if let Some(sec) = &self.mrope_section {
                    text.insert(
                        "rope_scaling".into(),
                        serde_json::json!({"type": "mrope", "rope_type": "default", "mrope_section": sec}),
                    );
                }
                for (k, v) in text {
                    top.insert(k, v);
                }
            }
            ConfigStyle::Nested => {
                let mut rp =
                    serde_json::json!({"rope_type": "default", "rope_theta": self.rope_theta});
                if let Some(sec) = &self.mrope_section {
                    rp["mrope_section"] = serde_json::json!(sec);
                }
                text.insert("rope_parameters".into(), rp);
                for (k, v) in &self.text_extra {
                    text.insert(k.clone(), v.clone());
                }
                if !text.contains_key("model_type") && self.model_type != "qwen2" {
                    text.insert(
                        "model_type".into(),
                        format!("{}_text", self.model_type).into(),
                    );
                }
                top.insert("text_config".into(), Value::Object(text));
            }
        }
        Value::Object(top)
    }
}

/// `model_type`, refused unless it is one we build.
fn model_type_of(top: &Map<String, Value>) -> Result<String> {
    let model_type = top
        .get("model_type")
        .and_then(Value::as_str)
        .ok_or_else(|| AgentError::Config("config.json has no model_type".into()))?
        .to_string();
    if !matches!(model_type.as_str(), "qwen2_vl" | "qwen2_5_vl" | "qwen2") {
        return Err(AgentError::UnknownModelType(model_type));
    }
    Ok(model_type)
}

/// The keys of a config: looked up in `text_config` first (nested style), then at the top.
struct Keys<'a> {
    top: &'a Map<String, Value>,
    text: &'a Map<String, Value>,
}

impl Keys<'_> {
    fn get(&self, k: &str) -> Option<&Value> {
        self.text
            .get(k)
            .or_else(|| self.top.get(k))
            .filter(|x| !x.is_null())
    }

    fn usize_of(&self, k: &str, def: Option<usize>) -> Result<usize> {
        match self.get(k) {
            Some(x) => x
                .as_u64()
                .map(|n| n as usize)
                .ok_or_else(|| AgentError::Config(format!("{k} must be an integer"))),
            None => def.ok_or_else(|| AgentError::Config(format!("config.json lacks {k}"))),
        }
    }

    fn f64_of(&self, k: &str, def: f64) -> Result<f64> {
        match self.get(k) {
            Some(x) => x
                .as_f64()
                .ok_or_else(|| AgentError::Config(format!("{k} must be a number"))),
            None => Ok(def),
        }
    }

    /// A token id, or the first of a list (`eos_token_id: [..]`).
    fn token_of(&self, k: &str) -> Option<u32> {
        match self.get(k) {
            Some(Value::Array(a)) => a.first().and_then(Value::as_u64).map(|n| n as u32),
            Some(x) => x.as_u64().map(|n| n as u32),
            None => None,
        }
    }

    fn torch_dtype(&self) -> String {
        self.get("torch_dtype")
            .or_else(|| self.get("dtype"))
            .and_then(Value::as_str)
            .unwrap_or("float32")
            .to_string()
    }

    fn check_activation(&self) -> Result<()> {
        match self.get("hidden_act").and_then(Value::as_str) {
            Some(act) if act != "silu" => Err(AgentError::Config(format!(
                "hidden_act {act:?} is not supported (Qwen2 uses silu)"
            ))),
            _ => Ok(()),
        }
    }

    /// An explicit `head_dim` must agree with `hidden_size / num_attention_heads`.
    fn check_head_dim(&self, hidden_size: usize, heads: usize) -> Result<()> {
        if let Some(hd) = self.get("head_dim").and_then(Value::as_u64) {
            if heads > 0 && hd as usize * heads != hidden_size {
                return Err(AgentError::Config(format!(
                    "head_dim {hd} × num_attention_heads {heads} != hidden_size {hidden_size}"
                )));
            }
        }
        Ok(())
    }

    /// `(mrope_section, rope_theta)` from `rope_parameters` (transformers 5) or
    /// `rope_scaling` (hub); plain `qwen2` has no M-RoPE and a 10⁴ default theta.
    fn rope(&self, model_type: &str) -> Result<(Option<Vec<usize>>, f64)> {
        let rope = self
            .get("rope_parameters")
            .or_else(|| self.get("rope_scaling"));
        let mrope_section = match rope.and_then(|r| r.get("mrope_section")) {
            Some(s) => Some(
                serde_json::from_value::<Vec<usize>>(s.clone())
                    .map_err(|e| AgentError::Config(format!("rope mrope_section: {e}")))?,
            ),
            None if model_type == "qwen2" => None,
            None => {
                return Err(AgentError::Config(format!(
                    "model_type {model_type} needs rope_scaling.mrope_section (or rope_parameters.mrope_section)"
                )))
            }
        };
        let default_theta = if model_type == "qwen2" { 10_000.0 } else { 1e6 };
        let theta = match rope
            .and_then(|r| r.get("rope_theta"))
            .and_then(Value::as_f64)
        {
            Some(t) => t,
            None => self.f64_of("rope_theta", default_theta)?,
        };
        Ok((mrope_section, theta))
    }
}

/// The top-level and `text_config` keys [`ModelConfig`] does not interpret, kept to be
/// written back unchanged.
fn uninterpreted(
    top: &Map<String, Value>,
    nested: Option<&Map<String, Value>>,
    style: ConfigStyle,
) -> (Map<String, Value>, Map<String, Value>) {
    let mut extra = Map::new();
    for (k, val) in top {
        let interpreted = k == "text_config"
            || k == "vision_config"
            || (style == ConfigStyle::Flat && TEXT_KEYS.contains(&k.as_str()))
            || (style == ConfigStyle::Nested
                && matches!(k.as_str(), "model_type" | "tie_word_embeddings"));
        if !interpreted {
            extra.insert(k.clone(), val.clone());
        }
    }
    let mut text_extra = Map::new();
    for (k, val) in nested.into_iter().flatten() {
        if !TEXT_KEYS.contains(&k.as_str()) {
            text_extra.insert(k.clone(), val.clone());
        }
    }
    (extra, text_extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat() -> Value {
        serde_json::json!({
            "architectures": ["Qwen2VLForConditionalGeneration"],
            "model_type": "qwen2_vl", "vocab_size": 1000, "hidden_size": 64,
            "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
            "num_key_value_heads": 2, "max_position_embeddings": 512, "rms_norm_eps": 1e-6,
            "rope_theta": 1000000.0, "hidden_act": "silu", "image_token_id": 151655,
            "rope_scaling": {"type": "mrope", "mrope_section": [2, 3, 3]},
            "tie_word_embeddings": true, "vision_config": {"depth": 2}
        })
    }

    #[test]
    fn flat_config_reads_mrope_and_round_trips() -> Result<()> {
        let c = ModelConfig::from_hf_json(&flat())?;
        assert_eq!(c.mrope_section, Some(vec![2, 3, 3]));
        assert!(c.tie_word_embeddings);
        assert_eq!(c.extra.get("image_token_id"), Some(&Value::from(151655)));
        let again = ModelConfig::from_hf_json(&c.to_hf_json())?;
        assert_eq!(c, again);
        Ok(())
    }

    #[test]
    fn nested_transformers5_config_equals_flat() -> Result<()> {
        let nested = serde_json::json!({
            "model_type": "qwen2_5_vl", "tie_word_embeddings": false,
            "text_config": {"model_type": "qwen2_5_vl_text", "vocab_size": 1000, "hidden_size": 64,
                "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
                "num_key_value_heads": 2, "max_position_embeddings": 512,
                "rope_parameters": {"rope_type": "default", "rope_theta": 5e5, "mrope_section": [2, 3, 3]}},
            "vision_config": {"depth": 2}
        });
        let c = ModelConfig::from_hf_json(&nested)?;
        assert_eq!(c.config_style, ConfigStyle::Nested);
        assert_eq!(c.rope_theta, 5e5);
        assert_eq!(c.mrope_section, Some(vec![2, 3, 3]));
        let mut again = ModelConfig::from_hf_json(&c.to_hf_json())?;
        // Saving names the architecture when the source config did not.
        assert!(again.extra.remove("architectures").is_some());
        assert_eq!(again, c);
        Ok(())
    }

    #[test]
    fn unknown_model_type_is_named() {
        let mut v = flat();
        v["model_type"] = "llama".into();
        let e = ModelConfig::from_hf_json(&v).err().map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("llama")));
    }

    #[test]
    fn bad_mrope_section_is_refused() {
        let mut v = flat();
        v["rope_scaling"]["mrope_section"] = serde_json::json!([4, 4, 4]);
        assert!(ModelConfig::from_hf_json(&v).is_err());
    }
}
