//! The policy: decoder + tokenizer + parameters, the object the trainer drives.
use std::collections::BTreeSet;
use std::path::Path;

use candle_core::{DType, Device, Tensor, Var};

use crate::chat::{render_chat, Message};
use crate::config::ModelConfig;
use crate::error::{AgentError, Result};
use crate::lora::{Adapters, LoraConfig};
use crate::params::Params;
use crate::presets::preset_config;
use crate::text::TextModel;
use crate::tokenizer::TextTokenizer;

/// A Qwen2-VL language policy whose parameters are candle `Var`s.
#[derive(Debug, Clone)]
pub struct Policy {
    pub(crate) cfg: ModelConfig,
    pub(crate) tok: TextTokenizer,
    pub(crate) params: Params,
    /// Every parameter detached (a frozen reference copy): no gradients, never trained.
    pub(crate) detached: bool,
    /// Graph-building model (trainable parameters tracked).
    pub(crate) model: TextModel,
    /// Same weights, all detached: sampling builds no autograd graph.
    pub(crate) infer: TextModel,
    pub(crate) device: Device,
    pub(crate) dtype: DType,
    /// Tensors of the checkpoint we do not use (vision tower), saved back unchanged.
    pub(crate) passthrough: Vec<(String, Tensor)>,
    /// The checkpoint's generation_config.json, if any, saved back unchanged.
    pub(crate) generation_config: Option<serde_json::Value>,
    /// The checkpoint's tokenizer_config.json, if any.
    pub(crate) tokenizer_config: Option<serde_json::Value>,
    /// The checkpoint was sharded (saved back sharded).
    pub(crate) sharded: bool,
    /// LoRA adapters; when present only they train.
    pub(crate) adapters: Option<Adapters>,
    /// Vision tower, processor and placeholder ids (`None` for text-only models).
    pub(crate) vision: Option<crate::multimodal::VisionPart>,
    /// The tower with every weight detached, for sampling.
    pub(crate) vision_infer: Option<crate::vision::VisionTower>,
}

impl Policy {
    /// Assembles a policy and builds its model views.
    pub(crate) fn assemble(
        cfg: ModelConfig,
        tok: TextTokenizer,
        params: Params,
        device: &Device,
        dtype: DType,
    ) -> Result<Self> {
        cfg.validate()?;
        let model = build(&cfg, &params, None, false)?;
        let infer = build(&cfg, &params, None, true)?;
        Ok(Self {
            cfg,
            tok,
            params,
            detached: false,
            model,
            infer,
            device: device.clone(),
            dtype,
            passthrough: Vec::new(),
            generation_config: None,
            tokenizer_config: None,
            sharded: false,
            adapters: None,
            vision: None,
            vision_infer: None,
        })
    }

    /// Rebuilds the model views after parameters or freezing changed.
    pub(crate) fn rebuild(&mut self) -> Result<()> {
        let ad = self.adapters.as_ref();
        self.model = build(&self.cfg, &self.params, ad, self.detached)?;
        self.infer = build(&self.cfg, &self.params, ad, true)?;
        crate::multimodal::rebuild_vision(self)
    }

    /// `"tiny"` | `"small"`: random init (std 0.1) over the compact tokenizer.
    pub fn preset(name: &str, seed: u64, device: &Device) -> Result<Policy> {
        Self::preset_with_dtype(name, seed, device, DType::F32)
    }

    /// [`Policy::preset`] in another dtype (bf16/f16 for GPUs).
    pub fn preset_with_dtype(
        name: &str,
        seed: u64,
        device: &Device,
        dtype: DType,
    ) -> Result<Policy> {
        let tok = TextTokenizer::compact()?;
        let text_name = name.strip_suffix("-vl").unwrap_or(name);
        let mut cfg = preset_config(text_name, tok.len())?;
        cfg.torch_dtype = dtype_name(dtype).into();
        cfg.bos_token_id = tok.token_id("<|endoftext|>");
        cfg.eos_token_id = tok.token_id("<|im_end|>");
        let vision = match name.ends_with("-vl") {
            true => Some(crate::multimodal::preset_vision(
                &mut cfg, &tok, seed, device, dtype,
            )?),
            false => None,
        };
        let params = Params::init(&cfg, seed, dtype, device)?;
        let mut p = Self::assemble(cfg, tok, params, device, dtype)?;
        p.vision = vision;
        p.rebuild()?;
        Ok(p)
    }

    /// A randomly initialised policy of any config over the compact tokenizer
    /// (`cfg.vocab_size` must cover the tokenizer).
    pub fn from_config(
        cfg: &ModelConfig,
        seed: u64,
        device: &Device,
        dtype: DType,
    ) -> Result<Policy> {
        let tok = TextTokenizer::compact()?;
        if cfg.vocab_size < tok.len() {
            return Err(AgentError::Config(format!(
                "vocab_size {} is smaller than the tokenizer ({} tokens)",
                cfg.vocab_size,
                tok.len()
            )));
        }
        let params = Params::init(cfg, seed, dtype, device)?;
        Self::assemble(cfg.clone(), tok, params, device, dtype)
    }

    /// Logits `[vocab]` (f32) of the next token after `ids`, by a full forward without cache.
    pub fn next_token_logits(&self, ids: &[u32]) -> Result<Tensor> {
        use crate::text::rope::{text_positions, RopeTables};
        if ids.is_empty() {
            return Err(AgentError::Invalid(
                "next_token_logits got no tokens".into(),
            ));
        }
        self.check_tokens(ids, ids.len())?;
        let t = ids.len();
        let m = &self.infer;
        let x = Tensor::from_vec(ids.to_vec(), (1, t), &self.device)?;
        let pos: Vec<u32> = (0..t as u32).collect();
        let rope = RopeTables::new(&self.cfg, &[text_positions(&pos)], self.dtype, &self.device)?;
        let mask = crate::text::causal_mask(t, &self.device)?;
        let h = m.forward_embeds(&m.embed(&x)?, &rope, &mask, None)?;
        let last = h.narrow(1, t - 1, 1)?.reshape((1, self.cfg.hidden_size))?;
        Ok(m.logits(&last)?.squeeze(0)?.to_dtype(DType::F32)?)
    }

    /// Loads a Hugging Face checkpoint folder in f32.
    pub fn load(dir: &Path, device: &Device) -> Result<Policy> {
        crate::checkpoint::load(dir, device, DType::F32)
    }

    /// Loads a checkpoint folder in the given dtype.
    pub fn load_with_dtype(dir: &Path, device: &Device, dtype: DType) -> Result<Policy> {
        crate::checkpoint::load(dir, device, dtype)
    }

    /// Saves as a Hugging Face checkpoint folder in the layout it was loaded from.
    pub fn save(&self, dir: &Path) -> Result<()> {
        crate::checkpoint::save(self, dir)
    }

    /// Chat messages → token ids, with the assistant generation prompt appended.
    pub fn encode_chat(&self, messages: &[Message]) -> Result<Vec<u32>> {
        if messages.iter().any(Message::has_vision) {
            return Err(AgentError::Unsupported(
                "image/video messages in encode_chat: use encode_chat_vision".into(),
            ));
        }
        self.encode(&render_chat(messages, true))
    }

    /// Text → ids; special-token strings map to their ids, nothing is added.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        self.tok.encode(text)
    }

    /// Ids → text, special tokens kept.
    pub fn decode(&self, tokens: &[u32]) -> Result<String> {
        self.tok.decode(tokens)
    }

    /// The parameters an optimizer should update, named as in the checkpoint.
    pub fn trainable_vars(&self) -> Vec<(String, Var)> {
        if self.detached {
            return Vec::new();
        }
        let vars = match &self.adapters {
            Some(a) => &a.vars,
            None => &self.params.vars,
        };
        let mut out: Vec<(String, Var)> = vars
            .iter()
            .filter(|(k, _)| !self.params.frozen.contains(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        // With LoRA only the adapters train (the vision tower stays as loaded).
        if let (None, Some(v)) = (&self.adapters, &self.vision) {
            out.extend(v.tower.trainable_vars());
        }
        out
    }

    /// A deep copy whose parameters never change (the KL reference policy).
    pub fn frozen_copy(&self) -> Result<Policy> {
        let mut p = self.clone();
        p.params = self.params.deep_copy()?;
        if let Some(a) = &self.adapters {
            let mut vars = std::collections::BTreeMap::new();
            for (k, v) in &a.vars {
                vars.insert(k.clone(), Var::from_tensor(&v.as_tensor().copy()?)?);
            }
            p.adapters = Some(Adapters {
                cfg: a.cfg.clone(),
                vars,
                dropout_rng: Default::default(),
            });
        }
        p.detached = true;
        if let Some(v) = p.vision.as_mut() {
            v.tower = v.tower.deep_copy()?;
        }
        p.rebuild()?;
        Ok(p)
    }

    /// Excludes parameters whose names match any glob pattern (`*` any run, `?` one char)
    /// from training. A pattern that matches nothing is an error (likely a typo).
    pub fn freeze(&mut self, patterns: &[String]) -> Result<()> {
        let mut names: Vec<String> = self.params.vars.keys().cloned().collect();
        if let Some(a) = &self.adapters {
            names.extend(a.vars.keys().cloned());
        }
        if let Some(v) = &self.vision {
            names.extend(v.tower.named_vars().iter().map(|(n, _)| n.clone()));
        }
        let mut hit: BTreeSet<String> = BTreeSet::new();
        for pat in patterns {
            let before = hit.len();
            for n in &names {
                if glob_match(pat, n) {
                    hit.insert(n.clone());
                }
            }
            if hit.len() == before && !names.iter().any(|n| glob_match(pat, n)) {
                return Err(AgentError::Invalid(format!(
                    "freeze pattern {pat:?} matches no parameter"
                )));
            }
        }
        let mut vision_hit: Vec<String> = Vec::new();
        if let Some(v) = self.vision.as_mut() {
            vision_hit = hit
                .iter()
                .filter(|n| v.tower.named_vars().iter().any(|(m, _)| m == *n))
                .cloned()
                .collect();
            v.tower.freeze_names(&vision_hit)?;
        }
        self.params
            .frozen
            .extend(hit.into_iter().filter(|n| !vision_hit.contains(n)));
        self.rebuild()
    }

    /// Adds LoRA adapters (B = 0, so outputs are unchanged); afterwards only adapters train.
    pub fn enable_lora(&mut self, cfg: &LoraConfig) -> Result<()> {
        if self.adapters.is_some() {
            return Err(AgentError::Invalid("LoRA is already enabled".into()));
        }
        let mut m = self.model.clone();
        let seed = 0x4c6f_5241 ^ cfg.rank as u64;
        self.adapters = Some(Adapters::init(cfg, &mut m, seed, self.dtype, &self.device)?);
        self.rebuild()
    }

    /// Folds the adapters into the base weights (`W += alpha/r · B A`) and removes them.
    pub fn merge_lora(&mut self) -> Result<()> {
        if self.adapters.is_none() {
            return Err(AgentError::Invalid(
                "merge_lora: LoRA is not enabled".into(),
            ));
        }
        for (name, lin) in self.infer.linears() {
            if lin.lora.is_some() {
                let merged = crate::lora::merged_weight(&lin)?;
                self.params.get(&format!("{name}.weight"))?.set(&merged)?;
            }
        }
        self.adapters = None;
        self.params.frozen.retain(|n| !n.contains(".lora_"));
        self.rebuild()
    }

    /// Seeds LoRA dropout for the forward passes that follow (the trainer calls this once
    /// per update, so masks repeat exactly across runs and resumes). No-op without LoRA.
    pub fn reseed_dropout(&self, seed: u64) {
        if let Some(a) = &self.adapters {
            a.dropout_rng.reseed(seed);
        }
    }

    /// The LoRA config, when adapters are on.
    pub fn lora_config(&self) -> Option<&LoraConfig> {
        self.adapters.as_ref().map(|a| &a.cfg)
    }

    /// Writes only the adapters (PEFT layout: `adapter_config.json`, `adapter_model.safetensors`).
    pub fn save_adapters(&self, dir: &Path) -> Result<()> {
        match &self.adapters {
            Some(a) => a.save(dir),
            None => Err(AgentError::Invalid(
                "save_adapters: LoRA is not enabled".into(),
            )),
        }
    }

    /// Loads adapters saved by [`Policy::save_adapters`] onto this base model.
    pub fn load_adapters(&mut self, dir: &Path) -> Result<()> {
        let a = Adapters::load(dir, &self.model, self.dtype, &self.device)?;
        self.adapters = Some(a);
        self.rebuild()
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn dtype(&self) -> DType {
        self.dtype
    }

    pub fn config(&self) -> &ModelConfig {
        &self.cfg
    }

    /// Rows of the output layer (may exceed the tokenizer's size).
    pub fn vocab_size(&self) -> usize {
        self.cfg.vocab_size
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &TextTokenizer {
        &self.tok
    }

    /// Token ids that end a response.
    pub fn stop_ids(&self) -> &[u32] {
        &self.tok.stop_ids
    }

    /// Checks a sequence against the vocabulary and context limits.
    pub(crate) fn check_tokens(&self, ids: &[u32], total_len: usize) -> Result<()> {
        if total_len > self.cfg.max_position_embeddings {
            return Err(AgentError::ContextTooLong {
                len: total_len,
                limit: self.cfg.max_position_embeddings,
            });
        }
        if let Some(&id) = ids.iter().find(|&&i| i as usize >= self.cfg.vocab_size) {
            return Err(AgentError::TokenOutOfRange {
                id,
                vocab: self.cfg.vocab_size,
            });
        }
        Ok(())
    }
}

/// Builds a model view over the parameters; frozen (or all, if `detach_all`) detached.
/// With adapters the base weights are detached: only the adapters train.
fn build(
    cfg: &ModelConfig,
    params: &Params,
    adapters: Option<&Adapters>,
    detach_all: bool,
) -> Result<TextModel> {
    let get = |name: &str| -> Result<Tensor> {
        let v = params.get(name)?;
        Ok(
            if detach_all || adapters.is_some() || params.frozen.contains(name) {
                v.as_tensor().detach()
            } else {
                v.as_tensor().clone()
            },
        )
    };
    let mut m = TextModel::new(cfg, &get)?;
    if let Some(a) = adapters {
        a.attach(&mut m, detach_all, &params.frozen)?;
    }
    Ok(m)
}

/// The `torch_dtype` name of a candle dtype.
pub fn dtype_name(d: DType) -> &'static str {
    match d {
        DType::BF16 => "bfloat16",
        DType::F16 => "float16",
        DType::F64 => "float64",
        _ => "float32",
    }
}

/// Glob matching with `*` (any run, including dots) and `?` (one char).
pub fn glob_match(pat: &str, s: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pat.chars().collect(), s.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None::<usize>, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(sp) = star {
            pi = sp + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trainer shares a policy across rollout threads.
    #[test]
    fn policy_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Policy>();
    }

    #[test]
    fn glob_patterns_match_like_shell_globs() {
        assert!(glob_match(
            "model.layers.*.mlp.*",
            "model.layers.3.mlp.up_proj.weight"
        ));
        assert!(glob_match("*q_proj?weight", "a.q_proj.weight"));
        assert!(!glob_match("model.layers.1.*", "model.layers.10x"));
        assert!(!glob_match("lm_head", "lm_head.weight"));
    }
}
