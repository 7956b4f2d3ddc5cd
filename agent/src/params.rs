//! The parameter store: every weight as a candle `Var`, keyed by its checkpoint name.
use std::collections::{BTreeMap, BTreeSet};

use candle_core::{DType, Device, Tensor, Var};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::config::ModelConfig;
use crate::error::{AgentError, Result};
use crate::text::{param_specs, Init};

/// Named parameters plus which of them are frozen.
#[derive(Debug, Clone)]
pub struct Params {
    pub vars: BTreeMap<String, Var>,
    /// Names excluded from training (by `freeze` patterns).
    pub frozen: BTreeSet<String>,
}

impl Params {
    /// Random init from a seed (normal with `initializer_range`, norms 1, biases 0).
    pub fn init(cfg: &ModelConfig, seed: u64, dtype: DType, dev: &Device) -> Result<Self> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let normal = Normal::new(0f32, cfg.initializer_range as f32)
            .map_err(|e| AgentError::Config(format!("initializer_range: {e}")))?;
        let mut vars = BTreeMap::new();
        for s in param_specs(cfg) {
            let n: usize = s.shape.iter().product();
            let data: Vec<f32> = match s.init {
                Init::Normal => (0..n).map(|_| normal.sample(&mut rng)).collect(),
                Init::Ones => vec![1.0; n],
                Init::Zeros => vec![0.0; n],
            };
            let t = Tensor::from_vec(data, s.shape.as_slice(), dev)?.to_dtype(dtype)?;
            vars.insert(s.name, Var::from_tensor(&t)?);
        }
        Ok(Self {
            vars,
            frozen: BTreeSet::new(),
        })
    }

    /// Takes tensors by checkpoint name, checking names and shapes against the config.
    pub fn from_tensors(
        cfg: &ModelConfig,
        tensors: &mut BTreeMap<String, Tensor>,
        dtype: DType,
        looked_in: &str,
    ) -> Result<Self> {
        let mut vars = BTreeMap::new();
        for s in param_specs(cfg) {
            let t = tensors
                .remove(&s.name)
                .ok_or_else(|| AgentError::MissingTensor {
                    name: s.name.clone(),
                    looked_in: looked_in.to_string(),
                })?;
            if t.dims() != s.shape.as_slice() {
                return Err(AgentError::ShapeMismatch {
                    name: s.name,
                    got: t.dims().to_vec(),
                    want: s.shape,
                });
            }
            vars.insert(s.name, Var::from_tensor(&t.to_dtype(dtype)?)?);
        }
        Ok(Self {
            vars,
            frozen: BTreeSet::new(),
        })
    }

    /// A deep copy (new storage).
    pub fn deep_copy(&self) -> Result<Self> {
        let mut vars = BTreeMap::new();
        for (k, v) in &self.vars {
            vars.insert(k.clone(), Var::from_tensor(&v.as_tensor().copy()?)?);
        }
        Ok(Self {
            vars,
            frozen: self.frozen.clone(),
        })
    }

    pub fn get(&self, name: &str) -> Result<&Var> {
        self.vars
            .get(name)
            .ok_or_else(|| AgentError::MissingTensor {
                name: name.to_string(),
                looked_in: "parameters".into(),
            })
    }
}
