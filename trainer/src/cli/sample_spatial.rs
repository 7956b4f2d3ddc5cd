//! `trainer sample --env spatial --n N --out DIR`: writes a spatial dataset
//! (frames, questions.jsonl, scene JSON) in the VSI-100k-like layout of
//! `rulegym_envs::spatial::export`.

use std::path::PathBuf;

use anyhow::Context;
use rulegym_envs::spatial::export::export_dataset;
use rulegym_envs::spatial::questions::QuestionType;
use rulegym_envs::spatial::SpatialConfig;

#[derive(Debug, Clone, clap::Args)]
pub struct SampleSpatialArgs {
    /// `spatial` (all question types) or `spatial/<type>`.
    #[arg(long, default_value = "spatial")]
    pub env: String,
    /// Number of questions (one scene each).
    #[arg(long, default_value_t = 100)]
    pub n: usize,
    /// Output directory.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Spatial env config as JSON or TOML (`SpatialConfig` keys).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Frames per video (overrides the config).
    #[arg(long)]
    pub frames: Option<usize>,
    /// Frame width and height in pixels (overrides the config).
    #[arg(long)]
    pub size: Option<u32>,
    /// Write questions and scenes only, no frames.
    #[arg(long)]
    pub no_render: bool,
    /// Leave multiple-choice options out of the questions (as vsGRPO).
    #[arg(long)]
    pub no_options: bool,
}

fn load_config(args: &SampleSpatialArgs) -> anyhow::Result<SpatialConfig> {
    let mut cfg: SpatialConfig = match &args.config {
        None => SpatialConfig::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            if path.extension().is_some_and(|e| e == "toml") {
                toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?
            } else {
                serde_json::from_str(&text)
                    .with_context(|| format!("parsing {}", path.display()))?
            }
        }
    };
    match args.env.as_str() {
        "spatial" => {}
        name => {
            let kind = name
                .strip_prefix("spatial/")
                .and_then(QuestionType::from_name)
                .with_context(|| format!("--env {name}: expected spatial or spatial/<type>"))?;
            cfg.question_types = vec![kind.name().to_string()];
        }
    }
    if let Some(f) = args.frames {
        cfg.frames = f;
    }
    if let Some(s) = args.size {
        cfg.width = s;
        cfg.height = s;
    }
    if args.no_render {
        cfg.render = false;
    }
    if args.no_options {
        cfg.show_options = false;
    }
    Ok(cfg)
}

pub fn run(args: &SampleSpatialArgs) -> anyhow::Result<()> {
    let cfg = load_config(args)?;
    let summary = export_dataset(&cfg, args.n, args.seed, &args.out)?;
    println!(
        "wrote {} questions and {} frames to {}",
        summary.questions,
        summary.frames,
        summary.out_dir.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_env_name_selects_that_question_type() -> anyhow::Result<()> {
        let args = SampleSpatialArgs {
            env: "spatial/route_plan".into(),
            n: 1,
            out: PathBuf::from("unused"),
            seed: 0,
            config: None,
            frames: Some(8),
            size: Some(112),
            no_render: true,
            no_options: false,
        };
        let cfg = load_config(&args)?;
        assert_eq!(cfg.question_types, vec!["route_plan".to_string()]);
        assert_eq!((cfg.frames, cfg.width, cfg.render), (8, 112, false));
        let bad = SampleSpatialArgs {
            env: "spatial/colour".into(),
            ..args
        };
        assert!(load_config(&bad).is_err());
        Ok(())
    }
}
