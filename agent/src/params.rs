//! The parameter store: every weight as a candle `Var`, keyed by its checkpoint name.
//!
//! Which names exist is not listed here: the store is filled by building the decoder's layers
//! over a [`Fresh`] or [`Load`] source, so the names are those the layer constructors ask for.
use std::collections::{BTreeMap, BTreeSet};

use candle_core::{DType, Device, Tensor, Var};
use rand_distr::Normal;

use crate::config::ModelConfig;
use crate::error::{AgentError, Result};
use crate::nn::{Fresh, Load};
use crate::text::TextModel;

/// Named parameters plus which of them are frozen.
#[derive(Debug, Clone)]
pub struct Params {
    pub vars: BTreeMap<String, Var>,
    /// Names excluded from training (by `freeze` patterns).
    pub frozen: BTreeSet<String>,
}

impl Params {
    fn of(vars: Vec<(String, Var)>) -> Self {
        Self {
            vars: vars.into_iter().collect(),
            frozen: BTreeSet::new(),
        }
    }

    /// Random init from a seed (normal with `initializer_range`, norms 1, biases 0).
    pub fn init(cfg: &ModelConfig, seed: u64, dtype: DType, dev: &Device) -> Result<Self> {
        let normal = Normal::new(0f32, cfg.initializer_range as f32)
            .map_err(|e| AgentError::Config(format!("initializer_range: {e}")))?;
        let fresh = Fresh::new(seed, normal, dtype, dev);
        TextModel::build(cfg, &fresh)?;
        Ok(Self::of(fresh.into_vars()))
    }

    /// Takes tensors by checkpoint name (removing them from `tensors`), checking names and
    /// shapes against the config.
    pub fn from_tensors(
        cfg: &ModelConfig,
        tensors: &mut BTreeMap<String, Tensor>,
        dtype: DType,
        looked_in: &str,
    ) -> Result<Self> {
        let vars = {
            let find = |name: &str| tensors.get(name).cloned();
            let load = Load::new(&find, dtype, None, looked_in);
            TextModel::build(cfg, &load)?;
            load.into_vars()
        };
        for (name, _) in &vars {
            tensors.remove(name);
        }
        Ok(Self::of(vars))
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
