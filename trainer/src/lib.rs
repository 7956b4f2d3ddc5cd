//! rulegym-trainer: GRPO on any registered environment.
