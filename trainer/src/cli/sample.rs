//! `trainer sample --env NAME --out DIR`: writes what an env shows, for
//! inspection or for other trainers. Football records played episodes (PNG
//! frames, an animated GIF, the episode JSON); spatial exports a VSI-100k-like
//! dataset (frames, questions.jsonl, scene JSON); visual math and Sokoban
//! write images and a `problems.jsonl` a Python trainer reads.

use std::path::PathBuf;

use anyhow::bail;

use super::football::{run_sample as football_sample, FootballSampleArgs};
use super::sample_images::run as image_sample;
use super::sample_spatial::run as spatial_sample;

#[derive(Debug, Clone, clap::Args)]
pub struct SampleArgs {
    /// `football[/<scenario>]`, `spatial[/<type>]`, `vmath/<family>` or
    /// `sokoban[/<mode>]`.
    #[arg(long)]
    pub env: String,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// Spatial, vmath, sokoban: problems (default 100). Football: episodes
    /// (default 1; several go to `episode_000/`, `episode_001/`, ...).
    #[arg(long)]
    pub n: Option<usize>,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Football: the agent that plays (`random` or `heuristic`).
    #[arg(long, default_value = "heuristic")]
    pub agent: String,
    /// Env config: a TOML or JSON file (by extension, else by content), or
    /// inline JSON.
    #[arg(long)]
    pub config: Option<String>,
    /// Spatial: frames per video.
    #[arg(long)]
    pub frames: Option<usize>,
    /// Spatial, vmath: frame width and height in pixels.
    #[arg(long)]
    pub size: Option<u32>,
    /// Spatial: questions and scenes only, no frames.
    #[arg(long)]
    pub no_render: bool,
    /// Spatial: leave multiple-choice options out of the questions.
    #[arg(long)]
    pub no_options: bool,
}

pub fn run(args: &SampleArgs) -> anyhow::Result<()> {
    let family = args.env.split('/').next().unwrap_or_default();
    match family {
        "football" => sample_football(args),
        "spatial" => spatial_sample(args),
        "vmath" | "sokoban" => image_sample(args),
        _ => bail!(
            "trainer sample knows the football, spatial, vmath and sokoban families, not '{}'",
            args.env
        ),
    }
}

fn sample_football(args: &SampleArgs) -> anyhow::Result<()> {
    let config = match &args.config {
        Some(c) => super::env_config::parse(c, "--config")?,
        None => serde_json::Value::Null,
    };
    let episodes = args.n.unwrap_or(1);
    for k in 0..episodes {
        let out = if episodes == 1 {
            args.out.clone()
        } else {
            args.out.join(format!("episode_{k:03}"))
        };
        football_sample(&FootballSampleArgs {
            env: args.env.clone(),
            out,
            agent: args.agent.clone(),
            seed: args.seed + k as u64,
            config: config.clone(),
        })?;
    }
    Ok(())
}
