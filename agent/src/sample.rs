//! Batched sampling with a KV cache; `n` samples per prompt share one prefill.
//!
//! Prompts are left-padded into one prefill (padded keys masked, positions counted from each
//! prompt's first real token, so results equal unpadded runs). The prefill cache is then
//! repeated `n` times per prompt, and finished rows are dropped from the batch as they stop.
use candle_core::{DType, Tensor};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::constraint::{Constraint, ConstraintMachine, ConstraintState, MaskCache};
use crate::error::{AgentError, Result};
use crate::policy::Policy;
use crate::text::rope::{text_positions, RopeTables};
use crate::text::KvCache;

/// How to sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SampleOptions {
    /// Samples per prompt.
    pub n: usize,
    pub max_new_tokens: usize,
    /// 0 means greedy.
    pub temperature: f64,
    pub top_k: Option<usize>,
    pub top_p: Option<f64>,
    /// Strings that end a sample (kept in its text); `<|im_end|>`/`<|endoftext|>` always stop.
    pub stop: Vec<String>,
    pub constraint: Option<Constraint>,
    pub seed: u64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self {
            n: 1,
            max_new_tokens: 64,
            temperature: 1.0,
            top_k: None,
            top_p: None,
            stop: Vec::new(),
            constraint: None,
            seed: 0,
        }
    }
}

/// Why a sample ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FinishReason {
    /// A stop token or stop string.
    Stop,
    /// `max_new_tokens` reached.
    Length,
}

/// One sampled completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// Generated ids, including the stop token when one ended the sample.
    pub tokens: Vec<u32>,
    /// Decoded tokens without the final stop token.
    pub text: String,
    /// Log-prob of each token under the temperature-scaled, constraint-masked distribution
    /// (before top-k/top-p truncation), i.e. what `Policy::log_probs` computes.
    pub logprobs: Vec<f32>,
    pub finish: FinishReason,
}

/// Per-row sampling state.
struct Row {
    prompt: usize,
    pos: u32,
    tokens: Vec<u32>,
    logprobs: Vec<f32>,
    cstate: Option<ConstraintState>,
    rng: ChaCha8Rng,
    finish: Option<FinishReason>,
}

impl Policy {
    /// Samples `opts.n` completions per prompt; returns `out[prompt][sample]`.
    pub fn generate(&self, prompts: &[Vec<u32>], opts: &SampleOptions) -> Result<Vec<Vec<Sample>>> {
        if opts.n == 0 {
            return Err(AgentError::Invalid("SampleOptions.n must be ≥ 1".into()));
        }
        if !(opts.temperature >= 0.0 && opts.temperature.is_finite()) {
            return Err(AgentError::Invalid(format!(
                "temperature must be ≥ 0, got {}",
                opts.temperature
            )));
        }
        if let Some(p) = opts.top_p {
            if !(p > 0.0 && p <= 1.0) {
                return Err(AgentError::Invalid(format!(
                    "top_p must be in (0, 1], got {p}"
                )));
            }
        }
        for p in prompts {
            if p.is_empty() {
                return Err(AgentError::Invalid("generate got an empty prompt".into()));
            }
            self.check_tokens(p, p.len() + opts.max_new_tokens)?;
        }
        if prompts.is_empty() {
            return Ok(Vec::new());
        }
        let machine = match &opts.constraint {
            Some(c) => Some(ConstraintMachine::new(c, &self.tok, self.cfg.vocab_size)?),
            None => None,
        };
        let dev = self.device.clone();
        let model = &self.infer;
        let b = prompts.len();
        let lp = prompts.iter().map(Vec::len).max().unwrap_or(0);
        // Prefill, left-padded.
        let mut ids = vec![0u32; b * lp];
        let mut pos_rows = Vec::with_capacity(b);
        let mut mask = vec![0f32; b * lp * lp];
        for (i, p) in prompts.iter().enumerate() {
            let pad = lp - p.len();
            ids[i * lp + pad..(i + 1) * lp].copy_from_slice(p);
            let pos: Vec<u32> = (0..lp).map(|j| j.saturating_sub(pad) as u32).collect();
            pos_rows.push(text_positions(&pos));
            for q in 0..lp {
                for k in 0..lp {
                    // A padded query attends to itself only, so no softmax row is empty.
                    let ok = k <= q && (k >= pad || k == q);
                    if !ok {
                        mask[(i * lp + q) * lp + k] = f32::NEG_INFINITY;
                    }
                }
            }
        }
        let ids = Tensor::from_vec(ids, (b, lp), &dev)?;
        let rope = RopeTables::new(&self.cfg, &pos_rows, self.dtype, &dev)?;
        let mask = Tensor::from_vec(mask, (b, 1, 1, lp, lp), &dev)?;
        let mut cache = KvCache::new(self.cfg.num_hidden_layers);
        let hidden = model.forward_embeds(&model.embed(&ids)?, &rope, &mask, Some(&mut cache))?;
        let last = hidden.narrow(1, lp - 1, 1)?.squeeze(1)?;
        let logits = model.logits(&last)?;
        // Share the prefill: row r belongs to prompt r / n.
        let n = opts.n;
        let rep: Vec<u32> = (0..b * n).map(|r| (r / n) as u32).collect();
        let rep = Tensor::from_vec(rep, b * n, &dev)?;
        let mut cache = cache.select_rows(&rep)?;
        let mut logits = logits.index_select(&rep, 0)?;
        let mut rows: Vec<Row> = (0..b * n)
            .map(|r| Row {
                prompt: r / n,
                pos: prompts[r / n].len() as u32,
                tokens: Vec::new(),
                logprobs: Vec::new(),
                cstate: machine.as_ref().map(|m| m.start()),
                rng: ChaCha8Rng::seed_from_u64(
                    opts.seed ^ (r as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                ),
                finish: None,
            })
            .collect();
        // Batch row i of the cache/logits holds rows[active[i]].
        let mut active: Vec<usize> = (0..b * n).collect();
        let pads: Vec<usize> = prompts.iter().map(|p| lp - p.len()).collect();
        let mut masks = MaskCache::default();
        for step in 0..opts.max_new_tokens {
            let lg = logits.to_dtype(DType::F32)?.to_vec2::<f32>()?;
            for (i, &r) in active.iter().enumerate() {
                let row = &mut rows[r];
                let cmask = match (&machine, &row.cstate) {
                    (Some(m), Some(s)) => Some(masks.row(m, m.key(s))),
                    _ => None,
                };
                let (tok, lp_tok) = sample_token(&lg[i], cmask.as_deref(), opts, &mut row.rng)?;
                row.tokens.push(tok);
                row.logprobs.push(lp_tok);
                row.pos += 1;
                if let (Some(m), Some(s)) = (&machine, row.cstate.as_mut()) {
                    m.advance(s, tok)?;
                }
                if self.tok.stop_ids.contains(&tok) || hits_stop(self, &row.tokens, &opts.stop)? {
                    row.finish = Some(FinishReason::Stop);
                } else if step + 1 == opts.max_new_tokens {
                    row.finish = Some(FinishReason::Length);
                }
            }
            let keep: Vec<usize> = (0..active.len())
                .filter(|&i| rows[active[i]].finish.is_none())
                .collect();
            if keep.is_empty() {
                break;
            }
            if keep.len() != active.len() {
                let idx = Tensor::from_vec(
                    keep.iter().map(|&i| i as u32).collect::<Vec<_>>(),
                    keep.len(),
                    &dev,
                )?;
                cache = cache.select_rows(&idx)?;
                active = keep.iter().map(|&i| active[i]).collect();
            }
            let tk = cache.len() + 1;
            let a = active.len();
            let mut step_mask = vec![0f32; a * tk];
            let mut ids = Vec::with_capacity(a);
            let mut pos_rows = Vec::with_capacity(a);
            for (i, &r) in active.iter().enumerate() {
                let row = &rows[r];
                for k in 0..pads[row.prompt] {
                    step_mask[i * tk + k] = f32::NEG_INFINITY;
                }
                ids.push(row.tokens.last().copied().unwrap_or(0));
                pos_rows.push(text_positions(&[row.pos - 1]));
            }
            let ids = Tensor::from_vec(ids, (a, 1), &dev)?;
            let rope = RopeTables::new(&self.cfg, &pos_rows, self.dtype, &dev)?;
            let mask = Tensor::from_vec(step_mask, (a, 1, 1, 1, tk), &dev)?;
            let h = model.forward_embeds(&model.embed(&ids)?, &rope, &mask, Some(&mut cache))?;
            logits = model.logits(&h.squeeze(1)?)?;
        }
        let mut out: Vec<Vec<Sample>> = (0..b).map(|_| Vec::with_capacity(n)).collect();
        for row in rows {
            let body = match row.tokens.last() {
                Some(t) if self.tok.stop_ids.contains(t) => &row.tokens[..row.tokens.len() - 1],
                _ => &row.tokens[..],
            };
            let text = self.tok.decode(body)?;
            out[row.prompt].push(Sample {
                text,
                tokens: row.tokens,
                logprobs: row.logprobs,
                finish: row.finish.unwrap_or(FinishReason::Length),
            });
        }
        Ok(out)
    }
}

/// True when the decoded tail of `tokens` contains a stop string.
fn hits_stop(p: &Policy, tokens: &[u32], stop: &[String]) -> Result<bool> {
    if stop.is_empty() {
        return Ok(false);
    }
    let longest = stop.iter().map(|s| s.len()).max().unwrap_or(0);
    // A token spells at least one byte, so the last `longest` tokens cover any stop string.
    let tail = &tokens[tokens.len().saturating_sub(longest + 1)..];
    let text = p.tok.decode(tail)?;
    Ok(stop
        .iter()
        .any(|s| !s.is_empty() && text.contains(s.as_str())))
}

/// Draws one token from a logits row; returns it with its log-prob under the temperature-
/// scaled, masked distribution (before top-k/top-p).
fn sample_token(
    logits: &[f32],
    mask: Option<&Vec<f32>>,
    opts: &SampleOptions,
    rng: &mut ChaCha8Rng,
) -> Result<(u32, f32)> {
    let t = if opts.temperature > 0.0 {
        opts.temperature as f32
    } else {
        1.0
    };
    let mut scaled: Vec<f32> = logits.iter().map(|l| l / t).collect();
    if let Some(m) = mask {
        for (s, mv) in scaled.iter_mut().zip(m.iter()) {
            *s += mv;
        }
    }
    let max = scaled.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if !max.is_finite() {
        return Err(AgentError::Constraint(
            "no token is allowed (or the logits are not finite)".into(),
        ));
    }
    let z: f64 = scaled.iter().map(|s| ((s - max) as f64).exp()).sum();
    let log_z = max as f64 + z.ln();
    let logprob = |i: usize| (scaled[i] as f64 - log_z) as f32;
    if opts.temperature == 0.0 {
        let mut best = 0;
        for (i, s) in scaled.iter().enumerate() {
            if *s > scaled[best] {
                best = i;
            }
        }
        return Ok((best as u32, logprob(best)));
    }
    // Candidates sorted by probability when truncation is requested.
    let mut cand: Vec<usize> = (0..scaled.len())
        .filter(|&i| scaled[i] > f32::NEG_INFINITY)
        .collect();
    if opts.top_k.is_some() || opts.top_p.is_some() {
        cand.sort_by(|&a, &b| scaled[b].total_cmp(&scaled[a]));
        if let Some(k) = opts.top_k {
            cand.truncate(k.max(1));
        }
        if let Some(p) = opts.top_p {
            let mut acc = 0.0;
            let mut keep = 0;
            for &i in &cand {
                acc += ((scaled[i] as f64) - log_z).exp();
                keep += 1;
                if acc >= p {
                    break;
                }
            }
            cand.truncate(keep.max(1));
        }
    }
    let weights: Vec<f64> = cand
        .iter()
        .map(|&i| ((scaled[i] - max) as f64).exp())
        .collect();
    let total: f64 = weights.iter().sum();
    let mut u = rng.random::<f64>() * total;
    let mut pick = cand[cand.len() - 1];
    for (w, &i) in weights.iter().zip(&cand) {
        if u < *w {
            pick = i;
            break;
        }
        u -= w;
    }
    Ok((pick as u32, logprob(pick)))
}
