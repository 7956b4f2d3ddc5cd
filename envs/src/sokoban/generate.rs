//! Level generation as gym-sokoban's `room_utils.generate_room` does it
//! (read at source, mpSchrader/gym-sokoban `room_utils.py`):
//!
//! 1. **Topology**: a random walk of `int(1.7 · (w + h))` steps from a random
//!    interior cell; each step changes direction with probability 0.35,
//!    moves one cell (clamped to the interior) and stamps one of five 3×3
//!    floor masks centred on the walker. The border is then walled.
//! 2. **Placement**: the player on a random floor cell, then one target per
//!    box on random remaining floor cells (more floor than boxes + 1 needed).
//! 3. **Reverse play** from the solved state (every box on its target): a
//!    depth-first search over the four moves and four *pulls*, at most 300
//!    deep and 300,000 states, keeps the state with the highest score
//!    `pulls on the path × Σ Manhattan distance of each box from its own
//!    target`; a state with a box or the player on a target scores 0 (gym
//!    counts free targets). Every level is therefore solvable by undoing
//!    the pulls, and no box starts on a target.
//!
//! gym-sokoban passes the parent's `last_pull` down its recursion, so its
//! "box swaps" factor counts every pull on the path; we keep that, since it
//! is what shaped the levels LMM-R1 trained on. A room whose best score is 0
//! is redrawn (gym tries 4 rooms, then its `reset` starts over; we try
//! `attempts` rooms, then report an error). States are keyed by positions
//! only (gym's key also tells pulled boxes from untouched ones, which only
//! changes which duplicates it re-expands).

use std::collections::HashSet;

use rand::seq::IndexedRandom;
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::level::{pack, Level, State, Tile, MAX_BOXES, MAX_SIDE};
use super::solver::KeyHasher;

/// The generator's knobs; defaults are gym-sokoban's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GenConfig {
    /// Random-walk steps; `None` is gym's `int(1.7 · (width + height))`.
    pub walk_steps: Option<u32>,
    /// Chance that the walker turns before a step.
    pub p_change_direction: f64,
    /// Reverse play's depth limit (gym's `ttl`): nodes up to `ttl − 2`
    /// moves deep are scored.
    pub reverse_depth: u32,
    /// Reverse play stops after scoring this many distinct states.
    pub reverse_states: usize,
    /// Rooms tried before giving up.
    pub attempts: u32,
}

impl Default for GenConfig {
    fn default() -> Self {
        Self {
            walk_steps: None,
            p_change_direction: 0.35,
            reverse_depth: 300,
            reverse_states: 300_000,
            attempts: 100,
        }
    }
}

/// Why no level came out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenError {
    #[error("size {width}×{height} must be in 5..={MAX_SIDE} per side")]
    Size { width: usize, height: usize },
    #[error("boxes = {0} must be in 1..={MAX_BOXES}")]
    Boxes(usize),
    #[error("p_change_direction = {0} must be in [0, 1]")]
    Probability(String),
    #[error("no solvable room with {boxes} boxes in {attempts} attempts at {width}×{height}")]
    Exhausted {
        width: usize,
        height: usize,
        boxes: usize,
        attempts: u32,
    },
}

impl GenConfig {
    pub fn validate(&self, width: usize, height: usize, boxes: usize) -> Result<(), GenError> {
        if !(5..=MAX_SIDE).contains(&width) || !(5..=MAX_SIDE).contains(&height) {
            return Err(GenError::Size { width, height });
        }
        if !(1..=MAX_BOXES).contains(&boxes) {
            return Err(GenError::Boxes(boxes));
        }
        if !(0.0..=1.0).contains(&self.p_change_direction) {
            return Err(GenError::Probability(self.p_change_direction.to_string()));
        }
        Ok(())
    }
}

/// A solvable level with `boxes` boxes on a `width` × `height` grid.
pub fn generate(
    cfg: &GenConfig,
    width: usize,
    height: usize,
    boxes: usize,
    rng: &mut impl Rng,
) -> Result<Level, GenError> {
    cfg.validate(width, height, boxes)?;
    let steps = cfg
        .walk_steps
        .unwrap_or((1.7 * (width + height) as f64) as u32);
    for _ in 0..cfg.attempts.max(1) {
        let tiles = topology(width, height, steps, cfg.p_change_direction, rng);
        let Some((player, targets)) = place(&tiles, boxes, rng) else {
            continue;
        };
        let mut tiles = tiles;
        for &t in &targets {
            tiles[t as usize] = Tile::Target;
        }
        let room = Room {
            width,
            tiles: &tiles,
            targets: &targets,
        };
        if let Some(start) = room.reverse_play(player, cfg) {
            if let Ok(level) = Level::new(width, height, tiles.clone(), start) {
                return Ok(level);
            }
        }
    }
    Err(GenError::Exhausted {
        width,
        height,
        boxes,
        attempts: cfg.attempts.max(1),
    })
}

/// gym-sokoban's five 3×3 floor masks, rows top to bottom.
const MASKS: [[[bool; 3]; 3]; 5] = {
    const O: bool = false;
    const X: bool = true;
    [
        [[O, O, O], [X, X, X], [O, O, O]],
        [[O, X, O], [O, X, O], [O, X, O]],
        [[O, O, O], [X, X, O], [O, X, O]],
        [[O, O, O], [X, X, O], [X, X, O]],
        [[O, O, O], [O, X, X], [O, X, O]],
    ]
};

/// (row, col) steps in gym's order.
const DIRECTIONS: [(i64, i64); 4] = [(1, 0), (0, 1), (-1, 0), (0, -1)];

/// Walls everywhere but where the walker's masks stamped floor.
fn topology(
    width: usize,
    height: usize,
    steps: u32,
    p_change: f64,
    rng: &mut impl Rng,
) -> Vec<Tile> {
    let (h, w) = (height as i64, width as i64);
    let mut floor = vec![false; width * height];
    let mut dir = DIRECTIONS[rng.random_range(0..4)];
    // Python's randint is inclusive: the start may sit on the far border;
    // the first step's clamp brings it inside.
    let mut pos = (rng.random_range(1..=h - 1), rng.random_range(1..=w - 1));
    for _ in 0..steps {
        if rng.random_bool(p_change) {
            dir = DIRECTIONS[rng.random_range(0..4)];
        }
        pos = (
            (pos.0 + dir.0).clamp(1, h - 2),
            (pos.1 + dir.1).clamp(1, w - 2),
        );
        let mask = MASKS.choose(rng).unwrap_or(&MASKS[0]);
        for (dr, mrow) in mask.iter().enumerate() {
            for (dc, &on) in mrow.iter().enumerate() {
                let (r, c) = (pos.0 - 1 + dr as i64, pos.1 - 1 + dc as i64);
                if on {
                    floor[(r * w + c) as usize] = true;
                }
            }
        }
    }
    (0..width * height)
        .map(|i| {
            let (r, c) = (i / width, i % width);
            let border = r == 0 || c == 0 || r + 1 == height || c + 1 == width;
            if floor[i] && !border {
                Tile::Floor
            } else {
                Tile::Wall
            }
        })
        .collect()
}

/// The player's cell and one target cell per box, all distinct floor.
fn place(tiles: &[Tile], boxes: usize, rng: &mut impl Rng) -> Option<(u8, Vec<u8>)> {
    let mut free: Vec<u8> = (0..tiles.len())
        .filter(|&i| tiles[i] == Tile::Floor)
        .map(|i| i as u8)
        .collect();
    if free.len() <= boxes + 1 {
        return None;
    }
    let player = free.remove(rng.random_range(0..free.len()));
    let targets = (0..boxes)
        .map(|_| free.remove(rng.random_range(0..free.len())))
        .collect();
    Some((player, targets))
}

struct Room<'a> {
    width: usize,
    tiles: &'a [Tile],
    /// Box i starts on target i.
    targets: &'a [u8],
}

/// One reverse-play node: boxes in identity order (box i came from target i).
#[derive(Clone, Copy)]
struct Node {
    player: u8,
    boxes: [u8; MAX_BOXES],
    pulls: u32,
    ttl: i64,
    next_action: u8,
}

impl Room<'_> {
    fn free(&self, cell: usize, boxes: &[u8]) -> bool {
        self.tiles.get(cell).is_some_and(|t| *t != Tile::Wall) && !boxes.contains(&(cell as u8))
    }

    fn key(&self, player: u8, boxes: &[u8]) -> u64 {
        let mut sorted = [0u8; MAX_BOXES];
        sorted[..boxes.len()].copy_from_slice(boxes);
        sorted[..boxes.len()].sort_unstable();
        pack(player, &sorted[..boxes.len()])
    }

    /// gym's score: pulls × total displacement, 0 with anything on a target.
    fn score(&self, player: u8, boxes: &[u8], pulls: u32) -> u64 {
        let on_target = |c: u8| self.tiles[c as usize] == Tile::Target;
        if on_target(player) || boxes.iter().any(|&b| on_target(b)) {
            return 0;
        }
        let w = self.width as i64;
        let displacement: i64 = boxes
            .iter()
            .zip(self.targets)
            .map(|(&b, &t)| {
                let (b, t) = (b as i64, t as i64);
                (b / w - t / w).abs() + (b % w - t % w).abs()
            })
            .sum();
        pulls as u64 * displacement as u64
    }

    /// Actions 0..4 pull (up, down, left, right), 4..8 only move, as gym's
    /// `reverse_move`: the player steps to a free cell, and a pull drags
    /// the box behind it into the cell it left.
    fn reverse_move(&self, n: &Node, action: u8, k: usize) -> Option<(u8, [u8; MAX_BOXES], bool)> {
        let m = super::level::Move::ALL[(action % 4) as usize];
        let d = m.offset(self.width);
        let p = n.player as usize;
        let next = p.wrapping_add_signed(d);
        if !self.free(next, &n.boxes[..k]) {
            return None;
        }
        let mut boxes = n.boxes;
        let mut pulled = false;
        if action < 4 {
            let behind = p.wrapping_add_signed(-d) as u8;
            if let Some(i) = boxes[..k].iter().position(|&b| b == behind) {
                boxes[i] = p as u8;
                pulled = true;
            }
        }
        Some((next as u8, boxes, pulled))
    }

    /// The best-scoring start found by reverse play, if any scores above 0.
    fn reverse_play(&self, player: u8, cfg: &GenConfig) -> Option<State> {
        let k = self.targets.len();
        let mut boxes = [0u8; MAX_BOXES];
        boxes[..k].copy_from_slice(self.targets);
        let mut explored: HashSet<u64, KeyHasher> =
            HashSet::with_capacity_and_hasher(4096, KeyHasher::default());
        let mut best: (i128, u8, [u8; MAX_BOXES]) = (-1, player, boxes);
        let mut stack: Vec<Node> = Vec::with_capacity(cfg.reverse_depth as usize + 1);
        // gym's depth_first_search entry: decrement ttl, stop at 0 or at the
        // state cap, skip explored states, score, then expand in order.
        let mut enter = |player: u8,
                         boxes: [u8; MAX_BOXES],
                         pulls: u32,
                         ttl: i64,
                         stack: &mut Vec<Node>,
                         explored: &mut HashSet<u64, KeyHasher>| {
            let ttl = ttl - 1;
            if ttl <= 0 || explored.len() >= cfg.reverse_states {
                return;
            }
            if !explored.insert(self.key(player, &boxes[..k])) {
                return;
            }
            let score = self.score(player, &boxes[..k], pulls) as i128;
            if score > best.0 {
                best = (score, player, boxes);
            }
            stack.push(Node {
                player,
                boxes,
                pulls,
                ttl,
                next_action: 0,
            });
        };
        enter(
            player,
            boxes,
            0,
            cfg.reverse_depth as i64,
            &mut stack,
            &mut explored,
        );
        while let Some(top) = stack.last_mut() {
            if top.next_action >= 8 || explored.len() >= cfg.reverse_states {
                stack.pop();
                continue;
            }
            let action = top.next_action;
            top.next_action += 1;
            let node = *top;
            if let Some((p, b, pulled)) = self.reverse_move(&node, action, k) {
                let pulls = node.pulls + pulled as u32;
                enter(p, b, pulls, node.ttl, &mut stack, &mut explored);
            }
        }
        let (score, player, boxes) = best;
        (score > 0).then(|| State {
            player,
            boxes: boxes[..k].to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn levels_are_seeded_and_have_a_wall_border() {
        let cfg = GenConfig::default();
        let a = generate(&cfg, 7, 7, 2, &mut ChaCha8Rng::seed_from_u64(3)).unwrap();
        let b = generate(&cfg, 7, 7, 2, &mut ChaCha8Rng::seed_from_u64(3)).unwrap();
        let c = generate(&cfg, 7, 7, 2, &mut ChaCha8Rng::seed_from_u64(4)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        // Level::new checked the border; the text shows it too.
        let text = a.text();
        assert!(text.lines().next().unwrap().chars().all(|c| c == '#'));
        assert_eq!(a.boxes(), 2);
    }

    #[test]
    fn no_box_and_no_player_start_on_a_target() {
        let cfg = GenConfig::default();
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for (w, h, n) in [(6, 6, 1), (8, 7, 3), (10, 10, 4)] {
            for _ in 0..10 {
                let level = generate(&cfg, w, h, n, &mut rng).unwrap();
                let s = level.start();
                assert!(!level.is_target(s.player as usize), "{level}");
                assert!(s.boxes.iter().all(|&b| !level.is_target(b as usize)));
            }
        }
    }

    #[test]
    fn masks_stamp_floor_only_inside_the_border() {
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        for _ in 0..50 {
            let t = topology(6, 9, 25, 0.35, &mut rng);
            assert_eq!(t.len(), 54);
            assert!(t.contains(&Tile::Floor));
            for c in 0..6 {
                assert_eq!(t[c], Tile::Wall);
                assert_eq!(t[8 * 6 + c], Tile::Wall);
            }
        }
    }

    #[test]
    fn bad_sizes_and_counts_are_refused() {
        let cfg = GenConfig::default();
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        assert!(generate(&cfg, 4, 7, 1, &mut rng).is_err());
        assert!(generate(&cfg, 7, 17, 1, &mut rng).is_err());
        assert!(generate(&cfg, 7, 7, 0, &mut rng).is_err());
        assert!(generate(&cfg, 7, 7, 8, &mut rng).is_err());
        let bad = GenConfig {
            p_change_direction: 1.5,
            ..GenConfig::default()
        };
        assert!(generate(&bad, 7, 7, 1, &mut rng).is_err());
    }
}
