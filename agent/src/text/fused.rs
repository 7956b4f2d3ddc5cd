//! Fused CPU kernels WITH backward passes for the two hottest element-wise ops of training:
//! the masked attention softmax and the vocabulary log-softmax.
//!
//! candle's own fused softmax has no backward (it silently cuts gradients), and the composed
//! version costs ~10 full-size tensor ops forward+backward. These kernels make one pass over
//! the rows forward and one backward (softmax `dx = y·(g − Σ g·y)`, log-softmax
//! `dx = g − exp(y)·Σ g`), split across the CPU's threads. Other devices/dtypes fall back to
//! the composed ops (same maths).
use candle_core::{
    backend::BackendStorage, CpuStorage, CustomOp1, CustomOp2, DType, Layout, Shape, Tensor, D,
};
use rayon::prelude::*;

use super::layers::{log_softmax_last as composed_log_softmax, softmax_last};
use crate::error::Result;

trait Real:
    Copy
    + Send
    + Sync
    + PartialOrd
    + std::ops::Sub<Output = Self>
    + std::ops::Add<Output = Self>
    + std::ops::Mul<Output = Self>
{
    const ZERO: Self;
    fn exp(self) -> Self;
    fn ln(self) -> Self;
    fn div(self, o: Self) -> Self;
    /// The largest element.
    fn row_max(xs: &[Self]) -> Self;
    /// `x ← exp(x − shift)`; returns the sum.
    fn exp_shift_sum(xs: &mut [Self], shift: Self) -> Self;
}

impl Real for f32 {
    const ZERO: Self = 0.0;
    fn exp(self) -> Self {
        f32::exp(self)
    }
    fn ln(self) -> Self {
        f32::ln(self)
    }
    fn div(self, o: Self) -> Self {
        self / o
    }
    fn row_max(xs: &[Self]) -> Self {
        super::vexp::max(xs)
    }
    fn exp_shift_sum(xs: &mut [Self], shift: Self) -> Self {
        super::vexp::exp_shift_sum(xs, shift)
    }
}

impl Real for f64 {
    const ZERO: Self = 0.0;
    fn exp(self) -> Self {
        f64::exp(self)
    }
    fn ln(self) -> Self {
        f64::ln(self)
    }
    fn div(self, o: Self) -> Self {
        self / o
    }
    // f64 runs only in exactness tests: libm's exp, in order.
    fn row_max(xs: &[Self]) -> Self {
        xs.iter().fold(f64::NEG_INFINITY, |a, b| a.max(*b))
    }
    fn exp_shift_sum(xs: &mut [Self], shift: Self) -> Self {
        xs.iter_mut().fold(0.0, |s, v| {
            *v = (*v - shift).exp();
            s + *v
        })
    }
}

fn contiguous<'a, T>(data: &'a [T], l: &Layout, what: &str) -> candle_core::Result<&'a [T]> {
    match l.contiguous_offsets() {
        Some((a, b)) => Ok(&data[a..b]),
        None => candle_core::bail!("{what}: input must be contiguous"),
    }
}

/// An additive mask and the map from a score row to its mask row.
type MaskRows<'a, T> = (&'a [T], &'a (dyn Fn(usize) -> usize + Sync));

/// Rows per parallel task: about 32k elements, so tasks outweigh their scheduling.
fn rows_per_task(n: usize) -> usize {
    (32_768 / n.max(1)).max(1)
}

/// Row-wise softmax (or log-softmax) of `x + mask_row(r)`, rows split across threads.
fn rows<T: Real>(x: &[T], mask: Option<MaskRows<'_, T>>, n: usize, log: bool) -> Vec<T> {
    let mut out = vec![T::ZERO; x.len()];
    if n == 0 {
        return out;
    }
    let k = rows_per_task(n);
    out.par_chunks_mut(n * k)
        .zip(x.par_chunks(n * k))
        .enumerate()
        .for_each(|(task, (out, x))| {
            let mut scratch = if log { vec![T::ZERO; n] } else { Vec::new() };
            for (i, (o, row)) in out.chunks_mut(n).zip(x.chunks(n)).enumerate() {
                let r = task * k + i;
                match mask.map(|(m, f)| &m[f(r) * n..f(r) * n + n]) {
                    Some(m) => o
                        .iter_mut()
                        .zip(row.iter().zip(m))
                        .for_each(|(o, (v, m))| *o = *v + *m),
                    None => o.copy_from_slice(row),
                }
                let max = T::row_max(o);
                if log {
                    scratch.copy_from_slice(o);
                    let lse = max + T::exp_shift_sum(&mut scratch, max).ln();
                    o.iter_mut().for_each(|v| *v = *v - lse);
                } else {
                    // One exp per element: keep e = exp(v − max), then scale by 1/Σe.
                    let sum = T::exp_shift_sum(o, max);
                    o.iter_mut().for_each(|v| *v = v.div(sum));
                }
            }
        });
    out
}

/// Row-wise backward: softmax `y·(g − Σ g·y)`, or log-softmax `g − exp(y)·Σ g`.
fn rows_bwd<T: Real>(y: &[T], g: &[T], n: usize, log: bool) -> Vec<T> {
    let mut out = vec![T::ZERO; y.len()];
    if n == 0 {
        return out;
    }
    let k = rows_per_task(n);
    out.par_chunks_mut(n * k)
        .zip(y.par_chunks(n * k).zip(g.par_chunks(n * k)))
        .for_each(|(out, (y, g))| {
            for (o, (y, g)) in out.chunks_mut(n).zip(y.chunks(n).zip(g.chunks(n))) {
                if log {
                    let sum = g.iter().fold(T::ZERO, |s, v| s + *v);
                    for j in 0..n {
                        o[j] = g[j] - y[j].exp() * sum;
                    }
                } else {
                    let dot = g.iter().zip(y).fold(T::ZERO, |s, (g, y)| s + *g * *y);
                    for j in 0..n {
                        o[j] = y[j] * (g[j] - dot);
                    }
                }
            }
        });
    out
}

/// The backward pass of [`MaskedSoftmax`] and [`RowSoftmax`] (`log` as theirs) as
/// one op over `(y, g)`; it is only ever applied inside `bwd`, so it needs no backward itself.
struct RowsBackward {
    log: bool,
}

impl CustomOp2 for RowsBackward {
    fn name(&self) -> &'static str {
        "rulegym-softmax-backward"
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let n = l1.dims()[l1.dims().len() - 1];
        let out = match (s1, s2) {
            (CpuStorage::F32(y), CpuStorage::F32(g)) => CpuStorage::F32(rows_bwd(
                contiguous(y, l1, self.name())?,
                contiguous(g, l2, self.name())?,
                n,
                self.log,
            )),
            (CpuStorage::F64(y), CpuStorage::F64(g)) => CpuStorage::F64(rows_bwd(
                contiguous(y, l1, self.name())?,
                contiguous(g, l2, self.name())?,
                n,
                self.log,
            )),
            _ => candle_core::bail!("{}: f32/f64 of one dtype only", self.name()),
        };
        Ok((out, l1.shape().clone()))
    }
}

/// `bwd` of the fused ops: the one-pass kernel on CPU, composed ops elsewhere.
fn softmax_grad(y: &Tensor, g: &Tensor, log: bool) -> candle_core::Result<Tensor> {
    if fused_ok(y) && y.dtype() == g.dtype() {
        return y
            .contiguous()?
            .apply_op2_no_bwd(&g.contiguous()?, &RowsBackward { log });
    }
    if log {
        let gs = g.sum_keepdim(D::Minus1)?;
        g - y.exp()?.broadcast_mul(&gs)?
    } else {
        let dot = (g * y)?.sum_keepdim(D::Minus1)?;
        y * g.broadcast_sub(&dot)?
    }
}

struct MaskedSoftmax;

impl CustomOp2 for MaskedSoftmax {
    fn name(&self) -> &'static str {
        "rulegym-masked-softmax"
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let dims = l1.dims();
        let (n, t) = (dims[dims.len() - 1], dims[dims.len() - 2]);
        let total_rows = l1.shape().elem_count() / n;
        let per_batch = total_rows / dims[0].max(1);
        let mask_batches = l2.shape().elem_count() / (n * t);
        // Scores row r is query t = r % T of batch r / per_batch; the mask has 1 or B batches.
        let map = move |r: usize| {
            let b = if mask_batches == 1 { 0 } else { r / per_batch };
            b * t + r % t
        };
        let out = match (s1, s2) {
            (CpuStorage::F32(x), CpuStorage::F32(m)) => {
                let (x, m) = (
                    contiguous(x, l1, self.name())?,
                    contiguous(m, l2, self.name())?,
                );
                CpuStorage::F32(rows(x, Some((m, &map)), n, false))
            }
            (CpuStorage::F64(x), CpuStorage::F64(m)) => {
                let (x, m) = (
                    contiguous(x, l1, self.name())?,
                    contiguous(m, l2, self.name())?,
                );
                CpuStorage::F64(rows(x, Some((m, &map)), n, false))
            }
            _ => candle_core::bail!(
                "{}: f32/f64 inputs of one dtype only, got {:?}",
                self.name(),
                s1.dtype()
            ),
        };
        Ok((out, l1.shape().clone()))
    }

    fn bwd(
        &self,
        _x: &Tensor,
        _m: &Tensor,
        y: &Tensor,
        g: &Tensor,
    ) -> candle_core::Result<(Option<Tensor>, Option<Tensor>)> {
        Ok((Some(softmax_grad(y, g, false)?), None))
    }
}

/// Softmax (the vision towers' attention) or log-softmax (the vocabulary) over the last dim,
/// without a mask.
struct RowSoftmax {
    log: bool,
}

impl CustomOp1 for RowSoftmax {
    fn name(&self) -> &'static str {
        if self.log {
            "rulegym-log-softmax"
        } else {
            "rulegym-softmax"
        }
    }

    fn cpu_fwd(&self, s: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let n = l.dims()[l.dims().len() - 1];
        let out = match s {
            CpuStorage::F32(x) => {
                CpuStorage::F32(rows(contiguous(x, l, self.name())?, None, n, self.log))
            }
            CpuStorage::F64(x) => {
                CpuStorage::F64(rows(contiguous(x, l, self.name())?, None, n, self.log))
            }
            _ => candle_core::bail!("{}: f32/f64 only, got {:?}", self.name(), s.dtype()),
        };
        Ok((out, l.shape().clone()))
    }

    fn bwd(&self, _x: &Tensor, y: &Tensor, g: &Tensor) -> candle_core::Result<Option<Tensor>> {
        Ok(Some(softmax_grad(y, g, self.log)?))
    }
}

fn fused_ok(x: &Tensor) -> bool {
    x.device().is_cpu() && matches!(x.dtype(), DType::F32 | DType::F64)
}

/// `softmax(x + mask)` over the last dim. `x`: `[B, ..., T, Tk]`; `mask`: additive,
/// `[1 or B, 1, ..., T, Tk]`. No gradient flows to the mask.
pub fn masked_softmax(x: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let mask = mask.to_dtype(x.dtype())?;
    if fused_ok(x) {
        Ok(x.contiguous()?
            .apply_op2(&mask.contiguous()?, MaskedSoftmax)?)
    } else {
        Ok(softmax_last(&x.broadcast_add(&mask)?)?)
    }
}

/// Softmax over the last dim.
pub fn softmax(x: &Tensor) -> candle_core::Result<Tensor> {
    if fused_ok(x) {
        x.contiguous()?.apply_op1(RowSoftmax { log: false })
    } else {
        softmax_last(x)
    }
}

/// Log-softmax over the last dim.
pub fn log_softmax(x: &Tensor) -> Result<Tensor> {
    if fused_ok(x) {
        Ok(x.contiguous()?.apply_op1(RowSoftmax { log: true })?)
    } else {
        composed_log_softmax(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{Device, Var};

    fn close(a: &Tensor, b: &Tensor) -> Result<f64> {
        Ok((a - b)?
            .abs()?
            .max_all()?
            .to_dtype(DType::F64)?
            .to_scalar::<f64>()?)
    }

    /// Forward values and input gradients of the fused kernels equal the composed ops.
    #[test]
    fn fused_kernels_match_composed_ops_forward_and_backward() -> Result<()> {
        let dev = Device::Cpu;
        let x = Var::from_tensor(&Tensor::randn(0f64, 2.0, (2, 3, 4, 5), &dev)?)?;
        let mut m = vec![0f64; 2 * 4 * 5];
        for (i, v) in m.iter_mut().enumerate() {
            if i % 7 == 3 {
                *v = f64::NEG_INFINITY;
            }
        }
        let mask = Tensor::from_vec(m, (2, 1, 4, 5), &dev)?;
        let w = Tensor::randn(0f64, 1.0, (2, 3, 4, 5), &dev)?;
        let fused = masked_softmax(x.as_tensor(), &mask)?;
        let composed = softmax_last(&x.as_tensor().broadcast_add(&mask)?)?;
        assert!(close(&fused, &composed)? < 1e-12);
        let gf = (&fused * &w)?.sum_all()?.backward()?;
        let gc = (&composed * &w)?.sum_all()?.backward()?;
        let (a, b) = (gf.get(x.as_tensor()), gc.get(x.as_tensor()));
        assert!(matches!((a, b), (Some(a), Some(b)) if close(a, b)? < 1e-12));
        let sf = softmax(x.as_tensor())?;
        let sc = softmax_last(x.as_tensor())?;
        assert!(close(&sf, &sc)? < 1e-12);
        let gf = (&sf * &w)?.sum_all()?.backward()?;
        let gc = (&sc * &w)?.sum_all()?.backward()?;
        let (a, b) = (gf.get(x.as_tensor()), gc.get(x.as_tensor()));
        assert!(matches!((a, b), (Some(a), Some(b)) if close(a, b)? < 1e-12));
        let lf = log_softmax(x.as_tensor())?;
        let lc = composed_log_softmax(x.as_tensor())?;
        assert!(close(&lf, &lc)? < 1e-12);
        let gf = (&lf * &w)?.sum_all()?.backward()?;
        let gc = (&lc * &w)?.sum_all()?.backward()?;
        let (a, b) = (gf.get(x.as_tensor()), gc.get(x.as_tensor()));
        assert!(matches!((a, b), (Some(a), Some(b)) if close(a, b)? < 1e-12));
        Ok(())
    }

    /// Enough rows for many parallel tasks: every task maps its rows to the right mask rows.
    #[test]
    fn parallel_rows_keep_their_mask_rows() -> Result<()> {
        let dev = Device::Cpu;
        let (b, h, t, n) = (3, 2, 128, 300);
        assert!(b * h * t > 4 * rows_per_task(n));
        let x = Var::from_tensor(&Tensor::randn(0f64, 1.0, (b, h, t, n), &dev)?)?;
        let m: Vec<f64> = (0..b * t * n)
            .map(|i| {
                if (i / n + i % n) % 5 == 0 {
                    f64::NEG_INFINITY
                } else {
                    (i % 13) as f64 * 0.1
                }
            })
            .collect();
        let mask = Tensor::from_vec(m, (b, 1, t, n), &dev)?;
        let w = Tensor::randn(0f64, 1.0, (b, h, t, n), &dev)?;
        let fused = masked_softmax(x.as_tensor(), &mask)?;
        let composed = softmax_last(&x.as_tensor().broadcast_add(&mask)?)?;
        assert!(close(&fused, &composed)? < 1e-12);
        let gf = (&fused * &w)?.sum_all()?.backward()?;
        let gc = (&composed * &w)?.sum_all()?.backward()?;
        let (a, b) = (gf.get(x.as_tensor()), gc.get(x.as_tensor()));
        assert!(matches!((a, b), (Some(a), Some(b)) if close(a, b)? < 1e-12));
        Ok(())
    }
}
