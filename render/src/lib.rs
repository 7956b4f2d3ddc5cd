//! rulegym-render: the pixels every environment shows its policy.
//!
//! [`Frame`] is the one image type that crosses crate boundaries: environments
//! put frames in observations, the agent's processor reads them, the trainer
//! writes them to disk.

pub mod canvas2d;
mod frame;

pub use canvas2d::Canvas;
pub use frame::{Frame, RenderError};
