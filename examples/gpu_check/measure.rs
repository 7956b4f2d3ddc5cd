//! The measured pieces, each through the public API the trainer itself uses: `Policy::generate`
//! (prefill + KV-cache decode), `Policy::log_probs` + the GRPO loss + backward + AdamW (full
//! fine-tuning with f32 masters, or LoRA), one `grpo::step::update` after sampling a group
//! batch, and the vision tower's forward and backward.
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rulegym_agent::candle_core::{DType, Device, Tensor};
use rulegym_agent::vision::{VisionConfig, VisionFreeze, VisionTower};
use rulegym_agent::{LoraConfig, Policy, SampleOptions};
use rulegym_trainer::config::{GrpoConfig, OptimConfig};
use rulegym_trainer::grpo::step::{update, TrainItem, UpdateSettings};
use rulegym_trainer::grpo::{group_advantages, grpo_loss, LossInputs, LossSettings, Normaliser};
use rulegym_trainer::optim::{AdamW, Grads};
use serde::Serialize;

use crate::memory::MemProbe;
use crate::shape::Workload;

/// One measured piece. `tokens`, `seconds`, `tokens_per_s`, `peak_mib` and every `parts_s`
/// entry are positive; `info` holds diagnostics of any sign (loss, counts).
#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    /// The work, in words (batch × lengths).
    pub what: String,
    /// Tokens processed (vision: merged vision tokens).
    pub tokens: f64,
    pub seconds: f64,
    pub tokens_per_s: f64,
    pub peak_mib: f64,
    /// Timed parts of `seconds` (forward, backward, optimizer, ...).
    pub parts_s: BTreeMap<String, f64>,
    pub info: BTreeMap<String, f64>,
}

impl Piece {
    fn new(what: String, tokens: f64, seconds: f64, peak_mib: f64) -> Self {
        Self {
            what,
            tokens,
            seconds,
            tokens_per_s: tokens / seconds.max(1e-9),
            peak_mib,
            parts_s: BTreeMap::new(),
            info: BTreeMap::new(),
        }
    }

    fn part(mut self, name: &str, s: f64) -> Self {
        self.parts_s.insert(name.into(), s);
        self
    }

    fn info(mut self, name: &str, v: f64) -> Self {
        self.info.insert(name.into(), v);
        self
    }
}

/// Wall time of `f` with the device drained before and after (CUDA runs asynchronously).
fn timed<T>(dev: &Device, f: impl FnOnce() -> Result<T>) -> Result<(T, f64)> {
    dev.synchronize()?;
    let t = Instant::now();
    let out = f()?;
    dev.synchronize()?;
    Ok((out, t.elapsed().as_secs_f64()))
}

/// Random token ids below `vocab` (the content does not matter to throughput).
pub fn random_ids(rng: &mut ChaCha8Rng, n: usize, len: usize, vocab: usize) -> Vec<Vec<u32>> {
    (0..n)
        .map(|_| {
            (0..len)
                .map(|_| rng.random_range(0..vocab as u32))
                .collect()
        })
        .collect()
}

/// Runs every kernel the pieces use once on a small batch, so PTX JIT compilation and first
/// allocations are not timed.
pub fn warm_up(policy: &Policy, vocab: usize, seed: u64) -> Result<f64> {
    let dev = policy.device().clone();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (_, s) = timed(&dev, || {
        let prompts = random_ids(&mut rng, 2, 8, vocab);
        let opts = SampleOptions {
            n: 2,
            max_new_tokens: 4,
            seed,
            ..SampleOptions::default()
        };
        policy.generate(&prompts, &opts)?;
        let batch: Vec<(Vec<u32>, Vec<u32>)> = random_ids(&mut rng, 2, 12, vocab)
            .into_iter()
            .map(|s| (s[..8].to_vec(), s[8..].to_vec()))
            .collect();
        let (lp, mask) = policy.log_probs(&batch, None, 1.0)?;
        let _grads = (lp * mask)?.sum_all()?.backward()?;
        Ok(())
    })?;
    Ok(s)
}

/// Prefill (one sampled token after a batch of prompts) and decode (the further tokens).
pub fn generation(
    policy: &Policy,
    w: &Workload,
    vocab: usize,
    probe: &MemProbe,
    seed: u64,
) -> Result<(Piece, Piece)> {
    let dev = policy.device().clone();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let prompts = random_ids(&mut rng, w.gen_batch, w.prompt_len, vocab);
    let opts = |max_new_tokens| SampleOptions {
        n: 1,
        max_new_tokens,
        temperature: 1.0,
        seed,
        ..SampleOptions::default()
    };
    probe.reset();
    let (_, prefill_s) = timed(&dev, || Ok(policy.generate(&prompts, &opts(1))?))?;
    let prefill_peak = probe.peak_mib()?;
    let prompt_tokens = (w.gen_batch * w.prompt_len) as f64;
    let prefill = Piece::new(
        format!(
            "{} prompts × {} tokens, 1 new token",
            w.gen_batch, w.prompt_len
        ),
        prompt_tokens,
        prefill_s,
        prefill_peak,
    );
    probe.reset();
    let (out, total_s) = timed(&dev, || {
        Ok(policy.generate(&prompts, &opts(1 + w.decode_tokens))?)
    })?;
    let decode_peak = probe.peak_mib()?;
    // The first token of each row comes from the prefill; rows that sampled a stop token
    // left the batch early, so count what was generated.
    let decoded: usize = out
        .iter()
        .flatten()
        .map(|s| s.tokens.len().saturating_sub(1))
        .sum();
    let decode_s = (total_s - prefill_s).max(1e-9);
    let decode = Piece::new(
        format!(
            "{} rows × up to {} tokens after a {}-token prefill (KV cache)",
            w.gen_batch, w.decode_tokens, w.prompt_len
        ),
        decoded as f64,
        decode_s,
        decode_peak,
    )
    .part("prefill_and_decode", total_s)
    .info("decode_steps", w.decode_tokens as f64);
    Ok((prefill, decode))
}

fn signs(n: usize, dev: &Device) -> Result<Tensor> {
    let v: Vec<f32> = (0..n)
        .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
        .collect();
    Ok(Tensor::from_vec(v, n, dev)?)
}

/// Log-probs + GRPO loss (forward), backward and one AdamW step over `policy`'s trainable
/// parameters: all of them (f32 masters and moments for half-precision weights, as the
/// trainer keeps them) or only LoRA adapters.
pub fn train_step(
    policy: &Policy,
    w: &Workload,
    vocab: usize,
    probe: &MemProbe,
    seed: u64,
) -> Result<Piece> {
    let dev = policy.device().clone();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (p, c) = (w.train_prompt_len, w.train_completion_len);
    let batch: Vec<(Vec<u32>, Vec<u32>)> = random_ids(&mut rng, w.train_batch, p + c, vocab)
        .into_iter()
        .map(|s| (s[..p].to_vec(), s[p..].to_vec()))
        .collect();
    let adv = signs(batch.len(), &dev)?;
    let settings = LossSettings {
        epsilon_low: 0.2,
        epsilon_high: 0.2,
        beta: 0.0,
        aggregation: Default::default(),
        max_completion_len: c,
    };
    let norm = Normaliser::of_lengths(batch.iter().map(|_| c));
    probe.reset();
    let vars = policy.trainable_vars();
    let n_params: usize = vars.iter().map(|(_, v)| v.elem_count()).sum();
    let mut opt = AdamW::new(vars, OptimConfig::default().adamw)?;
    let (loss, fwd_s) = timed(&dev, || {
        let (lp, mask) = policy.log_probs(&batch, None, 1.0)?;
        let inp = LossInputs {
            logp: &lp,
            old_logp: None,
            ref_logp: None,
            advantages: &adv,
            mask: &mask,
        };
        Ok(grpo_loss(&inp, &settings, &norm)?.loss)
    })?;
    let (store, bwd_s) = timed(&dev, || Ok(loss.backward()?))?;
    let (gn, opt_s) = timed(&dev, || {
        let mut grads = Grads::default();
        grads.accumulate(&store, opt.vars())?;
        let gn = grads.clip_global_norm(1.0)?;
        opt.step(&grads, 1e-6)?;
        Ok(gn)
    })?;
    let peak = probe.peak_mib()?;
    let tokens = (batch.len() * (p + c)) as f64;
    Ok(Piece::new(
        format!("{} sequences × ({p} prompt + {c} completion)", batch.len()),
        tokens,
        fwd_s + bwd_s,
        peak,
    )
    .part("forward", fwd_s)
    .part("backward", bwd_s)
    .part("optimizer", opt_s)
    .info("trainable_params", n_params as f64)
    .info(
        "loss",
        loss.to_dtype(DType::F32)?.to_scalar::<f32>()? as f64,
    )
    .info("grad_norm", gn))
}

/// LoRA on every linear layer of the decoder (PEFT's "all-linear"), alpha = 2·rank.
pub fn enable_lora(policy: &mut Policy, rank: usize) -> Result<()> {
    let cfg = LoraConfig {
        rank,
        alpha: 2.0 * rank as f64,
        target_modules: [
            "q_proj",
            "k_proj",
            "v_proj",
            "o_proj",
            "gate_proj",
            "up_proj",
            "down_proj",
        ]
        .map(String::from)
        .to_vec(),
        dropout: 0.0,
    };
    policy.enable_lora(&cfg).context("enabling LoRA")?;
    Ok(())
}

/// A stand-in for an env's judge: the share of even token ids in a completion. Cheap,
/// deterministic and different within a group, so advantages are non-zero.
fn reward(tokens: &[u32]) -> f64 {
    let even = tokens.iter().filter(|t| *t % 2 == 0).count();
    even as f64 / tokens.len().max(1) as f64
}

/// One GRPO step as the trainer runs it: sample G completions per prompt, score, group
/// advantages, then `grpo::step::update` (reference log-probs, loss, backward over
/// micro-batches, clipping, AdamW) with the trainer's default GRPO settings.
pub fn grpo_step(
    policy: &Policy,
    w: &Workload,
    vocab: usize,
    probe: &MemProbe,
    seed: u64,
) -> Result<Piece> {
    let dev = policy.device().clone();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let prompts = random_ids(&mut rng, w.grpo_prompts, w.grpo_prompt_len, vocab);
    let g = GrpoConfig::default();
    probe.reset();
    // The trainer copies the reference once per run, not per step: timed apart.
    let (reference, ref_s) = timed(&dev, || Ok(policy.frozen_copy()?))?;
    let mut opt = AdamW::new(policy.trainable_vars(), OptimConfig::default().adamw)?;
    let opts = SampleOptions {
        n: w.grpo_group,
        max_new_tokens: w.grpo_new_tokens,
        temperature: 1.0,
        seed,
        ..SampleOptions::default()
    };
    let (samples, gen_s) = timed(&dev, || Ok(policy.generate(&prompts, &opts)?))?;
    let mut items = Vec::new();
    let mut rewards = Vec::new();
    for (p, group) in prompts.iter().zip(&samples) {
        for s in group {
            rewards.push(reward(&s.tokens));
            items.push(TrainItem {
                prompt: p.clone(),
                vision: Arc::new(Vec::new()),
                completion: s.tokens.clone(),
                advantage: 0.0,
                slot: 0,
            });
        }
    }
    let adv = group_advantages(&rewards, w.grpo_group, g.scale, g.adv_eps)?;
    for (it, a) in items.iter_mut().zip(adv) {
        it.advantage = a as f32;
    }
    let settings = UpdateSettings {
        loss: LossSettings {
            epsilon_low: g.epsilon,
            epsilon_high: g.epsilon_high.unwrap_or(g.epsilon),
            beta: g.beta,
            aggregation: g.aggregation,
            max_completion_len: w.grpo_new_tokens,
        },
        iterations: g.iterations,
        micro_batch: w.grpo_micro_batch,
        temperature: 1.0,
        grad_clip: OptimConfig::default().grad_clip,
        dropout_seed: seed,
    };
    let (stats, upd_s) = timed(&dev, || {
        Ok(update(
            policy,
            Some(&reference),
            &mut opt,
            &items,
            &[None],
            &settings,
            |_| 1e-6,
        )?)
    })?;
    let peak = probe.peak_mib()?;
    let completion_tokens: usize = items.iter().map(|i| i.completion.len()).sum();
    Ok(Piece::new(
        format!(
            "{} prompts × G {} × up to {} new tokens ({}-token prompts), micro-batch {}, β {}",
            w.grpo_prompts,
            w.grpo_group,
            w.grpo_new_tokens,
            w.grpo_prompt_len,
            w.grpo_micro_batch,
            g.beta
        ),
        completion_tokens as f64,
        gen_s + upd_s,
        peak,
    )
    .part("generate", gen_s)
    .part("update", upd_s)
    .part("reference_copy", ref_s)
    .info("loss", stats.loss)
    .info("grad_norm", stats.grad_norm)
    .info("optimizer_steps", stats.optimizer_steps as f64)
    .info(
        "mean_completion_len",
        completion_tokens as f64 / items.len().max(1) as f64,
    ))
}

/// The vision tower in `dtype` on `dev`, from a seeded random init.
pub fn vision_tower(cfg: &VisionConfig, dev: &Device, dtype: DType) -> Result<VisionTower> {
    let cpu = VisionTower::random(cfg, 7, &Device::Cpu)?;
    let map: HashMap<String, Tensor> = cpu
        .named_vars()
        .iter()
        .map(|(n, v)| (n.clone(), v.as_tensor().clone()))
        .collect();
    Ok(VisionTower::from_tensors(cfg, &map, "visual.", dtype, dev)?)
}

/// Forward (inference, detached weights) and forward + backward of `images` square images.
pub fn vision(
    tower: &VisionTower,
    w: &Workload,
    probe: &MemProbe,
    seed: u64,
) -> Result<(Piece, Piece)> {
    let cfg = tower.config().clone();
    let dev = tower
        .named_vars()
        .first()
        .map(|(_, v)| v.device().clone())
        .context("the vision tower has no parameters")?;
    let side = w.image_side / cfg.patch_size;
    let grids = vec![[1, side, side]; w.vision_images];
    let patches = w.vision_images * side * side;
    let merged = patches / (cfg.spatial_merge_size * cfg.spatial_merge_size);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let px: Vec<f32> = (0..patches * cfg.patch_dim())
        .map(|_| rng.random_range(-1.0f32..1.0))
        .collect();
    let px = Tensor::from_vec(px, (patches, cfg.patch_dim()), &dev)?;
    let what = format!(
        "{} images {}² = {} patches → {} tokens",
        w.vision_images, w.image_side, patches, merged
    );
    let mut infer = tower.clone();
    infer.set_freeze(VisionFreeze {
        tower: true,
        merger: true,
    })?;
    // One small pass first: kernels compile on first use.
    let one = px.narrow(0, 0, side * side)?;
    infer.forward(&one, &grids[..1])?;
    probe.reset();
    let (_, fwd_s) = timed(&dev, || Ok(infer.forward(&px, &grids)?))?;
    let fwd = Piece::new(what.clone(), merged as f64, fwd_s, probe.peak_mib()?)
        .info("patches", patches as f64);
    drop(infer);
    probe.reset();
    let (_, train_s) = timed(&dev, || {
        let out = tower.forward(&px, &grids)?;
        let loss = out.to_dtype(DType::F32)?.sqr()?.mean_all()?;
        Ok(loss.backward()?)
    })?;
    let train = Piece::new(what, merged as f64, train_s, probe.peak_mib()?)
        .info("patches", patches as f64)
        .info(
            "trainable_params",
            tower
                .trainable_vars()
                .iter()
                .map(|(_, v)| v.elem_count())
                .sum::<usize>() as f64,
        );
    Ok((fwd, train))
}
