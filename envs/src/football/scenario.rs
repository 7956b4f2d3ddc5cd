//! Scenarios are data: JSON files placing every player and the ball, with the
//! episode rules (length, offside, what ends it) and the opponents' AI level.
//! The built-in ones live in `envs/scenarios/` and are embedded; more can be
//! loaded from a directory, so a new scenario needs no code.
//!
//! As in GRF's scenario files, the left team is given in world coordinates
//! and the right team mirrored (its own goal at x = −1).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::sim::state::{GameMode, Role, HALF_X, HALF_Y};
use super::sim::vec::V2;
pub use super::sim::OpponentAi;
use super::sim::{Placement, SimConfig, World};
use crate::EnvError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlayerSpec {
    pub x: f32,
    pub y: f32,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Registry suffix: `football/<name>`.
    pub name: String,
    pub description: String,
    /// Game length in 100 ms steps (GRF: 400 for academy, 3000 for games).
    pub steps: u32,
    pub offside: bool,
    pub end_on_score: bool,
    pub end_on_out_of_play: bool,
    /// Ends when the ball passes from one team to the other.
    pub end_on_possession_change: bool,
    /// Right team rule-AI difficulty in [0, 1] (GRF: 0.05 easy, 0.6, 0.95 hard).
    pub difficulty: f32,
    /// Left team (uncontrolled teammates) rule-AI difficulty in [0, 1].
    pub teammate_difficulty: f32,
    pub opponent_ai: OpponentAi,
    /// Whether the agent may control its goalkeeper (GRF 5_vs_5: no).
    pub keeper_controllable: bool,
    /// How play starts; set pieces give the ball to the nearest left player.
    pub start_mode: GameMode,
    pub ball: [f32; 2],
    pub left: Vec<PlayerSpec>,
    pub right: Vec<PlayerSpec>,
    /// Default reward layers and weights for this scenario (the env config
    /// can override them).
    pub rewards: BTreeMap<String, f64>,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            name: String::new(),
            description: String::new(),
            steps: 400,
            offside: false,
            end_on_score: false,
            end_on_out_of_play: false,
            end_on_possession_change: false,
            difficulty: 0.6,
            teammate_difficulty: 0.6,
            opponent_ai: OpponentAi::Normal,
            keeper_controllable: true,
            start_mode: GameMode::Normal,
            ball: [0.0, 0.0],
            left: Vec::new(),
            right: Vec::new(),
            rewards: BTreeMap::from([
                ("scoring".to_string(), 1.0),
                ("checkpoints".to_string(), 1.0),
            ]),
        }
    }
}

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../scenarios/", $name, ".json")))),*]
    };
}

/// Every embedded scenario: (name, JSON text).
const BUILTIN: &[(&str, &str)] = builtin!(
    "academy_empty_goal_close",
    "academy_empty_goal",
    "academy_run_to_score",
    "academy_run_to_score_with_keeper",
    "academy_pass_and_shoot_with_keeper",
    "academy_run_pass_and_shoot_with_keeper",
    "academy_3_vs_1_with_keeper",
    "academy_corner",
    "academy_counterattack_easy",
    "academy_counterattack_hard",
    "academy_single_goal_versus_lazy",
    "5_vs_5",
    "11_vs_11_easy_stochastic",
    "11_vs_11_stochastic",
    "11_vs_11_hard_stochastic",
    "situation_midfield_center",
    "situation_midfield_left",
    "situation_midfield_right",
    "situation_final_third_center",
    "situation_final_third_left",
    "situation_final_third_right",
    "situation_edge_of_box",
);

/// Names of the embedded scenarios, in registry order.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

impl Scenario {
    /// The rules and AI settings the simulation runs with.
    pub fn sim_config(&self) -> SimConfig {
        SimConfig {
            offside: self.offside,
            difficulty: [self.teammate_difficulty, self.difficulty],
            opponent_ai: self.opponent_ai,
        }
    }

    /// Where play starts: the file's players and ball (the right team still
    /// mirrored, as the simulation places it).
    pub fn placement(&self) -> Placement {
        let team =
            |specs: &[PlayerSpec]| specs.iter().map(|p| (V2::new(p.x, p.y), p.role)).collect();
        Placement {
            left: team(&self.left),
            right: team(&self.right),
            ball: V2::new(self.ball[0], self.ball[1]),
            start_mode: self.start_mode,
        }
    }

    /// A world playing this scenario from `seed`.
    pub fn world(&self, seed: u64) -> World {
        World::new(self.sim_config(), &self.placement(), seed)
    }

    /// Left-team players the agent may control (GRF 5_vs_5 keeps keepers
    /// out; a team of keepers only is controllable anyway).
    pub fn controllable_players(&self) -> usize {
        let outfield = self
            .left
            .iter()
            .filter(|p| self.keeper_controllable || p.role != Role::GK)
            .count();
        if outfield == 0 {
            self.left.len()
        } else {
            outfield
        }
    }

    /// An embedded scenario by name; an unknown name lists the known ones.
    pub fn builtin(name: &str) -> Result<Scenario, EnvError> {
        match BUILTIN.iter().find(|(n, _)| *n == name) {
            Some((n, text)) => Scenario::parse(&format!("<builtin>/{n}.json"), text),
            None => Err(EnvError::UnknownEnv {
                name: format!("football scenario '{name}'"),
                known: builtin_names().join(", "),
            }),
        }
    }

    /// Looks `name` up among the embedded scenarios, then as `<dir>/<name>.json`.
    pub fn find(name: &str, dir: Option<&Path>) -> Result<Scenario, EnvError> {
        if BUILTIN.iter().any(|(n, _)| *n == name) {
            return Scenario::builtin(name);
        }
        if let Some(dir) = dir {
            let path = dir.join(format!("{name}.json"));
            if path.is_file() {
                return Scenario::load(&path);
            }
            let mut known: Vec<String> = builtin_names().iter().map(|s| s.to_string()).collect();
            known.extend(Scenario::load_dir(dir)?.into_iter().map(|s| s.name));
            return Err(EnvError::UnknownEnv {
                name: format!("football scenario '{name}'"),
                known: known.join(", "),
            });
        }
        Scenario::builtin(name)
    }

    pub fn load(path: &Path) -> Result<Scenario, EnvError> {
        let text = std::fs::read_to_string(path).map_err(|source| EnvError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Scenario::parse(&path.display().to_string(), &text)
    }

    /// Every `*.json` scenario in a directory, sorted by file name.
    pub fn load_dir(dir: &Path) -> Result<Vec<Scenario>, EnvError> {
        let io = |source| EnvError::Io {
            path: dir.display().to_string(),
            source,
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        paths.iter().map(|p| Scenario::load(p)).collect()
    }

    /// Parses and validates; errors name the file, line and field.
    pub fn parse(path: &str, text: &str) -> Result<Scenario, EnvError> {
        let sc: Scenario = serde_json::from_str(text).map_err(|e| {
            let field = field_at(text, e.line(), e.column())
                .map(|f| format!("field '{f}': "))
                .unwrap_or_default();
            EnvError::Data {
                path: path.to_string(),
                line: e.line(),
                message: format!("{field}{e}"),
            }
        })?;
        sc.validate().map_err(|message| EnvError::Data {
            path: path.to_string(),
            line: 0,
            message,
        })?;
        Ok(sc)
    }

    /// Checks the values serde cannot: ranges, team sizes, the name.
    pub fn validate(&self) -> Result<(), String> {
        if self.name.is_empty()
            || !self
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(format!(
                "field 'name' = {:?} must be a non-empty [A-Za-z0-9_-] name",
                self.name
            ));
        }
        if self.steps == 0 || self.steps > 100_000 {
            return Err(format!(
                "field 'steps' = {} must be in 1..=100000",
                self.steps
            ));
        }
        for (field, v) in [
            ("difficulty", self.difficulty),
            ("teammate_difficulty", self.teammate_difficulty),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("field '{field}' = {v} must be in [0, 1]"));
            }
        }
        check_xy("ball", self.ball[0], self.ball[1])?;
        for (team, players) in [("left", &self.left), ("right", &self.right)] {
            if players.len() > 11 {
                return Err(format!(
                    "field '{team}' has {} players; at most 11",
                    players.len()
                ));
            }
            for (i, p) in players.iter().enumerate() {
                check_xy(&format!("{team}[{i}]"), p.x, p.y)?;
            }
        }
        if self.left.is_empty() {
            return Err(
                "field 'left' needs at least one player (the one the agent controls)".into(),
            );
        }
        if !self.keeper_controllable && self.left.iter().all(|p| p.role == Role::GK) {
            return Err("field 'keeper_controllable' is false but 'left' has only keepers".into());
        }
        for (k, w) in &self.rewards {
            if !w.is_finite() {
                return Err(format!("field 'rewards.{k}' = {w} is not finite"));
            }
        }
        Ok(())
    }
}

fn check_xy(field: &str, x: f32, y: f32) -> Result<(), String> {
    if !(x.is_finite() && x.abs() <= HALF_X && y.is_finite() && y.abs() <= HALF_Y) {
        return Err(format!(
            "field '{field}' = ({x}, {y}) is off the pitch (|x| <= {HALF_X}, |y| <= {HALF_Y})"
        ));
    }
    Ok(())
}

/// The JSON key nearest before (line, column), to name the field a serde
/// type error is about.
fn field_at(text: &str, line: usize, column: usize) -> Option<String> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            offset += column.min(l.len());
            break;
        }
        offset += l.len();
    }
    let before = text.get(..offset.min(text.len()))?;
    let colon = before.rfind("\":")?;
    let start = before[..colon].rfind('"')?;
    Some(before[start + 1..colon].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_scenario_parses_and_validates() {
        for name in builtin_names() {
            let sc = Scenario::builtin(name).unwrap();
            assert_eq!(sc.name, name);
        }
    }

    #[test]
    fn unknown_scenario_lists_the_known_ones() {
        let msg = Scenario::builtin("academy_nope").unwrap_err().to_string();
        assert!(
            msg.contains("academy_nope") && msg.contains("academy_corner"),
            "{msg}"
        );
    }

    #[test]
    fn invalid_files_name_the_wrong_field() {
        let bad_type = "{\"name\": \"x\",\n \"difficulty\": \"high\",\n \"left\": []}";
        let msg = Scenario::parse("f.json", bad_type).unwrap_err().to_string();
        assert!(
            msg.contains("difficulty") && msg.contains("f.json:2"),
            "{msg}"
        );
        let unknown = "{\"name\": \"x\", \"difficulty_level\": 1}";
        let msg = Scenario::parse("f.json", unknown).unwrap_err().to_string();
        assert!(msg.contains("difficulty_level"), "{msg}");
        let range = "{\"name\": \"x\", \"left\": [{\"x\": 3.0, \"y\": 0, \"role\": \"CB\"}]}";
        let msg = Scenario::parse("f.json", range).unwrap_err().to_string();
        assert!(msg.contains("left[0]"), "{msg}");
        let role = "{\"name\": \"x\", \"left\": [{\"x\": 0.0, \"y\": 0, \"role\": \"XX\"}]}";
        let msg = Scenario::parse("f.json", role).unwrap_err().to_string();
        assert!(msg.contains("role"), "{msg}");
    }
}
