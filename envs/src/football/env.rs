//! The football [`Env`]: scenario → simulation → observation layers →
//! reward layers, composed in one place.
//!
//! One policy turn may span several simulation steps: `action_repeat` steps
//! for any action, or with `auto_continue = k` (the LMM agent setting) a
//! movement runs up to k steps (stopping early when possession, play or the
//! controlled player changes) and a pass or shot runs until someone
//! receives the ball.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::action::{parse_answer, Action, Parsed, Sticky};
use super::control;
use super::obs::{self, FrameStyle};
use super::reward::{self, StepCtx};
use super::scenario::Scenario;
use super::sim::state::{Event, Team};
use super::sim::World;
use crate::{
    ActionSpace, Env, EnvError, EnvSpec, Info, InstructionPlacement, Modality, Observation, Reset,
    Step, Verdict,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FootballConfig {
    /// A built-in scenario name, or one in `scenario_dir`.
    pub scenario: String,
    /// A directory of extra `<name>.json` scenario files.
    pub scenario_dir: Option<PathBuf>,
    /// Simulation steps per turn for actions that do not auto-continue.
    pub action_repeat: u32,
    /// A movement continues up to this many steps and a pass or shot until
    /// received (0: off, every action lasts `action_repeat` steps).
    pub auto_continue: u32,
    /// Longest a pass or shot turn may run, in steps.
    pub pass_continue_limit: u32,
    /// Reward layers and weights (`scoring`, `checkpoints`, `shaped`,
    /// `format`); `None` uses the scenario's layers plus `format` at 0.1.
    pub rewards: Option<BTreeMap<String, f64>>,
    /// Draw a frame every turn (off for fast text-only training).
    pub render_frames: bool,
    pub frame: FrameStyle,
    /// Turns per episode at most (the episode is truncated after them).
    pub max_turns: u32,
    /// How many left-team players the agent controls (answers list one
    /// action per player, comma-separated, the active player first).
    pub controlled_players: u32,
    /// Overrides the scenario's offside rule.
    pub offside: Option<bool>,
    /// Overrides the scenario's opponent difficulty.
    pub difficulty: Option<f32>,
    /// Adds GRF's `simple115` vector to `info`.
    pub simple115: bool,
}

impl Default for FootballConfig {
    fn default() -> Self {
        Self {
            scenario: "academy_empty_goal_close".into(),
            scenario_dir: None,
            action_repeat: 1,
            auto_continue: 10,
            pass_continue_limit: 60,
            rewards: None,
            render_frames: false,
            frame: FrameStyle::default(),
            max_turns: 64,
            controlled_players: 1,
            offside: None,
            difficulty: None,
            simple115: false,
        }
    }
}

/// Why an episode ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Goal,
    OutOfPlay,
    PossessionChange,
    TimeUp,
    MaxTurns,
}

pub struct FootballEnv {
    spec: EnvSpec,
    cfg: FootballConfig,
    scenario: Scenario,
    layers: reward::Layers,
    rng: ChaCha8Rng,
    world: Option<World>,
    sticky: Vec<Sticky>,
    controlled: Vec<usize>,
    turn: u32,
    done: bool,
    unparsed: u32,
    end: Option<EndReason>,
}

impl FootballEnv {
    pub fn new(name: &str, cfg: FootballConfig) -> Result<Self, EnvError> {
        let mut scenario = Scenario::find(&cfg.scenario, cfg.scenario_dir.as_deref())?;
        if let Some(o) = cfg.offside {
            scenario.offside = o;
        }
        if let Some(d) = cfg.difficulty {
            if !(0.0..=1.0).contains(&d) {
                return Err(EnvError::config(
                    name,
                    format!("difficulty {d} must be in [0, 1]"),
                ));
            }
            scenario.difficulty = d;
        }
        if cfg.controlled_players == 0 || cfg.controlled_players > 11 {
            return Err(EnvError::config(
                name,
                "controlled_players must be in 1..=11",
            ));
        }
        if cfg.action_repeat == 0 || cfg.max_turns == 0 {
            return Err(EnvError::config(
                name,
                "action_repeat and max_turns must be at least 1",
            ));
        }
        let weights = cfg.rewards.clone().unwrap_or_else(|| {
            let mut w = scenario.rewards.clone();
            w.entry("format".into()).or_insert(0.1);
            w
        });
        let layers = reward::build(&weights).map_err(|m| EnvError::config(name, m))?;
        let players = cfg.controlled_players as usize;
        if players > scenario.controllable_players() {
            return Err(EnvError::config(
                name,
                format!(
                    "controlled_players = {players} but scenario '{}' has {} controllable players",
                    scenario.name,
                    scenario.controllable_players()
                ),
            ));
        }
        let spec = EnvSpec {
            name: name.to_string(),
            description: format!("football {}: {}", scenario.name, scenario.description),
            // Frames only when drawn: otherwise the text state is all.
            modality: if cfg.render_frames {
                Modality::Image
            } else {
                Modality::Text
            },
            max_turns: cfg.max_turns,
            action_space: action_space(players),
            instruction: instruction(&cfg),
            instruction_placement: InstructionPlacement::System,
        };
        Ok(Self {
            spec,
            cfg,
            scenario,
            layers,
            rng: ChaCha8Rng::seed_from_u64(0),
            world: None,
            sticky: Vec::new(),
            controlled: Vec::new(),
            turn: 0,
            done: false,
            unparsed: 0,
            end: None,
        })
    }

    /// The current world (after `reset`).
    pub fn world(&self) -> Option<&World> {
        self.world.as_ref()
    }

    /// The controlled players, active first.
    pub fn controlled(&self) -> &[usize] {
        &self.controlled
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn config(&self) -> &FootballConfig {
        &self.cfg
    }

    pub fn end_reason(&self) -> Option<EndReason> {
        self.end
    }

    fn observe(&self, w: &World) -> Observation {
        let text = obs::text_state(w, &self.controlled, self.scenario.steps);
        let frames = if self.cfg.render_frames {
            vec![obs::render(w, &self.controlled, &self.cfg.frame)]
        } else {
            Vec::new()
        };
        Observation { text, frames }
    }

    fn info(&self, w: &World) -> Info {
        let mut info = Info::new();
        info.insert("turn".into(), self.turn.into());
        info.insert("step".into(), w.step.into());
        info.insert("score".into(), serde_json::json!(w.score));
        info.insert("unparsed_actions".into(), self.unparsed.into());
        info.insert("controlled".into(), serde_json::json!(self.controlled));
        if let Some(e) = self.end {
            info.insert("end_reason".into(), serde_json::json!(e));
        }
        if self.cfg.simple115 {
            let v = obs::simple115(w, self.controlled.first().copied());
            info.insert("simple115".into(), serde_json::json!(v.to_vec()));
        }
        info
    }

    /// How many steps this turn may run and whether it waits for a pass.
    fn turn_length(&self, a: Action) -> (u32, bool) {
        let k = self.cfg.auto_continue;
        if k > 0 && a.direction().is_some() {
            (k, false)
        } else if k > 0 && a.kick().is_some() {
            (self.cfg.pass_continue_limit.max(1), true)
        } else {
            (self.cfg.action_repeat, false)
        }
    }

    fn end_for(&self, events: &[Event]) -> Option<EndReason> {
        let sc = &self.scenario;
        for e in events {
            match *e {
                Event::Goal { .. } if sc.end_on_score => return Some(EndReason::Goal),
                Event::OutOfPlay { .. } | Event::Offside { .. } if sc.end_on_out_of_play => {
                    return Some(EndReason::OutOfPlay)
                }
                Event::Possession {
                    team,
                    from: Some(f),
                    ..
                } if sc.end_on_possession_change && f != team => {
                    return Some(EndReason::PossessionChange)
                }
                _ => {}
            }
        }
        None
    }
}

/// How answers separate the players' actions (the parser also takes `;`
/// and newlines).
pub const ACTION_SEPARATOR: &str = ", ";

/// One action name per controlled player: `OneOf` for one, `SequenceOf`
/// for several, so a constrained sampler gives every player an action.
fn action_space(players: usize) -> ActionSpace {
    let names: Vec<String> = Action::ALL.iter().map(|a| a.name().to_string()).collect();
    if players == 1 {
        ActionSpace::OneOf(names)
    } else {
        ActionSpace::SequenceOf {
            names,
            count: players,
            separator: ACTION_SEPARATOR.to_string(),
        }
    }
}

fn instruction(cfg: &FootballConfig) -> String {
    let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    let cont = if cfg.auto_continue > 0 {
        format!(
            " A movement continues for up to {} steps; a pass or shot continues until the ball is received.",
            cfg.auto_continue
        )
    } else {
        String::new()
    };
    let (control, reply) = match cfg.controlled_players {
        1 => (
            "control the ringed player".to_string(),
            "Reply with one action as <answer>name</answer>.".to_string(),
        ),
        k => (
            format!("control {k} players, the ringed one first"),
            format!(
                "Reply with {k} actions, one per controlled player in the order the state lists \
                 them, separated by \"{sep}\", as <answer>name{sep}name</answer>.",
                sep = ACTION_SEPARATOR
            ),
        ),
    };
    format!(
        "You play football for the yellow team and {control}; you attack the goal on the right \
         (x = 1). Top is -y, bottom is +y. Directions, sprint and dribble stay on until released.{cont} \
         {reply} Actions: {}.",
        names.join(", ")
    )
}

impl Env for FootballEnv {
    fn spec(&self) -> &EnvSpec {
        &self.spec
    }

    fn reset(&mut self, seed: Option<u64>) -> Result<Reset, EnvError> {
        if let Some(s) = seed {
            self.rng = ChaCha8Rng::seed_from_u64(s);
        }
        let world = self.scenario.world(self.rng.next_u64());
        let n = self.cfg.controlled_players as usize;
        self.controlled = control::select(&world, &[], n, self.scenario.keeper_controllable);
        self.sticky = vec![Sticky::default(); n];
        for (layer, _) in &mut self.layers {
            layer.reset(&world);
        }
        self.turn = 0;
        self.done = false;
        self.unparsed = 0;
        self.end = None;
        let observation = self.observe(&world);
        let info = self.info(&world);
        self.world = Some(world);
        Ok(Reset { observation, info })
    }

    /// One policy turn: [`parse`](FootballEnv::parse) the text,
    /// [`simulate`](FootballEnv::simulate) the steps it lasts (reward layers
    /// score each one), then [`observe`](FootballEnv::observe_turn) the result.
    fn step(&mut self, action: &str) -> Result<Step, EnvError> {
        if self.done {
            return Err(EnvError::EpisodeOver(self.spec.name.clone()));
        }
        let mut world = self
            .world
            .take()
            .ok_or_else(|| EnvError::NotReset(self.spec.name.clone()))?;
        let turn = self.parse(action);
        let mut parts = self.reward_text(&turn.parsed);
        let sim = self.simulate(&mut world, &turn.actions, &mut parts);
        let step = self.observe_turn(&world, &turn, &sim, parts);
        self.world = Some(world);
        Ok(step)
    }
}

/// What one turn's text asks for.
struct Turn {
    parsed: Parsed,
    /// One action per controlled player (idle where none was given).
    actions: Vec<Action>,
}

/// What one turn's simulation did.
struct Simulated {
    sim_steps: u32,
    events: Vec<Event>,
    /// The scenario's clock or the turn budget ran out.
    truncated: bool,
}

impl FootballEnv {
    /// Parses the text into one action per controlled player, the active one
    /// first; missing or unreadable ones idle (and are counted).
    fn parse(&mut self, action: &str) -> Turn {
        let parsed = parse_answer(action);
        if !parsed.is_valid() {
            self.unparsed += 1;
        }
        let actions = (0..self.controlled.len())
            .map(|k| parsed.actions().get(k).copied().unwrap_or(Action::Idle))
            .collect();
        Turn { parsed, actions }
    }

    /// The reward layers' judgement of the text itself (the `format` layer).
    fn reward_text(&mut self, parsed: &Parsed) -> BTreeMap<String, f64> {
        let mut parts = BTreeMap::new();
        for (layer, weight) in &mut self.layers {
            let r = layer.turn(parsed) * *weight;
            *parts.entry(layer.name().to_string()).or_insert(0.0) += r;
        }
        parts
    }

    /// The reward layers' judgement of one simulation step.
    fn reward_sim_step(&mut self, world: &World, parts: &mut BTreeMap<String, f64>) {
        let ctx = StepCtx {
            world,
            events: &world.events,
            controlled: &self.controlled,
            steps_limit: self.scenario.steps,
        };
        for (layer, weight) in &mut self.layers {
            let r = layer.sim_step(&ctx) * *weight;
            *parts.entry(layer.name().to_string()).or_insert(0.0) += r;
        }
    }

    /// Runs the turn's simulation steps (see [`turn_length`]): the actions
    /// on the first step, sticky ones after; stops on an end of episode, on
    /// an interruption, or when our pass or shot is received. Ends the
    /// episode when the turn budget is spent.
    ///
    /// [`turn_length`]: FootballEnv::turn_length
    fn simulate(
        &mut self,
        world: &mut World,
        actions: &[Action],
        parts: &mut BTreeMap<String, f64>,
    ) -> Simulated {
        let (mut len, mut wait_pass) =
            self.turn_length(actions.first().copied().unwrap_or(Action::Idle));
        let mut out = Simulated {
            sim_steps: 0,
            events: Vec::new(),
            truncated: false,
        };
        let mut k = 0;
        while k < len {
            let active_before = self.controlled.first().copied();
            let cmds: Vec<_> = self
                .controlled
                .iter()
                .zip(self.sticky.iter_mut())
                .enumerate()
                .map(|(slot, (&p, st))| {
                    let a = if k == 0 { actions[slot] } else { Action::Idle };
                    (p, st.apply(a))
                })
                .collect();
            world.step(&cmds);
            out.sim_steps += 1;
            self.reward_sim_step(world, parts);
            out.events.extend(world.events.iter().copied());
            if k == 0 && wait_pass {
                // Only a kick we actually made is waited for; a pass or shot
                // pressed without the ball lasts `action_repeat` steps.
                let kicked = world.events.iter().any(
                    |e| matches!(e, Event::Kick { player, .. } if cmds.iter().any(|(p, _)| p == player)),
                );
                if !kicked {
                    wait_pass = false;
                    len = self.cfg.action_repeat;
                }
            }
            if let Some(e) = self.end_for(&world.events) {
                self.end = Some(e);
                break;
            }
            if world.step >= self.scenario.steps {
                self.end = Some(EndReason::TimeUp);
                out.truncated = true;
                break;
            }
            let n = self.cfg.controlled_players as usize;
            self.controlled = control::select(
                world,
                &self.controlled,
                n,
                self.scenario.keeper_controllable,
            );
            let interrupted = !wait_pass
                && (!world.events.is_empty() || self.controlled.first().copied() != active_before);
            if wait_pass && world.owner.is_some() && k > 0 || interrupted {
                break;
            }
            k += 1;
        }
        self.turn += 1;
        if self.end.is_none() && self.turn >= self.cfg.max_turns {
            self.end = Some(EndReason::MaxTurns);
            out.truncated = true;
        }
        self.done = self.end.is_some();
        out
    }

    /// The step the policy sees after a turn: observation, summed reward,
    /// the verdict on its format, and the turn's facts in `info`.
    fn observe_turn(
        &self,
        world: &World,
        turn: &Turn,
        sim: &Simulated,
        parts: BTreeMap<String, f64>,
    ) -> Step {
        let mut info = self.info(world);
        info.insert("sim_steps".into(), sim.sim_steps.into());
        info.insert("parsed".into(), turn.parsed.is_valid().into());
        info.insert(
            "actions".into(),
            serde_json::json!(turn.actions.iter().map(|a| a.name()).collect::<Vec<_>>()),
        );
        info.insert(
            "format".into(),
            serde_json::json!(match turn.parsed {
                Parsed::Tagged(_) => "tagged",
                Parsed::Bare(_) => "bare",
                Parsed::Invalid => "invalid",
            }),
        );
        let goals_for = sim
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    Event::Goal {
                        team: Team::Left,
                        ..
                    }
                )
            })
            .count();
        info.insert("goals_for".into(), goals_for.into());
        Step {
            observation: self.observe(world),
            reward: parts.values().sum(),
            reward_parts: parts,
            terminated: self.end.is_some() && !sim.truncated,
            truncated: sim.truncated,
            // The answer format is "names inside <answer></answer>". A game
            // turn has no right answer to grade; the episode's last turn
            // grades the episode: 1 when our team scored in it, else 0, so
            // a trainer's accuracy is the goal rate (docs/football_baselines.md).
            verdict: Some(Verdict {
                format_ok: Some(matches!(turn.parsed, Parsed::Tagged(_))),
                score: self.done.then(|| f64::from(u8::from(world.score[0] > 0))),
            }),
            info,
        }
    }
}
