//! An env checker in the spirit of gymnasium's `check_env`: it plays an env
//! with scripted actions and reports every broken promise of the contract
//! instead of stopping at the first.

use serde::Serialize;

use crate::{ActionSpace, Env, EnvError, EnvSpec, Modality, Observation, Step};

/// How hard to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Seeds whose episodes are played twice and compared.
    pub seeds: Vec<u64>,
    /// Free-text actions to try (cycled); `OneOf` and `SequenceOf` envs
    /// cycle legal answers and also get these, since any text must be
    /// handled.
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
/// per seed, finite rewards equal to the sum of their parts, verdict scores
/// in [0, 1], episodes ending within `max_turns`, frames as the modality
/// promises (none for text, at least one for image, at least two of one
/// size for video), observations that do not repeat the instruction (the
/// prompt builder places it), and `step` after the end refused with an
/// error. Env errors on valid calls are problems too.
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
    check_action_space(&spec.action_space, problems);
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

fn check_action_space(space: &ActionSpace, problems: &mut Vec<String>) {
    match space {
        ActionSpace::FreeText => {}
        ActionSpace::OneOf(choices) => {
            if choices.is_empty() {
                problems.push("action space OneOf has no choices".into());
            }
        }
        ActionSpace::SequenceOf {
            names,
            count,
            separator,
        } => {
            if names.is_empty() {
                problems.push("action space SequenceOf has no names".into());
            }
            if *count == 0 {
                problems.push("action space SequenceOf has count 0".into());
            }
            if *count > 1 && separator.is_empty() {
                problems.push("action space SequenceOf has an empty separator".into());
            }
            if !separator.is_empty() {
                if let Some(n) = names.iter().find(|n| n.contains(separator.as_str())) {
                    problems.push(format!(
                        "action space SequenceOf: name {n:?} contains the separator {separator:?}"
                    ));
                }
            }
        }
    }
}

/// Legal answers first (each name once, tagged), then the free-text ones.
fn action_script(space: &ActionSpace, extra: &[String]) -> Vec<String> {
    let tagged = |a: &str| format!("<think>scripted</think><answer>{a}</answer>");
    let mut actions: Vec<String> = match space {
        ActionSpace::OneOf(choices) => choices.iter().map(|c| tagged(c)).collect(),
        // Sequence i starts at name i and walks the list, so every name is
        // tried in every position.
        ActionSpace::SequenceOf {
            names,
            count,
            separator,
        } if !names.is_empty() => (0..names.len())
            .map(|i| {
                let seq: Vec<&str> = (0..*count)
                    .map(|k| names[(i + k) % names.len()].as_str())
                    .collect();
                tagged(&seq.join(separator))
            })
            .collect(),
        ActionSpace::SequenceOf { .. } | ActionSpace::FreeText => Vec::new(),
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
    check_observation(&spec, &reset.observation, "reset", problems);
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
        // The observation after the end is never shown to the policy.
        if !step.done() {
            check_observation(&spec, &step.observation, "step", problems);
        }
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
    check_verdict(step, seed, turn, problems);
}

fn check_verdict(step: &Step, seed: u64, turn: usize, problems: &mut Vec<String>) {
    let Some(score) = step.verdict.and_then(|v| v.score) else {
        return;
    };
    if !(0.0..=1.0).contains(&score) {
        problems.push(format!(
            "seed {seed} turn {turn}: verdict score {score} is not in [0, 1]"
        ));
    }
}

/// Frames as the modality promises, and no copy of the instruction (the
/// prompt builder adds it, see `EnvSpec::user_text`).
fn check_observation(spec: &EnvSpec, obs: &Observation, when: &str, problems: &mut Vec<String>) {
    let frames = &obs.frames;
    let broken = match spec.modality {
        Modality::Text if !frames.is_empty() => Some(format!("{} frames", frames.len())),
        Modality::Image if frames.is_empty() => Some("no frame".to_string()),
        Modality::Video if frames.len() < 2 => Some(format!("{} frames", frames.len())),
        Modality::Video => {
            let size = (frames[0].width(), frames[0].height());
            frames
                .iter()
                .position(|f| (f.width(), f.height()) != size)
                .map(|i| {
                    format!(
                        "frame {i} is {}×{}, frame 0 {}×{}",
                        frames[i].width(),
                        frames[i].height(),
                        size.0,
                        size.1
                    )
                })
        }
        _ => None,
    };
    let mut report = |msg: String| {
        if !problems.contains(&msg) {
            problems.push(msg);
        }
    };
    if let Some(what) = broken {
        let need = match spec.modality {
            Modality::Text => "none",
            Modality::Image => "at least 1",
            Modality::Video => "at least 2 of one size",
        };
        report(format!(
            "{when}: {what} for a {:?} env (needs {need})",
            spec.modality
        ));
    }
    if !spec.instruction.is_empty() && obs.text.contains(&spec.instruction) {
        report(format!(
            "{when}: the observation repeats the instruction (the prompt builder places it)"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toy::{GuessConfig, GuessNumber};
    use crate::{EnvSpec, Frame, InstructionPlacement, Observation, Reset, Verdict};

    #[test]
    fn guess_number_passes() {
        let mut env = GuessNumber::new(GuessConfig::default()).unwrap();
        let report = check_env(&mut env, &CheckOptions::default());
        assert!(report.passed(), "{:?}", report.problems);
        assert!(report.steps > 0);
    }

    fn spec(modality: Modality, max_turns: u32) -> EnvSpec {
        EnvSpec {
            name: "broken".into(),
            description: String::new(),
            modality,
            max_turns,
            action_space: ActionSpace::FreeText,
            instruction: "Answer in tags.".into(),
            instruction_placement: InstructionPlacement::System,
        }
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
            spec: spec(Modality::Text, 4),
            n: 0,
        };
        let report = check_env(&mut env, &CheckOptions::default());
        let all = report.problems.join("\n");
        assert!(all.contains("not finite"), "{all}");
        assert!(all.contains("did not end"), "{all}");
        assert!(all.contains("not deterministic"), "{all}");
    }

    /// A two-turn env that is right in every way but the one it is told to
    /// break: its observation (frames and text) and its verdict are given.
    struct Shows {
        spec: EnvSpec,
        obs: Observation,
        verdict: Option<Verdict>,
        turn: u32,
    }

    impl Env for Shows {
        fn spec(&self) -> &EnvSpec {
            &self.spec
        }
        fn reset(&mut self, _seed: Option<u64>) -> Result<Reset, EnvError> {
            self.turn = 0;
            Ok(Reset {
                observation: self.obs.clone(),
                info: Default::default(),
            })
        }
        fn step(&mut self, _action: &str) -> Result<Step, EnvError> {
            if self.turn >= 2 {
                return Err(EnvError::EpisodeOver(self.spec.name.clone()));
            }
            self.turn += 1;
            Ok(Step {
                observation: self.obs.clone(),
                terminated: self.turn == 2,
                verdict: self.verdict,
                ..Step::default()
            })
        }
    }

    fn problems(modality: Modality, obs: Observation, verdict: Option<Verdict>) -> String {
        let mut env = Shows {
            spec: spec(modality, 2),
            obs,
            verdict,
            turn: 0,
        };
        check_env(&mut env, &CheckOptions::default())
            .problems
            .join("\n")
    }

    fn frames(sizes: &[(u32, u32)]) -> Observation {
        Observation {
            text: "look".into(),
            frames: sizes
                .iter()
                .map(|&(w, h)| Frame::filled(w, h, [1, 2, 3]))
                .collect(),
        }
    }

    #[test]
    fn frames_are_checked_against_the_modality() {
        let ok = |m, sizes: &[(u32, u32)]| problems(m, frames(sizes), None);
        assert_eq!(ok(Modality::Text, &[]), "");
        assert_eq!(ok(Modality::Image, &[(4, 4)]), "");
        assert_eq!(ok(Modality::Image, &[(4, 4), (8, 2)]), "");
        assert_eq!(ok(Modality::Video, &[(4, 4), (4, 4)]), "");

        let text = ok(Modality::Text, &[(4, 4)]);
        assert!(
            text.contains("reset: 1 frames for a Text env (needs none)"),
            "{text}"
        );
        let image = ok(Modality::Image, &[]);
        assert!(image.contains("reset: no frame for a Image env"), "{image}");
        assert!(image.contains("step: no frame"), "{image}");
        let one = ok(Modality::Video, &[(4, 4)]);
        assert!(
            one.contains("1 frames for a Video env (needs at least 2"),
            "{one}"
        );
        let ragged = ok(Modality::Video, &[(4, 4), (4, 4), (4, 2)]);
        assert!(ragged.contains("frame 2 is 4×2, frame 0 4×4"), "{ragged}");
        // Each broken promise is reported once, not once per step.
        assert_eq!(ragged.matches("reset: frame 2").count(), 1, "{ragged}");
    }

    #[test]
    fn verdict_scores_outside_the_unit_interval_are_reported() {
        let obs = Observation::text("q");
        let score = |s: f64| problems(Modality::Text, obs.clone(), Some(Verdict::graded(None, s)));
        assert_eq!(score(0.0), "");
        assert_eq!(score(1.0), "");
        assert_eq!(score(0.4), "");
        assert!(score(1.5).contains("verdict score 1.5 is not in [0, 1]"));
        assert!(score(-0.1).contains("verdict score -0.1"));
        assert!(score(f64::NAN).contains("verdict score NaN"));
        let no_score = Verdict {
            format_ok: Some(false),
            score: None,
        };
        assert_eq!(problems(Modality::Text, obs, Some(no_score)), "");
    }

    #[test]
    fn an_observation_that_repeats_the_instruction_is_reported() {
        let obs = Observation::text("2+2?\nAnswer in tags.");
        let all = problems(Modality::Text, obs, None);
        assert!(
            all.contains("reset: the observation repeats the instruction"),
            "{all}"
        );
    }

    #[test]
    fn sequence_spaces_are_checked_and_scripted_with_legal_answers() {
        let mut found = Vec::new();
        let names = vec!["left".to_string(), "top_left".to_string()];
        check_action_space(
            &ActionSpace::SequenceOf {
                names: names.clone(),
                count: 2,
                separator: "_".into(),
            },
            &mut found,
        );
        check_action_space(
            &ActionSpace::SequenceOf {
                names: Vec::new(),
                count: 0,
                separator: String::new(),
            },
            &mut found,
        );
        let all = found.join("\n");
        assert!(
            all.contains("\"top_left\" contains the separator \"_\""),
            "{all}"
        );
        assert!(all.contains("no names") && all.contains("count 0"), "{all}");
        let space = ActionSpace::SequenceOf {
            names,
            count: 3,
            separator: ", ".into(),
        };
        let script = action_script(&space, &[]);
        assert_eq!(
            script,
            [
                "<think>scripted</think><answer>left, top_left, left</answer>",
                "<think>scripted</think><answer>top_left, left, top_left</answer>",
            ]
        );
    }
}
