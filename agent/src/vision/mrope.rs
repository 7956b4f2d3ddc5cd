//! M-RoPE position ids of a token sequence holding vision placeholders, as transformers 5's
//! `get_rope_index` computes them.
//!
//! Text tokens advance one position per token (all three streams equal). The `t·h·w / merge²`
//! placeholders of an image or video start at the current position `p`: temporal
//! `p + ⌊i·interval⌋` (interval 1 for Qwen2-VL and for images; `tokens_per_second ·
//! second_per_grid_t` for Qwen2.5-VL videos), height `p + row`, width `p + column`. Text after
//! the block resumes at `p + max(h, w) / merge`.
use super::VisionError;

/// Positions of one sequence: temporal, height and width streams.
pub type Positions3 = [Vec<u32>; 3];

/// One image or video placed in a sequence, in order of appearance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VisionSpan {
    /// `(t, h, w)` in patches.
    pub grid_thw: [usize; 3],
    pub is_video: bool,
    /// Seconds covered by one temporal patch (`temporal_patch_size / fps`); Qwen2.5-VL only.
    pub second_per_grid_t: f64,
}

/// The placeholder ids of a checkpoint (`image_token_id`, `video_token_id` in `config.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceholderIds {
    pub image: u32,
    pub video: u32,
}

/// Position ids for `tokens`; `spans` lists the images and videos in order of appearance.
/// `temporal_scale` is `tokens_per_second` for Qwen2.5-VL and `None` for Qwen2-VL.
pub fn mrope_positions(
    tokens: &[u32],
    ids: PlaceholderIds,
    spans: &[VisionSpan],
    merge: usize,
    temporal_scale: Option<f64>,
) -> Result<Positions3, VisionError> {
    let n = tokens.len();
    let mut out: Positions3 = [
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    ];
    let mut pos: u64 = 0;
    let mut next_span = spans.iter();
    let mut i = 0;
    let m2 = (merge * merge).max(1);
    let (mut n_img_tokens, mut n_vid_tokens) = (0usize, 0usize);
    while i < n {
        let t = tokens[i];
        let is_video = if t == ids.image {
            false
        } else if t == ids.video {
            true
        } else {
            for s in &mut out {
                s.push(pos as u32);
            }
            pos += 1;
            i += 1;
            continue;
        };
        let span = next_span
            .next()
            .ok_or_else(|| VisionError::PlaceholderMismatch {
                what: if is_video { "video" } else { "image" }.into(),
                tokens: tokens.iter().filter(|x| **x == t).count(),
                features: spans
                    .iter()
                    .filter(|s| s.is_video == is_video)
                    .map(|s| s.grid_thw.iter().product::<usize>() / m2)
                    .sum(),
            })?;
        let [gt, gh, gw] = span.grid_thw;
        let (lh, lw) = (gh / merge, gw / merge);
        let len = gt * lh * lw;
        let run = tokens[i..].iter().take_while(|x| **x == t).count();
        if span.is_video != is_video || run < len {
            return Err(VisionError::PlaceholderMismatch {
                what: format!(
                    "{} at token {i} (grid {:?})",
                    if is_video { "video" } else { "image" },
                    span.grid_thw
                ),
                tokens: run,
                features: len,
            });
        }
        let interval = match (temporal_scale, is_video) {
            (Some(tps), true) => (tps * span.second_per_grid_t) as f32,
            _ => 1.0,
        };
        for ti in 0..gt {
            // torch: (arange(t) · interval).long() in f32, truncating.
            let tp = pos + (ti as f32 * interval) as u64;
            for y in 0..lh {
                for x in 0..lw {
                    out[0].push(tp as u32);
                    out[1].push((pos + y as u64) as u32);
                    out[2].push((pos + x as u64) as u32);
                }
            }
        }
        if is_video {
            n_vid_tokens += len;
        } else {
            n_img_tokens += len;
        }
        pos += lh.max(lw) as u64;
        i += len;
    }
    let unused: Vec<&VisionSpan> = next_span.collect();
    if !unused.is_empty() {
        let is_video = unused[0].is_video;
        return Err(VisionError::PlaceholderMismatch {
            what: if is_video { "video" } else { "image" }.into(),
            tokens: if is_video { n_vid_tokens } else { n_img_tokens },
            features: spans
                .iter()
                .filter(|s| s.is_video == is_video)
                .map(|s| s.grid_thw.iter().product::<usize>() / m2)
                .sum(),
        });
    }
    Ok(out)
}

/// The offset generation adds to `len + i` for the i-th new token (`max position + 1 − len`).
pub fn rope_delta(pos: &Positions3) -> i64 {
    let max = pos
        .iter()
        .flat_map(|s| s.iter())
        .copied()
        .max()
        .map_or(-1, i64::from);
    max + 1 - pos[0].len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: PlaceholderIds = PlaceholderIds { image: 9, video: 8 };

    #[test]
    fn image_positions_follow_the_grid_then_text_resumes() -> Result<(), VisionError> {
        let toks = [1, 2, 9, 9, 9, 9, 9, 9, 3];
        let span = VisionSpan {
            grid_thw: [1, 4, 6],
            is_video: false,
            second_per_grid_t: 0.0,
        };
        let p = mrope_positions(&toks, IDS, &[span], 2, Some(2.0))?;
        assert_eq!(p[0], vec![0, 1, 2, 2, 2, 2, 2, 2, 5]);
        assert_eq!(p[1], vec![0, 1, 2, 2, 2, 3, 3, 3, 5]);
        assert_eq!(p[2], vec![0, 1, 2, 3, 4, 2, 3, 4, 5]);
        assert_eq!(rope_delta(&p), 6 - 9);
        Ok(())
    }

    #[test]
    fn qwen2_5_video_spaces_time_by_tokens_per_second() -> Result<(), VisionError> {
        let toks = [1, 8, 8, 8, 8, 2];
        let span = VisionSpan {
            grid_thw: [2, 2, 4],
            is_video: true,
            second_per_grid_t: 1.0,
        };
        let p = mrope_positions(&toks, IDS, &[span], 2, Some(2.0))?;
        assert_eq!(p[0], vec![0, 1, 1, 3, 3, 3]);
        let q = mrope_positions(&toks, IDS, &[span], 2, None)?;
        assert_eq!(q[0], vec![0, 1, 1, 2, 2, 3]);
        Ok(())
    }

    #[test]
    fn mrope_rejects_placeholder_grid_mismatch() {
        let span = VisionSpan {
            grid_thw: [1, 4, 4],
            is_video: false,
            second_per_grid_t: 0.0,
        };
        let e = mrope_positions(&[1, 9, 9, 9, 2], IDS, &[span], 2, None);
        assert!(matches!(
            e,
            Err(VisionError::PlaceholderMismatch {
                tokens: 3,
                features: 4,
                ..
            })
        ));
        let e = mrope_positions(&[1, 2], IDS, &[span], 2, None);
        assert!(matches!(e, Err(VisionError::PlaceholderMismatch { .. })));
        let e = mrope_positions(&[9, 9, 9, 9], IDS, &[], 2, None);
        assert!(e.is_err());
    }
}
