//! `trainer sample --env spatial --n N --out DIR`: writes a spatial dataset
//! (frames, questions.jsonl, scene JSON) in the VSI-100k-like layout of
//! `rulegym_envs::spatial::export`.

use anyhow::Context;
use rulegym_envs::spatial::export::export_dataset;
use rulegym_envs::spatial::questions::QuestionType;
use rulegym_envs::spatial::SpatialConfig;

use super::sample::SampleArgs;

fn load_config(args: &SampleArgs) -> anyhow::Result<SpatialConfig> {
    let mut cfg: SpatialConfig =
        super::env_config::parse_or_default(args.config.as_deref(), "--config")?;
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

pub fn run(args: &SampleArgs) -> anyhow::Result<()> {
    let cfg = load_config(args)?;
    let summary = export_dataset(&cfg, args.n.unwrap_or(100), args.seed, &args.out)?;
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
    use std::path::PathBuf;

    #[test]
    fn a_typed_env_name_selects_that_question_type() -> anyhow::Result<()> {
        let args = SampleArgs {
            env: "spatial/route_plan".into(),
            n: Some(1),
            out: PathBuf::from("unused"),
            seed: 0,
            agent: String::new(),
            config: None,
            frames: Some(8),
            size: Some(112),
            no_render: true,
            no_options: false,
        };
        let cfg = load_config(&args)?;
        assert_eq!(cfg.question_types, vec!["route_plan".to_string()]);
        assert_eq!((cfg.frames, cfg.width, cfg.render), (8, 112, false));
        let bad = SampleArgs {
            env: "spatial/colour".into(),
            ..args
        };
        assert!(load_config(&bad).is_err());
        Ok(())
    }
}
