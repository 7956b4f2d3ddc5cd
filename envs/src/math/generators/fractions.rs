//! Fractions and decimals: `What is 2/3 + 3/4?`, `What is 1.25 × 0.4?`
//!
//! Fractions in products and quotients are parenthesised so the text reads
//! unambiguously with ordinary precedence.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{exact, fmt_answer, Made, Problem};
use crate::math::verify::Rat;

fn frac(rng: &mut ChaCha8Rng, max_den: i128) -> (i128, i128) {
    let d = rng.random_range(2..=max_den);
    let n = rng.random_range(1..d * 2);
    (n, d)
}

fn rat((n, d): (i128, i128)) -> Result<Rat, &'static str> {
    exact(Rat::new(n, d), "the fraction n/d")
}

/// A decimal with one or two places, as text and value.
fn decimal(rng: &mut ChaCha8Rng, max_int: i128) -> Result<(String, Rat), &'static str> {
    let places = rng.random_range(1..=2u32);
    let scale = 10i128.pow(places);
    let v = rng.random_range(1..=max_int * scale);
    let r = exact(Rat::new(v, scale), "the decimal v/10^places")?;
    Ok((fmt_answer(r), r))
}

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Made {
    let suffix = " Give the answer as a fraction in lowest terms or an integer.";
    let (text, value, suffix) = match d {
        1 => {
            let den = rng.random_range(2..=9);
            let a = rng.random_range(1..den * 2);
            let b = rng.random_range(1..den * 2);
            if rng.random_bool(0.5) {
                (format!("{a}/{den} + {b}/{den}"), rat((a + b, den))?, suffix)
            } else {
                let (a, b) = (a.max(b), a.min(b));
                (format!("{a}/{den} - {b}/{den}"), rat((a - b, den))?, suffix)
            }
        }
        2 => {
            let x = frac(rng, 9);
            let y = frac(rng, 9);
            let add = rng.random_bool(0.5);
            let (rx, ry) = (rat(x)?, rat(y)?);
            let v = if add {
                rx.checked_add(ry)
            } else {
                rx.checked_sub(ry)
            };
            let op = if add { "+" } else { "-" };
            (
                format!("{}/{} {op} {}/{}", x.0, x.1, y.0, y.1),
                exact(v, "x ± y")?,
                suffix,
            )
        }
        3 => {
            let x = frac(rng, 12);
            let y = frac(rng, 12);
            let mul = rng.random_bool(0.5);
            let (rx, ry) = (rat(x)?, rat(y)?);
            let v = if mul {
                rx.checked_mul(ry)
            } else {
                rx.checked_div(ry)
            };
            let op = if mul { "×" } else { "÷" };
            (
                format!("({}/{}) {op} ({}/{})", x.0, x.1, y.0, y.1),
                exact(v, "x × y or x ÷ y")?,
                suffix,
            )
        }
        4 => {
            let (ta, a) = decimal(rng, 20)?;
            let (tb, b) = decimal(rng, 10)?;
            let (op, v) = match rng.random_range(0..3) {
                0 => ("+", a.checked_add(b)),
                1 => ("-", a.checked_sub(b)),
                _ => ("×", a.checked_mul(b)),
            };
            (
                format!("{ta} {op} {tb}"),
                exact(v, "a + b, a - b or a × b")?,
                " Give the exact answer.",
            )
        }
        _ => {
            let (ta, a) = decimal(rng, 10)?;
            let x = frac(rng, 9);
            let y = frac(rng, 9);
            let prod = exact(rat(x)?.checked_mul(rat(y)?), "x × y")?;
            let (op, v) = if rng.random_bool(0.5) {
                ("+", a.checked_add(prod))
            } else {
                ("-", a.checked_sub(prod))
            };
            let v = exact(v, "a ± x × y")?;
            (
                format!("{ta} {op} ({}/{}) × ({}/{})", x.0, x.1, y.0, y.1),
                v,
                " Give the exact answer as a fraction or a decimal.",
            )
        }
    };
    Ok(Problem {
        text: format!("What is {text}?{suffix}"),
        answer: fmt_answer(value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_denominator_is_refused_not_read_as_zero() {
        assert_eq!(rat((3, 0)), Err("the fraction n/d"));
        assert_eq!(rat((3, 6)).ok(), Rat::new(1, 2));
    }
}
