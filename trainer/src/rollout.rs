//! Rollouts: env instances stepped on worker threads while the policy
//! samples in batches.
//!
//! Each request (env, seed) becomes a group of `G` episodes reset with the
//! same seed; all episodes advance in lockstep turns. Within a turn the
//! episodes of one env are sampled in one call (`n = G` sharing one prefill
//! on the first turn, when a group's observations are identical), then
//! handed to a worker thread to be stepped while the next env's batch is
//! sampled. Observations become chat messages here: the env's instruction
//! as the system message, the observation (with its frames) as the user
//! message, and at most `history_turns` earlier exchanges.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rand::RngCore;
use rand_chacha::ChaCha8Rng;
use rulegym_agent::{Constraint, Message, Policy, SampleOptions};
use rulegym_envs::{ActionSpace, Env, EnvError, EnvSpec, Observation};

use crate::config::{EnvMix, SamplingConfig};
use crate::curriculum::Request;

/// Errors during a rollout.
#[derive(Debug, thiserror::Error)]
pub enum RolloutError {
    #[error("env `{name}`: {source}")]
    Env {
        name: String,
        #[source]
        source: EnvError,
    },
    #[error("policy: {0}")]
    Policy(#[from] rulegym_agent::AgentError),
    #[error("rollout: {0}")]
    Other(String),
}

/// One env of the mix, with what sampling needs to know about it.
pub struct EnvSlot {
    pub mix: EnvMix,
    pub spec: EnvSpec,
    pub constraint: Option<Constraint>,
    pool: Vec<Box<dyn Env>>,
}

/// The action constraint of an env: legal names for `OneOf` spaces (or the
/// mix entry's answer choices), the answer scaffold when `constrain_format`
/// is on (see `SamplingConfig`).
pub fn constraint_for(
    spec: &EnvSpec,
    mix: &EnvMix,
    sampling: &SamplingConfig,
) -> Option<Constraint> {
    let extra = mix.choices();
    let choices = match &spec.action_space {
        ActionSpace::OneOf(names) => Some(names.clone()),
        ActionSpace::FreeText if !extra.is_empty() => Some(extra),
        ActionSpace::FreeText => None,
    };
    let choices = match (&mix.answer_template, choices) {
        (Some(t), Some(c)) => Some(c.iter().map(|x| t.replace("{}", x)).collect()),
        (_, c) => c,
    };
    if choices.is_none() && !sampling.constrain_format {
        return None;
    }
    Some(Constraint {
        scaffold: sampling.constrain_format,
        answer_choices: choices,
        max_think_tokens: sampling.max_think_tokens,
    })
}

/// Chat messages for one turn: instruction, a short history, the observation.
pub fn to_messages(
    spec: &EnvSpec,
    sampling: &SamplingConfig,
    history: &[(String, String)],
    obs: &Observation,
) -> Vec<Message> {
    let window = sampling.history_turns;
    let system = sampling.system_prompt.as_ref().unwrap_or(&spec.instruction);
    let mut msgs = vec![Message::system(system.clone())];
    let start = history.len().saturating_sub(window);
    for (o, a) in &history[start..] {
        msgs.push(Message::user(o.clone()));
        msgs.push(Message::assistant(a.clone()));
    }
    if obs.frames.is_empty() {
        msgs.push(Message::user(obs.text.clone()));
    } else {
        msgs.push(Message::user_with_frames(
            obs.text.clone(),
            obs.frames.clone(),
        ));
    }
    msgs
}

/// Prompt tokens of one turn: the chat template over [`to_messages`], or
/// with `chat_template = false` the plain text (system, history, observation
/// joined by newlines).
pub fn encode_prompt(
    policy: &Policy,
    spec: &EnvSpec,
    sampling: &SamplingConfig,
    history: &[(String, String)],
    obs: &Observation,
) -> Result<Vec<u32>, RolloutError> {
    if sampling.chat_template {
        return Ok(policy.encode_chat(&to_messages(spec, sampling, history, obs))?);
    }
    if !obs.frames.is_empty() {
        return Err(RolloutError::Other(format!(
            "env `{}` shows frames, which need sampling.chat_template = true",
            spec.name
        )));
    }
    let system = sampling.system_prompt.as_ref().unwrap_or(&spec.instruction);
    let mut parts: Vec<&str> = Vec::new();
    if !system.is_empty() {
        parts.push(system);
    }
    let start = history.len().saturating_sub(sampling.history_turns);
    for (o, a) in &history[start..] {
        parts.push(o);
        parts.push(a);
    }
    parts.push(&obs.text);
    Ok(policy.encode(&parts.join("\n"))?)
}

/// One (prompt, completion) pair: a single action turn of an episode.
#[derive(Debug, Clone)]
pub struct Turn {
    pub episode: usize,
    pub slot: usize,
    pub prompt: Vec<u32>,
    pub completion: Vec<u32>,
    /// Sampling log-probs of the completion tokens (entropy estimate).
    pub sample_logprobs: Vec<f32>,
}

/// A finished episode's outcome.
#[derive(Debug, Clone, Default)]
pub struct EpisodeResult {
    pub slot: usize,
    pub seed: u64,
    pub ret: f64,
    pub parts: BTreeMap<String, f64>,
    pub turns: usize,
    /// `info.correct` when the env reports it, else `accuracy` part > 0.
    pub correct: Option<bool>,
    /// Every turn well-formed (see `step_chunk`), when the env says.
    pub format_ok: Option<bool>,
    pub first_prompt: String,
    pub last_action: String,
}

/// What a rollout produced.
#[derive(Debug, Default)]
pub struct RolloutBatch {
    /// Episodes in request order, `G` consecutive per request.
    pub episodes: Vec<EpisodeResult>,
    pub turns: Vec<Turn>,
    pub sample_time: Duration,
    pub env_time: Duration,
    pub env_steps: usize,
    pub completion_tokens: usize,
}

struct Live {
    env: Box<dyn Env>,
    history: Vec<(String, String)>,
    obs: Observation,
    done: bool,
    result: EpisodeResult,
    action: Option<String>,
}

/// Env pools for one stage's mix, reused across steps.
pub struct Rollout {
    pub slots: Vec<EnvSlot>,
    workers: usize,
}

impl Rollout {
    pub fn new(
        mix: &[EnvMix],
        sampling: &SamplingConfig,
        workers: usize,
    ) -> Result<Self, RolloutError> {
        let slots = mix
            .iter()
            .map(|m| {
                let env =
                    rulegym_envs::make(&m.name, &m.config).map_err(|source| RolloutError::Env {
                        name: m.name.clone(),
                        source,
                    })?;
                let spec = env.spec().clone();
                Ok(EnvSlot {
                    constraint: constraint_for(&spec, m, sampling),
                    spec,
                    mix: m.clone(),
                    pool: vec![env],
                })
            })
            .collect::<Result<Vec<_>, RolloutError>>()?;
        Ok(Self {
            slots,
            workers: workers.max(1),
        })
    }

    fn take_env(&mut self, slot: usize) -> Result<Box<dyn Env>, RolloutError> {
        let s = &mut self.slots[slot];
        match s.pool.pop() {
            Some(e) => Ok(e),
            None => {
                rulegym_envs::make(&s.mix.name, &s.mix.config).map_err(|source| RolloutError::Env {
                    name: s.mix.name.clone(),
                    source,
                })
            }
        }
    }

    /// Runs `group` episodes per request to the end; `rng` seeds sampling.
    pub fn run(
        &mut self,
        policy: &Policy,
        requests: &[Request],
        group: usize,
        sampling: &SamplingConfig,
        rng: &mut ChaCha8Rng,
    ) -> Result<RolloutBatch, RolloutError> {
        let mut batch = RolloutBatch::default();
        let mut live = Vec::with_capacity(requests.len() * group);
        for r in requests {
            for _ in 0..group {
                let env = self.take_env(r.env)?;
                live.push(Live {
                    env,
                    history: Vec::new(),
                    obs: Observation::default(),
                    done: false,
                    result: EpisodeResult {
                        slot: r.env,
                        seed: r.seed,
                        ..Default::default()
                    },
                    action: None,
                });
            }
        }
        let t0 = Instant::now();
        let slots: Vec<(String, u64)> = live
            .iter()
            .map(|l| (self.slots[l.result.slot].mix.name.clone(), l.result.seed))
            .collect();
        parallel(&mut live, self.workers, |i, l| {
            let reset = l
                .env
                .reset(Some(slots[i].1))
                .map_err(|source| RolloutError::Env {
                    name: slots[i].0.clone(),
                    source,
                })?;
            l.result.first_prompt = reset.observation.text.clone();
            l.obs = reset.observation;
            Ok(())
        })?;
        batch.env_time += t0.elapsed();

        let mut turn = 0usize;
        while live.iter().any(|l| !l.done) {
            self.turn(policy, &mut live, group, turn, sampling, rng, &mut batch)?;
            turn += 1;
        }
        for l in live {
            let slot = l.result.slot;
            batch.episodes.push(l.result);
            self.slots[slot].pool.push(l.env);
        }
        Ok(batch)
    }

    /// One lockstep turn: per env, sample its active episodes' actions, then
    /// step them on a worker thread while the next env samples.
    #[allow(clippy::too_many_arguments)]
    fn turn(
        &self,
        policy: &Policy,
        live: &mut [Live],
        group: usize,
        turn: usize,
        sampling: &SamplingConfig,
        rng: &mut ChaCha8Rng,
        batch: &mut RolloutBatch,
    ) -> Result<(), RolloutError> {
        // Contiguous index ranges per slot (requests are sorted by env).
        let mut ranges: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for (i, l) in live.iter().enumerate() {
            match ranges.last_mut() {
                Some((s, r)) if *s == l.result.slot => r.end = i + 1,
                _ => ranges.push((l.result.slot, i..i + 1)),
            }
        }
        let seeds: Vec<u64> = ranges.iter().map(|_| rng.next_u64()).collect();
        let workers = self.workers;
        let env_time = std::sync::Mutex::new(Duration::ZERO);
        let env_steps = std::sync::atomic::AtomicUsize::new(0);
        let result: Result<(), RolloutError> = crossbeam::scope(|scope| {
            let mut rest: &mut [Live] = live;
            let mut offset = 0;
            let mut handles = Vec::new();
            for ((slot, range), seed) in ranges.iter().zip(&seeds) {
                let (chunk, tail) = std::mem::take(&mut rest).split_at_mut(range.end - offset);
                rest = tail;
                let base = offset;
                offset = range.end;
                let s = &self.slots[*slot];
                let t = Instant::now();
                self.sample_chunk(
                    policy, s, *slot, chunk, base, group, turn, sampling, *seed, batch,
                )?;
                batch.sample_time += t.elapsed();
                let env_time = &env_time;
                let env_steps = &env_steps;
                let name = s.mix.name.clone();
                let max_turns = s.spec.max_turns as usize;
                handles.push(scope.spawn(move |_| {
                    let t = Instant::now();
                    let n = step_chunk(chunk, workers, &name, max_turns);
                    if let Ok(k) = &n {
                        env_steps.fetch_add(*k, std::sync::atomic::Ordering::Relaxed);
                    }
                    if let Ok(mut e) = env_time.lock() {
                        *e += t.elapsed();
                    }
                    n.map(|_| ())
                }));
            }
            for h in handles {
                h.join()
                    .map_err(|_| RolloutError::Other("an env worker thread panicked".into()))??;
            }
            Ok(())
        })
        .map_err(|_| RolloutError::Other("an env worker thread panicked".into()))?;
        result?;
        batch.env_time += env_time.into_inner().unwrap_or_default();
        batch.env_steps += env_steps.into_inner();
        Ok(())
    }

    /// Samples actions for the active episodes of one env's chunk.
    #[allow(clippy::too_many_arguments)]
    fn sample_chunk(
        &self,
        policy: &Policy,
        slot: &EnvSlot,
        _slot_index: usize,
        chunk: &mut [Live],
        base: usize,
        group: usize,
        turn: usize,
        sampling: &SamplingConfig,
        seed: u64,
        batch: &mut RolloutBatch,
    ) -> Result<(), RolloutError> {
        // On the first turn a group's G episodes see the same observation:
        // one prompt with n = G shares the prefill.
        let shared = turn == 0 && chunk.len().is_multiple_of(group);
        let (owners, n): (Vec<Vec<usize>>, usize) = if shared {
            (
                (0..chunk.len() / group)
                    .map(|g| (g * group..(g + 1) * group).collect())
                    .collect(),
                group,
            )
        } else {
            (
                chunk
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| !l.done)
                    .map(|(i, _)| vec![i])
                    .collect(),
                1,
            )
        };
        if owners.is_empty() {
            return Ok(());
        }
        let mut prompts = Vec::with_capacity(owners.len());
        for o in &owners {
            let l = &chunk[o[0]];
            prompts.push(encode_prompt(
                policy, &slot.spec, sampling, &l.history, &l.obs,
            )?);
        }
        let opts = SampleOptions {
            n,
            max_new_tokens: sampling.max_new_tokens,
            temperature: sampling.temperature,
            top_k: sampling.top_k,
            top_p: sampling.top_p,
            stop: Vec::new(),
            constraint: slot.constraint.clone(),
            seed,
        };
        let out = policy.generate(&prompts, &opts)?;
        for ((o, prompt), samples) in owners.iter().zip(&prompts).zip(out) {
            for (&i, s) in o.iter().zip(samples) {
                batch.completion_tokens += s.tokens.len();
                batch.turns.push(Turn {
                    episode: base + i,
                    slot: chunk[i].result.slot,
                    prompt: prompt.clone(),
                    completion: s.tokens,
                    sample_logprobs: s.logprobs,
                });
                chunk[i].action = Some(s.text);
            }
        }
        Ok(())
    }
}

/// Steps every episode holding an action; returns how many env steps ran.
fn step_chunk(
    chunk: &mut [Live],
    workers: usize,
    name: &str,
    max_turns: usize,
) -> Result<usize, RolloutError> {
    let stepped = std::sync::atomic::AtomicUsize::new(0);
    parallel(chunk, workers, |_, l| {
        let Some(action) = l.action.take() else {
            return Ok(());
        };
        let step = l.env.step(&action).map_err(|source| RolloutError::Env {
            name: name.to_string(),
            source,
        })?;
        stepped.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let r = &mut l.result;
        r.ret += step.reward;
        r.turns += 1;
        for (k, v) in &step.reward_parts {
            *r.parts.entry(k.clone()).or_insert(0.0) += v;
        }
        // Well-formed: the env's own verdict (`info.format_ok`, or football's
        // `info.format == "tagged"`), else a positive `format` reward part.
        let ok = match (step.info.get("format_ok"), step.info.get("format")) {
            (Some(v), _) if v.is_boolean() => v.as_bool(),
            (_, Some(v)) if v.is_string() => Some(v.as_str() == Some("tagged")),
            _ => step.reward_parts.get("format").map(|f| *f > 0.0),
        };
        if let Some(ok) = ok {
            r.format_ok = Some(r.format_ok.unwrap_or(true) && ok);
        }
        if let Some(c) = step.info.get("correct").and_then(|v| v.as_bool()) {
            r.correct = Some(c);
        } else if let Some(a) = step.reward_parts.get("accuracy") {
            r.correct = Some(*a > 0.0);
        }
        r.last_action = action.clone();
        l.history.push((std::mem::take(&mut l.obs.text), action));
        l.obs = step.observation.clone();
        // A turn budget the env did not enforce still ends the episode.
        l.done = step.done() || (max_turns > 0 && r.turns >= max_turns);
        Ok(())
    })?;
    Ok(stepped.into_inner())
}

/// Applies `f` to every item, split over `workers` scoped threads.
fn parallel<T: Send>(
    items: &mut [T],
    workers: usize,
    f: impl Fn(usize, &mut T) -> Result<(), RolloutError> + Sync,
) -> Result<(), RolloutError> {
    if items.is_empty() {
        return Ok(());
    }
    let per = items.len().div_ceil(workers.max(1));
    if workers <= 1 || items.len() == 1 {
        return items.iter_mut().enumerate().try_for_each(|(i, x)| f(i, x));
    }
    crossbeam::scope(|s| {
        let handles: Vec<_> = items
            .chunks_mut(per)
            .enumerate()
            .map(|(c, chunk)| {
                let f = &f;
                s.spawn(move |_| {
                    chunk
                        .iter_mut()
                        .enumerate()
                        .try_for_each(|(i, x)| f(c * per + i, x))
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .map_err(|_| RolloutError::Other("an env worker thread panicked".into()))?
        })
    })
    .map_err(|_| RolloutError::Other("an env worker thread panicked".into()))?
}
