//! Counting: arrangements, choices, ordered selections, inclusion-exclusion
//! and arrangements of words with repeated letters.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::Problem;

/// Words of at most seven letters with repeats (tests enumerate them).
const WORDS: [&str; 12] = [
    "BANANA", "LETTER", "APPLE", "BALLOON", "COFFEE", "PEPPER", "LEVEL", "COOKIE", "ALPACA",
    "TATTOO", "SUCCESS", "PUPPET",
];

fn factorial(n: u64) -> u64 {
    (1..=n).product()
}

fn choose(n: u64, k: u64) -> u64 {
    (0..k).fold(1, |acc, i| acc * (n - i) / (i + 1))
}

/// Distinct arrangements of `word`: n! / Π (count of each letter)!.
pub fn anagrams(word: &str) -> u64 {
    let mut counts = [0u64; 26];
    for b in word.bytes() {
        counts[(b.to_ascii_uppercase() - b'A') as usize % 26] += 1;
    }
    counts
        .iter()
        .fold(factorial(word.len() as u64), |acc, &c| acc / factorial(c))
}

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Problem {
    let (text, answer) = match d {
        1 => {
            let n = rng.random_range(2..=6u64);
            (
                format!(
                    "In how many ways can {n} different books be arranged in a row on a shelf?"
                ),
                factorial(n),
            )
        }
        2 => {
            let (n, k) = (rng.random_range(5..=12u64), rng.random_range(2..=4u64));
            (
                format!(
                    "How many ways are there to choose {k} students from a group of {n} students?"
                ),
                choose(n, k),
            )
        }
        3 => {
            let (n, k) = (rng.random_range(5..=10u64), rng.random_range(2..=4u64));
            (
                format!("In how many ways can {k} different prizes be given to {n} people if each person gets at most one prize?"),
                (n - k + 1..=n).product(),
            )
        }
        4 => {
            let big = rng.random_range(50..=500u64);
            let a = rng.random_range(2..=9u64);
            let mut b = rng.random_range(2..=9u64);
            if b == a {
                b = if a == 9 { 2 } else { a + 1 };
            }
            let l = a * b / gcd(a, b);
            (
                format!("How many integers from 1 to {big} are divisible by {a} or {b}?"),
                big / a + big / b - big / l,
            )
        }
        _ => {
            if rng.random_bool(0.5) {
                let w = WORDS[rng.random_range(0..WORDS.len())];
                (
                    format!(
                        "How many distinct arrangements are there of the letters of the word {w}?"
                    ),
                    anagrams(w),
                )
            } else {
                let k = rng.random_range(2..=5u64);
                (
                    format!("How many {k}-digit positive integers have digits that are strictly increasing from left to right?"),
                    choose(9, k),
                )
            }
        }
    };
    Problem {
        text,
        answer: answer.to_string(),
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}
