//! The spatial envs: `spatial` (mixed question types) and one
//! `spatial/<type>` per VSI-Bench type. Single turn: the policy sees the
//! video and the question, answers once, and is scored.

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::questions::QuestionType;
use super::reward::{self, RewardConfig};
use super::sample::Sample;
use super::scene::SceneConfig;
use super::SpatialError;
use crate::registry::{parse_config, Registry};
use crate::{
    ActionSpace, Env, EnvError, EnvSpec, Info, InstructionPlacement, Modality, Observation, Reset,
    Step, Verdict,
};

/// The vsGRPO prompt suffix (REFERENCES §1), shown after the question.
pub use crate::answer_format::R1_INSTRUCTION as INSTRUCTION;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpatialConfig {
    /// Video length in frames.
    pub frames: usize,
    pub width: u32,
    pub height: u32,
    /// Render the frames; off gives text-only episodes (cheap smoke tests).
    pub render: bool,
    /// Supersampling factor per side (1 = off).
    pub supersample: u32,
    /// Print lettered options for multiple-choice questions (vsGRPO did not).
    pub show_options: bool,
    pub min_objects: usize,
    pub max_objects: usize,
    /// Allowed object categories (ScanNet names); empty = all.
    pub categories: Vec<String>,
    /// Question types the mixed `spatial` env draws from; empty = all.
    pub question_types: Vec<String>,
    /// Vertical field of view of the walkthrough camera, degrees.
    pub fov_deg: f64,
    /// Video time per frame (appearance order uses whole seconds).
    pub seconds_per_frame: f64,
    /// Side of the object-id buffers that decide visibility.
    pub visibility_size: u32,
    /// Fraction of a frame an object must cover to count as clearly visible.
    pub min_visible_fraction: f64,
    /// Scenes tried per question before giving up.
    pub max_attempts: usize,
    pub reward: RewardConfig,
}

impl Default for SpatialConfig {
    fn default() -> Self {
        Self {
            frames: 16,
            width: 224,
            height: 224,
            render: true,
            supersample: 1,
            show_options: true,
            min_objects: 3,
            max_objects: 25,
            categories: Vec::new(),
            question_types: Vec::new(),
            fov_deg: 60.0,
            seconds_per_frame: 1.0,
            visibility_size: 64,
            min_visible_fraction: 0.004,
            max_attempts: 200,
            reward: RewardConfig::default(),
        }
    }
}

impl SpatialConfig {
    pub fn scene_config(&self) -> SceneConfig {
        SceneConfig {
            min_objects: self.min_objects,
            max_objects: self.max_objects,
            categories: self.categories.clone(),
            ..SceneConfig::default()
        }
    }

    /// Checks every field; the message names the key at fault.
    pub fn validate(&self) -> Result<(), SpatialError> {
        let bad = |m: String| Err(SpatialError::Config(m));
        if self.frames == 0 || self.frames > 1024 {
            return bad(format!("frames = {} (need 1..=1024)", self.frames));
        }
        if !(8..=4096).contains(&self.width) || !(8..=4096).contains(&self.height) {
            return bad(format!(
                "width × height = {} × {} (need 8..=4096 each)",
                self.width, self.height
            ));
        }
        if !(1..=4).contains(&self.supersample) {
            return bad(format!("supersample = {} (need 1..=4)", self.supersample));
        }
        if !(10.0..=150.0).contains(&self.fov_deg) {
            return bad(format!("fov_deg = {} (need 10..=150)", self.fov_deg));
        }
        if self.seconds_per_frame.is_nan() || self.seconds_per_frame <= 0.0 {
            return bad(format!(
                "seconds_per_frame = {} (need > 0)",
                self.seconds_per_frame
            ));
        }
        if !(8..=1024).contains(&self.visibility_size) {
            return bad(format!(
                "visibility_size = {} (need 8..=1024)",
                self.visibility_size
            ));
        }
        if self.min_visible_fraction.is_nan()
            || self.min_visible_fraction <= 0.0
            || self.min_visible_fraction >= 1.0
        {
            return bad(format!(
                "min_visible_fraction = {} (need 0 < f < 1)",
                self.min_visible_fraction
            ));
        }
        self.kinds()?;
        self.scene_config().validate()?;
        Ok(())
    }

    /// The question types named in `question_types` (all when empty).
    pub fn kinds(&self) -> Result<Vec<QuestionType>, SpatialError> {
        if self.question_types.is_empty() {
            return Ok(QuestionType::ALL.to_vec());
        }
        self.question_types
            .iter()
            .map(|n| {
                QuestionType::from_name(n).ok_or_else(|| {
                    SpatialError::Config(format!(
                        "question_types: unknown type '{n}'; known: {}",
                        QuestionType::ALL.map(|k| k.name()).join(", ")
                    ))
                })
            })
            .collect()
    }
}

pub struct SpatialEnv {
    spec: EnvSpec,
    cfg: SpatialConfig,
    kinds: Vec<QuestionType>,
    rng: ChaCha8Rng,
    current: Option<Sample>,
    done: bool,
}

impl SpatialEnv {
    /// An env drawing from `kinds` (the config's `question_types` when `None`).
    pub fn new(
        name: &str,
        kinds: Option<Vec<QuestionType>>,
        cfg: SpatialConfig,
    ) -> Result<Self, SpatialError> {
        cfg.validate()?;
        let kinds = match kinds {
            Some(k) => k,
            None => cfg.kinds()?,
        };
        let mc = kinds.iter().all(|k| k.is_multiple_choice());
        let action_space = match (kinds.as_slice(), cfg.show_options) {
            ([k], true) if mc && k.classes() > 1 && *k != QuestionType::RoutePlan => {
                ActionSpace::OneOf(
                    (0..k.classes())
                        .map(|i| super::questions::letter(i).to_string())
                        .collect(),
                )
            }
            _ => ActionSpace::FreeText,
        };
        let spec = EnvSpec {
            name: name.to_string(),
            description: format!(
                "VSI-Bench-style {} question about a rendered indoor walkthrough ({} frames)",
                if kinds.len() == 1 {
                    kinds[0].name()
                } else {
                    "mixed"
                },
                cfg.frames
            ),
            // What the observation holds: a walkthrough video, one frame,
            // or (rendering off) the question alone.
            modality: match (cfg.render, cfg.frames) {
                (false, _) => Modality::Text,
                (true, 1) => Modality::Image,
                (true, _) => Modality::Video,
            },
            max_turns: 1,
            action_space,
            instruction: INSTRUCTION.to_string(),
            // vsGRPO appends the R1 suffix to the question.
            instruction_placement: InstructionPlacement::AfterObservation,
        };
        Ok(Self {
            spec,
            cfg,
            kinds,
            rng: ChaCha8Rng::seed_from_u64(0),
            current: None,
            done: false,
        })
    }

    /// The current episode's scene, path and question.
    pub fn current(&self) -> Option<&Sample> {
        self.current.as_ref()
    }
}

impl Env for SpatialEnv {
    fn spec(&self) -> &EnvSpec {
        &self.spec
    }

    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        if let Some(s) = seed {
            self.rng = ChaCha8Rng::seed_from_u64(s);
        }
        let kind = *self
            .kinds
            .choose(&mut self.rng)
            .ok_or_else(|| EnvError::config(&self.spec.name, "no question types"))?;
        let sample_seed: u64 = self.rng.random();
        let sample = Sample::draw(&self.cfg, kind, sample_seed)?;
        let frames = if self.cfg.render {
            sample.frames(&self.cfg)
        } else {
            Vec::new()
        };
        let text = sample.question.prompt(self.cfg.show_options);
        let mut info = Info::new();
        info.insert("question_type".into(), kind.name().into());
        info.insert("scene_id".into(), sample.scene.id.clone().into());
        info.insert("sample_seed".into(), sample_seed.into());
        self.current = Some(sample);
        self.done = false;
        Ok(Reset {
            observation: Observation { text, frames },
            info,
        })
    }

    fn step(&mut self, action: &str) -> Result<Step, EnvError> {
        let Some(sample) = &self.current else {
            return Err(EnvError::NotReset(self.spec.name.clone()));
        };
        if self.done {
            return Err(EnvError::EpisodeOver(self.spec.name.clone()));
        }
        self.done = true;
        let q = &sample.question;
        let s = reward::score(q, action, self.cfg.show_options, &self.cfg.reward);
        let mut info = Info::new();
        info.insert("question_type".into(), q.kind.name().into());
        info.insert(
            "ground_truth".into(),
            q.ground_truth(self.cfg.show_options).into(),
        );
        info.insert(
            "parsed".into(),
            s.parsed.clone().map_or(serde_json::Value::Null, Into::into),
        );
        Ok(Step {
            observation: Observation::default(),
            reward: s.total(),
            reward_parts: [
                ("format".to_string(), s.format),
                ("accuracy".to_string(), s.accuracy),
            ]
            .into_iter()
            .collect(),
            terminated: true,
            truncated: false,
            verdict: Some(Verdict::graded(Some(s.format_ok), s.score)),
            info,
        })
    }
}

/// Registers `spatial` and `spatial/<type>` for every type.
pub fn register_all(reg: &mut Registry) -> Result<(), crate::EnvError> {
    reg.add(
        "spatial",
        "VSI-Bench-style spatial questions (all types mixed) about rendered room walkthroughs",
        |v| {
            let cfg: SpatialConfig = parse_config("spatial", v)?;
            Ok(Box::new(SpatialEnv::new("spatial", None, cfg)?) as Box<dyn Env>)
        },
    )?;
    for kind in QuestionType::ALL {
        let name = format!("spatial/{}", kind.name());
        let desc = format!(
            "VSI-Bench {} questions about rendered room walkthroughs",
            kind.name()
        );
        let n = name.clone();
        reg.add(&name, &desc, move |v| {
            let cfg: SpatialConfig = parse_config(&n, v)?;
            Ok(Box::new(SpatialEnv::new(&n, Some(vec![kind]), cfg)?) as Box<dyn Env>)
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_only() -> SpatialConfig {
        SpatialConfig {
            render: false,
            ..Default::default()
        }
    }

    #[test]
    fn every_type_resets_and_scores_its_own_gold_answer() {
        for kind in QuestionType::ALL {
            let mut env = SpatialEnv::new("t", Some(vec![kind]), text_only()).unwrap();
            let r = env.reset(Some(3)).unwrap();
            assert!(r.observation.frames.is_empty());
            assert!(!r.observation.text.contains(INSTRUCTION));
            assert!(env.spec().user_text(&r.observation).ends_with(INSTRUCTION));
            let gold = env.current().unwrap().question.ground_truth(true);
            let s = env
                .step(&format!("<think>look</think><answer>{gold}</answer>"))
                .unwrap();
            assert_eq!(s.reward, 1.5, "{kind:?}: {gold} -> {:?}", s.info);
            assert_eq!(s.verdict, Some(Verdict::graded(Some(true), 1.0)));
            assert!(s.terminated);
            assert!(matches!(env.step("x"), Err(EnvError::EpisodeOver(_))));
        }
    }

    #[test]
    fn rendering_gives_the_configured_video() {
        let cfg = SpatialConfig {
            frames: 4,
            width: 32,
            height: 24,
            ..Default::default()
        };
        let mut env = SpatialEnv::new("t", Some(vec![QuestionType::RoomSize]), cfg).unwrap();
        let r = env.reset(Some(1)).unwrap();
        assert_eq!(r.observation.frames.len(), 4);
        assert_eq!(
            (
                r.observation.frames[0].width(),
                r.observation.frames[0].height()
            ),
            (32, 24)
        );
    }

    #[test]
    fn bad_configs_name_their_key() {
        for (cfg, key) in [
            (
                SpatialConfig {
                    frames: 0,
                    ..Default::default()
                },
                "frames",
            ),
            (
                SpatialConfig {
                    categories: vec!["unicorn".into()],
                    ..Default::default()
                },
                "unicorn",
            ),
            (
                SpatialConfig {
                    min_objects: 80,
                    max_objects: 90,
                    ..Default::default()
                },
                "min_objects",
            ),
            (
                SpatialConfig {
                    question_types: vec!["colour".into()],
                    ..Default::default()
                },
                "colour",
            ),
        ] {
            let err = SpatialEnv::new("t", None, cfg)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains(key), "{err}");
        }
        let mut reg = Registry::default();
        register_all(&mut reg).unwrap();
        assert_eq!(reg.list().len(), 11);
        assert!(reg
            .make("spatial", &serde_json::json!({"frames": 2, "bogus": 1}))
            .is_err());
    }

    #[test]
    fn the_same_seed_gives_the_same_episode() {
        let mut a = SpatialEnv::new("t", None, text_only()).unwrap();
        let mut b = SpatialEnv::new("t", None, text_only()).unwrap();
        assert_eq!(a.reset(Some(9)).unwrap(), b.reset(Some(9)).unwrap());
    }
}
