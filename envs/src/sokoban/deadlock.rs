//! Dead-lock detection: states from which no sequence of moves solves the
//! level, found without search.
//!
//! - **Dead squares**: cells from which a box can never reach any target,
//!   found by pulling a box backwards from every target (a box can reach a
//!   target only from cells a pull from that target reaches). Every
//!   non-target corner is one, and so is a wall stretch with no target.
//! - **Frozen boxes**: a box that can move along neither axis, because on
//!   that axis a wall is beside it, both neighbours are dead squares, or a
//!   neighbour is a box that is itself frozen (checked with this box taken
//!   as a wall, so 2×2 blocks and box-against-box lines are caught). A
//!   frozen box off its target never moves again.
//!
//! Both tests are sound (a flagged state is unsolvable); neither is
//! complete. The solver prunes with dead squares; the env reports both.

use super::level::{Level, Move, State, Tile};

/// Per-cell facts the detector and the solver read.
#[derive(Debug, Clone)]
pub struct DeadMap {
    width: usize,
    wall: Vec<bool>,
    target: Vec<bool>,
    dead: Vec<bool>,
}

impl DeadMap {
    pub fn new(level: &Level) -> Self {
        let n = level.tiles().len();
        let wall: Vec<bool> = level.tiles().iter().map(|t| *t == Tile::Wall).collect();
        let target: Vec<bool> = level.tiles().iter().map(|t| *t == Tile::Target).collect();
        let width = level.width();
        // Pulling a box from c to c + d needs the player at c + d, then
        // stepping to c + 2d.
        let mut live = vec![false; n];
        let mut queue: Vec<usize> = (0..n).filter(|&c| target[c]).collect();
        for &c in &queue {
            live[c] = true;
        }
        while let Some(c) = queue.pop() {
            for m in Move::ALL {
                let d = m.offset(width);
                let to = c.wrapping_add_signed(d);
                let player = to.wrapping_add_signed(d);
                let open = |x: usize| x < n && !wall[x];
                if open(to) && open(player) && !live[to] {
                    live[to] = true;
                    queue.push(to);
                }
            }
        }
        let dead = (0..n).map(|c| !wall[c] && !live[c]).collect();
        Self {
            width,
            wall,
            target,
            dead,
        }
    }

    /// A box on this floor cell can never reach a target.
    pub fn is_dead(&self, cell: usize) -> bool {
        self.dead.get(cell).copied().unwrap_or(false)
    }

    fn wall(&self, cell: usize) -> bool {
        self.wall.get(cell).copied().unwrap_or(true)
    }

    /// A non-target floor cell with walls on two orthogonal sides.
    pub fn is_corner(&self, cell: usize) -> bool {
        if self.wall(cell) || self.target.get(cell).copied().unwrap_or(false) {
            return false;
        }
        let w = |m: Move| self.wall(cell.wrapping_add_signed(m.offset(self.width)));
        (w(Move::Up) || w(Move::Down)) && (w(Move::Left) || w(Move::Right))
    }

    /// Can the box at `cell` never move again? `boxes` marks box cells;
    /// `as_wall` marks boxes already taken as walls in this check.
    fn frozen(&self, cell: usize, boxes: &[bool], as_wall: &mut Vec<usize>) -> bool {
        as_wall.push(cell);
        let blocked = |axis: [Move; 2], as_wall: &mut Vec<usize>| {
            let [a, b] = axis.map(|m| cell.wrapping_add_signed(m.offset(self.width)));
            let solid = |x: usize, aw: &Vec<usize>| self.wall(x) || aw.contains(&x);
            if solid(a, as_wall) || solid(b, as_wall) {
                return true;
            }
            if self.is_dead(a) && self.is_dead(b) {
                return true;
            }
            [a, b]
                .into_iter()
                .any(|x| boxes.get(x).copied().unwrap_or(false) && self.frozen(x, boxes, as_wall))
        };
        let out =
            blocked([Move::Left, Move::Right], as_wall) && blocked([Move::Up, Move::Down], as_wall);
        as_wall.retain(|&c| c != cell);
        out
    }

    /// What makes `state` dead-locked, if anything.
    pub fn deadlock(&self, state: &State) -> Option<Deadlock> {
        let mut boxes = vec![false; self.wall.len()];
        for &b in &state.boxes {
            if let Some(x) = boxes.get_mut(b as usize) {
                *x = true;
            }
        }
        let off_target = state
            .boxes
            .iter()
            .map(|&b| b as usize)
            .filter(|&b| !self.target.get(b).copied().unwrap_or(false));
        let mut as_wall = Vec::new();
        for b in off_target {
            if self.is_corner(b) {
                return Some(Deadlock::Corner(b));
            }
            if self.is_dead(b) {
                return Some(Deadlock::DeadSquare(b));
            }
            if self.frozen(b, &boxes, &mut as_wall) {
                return Some(Deadlock::Frozen(b));
            }
        }
        None
    }
}

/// Why a state is dead-locked, naming the box's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadlock {
    /// A box in a corner that is not a target.
    Corner(usize),
    /// A box on a cell from which no target can be reached.
    DeadSquare(usize),
    /// A box off target that can move along neither axis.
    Frozen(usize),
}

impl Deadlock {
    pub fn name(self) -> &'static str {
        match self {
            Deadlock::Corner(_) => "corner",
            Deadlock::DeadSquare(_) => "dead_square",
            Deadlock::Frozen(_) => "frozen",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(text: &str) -> Option<&'static str> {
        let level = Level::parse(text).unwrap();
        DeadMap::new(&level)
            .deadlock(level.start())
            .map(|d| d.name())
    }

    #[test]
    fn a_box_in_a_non_target_corner_is_dead_locked() {
        assert_eq!(dl("######\n#$  .#\n# @  #\n######"), Some("corner"));
        // The same corner holding the target is fine.
        assert_eq!(dl("######\n#*   #\n# @  #\n######"), None);
        assert_eq!(dl("######\n# $ .#\n# @  #\n######"), None);
    }

    #[test]
    fn a_box_on_a_wall_without_a_target_is_on_a_dead_square() {
        // Top row along the wall, no target on it: the box can only slide
        // along it.
        assert_eq!(
            dl("#######\n#  $  #\n#  @  #\n#  .  #\n#######"),
            Some("dead_square")
        );
        // A target on that wall makes it live.
        assert_eq!(dl("#######\n#  $ .#\n#  @  #\n#     #\n#######"), None);
    }

    #[test]
    fn boxes_frozen_together_are_dead_locked() {
        // A 2×2 block of boxes in open floor: none can move.
        let block = "\
########
#      #
# $$   #
# $$   #
#  @...#
#     .#
########";
        assert_eq!(dl(block), Some("frozen"));
        // Two boxes stacked along a wall: the wall stops them sideways and
        // each stops the other along the wall, though that wall has targets.
        let pair = "\
#######
#.    #
#$    #
#$ @  #
#.    #
#######";
        assert_eq!(dl(pair), Some("frozen"));
        // Mid-room: a wall above one box, a wall below the other.
        let line = "\
########
#      #
#  #   #
#  $$  #
#   #  #
#  @.. #
########";
        assert_eq!(dl(line), Some("frozen"));
        // With the lower wall gone the pair can be split.
        let open = "\
########
#      #
#  #   #
#  $$  #
#      #
#  @.. #
########";
        assert_eq!(dl(open), None);
    }

    #[test]
    fn corners_are_dead_squares() {
        let level = Level::parse("######\n#    #\n#  @.#\n#  $ #\n######").unwrap();
        let map = DeadMap::new(&level);
        for c in 0..level.tiles().len() {
            if map.is_corner(c) {
                assert!(map.is_dead(c), "corner {c} is live");
            }
        }
        assert!(map.is_corner(7));
    }
}
