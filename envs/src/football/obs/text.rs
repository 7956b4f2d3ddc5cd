//! The text state: a few short lines (≈ 300–500 characters) with the score,
//! clock, who has the ball, the controlled player, the goal and the nearest
//! players as distances in metres and bearings. Bearings are degrees from
//! the attacking direction (+x), positive towards the bottom touch line, and
//! also named by the nearest movement action so a policy can copy it.

use std::fmt::Write;

use super::super::action::Action;
use super::super::sim::state::{GameMode, Team, METRES_PER_UNIT};
use super::super::sim::vec::V2;
use super::super::sim::World;

fn bearing(v: V2) -> (f32, &'static str) {
    let deg = v.y.atan2(v.x).to_degrees();
    (deg, Action::nearest_direction(v).name())
}

fn who(w: &World, i: usize, controlled: &[usize]) -> String {
    let p = &w.players[i];
    if controlled.first() == Some(&i) {
        return "you".into();
    }
    let side = if p.team == Team::Left { "mate" } else { "opp" };
    let gk = if p.is_keeper() { " GK" } else { "" };
    format!("{side} #{}{gk}", p.number)
}

fn rel(from: V2, to: V2) -> String {
    let v = to - from;
    let (deg, name) = bearing(v);
    format!("{:.0}m {name} {deg:.0}°", v.len() * METRES_PER_UNIT)
}

/// The text state for the controlled players (active first).
pub fn text_state(w: &World, controlled: &[usize], max_steps: u32) -> String {
    let mut s = String::with_capacity(512);
    let (mins, secs) = w.clock();
    let _ = write!(
        s,
        "score {}-{} | time {:02}:{:02} | step {}/{}",
        w.score[0], w.score[1], mins, secs, w.step, max_steps
    );
    if w.mode != GameMode::Normal {
        let side = if w.restart_team == Team::Left {
            "our"
        } else {
            "their"
        };
        let _ = write!(s, " | {side} {}", w.mode.name());
    }
    s.push('\n');
    let Some(&me) = controlled.first() else {
        s.push_str("you control no player\n");
        return s;
    };
    let p = &w.players[me];
    let facing = Action::nearest_direction(p.facing).name();
    let _ = writeln!(
        s,
        "you: #{} at x {:.2} y {:.2}, facing {facing}{}{}",
        p.number,
        p.pos.x,
        p.pos.y,
        if p.sprinting { ", sprinting" } else { "" },
        if p.dribbling { ", dribbling" } else { "" },
    );
    match w.owner {
        Some(o) if o == me => s.push_str("ball: you have it\n"),
        Some(o) => {
            let _ = writeln!(
                s,
                "ball: {} has it, {}",
                who(w, o, controlled),
                rel(p.pos, w.ball.pos)
            );
        }
        None => {
            let h = if w.ball.z > 0.01 {
                format!(" in the air {:.1}m", w.ball.z * METRES_PER_UNIT)
            } else {
                String::new()
            };
            let _ = writeln!(s, "ball: loose{h}, {}", rel(p.pos, w.ball.pos));
        }
    }
    let _ = writeln!(s, "goal: {}", rel(p.pos, V2::new(1.0, 0.0)));
    // With several controlled players, the answer lists their actions in
    // this order (after yours).
    if controlled.len() > 1 {
        let others: Vec<String> = controlled[1..]
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let q = &w.players[i];
                format!(
                    "{}. #{} at x {:.2} y {:.2}, {}",
                    k + 2,
                    q.number,
                    q.pos.x,
                    q.pos.y,
                    rel(p.pos, q.pos)
                )
            })
            .collect();
        let _ = writeln!(s, "you also control: {}", others.join("; "));
    }
    // Nearest three opponents and two teammates.
    let mut near: Vec<(f32, usize)> = (0..w.players.len())
        .filter(|&i| i != me)
        .map(|i| (w.players[i].pos.dist(p.pos), i))
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut opp = 0;
    let mut mate = 0;
    let mut items = Vec::new();
    for (_, i) in near {
        let q = &w.players[i];
        let take = if q.team == Team::Right {
            opp += 1;
            opp <= 3
        } else {
            mate += 1;
            mate <= 2
        };
        if take {
            items.push(format!("{} {}", who(w, i, controlled), rel(p.pos, q.pos)));
        }
    }
    if !items.is_empty() {
        let _ = writeln!(s, "near: {}", items.join("; "));
    }
    s
}
