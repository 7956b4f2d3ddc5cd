//! rulegym-agent: a trainable Qwen2-VL / Qwen2.5-VL policy in candle.
//!
//! The language half (this crate today): config parsing for hub and transformers-5 layouts,
//! a differentiable decoder with M-RoPE, tokenizer and chat template, batched KV-cache
//! sampling with scaffold/choice constraints, and differentiable log-probs for GRPO.
pub mod alloc;
pub mod chat;
pub mod checkpoint;
pub mod config;
pub mod constraint;
pub mod device;
pub mod error;
pub mod gemm;
pub mod glob;
pub mod kernels;
pub mod logprobs;
pub mod lora;
pub mod multimodal;
pub mod nn;
pub mod params;
pub mod policy;
pub mod presets;
pub mod processor;
pub mod requests;
pub mod sample;
pub mod text;
pub mod tokenizer;
pub mod training;
pub mod vision;

pub use candle_core;
pub use candle_core::{DType, Device, Tensor, Var};
pub use chat::{render_chat, Content, Message, Role};
pub use config::ModelConfig;
pub use constraint::Constraint;
pub use device::{device_from_env, open_device, parse_dtype, DeviceName};
pub use error::AgentError;
pub use lora::LoraConfig;
pub use policy::Policy;
pub use sample::{FinishReason, Sample, SampleOptions};
