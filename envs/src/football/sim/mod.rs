//! The football simulation: a deterministic, fixed-step (100 ms) 2D game with
//! a ball that has height, in GRF coordinates.
//!
//! [`World::step`] runs one step: the rule AI decides for every player the
//! caller does not control, then [`physics`] moves players and ball, then
//! [`rules`] checks goals, out of play and offside. Every random draw comes
//! from the world's own seeded ChaCha stream, so a seed fixes the trajectory.

pub mod ai;
pub mod physics;
pub mod rules;
pub mod state;
pub mod vec;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use state::{Ball, Command, Event, GameMode, KickKind, Player, Restart, Role, Team};
use vec::V2;

/// A pass or shot in flight: who kicked it, to whom, and which of the
/// kicker's teammates stood offside when it was played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pass {
    pub from: usize,
    pub kind: KickKind,
    pub receiver: Option<usize>,
    /// Where the kicker aimed (the receiver's predicted spot or the goal).
    pub target: V2,
    pub offside: Vec<usize>,
}

/// How the right team's rule AI behaves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpponentAi {
    #[default]
    Normal,
    /// Stands still and only goes for balls that come near
    /// (academy_single_goal_versus_lazy).
    Lazy,
}

/// Where everyone stands when play starts. Each team's positions are in its
/// own frame, as in GRF scenario files: the right team's are mirrored when
/// placed (its own goal at x = −1).
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub left: Vec<(V2, Role)>,
    pub right: Vec<(V2, Role)>,
    pub ball: V2,
    /// How play starts; a set piece goes to the nearest left player.
    pub start_mode: GameMode,
}

/// Rules and AI settings a world is built with (a scenario provides them).
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    pub offside: bool,
    /// Rule-AI difficulty per team (left, right), in [0, 1].
    pub difficulty: [f32; 2],
    pub opponent_ai: OpponentAi,
}

/// The whole game state; serializes as a snapshot for episode logs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct World {
    pub players: Vec<Player>,
    pub ball: Ball,
    /// The player holding the ball, if anyone does.
    pub owner: Option<usize>,
    /// The team that last held the ball (kept while the ball travels).
    pub owner_team: Option<Team>,
    pub last_touch: Option<usize>,
    /// Goals (left, right).
    pub score: [u32; 2],
    pub step: u32,
    pub mode: GameMode,
    /// The team taking the current set piece.
    pub restart_team: Team,
    /// Steps since the current set piece was awarded.
    pub restart_timer: u32,
    pub pass: Option<Pass>,
    /// What happened during the last step.
    #[serde(skip)]
    pub events: Vec<Event>,
    #[serde(skip, default = "default_rng")]
    rng: ChaCha8Rng,
    #[serde(skip, default = "default_cfg")]
    pub cfg: SimConfig,
    #[serde(skip)]
    commands: Vec<Command>,
    #[serde(skip)]
    controlled: Vec<usize>,
}

fn default_rng() -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(0)
}

fn default_cfg() -> SimConfig {
    SimConfig {
        offside: false,
        difficulty: [0.6, 0.6],
        opponent_ai: OpponentAi::Normal,
    }
}

impl World {
    /// Game time as (minutes, seconds); one step is 100 ms as in GRF.
    pub fn clock(&self) -> (u32, u32) {
        let secs = self.step / 10;
        (secs / 60, secs % 60)
    }

    /// Places the players and ball; the right team's coordinates are
    /// mirrored as in GRF scenario files.
    pub fn new(cfg: SimConfig, place: &Placement, seed: u64) -> World {
        let mut players = Vec::with_capacity(place.left.len() + place.right.len());
        for (team, specs) in [(Team::Left, &place.left), (Team::Right, &place.right)] {
            let s = team.sign();
            for (k, &(at, role)) in specs.iter().enumerate() {
                let pos = V2::new(at.x * s, at.y * s);
                players.push(Player {
                    team,
                    number: (k + 1) as u8,
                    role,
                    pos,
                    vel: V2::ZERO,
                    facing: V2::new(s, 0.0),
                    sprinting: false,
                    fatigue: 0.0,
                    home: pos,
                    slide: 0,
                    cooldown: 0,
                    dribbling: false,
                });
            }
        }
        let mut w = World {
            players,
            ball: Ball {
                pos: place.ball,
                ..Ball::default()
            },
            owner: None,
            owner_team: None,
            last_touch: None,
            score: [0, 0],
            step: 0,
            mode: GameMode::Normal,
            restart_team: Team::Left,
            restart_timer: 0,
            pass: None,
            events: Vec::new(),
            rng: ChaCha8Rng::seed_from_u64(seed),
            cfg,
            commands: Vec::new(),
            controlled: Vec::new(),
        };
        let spot = w.ball.pos;
        let restart = match place.start_mode {
            GameMode::Normal => None,
            GameMode::KickOff => Some(Restart::KickOff),
            GameMode::GoalKick => Some(Restart::GoalKick),
            GameMode::Corner => Some(Restart::Corner),
            GameMode::ThrowIn => Some(Restart::ThrowIn),
            GameMode::FreeKick | GameMode::Penalty => Some(Restart::FreeKick),
        };
        if let Some(r) = restart {
            rules::award(&mut w, r, Team::Left, spot);
        }
        w
    }

    /// One 100 ms step. `controlled` pairs player indices with the command
    /// the agent gives them; everyone else follows the rule AI.
    pub fn step(&mut self, controlled: &[(usize, Command)]) {
        self.events.clear();
        let mut cmds = std::mem::take(&mut self.commands);
        self.controlled.clear();
        self.controlled.extend(controlled.iter().map(|(i, _)| *i));
        ai::decide_all(self, &mut cmds);
        for &(i, c) in controlled {
            if let Some(slot) = cmds.get_mut(i) {
                *slot = c;
            }
        }
        rules::restrict_set_piece(self, &mut cmds);
        physics::move_players(self, &cmds);
        physics::kicks(self, &cmds);
        physics::move_ball(self);
        rules::check(self);
        self.step += 1;
        self.commands = cmds;
    }

    pub fn is_controlled(&self, i: usize) -> bool {
        self.controlled.contains(&i)
    }

    /// The team holding the ball right now (none while it travels).
    pub fn owning_team(&self) -> Option<Team> {
        self.owner.map(|o| self.players[o].team)
    }

    pub fn difficulty(&self, team: Team) -> f32 {
        self.cfg.difficulty[team.index()]
    }

    /// A uniform draw in [0, 1) from the world's stream.
    pub(crate) fn rand(&mut self) -> f32 {
        self.rng.random::<f32>()
    }

    /// An approximately standard-normal draw (Irwin–Hall with 4 terms).
    pub(crate) fn gauss(&mut self) -> f32 {
        let s: f32 = (0..4).map(|_| self.rand()).sum();
        (s - 2.0) * 1.732_050_8
    }

    /// Indices of a team's players.
    pub fn team_players(&self, team: Team) -> impl Iterator<Item = usize> + '_ {
        (0..self.players.len()).filter(move |&i| self.players[i].team == team)
    }

    /// Goals (own, conceded) from the left team's view.
    pub fn goal_diff(&self) -> i64 {
        self.score[0] as i64 - self.score[1] as i64
    }
}
