//! The simulation's state types: pitch constants, players, ball, game modes,
//! the per-player command every step consumes and the events it emits.

use serde::{Deserialize, Serialize};

use super::vec::V2;

/// Half the pitch length (goal lines at x = ±1), as GRF.
pub const HALF_X: f32 = 1.0;
/// Half the pitch width (touch lines at y = ±0.42), as GRF.
pub const HALF_Y: f32 = 0.42;
/// Goal posts at |y| = 0.044, as GRF.
pub const GOAL_HALF_W: f32 = 0.044;
/// Crossbar height in pitch units (2.44 m at 52.5 m per unit).
pub const GOAL_HEIGHT: f32 = 0.0465;
/// One pitch unit in metres: the pitch is 105 m long.
pub const METRES_PER_UNIT: f32 = 52.5;
/// Gravity per step² (9.81 m/s², 100 ms steps).
pub const GRAVITY: f32 = 9.81 / METRES_PER_UNIT * 0.01;

/// The two sides. `Left` is the agent's team and attacks towards +x.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Team {
    Left,
    Right,
}

impl Team {
    /// +1 for the team attacking +x, −1 for the other.
    pub fn sign(self) -> f32 {
        match self {
            Team::Left => 1.0,
            Team::Right => -1.0,
        }
    }

    pub fn other(self) -> Team {
        match self {
            Team::Left => Team::Right,
            Team::Right => Team::Left,
        }
    }

    pub fn index(self) -> usize {
        match self {
            Team::Left => 0,
            Team::Right => 1,
        }
    }
}

/// GRF's player roles (they drive the rule AI's positioning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    GK,
    CB,
    LB,
    RB,
    DM,
    CM,
    LM,
    RM,
    AM,
    CF,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Player {
    pub team: Team,
    /// Shirt number shown on frames and in the text state.
    pub number: u8,
    pub role: Role,
    pub pos: V2,
    /// Displacement per step.
    pub vel: V2,
    /// Unit vector the player looks along.
    pub facing: V2,
    pub sprinting: bool,
    /// 0 fresh … 1 exhausted; sprinting raises it, walking recovers it.
    pub fatigue: f32,
    /// Formation position in world coordinates (from the scenario).
    pub home: V2,
    /// Steps left in a sliding tackle (the player cannot steer meanwhile).
    pub slide: u8,
    /// Steps before this player may touch the ball again (after kicking or
    /// being tackled), so possession cannot bounce back within one step.
    pub cooldown: u8,
    /// Close control this step (slower, harder to tackle).
    pub dribbling: bool,
}

impl Player {
    pub fn is_keeper(&self) -> bool {
        self.role == Role::GK
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Ball {
    pub pos: V2,
    /// Height above the ground.
    pub z: f32,
    pub vel: V2,
    pub vz: f32,
}

/// GRF's game modes (ids as in `simple115`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GameMode {
    Normal,
    KickOff,
    GoalKick,
    FreeKick,
    Corner,
    ThrowIn,
    Penalty,
}

impl GameMode {
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            GameMode::Normal => "normal",
            GameMode::KickOff => "kick_off",
            GameMode::GoalKick => "goal_kick",
            GameMode::FreeKick => "free_kick",
            GameMode::Corner => "corner",
            GameMode::ThrowIn => "throw_in",
            GameMode::Penalty => "penalty",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KickKind {
    ShortPass,
    LongPass,
    HighPass,
    Shot,
}

/// What one player does this step: produced by the agent's controller for
/// controlled players and by the rule AI for everyone else.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Command {
    /// Desired running direction (unit) or `None` to stop.
    pub dir: Option<V2>,
    pub sprint: bool,
    /// Close control: slower, but harder to tackle.
    pub dribble: bool,
    pub kick: Option<KickKind>,
    /// Preferred receiver for a pass (the AI's choice); `None` picks one
    /// from the movement direction as GRF does.
    pub target: Option<usize>,
    pub slide: bool,
}

/// Why the ball went out, or how play restarts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Restart {
    ThrowIn,
    Corner,
    GoalKick,
    KickOff,
    FreeKick,
}

/// What happened during a step (rewards, termination and logs read these).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "event")]
pub enum Event {
    Goal {
        team: Team,
        scorer: Option<usize>,
    },
    OutOfPlay {
        restart: Restart,
        team: Team,
    },
    Offside {
        player: usize,
    },
    Kick {
        player: usize,
        kind: KickKind,
        receiver: Option<usize>,
    },
    /// A player gained the ball; `from` is the previous owning team, if any
    /// touched it since.
    Possession {
        player: usize,
        team: Team,
        from: Option<Team>,
        tackle: bool,
    },
    Save {
        keeper: usize,
    },
}
