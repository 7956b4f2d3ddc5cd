//! rulegym-trainer: GRPO on any registered environment.
//!
//! The step reads as TRL's: generate ([`rollout`]) → score (the envs) →
//! advantages ([`grpo::advantages`]) → loss ([`grpo::loss`]) → update
//! ([`optim`]). [`config`] holds the run and its curriculum stages;
//! [`metrics`], [`plot`] and [`checkpoint`] make runs observable and resumable;
//! [`score`] rule-checks saved responses with an env's reward.

pub mod checkpoint;
pub mod config;
pub mod curriculum;
pub mod eval;
pub mod grpo;
pub mod metrics;
pub mod optim;
pub mod plot;
pub mod rollout;
pub mod run;
pub mod score;
