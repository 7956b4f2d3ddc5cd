//! Grouped-query self-attention with q/k/v bias and rotary embeddings.
use candle_core::Tensor;

use super::flash;
use super::fused::masked_softmax;
use super::rope::RopeTables;
use crate::config::ModelConfig;
use crate::error::Result;
use crate::gemm::matmul;
use crate::nn::{upcast, Linear, Vb, WeightError};

/// Keys and values of one layer for the positions seen so far, `[B, kv_heads, T, head_dim]`.
#[derive(Debug, Clone)]
pub struct LayerKv {
    pub k: Tensor,
    pub v: Tensor,
}

#[derive(Debug, Clone)]
pub struct Attention {
    pub q_proj: Linear,
    pub k_proj: Linear,
    pub v_proj: Linear,
    pub o_proj: Linear,
    pub num_heads: usize,
    pub num_kv_heads: usize,
    pub head_dim: usize,
}

impl Attention {
    /// `q_proj`, `k_proj`, `v_proj` with bias (Qwen2's), `o_proj` without.
    pub fn new(cfg: &ModelConfig, vb: Vb) -> std::result::Result<Self, WeightError> {
        let (h, hd) = (cfg.hidden_size, cfg.head_dim());
        let (q, kv) = (cfg.num_attention_heads * hd, cfg.num_key_value_heads * hd);
        Ok(Self {
            q_proj: Linear::new(h, q, true, vb.pp("q_proj"))?,
            k_proj: Linear::new(h, kv, true, vb.pp("k_proj"))?,
            v_proj: Linear::new(h, kv, true, vb.pp("v_proj"))?,
            o_proj: Linear::new(q, h, false, vb.pp("o_proj"))?,
            num_heads: cfg.num_attention_heads,
            num_kv_heads: cfg.num_key_value_heads,
            head_dim: hd,
        })
    }

    /// `x`: `[B, T, hidden]`; `mask`: additive, broadcastable to `[B, 1, 1, T, T_total]`
    /// (0 where attending is allowed, -inf elsewhere); `kv`: the cache, extended in place.
    pub fn forward(
        &self,
        x: &Tensor,
        rope: &RopeTables,
        mask: &Tensor,
        kv: Option<&mut Option<LayerKv>>,
    ) -> Result<Tensor> {
        let (b, t, _) = x.dims3()?;
        let (nh, nkv, hd) = (self.num_heads, self.num_kv_heads, self.head_dim);
        let heads = |y: Tensor, n: usize| -> Result<Tensor> {
            Ok(y.reshape((b, t, n, hd))?.transpose(1, 2)?.contiguous()?)
        };
        let q = rope.heads(&self.q_proj.forward(x)?, nh)?;
        let mut k = rope.heads(&self.k_proj.forward(x)?, nkv)?;
        let mut v = heads(self.v_proj.forward(x)?, nkv)?;
        if let Some(slot) = kv {
            if let Some(prev) = slot.as_ref() {
                k = Tensor::cat(&[&prev.k, &k], 2)?;
                v = Tensor::cat(&[&prev.v, &v], 2)?;
            }
            *slot = Some(LayerKv {
                k: k.clone(),
                v: v.clone(),
            });
        }
        let scale = 1.0 / (hd as f64).sqrt();
        if flash::fused_ok(&q) {
            let out = flash::attention(&q, &k, &v, mask, scale)?;
            return Ok(self.o_proj.forward(&out)?);
        }
        let tk = k.dim(2)?;
        let groups = nh / nkv;
        // Heads are ordered kv-major, so the `groups` query heads sharing one kv head are
        // adjacent: fold them into the row dim and multiply once, without repeating k/v.
        let q = q.affine(scale, 0.0)?.reshape((b, nkv, groups * t, hd))?;
        let scores = matmul(&q, &k.t()?)?.reshape((b, nkv, groups, t, tk))?;
        let dt = scores.dtype();
        // Half-precision scores are upcast so the softmax sums stay accurate.
        let sdt = upcast(dt);
        let p = masked_softmax(&scores.to_dtype(sdt)?, mask)?.to_dtype(dt)?;
        let out = matmul(&p.reshape((b, nkv, groups * t, tk))?, &v)?
            .reshape((b, nh, t, hd))?
            .transpose(1, 2)?
            .reshape((b, t, nh * hd))?;
        Ok(self.o_proj.forward(&out)?)
    }
}
