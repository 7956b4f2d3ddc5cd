//! Multimodal GRPO: frames reach the policy in rollouts and the GRPO loss
//! trains the vision tower; text-only policies fall back to the text (or
//! refuse with `require_frames`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{ensure, Context, Result};
use candle_core::Device;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rulegym_agent::Policy;
use rulegym_trainer::config::{EnvMix, RunConfig, SamplingConfig};
use rulegym_trainer::curriculum::Request;
use rulegym_trainer::metrics::{read_records, Record};
use rulegym_trainer::rollout::Rollout;
use rulegym_trainer::run::{train, RunOptions};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rulegym-mm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn tower_weights(p: &Policy) -> Result<BTreeMap<String, Vec<f32>>> {
    p.trainable_vars()
        .into_iter()
        .filter(|(n, _)| n.starts_with("visual."))
        .map(|(n, v)| Ok((n, v.as_tensor().flatten_all()?.to_vec1::<f32>()?)))
        .collect()
}

#[test]
fn spatial_grpo_on_tiny_vl_trains_the_vision_tower() -> Result<()> {
    let mut cfg = RunConfig::builtin("spatial")?;
    ensure!(
        cfg.model.preset == "tiny-vl",
        "spatial default is a VL preset"
    );
    let st = &mut cfg.stages[0];
    st.steps = 2;
    st.eval.episodes = 0;
    st.envs[0].config = serde_json::json!({ "frames": 4, "width": 56, "height": 56 });
    cfg.grpo.prompts_per_step = 4;
    cfg.grpo.group_size = 4;
    cfg.log.sample_every = 0;
    cfg.log.checkpoint_every = 0;
    let out = scratch("spatial");
    let mut opts = RunOptions::new(&out);
    opts.force = true;
    let summary = train(&cfg, &opts)?;
    assert_eq!(summary.steps_done, 2);

    let recs: Vec<_> = read_records(&summary.run_dir.join("metrics.jsonl"))?
        .into_iter()
        .filter_map(|r| match r {
            Record::Train(m) => Some(m),
            _ => None,
        })
        .collect();
    assert_eq!(recs.len(), 2);
    for m in &recs {
        assert!(m.loss.is_finite() && !m.skipped, "step {}: {m:?}", m.step);
        assert!(m.grad_norm.is_finite() && m.grad_norm > 0.0, "{m:?}");
    }
    // Rewards varied within groups, so the advantages were not all zero.
    assert!(recs.iter().any(|m| m.reward["total"].std > 0.0), "{recs:?}");

    // AdamW has no weight decay here: a moved tower weight had a gradient.
    let start = tower_weights(&Policy::preset("tiny-vl", cfg.seed, &Device::Cpu)?)?;
    let ck = summary.last_checkpoint.context("final checkpoint")?;
    let trained = tower_weights(&Policy::load(&ck.join("policy"), &Device::Cpu)?)?;
    assert!(!start.is_empty());
    assert_eq!(
        start.keys().collect::<Vec<_>>(),
        trained.keys().collect::<Vec<_>>()
    );
    let moved = start
        .iter()
        .filter(|(n, w)| trained[*n] != **w)
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>();
    assert!(
        moved.iter().any(|n| n.contains("patch_embed"))
            && moved.iter().any(|n| n.contains("merger")),
        "tower weights that moved: {moved:?}"
    );
    std::fs::remove_dir_all(&out).ok();
    Ok(())
}

fn football_frames() -> EnvMix {
    EnvMix {
        name: "football/academy_empty_goal_close".into(),
        config: serde_json::json!({
            "max_turns": 2,
            "render_frames": true,
            "frame": { "width": 112, "height": 64 }
        }),
        answer_template: Some("<answer>{}</answer>".into()),
        ..Default::default()
    }
}

fn football_sampling() -> SamplingConfig {
    SamplingConfig {
        max_new_tokens: 8,
        system_prompt: Some(String::new()),
        ..Default::default()
    }
}

#[test]
fn football_frames_rollout_puts_image_pads_in_prompts() -> Result<()> {
    let policy = Policy::preset("tiny-vl", 0, &Device::Cpu)?;
    let pad = policy
        .tokenizer()
        .token_id("<|image_pad|>")
        .context("image pad")?;
    // Chat template on (the default) and off (plain text after the placeholders).
    for chat_template in [true, false] {
        let sampling = SamplingConfig {
            chat_template,
            ..football_sampling()
        };
        let mut rollout = Rollout::new(&[football_frames()], &sampling, 2)?;
        let requests = [Request { env: 0, seed: 3 }];
        let batch = rollout.run(
            &policy,
            &requests,
            2,
            &sampling,
            &mut ChaCha8Rng::seed_from_u64(0),
        )?;
        assert!(batch.turns.len() >= 2);
        for t in &batch.turns {
            // 112×64 → 56×112 px → 4×8 patches → 8 merged tokens per image.
            let pads = t.prompt.iter().filter(|&&x| x == pad).count();
            assert_eq!(pads, 8, "image pads (chat_template = {chat_template})");
            assert_eq!(t.vision.len(), 1);
            assert_eq!(t.vision[0].grid_thw, [1, 4, 8]);
            assert!(!t.vision[0].is_video);
        }
    }
    Ok(())
}

#[test]
fn text_only_policy_reads_the_text_unless_frames_are_required() -> Result<()> {
    let policy = Policy::preset("tiny", 0, &Device::Cpu)?;
    let mut sampling = football_sampling();
    let mut rollout = Rollout::new(&[football_frames()], &sampling, 1)?;
    let requests = [Request { env: 0, seed: 3 }];
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    let batch = rollout.run(&policy, &requests, 2, &sampling, &mut rng)?;
    assert!(batch.turns.iter().all(|t| t.vision.is_empty()));

    sampling.require_frames = true;
    let err = rollout
        .run(&policy, &requests, 2, &sampling, &mut rng)
        .err()
        .context("require_frames with a text-only policy must fail")?;
    assert!(err.to_string().contains("vision tower"), "{err}");
    Ok(())
}
