//! The training run: sets up the run folder, policy, reference and
//! optimizer (or restores them with `--resume`), then loops
//! rollout → advantages → update → metrics, with periodic samples,
//! evaluations and checkpoints, and stops cleanly on Ctrl-C / SIGTERM.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use candle_core::Device;
use indicatif::{ProgressBar, ProgressStyle};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rulegym_agent::{Constraint, DeviceName, LoraConfig, Policy};

use crate::checkpoint::{self, CheckpointError, RngState, TrainState};
use crate::config::{ModelSource, Resolved, RunConfig};
use crate::curriculum::draw_requests;
use crate::eval::{evaluate, stage_eval_envs};
use crate::grpo::step::{update, TrainItem, UpdateSettings, UpdateStats};
use crate::grpo::{group_advantages, LossSettings};
use crate::metrics::{JsonlWriter, MeanStd, MetricsError, Record, StepMetrics};
use crate::optim::{lr_at, AdamW, OptimError};
use crate::rollout::{Rollout, RolloutBatch, RolloutError};

/// Errors that end a run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("run folder {0} exists; pass --resume to continue it or --force to replace it")]
    Exists(String),
    #[error("run folder {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("model: {0}")]
    Policy(#[from] rulegym_agent::AgentError),
    #[error(transparent)]
    Rollout(#[from] RolloutError),
    #[error(transparent)]
    Step(#[from] crate::grpo::step::StepError),
    #[error(transparent)]
    Optim(#[from] OptimError),
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    #[error(transparent)]
    Metrics(#[from] MetricsError),
    #[error(transparent)]
    Advantage(#[from] crate::grpo::advantages::AdvantageError),
    #[error(transparent)]
    Plot(#[from] crate::plot::PlotError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(
        "stopped at step {step}: {streak} updates in a row skipped for a non-finite loss, \
         the limit set by log.max_nonfinite_steps (last cause: {cause}); check the env's \
         rewards, or lower optim.lr or optim.grad_clip; the last good weights are \
         checkpointed in {dir}"
    )]
    NonFinite {
        step: u64,
        streak: u32,
        cause: String,
        dir: String,
    },
    #[error("{0}")]
    Setup(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RunError + '_ {
    move |source| RunError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// How a run is started and stopped.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Parent folder of run folders (`runs`).
    pub out: PathBuf,
    pub resume: bool,
    pub force: bool,
    pub progress: bool,
    /// Set by the Ctrl-C / SIGTERM handler: checkpoint, flush, return.
    pub stop: Arc<AtomicBool>,
    /// Behave as if interrupted once this many steps are done (tests).
    pub stop_after: Option<u64>,
}

impl RunOptions {
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Self {
            out: out.into(),
            resume: false,
            force: false,
            progress: false,
            stop: Arc::new(AtomicBool::new(false)),
            stop_after: None,
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    pub run_dir: PathBuf,
    pub steps_done: u64,
    pub interrupted: bool,
    pub last_checkpoint: Option<PathBuf>,
}

/// Builds the policy the config names (before any training) on `dev`.
pub fn build_policy(src: &ModelSource, seed: u64, dev: &Device) -> Result<Policy, RunError> {
    let dtype = rulegym_agent::parse_dtype(&src.dtype)?;
    let mut p = match &src.checkpoint {
        Some(dir) => Policy::load_with_dtype(dir, dev, dtype)?,
        None => Policy::preset_with_dtype(&src.preset, seed, dev, dtype)?,
    };
    if let Some(l) = &src.lora {
        p.enable_lora(&LoraConfig {
            rank: l.rank,
            alpha: l.alpha,
            target_modules: l.target_modules.clone(),
            dropout: l.dropout,
        })?;
    }
    if !src.freeze.is_empty() {
        p.freeze(&src.freeze)?;
    }
    apply_vision_positions(&mut p, src)?;
    Ok(p)
}

/// Sets the M-RoPE rule the config names on a policy with a vision tower.
fn apply_vision_positions(p: &mut Policy, src: &ModelSource) -> Result<(), RunError> {
    if p.vision().is_ok() {
        let rule = src.text_after_vision().map_err(RunError::Setup)?;
        p.set_text_after_vision(rule)?;
    }
    Ok(())
}

/// Trains `cfg` to its last step (or until stopped).
pub fn train(cfg: &RunConfig, opts: &RunOptions) -> Result<RunSummary, RunError> {
    let run_dir = opts.out.join(&cfg.name);
    // Before the folder is touched: a config that cannot be saved stops the run.
    let config_toml = cfg.to_toml()?;
    let dev = cfg.model.device.parse::<DeviceName>()?.open()?;
    let resume_from = prepare_dir(&run_dir, opts)?;
    std::fs::write(run_dir.join("config.toml"), config_toml).map_err(io(&run_dir))?;

    // The reference is the model the run started from, rebuilt from its
    // source (so resuming needs no copy of it).
    let needs_ref = (0..cfg.stages.len()).any(|i| cfg.resolve(i).grpo.beta != 0.0);
    let (policy, state) = match &resume_from {
        Some(dir) => {
            let dtype = rulegym_agent::parse_dtype(&cfg.model.dtype)?;
            let mut p = Policy::load_with_dtype(&dir.join("policy"), &dev, dtype)?;
            if !cfg.model.freeze.is_empty() {
                p.freeze(&cfg.model.freeze)?;
            }
            apply_vision_positions(&mut p, &cfg.model)?;
            (p, checkpoint::read_state(dir)?)
        }
        None => (
            build_policy(&cfg.model, cfg.seed, &dev)?,
            TrainState {
                step: 0,
                rng: RngState::capture(&ChaCha8Rng::seed_from_u64(cfg.seed)),
                nonfinite_streak: 0,
            },
        ),
    };
    let reference = if needs_ref {
        Some(build_policy(&cfg.model, cfg.seed, &dev)?.frozen_copy()?)
    } else {
        None
    };
    let mut optimizer = AdamW::new(policy.trainable_vars(), cfg.optim.adamw)?;
    if let Some(dir) = &resume_from {
        optimizer.load(&dir.join("optimizer.safetensors"))?;
    }
    let metrics_path = run_dir.join("metrics.jsonl");
    crate::metrics::truncate_from(&metrics_path, state.step)?;
    let mut metrics = JsonlWriter::append(&metrics_path)?;
    let mut samples = JsonlWriter::append(&run_dir.join("samples.jsonl"))?;

    let mut loop_ = Loop {
        cfg,
        opts,
        run_dir: run_dir.clone(),
        policy,
        reference,
        optimizer,
        rng: state.rng.restore().map_err(RunError::Setup)?,
        step: state.step,
        streak: state.nonfinite_streak,
        rollout: None,
        metrics: &mut metrics,
        samples: &mut samples,
        last_checkpoint: resume_from,
    };
    let result = loop_.run();
    // A run stopped by an error still gets its plot of the steps it did.
    let plotted = if loop_.step > 0 {
        write_plot(cfg, &run_dir)
    } else {
        Ok(())
    };
    let summary = result?;
    plotted?;
    Ok(summary)
}

fn write_plot(cfg: &RunConfig, run_dir: &Path) -> Result<(), RunError> {
    if let Ok(series) = crate::plot::load_series(run_dir, "episode_return") {
        crate::plot::plot_runs(
            &[series],
            "episode_return",
            cfg.log.plot_smoothing,
            &run_dir.join("episode_return"),
        )?;
    }
    Ok(())
}

/// Creates the run folder, refusing to overwrite one without `--resume` or
/// `--force`; returns the checkpoint to resume from.
fn prepare_dir(run_dir: &Path, opts: &RunOptions) -> Result<Option<PathBuf>, RunError> {
    if run_dir.exists() {
        if opts.resume {
            return Ok(checkpoint::latest(run_dir)?);
        }
        if !opts.force {
            return Err(RunError::Exists(run_dir.display().to_string()));
        }
        std::fs::remove_dir_all(run_dir).map_err(io(run_dir))?;
    }
    std::fs::create_dir_all(run_dir).map_err(io(run_dir))?;
    Ok(None)
}

struct Loop<'a> {
    cfg: &'a RunConfig,
    opts: &'a RunOptions,
    run_dir: PathBuf,
    policy: Policy,
    reference: Option<Policy>,
    optimizer: AdamW,
    rng: ChaCha8Rng,
    step: u64,
    streak: u32,
    rollout: Option<(usize, Rollout)>,
    metrics: &'a mut JsonlWriter,
    samples: &'a mut JsonlWriter,
    last_checkpoint: Option<PathBuf>,
}

impl Loop<'_> {
    fn run(&mut self) -> Result<RunSummary, RunError> {
        let total = self.cfg.total_steps();
        let bar = self.progress_bar(total);
        let mut interrupted = false;
        while let Some((si, _)) = self.cfg.stage_of(self.step) {
            if self.opts.stop.load(Ordering::SeqCst) || self.opts.stop_after == Some(self.step) {
                interrupted = true;
                break;
            }
            let m = self.train_step(si)?;
            if let Some(b) = &bar {
                b.set_position(self.step);
                b.set_message(progress_message(&m));
            }
            self.after_step(si)?;
        }
        if interrupted {
            self.metrics.write(&Record::Event {
                step: self.step,
                message: "interrupted; final checkpoint written".into(),
            })?;
        }
        self.checkpoint()?;
        if let Some(b) = bar {
            b.finish();
        }
        Ok(RunSummary {
            run_dir: self.run_dir.clone(),
            steps_done: self.step,
            interrupted,
            last_checkpoint: self.last_checkpoint.clone(),
        })
    }

    fn progress_bar(&self, total: u64) -> Option<ProgressBar> {
        if !self.opts.progress {
            return None;
        }
        let bar = ProgressBar::new(total);
        let style = ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_position(self.step);
        Some(bar)
    }

    /// One generation step, as the algorithm reads: generate and score →
    /// advantages → update → log.
    fn train_step(&mut self, si: usize) -> Result<StepMetrics, RunError> {
        let t0 = Instant::now();
        let r = self.cfg.resolve(si);
        let (batch, constraints) = self.generate_and_score(si, &r)?;
        let returns: Vec<f64> = batch.episodes.iter().map(|e| e.ret).collect();
        let adv = group_advantages(&returns, r.grpo.group_size, r.grpo.scale, r.grpo.adv_eps)?;
        let (lr, stats) = self.update_policy(&batch, &adv, &constraints, &r)?;
        let m = self.log_step(si, lr, &batch, &adv, &stats, t0)?;
        self.step += 1;
        Ok(m)
    }

    /// Generate and score: `group_size` completions of each drawn request,
    /// played and scored by the stage's envs (its rollout is built when the
    /// stage starts). Returns the batch and each env slot's constraint.
    fn generate_and_score(
        &mut self,
        si: usize,
        r: &Resolved,
    ) -> Result<(RolloutBatch, Vec<Option<Constraint>>), RunError> {
        let stage = &self.cfg.stages[si];
        if self.rollout.as_ref().map(|(i, _)| *i) != Some(si) {
            let rollout = Rollout::new(&stage.envs, &r.sampling, self.cfg.workers)?;
            self.rollout = Some((si, rollout));
        }
        let Some((_, rollout)) = self.rollout.as_mut() else {
            return Err(RunError::Setup("rollout missing".into()));
        };
        let requests = draw_requests(stage, r.grpo.prompts_per_step, &mut self.rng);
        let batch = rollout.run(
            &self.policy,
            &requests,
            r.grpo.group_size,
            &r.sampling,
            &mut self.rng,
        )?;
        let constraints = rollout.slots.iter().map(|s| s.constraint.clone()).collect();
        Ok((batch, constraints))
    }

    /// Update: every turn of an episode learns with the episode's advantage;
    /// μ optimizer passes over the batch. Returns the learning rate of the
    /// first pass and the update's diagnostics.
    fn update_policy(
        &mut self,
        batch: &RolloutBatch,
        adv: &[f64],
        constraints: &[Option<Constraint>],
        r: &Resolved,
    ) -> Result<(f64, UpdateStats), RunError> {
        let items: Vec<TrainItem> = batch
            .turns
            .iter()
            .map(|t| TrainItem {
                prompt: t.prompt.clone(),
                vision: t.vision.clone(),
                completion: t.completion.clone(),
                advantage: adv[t.episode] as f32,
                slot: t.slot,
            })
            .collect();
        let settings = update_settings(r, self.cfg.seed, self.step);
        let total_updates = self.cfg.total_steps() * r.grpo.iterations as u64;
        let (peak, warm, floor) = (r.optim.lr, r.optim.warmup_steps, r.optim.min_lr_ratio);
        let lr_of = |k: u64| lr_at(peak, k, warm, total_updates, floor);
        let lr = lr_of(self.optimizer.step_count());
        let stats = update(
            &self.policy,
            self.reference.as_ref(),
            &mut self.optimizer,
            &items,
            constraints,
            &settings,
            lr_of,
        )?;
        Ok((lr, stats))
    }

    /// Log: the step's metrics line; a skipped update's event (stopping the
    /// run after `log.max_nonfinite_steps` in a row); samples when due.
    fn log_step(
        &mut self,
        si: usize,
        lr: f64,
        batch: &RolloutBatch,
        adv: &[f64],
        stats: &UpdateStats,
        t0: Instant,
    ) -> Result<StepMetrics, RunError> {
        let secs = t0.elapsed().as_secs_f64();
        let m = step_metrics(self.step, &self.cfg.stages[si].name, lr, batch, stats, secs);
        self.metrics.write(&Record::Train(m.clone()))?;
        if stats.nonfinite {
            self.skipped_update(batch, stats)?;
        } else {
            self.streak = 0;
        }
        let every = self.cfg.log.sample_every;
        if every > 0 && self.step.is_multiple_of(every) {
            self.log_samples(batch, adv, rollout_names(self.rollout.as_ref()))?;
        }
        Ok(m)
    }

    /// Counts a skipped update; at the configured streak, checkpoints the
    /// last good weights and ends the run with the cause.
    fn skipped_update(
        &mut self,
        batch: &RolloutBatch,
        stats: &UpdateStats,
    ) -> Result<(), RunError> {
        self.streak += 1;
        let cause = nonfinite_cause(batch, &rollout_names(self.rollout.as_ref()), stats);
        self.metrics.write(&Record::Event {
            step: self.step,
            message: format!("{cause}; update skipped ({} in a row)", self.streak),
        })?;
        if self.streak < self.cfg.log.max_nonfinite_steps {
            return Ok(());
        }
        // The skipped updates left the weights as the last good step made
        // them; checkpoint those (as after this step) and say so.
        self.step += 1;
        let dir = self.checkpoint()?;
        let err = RunError::NonFinite {
            step: self.step - 1,
            streak: self.streak,
            cause,
            dir: dir.display().to_string(),
        };
        self.metrics.write(&Record::Event {
            step: self.step - 1,
            message: err.to_string(),
        })?;
        Err(err)
    }

    /// Evaluations and checkpoints due after a step.
    fn after_step(&mut self, si: usize) -> Result<(), RunError> {
        let stage = &self.cfg.stages[si];
        let stage_done = self.cfg.stage_of(self.step).map(|(i, _)| i) != Some(si);
        let every = stage.eval.every;
        if stage.eval.episodes > 0 && (stage_done || (every > 0 && self.step.is_multiple_of(every)))
        {
            self.evaluate(si)?;
        }
        let ck = self.cfg.log.checkpoint_every;
        if ck > 0 && self.step.is_multiple_of(ck) && self.cfg.stage_of(self.step).is_some() {
            self.checkpoint()?;
        }
        Ok(())
    }

    fn evaluate(&mut self, si: usize) -> Result<(), RunError> {
        let stage = &self.cfg.stages[si];
        let mut sampling = self.cfg.resolve(si).sampling;
        sampling.temperature = stage.eval.temperature;
        let envs = stage_eval_envs(stage);
        for env in &envs {
            let m = evaluate(
                &self.policy,
                env,
                stage.eval.episodes,
                &sampling,
                stage.eval.seed_offset,
                self.cfg.workers,
                self.step,
            )?;
            self.metrics.write(&Record::Eval(m))?;
        }
        Ok(())
    }

    fn checkpoint(&mut self) -> Result<PathBuf, RunError> {
        let state = TrainState {
            step: self.step,
            rng: RngState::capture(&self.rng),
            nonfinite_streak: self.streak,
        };
        let policy = &self.policy;
        let dir = checkpoint::save(&self.run_dir, &state, &self.optimizer, |d| {
            policy.save(d).map_err(|e| e.to_string())
        })?;
        self.last_checkpoint = Some(dir.clone());
        Ok(dir)
    }

    fn log_samples(
        &mut self,
        batch: &RolloutBatch,
        adv: &[f64],
        names: Vec<String>,
    ) -> Result<(), RunError> {
        for (i, e) in batch
            .episodes
            .iter()
            .take(self.cfg.log.samples_per_log)
            .enumerate()
        {
            let rec = serde_json::json!({
                "step": self.step,
                "env": names.get(e.slot).cloned().unwrap_or_default(),
                "seed": e.seed,
                "prompt": e.first_prompt,
                "completion": e.last_action,
                "return": e.ret,
                "reward_parts": e.parts,
                "advantage": adv.get(i).copied().unwrap_or(0.0),
                "turns": e.turns,
            });
            self.samples.write(&rec)?;
        }
        Ok(())
    }
}

/// The update's settings from the resolved config.
fn update_settings(r: &Resolved, seed: u64, step: u64) -> UpdateSettings {
    UpdateSettings {
        loss: LossSettings {
            epsilon_low: r.grpo.epsilon,
            epsilon_high: r.grpo.epsilon_high.unwrap_or(r.grpo.epsilon),
            beta: r.grpo.beta,
            aggregation: r.grpo.aggregation,
            max_completion_len: r.sampling.max_new_tokens,
        },
        iterations: r.grpo.iterations,
        micro_batch: r.grpo.micro_batch,
        temperature: r.sampling.temperature,
        grad_clip: r.optim.grad_clip,
        // From the seed and step alone, so a resumed run draws the same masks.
        dropout_seed: seed ^ (step + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
    }
}

fn rollout_names(r: Option<&(usize, Rollout)>) -> Vec<String> {
    r.map(|(_, r)| r.slots.iter().map(|s| s.mix.name.clone()).collect())
        .unwrap_or_default()
}

/// Why an update was skipped: the envs whose rewards were not finite (NaN
/// rewards make NaN advantages and so a NaN loss), else the loss or gradient.
fn nonfinite_cause(batch: &RolloutBatch, names: &[String], stats: &UpdateStats) -> String {
    let mut envs: Vec<&str> = batch
        .episodes
        .iter()
        .filter(|e| !e.ret.is_finite() || e.parts.values().any(|v| !v.is_finite()))
        .map(|e| names.get(e.slot).map_or("?", String::as_str))
        .collect();
    envs.sort_unstable();
    envs.dedup();
    if !envs.is_empty() {
        format!("non-finite reward from env {}", envs.join(", "))
    } else if !stats.loss.is_finite() {
        "non-finite loss".into()
    } else {
        "non-finite gradient norm".into()
    }
}

fn progress_message(m: &StepMetrics) -> String {
    let mut s = format!("R {:.3}", m.episode_return);
    if let Some(f) = m.format_rate {
        s += &format!(" fmt {f:.2}");
    }
    if let Some(a) = m.accuracy {
        s += &format!(" acc {a:.2}");
    }
    s + &format!(" kl {:.4}", m.kl)
}

fn step_metrics(
    step: u64,
    stage: &str,
    lr: f64,
    batch: &RolloutBatch,
    stats: &UpdateStats,
    secs: f64,
) -> StepMetrics {
    let eps = &batch.episodes;
    let mut parts: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for e in eps {
        parts.entry("total".into()).or_default().push(e.ret);
        for (k, v) in &e.parts {
            parts.entry(k.clone()).or_default().push(*v);
        }
    }
    let rate = |f: fn(&crate::rollout::EpisodeResult) -> Option<bool>| {
        let v: Vec<f64> = eps.iter().filter_map(f).map(|b| b as u8 as f64).collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    let n = eps.len().max(1) as f64;
    let turns = batch.turns.len().max(1) as f64;
    let logp_sum: f64 = batch
        .turns
        .iter()
        .flat_map(|t| &t.sample_logprobs)
        .map(|&l| l as f64)
        .sum();
    StepMetrics {
        step,
        stage: stage.to_string(),
        lr,
        reward: parts
            .iter()
            .map(|(k, v)| (k.clone(), MeanStd::of(v)))
            .collect(),
        format_rate: rate(|e| e.format_ok),
        accuracy: rate(|e| e.correct),
        episode_return: eps.iter().map(|e| e.ret).sum::<f64>() / n,
        episode_len: eps.iter().map(|e| e.turns as f64).sum::<f64>() / n,
        kl: stats.kl,
        // −E[log π(sampled token)] estimates the per-token entropy.
        entropy: -logp_sum / batch.completion_tokens.max(1) as f64,
        clip_fraction: stats.clip_fraction,
        grad_norm: stats.grad_norm,
        loss: stats.loss,
        response_len: batch.completion_tokens as f64 / turns,
        skipped: stats.nonfinite,
        tokens_per_s: batch.completion_tokens as f64 / secs.max(1e-9),
        env_steps_per_s: batch.env_steps as f64 / batch.env_time.as_secs_f64().max(1e-9),
        step_seconds: secs,
    }
}
