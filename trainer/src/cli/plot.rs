//! `trainer plot runs/A [runs/B …] [--metric NAME]`: learning curves.

use std::path::PathBuf;

use anyhow::Context;
use rulegym_trainer::plot::{load_series, plot_runs};

/// Draws one metric of one or more runs on one chart (PNG and SVG).
#[derive(Debug, clap::Args)]
pub struct PlotArgs {
    /// Run folders (each holding metrics.jsonl).
    #[arg(required = true)]
    pub runs: Vec<PathBuf>,
    /// Metric name; nested fields with dots (`reward.total.mean`).
    #[arg(long, default_value = "episode_return")]
    pub metric: String,
    /// Moving-average window of the solid curve.
    #[arg(long, default_value_t = 10)]
    pub smooth: usize,
    /// Output path without extension (default: <first run>/<metric>).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(args: &PlotArgs) -> anyhow::Result<()> {
    let series = args
        .runs
        .iter()
        .map(|r| load_series(r, &args.metric))
        .collect::<Result<Vec<_>, _>>()?;
    let stem = match &args.out {
        Some(p) => p.clone(),
        None => args.runs[0].join(args.metric.replace('.', "_")),
    };
    let files = plot_runs(&series, &args.metric, args.smooth, &stem)
        .with_context(|| format!("plotting {}", args.metric))?;
    for f in files {
        println!("{}", f.display());
    }
    Ok(())
}
