//! Group-relative advantages (DeepSeekMath GRPO, TRL `GRPOTrainer` semantics).
//!
//! Rewards arrive grouped: `G` consecutive entries come from the same prompt
//! (for multi-turn envs, `G` episodes reset with the same seed). The baseline
//! is the group mean; the scale is a Bessel-corrected standard deviation, as
//! TRL computes it with `torch.std`.

use serde::{Deserialize, Serialize};

/// How advantages are scaled after subtracting the group mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AdvantageScale {
    /// Divide by the group's std (DeepSeekMath, R1).
    #[default]
    Group,
    /// Divide by the std of the whole batch (more robust when a group is
    /// nearly constant).
    Batch,
    /// No scaling (Dr. GRPO: the std term biases toward easy/hard prompts).
    None,
}

/// Errors in the advantage inputs.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum AdvantageError {
    #[error("{len} rewards do not split into groups of {group_size}")]
    Ragged { len: usize, group_size: usize },
    #[error("group size must be at least 1")]
    EmptyGroup,
}

/// Bessel-corrected std (n − 1 in the denominator); 0 for fewer than 2 values
/// (torch returns NaN there, which would only poison the loss).
pub fn std_unbiased(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64;
    var.sqrt()
}

/// A_i = (r_i − mean_G(r)) / (std + eps), with std chosen by `scale`.
pub fn group_advantages(
    rewards: &[f64],
    group_size: usize,
    scale: AdvantageScale,
    eps: f64,
) -> Result<Vec<f64>, AdvantageError> {
    if group_size == 0 {
        return Err(AdvantageError::EmptyGroup);
    }
    if !rewards.len().is_multiple_of(group_size) {
        return Err(AdvantageError::Ragged {
            len: rewards.len(),
            group_size,
        });
    }
    let batch_std = std_unbiased(rewards);
    let mut out = Vec::with_capacity(rewards.len());
    for group in rewards.chunks(group_size) {
        let mean = group.iter().sum::<f64>() / group.len() as f64;
        let denom = match scale {
            AdvantageScale::Group => std_unbiased(group) + eps,
            AdvantageScale::Batch => batch_std + eps,
            AdvantageScale::None => 1.0,
        };
        out.extend(group.iter().map(|r| (r - mean) / denom));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-9, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn group_scaling_matches_hand_computation() {
        // Group [1, 0, 0, 1]: mean 0.5, unbiased std sqrt(1/3) = 0.57735.
        let a = group_advantages(&[1.0, 0.0, 0.0, 1.0], 4, AdvantageScale::Group, 1e-4).unwrap();
        let s = (1.0f64 / 3.0).sqrt() + 1e-4;
        close(&a, &[0.5 / s, -0.5 / s, -0.5 / s, 0.5 / s]);
    }

    #[test]
    fn constant_group_gets_zero_advantage() {
        let a = group_advantages(&[2.0, 2.0, 0.0, 1.0], 2, AdvantageScale::Group, 1e-4).unwrap();
        close(&a[..2], &[0.0, 0.0]);
        // Second group [0, 1]: mean 0.5, std sqrt(0.5).
        let s = 0.5f64.sqrt() + 1e-4;
        close(&a[2..], &[-0.5 / s, 0.5 / s]);
    }

    #[test]
    fn batch_scaling_uses_group_mean_and_batch_std() {
        let r = [1.0, 3.0, 0.0, 0.0];
        // batch mean 1, unbiased var = (0 + 4 + 1 + 1) / 3 = 2
        let s = 2.0f64.sqrt() + 1e-4;
        let a = group_advantages(&r, 2, AdvantageScale::Batch, 1e-4).unwrap();
        close(&a, &[-1.0 / s, 1.0 / s, 0.0, 0.0]);
    }

    #[test]
    fn none_scaling_only_centers() {
        let a = group_advantages(&[1.0, 3.0, 5.0], 3, AdvantageScale::None, 1e-4).unwrap();
        close(&a, &[-2.0, 0.0, 2.0]);
    }

    #[test]
    fn ragged_batches_are_rejected() {
        assert_eq!(
            group_advantages(&[1.0, 2.0, 3.0], 2, AdvantageScale::Group, 1e-4),
            Err(AdvantageError::Ragged {
                len: 3,
                group_size: 2
            })
        );
    }
}
