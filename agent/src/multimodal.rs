//! Glue between the vision tower and the language model: chat messages with frames become a
//! [`VisionPrompt`] (tokens with `t·h·w / merge²` placeholders per image or video, plus the
//! processed pixels); the tower's merged embeddings replace the placeholder embeddings, and
//! M-RoPE positions follow `get_rope_index`. Used by `Policy::encode_chat_vision`,
//! `Policy::log_probs_vision` and `Policy::generate_vision`.
use std::collections::BTreeMap;
use std::path::Path;

use candle_core::{DType, Device, Tensor};
use rulegym_render::Frame;
use serde_json::Value;

use crate::chat::{render_chat, Content, Message};
use crate::config::ModelConfig;
use crate::constraint::Constraint;
use crate::error::{AgentError, Result};
use crate::policy::Policy;
use crate::processor::{Processor, ProcessorConfig, ProcessorError, VisionInput};
use crate::sample::{Sample, SampleOptions};
use crate::text::rope::RopeTables;
use crate::text::TextModel;
use crate::tokenizer::TextTokenizer;
use crate::vision::{
    detect_prefix, mrope_positions, rope_delta, scatter_vision, PlaceholderIds, TextAfterVision,
    VisionConfig, VisionError, VisionFreeze, VisionKind, VisionSpan, VisionTower,
};

impl From<VisionError> for AgentError {
    fn from(e: VisionError) -> Self {
        AgentError::Invalid(e.to_string())
    }
}

impl From<ProcessorError> for AgentError {
    fn from(e: ProcessorError) -> Self {
        AgentError::Invalid(e.to_string())
    }
}

/// The vision half of a policy: tower, processor and placeholder ids.
#[derive(Debug, Clone)]
pub struct VisionPart {
    pub tower: VisionTower,
    pub processor: Processor,
    pub ids: PlaceholderIds,
    /// Frames per second assumed for videos given as frame lists (Qwen2.5-VL's temporal
    /// positions use `temporal_patch_size / fps` seconds per temporal patch).
    pub video_fps: f64,
    /// Where text resumes after an image or video (Qwen's rule unless set otherwise).
    pub text_after_vision: TextAfterVision,
}

/// A tokenised prompt with its processed images and videos, in order of appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct VisionPrompt {
    pub tokens: Vec<u32>,
    pub vision: Vec<VisionInput>,
}

fn token_id(cfg: &ModelConfig, key: &str, default: u32) -> u32 {
    cfg.extra
        .get(key)
        .and_then(Value::as_u64)
        .map_or(default, |v| v as u32)
}

/// Reads the tower from checkpoint tensors (removing them from `tensors`) when the config has
/// a `vision_config`; `None` for text-only checkpoints.
pub(crate) fn load_vision(
    cfg: &ModelConfig,
    tensors: &mut BTreeMap<String, Tensor>,
    dir: &Path,
    device: &Device,
    dtype: DType,
) -> Result<Option<VisionPart>> {
    let Some(vc) = &cfg.vision_config else {
        return Ok(None);
    };
    let vcfg = VisionConfig::from_hf_json(&cfg.model_type, vc)?;
    let prefix = detect_prefix(tensors.keys());
    let mine: std::collections::HashMap<String, Tensor> = tensors
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let tower = VisionTower::from_tensors(&vcfg, &mine, &prefix, dtype, device)?;
    for (name, _) in tower.named_vars() {
        tensors.remove(name);
    }
    let processor = Processor::new(ProcessorConfig::load(dir)?);
    Ok(Some(VisionPart {
        tower,
        processor,
        ids: placeholder_ids(cfg),
        video_fps: 2.0,
        text_after_vision: TextAfterVision::default(),
    }))
}

/// `image_token_id` / `video_token_id` of a config (Qwen2-VL's ids when absent).
pub fn placeholder_ids(cfg: &ModelConfig) -> PlaceholderIds {
    PlaceholderIds {
        image: token_id(cfg, "image_token_id", 151_655),
        video: token_id(cfg, "video_token_id", 151_656),
    }
}

/// The vision part of a `*-vl` preset: a small tower (depth 2, width 64, 4 heads) for the text
/// preset `text`, max_pixels 112·112 so CPU training on small frames is fast.
pub(crate) fn preset_vision(
    cfg: &mut ModelConfig,
    tok: &TextTokenizer,
    seed: u64,
    device: &Device,
    dtype: DType,
) -> Result<VisionPart> {
    let id = |t: &str| {
        tok.token_id(t)
            .ok_or_else(|| AgentError::Config(format!("the tokenizer lacks {t}")))
    };
    let ids = PlaceholderIds {
        image: id("<|image_pad|>")?,
        video: id("<|video_pad|>")?,
    };
    let vcfg = VisionConfig {
        kind: VisionKind::Qwen2Vl,
        depth: 2,
        embed_dim: 64,
        out_dim: cfg.hidden_size,
        num_heads: 4,
        mlp_dim: 128,
        initializer_range: cfg.initializer_range,
        ..VisionConfig::default()
    };
    cfg.vision_config = Some(vcfg.to_hf_json());
    for (k, v) in [("image_token_id", ids.image), ("video_token_id", ids.video)] {
        cfg.extra.insert(k.into(), v.into());
    }
    let mut tower = VisionTower::random(&vcfg, seed ^ 0x5649_5349_4f4e, device)?;
    if dtype != DType::F32 {
        let map = tower
            .named_vars()
            .iter()
            .map(|(n, v)| (n.clone(), v.as_tensor().clone()))
            .collect();
        tower = VisionTower::from_tensors(&vcfg, &map, "visual.", dtype, device)?;
    }
    let processor = Processor::new(ProcessorConfig {
        min_pixels: 56 * 56,
        max_pixels: 112 * 112,
        video_min_pixels: 56 * 56,
        video_max_pixels: 112 * 112,
        ..ProcessorConfig::default()
    });
    Ok(VisionPart {
        tower,
        processor,
        ids,
        video_fps: 2.0,
        text_after_vision: TextAfterVision::default(),
    })
}

/// Rebuilds the sampling view of the tower; a detached policy (frozen copy) freezes its tower.
pub(crate) fn rebuild_vision(p: &mut Policy) -> Result<()> {
    let all = VisionFreeze {
        tower: true,
        merger: true,
    };
    p.vision_infer = match p.vision.as_mut() {
        Some(v) => {
            if p.detached {
                v.tower.set_freeze(all)?;
            }
            let mut inf = v.tower.clone();
            inf.set_freeze(all)?;
            Some(inf)
        }
        None => None,
    };
    Ok(())
}

/// Replaces each `<|image_pad|>` / `<|video_pad|>` (one per item, as the chat template renders
/// them) by the item's number of placeholder tokens.
fn expand_placeholders(
    tokens: &[u32],
    ids: PlaceholderIds,
    vision: &[VisionInput],
    merge: usize,
) -> Result<Vec<u32>> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut items = vision.iter();
    for &t in tokens {
        if t == ids.image || t == ids.video {
            let v = items.next().ok_or_else(|| {
                AgentError::Invalid("more vision placeholders than images/videos".into())
            })?;
            if v.is_video != (t == ids.video) {
                return Err(AgentError::Invalid(
                    "image/video placeholders out of order with the frames".into(),
                ));
            }
            out.extend(std::iter::repeat_n(t, v.num_tokens(merge)));
        } else {
            out.push(t);
        }
    }
    if items.next().is_some() {
        return Err(AgentError::Invalid(
            "fewer vision placeholders than images/videos".into(),
        ));
    }
    Ok(out)
}

impl Policy {
    /// The vision part, or a clear error for text-only policies.
    pub fn vision(&self) -> Result<&VisionPart> {
        self.vision.as_ref().ok_or_else(|| {
            AgentError::Unsupported(format!(
                "images/videos with the text-only model {:?} (use a *-vl preset or a checkpoint with vision_config)",
                self.cfg.model_type
            ))
        })
    }

    /// Chooses where text resumes after an image or video (M-RoPE positions). The default is
    /// Qwen's own rule, which the released checkpoints were trained with; transformers 5
    /// differs for videos ([`TextAfterVision::SpatialExtent`], for parity with it).
    pub fn set_text_after_vision(&mut self, rule: TextAfterVision) -> Result<()> {
        let part = self.vision.as_mut().ok_or_else(|| {
            AgentError::Unsupported("M-RoPE vision positions of a text-only model".into())
        })?;
        part.text_after_vision = rule;
        Ok(())
    }

    /// Chat messages with frames → tokens (with the generation prompt and expanded vision
    /// placeholders) and processed pixels. Works for text-only messages too.
    pub fn encode_chat_vision(&self, messages: &[Message]) -> Result<VisionPrompt> {
        let media: Vec<&Content> = messages
            .iter()
            .flat_map(|m| &m.content)
            .filter(|c| !matches!(c, Content::Text(_)))
            .collect();
        let tokens = self.encode(&render_chat(messages, true))?;
        self.vision_prompt(tokens, &media)
    }

    /// Token ids holding one `<|image_pad|>` / `<|video_pad|>` per image or video (as the chat
    /// template renders them) plus those images and videos in the same order → a
    /// [`VisionPrompt`] with processed pixels and expanded placeholders. Text parts in `media`
    /// are ignored.
    pub fn vision_prompt(&self, tokens: Vec<u32>, media: &[&Content]) -> Result<VisionPrompt> {
        let frames: Vec<(bool, &[Frame])> = media
            .iter()
            .filter_map(|c| match c {
                Content::Image(f) => Some((false, std::slice::from_ref(f))),
                Content::Video(v) => Some((true, v.as_slice())),
                Content::Text(_) => None,
            })
            .collect();
        if frames.is_empty() {
            return Ok(VisionPrompt {
                tokens,
                vision: Vec::new(),
            });
        }
        let part = self.vision()?;
        let vision = frames
            .into_iter()
            .map(|(video, f)| {
                if video {
                    part.processor.video(f)
                } else {
                    part.processor.image(&f[0])
                }
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let merge = part.processor.config.merge_size;
        let tokens = expand_placeholders(&tokens, part.ids, &vision, merge)?;
        Ok(VisionPrompt { tokens, vision })
    }

    /// Input embeddings `[len, hidden]` of one sequence: token embeddings with the merged
    /// vision embeddings written at the placeholders, and its M-RoPE positions.
    fn vision_embeds(
        &self,
        model: &TextModel,
        tower: Option<&VisionTower>,
        tokens: &[u32],
        vision: &[VisionInput],
    ) -> Result<(Tensor, [Vec<u32>; 3])> {
        let dev = &self.device;
        let ids = Tensor::from_vec(tokens.to_vec(), (1, tokens.len()), dev)?;
        let text = model.embed(&ids)?.squeeze(0)?;
        if vision.is_empty() {
            let pos: Vec<u32> = (0..tokens.len() as u32).collect();
            return Ok((text, [pos.clone(), pos.clone(), pos]));
        }
        let part = self.vision()?;
        let tower = tower.unwrap_or(&part.tower);
        let encode = |video: bool| -> Result<Option<Tensor>> {
            let items: Vec<&VisionInput> = vision.iter().filter(|v| v.is_video == video).collect();
            if items.is_empty() {
                return Ok(None);
            }
            let rows: usize = items.iter().map(|v| v.num_patches()).sum();
            let dim = items[0].patch_dim;
            let mut px = Vec::with_capacity(rows * dim);
            for v in &items {
                px.extend_from_slice(&v.pixel_values);
            }
            let px = Tensor::from_vec(px, (rows, dim), dev)?;
            let grids: Vec<[usize; 3]> = items.iter().map(|v| v.grid_thw).collect();
            Ok(Some(tower.forward(&px, &grids)?))
        };
        let (img, vid) = (encode(false)?, encode(true)?);
        let x = scatter_vision(&text, tokens, part.ids, img.as_ref(), vid.as_ref())?;
        let cfg = tower.config();
        let spans: Vec<VisionSpan> = vision
            .iter()
            .map(|v| VisionSpan {
                grid_thw: v.grid_thw,
                is_video: v.is_video,
                second_per_grid_t: cfg.temporal_patch_size as f64 / part.video_fps,
            })
            .collect();
        let scale = (cfg.kind == VisionKind::Qwen25Vl).then_some(cfg.tokens_per_second);
        let pos = mrope_positions(
            tokens,
            part.ids,
            &spans,
            cfg.spatial_merge_size,
            scale,
            part.text_after_vision,
        )?;
        Ok((x, pos))
    }

    /// [`Policy::log_probs`] for prompts with images/videos: `([B, T_max], mask [B, T_max])`.
    /// Gradients reach the text model and the (unfrozen) vision tower.
    pub fn log_probs_vision(
        &self,
        batch: &[(VisionPrompt, Vec<u32>)],
        constraint: Option<&Constraint>,
        temperature: f64,
    ) -> Result<(Tensor, Tensor)> {
        let lp = self.log_probs_vision_full(batch, constraint, temperature, false)?;
        Ok((lp.logprobs, lp.mask))
    }

    /// [`Policy::log_probs_vision`] plus the detached per-token entropy.
    pub fn log_probs_vision_with_entropy(
        &self,
        batch: &[(VisionPrompt, Vec<u32>)],
        constraint: Option<&Constraint>,
        temperature: f64,
    ) -> Result<(Tensor, Tensor, Tensor)> {
        let lp = self.log_probs_vision_full(batch, constraint, temperature, true)?;
        Ok((lp.logprobs, lp.mask, lp.entropy))
    }

    fn log_probs_vision_full(
        &self,
        batch: &[(VisionPrompt, Vec<u32>)],
        constraint: Option<&Constraint>,
        temperature: f64,
        want_entropy: bool,
    ) -> Result<crate::logprobs::LogProbs> {
        let model = &self.model;
        let tower = self.vision.as_ref().map(|v| &v.tower);
        let pairs: Vec<(Vec<u32>, Vec<u32>)> = batch
            .iter()
            .map(|(p, c)| (p.tokens.clone(), c.clone()))
            .collect();
        let t_in = pairs
            .iter()
            .map(|(p, c)| (p.len() + c.len()).saturating_sub(1))
            .max()
            .unwrap_or(1)
            .max(1);
        let mut rows = Vec::with_capacity(batch.len());
        let mut embeds = Vec::with_capacity(batch.len());
        for (p, c) in batch {
            let mut seq: Vec<u32> = p.tokens.iter().chain(c.iter()).copied().collect();
            seq.pop();
            self.check_tokens(&seq, seq.len() + 1)?;
            let (x, mut pos) = self.vision_embeds(model, tower, &seq, &p.vision)?;
            // Right padding: zero embeddings, positions continuing past the end.
            let pad = t_in - seq.len();
            let x = if pad > 0 {
                let z = Tensor::zeros((pad, x.dim(1)?), x.dtype(), &self.device)?;
                Tensor::cat(&[&x, &z], 0)?
            } else {
                x
            };
            let next = pos.iter().flat_map(|s| s.last()).max().map_or(0, |m| m + 1);
            for s in pos.iter_mut() {
                s.extend((0..pad as u32).map(|i| next + i));
            }
            embeds.push(x);
            rows.push(pos);
        }
        let x = Tensor::stack(&embeds, 0)?;
        let rope = RopeTables::new(&self.cfg, &rows, self.dtype, &self.device)?;
        self.log_probs_prepared(
            &pairs,
            constraint,
            temperature,
            model,
            want_entropy,
            Some((x, rope)),
        )
    }

    /// [`Policy::generate`] for prompts with images/videos (KV cache; `n` samples per prompt
    /// share one prefill). Decode positions continue at `max prompt position + 1`.
    pub fn generate_vision(
        &self,
        prompts: &[VisionPrompt],
        opts: &SampleOptions,
    ) -> Result<Vec<Vec<Sample>>> {
        let model = &self.infer;
        let mut pre = Vec::with_capacity(prompts.len());
        for p in prompts {
            // The inference view: every vision weight detached, no graph.
            let tower = self.vision_infer.as_ref();
            let (x, pos) = self.vision_embeds(model, tower, &p.tokens, &p.vision)?;
            let delta = rope_delta(&pos);
            pre.push(crate::sample::Prefill {
                embeds: x.detach(),
                positions: pos,
                delta,
            });
        }
        let tokens: Vec<Vec<u32>> = prompts.iter().map(|p| p.tokens.clone()).collect();
        self.generate_with_prefill(&tokens, opts, Some(&pre))
    }
}
