//! RMSNorm (the language model, Qwen2.5-VL's tower) and LayerNorm (Qwen2-VL's tower), both
//! computed in at least f32 from differentiable ops.
use candle_core::{DType, Result, Tensor, D};

use super::vb::{Init, Vb, WeightError};

/// The dtype numerically sensitive reductions run in: f32 for half types, else unchanged.
pub fn upcast(dt: DType) -> DType {
    match dt {
        DType::F16 | DType::BF16 => DType::F32,
        d => d,
    }
}

/// RMSNorm: `x / sqrt(mean(x²) + eps) · w`.
#[derive(Debug, Clone)]
pub struct RmsNorm {
    pub weight: Tensor,
    pub eps: f64,
}

impl RmsNorm {
    pub fn new(dim: usize, eps: f64, vb: Vb) -> std::result::Result<Self, WeightError> {
        Ok(Self {
            weight: vb.get(&[dim], "weight", Init::Ones)?,
            eps,
        })
    }

    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let dt = x.dtype();
        let xf = x.to_dtype(upcast(dt))?;
        let ms = xf.sqr()?.mean_keepdim(D::Minus1)?;
        let denom = ms.affine(1.0, self.eps)?.sqrt()?;
        let y = xf.broadcast_div(&denom)?.to_dtype(dt)?;
        y.broadcast_mul(&self.weight)
    }
}

/// LayerNorm: `(x − mean) / sqrt(var + eps) · w + b`.
#[derive(Debug, Clone)]
pub struct LayerNorm {
    pub weight: Tensor,
    pub bias: Tensor,
    pub eps: f64,
}

impl LayerNorm {
    pub fn new(dim: usize, eps: f64, vb: Vb) -> std::result::Result<Self, WeightError> {
        Ok(Self {
            weight: vb.get(&[dim], "weight", Init::Ones)?,
            bias: vb.get(&[dim], "bias", Init::Zeros)?,
            eps,
        })
    }

    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let dt = x.dtype();
        let xf = x.to_dtype(upcast(dt))?;
        let mean = xf.mean_keepdim(D::Minus1)?;
        let c = xf.broadcast_sub(&mean)?;
        let var = c.sqr()?.mean_keepdim(D::Minus1)?;
        let y = c.broadcast_div(&var.affine(1.0, self.eps)?.sqrt()?)?;
        y.to_dtype(dt)?
            .broadcast_mul(&self.weight)?
            .broadcast_add(&self.bias)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    fn max_diff(a: &Tensor, b: &Tensor) -> Result<f32> {
        (a - b)?.abs()?.flatten_all()?.max(0)?.to_scalar::<f32>()
    }

    #[test]
    fn composed_norms_match_candle_fused() -> Result<()> {
        let dev = Device::Cpu;
        let x = Tensor::randn(0f32, 2.0, (2, 5, 8), &dev)?;
        let w = Tensor::randn(1f32, 0.2, 8, &dev)?;
        let b = Tensor::randn(0f32, 0.2, 8, &dev)?;
        let rms = RmsNorm {
            weight: w.clone(),
            eps: 1e-6,
        };
        let fused = candle_nn::ops::rms_norm(&x, &w, 1e-6)?;
        assert!(max_diff(&rms.forward(&x)?, &fused)? < 1e-5);
        let ln = LayerNorm {
            weight: w.clone(),
            bias: b.clone(),
            eps: 1e-6,
        };
        let fused = candle_nn::ops::layer_norm(&x, &w, &b, 1e-6)?;
        assert!(max_diff(&ln.forward(&x)?, &fused)? < 1e-5);
        Ok(())
    }
}
