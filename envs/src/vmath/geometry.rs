//! Geometry figures drawn to scale as textbooks draw them: labelled sides
//! and angles, right-angle squares, tick marks on equal sides, arc marks
//! at angles. Questions ask for areas, perimeters, missing sides (exact
//! radicals), missing angles, and circle measures in terms of π.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rulegym_render::canvas2d::Anchor;
use serde::{Deserialize, Serialize};

use super::exact::{frac, int_plus_surd, pi_multiple, surd};
use super::pen::{Pen, INK, PALETTE};

/// One figure and its numbers, as drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Figure {
    /// Right triangle, both legs labelled.
    RightLegs {
        a: i64,
        b: i64,
    },
    /// Right triangle, leg `a` and hypotenuse `c` labelled.
    RightLegHyp {
        a: i64,
        c: i64,
    },
    /// Isosceles triangle: base and one of the two equal legs labelled.
    Isosceles {
        base: i64,
        leg: i64,
    },
    /// A triangle with two angles labelled in degrees; the third is `x`.
    Angles {
        a: i64,
        b: i64,
    },
    /// A circle with its radius (or diameter, `2r`) labelled.
    Circle {
        r: i64,
        diameter: bool,
    },
    /// A sector of radius `r` and central angle `deg` degrees.
    Sector {
        r: i64,
        deg: i64,
    },
    Rectangle {
        w: i64,
        h: i64,
    },
    /// A `w × h` rectangle with a `cut_w × cut_h` corner removed (top right).
    LShape {
        w: i64,
        h: i64,
        cut_w: i64,
        cut_h: i64,
    },
    /// Two parallel lines cut by a transversal. The angle `angle`° is
    /// marked at the upper crossing in quadrant `marked`; `x` is marked at
    /// crossing `target_line` (0 upper, 1 lower) in quadrant `target`.
    /// Quadrants count counter-clockwise from the right-hand ray of the
    /// parallel line: 0 above-right, 1 above-left, 2 below-left, 3 below-right.
    Parallel {
        angle: i64,
        marked: u8,
        target_line: u8,
        target: u8,
    },
}

/// What to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ask {
    Area,
    Perimeter,
    Hypotenuse,
    Leg,
    Height,
    Angle,
    Circumference,
    ArcLength,
    Diagonal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeometryScene {
    pub figure: Figure,
    pub ask: Ask,
}

/// Kinds a config may restrict the family to.
pub const KINDS: &[&str] = &[
    "right_triangle",
    "isosceles",
    "angles",
    "circle",
    "sector",
    "rectangle",
    "composite",
    "parallel",
];

/// Kinds open at each level (1: one step; 3: composite and radical sums).
fn level_kinds(level: u8) -> &'static [&'static str] {
    match level {
        1 => &["right_triangle", "angles", "circle", "rectangle"],
        2 => &KINDS[..7],
        _ => KINDS,
    }
}

pub fn generate(rng: &mut ChaCha8Rng, level: u8, kinds: &[String]) -> GeometryScene {
    let pool: Vec<&str> = if kinds.is_empty() {
        level_kinds(level).to_vec()
    } else {
        kinds.iter().map(String::as_str).collect()
    };
    let kind = pool[rng.random_range(0..pool.len())];
    let hi = [9, 15, 24][usize::from(level.clamp(1, 3)) - 1];
    let mut n = |lo: i64, hi: i64| rng.random_range(lo..=hi);
    let (figure, ask) = match kind {
        "right_triangle" => {
            if level >= 2 && n(0, 1) == 0 {
                let a = n(2, hi);
                let c = n(a + 1, a + hi);
                (
                    Figure::RightLegHyp { a, c },
                    [Ask::Leg, Ask::Area][n(0, 1) as usize],
                )
            } else {
                let asks: &[Ask] = if level >= 3 {
                    &[Ask::Hypotenuse, Ask::Area, Ask::Perimeter]
                } else {
                    &[Ask::Hypotenuse, Ask::Area]
                };
                let (a, b) = (n(2, hi), n(2, hi));
                (
                    Figure::RightLegs { a, b },
                    asks[n(0, asks.len() as i64 - 1) as usize],
                )
            }
        }
        "isosceles" => {
            let base = n(2, hi);
            let leg = n(base / 2 + 1, base / 2 + hi);
            let ask = [Ask::Height, Ask::Area, Ask::Perimeter][n(0, 2) as usize];
            (Figure::Isosceles { base, leg }, ask)
        }
        "angles" => {
            // The third angle is at least 30° so its mark has room.
            let (a, b) = if level == 1 {
                let a = n(3, 9) * 10;
                (a, n(3, 15 - a / 10) * 10)
            } else {
                let a = n(25, 110);
                (a, n(25, 150 - a))
            };
            (Figure::Angles { a, b }, Ask::Angle)
        }
        "circle" => {
            let r = n(1, hi);
            let ask = [Ask::Area, Ask::Circumference][n(0, 1) as usize];
            (
                Figure::Circle {
                    r,
                    diameter: level >= 2 && n(0, 1) == 0,
                },
                ask,
            )
        }
        "sector" => {
            let deg = [30, 45, 60, 72, 90, 120, 135, 150, 210, 240, 270, 300][n(0, 11) as usize];
            let r = n(2, hi);
            (
                Figure::Sector { r, deg },
                [Ask::Area, Ask::ArcLength][n(0, 1) as usize],
            )
        }
        "rectangle" => {
            let (w, h) = (n(2, hi + 3), n(2, hi));
            let asks: &[Ask] = if level >= 2 {
                &[Ask::Area, Ask::Perimeter, Ask::Diagonal]
            } else {
                &[Ask::Area, Ask::Perimeter]
            };
            (
                Figure::Rectangle { w, h },
                asks[n(0, asks.len() as i64 - 1) as usize],
            )
        }
        "composite" => {
            let (w, h) = (n(4, hi + 4), n(4, hi + 2));
            let (cut_w, cut_h) = (n(1, w - 2), n(1, h - 2));
            let fig = Figure::LShape { w, h, cut_w, cut_h };
            (fig, [Ask::Area, Ask::Perimeter][n(0, 1) as usize])
        }
        _ => {
            let angle = loop {
                let a = n(35, 145);
                if (a - 90).abs() > 8 {
                    break a;
                }
            };
            let relation = n(0, 4);
            let marked = if relation >= 3 { 3 } else { n(0, 3) as u8 };
            let (target_line, target) = match relation {
                0 => (1, marked),           // corresponding
                1 => (0, (marked + 2) % 4), // vertical
                2 => (0, (marked + 1) % 4), // linear pair
                3 => (1, 1),                // alternate interior
                _ => (1, 0),                // co-interior
            };
            let fig = Figure::Parallel {
                angle,
                marked,
                target_line,
                target,
            };
            (fig, Ask::Angle)
        }
    };
    GeometryScene { figure, ask }
}

/// The question: it names what to compute; every number is in the figure.
pub fn question(s: &GeometryScene) -> String {
    let shape = match &s.figure {
        Figure::RightLegs { .. } | Figure::RightLegHyp { .. } => "the right triangle",
        Figure::Isosceles { .. } => "the isosceles triangle",
        Figure::Angles { .. } => "the triangle",
        Figure::Circle { .. } => "the circle",
        Figure::Sector { .. } => "the sector",
        Figure::Rectangle { .. } => "the rectangle",
        Figure::LShape { .. } => "the composite figure (all corners are right angles)",
        Figure::Parallel { .. } => "the figure, where the two horizontal lines are parallel,",
    };
    let what = match s.ask {
        Ask::Area => "its area",
        Ask::Perimeter => "its perimeter",
        Ask::Hypotenuse => "the length of the hypotenuse marked ?",
        Ask::Leg => "the length of the leg marked ?",
        Ask::Height => "the height h to the base",
        Ask::Angle => "the angle marked x, in degrees",
        Ask::Circumference => "its circumference",
        Ask::ArcLength => "the length of its arc",
        Ask::Diagonal => "the length of the diagonal marked ?",
    };
    let exact = match &s.figure {
        Figure::Circle { .. } | Figure::Sector { .. } => " Give the exact answer in terms of π.",
        Figure::Angles { .. } | Figure::Parallel { .. } => "",
        _ => " Give the exact answer (simplified radicals or fractions where needed).",
    };
    format!("In {shape}, find {what}.{exact}")
}

/// The exact answer, from the scene's numbers alone.
pub fn answer(s: &GeometryScene) -> String {
    match (&s.figure, s.ask) {
        (Figure::RightLegs { a, b }, Ask::Hypotenuse) => surd(1, 1, a * a + b * b),
        (Figure::RightLegs { a, b }, Ask::Perimeter) => int_plus_surd(a + b, 1, 1, a * a + b * b),
        (Figure::RightLegs { a, b }, _) => frac(a * b, 2),
        (Figure::RightLegHyp { a, c }, Ask::Leg) => surd(1, 1, c * c - a * a),
        (Figure::RightLegHyp { a, c }, _) => surd(*a, 2, c * c - a * a),
        (Figure::Isosceles { base, leg }, Ask::Height) => surd(1, 2, 4 * leg * leg - base * base),
        (Figure::Isosceles { base, leg }, Ask::Area) => surd(*base, 4, 4 * leg * leg - base * base),
        (Figure::Isosceles { base, leg }, _) => (2 * leg + base).to_string(),
        (Figure::Angles { a, b }, _) => (180 - a - b).to_string(),
        (Figure::Circle { r, .. }, Ask::Area) => pi_multiple(r * r, 1),
        (Figure::Circle { r, .. }, _) => pi_multiple(2 * r, 1),
        (Figure::Sector { r, deg }, Ask::Area) => pi_multiple(deg * r * r, 360),
        (Figure::Sector { r, deg }, _) => pi_multiple(2 * r * deg, 360),
        (Figure::Rectangle { w, h }, Ask::Area) => (w * h).to_string(),
        (Figure::Rectangle { w, h }, Ask::Perimeter) => (2 * (w + h)).to_string(),
        (Figure::Rectangle { w, h }, _) => surd(1, 1, w * w + h * h),
        (Figure::LShape { w, h, cut_w, cut_h }, Ask::Area) => (w * h - cut_w * cut_h).to_string(),
        (Figure::LShape { w, h, .. }, _) => (2 * (w + h)).to_string(),
        (
            Figure::Parallel {
                angle,
                marked,
                target,
                ..
            },
            _,
        ) => {
            // Angles of one parity of quadrant are equal, neighbours supplementary.
            if marked % 2 == target % 2 {
                angle.to_string()
            } else {
                (180 - angle).to_string()
            }
        }
    }
}

/// Maps figure coordinates (y up) onto the page, fitting a box.
struct Fit {
    s: f32,
    ox: f32,
    oy: f32,
}

impl Fit {
    fn new(pts: &[(f32, f32)], room: f32) -> Self {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in pts {
            (x0, y0, x1, y1) = (x0.min(p.0), y0.min(p.1), x1.max(p.0), y1.max(p.1));
        }
        let s = room / (x1 - x0).max(y1 - y0).max(1e-3);
        Self {
            s,
            ox: 224.0 - (x0 + x1) * 0.5 * s,
            oy: 224.0 + (y0 + y1) * 0.5 * s,
        }
    }

    fn p(&self, q: (f32, f32)) -> (f32, f32) {
        (self.ox + q.0 * self.s, self.oy - q.1 * self.s)
    }
}

fn centroid(pts: &[(f32, f32)]) -> (f32, f32) {
    let n = pts.len().max(1) as f32;
    let (x, y) = pts.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0, a.1 + p.1));
    (x / n, y / n)
}

/// Writes `label` beside the side a–b, on the side away from `inside`.
fn side_label(pen: &mut Pen, a: (f32, f32), b: (f32, f32), inside: (f32, f32), label: &str) {
    let m = ((a.0 + b.0) * 0.5, (a.1 + b.1) * 0.5);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let mut nrm = (-dy / len, dx / len);
    if (m.0 - inside.0) * nrm.0 + (m.1 - inside.1) * nrm.1 < 0.0 {
        nrm = (-nrm.0, -nrm.1);
    }
    let off = 10.0 + pen.text_width(label, 18.0) * 0.5 * nrm.0.abs() + 6.0 * nrm.1.abs();
    let at = (m.0 + nrm.0 * off, m.1 + nrm.1 * off);
    pen.text(at, 18.0, Anchor::Centre, label, INK);
}

/// A textbook tick mark across the middle of side a–b.
fn tick(pen: &mut Pen, a: (f32, f32), b: (f32, f32)) {
    let m = ((a.0 + b.0) * 0.5, (a.1 + b.1) * 0.5);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let n = (-dy / len * 7.0, dx / len * 7.0);
    pen.line((m.0 - n.0, m.1 - n.1), (m.0 + n.0, m.1 + n.1), 2.0, INK);
}

/// The small square marking a right angle at `v` between rays to a and b.
fn right_mark(pen: &mut Pen, v: (f32, f32), a: (f32, f32), b: (f32, f32)) {
    let unit = |p: (f32, f32)| {
        let (dx, dy) = (p.0 - v.0, p.1 - v.1);
        let l = (dx * dx + dy * dy).sqrt().max(1e-3);
        (dx / l * 14.0, dy / l * 14.0)
    };
    let (u, w) = (unit(a), unit(b));
    let pts = [
        (v.0 + u.0, v.1 + u.1),
        (v.0 + u.0 + w.0, v.1 + u.1 + w.1),
        (v.0 + w.0, v.1 + w.1),
    ];
    pen.polyline(&pts, 1.5, INK);
}

/// Page angle (counter-clockwise, y up) of the ray v→p.
fn ray_angle(v: (f32, f32), p: (f32, f32)) -> f32 {
    (v.1 - p.1).atan2(p.0 - v.0)
}

/// An arc mark at `v` between rays to a and b (the interior angle) and
/// its label on the bisector.
fn angle_mark(pen: &mut Pen, v: (f32, f32), a: (f32, f32), b: (f32, f32), label: &str) {
    let (mut a0, mut a1) = (ray_angle(v, a), ray_angle(v, b));
    if a1 < a0 {
        std::mem::swap(&mut a0, &mut a1);
    }
    if a1 - a0 > std::f32::consts::PI {
        (a0, a1) = (a1, a0 + std::f32::consts::TAU);
    }
    pen.arc(v, 24.0, a0, a1, 1.5, PALETTE[5]);
    let mid = (a0 + a1) * 0.5;
    let r = 46.0;
    pen.text(
        (v.0 + r * mid.cos(), v.1 - r * mid.sin()),
        17.0,
        Anchor::Centre,
        label,
        INK,
    );
}

fn triangle(pen: &mut Pen, t: [(f32, f32); 3]) {
    pen.fill_polygon(&t, [232, 242, 252]);
    pen.outline(&t, 2.5, INK);
}

pub fn draw(s: &GeometryScene, pen: &mut Pen) {
    let q = |ask: Ask, want: Ask, v: String| if ask == want { "?".to_string() } else { v };
    match &s.figure {
        Figure::RightLegs { a, b } | Figure::RightLegHyp { a, c: b } => {
            let (a_len, b_len) = match &s.figure {
                Figure::RightLegHyp { a, c } => (*a as f32, ((c * c - a * a) as f32).sqrt()),
                _ => (*a as f32, *b as f32),
            };
            let f = Fit::new(&[(0.0, 0.0), (a_len, b_len)], 250.0);
            let t = [f.p((0.0, 0.0)), f.p((a_len, 0.0)), f.p((0.0, b_len))];
            triangle(pen, t);
            right_mark(pen, t[0], t[1], t[2]);
            let ctr = centroid(&t);
            side_label(pen, t[0], t[1], ctr, &a.to_string());
            if let Figure::RightLegHyp { c, .. } = &s.figure {
                side_label(pen, t[1], t[2], ctr, &c.to_string());
                side_label(pen, t[0], t[2], ctr, &q(s.ask, Ask::Leg, String::new()));
            } else {
                side_label(pen, t[0], t[2], ctr, &b.to_string());
                side_label(
                    pen,
                    t[1],
                    t[2],
                    ctr,
                    &q(s.ask, Ask::Hypotenuse, String::new()),
                );
            }
        }
        Figure::Isosceles { base, leg } => {
            let (b, l) = (*base as f32, *leg as f32);
            let h = (l * l - b * b / 4.0).max(0.0).sqrt();
            let f = Fit::new(&[(-b / 2.0, 0.0), (b / 2.0, h)], 250.0);
            let t = [f.p((-b / 2.0, 0.0)), f.p((b / 2.0, 0.0)), f.p((0.0, h))];
            triangle(pen, t);
            tick(pen, t[0], t[2]);
            tick(pen, t[1], t[2]);
            let ctr = centroid(&t);
            side_label(pen, t[0], t[1], ctr, &base.to_string());
            side_label(pen, t[1], t[2], ctr, &leg.to_string());
            if s.ask == Ask::Height {
                let foot = f.p((0.0, 0.0));
                dashed(pen, foot, t[2]);
                right_mark(pen, foot, t[1], t[2]);
                pen.text(
                    (foot.0 - 12.0, (foot.1 + t[2].1) * 0.5),
                    18.0,
                    Anchor::Right,
                    "h",
                    INK,
                );
            }
        }
        Figure::Angles { a, b } => {
            let (ra, rb) = ((*a as f32).to_radians(), (*b as f32).to_radians());
            let ac = rb.sin() / (ra + rb).sin();
            let c = (ac * ra.cos(), ac * ra.sin());
            let f = Fit::new(&[(0.0, 0.0), (1.0, 0.0), c], 280.0);
            let t = [f.p((0.0, 0.0)), f.p((1.0, 0.0)), f.p(c)];
            triangle(pen, t);
            angle_mark(pen, t[0], t[1], t[2], &format!("{a}°"));
            angle_mark(pen, t[1], t[0], t[2], &format!("{b}°"));
            angle_mark(pen, t[2], t[0], t[1], "x");
        }
        Figure::Circle { r, diameter } => {
            let c = (224.0, 224.0);
            let rr = 140.0;
            pen.fill_circle(c, rr, [232, 242, 252]);
            pen.arc(c, rr, 0.0, std::f32::consts::TAU, 2.5, INK);
            pen.fill_circle(c, 3.5, INK);
            if *diameter {
                pen.line((c.0 - rr, c.1), (c.0 + rr, c.1), 2.0, INK);
                pen.text(
                    (c.0, c.1 - 16.0),
                    18.0,
                    Anchor::Centre,
                    &(2 * r).to_string(),
                    INK,
                );
            } else {
                pen.line(c, (c.0 + rr, c.1), 2.0, INK);
                pen.text(
                    (c.0 + rr * 0.5, c.1 - 16.0),
                    18.0,
                    Anchor::Centre,
                    &r.to_string(),
                    INK,
                );
            }
        }
        Figure::Sector { r, deg } => {
            let a1 = (*deg as f32).to_radians();
            let rr = if *deg > 180 { 130.0 } else { 170.0 };
            let c = if *deg > 180 {
                (224.0, 224.0)
            } else {
                (224.0 - rr * 0.5 * (1.0 + a1.cos()) * 0.5, 224.0 + rr * 0.45)
            };
            pen.fill_sector(c, rr, 0.0, a1, [232, 242, 252]);
            pen.arc(c, rr, 0.0, a1, 2.5, INK);
            let e0 = (c.0 + rr, c.1);
            let e1 = (c.0 + rr * a1.cos(), c.1 - rr * a1.sin());
            pen.line(c, e0, 2.5, INK);
            pen.line(c, e1, 2.5, INK);
            pen.text(
                (c.0 + rr * 0.55, c.1 + 16.0),
                18.0,
                Anchor::Centre,
                &r.to_string(),
                INK,
            );
            pen.arc(c, 26.0, 0.0, a1, 1.5, PALETTE[5]);
            let mid = a1 * 0.5;
            let at = (c.0 + 50.0 * mid.cos(), c.1 - 50.0 * mid.sin());
            pen.text(at, 17.0, Anchor::Centre, &format!("{deg}°"), INK);
        }
        Figure::Rectangle { w, h } => {
            let (wf, hf) = (*w as f32, *h as f32);
            let f = Fit::new(&[(0.0, 0.0), (wf, hf)], 260.0);
            let r = [
                f.p((0.0, 0.0)),
                f.p((wf, 0.0)),
                f.p((wf, hf)),
                f.p((0.0, hf)),
            ];
            pen.fill_polygon(&r, [232, 242, 252]);
            pen.outline(&r, 2.5, INK);
            for i in 0..4 {
                right_mark(pen, r[i], r[(i + 1) % 4], r[(i + 3) % 4]);
            }
            let ctr = centroid(&r);
            side_label(pen, r[0], r[1], ctr, &w.to_string());
            side_label(pen, r[1], r[2], ctr, &h.to_string());
            if s.ask == Ask::Diagonal {
                dashed(pen, r[0], r[2]);
                let m = ((r[0].0 + r[2].0) * 0.5, (r[0].1 + r[2].1) * 0.5);
                pen.text((m.0 - 10.0, m.1 - 14.0), 18.0, Anchor::Centre, "?", INK);
            }
        }
        Figure::LShape { w, h, cut_w, cut_h } => {
            let (wf, hf, cw, ch) = (*w as f32, *h as f32, *cut_w as f32, *cut_h as f32);
            let f = Fit::new(&[(0.0, 0.0), (wf, hf)], 250.0);
            let p = [
                f.p((0.0, 0.0)),
                f.p((wf, 0.0)),
                f.p((wf, hf - ch)),
                f.p((wf - cw, hf - ch)),
                f.p((wf - cw, hf)),
                f.p((0.0, hf)),
            ];
            pen.fill_polygon(&p, [232, 242, 252]);
            pen.outline(&p, 2.5, INK);
            let ctr = f.p((wf * 0.3, hf * 0.3));
            side_label(pen, p[0], p[1], ctr, &w.to_string());
            side_label(pen, p[5], p[0], ctr, &h.to_string());
            side_label(pen, p[2], p[3], ctr, &cut_w.to_string());
            side_label(pen, p[3], p[4], ctr, &cut_h.to_string());
        }
        Figure::Parallel {
            angle,
            marked,
            target_line,
            target,
        } => {
            let phi = if marked % 2 == 0 {
                *angle as f32
            } else {
                180.0 - *angle as f32
            }
            .to_radians();
            let ys = [170.0, 290.0];
            let (dx, dy) = (phi.cos(), phi.sin());
            let cross = |y: f32| (224.0 - (y - 230.0) * dx / dy, y);
            for y in ys {
                pen.line((40.0, y), (408.0, y), 2.5, INK);
                pen.line((380.0, y - 7.0), (392.0, y), 2.0, INK);
                pen.line((380.0, y + 7.0), (392.0, y), 2.0, INK);
            }
            let (p0, p1) = (cross(ys[0]), cross(ys[1]));
            let ext = 110.0;
            pen.line(
                (p0.0 + dx * ext, p0.1 - dy * ext),
                (p1.0 - dx * ext, p1.1 + dy * ext),
                2.5,
                INK,
            );
            quadrant_mark(pen, p0, phi, *marked, &format!("{angle}°"));
            let at = if *target_line == 0 { p0 } else { p1 };
            quadrant_mark(pen, at, phi, *target, "x");
        }
    }
}

/// Marks quadrant `q` at a crossing of a horizontal line and a transversal
/// at angle `phi`.
fn quadrant_mark(pen: &mut Pen, v: (f32, f32), phi: f32, q: u8, label: &str) {
    let pi = std::f32::consts::PI;
    let (a0, a1) = match q % 4 {
        0 => (0.0, phi),
        1 => (phi, pi),
        2 => (pi, pi + phi),
        _ => (pi + phi, 2.0 * pi),
    };
    pen.arc(v, 20.0, a0, a1, 1.5, PALETTE[5]);
    let mid = (a0 + a1) * 0.5;
    let r = 40.0;
    pen.text(
        (v.0 + r * mid.cos(), v.1 - r * mid.sin()),
        17.0,
        Anchor::Centre,
        label,
        INK,
    );
}

fn dashed(pen: &mut Pen, a: (f32, f32), b: (f32, f32)) {
    let n = 12;
    for i in (0..n).step_by(2) {
        let t0 = i as f32 / n as f32;
        let t1 = (i + 1) as f32 / n as f32;
        let p = |t: f32| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        pen.line(p(t0), p(t1), 1.5, INK);
    }
}
