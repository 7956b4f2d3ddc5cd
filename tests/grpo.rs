//! GRPO end to end: the tiny preset learns easy arithmetic, and a resumed
//! run reproduces an uninterrupted one bit for bit.

use std::path::{Path, PathBuf};

use rulegym_trainer::config::RunConfig;
use rulegym_trainer::metrics::{read_records, Record, StepMetrics};
use rulegym_trainer::run::{train, RunOptions};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rulegym-grpo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn train_records(run_dir: &Path) -> anyhow::Result<Vec<StepMetrics>> {
    Ok(read_records(&run_dir.join("metrics.jsonl"))?
        .into_iter()
        .filter_map(|r| match r {
            Record::Train(m) => Some(m),
            _ => None,
        })
        .collect())
}

/// The built-in math config, shortened to fit a test budget, on
/// `RULEGYM_DEVICE` (the CPU unless set).
fn short_math(steps: u64) -> anyhow::Result<RunConfig> {
    let mut cfg = RunConfig::builtin("math")?;
    if let Ok(d) = std::env::var(rulegym_agent::device::DEVICE_ENV) {
        cfg.model.device = d;
    }
    cfg.stages[0].steps = steps;
    cfg.stages[0].eval.episodes = 0;
    cfg.log.sample_every = 0;
    cfg.log.checkpoint_every = 0;
    Ok(cfg)
}

#[test]
fn tiny_policy_learns_easy_arithmetic() -> anyhow::Result<()> {
    let out = scratch("learn");
    let steps = 24;
    let cfg = short_math(steps)?;
    let mut opts = RunOptions::new(&out);
    opts.force = true;
    let summary = train(&cfg, &opts)?;
    assert_eq!(summary.steps_done, steps);
    let recs = train_records(&summary.run_dir)?;
    let acc: Vec<f64> = recs.iter().filter_map(|m| m.accuracy).collect();
    assert_eq!(acc.len() as u64, steps);
    let window = 6;
    let early = acc[..window].iter().sum::<f64>() / window as f64;
    let late = acc[acc.len() - window..].iter().sum::<f64>() / window as f64;
    // Each window averages window·P·G Bernoulli outcomes; require the gain
    // to exceed three standard errors of the difference (and 3 points).
    let n = (window * cfg.grpo.prompts_per_step * cfg.grpo.group_size) as f64;
    let se = (early * (1.0 - early) / n + late * (1.0 - late) / n).sqrt();
    assert!(
        late - early > (3.0 * se).max(0.03),
        "accuracy early {early:.3} → late {late:.3} (se {se:.3}): {acc:?}"
    );
    std::fs::remove_dir_all(&out).ok();
    Ok(())
}

#[test]
fn resumed_run_matches_uninterrupted_run_bit_for_bit() -> anyhow::Result<()> {
    let mut cfg = short_math(4)?;
    cfg.grpo.prompts_per_step = 4;
    cfg.grpo.group_size = 4;
    cfg.grpo.iterations = 2; // exercises stored old log-probs too

    let out_a = scratch("whole");
    let mut opts = RunOptions::new(&out_a);
    opts.force = true;
    let whole = train(&cfg, &opts)?;

    let out_b = scratch("resumed");
    let mut opts = RunOptions::new(&out_b);
    opts.stop_after = Some(2);
    let first = train(&cfg, &opts)?;
    assert!(first.interrupted && first.steps_done == 2);
    // A second start without --resume or --force must refuse.
    let mut again = RunOptions::new(&out_b);
    let err = train(&cfg, &again)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("--resume"), "{err}");
    again.resume = true;
    let resumed = train(&cfg, &again)?;
    assert_eq!(resumed.steps_done, 4);

    let a: Vec<_> = train_records(&whole.run_dir)?
        .iter()
        .map(StepMetrics::without_timing)
        .collect();
    let b: Vec<_> = train_records(&resumed.run_dir)?
        .iter()
        .map(StepMetrics::without_timing)
        .collect();
    assert_eq!(a.len(), 4);
    assert_eq!(a, b);
    std::fs::remove_dir_all(&out_a).ok();
    std::fs::remove_dir_all(&out_b).ok();
    Ok(())
}

/// bf16 weights train through f32 masters: losses stay finite, gradients
/// flow, the policy leaves its reference (KL > 0), the checkpoint is written
/// in bf16, and resuming reproduces the whole run exactly because the
/// masters travel in the optimizer state.
#[test]
fn bf16_run_trains_and_resumes_bit_for_bit() -> anyhow::Result<()> {
    let mut cfg = short_math(4)?;
    cfg.grpo.prompts_per_step = 8;
    cfg.grpo.group_size = 8;
    cfg.model.dtype = "bf16".into();
    cfg.validate()?;

    let out_a = scratch("bf16-whole");
    let mut opts = RunOptions::new(&out_a);
    opts.force = true;
    let whole = train(&cfg, &opts)?;
    let recs = train_records(&whole.run_dir)?;
    assert_eq!(recs.len(), 4);
    for m in &recs {
        assert!(
            !m.skipped && m.loss.is_finite() && m.grad_norm.is_finite(),
            "{m:?}"
        );
    }
    assert!(
        recs.iter().any(|m| m.grad_norm > 0.0),
        "no gradient: {recs:?}"
    );
    assert!(
        recs[3].kl > 0.0,
        "policy never left the reference: {recs:?}"
    );
    let ckpt = whole.last_checkpoint.clone().expect("a final checkpoint");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ckpt.join("policy/config.json"))?)?;
    assert_eq!(saved["torch_dtype"], "bfloat16", "{saved}");

    let out_b = scratch("bf16-resumed");
    let mut opts = RunOptions::new(&out_b);
    opts.stop_after = Some(2);
    train(&cfg, &opts)?;
    opts.stop_after = None;
    opts.resume = true;
    let resumed = train(&cfg, &opts)?;
    let a: Vec<_> = recs.iter().map(StepMetrics::without_timing).collect();
    let b: Vec<_> = train_records(&resumed.run_dir)?
        .iter()
        .map(StepMetrics::without_timing)
        .collect();
    assert_eq!(a, b);
    std::fs::remove_dir_all(&out_a).ok();
    std::fs::remove_dir_all(&out_b).ok();
    Ok(())
}
