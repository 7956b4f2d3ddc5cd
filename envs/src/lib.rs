//! rulegym-envs: environments with rule-checked rewards, gymnasium-shaped.
//!
//! The whole contract is on this page: an [`Env`] is reset with a seed, shown
//! the policy's text with [`Env::step`], and answers with a [`Step`] whose
//! reward is split into named parts. Environments are tensor-free: they own
//! the parsing and judging of the policy's text (those are their rules) and
//! never depend on the model.

mod error;
pub mod math;
pub mod football;
pub mod registry;
pub mod spatial;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use error::EnvError;
pub use registry::{list, make, register, EnvFactory, EnvInfo};
pub use rulegym_render::Frame;

/// Free-form diagnostics, as gymnasium's `info` dict.
pub type Info = serde_json::Map<String, serde_json::Value>;

/// What the policy is shown: the prompt text and zero or more RGB frames
/// (one for an image env, several in time order for a video env).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<Frame>,
}

impl Observation {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            frames: Vec::new(),
        }
    }
}

/// The result of [`Env::reset`], as gymnasium's `(obs, info)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reset {
    pub observation: Observation,
    #[serde(default)]
    pub info: Info,
}

/// The result of [`Env::step`], as gymnasium's
/// `(obs, reward, terminated, truncated, info)` plus the reward's parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub observation: Observation,
    /// The scalar the trainer optimises: the weighted sum of `reward_parts`.
    pub reward: f64,
    /// Named components (`format`, `accuracy`, `shaping`, ...), already
    /// weighted, so they add up to `reward`.
    pub reward_parts: BTreeMap<String, f64>,
    /// The task ended (answer given, goal scored, possession lost).
    pub terminated: bool,
    /// A limit cut the episode (turn or time budget).
    pub truncated: bool,
    pub info: Info,
}

impl Step {
    pub fn done(&self) -> bool {
        self.terminated || self.truncated
    }
}

/// What the policy perceives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Text,
    Image,
    Video,
}

/// What an action is: free text (an answer) or one of a fixed list of names
/// (given so a sampler can constrain the answer to a legal one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "choices")]
pub enum ActionSpace {
    FreeText,
    OneOf(Vec<String>),
}

/// Static facts about an environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnvSpec {
    /// Registry name, such as `math/arithmetic`.
    pub name: String,
    /// One line for `trainer envs`.
    pub description: String,
    pub modality: Modality,
    /// Turns per episode at most (1 for single-turn question answering).
    pub max_turns: u32,
    pub action_space: ActionSpace,
    /// The system instruction the policy is shown (answer format, rules).
    pub instruction: String,
}

/// A gymnasium-shaped environment stepped with the policy's text.
///
/// `reset(Some(seed))` reseeds; `reset(None)` continues the env's own random
/// stream, as gymnasium does. `step` after the end of an episode is an error
/// ([`EnvError::EpisodeOver`]), never a panic.
pub trait Env: Send {
    fn spec(&self) -> &EnvSpec;
    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError>;
    fn step(&mut self, action: &str) -> Result<Step, EnvError>;
}

impl Env for Box<dyn Env> {
    fn spec(&self) -> &EnvSpec {
        (**self).spec()
    }
    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        (**self).reset(seed)
    }
    fn step(&mut self, action: &str) -> Result<Step, EnvError> {
        (**self).step(action)
    }
}
