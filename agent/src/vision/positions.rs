//! Index bookkeeping of the vision tower, computed in plain Rust from `grid_thw`
//! (transformers `vision_utils.py`): 2-D rotary positions per patch, attention segments, and
//! Qwen2.5-VL's window order.

/// `(h, w)` rotary position of every patch, in the processor's merge-block order, repeated per
/// temporal step (transformers `get_vision_position_ids`).
pub fn patch_positions(grids: &[[usize; 3]], merge: usize) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for &[t, h, w] in grids {
        let mut one = Vec::with_capacity(h * w);
        for bh in 0..h / merge {
            for bw in 0..w / merge {
                for mh in 0..merge {
                    for mw in 0..merge {
                        one.push(((bh * merge + mh) as u32, (bw * merge + mw) as u32));
                    }
                }
            }
        }
        for _ in 0..t {
            out.extend_from_slice(&one);
        }
    }
    out
}

/// Lengths of the full-attention segments: one per frame (`h·w` patches, `t` times per entry).
pub fn frame_segments(grids: &[[usize; 3]]) -> Vec<usize> {
    grids
        .iter()
        .flat_map(|&[t, h, w]| std::iter::repeat_n(h * w, t))
        .collect()
}

/// Qwen2.5-VL window attention: the permutation of merge units that groups each window's units
/// together (`window_index`), and the window lengths in patches (`cu_window_seqlens` as lengths,
/// empty windows dropped as `unique_consecutive` does).
pub fn window_index(
    grids: &[[usize; 3]],
    merge: usize,
    window_size: usize,
    patch_size: usize,
) -> (Vec<u32>, Vec<usize>) {
    let win = (window_size / merge / patch_size).max(1);
    let unit = merge * merge;
    let mut index = Vec::new();
    let mut lens = Vec::new();
    let mut base = 0usize;
    for &[t, h, w] in grids {
        let (lh, lw) = (h / merge, w / merge);
        // transformers pads by a full window even when the side is already a multiple.
        let nh = (lh + win - lh % win) / win;
        let nw = (lw + win - lw % win) / win;
        for ti in 0..t {
            for wy in 0..nh {
                for wx in 0..nw {
                    let mut n = 0;
                    for y in wy * win..(wy * win + win).min(lh) {
                        for x in wx * win..(wx * win + win).min(lw) {
                            index.push((base + ti * lh * lw + y * lw + x) as u32);
                            n += 1;
                        }
                    }
                    if n > 0 {
                        lens.push(n * unit);
                    }
                }
            }
        }
        base += t * lh * lw;
    }
    (index, lens)
}

/// The inverse permutation (`argsort(window_index)`).
pub fn inverse(perm: &[u32]) -> Vec<u32> {
    let mut inv = vec![0u32; perm.len()];
    for (i, p) in perm.iter().enumerate() {
        if let Some(slot) = inv.get_mut(*p as usize) {
            *slot = i as u32;
        }
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_block_major() {
        let p = patch_positions(&[[1, 2, 4]], 2);
        assert_eq!(
            p,
            vec![
                (0, 0),
                (0, 1),
                (1, 0),
                (1, 1),
                (0, 2),
                (0, 3),
                (1, 2),
                (1, 3)
            ]
        );
        assert_eq!(patch_positions(&[[2, 2, 2]], 2).len(), 8);
    }

    #[test]
    fn window_index_matches_transformers_example() {
        // grid 1×6×8 patches → 3×4 merge units, windows of 2×2 units (window_size 56).
        let (idx, lens) = window_index(&[[1, 6, 8]], 2, 56, 14);
        assert_eq!(idx, vec![0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 10, 11]);
        assert_eq!(lens, vec![16, 16, 8, 8]);
        let inv = inverse(&idx);
        assert!(idx
            .iter()
            .enumerate()
            .all(|(i, p)| inv[*p as usize] as usize == i));
    }

    #[test]
    fn segments_are_per_frame() {
        assert_eq!(frame_segments(&[[2, 4, 4], [1, 2, 2]]), vec![16, 16, 4]);
    }
}
