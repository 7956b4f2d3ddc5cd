//! Which left-team players the agent controls each step, switching as GRF
//! does: the ball carrier, else the receiver of our pass in flight, else the
//! player nearest the ball (with a little hysteresis so control does not
//! flicker between two equally near players).

use super::sim::state::Team;
use super::sim::World;

/// How much nearer (pitch units, ≈ 1.6 m) another player must be to take
/// over control from the current one.
const HYSTERESIS: f32 = 0.03;

/// The `n` controlled players, the active one first.
pub fn select(w: &World, prev: &[usize], n: usize, keeper_ok: bool) -> Vec<usize> {
    let mut cands: Vec<usize> = w
        .team_players(Team::Left)
        .filter(|&i| keeper_ok || !w.players[i].is_keeper())
        .collect();
    if cands.is_empty() {
        cands = w.team_players(Team::Left).collect();
    }
    if cands.is_empty() || n == 0 {
        return Vec::new();
    }
    let dist = |i: usize| w.players[i].pos.dist(w.ball.pos);
    let nearest = cands
        .iter()
        .copied()
        .min_by(|&a, &b| dist(a).total_cmp(&dist(b)).then(a.cmp(&b)))
        .unwrap_or(cands[0]);
    let pass_receiver = w
        .pass
        .as_ref()
        .filter(|p| w.players[p.from].team == Team::Left)
        .and_then(|p| p.receiver);
    let primary = match (w.owner, pass_receiver) {
        (Some(o), _) if cands.contains(&o) => o,
        (None, Some(r)) if cands.contains(&r) => r,
        _ => match prev.first() {
            Some(&p) if cands.contains(&p) && dist(p) <= dist(nearest) + HYSTERESIS => p,
            _ => nearest,
        },
    };
    let mut rest: Vec<usize> = cands.into_iter().filter(|&i| i != primary).collect();
    rest.sort_by(|&a, &b| dist(a).total_cmp(&dist(b)).then(a.cmp(&b)));
    let mut out = vec![primary];
    out.extend(rest.into_iter().take(n - 1));
    out
}
