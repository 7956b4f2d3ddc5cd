//! Differentiable per-token log-probabilities of completions (the GRPO policy term).
//!
//! Sequences are right-padded, so causal attention alone keeps real positions from seeing
//! padding and no padding mask is needed. Only the hidden states that predict completion
//! tokens go through the LM head, which saves the vocabulary-sized matmul on prompt positions.
//! Prompts with images and videos score the same way over their merged input embeddings.
use candle_core::{Tensor, D};

use candle_core::DType;

use crate::constraint::{Constraint, ConstraintMachine, MaskCache, MaskKey};
use crate::error::{AgentError, Result};
use crate::multimodal::VisionPrompt;
use crate::nn::upcast;
use crate::policy::Policy;
use crate::text::fused::log_softmax;
use crate::text::rope::{text_positions, RopeTables};
use crate::text::{causal_mask, TextModel};

/// Log-probs `[B, T]`, mask `[B, T]` and detached entropy `[B, T]`.
pub struct LogProbs {
    pub logprobs: Tensor,
    pub mask: Tensor,
    pub entropy: Tensor,
}

impl Policy {
    /// Per-token log-probs of each completion given its prompt: `([B, T_max], mask [B, T_max])`,
    /// padding positions 0. `constraint` renormalises over the tokens sampling allowed;
    /// `temperature` divides the logits as sampling did.
    pub fn log_probs(
        &self,
        batch: &[(Vec<u32>, Vec<u32>)],
        constraint: Option<&Constraint>,
        temperature: f64,
    ) -> Result<(Tensor, Tensor)> {
        let lp =
            self.log_probs_prepared(batch, constraint, temperature, &self.model, false, None)?;
        Ok((lp.logprobs, lp.mask))
    }

    /// [`Policy::log_probs`] plus per-token entropy `[B, T_max]` (detached) for metrics.
    pub fn log_probs_with_entropy(
        &self,
        batch: &[(Vec<u32>, Vec<u32>)],
        constraint: Option<&Constraint>,
        temperature: f64,
    ) -> Result<(Tensor, Tensor, Tensor)> {
        let lp =
            self.log_probs_prepared(batch, constraint, temperature, &self.model, true, None)?;
        Ok((lp.logprobs, lp.mask, lp.entropy))
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
    ) -> Result<LogProbs> {
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
            let (x, mut pos) = self.prompt_embeds(true, &seq, &p.vision)?;
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
            &self.model,
            want_entropy,
            Some((x, rope)),
        )
    }

    /// Logits `[vocab]` (f32) of the next token after `ids`, by a full forward without cache.
    pub fn next_token_logits(&self, ids: &[u32]) -> Result<Tensor> {
        if ids.is_empty() {
            return Err(AgentError::Invalid(
                "next_token_logits got no tokens".into(),
            ));
        }
        self.check_tokens(ids, ids.len())?;
        let t = ids.len();
        let m = &self.infer;
        let x = Tensor::from_vec(ids.to_vec(), (1, t), &self.device)?;
        let pos: Vec<u32> = (0..t as u32).collect();
        let rope = RopeTables::new(&self.cfg, &[text_positions(&pos)], self.dtype, &self.device)?;
        let mask = crate::text::causal_mask(t, &self.device)?;
        let h = m.forward_embeds(&m.embed(&x)?, &rope, &mask, None)?;
        let last = h.narrow(1, t - 1, 1)?.reshape((1, self.cfg.hidden_size))?;
        Ok(m.logits(&last)?.squeeze(0)?.to_dtype(DType::F32)?)
    }

    /// `inputs`: precomputed input embeddings `[B, T_in, hidden]` and rope tables (the vision
    /// glue passes token embeddings with vision embeddings scattered in, and M-RoPE positions);
    /// `None` embeds the tokens with text positions.
    pub(crate) fn log_probs_prepared(
        &self,
        batch: &[(Vec<u32>, Vec<u32>)],
        constraint: Option<&Constraint>,
        temperature: f64,
        model: &TextModel,
        want_entropy: bool,
        inputs: Option<(Tensor, RopeTables)>,
    ) -> Result<LogProbs> {
        if !(temperature > 0.0 && temperature.is_finite()) {
            return Err(AgentError::Invalid(format!(
                "log_probs temperature must be > 0, got {temperature}"
            )));
        }
        if batch.is_empty() {
            return Err(AgentError::Invalid("log_probs got an empty batch".into()));
        }
        let dev = &self.device;
        let b = batch.len();
        let t_max = batch.iter().map(|(_, c)| c.len()).max().unwrap_or(0).max(1);
        let mut t_in = 1;
        for (p, c) in batch {
            if p.is_empty() {
                return Err(AgentError::Invalid("log_probs prompt is empty".into()));
            }
            self.check_tokens(p, p.len() + c.len())?;
            self.check_tokens(c, p.len() + c.len())?;
            t_in = t_in.max(p.len() + c.len() - 1);
        }
        // Right-padded inputs: prompt + completion minus its last token.
        let mut ids = vec![0u32; b * t_in];
        for (i, (p, c)) in batch.iter().enumerate() {
            let seq: Vec<u32> = p.iter().chain(c.iter()).copied().collect();
            let n = seq.len() - 1;
            ids[i * t_in..i * t_in + n].copy_from_slice(&seq[..n]);
        }
        let (x, rope) = match inputs {
            Some(pre) => pre,
            None => {
                let ids = Tensor::from_vec(ids, (b, t_in), dev)?;
                let pos: Vec<u32> = (0..t_in as u32).collect();
                let rows = vec![text_positions(&pos); b];
                let rope = RopeTables::new(&self.cfg, &rows, self.dtype, dev)?;
                (model.embed(&ids)?, rope)
            }
        };
        let mask = causal_mask(t_in, dev)?;
        let hidden = model.forward_embeds(&x, &rope, &mask, None)?;
        let hidden = hidden.reshape((b * t_in, self.cfg.hidden_size))?;
        // Gather the positions that predict completion tokens.
        let mut gather = vec![0u32; b * t_max];
        let mut targets = vec![0u32; b * t_max];
        let mut m = vec![0f32; b * t_max];
        for (i, (p, c)) in batch.iter().enumerate() {
            for (j, &tok) in c.iter().enumerate() {
                gather[i * t_max + j] = (i * t_in + p.len() - 1 + j) as u32;
                targets[i * t_max + j] = tok;
                m[i * t_max + j] = 1.0;
            }
        }
        let gather = Tensor::from_vec(gather, b * t_max, dev)?;
        let h = hidden.index_select(&gather, 0)?;
        let logits = model.logits(&h)?;
        let logits = logits.to_dtype(upcast(logits.dtype()))?;
        let mut logits = if temperature != 1.0 {
            logits.affine(1.0 / temperature, 0.0)?
        } else {
            logits
        };
        if let Some(c) = constraint {
            let machine = ConstraintMachine::new(c, &self.tok, self.cfg.vocab_size)?;
            let mut keys = vec![MaskKey::All; b * t_max];
            for (i, (_, comp)) in batch.iter().enumerate() {
                let k = machine
                    .replay(comp)
                    .map_err(|e| AgentError::Constraint(format!("batch item {i}: {e}")))?;
                keys[i * t_max..i * t_max + k.len()].copy_from_slice(&k);
            }
            let mask_rows = mask_matrix(&machine, &keys, dev)?;
            logits = (&logits + mask_rows.to_dtype(logits.dtype())?)?;
        }
        let logp = log_softmax(&logits)?;
        let targets = Tensor::from_vec(targets, (b * t_max, 1), dev)?;
        let picked = logp.gather(&targets, 1)?.reshape((b, t_max))?;
        let mask_t = Tensor::from_vec(m, (b, t_max), dev)?.to_dtype(picked.dtype())?;
        let logprobs = (picked * &mask_t)?;
        let entropy = if want_entropy {
            let lp = logp.detach();
            // -Σ p·log p, with masked-out tokens (log p = -inf, p = 0) contributing 0.
            let finite = lp.maximum(-1e30)?;
            let ent = (lp.exp()? * finite)?.sum(D::Minus1)?.neg()?;
            (ent.reshape((b, t_max))? * &mask_t)?
        } else {
            mask_t.zeros_like()?
        };
        Ok(LogProbs {
            logprobs,
            mask: mask_t,
            entropy,
        })
    }
}

/// `[N, V]` additive mask rows for the keys, built from a table of the distinct rows.
fn mask_matrix(
    machine: &ConstraintMachine,
    keys: &[MaskKey],
    dev: &candle_core::Device,
) -> Result<Tensor> {
    let mut cache = MaskCache::default();
    let mut distinct: Vec<MaskKey> = Vec::new();
    let mut idx = Vec::with_capacity(keys.len());
    for k in keys {
        let i = match distinct.iter().position(|d| d == k) {
            Some(i) => i,
            None => {
                distinct.push(*k);
                distinct.len() - 1
            }
        };
        idx.push(i as u32);
    }
    let mut table = Vec::new();
    for k in &distinct {
        table.extend_from_slice(&cache.row(machine, *k));
    }
    let v = table.len() / distinct.len().max(1);
    let table = Tensor::from_vec(table, (distinct.len(), v), dev)?;
    let idx = Tensor::from_vec(idx, keys.len(), dev)?;
    Ok(table.index_select(&idx, 0)?)
}
