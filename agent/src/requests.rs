//! Scoring requests in the JSONL format of `trainer logprobs`: each line
//! `{"messages": [...], "completion": "..."}` → `{"tokens": [...], "logprobs": [...]}`.
use std::path::Path;

use candle_core::Device;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::chat::Message;
use crate::error::{AgentError, Result};
use crate::policy::Policy;

/// One scored completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredCompletion {
    pub tokens: Vec<u32>,
    pub logprobs: Vec<f32>,
}

/// A parsed request: prompt ids and completion ids.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRequest {
    pub prompt: Vec<u32>,
    pub completion: Vec<u32>,
}

/// True when a raw message list holds an image or video part.
fn has_vision(messages: &Value) -> bool {
    messages.as_array().is_some_and(|ms| {
        ms.iter().any(|m| {
            m.get("content")
                .and_then(Value::as_array)
                .is_some_and(|parts| {
                    parts.iter().any(|p| {
                        matches!(
                            p.get("type").and_then(Value::as_str),
                            Some("image" | "video")
                        ) || p.get("image").is_some()
                            || p.get("video").is_some()
                    })
                })
        })
    })
}

/// Parses one JSONL line (`line_no` is 1-based, for messages).
pub fn parse_request(policy: &Policy, line: &str, line_no: usize) -> Result<ScoreRequest> {
    let bad = |m: String| AgentError::Invalid(format!("line {line_no}: {m}"));
    let v: Value = serde_json::from_str(line).map_err(|e| bad(format!("invalid JSON: {e}")))?;
    let messages = v
        .get("messages")
        .ok_or_else(|| bad("no \"messages\"".into()))?;
    if has_vision(messages) {
        return Err(AgentError::Unsupported(format!(
            "line {line_no}: vision (image/video content)"
        )));
    }
    let messages: Vec<Message> =
        serde_json::from_value(messages.clone()).map_err(|e| bad(format!("messages: {e}")))?;
    let completion = v
        .get("completion")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("no string \"completion\"".into()))?;
    Ok(ScoreRequest {
        prompt: policy.encode_chat(&messages)?,
        completion: policy.encode(completion)?,
    })
}

/// Scores requests in batches of `batch_size` (temperature 1, no constraint).
pub fn score(
    policy: &Policy,
    reqs: &[ScoreRequest],
    batch_size: usize,
) -> Result<Vec<ScoredCompletion>> {
    let mut out = Vec::with_capacity(reqs.len());
    for chunk in reqs.chunks(batch_size.max(1)) {
        let batch: Vec<(Vec<u32>, Vec<u32>)> = chunk
            .iter()
            .map(|r| (r.prompt.clone(), r.completion.clone()))
            .collect();
        let (lp, _) = policy.log_probs(&batch, None, 1.0)?;
        let lp: Vec<Vec<f32>> = lp.to_dtype(candle_core::DType::F32)?.to_vec2()?;
        for (r, row) in chunk.iter().zip(lp) {
            out.push(ScoredCompletion {
                tokens: r.completion.clone(),
                logprobs: row[..r.completion.len()].to_vec(),
            });
        }
    }
    Ok(out)
}

/// A checkpoint folder, or a preset name (`tiny`, `small`) initialised from `seed`.
pub fn load_model(spec: &str, seed: u64, device: &Device) -> Result<Policy> {
    let path = Path::new(spec);
    if path.is_dir() {
        Policy::load(path, device)
    } else if matches!(spec, "tiny" | "small") {
        Policy::preset(spec, seed, device)
    } else {
        Err(AgentError::Invalid(format!(
            "--model {spec:?} is neither a checkpoint folder nor a preset (tiny, small)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_scored_and_vision_is_refused() -> Result<()> {
        let p = Policy::preset("tiny", 0, &Device::Cpu)?;
        let lines = [
            r#"{"messages":[{"role":"user","content":"1+1?"}],"completion":"2<|im_end|>"}"#,
            r#"{"messages":[{"role":"user","content":[{"type":"text","text":"Go"}]}],"completion":"left"}"#,
        ];
        let reqs: Vec<ScoreRequest> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| parse_request(&p, l, i + 1))
            .collect::<Result<_>>()?;
        let out = score(&p, &reqs, 1)?;
        let joint = score(&p, &reqs, 8)?;
        for (a, b) in out.iter().zip(&joint) {
            assert_eq!(a.tokens, b.tokens);
            for (x, y) in a.logprobs.iter().zip(&b.logprobs) {
                assert!((x - y).abs() < 1e-4);
            }
        }
        assert_eq!(out[0].tokens.len(), out[0].logprobs.len());
        let img = r#"{"messages":[{"role":"user","content":[{"type":"image","image":"a.png"}]}],"completion":"x"}"#;
        let e = parse_request(&p, img, 3).err().map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("vision")
            && m.contains("not yet supported")
            && m.contains("line 3")));
        assert!(parse_request(&p, "{", 4).is_err());
        Ok(())
    }
}
