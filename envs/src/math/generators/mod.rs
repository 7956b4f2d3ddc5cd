//! Seeded procedural problem generators, one file per family.
//!
//! Every generator draws only from the `ChaCha8Rng` it is given, so a seed
//! fixes the problem; difficulty runs from 1 (one small step) to 5 (several
//! steps, larger numbers). Each problem comes with its exact answer, written
//! as the verifier reads it.

pub mod arithmetic;
pub mod counting;
pub mod fractions;
pub mod linear;
pub mod modular;
pub mod percentages;
pub mod sequences;
pub mod systems;
pub mod word;

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::verify::Rat;

/// A question and its exact answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub text: String,
    /// The gold answer as the verifier reads it (`7/2`, `(3, -1)`, `25\%`).
    pub answer: String,
}

/// The generator families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Arithmetic,
    Fractions,
    Percentages,
    Linear,
    Systems,
    Word,
    Modular,
    Counting,
    Sequences,
}

impl Family {
    pub const ALL: [Family; 9] = [
        Family::Arithmetic,
        Family::Fractions,
        Family::Percentages,
        Family::Linear,
        Family::Systems,
        Family::Word,
        Family::Modular,
        Family::Counting,
        Family::Sequences,
    ];

    /// The registry suffix: `math/<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Arithmetic => "arithmetic",
            Family::Fractions => "fractions",
            Family::Percentages => "percentages",
            Family::Linear => "linear",
            Family::Systems => "systems",
            Family::Word => "word",
            Family::Modular => "modular",
            Family::Counting => "counting",
            Family::Sequences => "sequences",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Family::Arithmetic => "multi-step integer arithmetic with + - × ÷ and parentheses",
            Family::Fractions => "fractions and decimals: add, subtract, multiply, divide",
            Family::Percentages => "percent of a number, percent change, what percent",
            Family::Linear => "linear equations in x with integer or rational solutions",
            Family::Systems => "2×2 linear systems answered as an ordered pair (x, y)",
            Family::Word => "short word problems needing one to three operations",
            Family::Modular => "remainders, modular products and powers, linear congruences",
            Family::Counting => "permutations, combinations, inclusion-exclusion, anagrams",
            Family::Sequences => "arithmetic, geometric and quadratic sequences",
        }
    }

    /// A problem of this family at `difficulty` (clamped to 1..=5), or an
    /// error naming the family, the level and the step whose exact value
    /// does not exist (a zero denominator or an `i128` overflow), so a
    /// broken generator can never hand out a made-up answer.
    pub fn generate(self, rng: &mut ChaCha8Rng, difficulty: u8) -> Result<Problem, GenerateError> {
        let d = difficulty.clamp(1, 5);
        let made = match self {
            Family::Arithmetic => Ok(arithmetic::generate(rng, d)),
            Family::Fractions => fractions::generate(rng, d),
            Family::Percentages => percentages::generate(rng, d),
            Family::Linear => linear::generate(rng, d),
            Family::Systems => Ok(systems::generate(rng, d)),
            Family::Word => Ok(word::generate(rng, d)),
            Family::Modular => Ok(modular::generate(rng, d)),
            Family::Counting => Ok(counting::generate(rng, d)),
            Family::Sequences => Ok(sequences::generate(rng, d)),
        };
        made.map_err(|step| GenerateError {
            family: self,
            level: d,
            step,
        })
    }
}

/// A generator step with no exact value; see [`Family::generate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("math generator '{}' at level {level}: {step} has no exact value (zero denominator or overflow)", .family.name())]
pub struct GenerateError {
    pub family: Family,
    pub level: u8,
    /// The step that failed, as the generator's comments write it.
    pub step: &'static str,
}

/// What a fallible generator returns: the problem, or the failed step.
pub type Made = Result<Problem, &'static str>;

/// `v`, or the name of the step `step` that produced no value.
pub fn exact(v: Option<Rat>, step: &'static str) -> Result<Rat, &'static str> {
    v.ok_or(step)
}

/// A rational as a gold answer: an integer, a terminating decimal, or `p/q`.
pub fn fmt_answer(r: Rat) -> String {
    if r.is_integer() {
        return r.numer().to_string();
    }
    let mut d = r.denom();
    let (mut twos, mut fives) = (0u32, 0u32);
    while d % 2 == 0 {
        d /= 2;
        twos += 1;
    }
    while d % 5 == 0 {
        d /= 5;
        fives += 1;
    }
    if d != 1 {
        return r.to_string();
    }
    let places = twos.max(fives);
    let scaled = r.numer() * 10i128.pow(places) / r.denom();
    let sign = if scaled < 0 { "-" } else { "" };
    let abs = scaled.unsigned_abs();
    let p = 10u128.pow(places);
    format!(
        "{sign}{}.{:0width$}",
        abs / p,
        abs % p,
        width = places as usize
    )
}

/// A signed integer as it appears inside an expression: `(-3)` when negative.
pub fn paren_neg(n: i64) -> String {
    if n < 0 {
        format!("({n})")
    } else {
        n.to_string()
    }
}

/// `a·x + b` written as a person would: `3x - 5`, `-x + 2`, `x`.
pub fn linear_text(a: i64, var: &str, b: i64) -> String {
    let lead = match a {
        0 => String::new(),
        1 => var.to_string(),
        -1 => format!("-{var}"),
        a => format!("{a}{var}"),
    };
    match (lead.is_empty(), b) {
        (true, b) => b.to_string(),
        (false, 0) => lead,
        (false, b) if b > 0 => format!("{lead} + {b}"),
        (false, b) => format!("{lead} - {}", -b),
    }
}

/// A nonzero integer in `-m..=m`.
pub fn nonzero(rng: &mut ChaCha8Rng, m: i64) -> i64 {
    let v = rng.random_range(1..=m);
    if rng.random_bool(0.5) {
        -v
    } else {
        v
    }
}

pub const NAMES: [&str; 12] = [
    "Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_written_as_decimals_when_they_terminate() {
        assert_eq!(fmt_answer(Rat::new(3, 4).unwrap()), "0.75");
        assert_eq!(fmt_answer(Rat::new(-1, 8).unwrap()), "-0.125");
        assert_eq!(fmt_answer(Rat::new(-21, 20).unwrap()), "-1.05");
        assert_eq!(fmt_answer(Rat::new(1, 3).unwrap()), "1/3");
        assert_eq!(fmt_answer(Rat::int(7)), "7");
    }

    #[test]
    fn a_step_without_a_value_is_an_error_naming_generator_and_level() {
        assert_eq!(
            exact(Rat::new(1, 0), "x = (e - ab)/(a - c)"),
            Err("x = (e - ab)/(a - c)")
        );
        let e = GenerateError {
            family: Family::Linear,
            level: 4,
            step: "x = (e - ab)/(a - c)",
        };
        let msg = e.to_string();
        assert!(
            msg.contains("'linear'") && msg.contains("level 4") && msg.contains("(e - ab)/(a - c)"),
            "{msg}"
        );
    }

    #[test]
    fn every_family_and_level_generates_over_many_seeds() {
        use rand::SeedableRng;
        for f in Family::ALL {
            for level in 1..=5 {
                let mut rng = ChaCha8Rng::seed_from_u64(level as u64);
                for _ in 0..300 {
                    let p = f.generate(&mut rng, level);
                    assert!(p.as_ref().is_ok_and(|p| !p.answer.is_empty()), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn linear_terms_read_naturally() {
        assert_eq!(linear_text(3, "x", -5), "3x - 5");
        assert_eq!(linear_text(-1, "x", 2), "-x + 2");
        assert_eq!(linear_text(1, "y", 0), "y");
    }
}
