//! The spatial family: seeded indoor scenes rendered to video walkthroughs,
//! with VSI-Bench questions whose answers come from the scene's geometry.
//!
//! Pipeline: [`scene`] (room + objects) → [`camera_path`] (walkthrough and
//! per-frame visibility) → [`questions`] (one fn per VSI type) → [`env`]
//! (prompt, frames, [`reward`] of the parsed [`answer`]); [`export`] writes
//! datasets in a VSI-100k-like layout.

pub mod answer;
pub mod balance;
pub mod camera_path;
pub mod categories;
pub mod env;
pub mod export;
pub mod furniture;
pub mod geometry;
pub mod questions;
pub mod reward;
pub mod room;
pub mod sample;
pub mod scene;
pub mod scene_mesh;

pub use env::{register_all, SpatialConfig, SpatialEnv};
pub use questions::{Answer, Question, QuestionType};
pub use sample::Sample;
pub use scene::Scene;

use crate::EnvError;

/// What scene generation, question drawing or export can refuse.
#[derive(Debug, thiserror::Error)]
pub enum SpatialError {
    #[error("invalid spatial config: {0}")]
    Config(String),
    #[error("objects do not fit: {0}")]
    DoesNotFit(String),
    #[error("no valid {kind} question in {attempts} scenes ({hint})")]
    NoQuestion {
        kind: String,
        attempts: usize,
        hint: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Json {
        path: String,
        #[source]
        source: serde_json::Error,
    },
    #[error(transparent)]
    Render(#[from] rulegym_render::RenderError),
}

impl From<SpatialError> for EnvError {
    fn from(e: SpatialError) -> Self {
        match e {
            SpatialError::Config(m) | SpatialError::DoesNotFit(m) => EnvError::config("spatial", m),
            SpatialError::Io { path, source } => EnvError::Io { path, source },
            SpatialError::Render(r) => EnvError::Render(r),
            other => EnvError::Other(other.to_string()),
        }
    }
}
