//! One GRPO update over a generation batch: μ optimizer passes, each
//! accumulating gradients over micro-batches, clipping by global norm and
//! taking one AdamW step. Old log-probs (μ > 1) and reference log-probs are
//! computed once per micro-batch, before the first pass. Each micro-batch's
//! loss is its share of the batch loss ([`Normaliser`]), so how items are
//! split never changes the gradient.

use std::sync::Arc;

use candle_core::{Device, Tensor, Var};
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

/// Diagnostics of one update: loss and gradient norm averaged over passes,
/// KL and clip fraction token means over every pass's micro-batches.
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
    policy.reseed_dropout(s.dropout_seed);
    let mut mbs = micro_batches(items, s.micro_batch, policy.device())?;
    let norm = Normaliser::of_lengths(items.iter().map(|i| i.completion.len()));
    fix_log_probs(&mut mbs, policy, reference, constraints, s)?;

    let mut stats = UpdateStats::default();
    let mut diag = PassDiagnostics::default();
    for _ in 0..s.iterations {
        let mut pass = match gradient(policy, optimizer.vars(), &mbs, constraints, s, &norm)? {
            Pass::Finite(p) => p,
            Pass::NonFiniteLoss(loss) => {
                return Ok(UpdateStats::cut_short(
                    loss,
                    f64::NAN,
                    stats.optimizer_steps,
                ))
            }
        };
        let gn = pass.grads.clip_global_norm(s.grad_clip)?;
        if !gn.is_finite() {
            let loss = pass.diag.loss;
            return Ok(UpdateStats::cut_short(loss, gn, stats.optimizer_steps));
        }
        stats.grad_norm += gn;
        diag.add(&pass.diag);
        let lr = lr_of(optimizer.step_count());
        optimizer.step(&pass.grads, lr)?;
        stats.optimizer_steps += 1;
    }
    let passes = s.iterations.max(1) as f64;
    // Micro-batch losses sum to the batch loss; average over passes. KL and
    // clipping are token means over the batch, as one micro-batch gives them.
    let tokens = diag.tokens.max(1.0);
    stats.loss = diag.loss / passes;
    stats.kl = diag.kl_tokens / tokens;
    stats.clip_fraction = diag.clip_tokens / tokens;
    stats.grad_norm /= passes;
    Ok(stats)
}

/// Stores each micro-batch's old log-probs (μ > 1) and reference log-probs
/// (β ≠ 0), computed once before the first pass.
fn fix_log_probs(
    mbs: &mut [MicroBatch],
    policy: &Policy,
    reference: Option<&Policy>,
    constraints: &[Option<Constraint>],
    s: &UpdateSettings,
) -> Result<(), StepError> {
    let use_ref = s.loss.beta != 0.0;
    for mb in mbs {
        let constraint = constraint_of(constraints, mb.slot);
        if s.iterations > 1 {
            let (lp, _) = mb.log_probs(policy, constraint, s.temperature)?;
            mb.old_logp = Some(lp.detach());
        }
        if let (true, Some(r)) = (use_ref, reference) {
            let (lp, _) = mb.log_probs(r, constraint, s.temperature)?;
            mb.ref_logp = Some(lp.detach());
        }
    }
    Ok(())
}

fn constraint_of(constraints: &[Option<Constraint>], slot: usize) -> Option<&Constraint> {
    constraints.get(slot).and_then(|c| c.as_ref())
}

/// Sums of one or more passes' diagnostics; KL and clipping weighted by
/// each micro-batch's active tokens.
#[derive(Debug, Default, Clone, Copy)]
struct PassDiagnostics {
    loss: f64,
    kl_tokens: f64,
    clip_tokens: f64,
    tokens: f64,
}

impl PassDiagnostics {
    fn add(&mut self, o: &PassDiagnostics) {
        self.loss += o.loss;
        self.kl_tokens += o.kl_tokens;
        self.clip_tokens += o.clip_tokens;
        self.tokens += o.tokens;
    }
}

struct PassGradient {
    grads: Grads,
    diag: PassDiagnostics,
}

enum Pass {
    Finite(PassGradient),
    /// A micro-batch's loss was not finite (its value); the pass stopped.
    NonFiniteLoss(f64),
}

/// The gradient of the batch loss: each micro-batch's loss (its share of
/// the batch, see [`Normaliser`]) backpropagated and summed.
fn gradient(
    policy: &Policy,
    vars: &[(String, Var)],
    mbs: &[MicroBatch],
    constraints: &[Option<Constraint>],
    s: &UpdateSettings,
    norm: &Normaliser,
) -> Result<Pass, StepError> {
    let mut grads = Grads::default();
    let mut diag = PassDiagnostics::default();
    for mb in mbs {
        let constraint = constraint_of(constraints, mb.slot);
        let (logp, mask) = mb.log_probs(policy, constraint, s.temperature)?;
        let out = grpo_loss(
            &LossInputs {
                logp: &logp,
                old_logp: mb.old_logp.as_ref(),
                ref_logp: mb.ref_logp.as_ref(),
                advantages: &mb.advantages,
                mask: &mask,
            },
            &s.loss,
            norm,
        )?;
        let loss = out.loss.to_scalar::<f32>()? as f64;
        if !loss.is_finite() {
            return Ok(Pass::NonFiniteLoss(loss));
        }
        diag.add(&PassDiagnostics {
            loss,
            kl_tokens: out.kl * out.active_tokens,
            clip_tokens: out.clip_fraction() * out.active_tokens,
            tokens: out.active_tokens,
        });
        grads.accumulate(&out.loss.backward()?, vars)?;
    }
    Ok(Pass::Finite(PassGradient { grads, diag }))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grpo::loss::Aggregation;

    fn settings(aggregation: Aggregation, micro_batch: usize) -> UpdateSettings {
        UpdateSettings {
            loss: LossSettings {
                epsilon_low: 0.2,
                epsilon_high: 0.2,
                beta: 0.0,
                aggregation,
                max_completion_len: 6,
            },
            iterations: 1,
            micro_batch,
            temperature: 1.0,
            grad_clip: 0.0,
            dropout_seed: 0,
        }
    }

    /// Seven completions of uneven lengths from two envs (slots), so micro-batches of 3
    /// leave one-item leftovers.
    fn items(policy: &Policy) -> Result<Vec<TrainItem>, StepError> {
        let rows = [
            ("1+2=", "3", 0.8, 0),
            ("4*5=", "20", -0.4, 1),
            ("9-7=", "2", 1.1, 0),
            ("6+6=", "12 ok", -1.3, 0),
            ("8/2=", "4", 0.2, 1),
            ("3*3=", "9!!", 0.5, 1),
            ("7+1=", "8", -0.9, 0),
        ];
        rows.iter()
            .map(|&(p, c, advantage, slot)| {
                Ok(TrainItem {
                    prompt: policy.encode(p)?,
                    vision: Arc::new(Vec::new()),
                    completion: policy.encode(c)?,
                    advantage,
                    slot,
                })
            })
            .collect()
    }

    fn batch_gradient(
        policy: &Policy,
        vars: &[(String, Var)],
        items: &[TrainItem],
        s: &UpdateSettings,
    ) -> Result<Grads, StepError> {
        let mbs = micro_batches(items, s.micro_batch, policy.device())?;
        let norm = Normaliser::of_lengths(items.iter().map(|i| i.completion.len()));
        match gradient(policy, vars, &mbs, &[None, None], s, &norm)? {
            Pass::Finite(p) => Ok(p.grads),
            Pass::NonFiniteLoss(l) => panic!("non-finite loss {l}"),
        }
    }

    #[test]
    fn micro_batches_of_any_size_give_the_one_batch_gradient() -> Result<(), StepError> {
        let policy = Policy::preset("tiny", 3, &Device::Cpu)?;
        let vars = policy.trainable_vars();
        let items = items(&policy)?;
        for agg in [
            Aggregation::Grpo,
            Aggregation::Bnpo,
            Aggregation::DrGrpo,
            Aggregation::Dapo,
        ] {
            let whole = batch_gradient(&policy, &vars, &items, &settings(agg, 64))?;
            for size in [1, 2, 3] {
                let split = batch_gradient(&policy, &vars, &items, &settings(agg, size))?;
                // Relative to the largest gradient entry: the micro-batches'
                // forward passes round differently in f32 (padding, GEMM
                // blocks), ~1e-6 here; `loss.rs` checks the weighting itself
                // to 1e-6 on fixed log-probs. Weighting by the number of
                // micro-batches instead is off by tens of percent at size 3.
                let (mut worst, mut largest) = (0f32, 0f32);
                for (name, _) in &vars {
                    let (Some(a), Some(b)) = (whole.get(name), split.get(name)) else {
                        panic!("{agg:?}: no gradient for {name}");
                    };
                    let max_abs = |t: &Tensor| t.abs()?.flatten_all()?.max(0)?.to_scalar::<f32>();
                    worst = worst.max(max_abs(&(a - b)?)?);
                    largest = largest.max(max_abs(a)?);
                }
                assert!(largest > 1e-3, "{agg:?}: gradient vanished");
                assert!(
                    worst <= 1e-5 * largest.max(1.0),
                    "{agg:?}, micro_batch {size}: max |Δg| = {worst}, max |g| = {largest}"
                );
            }
        }
        Ok(())
    }
}
