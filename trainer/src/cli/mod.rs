//! Subcommands of the `trainer` binary, one file each.

pub mod envs;
pub mod eval;
pub mod generate;
pub mod logprobs;
pub mod plot;
pub mod train;
