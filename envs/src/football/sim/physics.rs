//! Motion: players run, sprint and slide with inertia and fatigue; the ball is
//! carried, kicked (passes and shots), flies under gravity, bounces, rolls
//! with friction, and is won by tackles or by controlling a loose ball.

use super::rules;
use super::state::{Command, Event, KickKind, Team, GOAL_HALF_W, GRAVITY, HALF_X};
use super::vec::V2;
use super::{Pass, World};

/// Running speed per step (≈ 5.5 m/s).
pub const RUN: f32 = 0.0105;
/// Sprint speed per step when fresh (≈ 8.4 m/s).
pub const SPRINT: f32 = 0.016;
/// Speed with the ball under close control.
pub const DRIBBLE: f32 = 0.0075;
/// Fraction of the gap to the desired velocity closed per step (inertia).
const ACCEL: f32 = 0.4;
/// Distance within which a player can take a loose ball.
pub const REACH: f32 = 0.016;
/// Distance within which a tackle on the ball carrier can win it.
pub const TACKLE_REACH: f32 = 0.02;
/// Rolling friction per step on the ground.
const ROLL: f32 = 0.955;
/// Air drag per step.
const AIR: f32 = 0.995;
/// Highest ball (chest height) an outfield player controls.
const CONTROL_HEIGHT: f32 = 0.03;
/// Keepers reach further and higher inside their own box.
const KEEPER_REACH: f32 = 0.03;
const KEEPER_HEIGHT: f32 = 0.06;
const SLIDE_STEPS: u8 = 6;

pub fn move_players(w: &mut World, cmds: &[Command]) {
    let owner = w.owner;
    let right_scale = 0.8 + 0.2 * w.difficulty(Team::Right);
    for (i, p) in w.players.iter_mut().enumerate() {
        let c = cmds.get(i).copied().unwrap_or_default();
        p.cooldown = p.cooldown.saturating_sub(1);
        if p.slide > 0 {
            p.slide -= 1;
            p.vel = p.vel * 0.88;
        } else if c.slide && owner != Some(i) {
            p.slide = SLIDE_STEPS;
            p.vel = p.facing * 0.024;
            p.sprinting = false;
        } else {
            let has_ball = owner == Some(i);
            p.dribbling = has_ball && c.dribble;
            let mut speed = if c.sprint {
                SPRINT * (1.0 - 0.35 * p.fatigue)
            } else {
                RUN
            };
            if has_ball {
                speed = if c.dribble { DRIBBLE } else { speed * 0.9 };
            }
            if p.team == Team::Right {
                speed *= right_scale;
            }
            let desired = match c.dir {
                Some(d) if d.is_finite() => {
                    let d = d.norm();
                    if d != V2::ZERO {
                        p.facing = d;
                    }
                    d * speed
                }
                _ => V2::ZERO,
            };
            p.vel += (desired - p.vel) * ACCEL;
            p.sprinting = c.sprint && c.dir.is_some();
            p.fatigue = if p.sprinting {
                (p.fatigue + 0.004).min(1.0)
            } else {
                (p.fatigue - 0.002).max(0.0)
            };
        }
        p.pos += p.vel;
        p.pos.x = p.pos.x.clamp(-1.1, 1.1);
        p.pos.y = p.pos.y.clamp(-0.5, 0.5);
    }
}

/// Executes the ball owner's kick, if its command asks for one.
pub fn kicks(w: &mut World, cmds: &[Command]) {
    let Some(o) = w.owner else { return };
    let Some(c) = cmds.get(o).copied() else {
        return;
    };
    if let Some(kind) = c.kick {
        kick(w, o, kind, c.target, c.dir);
    }
}

/// Kicks the ball from player `i`: a shot aims at the opponents' goal, a pass
/// at `target` or, failing that, the teammate best placed along `dir`.
pub fn kick(w: &mut World, i: usize, kind: KickKind, target: Option<usize>, dir: Option<V2>) {
    let p = w.players[i].clone();
    let s = p.team.sign();
    let aim = dir
        .map(|d| d.norm())
        .filter(|d| *d != V2::ZERO)
        .unwrap_or(p.facing);
    let from = w.ball.pos;
    let (vel, vz, receiver, target_pt) = match kind {
        KickKind::Shot => {
            let goal_x = s * HALF_X;
            // Aim inside the post away from the keeper.
            let keeper_y = w
                .players
                .iter()
                .find(|q| q.team != p.team && q.is_keeper() && (q.pos.x - goal_x).abs() < 0.2)
                .map(|q| q.pos.y);
            let side = match keeper_y {
                Some(ky) if ky > from.y * 0.3 => -1.0,
                Some(_) => 1.0,
                None => 0.0,
            };
            let to_goal = V2::new(goal_x, 0.0) - from;
            let dist = to_goal.len();
            let misalign = (1.0 - p.facing.dot(to_goal.norm())) * 0.5;
            let sigma = 0.004
                + 0.06 * dist * dist
                + if p.sprinting { 0.008 } else { 0.0 }
                + 0.03 * misalign;
            let aim_y = side * 0.6 * GOAL_HALF_W + sigma * w.gauss();
            let d = (V2::new(goal_x, aim_y) - from).norm();
            let speed = 0.065 + 0.012 * w.rand();
            let vz = 0.002 + (0.004 + 0.012 * dist) * w.rand();
            (d * speed, vz, None, V2::new(goal_x, aim_y))
        }
        _ => {
            let recv = target
                .filter(|&t| t < w.players.len() && w.players[t].team == p.team && t != i)
                .or_else(|| choose_receiver(w, i, aim, kind));
            let pref = match kind {
                KickKind::ShortPass => 0.15,
                KickKind::HighPass => 0.35,
                _ => 0.4,
            };
            let spot = match recv {
                Some(r) => {
                    let q = &w.players[r];
                    let lead = (q.pos.dist(from) / 0.03).min(8.0);
                    q.pos + q.vel * lead
                }
                None => from + aim * pref,
            };
            let jitter = (0.01 + 0.01 * (1.0 - w.difficulty(p.team))) * w.gauss();
            let to = spot - from;
            let d = to.len().max(0.02);
            let dirv = (to.norm() + to.norm().perp() * jitter).norm();
            match kind {
                KickKind::ShortPass => {
                    let speed = (0.045 * d + 0.012).clamp(0.014, 0.05);
                    (dirv * speed, 0.0, recv, spot)
                }
                _ => {
                    let base = if kind == KickKind::HighPass {
                        14.0
                    } else {
                        8.0
                    };
                    let t = (base + 25.0 * d).min(40.0);
                    let steps = t as u32;
                    // Horizontal speed so that, with air drag, the ball lands on the spot.
                    let mut reach = 0.0;
                    let mut k = 1.0;
                    for _ in 0..steps {
                        reach += k;
                        k *= AIR;
                    }
                    let vz = GRAVITY * steps as f32 * 0.5;
                    (dirv * (d / reach.max(1.0)), vz, recv, spot)
                }
            }
        }
    };
    let offside = rules::offside_players(w, i);
    w.ball.vel = vel;
    w.ball.vz = vz;
    w.ball.z = 0.0;
    w.owner = None;
    w.last_touch = Some(i);
    w.players[i].cooldown = 4;
    w.pass = Some(Pass {
        from: i,
        kind,
        receiver,
        target: target_pt,
        offside,
    });
    w.events.push(Event::Kick {
        player: i,
        kind,
        receiver,
    });
    if w.mode != super::state::GameMode::Normal {
        w.mode = super::state::GameMode::Normal;
    }
}

/// The teammate GRF-style pass selection picks: inside a cone around `dir`,
/// the best mix of alignment and a distance near the pass type's preferred
/// length; a wider cone if the narrow one is empty.
pub fn choose_receiver(w: &World, i: usize, dir: V2, kind: KickKind) -> Option<usize> {
    let p = &w.players[i];
    let pref = match kind {
        KickKind::ShortPass => 0.2,
        KickKind::HighPass => 0.45,
        _ => 0.5,
    };
    for min_cos in [0.5, 0.0] {
        let mut best: Option<(f32, usize)> = None;
        for (j, q) in w.players.iter().enumerate() {
            if j == i || q.team != p.team {
                continue;
            }
            let v = q.pos - p.pos;
            let d = v.len();
            if d < 0.03 {
                continue;
            }
            let cos = v.dot(dir) / d;
            if cos < min_cos {
                continue;
            }
            let score = cos - 0.8 * (d - pref).abs();
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, j));
            }
        }
        if let Some((_, j)) = best {
            return Some(j);
        }
    }
    None
}

/// Carries, tackles, flies and hands over the ball.
pub fn move_ball(w: &mut World) {
    if let Some(o) = w.owner {
        tackle(w, o);
    }
    if let Some(o) = w.owner {
        let p = &w.players[o];
        w.ball.pos = p.pos + p.facing * 0.009;
        w.ball.vel = p.vel;
        w.ball.z = 0.0;
        w.ball.vz = 0.0;
        return;
    }
    fly(w);
    control(w);
}

fn tackle_chance(w: &World, j: usize) -> f32 {
    let q = &w.players[j];
    if q.slide > 0 {
        return 0.6;
    }
    if w.is_controlled(j) {
        0.25
    } else {
        0.04 + 0.22 * w.difficulty(q.team)
    }
}

fn tackle(w: &mut World, o: usize) {
    let team = w.players[o].team;
    let ball = w.ball.pos;
    let guard = if w.players[o].dribbling { 0.5 } else { 1.0 };
    for j in 0..w.players.len() {
        let q = &w.players[j];
        let reach = if q.slide > 0 {
            TACKLE_REACH * 1.4
        } else {
            TACKLE_REACH
        };
        if q.team == team || q.cooldown > 0 || q.pos.dist(ball) > reach {
            continue;
        }
        let p = tackle_chance(w, j) * guard;
        if w.rand() < p {
            w.players[o].cooldown = 6;
            gain(w, j, true);
            return;
        }
    }
}

fn fly(w: &mut World) {
    let b = &mut w.ball;
    b.pos += b.vel;
    b.z += b.vz;
    if b.z > 0.0 || b.vz > 0.0 {
        b.vz -= GRAVITY;
        b.vel = b.vel * AIR;
    }
    if b.z <= 0.0 {
        b.z = 0.0;
        if b.vz < -0.006 {
            // Bounce: lose half the vertical and a fifth of the horizontal speed.
            b.vz = -b.vz * 0.45;
            b.vel = b.vel * 0.8;
        } else {
            b.vz = 0.0;
            b.vel = b.vel * ROLL;
        }
    }
    if b.vel.len() < 0.0004 {
        b.vel = V2::ZERO;
    }
}

/// Whether `j` stands in its own penalty area (where a keeper uses hands).
fn in_own_box(w: &World, j: usize) -> bool {
    let p = &w.players[j];
    let own_goal_x = -p.team.sign();
    (p.pos.x - own_goal_x).abs() < 0.3 && p.pos.y.abs() < 0.24
}

fn control(w: &mut World) {
    let ball = w.ball;
    let speed = ball.vel.len();
    let kicker_team = w.last_touch.map(|k| w.players[k].team);
    let receiver = w.pass.as_ref().and_then(|p| p.receiver);
    let shot = matches!(w.pass.as_ref().map(|p| p.kind), Some(KickKind::Shot));
    let mut cands: Vec<(f32, usize)> = Vec::new();
    for (j, q) in w.players.iter().enumerate() {
        if q.cooldown > 0 {
            continue;
        }
        let keeper = q.is_keeper() && in_own_box(w, j);
        let (reach, height) = if keeper {
            (KEEPER_REACH, KEEPER_HEIGHT)
        } else {
            (REACH, CONTROL_HEIGHT)
        };
        let d = q.pos.dist(ball.pos);
        if d < reach && ball.z < height {
            cands.push((d, j));
        }
    }
    cands.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (_, j) in cands {
        let q = &w.players[j];
        let team = q.team;
        let keeper = q.is_keeper() && in_own_box(w, j);
        let skill = if w.is_controlled(j) {
            1.0
        } else {
            0.5 + 0.5 * w.difficulty(team)
        };
        let p = if Some(team) == kicker_team {
            if receiver == Some(j) || speed < 0.03 {
                1.0
            } else {
                0.6
            }
        } else if keeper {
            (1.0 - (speed - 0.02).max(0.0) * 8.0).clamp(0.25, 0.95) * (0.6 + 0.4 * skill)
        } else {
            (1.1 - speed / 0.05).clamp(0.15, 1.0) * skill
        };
        if w.rand() < p {
            if keeper && shot && Some(team) != kicker_team {
                w.events.push(Event::Save { keeper: j });
            }
            if rules::offside_on_touch(w, j) {
                return;
            }
            gain(w, j, false);
            return;
        }
        w.players[j].cooldown = 3;
    }
}

/// Hands the ball to player `j` and records the possession event.
pub fn gain(w: &mut World, j: usize, tackle: bool) {
    let team = w.players[j].team;
    let from = w.owner_team;
    w.owner = Some(j);
    w.owner_team = Some(team);
    w.last_touch = Some(j);
    w.pass = None;
    let p = &w.players[j];
    w.ball.pos = p.pos + p.facing * 0.009;
    w.ball.vel = V2::ZERO;
    w.ball.vz = 0.0;
    w.ball.z = 0.0;
    w.events.push(Event::Possession {
        player: j,
        team,
        from,
        tackle,
    });
}
