//! Scoring requests in the JSONL format of `trainer logprobs`; each line is one of
//!
//! * `{"messages": [...], "completion": "..."}`: rendered with the chat template (generation
//!   prompt added) and tokenized; content parts may be images and videos, as transformers'
//!   Qwen2-VL processor takes them: `{"type":"image","image":PATH}` (also `"path"`/`"url"`, or
//!   `{"image":PATH}` without a type) and `{"type":"video","video":[FRAME PATHS]}`;
//! * `{"prompt_ids": [...], "completion_ids": [...], "images": [PATH..], "videos": [[PATH..]..]}`:
//!   raw token ids with one `<|image_pad|>` / `<|video_pad|>` per image / video, matched in
//!   order (what the chat template renders; expanded here like the chat path), so requests
//!   tokenized elsewhere score exactly.
//!
//! `completion` and `completion_ids` are interchangeable in both forms. Relative paths are
//! resolved against the JSONL file's folder so a request file travels with its frames. Each
//! result is `{"tokens": [completion ids], "logprobs": [...]}` (temperature 1, no constraint).
use std::io::BufRead;
use std::path::{Path, PathBuf};

use candle_core::{DType, Device};
use rulegym_render::Frame;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::chat::{Content, Message, Role};
use crate::error::{io_err, AgentError, Result};
use crate::multimodal::VisionPrompt;
use crate::policy::Policy;
use crate::processor::{load_frame, VisionInput};

/// One scored completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredCompletion {
    pub tokens: Vec<u32>,
    pub logprobs: Vec<f32>,
}

/// A parsed request: prompt ids (vision placeholders expanded), its processed images and
/// videos (empty for text-only requests) and completion ids.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRequest {
    pub prompt: Vec<u32>,
    pub vision: Vec<VisionInput>,
    pub completion: Vec<u32>,
}

/// The fields of one request line; unknown fields (ids, metadata) are ignored.
#[derive(Deserialize)]
struct RawRequest {
    messages: Option<Value>,
    prompt_ids: Option<Vec<u32>>,
    #[serde(default)]
    images: Vec<String>,
    #[serde(default)]
    videos: Vec<Vec<String>>,
    completion: Option<String>,
    completion_ids: Option<Vec<u32>>,
}

/// True for a content part that transformers' chat template renders as an image or video.
fn is_vision_part(p: &Value) -> bool {
    matches!(
        p.get("type").and_then(Value::as_str),
        Some("image" | "video" | "image_url")
    ) || ["image", "image_url", "video"]
        .iter()
        .any(|k| p.get(k).is_some())
}

/// True when a raw message list holds an image or video part.
fn has_vision(messages: &Value) -> bool {
    messages.as_array().is_some_and(|ms| {
        ms.iter().any(|m| {
            m.get("content")
                .and_then(Value::as_array)
                .is_some_and(|parts| parts.iter().any(is_vision_part))
        })
    })
}

/// Parses request lines of one file: the line number and folder used in messages and paths.
struct LineCtx<'a> {
    line: usize,
    base: &'a Path,
}

impl LineCtx<'_> {
    fn bad(&self, m: impl std::fmt::Display) -> AgentError {
        AgentError::Invalid(format!("line {}: {m}", self.line))
    }

    /// `file://` URLs and plain paths; relative paths are taken from the JSONL file's folder.
    fn resolve(&self, raw: &str) -> Result<PathBuf> {
        if raw.starts_with("http://") || raw.starts_with("https://") || raw.starts_with("data:") {
            return Err(self.bad(format!(
                "image {raw:?}: only local files are read (no downloads or inline data)"
            )));
        }
        let p = Path::new(raw.strip_prefix("file://").unwrap_or(raw));
        Ok(if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        })
    }

    /// Reads one image, refusing missing, empty and undecodable files by name.
    fn frame(&self, raw: &str) -> Result<Frame> {
        let path = self.resolve(raw)?;
        let meta = std::fs::metadata(&path)
            .map_err(|e| self.bad(format!("image {}: {e}", path.display())))?;
        if !meta.is_file() {
            return Err(self.bad(format!("image {}: not a file", path.display())));
        }
        if meta.len() == 0 {
            return Err(self.bad(format!("image {}: empty file (0 bytes)", path.display())));
        }
        load_frame(&path).map_err(|e| self.bad(e))
    }

    fn video(&self, raws: &[String]) -> Result<Content> {
        if raws.is_empty() {
            return Err(self.bad("video has no frames"));
        }
        Ok(Content::Video(
            raws.iter().map(|r| self.frame(r)).collect::<Result<_>>()?,
        ))
    }

    /// One content part, with transformers' precedence: image, then video, then text.
    fn part(&self, p: &Value) -> Result<Content> {
        let get = |k: &str| p.get(k).filter(|v| !v.is_null());
        let ty = get("type").and_then(Value::as_str);
        if ty == Some("image_url") || get("image_url").is_some() {
            return Err(
                self.bad("image_url parts are not read; give {\"type\":\"image\",\"image\":PATH}")
            );
        }
        if ty == Some("image") || get("image").is_some() {
            let src = get("image").or(get("path")).or(get("url"));
            return match src.and_then(Value::as_str) {
                Some(s) => Ok(Content::Image(self.frame(s)?)),
                None => Err(self.bad(format!("image part without a path: {p}"))),
            };
        }
        if ty == Some("video") || get("video").is_some() {
            return match get("video").or(get("path")) {
                Some(Value::Array(a)) => {
                    let raws = a
                        .iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| self.bad("video frames must be paths (strings)"))?;
                    self.video(&raws)
                }
                Some(Value::String(s)) => Err(self.bad(format!(
                    "video {s:?}: video files are not decoded; give the frames as a list of image paths"
                ))),
                _ => Err(self.bad(format!("video part without frame paths: {p}"))),
            };
        }
        match get("text").and_then(Value::as_str) {
            Some(t) if ty.is_none() || ty == Some("text") => Ok(Content::Text(t.to_string())),
            _ => Err(self.bad(format!("unknown content part {p}"))),
        }
    }

    fn messages(&self, v: &Value) -> Result<Vec<Message>> {
        let ms = v
            .as_array()
            .ok_or_else(|| self.bad("\"messages\" must be a list"))?;
        ms.iter()
            .enumerate()
            .map(|(i, m)| {
                let role: Role = serde_json::from_value(m.get("role").cloned().unwrap_or_default())
                    .map_err(|e| self.bad(format!("message {i}: role: {e}")))?;
                let content = match m.get("content") {
                    Some(Value::String(s)) => vec![Content::Text(s.clone())],
                    Some(Value::Array(parts)) => {
                        parts.iter().map(|p| self.part(p)).collect::<Result<_>>()?
                    }
                    _ => {
                        return Err(self.bad(format!(
                            "message {i}: content must be a string or a list of parts"
                        )))
                    }
                };
                Ok(Message { role, content })
            })
            .collect()
    }
}

/// Refuses images for a model without a vision tower before any file is read.
fn require_vision(policy: &Policy, ctx: &LineCtx) -> Result<()> {
    match &policy.vision {
        Some(_) => Ok(()),
        None => Err(ctx.bad(
            "the request has images/videos but the model is text-only (no vision tower); use a *-vl preset or a checkpoint with vision_config",
        )),
    }
}

/// Parses one JSONL line (`line_no` is 1-based, for messages); relative image paths are
/// resolved against `base` (the JSONL file's folder).
pub fn parse_request(
    policy: &Policy,
    line: &str,
    line_no: usize,
    base: &Path,
) -> Result<ScoreRequest> {
    let ctx = LineCtx {
        line: line_no,
        base,
    };
    let raw: RawRequest =
        serde_json::from_str(line).map_err(|e| ctx.bad(format!("invalid request: {e}")))?;
    let completion = match (&raw.completion, raw.completion_ids) {
        (Some(text), None) => policy.encode(text)?,
        (None, Some(ids)) => ids,
        _ => {
            return Err(ctx.bad("give exactly one of \"completion\" (text) and \"completion_ids\""))
        }
    };
    let prompt = match (&raw.messages, raw.prompt_ids) {
        (Some(m), None) if raw.images.is_empty() && raw.videos.is_empty() => {
            if has_vision(m) {
                require_vision(policy, &ctx)?;
            }
            let messages = ctx.messages(m)?;
            if messages.iter().any(Message::has_vision) {
                policy.encode_chat_vision(&messages)
            } else {
                policy.encode_chat(&messages).map(|tokens| VisionPrompt {
                    tokens,
                    vision: Vec::new(),
                })
            }
        }
        (None, Some(ids)) => ids_prompt(policy, &ctx, ids, &raw.images, &raw.videos),
        (Some(_), None) => Err(ctx.bad(
            "\"images\"/\"videos\" go with \"prompt_ids\"; in \"messages\" use content parts",
        )),
        _ => Err(ctx.bad("give exactly one of \"messages\" and \"prompt_ids\"")),
    };
    let prompt = prompt.map_err(|e| match e {
        AgentError::Invalid(m) if m.starts_with("line ") => AgentError::Invalid(m),
        AgentError::Invalid(m) => ctx.bad(m),
        e => ctx.bad(e),
    })?;
    Ok(ScoreRequest {
        prompt: prompt.tokens,
        vision: prompt.vision,
        completion,
    })
}

/// `prompt_ids` with one placeholder per entry of `images` / `videos`, paired in order.
fn ids_prompt(
    policy: &Policy,
    ctx: &LineCtx,
    ids: Vec<u32>,
    images: &[String],
    videos: &[Vec<String>],
) -> Result<VisionPrompt> {
    if images.is_empty() && videos.is_empty() {
        return Ok(VisionPrompt {
            tokens: ids,
            vision: Vec::new(),
        });
    }
    require_vision(policy, ctx)?;
    let pads = policy.vision()?.ids;
    let n_img = ids.iter().filter(|&&t| t == pads.image).count();
    let n_vid = ids.iter().filter(|&&t| t == pads.video).count();
    if (n_img, n_vid) != (images.len(), videos.len()) {
        return Err(ctx.bad(format!(
            "prompt_ids hold {n_img} image and {n_vid} video placeholders (ids {} and {}) but the request gives {} images and {} videos",
            pads.image, pads.video, images.len(), videos.len()
        )));
    }
    let (mut im, mut vi) = (images.iter(), videos.iter());
    let mut media = Vec::with_capacity(n_img + n_vid);
    for &t in &ids {
        if let Some(p) = (t == pads.image).then(|| im.next()).flatten() {
            media.push(Content::Image(ctx.frame(p)?));
        } else if let Some(v) = (t == pads.video).then(|| vi.next()).flatten() {
            media.push(ctx.video(v)?);
        }
    }
    let refs: Vec<&Content> = media.iter().collect();
    policy.vision_prompt(ids, &refs)
}

/// Scores requests, `batch_size` per forward pass: text-only requests through
/// [`Policy::log_probs`], requests with images/videos through [`Policy::log_probs_vision`].
/// Results keep the order of `reqs`.
pub fn score(
    policy: &Policy,
    reqs: &[ScoreRequest],
    batch_size: usize,
) -> Result<Vec<ScoredCompletion>> {
    let (vision, text): (Vec<&ScoreRequest>, Vec<&ScoreRequest>) =
        reqs.iter().partition(|r| !r.vision.is_empty());
    let mut text_out = Vec::with_capacity(text.len());
    for chunk in text.chunks(batch_size.max(1)) {
        let batch: Vec<(Vec<u32>, Vec<u32>)> = chunk
            .iter()
            .map(|r| (r.prompt.clone(), r.completion.clone()))
            .collect();
        let (lp, _) = policy.log_probs(&batch, None, 1.0)?;
        text_out.extend(rows(chunk, &lp)?);
    }
    let mut vision_out = Vec::with_capacity(vision.len());
    for chunk in vision.chunks(batch_size.max(1)) {
        let batch: Vec<(VisionPrompt, Vec<u32>)> = chunk
            .iter()
            .map(|r| {
                let p = VisionPrompt {
                    tokens: r.prompt.clone(),
                    vision: r.vision.clone(),
                };
                (p, r.completion.clone())
            })
            .collect();
        let (lp, _) = policy.log_probs_vision(&batch, None, 1.0)?;
        vision_out.extend(rows(chunk, &lp)?);
    }
    let (mut t, mut v) = (text_out.into_iter(), vision_out.into_iter());
    Ok(reqs
        .iter()
        .filter_map(|r| match r.vision.is_empty() {
            true => t.next(),
            false => v.next(),
        })
        .collect())
}

/// Splits a `[B, T_max]` log-prob tensor into one result per request.
fn rows(chunk: &[&ScoreRequest], lp: &candle_core::Tensor) -> Result<Vec<ScoredCompletion>> {
    let lp: Vec<Vec<f32>> = lp.to_dtype(candle_core::DType::F32)?.to_vec2()?;
    Ok(chunk
        .iter()
        .zip(lp)
        .map(|(r, row)| ScoredCompletion {
            tokens: r.completion.clone(),
            logprobs: row[..r.completion.len()].to_vec(),
        })
        .collect())
}

/// Scores every request of a JSONL file (blank lines skipped), `batch_size` lines at a time so
/// that only one window of decoded frames is held; what `trainer logprobs` runs. Errors name
/// the file and the line.
pub fn score_jsonl(
    policy: &Policy,
    path: &Path,
    batch_size: usize,
) -> Result<Vec<ScoredCompletion>> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let in_file = |e: AgentError| AgentError::Request {
        path: path.to_path_buf(),
        message: match e {
            AgentError::Invalid(m) => m,
            e => e.to_string(),
        },
    };
    let mut out = Vec::new();
    let (mut window, mut first) = (Vec::with_capacity(batch_size.max(1)), 0);
    let mut lines = std::io::BufReader::new(file).lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        let line = line.map_err(io_err(path))?;
        if !line.trim().is_empty() {
            if window.is_empty() {
                first = i + 1;
            }
            window.push(parse_request(policy, &line, i + 1, base).map_err(in_file)?);
        }
        if !window.is_empty() && (window.len() >= batch_size.max(1) || lines.peek().is_none()) {
            let scored = score(policy, &window, batch_size).map_err(|e| {
                in_file(AgentError::Invalid(format!("lines {first}-{}: {e}", i + 1)))
            })?;
            out.extend(scored);
            window.clear();
        }
    }
    Ok(out)
}

/// A checkpoint folder, or a preset name (`tiny`, `small`, `tiny-vl`, `small-vl`, `tiny-char`) initialised
/// from `seed`, in `dtype` on `device`.
pub fn load_model(spec: &str, seed: u64, device: &Device, dtype: DType) -> Result<Policy> {
    let path = Path::new(spec);
    if path.is_dir() {
        Policy::load_with_dtype(path, device, dtype)
    } else if matches!(
        spec,
        "tiny" | "small" | "tiny-vl" | "small-vl" | "tiny-char"
    ) {
        Policy::preset_with_dtype(spec, seed, device, dtype)
    } else {
        Err(AgentError::Invalid(format!(
            "--model {spec:?} is neither a checkpoint folder nor a preset (tiny, small, tiny-vl, small-vl, tiny-char)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(p: &Policy, lines: &[&str], base: &Path) -> Result<Vec<ScoreRequest>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| parse_request(p, l, i + 1, base))
            .collect()
    }

    fn close(a: &[ScoredCompletion], b: &[ScoredCompletion], tol: f32) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.tokens == y.tokens
                    && x.logprobs.len() == y.logprobs.len()
                    && x.logprobs
                        .iter()
                        .zip(&y.logprobs)
                        .all(|(u, v)| (u - v).abs() < tol)
            })
    }

    #[test]
    fn text_requests_score_the_same_alone_and_batched() -> Result<()> {
        let p = Policy::preset("tiny", 0, &Device::Cpu)?;
        let reqs = parse_all(
            &p,
            &[
                r#"{"messages":[{"role":"user","content":"1+1?"}],"completion":"2<|im_end|>"}"#,
                r#"{"messages":[{"role":"user","content":[{"type":"text","text":"Go"}]}],"completion":"left","id":7}"#,
            ],
            Path::new("."),
        )?;
        let out = score(&p, &reqs, 1)?;
        assert!(close(&out, &score(&p, &reqs, 8)?, 1e-4));
        assert_eq!(out[0].tokens.len(), out[0].logprobs.len());
        assert!(parse_request(&p, "{", 4, Path::new(".")).is_err());
        Ok(())
    }

    #[test]
    fn image_request_to_a_text_only_model_names_the_line() -> Result<()> {
        let p = Policy::preset("tiny", 0, &Device::Cpu)?;
        let img = r#"{"messages":[{"role":"user","content":[{"type":"image","image":"a.png"}]}],"completion":"x"}"#;
        let e = parse_request(&p, img, 3, Path::new("."))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("line 3") && e.contains("no vision tower"), "{e}");
        Ok(())
    }

    #[test]
    fn mixed_requests_keep_their_order_and_batching_does_not_change_scores() -> Result<()> {
        let dir =
            std::env::temp_dir().join(format!("rulegym_requests_mixed_{}", std::process::id()));
        std::fs::create_dir_all(dir.join("f")).map_err(io_err(&dir))?;
        for (name, c) in [("a.png", [200, 30, 90]), ("b.png", [10, 120, 240])] {
            Frame::filled(60, 44, c)
                .save(&dir.join("f").join(name))
                .map_err(|e| AgentError::Invalid(e.to_string()))?;
        }
        let p = Policy::preset("tiny-vl", 0, &Device::Cpu)?;
        let lines = [
            r#"{"messages":[{"role":"user","content":[{"type":"image","image":"f/a.png"},{"type":"text","text":"Where?"}]}],"completion":"left"}"#,
            r#"{"messages":[{"role":"user","content":"1+1?"}],"completion":"2"}"#,
            r#"{"messages":[{"role":"user","content":[{"video":["f/a.png","f/b.png","f/a.png"]},{"text":"Go"}]}],"completion":"shoot"}"#,
            r#"{"messages":[{"role":"user","content":[{"type":"video","video":["f/b.png"]},{"type":"text","text":"Where?"}]}],"completion":"left"}"#,
        ];
        let reqs = parse_all(&p, &lines, &dir)?;
        assert_eq!(reqs[0].vision.len(), 1);
        assert!(reqs[1].vision.is_empty());
        // A one-frame video is repeated to the temporal patch, as transformers does: grid t = 1.
        assert_eq!(reqs[3].vision[0].grid_thw[0], 1);
        assert!(reqs[3].vision[0].is_video);
        let alone = score(&p, &reqs, 1)?;
        assert!(close(&alone, &score(&p, &reqs, 4)?, 1e-4));
        let text_only = score(&p, &reqs[1..2], 1)?;
        assert!(close(&alone[1..2], &text_only, 1e-6));
        std::fs::remove_dir_all(&dir).ok();
        Ok(())
    }

    #[test]
    fn missing_empty_and_remote_images_are_refused_by_line_and_path() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("rulegym_requests_bad_{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        std::fs::write(dir.join("empty.png"), b"").map_err(io_err(&dir))?;
        std::fs::write(dir.join("junk.png"), b"not a png").map_err(io_err(&dir))?;
        let p = Policy::preset("tiny-vl", 0, &Device::Cpu)?;
        let cases = [
            (r#"{"type":"image","image":"nope.png"}"#, "nope.png"),
            (r#"{"type":"image","image":"empty.png"}"#, "0 bytes"),
            (r#"{"type":"image","path":"junk.png"}"#, "junk.png"),
            (
                r#"{"type":"image","url":"https://x/y.png"}"#,
                "only local files",
            ),
            (r#"{"type":"video","video":[]}"#, "no frames"),
            (
                r#"{"type":"video","video":"clip.mp4"}"#,
                "list of image paths",
            ),
        ];
        for (i, (part, want)) in cases.iter().enumerate() {
            let line = format!(
                r#"{{"messages":[{{"role":"user","content":[{part}]}}],"completion":"x"}}"#
            );
            let e = parse_request(&p, &line, i + 10, &dir)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                e.contains(&format!("line {}", i + 10)) && e.contains(want),
                "{e}"
            );
        }
        std::fs::remove_dir_all(&dir).ok();
        Ok(())
    }
}
