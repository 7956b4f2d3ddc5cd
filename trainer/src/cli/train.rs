//! The default action: `trainer --env NAME` or `trainer --config FILE`.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use anyhow::{bail, Context};
use rulegym_trainer::config::{EnvMix, RunConfig, StageConfig, BUILTIN_CONFIGS};
use rulegym_trainer::run::{train, RunOptions};

/// Trains with GRPO.
#[derive(Debug, Default, clap::Args)]
pub struct TrainArgs {
    /// A built-in config (math, football, spatial) or a registered env name.
    #[arg(long, conflicts_with = "config")]
    pub env: Option<String>,
    /// A run config TOML file.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Steps of every stage (overrides the config).
    #[arg(long)]
    pub steps: Option<u64>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// Run folder name (default: the config's `name`).
    #[arg(long)]
    pub run_name: Option<String>,
    /// Continue the run folder from its latest checkpoint.
    #[arg(long)]
    pub resume: bool,
    /// Replace an existing run folder.
    #[arg(long, conflicts_with = "resume")]
    pub force: bool,
    /// Parent folder of runs.
    #[arg(long, default_value = "runs")]
    pub out: PathBuf,
    /// β of the KL penalty (all stages).
    #[arg(long)]
    pub beta: Option<f64>,
    /// Peak learning rate (all stages).
    #[arg(long)]
    pub lr: Option<f64>,
    /// `cpu`, `cuda` or `cuda:N` (overrides `model.device`).
    #[arg(long)]
    pub device: Option<String>,
    /// f32, bf16 or f16 (overrides `model.dtype`).
    #[arg(long)]
    pub dtype: Option<String>,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// The config the flags select, with overrides applied.
pub fn resolve_config(args: &TrainArgs) -> anyhow::Result<RunConfig> {
    let mut cfg = match (&args.env, &args.config) {
        (_, Some(path)) => RunConfig::from_file(path)?,
        (Some(name), None) if BUILTIN_CONFIGS.contains(&name.as_str()) => RunConfig::builtin(name)?,
        (Some(name), None) => {
            // Any registered env trains with the math defaults' settings.
            rulegym_envs::make(name, &serde_json::Value::Null)
                .with_context(|| format!("--env {name}"))?;
            let mut c = RunConfig::builtin("math")?;
            c.name = name.replace('/', "_");
            c.stages = vec![StageConfig {
                name: name.clone(),
                envs: vec![EnvMix {
                    name: name.clone(),
                    ..Default::default()
                }],
                ..c.stages[0].clone()
            }];
            c
        }
        (None, None) => bail!(
            "say what to train: --env NAME (built-in: {}) or --config FILE; `trainer envs` lists envs",
            BUILTIN_CONFIGS.join(", ")
        ),
    };
    if let Some(s) = args.steps {
        for st in &mut cfg.stages {
            st.steps = s;
        }
    }
    if let Some(s) = args.seed {
        cfg.seed = s;
    }
    if let Some(n) = &args.run_name {
        cfg.name = n.clone();
    }
    if let Some(b) = args.beta {
        cfg.grpo.beta = b;
        cfg.stages.iter_mut().for_each(|s| s.overrides.beta = None);
    }
    if let Some(lr) = args.lr {
        cfg.optim.lr = lr;
        cfg.stages.iter_mut().for_each(|s| s.overrides.lr = None);
    }
    if let Some(d) = &args.device {
        cfg.model.device = d.clone();
    }
    if let Some(d) = &args.dtype {
        cfg.model.dtype = d.clone();
    }
    cfg.validate()?;
    Ok(cfg)
}

pub fn run(args: &TrainArgs) -> anyhow::Result<()> {
    let cfg = resolve_config(args)?;
    let mut opts = RunOptions::new(&args.out);
    opts.resume = args.resume;
    opts.force = args.force;
    opts.progress = !args.quiet;
    let stop = opts.stop.clone();
    // Ctrl-C / SIGTERM: finish the current step, checkpoint, flush, exit.
    ctrlc::set_handler(move || {
        if stop.swap(true, Ordering::SeqCst) {
            eprintln!("second interrupt: exiting without a final checkpoint");
            std::process::exit(130);
        }
        eprintln!("interrupt: finishing the step, then writing a checkpoint");
    })
    .context("installing the Ctrl-C handler")?;
    let s = train(&cfg, &opts)?;
    let ck = s
        .last_checkpoint
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "none".into());
    if s.interrupted {
        println!(
            "interrupted after {} steps; checkpoint {ck}; resume with --resume",
            s.steps_done
        );
    } else {
        println!(
            "done: {} steps in {}; checkpoint {ck}",
            s.steps_done,
            s.run_dir.display()
        );
    }
    Ok(())
}
