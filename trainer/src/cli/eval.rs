//! `trainer eval --model DIR --env NAME [--episodes N]`, `trainer eval
//! --model DIR --config FILE [--stage NAME]` (every env of every stage, one
//! line per env, so a curriculum run is read family by family), and the
//! football baselines: `trainer eval --env football/<scenario> --agent
//! random|heuristic|DIR`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use rulegym_agent::Policy;
use rulegym_trainer::config::{EnvMix, RunConfig, SamplingConfig, BUILTIN_CONFIGS};
use rulegym_trainer::eval::{evaluate, stage_eval_envs};

/// Evaluates a saved policy: accuracy and mean return with 95% CIs.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// A policy: a run folder (its newest checkpoint), a checkpoint folder,
    /// its `latest` pointer, a checkpoint's `policy/`, or an HF checkpoint.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Who plays: `random` or `heuristic` (football baselines) or a policy
    /// folder (the same as `--model`).
    #[arg(long, conflicts_with = "model")]
    pub agent: Option<String>,
    /// First episode seed (baselines; episode k uses seed + k).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// A registered env, or a built-in config name (its first stage's envs
    /// and sampling settings).
    #[arg(long, required_unless_present = "config", conflicts_with = "config")]
    pub env: Option<String>,
    /// A run config TOML: evaluates the envs of each stage (its `eval.envs`,
    /// else the envs it trains on) with that stage's sampling settings.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// With `--config`: only this stage (by name).
    #[arg(long, requires = "config")]
    pub stage: Option<String>,
    #[arg(long, default_value_t = 100)]
    pub episodes: usize,
    /// Sampling temperature (0: greedy).
    #[arg(long, default_value_t = 0.0)]
    pub temperature: f64,
    /// Force the answer scaffold (as the tiny math default trains with).
    #[arg(long)]
    pub constrain_format: Option<bool>,
    #[arg(long)]
    pub max_new_tokens: Option<usize>,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub load: super::load::LoadArgs,
}

pub fn run(args: &EvalArgs) -> anyhow::Result<()> {
    let env_name = args.env.as_deref().unwrap_or_default();
    let model = match (&args.model, args.agent.as_deref()) {
        (Some(m), _) => m.clone(),
        (None, Some(agent @ ("random" | "heuristic"))) => return run_baseline(args, agent),
        (None, Some(dir)) => PathBuf::from(dir),
        (None, None) => bail!("give --model DIR (or --agent random|heuristic|DIR)"),
    };
    let plan = eval_plan(args, env_name)?;
    let model = resolve_policy_dir(&model)?;
    let (device, dtype) = args.load.open()?;
    let mut policy = Policy::load_with_dtype(&model, &device, dtype)
        .with_context(|| format!("loading {}", model.display()))?;
    args.load.apply(&mut policy)?;
    for (stage, envs, mut sampling) in plan {
        sampling.temperature = args.temperature;
        if let Some(c) = args.constrain_format {
            sampling.constrain_format = c;
        }
        if let Some(n) = args.max_new_tokens {
            sampling.max_new_tokens = n;
        }
        for env in &envs {
            let m = evaluate(&policy, env, args.episodes, &sampling, 1 << 40, 2, 0)?;
            if args.json {
                let mut v = serde_json::to_value(&m)?;
                if let (Some(stage), Some(o)) = (&stage, v.as_object_mut()) {
                    o.insert("stage".into(), stage.clone().into());
                }
                println!("{}", serde_json::to_string(&v)?);
                continue;
            }
            if let Some(stage) = &stage {
                print!("[{stage}] ");
            }
            print!(
                "{}: {} episodes, mean return {:.3} ± {:.3}",
                m.env, m.episodes, m.mean_return, m.return_ci95
            );
            if let (Some(a), Some(h)) = (m.accuracy, m.accuracy_ci95) {
                print!(", accuracy {a:.3} ± {h:.3}");
            }
            if let Some(f) = m.format_rate {
                print!(", format {f:.3}");
            }
            println!(" (95% CI)");
        }
    }
    Ok(())
}

/// A football baseline on `--env football/<scenario>`, or on each football
/// env of the config's stages with the env config that stage trains with
/// (so `max_turns` and reward layers match what the policy is compared on).
fn run_baseline(args: &EvalArgs, agent: &str) -> anyhow::Result<()> {
    let env_name = args.env.as_deref().unwrap_or_default();
    let envs: Vec<(String, serde_json::Value)> = if args.config.is_some() {
        eval_plan(args, env_name)?
            .into_iter()
            .flat_map(|(_, envs, _)| envs)
            .filter(|e| e.name.starts_with("football"))
            .map(|e| (e.name, e.config))
            .collect()
    } else {
        vec![(env_name.to_string(), serde_json::Value::Null)]
    };
    if envs.is_empty() || envs.iter().any(|(name, _)| !name.starts_with("football")) {
        bail!(
            "--agent {agent} is a football baseline; give --env football/<scenario> \
             (not '{env_name}') or a --config with football stages"
        );
    }
    for (env, config) in envs {
        super::football::run_eval(&super::football::FootballEvalArgs {
            env,
            agent: agent.to_string(),
            episodes: u32::try_from(args.episodes).unwrap_or(u32::MAX),
            seed: args.seed,
            config,
        })?;
    }
    Ok(())
}

/// What to evaluate: (stage name when from a config, its envs, its
/// sampling settings), in order.
type EvalPlan = Vec<(Option<String>, Vec<EnvMix>, SamplingConfig)>;

fn eval_plan(args: &EvalArgs, env_name: &str) -> anyhow::Result<EvalPlan> {
    if let Some(path) = &args.config {
        let cfg = RunConfig::from_file(path)?;
        let plan: EvalPlan = cfg
            .stages
            .iter()
            .enumerate()
            .filter(|(_, s)| args.stage.as_ref().is_none_or(|n| &s.name == n))
            .map(|(i, s)| {
                (
                    Some(s.name.clone()),
                    stage_eval_envs(s),
                    cfg.resolve(i).sampling,
                )
            })
            .collect();
        if plan.is_empty() {
            let names: Vec<_> = cfg.stages.iter().map(|s| s.name.as_str()).collect();
            bail!(
                "{} has no stage named '{}' (stages: {})",
                path.display(),
                args.stage.as_deref().unwrap_or_default(),
                names.join(", ")
            );
        }
        return Ok(plan);
    }
    if BUILTIN_CONFIGS.contains(&env_name) {
        let cfg = RunConfig::builtin(env_name)?;
        return Ok(vec![(
            None,
            cfg.stages[0].envs.clone(),
            cfg.resolve(0).sampling,
        )]);
    }
    let mix = EnvMix {
        name: env_name.to_string(),
        ..Default::default()
    };
    Ok(vec![(None, vec![mix], SamplingConfig::default())])
}

/// The policy folder a `--model` path names: HF checkpoint folders are used
/// as they are; run folders, checkpoint folders and the `latest` pointer
/// lead to the checkpoint's `policy/`.
fn resolve_policy_dir(path: &Path) -> anyhow::Result<PathBuf> {
    if path.join("config.json").is_file() {
        return Ok(path.to_path_buf());
    }
    if path.is_file() && path.file_name().is_some_and(|n| n == "latest") {
        let run_dir = path
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."));
        return resolve_policy_dir(run_dir);
    }
    if path.join("policy").join("config.json").is_file() {
        return Ok(path.join("policy"));
    }
    if let Some(ckpt) = rulegym_trainer::checkpoint::latest(path)? {
        return Ok(ckpt.join("policy"));
    }
    bail!(
        "{} is not a policy folder (no config.json), a checkpoint or a run with checkpoints",
        path.display()
    )
}
