//! What the policy is shown: a concise text state for an LMM, a rendered
//! top-down frame, and GRF's `simple115` vector and minimap for non-LLM
//! baselines. Each is a pure function of the world.

pub mod frame;
pub mod text;
pub mod vector;

pub use frame::{render, FrameStyle};
pub use text::text_state;
pub use vector::{minimap, simple115, SMM_HEIGHT, SMM_WIDTH};
