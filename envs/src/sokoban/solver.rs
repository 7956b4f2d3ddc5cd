//! An optimal solver: breadth-first search over (player, boxes) states, one
//! edge per move, so the solution length counts steps exactly as the env
//! does (a push is one step, a walk is one step). Pushes onto dead squares
//! are pruned (see [`deadlock`](super::deadlock)), which keeps the search
//! optimal since such states can never be solved.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use super::deadlock::DeadMap;
use super::level::{pack, Level, Move, State, MAX_BOXES};

/// A fast hasher for packed `u64` state keys (a multiply-xorshift finaliser;
/// keys are not adversarial).
#[derive(Default, Clone, Copy)]
pub struct KeyHash(u64);

impl Hasher for KeyHash {
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type KeyHasher = BuildHasherDefault<KeyHash>;

/// What the search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Solve {
    /// A shortest move sequence (empty when the start is solved).
    Solved(Vec<Move>),
    /// Every reachable state was searched: no solution exists.
    Unsolvable,
    /// The state budget ran out first.
    Budget { states: usize },
}

impl Solve {
    pub fn moves(&self) -> Option<&[Move]> {
        match self {
            Solve::Solved(m) => Some(m),
            _ => None,
        }
    }
}

/// Solves `level` from its start, searching at most `max_states` states.
pub fn solve(level: &Level, max_states: usize) -> Solve {
    solve_from(level, level.start(), max_states)
}

/// Solves `level` from another state of it.
pub fn solve_from(level: &Level, start: &State, max_states: usize) -> Solve {
    let k = start.boxes.len().min(MAX_BOXES);
    let map = DeadMap::new(level);
    let targets: Vec<bool> = (0..level.tiles().len())
        .map(|c| level.is_target(c))
        .collect();
    let solved = |boxes: &[u8]| boxes.iter().all(|&b| targets[b as usize]);
    if solved(&start.boxes) {
        return Solve::Solved(Vec::new());
    }
    let width = level.width();
    let mut nodes: Vec<(u64, u32, Move)> = vec![(start.key(), u32::MAX, Move::Up)];
    let mut seen: HashSet<u64, KeyHasher> =
        HashSet::with_capacity_and_hasher(1024, KeyHasher::default());
    seen.insert(start.key());
    let mut head = 0;
    while head < nodes.len() {
        let (key, _, _) = nodes[head];
        let player = (key & 0xff) as usize;
        let mut boxes = [0u8; MAX_BOXES];
        for (i, b) in boxes.iter_mut().enumerate().take(k) {
            *b = (key >> (8 * (i + 1))) as u8;
        }
        for m in Move::ALL {
            let d = m.offset(width);
            let next = player.wrapping_add_signed(d);
            if level.is_wall(next) {
                continue;
            }
            let mut nb = boxes;
            if let Some(i) = nb[..k].iter().position(|&b| b as usize == next) {
                let beyond = next.wrapping_add_signed(d);
                if level.is_wall(beyond) || nb[..k].contains(&(beyond as u8)) || map.is_dead(beyond)
                {
                    continue;
                }
                nb[i] = beyond as u8;
                nb[..k].sort_unstable();
                if solved(&nb[..k]) {
                    return Solve::Solved(path(&nodes, head, m));
                }
            }
            let nk = pack(next as u8, &nb[..k]);
            if seen.insert(nk) {
                if nodes.len() >= max_states {
                    return Solve::Budget {
                        states: nodes.len(),
                    };
                }
                nodes.push((nk, head as u32, m));
            }
        }
        head += 1;
    }
    Solve::Unsolvable
}

/// The moves from the root to node `at`, then `last`.
fn path(nodes: &[(u64, u32, Move)], mut at: usize, last: Move) -> Vec<Move> {
    let mut out = vec![last];
    while let Some(&(_, parent, m)) = nodes.get(at) {
        if parent == u32::MAX {
            break;
        }
        out.push(m);
        at = parent as usize;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sokoban::level::Board;

    fn play(level: &Level, moves: &[Move]) -> Board {
        let mut b = Board::new(level);
        for &m in moves {
            b.step(m);
        }
        b
    }

    #[test]
    fn a_one_push_level_takes_one_move() {
        let level = Level::parse("#####\n#@$.#\n#####").unwrap();
        assert_eq!(solve(&level, 1000), Solve::Solved(vec![Move::Right]));
    }

    #[test]
    fn the_solution_is_shortest_and_solves() {
        // The player must walk around the box to push it left.
        let level = Level::parse("#######\n#     #\n#.$  @#\n#     #\n#######").unwrap();
        let Solve::Solved(moves) = solve(&level, 100_000) else {
            panic!("unsolved");
        };
        assert_eq!(moves.len(), 3);
        assert!(play(&level, &moves).solved());
        let level = Level::parse("#######\n#     #\n#@$  .#\n#     #\n#######").unwrap();
        assert_eq!(solve(&level, 1000).moves().map(|m| m.len()), Some(3));
    }

    #[test]
    fn an_impossible_level_is_reported_unsolvable_or_out_of_budget() {
        let level = Level::parse("######\n#$  .#\n# @  #\n######").unwrap();
        assert_eq!(solve(&level, 100_000), Solve::Unsolvable);
        let open =
            Level::parse("##########\n#@       #\n# $ $ $  #\n#        #\n# . . .  #\n##########")
                .unwrap();
        assert!(matches!(solve(&open, 10), Solve::Budget { .. }));
    }
}
