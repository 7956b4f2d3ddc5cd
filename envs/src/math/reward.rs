//! The R1-style reward: a format part and an accuracy part, weighted.
//!
//! Strict format is LMM-R1's check: the whole response is
//! `<think>…</think><answer>…</answer>` with nothing around or between the
//! blocks and each opening tag exactly once. Lenient format is R1-V's
//! `<think>.*?</think>\s*<answer>.*?</answer>` full match, which allows
//! whitespace between the blocks.

use serde::{Deserialize, Serialize};

use super::verify::{self, Answer, ParseError};

/// Which format check the format reward uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatStyle {
    /// LMM-R1: no whitespace between the blocks, no trailing text.
    #[default]
    Strict,
    /// R1-V / vsGRPO: whitespace allowed between the blocks.
    Lenient,
}

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

/// Does `response` follow the answer format?
pub fn format_ok(response: &str, style: FormatStyle) -> bool {
    const T0: &str = "<think>";
    const T1: &str = "</think>";
    const A0: &str = "<answer>";
    const A1: &str = "</answer>";
    if !response.starts_with(T0) || !response.ends_with(A1) {
        return false;
    }
    match style {
        FormatStyle::Strict => {
            if response.matches(T0).count() != 1 || response.matches(A0).count() != 1 {
                return false;
            }
            let Some(t1) = response.find(T1) else {
                return false;
            };
            let after = &response[t1 + T1.len()..];
            // The answer body may not contain `</answer>` before the end.
            after.starts_with(A0)
                && after[A0.len()..].find(A1) == Some(after.len() - A0.len() - A1.len())
        }
        FormatStyle::Lenient => {
            // Some `</think>` followed by whitespace, `<answer>`, and room for
            // the closing tag at the end (the lazy `.*?` can span tags).
            let end = response.len() - A1.len();
            response.match_indices(T1).any(|(i, _)| {
                if i < T0.len() {
                    return false;
                }
                let rest = &response[i + T1.len()..];
                let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace());
                let a = response.len() - trimmed.len();
                trimmed.starts_with(A0) && a + A0.len() <= end
            })
        }
    }
}

/// Scores a response against a parsed gold answer.
pub fn score(response: &str, gold: &Answer, cfg: &RewardConfig) -> Scored {
    let format_ok = format_ok(response, cfg.format_style);
    let j = verify::judge(response, gold);
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
    fn strict_format_is_lmm_r1s_regex() {
        let s = FormatStyle::Strict;
        assert!(format_ok("<think>a</think><answer>5</answer>", s));
        assert!(format_ok("<think>\nx\n</think><answer>\n5\n</answer>", s));
        assert!(!format_ok("<think>a</think>\n<answer>5</answer>", s));
        assert!(!format_ok("<think>a</think><answer>5</answer>\n", s));
        assert!(!format_ok("x<think>a</think><answer>5</answer>", s));
        assert!(!format_ok("<think>a</think><answer>5</answer></answer>", s));
        assert!(!format_ok("<think><think>a</think><answer>5</answer>", s));
        assert!(!format_ok("<think>a</think></think><answer>5</answer>", s));
    }

    #[test]
    fn lenient_format_allows_whitespace_between_blocks() {
        let l = FormatStyle::Lenient;
        assert!(format_ok("<think>a</think>\n\n<answer>5</answer>", l));
        assert!(format_ok("<think>a</think><answer>5</answer>", l));
        assert!(!format_ok("<think>a</think> x <answer>5</answer>", l));
        assert!(!format_ok("<think>a</think><answer>5</answer> ", l));
    }

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
