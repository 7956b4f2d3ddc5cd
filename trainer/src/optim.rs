//! AdamW with its state exposed (so checkpoints can save and restore it
//! exactly), a warmup + cosine schedule, global-norm clipping and gradient
//! accumulation over micro-batches.
//!
//! Half-precision (bf16/f16) parameters get an f32 master copy and f32
//! moments: a bf16 weight has 8 mantissa bits, so an update below ~1/256 of
//! the weight would round away and a small learning rate would train nothing.

use std::collections::HashMap;
use std::path::Path;

use candle_core::backprop::GradStore;
use candle_core::{DType, Device, Tensor, Var};
use serde::{Deserialize, Serialize};

/// Errors of the optimizer and its state files.
#[derive(Debug, thiserror::Error)]
pub enum OptimError {
    #[error("optimizer tensor op: {0}")]
    Candle(#[from] candle_core::Error),
    #[error("optimizer state {path}: {msg}")]
    State { path: String, msg: String },
}

/// AdamW hyperparameters (decoupled weight decay, Loshchilov & Hutter).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdamWConfig {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
}

impl Default for AdamWConfig {
    fn default() -> Self {
        // torch / TRL defaults, except weight decay 0 as TRL's GRPOConfig.
        Self {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.0,
        }
    }
}

/// The precision optimizer state and gradients are kept in for a parameter dtype.
pub fn state_dtype(param: DType) -> DType {
    match param {
        DType::BF16 | DType::F16 => DType::F32,
        d => d,
    }
}

/// AdamW over named `Var`s; `m`/`v` (and f32 masters of half-precision
/// vars) are plain tensors saved by name.
pub struct AdamW {
    cfg: AdamWConfig,
    vars: Vec<(String, Var)>,
    m: Vec<Tensor>,
    v: Vec<Tensor>,
    /// The f32 weights of half-precision vars; the var holds their rounding.
    master: Vec<Option<Tensor>>,
    step: u64,
}

impl AdamW {
    pub fn new(vars: Vec<(String, Var)>, cfg: AdamWConfig) -> Result<Self, OptimError> {
        let mut m = Vec::with_capacity(vars.len());
        let mut master = Vec::with_capacity(vars.len());
        for (_, var) in &vars {
            let t = var.as_tensor();
            let sd = state_dtype(t.dtype());
            m.push(t.zeros_like()?.to_dtype(sd)?);
            master.push(if sd == t.dtype() {
                None
            } else {
                Some(t.to_dtype(sd)?.detach())
            });
        }
        let v = m.clone();
        Ok(Self {
            cfg,
            vars,
            m,
            v,
            master,
            step: 0,
        })
    }

    pub fn vars(&self) -> &[(String, Var)] {
        &self.vars
    }

    pub fn step_count(&self) -> u64 {
        self.step
    }

    /// One update with learning rate `lr` from (already clipped) `grads`.
    /// Vars without a gradient are left alone.
    pub fn step(&mut self, grads: &Grads, lr: f64) -> Result<(), OptimError> {
        self.step += 1;
        let c = self.cfg;
        let bc1 = 1.0 - c.beta1.powi(self.step as i32);
        let bc2 = 1.0 - c.beta2.powi(self.step as i32);
        for (i, (name, var)) in self.vars.iter().enumerate() {
            let Some(g) = grads.get(name) else { continue };
            let g = g.to_dtype(self.m[i].dtype())?;
            let m = ((&self.m[i] * c.beta1)? + (&g * (1.0 - c.beta1))?)?;
            let v = ((&self.v[i] * c.beta2)? + (g.sqr()? * (1.0 - c.beta2))?)?;
            let m_hat = (&m / bc1)?;
            let v_hat = (&v / bc2)?;
            let update = (m_hat / (v_hat.sqrt()? + c.eps)?)?;
            let w = self.master[i].as_ref().unwrap_or(var.as_tensor());
            let decayed = (w * (1.0 - lr * c.weight_decay))?;
            let next = (decayed - (update * lr)?)?;
            if let Some(master) = &mut self.master[i] {
                var.set(&next.to_dtype(var.dtype())?)?;
                *master = next;
            } else {
                var.set(&next)?;
            }
            self.m[i] = m;
            self.v[i] = v;
        }
        Ok(())
    }

    /// Writes `m.<name>`, `v.<name>` and the step count to one safetensors file.
    pub fn save(&self, path: &Path) -> Result<(), OptimError> {
        let mut map: HashMap<String, Tensor> = HashMap::new();
        for (i, (name, _)) in self.vars.iter().enumerate() {
            map.insert(format!("m.{name}"), self.m[i].clone());
            map.insert(format!("v.{name}"), self.v[i].clone());
            if let Some(w) = &self.master[i] {
                map.insert(format!("w.{name}"), w.clone());
            }
        }
        // u64 step as two u32 halves would need a dtype we lack; i64 holds it.
        map.insert(
            "step".into(),
            Tensor::new(&[self.step as i64], &Device::Cpu)?,
        );
        candle_core::safetensors::save(&map, path).map_err(|e| OptimError::State {
            path: path.display().to_string(),
            msg: e.to_string(),
        })
    }

    /// Restores the state written by [`AdamW::save`]; every var must be there
    /// with its shape.
    pub fn load(&mut self, path: &Path) -> Result<(), OptimError> {
        let err = |msg: String| OptimError::State {
            path: path.display().to_string(),
            msg,
        };
        let dev = self
            .vars
            .first()
            .map(|(_, v)| v.device().clone())
            .unwrap_or(Device::Cpu);
        let map = candle_core::safetensors::load(path, &dev).map_err(|e| err(e.to_string()))?;
        for (i, (name, var)) in self.vars.iter().enumerate() {
            for (key, slot) in [("m", &mut self.m[i]), ("v", &mut self.v[i])] {
                let t = map
                    .get(&format!("{key}.{name}"))
                    .ok_or_else(|| err(format!("missing tensor {key}.{name}")))?;
                if t.shape() != var.shape() {
                    return Err(err(format!(
                        "tensor {key}.{name} has shape {:?}, parameter has {:?}",
                        t.shape(),
                        var.shape()
                    )));
                }
                *slot = t.to_dtype(state_dtype(var.dtype()))?;
            }
            // A state saved before the run switched precision has no master:
            // start it from the weights as loaded.
            if let Some(master) = &mut self.master[i] {
                *master = match map.get(&format!("w.{name}")) {
                    Some(w) if w.shape() == var.shape() => w.to_dtype(DType::F32)?,
                    Some(w) => {
                        return Err(err(format!(
                            "tensor w.{name} has shape {:?}, parameter has {:?}",
                            w.shape(),
                            var.shape()
                        )))
                    }
                    None => var.as_tensor().to_dtype(DType::F32)?.detach(),
                };
            }
        }
        let step = map
            .get("step")
            .ok_or_else(|| err("missing tensor step".into()))?
            .to_vec1::<i64>()?;
        self.step = step.first().copied().unwrap_or(0).max(0) as u64;
        Ok(())
    }
}

/// Gradients summed over micro-batches, by parameter name.
#[derive(Default)]
pub struct Grads {
    by_name: HashMap<String, Tensor>,
}

impl Grads {
    /// Adds the gradients of one backward pass for the listed vars.
    pub fn accumulate(
        &mut self,
        store: &GradStore,
        vars: &[(String, Var)],
    ) -> Result<(), OptimError> {
        for (name, var) in vars {
            if let Some(g) = store.get(var.as_tensor()) {
                // Half-precision gradients are summed and clipped in f32.
                let g = g.to_dtype(state_dtype(g.dtype()))?;
                let sum = match self.by_name.remove(name) {
                    Some(prev) => (prev + g)?,
                    None => g.detach(),
                };
                self.by_name.insert(name.clone(), sum);
            }
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&Tensor> {
        self.by_name.get(name)
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// The global L2 norm over every gradient.
    pub fn global_norm(&self) -> Result<f64, OptimError> {
        let mut sq = 0.0f64;
        for g in self.by_name.values() {
            sq += g
                .sqr()?
                .sum_all()?
                .to_dtype(candle_core::DType::F64)?
                .to_scalar::<f64>()?;
        }
        Ok(sq.sqrt())
    }

    /// Scales all gradients so their global norm is at most `max_norm`
    /// (torch `clip_grad_norm_`); returns the norm before clipping.
    pub fn clip_global_norm(&mut self, max_norm: f64) -> Result<f64, OptimError> {
        let norm = self.global_norm()?;
        if max_norm > 0.0 && norm.is_finite() && norm > max_norm {
            let scale = max_norm / (norm + 1e-6);
            for g in self.by_name.values_mut() {
                *g = (&*g * scale)?;
            }
        }
        Ok(norm)
    }
}

/// Linear warmup then cosine decay to `min_ratio · peak` (TRL/HF
/// `cosine_with_min_lr`); `step` counts optimizer updates from 0.
pub fn lr_at(peak: f64, step: u64, warmup: u64, total: u64, min_ratio: f64) -> f64 {
    if warmup > 0 && step < warmup {
        return peak * (step + 1) as f64 / warmup as f64;
    }
    let span = total.saturating_sub(warmup).max(1) as f64;
    let progress = ((step - warmup.min(step)) as f64 / span).min(1.0);
    let cosine = 0.5 * (1.0 + (std::f64::consts::PI * progress).cos());
    peak * (min_ratio + (1.0 - min_ratio) * cosine)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(vals: &[f32]) -> Var {
        Var::new(vals, &Device::Cpu).unwrap()
    }

    #[test]
    fn first_adamw_step_moves_each_weight_by_lr() {
        // After one step m̂ = g, v̂ = g², so the update is lr · sign(g).
        let w = var(&[1.0, -2.0]);
        let mut opt = AdamW::new(vec![("w".into(), w.clone())], AdamWConfig::default()).unwrap();
        let loss = (w.as_tensor() * &Tensor::new(&[3.0f32, -0.5], &Device::Cpu).unwrap())
            .unwrap()
            .sum_all()
            .unwrap();
        let mut g = Grads::default();
        g.accumulate(&loss.backward().unwrap(), opt.vars()).unwrap();
        opt.step(&g, 0.1).unwrap();
        let got = w.as_tensor().to_vec1::<f32>().unwrap();
        assert!(
            (got[0] - 0.9).abs() < 1e-6 && (got[1] + 1.9).abs() < 1e-6,
            "{got:?}"
        );
    }

    #[test]
    fn weight_decay_is_decoupled() {
        let w = var(&[2.0]);
        let cfg = AdamWConfig {
            weight_decay: 0.5,
            ..Default::default()
        };
        let mut opt = AdamW::new(vec![("w".into(), w.clone())], cfg).unwrap();
        let mut g = Grads::default();
        let loss = w.as_tensor().sum_all().unwrap();
        g.accumulate(&loss.backward().unwrap(), opt.vars()).unwrap();
        opt.step(&g, 0.1).unwrap();
        // 2 · (1 − 0.05) − 0.1 = 1.8
        let got = w.as_tensor().to_vec1::<f32>().unwrap()[0];
        assert!((got - 1.8).abs() < 1e-6, "{got}");
    }

    #[test]
    fn accumulation_sums_and_clipping_scales_to_max_norm() {
        let w = var(&[0.0, 0.0]);
        let vars = vec![("w".to_string(), w.clone())];
        let c = Tensor::new(&[3.0f32, 4.0], &Device::Cpu).unwrap();
        let mut g = Grads::default();
        for _ in 0..2 {
            let loss = (w.as_tensor() * &c).unwrap().sum_all().unwrap();
            g.accumulate(&loss.backward().unwrap(), &vars).unwrap();
        }
        assert!((g.global_norm().unwrap() - 10.0).abs() < 1e-5);
        let before = g.clip_global_norm(1.0).unwrap();
        assert!((before - 10.0).abs() < 1e-5);
        assert!((g.global_norm().unwrap() - 1.0).abs() < 1e-4);
    }

    #[test]
    fn state_round_trips_through_safetensors() {
        let dir = std::env::temp_dir().join(format!("rulegym-optim-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("opt.safetensors");
        let w = var(&[1.0, 2.0]);
        let mut opt = AdamW::new(vec![("w".into(), w.clone())], AdamWConfig::default()).unwrap();
        let mut g = Grads::default();
        g.accumulate(
            &w.as_tensor()
                .sqr()
                .unwrap()
                .sum_all()
                .unwrap()
                .backward()
                .unwrap(),
            opt.vars(),
        )
        .unwrap();
        opt.step(&g, 0.01).unwrap();
        opt.save(&path).unwrap();
        let mut other = AdamW::new(vec![("w".into(), w.clone())], AdamWConfig::default()).unwrap();
        other.load(&path).unwrap();
        assert_eq!(other.step_count(), 1);
        assert_eq!(
            other.m[0].to_vec1::<f32>().unwrap(),
            opt.m[0].to_vec1::<f32>().unwrap()
        );
        let mut missing = AdamW::new(vec![("u".into(), w)], AdamWConfig::default()).unwrap();
        let msg = missing.load(&path).err().unwrap().to_string();
        assert!(msg.contains("m.u"), "{msg}");
        std::fs::remove_dir_all(&dir).ok();
    }

    /// 1 − 0.001 rounds back to 1 in bf16, so without an f32 master ten
    /// small steps would leave the weight where it started.
    #[test]
    fn bf16_weights_keep_small_updates_through_an_f32_master() {
        let w = Var::from_tensor(
            &Tensor::new(&[1.0f32, -1.0], &Device::Cpu)
                .unwrap()
                .to_dtype(DType::BF16)
                .unwrap(),
        )
        .unwrap();
        let mut opt = AdamW::new(vec![("w".into(), w.clone())], AdamWConfig::default()).unwrap();
        assert_eq!(opt.m[0].dtype(), DType::F32);
        let c = Tensor::new(&[1.0f32, -1.0], &Device::Cpu)
            .unwrap()
            .to_dtype(DType::BF16)
            .unwrap();
        for _ in 0..10 {
            let mut g = Grads::default();
            let loss = (w.as_tensor() * &c).unwrap().sum_all().unwrap();
            g.accumulate(&loss.backward().unwrap(), opt.vars()).unwrap();
            assert_eq!(g.get("w").unwrap().dtype(), DType::F32);
            opt.step(&g, 1e-3).unwrap();
        }
        assert_eq!(w.dtype(), DType::BF16);
        let master = opt.master[0].as_ref().unwrap().to_vec1::<f32>().unwrap();
        assert!((master[0] - 0.99).abs() < 1e-5, "{master:?}");
        assert!((master[1] + 0.99).abs() < 1e-5, "{master:?}");
        let got = w
            .as_tensor()
            .to_dtype(DType::F32)
            .unwrap()
            .to_vec1::<f32>()
            .unwrap();
        assert!(got[0] < 1.0 && (got[0] - 0.99).abs() < 4e-3, "{got:?}");

        // The master travels with the state, so a resumed run continues
        // from 0.99, not from the bf16 rounding the checkpoint holds.
        let dir = std::env::temp_dir().join(format!("rulegym-optim-bf16-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("opt.safetensors");
        opt.save(&path).unwrap();
        let mut other = AdamW::new(vec![("w".into(), w.clone())], AdamWConfig::default()).unwrap();
        other.load(&path).unwrap();
        assert_eq!(
            other.master[0].as_ref().unwrap().to_vec1::<f32>().unwrap(),
            master
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn schedule_warms_up_then_decays_to_the_floor() {
        assert!((lr_at(1.0, 0, 4, 100, 0.1) - 0.25).abs() < 1e-12);
        assert!((lr_at(1.0, 3, 4, 100, 0.1) - 1.0).abs() < 1e-12);
        assert!((lr_at(1.0, 4, 4, 100, 0.1) - 1.0).abs() < 1e-12);
        assert!((lr_at(1.0, 52, 4, 100, 0.1) - 0.55).abs() < 1e-12);
        assert!((lr_at(1.0, 100, 4, 100, 0.1) - 0.1).abs() < 1e-12);
        assert!((lr_at(1.0, 500, 4, 100, 0.1) - 0.1).abs() < 1e-12);
    }
}
