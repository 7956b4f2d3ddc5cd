//! rulegym-agent: a trainable Qwen2-VL / Qwen2.5-VL policy in candle.
pub mod processor;
pub mod vision;
