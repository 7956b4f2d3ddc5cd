//! A small, fast 2D canvas over [`Frame`]: the drawing primitives that the
//! football renderer, the visual math figures and any other 2D view need,
//! with anti-aliased text in a real font ([`font`]).
//!
//! Coordinates are pixels as `f32` with (0, 0) the top-left corner of the top-left
//! pixel, so a pixel's centre is at (x + 0.5, y + 0.5). Colours are opaque RGB;
//! with anti-aliasing on, edge pixels blend the colour with what is already there
//! in proportion to their coverage (there is no alpha channel to carry).

pub mod font;
mod shapes;

pub use font::{line_metrics, text_width, Anchor, LineMetrics};

use crate::Frame;

/// Draws into a borrowed frame; every write outside the frame is clipped.
pub struct Canvas<'a> {
    frame: &'a mut Frame,
    /// Smooth the edges of lines and circles (costs a few percent).
    pub antialias: bool,
}

impl<'a> Canvas<'a> {
    pub fn new(frame: &'a mut Frame) -> Self {
        Self {
            frame,
            antialias: true,
        }
    }

    pub fn width(&self) -> u32 {
        self.frame.width()
    }

    pub fn height(&self) -> u32 {
        self.frame.height()
    }

    /// Fills the whole frame with one colour.
    pub fn clear(&mut self, rgb: [u8; 3]) {
        // One pixel, then doubling block copies (memcpy): a 448² frame is
        // cleared per rendered problem, and a per-pixel loop was a fifth of
        // a plot's drawing time.
        let data = self.frame.as_rgb_mut();
        if data.len() < 3 {
            return;
        }
        data[..3].copy_from_slice(&rgb);
        let mut filled = 3;
        while filled < data.len() {
            let n = filled.min(data.len() - filled);
            data.copy_within(..n, filled);
            filled += n;
        }
    }

    /// Blends `rgb` over the pixel (x, y) with coverage `c` in [0, 1].
    #[inline]
    fn blend(&mut self, x: i64, y: i64, rgb: [u8; 3], c: f32) {
        let (w, h) = (self.frame.width() as i64, self.frame.height() as i64);
        if x < 0 || y < 0 || x >= w || y >= h || c <= 0.0 {
            return;
        }
        let i = ((y * w + x) * 3) as usize;
        let data = self.frame.as_rgb_mut();
        if c >= 1.0 {
            data[i..i + 3].copy_from_slice(&rgb);
            return;
        }
        for k in 0..3 {
            let bg = data[i + k] as f32;
            data[i + k] = (bg + (rgb[k] as f32 - bg) * c + 0.5) as u8;
        }
    }

    /// Coverage of a pixel whose centre lies `d` pixels outside an edge
    /// (negative inside): a one-pixel ramp with anti-aliasing, a step without.
    #[inline]
    fn coverage(&self, d: f32) -> f32 {
        if self.antialias {
            (0.5 - d).clamp(0.0, 1.0)
        } else if d <= 0.0 {
            1.0
        } else {
            0.0
        }
    }

    /// Pixel bounds [x0, x1) × [y0, y1) of a box, clipped to the frame.
    fn clip_box(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> (i64, i64, i64, i64) {
        let w = self.frame.width() as i64;
        let h = self.frame.height() as i64;
        (
            (x0.floor() as i64).clamp(0, w),
            (y0.floor() as i64).clamp(0, h),
            (x1.ceil() as i64).clamp(0, w),
            (y1.ceil() as i64).clamp(0, h),
        )
    }

    /// Fills the axis-aligned rectangle covering pixel centres inside
    /// [x, x + w) × [y, y + h).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: [u8; 3]) {
        let fw = self.frame.width() as usize;
        let fh = self.frame.height() as i64;
        // Pixels whose centre p + 0.5 lies in [x, x + w).
        let edge = |v: f32, hi: i64| ((v - 0.5).ceil() as i64).clamp(0, hi);
        let (px0, px1) = (edge(x, fw as i64), edge(x + w, fw as i64));
        let (py0, py1) = (edge(y, fh), edge(y + h, fh));
        let data = self.frame.as_rgb_mut();
        for py in py0..py1 {
            let row = py as usize * fw;
            for px in px0..px1 {
                let i = (row + px as usize) * 3;
                data[i..i + 3].copy_from_slice(&rgb);
            }
        }
    }

    /// The outline of a rectangle, `thickness` pixels wide, centred on its edges.
    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, thickness: f32, rgb: [u8; 3]) {
        let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
        for i in 0..4 {
            let (a, b) = (pts[i], pts[(i + 1) % 4]);
            self.line(a.0, a.1, b.0, b.1, thickness, rgb);
        }
    }

    /// Writes one pixel (clipped).
    pub fn set_pixel(&mut self, x: i64, y: i64, rgb: [u8; 3]) {
        self.frame.put(x, y, rgb);
    }

    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 3]> {
        self.frame.get(x, y)
    }
}

#[cfg(test)]
mod tests;
