//! Adding an environment: implement `Env`, register it with one line, and it
//! can be made by name, checked, vectorised and trained on like a built-in.
//!
//! Run: `cargo run --example custom_env`

use rulegym::envs::answer_format::final_answer;
use rulegym::envs::checker::{check_env, CheckOptions};
use rulegym::envs::registry::parse_config;
use rulegym::envs::{
    self, ActionSpace, Env, EnvError, EnvSpec, Info, InstructionPlacement, Modality, Observation,
    Reset, Step, Verdict,
};
use serde::{Deserialize, Serialize};

/// Config read from the run's TOML (or `{}` for the defaults).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReverseConfig {
    /// Words to choose from; the default list is used when empty.
    pub words: Vec<String>,
}

/// Single-turn: reverse a word. Reward 1 for the exact reversal.
pub struct ReverseWord {
    spec: EnvSpec,
    words: Vec<String>,
    seed: u64,
    current: Option<String>,
}

impl ReverseWord {
    pub fn new(cfg: ReverseConfig) -> Self {
        let words = if cfg.words.is_empty() {
            ["rust", "gym", "reward", "policy", "football"]
                .map(String::from)
                .to_vec()
        } else {
            cfg.words
        };
        Self {
            spec: EnvSpec {
                name: "example/reverse_word".into(),
                description: "reverse a word letter by letter".into(),
                modality: Modality::Text,
                max_turns: 1,
                action_space: ActionSpace::FreeText,
                instruction: "Write the word backwards inside <answer></answer>.".into(),
                instruction_placement: InstructionPlacement::System,
            },
            words,
            seed: 0,
            current: None,
        }
    }
}

impl Env for ReverseWord {
    fn spec(&self) -> &EnvSpec {
        &self.spec
    }

    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        // Without a seed, continue our own stream as gymnasium does.
        self.seed = seed.unwrap_or(self.seed.wrapping_add(1));
        let word = self.words[(self.seed % self.words.len() as u64) as usize].clone();
        let observation = Observation::text(format!("Reverse the word: {word}"));
        self.current = Some(word);
        Ok(Reset {
            observation,
            info: Info::new(),
        })
    }

    fn step(&mut self, action: &str) -> Result<Step, EnvError> {
        let word = self
            .current
            .take()
            .ok_or_else(|| EnvError::EpisodeOver(self.spec.name.clone()))?;
        // The shared R1 rules read the answer; the env decides what it means.
        let answer = final_answer(action);
        let reversed: String = word.chars().rev().collect();
        let reward = f64::from(u8::from(answer == Some(reversed.as_str())));
        Ok(Step {
            observation: Observation::text(""),
            reward,
            reward_parts: [("accuracy".to_string(), reward)].into_iter().collect(),
            terminated: true,
            truncated: false,
            // Format: the answer was tagged; score: it was the reversal.
            verdict: Some(Verdict::graded(Some(answer.is_some()), reward)),
            info: Info::new(),
        })
    }
}

/// The one registration line (wrapped in a function so tests can call it).
pub fn register() -> Result<(), EnvError> {
    envs::register(
        "example/reverse_word",
        "reverse a word letter by letter",
        |cfg| {
            Ok(Box::new(ReverseWord::new(parse_config(
                "example/reverse_word",
                cfg,
            )?)))
        },
    )
}

#[allow(dead_code)]
fn main() -> Result<(), EnvError> {
    register()?;
    let mut env = envs::make("example/reverse_word", &serde_json::json!({}))?;
    let reset = env.reset(Some(3))?;
    println!("observation: {}", reset.observation.text);
    let step = env.step("<think>backwards</think><answer>yms</answer>")?;
    println!("reward: {} parts: {:?}", step.reward, step.reward_parts);
    let report = check_env(env.as_mut(), &CheckOptions::default());
    println!("checker: {} problems", report.problems.len());
    Ok(())
}
