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

use crate::chat::Content;
use crate::config::ModelConfig;
use crate::error::{AgentError, Result};
use crate::processor::{Processor, ProcessorConfig, VisionInput};
use crate::text::rope::Positions3;
use crate::text::TextModel;
use crate::tokenizer::TextTokenizer;
use crate::vision::{
    detect_prefix, mrope_positions, scatter_vision, PlaceholderIds, TextAfterVision, VisionConfig,
    VisionFreeze, VisionKind, VisionSpan, VisionTower,
};

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

/// `image_token_id` / `video_token_id` of a config (Qwen2-VL's ids when absent).
pub fn placeholder_ids(cfg: &ModelConfig) -> PlaceholderIds {
    PlaceholderIds {
        image: token_id(cfg, "image_token_id", 151_655),
        video: token_id(cfg, "video_token_id", 151_656),
    }
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

/// The images and videos among `media` (text parts skipped), as `(is_video, frames)`.
pub fn media_frames<'a>(media: &[&'a Content]) -> Vec<(bool, &'a [Frame])> {
    media
        .iter()
        .filter_map(|c| match c {
            Content::Image(f) => Some((false, std::slice::from_ref(f))),
            Content::Video(v) => Some((true, v.as_slice())),
            Content::Text(_) => None,
        })
        .collect()
}

/// Token embeddings `[len, hidden]` and text positions of a prompt without images or videos.
pub(crate) fn text_embeds(
    model: &TextModel,
    tokens: &[u32],
    dev: &Device,
) -> Result<(Tensor, Positions3)> {
    let ids = Tensor::from_vec(tokens.to_vec(), (1, tokens.len()), dev)?;
    let pos: Vec<u32> = (0..tokens.len() as u32).collect();
    Ok((
        model.embed(&ids)?.squeeze(0)?,
        [pos.clone(), pos.clone(), pos],
    ))
}

impl VisionPart {
    /// Reads the tower from checkpoint tensors (removing them from `tensors`) when the config has
    /// a `vision_config`; `None` for text-only checkpoints.
    pub(crate) fn load(
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

    /// The vision part of a `*-vl` preset: a small tower (depth 2, width 64, 4 heads) for the text
    /// preset `text`, max_pixels 112·112 so CPU training on small frames is fast.
    pub(crate) fn preset(
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

    /// The sampling view of the tower (every weight detached); `detached` (a frozen copy's
    /// part) freezes the training tower too.
    pub(crate) fn infer_view(&mut self, detached: bool) -> Result<VisionTower> {
        let all = VisionFreeze {
            tower: true,
            merger: true,
        };
        if detached {
            self.tower.set_freeze(all)?;
        }
        let mut inf = self.tower.clone();
        inf.set_freeze(all)?;
        Ok(inf)
    }

    /// Processes `frames` and expands the one placeholder per item in `tokens` into the
    /// item's number of placeholder tokens.
    pub fn prompt(&self, tokens: Vec<u32>, frames: &[(bool, &[Frame])]) -> Result<VisionPrompt> {
        let vision = frames
            .iter()
            .map(|&(video, f)| match video {
                true => self.processor.video(f),
                false => self.processor.image(&f[0]),
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let merge = self.processor.config.merge_size;
        let tokens = expand_placeholders(&tokens, self.ids, &vision, merge)?;
        Ok(VisionPrompt { tokens, vision })
    }

    /// Input embeddings `[len, hidden]` of one sequence: token embeddings with `tower`'s merged
    /// vision embeddings written at the placeholders, and its M-RoPE positions.
    pub(crate) fn embeds(
        &self,
        model: &TextModel,
        tower: &VisionTower,
        tokens: &[u32],
        vision: &[VisionInput],
    ) -> Result<(Tensor, Positions3)> {
        let dev = model.device();
        let (text, _) = text_embeds(model, tokens, dev)?;
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
        let x = scatter_vision(&text, tokens, self.ids, img.as_ref(), vid.as_ref())?;
        let cfg = tower.config();
        let spans: Vec<VisionSpan> = vision
            .iter()
            .map(|v| VisionSpan {
                grid_thw: v.grid_thw,
                is_video: v.is_video,
                second_per_grid_t: cfg.temporal_patch_size as f64 / self.video_fps,
            })
            .collect();
        let scale = (cfg.kind == VisionKind::Qwen25Vl).then_some(cfg.tokens_per_second);
        let pos = mrope_positions(
            tokens,
            self.ids,
            &spans,
            cfg.spatial_merge_size,
            scale,
            self.text_after_vision,
        )?;
        Ok((x, pos))
    }
}
