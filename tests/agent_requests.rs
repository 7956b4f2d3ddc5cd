//! `trainer logprobs` requests with images and videos: a JSONL file scored through
//! `rulegym_agent::requests::score_jsonl` (what the CLI runs) reproduces transformers' log-probs
//! on the Qwen2-VL and Qwen2.5-VL parity checkpoints of `scripts/make_vision_fixtures.py`.
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use rulegym_agent::requests::{load_model, score_jsonl, ScoredCompletion};
use rulegym_agent::{DType, Device, Policy};
use serde_json::{json, Value};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vision")
}

/// A scratch folder holding `requests.jsonl`, a copy of the fixture frames under `frames/`
/// (read through relative paths) and, when asked, the checkpoint under `ckpt/` with the compact
/// tokenizer (the fixture prompts are raw ids; the tokenizer only has to load).
fn scratch(name: &str, model_type: Option<&str>) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "rulegym_agent_requests_{name}_{}",
        std::process::id()
    ));
    std::fs::create_dir_all(dir.join("frames"))?;
    std::fs::copy(
        data().join("frames/image.png"),
        dir.join("frames/image.png"),
    )?;
    if let Some(mt) = model_type {
        let ckpt = dir.join("ckpt");
        Policy::preset("tiny", 0, &Device::Cpu)?.save(&dir.join("tiny"))?;
        std::fs::create_dir_all(&ckpt)?;
        for f in [
            "config.json",
            "model.safetensors",
            "preprocessor_config.json",
        ] {
            std::fs::copy(data().join(mt).join(f), ckpt.join(f))?;
        }
        std::fs::copy(dir.join("tiny/tokenizer.json"), ckpt.join("tokenizer.json"))?;
    }
    Ok(dir)
}

fn ids(v: &Value) -> Result<Vec<u32>> {
    Ok(serde_json::from_value(v.clone())?)
}

/// The fixture prompt holds the expanded placeholders; a request holds one per image/video.
fn collapse(prompt: &[u32], pad: u32) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(prompt.len());
    for &t in prompt {
        if !(t == pad && out.last() == Some(&pad)) {
            out.push(t);
        }
    }
    out
}

fn write_lines(path: &Path, lines: &[Value]) -> Result<()> {
    let text: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(path, text.join("\n\n") + "\n")?;
    Ok(())
}

fn check_against_transformers(model_type: &str) -> Result<()> {
    let dir = scratch(model_type, Some(model_type))?;
    let exp: Value = serde_json::from_str(&std::fs::read_to_string(
        data().join(model_type).join("expected.json"),
    )?)?;
    let cfg: Value = serde_json::from_str(&std::fs::read_to_string(
        data().join(model_type).join("config.json"),
    )?)?;
    let pad = |k: &str| {
        cfg[k]
            .as_u64()
            .map(|v| v as u32)
            .ok_or_else(|| anyhow!("{k}"))
    };
    let (image_pad, video_pad) = (pad("image_token_id")?, pad("video_token_id")?);
    let (img, vid) = (&exp["image"], &exp["video"]);
    let img_prompt = collapse(&ids(&img["prompt"])?, image_pad);
    // The 3-frame video by absolute path; the image by a path relative to the JSONL file.
    let frames: Vec<String> = (0..3)
        .map(|i| {
            data()
                .join(format!("frames/video_{i}.png"))
                .display()
                .to_string()
        })
        .collect();
    let lines = [
        json!({"prompt_ids": img_prompt, "images": ["frames/image.png"],
               "completion_ids": img["completion"]}),
        json!({"prompt_ids": collapse(&ids(&vid["prompt"])?, video_pad), "videos": [frames],
               "completion_ids": vid["completion"]}),
    ];
    let input = dir.join("requests.jsonl");
    write_lines(&input, &lines)?;
    let mut policy = load_model(
        &dir.join("ckpt").display().to_string(),
        0,
        &Device::Cpu,
        DType::F32,
    )?;
    // The fixtures come from transformers 5, whose positions after a video differ from Qwen's.
    policy.set_text_after_vision(rulegym_agent::vision::TextAfterVision::SpatialExtent)?;
    let batched = score_jsonl(&policy, &input, 8)?;
    let alone = score_jsonl(&policy, &input, 1)?;
    assert_eq!(batched.len(), 2);
    let want = [&img["logprobs"], &vid["logprobs"]];
    for (k, (got, want)) in batched.iter().zip(want).enumerate() {
        let want: Vec<f64> = serde_json::from_value(want.clone())?;
        assert_eq!(got.tokens, ids(&lines[k]["completion_ids"])?);
        assert_eq!(got.logprobs.len(), want.len());
        for (i, (g, w)) in got.logprobs.iter().zip(&want).enumerate() {
            assert!(
                (*g as f64 - w).abs() < 1e-3,
                "{model_type} request {k} token {i}: {g} vs transformers {w}"
            );
        }
        for (a, b) in got.logprobs.iter().zip(&alone[k].logprobs) {
            assert!((a - b).abs() < 1e-4, "batching changed request {k}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

#[test]
fn qwen2_vl_image_and_video_requests_match_transformers() -> Result<()> {
    check_against_transformers("qwen2_vl")
}

#[test]
fn qwen2_5_vl_image_and_video_requests_match_transformers() -> Result<()> {
    check_against_transformers("qwen2_5_vl")
}

fn error_of(r: rulegym_agent::error::Result<Vec<ScoredCompletion>>) -> String {
    r.err().map(|e| e.to_string()).unwrap_or_default()
}

#[test]
fn a_missing_image_names_the_file_the_line_and_the_path() -> Result<()> {
    let dir = scratch("missing", None)?;
    let input = dir.join("requests.jsonl");
    let text = json!({"messages": [{"role": "user", "content": "hi"}], "completion": "ok"});
    let image = json!({"messages": [{"role": "user", "content": [
        {"type": "image", "image": "frames/image.png"},
        {"type": "image", "image": "frames/gone.png"},
        {"type": "text", "text": "What is shown?"}]}], "completion": "a pitch"});
    write_lines(&input, &[text, image])?;
    let policy = Policy::preset("tiny-vl", 0, &Device::Cpu)?;
    let e = error_of(score_jsonl(&policy, &input, 8));
    // Line 3: blank lines count.
    assert!(
        e.contains("requests.jsonl: line 3:") && e.contains("frames/gone.png"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

#[test]
fn an_image_request_to_a_text_only_model_names_the_line() -> Result<()> {
    let dir = scratch("textonly", None)?;
    let input = dir.join("requests.jsonl");
    let image = json!({"messages": [{"role": "user", "content": [
        {"type": "image", "image": "frames/image.png"}, {"type": "text", "text": "Where?"}]}],
        "completion": "left"});
    write_lines(&input, &[image])?;
    let policy = Policy::preset("tiny", 0, &Device::Cpu)?;
    let e = error_of(score_jsonl(&policy, &input, 8));
    assert!(
        e.contains("requests.jsonl: line 1:") && e.contains("no vision tower"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
