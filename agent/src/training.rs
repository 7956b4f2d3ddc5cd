//! What trains: the parameters an optimizer updates, freezing by glob, the frozen reference
//! copy, and LoRA adapters (enable, merge, save, load).
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use candle_core::Var;

use crate::error::{AgentError, Result};
use crate::glob::glob_match;
use crate::lora::{merged_weight, Adapters, LoraConfig};
use crate::policy::Policy;

impl Policy {
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
            let mut vars = BTreeMap::new();
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
        let seed = 0x4c6f_5241 ^ cfg.rank as u64;
        let linears = &self.inventory.linears;
        self.adapters = Some(Adapters::init(
            cfg,
            linears,
            seed,
            self.dtype,
            &self.device,
        )?);
        self.rebuild()
    }

    /// Folds the adapters into the base weights (`W += alpha/r · B A`) and removes them.
    pub fn merge_lora(&mut self) -> Result<()> {
        let Some(adapters) = &self.adapters else {
            return Err(AgentError::Invalid(
                "merge_lora: LoRA is not enabled".into(),
            ));
        };
        for lin in &self.inventory.linears {
            if let Some(pair) = adapters.pair(&lin.module, true, &self.params.frozen) {
                let w = self.params.get(&lin.weight)?;
                w.set(&merged_weight(&w.as_tensor().detach(), &pair)?)?;
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
        let a = Adapters::load(dir, &self.inventory.linears, self.dtype, &self.device)?;
        self.adapters = Some(a);
        self.rebuild()
    }
}
