use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::answer_format::answer_or_whole;
use crate::registry::parse_config;
use crate::{
    ActionSpace, Env, EnvError, EnvSpec, Info, InstructionPlacement, Modality, Observation, Reset,
    Step, Verdict,
};

const NAME: &str = "toy/guess_number";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GuessConfig {
    /// The hidden number is drawn from 1..=max.
    pub max: u32,
    pub max_turns: u32,
}

impl Default for GuessConfig {
    fn default() -> Self {
        Self {
            max: 16,
            max_turns: 6,
        }
    }
}

/// Guess a hidden number; each wrong guess is answered "higher" or "lower".
/// Reward 1 for the right guess; an unreadable guess costs a turn.
pub struct GuessNumber {
    spec: EnvSpec,
    cfg: GuessConfig,
    rng: ChaCha8Rng,
    target: Option<u32>,
    turn: u32,
    done: bool,
}

impl GuessNumber {
    pub fn new(cfg: GuessConfig) -> Result<Self, EnvError> {
        if cfg.max < 2 || cfg.max_turns == 0 {
            return Err(EnvError::config(NAME, "need max >= 2 and max_turns >= 1"));
        }
        let spec = EnvSpec {
            name: NAME.into(),
            description: "guess a hidden integer from higher/lower hints".into(),
            modality: Modality::Text,
            max_turns: cfg.max_turns,
            action_space: ActionSpace::FreeText,
            instruction: format!(
                "Guess the hidden integer between 1 and {}. Answer with one number in <answer></answer>.",
                cfg.max
            ),
            instruction_placement: InstructionPlacement::System,
        };
        Ok(Self {
            spec,
            cfg,
            rng: ChaCha8Rng::seed_from_u64(0),
            target: None,
            turn: 0,
            done: false,
        })
    }

    pub fn from_config(cfg: &serde_json::Value) -> Result<Self, EnvError> {
        Self::new(parse_config(NAME, cfg)?)
    }
}

/// The integer inside `<answer>…</answer>`, or the whole text when untagged.
fn parse_guess(action: &str) -> Option<u32> {
    answer_or_whole(action).parse().ok()
}

impl Env for GuessNumber {
    fn spec(&self) -> &EnvSpec {
        &self.spec
    }

    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        if let Some(s) = seed {
            self.rng = ChaCha8Rng::seed_from_u64(s);
        }
        self.target = Some(self.rng.random_range(1..=self.cfg.max));
        self.turn = 0;
        self.done = false;
        Ok(Reset {
            observation: Observation::text(format!(
                "I am thinking of a number from 1 to {}. Your guess?",
                self.cfg.max
            )),
            info: Info::new(),
        })
    }

    fn step(&mut self, action: &str) -> Result<Step, EnvError> {
        let target = self.target.ok_or_else(|| EnvError::NotReset(NAME.into()))?;
        if self.done {
            return Err(EnvError::EpisodeOver(NAME.into()));
        }
        self.turn += 1;
        let guess = parse_guess(action);
        let (text, correct) = match guess {
            Some(g) if g == target => ("Correct!".to_string(), true),
            Some(g) if g < target => (format!("{g} is too low. Higher."), false),
            Some(g) => (format!("{g} is too high. Lower."), false),
            None => ("I could not read a number. Guess again.".to_string(), false),
        };
        let reward = if correct { 1.0 } else { 0.0 };
        let truncated = !correct && self.turn >= self.cfg.max_turns;
        self.done = correct || truncated;
        let mut info = Info::new();
        info.insert("parsed".into(), guess.is_some().into());
        Ok(Step {
            observation: Observation::text(text),
            reward,
            reward_parts: [("accuracy".to_string(), reward)].into_iter().collect(),
            terminated: correct,
            truncated,
            // No format rule: a bare number is as good as a tagged one.
            verdict: Some(Verdict::graded(None, reward)),
            info,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_search_always_wins_within_the_turn_budget() {
        let mut env = GuessNumber::new(GuessConfig::default()).unwrap();
        for seed in 0..50 {
            env.reset(Some(seed)).unwrap();
            let (mut lo, mut hi) = (1, 16);
            loop {
                let mid = (lo + hi) / 2;
                let s = env.step(&format!("<answer>{mid}</answer>")).unwrap();
                if s.terminated {
                    assert_eq!(s.reward, 1.0);
                    break;
                }
                assert!(!s.truncated, "binary search needs at most 5 guesses");
                if s.observation.text.contains("Higher") {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
        }
    }

    #[test]
    fn step_before_reset_and_after_end_are_errors() {
        let mut env = GuessNumber::new(GuessConfig {
            max: 4,
            max_turns: 1,
        })
        .unwrap();
        assert!(matches!(env.step("1"), Err(EnvError::NotReset(_))));
        env.reset(Some(1)).unwrap();
        let s = env.step("garbage").unwrap();
        assert!(s.truncated);
        assert!(matches!(env.step("1"), Err(EnvError::EpisodeOver(_))));
    }
}
