//! `y = x·Wᵀ + b`, with an optional LoRA update (Hu et al. 2021).
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use candle_core::{Result, Tensor};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::vb::{Init, Vb, WeightError};
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
        Tensor::from_vec(m, like.shape(), like.device())?.to_dtype(like.dtype())
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
    /// The layer at `vb` (`<path>.weight`, `<path>.bias` when `bias`), with the LoRA update
    /// the source holds for it.
    pub fn new(
        in_dim: usize,
        out_dim: usize,
        bias: bool,
        vb: Vb,
    ) -> std::result::Result<Self, WeightError> {
        let weight = vb.get(&[out_dim, in_dim], "weight", Init::Normal)?;
        let bias = match bias {
            true => Some(vb.get(&[out_dim], "bias", Init::Zeros)?),
            false => None,
        };
        let lora = vb.linear("weight", out_dim, in_dim);
        Ok(Self { weight, bias, lora })
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
        y.reshape(out)
    }
}
