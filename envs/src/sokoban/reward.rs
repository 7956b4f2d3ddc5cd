//! Rewards, each reported under its own name in `Step.reward_parts`.
//!
//! **Step mode** (gym-sokoban's, REFERENCES §9), part `env`, per move:
//! `step` (−0.1) always, `box_on_target` (+1) when a box lands on a target,
//! `box_off_target` (−1) when one leaves it, `solved` (+10) when the last
//! box lands. A no-op (unreadable move) is a step too, as gym's action 0.
//!
//! **Plan mode** (LMM-R1's, REFERENCES §4): the plan's moves are played on
//! the level's start from the first, stopping when it is solved or after
//! `plan_limit` moves. With `R_k` the gym return after k moves (`R_0 = 0`):
//! - `env` = max over k of `R_k`: the best return over the plan's prefixes,
//!   so moves after the plan's best point cost nothing (and an empty plan
//!   scores 0, as does one that only wanders).
//! - `format` = `format` (0.5) when the response passes the strict R1 check.
//! - `length` = `length_bonus · optimal / k_solved` when the plan solves the
//!   level after `k_solved` moves (`optimal`: the BFS solver's shortest
//!   length), so the optimal plan earns the whole bonus (0.5) and a plan
//!   twice as long half of it; 0 when unsolved.
//! - `repetition` = `−repetition_penalty · revisits / played`, `revisits`
//!   counting the moves after which the board is in a state it was in
//!   earlier in the plan (bumping a wall, undoing a step, circling), so a
//!   plan that only oscillates loses the whole penalty (0.5).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::action::Plan;
use super::level::{Board, Moved};
use crate::answer_format::FormatStyle;

/// gym-sokoban's per-step rewards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GymRewards {
    pub step: f64,
    pub box_on_target: f64,
    pub box_off_target: f64,
    pub solved: f64,
}

impl Default for GymRewards {
    fn default() -> Self {
        Self {
            step: -0.1,
            box_on_target: 1.0,
            box_off_target: -1.0,
            solved: 10.0,
        }
    }
}

impl GymRewards {
    /// The reward of one move that did `m` and left the board `solved`.
    #[inline]
    pub fn of(&self, m: Moved, solved: bool) -> f64 {
        let mut r = self.step;
        if m.on_target_delta > 0 {
            r += self.box_on_target;
        } else if m.on_target_delta < 0 {
            r += self.box_off_target;
        }
        if solved {
            r += self.solved;
        }
        r
    }
}

/// LMM-R1's plan reward terms beyond the env return (see the module doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanRewards {
    pub format: f64,
    pub format_style: FormatStyle,
    pub length_bonus: f64,
    pub repetition_penalty: f64,
}

impl Default for PlanRewards {
    fn default() -> Self {
        Self {
            format: 0.5,
            format_style: FormatStyle::Strict,
            length_bonus: 0.5,
            repetition_penalty: 0.5,
        }
    }
}

/// What playing a plan did.
#[derive(Debug, Clone, PartialEq)]
pub struct Played {
    /// max over prefixes of the gym return (0 for the empty prefix).
    pub best_return: f64,
    /// The gym return of every move played.
    pub total_return: f64,
    /// Moves played (stops at the solution).
    pub played: usize,
    /// Moves after which the board repeated an earlier state.
    pub revisits: usize,
    /// Moves played when the level was solved.
    pub solved_at: Option<usize>,
}

/// Plays `plan` on `board` (which ends in the plan's final state).
pub fn play_plan(board: &mut Board, plan: &Plan, gym: &GymRewards) -> Played {
    let mut seen = vec![board.key()];
    let mut out = Played {
        best_return: 0.0,
        total_return: 0.0,
        played: 0,
        revisits: 0,
        solved_at: None,
    };
    for m in &plan.moves {
        let moved = match m {
            Some(m) => board.step(*m),
            None => Moved::default(),
        };
        out.played += 1;
        let solved = board.solved();
        out.total_return += gym.of(moved, solved);
        out.best_return = out.best_return.max(out.total_return);
        let key = board.key();
        if seen.contains(&key) {
            out.revisits += 1;
        } else {
            seen.push(key);
        }
        if solved {
            out.solved_at = Some(out.played);
            break;
        }
    }
    out
}

impl PlanRewards {
    /// The weighted parts for a played plan; `optimal` is the solver's
    /// shortest length (the length bonus is 0 without it).
    pub fn parts(
        &self,
        p: &Played,
        format_ok: bool,
        optimal: Option<usize>,
    ) -> BTreeMap<String, f64> {
        let length = match (p.solved_at, optimal) {
            (Some(k), Some(opt)) if k > 0 => self.length_bonus * opt as f64 / k as f64,
            _ => 0.0,
        };
        let repetition = if p.played == 0 {
            0.0
        } else {
            -self.repetition_penalty * p.revisits as f64 / p.played as f64
        };
        [
            ("env", p.best_return),
            ("format", if format_ok { self.format } else { 0.0 }),
            ("length", length),
            ("repetition", repetition),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sokoban::action::parse_plan;
    use crate::sokoban::level::Level;

    fn level() -> Level {
        Level::parse("#######\n#     #\n#@$  .#\n#     #\n#######").unwrap()
    }

    fn run(answer: &str) -> (Played, BTreeMap<String, f64>) {
        let level = level();
        let mut b = Board::new(&level);
        let plan = parse_plan(answer, 50);
        let p = play_plan(&mut b, &plan, &GymRewards::default());
        let parts = PlanRewards::default().parts(&p, true, Some(3));
        (p, parts)
    }

    #[test]
    fn gym_rewards_follow_gym_sokoban() {
        let g = GymRewards::default();
        let walk = Moved {
            moved: true,
            ..Moved::default()
        };
        assert_eq!(g.of(walk, false), -0.1);
        let on = Moved {
            on_target_delta: 1,
            ..walk
        };
        assert!((g.of(on, false) - 0.9).abs() < 1e-12);
        assert!((g.of(on, true) - 10.9).abs() < 1e-12);
        let off = Moved {
            on_target_delta: -1,
            ..walk
        };
        assert!((g.of(off, false) + 1.1).abs() < 1e-12);
    }

    #[test]
    fn the_optimal_plan_earns_the_whole_length_bonus() {
        let (p, parts) = run("right, right, right, left, left");
        assert_eq!(p.solved_at, Some(3));
        assert_eq!(p.played, 3, "moves after the solution are not played");
        assert!((parts["env"] - (-0.1 - 0.1 + 10.9)).abs() < 1e-9);
        assert_eq!(parts["length"], 0.5);
        assert_eq!(parts["repetition"], 0.0);
        assert_eq!(parts["format"], 0.5);
    }

    #[test]
    fn a_detour_halves_the_bonus_and_oscillation_is_penalised() {
        // `down` walks back to the start and `left` bumps the wall: two
        // revisits; solved after 6 moves where 3 would do.
        let (p, parts) = run("up, down, left, right, right, right, right, right");
        assert_eq!(p.solved_at, Some(6));
        assert_eq!(p.revisits, 2, "{p:?}");
        assert_eq!(parts["length"], 0.25);
        assert!((parts["repetition"] + 0.5 * 2.0 / 6.0).abs() < 1e-12);
        let (p, parts) = run("up, down, up, down");
        assert_eq!((p.played, p.revisits), (4, 3));
        assert!((parts["repetition"] + 0.5 * 3.0 / 4.0).abs() < 1e-12);
        assert_eq!(parts["env"], 0.0, "the empty prefix is the best one");
        assert_eq!(parts["length"], 0.0);
    }

    #[test]
    fn unreadable_moves_are_no_op_steps() {
        let (p, parts) = run("jump, right, right, right");
        assert_eq!(p.played, 4);
        assert_eq!(p.revisits, 1);
        assert!((parts["env"] - (10.9 - 0.3)).abs() < 1e-9);
    }
}
