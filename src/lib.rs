//! rulegym: simulation environments with rule-checked rewards and the GRPO
//! trainer that teaches a Qwen-VL policy to act in them.
//!
//! This root package re-exports the workspace crates and owns the integration
//! tests (`tests/`) and benchmarks (`benches/`).

pub use rulegym_agent as agent;
pub use rulegym_envs as envs;
pub use rulegym_render as render;
pub use rulegym_trainer as trainer;
