//! Multimodal rotary position embeddings (M-RoPE, Qwen2-VL §2.1).
//!
//! The rotary half-dimension is split by `mrope_section` into temporal, height and width
//! parts, each rotated by its own position stream. For text the three streams are equal and
//! M-RoPE reduces to ordinary 1-D RoPE. The tables are computed in plain Rust (positions are
//! data, not parameters), and applied with differentiable tensor ops only: candle's fused
//! `rope` kernels have no backward.
use candle_core::{DType, Device, Tensor, D};

use crate::config::ModelConfig;
use crate::error::Result;

/// Cosine and sine tables for a batch, each `[B, T, head_dim]`.
#[derive(Debug, Clone)]
pub struct RopeTables {
    pub cos: Tensor,
    pub sin: Tensor,
}

/// Position ids of one sequence: three streams (temporal, height, width), each of length T.
pub type Positions3 = [Vec<u32>; 3];

/// Text positions: the three streams coincide.
pub fn text_positions(pos: &[u32]) -> Positions3 {
    [pos.to_vec(), pos.to_vec(), pos.to_vec()]
}

impl RopeTables {
    /// Builds tables for `rows` (all rows must have the same length T).
    pub fn new(cfg: &ModelConfig, rows: &[Positions3], dtype: DType, dev: &Device) -> Result<Self> {
        let hd = cfg.head_dim();
        let half = hd / 2;
        let t = rows.first().map(|r| r[0].len()).unwrap_or(0);
        // stream[j]: which of the three position streams rotates frequency j.
        let stream: Vec<usize> = match &cfg.mrope_section {
            Some(sec) => {
                let mut s = Vec::with_capacity(half);
                for (i, n) in sec.iter().enumerate() {
                    s.extend(std::iter::repeat_n(i, *n));
                }
                s
            }
            None => vec![0; half],
        };
        let inv_freq: Vec<f64> = (0..half)
            .map(|j| 1.0 / cfg.rope_theta.powf(2.0 * j as f64 / hd as f64))
            .collect();
        let n = rows.len() * t * hd;
        let mut cos = Vec::with_capacity(n);
        let mut sin = Vec::with_capacity(n);
        let mut c_row = vec![0f32; hd];
        let mut s_row = vec![0f32; hd];
        for row in rows {
            for p in 0..t {
                for j in 0..half {
                    let pos = row[stream[j]].get(p).copied().unwrap_or(0) as f64;
                    let a = pos * inv_freq[j];
                    let (s, c) = a.sin_cos();
                    c_row[j] = c as f32;
                    c_row[j + half] = c as f32;
                    s_row[j] = s as f32;
                    s_row[j + half] = s as f32;
                }
                cos.extend_from_slice(&c_row);
                sin.extend_from_slice(&s_row);
            }
        }
        let shape = (rows.len(), t, hd);
        Ok(Self {
            cos: Tensor::from_vec(cos, shape, dev)?.to_dtype(dtype)?,
            sin: Tensor::from_vec(sin, shape, dev)?.to_dtype(dtype)?,
        })
    }

    /// Rotates `x` of shape `[B, H, T, head_dim]`: `x·cos + rotate_half(x)·sin`.
    pub fn apply(&self, x: &Tensor) -> Result<Tensor> {
        let hd = x.dim(D::Minus1)?;
        let half = hd / 2;
        let x1 = x.narrow(D::Minus1, 0, half)?;
        let x2 = x.narrow(D::Minus1, half, half)?;
        let rot = Tensor::cat(&[&x2.neg()?, &x1], D::Minus1)?;
        let cos = self.cos.unsqueeze(1)?;
        let sin = self.sin.unsqueeze(1)?;
        Ok((x.broadcast_mul(&cos)? + rot.broadcast_mul(&sin)?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_mrope_equals_plain_rope() -> Result<()> {
        let mut cfg = ModelConfig {
            hidden_size: 32,
            num_attention_heads: 2,
            num_key_value_heads: 1,
            mrope_section: Some(vec![2, 3, 3]),
            ..ModelConfig::default()
        };
        let pos: Vec<u32> = (0..5).collect();
        let dev = Device::Cpu;
        let a = RopeTables::new(&cfg, &[text_positions(&pos)], DType::F32, &dev)?;
        cfg.mrope_section = None;
        let b = RopeTables::new(&cfg, &[text_positions(&pos)], DType::F32, &dev)?;
        let d = (a.cos - b.cos)?.abs()?.max_all()?.to_scalar::<f32>()?;
        assert!(d < 1e-7);
        Ok(())
    }

    #[test]
    fn vision_streams_rotate_their_own_sections() -> Result<()> {
        let cfg = ModelConfig {
            hidden_size: 32,
            num_attention_heads: 2,
            num_key_value_heads: 1,
            mrope_section: Some(vec![2, 3, 3]),
            rope_theta: 100.0,
            ..ModelConfig::default()
        };
        // Only the width stream moves: the first 5 frequencies must stay at angle 0.
        let row = [vec![0u32, 0], vec![0, 0], vec![0, 7]];
        let t = RopeTables::new(&cfg, &[row], DType::F32, &Device::Cpu)?;
        let cos = t.cos.squeeze(0)?.to_vec2::<f32>()?;
        assert!(cos[1][..5].iter().all(|c| (*c - 1.0).abs() < 1e-7));
        assert!(cos[1][5..8].iter().any(|c| (*c - 1.0).abs() > 1e-3));
        Ok(())
    }
}
