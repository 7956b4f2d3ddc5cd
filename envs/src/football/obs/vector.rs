//! GRF's `simple115` vector and super-mini-map (SMM) for non-LLM baselines.

use super::super::sim::state::{GameMode, Team};
use super::super::sim::World;

pub const SMM_WIDTH: usize = 96;
pub const SMM_HEIGHT: usize = 72;

/// GRF `simple115`: left (x, y) ×11, left directions ×11, right (x, y) ×11,
/// right directions ×11, ball xyz, ball direction xyz, owner one-hot
/// (none/left/right), active player one-hot (11), game mode one-hot (7).
/// Absent players are −1.
pub fn simple115(w: &World, active: Option<usize>) -> [f32; 115] {
    let mut o = [0.0f32; 115];
    for (t, team) in [Team::Left, Team::Right].into_iter().enumerate() {
        let base = t * 44;
        let ids: Vec<usize> = w.team_players(team).take(11).collect();
        for k in 0..11 {
            let (pos, dir) = match ids.get(k) {
                Some(&i) => {
                    let p = &w.players[i];
                    ([p.pos.x, p.pos.y], [p.vel.x, p.vel.y])
                }
                None => ([-1.0, -1.0], [-1.0, -1.0]),
            };
            o[base + 2 * k] = pos[0];
            o[base + 2 * k + 1] = pos[1];
            o[base + 22 + 2 * k] = dir[0];
            o[base + 22 + 2 * k + 1] = dir[1];
        }
    }
    o[88] = w.ball.pos.x;
    o[89] = w.ball.pos.y;
    o[90] = w.ball.z;
    o[91] = w.ball.vel.x;
    o[92] = w.ball.vel.y;
    o[93] = w.ball.vz;
    let owner = match w.owning_team() {
        None => 0,
        Some(Team::Left) => 1,
        Some(Team::Right) => 2,
    };
    o[94 + owner] = 1.0;
    if let Some(a) = active {
        if let Some(k) = w.team_players(Team::Left).position(|i| i == a) {
            if k < 11 {
                o[97 + k] = 1.0;
            }
        }
    }
    let mode = if w.mode == GameMode::Normal {
        0
    } else {
        w.mode.index()
    };
    o[108 + mode] = 1.0;
    o
}

/// GRF's SMM: uint8 72×96×4 (row-major, channels last) with planes left
/// team, right team, ball, active player; x ∈ [−1, 1] → 96 columns,
/// y ∈ [−1/2.25, 1/2.25] → 72 rows, 255 where something stands.
pub fn minimap(w: &World, active: Option<usize>) -> Vec<u8> {
    let mut m = vec![0u8; SMM_HEIGHT * SMM_WIDTH * 4];
    let mut mark = |x: f32, y: f32, plane: usize| {
        let c = ((x + 1.0) / 2.0 * SMM_WIDTH as f32) as i64;
        let r = ((y + 1.0 / 2.25) * 2.25 / 2.0 * SMM_HEIGHT as f32) as i64;
        let c = c.clamp(0, SMM_WIDTH as i64 - 1) as usize;
        let r = r.clamp(0, SMM_HEIGHT as i64 - 1) as usize;
        m[(r * SMM_WIDTH + c) * 4 + plane] = 255;
    };
    for (i, p) in w.players.iter().enumerate() {
        mark(p.pos.x, p.pos.y, p.team.index());
        if Some(i) == active {
            mark(p.pos.x, p.pos.y, 3);
        }
    }
    mark(w.ball.pos.x, w.ball.pos.y, 2);
    m
}
