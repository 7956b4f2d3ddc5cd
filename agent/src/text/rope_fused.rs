//! Splitting a projection into heads and rotating it (RoPE), as one CPU kernel WITH a
//! backward pass.
//!
//! Composed, `[B, T, H·D] → [B, H, T, D]` is a transpose and a copy, and the rotation
//! `x·cos + rotate_half(x)·sin` is two narrows, a negation, a concatenation, two broadcast
//! products and a sum, each a pass with a fresh buffer, forward and again backward, for the
//! queries and the keys of every layer. Here each direction is one pass. The rotation is
//! linear in `x`, so its backward is the transposed rotation: for `j < D/2`,
//! `dx[j] = dy[j]·cos[j] + dy[j+D/2]·sin[j+D/2]`, and `dx[j] = dy[j]·cos[j] − dy[j−D/2]·sin[j−D/2]`
//! above. Other devices and dtypes take the composed ops (same maths).
use candle_core::{CpuStorage, CustomOp1, DType, Layout, Shape, Tensor};
use rayon::prelude::*;

use super::rope::RopeTables;
use crate::error::Result;

/// The shapes of one application: batch, positions, heads, head dim.
#[derive(Debug, Clone, Copy)]
struct Dims {
    b: usize,
    t: usize,
    h: usize,
    d: usize,
}

fn slice<'a, T>(data: &'a [T], l: &Layout, what: &str) -> candle_core::Result<&'a [T]> {
    match l.contiguous_offsets() {
        Some((a, b)) => Ok(&data[a..b]),
        None => candle_core::bail!("{what}: input must be contiguous"),
    }
}

/// `x`: `[B, T, H·D]` → `[B, H, T, D]` rotated; `cos`, `sin`: `[B, T, D]`.
fn forward<T>(x: &[T], cos: &[T], sin: &[T], s: Dims) -> Vec<T>
where
    T: Copy + Send + Sync + Default + std::ops::Mul<Output = T> + std::ops::Add<Output = T>,
    T: std::ops::Sub<Output = T>,
{
    let Dims { t, h, d, .. } = s;
    let half = d / 2;
    let mut out = vec![T::default(); x.len()];
    // One task per (batch, head): a contiguous [T, D] block of the output.
    out.par_chunks_mut(t * d).enumerate().for_each(|(bh, o)| {
        let (bi, hi) = (bh / h, bh % h);
        for p in 0..t {
            let xr = &x[(bi * t + p) * h * d + hi * d..][..d];
            let c = &cos[(bi * t + p) * d..][..d];
            let sn = &sin[(bi * t + p) * d..][..d];
            let o = &mut o[p * d..][..d];
            for j in 0..half {
                o[j] = xr[j] * c[j] - xr[j + half] * sn[j];
                o[j + half] = xr[j + half] * c[j + half] + xr[j] * sn[j + half];
            }
        }
    });
    out
}

/// `dy`: `[B, H, T, D]` → `dx`: `[B, T, H·D]`, the transposed rotation.
fn backward<T>(dy: &[T], cos: &[T], sin: &[T], s: Dims) -> Vec<T>
where
    T: Copy + Send + Sync + Default + std::ops::Mul<Output = T> + std::ops::Add<Output = T>,
    T: std::ops::Sub<Output = T>,
{
    let Dims { t, h, d, .. } = s;
    let half = d / 2;
    let mut out = vec![T::default(); dy.len()];
    // One task per (batch, position): a contiguous [H·D] row of the gradient.
    out.par_chunks_mut(h * d).enumerate().for_each(|(bt, o)| {
        let (bi, p) = (bt / t, bt % t);
        let c = &cos[bt * d..][..d];
        let sn = &sin[bt * d..][..d];
        for hi in 0..h {
            let g = &dy[((bi * h + hi) * t + p) * d..][..d];
            let o = &mut o[hi * d..][..d];
            for j in 0..half {
                o[j] = g[j] * c[j] + g[j + half] * sn[j + half];
                o[j + half] = g[j + half] * c[j + half] - g[j] * sn[j];
            }
        }
    });
    out
}

/// Reads the dims of `x` (`[B, T, H·D]`) against tables `[B, T, D]`.
fn dims(x: &Layout, tables: &Layout, heads: usize, what: &str) -> candle_core::Result<Dims> {
    let (xd, td) = (x.dims(), tables.dims());
    match (xd, td) {
        ([b, t, hd], [tb, tt, d])
            if tb == b && tt == t && *d > 0 && d % 2 == 0 && hd == &(heads * d) =>
        {
            Ok(Dims {
                b: *b,
                t: *t,
                h: heads,
                d: *d,
            })
        }
        _ => candle_core::bail!("{what}: x {xd:?} does not fit tables {td:?} with {heads} heads"),
    }
}

/// The forward op; the tables travel inside it (they are data, not parameters).
struct RopeHeads {
    cos: Tensor,
    sin: Tensor,
    heads: usize,
}

/// Runs `f` on the contiguous CPU slices of the tables, as `T`.
fn with_tables<R>(
    cos: &Tensor,
    sin: &Tensor,
    f: impl FnOnce(&CpuStorage, &Layout, &CpuStorage, &Layout) -> candle_core::Result<R>,
) -> candle_core::Result<R> {
    let (cs, cl) = cos.storage_and_layout();
    let (ss, sl) = sin.storage_and_layout();
    match (&*cs, &*ss) {
        (candle_core::Storage::Cpu(c), candle_core::Storage::Cpu(s)) => f(c, cl, s, sl),
        _ => candle_core::bail!("rulegym-rope: tables must be on the CPU"),
    }
}

impl CustomOp1 for RopeHeads {
    fn name(&self) -> &'static str {
        "rulegym-rope-heads"
    }

    fn cpu_fwd(&self, s: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let n = self.name();
        with_tables(&self.cos, &self.sin, |cs, cl, ss, sl| {
            let d = dims(l, cl, self.heads, n)?;
            let out = match (s, cs, ss) {
                (CpuStorage::F32(x), CpuStorage::F32(c), CpuStorage::F32(sn)) => CpuStorage::F32(
                    forward(slice(x, l, n)?, slice(c, cl, n)?, slice(sn, sl, n)?, d),
                ),
                (CpuStorage::F64(x), CpuStorage::F64(c), CpuStorage::F64(sn)) => CpuStorage::F64(
                    forward(slice(x, l, n)?, slice(c, cl, n)?, slice(sn, sl, n)?, d),
                ),
                _ => candle_core::bail!("{n}: f32/f64 of one dtype only"),
            };
            Ok((out, Shape::from((d.b, d.h, d.t, d.d))))
        })
    }

    fn bwd(&self, _x: &Tensor, _y: &Tensor, g: &Tensor) -> candle_core::Result<Option<Tensor>> {
        let op = RopeHeadsBackward {
            cos: self.cos.clone(),
            sin: self.sin.clone(),
            heads: self.heads,
        };
        Ok(Some(g.contiguous()?.apply_op1_no_bwd(&op)?))
    }
}

/// The backward of [`RopeHeads`]: `[B, H, T, D]` → `[B, T, H·D]`. Only applied inside `bwd`.
struct RopeHeadsBackward {
    cos: Tensor,
    sin: Tensor,
    heads: usize,
}

impl CustomOp1 for RopeHeadsBackward {
    fn name(&self) -> &'static str {
        "rulegym-rope-heads-backward"
    }

    fn cpu_fwd(&self, s: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let n = self.name();
        with_tables(&self.cos, &self.sin, |cs, cl, ss, sl| {
            let d = match (l.dims(), cl.dims()) {
                ([b, h, t, d], [tb, tt, td])
                    if b == tb && t == tt && d == td && *h == self.heads =>
                {
                    Dims {
                        b: *b,
                        t: *t,
                        h: *h,
                        d: *d,
                    }
                }
                (a, b) => candle_core::bail!("{n}: gradient {a:?} does not fit tables {b:?}"),
            };
            let out = match (s, cs, ss) {
                (CpuStorage::F32(g), CpuStorage::F32(c), CpuStorage::F32(sn)) => CpuStorage::F32(
                    backward(slice(g, l, n)?, slice(c, cl, n)?, slice(sn, sl, n)?, d),
                ),
                (CpuStorage::F64(g), CpuStorage::F64(c), CpuStorage::F64(sn)) => CpuStorage::F64(
                    backward(slice(g, l, n)?, slice(c, cl, n)?, slice(sn, sl, n)?, d),
                ),
                _ => candle_core::bail!("{n}: f32/f64 of one dtype only"),
            };
            Ok((out, Shape::from((d.b, d.t, d.h * d.d))))
        })
    }
}

impl RopeTables {
    /// Splits `x` (`[B, T, heads·D]`, a projection's output) into heads and rotates them:
    /// `[B, heads, T, D]`, equal to `self.apply` of the transposed heads.
    pub fn heads(&self, x: &Tensor, heads: usize) -> Result<Tensor> {
        let fused = x.device().is_cpu()
            && matches!(x.dtype(), DType::F32 | DType::F64)
            && self.cos.dtype() == x.dtype()
            && x.rank() == 3
            && self.cos.dims()[..2] == x.dims()[..2]
            && crate::kernels::enabled(crate::kernels::Kernel::Rope);
        if fused {
            let op = RopeHeads {
                cos: self.cos.contiguous()?,
                sin: self.sin.contiguous()?,
                heads,
            };
            return Ok(x.contiguous()?.apply_op1(op)?);
        }
        let (b, t, _) = x.dims3()?;
        let x = x
            .reshape((b, t, heads, ()))?
            .transpose(1, 2)?
            .contiguous()?;
        self.apply(&x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ModelConfig;
    use crate::text::rope::text_positions;
    use candle_core::{Device, Var};

    fn tables(dt: DType, b: usize, t: usize) -> Result<(RopeTables, ModelConfig)> {
        let cfg = ModelConfig {
            hidden_size: 48,
            num_attention_heads: 3,
            num_key_value_heads: 1,
            mrope_section: Some(vec![2, 3, 3]),
            rope_theta: 50.0,
            ..ModelConfig::default()
        };
        // Different positions per row, so a mixed-up batch index shows.
        let rows: Vec<_> = (0..b)
            .map(|i| {
                text_positions(
                    &(0..t as u32)
                        .map(|p| p * (i as u32 + 1))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        Ok((RopeTables::new(&cfg, &rows, dt, &Device::Cpu)?, cfg))
    }

    fn composed(r: &RopeTables, x: &Tensor, h: usize) -> Result<Tensor> {
        let (b, t, _) = x.dims3()?;
        let x = x.reshape((b, t, h, ()))?.transpose(1, 2)?.contiguous()?;
        r.apply(&x)
    }

    fn max_diff(a: &Tensor, b: &Tensor) -> Result<f64> {
        Ok((a - b)?
            .abs()?
            .flatten_all()?
            .max(0)?
            .to_dtype(DType::F64)?
            .to_scalar::<f64>()?)
    }

    /// Forward values and input gradients equal the composed transpose + `apply`.
    #[test]
    fn fused_rope_heads_match_composed_ops_forward_and_backward() -> Result<()> {
        for (dt, tol) in [(DType::F64, 1e-12), (DType::F32, 1e-5)] {
            let (b, t, h) = (2, 7, 3);
            let (r, cfg) = tables(dt, b, t)?;
            let d = cfg.head_dim();
            let x = Var::from_tensor(
                &Tensor::randn(0f64, 1.0, (b, t, h * d), &Device::Cpu)?.to_dtype(dt)?,
            )?;
            let w = Tensor::randn(0f64, 1.0, (b, h, t, d), &Device::Cpu)?.to_dtype(dt)?;
            let fused = r.heads(x.as_tensor(), h)?;
            let comp = composed(&r, x.as_tensor(), h)?;
            assert!(max_diff(&fused, &comp)? < tol);
            let gf = (&fused * &w)?.sum_all()?.backward()?;
            let gc = (&comp * &w)?.sum_all()?.backward()?;
            let (a, c) = (gf.get(x.as_tensor()), gc.get(x.as_tensor()));
            assert!(matches!((a, c), (Some(a), Some(c)) if max_diff(a, c)? < tol));
        }
        Ok(())
    }

    /// The written backward equals central differences of the forward kernel.
    #[test]
    fn fused_rope_gradient_matches_finite_differences() -> Result<()> {
        let (b, t, h) = (2, 3, 3);
        let (r, cfg) = tables(DType::F64, b, t)?;
        let d = cfg.head_dim();
        let n = b * t * h * d;
        let x0: Vec<f64> = (0..n).map(|i| ((i * 37) % 23) as f64 * 0.1 - 1.1).collect();
        let w: Vec<f64> = (0..n).map(|i| ((i * 11) % 17) as f64 * 0.2 - 1.5).collect();
        let w = Tensor::from_vec(w, (b, h, t, d), &Device::Cpu)?;
        let loss = |x: &[f64]| -> Result<f64> {
            let x = Tensor::from_slice(x, (b, t, h * d), &Device::Cpu)?;
            Ok((r.heads(&x, h)? * &w)?.sum_all()?.to_scalar::<f64>()?)
        };
        let x = Var::from_slice(&x0, (b, t, h * d), &Device::Cpu)?;
        let grads = (r.heads(x.as_tensor(), h)? * &w)?.sum_all()?.backward()?;
        let an: Vec<f64> = match grads.get(x.as_tensor()) {
            Some(g) => g.flatten_all()?.to_vec1()?,
            None => panic!("no gradient reached x"),
        };
        let step = 1e-6;
        for i in (0..n).step_by(5) {
            let (mut p, mut m) = (x0.clone(), x0.clone());
            p[i] += step;
            m[i] -= step;
            let fd = (loss(&p)? - loss(&m)?) / (2.0 * step);
            assert!((fd - an[i]).abs() < 1e-7, "x[{i}]: {} vs {fd}", an[i]);
        }
        Ok(())
    }
}
