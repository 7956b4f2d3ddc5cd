//! The Qwen2 / Qwen2-VL language decoder: embeddings, blocks, final norm and LM head.
//!
//! Layer structs hold plain tensors; the `Policy` decides whether these are trainable `Var`s
//! or detached copies (frozen reference policy, frozen parameters).
pub mod attention;
pub mod fused;
pub mod layers;
pub mod rope;
mod vexp;

use candle_core::{DType, Device, Tensor};

use crate::config::ModelConfig;
use crate::error::{AgentError, Result};
use attention::{Attention, LayerKv};
use layers::{Linear, Mlp, RmsNorm};
use rope::RopeTables;

/// How a parameter is initialised from scratch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Init {
    Normal,
    Ones,
    Zeros,
}

/// One parameter the decoder expects: checkpoint name, shape, init.
#[derive(Debug, Clone)]
pub struct ParamSpec {
    pub name: String,
    pub shape: Vec<usize>,
    pub init: Init,
}

/// Every parameter of the text decoder, named exactly as checkpoints name it.
pub fn param_specs(cfg: &ModelConfig) -> Vec<ParamSpec> {
    let p = &cfg.weight_prefix;
    let (h, i, hd) = (cfg.hidden_size, cfg.intermediate_size, cfg.head_dim());
    let (q, kv) = (cfg.num_attention_heads * hd, cfg.num_key_value_heads * hd);
    let mut out = Vec::new();
    let mut add =
        |name: String, shape: Vec<usize>, init: Init| out.push(ParamSpec { name, shape, init });
    add(
        format!("{p}.embed_tokens.weight"),
        vec![cfg.vocab_size, h],
        Init::Normal,
    );
    for l in 0..cfg.num_hidden_layers {
        let b = format!("{p}.layers.{l}");
        add(format!("{b}.input_layernorm.weight"), vec![h], Init::Ones);
        for (n, o) in [("q_proj", q), ("k_proj", kv), ("v_proj", kv)] {
            add(
                format!("{b}.self_attn.{n}.weight"),
                vec![o, h],
                Init::Normal,
            );
            add(format!("{b}.self_attn.{n}.bias"), vec![o], Init::Zeros);
        }
        add(
            format!("{b}.self_attn.o_proj.weight"),
            vec![h, q],
            Init::Normal,
        );
        add(
            format!("{b}.post_attention_layernorm.weight"),
            vec![h],
            Init::Ones,
        );
        add(
            format!("{b}.mlp.gate_proj.weight"),
            vec![i, h],
            Init::Normal,
        );
        add(format!("{b}.mlp.up_proj.weight"), vec![i, h], Init::Normal);
        add(
            format!("{b}.mlp.down_proj.weight"),
            vec![h, i],
            Init::Normal,
        );
    }
    add(format!("{p}.norm.weight"), vec![h], Init::Ones);
    if !cfg.tie_word_embeddings {
        add(
            "lm_head.weight".into(),
            vec![cfg.vocab_size, h],
            Init::Normal,
        );
    }
    out
}

#[derive(Debug, Clone)]
pub struct DecoderLayer {
    pub input_layernorm: RmsNorm,
    pub self_attn: Attention,
    pub post_attention_layernorm: RmsNorm,
    pub mlp: Mlp,
}

/// Per-layer key/value cache for incremental decoding.
#[derive(Debug, Clone, Default)]
pub struct KvCache {
    pub layers: Vec<Option<LayerKv>>,
}

impl KvCache {
    pub fn new(n_layers: usize) -> Self {
        Self {
            layers: vec![None; n_layers],
        }
    }

    /// Positions cached so far.
    pub fn len(&self) -> usize {
        self.layers
            .first()
            .and_then(|l| l.as_ref())
            .and_then(|kv| kv.k.dim(2).ok())
            .unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reorders/repeats batch rows (e.g. one prefill shared by n samples).
    pub fn select_rows(&self, idx: &Tensor) -> Result<Self> {
        let mut layers = Vec::with_capacity(self.layers.len());
        for l in &self.layers {
            layers.push(match l {
                Some(kv) => Some(LayerKv {
                    k: kv.k.index_select(idx, 0)?,
                    v: kv.v.index_select(idx, 0)?,
                }),
                None => None,
            });
        }
        Ok(Self { layers })
    }
}

/// The language model.
#[derive(Debug, Clone)]
pub struct TextModel {
    pub embed_tokens: Tensor,
    pub layers: Vec<DecoderLayer>,
    pub norm: RmsNorm,
    /// `None` when tied to `embed_tokens`.
    pub lm_head: Option<Tensor>,
    pub cfg: ModelConfig,
}

impl TextModel {
    /// Builds the model from a parameter source keyed by checkpoint name.
    pub fn new(cfg: &ModelConfig, get: &dyn Fn(&str) -> Result<Tensor>) -> Result<Self> {
        let p = &cfg.weight_prefix;
        let eps = cfg.rms_norm_eps;
        let lin = |n: &str, bias: bool| -> Result<Linear> {
            let b = if bias {
                Some(get(&format!("{n}.bias"))?)
            } else {
                None
            };
            Ok(Linear::new(get(&format!("{n}.weight"))?, b))
        };
        let mut layers = Vec::with_capacity(cfg.num_hidden_layers);
        for l in 0..cfg.num_hidden_layers {
            let b = format!("{p}.layers.{l}");
            layers.push(DecoderLayer {
                input_layernorm: RmsNorm {
                    weight: get(&format!("{b}.input_layernorm.weight"))?,
                    eps,
                },
                self_attn: Attention {
                    q_proj: lin(&format!("{b}.self_attn.q_proj"), true)?,
                    k_proj: lin(&format!("{b}.self_attn.k_proj"), true)?,
                    v_proj: lin(&format!("{b}.self_attn.v_proj"), true)?,
                    o_proj: lin(&format!("{b}.self_attn.o_proj"), false)?,
                    num_heads: cfg.num_attention_heads,
                    num_kv_heads: cfg.num_key_value_heads,
                    head_dim: cfg.head_dim(),
                },
                post_attention_layernorm: RmsNorm {
                    weight: get(&format!("{b}.post_attention_layernorm.weight"))?,
                    eps,
                },
                mlp: Mlp {
                    gate_proj: lin(&format!("{b}.mlp.gate_proj"), false)?,
                    up_proj: lin(&format!("{b}.mlp.up_proj"), false)?,
                    down_proj: lin(&format!("{b}.mlp.down_proj"), false)?,
                },
            });
        }
        Ok(Self {
            embed_tokens: get(&format!("{p}.embed_tokens.weight"))?,
            layers,
            norm: RmsNorm {
                weight: get(&format!("{p}.norm.weight"))?,
                eps,
            },
            lm_head: if cfg.tie_word_embeddings {
                None
            } else {
                Some(get("lm_head.weight")?)
            },
            cfg: cfg.clone(),
        })
    }

    /// Every linear layer with its module path (`model.layers.0.self_attn.q_proj`).
    pub fn linears_mut(&mut self) -> Vec<(String, &mut Linear)> {
        let p = self.cfg.weight_prefix.clone();
        let mut out = Vec::new();
        for (i, l) in self.layers.iter_mut().enumerate() {
            let b = format!("{p}.layers.{i}");
            let a = &mut l.self_attn;
            out.push((format!("{b}.self_attn.q_proj"), &mut a.q_proj));
            out.push((format!("{b}.self_attn.k_proj"), &mut a.k_proj));
            out.push((format!("{b}.self_attn.v_proj"), &mut a.v_proj));
            out.push((format!("{b}.self_attn.o_proj"), &mut a.o_proj));
            let m = &mut l.mlp;
            out.push((format!("{b}.mlp.gate_proj"), &mut m.gate_proj));
            out.push((format!("{b}.mlp.up_proj"), &mut m.up_proj));
            out.push((format!("{b}.mlp.down_proj"), &mut m.down_proj));
        }
        out
    }

    /// Every linear layer with its module path (shared borrow).
    pub fn linears(&self) -> Vec<(String, Linear)> {
        let mut c = self.clone();
        c.linears_mut()
            .into_iter()
            .map(|(n, l)| (n, l.clone()))
            .collect()
    }

    pub fn dtype(&self) -> DType {
        self.embed_tokens.dtype()
    }

    pub fn device(&self) -> &Device {
        self.embed_tokens.device()
    }

    /// Token embeddings `[B, T, hidden]` for ids `[B, T]`.
    pub fn embed(&self, ids: &Tensor) -> Result<Tensor> {
        let (b, t) = ids.dims2()?;
        let flat = ids.flatten_all()?;
        Ok(self
            .embed_tokens
            .index_select(&flat, 0)?
            .reshape((b, t, self.cfg.hidden_size))?)
    }

    /// Runs the blocks and final norm on embeddings; returns hidden states `[B, T, hidden]`.
    pub fn forward_embeds(
        &self,
        x: &Tensor,
        rope: &RopeTables,
        mask: &Tensor,
        mut cache: Option<&mut KvCache>,
    ) -> Result<Tensor> {
        let mut h = x.clone();
        for (i, layer) in self.layers.iter().enumerate() {
            let slot = match cache.as_deref_mut() {
                Some(c) => Some(c.layers.get_mut(i).ok_or_else(|| {
                    AgentError::Invalid(format!("kv cache has no slot for layer {i}"))
                })?),
                None => None,
            };
            let a =
                layer
                    .self_attn
                    .forward(&layer.input_layernorm.forward(&h)?, rope, mask, slot)?;
            h = (h + a)?;
            let m = layer
                .mlp
                .forward(&layer.post_attention_layernorm.forward(&h)?)?;
            h = (h + m)?;
        }
        self.norm.forward(&h)
    }

    /// Logits `[N, vocab]` for hidden states `[N, hidden]`.
    pub fn logits(&self, hidden: &Tensor) -> Result<Tensor> {
        let w = self.lm_head.as_ref().unwrap_or(&self.embed_tokens);
        Ok(crate::gemm::matmul(hidden, &w.t()?)?)
    }
}

/// Additive causal mask `[1, 1, 1, T, T]` (0 on and below the diagonal, -inf above).
pub fn causal_mask(t: usize, dev: &Device) -> Result<Tensor> {
    let mut m = vec![0f32; t * t];
    for i in 0..t {
        for j in i + 1..t {
            m[i * t + j] = f32::NEG_INFINITY;
        }
    }
    Ok(Tensor::from_vec(m, (1, 1, 1, t, t), dev)?)
}
