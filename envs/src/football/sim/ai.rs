//! The built-in rule AI for every player the agent does not control.
//!
//! Difficulty in [0, 1] scales how often the AI passes under pressure, how
//! far it shoots from, how hard it presses and tackles (tackle odds live in
//! physics) and, for the right team, its running speed.

use super::rules;
use super::state::{Command, GameMode, KickKind, Team};
use super::vec::V2;
use super::{OpponentAi, World};

/// Fills `out` with one command per player.
pub fn decide_all(w: &mut World, out: &mut Vec<Command>) {
    out.clear();
    out.resize(w.players.len(), Command::default());
    let chasers = [chasers(w, Team::Left), chasers(w, Team::Right)];
    for i in 0..w.players.len() {
        if w.is_controlled(i) {
            continue;
        }
        out[i] = decide(w, i, &chasers[w.players[i].team.index()]);
    }
}

/// The two outfield players of a team nearest the ball (they press/cover).
fn chasers(w: &World, team: Team) -> [Option<usize>; 2] {
    let mut best: [Option<(f32, usize)>; 2] = [None, None];
    for i in w.team_players(team) {
        if w.players[i].is_keeper() {
            continue;
        }
        let d = w.players[i].pos.dist(w.ball.pos);
        if best[0].is_none_or(|(b, _)| d < b) {
            best[1] = best[0];
            best[0] = Some((d, i));
        } else if best[1].is_none_or(|(b, _)| d < b) {
            best[1] = Some((d, i));
        }
    }
    [best[0].map(|b| b.1), best[1].map(|b| b.1)]
}

/// World point from team-frame coordinates (the team attacks +x in its frame).
fn world_of(team: Team, v: V2) -> V2 {
    v * team.sign()
}

fn frame_of(team: Team, v: V2) -> V2 {
    v * team.sign()
}

fn go_to(from: V2, to: V2, slack: f32, sprint: bool) -> Command {
    let d = to - from;
    if d.len() < slack {
        return Command::default();
    }
    Command {
        dir: Some(d.norm()),
        sprint,
        ..Command::default()
    }
}

fn decide(w: &mut World, i: usize, chasers: &[Option<usize>; 2]) -> Command {
    let p = &w.players[i];
    let team = p.team;
    let pos = p.pos;
    let d = w.difficulty(team);
    if w.owner == Some(i) {
        return on_ball(w, i);
    }
    if team == Team::Right && w.cfg.opponent_ai == OpponentAi::Lazy {
        let near = pos.dist(w.ball.pos) < 0.06 && w.owning_team() != Some(team);
        return if near {
            go_to(pos, w.ball.pos, 0.0, false)
        } else {
            Command::default()
        };
    }
    let ball_tf = frame_of(team, w.ball.pos);
    let home_tf = frame_of(team, p.home);
    if w.mode != GameMode::Normal {
        let attacking = w.restart_team == team;
        let shift = if attacking { 0.05 } else { -0.08 };
        let t = V2::new(
            (home_tf.x * 0.6 + ball_tf.x * 0.4 + shift).clamp(-0.95, 0.95),
            home_tf.y * 0.9 + ball_tf.y * 0.1,
        );
        return go_to(pos, world_of(team, t), 0.02, false);
    }
    if let Some(pass) = &w.pass {
        if pass.receiver == Some(i) {
            let t = ball_landing(w);
            return go_to(pos, t, 0.004, true);
        }
    }
    if p.is_keeper() {
        return keeper(w, i);
    }
    let ours = w.owner_team == Some(team) && w.owner.is_some();
    if ours {
        let t = V2::new(
            (home_tf.x * 0.55 + ball_tf.x * 0.45 + 0.12).clamp(-0.9, 0.92),
            (home_tf.y * 0.9 + ball_tf.y * 0.15).clamp(-0.4, 0.4),
        );
        let far = pos.dist(world_of(team, t)) > 0.15;
        return go_to(pos, world_of(team, t), 0.015, far);
    }
    // Defending or a loose ball.
    if chasers[0] == Some(i) || (chasers[1] == Some(i) && w.owner.is_none()) {
        let dist = pos.dist(w.ball.pos);
        let lead = (dist / 0.012).min(10.0);
        let t = w.ball.pos + w.ball.vel * lead;
        let mut c = go_to(pos, t, 0.0, d > 0.4 || dist > 0.1);
        let opp_has = w.owner.is_some_and(|o| w.players[o].team != team);
        if opp_has && dist > 0.012 && dist < 0.03 && w.rand() < 0.06 * d {
            c.slide = true;
        }
        return c;
    }
    if chasers[1] == Some(i) && d > 0.3 {
        // Cover: between the ball and our goal.
        let own_goal = V2::new(-team.sign(), 0.0);
        let t = w.ball.pos + (own_goal - w.ball.pos).norm() * 0.07;
        return go_to(pos, t, 0.01, false);
    }
    let t = V2::new(
        (home_tf.x * 0.6 + ball_tf.x * 0.4 - 0.08).clamp(-0.92, 0.9),
        (home_tf.y * 0.8 + ball_tf.y * 0.3).clamp(-0.4, 0.4),
    );
    let far = pos.dist(world_of(team, t)) > 0.2;
    go_to(pos, world_of(team, t), 0.015, far && d > 0.5)
}

/// Where a travelling ball will be when it next touches the ground (or now).
fn ball_landing(w: &World) -> V2 {
    let b = &w.ball;
    if b.z > 0.0 || b.vz > 0.0 {
        let g = super::state::GRAVITY;
        let t = ((b.vz + (b.vz * b.vz + 2.0 * g * b.z).sqrt()) / g).min(40.0);
        b.pos + b.vel * t
    } else {
        b.pos + b.vel * 4.0
    }
}

fn keeper(w: &mut World, i: usize) -> Command {
    let p = &w.players[i];
    let team = p.team;
    let pos = p.pos;
    let ball_tf = frame_of(team, w.ball.pos);
    let vel_tf = frame_of(team, w.ball.vel);
    let loose_or_theirs = w.owning_team() != Some(team);
    // A ball heading for goal: step across to its line.
    if w.owner.is_none() && vel_tf.x < -0.02 && ball_tf.x < -0.4 {
        let steps = ((ball_tf.x + 0.97) / -vel_tf.x).max(0.0);
        let y = (ball_tf.y + vel_tf.y * steps).clamp(-0.06, 0.06);
        return go_to(pos, world_of(team, V2::new(-0.97, y)), 0.003, true);
    }
    if loose_or_theirs && ball_tf.x < -0.8 && ball_tf.y.abs() < 0.2 {
        return go_to(pos, w.ball.pos, 0.0, true);
    }
    let t = V2::new(-0.97, (ball_tf.y * 0.35).clamp(-0.035, 0.035));
    go_to(pos, world_of(team, t), 0.004, false)
}

fn on_ball(w: &mut World, i: usize) -> Command {
    let p = w.players[i].clone();
    let team = p.team;
    let d = w.difficulty(team);
    if w.mode != GameMode::Normal {
        if !rules::ai_restart_ready(w) {
            return Command::default();
        }
        let target = best_pass(w, i);
        let kind = match target {
            Some(t) if w.players[t].pos.dist(p.pos) > 0.35 => KickKind::LongPass,
            _ => KickKind::ShortPass,
        };
        return Command {
            kick: Some(kind),
            target,
            dir: Some(p.facing),
            ..Command::default()
        };
    }
    if p.is_keeper() {
        let target = best_pass(w, i);
        let kind = match target {
            Some(t) if w.players[t].pos.dist(p.pos) < 0.3 => KickKind::ShortPass,
            _ => KickKind::LongPass,
        };
        return Command {
            kick: Some(kind),
            target,
            dir: Some(V2::new(team.sign(), 0.0)),
            ..Command::default()
        };
    }
    let goal = V2::new(team.sign(), 0.0);
    let to_goal = goal - p.pos;
    if to_goal.len() < 0.22 + 0.08 * d {
        return Command {
            kick: Some(KickKind::Shot),
            dir: Some(to_goal.norm()),
            ..Command::default()
        };
    }
    let dir = to_goal.norm();
    let mut nearest: Option<(f32, usize)> = None;
    for j in w.team_players(team.other()) {
        let dd = w.players[j].pos.dist(p.pos);
        if nearest.is_none_or(|(b, _)| dd < b) {
            nearest = Some((dd, j));
        }
    }
    let pressed =
        nearest.is_some_and(|(dd, j)| dd < 0.05 && (w.players[j].pos - p.pos).dot(dir) > 0.0);
    if pressed && w.rand() < 0.15 + 0.5 * d {
        if let Some(t) = best_pass(w, i) {
            let kind = if w.players[t].pos.dist(p.pos) > 0.35 {
                KickKind::LongPass
            } else {
                KickKind::ShortPass
            };
            return Command {
                kick: Some(kind),
                target: Some(t),
                dir: Some((w.players[t].pos - p.pos).norm()),
                ..Command::default()
            };
        }
    }
    let mut run = dir;
    if let Some((dd, j)) = nearest {
        if dd < 0.08 {
            let away = p.pos - w.players[j].pos;
            let side = if away.dot(dir.perp()) >= 0.0 {
                1.0
            } else {
                -1.0
            };
            run = (dir + dir.perp() * (0.7 * side)).norm();
        }
    }
    // Keep off the touch lines.
    if p.pos.y.abs() > 0.36 {
        run = (run + V2::new(0.0, -p.pos.y.signum() * 0.8)).norm();
    }
    Command {
        dir: Some(run),
        sprint: nearest.is_none_or(|(dd, _)| dd > 0.06),
        ..Command::default()
    }
}

/// The teammate the AI passes to: forward progress and space around him,
/// not too far.
fn best_pass(w: &World, i: usize) -> Option<usize> {
    let p = &w.players[i];
    let team = p.team;
    let s = team.sign();
    let mut best: Option<(f32, usize)> = None;
    for j in w.team_players(team) {
        if j == i {
            continue;
        }
        let q = &w.players[j];
        let dist = q.pos.dist(p.pos);
        if dist < 0.05 {
            continue;
        }
        let space = w
            .team_players(team.other())
            .map(|k| w.players[k].pos.dist(q.pos))
            .fold(0.15f32, f32::min);
        let lane = w
            .team_players(team.other())
            .map(|k| super::vec::dist_to_segment(w.players[k].pos, p.pos, q.pos))
            .fold(0.1f32, f32::min);
        let score = (q.pos.x - p.pos.x) * s + 3.0 * space + 2.0 * lane
            - (dist - 0.4).max(0.0)
            - if q.is_keeper() { 0.5 } else { 0.0 };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, j));
        }
    }
    best.map(|b| b.1)
}
