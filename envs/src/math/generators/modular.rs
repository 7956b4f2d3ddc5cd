//! Modular arithmetic: remainders, products and powers mod m, and linear
//! congruences `a·x ≡ b (mod m)` with a unique solution.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::Problem;

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// Square-and-multiply; the tests check it against repeated multiplication.
pub fn pow_mod(mut base: u64, mut exp: u64, m: u64) -> u64 {
    let mut acc = 1 % m;
    base %= m;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc * base % m;
        }
        base = base * base % m;
        exp >>= 1;
    }
    acc
}

pub fn generate(rng: &mut ChaCha8Rng, d: u8) -> Problem {
    let (text, answer) = match d {
        1 => {
            let (a, m) = (rng.random_range(10..=100u64), rng.random_range(2..=9u64));
            (
                format!("What is the remainder when {a} is divided by {m}?"),
                a % m,
            )
        }
        2 => {
            let (a, b, m) = (
                rng.random_range(10..=100u64),
                rng.random_range(10..=100u64),
                rng.random_range(3..=20u64),
            );
            (format!("Compute ({a} × {b}) mod {m}."), a * b % m)
        }
        3 => {
            let (a, k, m) = (
                rng.random_range(2..=20u64),
                rng.random_range(2..=6u64),
                rng.random_range(3..=30u64),
            );
            (format!("Compute {a}^{k} mod {m}."), pow_mod(a, k, m))
        }
        4 => {
            let m = rng.random_range(5..=30u64);
            let mut a = rng.random_range(2..m);
            while gcd(a, m) != 1 {
                a = rng.random_range(2..m);
            }
            let x = rng.random_range(0..m);
            let b = a * x % m;
            (
                format!("Find the integer x with 0 ≤ x < {m} such that {a}x ≡ {b} (mod {m})."),
                x,
            )
        }
        _ => {
            let (a, k, m) = (
                rng.random_range(2..=50u64),
                rng.random_range(50..=1000u64),
                rng.random_range(7..=97u64),
            );
            (format!("Compute {a}^{k} mod {m}."), pow_mod(a, k, m))
        }
    };
    Problem {
        text,
        answer: answer.to_string(),
    }
}
