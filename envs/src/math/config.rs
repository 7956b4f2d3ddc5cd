//! Env configs, read from the JSON given to `make`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::generators::Family;
use super::reward::{FormatStyle, RewardConfig};

pub use crate::answer_format::R1_INSTRUCTION;

/// Config of a generator env (`math/arithmetic`, ..., `math/mixed`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MathConfig {
    /// 1 (one small step) to 5 (several steps, larger numbers).
    pub difficulty: u8,
    /// Weight of the format reward (LMM-R1: 0.5).
    pub format_weight: f64,
    /// Weight of the accuracy reward (LMM-R1: 1.0).
    pub accuracy_weight: f64,
    /// `strict` (LMM-R1) or `lenient` (R1-V: whitespace between blocks).
    pub format_style: FormatStyle,
    /// The instruction shown after each question (the spec's, placed
    /// after the observation; empty: none).
    pub instruction: String,
    /// `math/mixed` only: relative weight of each family (missing = 0;
    /// empty = all families equally).
    pub mix: BTreeMap<Family, f64>,
    /// `math/dataset` only: the JSONL file of `{"problem", "answer"}` lines.
    pub path: Option<PathBuf>,
}

impl Default for MathConfig {
    fn default() -> Self {
        let reward = RewardConfig::default();
        Self {
            difficulty: 3,
            format_weight: reward.format_weight,
            accuracy_weight: reward.accuracy_weight,
            format_style: reward.format_style,
            instruction: R1_INSTRUCTION.to_string(),
            mix: BTreeMap::new(),
            path: None,
        }
    }
}

impl MathConfig {
    pub fn reward(&self) -> RewardConfig {
        RewardConfig {
            format_weight: self.format_weight,
            accuracy_weight: self.accuracy_weight,
            format_style: self.format_style,
        }
    }

    /// Checks ranges serde cannot express; the message names the key.
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=5).contains(&self.difficulty) {
            return Err(format!("difficulty must be 1..=5, got {}", self.difficulty));
        }
        for (key, w) in [
            ("format_weight", self.format_weight),
            ("accuracy_weight", self.accuracy_weight),
        ] {
            if !w.is_finite() {
                return Err(format!("{key} must be finite, got {w}"));
            }
        }
        if self.mix.values().any(|w| !w.is_finite() || *w < 0.0) {
            return Err("mix weights must be finite and non-negative".into());
        }
        if !self.mix.is_empty() && self.mix.values().sum::<f64>() <= 0.0 {
            return Err("mix weights must not all be zero".into());
        }
        Ok(())
    }
}
