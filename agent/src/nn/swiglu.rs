//! `silu(g) · u`, the SwiGLU gate of the gated MLP, as one CPU kernel WITH a backward pass.
//!
//! Composed, the gate costs two full-size ops forward and about ten backward (candle's `silu`
//! backward recomputes the sigmoid from `neg`, `exp`, `+1`, `recip`, then mixes it in with
//! four more ops, and the product adds two more), each a pass over `[tokens, intermediate]`
//! with a fresh buffer. Here the forward is one pass and the backward one pass that writes
//! both gradients: with `s = σ(g)`, `dg = dy·u·s·(1 + g·(1 − s))`, `du = dy·g·s`.
//! Other devices and dtypes take the composed ops (same maths).
use candle_core::{CpuStorage, CustomOp2, CustomOp3, DType, Layout, Shape, Tensor};
use rayon::prelude::*;

use crate::text::vexp;

/// Elements per parallel task: enough that a task outweighs its scheduling.
const CHUNK: usize = 16_384;

/// The float types the kernels run on (f64 for the exactness and finite-difference tests).
trait Gate: Copy + Send + Sync {
    /// `σ(x)` for each element of `xs` into `out`.
    fn sigmoid(xs: &[Self], out: &mut [Self]);
    fn fwd(g: Self, u: Self, s: Self) -> Self;
    /// `(dg, du)`.
    fn bwd(g: Self, u: Self, s: Self, dy: Self) -> (Self, Self);
}

impl Gate for f32 {
    fn sigmoid(xs: &[Self], out: &mut [Self]) {
        vexp::sigmoid(xs, out)
    }
    fn fwd(g: Self, u: Self, s: Self) -> Self {
        g * s * u
    }
    fn bwd(g: Self, u: Self, s: Self, dy: Self) -> (Self, Self) {
        (dy * u * s * (1.0 + g * (1.0 - s)), dy * g * s)
    }
}

impl Gate for f64 {
    fn sigmoid(xs: &[Self], out: &mut [Self]) {
        for (o, x) in out.iter_mut().zip(xs) {
            *o = 1.0 / (1.0 + (-x).exp());
        }
    }
    fn fwd(g: Self, u: Self, s: Self) -> Self {
        g * s * u
    }
    fn bwd(g: Self, u: Self, s: Self, dy: Self) -> (Self, Self) {
        (dy * u * s * (1.0 + g * (1.0 - s)), dy * g * s)
    }
}

fn slice<'a, T>(data: &'a [T], l: &Layout, what: &str) -> candle_core::Result<&'a [T]> {
    match l.contiguous_offsets() {
        Some((a, b)) => Ok(&data[a..b]),
        None => candle_core::bail!("{what}: input must be contiguous"),
    }
}

fn forward<T: Gate + Default>(g: &[T], u: &[T]) -> Vec<T> {
    let mut out = vec![T::default(); g.len()];
    out.par_chunks_mut(CHUNK)
        .zip(g.par_chunks(CHUNK).zip(u.par_chunks(CHUNK)))
        .for_each(|(o, (g, u))| {
            T::sigmoid(g, o);
            for ((o, g), u) in o.iter_mut().zip(g).zip(u) {
                *o = T::fwd(*g, *u, *o);
            }
        });
    out
}

/// `[dg; du]` in one buffer of `2·n` elements (the caller splits it without copying).
fn backward<T: Gate + Default>(g: &[T], u: &[T], dy: &[T]) -> Vec<T> {
    let n = g.len();
    let mut out = vec![T::default(); 2 * n];
    let (dg, du) = out.split_at_mut(n);
    dg.par_chunks_mut(CHUNK)
        .zip(du.par_chunks_mut(CHUNK))
        .zip(g.par_chunks(CHUNK).zip(u.par_chunks(CHUNK)))
        .zip(dy.par_chunks(CHUNK))
        .for_each(|(((dg, du), (g, u)), dy)| {
            T::sigmoid(g, dg);
            for i in 0..dg.len() {
                (dg[i], du[i]) = T::bwd(g[i], u[i], dg[i], dy[i]);
            }
        });
    out
}

struct SwiGlu;

impl CustomOp2 for SwiGlu {
    fn name(&self) -> &'static str {
        "rulegym-swiglu"
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let out = match (s1, s2) {
            (CpuStorage::F32(g), CpuStorage::F32(u)) => CpuStorage::F32(forward(
                slice(g, l1, self.name())?,
                slice(u, l2, self.name())?,
            )),
            (CpuStorage::F64(g), CpuStorage::F64(u)) => CpuStorage::F64(forward(
                slice(g, l1, self.name())?,
                slice(u, l2, self.name())?,
            )),
            _ => candle_core::bail!("{}: f32/f64 inputs of one dtype only", self.name()),
        };
        Ok((out, l1.shape().clone()))
    }

    fn bwd(
        &self,
        g: &Tensor,
        u: &Tensor,
        _y: &Tensor,
        dy: &Tensor,
    ) -> candle_core::Result<(Option<Tensor>, Option<Tensor>)> {
        let both = g.apply_op3_no_bwd(u, &dy.contiguous()?, &SwiGluBackward)?;
        let dims = g.dims();
        let dg = both.narrow(0, 0, 1)?.reshape(dims)?;
        let du = both.narrow(0, 1, 1)?.reshape(dims)?;
        Ok((Some(dg), Some(du)))
    }
}

/// The backward of [`SwiGlu`]: `[2, ..shape]` holding `dg` then `du`. Only applied inside
/// `bwd`, so it needs no backward itself.
struct SwiGluBackward;

impl CustomOp3 for SwiGluBackward {
    fn name(&self) -> &'static str {
        "rulegym-swiglu-backward"
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
        s3: &CpuStorage,
        l3: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let n = self.name();
        let out = match (s1, s2, s3) {
            (CpuStorage::F32(g), CpuStorage::F32(u), CpuStorage::F32(dy)) => CpuStorage::F32(
                backward(slice(g, l1, n)?, slice(u, l2, n)?, slice(dy, l3, n)?),
            ),
            (CpuStorage::F64(g), CpuStorage::F64(u), CpuStorage::F64(dy)) => CpuStorage::F64(
                backward(slice(g, l1, n)?, slice(u, l2, n)?, slice(dy, l3, n)?),
            ),
            _ => candle_core::bail!("{n}: f32/f64 inputs of one dtype only"),
        };
        let mut dims = vec![2];
        dims.extend_from_slice(l1.dims());
        Ok((out, Shape::from(dims)))
    }
}

/// `silu(g) · u` (differentiable in both); `g` and `u` of one shape.
pub fn swiglu(g: &Tensor, u: &Tensor) -> candle_core::Result<Tensor> {
    let fused = g.device().is_cpu()
        && matches!(g.dtype(), DType::F32 | DType::F64)
        && g.dtype() == u.dtype()
        && g.dims() == u.dims()
        && crate::kernels::enabled(crate::kernels::Kernel::Swiglu);
    if fused {
        g.contiguous()?.apply_op2(&u.contiguous()?, SwiGlu)
    } else {
        g.silu()? * u
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{Device, Var};

    fn max_diff(a: &Tensor, b: &Tensor) -> candle_core::Result<f64> {
        (a - b)?
            .abs()?
            .flatten_all()?
            .max(0)?
            .to_dtype(DType::F64)?
            .to_scalar::<f64>()
    }

    /// Forward values and both input gradients equal the composed `silu(g) · u`, in f64
    /// (exact maths) and in f32 (the vectorised sigmoid), over more than one parallel chunk.
    #[test]
    fn swiglu_matches_composed_ops_forward_and_backward() -> candle_core::Result<()> {
        let dev = Device::Cpu;
        for (dt, tol) in [(DType::F64, 1e-12), (DType::F32, 2e-5)] {
            let shape = (3, 41, 300);
            let g = Var::from_tensor(&Tensor::randn(0f64, 3.0, shape, &dev)?.to_dtype(dt)?)?;
            let u = Var::from_tensor(&Tensor::randn(0f64, 1.0, shape, &dev)?.to_dtype(dt)?)?;
            let w = Tensor::randn(0f64, 1.0, shape, &dev)?.to_dtype(dt)?;
            let fused = swiglu(g.as_tensor(), u.as_tensor())?;
            let composed = (g.as_tensor().silu()? * u.as_tensor())?;
            assert!(max_diff(&fused, &composed)? < tol);
            let gf = (&fused * &w)?.sum_all()?.backward()?;
            let gc = (&composed * &w)?.sum_all()?.backward()?;
            for v in [&g, &u] {
                let (a, b) = (gf.get(v.as_tensor()), gc.get(v.as_tensor()));
                assert!(matches!((a, b), (Some(a), Some(b)) if max_diff(a, b)? < tol));
            }
        }
        Ok(())
    }

    /// The written backward equals central differences of the forward kernel itself.
    #[test]
    fn swiglu_gradient_matches_finite_differences() -> candle_core::Result<()> {
        let dev = Device::Cpu;
        let g0: Vec<f64> = (0..24).map(|i| (i as f64 - 11.5) * 0.37).collect();
        let u0: Vec<f64> = (0..24).map(|i| ((i * 7) % 5) as f64 * 0.4 - 0.9).collect();
        let w: Vec<f64> = (0..24).map(|i| 1.0 + i as f64 * 0.1).collect();
        let w = Tensor::from_vec(w, 24, &dev)?;
        let loss = |g: &[f64], u: &[f64]| -> candle_core::Result<f64> {
            let g = Tensor::from_slice(g, 24, &dev)?;
            let u = Tensor::from_slice(u, 24, &dev)?;
            (swiglu(&g, &u)? * &w)?.sum_all()?.to_scalar::<f64>()
        };
        let (g, u) = (
            Var::from_slice(&g0, 24, &dev)?,
            Var::from_slice(&u0, 24, &dev)?,
        );
        let grads = (swiglu(g.as_tensor(), u.as_tensor())? * &w)?
            .sum_all()?
            .backward()?;
        let h = 1e-6;
        for (which, v) in [(0, &g), (1, &u)] {
            let an: Vec<f64> = match grads.get(v.as_tensor()) {
                Some(t) => t.to_vec1()?,
                None => candle_core::bail!("no gradient for input {which}"),
            };
            for i in 0..24 {
                let (mut gp, mut up) = (g0.clone(), u0.clone());
                let (mut gm, mut um) = (g0.clone(), u0.clone());
                if which == 0 {
                    gp[i] += h;
                    gm[i] -= h;
                } else {
                    up[i] += h;
                    um[i] -= h;
                }
                let fd = (loss(&gp, &up)? - loss(&gm, &um)?) / (2.0 * h);
                assert!(
                    (fd - an[i]).abs() < 1e-7,
                    "input {which}[{i}]: {} vs {fd}",
                    an[i]
                );
            }
        }
        Ok(())
    }
}
