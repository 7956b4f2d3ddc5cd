//! The Qwen2 / Qwen2-VL language decoder: embeddings, blocks, final norm and LM head.
//!
//! Layer structs hold plain tensors; the `Policy` decides whether these are trainable `Var`s
//! or detached copies (frozen reference policy, frozen parameters).
pub mod attention;
pub mod flash;
pub mod fused;
pub mod layers;
pub mod rope;
mod rope_fused;
pub(crate) mod vexp;

use candle_core::{DType, Device, Tensor};

use crate::config::ModelConfig;
use crate::error::{AgentError, Result};
use crate::nn::{build, Inventory, RmsNorm, Shapes, Source, Vb, WeightError};
pub use crate::nn::{Init, ParamSpec};
use attention::LayerKv;
pub use layers::DecoderLayer;
use rope::RopeTables;

/// Every parameter of the text decoder, named exactly as checkpoints name it, in the order the
/// layers ask for them (listed by building the layers over shapes only).
pub fn param_specs(cfg: &ModelConfig) -> Result<Vec<ParamSpec>> {
    Ok(TextModel::build(cfg, &Shapes)?.1.params)
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
    /// The model at `vb`: `<weight_prefix>.embed_tokens`, `.layers.N`, `.norm`, and
    /// `lm_head` unless tied to the embeddings.
    pub fn new(cfg: &ModelConfig, vb: Vb) -> std::result::Result<Self, WeightError> {
        let (v, h) = (cfg.vocab_size, cfg.hidden_size);
        let m = vb.pp(&cfg.weight_prefix);
        let embed_tokens = m.pp("embed_tokens").get(&[v, h], "weight", Init::Normal)?;
        let layers = (0..cfg.num_hidden_layers)
            .map(|l| DecoderLayer::new(cfg, m.pp("layers").pp(l)))
            .collect::<std::result::Result<_, _>>()?;
        let norm = RmsNorm::new(h, cfg.rms_norm_eps, m.pp("norm"))?;
        let lm_head = match cfg.tie_word_embeddings {
            true => None,
            false => Some(vb.pp("lm_head").get(&[v, h], "weight", Init::Normal)?),
        };
        Ok(Self {
            embed_tokens,
            layers,
            norm,
            lm_head,
            cfg: cfg.clone(),
        })
    }

    /// Builds the model over `src`, with the inventory of its parameters and linear layers.
    pub fn build(cfg: &ModelConfig, src: &dyn Source) -> Result<(Self, Inventory)> {
        build(src, "", |vb| Self::new(cfg, vb)).map_err(AgentError::from)
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
            h = layer.forward(&h, rope, mask, slot)?;
        }
        Ok(self.norm.forward(&h)?)
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
