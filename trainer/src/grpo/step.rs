//! One GRPO update over a generation batch: μ optimizer passes, each
//! accumulating gradients over micro-batches, clipping by global norm and
//! taking one AdamW step. Old log-probs (μ > 1) and reference log-probs are
//! computed once per micro-batch, before the first pass.

use std::sync::Arc;

use candle_core::{Device, Tensor};
use rulegym_agent::multimodal::VisionPrompt;
use rulegym_agent::processor::VisionInput;
use rulegym_agent::{Constraint, Policy};

use crate::grpo::loss::{grpo_loss, LossInputs, LossSettings, Normaliser};
use crate::optim::{AdamW, Grads, OptimError};

/// Errors of an update.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error("policy: {0}")]
    Policy(#[from] rulegym_agent::AgentError),
    #[error("loss: {0}")]
    Candle(#[from] candle_core::Error),
    #[error(transparent)]
    Optim(#[from] OptimError),
}

/// A completion to learn from, with its episode's advantage.
#[derive(Debug, Clone)]
pub struct TrainItem {
    pub prompt: Vec<u32>,
    /// Processed frames behind the prompt's vision placeholders (empty: text).
    pub vision: Arc<Vec<VisionInput>>,
    pub completion: Vec<u32>,
    pub advantage: f32,
    /// Index into the constraints list (the env it came from).
    pub slot: usize,
}

/// Settings of one update.
#[derive(Debug, Clone)]
pub struct UpdateSettings {
    pub loss: LossSettings,
    pub iterations: usize,
    pub micro_batch: usize,
    pub temperature: f64,
    pub grad_clip: f64,
    /// Seeds LoRA dropout for this update (see `Policy::reseed_dropout`).
    pub dropout_seed: u64,
}

/// Diagnostics of one update (means over passes and micro-batches).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdateStats {
    pub loss: f64,
    pub kl: f64,
    pub clip_fraction: f64,
    pub grad_norm: f64,
    /// A loss or gradient was not finite; the update stopped there, before
    /// that pass's optimizer step (`optimizer_steps` counts earlier passes).
    pub nonfinite: bool,
    pub optimizer_steps: u64,
}

impl UpdateStats {
    /// An update cut short by a non-finite value. Partial sums would read as
    /// real diagnostics in the metrics, so what was not fully computed is NaN
    /// (written as `null`).
    fn cut_short(loss: f64, grad_norm: f64, optimizer_steps: u64) -> Self {
        Self {
            loss,
            kl: f64::NAN,
            clip_fraction: f64::NAN,
            grad_norm,
            nonfinite: true,
            optimizer_steps,
        }
    }
}

struct MicroBatch {
    pairs: Vec<(Vec<u32>, Vec<u32>)>,
    /// The same pairs with their frames, when any prompt has frames: old,
    /// reference and new log-probs then all run through the vision tower.
    vision: Option<Vec<(VisionPrompt, Vec<u32>)>>,
    advantages: Tensor,
    slot: usize,
    old_logp: Option<Tensor>,
    ref_logp: Option<Tensor>,
}

/// Runs the update; `lr_of(optimizer_step)` gives each pass its learning rate.
pub fn update(
    policy: &Policy,
    reference: Option<&Policy>,
    optimizer: &mut AdamW,
    items: &[TrainItem],
    constraints: &[Option<Constraint>],
    s: &UpdateSettings,
    lr_of: impl Fn(u64) -> f64,
) -> Result<UpdateStats, StepError> {
    let dev = policy.device().clone();
    policy.reseed_dropout(s.dropout_seed);
    let mut mbs = micro_batches(items, s.micro_batch, &dev)?;
    let constraint = |slot: usize| constraints.get(slot).and_then(|c| c.as_ref());
    let batch_tokens: f64 = items.iter().map(|i| i.completion.len() as f64).sum();
    let norm = Normaliser {
        accumulation_steps: mbs.len(),
        batch_active_tokens: batch_tokens,
    };
    let use_ref = s.loss.beta != 0.0;
    for mb in &mut mbs {
        if s.iterations > 1 {
            let (lp, _) = mb.log_probs(policy, constraint(mb.slot), s.temperature)?;
            mb.old_logp = Some(lp.detach());
        }
        if let (true, Some(r)) = (use_ref, reference) {
            let (lp, _) = mb.log_probs(r, constraint(mb.slot), s.temperature)?;
            mb.ref_logp = Some(lp.detach());
        }
    }

    let mut stats = UpdateStats::default();
    let mut count = 0.0;
    for _ in 0..s.iterations {
        let mut grads = Grads::default();
        let mut pass_loss = 0.0;
        for mb in &mbs {
            let (logp, mask) = mb.log_probs(policy, constraint(mb.slot), s.temperature)?;
            let out = grpo_loss(
                &LossInputs {
                    logp: &logp,
                    old_logp: mb.old_logp.as_ref(),
                    ref_logp: mb.ref_logp.as_ref(),
                    advantages: &mb.advantages,
                    mask: &mask,
                },
                &s.loss,
                &norm,
            )?;
            let loss = out.loss.to_scalar::<f32>()? as f64;
            if !loss.is_finite() {
                return Ok(UpdateStats::cut_short(
                    loss,
                    f64::NAN,
                    stats.optimizer_steps,
                ));
            }
            pass_loss += loss;
            stats.loss += loss;
            stats.kl += out.kl;
            stats.clip_fraction += out.clip_fraction();
            count += 1.0;
            grads.accumulate(&out.loss.backward()?, optimizer.vars())?;
        }
        let gn = grads.clip_global_norm(s.grad_clip)?;
        if !gn.is_finite() {
            return Ok(UpdateStats::cut_short(pass_loss, gn, stats.optimizer_steps));
        }
        stats.grad_norm += gn;
        let lr = lr_of(optimizer.step_count());
        optimizer.step(&grads, lr)?;
        stats.optimizer_steps += 1;
    }
    if count > 0.0 {
        // Micro-batch losses sum to the batch loss; average over passes.
        stats.loss /= s.iterations as f64;
        stats.kl /= count;
        stats.clip_fraction /= count;
    }
    stats.grad_norm /= s.iterations as f64;
    Ok(stats)
}

impl MicroBatch {
    /// `(log-probs, mask)` of the completions: the text path, or the vision
    /// path (gradients reaching the unfrozen tower) when prompts have frames.
    fn log_probs(
        &self,
        policy: &Policy,
        constraint: Option<&Constraint>,
        temperature: f64,
    ) -> Result<(Tensor, Tensor), StepError> {
        Ok(match &self.vision {
            Some(v) => policy.log_probs_vision(v, constraint, temperature)?,
            None => policy.log_probs(&self.pairs, constraint, temperature)?,
        })
    }
}

/// Splits items into micro-batches of one env each (one constraint per
/// `log_probs` call), at most `size` completions per micro-batch.
fn micro_batches(
    items: &[TrainItem],
    size: usize,
    dev: &Device,
) -> Result<Vec<MicroBatch>, StepError> {
    let mut slots: Vec<usize> = items.iter().map(|i| i.slot).collect();
    slots.sort_unstable();
    slots.dedup();
    let mut out = Vec::new();
    for slot in slots {
        let mine: Vec<&TrainItem> = items.iter().filter(|i| i.slot == slot).collect();
        for chunk in mine.chunks(size.max(1)) {
            let adv: Vec<f32> = chunk.iter().map(|i| i.advantage).collect();
            let vision = chunk.iter().any(|i| !i.vision.is_empty()).then(|| {
                chunk
                    .iter()
                    .map(|i| {
                        let p = VisionPrompt {
                            tokens: i.prompt.clone(),
                            vision: i.vision.as_ref().clone(),
                        };
                        (p, i.completion.clone())
                    })
                    .collect()
            });
            out.push(MicroBatch {
                pairs: chunk
                    .iter()
                    .map(|i| (i.prompt.clone(), i.completion.clone()))
                    .collect(),
                vision,
                advantages: Tensor::from_vec(adv, chunk.len(), dev)?,
                slot,
                old_logp: None,
                ref_logp: None,
            });
        }
    }
    Ok(out)
}
