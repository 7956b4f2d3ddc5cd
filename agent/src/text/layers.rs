//! The decoder block and the composed softmaxes of the Qwen2 decoder.
//!
//! candle's fused `softmax_last_dim` has no backward pass and silently stops gradients; the
//! versions here are composed of ops whose backward exists (they are the reference the fused
//! kernels in `fused.rs` are tested against).
use candle_core::{Tensor, D};

use super::attention::{Attention, LayerKv};
use super::rope::RopeTables;
use crate::config::ModelConfig;
use crate::error::Result;
use crate::nn::{GatedMlp, RmsNorm, Vb, WeightError};

/// One pre-norm block: `h + attn(norm(h))`, then `h + mlp(norm(h))`.
#[derive(Debug, Clone)]
pub struct DecoderLayer {
    pub input_layernorm: RmsNorm,
    pub self_attn: Attention,
    pub post_attention_layernorm: RmsNorm,
    pub mlp: GatedMlp,
}

impl DecoderLayer {
    pub fn new(cfg: &ModelConfig, vb: Vb) -> std::result::Result<Self, WeightError> {
        let (h, eps) = (cfg.hidden_size, cfg.rms_norm_eps);
        Ok(Self {
            input_layernorm: RmsNorm::new(h, eps, vb.pp("input_layernorm"))?,
            self_attn: Attention::new(cfg, vb.pp("self_attn"))?,
            post_attention_layernorm: RmsNorm::new(h, eps, vb.pp("post_attention_layernorm"))?,
            mlp: GatedMlp::new(h, cfg.intermediate_size, false, vb.pp("mlp"))?,
        })
    }

    /// `x`: `[B, T, hidden]`; `kv`: this layer's cache slot, extended in place.
    pub fn forward(
        &self,
        x: &Tensor,
        rope: &RopeTables,
        mask: &Tensor,
        kv: Option<&mut Option<LayerKv>>,
    ) -> Result<Tensor> {
        let a = self
            .self_attn
            .forward(&self.input_layernorm.forward(x)?, rope, mask, kv)?;
        let h = (x + a)?;
        let m = self
            .mlp
            .forward_silu(&self.post_attention_layernorm.forward(&h)?)?;
        Ok((h + m)?)
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
}
