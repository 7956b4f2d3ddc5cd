//! Evaluation: held-out episodes (seeds far from training seeds), sampled
//! greedily by default, reported as means with 95% confidence intervals.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rulegym_agent::Policy;

use crate::config::{EnvMix, SamplingConfig, StageConfig};
use crate::curriculum::Request;
use crate::metrics::EvalMetrics;
use crate::rollout::{Rollout, RolloutError};

/// Mean and half-width of the normal-approximation 95% interval
/// (1.96 · sample std / √n).
pub fn mean_ci95(xs: &[f64]) -> (f64, f64) {
    let n = xs.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = xs.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return (mean, 0.0);
    }
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (mean, 1.96 * (var / n as f64).sqrt())
}

/// The envs a stage evaluates: its `eval.envs` by name (with the training
/// mix's settings where the stage trains on that env), or every env it
/// trains on. Training and `trainer eval --config` both read this, so a
/// finished run can be re-evaluated family by family exactly as it was.
pub fn stage_eval_envs(stage: &StageConfig) -> Vec<EnvMix> {
    if stage.eval.envs.is_empty() {
        return stage.envs.clone();
    }
    stage
        .eval
        .envs
        .iter()
        .map(|n| {
            stage
                .envs
                .iter()
                .find(|e| &e.name == n)
                .cloned()
                .unwrap_or_else(|| EnvMix {
                    name: n.clone(),
                    ..Default::default()
                })
        })
        .collect()
}

/// Runs `episodes` single-episode groups of `env` and summarises them.
pub fn evaluate(
    policy: &Policy,
    env: &EnvMix,
    episodes: usize,
    sampling: &SamplingConfig,
    seed_offset: u64,
    workers: usize,
    step: u64,
) -> Result<EvalMetrics, RolloutError> {
    let mut rollout = Rollout::new(std::slice::from_ref(env), sampling, workers)?;
    let requests: Vec<Request> = (0..episodes as u64)
        .map(|i| Request {
            env: 0,
            seed: seed_offset + i,
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed_offset);
    let batch = rollout.run(policy, &requests, 1, sampling, &mut rng)?;
    let returns: Vec<f64> = batch.episodes.iter().map(|e| e.ret).collect();
    let (mean_return, return_ci95) = mean_ci95(&returns);
    let flags = |f: fn(&crate::rollout::EpisodeResult) -> Option<bool>| -> Option<Vec<f64>> {
        let v: Vec<f64> = batch
            .episodes
            .iter()
            .filter_map(|e| f(e).map(|b| if b { 1.0 } else { 0.0 }))
            .collect();
        (!v.is_empty()).then_some(v)
    };
    let acc = flags(|e| e.correct).map(|v| mean_ci95(&v));
    let fmt = flags(|e| e.format_ok).map(|v| mean_ci95(&v).0);
    Ok(EvalMetrics {
        step,
        env: env.name.clone(),
        episodes,
        mean_return,
        return_ci95,
        accuracy: acc.map(|a| a.0),
        accuracy_ci95: acc.map(|a| a.1),
        format_rate: fmt,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_of_a_known_sample() {
        // mean 2, sample std 1 (values 1, 2, 3), n = 3.
        let (m, h) = mean_ci95(&[1.0, 2.0, 3.0]);
        assert!((m - 2.0).abs() < 1e-12);
        assert!((h - 1.96 / 3f64.sqrt()).abs() < 1e-12);
        assert_eq!(mean_ci95(&[]), (0.0, 0.0));
    }
}
