//! The rendered frame: a top-down pitch with its lines, both teams in their
//! colours with shirt numbers, the controlled player ringed and flagged, the
//! ball with a shadow that separates as it rises, and a score/clock banner.

use rulegym_render::{Canvas, Frame};
use serde::{Deserialize, Serialize};

use super::super::sim::state::{Team, GOAL_HALF_W, HALF_X, HALF_Y};
use super::super::sim::vec::V2;
use super::super::sim::World;

/// Frame size and quality.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FrameStyle {
    pub width: u32,
    pub height: u32,
    pub antialias: bool,
}

impl Default for FrameStyle {
    fn default() -> Self {
        Self {
            width: 448,
            height: 256,
            antialias: true,
        }
    }
}

pub const LEFT_COLOUR: [u8; 3] = [250, 210, 40];
pub const RIGHT_COLOUR: [u8; 3] = [40, 90, 225];
const GRASS: [[u8; 3]; 2] = [[58, 146, 62], [50, 132, 55]];
const SURROUND: [u8; 3] = [34, 102, 42];
const LINE: [u8; 3] = [235, 240, 235];
const BANNER: [u8; 3] = [20, 24, 30];

/// World → pixel mapping.
struct View {
    x0: f32,
    y0: f32,
    sx: f32,
    sy: f32,
}

impl View {
    fn px(&self, p: V2) -> (f32, f32) {
        (
            self.x0 + (p.x + 1.08) * self.sx,
            self.y0 + (p.y + 0.47) * self.sy,
        )
    }
}

/// Draws the world; `controlled` players (active first) are marked.
pub fn render(w: &World, controlled: &[usize], style: &FrameStyle) -> Frame {
    let (fw, fh) = (style.width.max(8), style.height.max(8));
    let mut frame = Frame::filled(fw, fh, SURROUND);
    let mut c = Canvas::new(&mut frame);
    c.antialias = style.antialias;
    let banner = if fh >= 40 {
        (fh as f32 / 14.0).clamp(9.0, 24.0)
    } else {
        0.0
    };
    let view = View {
        x0: 0.0,
        y0: banner,
        sx: fw as f32 / 2.16,
        sy: (fh as f32 - banner) / 0.94,
    };
    let unit = view.sx.min(view.sy);
    draw_pitch(&mut c, &view, unit);
    draw_players(&mut c, &view, unit, w, controlled);
    draw_ball(&mut c, &view, unit, w);
    if banner > 0.0 {
        draw_banner(&mut c, w, banner);
    }
    frame
}

fn draw_pitch(c: &mut Canvas, v: &View, unit: f32) {
    let (ax, ay) = v.px(V2::new(-HALF_X, -HALF_Y));
    let (bx, by) = v.px(V2::new(HALF_X, HALF_Y));
    let bands = 10;
    let bw = (bx - ax) / bands as f32;
    for k in 0..bands {
        c.fill_rect(ax + k as f32 * bw, ay, bw + 0.5, by - ay, GRASS[k % 2]);
    }
    let t = (unit * 0.006).max(1.0);
    c.stroke_rect(ax, ay, bx - ax, by - ay, t, LINE);
    let (mx, _) = v.px(V2::ZERO);
    c.line(mx, ay, mx, by, t, LINE);
    let (cx, cy) = v.px(V2::ZERO);
    c.stroke_circle(cx, cy, 0.174 * unit, t, LINE);
    c.fill_circle(cx, cy, t * 1.2, LINE);
    for s in [-1.0f32, 1.0] {
        for (depth, half) in [(0.3, 0.24), (0.1, 0.1)] {
            let (px0, py0) = v.px(V2::new(s * HALF_X, -half));
            let (px1, py1) = v.px(V2::new(s * (HALF_X - depth), half));
            c.polyline(&[(px0, py0), (px1, py0), (px1, py1), (px0, py1)], t, LINE);
        }
        let (sx, sy) = v.px(V2::new(s * (HALF_X - 0.2), 0.0));
        c.fill_circle(sx, sy, t * 1.2, LINE);
        // The goal: a net box behind the line.
        let (gx0, gy0) = v.px(V2::new(s * HALF_X, -GOAL_HALF_W));
        let (gx1, gy1) = v.px(V2::new(s * (HALF_X + 0.035), GOAL_HALF_W));
        let (lx, rx) = (gx0.min(gx1), gx0.max(gx1));
        c.fill_rect(lx, gy0, rx - lx, gy1 - gy0, [200, 205, 200]);
        c.stroke_rect(lx, gy0, rx - lx, gy1 - gy0, t, LINE);
    }
}

fn draw_players(c: &mut Canvas, v: &View, unit: f32, w: &World, controlled: &[usize]) {
    let r = (0.034 * unit).clamp(2.0, 18.0);
    for (i, p) in w.players.iter().enumerate() {
        let (x, y) = v.px(p.pos);
        let (fill, ink) = match p.team {
            Team::Left => (LEFT_COLOUR, [20, 20, 20]),
            Team::Right => (RIGHT_COLOUR, [255, 255, 255]),
        };
        if controlled.contains(&i) {
            let ring = if controlled.first() == Some(&i) {
                [255, 255, 255]
            } else {
                [200, 200, 200]
            };
            c.stroke_circle(x, y, r + 2.5, (r * 0.25).max(1.0), ring);
            let tip = y - r - 3.0;
            let h = (r * 0.8).max(3.0);
            c.fill_polygon(
                &[(x, tip), (x - h * 0.6, tip - h), (x + h * 0.6, tip - h)],
                ring,
            );
        }
        c.fill_circle(x, y, r + 0.8, [15, 15, 15]);
        c.fill_circle(x, y, r, fill);
        if p.is_keeper() {
            c.stroke_circle(x, y, r * 0.55, 1.0, ink);
        } else if r >= 5.0 {
            // Shirt numbers: capitals about 1.4 r tall.
            c.text_centered(x, y, r * 1.4 / 0.729, &p.number.to_string(), ink);
        }
        // Facing tick.
        let f = p.facing;
        c.line(
            x + f.x * r * 0.6,
            y + f.y * r * 0.6,
            x + f.x * r * 1.2,
            y + f.y * r * 1.2,
            1.0,
            ink,
        );
    }
}

fn draw_ball(c: &mut Canvas, v: &View, unit: f32, w: &World) {
    let rb = (0.01 * unit).clamp(1.5, 6.0);
    let (x, y) = v.px(w.ball.pos);
    c.fill_circle(x + rb * 0.4, y + rb * 0.4, rb * 0.9, [22, 60, 26]);
    let lift = w.ball.z * v.sy * 1.5;
    c.fill_circle(x, y - lift, rb + 0.7, [10, 10, 10]);
    c.fill_circle(x, y - lift, rb, [255, 255, 255]);
}

fn draw_banner(c: &mut Canvas, w: &World, h: f32) {
    let fw = c.width() as f32;
    c.fill_rect(0.0, 0.0, fw, h, BANNER);
    // Capitals half the banner's height.
    let px = (h * 0.5 / 0.729).max(6.0);
    let (mins, secs) = w.clock();
    let text = format!("{} - {}  {:02}:{:02}", w.score[0], w.score[1], mins, secs);
    c.text_centered(fw * 0.5, h * 0.5, px, &text, [255, 255, 255]);
    let sq = h * 0.6;
    c.fill_rect(h * 0.3, h * 0.2, sq, sq, LEFT_COLOUR);
    c.fill_rect(fw - h * 0.3 - sq, h * 0.2, sq, sq, RIGHT_COLOUR);
}
