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

#[cfg(test)]
mod tests {
    //! Responses written the ways models write them (issue 13, groups 1–3)
    //! around random golds: the verdict must follow the answer stated last,
    //! after retractions, with several boxes read as one set.
    use proptest::prelude::*;

    use super::*;

    /// A random exact number: an integer or a reduced fraction, as
    /// (gold string, the ways a response may write it).
    fn number() -> impl Strategy<Value = (String, Vec<String>)> {
        prop_oneof![
            (-999i64..999).prop_map(|n| (n.to_string(), vec![n.to_string(), format!("{n}.0")])),
            (-99i64..99, 2i64..40)
                .prop_filter("proper and reduced", |(p, q)| {
                    *p != 0 && p % q != 0 && gcd(p.abs(), *q) == 1
                })
                .prop_map(|(p, q)| {
                    let sign = if p < 0 { "-" } else { "" };
                    let a = p.abs();
                    (
                        format!("{p}/{q}"),
                        vec![
                            format!("{sign}\\frac{{{a}}}{{{q}}}"),
                            format!("{sign}\\dfrac{{{a}}}{{{q}}}"),
                            format!("{p}/{q}"),
                        ],
                    )
                }),
        ]
    }

    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }

    fn correct(response: &str, gold: &str) -> bool {
        parse_gold(gold).is_ok_and(|g| judge(response, &g).correct)
    }

    /// A number no gold drawn here equals (golds lie in (−1000, 1000)).
    fn other(shift: i64) -> String {
        (1000 + 7 * shift).to_string()
    }

    const PROSE: [&str; 9] = [
        "Final Answer: The final answer is ${}$. I hope it is correct.",
        "Adding the parts.\n#### {}",
        "We simplify.\n\n**Final answer:** ${}$",
        "So the answer is {}.",
        "Answer: {}",
        "We compute the total.\n\n$$ {} $$",
        "Checking each step once more, therefore, the value is ${}$.",
        "<think>the answer is 1000</think>The answer is {}.",
        "I think the answer is probably ${}$, but I am not sure.",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn prose_answers_are_read_and_judged(
            (gold, forms) in number(), form in 0usize..3, style in 0..PROSE.len(), shift in 0i64..50
        ) {
            let written = &forms[form % forms.len()];
            let right = PROSE[style].replace("{}", written);
            prop_assert!(correct(&right, &gold), "{right:?} for {gold}");
            let wrong = PROSE[style].replace("{}", &other(shift));
            prop_assert!(!correct(&wrong, &gold), "{wrong:?} for {gold}");
            // Prose never earns the format reward.
            prop_assert!(!crate::math::format_ok(&right, crate::math::FormatStyle::Strict));
        }

        #[test]
        fn the_answer_after_a_retraction_counts(
            (gold, forms) in number(), form in 0usize..3, shift in 0i64..50, style in 0usize..4
        ) {
            let g = &forms[form % forms.len()];
            let w = other(shift);
            let write = |first: &str, last: &str| match style {
                0 => format!("First guess \\boxed{{{first}}}. Wait, that is wrong: the correct value is \\boxed{{{last}}}."),
                1 => format!("<think>x</think><answer>{first}</answer> Wait, I made a mistake. <answer>{last}</answer>"),
                2 => format!("The answer is {first}. Oops, I miscounted. The answer is {last}."),
                _ => format!("\\boxed{{{first}}}. Hmm, actually I dropped a term, so the answer is {last}."),
            };
            prop_assert!(correct(&write(&w, g), &gold), "{:?}", write(&w, g));
            prop_assert!(!correct(&write(g, &w), &gold), "{:?}", write(g, &w));
            // Repeats are one answer; two different answers, none retracted, are wrong.
            let twice = format!("\\boxed{{{g}}}. Let me verify once more: \\boxed{{{g}}}.");
            prop_assert!(correct(&twice, &gold), "{twice:?}");
            let both = format!("It is \\boxed{{{g}}} or \\boxed{{{w}}}.");
            prop_assert!(!correct(&both, &gold), "{both:?}");
            let maybe = format!("<think>maybe <answer>{g}</answer></think><answer>{w}</answer>");
            prop_assert!(!correct(&maybe, &gold), "{maybe:?}");
        }

        #[test]
        fn several_boxes_answer_a_set(
            a in -500i64..500, b in -500i64..500, c in -500i64..500, style in 0usize..4, braces: bool
        ) {
            prop_assume!(a != b && c != a && c != b);
            let gold = if braces { format!("\\{{{a}, {b}\\}}") } else { format!("{a}, {b}") };
            let write = |x: i64, y: i64| match style {
                0 => format!("The answers are \\boxed{{{x}}} and \\boxed{{{y}}}."),
                1 => format!("\\boxed{{{y}}}, \\boxed{{{x}}}"),
                2 => format!("\\boxed{{{x}}}\\boxed{{{y}}}"),
                _ => format!("Case 1: if t > 0 then \\boxed{{{x}}}.\nCase 2: if t < 0 then \\boxed{{{y}}}."),
            };
            prop_assert!(correct(&write(a, b), &gold), "{:?} for {gold}", write(a, b));
            prop_assert!(!correct(&write(a, c), &gold), "{:?} for {gold}", write(a, c));
            // A set never answers a scalar question.
            prop_assert!(!correct(&write(a, b), &a.to_string()));
            let nested = format!("\\boxed{{\\boxed{{{a}}}}}");
            prop_assert!(correct(&nested, &a.to_string()), "{nested:?}");
        }
    }
}
