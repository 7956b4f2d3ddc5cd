//! Qwen2-VL and Qwen2.5-VL vision towers, their index bookkeeping, M-RoPE position ids for
//! vision tokens, and the scatter of merged embeddings into the language model's embeddings.
pub mod config;
pub mod layers;
pub mod merge;
pub mod mrope;
pub mod positions;
pub mod tower;

pub use config::{Activation, VisionConfig, VisionKind};
pub use merge::scatter_vision;
pub use mrope::{mrope_positions, rope_delta, PlaceholderIds, TextAfterVision, VisionSpan};
pub use tower::{detect_prefix, expected_tensors, VisionFreeze, VisionTower};

use crate::processor::ProcessorError;

/// Errors of the vision tower and the multimodal glue; messages name the tensor or count at
/// fault.
#[derive(Debug, thiserror::Error)]
pub enum VisionError {
    #[error("vision config: {0}")]
    Config(String),
    #[error("missing vision tensor {name}")]
    MissingTensor { name: String },
    #[error("vision tensor {name}: shape {got:?} but the config expects {want:?}")]
    ShapeMismatch {
        name: String,
        got: Vec<usize>,
        want: Vec<usize>,
    },
    #[error("vision input: {0}")]
    Input(String),
    #[error(
        "{what} placeholders and features do not match: tokens: {tokens}, features: {features}"
    )]
    PlaceholderMismatch {
        what: String,
        tokens: usize,
        features: usize,
    },
    #[error(transparent)]
    Processor(#[from] ProcessorError),
    #[error("candle: {0}")]
    Candle(#[from] candle_core::Error),
}

impl From<crate::nn::WeightError> for VisionError {
    fn from(e: crate::nn::WeightError) -> Self {
        use crate::nn::WeightError as W;
        match e {
            W::Missing { name, .. } => VisionError::MissingTensor { name },
            W::Shape { name, got, want } => VisionError::ShapeMismatch { name, got, want },
            W::Candle(e) => VisionError::Candle(e),
        }
    }
}
