//! The single-turn math env: reset draws a problem, step judges the answer.

use std::collections::BTreeMap;
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::config::MathConfig;
use super::generators::{Family, GenerateError, Problem};
use super::reward::{score_with, RewardConfig};
use super::verify::{parse_gold, Answer, Choices};
use crate::{
    ActionSpace, Env, EnvError, EnvSpec, Info, InstructionPlacement, Modality, Observation, Reset,
    Step, Verdict,
};

/// Where problems come from.
#[derive(Clone)]
pub enum Source {
    Family(Family),
    /// Families with relative weights (all positive).
    Mixed(Vec<(Family, f64)>),
    /// A loaded problem set, shared between env copies.
    Dataset(Arc<Vec<Problem>>),
}

impl Source {
    fn draw(&self, rng: &mut ChaCha8Rng, difficulty: u8) -> Result<Problem, GenerateError> {
        match self {
            Source::Family(f) => f.generate(rng, difficulty),
            Source::Mixed(ws) => {
                let total: f64 = ws.iter().map(|(_, w)| w).sum();
                let mut x = rng.random_range(0.0..total.max(f64::MIN_POSITIVE));
                let mut pick = ws.first().map_or(Family::Arithmetic, |(f, _)| *f);
                for (f, w) in ws {
                    if x < *w {
                        pick = *f;
                        break;
                    }
                    x -= w;
                }
                pick.generate(rng, difficulty)
            }
            Source::Dataset(items) => Ok(items[rng.random_range(0..items.len())].clone()),
        }
    }
}

struct Episode {
    problem: Problem,
    gold: Answer,
    /// The options the problem's text lists, if it is multiple choice.
    choices: Choices,
    done: bool,
}

/// A math question-answering env.
pub struct MathEnv {
    spec: EnvSpec,
    source: Source,
    difficulty: u8,
    reward: RewardConfig,
    rng: ChaCha8Rng,
    episode: Option<Episode>,
}

impl MathEnv {
    pub fn new(name: &str, description: &str, source: Source, cfg: &MathConfig) -> Self {
        Self {
            spec: EnvSpec {
                name: name.to_string(),
                description: description.to_string(),
                modality: Modality::Text,
                max_turns: 1,
                action_space: ActionSpace::FreeText,
                instruction: cfg.instruction.clone(),
                // The R1 suffix follows the question, as in LMM-R1 and vsGRPO.
                instruction_placement: InstructionPlacement::AfterObservation,
            },
            source,
            difficulty: cfg.difficulty,
            reward: cfg.reward(),
            rng: ChaCha8Rng::seed_from_u64(0),
            episode: None,
        }
    }

    /// The current problem, if reset.
    pub fn problem(&self) -> Option<&Problem> {
        self.episode.as_ref().map(|e| &e.problem)
    }
}

impl Env for MathEnv {
    fn spec(&self) -> &EnvSpec {
        &self.spec
    }

    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        if let Some(s) = seed {
            self.rng = ChaCha8Rng::seed_from_u64(s);
        }
        let problem = self
            .source
            .draw(&mut self.rng, self.difficulty)
            .map_err(|e| EnvError::Other(format!("{}: {e}", self.spec.name)))?;
        let gold = parse_gold(&problem.answer).map_err(|e| {
            EnvError::Other(format!(
                "{}: gold answer {:?} cannot be graded: {e}",
                self.spec.name, problem.answer
            ))
        })?;
        let text = problem.text.clone();
        let mut info = Info::new();
        info.insert("answer".into(), problem.answer.clone().into());
        let choices = Choices::from_problem(&problem.text);
        self.episode = Some(Episode {
            problem,
            gold,
            choices,
            done: false,
        });
        Ok(Reset {
            observation: Observation::text(text),
            info,
        })
    }

    fn step(&mut self, action: &str) -> Result<Step, EnvError> {
        let name = &self.spec.name;
        let ep = self
            .episode
            .as_mut()
            .ok_or_else(|| EnvError::NotReset(name.clone()))?;
        if ep.done {
            return Err(EnvError::EpisodeOver(name.clone()));
        }
        ep.done = true;
        let s = score_with(action, &ep.gold, &ep.choices, &self.reward);
        let mut info = Info::new();
        info.insert("answer".into(), ep.problem.answer.clone().into());
        info.insert("extracted".into(), s.extracted.clone().into());
        info.insert("conflict".into(), s.conflict.into());
        let parts = BTreeMap::from([
            ("format".to_string(), s.format),
            ("accuracy".to_string(), s.accuracy),
        ]);
        Ok(Step {
            observation: Observation::default(),
            reward: s.reward,
            reward_parts: parts,
            terminated: true,
            truncated: false,
            verdict: Some(Verdict::graded(
                Some(s.format_ok),
                f64::from(u8::from(s.correct)),
            )),
            info,
        })
    }
}
