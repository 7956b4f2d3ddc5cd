//! The single-turn visual math env: reset draws a scene and shows its
//! image and question; step judges the answer with the math verifier
//! (format + accuracy, as `math/*`).

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::config::VmathConfig;
use super::scene::{Family, Scene};
use crate::math::reward::{score, RewardConfig};
use crate::math::verify::{parse_gold, Answer};
use crate::{
    ActionSpace, Env, EnvError, EnvSpec, Info, InstructionPlacement, Modality, Observation, Reset,
    Step, Verdict,
};

struct Episode {
    scene: Scene,
    answer: String,
    gold: Answer,
    done: bool,
}

/// A visual math env over one or several families.
pub struct VmathEnv {
    spec: EnvSpec,
    families: Vec<Family>,
    cfg: VmathConfig,
    reward: RewardConfig,
    rng: ChaCha8Rng,
    episode: Option<Episode>,
}

impl VmathEnv {
    /// `families` is non-empty; `cfg` validated for them.
    pub fn new(
        name: &str,
        description: &str,
        families: Vec<Family>,
        cfg: VmathConfig,
    ) -> Result<Self, EnvError> {
        if families.is_empty() {
            return Err(EnvError::config(name, "families: none selected"));
        }
        cfg.validate(&families)
            .map_err(|m| EnvError::config(name, m))?;
        Ok(Self {
            spec: EnvSpec {
                name: name.to_string(),
                description: description.to_string(),
                modality: Modality::Image,
                max_turns: 1,
                action_space: ActionSpace::FreeText,
                instruction: cfg.instruction.clone(),
                instruction_placement: InstructionPlacement::AfterObservation,
            },
            families,
            reward: cfg.reward(),
            cfg,
            rng: ChaCha8Rng::seed_from_u64(0),
            episode: None,
        })
    }

    /// The current scene, if reset.
    pub fn scene(&self) -> Option<&Scene> {
        self.episode.as_ref().map(|e| &e.scene)
    }

    /// Draws the next scene from the env's random stream (no image).
    pub fn next_scene(&mut self) -> Scene {
        let family = self.families[self.rng.random_range(0..self.families.len())];
        let kinds: Vec<String> = self
            .cfg
            .kinds
            .iter()
            .filter(|k| family.kinds().contains(&k.as_str()))
            .cloned()
            .collect();
        family.generate(&mut self.rng, self.cfg.level, &kinds)
    }
}

impl Env for VmathEnv {
    fn spec(&self) -> &EnvSpec {
        &self.spec
    }

    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        if let Some(s) = seed {
            self.rng = ChaCha8Rng::seed_from_u64(s);
        }
        let scene = self.next_scene();
        let answer = scene.answer();
        let gold = parse_gold(&answer).map_err(|e| {
            EnvError::Other(format!(
                "{}: gold answer {answer:?} cannot be graded: {e}",
                self.spec.name
            ))
        })?;
        let frame = scene.render(self.cfg.size);
        let mut info = Info::new();
        info.insert("answer".into(), answer.clone().into());
        info.insert("family".into(), scene.family().name().into());
        let scene_json = serde_json::to_value(&scene)
            .map_err(|e| EnvError::Other(format!("{}: scene: {e}", self.spec.name)))?;
        info.insert("scene".into(), scene_json);
        let observation = Observation {
            text: scene.question(),
            frames: vec![frame],
        };
        self.episode = Some(Episode {
            scene,
            answer,
            gold,
            done: false,
        });
        Ok(Reset { observation, info })
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
        let s = score(action, &ep.gold, &self.reward);
        let mut info = Info::new();
        info.insert("answer".into(), ep.answer.clone().into());
        info.insert("extracted".into(), s.extracted.clone().into());
        info.insert("family".into(), ep.scene.family().name().into());
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
