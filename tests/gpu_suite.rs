//! The device-sensitive integration tests in one binary, for `scripts/gpu_check.sh`: transformers
//! parity (text and vision), gradient coverage and finite differences (text and vision), and
//! GRPO end to end. Each file reads `RULEGYM_DEVICE`; built with `--features cuda` this binary
//! is the one test executable the GPU machine needs. Not run by `cargo test` (`test = false` in
//! Cargo.toml): the files already run there on their own.
#[path = "agent.rs"]
mod agent;
#[path = "agent_parity.rs"]
mod agent_parity;
#[path = "grpo.rs"]
mod grpo;
#[path = "vision_parity.rs"]
mod vision_parity;
#[path = "vision_training.rs"]
mod vision_training;
