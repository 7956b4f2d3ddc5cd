//! Drawing in design units: every figure is laid out on a 448 × 448 page
//! and scaled to the configured frame size, so one layout serves 224 to
//! 1024 px frames. Text keeps a floor of 0.6 × its design size, so labels
//! stay legible in small frames.

use rulegym_render::canvas2d::Anchor;
use rulegym_render::Canvas;

/// Side of the design page.
pub const PAGE: f32 = 448.0;

pub const INK: [u8; 3] = [20, 20, 20];
pub const GRID: [u8; 3] = [215, 215, 215];
pub const PAPER: [u8; 3] = [255, 255, 255];
/// Series and slice colours, distinct for colour-blind readers (Okabe–Ito).
pub const PALETTE: [[u8; 3]; 6] = [
    [0, 114, 178],
    [230, 159, 0],
    [0, 158, 115],
    [204, 121, 167],
    [86, 180, 233],
    [213, 94, 0],
];

/// A canvas with a design-to-pixel scale.
pub struct Pen<'a, 'b> {
    pub c: &'a mut Canvas<'b>,
    k: f32,
    text_k: f32,
}

impl<'a, 'b> Pen<'a, 'b> {
    pub fn new(c: &'a mut Canvas<'b>) -> Self {
        let k = c.width().min(c.height()) as f32 / PAGE;
        Self {
            c,
            k,
            text_k: k.max(0.6),
        }
    }

    pub fn line(&mut self, a: (f32, f32), b: (f32, f32), w: f32, rgb: [u8; 3]) {
        let k = self.k;
        self.c
            .line(a.0 * k, a.1 * k, b.0 * k, b.1 * k, (w * k).max(1.0), rgb);
    }

    pub fn polyline(&mut self, pts: &[(f32, f32)], w: f32, rgb: [u8; 3]) {
        for s in pts.windows(2) {
            self.line(s[0], s[1], w, rgb);
        }
    }

    /// A closed outline.
    pub fn outline(&mut self, pts: &[(f32, f32)], w: f32, rgb: [u8; 3]) {
        for i in 0..pts.len() {
            self.line(pts[i], pts[(i + 1) % pts.len()], w, rgb);
        }
    }

    pub fn fill_polygon(&mut self, pts: &[(f32, f32)], rgb: [u8; 3]) {
        let k = self.k;
        let mut buf = [(0.0f32, 0.0f32); 64];
        let n = pts.len().min(buf.len());
        for (d, p) in buf.iter_mut().zip(pts) {
            *d = (p.0 * k, p.1 * k);
        }
        self.c.fill_polygon(&buf[..n], rgb);
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: [u8; 3]) {
        let k = self.k;
        self.c.fill_rect(x * k, y * k, w * k, h * k, rgb);
    }

    pub fn fill_circle(&mut self, c: (f32, f32), r: f32, rgb: [u8; 3]) {
        let k = self.k;
        self.c.fill_circle(c.0 * k, c.1 * k, (r * k).max(1.0), rgb);
    }

    /// An arc as a polyline (cheaper than the canvas's per-pixel arc for
    /// large radii), from `a0` to `a1` radians, counter-clockwise as in
    /// mathematics (y up on the page).
    pub fn arc(&mut self, c: (f32, f32), r: f32, a0: f32, a1: f32, w: f32, rgb: [u8; 3]) {
        let n = (((a1 - a0).abs() * r / 6.0).ceil() as usize).clamp(4, 63);
        let mut pts = [(0.0f32, 0.0f32); 64];
        for (i, p) in pts.iter_mut().enumerate().take(n + 1) {
            let a = a0 + (a1 - a0) * i as f32 / n as f32;
            *p = (c.0 + r * a.cos(), c.1 - r * a.sin());
        }
        self.polyline(&pts[..=n], w, rgb);
    }

    /// A filled circular sector (a polygon fan), counter-clockwise.
    pub fn fill_sector(&mut self, c: (f32, f32), r: f32, a0: f32, a1: f32, rgb: [u8; 3]) {
        let n = (((a1 - a0).abs() * r / 8.0).ceil() as usize).clamp(2, 62);
        let mut pts = [(0.0f32, 0.0f32); 64];
        pts[0] = c;
        for i in 0..=n {
            let a = a0 + (a1 - a0) * i as f32 / n as f32;
            pts[i + 1] = (c.0 + r * a.cos(), c.1 - r * a.sin());
        }
        self.fill_polygon(&pts[..n + 2], rgb);
    }

    /// One line of text at `size` design pixels per em, anchored at `at`
    /// (the middle of its capitals).
    pub fn text(&mut self, at: (f32, f32), size: f32, anchor: Anchor, s: &str, rgb: [u8; 3]) {
        let k = self.k;
        self.c
            .text_at(at.0 * k, at.1 * k, size * self.text_k, anchor, s, rgb);
    }

    /// Design width of a label.
    pub fn text_width(&self, s: &str, size: f32) -> f32 {
        rulegym_render::canvas2d::text_width(s, size * self.text_k) / self.k
    }
}
