//! `trainer eval` and `trainer sample` for the football envs: evaluate a
//! baseline agent (goal rate and mean return with 95% intervals) and record
//! an episode as PNG frames, an animated GIF and an episode JSON.

use std::path::PathBuf;

use rulegym_envs::football::agents::{baseline, evaluate_with};
use rulegym_envs::football::record::record_episode;

/// `trainer eval --env football/<scenario> --agent random|heuristic --episodes N`
#[derive(Debug, Clone)]
pub struct FootballEvalArgs {
    /// `football` or `football/<scenario>`.
    pub env: String,
    /// `random` or `heuristic`.
    pub agent: String,
    pub episodes: u32,
    /// Episode k uses seed + k.
    pub seed: u64,
    /// The env config (`Null`: defaults).
    pub config: serde_json::Value,
}

/// `trainer sample --env football/<scenario> --out DIR [--agent heuristic] [--seed S]`
#[derive(Debug, Clone)]
pub struct FootballSampleArgs {
    pub env: String,
    pub out: PathBuf,
    pub agent: String,
    pub seed: u64,
    /// The env config (`Null`: defaults).
    pub config: serde_json::Value,
}

/// Prints the evaluation report (one line, then the JSON).
pub fn run_eval(args: &FootballEvalArgs) -> anyhow::Result<()> {
    let mut agent = baseline(&args.agent, args.seed)?;
    let report = evaluate_with(
        &args.env,
        &args.config,
        agent.as_mut(),
        args.episodes,
        args.seed,
    )?;
    println!("{report}");
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

/// Writes `frame_NNNN.png`, `episode.gif` and `episode.json` under `--out`.
pub fn run_sample(args: &FootballSampleArgs) -> anyhow::Result<()> {
    let mut agent = baseline(&args.agent, args.seed)?;
    let rec = record_episode(
        &args.env,
        &args.config,
        agent.as_mut(),
        args.seed,
        Some(&args.out),
    )?;
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
