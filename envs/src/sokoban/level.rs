//! The Sokoban board: fixed tiles (walls, floor, targets), the movable state
//! (player, boxes), one move with gym-sokoban's push semantics, and the text
//! grid (`#` wall, ` ` floor, `.` target, `$` box, `*` box on target, `@`
//! player, `+` player on target).
//!
//! Cells are indexed row-major (`row * width + col`) in a `u8`, so a level is
//! at most 16×16; the border is all wall, so a move never leaves the grid
//! and never wraps across a row.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

/// Largest side a level may have (cell indices fit in a `u8`).
pub const MAX_SIDE: usize = 16;
/// Most boxes a level may hold (a state packs into a `u64`, see [`State::key`]).
pub const MAX_BOXES: usize = 7;

/// One of the four moves; walking into a box pushes it (gym-sokoban's
/// "push" actions, the ones LMM-R1's answers name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
}

impl Move {
    /// In gym-sokoban's order (push up, down, left, right).
    pub const ALL: [Move; 4] = [Move::Up, Move::Down, Move::Left, Move::Right];

    pub fn name(self) -> &'static str {
        match self {
            Move::Up => "up",
            Move::Down => "down",
            Move::Left => "left",
            Move::Right => "right",
        }
    }

    /// The cell offset of this move on a grid `width` wide.
    #[inline]
    pub fn offset(self, width: usize) -> isize {
        match self {
            Move::Up => -(width as isize),
            Move::Down => width as isize,
            Move::Left => -1,
            Move::Right => 1,
        }
    }

    /// (row, col) change.
    pub fn delta(self) -> (i32, i32) {
        match self {
            Move::Up => (-1, 0),
            Move::Down => (1, 0),
            Move::Left => (0, -1),
            Move::Right => (0, 1),
        }
    }
}

/// A fixed tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tile {
    Wall,
    Floor,
    Target,
}

/// The movable part: where the player stands and where the boxes are
/// (sorted, so equal positions are equal states).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct State {
    pub player: u8,
    pub boxes: Vec<u8>,
}

impl State {
    /// The state packed into one `u64` (player, then the sorted boxes, a
    /// byte each): the key the generator and the solver hash.
    pub fn key(&self) -> u64 {
        pack(self.player, &self.boxes)
    }
}

/// Packs a player cell and sorted box cells (at most [`MAX_BOXES`]).
#[inline]
pub(crate) fn pack(player: u8, sorted_boxes: &[u8]) -> u64 {
    let mut k = player as u64;
    for (i, &b) in sorted_boxes.iter().enumerate() {
        k |= (b as u64) << (8 * (i + 1));
    }
    k
}

/// Why a level text or a level was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LevelError {
    #[error("level is {width}×{height}; each side must be in 3..={MAX_SIDE}")]
    Size { width: usize, height: usize },
    #[error("level row {row} is {len} wide, row 0 is {width}")]
    Ragged {
        row: usize,
        len: usize,
        width: usize,
    },
    #[error("unknown tile {0:?} (use # . $ * @ + or space)")]
    Tile(char),
    #[error("level needs exactly one player, found {0}")]
    Players(usize),
    #[error(
        "level has {boxes} boxes and {targets} targets; need as many of each, 1..={MAX_BOXES}"
    )]
    Boxes { boxes: usize, targets: usize },
    #[error("the border cell at row {row}, column {col} must be a wall")]
    Border { row: usize, col: usize },
    #[error("the player and the boxes must stand on distinct floor cells")]
    Placement,
}

/// A level: the fixed tiles and the start state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    width: usize,
    height: usize,
    tiles: Vec<Tile>,
    start: State,
}

impl Level {
    /// A level from its tiles (row-major) and start; checks the size, the
    /// wall border, and that boxes and targets match.
    pub fn new(
        width: usize,
        height: usize,
        tiles: Vec<Tile>,
        mut start: State,
    ) -> Result<Self, LevelError> {
        if !(3..=MAX_SIDE).contains(&width)
            || !(3..=MAX_SIDE).contains(&height)
            || tiles.len() != width * height
        {
            return Err(LevelError::Size { width, height });
        }
        for row in 0..height {
            for col in 0..width {
                let border = row == 0 || col == 0 || row + 1 == height || col + 1 == width;
                if border && tiles[row * width + col] != Tile::Wall {
                    return Err(LevelError::Border { row, col });
                }
            }
        }
        let targets = tiles.iter().filter(|t| **t == Tile::Target).count();
        start.boxes.sort_unstable();
        start.boxes.dedup();
        let boxes = start.boxes.len();
        let on_floor = |c: u8| tiles.get(c as usize).is_some_and(|t| *t != Tile::Wall);
        if boxes != targets || !(1..=MAX_BOXES).contains(&boxes) {
            return Err(LevelError::Boxes { boxes, targets });
        }
        if !on_floor(start.player)
            || !start.boxes.iter().all(|&b| on_floor(b))
            || start.boxes.contains(&start.player)
        {
            return Err(LevelError::Placement);
        }
        Ok(Self {
            width,
            height,
            tiles,
            start,
        })
    }

    /// Reads a text grid (`#`, ` `, `.`, `$`, `*`, `@`, `+`; `-` and `_`
    /// also mean floor). Short rows are padded with floor before the
    /// border check, so the border must still be walls.
    pub fn parse(text: &str) -> Result<Self, LevelError> {
        let rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let height = rows.len();
        let width = rows.first().map_or(0, |r| r.chars().count());
        if !(3..=MAX_SIDE).contains(&width) || !(3..=MAX_SIDE).contains(&height) {
            return Err(LevelError::Size { width, height });
        }
        let mut tiles = Vec::with_capacity(width * height);
        let mut players = Vec::new();
        let mut boxes = Vec::new();
        for (row, line) in rows.iter().enumerate() {
            let len = line.chars().count();
            if len != width {
                return Err(LevelError::Ragged { row, len, width });
            }
            for ch in line.chars() {
                let cell = tiles.len() as u8;
                let tile = match ch {
                    '#' => Tile::Wall,
                    ' ' | '-' | '_' => Tile::Floor,
                    '.' => Tile::Target,
                    '$' => {
                        boxes.push(cell);
                        Tile::Floor
                    }
                    '*' => {
                        boxes.push(cell);
                        Tile::Target
                    }
                    '@' => {
                        players.push(cell);
                        Tile::Floor
                    }
                    '+' => {
                        players.push(cell);
                        Tile::Target
                    }
                    c => return Err(LevelError::Tile(c)),
                };
                tiles.push(tile);
            }
        }
        if players.len() != 1 {
            return Err(LevelError::Players(players.len()));
        }
        Self::new(
            width,
            height,
            tiles,
            State {
                player: players[0],
                boxes,
            },
        )
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    pub fn tiles(&self) -> &[Tile] {
        &self.tiles
    }

    pub fn tile(&self, cell: usize) -> Tile {
        self.tiles.get(cell).copied().unwrap_or(Tile::Wall)
    }

    pub fn start(&self) -> &State {
        &self.start
    }

    pub fn boxes(&self) -> usize {
        self.start.boxes.len()
    }

    /// The same tiles with another state (for the solver and tests).
    pub fn with_state(&self, state: State) -> Result<Self, LevelError> {
        Self::new(self.width, self.height, self.tiles.clone(), state)
    }

    /// The cell one move away (always in the grid for a non-border cell).
    #[inline]
    pub fn neighbour(&self, cell: usize, m: Move) -> usize {
        cell.wrapping_add_signed(m.offset(self.width))
    }

    pub fn is_wall(&self, cell: usize) -> bool {
        self.tile(cell) == Tile::Wall
    }

    pub fn is_target(&self, cell: usize) -> bool {
        self.tile(cell) == Tile::Target
    }

    /// The start state's text grid.
    pub fn text(&self) -> String {
        Board::new(self).text()
    }
}

const WALL: u8 = 1;
const TARGET: u8 = 2;
const BOX: u8 = 4;

/// What one move did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Moved {
    /// The player changed cell.
    pub moved: bool,
    /// A box moved with it.
    pub pushed: bool,
    /// Change in the number of boxes on targets (−1, 0 or +1).
    pub on_target_delta: i8,
}

/// The live board an episode plays on: one flag byte per cell, so a move is
/// two lookups and at most three writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    width: usize,
    cells: Vec<u8>,
    player: usize,
    boxes: u32,
    on_target: u32,
}

impl Board {
    pub fn new(level: &Level) -> Self {
        let mut cells: Vec<u8> = level
            .tiles
            .iter()
            .map(|t| match t {
                Tile::Wall => WALL,
                Tile::Floor => 0,
                Tile::Target => TARGET,
            })
            .collect();
        let mut on_target = 0;
        for &b in &level.start.boxes {
            cells[b as usize] |= BOX;
            on_target += (cells[b as usize] & TARGET != 0) as u32;
        }
        Self {
            width: level.width,
            cells,
            player: level.start.player as usize,
            boxes: level.start.boxes.len() as u32,
            on_target,
        }
    }

    /// Plays one move: into a free cell it walks, into a box it pushes when
    /// the cell beyond is free, into a wall or a blocked box nothing happens.
    #[inline]
    pub fn step(&mut self, m: Move) -> Moved {
        let d = m.offset(self.width);
        let next = self.player.wrapping_add_signed(d);
        let at = |c: usize, cells: &[u8]| cells.get(c).copied().unwrap_or(WALL);
        let c = at(next, &self.cells);
        if c & WALL != 0 {
            return Moved::default();
        }
        let mut out = Moved {
            moved: true,
            ..Moved::default()
        };
        if c & BOX != 0 {
            let beyond = next.wrapping_add_signed(d);
            let b = at(beyond, &self.cells);
            if b & (WALL | BOX) != 0 {
                return Moved::default();
            }
            self.cells[next] &= !BOX;
            self.cells[beyond] |= BOX;
            out.pushed = true;
            out.on_target_delta = (b & TARGET != 0) as i8 - (c & TARGET != 0) as i8;
            self.on_target = (self.on_target as i32 + out.on_target_delta as i32) as u32;
        }
        self.player = next;
        out
    }

    pub fn solved(&self) -> bool {
        self.on_target == self.boxes
    }

    pub fn boxes_on_target(&self) -> u32 {
        self.on_target
    }

    pub fn boxes(&self) -> u32 {
        self.boxes
    }

    pub fn player(&self) -> usize {
        self.player
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.cells.len() / self.width.max(1)
    }

    /// The movable state (boxes sorted).
    pub fn state(&self) -> State {
        State {
            player: self.player as u8,
            boxes: self.box_cells().collect(),
        }
    }

    /// The packed state key without allocating.
    pub fn key(&self) -> u64 {
        let mut boxes = [0u8; MAX_BOXES];
        let mut n = 0;
        for b in self.box_cells() {
            if n < MAX_BOXES {
                boxes[n] = b;
                n += 1;
            }
        }
        pack(self.player as u8, &boxes[..n])
    }

    fn box_cells(&self) -> impl Iterator<Item = u8> + '_ {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| **c & BOX != 0)
            .map(|(i, _)| i as u8)
    }

    /// What stands on a cell, as the text grid writes it.
    pub fn glyph(&self, cell: usize) -> char {
        let c = self.cells.get(cell).copied().unwrap_or(WALL);
        let player = cell == self.player;
        match (c & WALL != 0, c & TARGET != 0, c & BOX != 0, player) {
            (true, ..) => '#',
            (_, true, true, _) => '*',
            (_, false, true, _) => '$',
            (_, true, false, true) => '+',
            (_, false, false, true) => '@',
            (_, true, false, false) => '.',
            _ => ' ',
        }
    }

    /// The text grid, one line per row. Step mode writes this on every
    /// move, so it goes a row at a time through a flag → glyph table (no
    /// division or branch chain per cell); the player's cell is the one
    /// written apart. Equal to [`Board::glyph`] cell by cell (tested).
    pub fn text(&self) -> String {
        // Indexed by the WALL | TARGET | BOX bits; a wall is never a target
        // or under a box. Every glyph is ASCII, so the grid is built as bytes
        // (pushing `char`s re-encodes and re-checks capacity per cell).
        const GLYPH: [u8; 8] = *b" #.#$#*#";
        let w = self.width.max(1);
        let mut grid = Vec::with_capacity(self.cells.len() + self.cells.len() / w);
        for (r, row) in self.cells.chunks(w).enumerate() {
            if r > 0 {
                grid.push(b'\n');
            }
            grid.extend(row.iter().map(|&c| GLYPH[(c & 7) as usize]));
            if let Some(p) = self.player.checked_sub(r * w).filter(|&p| p < row.len()) {
                let at = grid.len() - row.len() + p;
                grid[at] = self.glyph(r * w + p) as u8;
            }
        }
        String::from_utf8(grid).expect("the glyphs are ASCII")
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl std::fmt::Display for Board {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())?;
        f.write_char('\n')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEVEL: &str = "\
#######
#     #
# @$ .#
#  $  #
#   . #
#######";

    #[test]
    fn a_level_text_round_trips() {
        let level = Level::parse(LEVEL).unwrap();
        assert_eq!(level.text(), LEVEL);
        assert_eq!((level.width(), level.height(), level.boxes()), (7, 6, 2));
    }

    #[test]
    fn walking_into_a_box_pushes_it_unless_blocked() {
        let level = Level::parse(LEVEL).unwrap();
        let mut b = Board::new(&level);
        let r = b.step(Move::Right);
        assert!(r.moved && r.pushed && r.on_target_delta == 0);
        let r = b.step(Move::Right);
        assert_eq!(r.on_target_delta, 1);
        assert_eq!(b.boxes_on_target(), 1);
        // The box now sits against the wall: pushing again does nothing.
        assert_eq!(b.step(Move::Right), Moved::default());
        let r = b.step(Move::Right);
        assert!(!r.moved);
        assert!(b.text().contains("#   @*#"), "{b}");
        // Walls stop the player.
        for _ in 0..5 {
            b.step(Move::Up);
        }
        assert_eq!(b.player() / 7, 1);
    }

    #[test]
    fn the_player_on_a_target_and_boxes_on_targets_print_as_plus_and_star() {
        let text = "######\n#+*. #\n# $$ #\n######";
        let level = Level::parse(text).unwrap();
        assert_eq!(level.text(), text);
        assert_eq!(Board::new(&level).boxes_on_target(), 1);
    }

    #[test]
    fn bad_level_texts_name_the_problem() {
        let err = |t: &str| Level::parse(t).unwrap_err().to_string();
        assert!(err("#####\n#@$ #\n#####").contains("1 boxes and 0 targets"));
        assert!(err("#####\n# $.#\n#####").contains("exactly one player"));
        assert!(err("#####\n#@$.#\n#### ").contains("border"));
        assert!(err("#####\n#@$.x\n#####").contains("'x'"));
        assert!(err("#####\n#@$.#\n####").contains("row 2 is 4 wide"));
        assert!(err("##\n##").contains("3..=16"));
    }

    #[test]
    fn the_text_grid_is_the_glyph_of_every_cell_on_a_long_walk() {
        // The player visits every row and column position, on floor and on
        // targets, while boxes move on and off targets.
        let level = Level::parse("######\n#+*. #\n# $$ #\n#    #\n######").unwrap();
        let mut b = Board::new(&level);
        let by_glyph = |b: &Board| {
            let w = b.width();
            (0..w * b.height())
                .map(|c| {
                    let g = b.glyph(c).to_string();
                    if (c + 1) % w == 0 && c + 1 < w * b.height() {
                        g + "\n"
                    } else {
                        g
                    }
                })
                .collect::<String>()
        };
        for k in 0..400 {
            assert_eq!(b.text(), by_glyph(&b), "move {k}");
            b.step(Move::ALL[(k * 7 + k / 5) % 4]);
        }
    }

    #[test]
    fn keys_differ_by_player_and_boxes() {
        let level = Level::parse(LEVEL).unwrap();
        let mut b = Board::new(&level);
        let k0 = b.key();
        assert_eq!(k0, level.start().key());
        b.step(Move::Left);
        assert_ne!(b.key(), k0);
        assert_eq!(b.key(), b.state().key());
    }
}
