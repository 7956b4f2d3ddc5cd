//! Deciding whether a parsed answer equals the gold one, as a careful
//! grader would.
//!
//! Numbers compare exactly. Percentages read both ways: `50\%` equals
//! `0.5` and `\frac12`; when the gold carries `%`, a bare `50` counts too
//! (and a `50%` answer to a gold `50` is read as the same intent). Tuples are
//! ordered, sets and bare lists are not, intervals keep their open/closed
//! ends, and a two-element tuple equals the open interval with those ends.

use super::expr::symbolic_equal;
use super::parse::Answer;
use super::value::{Rat, Value};

/// Is `answer` the same mathematical object as `gold`?
pub fn equivalent(gold: &Answer, answer: &Answer) -> bool {
    use Answer::*;
    match (gold, answer) {
        (
            Num {
                value: g,
                percent: gp,
            },
            Num {
                value: a,
                percent: ap,
            },
        ) => numbers_match(g, *gp, a, *ap),
        (Inf { negative: g }, Inf { negative: a }) => g == a,
        (Tuple(g), Tuple(a)) | (Tuple(g), List(a)) => ordered(g, a),
        (Set(g), Set(a)) | (Set(g), List(a)) | (List(g), Set(a)) => same_set(g, a),
        (List(g), List(a)) => unordered(g, a),
        (List(g), Tuple(a)) => ordered(g, a),
        (Union(g), Union(a)) => unordered(g, a),
        (
            Interval {
                lo: gl,
                hi: gh,
                lo_closed: glc,
                hi_closed: ghc,
            },
            Interval {
                lo: al,
                hi: ah,
                lo_closed: alc,
                hi_closed: ahc,
            },
        ) => glc == alc && ghc == ahc && equivalent(gl, al) && equivalent(gh, ah),
        (
            Interval {
                lo,
                hi,
                lo_closed: false,
                hi_closed: false,
            },
            Tuple(a),
        )
        | (
            Tuple(a),
            Interval {
                lo,
                hi,
                lo_closed: false,
                hi_closed: false,
            },
        ) => a.len() == 2 && equivalent(lo, &a[0]) && equivalent(hi, &a[1]),
        (Symbolic(g), Symbolic(a)) => symbolic_equal(g, a),
        (Text(g), Text(a)) => g == a,
        _ => false,
    }
}

fn numbers_match(g: &Value, gp: bool, a: &Value, ap: bool) -> bool {
    if g == a {
        return true;
    }
    let hundred = Value::rat(Rat::int(100));
    match (gp, ap) {
        (true, false) => g.checked_div(&hundred).is_some_and(|g| &g == a),
        (false, true) => a.checked_div(&hundred).is_some_and(|a| &a == g),
        _ => false,
    }
}

fn ordered(g: &[Answer], a: &[Answer]) -> bool {
    g.len() == a.len() && g.iter().zip(a).all(|(g, a)| equivalent(g, a))
}

/// Set equality: every element of each side has an equal one on the other
/// (`\{1, 1, 2\}` is `\{1, 2\}`).
fn same_set(g: &[Answer], a: &[Answer]) -> bool {
    g.iter().all(|x| a.iter().any(|y| equivalent(x, y)))
        && a.iter().all(|y| g.iter().any(|x| equivalent(x, y)))
}

/// Multiset equality by greedy matching (sizes here are small).
fn unordered(g: &[Answer], a: &[Answer]) -> bool {
    if g.len() != a.len() {
        return false;
    }
    let mut used = vec![false; a.len()];
    g.iter().all(|x| {
        let hit = a
            .iter()
            .enumerate()
            .find(|(i, y)| !used[*i] && equivalent(x, y))
            .map(|(i, _)| i);
        match hit {
            Some(i) => {
                used[i] = true;
                true
            }
            None => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse_answer;
    use super::*;

    fn eq(g: &str, a: &str) -> bool {
        equivalent(&parse_answer(g).unwrap(), &parse_answer(a).unwrap())
    }

    #[test]
    fn percentages_read_both_ways() {
        assert!(eq("0.5", "50\\%"));
        assert!(eq("\\frac12", "50%"));
        assert!(eq("50\\%", "50"));
        assert!(eq("50\\%", "0.5"));
        assert!(!eq("0.5", "50"));
    }

    #[test]
    fn containers_respect_order_and_ends() {
        assert!(eq("\\{1, 2\\}", "\\{2, 1\\}"));
        assert!(!eq("(1, 2)", "(2, 1)"));
        assert!(!eq("[1, 2)", "[1, 2]"));
        assert!(eq("(1, 2)", "x = 1, y = 2"));
        assert!(!eq("3", "3 or 4"));
    }
}
