//! Writing merged vision embeddings into the token embeddings at the placeholder tokens.
use candle_core::Tensor;

use super::mrope::PlaceholderIds;
use super::VisionError;

/// Replaces the rows of `text` (`[T, hidden]`, the embeddings of `tokens`) at image and video
/// placeholders by the rows of `image` and `video` (in order). Differentiable in all three: the
/// result is one `index_select` over their concatenation. The counts must match exactly.
pub fn scatter_vision(
    text: &Tensor,
    tokens: &[u32],
    ids: PlaceholderIds,
    image: Option<&Tensor>,
    video: Option<&Tensor>,
) -> Result<Tensor, VisionError> {
    let t = tokens.len();
    if text.dim(0)? != t {
        return Err(VisionError::Input(format!(
            "text embeddings have {} rows for {t} tokens",
            text.dim(0)?
        )));
    }
    let rows = |x: Option<&Tensor>| -> Result<usize, VisionError> {
        Ok(match x {
            Some(x) => x.dim(0)?,
            None => 0,
        })
    };
    let (ni, nv) = (rows(image)?, rows(video)?);
    let count = |id: u32| tokens.iter().filter(|x| **x == id).count();
    let (ti, tv) = (count(ids.image), count(ids.video));
    if ti != ni {
        return Err(VisionError::PlaceholderMismatch {
            what: "image".into(),
            tokens: ti,
            features: ni,
        });
    }
    if tv != nv {
        return Err(VisionError::PlaceholderMismatch {
            what: "video".into(),
            tokens: tv,
            features: nv,
        });
    }
    if ni + nv == 0 {
        return Ok(text.clone());
    }
    let mut idx = Vec::with_capacity(t);
    let (mut ki, mut kv) = (0u32, 0u32);
    for (i, tok) in tokens.iter().enumerate() {
        if *tok == ids.image {
            idx.push(t as u32 + ki);
            ki += 1;
        } else if *tok == ids.video {
            idx.push((t + ni) as u32 + kv);
            kv += 1;
        } else {
            idx.push(i as u32);
        }
    }
    let mut parts = vec![text.clone()];
    for x in [image, video].into_iter().flatten() {
        parts.push(x.to_dtype(text.dtype())?);
    }
    let table = Tensor::cat(&parts, 0)?;
    let idx = Tensor::new(idx.as_slice(), text.device())?;
    Ok(table.index_select(&idx, 0)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{DType, Device};

    #[test]
    fn placeholders_take_vision_rows_in_order() -> Result<(), VisionError> {
        let dev = Device::Cpu;
        let ids = PlaceholderIds { image: 7, video: 8 };
        let text = Tensor::zeros((5, 2), DType::F32, &dev)?;
        let img = Tensor::new(&[[1f32, 1.0], [2.0, 2.0]], &dev)?;
        let vid = Tensor::new(&[[3f32, 3.0]], &dev)?;
        let out = scatter_vision(&text, &[1, 7, 8, 7, 2], ids, Some(&img), Some(&vid))?;
        let col: Vec<f32> = out.narrow(1, 0, 1)?.flatten_all()?.to_vec1()?;
        assert_eq!(col, vec![0.0, 1.0, 3.0, 2.0, 0.0]);
        Ok(())
    }

    #[test]
    fn count_mismatch_is_a_clear_error() -> Result<(), VisionError> {
        let dev = Device::Cpu;
        let ids = PlaceholderIds { image: 7, video: 8 };
        let text = Tensor::zeros((3, 2), DType::F32, &dev)?;
        let img = Tensor::zeros((2, 2), DType::F32, &dev)?;
        let e = scatter_vision(&text, &[1, 7, 2], ids, Some(&img), None).err();
        let msg = e.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            msg.contains("1") && msg.contains("2") && msg.contains("image"),
            "{msg}"
        );
        Ok(())
    }
}
