//! `math/addition`: the single-digit addition task of TRL's GRPO run in
//! REFERENCES.md §7 (`scripts/bench_trl_grpo.py`), so a rulegym run and a TRL
//! run can be set side by side on the same problems and the same reward.
//!
//! The prompt is the script's `"What is {a}+{b}?="` with `a`, `b` uniform in
//! `0..=max` (9), and the reward is its `accuracy` function: 1 when the
//! completion matches `\s*(-?\d+)` at its start and the number is the sum
//! spelt exactly (`"07"` is wrong), else 0. There is no format and no
//! instruction, as in the script.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::registry::parse_config;
use crate::{
    ActionSpace, Env, EnvError, EnvSpec, Info, InstructionPlacement, Modality, Observation, Reset,
    Step, Verdict,
};

pub const NAME: &str = "math/addition";
pub const DESCRIPTION: &str =
    "single-digit addition as in TRL's GRPO demo (\"What is a+b?=\"; reward 1 if the reply starts with the sum)";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdditionConfig {
    /// Operands are drawn from `0..=max` (9 in the TRL script).
    pub max: u32,
}

impl Default for AdditionConfig {
    fn default() -> Self {
        Self { max: 9 }
    }
}

/// One question per episode: reset draws `a + b`, step judges the reply.
pub struct AdditionEnv {
    spec: EnvSpec,
    cfg: AdditionConfig,
    rng: ChaCha8Rng,
    answer: Option<u64>,
    done: bool,
}

impl AdditionEnv {
    pub fn new(cfg: AdditionConfig) -> Result<Self, EnvError> {
        if cfg.max > 1_000_000 {
            return Err(EnvError::config(NAME, "`max` must be at most 1000000"));
        }
        Ok(Self {
            spec: EnvSpec {
                name: NAME.into(),
                description: DESCRIPTION.into(),
                modality: Modality::Text,
                max_turns: 1,
                action_space: ActionSpace::FreeText,
                instruction: String::new(),
                instruction_placement: InstructionPlacement::AfterObservation,
            },
            cfg,
            rng: ChaCha8Rng::seed_from_u64(0),
            answer: None,
            done: false,
        })
    }

    pub fn from_config(value: &serde_json::Value) -> Result<Self, EnvError> {
        Self::new(parse_config(NAME, value)?)
    }
}

/// The number TRL's `re.match(r"\s*(-?\d+)", completion)` captures.
pub fn leading_integer(text: &str) -> Option<&str> {
    let rest = text.trim_start();
    let sign = usize::from(rest.starts_with('-'));
    let digits = rest[sign..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len() - sign);
    (digits > 0).then(|| &rest[..sign + digits])
}

impl Env for AdditionEnv {
    fn spec(&self) -> &EnvSpec {
        &self.spec
    }

    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        if let Some(s) = seed {
            self.rng = ChaCha8Rng::seed_from_u64(s);
        }
        let a = self.rng.random_range(0..=self.cfg.max);
        let b = self.rng.random_range(0..=self.cfg.max);
        let answer = u64::from(a) + u64::from(b);
        self.answer = Some(answer);
        self.done = false;
        let mut info = Info::new();
        info.insert("answer".into(), answer.to_string().into());
        Ok(Reset {
            observation: Observation::text(format!("What is {a}+{b}?=")),
            info,
        })
    }

    fn step(&mut self, action: &str) -> Result<Step, EnvError> {
        let answer = self.answer.ok_or_else(|| EnvError::NotReset(NAME.into()))?;
        if self.done {
            return Err(EnvError::EpisodeOver(NAME.into()));
        }
        self.done = true;
        let said = leading_integer(action);
        let reward = f64::from(u8::from(said == Some(answer.to_string().as_str())));
        let mut info = Info::new();
        info.insert("answer".into(), answer.to_string().into());
        info.insert("extracted".into(), said.unwrap_or("").into());
        Ok(Step {
            observation: Observation::default(),
            reward,
            reward_parts: BTreeMap::from([("accuracy".to_string(), reward)]),
            terminated: true,
            truncated: false,
            verdict: Some(Verdict::graded(None, reward)),
            info,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_integer_follows_the_trl_regex() {
        for (text, want) in [
            ("7", Some("7")),
            ("  12abc", Some("12")),
            ("\n-3 4", Some("-3")),
            ("1 2", Some("1")),
            ("07", Some("07")),
            ("-", None),
            ("x7", None),
            ("", None),
            ("<pad> 5", None),
        ] {
            assert_eq!(leading_integer(text), want, "{text:?}");
        }
    }

    #[test]
    fn prompts_are_the_scripts_and_only_the_exact_sum_pays() -> Result<(), EnvError> {
        let mut env = AdditionEnv::from_config(&serde_json::Value::Null)?;
        let mut sums = std::collections::BTreeSet::new();
        for seed in 0..300 {
            let r = env.reset(Some(seed))?;
            let text = &r.observation.text;
            let body = text
                .strip_prefix("What is ")
                .and_then(|t| t.strip_suffix("?="))
                .ok_or_else(|| EnvError::config(NAME, format!("prompt {text:?}")))?;
            let (a, b) = body
                .split_once('+')
                .ok_or_else(|| EnvError::config(NAME, format!("prompt {text:?}")))?;
            let (a, b): (u64, u64) = (a.parse().unwrap_or(99), b.parse().unwrap_or(99));
            assert!(a <= 9 && b <= 9, "{text}");
            sums.insert(a + b);
            let s = env.step(&format!(" {}<|endoftext|>", a + b))?;
            assert_eq!((s.reward, s.reward_parts["accuracy"]), (1.0, 1.0));
            assert_eq!(s.verdict.and_then(|v| v.correct()), Some(true));
            assert!(s.terminated);
            assert!(matches!(env.step("1"), Err(EnvError::EpisodeOver(_))));
            env.reset(Some(seed))?;
            let wrong = env.step(&format!("0{}", a + b))?;
            assert_eq!(wrong.reward, 0.0);
        }
        assert_eq!(sums.len(), 19, "every sum 0..=18 appears: {sums:?}");
        Ok(())
    }

    #[test]
    fn same_seed_same_problem_and_bad_config_names_the_key() -> Result<(), EnvError> {
        let mut env = AdditionEnv::new(AdditionConfig::default())?;
        let a = env.reset(Some(5))?.observation.text;
        let b = env.reset(Some(5))?.observation.text;
        assert_eq!(a, b);
        let e = AdditionEnv::from_config(&serde_json::json!({ "maximum": 3 }))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("maximum"), "{e}");
        Ok(())
    }
}
