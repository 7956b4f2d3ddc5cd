//! The one error type of the agent crate; every message names the file, tensor or limit at fault.
use std::path::PathBuf;

/// Errors from building, loading, saving or running a policy.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: invalid JSON: {message}")]
    Json { path: PathBuf, message: String },
    #[error("config: {0}")]
    Config(String),
    #[error("unknown model_type {0:?} (supported: qwen2_vl, qwen2_5_vl, qwen2)")]
    UnknownModelType(String),
    #[error("unknown preset {0:?} (supported: tiny, small)")]
    UnknownPreset(String),
    #[error("{path}: cannot read safetensors: {message}")]
    Safetensors { path: PathBuf, message: String },
    #[error("missing tensor {name} (looked in {looked_in})")]
    MissingTensor { name: String, looked_in: String },
    #[error("tensor {name}: shape {got:?} but the config expects {want:?}")]
    ShapeMismatch {
        name: String,
        got: Vec<usize>,
        want: Vec<usize>,
    },
    #[error("tokenizer {path}: {message}")]
    Tokenizer { path: String, message: String },
    #[error("sequence of {len} tokens exceeds the context limit max_position_embeddings={limit}")]
    ContextTooLong { len: usize, limit: usize },
    #[error("token id {id} is outside the vocabulary of {vocab} entries")]
    TokenOutOfRange { id: u32, vocab: usize },
    #[error("constraint: {0}")]
    Constraint(String),
    #[error("invalid argument: {0}")]
    Invalid(String),
    /// A request file's line (or batch of lines) at fault, for `trainer logprobs`.
    #[error("{path}: {message}")]
    Request { path: PathBuf, message: String },
    #[error("{0} not yet supported")]
    Unsupported(String),
    #[error(
        "device {0}: this build has no CUDA support; rebuild with \
         `cargo build --release --features cuda` (needs the CUDA toolkit's nvcc)"
    )]
    NoCuda(String),
    #[error("candle: {0}")]
    Candle(#[from] candle_core::Error),
}

impl From<crate::nn::WeightError> for AgentError {
    fn from(e: crate::nn::WeightError) -> Self {
        use crate::nn::WeightError as W;
        match e {
            W::Missing { name, looked_in } => AgentError::MissingTensor { name, looked_in },
            W::Shape { name, got, want } => AgentError::ShapeMismatch { name, got, want },
            W::Candle(e) => AgentError::Candle(e),
        }
    }
}

impl From<crate::vision::VisionError> for AgentError {
    fn from(e: crate::vision::VisionError) -> Self {
        AgentError::Invalid(e.to_string())
    }
}

impl From<crate::processor::ProcessorError> for AgentError {
    fn from(e: crate::processor::ProcessorError) -> Self {
        AgentError::Invalid(e.to_string())
    }
}

/// Shorthand used across the crate.
pub type Result<T> = std::result::Result<T, AgentError>;

/// Attaches a path to an I/O error.
pub(crate) fn io_err(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> AgentError {
    let path = path.into();
    move |source| AgentError::Io { path, source }
}
