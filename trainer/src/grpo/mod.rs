//! GRPO: group-relative advantages, the clipped objective with its
//! aggregation variants, and the update step that applies them.

pub mod advantages;
pub mod loss;
pub mod step;

pub use advantages::{group_advantages, AdvantageScale};
pub use loss::{grpo_loss, Aggregation, LossInputs, LossOutput, LossSettings, Normaliser};
