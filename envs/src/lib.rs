//! rulegym-envs: environments with rule-checked rewards, gymnasium-shaped.
//!
//! The whole contract is on this page: an [`Env`] is reset with a seed, shown
//! the policy's text with [`Env::step`], and answers with a [`Step`] whose
//! reward is split into named parts and whose [`Verdict`] says whether the
//! text was well-formed and right. Environments are tensor-free: they own
//! the parsing and judging of the policy's text (those are their rules) and
//! never depend on the model. What the policy is shown is the spec's
//! instruction placed as [`EnvSpec::system_text`] and
//! [`EnvSpec::user_text`] say, around the observation.

pub mod answer_format;
pub mod checker;
mod error;
pub mod football;
pub mod math;
pub mod registry;
pub mod sokoban;
pub mod spatial;
pub mod toy;
pub mod vector;
pub mod vmath;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use error::EnvError;
pub use registry::{list, make, register, EnvFactory, EnvInfo};
pub use rulegym_render::Frame;

/// Free-form diagnostics, as gymnasium's `info` dict.
pub type Info = serde_json::Map<String, serde_json::Value>;

/// What the env shows: its text (never the spec's instruction, which the
/// prompt builder places, see [`InstructionPlacement`]) and the RGB frames
/// its modality promises (none for text, at least one for an image env, at
/// least two of one size in time order for a video env).
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

/// The env's judgement of one action, so that a trainer or an evaluator
/// reads format and accuracy rates from the contract instead of from each
/// env's `info` keys. Each part is `None` when the env has no such rule
/// (a game has no answer to grade; a free-form guess has no format).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Verdict {
    /// The action followed the env's answer format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format_ok: Option<bool>,
    /// How right the answer is, in [0, 1]: 1 or 0 for exact answers,
    /// partial credit in between (VSI-Bench's mean relative accuracy).
    /// Unweighted: the reward's `accuracy` part is this times its weight.
    /// A game grades the episode on its last turn (football: 1 when our
    /// team scored), so the accuracy a trainer reports is its success rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

impl Verdict {
    /// A graded answer in the env's format (or an env without a format).
    pub fn graded(format_ok: Option<bool>, score: f64) -> Self {
        Self {
            format_ok,
            score: Some(score),
        }
    }

    /// Whether the answer earned credit (`score > 0`): the accuracy rate a
    /// trainer reports counts an estimate with partial credit as right.
    pub fn correct(&self) -> Option<bool> {
        self.score.map(|s| s > 0.0)
    }
}

/// The result of [`Env::step`], as gymnasium's
/// `(obs, reward, terminated, truncated, info)` plus the reward's parts and
/// the env's [`Verdict`].
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
    /// Format and correctness of this action (`None`: the env judges
    /// neither, as after an autoreset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Diagnostics for logs; nothing a trainer needs lives only here.
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

/// What an action is: free text (an answer), one of a fixed list of names,
/// or `count` such names joined by `separator` (one per controlled player).
/// Given so a sampler can constrain the answer to a legal one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "choices")]
pub enum ActionSpace {
    FreeText,
    OneOf(Vec<String>),
    SequenceOf {
        names: Vec<String>,
        count: usize,
        separator: String,
    },
}

/// Where the spec's instruction is shown to the policy. The observation
/// never contains it; whoever builds the prompt places it (see
/// [`EnvSpec::system_text`], [`EnvSpec::user_text`]), so it is shown once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstructionPlacement {
    /// As the system message (game rules for every turn).
    #[default]
    System,
    /// After the observation's text, on a new line, in the user turn: as
    /// vsGRPO and LMM-R1 append the R1 suffix to the question. No system
    /// message then (the chat template inserts its default one).
    AfterObservation,
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
    /// The instruction the policy is shown (answer format, rules).
    pub instruction: String,
    /// Where the instruction goes in the prompt.
    #[serde(default)]
    pub instruction_placement: InstructionPlacement,
}

impl EnvSpec {
    /// The system message the instruction makes, if it goes there.
    pub fn system_text(&self) -> Option<&str> {
        match self.instruction_placement {
            InstructionPlacement::System => Some(&self.instruction),
            InstructionPlacement::AfterObservation => None,
        }
    }

    /// The user turn's text for an observation: its text, then the
    /// instruction when it goes after the observation.
    pub fn user_text(&self, obs: &Observation) -> String {
        match self.instruction_placement {
            InstructionPlacement::AfterObservation if !self.instruction.is_empty() => {
                format!("{}\n{}", obs.text, self.instruction)
            }
            _ => obs.text.clone(),
        }
    }
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
