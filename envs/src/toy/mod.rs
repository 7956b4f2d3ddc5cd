//! Small, fully specified environments: the reference for writing a new env,
//! and fast fixtures for the vector env, the checker and trainer tests.

mod guess;

pub use guess::{GuessConfig, GuessNumber};

use crate::registry::Registry;
use crate::EnvError;

pub fn register_all(reg: &mut Registry) -> Result<(), EnvError> {
    reg.add(
        "toy/guess_number",
        "multi-turn: guess a hidden integer from higher/lower hints",
        |cfg| Ok(Box::new(GuessNumber::from_config(cfg)?)),
    )
}
