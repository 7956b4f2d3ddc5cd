//! The text-math family: procedural generators at five difficulty levels,
//! a JSONL dataset loader, and the rule-checked R1-style reward.
//!
//! Registered envs: `math` (easy single-step arithmetic, the trainer's
//! default), `math/<family>` for each generator, `math/mixed`,
//! `math/dataset` and `math/addition` (TRL's single-digit addition demo,
//! for side-by-side runs).

pub mod addition;
pub mod config;
pub mod dataset;
pub mod env;
pub mod generators;
pub mod reward;
pub mod verify;

use std::sync::Arc;

pub use config::{MathConfig, R1_INSTRUCTION};
pub use env::{MathEnv, Source};
pub use generators::{Family, Problem};
pub use reward::{format_ok, score, score_response, score_with, FormatStyle, RewardConfig, Scored};

use crate::registry::{parse_config, Registry};
use crate::{Env, EnvError};

fn config(name: &str, value: &serde_json::Value) -> Result<MathConfig, EnvError> {
    let cfg: MathConfig = parse_config(name, value)?;
    cfg.validate().map_err(|m| EnvError::config(name, m))?;
    if !cfg.mix.is_empty() && name != "math/mixed" {
        return Err(EnvError::config(name, "`mix` applies to math/mixed only"));
    }
    if cfg.path.is_some() && name != "math/dataset" {
        return Err(EnvError::config(
            name,
            "`path` applies to math/dataset only",
        ));
    }
    Ok(cfg)
}

/// Registers every math env.
pub fn register_all(reg: &mut Registry) -> Result<(), EnvError> {
    reg.add(
        "math",
        "easy single-step arithmetic (difficulty 1 unless configured); the default first env",
        |v| {
            // `math` starts easy: a from-scratch policy must find reward.
            let mut v = if v.is_null() {
                serde_json::json!({})
            } else {
                v.clone()
            };
            if let Some(obj) = v.as_object_mut() {
                obj.entry("difficulty").or_insert(1.into());
            }
            let cfg = config("math", &v)?;
            let desc = "easy single-step arithmetic";
            Ok(Box::new(MathEnv::new(
                "math",
                desc,
                Source::Family(Family::Arithmetic),
                &cfg,
            )) as Box<dyn Env>)
        },
    )?;
    for family in Family::ALL {
        let name = format!("math/{}", family.name());
        let n = name.clone();
        reg.add(&name, family.description(), move |v| {
            let cfg = config(&n, v)?;
            Ok(Box::new(MathEnv::new(
                &n,
                family.description(),
                Source::Family(family),
                &cfg,
            )) as Box<dyn Env>)
        })?;
    }
    let mixed_desc = "a weighted mix of every math generator family (`mix` config)";
    reg.add("math/mixed", mixed_desc, move |v| {
        let cfg = config("math/mixed", v)?;
        let weights: Vec<(Family, f64)> = if cfg.mix.is_empty() {
            Family::ALL.iter().map(|f| (*f, 1.0)).collect()
        } else {
            cfg.mix
                .iter()
                .filter(|(_, w)| **w > 0.0)
                .map(|(f, w)| (*f, *w))
                .collect()
        };
        Ok(Box::new(MathEnv::new(
            "math/mixed",
            mixed_desc,
            Source::Mixed(weights),
            &cfg,
        )) as Box<dyn Env>)
    })?;
    let data_desc = "problems from a JSONL file of {\"problem\", \"answer\"} lines (`path` config)";
    reg.add("math/dataset", data_desc, move |v| {
        let cfg = config("math/dataset", v)?;
        let path = cfg
            .path
            .as_ref()
            .ok_or_else(|| EnvError::config("math/dataset", "missing key `path` (a JSONL file)"))?;
        let items = dataset::load(path)?;
        Ok(Box::new(MathEnv::new(
            "math/dataset",
            data_desc,
            Source::Dataset(Arc::new(items)),
            &cfg,
        )) as Box<dyn Env>)
    })?;
    reg.add(addition::NAME, addition::DESCRIPTION, |v| {
        Ok(Box::new(addition::AdditionEnv::from_config(v)?) as Box<dyn Env>)
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registry {
        let mut r = Registry::default();
        register_all(&mut r).unwrap();
        r
    }

    #[test]
    fn every_family_is_registered_and_steps_once() {
        let r = reg();
        for name in [
            "math",
            "math/arithmetic",
            "math/systems",
            "math/mixed",
            "math/sequences",
        ] {
            let mut env = r.make(name, &serde_json::Value::Null).unwrap();
            let reset = env.reset(Some(7)).unwrap();
            // The R1 instruction follows the question in the user turn.
            assert!(!reset.observation.text.contains("<answer>"));
            let user = env.spec().user_text(&reset.observation);
            assert!(user.starts_with(&reset.observation.text) && user.ends_with(R1_INSTRUCTION));
            let gold = reset.info["answer"].as_str().unwrap().to_string();
            let step = env
                .step(&format!("<think>ok</think><answer>{gold}</answer>"))
                .unwrap();
            assert_eq!(step.reward, 1.5, "{name}: {gold}");
            assert_eq!(step.verdict, Some(crate::Verdict::graded(Some(true), 1.0)));
            assert!(step.terminated);
            assert!(matches!(env.step("x"), Err(EnvError::EpisodeOver(_))));
        }
    }

    #[test]
    fn default_math_env_is_single_step_arithmetic_with_small_answers() {
        let mut env = reg().make("math", &serde_json::Value::Null).unwrap();
        for seed in 0..200 {
            let r = env.reset(Some(seed)).unwrap();
            let ans: i64 = r.info["answer"].as_str().unwrap().parse().unwrap();
            assert!((0..100).contains(&ans), "{ans}");
        }
    }

    #[test]
    fn bad_configs_name_the_key() {
        let r = reg();
        let e = r
            .make("math/linear", &serde_json::json!({"difficulty": 9}))
            .err()
            .unwrap();
        assert!(e.to_string().contains("difficulty"));
        let e = r
            .make("math/linear", &serde_json::json!({"difficulty_": 2}))
            .err()
            .unwrap();
        assert!(e.to_string().contains("difficulty_"));
        let e = r
            .make("math/dataset", &serde_json::Value::Null)
            .err()
            .unwrap();
        assert!(e.to_string().contains("path"));
    }

    #[test]
    fn dataset_env_serves_the_file_and_grades_its_answers() {
        let p = std::env::temp_dir().join(format!("rulegym-math-env-{}.jsonl", std::process::id()));
        std::fs::write(
            &p,
            "{\"problem\": \"Half of one?\", \"answer\": \"\\\\frac12\"}\n",
        )
        .unwrap();
        let cfg = serde_json::json!({ "path": p, "format_style": "lenient" });
        let mut env = reg().make("math/dataset", &cfg).unwrap();
        let r = env.reset(Some(3)).unwrap();
        assert!(r.observation.text.starts_with("Half of one?"));
        let s = env.step("<think>.</think>\n<answer>0.5</answer>").unwrap();
        assert_eq!(
            (s.reward_parts["format"], s.reward_parts["accuracy"]),
            (0.5, 1.0)
        );
        assert_eq!(s.info["extracted"], "0.5");
        let e = reg().make("math/arithmetic", &cfg).err().unwrap();
        assert!(e.to_string().contains("path"), "{e}");
    }
}
