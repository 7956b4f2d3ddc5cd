//! The curriculum: which stage a step belongs to, and which env and seed
//! each prompt of a generation batch draws (weighted by the stage's mix).

use rand::RngCore;
use rand_chacha::ChaCha8Rng;

use crate::config::StageConfig;

/// One prompt of a generation batch: the env (index into the stage's mix)
/// and the seed its `G` episodes are reset with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub env: usize,
    pub seed: u64,
}

/// Draws `n` requests; sorted by env so each env's episodes are contiguous
/// (one sampling call per env, since envs may constrain actions differently).
pub fn draw_requests(stage: &StageConfig, n: usize, rng: &mut ChaCha8Rng) -> Vec<Request> {
    let total: f64 = stage.envs.iter().map(|e| e.weight).sum();
    let mut out: Vec<Request> = (0..n)
        .map(|_| {
            // 53 random bits → uniform in [0, 1); cumulative weights pick the env.
            let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
            let mut acc = 0.0;
            let mut env = stage.envs.len().saturating_sub(1);
            for (i, e) in stage.envs.iter().enumerate() {
                acc += e.weight;
                if u < acc {
                    env = i;
                    break;
                }
            }
            // Training seeds stay below 2^40; eval seeds start at 2^40.
            let seed = rng.next_u64() & ((1u64 << 40) - 1);
            Request { env, seed }
        })
        .collect();
    out.sort_by_key(|r| r.env);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::EnvMix;
    use rand::SeedableRng;

    fn stage(weights: &[f64]) -> StageConfig {
        StageConfig {
            envs: weights
                .iter()
                .enumerate()
                .map(|(i, w)| EnvMix {
                    name: format!("e{i}"),
                    weight: *w,
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn draws_follow_the_weights_and_are_reproducible() {
        let st = stage(&[1.0, 3.0]);
        let a = draw_requests(&st, 4000, &mut ChaCha8Rng::seed_from_u64(3));
        let b = draw_requests(&st, 4000, &mut ChaCha8Rng::seed_from_u64(3));
        assert_eq!(a, b);
        let share = a.iter().filter(|r| r.env == 1).count() as f64 / 4000.0;
        assert!((share - 0.75).abs() < 0.03, "{share}");
        assert!(a.windows(2).all(|w| w[0].env <= w[1].env));
        assert!(a.iter().all(|r| r.seed < 1 << 40));
    }
}
