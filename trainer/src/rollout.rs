//! Rollouts: env instances stepped on worker threads while the policy
//! samples in batches.
//!
//! Each request (env, seed) becomes a group of `G` episodes reset with the
//! same seed; all episodes advance in lockstep turns. Within a turn the
//! episodes of one env are sampled in one call (`n = G` sharing one prefill
//! on the first turn, when a group's observations are identical), then
//! handed to a worker thread to be stepped while the next env's batch is
//! sampled. Observations become chat messages here: the env's instruction
//! where its spec places it (the system message, or after the observation's
//! text), the observation (with its frames, when the policy has a vision
//! tower) as the user message, and at most `history_turns` earlier
//! exchanges. What the trainer learns of an episode's format and accuracy
//! comes from each step's `Verdict`, never from env-specific `info` keys.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use rand::RngCore;
use rand_chacha::ChaCha8Rng;
use rulegym_agent::chat::{IMAGE_PLACEHOLDER, VIDEO_PLACEHOLDER};
use rulegym_agent::constraint::AnswerSequence;
use rulegym_agent::multimodal::VisionPrompt;
use rulegym_agent::processor::VisionInput;
use rulegym_agent::{Constraint, Content, Message, Policy, Role, SampleOptions};
use rulegym_envs::vector::par_each;
use rulegym_envs::{ActionSpace, Env, EnvError, EnvSpec, Modality, Observation, Step};
use rulegym_render::Frame;

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
    /// An env worker thread failed outside any one env's call.
    #[error("{0}")]
    Worker(#[from] EnvError),
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
/// mix entry's answer choices), `count` legal names for `SequenceOf` spaces,
/// the answer scaffold when `constrain_format` is on (see `SamplingConfig`).
/// The mix entry's `answer_template` wraps each choice, or the whole
/// sequence.
pub fn constraint_for(
    spec: &EnvSpec,
    mix: &EnvMix,
    sampling: &SamplingConfig,
) -> Option<Constraint> {
    let extra = mix.choices();
    let choices = match &spec.action_space {
        ActionSpace::OneOf(names) => Some(names.clone()),
        ActionSpace::SequenceOf {
            names,
            count,
            separator,
        } => {
            let (prefix, suffix) = match &mix.answer_template {
                Some(t) => t.split_once("{}").unwrap_or((t.as_str(), "")),
                None => ("", ""),
            };
            return Some(Constraint {
                scaffold: sampling.constrain_format,
                answer_choices: None,
                max_think_tokens: sampling.max_think_tokens,
                max_answer_tokens: sampling.max_answer_tokens,
                answer_sequence: Some(AnswerSequence {
                    names: names.clone(),
                    count: *count,
                    separator: separator.clone(),
                    prefix: prefix.to_string(),
                    suffix: suffix.to_string(),
                }),
            });
        }
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
        max_answer_tokens: sampling.max_answer_tokens,
        answer_sequence: None,
    })
}

/// The system text of a turn: the configured `system_prompt`, else the env's
/// instruction when its spec places it there (`None` for envs that show it
/// after the observation, as vsGRPO puts the R1 suffix in the user turn).
pub fn system_text<'a>(spec: &'a EnvSpec, sampling: &'a SamplingConfig) -> Option<&'a str> {
    match &sampling.system_prompt {
        Some(s) => Some(s),
        None => spec.system_text(),
    }
}

/// The observation's frames as chat content: one video for video envs
/// (`Modality::Video`, e.g. the spatial walkthroughs), else one image per
/// frame (football's pitch view).
pub fn frame_content(spec: &EnvSpec, frames: &[Frame]) -> Vec<Content> {
    match spec.modality {
        Modality::Video => vec![Content::Video(frames.to_vec())],
        Modality::Image | Modality::Text => frames.iter().cloned().map(Content::Image).collect(),
    }
}

/// Chat messages for one turn: instruction (see [`system_text`]), a short
/// history, the observation with its frames (see [`frame_content`]).
/// Without a system message the chat template inserts its default one.
pub fn to_messages(
    spec: &EnvSpec,
    sampling: &SamplingConfig,
    history: &[(String, String)],
    obs: &Observation,
) -> Vec<Message> {
    let window = sampling.history_turns;
    let mut msgs = Vec::new();
    if let Some(system) = system_text(spec, sampling) {
        msgs.push(Message::system(system));
    }
    let start = history.len().saturating_sub(window);
    for (o, a) in &history[start..] {
        msgs.push(Message::user(o.clone()));
        msgs.push(Message::assistant(a.clone()));
    }
    let mut content = frame_content(spec, &obs.frames);
    content.push(Content::Text(spec.user_text(obs)));
    msgs.push(Message {
        role: Role::User,
        content,
    });
    msgs
}

/// A tokenised prompt and the processed frames its vision placeholders
/// stand for (empty for text prompts, which take the fast text path).
#[derive(Debug, Clone, Default)]
pub struct Prompt {
    pub tokens: Vec<u32>,
    /// Shared by the `G` completions of a group and their training items.
    pub vision: Arc<Vec<VisionInput>>,
}

impl Prompt {
    fn text(tokens: Vec<u32>) -> Self {
        Self {
            tokens,
            vision: Arc::default(),
        }
    }

    /// The agent's view of this prompt (for `generate_vision` / `log_probs_vision`).
    pub fn vision_prompt(&self) -> VisionPrompt {
        VisionPrompt {
            tokens: self.tokens.clone(),
            vision: self.vision.as_ref().clone(),
        }
    }
}

static TEXT_ONLY_WARNING: Once = Once::new();

/// Whether the observation's frames go to the policy: yes when it has a
/// vision tower; a text-only policy reads the text alone (one warning per
/// process), or stops with an error when `sampling.require_frames` is set.
fn use_frames(
    policy: &Policy,
    spec: &EnvSpec,
    sampling: &SamplingConfig,
    obs: &Observation,
) -> Result<bool, RolloutError> {
    if obs.frames.is_empty() {
        return Ok(false);
    }
    if policy.vision().is_ok() {
        return Ok(true);
    }
    if sampling.require_frames {
        return Err(RolloutError::Other(format!(
            "env `{}` shows frames but the policy has no vision tower (use a *-vl preset or \
             a checkpoint with vision_config, or set sampling.require_frames = false)",
            spec.name
        )));
    }
    TEXT_ONLY_WARNING.call_once(|| {
        eprintln!(
            "warning: env `{}` shows frames but the policy is text-only; training on the \
             observation text alone (sampling.require_frames = true makes this an error)",
            spec.name
        );
    });
    Ok(false)
}

/// Prompt of one turn: the chat template over [`to_messages`], or with
/// `chat_template = false` the plain text (system, history, observation
/// joined by newlines, frames' placeholders first). Frames are encoded only
/// when the policy can see them (see [`use_frames`]).
pub fn encode_prompt(
    policy: &Policy,
    spec: &EnvSpec,
    sampling: &SamplingConfig,
    history: &[(String, String)],
    obs: &Observation,
) -> Result<Prompt, RolloutError> {
    let frames = use_frames(policy, spec, sampling, obs)?;
    let text_obs;
    let obs = if frames || obs.frames.is_empty() {
        obs
    } else {
        text_obs = Observation::text(obs.text.clone());
        &text_obs
    };
    if sampling.chat_template {
        let msgs = to_messages(spec, sampling, history, obs);
        if !frames {
            return Ok(Prompt::text(policy.encode_chat(&msgs)?));
        }
        let vp = policy.encode_chat_vision(&msgs)?;
        return Ok(Prompt {
            tokens: vp.tokens,
            vision: Arc::new(vp.vision),
        });
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(system) = system_text(spec, sampling).filter(|s| !s.is_empty()) {
        parts.push(system.to_string());
    }
    let start = history.len().saturating_sub(sampling.history_turns);
    for (o, a) in &history[start..] {
        parts.push(o.clone());
        parts.push(a.clone());
    }
    let media = frame_content(spec, &obs.frames);
    let placeholders: String = media
        .iter()
        .map(|c| match c {
            Content::Video(_) => VIDEO_PLACEHOLDER,
            _ => IMAGE_PLACEHOLDER,
        })
        .collect();
    parts.push(format!("{placeholders}{}", spec.user_text(obs)));
    let tokens = policy.encode(&parts.join("\n"))?;
    if media.is_empty() {
        return Ok(Prompt::text(tokens));
    }
    let refs: Vec<&Content> = media.iter().collect();
    let vp = policy.vision_prompt(tokens, &refs)?;
    Ok(Prompt {
        tokens: vp.tokens,
        vision: Arc::new(vp.vision),
    })
}

/// One (prompt, completion) pair: a single action turn of an episode.
#[derive(Debug, Clone)]
pub struct Turn {
    pub episode: usize,
    pub slot: usize,
    pub prompt: Vec<u32>,
    /// Processed frames of the prompt (empty: a text prompt).
    pub vision: Arc<Vec<VisionInput>>,
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
    /// The last verdict's `correct()` (its score earned credit), when the
    /// env grades answers.
    pub correct: Option<bool>,
    /// Every turn's verdict said well-formed, when the env has a format.
    pub format_ok: Option<bool>,
    /// The first user turn's text (observation and placed instruction).
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
        let specs: Vec<&EnvSpec> = live
            .iter()
            .map(|l| &self.slots[l.result.slot].spec)
            .collect();
        par_each(
            &mut live,
            self.workers,
            |i, l| -> Result<(), RolloutError> {
                let reset = l
                    .env
                    .reset(Some(slots[i].1))
                    .map_err(|source| RolloutError::Env {
                        name: slots[i].0.clone(),
                        source,
                    })?;
                l.result.first_prompt = specs[i].user_text(&reset.observation);
                l.obs = reset.observation;
                Ok(())
            },
        )?;
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
        let env_time = Mutex::new(Duration::ZERO);
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
        // One vision prompt in the batch sends it all down the vision path
        // (text prompts there embed as text); all-text batches stay fast.
        let out = if prompts.iter().any(|p| !p.vision.is_empty()) {
            let vps: Vec<VisionPrompt> = prompts.iter().map(Prompt::vision_prompt).collect();
            policy.generate_vision(&vps, &opts)?
        } else {
            let tokens: Vec<Vec<u32>> = prompts.iter().map(|p| p.tokens.clone()).collect();
            policy.generate(&tokens, &opts)?
        };
        for ((o, prompt), samples) in owners.iter().zip(&prompts).zip(out) {
            for (&i, s) in o.iter().zip(samples) {
                batch.completion_tokens += s.tokens.len();
                batch.turns.push(Turn {
                    episode: base + i,
                    slot: chunk[i].result.slot,
                    prompt: prompt.tokens.clone(),
                    vision: prompt.vision.clone(),
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
    par_each(chunk, workers, |_, l| -> Result<(), RolloutError> {
        let Some(action) = l.action.take() else {
            return Ok(());
        };
        let step = l.env.step(&action).map_err(|source| RolloutError::Env {
            name: name.to_string(),
            source,
        })?;
        stepped.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        record(&mut l.result, &step, &action);
        // A turn budget the env did not enforce still ends the episode.
        l.done = step.done() || (max_turns > 0 && l.result.turns >= max_turns);
        l.history.push((std::mem::take(&mut l.obs.text), action));
        l.obs = step.observation;
        Ok(())
    })?;
    Ok(stepped.into_inner())
}

/// Adds one step to an episode's outcome: return, reward parts, and the
/// verdict (well-formed only if every turn was; correct as of the last
/// graded turn).
fn record(r: &mut EpisodeResult, step: &Step, action: &str) {
    r.ret += step.reward;
    r.turns += 1;
    for (k, v) in &step.reward_parts {
        *r.parts.entry(k.clone()).or_insert(0.0) += v;
    }
    let verdict = step.verdict.unwrap_or_default();
    if let Some(ok) = verdict.format_ok {
        r.format_ok = Some(r.format_ok.unwrap_or(true) && ok);
    }
    if let Some(c) = verdict.correct() {
        r.correct = Some(c);
    }
    r.last_action = action.to_string();
}

#[cfg(test)]
mod tests {
    use super::*;
    use rulegym_envs::{InstructionPlacement, Verdict};

    fn spec(modality: Modality, instruction: &str, placement: InstructionPlacement) -> EnvSpec {
        EnvSpec {
            name: "t".into(),
            description: String::new(),
            modality,
            max_turns: 1,
            action_space: ActionSpace::FreeText,
            instruction: instruction.into(),
            instruction_placement: placement,
        }
    }

    fn texts(m: &Message) -> String {
        m.content
            .iter()
            .filter_map(|c| match c {
                Content::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_instruction_placed_after_the_observation_ends_the_user_turn() {
        let s = spec(
            Modality::Text,
            "Think, then answer.",
            InstructionPlacement::AfterObservation,
        );
        let sampling = SamplingConfig::default();
        let msgs = to_messages(&s, &sampling, &[], &Observation::text("2+2?"));
        assert_eq!(
            msgs.len(),
            1,
            "no system message: the template adds its default"
        );
        assert_eq!(msgs[0].role, Role::User);
        // Exactly the text math and spatial envs used to build themselves.
        assert_eq!(texts(&msgs[0]), "2+2?\nThink, then answer.");
        // A configured system prompt adds a system message; the suffix stays.
        let sampling = SamplingConfig {
            system_prompt: Some(String::new()),
            ..Default::default()
        };
        let msgs = to_messages(&s, &sampling, &[], &Observation::text("2+2?"));
        assert_eq!(
            (msgs[0].role, texts(&msgs[0])),
            (Role::System, String::new())
        );
        assert_eq!(texts(&msgs[1]), "2+2?\nThink, then answer.");
    }

    #[test]
    fn a_system_instruction_becomes_the_system_message() {
        let s = spec(
            Modality::Text,
            "Reply with one action.",
            InstructionPlacement::System,
        );
        let msgs = to_messages(
            &s,
            &SamplingConfig::default(),
            &[],
            &Observation::text("ball at 0.5"),
        );
        assert_eq!(msgs[0].role, Role::System);
        assert_eq!(texts(&msgs[0]), "Reply with one action.");
        assert_eq!(texts(&msgs[1]), "ball at 0.5");
        // A configured system prompt always wins.
        let sampling = SamplingConfig {
            system_prompt: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(system_text(&s, &sampling), Some(""));
    }

    #[test]
    fn episode_metrics_come_from_the_verdict() {
        let step = |format_ok, score| Step {
            reward: 0.5,
            verdict: Some(Verdict { format_ok, score }),
            ..Step::default()
        };
        let mut r = EpisodeResult::default();
        record(&mut r, &step(Some(true), Some(0.0)), "a");
        assert_eq!((r.format_ok, r.correct), (Some(true), Some(false)));
        // Partial credit (MRA) counts as correct, as a positive accuracy did.
        record(&mut r, &step(Some(false), Some(0.3)), "b");
        assert_eq!((r.format_ok, r.correct), (Some(false), Some(true)));
        record(&mut r, &step(Some(true), None), "c");
        assert_eq!((r.format_ok, r.correct), (Some(false), Some(true)));
        assert_eq!((r.turns, r.ret, r.last_action.as_str()), (3, 1.5, "c"));
        // No verdict: nothing is claimed, whatever `info` or the parts say.
        let mut r = EpisodeResult::default();
        let mut bare = Step::default();
        bare.reward_parts.insert("accuracy".into(), 1.0);
        bare.info.insert("correct".into(), true.into());
        record(&mut r, &bare, "x");
        assert_eq!((r.format_ok, r.correct), (None, None));
    }

    #[test]
    fn a_sequence_space_becomes_a_sequence_constraint() {
        let mut s = spec(Modality::Text, "", InstructionPlacement::System);
        s.action_space = ActionSpace::SequenceOf {
            names: vec!["left".into(), "shot".into()],
            count: 2,
            separator: ", ".into(),
        };
        let mix = EnvMix {
            answer_template: Some("<answer>{}</answer>".into()),
            ..EnvMix::default()
        };
        let c = constraint_for(&s, &mix, &SamplingConfig::default());
        let sq = c.and_then(|c| c.answer_sequence);
        assert_eq!(
            sq,
            Some(AnswerSequence {
                names: vec!["left".into(), "shot".into()],
                count: 2,
                separator: ", ".into(),
                prefix: "<answer>".into(),
                suffix: "</answer>".into(),
            })
        );
    }

    /// A from-scratch policy sampled under a 2-player football env's
    /// constraint names two legal actions in every completion, and the env
    /// plays both.
    #[test]
    fn constrained_samples_of_a_two_player_env_name_two_legal_actions() -> anyhow::Result<()> {
        use rulegym_agent::Device;
        use rulegym_envs::football::action::Action;
        let policy = Policy::preset("tiny", 0, &Device::Cpu)?;
        let mix = EnvMix {
            name: "football/academy_3_vs_1_with_keeper".into(),
            config: serde_json::json!({"controlled_players": 2, "max_turns": 2}),
            ..EnvMix::default()
        };
        let sampling = SamplingConfig {
            max_new_tokens: 64,
            ..SamplingConfig::default()
        };
        let mut rollout = Rollout::new(std::slice::from_ref(&mix), &sampling, 2)?;
        let requests = [Request { env: 0, seed: 3 }];
        let mut rng = <ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let batch = rollout.run(&policy, &requests, 4, &sampling, &mut rng)?;
        assert_eq!(batch.episodes.len(), 4);
        assert!(!batch.turns.is_empty());
        for t in &batch.turns {
            let text = policy.decode(&t.completion)?;
            let text = text.trim_end_matches("<|im_end|>");
            let names: Vec<&str> = text.split(", ").collect();
            assert_eq!(names.len(), 2, "{text:?}");
            for n in names {
                assert!(
                    Action::from_name(n).is_some_and(|a| a.name() == n),
                    "{text:?}"
                );
            }
        }
        for e in &batch.episodes {
            // Untagged names are read (format "bare"): the verdict says not
            // well-formed, and the env played both players' actions.
            assert_eq!(e.format_ok, Some(false));
            assert_eq!(e.last_action.split(", ").count(), 2, "{}", e.last_action);
        }
        Ok(())
    }

    #[test]
    fn video_envs_send_one_video_and_image_envs_one_image_per_frame() {
        let frames = vec![
            Frame::filled(4, 4, [9, 9, 9]),
            Frame::filled(4, 4, [9, 9, 9]),
        ];
        let v = frame_content(
            &spec(Modality::Video, "", InstructionPlacement::System),
            &frames,
        );
        assert!(matches!(v.as_slice(), [Content::Video(f)] if f.len() == 2));
        let i = frame_content(
            &spec(Modality::Image, "", InstructionPlacement::System),
            &frames,
        );
        assert!(matches!(
            i.as_slice(),
            [Content::Image(_), Content::Image(_)]
        ));
    }
}
