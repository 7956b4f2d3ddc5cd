//! Sequences: next terms and n-th terms of arithmetic, geometric and
//! quadratic sequences, and sums of arithmetic and geometric ones.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{nonzero, Problem};

fn list(terms: &[i64]) -> String {
    let mut s: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
    s.push("...".into());
    s.join(", ")
}

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Problem {
    let (text, answer): (String, i64) = match d {
        1 => {
            let (a, step) = (rng.random_range(1..=10), rng.random_range(1..=5));
            let t: Vec<i64> = (0..4).map(|i| a + i * step).collect();
            (
                format!("What is the next term of the sequence {}?", list(&t)),
                a + 4 * step,
            )
        }
        2 => {
            let (a, step, n) = (
                rng.random_range(-20..=20),
                nonzero(rng, 9),
                rng.random_range(8..=30),
            );
            let t: Vec<i64> = (0..4).map(|i| a + i * step).collect();
            (
                format!(
                    "What is term number {n} of the arithmetic sequence {}?",
                    list(&t)
                ),
                a + (n - 1) * step,
            )
        }
        3 => {
            let (a, r) = (
                rng.random_range(1..=5),
                [2i64, 3, 4, -2, -3][rng.random_range(0..5)],
            );
            let t: Vec<i64> = (0..4).map(|i| a * r.pow(i)).collect();
            (
                format!("What is the next term of the sequence {}?", list(&t)),
                a * r.pow(4),
            )
        }
        4 => {
            let (a, step, n) = (
                rng.random_range(-10..=20),
                nonzero(rng, 9),
                rng.random_range(5..=40),
            );
            let t: Vec<i64> = (0..3).map(|i| a + i * step).collect();
            (
                format!(
                    "What is the sum of the first {n} terms of the arithmetic sequence {}?",
                    list(&t)
                ),
                n * (2 * a + (n - 1) * step) / 2,
            )
        }
        _ => {
            if rng.random_bool(0.5) {
                let (p, q, c) = (
                    rng.random_range(1..=4),
                    rng.random_range(-5..=5),
                    rng.random_range(-10..=10),
                );
                let f = |n: i64| p * n * n + q * n + c;
                let t: Vec<i64> = (1..=5).map(f).collect();
                (
                    format!("What is the next term of the sequence {}?", list(&t)),
                    f(6),
                )
            } else {
                let (a, r, n) = (
                    rng.random_range(1..=5),
                    rng.random_range(2..=3i64),
                    rng.random_range(4..=10u32),
                );
                let t: Vec<i64> = (0..3).map(|i| a * r.pow(i)).collect();
                (
                    format!(
                        "What is the sum of the first {n} terms of the geometric sequence {}?",
                        list(&t)
                    ),
                    a * (r.pow(n) - 1) / (r - 1),
                )
            }
        }
    };
    Problem {
        text,
        answer: answer.to_string(),
    }
}
