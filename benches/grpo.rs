//! One GRPO step of the tiny preset on easy arithmetic, split into its
//! parts: sampling, env stepping, log-probs (forward), backward, optimizer,
//! and the whole step. Same shape as `scripts/bench_trl_grpo.py`:
//! 32 prompts × 8 completions, max 8 new tokens, β = 1e-4.
//!
//! cargo bench --bench grpo -- --warm-up-time 1 --measurement-time 3

use std::time::Duration;

use candle_core::{Device, Tensor};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rulegym_agent::{Policy, SampleOptions};
use rulegym_trainer::config::RunConfig;
use rulegym_trainer::curriculum::draw_requests;
use rulegym_trainer::grpo::{grpo_loss, LossInputs, LossSettings, Normaliser};
use rulegym_trainer::optim::{AdamW, Grads};
use rulegym_trainer::rollout::{to_messages, Rollout};
use rulegym_trainer::run::{train, RunOptions};

const PROMPTS: usize = 32;
const GROUP: usize = 8;

fn bench_config() -> RunConfig {
    let mut cfg = RunConfig::builtin("math").unwrap_or_default();
    cfg.grpo.prompts_per_step = PROMPTS;
    cfg.grpo.group_size = GROUP;
    cfg.grpo.micro_batch = PROMPTS * GROUP;
    cfg.sampling.max_new_tokens = 8;
    cfg
}

fn grpo_parts(c: &mut Criterion) {
    // As the `trainer` binary runs (see `rulegym_agent::alloc`).
    rulegym_agent::alloc::tune_allocator();
    let cfg = bench_config();
    let dev = Device::Cpu;
    let policy = match Policy::preset("tiny", 0, &dev) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("tiny preset unavailable: {e}");
            return;
        }
    };
    let sampling = cfg.resolve(0).sampling;
    let Ok(mut rollout) = Rollout::new(&cfg.stages[0].envs, &sampling, cfg.workers) else {
        eprintln!("env {} unavailable", cfg.stages[0].envs[0].name);
        return;
    };
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    let requests = draw_requests(&cfg.stages[0], PROMPTS, &mut rng);
    let Ok(batch) = rollout.run(&policy, &requests, GROUP, &sampling, &mut rng) else {
        return;
    };
    let slot = &rollout.slots[0];
    let constraint = slot.constraint.clone();
    let pairs: Vec<(Vec<u32>, Vec<u32>)> = batch
        .turns
        .iter()
        .map(|t| (t.prompt.clone(), t.completion.clone()))
        .collect();
    let prompts: Vec<Vec<u32>> = pairs.iter().step_by(GROUP).map(|p| p.0.clone()).collect();

    let mut g = c.benchmark_group("grpo_step");
    g.sample_size(10);
    g.bench_function("sampling_32x8", |b| {
        let opts = SampleOptions {
            n: GROUP,
            max_new_tokens: sampling.max_new_tokens,
            temperature: 1.0,
            constraint: constraint.clone(),
            seed: 1,
            ..Default::default()
        };
        b.iter(|| {
            policy
                .generate(&prompts, &opts)
                .map(|o| o.len())
                .unwrap_or(0)
        })
    });
    g.bench_function("env_reset_step_256", |b| {
        let actions: Vec<String> = batch
            .episodes
            .iter()
            .map(|e| e.last_action.clone())
            .collect();
        let spec = slot.spec.clone();
        b.iter(|| {
            let mut steps = 0;
            for (i, a) in actions.iter().enumerate() {
                let Ok(mut env) =
                    rulegym_envs::make(&cfg.stages[0].envs[0].name, &cfg.stages[0].envs[0].config)
                else {
                    continue;
                };
                let _ = env
                    .reset(Some(i as u64))
                    .map(|r| to_messages(&spec, &sampling, &[], &r.observation));
                steps += env.step(a).map(|_| 1).unwrap_or(0);
            }
            steps
        })
    });
    let signs: Vec<f32> = (0..pairs.len())
        .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
        .collect();
    let Ok(adv) = Tensor::from_vec(signs, pairs.len(), &dev) else {
        return;
    };
    let settings = LossSettings {
        epsilon_low: 0.2,
        epsilon_high: 0.2,
        beta: 1e-4,
        aggregation: Default::default(),
        max_completion_len: 8,
    };
    let norm = Normaliser::of_lengths(pairs.iter().map(|(_, c)| c.len()));
    let reference = policy.frozen_copy().ok();
    let ref_lp = reference
        .as_ref()
        .and_then(|r| r.log_probs(&pairs, constraint.as_ref(), 1.0).ok())
        .map(|(t, _)| t);
    let loss = || {
        let (lp, mask) = policy.log_probs(&pairs, constraint.as_ref(), 1.0).ok()?;
        let inp = LossInputs {
            logp: &lp,
            old_logp: None,
            ref_logp: ref_lp.as_ref(),
            advantages: &adv,
            mask: &mask,
        };
        grpo_loss(&inp, &settings, &norm).ok().map(|o| o.loss)
    };
    g.bench_function("log_probs_forward_256", |b| b.iter(|| loss().is_some()));
    g.bench_function("backward_256", |b| {
        b.iter_batched(
            loss,
            |l| l.and_then(|l| l.backward().ok()).is_some(),
            BatchSize::PerIteration,
        )
    });
    let vars = policy.trainable_vars();
    let mut grads = Grads::default();
    if let Some(store) = loss().and_then(|l| l.backward().ok()) {
        let _ = grads.accumulate(&store, &vars);
    }
    g.bench_function("clip_and_adamw", |b| {
        let Ok(mut opt) = AdamW::new(vars.clone(), Default::default()) else {
            return;
        };
        b.iter(|| {
            let _ = grads.clip_global_norm(1.0);
            opt.step(&grads, 0.0).is_ok()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("grpo_run");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("full_step_32x8", |b| {
        let out = std::env::temp_dir().join("rulegym-bench-grpo");
        b.iter(|| {
            let mut cfg = bench_config();
            cfg.stages[0].steps = 1;
            cfg.stages[0].eval.episodes = 0;
            cfg.log.checkpoint_every = 0;
            let mut opts = RunOptions::new(&out);
            opts.force = true;
            train(&cfg, &opts).is_ok()
        })
    });
    g.finish();
}

criterion_group!(benches, grpo_parts);
criterion_main!(benches);
