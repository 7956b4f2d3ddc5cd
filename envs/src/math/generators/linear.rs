//! Linear equations in x: `Solve for x: 3x + 5 = 20.`
//!
//! Levels 1–3 have integer solutions; 4 and 5 rational ones.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{exact, fmt_answer, linear_text, nonzero, Made, Problem};
use crate::math::verify::Rat;

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Made {
    let (lhs, rhs, x) = match d {
        1 => {
            let x = rng.random_range(0..=10i64);
            let a = rng.random_range(1..=9i64);
            (
                linear_text(1, "x", a),
                (x + a).to_string(),
                Rat::int(x as i128),
            )
        }
        2 => {
            let x = rng.random_range(-10..=10i64);
            let a = rng.random_range(2..=9i64);
            let b = rng.random_range(-20..=20i64);
            (
                linear_text(a, "x", b),
                (a * x + b).to_string(),
                Rat::int(x as i128),
            )
        }
        3 => {
            let x = rng.random_range(-12..=12i64);
            let a = nonzero(rng, 9);
            let mut c = nonzero(rng, 9);
            if c == a {
                c = -a;
            }
            let b = rng.random_range(-30..=30i64);
            let e = a * x + b - c * x;
            (
                linear_text(a, "x", b),
                linear_text(c, "x", e),
                Rat::int(x as i128),
            )
        }
        4 => {
            // a(x + b) = cx + e, so x = (e - ab)/(a - c).
            let a = rng.random_range(2..=9i64);
            let b = nonzero(rng, 9);
            let mut c = nonzero(rng, 9);
            if c == a {
                c += 1;
            }
            let e = rng.random_range(-40..=40i64);
            let x = exact(
                Rat::new((e - a * b) as i128, (a - c) as i128),
                "x = (e - ab)/(a - c)",
            )?;
            (
                format!("{a}({})", linear_text(1, "x", b)),
                linear_text(c, "x", e),
                x,
            )
        }
        _ => {
            // a(x - b) + c = e(x + f), so x = (ef + ab - c)/(a - e).
            let a = rng.random_range(2..=12i64);
            let b = rng.random_range(1..=15i64);
            let c = nonzero(rng, 30);
            let mut e = rng.random_range(2..=12i64);
            if e == a {
                e += 1;
            }
            let f = rng.random_range(1..=15i64);
            let x = exact(
                Rat::new((e * f + a * b - c) as i128, (a - e) as i128),
                "x = (ef + ab - c)/(a - e)",
            )?;
            let cs = if c < 0 {
                format!(" - {}", -c)
            } else {
                format!(" + {c}")
            };
            (format!("{a}(x - {b}){cs}"), format!("{e}(x + {f})"), x)
        }
    };
    Ok(Problem {
        text: format!("Solve for x: {lhs} = {rhs}."),
        answer: fmt_answer(x),
    })
}
