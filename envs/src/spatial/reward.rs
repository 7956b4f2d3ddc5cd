//! Rewards: a format part (the shared R1 check, lenient — R1-V / vsGRPO —
//! by default) plus an accuracy part — exact option match for multiple
//! choice, mean relative accuracy (VSI-Bench) or another configured scheme
//! for numbers.

use serde::{Deserialize, Serialize};

use crate::answer_format::{self, FormatStyle};

use super::answer;
use super::questions::{Answer, Question};

/// How a numeric answer is scored against the gold value y.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scheme")]
pub enum NumericScheme {
    /// VSI-Bench MRA: mean over θ ∈ {0.50, 0.55, …, 0.95} of
    /// 1[|ŷ − y| / y < 1 − θ]. `inclusive` uses `<=` as the benchmark's
    /// evaluation code does (the paper writes `<`).
    Mra { inclusive: bool },
    /// 1 when |ŷ − y| ≤ tolerance (absolute), else 0.
    Exact { tolerance: f64 },
    /// max(0, 1 − |ŷ − y| / y): a smooth relative score.
    Relative,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RewardConfig {
    /// Weight of the format part (LMM-R1 uses 0.5 next to accuracy 1.0).
    pub format_weight: f64,
    pub accuracy_weight: f64,
    /// `lenient` (R1-V / vsGRPO, whitespace between the blocks) or `strict`
    /// (LMM-R1).
    pub format_style: FormatStyle,
    pub numeric: NumericScheme,
}

impl Default for RewardConfig {
    fn default() -> Self {
        Self {
            format_weight: 0.5,
            accuracy_weight: 1.0,
            format_style: FormatStyle::Lenient,
            numeric: NumericScheme::Mra { inclusive: false },
        }
    }
}

/// Mean relative accuracy of `pred` against `gold` (> 0).
pub fn mra(pred: f64, gold: f64, inclusive: bool) -> f64 {
    if gold.is_nan() || gold == 0.0 || !pred.is_finite() {
        return 0.0;
    }
    let rel = (pred - gold).abs() / gold.abs();
    let hits = (0..10)
        .filter(|&i| {
            let theta = 0.5 + 0.05 * i as f64;
            if inclusive {
                rel <= 1.0 - theta
            } else {
                rel < 1.0 - theta
            }
        })
        .count();
    hits as f64 / 10.0
}

/// The reward split into its weighted parts, and what was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub format: f64,
    pub accuracy: f64,
    pub format_ok: bool,
    /// The unweighted accuracy in [0, 1] (the verdict's score).
    pub score: f64,
    /// The answer as understood (option text or number), for logs.
    pub parsed: Option<String>,
}

impl Scored {
    pub fn total(&self) -> f64 {
        self.format + self.accuracy
    }
}

/// Scores `response` to `q`; `show_options` says whether letters were shown.
pub fn score(q: &Question, response: &str, show_options: bool, cfg: &RewardConfig) -> Scored {
    let format_ok = answer_format::format_ok(response, cfg.format_style);
    let format = if format_ok { cfg.format_weight } else { 0.0 };
    let said = answer::extract(response);
    let (acc, parsed) = match &q.answer {
        Answer::Choice { index, .. } => {
            match answer::parse_choice(said, &q.options, show_options) {
                Some(i) => (
                    if i == *index { 1.0 } else { 0.0 },
                    q.options.get(i).cloned(),
                ),
                None => (0.0, None),
            }
        }
        Answer::Number { value, unit } => match answer::parse_number(said) {
            Some(quantity) => {
                let y = answer::in_unit(quantity, unit);
                let a = match cfg.numeric {
                    NumericScheme::Mra { inclusive } => mra(y, *value, inclusive),
                    NumericScheme::Exact { tolerance } => f64::from((y - value).abs() <= tolerance),
                    NumericScheme::Relative => {
                        (1.0 - (y - value).abs() / value.abs().max(1e-12)).max(0.0)
                    }
                };
                (a, Some(format!("{y}")))
            }
            None => (0.0, None),
        },
    };
    Scored {
        format,
        accuracy: acc * cfg.accuracy_weight,
        format_ok,
        score: acc,
        parsed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::questions::QuestionType;

    #[test]
    fn format_follows_r1v_by_default() {
        let q = Question {
            kind: QuestionType::ObjectCount,
            text: String::new(),
            options: vec![],
            answer: Answer::Number {
                value: 3.0,
                unit: String::new(),
            },
            objects: vec![],
        };
        let cfg = RewardConfig::default();
        let ok = |r: &str| score(&q, r, false, &cfg).format_ok;
        assert!(ok("<think>x</think><answer>3</answer>"));
        assert!(ok("<think>a\nb</think>\n <answer>3</answer>"));
        assert!(!ok("<answer>3</answer>"));
        assert!(!ok("<think>x</think><answer>3</answer> trailing"));
        assert!(!ok("<think>x</think> words <answer>3</answer>"));
        let strict = RewardConfig {
            format_style: FormatStyle::Strict,
            ..cfg
        };
        let s = score(&q, "<think>a</think>\n<answer>3</answer>", false, &strict);
        assert!(!s.format_ok && s.format == 0.0 && s.score == 1.0);
    }

    #[test]
    fn mra_steps_by_five_percent() {
        assert_eq!(mra(10.0, 10.0, false), 1.0);
        // 12% off: below 1-θ for θ ≤ 0.85 (0.15 > 0.12): 0.50..0.85 = 8 of 10.
        assert!((mra(11.2, 10.0, false) - 0.8).abs() < 1e-12);
        assert_eq!(mra(30.0, 10.0, false), 0.0);
        assert_eq!(mra(5.0, 0.0, false), 0.0);
    }

    #[test]
    fn numeric_and_choice_answers_are_scored() {
        let q = Question {
            kind: QuestionType::AbsDistance,
            text: String::new(),
            options: vec![],
            answer: Answer::Number {
                value: 2.0,
                unit: "m".into(),
            },
            objects: vec![],
        };
        let cfg = RewardConfig::default();
        let s = score(&q, "<think>hm</think><answer>200 cm</answer>", false, &cfg);
        assert_eq!((s.format, s.accuracy), (0.5, 1.0));
        let mc = Question {
            kind: QuestionType::RelDirectionEasy,
            text: String::new(),
            options: vec!["left".into(), "right".into()],
            answer: Answer::Choice {
                index: 1,
                text: "right".into(),
            },
            objects: vec![],
        };
        assert_eq!(score(&mc, "(b)", true, &cfg).accuracy, 1.0);
        assert_eq!(score(&mc, "right", false, &cfg).accuracy, 1.0);
        assert_eq!(score(&mc, "A.", true, &cfg).accuracy, 0.0);
        assert_eq!(
            score(&mc, "<think>x</think><answer>B</answer>", false, &cfg).accuracy,
            0.0
        );
    }
}
