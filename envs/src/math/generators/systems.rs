//! 2×2 linear systems: `Solve the system 2x + 3y = 12 and x - y = 1.`
//! The answer is the ordered pair `(x, y)`; levels 4–5 have rational
//! solutions (Cramer's rule keeps them exact).

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{fmt_answer, linear_text, nonzero, Problem};
use crate::math::verify::Rat;

fn side(a: i64, b: i64) -> String {
    // `a x + b y` with the y term's sign folded in.
    let x = linear_text(a, "x", 0);
    match b {
        0 => x,
        1 => format!("{x} + y"),
        -1 => format!("{x} - y"),
        b if b > 0 => format!("{x} + {b}y"),
        b => format!("{x} - {}y", -b),
    }
}

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Problem {
    let (m, sol) = match d {
        1 => (3, 6),
        2 => (5, 9),
        3 => (9, 12),
        4 => (9, 15),
        _ => (15, 25),
    };
    loop {
        let (a, b) = (nonzero(rng, m), nonzero(rng, m));
        let (c, e) = (nonzero(rng, m), nonzero(rng, m));
        let det = a * e - b * c;
        if det == 0 {
            continue;
        }
        let (p, q, x, y) = if d <= 3 {
            let x = rng.random_range(-sol..=sol);
            let y = rng.random_range(-sol..=sol);
            (
                a * x + b * y,
                c * x + e * y,
                Rat::int(x as i128),
                Rat::int(y as i128),
            )
        } else {
            let p = rng.random_range(-sol * 3..=sol * 3);
            let q = rng.random_range(-sol * 3..=sol * 3);
            let x = Rat::new((p * e - b * q) as i128, det as i128);
            let y = Rat::new((a * q - p * c) as i128, det as i128);
            match (x, y) {
                (Some(x), Some(y)) => (p, q, x, y),
                _ => continue,
            }
        };
        return Problem {
            text: format!(
                "Solve the system of equations {} = {p} and {} = {q}. Give the answer as the ordered pair (x, y).",
                side(a, b),
                side(c, e)
            ),
            answer: format!("({}, {})", fmt_answer(x), fmt_answer(y)),
        };
    }
}
