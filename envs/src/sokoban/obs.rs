//! What the policy sees: the text grid (see [`level`](super::level)) and/or a
//! frame in gym-sokoban's tile style, drawn from its 16 px surfaces' colours
//! (read at source, `gym_sokoban/envs/surface/*.png`): brick walls
//! (176, 61, 0) with mortar (176, 154, 142), black floor, targets as a red
//! (239, 22, 22) square outline with a dot, boxes orange (215, 114, 0) with
//! a yellow (215, 196, 0) cross panel (red (238, 0, 0) on a target), the
//! player a green (41, 202, 26) figure (on a red outline when on a target).

use serde::{Deserialize, Serialize};

use super::level::Board;
use crate::Frame;
use rulegym_render::Canvas;

/// Which views an observation carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObservationKind {
    /// One frame (LMM-R1: the level from one image).
    #[default]
    Frame,
    /// The text grid only (fast, for text policies).
    Text,
    /// The grid and the frame.
    Both,
}

impl ObservationKind {
    pub fn frames(self) -> bool {
        matches!(self, ObservationKind::Frame | ObservationKind::Both)
    }
    pub fn text(self) -> bool {
        matches!(self, ObservationKind::Text | ObservationKind::Both)
    }
}

const BRICK: [u8; 3] = [176, 61, 0];
const MORTAR: [u8; 3] = [176, 154, 142];
const FLOOR: [u8; 3] = [0, 0, 0];
const TARGET: [u8; 3] = [239, 22, 22];
const BOX: [u8; 3] = [215, 114, 0];
const BOX_PANEL: [u8; 3] = [215, 196, 0];
const BOX_ON_TARGET: [u8; 3] = [238, 0, 0];
const PLAYER: [u8; 3] = [41, 202, 26];

/// Draws the board with `tile`-pixel tiles.
pub fn render(board: &Board, tile: u32) -> Frame {
    let (w, h) = (board.width() as u32, board.height() as u32);
    let mut frame = Frame::filled(w * tile, h * tile, FLOOR);
    let mut c = Canvas::new(&mut frame);
    c.antialias = false;
    let t = tile as f32;
    for row in 0..h {
        for col in 0..w {
            let cell = (row * w + col) as usize;
            let (x, y) = (col as f32 * t, row as f32 * t);
            match board.glyph(cell) {
                '#' => wall(&mut c, x, y, t),
                '.' => target(&mut c, x, y, t),
                '$' => crate_tile(&mut c, x, y, t, BOX),
                '*' => crate_tile(&mut c, x, y, t, BOX_ON_TARGET),
                '@' => player(&mut c, x, y, t),
                '+' => {
                    target(&mut c, x, y, t);
                    player(&mut c, x, y, t);
                }
                _ => {}
            }
        }
    }
    frame
}

/// Bricks four rows high with mortar between, joints staggered per course.
fn wall(c: &mut Canvas, x: f32, y: f32, t: f32) {
    let u = t / 16.0;
    c.fill_rect(x, y, t, t, BRICK);
    for my in [4.0, 10.0] {
        c.fill_rect(x, y + my * u, t, 2.0 * u, MORTAR);
    }
    for (top, joints) in [(0.0, [5.0, 12.0]), (6.0, [3.0, 11.0]), (12.0, [5.0, 12.0])] {
        for j in joints {
            c.fill_rect(x + j * u, y + top * u, u, 4.0 * u, MORTAR);
        }
    }
}

fn target(c: &mut Canvas, x: f32, y: f32, t: f32) {
    let u = t / 16.0;
    c.fill_rect(x + u, y + u, 14.0 * u, u, TARGET);
    c.fill_rect(x + u, y + 14.0 * u, 14.0 * u, u, TARGET);
    c.fill_rect(x + u, y + u, u, 14.0 * u, TARGET);
    c.fill_rect(x + 14.0 * u, y + u, u, 14.0 * u, TARGET);
    c.fill_rect(x + 6.0 * u, y + 6.0 * u, 4.0 * u, 4.0 * u, TARGET);
}

fn crate_tile(c: &mut Canvas, x: f32, y: f32, t: f32, frame: [u8; 3]) {
    let u = t / 16.0;
    c.fill_rect(x, y, t, t, frame);
    c.fill_rect(x + 3.0 * u, y + 2.0 * u, 10.0 * u, 12.0 * u, BOX_PANEL);
    // The cross over the panel, one pixel-row of the tile at a time.
    for k in 0..10 {
        let (py, d) = (y + (3.0 + k as f32) * u, k as f32);
        c.fill_rect(x + (3.0 + d) * u, py, 2.0 * u, u, frame);
        c.fill_rect(x + (11.0 - d) * u, py, 2.0 * u, u, frame);
    }
}

/// gym-sokoban's green figure: head, body, arms and legs.
fn player(c: &mut Canvas, x: f32, y: f32, t: f32) {
    let u = t / 16.0;
    c.fill_rect(x + 5.0 * u, y + 2.0 * u, 6.0 * u, 4.0 * u, PLAYER);
    c.fill_rect(x + 3.0 * u, y + 6.0 * u, 10.0 * u, 5.0 * u, PLAYER);
    c.fill_rect(x + u, y + 7.0 * u, 2.0 * u, 3.0 * u, PLAYER);
    c.fill_rect(x + 13.0 * u, y + 7.0 * u, 2.0 * u, 3.0 * u, PLAYER);
    c.fill_rect(x + 4.0 * u, y + 11.0 * u, 3.0 * u, 4.0 * u, PLAYER);
    c.fill_rect(x + 9.0 * u, y + 11.0 * u, 3.0 * u, 4.0 * u, PLAYER);
    c.fill_rect(x + 6.0 * u, y + 3.0 * u, u, u, FLOOR);
    c.fill_rect(x + 9.0 * u, y + 3.0 * u, u, u, FLOOR);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sokoban::level::Level;

    #[test]
    fn each_tile_kind_has_its_gym_colour_at_its_centre_or_edge() {
        let level = Level::parse("######\n#@$. #\n#  * #\n#    #\n######").unwrap();
        let f = render(&Board::new(&level), 16);
        assert_eq!((f.width(), f.height()), (96, 80));
        let px =
            |col: u32, row: u32, dx: u32, dy: u32| f.get(col * 16 + dx, row * 16 + dy).unwrap();
        assert_eq!(px(0, 0, 0, 0), BRICK);
        assert_eq!(px(0, 0, 0, 4), MORTAR);
        assert_eq!(px(4, 1, 8, 8), FLOOR);
        assert_eq!(px(3, 1, 1, 8), TARGET);
        assert_eq!(px(3, 1, 8, 8), TARGET);
        assert_eq!(px(3, 1, 4, 8), FLOOR);
        assert_eq!(px(2, 1, 0, 0), BOX);
        assert_eq!(px(2, 1, 8, 3), BOX_PANEL);
        assert_eq!(px(3, 2, 0, 0), BOX_ON_TARGET);
        assert_eq!(px(1, 1, 8, 8), PLAYER);
        // The player on a target keeps the target's outline around it.
        let level = Level::parse("#####\n#+ $#\n#####").unwrap();
        let f = render(&Board::new(&level), 16);
        assert_eq!(f.get(16 + 8, 16 + 8), Some(PLAYER));
        assert_eq!(f.get(16 + 1, 16 + 1), Some(TARGET));
    }

    #[test]
    fn tiles_scale() {
        let level = Level::parse("#####\n#@$.#\n#####").unwrap();
        let f = render(&Board::new(&level), 8);
        assert_eq!((f.width(), f.height()), (40, 24));
    }
}
