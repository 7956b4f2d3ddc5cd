//! The Sokoban env's config: level size and difficulty, the mode's limits,
//! the observation, and the rewards. Every table denies unknown keys.

use serde::{Deserialize, Serialize};

use super::generate::GenConfig;
use super::obs::ObservationKind;
use super::reward::{GymRewards, PlanRewards};

/// Plan (LMM-R1's: one frame, the whole move list in one answer) or step
/// (gym-sokoban's: one move per turn). Set by the registry name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Plan,
    Step,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SokobanConfig {
    /// Grid columns, walls included (5..=16; issue 15 uses 6..=10).
    pub width: usize,
    /// Grid rows, walls included.
    pub height: usize,
    /// Boxes (and targets), 1..=7.
    pub boxes: usize,
    pub generator: GenConfig,
    /// Keep only levels whose optimal solution (in moves) is at least this.
    pub min_solution: Option<usize>,
    /// Keep only levels whose optimal solution is at most this.
    pub max_solution: Option<usize>,
    /// Levels drawn per reset before a length filter gives up.
    pub filter_attempts: u32,
    /// The solver's state budget; a level it cannot solve within it is
    /// redrawn when the solution length is needed (plan mode, filters).
    pub solver_states: usize,
    /// Step mode: moves per episode (gym-sokoban's `max_steps`).
    pub max_steps: u32,
    /// Plan mode: moves of the answer that are played (LMM-R1: 50).
    pub plan_limit: usize,
    pub observation: ObservationKind,
    /// Frame tile size in pixels (gym-sokoban: 16).
    pub tile: u32,
    pub rewards: GymRewards,
    pub plan_rewards: PlanRewards,
}

impl Default for SokobanConfig {
    fn default() -> Self {
        Self {
            width: 7,
            height: 7,
            boxes: 2,
            generator: GenConfig::default(),
            min_solution: None,
            max_solution: None,
            filter_attempts: 1000,
            solver_states: 2_000_000,
            max_steps: 120,
            plan_limit: 50,
            observation: ObservationKind::Frame,
            tile: 16,
            rewards: GymRewards::default(),
            plan_rewards: PlanRewards::default(),
        }
    }
}

impl SokobanConfig {
    /// Checks the values serde cannot; the message names the key.
    pub fn validate(&self) -> Result<(), String> {
        self.generator
            .validate(self.width, self.height, self.boxes)
            .map_err(|e| format!("width/height/boxes/generator: {e}"))?;
        if let (Some(lo), Some(hi)) = (self.min_solution, self.max_solution) {
            if lo > hi {
                return Err(format!("min_solution = {lo} exceeds max_solution = {hi}"));
            }
        }
        if self.max_steps == 0 || self.plan_limit == 0 {
            return Err("max_steps and plan_limit must be at least 1".into());
        }
        if !(1..=64).contains(&self.tile) {
            return Err(format!("tile = {} must be in 1..=64", self.tile));
        }
        if self.filter_attempts == 0 || self.solver_states == 0 {
            return Err("filter_attempts and solver_states must be at least 1".into());
        }
        let r = &self.rewards;
        let p = &self.plan_rewards;
        let all = [
            ("rewards.step", r.step),
            ("rewards.box_on_target", r.box_on_target),
            ("rewards.box_off_target", r.box_off_target),
            ("rewards.solved", r.solved),
            ("plan_rewards.format", p.format),
            ("plan_rewards.length_bonus", p.length_bonus),
            ("plan_rewards.repetition_penalty", p.repetition_penalty),
        ];
        if let Some((k, v)) = all.iter().find(|(_, v)| !v.is_finite()) {
            return Err(format!("{k} = {v} is not finite"));
        }
        Ok(())
    }

    /// Whether a reset must solve the level.
    pub fn needs_solution(&self, mode: Mode) -> bool {
        mode == Mode::Plan || self.min_solution.is_some() || self.max_solution.is_some()
    }
}
