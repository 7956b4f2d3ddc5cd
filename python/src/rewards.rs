//! The envs' rule rewards over batches of responses, for reward functions
//! (TRL, verl, OpenRLHF) that score text without stepping an env. Batches run
//! on rayon with the GIL released.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use rulegym_envs::answer_format;
use rulegym_envs::math::verify::{self, extract, Choices, ParseError};
use rulegym_envs::math::{self, FormatStyle, RewardConfig};
use rulegym_envs::spatial::reward::{self as vsi, NumericScheme};
use rulegym_envs::spatial::{answer, Answer, Question, QuestionType};

/// What the math verifier concluded about one response; truthy when correct.
#[pyclass(module = "rulegym._rulegym", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Verdict {
    /// The final answer equals the gold one.
    pub correct: bool,
    /// The response follows the answer format (the style asked for).
    pub format_ok: bool,
    /// The response gave two final answers that disagree.
    pub conflict: bool,
    /// The final answer as written, if any.
    pub extracted: Option<String>,
    /// The env's reward with its default weights: 0.5 format + 1.0 accuracy.
    pub reward: f64,
}

#[pymethods]
impl Verdict {
    fn __bool__(&self) -> bool {
        self.correct
    }

    fn __repr__(&self) -> String {
        format!(
            "Verdict(correct={}, format_ok={}, conflict={}, extracted={:?}, reward={})",
            py_bool(self.correct),
            py_bool(self.format_ok),
            py_bool(self.conflict),
            self.extracted,
            self.reward
        )
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn style(name: &str) -> PyResult<FormatStyle> {
    match name {
        "strict" => Ok(FormatStyle::Strict),
        "lenient" => Ok(FormatStyle::Lenient),
        other => Err(PyValueError::new_err(format!(
            "format style '{other}': use 'strict' (LMM-R1) or 'lenient' (R1-V)"
        ))),
    }
}

/// A gold answer, or the final answer of a worked solution (`\\boxed{..}`,
/// `<answer>..</answer>`), as datasets with a `solution` column give it.
fn parse_gold(gold: &str) -> Result<verify::Answer, ParseError> {
    let cands = extract::candidates(gold);
    verify::parse_gold(cands.last().copied().unwrap_or(gold))
}

/// Judges `responses[i]` against `golds[i]`; a gold answer that cannot be
/// graded is a `ValueError` naming its row, never a free reward. The
/// question's options, from `problems[i]` (its text, where `(A) 47 (B) 49`
/// is read) or `choices[i]` (the option texts, A first), let an option's text
/// answer its letter and a letter answer a gold stored as the value.
#[pyfunction]
#[pyo3(signature = (responses, golds, format_style="strict", problems=None, choices=None))]
pub fn math_verify(
    py: Python<'_>,
    responses: Vec<String>,
    golds: Vec<String>,
    format_style: &str,
    problems: Option<Vec<Option<String>>>,
    choices: Option<Vec<Option<Vec<String>>>>,
) -> PyResult<Vec<Verdict>> {
    let n = responses.len();
    if golds.len() != n {
        return Err(PyValueError::new_err(format!(
            "{n} responses but {} gold answers",
            golds.len()
        )));
    }
    for (name, len) in [
        ("problems", problems.as_ref().map(Vec::len)),
        ("choices", choices.as_ref().map(Vec::len)),
    ] {
        if let Some(len) = len.filter(|&len| len != n) {
            return Err(PyValueError::new_err(format!(
                "{n} responses but {len} {name}"
            )));
        }
    }
    let cfg = RewardConfig {
        format_style: style(format_style)?,
        ..RewardConfig::default()
    };
    let options = |i: usize| -> Choices {
        if let Some(list) = choices.as_ref().and_then(|c| c[i].as_ref()) {
            return Choices::from_list(list);
        }
        match problems.as_ref().and_then(|p| p[i].as_deref()) {
            Some(text) => Choices::from_problem(text),
            None => Choices::none(),
        }
    };
    py.detach(|| {
        responses
            .par_iter()
            .zip(golds.par_iter())
            .enumerate()
            .map(|(i, (r, g))| {
                let gold = parse_gold(g).map_err(|e| {
                    PyValueError::new_err(format!("row {i}: gold answer {g:?}: {e}"))
                })?;
                let s = math::score_with(r, &gold, &options(i), &cfg);
                Ok(Verdict {
                    correct: s.correct,
                    format_ok: s.format_ok,
                    conflict: s.conflict,
                    extracted: s.extracted,
                    reward: s.reward,
                })
            })
            .collect()
    })
}

/// The `<think>…</think><answer>…</answer>` check: `strict` is LMM-R1's,
/// `lenient` R1-V's (whitespace between the blocks).
#[pyfunction]
#[pyo3(signature = (responses, format_style="strict"))]
pub fn format_ok(
    py: Python<'_>,
    responses: Vec<String>,
    format_style: &str,
) -> PyResult<Vec<bool>> {
    let st = style(format_style)?;
    Ok(py.detach(|| {
        responses
            .par_iter()
            .map(|r| math::format_ok(r, st))
            .collect()
    }))
}

/// Letters A–Z as options, for a gold letter given without its options.
fn letters() -> Vec<String> {
    (b'A'..=b'Z').map(|c| (c as char).to_string()).collect()
}

/// The gold answer as the spatial env's [`Answer`]: a number (with its unit
/// when written: "2.5 m", "180 cm", "12 m²"), an option by letter or text
/// when `options` are given, or a letter; `None` for free text.
fn gold_question(gold: &str, options: Option<&[String]>) -> Option<(Question, bool)> {
    let q = |options: Vec<String>, answer: Answer| Question {
        // The kind does not enter the score; only options and answer do.
        kind: QuestionType::ObjectCount,
        text: String::new(),
        options,
        answer,
        objects: Vec::new(),
    };
    let letters = letters();
    match options {
        Some(opts) if !opts.is_empty() => {
            let index = answer::parse_choice(gold, opts, true)?;
            let text = opts[index].clone();
            Some((q(opts.to_vec(), Answer::Choice { index, text }), true))
        }
        _ => {
            if let Some(n) = answer::parse_number(gold).filter(|_| {
                // "B" parses as no number; "2 m" or "3" as one.
                gold.trim()
                    .starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-')
            }) {
                let unit = match n.unit {
                    Some(answer::Unit::Meter) => "m",
                    Some(answer::Unit::Centimeter) => "cm",
                    Some(answer::Unit::SquareMeter) => "m²",
                    _ => "",
                };
                let value = answer::in_unit(n, unit);
                let a = Answer::Number {
                    value,
                    unit: unit.into(),
                };
                return Some((q(Vec::new(), a), false));
            }
            let t = gold.trim();
            if t.len() == 1 && t.as_bytes()[0].is_ascii_alphabetic() {
                let index = answer::parse_choice(t, &letters, true)?;
                let text = letters[index].clone();
                return Some((q(letters, Answer::Choice { index, text }), true));
            }
            None
        }
    }
}

/// VSI-Bench scoring of each response: `(format_ok, accuracy)` with accuracy
/// in [0, 1] (exact option match, MRA or `exact` for numbers). Free-text
/// golds without options match when their words equal the answer's.
#[pyfunction]
#[pyo3(signature = (responses, golds, options=None, numeric="mra"))]
pub fn vsi_score(
    py: Python<'_>,
    responses: Vec<String>,
    golds: Vec<String>,
    options: Option<Vec<Option<Vec<String>>>>,
    numeric: &str,
) -> PyResult<Vec<(bool, f64)>> {
    if responses.len() != golds.len() {
        return Err(PyValueError::new_err(format!(
            "{} responses but {} gold answers",
            responses.len(),
            golds.len()
        )));
    }
    if let Some(o) = &options {
        if o.len() != golds.len() {
            return Err(PyValueError::new_err(format!(
                "{} option lists for {} gold answers",
                o.len(),
                golds.len()
            )));
        }
    }
    let scheme = match numeric {
        "mra" => NumericScheme::Mra { inclusive: false },
        "mra_inclusive" => NumericScheme::Mra { inclusive: true },
        "exact" => NumericScheme::Exact { tolerance: 0.0 },
        "relative" => NumericScheme::Relative,
        other => {
            return Err(PyValueError::new_err(format!(
                "numeric scheme '{other}': use 'mra', 'mra_inclusive', 'exact' or 'relative'"
            )))
        }
    };
    let cfg = vsi::RewardConfig {
        format_weight: 1.0,
        accuracy_weight: 1.0,
        numeric: scheme,
        format_style: FormatStyle::Lenient,
    };
    py.detach(|| {
        (0..responses.len())
            .into_par_iter()
            .map(|i| {
                let (r, g) = (&responses[i], &golds[i]);
                let opts = options.as_ref().and_then(|o| o[i].as_deref());
                if opts.is_some_and(|o| !o.is_empty()) && gold_question(g, opts).is_none() {
                    return Err(PyValueError::new_err(format!(
                        "row {i}: gold answer {g:?} is none of the options {opts:?}"
                    )));
                }
                Ok(match gold_question(g, opts) {
                    Some((q, show)) => {
                        let s = vsi::score(&q, r, show, &cfg);
                        (s.format > 0.0, s.accuracy)
                    }
                    None => {
                        let said = answer::words(answer::extract(r));
                        let ok = !said.is_empty() && said == answer::words(g);
                        (answer_format::format_ok(r, cfg.format_style), f64::from(ok))
                    }
                })
            })
            .collect()
    })
}
