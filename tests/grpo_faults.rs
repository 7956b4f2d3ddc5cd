//! The trainer's handling of bad input: a NaN reward (hence a NaN loss) skips
//! the update, is logged, and stops the run after `log.max_nonfinite_steps`
//! in a row with the last good weights checkpointed; an invalid config names
//! its key and line, and one that cannot be saved stops the run; an existing
//! run folder is never overwritten.

use std::path::{Path, PathBuf};

use rulegym::envs::{self, Env, EnvError, EnvSpec, Reset, Step};
use rulegym_trainer::checkpoint;
use rulegym_trainer::config::RunConfig;
use rulegym_trainer::metrics::{read_records, Record};
use rulegym_trainer::run::{train, RunOptions};

const NAN_ENV: &str = "faults/nan_arithmetic";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rulegym-faults-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// `math/arithmetic` whose every reward is NaN (a broken reward function).
struct NanReward(Box<dyn Env>);

impl Env for NanReward {
    fn spec(&self) -> &EnvSpec {
        self.0.spec()
    }
    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        self.0.reset(seed)
    }
    fn step(&mut self, action: &str) -> Result<Step, EnvError> {
        let mut step = self.0.step(action)?;
        step.reward = f64::NAN;
        Ok(step)
    }
}

fn register_nan_env() {
    // Registered once per test binary; a second call only reports the clash.
    let _ = envs::register(NAN_ENV, "arithmetic with NaN rewards", |cfg| {
        Ok(Box::new(NanReward(envs::make("math/arithmetic", cfg)?)))
    });
}

/// Two good arithmetic steps, then a stage whose rewards are all NaN.
fn nan_after_two_steps(max_nonfinite: u32) -> anyhow::Result<RunConfig> {
    let mut cfg = RunConfig::builtin("math")?;
    cfg.name = "nan".into();
    cfg.grpo.prompts_per_step = 4;
    cfg.grpo.group_size = 4;
    cfg.log.sample_every = 1;
    cfg.log.checkpoint_every = 1;
    cfg.log.max_nonfinite_steps = max_nonfinite;
    let mut good = cfg.stages[0].clone();
    good.steps = 2;
    good.eval.episodes = 0;
    let mut bad = good.clone();
    bad.name = "nan".into();
    bad.steps = 10;
    bad.envs[0].name = NAN_ENV.into();
    cfg.stages = vec![good, bad];
    Ok(cfg)
}

fn file_bytes(dir: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            out.push((name.unwrap_or_default(), std::fs::read(&path)?));
        }
    }
    out.sort();
    Ok(out)
}

#[test]
fn nan_rewards_skip_updates_and_stop_the_run_after_k_in_a_row() -> anyhow::Result<()> {
    register_nan_env();
    let out = scratch("nan");
    let cfg = nan_after_two_steps(3)?;
    let mut opts = RunOptions::new(&out);
    opts.force = true;
    let err = match train(&cfg, &opts) {
        Ok(s) => anyhow::bail!("a run of NaN rewards finished: {s:?}"),
        Err(e) => e.to_string(),
    };
    let run_dir = out.join("nan");
    // The message names the cause, the streak and where the good state is.
    for want in [
        "stopped at step 4",
        "3 updates in a row",
        "non-finite reward from env faults/nan_arithmetic",
        "log.max_nonfinite_steps",
        "step-00000005",
    ] {
        assert!(err.contains(want), "missing `{want}` in: {err}");
    }

    // Every metrics line parses: steps 2..=4 are marked skipped, with NaN
    // (`null`) loss and return, each with an event naming the env.
    let recs = read_records(&run_dir.join("metrics.jsonl"))?;
    let train: Vec<_> = recs
        .iter()
        .filter_map(|r| match r {
            Record::Train(m) => Some(m),
            _ => None,
        })
        .collect();
    assert_eq!(
        train.iter().map(|m| m.step).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert_eq!(
        train.iter().map(|m| m.skipped).collect::<Vec<_>>(),
        [false, false, true, true, true]
    );
    assert!(train[..2]
        .iter()
        .all(|m| m.loss.is_finite() && m.episode_return.is_finite()));
    assert!(train[2..]
        .iter()
        .all(|m| m.loss.is_nan() && m.episode_return.is_nan()));
    let events: Vec<(u64, &str)> = recs
        .iter()
        .filter_map(|r| match r {
            Record::Event { step, message } => Some((*step, message.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 4, "{events:?}");
    for (i, (step, msg)) in events[..3].iter().enumerate() {
        assert_eq!(*step, 2 + i as u64);
        assert!(
            msg.contains("non-finite reward from env faults/nan_arithmetic")
                && msg.contains("update skipped")
                && msg.contains(&format!("({} in a row)", i + 1)),
            "{msg}"
        );
    }
    assert_eq!(events[3], (4, err.as_str()));

    // The last checkpoint is complete, resumes after the failed step, and
    // holds exactly the weights and optimizer state of the last good step.
    let last = checkpoint::latest(&run_dir)?.ok_or_else(|| anyhow::anyhow!("no checkpoint"))?;
    assert!(last.ends_with("step-00000005"), "{}", last.display());
    let state = checkpoint::read_state(&last)?;
    assert_eq!((state.step, state.nonfinite_streak), (5, 3));
    let good = run_dir.join("checkpoints/step-00000002");
    assert_eq!(
        file_bytes(&last.join("policy"))?,
        file_bytes(&good.join("policy"))?
    );
    assert_eq!(
        std::fs::read(last.join("optimizer.safetensors"))?,
        std::fs::read(good.join("optimizer.safetensors"))?
    );
    // The episode-return plot of the steps done is written too.
    assert!(run_dir.join("episode_return.png").exists());
    std::fs::remove_dir_all(&out).ok();
    Ok(())
}

#[test]
fn existing_run_folder_is_refused_without_resume_or_force() -> anyhow::Result<()> {
    let out = scratch("exists");
    let cfg = RunConfig::builtin("math")?;
    let run_dir = out.join(&cfg.name);
    std::fs::create_dir_all(&run_dir)?;
    std::fs::write(run_dir.join("metrics.jsonl"), "keep me\n")?;
    let err = train(&cfg, &RunOptions::new(&out))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains(&run_dir.display().to_string())
            && err.contains("--resume")
            && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(run_dir.join("metrics.jsonl"))?,
        "keep me\n"
    );
    std::fs::remove_dir_all(&out).ok();
    Ok(())
}

#[test]
fn invalid_config_file_names_the_key_and_line() -> anyhow::Result<()> {
    let dir = scratch("config");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("run.toml");
    let good = include_str!("../trainer/configs/math.toml");

    // An unknown key (serde), then a value out of range (validation).
    for (find, replace, key) in [
        ("temperature = 1.0", "temprature = 1.0", "temprature"),
        ("group_size = 8", "group_size = 1", "grpo.group_size"),
        ("preset = \"tiny\"", "dtype = \"int4\"", "model.dtype"),
        ("preset = \"tiny\"", "device = \"tpu:0\"", "model.device"),
        (
            "preset = \"tiny\"",
            "vision_positions = \"v4\"",
            "model.vision_positions",
        ),
    ] {
        let text = good.replacen(find, replace, 1);
        let line = 1 + text
            .lines()
            .position(|l| l.starts_with(replace))
            .ok_or_else(|| anyhow::anyhow!("`{find}` not in math.toml"))?;
        std::fs::write(&path, &text)?;
        let err = RunConfig::from_file(&path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains(&path.display().to_string())
                && err.contains(key)
                && err.contains(&format!("line {line}")),
            "expected key `{key}` at line {line}: {err}"
        );
    }
    // CUDA on a build without it parses, then fails before a run folder
    // exists, saying how to rebuild.
    if !rulegym_agent::device::CUDA_BUILT {
        let text = good.replacen("preset = \"tiny\"", "device = \"cuda:0\"", 1);
        let cfg = RunConfig::from_toml(&text, "cuda.toml")?;
        let out = dir.join("runs");
        let err = train(&cfg, &RunOptions::new(&out))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("cuda:0") && err.contains("--features cuda"),
            "{err}"
        );
        assert!(!out.join(&cfg.name).exists(), "a run folder was made");
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

#[test]
fn a_config_toml_cannot_hold_stops_the_run_before_its_folder_exists() -> anyhow::Result<()> {
    let out = scratch("unsavable");
    let mut cfg = RunConfig::builtin("math")?;
    // JSON `null` has no TOML form: the run's config.toml could not say it.
    cfg.stages[0].envs[0].config = serde_json::json!({ "difficulty": null });
    let err = train(&cfg, &RunOptions::new(&out))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("cannot be written as TOML") && err.contains(&cfg.name),
        "{err}"
    );
    assert!(!out.join(&cfg.name).exists(), "a run folder was made");
    Ok(())
}
