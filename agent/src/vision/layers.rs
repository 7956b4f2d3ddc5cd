//! Vision building blocks from differentiable candle ops only.
//!
//! candle's fused `layer_norm`, `rms_norm`, `softmax_last_dim` and rotary kernels have no
//! backward and would silently cut the gradient to the tower, so each is composed from ops
//! whose backward exists (sum, mul, exp, sqrt, matmul, narrow, cat, index_select); the norms
//! and linear layers are the language model's (`crate::nn`).
use candle_core::{Tensor, D};

use super::config::{Activation, VisionConfig, VisionKind};
use super::VisionError;
use crate::gemm::matmul;
use crate::nn::{LayerNorm, RmsNorm, Vb, WeightError};

type Result<T> = std::result::Result<T, VisionError>;

/// Qwen2-VL's LayerNorm or Qwen2.5-VL's RMSNorm (eps 1e-6 in both towers).
#[derive(Debug, Clone)]
pub enum Norm {
    Layer(LayerNorm),
    Rms(RmsNorm),
}

/// Both towers use eps = 1e-6 for every norm.
pub const NORM_EPS: f64 = 1e-6;

impl Norm {
    pub fn new(cfg: &VisionConfig, vb: Vb) -> std::result::Result<Self, WeightError> {
        let e = cfg.embed_dim;
        Ok(match cfg.kind {
            VisionKind::Qwen2Vl => Norm::Layer(LayerNorm::new(e, NORM_EPS, vb)?),
            VisionKind::Qwen25Vl => Norm::Rms(RmsNorm::new(e, NORM_EPS, vb)?),
        })
    }

    pub fn forward(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        match self {
            Norm::Layer(n) => n.forward(x),
            Norm::Rms(n) => n.forward(x),
        }
    }
}

impl Activation {
    pub fn apply(self, x: &Tensor) -> candle_core::Result<Tensor> {
        match self {
            Activation::QuickGelu => quick_gelu(x),
            Activation::Silu => x.silu(),
            Activation::Gelu => x.gelu_erf(),
        }
    }
}

/// `x·sigmoid(1.702·x)` (CLIP's QuickGELU), as `x / (1 + exp(−1.702·x))`.
pub fn quick_gelu(x: &Tensor) -> candle_core::Result<Tensor> {
    let den = x.affine(-1.702, 0.0)?.exp()?.affine(1.0, 1.0)?;
    x.div(&den)
}

/// Rotates `x` `[S, H, D]` by per-token tables `[S, D]`: `x·cos + rotate_half(x)·sin`.
pub fn apply_rope(x: &Tensor, cos: &Tensor, sin: &Tensor) -> Result<Tensor> {
    let d = x.dim(D::Minus1)?;
    let half = d / 2;
    let x1 = x.narrow(D::Minus1, 0, half)?;
    let x2 = x.narrow(D::Minus1, half, half)?;
    let rot = Tensor::cat(&[&x2.neg()?, &x1], D::Minus1)?;
    let cos = cos.unsqueeze(1)?;
    let sin = sin.unsqueeze(1)?;
    Ok((x.broadcast_mul(&cos)? + rot.broadcast_mul(&sin)?)?)
}

/// Bidirectional attention restricted to consecutive segments of the sequence.
/// `q, k, v`: `[S, H, D]`; returns `[S, H·D]`. Equal-length segments run as one batched
/// matmul; otherwise each segment runs on its own.
pub fn segment_attention(q: &Tensor, k: &Tensor, v: &Tensor, segments: &[usize]) -> Result<Tensor> {
    let (s, h, d) = q.dims3()?;
    let scale = 1.0 / (d as f64).sqrt();
    let attend = |q: &Tensor, k: &Tensor, v: &Tensor| -> Result<Tensor> {
        // [B, L, H, D] → [B, H, L, D]
        let q = q.transpose(1, 2)?.contiguous()?;
        let k = k.transpose(1, 2)?.contiguous()?;
        let v = v.transpose(1, 2)?.contiguous()?;
        let w = (matmul(&q, &k.t()?)? * scale)?;
        let p = crate::text::fused::softmax(&w)?;
        Ok(matmul(&p, &v)?.transpose(1, 2)?)
    };
    let first = segments.first().copied().unwrap_or(s);
    if segments.iter().all(|l| *l == first) && first * segments.len() == s {
        let n = segments.len().max(1);
        let r = |t: &Tensor| t.reshape((n, first, h, d));
        let o = attend(&r(q)?, &r(k)?, &r(v)?)?;
        return Ok(o.reshape((s, h * d))?);
    }
    let mut outs = Vec::with_capacity(segments.len());
    let mut start = 0;
    for &len in segments {
        let seg = |t: &Tensor| -> Result<Tensor> { Ok(t.narrow(0, start, len)?.unsqueeze(0)?) };
        outs.push(attend(&seg(q)?, &seg(k)?, &seg(v)?)?.reshape((len, h * d))?);
        start += len;
    }
    Ok(Tensor::cat(&outs, 0)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    fn max_diff(a: &Tensor, b: &Tensor) -> f32 {
        (a - b)
            .and_then(|d| d.abs()?.flatten_all()?.max(0)?.to_scalar::<f32>())
            .unwrap_or(f32::INFINITY)
    }

    #[test]
    fn segmented_attention_equals_looping_over_segments() -> Result<()> {
        let dev = Device::Cpu;
        let q = Tensor::randn(0f32, 1.0, (8, 2, 4), &dev)?;
        let k = Tensor::randn(0f32, 1.0, (8, 2, 4), &dev)?;
        let v = Tensor::randn(0f32, 1.0, (8, 2, 4), &dev)?;
        let batched = segment_attention(&q, &k, &v, &[4, 4])?;
        let looped = Tensor::cat(
            &[
                segment_attention(
                    &q.narrow(0, 0, 4)?,
                    &k.narrow(0, 0, 4)?,
                    &v.narrow(0, 0, 4)?,
                    &[4],
                )?,
                segment_attention(
                    &q.narrow(0, 4, 4)?,
                    &k.narrow(0, 4, 4)?,
                    &v.narrow(0, 4, 4)?,
                    &[4],
                )?,
            ],
            0,
        )?;
        assert!(max_diff(&batched, &looped) < 1e-6);
        let uneven = segment_attention(&q, &k, &v, &[3, 5])?;
        assert_eq!(uneven.dims(), &[8, 8]);
        Ok(())
    }

    #[test]
    fn quick_gelu_matches_its_definition() -> Result<()> {
        let x = Tensor::new(&[-3f32, -0.5, 0.0, 0.7, 4.0], &Device::Cpu)?;
        let ours = quick_gelu(&x)?.to_vec1::<f32>()?;
        for (o, v) in ours.iter().zip([-3f32, -0.5, 0.0, 0.7, 4.0]) {
            let want = v / (1.0 + (-1.702 * v).exp());
            assert!((o - want).abs() < 1e-6);
        }
        Ok(())
    }
}
