//! The vision towers are training-correct: every trainable tensor receives a finite, non-zero
//! gradient, the gradients match finite differences, and freezing stops them.
use std::collections::HashMap;

use anyhow::{anyhow, Result};
use candle_core::{DType, Tensor};
use rulegym_agent::vision::{VisionConfig, VisionFreeze, VisionKind, VisionTower};

fn tiny(kind: VisionKind) -> VisionConfig {
    VisionConfig::tiny(kind)
}

/// Tower in `dtype` on `RULEGYM_DEVICE` (the CPU unless set) with the random init of seed 5; norm weights and biases get spread too so
/// that no gradient vanishes by symmetry.
fn tower(kind: VisionKind, dtype: DType) -> Result<VisionTower> {
    let (dev, _) = rulegym_agent::device_from_env()?;
    let base = VisionTower::random(&tiny(kind), 5, &dev)?;
    let mut map = HashMap::new();
    for (name, var) in base.named_vars() {
        let t = var.as_tensor();
        let jitter = Tensor::randn(0f32, 0.2, t.dims(), &dev)?;
        map.insert(name.clone(), (t + jitter)?);
    }
    Ok(VisionTower::from_tensors(
        &tiny(kind),
        &map,
        "visual.",
        dtype,
        &dev,
    )?)
}

const GRIDS: [[usize; 3]; 2] = [[1, 4, 8], [2, 4, 4]];

fn inputs(cfg: &VisionConfig, dtype: DType) -> Result<(Tensor, Tensor)> {
    let (dev, _) = rulegym_agent::device_from_env()?;
    let n: usize = GRIDS.iter().map(|g| g.iter().product::<usize>()).sum();
    let px = Tensor::randn(0f32, 1.0, (n, cfg.patch_dim()), &dev)?.to_dtype(dtype)?;
    let w = Tensor::randn(0f32, 1.0, (n / 4, cfg.out_dim), &dev)?.to_dtype(dtype)?;
    Ok((px, w))
}

fn loss(t: &VisionTower, px: &Tensor, w: &Tensor) -> Result<Tensor> {
    Ok((t.forward(px, &GRIDS)? * w)?.sum_all()?)
}

#[test]
fn every_vision_tensor_gets_a_finite_nonzero_gradient() -> Result<()> {
    for kind in [VisionKind::Qwen2Vl, VisionKind::Qwen25Vl] {
        let t = tower(kind, DType::F32)?;
        let (px, w) = inputs(t.config(), DType::F32)?;
        let grads = loss(&t, &px, &w)?.backward()?;
        assert_eq!(t.trainable_vars().len(), t.named_vars().len());
        for (name, var) in t.trainable_vars() {
            let g = grads
                .get(var.as_tensor())
                .ok_or_else(|| anyhow!("{kind:?}: no gradient for {name}"))?;
            let v: Vec<f32> = g.flatten_all()?.to_vec1()?;
            assert!(
                v.iter().all(|x| x.is_finite()),
                "{name}: non-finite gradient"
            );
            assert!(
                v.iter().any(|x| *x != 0.0),
                "{kind:?}: zero gradient for {name}"
            );
        }
    }
    Ok(())
}

#[test]
fn vision_gradients_match_finite_differences() -> Result<()> {
    for kind in [VisionKind::Qwen2Vl, VisionKind::Qwen25Vl] {
        let t = tower(kind, DType::F64)?;
        let (px, w) = inputs(t.config(), DType::F64)?;
        let grads = loss(&t, &px, &w)?.backward()?;
        // One entry of every tensor, at a position that moves through the tensor list.
        for (i, (name, var)) in t.named_vars().iter().enumerate() {
            let n = var.elem_count();
            let k = (i * 7919) % n;
            let g = grads
                .get(var.as_tensor())
                .ok_or_else(|| anyhow!("no gradient for {name}"))?
                .flatten_all()?
                .get(k)?
                .to_scalar::<f64>()?;
            let orig = var.as_tensor().copy()?;
            let eps = 1e-5;
            let bump = |d: f64| -> Result<f64> {
                let mut v: Vec<f64> = orig.flatten_all()?.to_vec1()?;
                v[k] += d;
                var.set(&Tensor::from_vec(v, orig.dims(), orig.device())?)?;
                Ok(loss(&t, &px, &w)?.to_scalar::<f64>()?)
            };
            let fd = (bump(eps)? - bump(-eps)?) / (2.0 * eps);
            var.set(&orig)?;
            let tol = 1e-6 + 1e-4 * g.abs().max(fd.abs());
            assert!(
                (g - fd).abs() < tol,
                "{kind:?} {name}[{k}]: autograd {g} vs finite difference {fd}"
            );
        }
    }
    Ok(())
}

#[test]
fn frozen_tower_and_merger_get_no_gradient() -> Result<()> {
    let mut t = tower(VisionKind::Qwen25Vl, DType::F32)?;
    t.set_freeze(VisionFreeze {
        tower: true,
        merger: false,
    })?;
    let (px, w) = inputs(t.config(), DType::F32)?;
    let grads = loss(&t, &px, &w)?.backward()?;
    let trainable: Vec<String> = t.trainable_vars().into_iter().map(|(n, _)| n).collect();
    assert!(!trainable.is_empty() && trainable.iter().all(|n| n.starts_with("visual.merger.")));
    for (name, var) in t.named_vars() {
        let has = grads.get(var.as_tensor()).is_some();
        assert_eq!(has, name.starts_with("visual.merger."), "{name}");
    }
    t.set_freeze(VisionFreeze {
        tower: true,
        merger: true,
    })?;
    assert!(t.trainable_vars().is_empty());
    let out = t.forward(&px, &GRIDS)?;
    assert!(out
        .sum_all()?
        .backward()?
        .get(t.named_vars()[0].1.as_tensor())
        .is_none());
    Ok(())
}
