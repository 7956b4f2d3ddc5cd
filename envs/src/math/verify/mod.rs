//! The rule-checked verifier: extract the final answer, parse it and the
//! gold answer into exact values, and compare them.

pub mod equiv;
pub mod expr;
pub mod extract;
mod lex;
pub mod parse;
pub mod value;

pub use equiv::equivalent;
pub use parse::{parse_answer, Answer, ParseError, MAX_ANSWER_CHARS};
pub use value::{Rat, Value};

/// What the verifier concluded about one response.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// The final answer as written (the last candidate), if any.
    pub extracted: Option<String>,
    /// The response gave two final answers that disagree.
    pub conflict: bool,
    /// The final answer equals the gold one.
    pub correct: bool,
}

/// Judges `response` against an already parsed gold answer.
pub fn judge(response: &str, gold: &Answer) -> Judgement {
    let cands = extract::candidates(response);
    let extracted = cands.last().map(|s| s.to_string());
    let parsed: Vec<Answer> = cands.iter().filter_map(|c| parse_answer(c).ok()).collect();
    if parsed.len() != cands.len() || parsed.is_empty() {
        // An empty or over-long candidate: no usable answer.
        return Judgement {
            extracted,
            conflict: false,
            correct: false,
        };
    }
    let conflict = parsed[1..].iter().any(|p| !equivalent(&parsed[0], p));
    let correct = !conflict && equivalent(gold, &parsed[parsed.len() - 1]);
    Judgement {
        extracted,
        conflict,
        correct,
    }
}

/// Parses a gold answer, refusing what cannot be graded (empty or huge).
pub fn parse_gold(gold: &str) -> Result<Answer, ParseError> {
    parse_answer(gold)
}
