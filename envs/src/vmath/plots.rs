//! Functions and points on a labelled coordinate grid: a line through two
//! lattice points, a parabola `y = a(x - h)² + k`, or two points. The
//! coordinates are read off the grid (printed beside the points at level 1).

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rulegym_render::canvas2d::Anchor;
use serde::{Deserialize, Serialize};

use super::exact::{frac, pair, surd};
use super::pen::{Pen, GRID, INK, PALETTE};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Curve {
    /// The line through `p` and `q` (different x), both marked.
    Line { p: (i64, i64), q: (i64, i64) },
    /// `y = (a_num / a_den)(x - h)² + k`.
    Parabola {
        a_num: i64,
        a_den: i64,
        h: i64,
        k: i64,
    },
    /// Two marked points A = `p` and B = `q`.
    Points { p: (i64, i64), q: (i64, i64) },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum PlotAsk {
    Slope,
    /// The y-intercept.
    Intercept,
    /// The x where the line crosses y = 0.
    Zero,
    ValueAt {
        x: i64,
    },
    Vertex,
    Distance,
    Midpoint,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlotScene {
    /// The grid spans -range..=range on both axes.
    pub range: i64,
    pub curve: Curve,
    pub ask: PlotAsk,
    /// Coordinates printed beside the marked points.
    pub label_points: bool,
}

pub const KINDS: &[&str] = &["line", "parabola", "points"];

fn point(rng: &mut ChaCha8Rng, r: i64) -> (i64, i64) {
    (rng.random_range(-r..=r), rng.random_range(-r..=r))
}

pub fn generate(rng: &mut ChaCha8Rng, level: u8, kinds: &[String]) -> PlotScene {
    let range = [5, 8, 10][usize::from(level.clamp(1, 3)) - 1];
    let kind = if kinds.is_empty() {
        KINDS[rng.random_range(0..KINDS.len())]
    } else {
        kinds[rng.random_range(0..kinds.len())].as_str()
    };
    let inner = range - 1;
    let (curve, ask) = match kind {
        "parabola" => {
            let dens: &[(i64, i64)] = if level >= 3 {
                &[(1, 1), (-1, 1), (2, 1), (-2, 1), (1, 2), (-1, 2)]
            } else {
                &[(1, 1), (-1, 1)]
            };
            let (a_num, a_den) = dens[rng.random_range(0..dens.len())];
            let (h, k) = (
                rng.random_range(-inner / 2..=inner / 2),
                rng.random_range(-inner / 2..=inner / 2),
            );
            let ask = if level == 1 || rng.random_bool(0.5) {
                PlotAsk::Vertex
            } else {
                PlotAsk::ValueAt {
                    x: h + rng.random_range(1..=3) * if rng.random_bool(0.5) { 1 } else { -1 },
                }
            };
            (Curve::Parabola { a_num, a_den, h, k }, ask)
        }
        "points" => {
            let p = point(rng, inner);
            let q = loop {
                let q = point(rng, inner);
                if q != p {
                    break q;
                }
            };
            let ask = if rng.random_bool(0.5) {
                PlotAsk::Distance
            } else {
                PlotAsk::Midpoint
            };
            (Curve::Points { p, q }, ask)
        }
        _ => {
            let (p, q) = loop {
                let (p, q) = (point(rng, inner), point(rng, inner));
                if p.0 != q.0 && p.1 != q.1 && (q.1 - p.1).abs() <= 3 * (q.0 - p.0).abs() {
                    break (p, q);
                }
            };
            let ask = match rng.random_range(0..if level == 1 { 2 } else { 4 }) {
                0 => PlotAsk::Slope,
                1 => PlotAsk::Intercept,
                2 => PlotAsk::Zero,
                _ => PlotAsk::ValueAt {
                    x: rng.random_range(-range..=range),
                },
            };
            (Curve::Line { p, q }, ask)
        }
    };
    PlotScene {
        range,
        curve,
        ask,
        label_points: level == 1,
    }
}

pub fn question(s: &PlotScene) -> String {
    let what = match s.ask {
        PlotAsk::Slope => "What is the slope of the line?".to_string(),
        PlotAsk::Intercept => "What is the y-intercept of the line?".to_string(),
        PlotAsk::Zero => "At what value of x does the line cross the x-axis?".to_string(),
        PlotAsk::ValueAt { x } => {
            let f = if matches!(s.curve, Curve::Line { .. }) {
                "line"
            } else {
                "parabola"
            };
            format!("What is the y-value of the {f} at x = {x}?")
        }
        PlotAsk::Vertex => "What are the coordinates (x, y) of the parabola's vertex?".to_string(),
        PlotAsk::Distance => "What is the exact distance between points A and B?".to_string(),
        PlotAsk::Midpoint => {
            "What are the coordinates (x, y) of the midpoint of segment AB?".to_string()
        }
    };
    format!("{what} Give an exact answer.")
}

pub fn answer(s: &PlotScene) -> String {
    match (&s.curve, s.ask) {
        (Curve::Line { p, q }, ask) => {
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            match ask {
                PlotAsk::Slope => frac(dy, dx),
                PlotAsk::Intercept => frac(p.1 * dx - dy * p.0, dx),
                PlotAsk::Zero => frac(p.0 * dy - p.1 * dx, dy),
                PlotAsk::ValueAt { x } => frac(p.1 * dx + dy * (x - p.0), dx),
                _ => String::new(),
            }
        }
        (Curve::Parabola { a_num, a_den, h, k }, PlotAsk::ValueAt { x }) => {
            frac(a_num * (x - h) * (x - h) + k * a_den, *a_den)
        }
        (Curve::Parabola { h, k, .. }, _) => pair((*h, 1), (*k, 1)),
        (Curve::Points { p, q }, PlotAsk::Distance) => {
            surd(1, 1, (q.0 - p.0).pow(2) + (q.1 - p.1).pow(2))
        }
        (Curve::Points { p, q }, _) => pair((p.0 + q.0, 2), (p.1 + q.1, 2)),
    }
}

/// The grid's square on the page.
const GRID_BOX: (f32, f32) = (44.0, 404.0);

pub fn draw(s: &PlotScene, pen: &mut Pen) {
    let r = s.range.max(1);
    let (lo, hi) = GRID_BOX;
    let unit = (hi - lo) / (2 * r) as f32;
    let px = |x: f32| lo + (x + r as f32) * unit;
    let py = |y: f32| hi - (y + r as f32) * unit;
    for i in -r..=r {
        let v = i as f32;
        pen.line((px(v), lo), (px(v), hi), 1.0, GRID);
        pen.line((lo, py(v)), (hi, py(v)), 1.0, GRID);
    }
    pen.line((lo - 6.0, py(0.0)), (hi + 8.0, py(0.0)), 2.0, INK);
    pen.line((px(0.0), hi + 6.0), (px(0.0), lo - 8.0), 2.0, INK);
    pen.text((hi + 16.0, py(0.0)), 16.0, Anchor::Centre, "x", INK);
    pen.text((px(0.0), lo - 20.0), 16.0, Anchor::Centre, "y", INK);
    let every = if r > 6 { 2 } else { 1 };
    for i in (-r..=r).filter(|i| *i != 0 && i % every == 0) {
        let v = i as f32;
        pen.text(
            (px(v), py(0.0) + 13.0),
            13.0,
            Anchor::Centre,
            &i.to_string(),
            INK,
        );
        pen.text(
            (px(0.0) - 6.0, py(v)),
            13.0,
            Anchor::Right,
            &i.to_string(),
            INK,
        );
    }
    let curve = PALETTE[0];
    let dot = |pen: &mut Pen, p: (i64, i64), name: &str| {
        let at = (px(p.0 as f32), py(p.1 as f32));
        pen.fill_circle(at, 5.0, PALETTE[5]);
        let label = if s.label_points {
            format!("{name}({}, {})", p.0, p.1)
        } else {
            name.to_string()
        };
        if !label.is_empty() {
            pen.text((at.0 + 8.0, at.1 - 13.0), 15.0, Anchor::Left, &label, INK);
        }
    };
    match &s.curve {
        Curve::Line { p, q } => {
            let m = (q.1 - p.1) as f32 / (q.0 - p.0) as f32;
            let f = |x: f32| p.1 as f32 + m * (x - p.0 as f32);
            // Clip the line to the grid square.
            let (mut x0, mut x1) = (-r as f32, r as f32);
            for (y_edge, is_low) in [(-r as f32, true), (r as f32, false)] {
                let xe = p.0 as f32 + (y_edge - p.1 as f32) / m;
                if (m > 0.0) == is_low {
                    x0 = x0.max(xe);
                } else {
                    x1 = x1.min(xe);
                }
            }
            pen.line((px(x0), py(f(x0))), (px(x1), py(f(x1))), 2.5, curve);
            dot(pen, *p, "");
            dot(pen, *q, "");
        }
        Curve::Parabola { a_num, a_den, h, k } => {
            let a = *a_num as f32 / *a_den as f32;
            let mut pts = [(0.0f32, 0.0f32); 64];
            let (mut n, rf) = (0, r as f32);
            for i in 0..=160 {
                let x = -rf + 2.0 * rf * i as f32 / 160.0;
                let y = a * (x - *h as f32).powi(2) + *k as f32;
                if y.abs() <= rf && n < pts.len() {
                    pts[n] = (px(x), py(y));
                    n += 1;
                } else if n > 0 {
                    pen.polyline(&pts[..n], 2.5, curve);
                    n = 0;
                }
                if n == pts.len() {
                    pen.polyline(&pts[..n], 2.5, curve);
                    pts[0] = pts[n - 1];
                    n = 1;
                }
            }
            if n > 1 {
                pen.polyline(&pts[..n], 2.5, curve);
            }
        }
        Curve::Points { p, q } => {
            dot(pen, *p, "A");
            dot(pen, *q, "B");
        }
    }
}
