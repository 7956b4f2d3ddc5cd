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
use crate::multimodal::VisionPrompt;
use crate::policy::Policy;
use crate::text::rope::{text_positions, Positions3, RopeTables};
use crate::text::KvCache;
use crate::vision::rope_delta;

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

/// Precomputed prompt inputs for [`Policy::generate_with_prefill`].
pub(crate) struct Prefill {
    /// `[len, hidden]` input embeddings (vision embeddings already scattered in).
    pub embeds: Tensor,
    /// M-RoPE positions of the prompt.
    pub positions: Positions3,
    /// Decode positions are `len + delta + step` (`max position + 1 − len`).
    pub delta: i64,
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

/// The decode state shared by all rows: batch row `i` of `cache` and `logits` holds
/// `rows[active[i]]`.
struct Batch {
    cache: KvCache,
    logits: Tensor,
    active: Vec<usize>,
}

/// Left-padded prompts: ids `[B, L]`, M-RoPE rows and the prefill's additive mask
/// `[B, 1, 1, L, L]` (padded keys masked, positions counted from each prompt's first real
/// token, so results equal unpadded runs).
struct Padded {
    len: usize,
    pads: Vec<usize>,
    ids: Vec<u32>,
    positions: Vec<Positions3>,
    mask: Vec<f32>,
}

impl Policy {
    /// Samples `opts.n` completions per prompt; returns `out[prompt][sample]`.
    pub fn generate(&self, prompts: &[Vec<u32>], opts: &SampleOptions) -> Result<Vec<Vec<Sample>>> {
        self.generate_with_prefill(prompts, opts, None)
    }

    /// [`Policy::generate`] for prompts with images/videos (KV cache; `n` samples per prompt
    /// share one prefill). Decode positions continue at `max prompt position + 1`.
    pub fn generate_vision(
        &self,
        prompts: &[VisionPrompt],
        opts: &SampleOptions,
    ) -> Result<Vec<Vec<Sample>>> {
        let mut pre = Vec::with_capacity(prompts.len());
        for p in prompts {
            // The inference view: every weight detached, no graph.
            let (x, pos) = self.prompt_embeds(false, &p.tokens, &p.vision)?;
            let delta = rope_delta(&pos);
            pre.push(Prefill {
                embeds: x.detach(),
                positions: pos,
                delta,
            });
        }
        let tokens: Vec<Vec<u32>> = prompts.iter().map(|p| p.tokens.clone()).collect();
        self.generate_with_prefill(&tokens, opts, Some(&pre))
    }

    /// [`Policy::generate`] with precomputed prompt embeddings and M-RoPE positions (the vision
    /// glue); `None` embeds the tokens with text positions. Prefill once, share it `n` times,
    /// then sample → drop finished rows → decode one step, until every row stops.
    fn generate_with_prefill(
        &self,
        prompts: &[Vec<u32>],
        opts: &SampleOptions,
        prefill: Option<&[Prefill]>,
    ) -> Result<Vec<Vec<Sample>>> {
        check_options(opts)?;
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
        let padded = pad_prompts(prompts, prefill);
        let mut batch = self.run_prefill(prompts, &padded, prefill, opts.n)?;
        let mut rows = start_rows(prompts, prefill, opts, machine.as_ref());
        let mut masks = MaskCache::default();
        for step in 0..opts.max_new_tokens {
            let lg = batch.logits.to_dtype(DType::F32)?.to_vec2::<f32>()?;
            for (i, &r) in batch.active.iter().enumerate() {
                let last = step + 1 == opts.max_new_tokens;
                let row = &mut rows[r];
                self.sample_row(row, &lg[i], machine.as_ref(), &mut masks, opts, last)?;
            }
            if !self.drop_finished(&mut batch, &rows)? {
                break;
            }
            batch.logits = self.decode_step(&mut batch, &rows, &padded.pads)?;
        }
        self.finish(rows, prompts.len(), opts.n)
    }

    /// Runs the padded prompts through the model once, then repeats each prompt's cache and
    /// last logits `n` times (row `r` belongs to prompt `r / n`).
    fn run_prefill(
        &self,
        prompts: &[Vec<u32>],
        padded: &Padded,
        prefill: Option<&[Prefill]>,
        n: usize,
    ) -> Result<Batch> {
        let dev = &self.device;
        let model = &self.infer;
        let (b, lp) = (prompts.len(), padded.len);
        let ids = Tensor::from_vec(padded.ids.clone(), (b, lp), dev)?;
        let rope = RopeTables::new(&self.cfg, &padded.positions, self.dtype, dev)?;
        let mask = Tensor::from_vec(padded.mask.clone(), (b, 1, 1, lp, lp), dev)?;
        let mut cache = KvCache::new(self.cfg.num_hidden_layers);
        let x = match prefill {
            Some(pre) => padded_embeds(pre, &padded.pads)?,
            None => model.embed(&ids)?,
        };
        let hidden = model.forward_embeds(&x, &rope, &mask, Some(&mut cache))?;
        let last = hidden.narrow(1, lp - 1, 1)?.squeeze(1)?;
        let logits = model.logits(&last)?;
        let rep: Vec<u32> = (0..b * n).map(|r| (r / n) as u32).collect();
        let rep = Tensor::from_vec(rep, b * n, dev)?;
        Ok(Batch {
            cache: cache.select_rows(&rep)?,
            logits: logits.index_select(&rep, 0)?,
            active: (0..b * n).collect(),
        })
    }

    /// Draws the row's next token from its logits and records why it stops, if it does.
    fn sample_row(
        &self,
        row: &mut Row,
        logits: &[f32],
        machine: Option<&ConstraintMachine>,
        masks: &mut MaskCache,
        opts: &SampleOptions,
        last_step: bool,
    ) -> Result<()> {
        let cmask = match (machine, &row.cstate) {
            (Some(m), Some(s)) => Some(masks.row(m, m.key(s))),
            _ => None,
        };
        let (tok, lp_tok) = sample_token(logits, cmask.as_deref(), opts, &mut row.rng)?;
        row.tokens.push(tok);
        row.logprobs.push(lp_tok);
        row.pos += 1;
        if let (Some(m), Some(s)) = (machine, row.cstate.as_mut()) {
            m.advance(s, tok)?;
        }
        if self.tok.stop_ids.contains(&tok) || hits_stop(self, &row.tokens, &opts.stop)? {
            row.finish = Some(FinishReason::Stop);
        } else if last_step {
            row.finish = Some(FinishReason::Length);
        }
        Ok(())
    }

    /// Removes finished rows from the batch; false when none is left.
    fn drop_finished(&self, batch: &mut Batch, rows: &[Row]) -> Result<bool> {
        let keep: Vec<usize> = (0..batch.active.len())
            .filter(|&i| rows[batch.active[i]].finish.is_none())
            .collect();
        if keep.is_empty() {
            return Ok(false);
        }
        if keep.len() != batch.active.len() {
            let idx = keep.iter().map(|&i| i as u32).collect::<Vec<_>>();
            let idx = Tensor::from_vec(idx, keep.len(), &self.device)?;
            batch.cache = batch.cache.select_rows(&idx)?;
            batch.active = keep.iter().map(|&i| batch.active[i]).collect();
        }
        Ok(true)
    }

    /// Feeds each active row's last token through the model (extending the cache); returns
    /// the next logits `[active, vocab]`.
    fn decode_step(&self, batch: &mut Batch, rows: &[Row], pads: &[usize]) -> Result<Tensor> {
        let (dev, model) = (&self.device, &self.infer);
        let tk = batch.cache.len() + 1;
        let a = batch.active.len();
        let mut step_mask = vec![0f32; a * tk];
        let mut ids = Vec::with_capacity(a);
        let mut pos_rows = Vec::with_capacity(a);
        for (i, &r) in batch.active.iter().enumerate() {
            let row = &rows[r];
            for k in 0..pads[row.prompt] {
                step_mask[i * tk + k] = f32::NEG_INFINITY;
            }
            ids.push(row.tokens.last().copied().unwrap_or(0));
            pos_rows.push(text_positions(&[row.pos - 1]));
        }
        let ids = Tensor::from_vec(ids, (a, 1), dev)?;
        let rope = RopeTables::new(&self.cfg, &pos_rows, self.dtype, dev)?;
        let mask = Tensor::from_vec(step_mask, (a, 1, 1, 1, tk), dev)?;
        let x = model.embed(&ids)?;
        let h = model.forward_embeds(&x, &rope, &mask, Some(&mut batch.cache))?;
        model.logits(&h.squeeze(1)?)
    }

    /// Decodes the rows into samples, grouped by prompt.
    fn finish(&self, rows: Vec<Row>, prompts: usize, n: usize) -> Result<Vec<Vec<Sample>>> {
        let mut out: Vec<Vec<Sample>> = (0..prompts).map(|_| Vec::with_capacity(n)).collect();
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

/// Refuses options no sampler can follow.
fn check_options(opts: &SampleOptions) -> Result<()> {
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
    Ok(())
}

/// Left-pads the prompts to the longest; positions come from the prefill when given.
fn pad_prompts(prompts: &[Vec<u32>], prefill: Option<&[Prefill]>) -> Padded {
    let b = prompts.len();
    let lp = prompts.iter().map(Vec::len).max().unwrap_or(0);
    let mut ids = vec![0u32; b * lp];
    let mut positions = Vec::with_capacity(b);
    let mut mask = vec![0f32; b * lp * lp];
    let mut pads = Vec::with_capacity(b);
    for (i, p) in prompts.iter().enumerate() {
        let pad = lp - p.len();
        pads.push(pad);
        ids[i * lp + pad..(i + 1) * lp].copy_from_slice(p);
        match prefill.and_then(|pre| pre.get(i)) {
            Some(pre) => positions.push(std::array::from_fn(|s| {
                let mut row = vec![0u32; pad];
                row.extend_from_slice(&pre.positions[s]);
                row
            })),
            None => {
                let pos: Vec<u32> = (0..lp).map(|j| j.saturating_sub(pad) as u32).collect();
                positions.push(text_positions(&pos));
            }
        }
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
    Padded {
        len: lp,
        pads,
        ids,
        positions,
        mask,
    }
}

/// The prefill embeddings `[B, L, hidden]`, left-padded with zeros.
fn padded_embeds(pre: &[Prefill], pads: &[usize]) -> Result<Tensor> {
    let mut rows = Vec::with_capacity(pads.len());
    for (i, &pad) in pads.iter().enumerate() {
        let e = pre
            .get(i)
            .map(|x| &x.embeds)
            .ok_or_else(|| AgentError::Invalid(format!("no prefill embeddings for prompt {i}")))?;
        rows.push(if pad > 0 {
            let z = Tensor::zeros((pad, e.dim(1)?), e.dtype(), e.device())?;
            Tensor::cat(&[&z, e], 0)?
        } else {
            e.clone()
        });
    }
    Ok(Tensor::stack(&rows, 0)?)
}

/// One row per sample (`n` per prompt), each with its own seeded RNG and constraint state.
fn start_rows(
    prompts: &[Vec<u32>],
    prefill: Option<&[Prefill]>,
    opts: &SampleOptions,
    machine: Option<&ConstraintMachine>,
) -> Vec<Row> {
    let n = opts.n;
    (0..prompts.len() * n)
        .map(|r| Row {
            prompt: r / n,
            pos: match prefill.and_then(|pre| pre.get(r / n)) {
                Some(pre) => (prompts[r / n].len() as i64 + pre.delta).max(0) as u32,
                None => prompts[r / n].len() as u32,
            },
            tokens: Vec::new(),
            logprobs: Vec::new(),
            cstate: machine.map(|m| m.start()),
            rng: ChaCha8Rng::seed_from_u64(
                opts.seed ^ (r as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            ),
            finish: None,
        })
        .collect()
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
