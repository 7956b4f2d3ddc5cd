//! Lines, circles and polygons, each drawn by testing pixel centres inside the
//! shape's bounding box against a distance (or crossing) function.

use super::Canvas;

impl Canvas<'_> {
    /// A straight line of the given thickness with round caps (a capsule).
    pub fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, thickness: f32, rgb: [u8; 3]) {
        let r = (thickness * 0.5).max(0.5);
        let pad = r + 1.0;
        let (bx0, by0, bx1, by1) = self.clip_box(
            x0.min(x1) - pad,
            y0.min(y1) - pad,
            x0.max(x1) + pad,
            y0.max(y1) + pad,
        );
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len2 = dx * dx + dy * dy;
        // Only pixels whose centre is within `reach` of the infinite line
        // can be covered (coverage is 0 from half a pixel outside the edge),
        // and on a row they form one run around the line's crossing: a
        // sloped line visits that run, not its whole bounding box (a
        // diagonal across a 448² plot was 130 k distance tests). The run
        // keeps a pixel of margin; the test against a whole-frame distance
        // test checks nothing covered is skipped.
        let reach = r + 0.5;
        let half_run = (dy.abs() > 1e-3).then(|| reach * len2.sqrt() / dy.abs());
        for py in by0..by1 {
            let cy = py as f32 + 0.5;
            let (rx0, rx1) = match half_run {
                Some(h) => {
                    let xc = x0 + (cy - y0) * dx / dy;
                    (
                        ((xc - h - 1.5).floor() as i64).clamp(bx0, bx1),
                        ((xc + h + 0.5).ceil() as i64).clamp(bx0, bx1),
                    )
                }
                None => (bx0, bx1),
            };
            for px in rx0..rx1 {
                let cx = px as f32 + 0.5;
                // Distance from the pixel centre to the segment.
                let t = if len2 > 0.0 {
                    (((cx - x0) * dx + (cy - y0) * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (qx, qy) = (x0 + t * dx - cx, y0 + t * dy - cy);
                let d2 = qx * qx + qy * qy;
                if d2 >= reach * reach {
                    continue;
                }
                let c = self.coverage(d2.sqrt() - r);
                self.blend(px, py, rgb, c);
            }
        }
    }

    /// A polyline through `points`, each segment `thickness` wide.
    pub fn polyline(&mut self, points: &[(f32, f32)], thickness: f32, rgb: [u8; 3]) {
        for w in points.windows(2) {
            self.line(w[0].0, w[0].1, w[1].0, w[1].1, thickness, rgb);
        }
    }

    /// A filled disc.
    pub fn fill_circle(&mut self, cx: f32, cy: f32, r: f32, rgb: [u8; 3]) {
        let (bx0, by0, bx1, by1) =
            self.clip_box(cx - r - 1.0, cy - r - 1.0, cx + r + 1.0, cy + r + 1.0);
        for py in by0..by1 {
            let dy = py as f32 + 0.5 - cy;
            for px in bx0..bx1 {
                let dx = px as f32 + 0.5 - cx;
                let d = (dx * dx + dy * dy).sqrt() - r;
                let c = self.coverage(d);
                self.blend(px, py, rgb, c);
            }
        }
    }

    /// A ring of radius `r` (centre of the stroke), `thickness` wide.
    pub fn stroke_circle(&mut self, cx: f32, cy: f32, r: f32, thickness: f32, rgb: [u8; 3]) {
        self.stroke_arc(cx, cy, r, 0.0, std::f32::consts::TAU, thickness, rgb);
    }

    /// Part of a ring between angles `a0` and `a1` (radians, clockwise on
    /// screen from +x since y points down).
    #[allow(clippy::too_many_arguments)]
    pub fn stroke_arc(
        &mut self,
        cx: f32,
        cy: f32,
        r: f32,
        a0: f32,
        a1: f32,
        thickness: f32,
        rgb: [u8; 3],
    ) {
        let half = (thickness * 0.5).max(0.5);
        let outer = r + half + 1.0;
        let full = (a1 - a0).abs() >= std::f32::consts::TAU - 1e-4;
        let (bx0, by0, bx1, by1) = self.clip_box(cx - outer, cy - outer, cx + outer, cy + outer);
        for py in by0..by1 {
            let dy = py as f32 + 0.5 - cy;
            for px in bx0..bx1 {
                let dx = px as f32 + 0.5 - cx;
                if !full {
                    let mut a = dy.atan2(dx);
                    while a < a0 {
                        a += std::f32::consts::TAU;
                    }
                    if a > a1 {
                        continue;
                    }
                }
                let d = ((dx * dx + dy * dy).sqrt() - r).abs() - half;
                let c = self.coverage(d);
                self.blend(px, py, rgb, c);
            }
        }
    }

    /// A filled polygon (convex or concave, even-odd rule) by scanlines
    /// through pixel centres; fewer than three points draw nothing.
    pub fn fill_polygon(&mut self, points: &[(f32, f32)], rgb: [u8; 3]) {
        if points.len() < 3 {
            return;
        }
        let ymin = points.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
        let ymax = points.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
        let (_, by0, _, by1) = self.clip_box(0.0, ymin - 1.0, 0.0, ymax + 1.0);
        let w = self.width() as i64;
        let mut xs: Vec<f32> = Vec::with_capacity(points.len());
        for py in by0..by1 {
            let cy = py as f32 + 0.5;
            xs.clear();
            for i in 0..points.len() {
                let (a, b) = (points[i], points[(i + 1) % points.len()]);
                // Half-open rule so a vertex on the scanline counts once.
                if (a.1 <= cy && b.1 > cy) || (b.1 <= cy && a.1 > cy) {
                    xs.push(a.0 + (cy - a.1) / (b.1 - a.1) * (b.0 - a.0));
                }
            }
            xs.sort_by(|a, b| a.total_cmp(b));
            for pair in xs.chunks_exact(2) {
                // Pixels whose centre lies in [x0, x1).
                let px0 = ((pair[0] - 0.5).ceil() as i64).clamp(0, w);
                let px1 = ((pair[1] - 0.5).ceil() as i64).clamp(0, w);
                for px in px0..px1 {
                    self.blend(px, py, rgb, 1.0);
                }
            }
        }
    }
}
