//! Subcommands of the `trainer` binary, one file each.

pub mod env_config;
pub mod envs;
pub mod eval;
pub mod football;
pub mod generate;
pub mod load;
pub mod logprobs;
pub mod plot;
pub mod sample;
pub mod sample_images;
pub mod sample_spatial;
pub mod score;
pub mod serve;
pub mod train;
