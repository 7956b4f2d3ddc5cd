//! Matrix products whose operands suit cuBLAS as well as the CPU gemm.
//!
//! candle's CPU matmul accepts any strides, but its CUDA matmul hands operands to cuBLAS, which
//! needs each matrix row- or column-major and batch strides one number can express; any other
//! layout fails there with `MatMulNonContiguous`. Such a layout would pass every CPU test and
//! break only on a GPU, so the model's products go through [`matmul`], which copies an operand
//! cuBLAS could not take on every device: the CPU tests run the very layouts a GPU gets.
use candle_core::{Result, Tensor};

/// Whether cuBLAS can read `t` as a (batched) matrix without a copy — the rule of candle's
/// CUDA `gemm_config`.
pub fn cublas_layout_ok(t: &Tensor) -> bool {
    let dims = t.dims();
    let st = t.stride();
    let n = dims.len();
    if n < 2 {
        return false;
    }
    let (r, c) = (dims[n - 2], dims[n - 1]);
    let (rs, cs) = (st[n - 2], st[n - 1]);
    let row_major = (cs == 1 || c == 1) && (rs == c || r == 1);
    let col_major = (cs == r || c == 1) && (rs == 1 || r == 1);
    let batch = match (&dims[..n - 2], &st[..n - 2]) {
        ([d0, d1], [s0, s1]) => *s0 == s1 * d1 || *d0 == 1 || *d1 == 1,
        ([_], [_]) | ([], []) => true,
        _ => false,
    };
    (row_major || col_major) && batch
}

/// `a · b` (candle's `matmul`), copying an operand cuBLAS could not take as it is.
pub fn matmul(a: &Tensor, b: &Tensor) -> Result<Tensor> {
    let fix = |t: &Tensor| {
        if cublas_layout_ok(t) {
            Ok(t.clone())
        } else {
            t.contiguous()
        }
    };
    fix(a)?.matmul(&fix(b)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{Device, IndexOp};

    fn t(dims: &[usize]) -> Tensor {
        let n: usize = dims.iter().product();
        Tensor::arange(0f32, n as f32, &Device::Cpu)
            .and_then(|x| x.reshape(dims))
            .unwrap()
    }

    #[test]
    fn row_and_column_major_pass_other_strides_do_not() {
        let a = t(&[4, 6]);
        assert!(cublas_layout_ok(&a));
        assert!(cublas_layout_ok(&a.t().unwrap()));
        // Every other column: rows are not contiguous.
        let cols = a.i((.., 0..3)).unwrap();
        assert!(!cublas_layout_ok(&cols));
        // [B, L, H, D] → [B, H, L, D]: rows of one head are H·D apart.
        let heads = t(&[2, 5, 3, 4]).transpose(1, 2).unwrap();
        assert!(!cublas_layout_ok(&heads));
        assert!(cublas_layout_ok(&heads.contiguous().unwrap()));
        assert!(cublas_layout_ok(&t(&[2, 3, 5, 4]).t().unwrap()));
    }

    #[test]
    fn products_of_copied_operands_are_unchanged() {
        let a = t(&[2, 5, 3, 4]).transpose(1, 2).unwrap();
        let b = t(&[2, 3, 4, 2]);
        let want: Vec<f32> = a
            .contiguous()
            .unwrap()
            .matmul(&b)
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1()
            .unwrap();
        let got: Vec<f32> = matmul(&a, &b)
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1()
            .unwrap();
        assert_eq!(got, want);
    }
}
