//! `trainer eval` and `trainer sample` for the football envs: evaluate a
//! baseline agent (goal rate and mean return with 95% intervals) and record
//! an episode as PNG frames, an animated GIF and an episode JSON.

use std::path::PathBuf;

use anyhow::Context;
use rulegym_envs::football::agents::{baseline, evaluate_with};
use rulegym_envs::football::record::record_episode;

/// `trainer eval --env football/<scenario> --agent random|heuristic --episodes N`
#[derive(clap::Args, Debug, Clone)]
pub struct FootballEvalArgs {
    /// `football` or `football/<scenario>`.
    #[arg(long, default_value = "football")]
    pub env: String,
    /// `random` or `heuristic`.
    #[arg(long, default_value = "heuristic")]
    pub agent: String,
    #[arg(long, default_value_t = 100)]
    pub episodes: u32,
    /// Episode k uses seed + k.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Env config as JSON (for example '{"auto_continue": 0}').
    #[arg(long)]
    pub config: Option<String>,
}

/// `trainer sample --env football/<scenario> --out DIR [--agent heuristic] [--seed S]`
#[derive(clap::Args, Debug, Clone)]
pub struct FootballSampleArgs {
    #[arg(long, default_value = "football")]
    pub env: String,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value = "heuristic")]
    pub agent: String,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Env config as JSON (for example '{"frame": {"width": 448, "height": 448}}').
    #[arg(long)]
    pub config: Option<String>,
}

fn config(text: &Option<String>) -> anyhow::Result<serde_json::Value> {
    match text {
        Some(t) => {
            serde_json::from_str(t).with_context(|| format!("--config is not valid JSON: {t}"))
        }
        None => Ok(serde_json::Value::Null),
    }
}

/// Prints the evaluation report (one line, then the JSON).
pub fn run_eval(args: &FootballEvalArgs) -> anyhow::Result<()> {
    let cfg = config(&args.config)?;
    let mut agent = baseline(&args.agent, args.seed)?;
    let report = evaluate_with(&args.env, &cfg, agent.as_mut(), args.episodes, args.seed)?;
    println!("{report}");
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

/// Writes `frame_NNNN.png`, `episode.gif` and `episode.json` under `--out`.
pub fn run_sample(args: &FootballSampleArgs) -> anyhow::Result<()> {
    let cfg = config(&args.config)?;
    let mut agent = baseline(&args.agent, args.seed)?;
    let rec = record_episode(&args.env, &cfg, agent.as_mut(), args.seed, Some(&args.out))?;
    println!(
        "{}: {} turns, score {}-{}, return {:.3}; wrote {}",
        rec.env,
        rec.turns.len(),
        rec.score[0],
        rec.score[1],
        rec.total_return,
        args.out.display()
    );
    Ok(())
}
