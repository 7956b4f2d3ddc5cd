//! Parity with transformers: tiny random Qwen2-VL / Qwen2.5-VL checkpoints built by
//! `scripts/make_agent_fixtures.py`, their chat-template renderings and log-probs.
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use rulegym_agent::{render_chat, Content, Message, Policy, Role};
use rulegym_render::Frame;
use serde_json::Value;

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/agent")
        .join(p)
}

fn read(p: &Path) -> Result<Value> {
    Ok(serde_json::from_slice(&std::fs::read(p)?)?)
}

/// Messages as the fixtures write them; `{"type":"image"}` parts become blank frames.
fn messages(v: &Value) -> Result<Vec<Message>> {
    let arr = v
        .as_array()
        .ok_or_else(|| anyhow!("messages is not a list"))?;
    let mut out = Vec::new();
    for m in arr {
        let role = match m["role"].as_str() {
            Some("system") => Role::System,
            Some("assistant") => Role::Assistant,
            _ => Role::User,
        };
        let content = match &m["content"] {
            Value::String(s) => vec![Content::Text(s.clone())],
            Value::Array(parts) => parts
                .iter()
                .map(|p| match p["type"].as_str() {
                    Some("image") => Content::Image(Frame::filled(1, 1, [0, 0, 0])),
                    Some("video") => Content::Video(vec![Frame::filled(1, 1, [0, 0, 0])]),
                    _ => Content::Text(p["text"].as_str().unwrap_or_default().to_string()),
                })
                .collect(),
            _ => return Err(anyhow!("bad content {m}")),
        };
        out.push(Message { role, content });
    }
    Ok(out)
}

#[test]
fn chat_template_renders_exactly_as_transformers() -> Result<()> {
    let cases = read(&data("chat_template.json"))?;
    let cases = cases.as_array().ok_or_else(|| anyhow!("not a list"))?;
    assert!(cases.len() >= 8);
    for c in cases {
        let msgs = messages(&c["messages"])?;
        let gen = c["add_generation_prompt"].as_bool().unwrap_or(false);
        assert_eq!(
            render_chat(&msgs, gen),
            c["rendered"].as_str().unwrap_or_default(),
            "{c}"
        );
    }
    Ok(())
}

/// On `RULEGYM_DEVICE` (the CPU unless set), so a GPU build runs the same fixtures.
fn check_checkpoint(kind: &str) -> Result<()> {
    let dir = data(kind);
    let (dev, _) = rulegym_agent::device_from_env()?;
    let policy = Policy::load(&dir, &dev)?;
    assert_eq!(policy.config().model_type, kind);
    let exp = read(&dir.join("expected.json"))?;
    let reqs = exp["requests"]
        .as_array()
        .ok_or_else(|| anyhow!("no requests"))?;
    let ids = |v: &Value| -> Vec<u32> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_u64())
                    .map(|x| x as u32)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut batch = Vec::new();
    for r in reqs {
        // The JSON messages go through the crate's own serde (string or part lists).
        let msgs: Vec<Message> = serde_json::from_value(r["messages"].clone())?;
        assert_eq!(
            render_chat(&msgs, true),
            r["prompt_text"].as_str().unwrap_or_default()
        );
        let p = policy.encode_chat(&msgs)?;
        assert_eq!(p, ids(&r["prompt_ids"]), "prompt tokenization differs");
        let c = policy.encode(r["completion"].as_str().unwrap_or_default())?;
        assert_eq!(
            c,
            ids(&r["completion_ids"]),
            "completion tokenization differs"
        );
        batch.push((p, c));
    }
    let (lp, mask) = policy.log_probs(&batch, None, 1.0)?;
    let lp: Vec<Vec<f32>> = lp.to_vec2()?;
    let mask: Vec<Vec<f32>> = mask.to_vec2()?;
    for (i, r) in reqs.iter().enumerate() {
        let want: Vec<f64> = r["logprobs"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        assert_eq!(want.len(), batch[i].1.len());
        for (j, w) in want.iter().enumerate() {
            let d = (lp[i][j] as f64 - w).abs();
            assert!(
                d < 1e-3,
                "{kind} request {i} token {j}: {} vs {w}",
                lp[i][j]
            );
            assert_eq!(mask[i][j], 1.0);
        }
    }
    // Saved in the same layout, it loads back to the same outputs.
    let out = std::env::temp_dir().join(format!("rulegym-parity-{}-{kind}", std::process::id()));
    policy.save(&out)?;
    let a = read(&dir.join("config.json"))?;
    let b = read(&out.join("config.json"))?;
    assert_eq!(
        a.get("text_config").is_some(),
        b.get("text_config").is_some()
    );
    assert_eq!(a["vision_config"], b["vision_config"]);
    let again = Policy::load(&out, &dev)?;
    let (lp2, _) = again.log_probs(&batch, None, 1.0)?;
    assert_eq!(lp2.to_vec2::<f32>()?, lp);
    std::fs::remove_dir_all(&out)?;
    Ok(())
}

#[test]
fn qwen2_vl_log_probs_match_transformers() -> Result<()> {
    check_checkpoint("qwen2_vl")
}

#[test]
fn qwen2_5_vl_log_probs_match_transformers() -> Result<()> {
    check_checkpoint("qwen2_5_vl")
}
