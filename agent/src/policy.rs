//! The policy: decoder + tokenizer + parameters, the object the trainer drives.
//!
//! This file holds the state, its construction and the prompt encoding. Each other concern
//! of a policy has one home that builds on this one and on nothing else of the others:
//! `sample.rs` (generation), `logprobs.rs` (scoring), `training.rs` (trainable parameters,
//! freezing, LoRA) and `checkpoint.rs` (loading and saving folders).
use candle_core::{DType, Device, Tensor};

use crate::chat::{render_chat, Content, Message};
use crate::config::ModelConfig;
use crate::device::dtype_name;
use crate::error::{AgentError, Result};
use crate::lora::Adapters;
use crate::multimodal::{media_frames, text_embeds, VisionPart, VisionPrompt};
use crate::nn::{Inventory, Lookup, LoraPair};
use crate::params::Params;
use crate::presets::{char_preset_config, preset_config};
use crate::processor::VisionInput;
use crate::text::rope::Positions3;
use crate::text::TextModel;
use crate::tokenizer::TextTokenizer;
use crate::vision::{TextAfterVision, VisionTower};

/// A Qwen2-VL language policy whose parameters are candle `Var`s.
#[derive(Debug, Clone)]
pub struct Policy {
    pub(crate) cfg: ModelConfig,
    pub(crate) tok: TextTokenizer,
    pub(crate) params: Params,
    /// The decoder's parameters and linear layers as its constructors named them.
    pub(crate) inventory: Inventory,
    /// Every parameter detached (a frozen reference copy): no gradients, never trained.
    pub(crate) detached: bool,
    /// Graph-building model (trainable parameters tracked).
    pub(crate) model: TextModel,
    /// Same weights, all detached: sampling builds no autograd graph.
    pub(crate) infer: TextModel,
    pub(crate) device: Device,
    pub(crate) dtype: DType,
    /// Tensors of the checkpoint we do not use (vision tower), saved back unchanged.
    pub(crate) passthrough: Vec<(String, Tensor)>,
    /// The checkpoint's generation_config.json, if any, saved back unchanged.
    pub(crate) generation_config: Option<serde_json::Value>,
    /// The checkpoint's tokenizer_config.json, if any.
    pub(crate) tokenizer_config: Option<serde_json::Value>,
    /// The checkpoint was sharded (saved back sharded).
    pub(crate) sharded: bool,
    /// LoRA adapters; when present only they train.
    pub(crate) adapters: Option<Adapters>,
    /// Vision tower, processor and placeholder ids (`None` for text-only models).
    pub(crate) vision: Option<VisionPart>,
    /// The tower with every weight detached, for sampling.
    pub(crate) vision_infer: Option<VisionTower>,
}

impl Policy {
    /// Assembles a policy and builds its model views.
    pub(crate) fn assemble(
        cfg: ModelConfig,
        tok: TextTokenizer,
        params: Params,
        device: &Device,
        dtype: DType,
    ) -> Result<Self> {
        cfg.validate()?;
        let (model, inventory) = text_view(&cfg, &params, None, false)?;
        let (infer, _) = text_view(&cfg, &params, None, true)?;
        Ok(Self {
            cfg,
            tok,
            params,
            inventory,
            detached: false,
            model,
            infer,
            device: device.clone(),
            dtype,
            passthrough: Vec::new(),
            generation_config: None,
            tokenizer_config: None,
            sharded: false,
            adapters: None,
            vision: None,
            vision_infer: None,
        })
    }

    /// Rebuilds the model views after parameters or freezing changed.
    pub(crate) fn rebuild(&mut self) -> Result<()> {
        let ad = self.adapters.as_ref();
        self.model = text_view(&self.cfg, &self.params, ad, self.detached)?.0;
        self.infer = text_view(&self.cfg, &self.params, ad, true)?.0;
        self.vision_infer = match self.vision.as_mut() {
            Some(v) => Some(v.infer_view(self.detached)?),
            None => None,
        };
        Ok(())
    }

    /// `"tiny"` | `"small"` (and `-vl`): random init (std 0.1) over the compact tokenizer;
    /// `"tiny-char"`: the TRL comparison model over its character vocabulary
    /// ([`crate::presets::char_preset_config`]).
    pub fn preset(name: &str, seed: u64, device: &Device) -> Result<Policy> {
        Self::preset_with_dtype(name, seed, device, DType::F32)
    }

    /// [`Policy::preset`] in another dtype (bf16/f16 for GPUs).
    pub fn preset_with_dtype(
        name: &str,
        seed: u64,
        device: &Device,
        dtype: DType,
    ) -> Result<Policy> {
        let (tok, mut cfg) = match name {
            "tiny-char" => {
                let tok = TextTokenizer::chars()?;
                let cfg = char_preset_config(tok.len())?;
                (tok, cfg)
            }
            _ => {
                let tok = TextTokenizer::compact()?;
                let text_name = name.strip_suffix("-vl").unwrap_or(name);
                let cfg = preset_config(text_name, tok.len())?;
                (tok, cfg)
            }
        };
        cfg.torch_dtype = dtype_name(dtype).into();
        cfg.bos_token_id = tok.token_id("<|endoftext|>");
        cfg.eos_token_id = tok.token_id("<|im_end|>");
        let vision = match name.ends_with("-vl") {
            true => Some(VisionPart::preset(&mut cfg, &tok, seed, device, dtype)?),
            false => None,
        };
        let params = Params::init(&cfg, seed, dtype, device)?;
        let mut p = Self::assemble(cfg, tok, params, device, dtype)?;
        p.vision = vision;
        p.rebuild()?;
        Ok(p)
    }

    /// A randomly initialised policy of any config over the compact tokenizer
    /// (`cfg.vocab_size` must cover the tokenizer).
    pub fn from_config(
        cfg: &ModelConfig,
        seed: u64,
        device: &Device,
        dtype: DType,
    ) -> Result<Policy> {
        let tok = TextTokenizer::compact()?;
        if cfg.vocab_size < tok.len() {
            return Err(AgentError::Config(format!(
                "vocab_size {} is smaller than the tokenizer ({} tokens)",
                cfg.vocab_size,
                tok.len()
            )));
        }
        let params = Params::init(cfg, seed, dtype, device)?;
        Self::assemble(cfg.clone(), tok, params, device, dtype)
    }

    /// Chat messages → token ids, with the assistant generation prompt appended.
    pub fn encode_chat(&self, messages: &[Message]) -> Result<Vec<u32>> {
        if messages.iter().any(Message::has_vision) {
            return Err(AgentError::Unsupported(
                "image/video messages in encode_chat: use encode_chat_vision".into(),
            ));
        }
        self.encode(&render_chat(messages, true))
    }

    /// Text → ids; special-token strings map to their ids, nothing is added.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        self.tok.encode(text)
    }

    /// Ids → text, special tokens kept.
    pub fn decode(&self, tokens: &[u32]) -> Result<String> {
        self.tok.decode(tokens)
    }

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
        let frames = media_frames(media);
        if frames.is_empty() {
            return Ok(VisionPrompt {
                tokens,
                vision: Vec::new(),
            });
        }
        self.vision()?.prompt(tokens, &frames)
    }

    /// Input embeddings `[len, hidden]` and M-RoPE positions of one prompt, images and videos
    /// encoded by the trainable view (`train`) or the detached sampling view.
    pub(crate) fn prompt_embeds(
        &self,
        train: bool,
        tokens: &[u32],
        vision: &[VisionInput],
    ) -> Result<(Tensor, Positions3)> {
        let model = if train { &self.model } else { &self.infer };
        if vision.is_empty() {
            return text_embeds(model, tokens, &self.device);
        }
        let part = self.vision()?;
        let tower = match train {
            true => &part.tower,
            false => self.vision_infer.as_ref().unwrap_or(&part.tower),
        };
        part.embeds(model, tower, tokens, vision)
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn dtype(&self) -> DType {
        self.dtype
    }

    pub fn config(&self) -> &ModelConfig {
        &self.cfg
    }

    /// Rows of the output layer (may exceed the tokenizer's size).
    pub fn vocab_size(&self) -> usize {
        self.cfg.vocab_size
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &TextTokenizer {
        &self.tok
    }

    /// Token ids that end a response.
    pub fn stop_ids(&self) -> &[u32] {
        &self.tok.stop_ids
    }

    /// Checks a sequence against the vocabulary and context limits.
    pub(crate) fn check_tokens(&self, ids: &[u32], total_len: usize) -> Result<()> {
        if total_len > self.cfg.max_position_embeddings {
            return Err(AgentError::ContextTooLong {
                len: total_len,
                limit: self.cfg.max_position_embeddings,
            });
        }
        if let Some(&id) = ids.iter().find(|&&i| i as usize >= self.cfg.vocab_size) {
            return Err(AgentError::TokenOutOfRange {
                id,
                vocab: self.cfg.vocab_size,
            });
        }
        Ok(())
    }
}

/// Builds a model view over the parameters: frozen ones (or all, if `detach_all`) detached;
/// with adapters the base weights are detached, so only the adapters train.
fn text_view(
    cfg: &ModelConfig,
    params: &Params,
    adapters: Option<&Adapters>,
    detach_all: bool,
) -> Result<(TextModel, Inventory)> {
    let find = |name: &str| {
        let v = params.vars.get(name)?;
        Some(
            match detach_all || adapters.is_some() || params.frozen.contains(name) {
                true => v.as_tensor().detach(),
                false => v.as_tensor().clone(),
            },
        )
    };
    let lora = |module: &str| -> Option<LoraPair> {
        adapters.and_then(|a| a.pair(module, detach_all, &params.frozen))
    };
    let src = Lookup {
        find: &find,
        lora: Some(&lora),
        looked_in: "parameters",
    };
    TextModel::build(cfg, &src)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trainer shares a policy across rollout threads.
    #[test]
    fn policy_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Policy>();
    }
}
