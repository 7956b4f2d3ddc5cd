//! Building blocks of the Qwen2 decoder, written with differentiable candle ops only.
//!
//! candle's fused `rms_norm`, `softmax_last_dim` and `layer_norm` have no backward pass and
//! silently stop gradients; the versions here are composed of ops whose backward exists.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use candle_core::{DType, Tensor, D};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::Result;
use crate::gemm::matmul;

/// The source of LoRA dropout masks. candle's dropout draws from an unseeded thread RNG, so
/// two runs with one seed would differ; here the trainer reseeds before each update and every
/// adapter forward takes the next ChaCha stream, which repeats exactly for the same batches
/// (and after a resume, since the seed derives from the step).
#[derive(Debug, Default)]
pub struct DropoutRng {
    seed: AtomicU64,
    draws: AtomicU64,
}

impl DropoutRng {
    pub fn reseed(&self, seed: u64) {
        self.seed.store(seed, Ordering::SeqCst);
        self.draws.store(0, Ordering::SeqCst);
    }

    /// Inverted-dropout multipliers for `like`: 0 with probability `p`, else `1/(1-p)`.
    fn mask(&self, p: f64, like: &Tensor) -> Result<Tensor> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed.load(Ordering::SeqCst));
        rng.set_stream(self.draws.fetch_add(1, Ordering::SeqCst));
        let keep = (1.0 / (1.0 - p)) as f32;
        let m: Vec<f32> = (0..like.elem_count())
            .map(|_| if rng.random::<f64>() < p { 0.0 } else { keep })
            .collect();
        Ok(Tensor::from_vec(m, like.shape(), like.device())?.to_dtype(like.dtype())?)
    }
}

/// A low-rank update `x·Aᵀ·Bᵀ·scale` added to a frozen or trainable linear layer (LoRA).
#[derive(Debug, Clone)]
pub struct LoraPair {
    /// `[rank, in]`
    pub a: Tensor,
    /// `[out, rank]`
    pub b: Tensor,
    /// `alpha / rank`
    pub scale: f64,
    /// Dropout on the adapter's input (0 in inference views).
    pub dropout: f64,
    /// Shared by all adapters of a policy.
    pub rng: Arc<DropoutRng>,
}

/// `y = x·Wᵀ + b`, with an optional LoRA update.
#[derive(Debug, Clone)]
pub struct Linear {
    /// `[out, in]`, as checkpoints store it.
    pub weight: Tensor,
    pub bias: Option<Tensor>,
    pub lora: Option<LoraPair>,
}

impl Linear {
    pub fn new(weight: Tensor, bias: Option<Tensor>) -> Self {
        Self {
            weight,
            bias,
            lora: None,
        }
    }

    /// Applies the layer to `[..., in]`, flattening leading dims into one GEMM.
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let dims = x.dims().to_vec();
        let (lead, inp) = dims.split_at(dims.len() - 1);
        let n: usize = lead.iter().product();
        let x2 = x.reshape((n, inp[0]))?;
        let mut y = matmul(&x2, &self.weight.t()?)?;
        if let Some(l) = &self.lora {
            let xin = if l.dropout > 0.0 {
                (&x2 * l.rng.mask(l.dropout, &x2)?)?
            } else {
                x2.clone()
            };
            let up = matmul(&matmul(&xin, &l.a.t()?)?, &l.b.t()?)?;
            y = (y + up.affine(l.scale, 0.0)?)?;
        }
        if let Some(b) = &self.bias {
            y = y.broadcast_add(b)?;
        }
        let mut out = lead.to_vec();
        out.push(self.weight.dim(0)?);
        Ok(y.reshape(out)?)
    }
}

/// RMSNorm, computed in f32: `x / sqrt(mean(x²) + eps) · w`.
#[derive(Debug, Clone)]
pub struct RmsNorm {
    pub weight: Tensor,
    pub eps: f64,
}

impl RmsNorm {
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let dt = x.dtype();
        let xf = x.to_dtype(upcast(dt))?;
        let ms = xf.sqr()?.mean_keepdim(D::Minus1)?;
        let denom = ms.affine(1.0, self.eps)?.sqrt()?;
        let y = xf.broadcast_div(&denom)?.to_dtype(dt)?;
        Ok(y.broadcast_mul(&self.weight)?)
    }
}

/// The dtype numerically sensitive reductions run in: f32 for half types, else unchanged.
pub fn upcast(dt: DType) -> DType {
    match dt {
        DType::F16 | DType::BF16 => DType::F32,
        d => d,
    }
}

/// Softmax over the last dim. The max is detached: softmax is shift-invariant, so its
/// gradient through the max is exactly zero and computing it would only cost time.
pub fn softmax_last(x: &Tensor) -> candle_core::Result<Tensor> {
    let max = x.max_keepdim(D::Minus1)?.detach();
    let e = x.broadcast_sub(&max)?.exp()?;
    let s = e.sum_keepdim(D::Minus1)?;
    e.broadcast_div(&s)
}

/// Log-softmax over the last dim (detached max, as in [`softmax_last`]).
pub fn log_softmax_last(x: &Tensor) -> Result<Tensor> {
    let max = x.max_keepdim(D::Minus1)?.detach();
    let diff = x.broadcast_sub(&max)?;
    let lse = diff.exp()?.sum_keepdim(D::Minus1)?.log()?;
    Ok(diff.broadcast_sub(&lse)?)
}

/// SwiGLU MLP: `down(silu(gate(x)) · up(x))`.
#[derive(Debug, Clone)]
pub struct Mlp {
    pub gate_proj: Linear,
    pub up_proj: Linear,
    pub down_proj: Linear,
}

impl Mlp {
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let g = self.gate_proj.forward(x)?.silu()?;
        let u = self.up_proj.forward(x)?;
        self.down_proj.forward(&(g * u)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{Device, Var};

    #[test]
    fn composed_softmax_matches_fused_and_has_gradient() -> Result<()> {
        let dev = Device::Cpu;
        let x = Var::from_tensor(&Tensor::randn(0f32, 2.0, (3, 7), &dev)?)?;
        let ours = softmax_last(x.as_tensor())?;
        let fused = candle_nn::ops::softmax_last_dim(x.as_tensor())?;
        let d = (&ours - fused)?.abs()?.max_all()?.to_scalar::<f32>()?;
        assert!(d < 1e-6);
        let w = Tensor::arange(0f32, 7.0, &dev)?;
        let g = ours.broadcast_mul(&w)?.sum_all()?.backward()?;
        let gx = g
            .get(x.as_tensor())
            .map(|t| t.abs()?.sum_all()?.to_scalar::<f32>());
        assert!(matches!(gx, Some(Ok(v)) if v > 0.0));
        Ok(())
    }

    #[test]
    fn rms_norm_matches_fused() -> Result<()> {
        let dev = Device::Cpu;
        let x = Tensor::randn(0f32, 1.0, (2, 5, 8), &dev)?;
        let w = Tensor::randn(1f32, 0.1, 8, &dev)?;
        let ours = RmsNorm {
            weight: w.clone(),
            eps: 1e-6,
        }
        .forward(&x)?;
        let fused = candle_nn::ops::rms_norm(&x, &w, 1e-6)?;
        let d = (ours - fused)?.abs()?.max_all()?.to_scalar::<f32>()?;
        assert!(d < 1e-5);
        Ok(())
    }
}
