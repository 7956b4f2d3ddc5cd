//! Grouped-query attention `softmax(q·kᵀ·scale + mask)·v` as one CPU kernel WITH a backward
//! pass, in the manner of FlashAttention (Dao et al. 2022): the score matrix is never stored.
//!
//! Composed, attention materialises `[B, H, T, Tk]` scores and probabilities in memory, and its
//! backward makes several more passes of that size (two products, the softmax backward, and
//! candle's zero-then-add gradient buffers). Here each query row is scored into a buffer that
//! stays in L1, normalised there and multiplied into the output; the backward recomputes the
//! row's probabilities from the saved log-sum-exp `L` (one number per row) and accumulates
//! `dq`, `dk`, `dv` directly: with `p = exp(s − L)`, `D = dO·O`,
//! `dv_j += p_j·dO`, `ds_j = p_j·(dO·v_j − D)`, `dq += scale·Σ ds_j·k_j`, `dk_j += scale·ds_j·q`.
//! Rows whose mask is `−inf` outside a window (causal, left padding) only visit that window, so
//! causal attention costs half the products. One task per (batch, kv head): the query heads
//! sharing a kv head write disjoint `dq` rows and one `dk`/`dv` block, so no task waits.
//! Other devices and dtypes take the composed ops (same maths).
use std::sync::OnceLock;

use candle_core::{CpuStorage, CustomOp3, DType, Device, Layout, Shape, Tensor};
use rayon::prelude::*;

use super::vexp;

/// The float types the kernel runs on (f64 for the exactness and finite-difference tests).
trait Float:
    Copy
    + Send
    + Sync
    + Default
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::AddAssign
{
    const NEG_INF: Self;
    fn from_f64(x: f64) -> Self;
    fn is_finite(self) -> bool;
    fn ln(self) -> Self;
    /// The largest element.
    fn max_of(xs: &[Self]) -> Self;
    /// `x ← exp(x − shift)`; returns the sum.
    fn exp_shift_sum(xs: &mut [Self], shift: Self) -> Self;
    /// One forward task ([`fwd_task`]; f32 picks the AVX2 build at run time).
    fn fwd(c: &Ctx<'_, Self>, task: usize) -> (Vec<Self>, Vec<Self>) {
        fwd_task(c, task)
    }
    /// One backward task ([`bwd_task`]; f32 picks the AVX2 build at run time).
    fn bwd(c: &Ctx<'_, Self>, s: &Saved<'_, Self>, task: usize) -> Grads<Self> {
        bwd_task(c, s, task)
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn fwd_avx2(c: &Ctx<'_, f32>, task: usize) -> (Vec<f32>, Vec<f32>) {
    fwd_task(c, task)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn bwd_avx2(c: &Ctx<'_, f32>, s: &Saved<'_, f32>, task: usize) -> Grads<f32> {
    bwd_task(c, s, task)
}

impl Float for f32 {
    const NEG_INF: Self = f32::NEG_INFINITY;
    fn from_f64(x: f64) -> Self {
        x as f32
    }
    fn is_finite(self) -> bool {
        f32::is_finite(self)
    }
    fn ln(self) -> Self {
        f32::ln(self)
    }
    fn max_of(xs: &[Self]) -> Self {
        vexp::max(xs)
    }
    fn exp_shift_sum(xs: &mut [Self], shift: Self) -> Self {
        vexp::exp_shift_sum(xs, shift)
    }
    fn fwd(c: &Ctx<'_, Self>, task: usize) -> (Vec<Self>, Vec<Self>) {
        #[cfg(target_arch = "x86_64")]
        if vexp::has_avx2() {
            // SAFETY: the CPU has the features `fwd_avx2` was compiled for.
            return unsafe { fwd_avx2(c, task) };
        }
        fwd_task(c, task)
    }
    fn bwd(c: &Ctx<'_, Self>, s: &Saved<'_, Self>, task: usize) -> Grads<Self> {
        #[cfg(target_arch = "x86_64")]
        if vexp::has_avx2() {
            // SAFETY: the CPU has the features `bwd_avx2` was compiled for.
            return unsafe { bwd_avx2(c, s, task) };
        }
        bwd_task(c, s, task)
    }
}

impl Float for f64 {
    const NEG_INF: Self = f64::NEG_INFINITY;
    fn from_f64(x: f64) -> Self {
        x
    }
    fn is_finite(self) -> bool {
        f64::is_finite(self)
    }
    fn ln(self) -> Self {
        f64::ln(self)
    }
    fn max_of(xs: &[Self]) -> Self {
        xs.iter().fold(f64::NEG_INFINITY, |a, b| a.max(*b))
    }
    fn exp_shift_sum(xs: &mut [Self], shift: Self) -> Self {
        xs.iter_mut().fold(0.0, |s, v| {
            *v = (*v - shift).exp();
            s + *v
        })
    }
}

/// The shapes of one call: batch, query heads, kv heads, queries, keys, head dim.
#[derive(Debug, Clone, Copy)]
struct Dims {
    b: usize,
    h: usize,
    kvh: usize,
    t: usize,
    tk: usize,
    d: usize,
    /// Batches in the mask (1: shared by all).
    mb: usize,
}

impl Dims {
    fn groups(&self) -> usize {
        self.h / self.kvh
    }
}

/// The operands of one call, shared by its tasks.
#[derive(Clone, Copy)]
struct Ctx<'a, T> {
    q: &'a [T],
    k: &'a [T],
    v: &'a [T],
    m: &'a [T],
    s: Dims,
    scale: T,
}

/// What the backward reads besides the operands: the output, its lse and its gradient.
#[derive(Clone, Copy)]
struct Saved<'a, T> {
    o: &'a [T],
    lse: &'a [T],
    go: &'a [T],
}

/// `(dq, dk, dv)` of one task.
type Grads<T> = (Vec<T>, Vec<T>, Vec<T>);

/// The additive mask of one batch row, `[T, Tk]`, and each query's window of finite entries.
struct MaskRows<'a, T> {
    m: &'a [T],
    /// `(lo, hi)`: keys `lo..hi` may be attended (empty when the whole row is masked).
    win: Vec<(usize, usize)>,
}

#[inline(always)]
fn mask_rows<T: Float>(m: &[T], t: usize, tk: usize) -> MaskRows<'_, T> {
    let win = (0..t)
        .map(|i| {
            let row = &m[i * tk..(i + 1) * tk];
            match row.iter().position(|v| v.is_finite()) {
                Some(lo) => {
                    let hi = tk - row.iter().rev().position(|v| v.is_finite()).unwrap_or(0);
                    (lo, hi)
                }
                None => (0, 0),
            }
        })
        .collect();
    MaskRows { m, win }
}

/// `s[j] = scale·(q·k_j) + m[j]` for `j` in `lo..hi`, from `kt` (`[D, Tk]`, keys transposed):
/// the inner loop runs along keys, so it vectorises without horizontal sums.
#[inline(always)]
fn scores<T: Float>(q: &[T], kt: &[T], m: &[T], tk: usize, scale: T, s: &mut [T], lo: usize) {
    let n = s.len();
    s.iter_mut().for_each(|v| *v = T::default());
    for (dd, &qd) in q.iter().enumerate() {
        let krow = &kt[dd * tk + lo..dd * tk + lo + n];
        for (sv, kv) in s.iter_mut().zip(krow) {
            *sv += qd * *kv;
        }
    }
    for (sv, mv) in s.iter_mut().zip(&m[lo..lo + n]) {
        *sv = *sv * scale + *mv;
    }
}

/// `[Tk, D]` → `[D, Tk]`.
#[inline(always)]
fn transpose<T: Float>(x: &[T], tk: usize, d: usize) -> Vec<T> {
    let mut out = vec![T::default(); x.len()];
    for j in 0..tk {
        for dd in 0..d {
            out[dd * tk + j] = x[j * d + dd];
        }
    }
    out
}

fn slice<'a, T>(data: &'a [T], l: &Layout, what: &str) -> candle_core::Result<&'a [T]> {
    match l.contiguous_offsets() {
        Some((a, b)) => Ok(&data[a..b]),
        None => candle_core::bail!("{what}: input must be contiguous"),
    }
}

/// One (batch, kv head) of the forward: outputs `[groups, T, D]` and lse `[groups, T]`.
#[inline(always)]
fn fwd_task<T: Float>(c: &Ctx<'_, T>, task: usize) -> (Vec<T>, Vec<T>) {
    let Ctx {
        q,
        k,
        v,
        m,
        s,
        scale,
    } = *c;
    let Dims { t, tk, d, h, .. } = s;
    let g = s.groups();
    let (bi, kh) = (task / s.kvh, task % s.kvh);
    let kb = &k[task * tk * d..(task + 1) * tk * d];
    let vb = &v[task * tk * d..(task + 1) * tk * d];
    let kt = transpose(kb, tk, d);
    let mrow = if s.mb == 1 { 0 } else { bi };
    let mask = mask_rows(&m[mrow * t * tk..(mrow + 1) * t * tk], t, tk);
    let mut out = vec![T::default(); g * t * d];
    let mut lse = vec![T::NEG_INF; g * t];
    let mut buf = vec![T::default(); tk];
    for gi in 0..g {
        let head = kh * g + gi;
        let qb = &q[(bi * h + head) * t * d..][..t * d];
        for i in 0..t {
            let (lo, hi) = mask.win[i];
            if lo >= hi {
                continue;
            }
            let sb = &mut buf[..hi - lo];
            let mi = &mask.m[i * tk..(i + 1) * tk];
            scores(&qb[i * d..(i + 1) * d], &kt, mi, tk, scale, sb, lo);
            let max = T::max_of(sb);
            let sum = T::exp_shift_sum(sb, max);
            lse[gi * t + i] = max + sum.ln();
            let o = &mut out[(gi * t + i) * d..][..d];
            let inv = T::from_f64(1.0) / sum;
            for (jj, &p) in sb.iter().enumerate() {
                let p = p * inv;
                let vj = &vb[(lo + jj) * d..][..d];
                for (ov, vv) in o.iter_mut().zip(vj) {
                    *ov += p * *vv;
                }
            }
        }
    }
    (out, lse)
}

/// Forward: output `[B, T, H·D]` and the per-row log-sum-exp `[B, H, T]`.
fn forward<T: Float>(q: &[T], k: &[T], v: &[T], m: &[T], s: Dims, scale: T) -> (Vec<T>, Vec<T>) {
    let Dims { t, d, h, .. } = s;
    let g = s.groups();
    // Per (batch, kv head): outputs [groups, T, D] and lse [groups, T].
    let c = Ctx {
        q,
        k,
        v,
        m,
        s,
        scale,
    };
    let parts: Vec<(Vec<T>, Vec<T>)> = (0..s.b * s.kvh)
        .into_par_iter()
        .map(|task| T::fwd(&c, task))
        .collect();
    let mut out = vec![T::default(); s.b * t * h * d];
    let mut lse = vec![T::NEG_INF; s.b * h * t];
    for (task, (o, l)) in parts.into_iter().enumerate() {
        let (bi, kh) = (task / s.kvh, task % s.kvh);
        for gi in 0..g {
            let head = kh * g + gi;
            lse[(bi * h + head) * t..][..t].copy_from_slice(&l[gi * t..(gi + 1) * t]);
            for i in 0..t {
                out[(bi * t + i) * h * d + head * d..][..d]
                    .copy_from_slice(&o[(gi * t + i) * d..][..d]);
            }
        }
    }
    (out, lse)
}

/// One (batch, kv head) of the backward: `dq` `[groups, T, D]`, `dk` and `dv` `[Tk, D]`.
#[inline(always)]
fn bwd_task<T: Float>(c: &Ctx<'_, T>, sv: &Saved<'_, T>, task: usize) -> Grads<T> {
    let Ctx {
        q,
        k,
        v,
        m,
        s,
        scale,
    } = *c;
    let Saved { o, lse, go } = *sv;
    let Dims { t, tk, d, h, .. } = s;
    let g = s.groups();
    let (bi, kh) = (task / s.kvh, task % s.kvh);
    let kb = &k[task * tk * d..(task + 1) * tk * d];
    let vb = &v[task * tk * d..(task + 1) * tk * d];
    let (kt, vt) = (transpose(kb, tk, d), transpose(vb, tk, d));
    let mrow = if s.mb == 1 { 0 } else { bi };
    let mask = mask_rows(&m[mrow * t * tk..(mrow + 1) * t * tk], t, tk);
    let zeros = vec![T::default(); tk];
    let mut dq = vec![T::default(); g * t * d];
    let mut dk = vec![T::default(); tk * d];
    let mut dv = vec![T::default(); tk * d];
    let (mut p, mut dp) = (vec![T::default(); tk], vec![T::default(); tk]);
    for gi in 0..g {
        let head = kh * g + gi;
        let qb = &q[(bi * h + head) * t * d..][..t * d];
        for i in 0..t {
            let (lo, hi) = mask.win[i];
            if lo >= hi {
                continue;
            }
            let n = hi - lo;
            let qi = &qb[i * d..(i + 1) * d];
            let row = (bi * t + i) * h * d + head * d;
            let (oi, gi_) = (&o[row..row + d], &go[row..row + d]);
            let l = lse[(bi * h + head) * t + i];
            let mi = &mask.m[i * tk..(i + 1) * tk];
            let (pb, dpb) = (&mut p[..n], &mut dp[..n]);
            scores(qi, &kt, mi, tk, scale, pb, lo);
            pb.iter_mut().for_each(|x| *x = *x - l);
            T::exp_shift_sum(pb, T::default());
            // dp_j = dO·v_j, by the same key-major loop as the scores.
            scores(gi_, &vt, &zeros, tk, T::from_f64(1.0), dpb, lo);
            let dsum = oi
                .iter()
                .zip(gi_)
                .fold(T::default(), |a, (x, y)| a + *x * *y);
            let dqi = &mut dq[(gi * t + i) * d..][..d];
            for jj in 0..n {
                let j = lo + jj;
                let pj = pb[jj];
                let ds = pj * (dpb[jj] - dsum) * scale;
                let (kj, vj) = (&kb[j * d..][..d], &mut dv[j * d..][..d]);
                for dd in 0..d {
                    vj[dd] += pj * gi_[dd];
                    dqi[dd] += ds * kj[dd];
                }
                let dkj = &mut dk[j * d..][..d];
                for dd in 0..d {
                    dkj[dd] += ds * qi[dd];
                }
            }
        }
    }
    (dq, dk, dv)
}

/// Backward: `[dq (B·H·T·D) | dk (B·KV·Tk·D) | dv (B·KV·Tk·D)]` from `dO` `[B, T, H·D]`.
#[allow(clippy::too_many_arguments)]
fn backward<T: Float>(
    q: &[T],
    k: &[T],
    v: &[T],
    m: &[T],
    o: &[T],
    lse: &[T],
    go: &[T],
    s: Dims,
    scale: T,
) -> Vec<T> {
    let Dims { t, tk, d, h, .. } = s;
    let g = s.groups();
    let c = Ctx {
        q,
        k,
        v,
        m,
        s,
        scale,
    };
    let saved = Saved { o, lse, go };
    let parts: Vec<(Vec<T>, Vec<T>, Vec<T>)> = (0..s.b * s.kvh)
        .into_par_iter()
        .map(|task| T::bwd(&c, &saved, task))
        .collect();
    let (nq, nk) = (s.b * h * t * d, s.b * s.kvh * tk * d);
    let mut out = vec![T::default(); nq + 2 * nk];
    for (task, (dq, dk, dv)) in parts.into_iter().enumerate() {
        let (bi, kh) = (task / s.kvh, task % s.kvh);
        let head0 = bi * h + kh * g;
        out[head0 * t * d..][..g * t * d].copy_from_slice(&dq);
        out[nq + task * tk * d..][..tk * d].copy_from_slice(&dk);
        out[nq + nk + task * tk * d..][..tk * d].copy_from_slice(&dv);
    }
    out
}

/// Reads the dims of q `[B, H, T, D]`, k and v `[B, KV, Tk, D]` and the mask `[1|B, T, Tk]`.
fn dims(q: &[usize], k: &[usize], v: &[usize], m: &[usize]) -> candle_core::Result<Dims> {
    match (q, k, m) {
        ([b, h, t, d], [kb, kvh, tk, kd], [mb, mt, mtk])
            if kb == b
                && kd == d
                && v == k
                && *kvh > 0
                && h % kvh == 0
                && (*mb == 1 || mb == b)
                && mt == t
                && mtk == tk =>
        {
            Ok(Dims {
                b: *b,
                h: *h,
                kvh: *kvh,
                t: *t,
                tk: *tk,
                d: *d,
                mb: *mb,
            })
        }
        _ => candle_core::bail!(
            "rulegym-attention: q {q:?}, k {k:?}, v {v:?} and mask {m:?} do not fit together"
        ),
    }
}

/// The fused attention op. The mask travels inside it (no gradient reaches it), and the
/// forward leaves the rows' log-sum-exp here for the backward.
struct Attention {
    mask: Tensor,
    scale: f64,
    lse: OnceLock<Tensor>,
}

/// Runs `f` on the contiguous CPU data of `x` as `T`.
fn read<T: candle_core::WithDType, R>(
    x: &Tensor,
    f: impl FnOnce(&[T]) -> candle_core::Result<R>,
) -> candle_core::Result<R> {
    let (st, l) = x.storage_and_layout();
    match &*st {
        candle_core::Storage::Cpu(c) => f(slice(c.as_slice::<T>()?, l, "rulegym-attention")?),
        _ => candle_core::bail!("rulegym-attention: operands must be on the CPU"),
    }
}

impl CustomOp3 for Attention {
    fn name(&self) -> &'static str {
        "rulegym-attention"
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
        let s = dims(l1.dims(), l2.dims(), l3.dims(), self.mask.dims())?;
        let (out, lse) = match (s1, s2, s3) {
            (CpuStorage::F32(q), CpuStorage::F32(k), CpuStorage::F32(v)) => {
                let (q, k, v) = (slice(q, l1, n)?, slice(k, l2, n)?, slice(v, l3, n)?);
                let (o, l) = read(&self.mask, |m| {
                    Ok(forward(q, k, v, m, s, self.scale as f32))
                })?;
                (
                    CpuStorage::F32(o),
                    Tensor::from_vec(l, s.b * s.h * s.t, &Device::Cpu)?,
                )
            }
            (CpuStorage::F64(q), CpuStorage::F64(k), CpuStorage::F64(v)) => {
                let (q, k, v) = (slice(q, l1, n)?, slice(k, l2, n)?, slice(v, l3, n)?);
                let (o, l) = read(&self.mask, |m| Ok(forward(q, k, v, m, s, self.scale)))?;
                (
                    CpuStorage::F64(o),
                    Tensor::from_vec(l, s.b * s.h * s.t, &Device::Cpu)?,
                )
            }
            _ => candle_core::bail!("{n}: f32/f64 inputs of one dtype only"),
        };
        // A second forward of the same op (never done by candle) would keep the first lse.
        let _ = self.lse.set(lse);
        Ok((out, Shape::from((s.b, s.t, s.h * s.d))))
    }

    fn bwd(
        &self,
        q: &Tensor,
        k: &Tensor,
        v: &Tensor,
        o: &Tensor,
        go: &Tensor,
    ) -> candle_core::Result<(Option<Tensor>, Option<Tensor>, Option<Tensor>)> {
        let lse = match self.lse.get() {
            Some(l) => l.clone(),
            None => candle_core::bail!("rulegym-attention: backward before forward"),
        };
        let s = dims(q.dims(), k.dims(), v.dims(), self.mask.dims())?;
        let op = AttentionBackward {
            o: o.clone(),
            lse,
            go: go.contiguous()?,
            mask: self.mask.clone(),
            scale: self.scale,
            dims: s,
        };
        let all = q.apply_op3_no_bwd(k, v, &op)?;
        let (nq, nk) = (s.b * s.h * s.t * s.d, s.b * s.kvh * s.tk * s.d);
        let dq = all.narrow(0, 0, nq)?.reshape(q.dims())?;
        let dk = all.narrow(0, nq, nk)?.reshape(k.dims())?;
        let dv = all.narrow(0, nq + nk, nk)?.reshape(v.dims())?;
        Ok((Some(dq), Some(dk), Some(dv)))
    }
}

/// The backward of [`Attention`] over its inputs `(q, k, v)`, the output, its log-sum-exp and
/// gradient travelling inside; its output is `[dq | dk | dv]` flat. Only applied inside
/// `bwd`, so it needs no backward.
struct AttentionBackward {
    o: Tensor,
    lse: Tensor,
    go: Tensor,
    mask: Tensor,
    scale: f64,
    dims: Dims,
}

impl AttentionBackward {
    /// Runs `f` on the mask, output, log-sum-exp and output gradient as `T`.
    fn with_saved<T: candle_core::WithDType, R>(
        &self,
        f: impl FnOnce(&[T], &[T], &[T], &[T]) -> candle_core::Result<R>,
    ) -> candle_core::Result<R> {
        read(&self.mask, |m| {
            read(&self.o, |o| {
                read(&self.lse, |l| read(&self.go, |g| f(m, o, l, g)))
            })
        })
    }
}

impl CustomOp3 for AttentionBackward {
    fn name(&self) -> &'static str {
        "rulegym-attention-backward"
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
        let s = self.dims;
        let out = match (s1, s2, s3) {
            (CpuStorage::F32(q), CpuStorage::F32(k), CpuStorage::F32(v)) => {
                let (q, k, v) = (slice(q, l1, n)?, slice(k, l2, n)?, slice(v, l3, n)?);
                let sc = self.scale as f32;
                CpuStorage::F32(
                    self.with_saved(|m, o, l, g| Ok(backward(q, k, v, m, o, l, g, s, sc)))?,
                )
            }
            (CpuStorage::F64(q), CpuStorage::F64(k), CpuStorage::F64(v)) => {
                let (q, k, v) = (slice(q, l1, n)?, slice(k, l2, n)?, slice(v, l3, n)?);
                let sc = self.scale;
                CpuStorage::F64(
                    self.with_saved(|m, o, l, g| Ok(backward(q, k, v, m, o, l, g, s, sc)))?,
                )
            }
            _ => candle_core::bail!("{n}: f32/f64 inputs of one dtype only"),
        };
        let len = s.b * s.h * s.t * s.d + 2 * s.b * s.kvh * s.tk * s.d;
        Ok((out, Shape::from(len)))
    }
}

/// Whether [`attention`] runs the fused kernel for these operands.
pub fn fused_ok(q: &Tensor) -> bool {
    q.device().is_cpu()
        && matches!(q.dtype(), DType::F32 | DType::F64)
        && crate::kernels::enabled(crate::kernels::Kernel::Attention)
}

/// `softmax(q·kᵀ·scale + mask)·v` with the query heads of each kv head adjacent (kv-major):
/// q `[B, H, T, D]`, k and v `[B, KV, Tk, D]`, mask additive and broadcastable to
/// `[B, 1, 1, T, Tk]` (1 or B batches); returns `[B, T, H·D]`. CPU f32/f64 only (see
/// [`fused_ok`]); differentiable in q, k and v.
pub fn attention(
    q: &Tensor,
    k: &Tensor,
    v: &Tensor,
    mask: &Tensor,
    scale: f64,
) -> candle_core::Result<Tensor> {
    let (_, _, t, _) = q.dims4()?;
    let tk = k.dim(2)?;
    let mut full = mask.dims().to_vec();
    let r = full.len();
    if r < 2 {
        candle_core::bail!(
            "rulegym-attention: mask {:?} has no [T, Tk] dims",
            mask.dims()
        );
    }
    (full[r - 2], full[r - 1]) = (t, tk);
    let mask = mask
        .to_dtype(q.dtype())?
        .broadcast_as(full)?
        .contiguous()?
        .reshape((mask.dim(0)?, t, tk))?;
    let op = Attention {
        mask,
        scale,
        lse: OnceLock::new(),
    };
    q.contiguous()?
        .apply_op3(&k.contiguous()?, &v.contiguous()?, op)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fused::masked_softmax;
    use candle_core::Var;

    /// The composed reference: the decoder's attention before this kernel.
    fn composed(
        q: &Tensor,
        k: &Tensor,
        v: &Tensor,
        mask: &Tensor,
        scale: f64,
    ) -> candle_core::Result<Tensor> {
        let (b, h, t, d) = q.dims4()?;
        let (kvh, tk) = (k.dim(1)?, k.dim(2)?);
        let g = h / kvh;
        let q = (q * scale)?.reshape((b, kvh, g * t, d))?;
        let s = q.matmul(&k.t()?)?.reshape((b, kvh, g, t, tk))?;
        let p = masked_softmax(&s, mask).map_err(|e| candle_core::Error::Msg(e.to_string()))?;
        p.reshape((b, kvh, g * t, tk))?
            .matmul(v)?
            .reshape((b, h, t, d))?
            .transpose(1, 2)?
            .reshape((b, t, h * d))
    }

    fn max_diff(a: &Tensor, b: &Tensor) -> candle_core::Result<f64> {
        (a - b)?
            .abs()?
            .flatten_all()?
            .max(0)?
            .to_dtype(DType::F64)?
            .to_scalar::<f64>()
    }

    /// Causal for T = Tk, else the last T of Tk positions (a cache), with left padding on
    /// batch row 1: both the windowed and the interior −inf entries are exercised.
    fn mask(b: usize, t: usize, tk: usize, dt: DType) -> candle_core::Result<Tensor> {
        let mut m = vec![0f64; b * t * tk];
        for bi in 0..b {
            for i in 0..t {
                for j in 0..tk {
                    let causal = j > tk - t + i;
                    let pad = bi == 1 && j < 2;
                    let hole = bi == 0 && j == 1 && i % 2 == 0 && tk - t + i > 1;
                    if causal || pad || hole {
                        m[(bi * t + i) * tk + j] = f64::NEG_INFINITY;
                    }
                }
            }
        }
        Tensor::from_vec(m, (b, 1, 1, t, tk), &Device::Cpu)?.to_dtype(dt)
    }

    /// Values and the gradients of q, k and v equal the composed ops (matmuls and the fused
    /// masked softmax), in f64 and f32, for training shapes (T = Tk) and a cache (T < Tk).
    #[test]
    fn fused_attention_matches_composed_ops_forward_and_backward() -> candle_core::Result<()> {
        let dev = Device::Cpu;
        for (dt, tol) in [(DType::F64, 1e-11), (DType::F32, 2e-5)] {
            for (b, h, kvh, t, tk, d) in [
                (2, 4, 2, 9, 9, 8),
                (3, 2, 1, 3, 11, 4),
                (2, 6, 3, 40, 40, 16),
            ] {
                let r = |shape: (usize, usize, usize, usize)| -> candle_core::Result<Var> {
                    Var::from_tensor(&Tensor::randn(0f64, 1.0, shape, &dev)?.to_dtype(dt)?)
                };
                let (q, k, v) = (r((b, h, t, d))?, r((b, kvh, tk, d))?, r((b, kvh, tk, d))?);
                let m = mask(b, t, tk, dt)?;
                let w = Tensor::randn(0f64, 1.0, (b, t, h * d), &dev)?.to_dtype(dt)?;
                let scale = 1.0 / (d as f64).sqrt();
                let f = attention(q.as_tensor(), k.as_tensor(), v.as_tensor(), &m, scale)?;
                let c = composed(q.as_tensor(), k.as_tensor(), v.as_tensor(), &m, scale)?;
                assert!(
                    max_diff(&f, &c)? < tol,
                    "forward {dt:?} {b},{h},{kvh},{t},{tk},{d}"
                );
                let gf = (&f * &w)?.sum_all()?.backward()?;
                let gc = (&c * &w)?.sum_all()?.backward()?;
                for (name, x) in [("q", &q), ("k", &k), ("v", &v)] {
                    let (a, b) = (gf.get(x.as_tensor()), gc.get(x.as_tensor()));
                    assert!(
                        matches!((a, b), (Some(a), Some(b)) if max_diff(a, b)? < tol),
                        "d{name} {dt:?}"
                    );
                }
            }
        }
        Ok(())
    }

    /// The written backward equals central differences of the fused forward itself.
    #[test]
    fn fused_attention_gradient_matches_finite_differences() -> candle_core::Result<()> {
        let dev = Device::Cpu;
        let (b, h, kvh, t, d) = (2, 2, 1, 5, 4);
        let m = mask(b, t, t, DType::F64)?;
        let w = Tensor::randn(0f64, 1.0, (b, t, h * d), &dev)?;
        let q0 = Tensor::randn(0f64, 1.0, (b, h, t, d), &dev)?;
        let k0 = Tensor::randn(0f64, 1.0, (b, kvh, t, d), &dev)?;
        let v0 = Tensor::randn(0f64, 1.0, (b, kvh, t, d), &dev)?;
        let loss = |q: &Tensor, k: &Tensor, v: &Tensor| -> candle_core::Result<f64> {
            (attention(q, k, v, &m, 0.7)? * &w)?
                .sum_all()?
                .to_scalar::<f64>()
        };
        let (q, k, v) = (
            Var::from_tensor(&q0)?,
            Var::from_tensor(&k0)?,
            Var::from_tensor(&v0)?,
        );
        let grads = (attention(q.as_tensor(), k.as_tensor(), v.as_tensor(), &m, 0.7)? * &w)?
            .sum_all()?
            .backward()?;
        let h_ = 1e-6;
        for which in 0..3 {
            let x0 = [&q0, &k0, &v0][which];
            let var = [&q, &k, &v][which];
            let an: Vec<f64> = match grads.get(var.as_tensor()) {
                Some(g) => g.flatten_all()?.to_vec1()?,
                None => candle_core::bail!("input {which} got no gradient"),
            };
            let flat: Vec<f64> = x0.flatten_all()?.to_vec1()?;
            for i in (0..flat.len()).step_by(3) {
                let bump = |delta: f64| -> candle_core::Result<f64> {
                    let mut f = flat.clone();
                    f[i] += delta;
                    let x = Tensor::from_vec(f, x0.shape(), &dev)?;
                    let mut ins = [q0.clone(), k0.clone(), v0.clone()];
                    ins[which] = x;
                    loss(&ins[0], &ins[1], &ins[2])
                };
                let fd = (bump(h_)? - bump(-h_)?) / (2.0 * h_);
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
