//! LoRA adapters (Hu et al. 2021): `W x + (alpha / r) · B A x`, with `A` random and `B` zero so
//! training starts from the base model. Adapters are saved alone in PEFT's layout
//! (`adapter_config.json`, `adapter_model.safetensors`, names `base_model.model.<module>.lora_A.weight`).
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use candle_core::{DType, Device, Tensor, Var};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Uniform};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::{io_err, AgentError, Result};
use crate::glob::glob_match;
use crate::nn::{DropoutRng, LinearSpec, LoraPair};

/// LoRA hyper-parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoraConfig {
    pub rank: usize,
    pub alpha: f64,
    /// Module names (`q_proj`, `v_proj`, ...) or globs over full module paths.
    pub target_modules: Vec<String>,
    /// Dropout on the adapter input during training forward passes (`log_probs`).
    pub dropout: f64,
}

impl Default for LoraConfig {
    fn default() -> Self {
        Self {
            rank: 8,
            alpha: 16.0,
            target_modules: vec![
                "q_proj".into(),
                "k_proj".into(),
                "v_proj".into(),
                "o_proj".into(),
            ],
            dropout: 0.0,
        }
    }
}

impl LoraConfig {
    /// PEFT matching: exact name, a `.name` suffix, or a glob over the full path.
    pub fn targets(&self, module: &str) -> bool {
        self.target_modules.iter().any(|t| {
            module == t
                || module.ends_with(&format!(".{t}"))
                || (t.contains('*') && glob_match(t, module))
        })
    }

    pub fn scale(&self) -> f64 {
        self.alpha / self.rank as f64
    }

    fn validate(&self) -> Result<()> {
        if self.rank == 0 || !(self.alpha.is_finite() && self.alpha > 0.0) {
            return Err(AgentError::Invalid(format!(
                "LoRA rank must be ≥ 1 and alpha > 0 (got rank {}, alpha {})",
                self.rank, self.alpha
            )));
        }
        if !(0.0..1.0).contains(&self.dropout) {
            return Err(AgentError::Invalid(format!(
                "LoRA dropout {} not in [0, 1)",
                self.dropout
            )));
        }
        Ok(())
    }
}

/// PEFT names of a module's adapter pair.
pub fn lora_names(module: &str) -> (String, String) {
    (
        format!("base_model.model.{module}.lora_A.weight"),
        format!("base_model.model.{module}.lora_B.weight"),
    )
}

/// The adapters of a policy: config plus `Var`s by PEFT name.
#[derive(Debug, Clone)]
pub struct Adapters {
    pub cfg: LoraConfig,
    pub vars: BTreeMap<String, Var>,
    /// Dropout masks of every adapter (see [`DropoutRng`]).
    pub dropout_rng: Arc<DropoutRng>,
}

impl Adapters {
    /// Fresh adapters for every targeted linear layer of a model (`linears`: its inventory).
    pub fn init(
        cfg: &LoraConfig,
        linears: &[LinearSpec],
        seed: u64,
        dtype: DType,
        dev: &Device,
    ) -> Result<Self> {
        cfg.validate()?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut vars = BTreeMap::new();
        let mut hits = vec![false; cfg.target_modules.len()];
        for lin in linears {
            let name = &lin.module;
            if !cfg.targets(name) {
                continue;
            }
            for (i, t) in cfg.target_modules.iter().enumerate() {
                hits[i] |= LoraConfig {
                    target_modules: vec![t.clone()],
                    ..cfg.clone()
                }
                .targets(name);
            }
            let (out, inp) = (lin.out_dim, lin.in_dim);
            // PEFT's default: kaiming-uniform A (bound 1/sqrt(in)), zero B.
            let bound = 1.0 / (inp as f32).sqrt();
            let u = Uniform::new(-bound, bound)
                .map_err(|e| AgentError::Invalid(format!("LoRA init: {e}")))?;
            let a: Vec<f32> = (0..cfg.rank * inp).map(|_| u.sample(&mut rng)).collect();
            let a = Tensor::from_vec(a, (cfg.rank, inp), dev)?.to_dtype(dtype)?;
            let b = Tensor::zeros((out, cfg.rank), dtype, dev)?;
            let (na, nb) = lora_names(name);
            vars.insert(na, Var::from_tensor(&a)?);
            vars.insert(nb, Var::from_tensor(&b)?);
        }
        if let Some(i) = hits.iter().position(|h| !h) {
            return Err(AgentError::Invalid(format!(
                "LoRA target module {:?} matches no linear layer",
                cfg.target_modules[i]
            )));
        }
        Ok(Self {
            cfg: cfg.clone(),
            vars,
            dropout_rng: Arc::new(DropoutRng::default()),
        })
    }

    /// The update of the linear layer at `module`, if it has adapters; `detach`: no
    /// gradients and no dropout (inference, frozen copies), `frozen`: names not trained.
    pub fn pair(
        &self,
        module: &str,
        detach: bool,
        frozen: &std::collections::BTreeSet<String>,
    ) -> Option<LoraPair> {
        let (na, nb) = lora_names(module);
        let (a, b) = (self.vars.get(&na)?, self.vars.get(&nb)?);
        let view = |v: &Var, n: &str| {
            if detach || frozen.contains(n) {
                v.as_tensor().detach()
            } else {
                v.as_tensor().clone()
            }
        };
        Some(LoraPair {
            a: view(a, &na),
            b: view(b, &nb),
            scale: self.cfg.scale(),
            dropout: if detach { 0.0 } else { self.cfg.dropout },
            rng: self.dropout_rng.clone(),
        })
    }

    /// Writes `adapter_config.json` and `adapter_model.safetensors`.
    pub fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let modules = &self.cfg.target_modules;
        let cfg = json!({
            "peft_type": "LORA", "task_type": "CAUSAL_LM", "r": self.cfg.rank,
            "lora_alpha": self.cfg.alpha, "lora_dropout": self.cfg.dropout,
            "target_modules": modules, "bias": "none", "fan_in_fan_out": false,
            "inference_mode": false, "init_lora_weights": true, "use_rslora": false,
            "modules_to_save": null, "base_model_name_or_path": null
        });
        let path = dir.join("adapter_config.json");
        let s = serde_json::to_string_pretty(&cfg).map_err(|e| AgentError::Json {
            path: path.clone(),
            message: e.to_string(),
        })?;
        std::fs::write(&path, s).map_err(io_err(&path))?;
        let path = dir.join("adapter_model.safetensors");
        let meta: HashMap<String, String> = [("format".to_string(), "pt".to_string())].into();
        let tensors: Vec<(String, Tensor)> = self
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), v.as_tensor().detach()))
            .collect();
        safetensors::serialize_to_file(
            tensors.iter().map(|(k, t)| (k.as_str(), t)),
            Some(meta),
            &path,
        )
        .map_err(|e| AgentError::Safetensors {
            path,
            message: e.to_string(),
        })
    }

    /// Reads adapters saved by [`Adapters::save`] (or PEFT), checking them against a model's
    /// linear layers.
    pub fn load(dir: &Path, linears: &[LinearSpec], dtype: DType, dev: &Device) -> Result<Self> {
        let path = dir.join("adapter_config.json");
        let bytes = std::fs::read(&path).map_err(io_err(&path))?;
        let v: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| AgentError::Json {
                path: path.clone(),
                message: e.to_string(),
            })?;
        let bad = |m: &str| AgentError::Json {
            path: path.clone(),
            message: m.to_string(),
        };
        let rank = v
            .get("r")
            .and_then(|x| x.as_u64())
            .ok_or_else(|| bad("no integer r"))? as usize;
        let cfg = LoraConfig {
            rank,
            alpha: v
                .get("lora_alpha")
                .and_then(|x| x.as_f64())
                .unwrap_or(rank as f64),
            target_modules: serde_json::from_value(
                v.get("target_modules").cloned().unwrap_or(json!([])),
            )
            .map_err(|_| bad("target_modules must be a list of strings"))?,
            dropout: v
                .get("lora_dropout")
                .and_then(|x| x.as_f64())
                .unwrap_or(0.0),
        };
        cfg.validate()?;
        let st = dir.join("adapter_model.safetensors");
        let mut tensors =
            candle_core::safetensors::load(&st, dev).map_err(|e| AgentError::Safetensors {
                path: st.clone(),
                message: e.to_string(),
            })?;
        let mut vars = BTreeMap::new();
        for lin in linears {
            let (na, nb) = lora_names(&lin.module);
            match (tensors.remove(&na), tensors.remove(&nb)) {
                (Some(a), Some(b)) => {
                    let (out, inp) = (lin.out_dim, lin.in_dim);
                    for (n, t, want) in [(&na, &a, vec![rank, inp]), (&nb, &b, vec![out, rank])] {
                        if t.dims() != want.as_slice() {
                            return Err(AgentError::ShapeMismatch {
                                name: n.clone(),
                                got: t.dims().to_vec(),
                                want,
                            });
                        }
                    }
                    vars.insert(na, Var::from_tensor(&a.to_dtype(dtype)?)?);
                    vars.insert(nb, Var::from_tensor(&b.to_dtype(dtype)?)?);
                }
                (None, None) => {}
                _ => {
                    return Err(AgentError::MissingTensor {
                        name: format!("{na} / {nb} (one of the pair)"),
                        looked_in: st.display().to_string(),
                    })
                }
            }
        }
        if let Some(extra) = tensors.keys().next() {
            return Err(AgentError::Invalid(format!(
                "{}: adapter tensor {extra} matches no layer",
                st.display()
            )));
        }
        if vars.is_empty() {
            return Err(AgentError::Invalid(format!(
                "{}: no adapter tensors",
                st.display()
            )));
        }
        Ok(Self {
            cfg,
            vars,
            dropout_rng: Arc::new(DropoutRng::default()),
        })
    }
}

/// `W + scale · B A`, the merged weight of one layer.
pub fn merged_weight(weight: &Tensor, l: &LoraPair) -> Result<Tensor> {
    Ok((weight + crate::gemm::matmul(&l.b, &l.a)?.affine(l.scale, 0.0)?)?)
}
