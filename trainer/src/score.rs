//! Rule-checking saved responses with an env's reward, without a model
//! (`trainer score`). Any env whose reward is a rule over the answer text
//! qualifies: the math family (the verifier) and the spatial family (its
//! answer parser, MRA for numbers, exact match for choices). The envs own
//! the rules; this module only reads the lines and hands them over.
//!
//! A line that cannot be scored (not JSON, a missing field, a blank or
//! unusable gold answer) is a [`LineError`], reported in place of its row,
//! so one bad line never loses the rest of a file.

use std::collections::BTreeMap;

use rulegym_envs::math::verify::{parse_gold, Choices};
use rulegym_envs::math::{score_with, MathConfig, RewardConfig as MathReward};
use rulegym_envs::registry::parse_config;
use rulegym_envs::spatial::questions::letter;
use rulegym_envs::spatial::reward::{self as spatial_reward, RewardConfig as SpatialReward};
use rulegym_envs::spatial::{Answer, Question, QuestionType, SpatialConfig};
use serde::Deserialize;
use serde_json::{json, Value};

/// Why scoring cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error(
        "env '{0}' has no rule reward over text to score with; `score` knows math, \
         math/<family>, spatial and spatial/<type>"
    )]
    NotRuleEnv(String),
    #[error("env '{0}' is not registered (`trainer envs` lists them)")]
    Unknown(String),
    #[error("{0}")]
    Config(#[from] rulegym_envs::EnvError),
    #[error("config of {env}: {msg}")]
    Invalid { env: String, msg: String },
}

/// Why one line was not scored (the text of its `"error"` row).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct LineError(pub String);

fn bad(msg: impl Into<String>) -> LineError {
    LineError(msg.into())
}

/// The reward rules of one env.
#[derive(Debug, Clone)]
pub enum Rules {
    Math(MathReward),
    /// `kind`: the one question type of a `spatial/<type>` env.
    Spatial {
        reward: SpatialReward,
        kind: Option<QuestionType>,
    },
}

/// One scored line: the output row and what the summary counts.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredLine {
    pub row: Value,
    pub reward: f64,
    pub parts: BTreeMap<String, f64>,
    /// Math only (spatial lines leave them to the row).
    pub format_ok: Option<bool>,
    pub correct: Option<bool>,
}

impl Rules {
    /// The rules `env` scores with under `config` (`Null`: the env's
    /// defaults); an unknown key or a bad value is an error naming it.
    pub fn for_env(env: &str, config: &Value) -> Result<Self, ScoreError> {
        if !rulegym_envs::list().iter().any(|e| e.name == env) {
            return Err(ScoreError::Unknown(env.to_string()));
        }
        let family = env.split('/').next().unwrap_or_default();
        let invalid = |msg: String| ScoreError::Invalid {
            env: env.to_string(),
            msg,
        };
        match family {
            "math" => {
                let cfg: MathConfig = parse_config(env, config)?;
                cfg.validate().map_err(invalid)?;
                Ok(Rules::Math(cfg.reward()))
            }
            "spatial" => {
                let cfg: SpatialConfig = parse_config(env, config)?;
                cfg.validate().map_err(|e| invalid(e.to_string()))?;
                let kind = env
                    .strip_prefix("spatial/")
                    .and_then(QuestionType::from_name);
                Ok(Rules::Spatial {
                    reward: cfg.reward,
                    kind,
                })
            }
            _ => Err(ScoreError::NotRuleEnv(env.to_string())),
        }
    }

    /// Scores one JSONL line (`number` is its 1-based line number).
    pub fn score_line(&self, raw: &str, number: usize) -> Result<ScoredLine, LineError> {
        let line: Value = serde_json::from_str(raw).map_err(|e| bad(format!("not JSON: {e}")))?;
        match self {
            Rules::Math(cfg) => score_math(line, cfg, number),
            Rules::Spatial { reward, kind } => score_spatial(line, reward, *kind, number),
        }
    }
}

/// `{"response": ..., "answer": ...}`, with the question when the file has
/// it (`problem` or `question`: its lettered options let `49` answer `(B)`)
/// or its options as a list (`choices`); other keys (ids, prompts) are
/// ignored.
#[derive(Deserialize)]
struct MathLine {
    response: String,
    answer: Value,
    #[serde(alias = "question")]
    problem: Option<String>,
    choices: Option<Vec<String>>,
}

fn score_math(line: Value, cfg: &MathReward, number: usize) -> Result<ScoredLine, LineError> {
    let line: MathLine = serde_json::from_value(line).map_err(|e| bad(e.to_string()))?;
    let gold = match line.answer {
        Value::String(g) => g,
        Value::Number(n) => n.to_string(),
        other => {
            return Err(bad(format!(
                "answer must be a string or number, got {other}"
            )))
        }
    };
    if gold.trim().is_empty() {
        return Err(bad("blank gold answer"));
    }
    let parsed = parse_gold(&gold)
        .map_err(|e| bad(format!("gold answer {gold:?} cannot be graded: {e}")))?;
    let choices = match (&line.choices, &line.problem) {
        (Some(list), _) => Choices::from_list(list),
        (None, Some(problem)) => Choices::from_problem(problem),
        (None, None) => Choices::none(),
    };
    let s = score_with(&line.response, &parsed, &choices, cfg);
    let parts = parts(s.format, s.accuracy);
    Ok(ScoredLine {
        row: json!({
            "line": number,
            "reward": s.reward,
            "reward_parts": parts,
            "format_ok": s.format_ok,
            "correct": s.correct,
            "conflict": s.conflict,
            "extracted": s.extracted,
            "answer": gold,
        }),
        reward: s.reward,
        parts,
        format_ok: Some(s.format_ok),
        correct: Some(s.correct),
    })
}

fn parts(format: f64, accuracy: f64) -> BTreeMap<String, f64> {
    [
        ("format".to_string(), format),
        ("accuracy".to_string(), accuracy),
    ]
    .into()
}

/// A line of `trainer sample --env spatial`'s `questions.jsonl` with the
/// model's `response` added: `question_type`, `answer` (option text or
/// number), `choices` (option texts), `unit`, and `options` (the lettered
/// options, present when letters were shown, so "B" can answer).
#[derive(Deserialize)]
struct SpatialLine {
    response: String,
    answer: Value,
    question_type: Option<String>,
    #[serde(default)]
    choices: Vec<String>,
    options: Option<Vec<String>>,
    unit: Option<String>,
}

fn score_spatial(
    line: Value,
    cfg: &SpatialReward,
    env_kind: Option<QuestionType>,
    number: usize,
) -> Result<ScoredLine, LineError> {
    let line: SpatialLine = serde_json::from_value(line).map_err(|e| bad(e.to_string()))?;
    let kind = question_kind(line.question_type.as_deref(), env_kind)?;
    let answer = if kind.is_multiple_choice() {
        choice_gold(&line.answer, &line.choices)?
    } else {
        number_gold(&line.answer, line.unit.as_deref())?
    };
    let letters = line.options.as_ref().is_some_and(|o| !o.is_empty());
    let q = Question {
        kind,
        text: String::new(),
        options: line.choices,
        answer,
        objects: Vec::new(),
    };
    let s = spatial_reward::score(&q, &line.response, letters, cfg);
    let parts = parts(s.format, s.accuracy);
    Ok(ScoredLine {
        row: json!({
            "line": number,
            "reward": s.total(),
            "reward_parts": parts,
            "parsed": s.parsed,
            "question_type": kind.name(),
            "answer": line.answer,
        }),
        reward: s.total(),
        parts,
        format_ok: None,
        correct: None,
    })
}

fn question_kind(
    named: Option<&str>,
    env_kind: Option<QuestionType>,
) -> Result<QuestionType, LineError> {
    let known = || QuestionType::ALL.map(|k| k.name()).join(", ");
    let kind = match (named, env_kind) {
        (None, Some(k)) => return Ok(k),
        (None, None) => return Err(bad(format!("missing field `question_type` ({})", known()))),
        (Some(n), _) => QuestionType::from_name(n)
            .ok_or_else(|| bad(format!("unknown question_type '{n}' (known: {})", known())))?,
    };
    match env_kind {
        Some(k) if k != kind => Err(bad(format!(
            "question_type '{}' does not belong to env spatial/{}",
            kind.name(),
            k.name()
        ))),
        _ => Ok(kind),
    }
}

/// The gold option: its text (as exported) or its letter (as VSI-Bench's
/// `ground_truth` writes it).
fn choice_gold(answer: &Value, choices: &[String]) -> Result<Answer, LineError> {
    if choices.is_empty() {
        return Err(bad(
            "a multiple-choice question needs `choices` (the option texts)",
        ));
    }
    let Value::String(text) = answer else {
        return Err(bad(format!(
            "answer must be one of the choices, got {answer}"
        )));
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(bad("blank gold answer"));
    }
    let index = choices
        .iter()
        .position(|c| c.trim() == text)
        .or_else(|| (0..choices.len()).find(|&i| letter(i).to_string() == text));
    match index {
        Some(index) => Ok(Answer::Choice {
            index,
            text: choices[index].clone(),
        }),
        None => Err(bad(format!(
            "answer {text:?} is none of the choices {choices:?} nor their letter"
        ))),
    }
}

/// Units a spatial measurement is asked in (`""`: a count).
const UNITS: [&str; 4] = ["m", "cm", "m²", ""];

fn number_gold(answer: &Value, unit: Option<&str>) -> Result<Answer, LineError> {
    let value = match answer {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s.trim().is_empty() => return Err(bad("blank gold answer")),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    let value = value
        .filter(|v| v.is_finite())
        .ok_or_else(|| bad(format!("answer must be a number, got {answer}")))?;
    if value <= 0.0 {
        return Err(bad(format!(
            "gold answer {value} is not positive (relative accuracy divides by it)"
        )));
    }
    let unit = unit.ok_or_else(|| {
        bad("missing field `unit` (m, cm, m², or \"\" for counts): a number without it would be misread")
    })?;
    if !UNITS.contains(&unit) {
        return Err(bad(format!("unit {unit:?} is not one of m, cm, m², \"\"")));
    }
    Ok(Answer::Number {
        value,
        unit: unit.to_string(),
    })
}

/// Aggregates over a file's lines.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub scored: usize,
    pub errors: usize,
    pub reward_sum: f64,
    pub part_sums: BTreeMap<String, f64>,
    /// Lines with a format verdict, and how many passed.
    pub judged_format: usize,
    pub formatted: usize,
    pub judged_correct: usize,
    pub correct: usize,
}

impl Summary {
    pub fn add(&mut self, r: &Result<ScoredLine, LineError>) {
        let Ok(s) = r else {
            self.errors += 1;
            return;
        };
        self.scored += 1;
        self.reward_sum += s.reward;
        for (k, v) in &s.parts {
            *self.part_sums.entry(k.clone()).or_default() += v;
        }
        if let Some(f) = s.format_ok {
            self.judged_format += 1;
            self.formatted += usize::from(f);
        }
        if let Some(c) = s.correct {
            self.judged_correct += 1;
            self.correct += usize::from(c);
        }
    }

    /// The summary row (`null` for a rate no line was judged on).
    pub fn row(&self, env: &str) -> Value {
        let rate = |k: usize, n: usize| (n > 0).then(|| k as f64 / n as f64);
        let mean = |s: f64| {
            if self.scored > 0 {
                s / self.scored as f64
            } else {
                0.0
            }
        };
        let parts: BTreeMap<&String, f64> =
            self.part_sums.iter().map(|(k, v)| (k, mean(*v))).collect();
        json!({"summary": {
            "env": env,
            "count": self.scored,
            "errors": self.errors,
            "mean_reward": mean(self.reward_sum),
            "mean_reward_parts": parts,
            "format_rate": rate(self.formatted, self.judged_format),
            "accuracy": rate(self.correct, self.judged_correct),
        }})
    }
}

/// The output row of a bad line.
pub fn error_row(number: usize, e: &LineError) -> Value {
    json!({"line": number, "error": e.0})
}

/// Scores `(line number, text)` pairs on `workers` threads; results come
/// back in input order.
pub fn score_block(
    rules: &Rules,
    lines: &[(usize, String)],
    workers: usize,
) -> Vec<Result<ScoredLine, LineError>> {
    let workers = workers.clamp(1, lines.len().max(1));
    if workers == 1 {
        return lines.iter().map(|(n, l)| rules.score_line(l, *n)).collect();
    }
    let chunk = lines.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(n, l)| rules.score_line(l, *n))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .zip(lines.chunks(chunk))
            .flat_map(|(h, part)| {
                // A worker that panicked loses only its lines, each reported.
                h.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|_| Err(bad("scoring this line panicked")))
                        .collect()
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn math() -> Rules {
        Rules::for_env("math", &Value::Null).unwrap()
    }

    fn spatial(env: &str) -> Rules {
        Rules::for_env(env, &Value::Null).unwrap()
    }

    #[test]
    fn math_lines_are_scored_and_bad_ones_say_why() {
        let r = math();
        let ok = r
            .score_line(
                r#"{"response": "<think>a</think><answer>4</answer>", "answer": 4}"#,
                1,
            )
            .unwrap();
        assert_eq!((ok.reward, ok.correct), (1.5, Some(true)));
        for (raw, want) in [
            ("{not json", "not JSON"),
            (r#"{"answer": "1"}"#, "missing field `response`"),
            (r#"{"response": "1"}"#, "missing field `answer`"),
            (r#"{"response": "1", "answer": "  "}"#, "blank gold answer"),
            (r#"{"response": "1", "answer": [1]}"#, "string or number"),
        ] {
            let err = r.score_line(raw, 7).unwrap_err();
            assert!(err.0.contains(want), "{raw}: {err}");
        }
    }

    #[test]
    fn a_math_line_s_question_or_choices_let_option_text_answer_a_letter() {
        let r = math();
        let correct = |raw: &str| r.score_line(raw, 1).unwrap().correct;
        let q = r#"{"response": "So the answer is 49.", "answer": "(B)", "problem": "What is 81 - 32? (A) $47$ (B) $49$ (C) $51$"}"#;
        assert_eq!(correct(q), Some(true));
        let listed = r#"{"response": "The answer is B.", "answer": "0.6", "choices": ["0.35", "0.6", "0.65"]}"#;
        assert_eq!(correct(listed), Some(true));
        let none = r#"{"response": "So the answer is 49.", "answer": "(B)"}"#;
        assert_eq!(correct(none), Some(false));
    }

    #[test]
    fn math_config_changes_the_weights_and_unknown_keys_are_named() {
        let r = Rules::for_env("math/arithmetic", &json!({"format_weight": 0.0})).unwrap();
        let s = r
            .score_line(
                r#"{"response": "<think>a</think><answer>4</answer>", "answer": "4"}"#,
                1,
            )
            .unwrap();
        assert_eq!(s.reward, 1.0);
        let err = Rules::for_env("math", &json!({"format_wieght": 0.0})).unwrap_err();
        assert!(err.to_string().contains("format_wieght"), "{err}");
        let err = Rules::for_env("math", &json!({"difficulty": 9})).unwrap_err();
        assert!(err.to_string().contains("difficulty"), "{err}");
    }

    #[test]
    fn only_rule_envs_are_accepted() {
        assert!(matches!(
            Rules::for_env("football", &Value::Null),
            Err(ScoreError::NotRuleEnv(_))
        ));
        assert!(matches!(
            Rules::for_env("mathh", &Value::Null),
            Err(ScoreError::Unknown(_))
        ));
    }

    #[test]
    fn spatial_numbers_use_mra_with_units_and_choices_match_text_or_letter() {
        let r = spatial("spatial");
        let num = r#"{"response": "<think>x</think><answer>200 cm</answer>", "question_type": "abs_distance", "answer": 2.0, "unit": "m"}"#;
        let s = r.score_line(num, 1).unwrap();
        assert_eq!(s.parts["accuracy"], 1.0);
        // 2.25 m against 2.0: 12.5% off, MRA counts θ ∈ {0.50 … 0.85} → 0.8.
        let near = num.replace("200 cm", "2.25 m");
        let s = r.score_line(&near, 1).unwrap();
        assert!((s.parts["accuracy"] - 0.8).abs() < 1e-9, "{s:?}");
        let mc = r#"{"response": "<answer>B</answer>", "question_type": "rel_direction_easy", "answer": "right", "choices": ["left", "right"], "options": ["A. left", "B. right"]}"#;
        assert_eq!(r.score_line(mc, 1).unwrap().parts["accuracy"], 1.0);
        // Without shown options a letter is not an answer; the words are.
        let no_letters = mc.replace(r#", "options": ["A. left", "B. right"]"#, "");
        assert_eq!(r.score_line(&no_letters, 1).unwrap().parts["accuracy"], 0.0);
        let words = no_letters.replace("<answer>B</answer>", "to the right");
        assert_eq!(r.score_line(&words, 1).unwrap().parts["accuracy"], 1.0);
        let letter_gold = words.replace(r#""answer": "right""#, r#""answer": "B""#);
        assert_eq!(
            r.score_line(&letter_gold, 1).unwrap().parts["accuracy"],
            1.0
        );
    }

    #[test]
    fn bad_spatial_golds_are_line_errors() {
        let r = spatial("spatial");
        for (raw, want) in [
            (
                r#"{"response": "3", "answer": 3, "unit": "m"}"#,
                "question_type",
            ),
            (
                r#"{"response": "3", "question_type": "size", "answer": 3}"#,
                "unknown question_type",
            ),
            (
                r#"{"response": "3", "question_type": "room_size", "answer": 3}"#,
                "unit",
            ),
            (
                r#"{"response": "3", "question_type": "room_size", "answer": "", "unit": "m²"}"#,
                "blank",
            ),
            (
                r#"{"response": "3", "question_type": "room_size", "answer": 0, "unit": "m²"}"#,
                "positive",
            ),
            (
                r#"{"response": "3", "question_type": "room_size", "answer": "big", "unit": "m²"}"#,
                "number",
            ),
            (
                r#"{"response": "3", "question_type": "room_size", "answer": 3, "unit": "km"}"#,
                "unit",
            ),
            (
                r#"{"response": "A", "question_type": "rel_distance", "answer": "sofa"}"#,
                "choices",
            ),
            (
                r#"{"response": "A", "question_type": "rel_distance", "answer": "bed", "choices": ["sofa"]}"#,
                "none of the choices",
            ),
        ] {
            let err = r.score_line(raw, 3).unwrap_err();
            assert!(err.0.contains(want), "{raw}: {err}");
        }
        let typed = spatial("spatial/room_size");
        let implied = r#"{"response": "20 m²", "answer": 20, "unit": "m²"}"#;
        assert_eq!(typed.score_line(implied, 1).unwrap().parts["accuracy"], 1.0);
        let other =
            r#"{"response": "2", "question_type": "abs_distance", "answer": 2, "unit": "m"}"#;
        assert!(typed
            .score_line(other, 1)
            .unwrap_err()
            .0
            .contains("does not belong"));
    }

    #[test]
    fn parallel_scoring_keeps_the_input_order() {
        let r = math();
        let lines: Vec<(usize, String)> = (1..=23)
            .map(|i| {
                let text = if i % 5 == 0 {
                    "{broken".to_string()
                } else {
                    format!(
                        r#"{{"response": "\\boxed{{{}}}", "answer": {}}}"#,
                        i % 3,
                        i % 2
                    )
                };
                (i, text)
            })
            .collect();
        let one = score_block(&r, &lines, 1);
        for workers in [2, 3, 8, 64] {
            assert_eq!(score_block(&r, &lines, workers), one, "{workers} workers");
        }
        let mut s = Summary::default();
        one.iter().for_each(|r| s.add(r));
        assert_eq!((s.scored, s.errors), (19, 4));
    }
}
