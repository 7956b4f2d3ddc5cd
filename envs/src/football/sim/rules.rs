//! The laws the referee applies: goals, the ball leaving the pitch (throw-in,
//! corner, goal kick), kick-off after a goal, offside, and set-piece control.

use super::state::{
    Command, Event, GameMode, KickKind, Restart, Team, GOAL_HALF_W, GOAL_HEIGHT, HALF_X, HALF_Y,
};
use super::vec::V2;
use super::World;

/// A controlled set-piece taker who waits longer than this (3 s) passes
/// automatically, so a policy cannot stall the game.
pub const RESTART_PATIENCE: u32 = 30;

/// Checks the ball against the lines after it moved this step.
pub fn check(w: &mut World) {
    let b = w.ball.pos;
    if b.x.abs() > HALF_X {
        let side = b.x.signum();
        // The y where the ball crossed the goal line this step.
        let prev = b - w.ball.vel;
        let t = if (b.x - prev.x).abs() > 1e-9 {
            ((side * HALF_X - prev.x) / (b.x - prev.x)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let y_cross = prev.y + (b.y - prev.y) * t;
        let attacker = if side > 0.0 { Team::Left } else { Team::Right };
        if y_cross.abs() < GOAL_HALF_W && w.ball.z < GOAL_HEIGHT {
            w.score[attacker.index()] += 1;
            let scorer = w.last_touch;
            w.events.push(Event::Goal {
                team: attacker,
                scorer,
            });
            award(w, Restart::KickOff, attacker.other(), V2::ZERO);
            return;
        }
        let defender = attacker.other();
        let last = w.last_touch.map(|k| w.players[k].team);
        if last == Some(defender) {
            let spot = V2::new(side * (HALF_X - 0.01), b.y.signum() * (HALF_Y - 0.01));
            out(w, Restart::Corner, attacker, spot);
        } else {
            let spot = V2::new(side * (HALF_X - 0.05), 0.0);
            out(w, Restart::GoalKick, defender, spot);
        }
    } else if b.y.abs() > HALF_Y {
        let last = w
            .last_touch
            .map(|k| w.players[k].team)
            .unwrap_or(Team::Right);
        let spot = V2::new(b.x.clamp(-0.98, 0.98), b.y.signum() * (HALF_Y - 0.005));
        out(w, Restart::ThrowIn, last.other(), spot);
    }
}

fn out(w: &mut World, restart: Restart, team: Team, spot: V2) {
    w.events.push(Event::OutOfPlay { restart, team });
    award(w, restart, team, spot);
}

/// Stops play and sets up a restart for `team` at `spot`: the taker (nearest
/// outfield player, the keeper for goal kicks) gets the ball there.
pub fn award(w: &mut World, restart: Restart, team: Team, spot: V2) {
    w.mode = match restart {
        Restart::ThrowIn => GameMode::ThrowIn,
        Restart::Corner => GameMode::Corner,
        Restart::GoalKick => GameMode::GoalKick,
        Restart::KickOff => GameMode::KickOff,
        Restart::FreeKick => GameMode::FreeKick,
    };
    w.restart_team = team;
    w.restart_timer = 0;
    w.pass = None;
    w.ball.vel = V2::ZERO;
    w.ball.vz = 0.0;
    w.ball.z = 0.0;
    if restart == Restart::KickOff {
        // Everyone back to their formation spot in their own half.
        for p in w.players.iter_mut() {
            let s = p.team.sign();
            let x = if p.home.x * s > -0.05 {
                -0.05 * s
            } else {
                p.home.x
            };
            p.pos = V2::new(x, p.home.y);
            p.vel = V2::ZERO;
            p.facing = V2::new(s, 0.0);
            p.slide = 0;
        }
    }
    let want_keeper = restart == Restart::GoalKick;
    let taker = w
        .team_players(team)
        .filter(|&i| w.players[i].is_keeper() == want_keeper)
        .chain(w.team_players(team))
        .min_by(|&a, &b| {
            let da = w.players[a].pos.dist(spot);
            let db = w.players[b].pos.dist(spot);
            // Prefer the wanted kind (listed first) by a large margin.
            let pa = if w.players[a].is_keeper() == want_keeper {
                0.0
            } else {
                10.0
            };
            let pb = if w.players[b].is_keeper() == want_keeper {
                0.0
            } else {
                10.0
            };
            (da + pa).total_cmp(&(db + pb)).then(a.cmp(&b))
        });
    // Opponents keep their distance from the ball.
    let s = team.sign();
    for p in w.players.iter_mut().filter(|p| p.team != team) {
        let v = p.pos - spot;
        if v.len() < 0.06 {
            let away = if v.len() > 1e-6 {
                v.norm()
            } else {
                V2::new(-s, 0.0)
            };
            p.pos = spot + away * 0.06;
        }
    }
    w.ball.pos = spot;
    match taker {
        Some(t) => {
            let into_pitch = V2::new(-spot.x, -spot.y).norm();
            let p = &mut w.players[t];
            p.pos = spot - into_pitch * 0.009;
            p.facing = if into_pitch == V2::ZERO {
                V2::new(s, 0.0)
            } else {
                into_pitch
            };
            if restart == Restart::KickOff {
                p.pos = spot - V2::new(s * 0.009, 0.0);
                p.facing = V2::new(s, 0.0);
            }
            p.vel = V2::ZERO;
            p.cooldown = 0;
            w.owner = Some(t);
            w.owner_team = Some(team);
            w.last_touch = Some(t);
            w.ball.pos = p.pos + p.facing * 0.009;
        }
        None => {
            // A team with no players cannot restart: play on with a loose ball.
            w.owner = None;
            w.mode = GameMode::Normal;
        }
    }
}

/// During a set piece the taker stands still until kicking; a controlled
/// taker who waits too long passes automatically.
pub fn restrict_set_piece(w: &mut World, cmds: &mut [Command]) {
    if w.mode == GameMode::Normal {
        return;
    }
    w.restart_timer += 1;
    let Some(t) = w.owner else {
        w.mode = GameMode::Normal;
        return;
    };
    if let Some(c) = cmds.get_mut(t) {
        if c.kick.is_none() && w.restart_timer > RESTART_PATIENCE {
            c.kick = Some(KickKind::ShortPass);
        }
        if c.kick.is_none() {
            // Turning on the spot is allowed (it aims the pass).
            if let Some(d) = c.dir {
                if d.is_finite() && d.norm() != V2::ZERO {
                    w.players[t].facing = d.norm();
                }
            }
            c.dir = None;
        }
        c.slide = false;
    }
}

/// The kicker's teammates standing offside when a pass is played: in the
/// opponents' half, ahead of the ball and of the second-last opponent.
pub fn offside_players(w: &World, kicker: usize) -> Vec<usize> {
    if !w.cfg.offside || w.mode != GameMode::Normal {
        return Vec::new();
    }
    let team = w.players[kicker].team;
    let s = team.sign();
    let mut depth: Vec<f32> = w
        .players
        .iter()
        .filter(|p| p.team != team)
        .map(|p| p.pos.x * s)
        .collect();
    depth.sort_by(|a, b| b.total_cmp(a));
    let second_last = depth.get(1).copied().unwrap_or(f32::NEG_INFINITY);
    let ball_x = w.ball.pos.x * s;
    w.team_players(team)
        .filter(|&j| {
            let x = w.players[j].pos.x * s;
            j != kicker && x > 0.0 && x > ball_x && x > second_last
        })
        .collect()
}

/// Called when player `j` is about to take a loose ball: if `j` was offside
/// when the pass was played, awards a free kick to the other team instead.
pub fn offside_on_touch(w: &mut World, j: usize) -> bool {
    let flagged = w
        .pass
        .as_ref()
        .is_some_and(|p| p.kind != KickKind::Shot && p.offside.contains(&j));
    if !flagged {
        return false;
    }
    let team = w.players[j].team;
    let spot = w.players[j].pos;
    let spot = V2::new(spot.x.clamp(-0.98, 0.98), spot.y.clamp(-0.41, 0.41));
    w.events.push(Event::Offside { player: j });
    award(w, Restart::FreeKick, team.other(), spot);
    true
}

/// Kicks for a set-piece taker the AI controls once it has waited a moment.
pub fn ai_restart_ready(w: &World) -> bool {
    w.mode != GameMode::Normal && w.restart_timer >= 4
}
