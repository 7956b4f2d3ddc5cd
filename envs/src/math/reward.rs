//! The R1-style reward: a format part and an accuracy part, weighted. The
//! format check (strict: LMM-R1, lenient: R1-V) is the shared one in
//! [`crate::answer_format`].

use serde::{Deserialize, Serialize};

pub use crate::answer_format::{format_ok, FormatStyle};

use super::verify::{self, Answer, Choices, ParseError};

/// Weights of the reward parts and the format check. LMM-R1's defaults:
/// format 0.5, accuracy 1.0 (total at most 1.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RewardConfig {
    pub format_weight: f64,
    pub accuracy_weight: f64,
    pub format_style: FormatStyle,
}

impl Default for RewardConfig {
    fn default() -> Self {
        Self {
            format_weight: 0.5,
            accuracy_weight: 1.0,
            format_style: FormatStyle::Strict,
        }
    }
}

/// One scored response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// Weighted format part.
    pub format: f64,
    /// Weighted accuracy part.
    pub accuracy: f64,
    /// `format + accuracy`.
    pub reward: f64,
    pub format_ok: bool,
    pub correct: bool,
    /// The response gave two different final answers.
    pub conflict: bool,
    pub extracted: Option<String>,
}

/// Scores a response against a parsed gold answer.
pub fn score(response: &str, gold: &Answer, cfg: &RewardConfig) -> Scored {
    score_with(response, gold, &Choices::none(), cfg)
}

/// Scores a response with the question's options at hand (a letter answers
/// with its option's text, an option's text answers its letter).
pub fn score_with(response: &str, gold: &Answer, choices: &Choices, cfg: &RewardConfig) -> Scored {
    let format_ok = format_ok(response, cfg.format_style);
    let j = verify::judge_with(response, gold, choices);
    let format = if format_ok { cfg.format_weight } else { 0.0 };
    let accuracy = if j.correct { cfg.accuracy_weight } else { 0.0 };
    Scored {
        format,
        accuracy,
        reward: format + accuracy,
        format_ok,
        correct: j.correct,
        conflict: j.conflict,
        extracted: j.extracted,
    }
}

/// Scores a response against a gold answer string; a gold answer that
/// cannot be graded is an error, not a free reward.
pub fn score_response(
    response: &str,
    gold: &str,
    cfg: &RewardConfig,
) -> Result<Scored, ParseError> {
    Ok(score(response, &verify::parse_gold(gold)?, cfg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_weighted_and_add_up() {
        let cfg = RewardConfig::default();
        let s = score_response("<think>1+1</think><answer>2</answer>", "2", &cfg).unwrap();
        assert_eq!((s.format, s.accuracy, s.reward), (0.5, 1.0, 1.5));
        let s = score_response("the answer is \\boxed{3}", "2", &cfg).unwrap();
        assert_eq!((s.format, s.accuracy, s.reward), (0.0, 0.0, 0.0));
        assert_eq!(s.extracted.as_deref(), Some("3"));
        assert!(score_response("x", "", &cfg).is_err());
    }
}
