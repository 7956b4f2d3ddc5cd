//! The gated MLP of the language model (SwiGLU) and of Qwen2.5-VL's tower blocks.
use candle_core::{Result, Tensor};

use super::linear::Linear;
use super::swiglu::swiglu;
use super::vb::{Vb, WeightError};

/// `down(act(gate(x)) · up(x))`.
#[derive(Debug, Clone)]
pub struct GatedMlp {
    pub gate_proj: Linear,
    pub up_proj: Linear,
    pub down_proj: Linear,
}

impl GatedMlp {
    /// `gate_proj`, `up_proj`: `dim → hidden`; `down_proj`: `hidden → dim`.
    pub fn new(
        dim: usize,
        hidden: usize,
        bias: bool,
        vb: Vb,
    ) -> std::result::Result<Self, WeightError> {
        Ok(Self {
            gate_proj: Linear::new(dim, hidden, bias, vb.pp("gate_proj"))?,
            up_proj: Linear::new(dim, hidden, bias, vb.pp("up_proj"))?,
            down_proj: Linear::new(hidden, dim, bias, vb.pp("down_proj"))?,
        })
    }

    pub fn forward(&self, x: &Tensor, act: impl Fn(&Tensor) -> Result<Tensor>) -> Result<Tensor> {
        let g = act(&self.gate_proj.forward(x)?)?;
        let u = self.up_proj.forward(x)?;
        self.down_proj.forward(&(g * u)?)
    }

    /// [`GatedMlp::forward`] with `silu` (SwiGLU), through the fused gate kernel.
    pub fn forward_silu(&self, x: &Tensor) -> Result<Tensor> {
        let g = self.gate_proj.forward(x)?;
        let u = self.up_proj.forward(x)?;
        self.down_proj.forward(&swiglu(&g, &u)?)
    }
}
