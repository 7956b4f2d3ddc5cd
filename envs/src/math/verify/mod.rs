//! The rule-checked verifier: extract the final answer, parse it and the
//! gold answer into exact values, and compare them.

pub mod equiv;
pub mod expr;
pub mod extract;
mod lex;
pub mod parse;
pub mod prose;
pub mod value;

pub use equiv::equivalent;
pub use parse::{parse_answer, Answer, ParseError, MAX_ANSWER_CHARS};
pub use value::{Rat, Value};

/// What the verifier concluded about one response.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// The final answer as written (several candidates joined by `, `), if any.
    pub extracted: Option<String>,
    /// The response gave several different final answers, and read together
    /// as one set they are not the gold answer.
    pub conflict: bool,
    /// The final answer equals the gold one.
    pub correct: bool,
}

/// Judges `response` against an already parsed gold answer.
pub fn judge(response: &str, gold: &Answer) -> Judgement {
    let cands = extract::candidates(response);
    let extracted = (!cands.is_empty()).then(|| cands.join(", "));
    let parsed: Vec<Answer> = cands.iter().filter_map(|c| parse_answer(c).ok()).collect();
    if parsed.len() != cands.len() || parsed.is_empty() {
        // An empty or over-long candidate: no usable answer.
        return Judgement {
            extracted,
            conflict: false,
            correct: false,
        };
    }
    let answer = final_answer(parsed);
    let several = matches!(&answer, Some(Answer::Set(_)));
    let correct = answer.as_ref().is_some_and(|a| equivalent(gold, a));
    Judgement {
        extracted,
        conflict: several && !correct,
        correct,
    }
}

/// Reads the surviving candidates as one answer: repeats are one answer,
/// different ones a set (`\boxed{a}, \boxed{b}`, one box per case), with
/// lists and sets inside it flattened.
fn final_answer(parsed: Vec<Answer>) -> Option<Answer> {
    let mut distinct: Vec<Answer> = Vec::with_capacity(parsed.len());
    for p in parsed {
        if !distinct.iter().any(|d| equivalent(d, &p)) {
            distinct.push(p);
        }
    }
    if distinct.len() <= 1 {
        return distinct.pop();
    }
    let mut elems = Vec::with_capacity(distinct.len());
    for d in distinct {
        match d {
            Answer::List(v) | Answer::Set(v) => elems.extend(v),
            other => elems.push(other),
        }
    }
    Some(Answer::Set(elems))
}

/// Parses a gold answer, refusing what cannot be graded (empty or huge).
pub fn parse_gold(gold: &str) -> Result<Answer, ParseError> {
    parse_answer(gold)
}
