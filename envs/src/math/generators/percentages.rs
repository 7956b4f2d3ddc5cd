//! Percentages: a percent of a number, what percent one number is of
//! another, and single or successive percent changes.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{exact, fmt_answer, Made, Problem};
use crate::math::verify::Rat;

/// p% of n.
fn pct(n: i128, p: i128) -> Result<Rat, &'static str> {
    exact(Rat::new(n * p, 100), "p% of n")
}

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Made {
    Ok(match d {
        1 => {
            let p = [10, 20, 25, 50, 75][rng.random_range(0..5)];
            let n = 20 * rng.random_range(1..=10i128);
            Problem {
                text: format!("What is {p}% of {n}?"),
                answer: fmt_answer(pct(n, p)?),
            }
        }
        2 => {
            let p = rng.random_range(1..=99i128);
            let n = rng.random_range(10..=500i128);
            Problem {
                text: format!("What is {p}% of {n}?"),
                answer: fmt_answer(pct(n, p)?),
            }
        }
        3 => {
            // a = p% of b with integer a: b a multiple of 100/gcd(p, 100).
            let p = rng.random_range(1..=150i128);
            let step = 100 / gcd(p, 100);
            let b = step * rng.random_range(1..=(400 / step).max(1));
            let a = b * p / 100;
            Problem {
                text: format!("What percent of {b} is {a}?"),
                answer: format!("{p}\\%"),
            }
        }
        4 => {
            let n = rng.random_range(20..=400i128);
            let p = rng.random_range(1..=60i128);
            let up = rng.random_bool(0.5);
            let (verb, f) = if up {
                ("increases", 100 + p)
            } else {
                ("decreases", 100 - p)
            };
            Problem {
                text: format!(
                    "A price of {n} dollars {verb} by {p}%. What is the new price in dollars?"
                ),
                answer: fmt_answer(pct(n, f)?),
            }
        }
        _ => {
            let n = rng.random_range(50..=1000i128);
            let p = rng.random_range(5..=50i128);
            let q = rng.random_range(5..=50i128);
            let v = exact(
                pct(n, 100 + p)?.checked_mul(pct(1, 100 - q)?),
                "n × (100 + p)% × (100 - q)%",
            )?;
            Problem {
                text: format!(
                    "A quantity of {n} increases by {p}% and then the result decreases by {q}%. What is the final quantity?"
                ),
                answer: fmt_answer(v),
            }
        }
    })
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}
