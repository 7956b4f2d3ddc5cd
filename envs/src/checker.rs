//! An env checker in the spirit of gymnasium's `check_env`: it plays an env
//! with scripted actions and reports every broken promise of the contract
//! instead of stopping at the first.

use serde::Serialize;

use crate::{ActionSpace, Env, EnvError, Modality, Step};

/// How hard to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Seeds whose episodes are played twice and compared.
    pub seeds: Vec<u64>,
    /// Free-text actions to try (cycled); `OneOf` envs cycle their choices
    /// and also get these, since any text must be handled.
    pub actions: Vec<String>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            seeds: vec![0, 1, 7],
            actions: vec![
                "<think>trying</think><answer>1</answer>".into(),
                String::new(),
                "garbage \u{1F600} <answer><answer>".into(),
                "x".repeat(10_000),
            ],
        }
    }
}

/// What the checker saw.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub env: String,
    pub episodes: usize,
    pub steps: usize,
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Plays `env` and lists contract violations: spec consistency, determinism
/// per seed, finite rewards equal to the sum of their parts, episodes ending
/// within `max_turns`, observations matching the modality, and `step` after
/// the end refused with an error. Env errors on valid calls are problems too.
pub fn check_env(env: &mut dyn Env, opts: &CheckOptions) -> CheckReport {
    let spec = env.spec().clone();
    let mut report = CheckReport {
        env: spec.name.clone(),
        episodes: 0,
        steps: 0,
        problems: Vec::new(),
    };
    let problems = &mut report.problems;
    if spec.name.trim().is_empty() {
        problems.push("spec.name is empty".into());
    }
    if spec.max_turns == 0 {
        problems.push("spec.max_turns is 0".into());
    }
    if let ActionSpace::OneOf(choices) = &spec.action_space {
        if choices.is_empty() {
            problems.push("action space OneOf has no choices".into());
        }
    }
    let actions = action_script(&spec.action_space, &opts.actions);
    for &seed in &opts.seeds {
        let first = play(env, seed, &actions, spec.max_turns, problems);
        let second = play(env, seed, &actions, spec.max_turns, problems);
        report.episodes += 2;
        match (first, second) {
            (Some(a), Some(b)) => {
                report.steps += a.len() + b.len();
                if a != b {
                    problems.push(format!(
                        "seed {seed}: two episodes differ (not deterministic)"
                    ));
                }
            }
            _ => continue,
        }
    }
    report
}

fn action_script(space: &ActionSpace, extra: &[String]) -> Vec<String> {
    let mut actions: Vec<String> = match space {
        ActionSpace::OneOf(choices) => choices
            .iter()
            .map(|c| format!("<think>scripted</think><answer>{c}</answer>"))
            .collect(),
        ActionSpace::FreeText => Vec::new(),
    };
    actions.extend(extra.iter().cloned());
    actions
}

/// One episode; returns its steps as JSON values for comparison, or `None`
/// when it could not be played.
fn play(
    env: &mut dyn Env,
    seed: u64,
    actions: &[String],
    max_turns: u32,
    problems: &mut Vec<String>,
) -> Option<Vec<serde_json::Value>> {
    let spec = env.spec().clone();
    let reset = match env.reset(Some(seed)) {
        Ok(r) => r,
        Err(e) => {
            problems.push(format!("seed {seed}: reset failed: {e}"));
            return None;
        }
    };
    check_frames(
        &spec.modality,
        reset.observation.frames.len(),
        "reset",
        problems,
    );
    let mut trace = vec![serde_json::to_value(&reset).unwrap_or_default()];
    // Envs whose turns are cheap may run far past a policy's patience; the
    // spec promises an end within max_turns.
    for turn in 0..max_turns as usize {
        let action = &actions[turn % actions.len().max(1)];
        let step = match env.step(action) {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("seed {seed} turn {turn}: step failed: {e}"));
                return None;
            }
        };
        check_step(&step, seed, turn, problems);
        check_frames(
            &spec.modality,
            step.observation.frames.len(),
            "step",
            problems,
        );
        trace.push(serde_json::to_value(&step).unwrap_or_default());
        if step.done() {
            match env.step(action) {
                Err(EnvError::EpisodeOver(_)) => {}
                Err(e) => problems.push(format!(
                    "seed {seed}: step after the end gave '{e}' instead of EpisodeOver"
                )),
                Ok(_) => problems.push(format!("seed {seed}: step after the end was accepted")),
            }
            return Some(trace);
        }
    }
    problems.push(format!(
        "seed {seed}: episode did not end within max_turns = {max_turns}"
    ));
    Some(trace)
}

fn check_step(step: &Step, seed: u64, turn: usize, problems: &mut Vec<String>) {
    if !step.reward.is_finite() {
        problems.push(format!(
            "seed {seed} turn {turn}: reward {} is not finite",
            step.reward
        ));
    }
    if !step.reward_parts.is_empty() {
        let sum: f64 = step.reward_parts.values().sum();
        if (sum - step.reward).abs() > 1e-9 * (1.0 + step.reward.abs()) {
            problems.push(format!(
                "seed {seed} turn {turn}: reward {} != sum of parts {sum}",
                step.reward
            ));
        }
    }
    if let Some((k, v)) = step.reward_parts.iter().find(|(_, v)| !v.is_finite()) {
        problems.push(format!("seed {seed} turn {turn}: reward part {k} = {v}"));
    }
}

fn check_frames(modality: &Modality, frames: usize, when: &str, problems: &mut Vec<String>) {
    let ok = match modality {
        Modality::Text => frames == 0,
        // Image envs may run text-only when frames are switched off.
        Modality::Image => frames <= 1,
        Modality::Video => true,
    };
    if !ok {
        let msg = format!("{when}: {frames} frames for a {modality:?} env");
        if !problems.contains(&msg) {
            problems.push(msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toy::{GuessConfig, GuessNumber};
    use crate::{EnvSpec, Observation, Reset};

    #[test]
    fn guess_number_passes() {
        let mut env = GuessNumber::new(GuessConfig::default()).unwrap();
        let report = check_env(&mut env, &CheckOptions::default());
        assert!(report.passed(), "{:?}", report.problems);
        assert!(report.steps > 0);
    }

    /// Breaks the contract on purpose: random reward, never ends.
    struct Broken {
        spec: EnvSpec,
        n: u64,
    }

    impl Env for Broken {
        fn spec(&self) -> &EnvSpec {
            &self.spec
        }
        fn reset(&mut self, _seed: Option<u64>) -> Result<Reset, EnvError> {
            Ok(Reset::default())
        }
        fn step(&mut self, _action: &str) -> Result<Step, EnvError> {
            self.n += 1;
            Ok(Step {
                observation: Observation::text(self.n.to_string()),
                reward: if self.n.is_multiple_of(3) {
                    f64::NAN
                } else {
                    1.0
                },
                ..Step::default()
            })
        }
    }

    #[test]
    fn broken_env_is_caught() {
        let mut env = Broken {
            spec: EnvSpec {
                name: "broken".into(),
                description: String::new(),
                modality: Modality::Text,
                max_turns: 4,
                action_space: ActionSpace::FreeText,
                instruction: String::new(),
            },
            n: 0,
        };
        let report = check_env(&mut env, &CheckOptions::default());
        let all = report.problems.join("\n");
        assert!(all.contains("not finite"), "{all}");
        assert!(all.contains("did not end"), "{all}");
        assert!(all.contains("not deterministic"), "{all}");
    }
}
