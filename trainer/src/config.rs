//! The run config: one TOML file holding the model, the GRPO and optimizer
//! settings, and the curriculum as an ordered list of stages.
//!
//! Unknown keys are rejected; toml's error names the key and its line. The
//! resolved config is written next to every run (`runs/<name>/config.toml`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::grpo::{AdvantageScale, Aggregation};
use crate::optim::AdamWConfig;

/// Errors reading or checking a config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config {path}: {msg}")]
    Parse { path: String, msg: String },
    #[error("config {path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("config key `{key}`: {msg}")]
    Invalid { key: String, msg: String },
    /// A value that parses but is out of range, located in its file.
    #[error("config {path}{}: key `{key}`: {msg}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    InvalidAt {
        path: String,
        line: Option<usize>,
        key: String,
        msg: String,
    },
    #[error("no built-in config for env `{name}` (built-in: {known})")]
    NoDefault { name: String, known: String },
    /// The resolved config has a value TOML cannot hold (a JSON `null`
    /// inside an env config, for one).
    #[error("config `{name}` cannot be written as TOML: {msg}")]
    Serialise { name: String, msg: String },
}

fn invalid(key: impl Into<String>, msg: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.into(),
        msg: msg.into(),
    }
}

/// A whole training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunConfig {
    /// Run folder name under the output directory.
    pub name: String,
    /// Every random choice (init, env seeds, sampling) flows from this.
    pub seed: u64,
    /// Threads stepping env instances while the policy samples.
    pub workers: usize,
    pub model: ModelSource,
    pub grpo: GrpoConfig,
    pub optim: OptimConfig,
    pub sampling: SamplingConfig,
    pub log: LogConfig,
    /// The curriculum, run in order.
    pub stages: Vec<StageConfig>,
}

impl Default for RunConfig {
    fn default() -> Self {
        Self {
            name: "run".into(),
            seed: 0,
            workers: 2,
            model: ModelSource::default(),
            grpo: GrpoConfig::default(),
            optim: OptimConfig::default(),
            sampling: SamplingConfig::default(),
            log: LogConfig::default(),
            stages: Vec::new(),
        }
    }
}

/// Where the policy comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelSource {
    /// A random-init preset ("tiny", "small"); ignored when `checkpoint` is set.
    pub preset: String,
    /// An HF-layout checkpoint folder (config.json, safetensors, tokenizer).
    pub checkpoint: Option<PathBuf>,
    /// Train LoRA adapters instead of the full weights.
    pub lora: Option<LoraSettings>,
    /// Parameter name patterns kept frozen (e.g. the vision tower).
    pub freeze: Vec<String>,
    /// `cpu`, `cuda` or `cuda:N` (CUDA needs a `--features cuda` build).
    pub device: String,
    /// Parameter precision: `f32`, `bf16` or `f16`. Half precisions keep f32
    /// master weights in the optimizer, and log-probs are computed in f32.
    pub dtype: String,
    /// Where text resumes after a video in M-RoPE positions: `qwen` (Qwen's own
    /// code, transformers 4, vLLM: what the checkpoints were trained with) or
    /// `transformers5` (its `get_rope_index`, which differs for videos).
    pub vision_positions: String,
}

impl ModelSource {
    /// The M-RoPE rule `vision_positions` names.
    pub fn text_after_vision(&self) -> Result<rulegym_agent::vision::TextAfterVision, String> {
        self.vision_positions.parse()
    }
}

impl Default for ModelSource {
    fn default() -> Self {
        Self {
            preset: "tiny".into(),
            checkpoint: None,
            lora: None,
            freeze: Vec::new(),
            device: "cpu".into(),
            dtype: "f32".into(),
            vision_positions: "qwen".into(),
        }
    }
}

/// LoRA adapter settings (PEFT names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoraSettings {
    pub rank: usize,
    pub alpha: f64,
    pub target_modules: Vec<String>,
    pub dropout: f64,
}

impl Default for LoraSettings {
    fn default() -> Self {
        Self {
            rank: 8,
            alpha: 16.0,
            target_modules: vec!["q_proj".into(), "v_proj".into()],
            dropout: 0.0,
        }
    }
}

/// GRPO settings (REFERENCES.md §2; TRL names in comments).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GrpoConfig {
    /// G: completions (episodes) per prompt (`num_generations`).
    pub group_size: usize,
    /// Distinct prompts per generation batch; §7 found 1 learns nothing.
    pub prompts_per_step: usize,
    /// `scale_rewards`: group | batch | none.
    pub scale: AdvantageScale,
    /// Added to the std before dividing.
    pub adv_eps: f64,
    /// ε_low of the clipped ratio.
    pub epsilon: f64,
    /// ε_high (DAPO clip-higher uses 0.28); defaults to `epsilon`.
    pub epsilon_high: Option<f64>,
    /// β of the k3 KL to the frozen reference; vsGRPO found β = 0 collapses.
    pub beta: f64,
    /// μ (`num_iterations`): optimizer passes per generation batch.
    pub iterations: usize,
    pub aggregation: Aggregation,
    /// Sequences per forward/backward (gradient accumulation splits the
    /// generation batch into micro-batches of this size).
    pub micro_batch: usize,
}

impl Default for GrpoConfig {
    fn default() -> Self {
        Self {
            group_size: 8,
            prompts_per_step: 16,
            scale: AdvantageScale::Group,
            adv_eps: 1e-4,
            epsilon: 0.2,
            epsilon_high: None,
            beta: 1e-4,
            iterations: 1,
            aggregation: Aggregation::Grpo,
            micro_batch: 64,
        }
    }
}

/// Optimizer and schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OptimConfig {
    /// Peak learning rate; ~1e-3 suits a from-scratch tiny model (§7).
    pub lr: f64,
    pub warmup_steps: u64,
    /// Cosine floor as a fraction of `lr`.
    pub min_lr_ratio: f64,
    /// Max global gradient norm (0 disables clipping).
    pub grad_clip: f64,
    pub adamw: AdamWConfig,
}

impl Default for OptimConfig {
    fn default() -> Self {
        Self {
            lr: 1e-3,
            warmup_steps: 5,
            min_lr_ratio: 0.1,
            grad_clip: 1.0,
            adamw: AdamWConfig::default(),
        }
    }
}

/// How completions are sampled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SamplingConfig {
    pub max_new_tokens: usize,
    pub temperature: f64,
    pub top_k: Option<usize>,
    pub top_p: Option<f64>,
    /// Force the `<think>…</think><answer>…</answer>` scaffold with the
    /// agent's token constraint. A from-scratch tiny policy essentially never
    /// emits the scaffold by chance, so the format reward would stay at zero
    /// and GRPO would see no signal; pretrained models should leave it off.
    pub constrain_format: bool,
    /// Cap on thinking tokens when the scaffold is constrained.
    pub max_think_tokens: Option<usize>,
    /// Cap on free-text answer tokens when the scaffold is constrained
    /// (then `</answer>` is forced), so the scaffold closes inside
    /// `max_new_tokens` for envs whose answer is free text (Sokoban plans).
    pub max_answer_tokens: Option<usize>,
    /// Replaces the env's instruction as the system message (`""` keeps
    /// prompts short for from-scratch models that cannot read it anyway).
    pub system_prompt: Option<String>,
    /// Wrap prompts in the model's chat template. Off, the prompt is the
    /// system text and observation joined by a newline, as plain tokens:
    /// a from-scratch model gains nothing from the template, and its ~20
    /// extra tokens dilute the attention a random-init model pays to the
    /// question (REFERENCES.md §7 used raw prompts too).
    pub chat_template: bool,
    /// Earlier (observation, action) pairs kept in multi-turn prompts; 0
    /// shows only the current observation, keeping prompts small.
    pub history_turns: usize,
    /// Stop with an error when an env shows frames and the policy has no
    /// vision tower; off, such a policy trains on the observation text
    /// alone (with a one-time warning).
    pub require_frames: bool,
}

impl Default for SamplingConfig {
    fn default() -> Self {
        Self {
            max_new_tokens: 32,
            temperature: 1.0,
            top_k: None,
            top_p: None,
            constrain_format: false,
            max_think_tokens: None,
            max_answer_tokens: None,
            system_prompt: None,
            chat_template: true,
            history_turns: 0,
            require_frames: false,
        }
    }
}

/// Logging, checkpoint and failure policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// Write sampled completions every this many steps (0: never).
    pub sample_every: u64,
    /// How many completions each sample record keeps.
    pub samples_per_log: usize,
    /// Checkpoint every this many steps (0: only at the end).
    pub checkpoint_every: u64,
    /// Stop after this many consecutive non-finite losses (each skips its
    /// update and is logged); the stop checkpoints the last good weights.
    pub max_nonfinite_steps: u32,
    /// Smoothing window of the plot written at the end.
    pub plot_smoothing: usize,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            sample_every: 10,
            samples_per_log: 4,
            checkpoint_every: 50,
            max_nonfinite_steps: 5,
            plot_smoothing: 10,
        }
    }
}

/// One curriculum stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StageConfig {
    pub name: String,
    /// Generation steps in this stage.
    pub steps: u64,
    /// Envs mixed by weight; each prompt draws one.
    pub envs: Vec<EnvMix>,
    /// Hyperparameters that differ from the run-wide ones in this stage.
    pub overrides: StageOverrides,
    pub eval: EvalConfig,
}

impl Default for StageConfig {
    fn default() -> Self {
        Self {
            name: "stage".into(),
            steps: 100,
            envs: Vec::new(),
            overrides: StageOverrides::default(),
            eval: EvalConfig::default(),
        }
    }
}

/// An env and its share of the prompts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnvMix {
    /// Registry name (`trainer envs` lists them).
    pub name: String,
    pub weight: f64,
    /// The env's own config (passed to `rulegym_envs::make`).
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub config: serde_json::Value,
    /// Restrict a free-text answer to these strings (sampling constraint).
    /// The env still judges the answer; this only narrows what a
    /// from-scratch policy can say, like `OneOf` action lists do.
    pub answer_choices: Vec<String>,
    /// Restrict the answer to the integers `[lo, hi]` (added to the choices).
    pub answer_integers: Option<[i64; 2]>,
    /// Wraps each choice (the env's action names included), `{}` standing
    /// for the choice: `"<answer>{}</answer>"` makes a tagged reply for
    /// envs whose format reward wants tags but not the think scaffold.
    pub answer_template: Option<String>,
}

impl EnvMix {
    /// The answer choices this mix entry imposes (empty: none).
    pub fn choices(&self) -> Vec<String> {
        let mut out = self.answer_choices.clone();
        if let Some([lo, hi]) = self.answer_integers {
            out.extend((lo..=hi).map(|i| i.to_string()));
        }
        out
    }
}

impl Default for EnvMix {
    fn default() -> Self {
        Self {
            name: String::new(),
            weight: 1.0,
            config: serde_json::Value::Null,
            answer_choices: Vec::new(),
            answer_integers: None,
            answer_template: None,
        }
    }
}

/// Per-stage overrides; unset fields keep the run-wide value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StageOverrides {
    pub lr: Option<f64>,
    pub beta: Option<f64>,
    pub group_size: Option<usize>,
    pub prompts_per_step: Option<usize>,
    pub temperature: Option<f64>,
    pub max_new_tokens: Option<usize>,
    pub constrain_format: Option<bool>,
}

/// The held-out evaluation of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvalConfig {
    /// Evaluate every this many steps (0: only at the stage end).
    pub every: u64,
    /// Episodes per env.
    pub episodes: usize,
    /// Envs to evaluate; empty means the stage's envs.
    pub envs: Vec<String>,
    /// Sampling temperature in evaluation (0: greedy).
    pub temperature: f64,
    /// Seeds of eval episodes start here, far from training seeds.
    pub seed_offset: u64,
}

impl Default for EvalConfig {
    fn default() -> Self {
        Self {
            every: 0,
            episodes: 32,
            envs: Vec::new(),
            temperature: 0.0,
            seed_offset: 1 << 40,
        }
    }
}

/// The settings one stage trains with, after applying its overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub grpo: GrpoConfig,
    pub optim: OptimConfig,
    pub sampling: SamplingConfig,
}

impl RunConfig {
    /// Parses TOML text; `origin` names the file in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let cfg: RunConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: origin.to_string(),
            msg: e.to_string(),
        })?;
        cfg.validate().map_err(|e| match e {
            ConfigError::Invalid { key, msg } => ConfigError::InvalidAt {
                path: origin.to_string(),
                line: key_line(text, &key),
                key,
                msg,
            },
            other => other,
        })?;
        Ok(cfg)
    }

    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_toml(&text, &path.display().to_string())
    }

    /// The embedded default config for `trainer --env NAME`.
    pub fn builtin(name: &str) -> Result<Self, ConfigError> {
        let text = match name {
            "math" => include_str!("../configs/math.toml"),
            "football" => include_str!("../configs/football.toml"),
            "spatial" => include_str!("../configs/spatial.toml"),
            _ => {
                return Err(ConfigError::NoDefault {
                    name: name.to_string(),
                    known: BUILTIN_CONFIGS.join(", "),
                })
            }
        };
        Self::from_toml(text, &format!("<built-in {name}>"))
    }

    /// The config as TOML (saved next to every run); a value TOML cannot
    /// hold is an error, never a file that silently lacks it.
    pub fn to_toml(&self) -> Result<String, ConfigError> {
        toml::to_string_pretty(self).map_err(|e| ConfigError::Serialise {
            name: self.name.clone(),
            msg: e.to_string(),
        })
    }

    pub fn total_steps(&self) -> u64 {
        self.stages.iter().map(|s| s.steps).sum()
    }

    /// Checks values serde cannot (ranges, required lists).
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.name.is_empty() || self.name.contains(['/', '\\']) || self.name == ".." {
            return Err(invalid("name", "must be a plain folder name"));
        }
        if self.stages.is_empty() {
            return Err(invalid("stages", "at least one [[stages]] entry is needed"));
        }
        // Only the spelling: a CUDA config must still parse on a CPU-only build (the
        // examples do); `train` opens the device before it makes a run folder.
        if let Err(e) = self.model.device.parse::<rulegym_agent::DeviceName>() {
            return Err(invalid("model.device", e.to_string()));
        }
        if let Err(e) = rulegym_agent::parse_dtype(&self.model.dtype) {
            return Err(invalid("model.dtype", e.to_string()));
        }
        if let Err(e) = self.model.text_after_vision() {
            return Err(invalid("model.vision_positions", e));
        }
        if self.workers == 0 {
            return Err(invalid("workers", "must be at least 1"));
        }
        if self.log.max_nonfinite_steps == 0 {
            return Err(invalid(
                "log.max_nonfinite_steps",
                "must be at least 1 (the run stops after this many skipped updates in a row)",
            ));
        }
        for (i, st) in self.stages.iter().enumerate() {
            let key = |k: &str| format!("stages[{i}].{k}");
            if st.envs.is_empty() {
                return Err(invalid(key("envs"), "at least one env is needed"));
            }
            for (j, e) in st.envs.iter().enumerate() {
                if e.name.is_empty() {
                    return Err(invalid(format!("stages[{i}].envs[{j}].name"), "is empty"));
                }
                if e.answer_template
                    .as_ref()
                    .is_some_and(|t| !t.contains("{}"))
                {
                    return Err(invalid(
                        format!("stages[{i}].envs[{j}].answer_template"),
                        "must contain `{}` where the choice goes",
                    ));
                }
                if let Some([lo, hi]) = e.answer_integers {
                    if lo > hi || hi - lo > 100_000 {
                        return Err(invalid(
                            format!("stages[{i}].envs[{j}].answer_integers"),
                            "needs lo ≤ hi and at most 100000 values",
                        ));
                    }
                }
                if !(e.weight.is_finite() && e.weight > 0.0) {
                    return Err(invalid(
                        format!("stages[{i}].envs[{j}].weight"),
                        "must be a positive number",
                    ));
                }
            }
            let r = self.resolve(i);
            let o = &st.overrides;
            // Name the key the value came from: the stage's override or the
            // run-wide table.
            let at = |set: bool, table: &str, field: &str| {
                if set {
                    format!("stages[{i}].overrides.{field}")
                } else {
                    format!("{table}.{field}")
                }
            };
            if r.grpo.group_size < 2 {
                return Err(invalid(
                    at(o.group_size.is_some(), "grpo", "group_size"),
                    "GRPO needs at least 2 completions per prompt",
                ));
            }
            if r.grpo.prompts_per_step == 0 {
                return Err(invalid(
                    at(o.prompts_per_step.is_some(), "grpo", "prompts_per_step"),
                    "must be at least 1",
                ));
            }
            if r.grpo.micro_batch == 0 {
                return Err(invalid("grpo.micro_batch", "must be at least 1"));
            }
            if r.grpo.iterations == 0 {
                return Err(invalid("grpo.iterations", "must be at least 1"));
            }
            if !(r.optim.lr.is_finite() && r.optim.lr > 0.0) {
                return Err(invalid(
                    at(o.lr.is_some(), "optim", "lr"),
                    "must be a positive number",
                ));
            }
            if !(r.grpo.beta.is_finite() && r.grpo.beta >= 0.0) {
                return Err(invalid(at(o.beta.is_some(), "grpo", "beta"), "must be ≥ 0"));
            }
            if !(r.sampling.temperature.is_finite() && r.sampling.temperature > 0.0) {
                return Err(invalid(
                    at(o.temperature.is_some(), "sampling", "temperature"),
                    "training needs a temperature > 0",
                ));
            }
            if r.sampling.max_new_tokens == 0 {
                return Err(invalid(
                    at(o.max_new_tokens.is_some(), "sampling", "max_new_tokens"),
                    "must be at least 1",
                ));
            }
        }
        Ok(())
    }

    /// Run-wide settings with stage `i`'s overrides applied.
    pub fn resolve(&self, i: usize) -> Resolved {
        let mut r = Resolved {
            grpo: self.grpo.clone(),
            optim: self.optim.clone(),
            sampling: self.sampling.clone(),
        };
        if let Some(o) = self.stages.get(i).map(|s| &s.overrides) {
            if let Some(v) = o.lr {
                r.optim.lr = v;
            }
            if let Some(v) = o.beta {
                r.grpo.beta = v;
            }
            if let Some(v) = o.group_size {
                r.grpo.group_size = v;
            }
            if let Some(v) = o.prompts_per_step {
                r.grpo.prompts_per_step = v;
            }
            if let Some(v) = o.temperature {
                r.sampling.temperature = v;
            }
            if let Some(v) = o.max_new_tokens {
                r.sampling.max_new_tokens = v;
            }
            if let Some(v) = o.constrain_format {
                r.sampling.constrain_format = v;
            }
        }
        r
    }

    /// Which stage global step `step` (0-based) belongs to, and the step's
    /// index within it.
    pub fn stage_of(&self, step: u64) -> Option<(usize, u64)> {
        let mut start = 0;
        for (i, s) in self.stages.iter().enumerate() {
            if step < start + s.steps {
                return Some((i, step - start));
            }
            start += s.steps;
        }
        None
    }
}

/// The 1-based line of `key` (`stages[1].envs[0].weight`) in TOML `text`,
/// or of its nearest enclosing table or array entry present in the file
/// (a defaulted key has no line of its own); `None` when nothing matches.
fn key_line(text: &str, key: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let mut table = Some(root.get_ref());
    let mut found: Option<std::ops::Range<usize>> = None;
    'parts: for part in key.split('.') {
        let (name, indices) = part.split_once('[').unwrap_or((part, ""));
        let Some((k, v)) = table.and_then(|t| t.iter().find(|(k, _)| k.get_ref() == name)) else {
            break;
        };
        found = Some(k.span());
        let mut value = v.get_ref();
        for idx in indices.split('[').filter(|s| !s.is_empty()) {
            let item = match (idx.trim_end_matches(']').parse::<usize>(), value) {
                (Ok(i), DeValue::Array(items)) => items.get(i),
                _ => None,
            };
            let Some(item) = item else {
                break 'parts;
            };
            found = Some(item.span());
            value = item.get_ref();
        }
        table = match value {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    found.map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1)
}

/// Names `trainer --env` accepts.
pub const BUILTIN_CONFIGS: &[&str] = &["math", "football", "spatial"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_configs_parse_and_validate() {
        for name in BUILTIN_CONFIGS {
            let cfg = RunConfig::builtin(name).unwrap();
            assert!(cfg.total_steps() > 0, "{name}");
        }
    }

    #[test]
    fn example_configs_parse_and_name_registered_envs() {
        for (name, text) in [
            (
                "lmm_r1_two_stage",
                include_str!("../../examples/lmm_r1_two_stage.toml"),
            ),
            (
                "vsgrpo_spatial",
                include_str!("../../examples/vsgrpo_spatial.toml"),
            ),
            (
                "football_frames",
                include_str!("../../examples/football_frames.toml"),
            ),
            (
                "lmm_r1_curriculum",
                include_str!("../../examples/lmm_r1_curriculum.toml"),
            ),
            (
                "lmm_r1_curriculum_spatial",
                include_str!("../../examples/lmm_r1_curriculum_spatial.toml"),
            ),
            (
                "lmm_r1_mgt_alone",
                include_str!("../../examples/lmm_r1_mgt_alone.toml"),
            ),
            (
                "math_addition",
                include_str!("../../examples/math_addition.toml"),
            ),
            (
                "football_academy",
                include_str!("../../examples/football_academy.toml"),
            ),
        ] {
            let cfg = RunConfig::from_toml(text, name).unwrap();
            let known: Vec<String> = rulegym_envs::list().into_iter().map(|e| e.name).collect();
            for st in &cfg.stages {
                for e in &st.envs {
                    assert!(known.contains(&e.name), "{name}: unknown env {}", e.name);
                    // The env's own config is valid too (a typo'd key fails
                    // here, not minutes into a run).
                    if let Err(err) = rulegym_envs::make(&e.name, &e.config) {
                        panic!("{name}: {}: {err}", e.name);
                    }
                }
            }
        }
        for name in BUILTIN_CONFIGS {
            let cfg = RunConfig::builtin(name).unwrap();
            for e in &cfg.stages[0].envs {
                assert!(
                    rulegym_envs::make(&e.name, &e.config).is_ok(),
                    "{name}: {}",
                    e.name
                );
            }
        }
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let text = "name = \"x\"\n[grpo]\ngroup_size = 4\nbeta_typo = 1.0\n";
        let msg = RunConfig::from_toml(text, "run.toml")
            .err()
            .unwrap()
            .to_string();
        assert!(msg.contains("beta_typo"), "{msg}");
        assert!(msg.contains("line 4"), "{msg}");
        assert!(msg.contains("run.toml"), "{msg}");
    }

    #[test]
    fn wrong_type_is_named_with_its_line() {
        let text = "[optim]\nlr = \"fast\"\n";
        let msg = RunConfig::from_toml(text, "run.toml")
            .err()
            .unwrap()
            .to_string();
        assert!(msg.contains("line 2"), "{msg}");
    }

    #[test]
    fn out_of_range_value_is_named_with_its_line() {
        let text = r#"name = "x"

[[stages]]
name = "a"
envs = [{ name = "math/arithmetic" }]

[[stages]]
name = "b"
envs = [{ name = "math/arithmetic", weight = -1.0 }]
"#;
        let msg = RunConfig::from_toml(text, "run.toml")
            .err()
            .unwrap()
            .to_string();
        assert!(msg.contains("stages[1].envs[0].weight"), "{msg}");
        assert!(msg.contains("run.toml line 9"), "{msg}");

        let text = "name = \"x\"\n[optim]\nlr = 0.001\n\n[[stages]]\nname = \"a\"\nenvs = [{ name = \"e\" }]\noverrides = { lr = -1.0 }\n";
        let msg = RunConfig::from_toml(text, "run.toml")
            .err()
            .unwrap()
            .to_string();
        assert!(msg.contains("stages[0].overrides.lr"), "{msg}");
        assert!(msg.contains("line 8"), "{msg}");
    }

    #[test]
    fn defaulted_key_points_at_its_table() {
        // A key set in the file is located; one absent falls back to its table.
        let msg = RunConfig::from_toml(
            "workers = 0\n[[stages]]\nenvs = [{ name = \"e\" }]\n",
            "r.toml",
        )
        .err()
        .unwrap()
        .to_string();
        assert!(msg.contains("`workers`") && msg.contains("line 1"), "{msg}");
        let msg = RunConfig::from_toml(
            "[log]\nmax_nonfinite_steps = 0\n[[stages]]\nenvs = [{ name = \"e\" }]\n",
            "r.toml",
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            msg.contains("log.max_nonfinite_steps") && msg.contains("line 2"),
            "{msg}"
        );
        assert_eq!(key_line("[grpo]\nbeta = 1.0\n", "grpo.group_size"), Some(1));
        assert_eq!(key_line("seed = 1\n", "grpo.group_size"), None);
    }

    #[test]
    fn missing_stages_are_refused() {
        let msg = RunConfig::from_toml("name = \"x\"\n", "r")
            .err()
            .unwrap()
            .to_string();
        assert!(msg.contains("stages"), "{msg}");
    }

    #[test]
    fn stage_overrides_apply_only_to_their_stage() {
        let text = r#"
[optim]
lr = 0.001
[[stages]]
name = "a"
steps = 3
envs = [{ name = "x" }]
[[stages]]
name = "b"
steps = 2
envs = [{ name = "y", weight = 2.0, config = { level = 2 } }]
overrides = { lr = 0.0001, beta = 0.0 }
"#;
        let cfg = RunConfig::from_toml(text, "r").unwrap();
        assert_eq!(cfg.resolve(0).optim.lr, 1e-3);
        assert_eq!(cfg.resolve(1).optim.lr, 1e-4);
        assert_eq!(cfg.resolve(1).grpo.beta, 0.0);
        assert_eq!(cfg.stages[1].envs[0].config["level"], 2);
        assert_eq!(cfg.stage_of(0), Some((0, 0)));
        assert_eq!(cfg.stage_of(3), Some((1, 0)));
        assert_eq!(cfg.stage_of(5), None);
    }

    #[test]
    fn resolved_config_round_trips() {
        let cfg = RunConfig::builtin("math").unwrap();
        let back = RunConfig::from_toml(&cfg.to_toml().unwrap(), "r").unwrap();
        assert_eq!(cfg, back);
    }

    #[test]
    fn a_value_toml_cannot_hold_is_an_error_naming_the_config() {
        let mut cfg = RunConfig::builtin("math").unwrap();
        cfg.stages[0].envs[0].config = serde_json::json!({ "difficulty": null });
        let err = cfg.to_toml().unwrap_err();
        assert!(matches!(err, ConfigError::Serialise { .. }), "{err}");
        assert!(err.to_string().contains("config `math`"), "{err}");
    }
}
