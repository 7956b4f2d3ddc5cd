//! Deciding whether a parsed answer equals the gold one, as a careful
//! grader would.
//!
//! Numbers compare exactly, except that a decimal of at least four
//! significant digits equals an exact gold it rounds or truncates
//! (`2.1428571` for `\frac{15}{7}`, `0.7071` for `\frac{\sqrt2}{2}`, not
//! `3.14` for `\pi`), and a gold written as a long decimal (seven places or
//! more) is matched by its first seven or more places, by its rounding one
//! place shorter, or by the exact value it rounds. Percentages read both
//! ways: `50\%` equals `0.5` and `\frac12`; when the gold carries `%`, a bare
//! `50` counts too (and a `50%` answer to a gold `50` is read as the same
//! intent). Tuples are ordered, sets and bare lists are not, a one-element
//! set is its element, intervals keep their open/closed ends, and a
//! two-element tuple equals the open interval with those ends. A named value
//! (`x = 3`, `x \ge -9`) equals its bare value; two named values must also
//! share the name.

use super::expr::{self, constant_value, symbolic_equal, Expr};
use super::parse::{Answer, Decimal};
use super::value::{Rat, Value};

/// Fewest significant digits a decimal needs to stand for an exact value.
const MIN_APPROX_DIGITS: u32 = 4;
/// A gold decimal with this many places or more is itself an approximation.
const LONG_GOLD_PLACES: i32 = 7;

/// Is `answer` the same mathematical object as `gold`?
pub fn equivalent(gold: &Answer, answer: &Answer) -> bool {
    use Answer::*;
    match (gold, answer) {
        (
            Named {
                name: gn,
                value: gv,
            },
            Named {
                name: an,
                value: av,
            },
        ) => gn == an && equivalent(gv, av),
        (Named { value, .. }, a) => equivalent(value, a),
        (g, Named { value, .. }) => equivalent(g, value),
        (
            Num {
                value: g,
                percent: gp,
                decimal: gd,
            },
            Num {
                value: a,
                percent: ap,
                decimal: ad,
            },
        ) => numbers_match(g, *gp, *gd, a, *ap, *ad),
        (Num { value, decimal, .. }, Symbolic(s)) | (Symbolic(s), Num { value, decimal, .. }) => {
            match constant_value(s) {
                Some(c) => float_match(c, value, *decimal),
                // `\sin^2 x + \cos^2 x` for a gold `1`: the constant function.
                None => symbolic_equal(&expr::Symbolic::Expr(Expr::Num(value.to_f64())), s),
            }
        }
        // A one-element set for a scalar, or the other way round.
        (Set(g), a) if g.len() == 1 && !matches!(a, Set(_) | List(_)) => equivalent(&g[0], a),
        (g, Set(a)) if a.len() == 1 && !matches!(g, Set(_) | List(_)) => equivalent(g, &a[0]),
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
        // `ty` against `t \cdot y`: a lone short word is a product of letters.
        (Text(t), Symbolic(s)) | (Symbolic(s), Text(t)) => {
            expr::letters_product(t).is_some_and(|p| symbolic_equal(&p, s))
        }
        (Text(g), Text(a)) => g == a || abbreviates(g, a),
        // Euler's number, which a lone letter gold cannot say otherwise.
        (Text(g), Num { value, decimal, .. }) if g == "e" => {
            float_match(std::f64::consts::E, value, *decimal)
        }
        _ => false,
    }
}

/// Names graders accept shortened to three letters or more (`Wed`, `Sept.`).
const ABBREVIABLE: [&str; 18] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `a` is a standard abbreviation of the day or month `g`.
fn abbreviates(g: &str, a: &str) -> bool {
    let a = a.trim_end_matches('.');
    a.len() >= 3 && ABBREVIABLE.contains(&g) && g.starts_with(a)
}

fn numbers_match(
    g: &Value,
    gp: bool,
    gd: Option<Decimal>,
    a: &Value,
    ap: bool,
    ad: Option<Decimal>,
) -> bool {
    if g == a || approx(g, gd, a, ad) {
        return true;
    }
    let hundred = Value::rat(Rat::int(100));
    let pct = |d: Option<Decimal>| d.map(Decimal::percent_of);
    match (gp, ap) {
        (true, false) => g
            .checked_div(&hundred)
            .is_some_and(|g| &g == a || approx(&g, pct(gd), a, ad)),
        (false, true) => a
            .checked_div(&hundred)
            .is_some_and(|a| &a == g || approx(g, gd, &a, pct(ad))),
        _ => false,
    }
}

/// A decimal standing for a value it rounds or truncates (module docs).
fn approx(g: &Value, gd: Option<Decimal>, a: &Value, ad: Option<Decimal>) -> bool {
    let enough = |d: Decimal| d.digits >= MIN_APPROX_DIGITS;
    match (gd, ad) {
        (None, Some(d)) => enough(d) && rounds_to(g.to_f64(), a, d.places),
        (Some(gd), None) => gd.places >= LONG_GOLD_PLACES && rounds_to(a.to_f64(), g, gd.places),
        (Some(gd), Some(d)) if gd.places >= LONG_GOLD_PLACES && enough(d) => {
            if d.places > gd.places {
                rounds_to(a.to_f64(), g, gd.places)
            } else {
                (d.places >= LONG_GOLD_PLACES || d.places == gd.places - 1)
                    && rounds_to(g.to_f64(), a, d.places)
            }
        }
        _ => false,
    }
}

/// A number the exact parser could not read (`\ln 2`, `e^2`) against a
/// number: equal by value, or as a rounded decimal of it.
fn float_match(c: f64, v: &Value, d: Option<Decimal>) -> bool {
    match d {
        Some(d) if d.digits >= MIN_APPROX_DIGITS => rounds_to(c, v, d.places),
        _ => {
            let x = v.to_f64();
            (c - x).abs() <= 1e-9 * c.abs().max(x.abs()).max(1.0)
        }
    }
}

/// Is decimal `dec` (with `places` digits after the point) `exact` rounded
/// to the nearest, or truncated toward zero, at its last place?
fn rounds_to(exact: f64, dec: &Value, places: i32) -> bool {
    let d = dec.to_f64();
    let unit = 10f64.powi(-places);
    let diff = (exact - d).abs();
    // Float noise is far below a unit of any decimal we accept.
    let slack = 1e-9 * unit + 4.0 * f64::EPSILON * exact.abs().max(d.abs());
    diff <= 0.5 * unit + slack || (diff < unit - slack && d.abs() < exact.abs())
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
