//! The GRPO objective (TRL `GRPOTrainer._compute_loss` semantics).
//!
//! Per token: ρ = exp(logπθ − logπold), ℓ = −min(ρA, clip(ρ, 1−ε, 1+ε_high)A),
//! plus β·k3 KL to a frozen reference when β ≠ 0. The aggregation variants
//! differ only in how masked token losses are summed and normalised; they
//! sit side by side in [`aggregate`].

use candle_core::{Result, Tensor, D};
use serde::{Deserialize, Serialize};

/// How per-token losses become one scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Mean over sequences of each sequence's token mean (DeepSeekMath).
    #[default]
    Grpo,
    /// Token sum over the batch's active tokens. With one optimizer step per
    /// pass over the generation batch (as here) this equals `dapo`; in TRL
    /// they differ only when a generation batch spans several steps.
    Bnpo,
    /// Token sum over B · max_completion_len (Dr. GRPO: no length bias).
    DrGrpo,
    /// Token sum over the active tokens of the whole generation batch (DAPO).
    Dapo,
}

/// Clipping and KL settings of the objective.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossSettings {
    pub epsilon_low: f64,
    pub epsilon_high: f64,
    pub beta: f64,
    pub aggregation: Aggregation,
    /// The sampling limit, used by `dr_grpo`'s constant normaliser.
    pub max_completion_len: usize,
}

/// What a micro-batch needs to know about the batch it belongs to.
///
/// The gradients of a batch's micro-batches are summed into one optimizer
/// step, so each micro-batch's mean is weighted by its share of the batch:
/// of the sequences (`grpo`, `dr_grpo`) or of the active tokens (`bnpo`,
/// `dapo`). The sum is then the one-batch loss, whatever the split; TRL's
/// division by the number of accumulation steps instead gives a one-item
/// leftover micro-batch the weight of a full one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normaliser {
    /// Completions in the whole batch.
    pub batch_sequences: usize,
    /// Active completion tokens in the whole batch.
    pub batch_active_tokens: f64,
}

impl Normaliser {
    /// The batch of completions with these token counts.
    pub fn of_lengths(lengths: impl IntoIterator<Item = usize>) -> Self {
        let (n, tokens) = lengths
            .into_iter()
            .fold((0, 0.0), |(n, t), len| (n + 1, t + len as f64));
        Self {
            batch_sequences: n,
            batch_active_tokens: tokens,
        }
    }
}

/// One micro-batch of completions. All token tensors are `[B, T]` f32.
pub struct LossInputs<'a> {
    /// Current policy log-probs (differentiable).
    pub logp: &'a Tensor,
    /// Log-probs at sampling time; `None` means πold = πθ detached (μ = 1).
    pub old_logp: Option<&'a Tensor>,
    /// Frozen reference log-probs; required when β ≠ 0.
    pub ref_logp: Option<&'a Tensor>,
    /// `[B]` advantages, one per completion (its episode's).
    pub advantages: &'a Tensor,
    /// 1 on completion tokens, 0 on padding (prompts are never included).
    pub mask: &'a Tensor,
}

/// The scalar loss and its diagnostics (detached masked means).
pub struct LossOutput {
    pub loss: Tensor,
    pub kl: f64,
    pub clip_low: f64,
    pub clip_high: f64,
    pub active_tokens: f64,
}

impl LossOutput {
    pub fn clip_fraction(&self) -> f64 {
        self.clip_low + self.clip_high
    }
}

/// k3 estimator of KL(πθ‖πref) per token: exp(r − θ) − (r − θ) − 1 ≥ 0.
pub fn k3_kl(logp: &Tensor, ref_logp: &Tensor) -> Result<Tensor> {
    let d = (ref_logp - logp)?;
    (d.exp()? - d)? - 1.0
}

/// The GRPO loss of one micro-batch.
pub fn grpo_loss(inp: &LossInputs, s: &LossSettings, norm: &Normaliser) -> Result<LossOutput> {
    let old = match inp.old_logp {
        Some(t) => t.clone(),
        None => inp.logp.detach(),
    };
    let ratio = (inp.logp - &old)?.exp()?;
    let clipped = ratio.clamp(1.0 - s.epsilon_low, 1.0 + s.epsilon_high)?;
    let adv = inp.advantages.unsqueeze(1)?;
    let surrogate = ratio.broadcast_mul(&adv)?;
    let surrogate_clipped = clipped.broadcast_mul(&adv)?;
    let mut per_token = surrogate.minimum(&surrogate_clipped)?.neg()?;

    let mut kl = 0.0;
    let active = inp.mask.sum_all()?.to_scalar::<f32>()? as f64;
    if s.beta != 0.0 {
        let ref_logp = inp.ref_logp.ok_or_else(|| {
            candle_core::Error::Msg("beta is non-zero but no reference log-probs were given".into())
        })?;
        let d = k3_kl(inp.logp, ref_logp)?;
        kl = masked_mean(&d.detach(), inp.mask, active)?;
        per_token = (per_token + (d * s.beta)?)?;
    }

    // Clip fraction as TRL reports it: the ratio left the trust region in the
    // direction the advantage pushes it.
    let ratio_d = ratio.detach();
    let adv_b = adv.broadcast_as(ratio_d.shape())?;
    let zeros = adv_b.zeros_like()?;
    let low = ratio_d
        .lt(1.0 - s.epsilon_low)?
        .to_dtype(ratio_d.dtype())?
        .mul(&adv_b.lt(&zeros)?.to_dtype(ratio_d.dtype())?)?;
    let high = ratio_d
        .gt(1.0 + s.epsilon_high)?
        .to_dtype(ratio_d.dtype())?
        .mul(&adv_b.gt(&zeros)?.to_dtype(ratio_d.dtype())?)?;

    Ok(LossOutput {
        loss: aggregate(&per_token, inp.mask, s, norm)?,
        kl,
        clip_low: masked_mean(&low, inp.mask, active)?,
        clip_high: masked_mean(&high, inp.mask, active)?,
        active_tokens: active,
    })
}

/// Masked token losses → this micro-batch's share of the batch's scalar,
/// one line per variant (see [`Normaliser`] for the weighting).
pub fn aggregate(
    per_token: &Tensor,
    mask: &Tensor,
    s: &LossSettings,
    norm: &Normaliser,
) -> Result<Tensor> {
    let masked = (per_token * mask)?;
    let seqs = norm.batch_sequences.max(1) as f64;
    let tokens = norm.batch_active_tokens.max(1.0);
    match s.aggregation {
        Aggregation::Grpo => {
            let per_seq = (masked.sum(D::Minus1)? / mask.sum(D::Minus1)?.clamp(1.0, f64::MAX)?)?;
            per_seq.sum_all()? / seqs
        }
        Aggregation::Bnpo => masked.sum_all()? / tokens,
        Aggregation::DrGrpo => masked.sum_all()? / (seqs * s.max_completion_len.max(1) as f64),
        Aggregation::Dapo => masked.sum_all()? / tokens,
    }
}

fn masked_mean(x: &Tensor, mask: &Tensor, active: f64) -> Result<f64> {
    let s = (x * mask)?.sum_all()?.to_scalar::<f32>()? as f64;
    Ok(s / active.max(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{Device, Var};

    const DEV: Device = Device::Cpu;

    fn t2(rows: &[&[f32]]) -> Tensor {
        let w = rows[0].len();
        let flat: Vec<f32> = rows.iter().flat_map(|r| r.iter().copied()).collect();
        Tensor::from_vec(flat, (rows.len(), w), &DEV).unwrap()
    }

    fn settings(aggregation: Aggregation, beta: f64) -> LossSettings {
        LossSettings {
            epsilon_low: 0.2,
            epsilon_high: 0.2,
            beta,
            aggregation,
            max_completion_len: 4,
        }
    }

    fn norm(seqs: usize, tokens: f64) -> Normaliser {
        Normaliser {
            batch_sequences: seqs,
            batch_active_tokens: tokens,
        }
    }

    /// Two completions: A = [1, −0.5]; row 0 has 3 tokens, row 1 has 1 (rest
    /// padding). With πold = πθ every ratio is 1, so ℓ = −A on every token.
    fn on_policy() -> (Tensor, Tensor, Tensor) {
        let logp = t2(&[&[-1.0, -2.0, -0.5, 0.0], &[-0.3, 0.0, 0.0, 0.0]]);
        let mask = t2(&[&[1.0, 1.0, 1.0, 0.0], &[1.0, 0.0, 0.0, 0.0]]);
        let adv = Tensor::new(&[1.0f32, -0.5], &DEV).unwrap();
        (logp, mask, adv)
    }

    fn loss_of(agg: Aggregation, n: Normaliser) -> f64 {
        let (logp, mask, adv) = on_policy();
        let inp = LossInputs {
            logp: &logp,
            old_logp: None,
            ref_logp: None,
            advantages: &adv,
            mask: &mask,
        };
        let out = grpo_loss(&inp, &settings(agg, 0.0), &n).unwrap();
        out.loss.to_scalar::<f32>().unwrap() as f64
    }

    #[test]
    fn grpo_is_the_mean_of_sequence_means() {
        // seq0: mean(−1,−1,−1) = −1; seq1: +0.5; mean = −0.25.
        assert!((loss_of(Aggregation::Grpo, norm(2, 4.0)) + 0.25).abs() < 1e-6);
        // Two of a batch's four sequences: half the weight.
        assert!((loss_of(Aggregation::Grpo, norm(4, 8.0)) + 0.125).abs() < 1e-6);
    }

    #[test]
    fn bnpo_divides_by_active_tokens_of_the_batch() {
        // sum = −3 + 0.5 = −2.5 over 4 active tokens.
        assert!((loss_of(Aggregation::Bnpo, norm(2, 4.0)) + 0.625).abs() < 1e-6);
        // The micro-batch's 4 of the batch's 10 tokens.
        assert!((loss_of(Aggregation::Bnpo, norm(5, 10.0)) + 0.25).abs() < 1e-6);
    }

    #[test]
    fn dr_grpo_divides_by_rows_times_max_len() {
        // −2.5 / (2 · 4)
        assert!((loss_of(Aggregation::DrGrpo, norm(2, 99.0)) + 0.3125).abs() < 1e-6);
    }

    #[test]
    fn dapo_divides_by_the_generation_batch_tokens() {
        // −2.5 / 10, whatever the number of sequences.
        assert!((loss_of(Aggregation::Dapo, norm(3, 10.0)) + 0.25).abs() < 1e-6);
    }

    #[test]
    fn on_policy_gradient_is_minus_advantage_weighted() {
        // d loss / d logp_t = −A_i / n_i for grpo with ratio 1 (mean over 2 seqs).
        let (logp, mask, adv) = on_policy();
        let v = Var::from_tensor(&logp).unwrap();
        let inp = LossInputs {
            logp: v.as_tensor(),
            old_logp: None,
            ref_logp: None,
            advantages: &adv,
            mask: &mask,
        };
        let out = grpo_loss(&inp, &settings(Aggregation::Grpo, 0.0), &norm(2, 4.0)).unwrap();
        let g = out.loss.backward().unwrap();
        let grad = g.get(&v).unwrap().to_vec2::<f32>().unwrap();
        let want = [
            [-1.0 / 6.0, -1.0 / 6.0, -1.0 / 6.0, 0.0],
            [0.25, 0.0, 0.0, 0.0],
        ];
        for (r, w) in grad.iter().zip(want) {
            for (a, b) in r.iter().zip(w) {
                assert!((*a as f64 - b).abs() < 1e-6, "{grad:?}");
            }
        }
    }

    #[test]
    fn clipping_caps_the_ratio_in_the_advantage_direction() {
        // One token, ratio e^0.5 = 1.6487 > 1.2 with A = 2 → ℓ = −1.2·2;
        // ratio e^−0.5 = 0.6065 < 0.8 with A = −1 → ℓ = −max... = −(0.8·−1) = 0.8.
        // A third token: ratio 1.6487 with A = −1 is not clipped: ℓ = 1.6487.
        let logp = t2(&[&[0.5], &[-0.5], &[0.5]]);
        let old = t2(&[&[0.0], &[0.0], &[0.0]]);
        let mask = t2(&[&[1.0], &[1.0], &[1.0]]);
        let adv = Tensor::new(&[2.0f32, -1.0, -1.0], &DEV).unwrap();
        let inp = LossInputs {
            logp: &logp,
            old_logp: Some(&old),
            ref_logp: None,
            advantages: &adv,
            mask: &mask,
        };
        let out = grpo_loss(&inp, &settings(Aggregation::Bnpo, 0.0), &norm(3, 3.0)).unwrap();
        let want = (-2.4 + 0.8 + 0.5f64.exp()) / 3.0;
        let got = out.loss.to_scalar::<f32>().unwrap() as f64;
        assert!((got - want).abs() < 1e-5, "{got} vs {want}");
        assert!((out.clip_high - 1.0 / 3.0).abs() < 1e-6);
        assert!((out.clip_low - 1.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn clip_higher_widens_only_the_upper_bound() {
        let logp = t2(&[&[0.25]]); // ratio 1.284
        let old = t2(&[&[0.0]]);
        let mask = t2(&[&[1.0]]);
        let adv = Tensor::new(&[1.0f32], &DEV).unwrap();
        let inp = LossInputs {
            logp: &logp,
            old_logp: Some(&old),
            ref_logp: None,
            advantages: &adv,
            mask: &mask,
        };
        let mut s = settings(Aggregation::Bnpo, 0.0);
        s.epsilon_high = 0.28;
        let got = grpo_loss(&inp, &s, &norm(1, 1.0)).unwrap().loss;
        assert!((got.to_scalar::<f32>().unwrap() as f64 + 1.28).abs() < 1e-5);
    }

    #[test]
    fn k3_kl_is_added_with_beta() {
        // θ = −1, ref = −1.5: d = −0.5, k3 = e^−0.5 + 0.5 − 1 = 0.106531.
        let logp = t2(&[&[-1.0, 0.0]]);
        let refl = t2(&[&[-1.5, 0.0]]);
        let mask = t2(&[&[1.0, 0.0]]);
        let adv = Tensor::new(&[0.0f32], &DEV).unwrap();
        let inp = LossInputs {
            logp: &logp,
            old_logp: None,
            ref_logp: Some(&refl),
            advantages: &adv,
            mask: &mask,
        };
        let out = grpo_loss(&inp, &settings(Aggregation::Grpo, 0.1), &norm(1, 1.0)).unwrap();
        let k3 = (-0.5f64).exp() + 0.5 - 1.0;
        assert!((out.kl - k3).abs() < 1e-6);
        let got = out.loss.to_scalar::<f32>().unwrap() as f64;
        assert!((got - 0.1 * k3).abs() < 1e-6, "{got}");
    }

    #[test]
    fn beta_without_reference_is_an_error() {
        let (logp, mask, adv) = on_policy();
        let inp = LossInputs {
            logp: &logp,
            old_logp: None,
            ref_logp: None,
            advantages: &adv,
            mask: &mask,
        };
        assert!(grpo_loss(&inp, &settings(Aggregation::Grpo, 0.1), &norm(2, 4.0)).is_err());
    }

    /// Six completions of lengths 5, 1, 3, 0, 2, 4 (padded to 5), off policy
    /// (ratios away from 1, some clipped) with the KL term on.
    fn uneven_batch() -> (Tensor, Tensor, Tensor, Tensor, Tensor) {
        let lens = [5usize, 1, 3, 0, 2, 4];
        let (rows, width) = (lens.len(), 5);
        let mut mask = vec![0f32; rows * width];
        for (r, &n) in lens.iter().enumerate() {
            mask[r * width..r * width + n].fill(1.0);
        }
        let wave = |k: usize, a: f32, b: f32| {
            (0..rows * width).map(move |i| a * ((i * k) as f32 * 0.37).sin() - b)
        };
        let v = |x: Vec<f32>| Tensor::from_vec(x, (rows, width), &DEV).unwrap();
        let logp = v(wave(3, 0.4, 1.0).collect());
        let old = v(wave(5, 0.4, 1.0).collect());
        let refl = v(wave(7, 0.3, 1.2).collect());
        let adv = Tensor::new(&[1.2f32, -0.7, 0.3, 0.9, -1.5, 0.4], &DEV).unwrap();
        (logp, old, refl, adv, v(mask))
    }

    /// d loss / d logp summed over micro-batches of `rows`.
    fn split_gradient(agg: Aggregation, splits: &[std::ops::Range<usize>]) -> Vec<Vec<f32>> {
        let (logp, old, refl, adv, mask) = uneven_batch();
        let var = Var::from_tensor(&logp).unwrap();
        let lens = mask.sum(1).unwrap().to_vec1::<f32>().unwrap();
        let n = Normaliser::of_lengths(lens.iter().map(|&l| l as usize));
        let mut s = settings(agg, 0.05);
        s.max_completion_len = 5;
        let mut total = var.as_tensor().zeros_like().unwrap();
        for r in splits {
            let rows = |t: &Tensor| t.narrow(0, r.start, r.len()).unwrap();
            let inp = LossInputs {
                logp: &rows(var.as_tensor()),
                old_logp: Some(&rows(&old)),
                ref_logp: Some(&rows(&refl)),
                advantages: &adv.narrow(0, r.start, r.len()).unwrap(),
                mask: &rows(&mask),
            };
            let out = grpo_loss(&inp, &s, &n).unwrap();
            let g = out.loss.backward().unwrap();
            total = (total + g.get(&var).unwrap()).unwrap();
        }
        total.to_vec2::<f32>().unwrap()
    }

    #[test]
    fn any_micro_batch_split_gives_the_one_batch_gradient() {
        let whole: &[std::ops::Range<usize>] = &[std::ops::Range { start: 0, end: 6 }];
        let splits: [&[std::ops::Range<usize>]; 4] = [
            &[0..5, 5..6],
            &[0..1, 1..6],
            &[0..2, 2..4, 4..6],
            &[0..1, 1..2, 2..3, 3..4, 4..5, 5..6],
        ];
        for agg in [
            Aggregation::Grpo,
            Aggregation::Bnpo,
            Aggregation::DrGrpo,
            Aggregation::Dapo,
        ] {
            let want = split_gradient(agg, whole);
            assert!(
                want.iter().flatten().any(|g| g.abs() > 1e-3),
                "{agg:?}: {want:?}"
            );
            for split in splits {
                let got = split_gradient(agg, split);
                for (a, b) in got.iter().flatten().zip(want.iter().flatten()) {
                    assert!(
                        (a - b).abs() < 1e-6,
                        "{agg:?} {split:?}: {got:?} vs {want:?}"
                    );
                }
            }
        }
    }
}
