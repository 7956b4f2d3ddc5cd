//! M-RoPE position ids of a token sequence holding vision placeholders, as `get_rope_index`
//! computes them.
//!
//! Text tokens advance one position per token (all three streams equal). The `t·h·w / merge²`
//! placeholders of an image or video start at the current position `p`: temporal
//! `p + ⌊i·interval⌋` (interval 1 for Qwen2-VL and for images; `tokens_per_second ·
//! second_per_grid_t` for Qwen2.5-VL videos), height `p + row`, width `p + column`. Where text
//! resumes after the block is the one point where implementations disagree ([`TextAfterVision`]).
use super::VisionError;

/// Where text resumes after an image or video.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextAfterVision {
    /// One past the block's largest position, as Qwen's own code, transformers 4 and vLLM
    /// compute it: what the released checkpoints were trained with.
    #[default]
    MaxPlusOne,
    /// `p + max(h, w) / merge`, as transformers 5 computes it. It agrees with the rule above
    /// for images, and differs for videos whose temporal positions outrun the spatial ones
    /// (every Qwen2.5-VL video of two or more temporal patches).
    SpatialExtent,
}

impl std::str::FromStr for TextAfterVision {
    type Err = String;

    /// `qwen` or `transformers5`, as configs and flags spell the rules.
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "qwen" => Ok(Self::MaxPlusOne),
            "transformers5" => Ok(Self::SpatialExtent),
            other => Err(format!(
                "unknown value {other:?} (expected \"qwen\" or \"transformers5\")"
            )),
        }
    }
}

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
    after: TextAfterVision,
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
        pos += match after {
            TextAfterVision::SpatialExtent => lh.max(lw) as u64,
            TextAfterVision::MaxPlusOne => {
                let t_last = (gt.saturating_sub(1) as f32 * interval) as u64;
                t_last.max(lh.max(lw).saturating_sub(1) as u64) + 1
            }
        };
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
        let p = mrope_positions(
            &toks,
            IDS,
            &[span],
            2,
            Some(2.0),
            TextAfterVision::MaxPlusOne,
        )?;
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
        // Temporal positions 1 and 3, spatial extent 2: transformers 5 resumes at 1 + 2,
        // Qwen's code (max + 1) at 4.
        let p = mrope_positions(
            &toks,
            IDS,
            &[span],
            2,
            Some(2.0),
            TextAfterVision::SpatialExtent,
        )?;
        assert_eq!(p[0], vec![0, 1, 1, 3, 3, 3]);
        let p = mrope_positions(
            &toks,
            IDS,
            &[span],
            2,
            Some(2.0),
            TextAfterVision::MaxPlusOne,
        )?;
        assert_eq!(p[0], vec![0, 1, 1, 3, 3, 4]);
        assert_eq!(p[1], vec![0, 1, 1, 1, 1, 4]);
        // Qwen2-VL: t = 2 against h, w = 1, 2: both rules resume at 3.
        for rule in [TextAfterVision::SpatialExtent, TextAfterVision::MaxPlusOne] {
            let q = mrope_positions(&toks, IDS, &[span], 2, None, rule)?;
            assert_eq!(q[0], vec![0, 1, 1, 2, 2, 3]);
        }
        Ok(())
    }

    #[test]
    fn mrope_rejects_placeholder_grid_mismatch() {
        let span = VisionSpan {
            grid_thw: [1, 4, 4],
            is_video: false,
            second_per_grid_t: 0.0,
        };
        let e = mrope_positions(&[1, 9, 9, 9, 2], IDS, &[span], 2, None, Default::default());
        assert!(matches!(
            e,
            Err(VisionError::PlaceholderMismatch {
                tokens: 3,
                features: 4,
                ..
            })
        ));
        let e = mrope_positions(&[1, 2], IDS, &[span], 2, None, Default::default());
        assert!(matches!(e, Err(VisionError::PlaceholderMismatch { .. })));
        let e = mrope_positions(&[9, 9, 9, 9], IDS, &[], 2, None, Default::default());
        assert!(e.is_err());
    }
}
