//! Bar, line and pie charts with axes, gridlines, ticks and legends.
//! Values sit on gridlines (or are printed, at level 1), so every value
//! can be read exactly; questions read one, or combine them.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rulegym_render::canvas2d::Anchor;
use serde::{Deserialize, Serialize};

use super::exact::frac;
use super::pen::{Pen, GRID, INK, PALETTE};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Bar,
    Line,
    Pie,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
}

/// What to compute; indices point into `labels` and `series`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ChartAsk {
    Value {
        series: usize,
        cat: usize,
    },
    /// `values[a] - values[b]` (drawn so it is positive).
    Difference {
        series: usize,
        a: usize,
        b: usize,
    },
    Sum {
        series: usize,
    },
    /// `values[a] / values[b]` in lowest terms.
    Ratio {
        series: usize,
        a: usize,
        b: usize,
    },
    /// `100 · values[cat] / total`, as a percentage.
    Percent {
        series: usize,
        cat: usize,
    },
    /// The label of the unique largest value.
    Argmax {
        series: usize,
    },
    /// `values[to] - values[from]` (negative for a fall).
    Change {
        series: usize,
        from: usize,
        to: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartScene {
    pub kind: ChartKind,
    pub title: String,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    /// Gridline spacing on the value axis.
    pub step: i64,
    /// Values printed on the bars and points.
    pub value_labels: bool,
    pub ask: ChartAsk,
}

pub const KINDS: &[&str] = &["bar", "line", "pie"];

const TITLES: &[(&str, &[&str])] = &[
    (
        "Fruit sold (boxes)",
        &["Apples", "Pears", "Plums", "Kiwis", "Grapes", "Limes"],
    ),
    (
        "Visitors by city",
        &["Oslo", "Lima", "Pune", "Kyiv", "Bern", "Accra"],
    ),
    (
        "Books read by class",
        &["Red", "Blue", "Green", "Gold", "Gray", "Teal"],
    ),
    (
        "Votes per option",
        &["Alpha", "Beta", "Gamma", "Delta", "Omega", "Sigma"],
    ),
];
const SERIES_NAMES: [&str; 2] = ["North", "South"];

fn pick<T: Copy>(rng: &mut ChaCha8Rng, xs: &[T]) -> T {
    xs[rng.random_range(0..xs.len())]
}

/// Values on gridlines with a unique maximum.
fn values(rng: &mut ChaCha8Rng, n: usize, step: i64, top: i64) -> Vec<i64> {
    loop {
        let v: Vec<i64> = (0..n).map(|_| rng.random_range(1..=top) * step).collect();
        let max = v.iter().copied().max().unwrap_or(0);
        if v.iter().filter(|x| **x == max).count() == 1 {
            return v;
        }
    }
}

pub fn generate(rng: &mut ChaCha8Rng, level: u8, kinds: &[String]) -> ChartScene {
    let kind = if kinds.is_empty() {
        pick(rng, &[ChartKind::Bar, ChartKind::Line, ChartKind::Pie])
    } else {
        match kinds[rng.random_range(0..kinds.len())].as_str() {
            "line" => ChartKind::Line,
            "pie" => ChartKind::Pie,
            _ => ChartKind::Bar,
        }
    };
    let n = rng.random_range(3..=3 + level as usize).min(6);
    let (title, labels): (String, Vec<String>) = if kind == ChartKind::Line {
        let y0 = rng.random_range(2015..=2019);
        let labels = (0..n as i64 + 1).map(|k| (y0 + k).to_string()).collect();
        (
            pick(
                rng,
                &[
                    "Sales per year",
                    "Rainfall per year (cm)",
                    "Members per year",
                ],
            )
            .into(),
            labels,
        )
    } else {
        let (t, names) = pick(rng, TITLES);
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        names.shuffle(rng);
        names.truncate(n);
        (t.into(), names)
    };
    let n = labels.len();
    let step = pick(
        rng,
        &[1, 2, 5, 10, 20, 25, 50][..(2 + 2 * level as usize).min(7)],
    );
    let n_series = if kind == ChartKind::Bar && level >= 3 {
        2
    } else {
        1
    };
    let top = if kind == ChartKind::Pie { 9 } else { 8 };
    let series: Vec<Series> = (0..n_series)
        .map(|i| Series {
            name: if n_series == 1 {
                String::new()
            } else {
                SERIES_NAMES[i].into()
            },
            values: values(rng, n, if kind == ChartKind::Pie { 1 } else { step }, top),
        })
        .collect();
    let s = rng.random_range(0..n_series);
    let v = &series[s].values;
    let (a, b) = two(rng, n);
    let ops: &[u8] = match kind {
        ChartKind::Pie => &[2, 3, 4, 5],
        ChartKind::Line => &[0, 1, 5, 6],
        ChartKind::Bar => &[0, 1, 2, 3, 5],
    };
    let op = pick(rng, &ops[..(level as usize + 1).min(ops.len())]);
    let ask = match op {
        0 => ChartAsk::Value { series: s, cat: a },
        1 => {
            let (a, b) = if v[a] >= v[b] { (a, b) } else { (b, a) };
            ChartAsk::Difference { series: s, a, b }
        }
        2 => ChartAsk::Sum { series: s },
        3 => ChartAsk::Ratio { series: s, a, b },
        4 => ChartAsk::Percent { series: s, cat: a },
        5 => ChartAsk::Argmax { series: s },
        _ => ChartAsk::Change {
            series: s,
            from: a.min(b),
            to: a.max(b),
        },
    };
    ChartScene {
        kind,
        title,
        labels,
        series,
        step: if kind == ChartKind::Pie { 1 } else { step },
        value_labels: level == 1 || kind == ChartKind::Pie,
        ask,
    }
}

fn two(rng: &mut ChaCha8Rng, n: usize) -> (usize, usize) {
    let a = rng.random_range(0..n);
    let b = (a + rng.random_range(1..n.max(2))) % n;
    (a, b)
}

pub fn question(s: &ChartScene) -> String {
    let of = |series: usize| {
        let name = &s.series[series].name;
        if name.is_empty() {
            String::new()
        } else {
            format!(" for the {name} series")
        }
    };
    let what = if s.kind == ChartKind::Line {
        "year"
    } else {
        "category"
    };
    match &s.ask {
        ChartAsk::Value { series, cat } => format!(
            "According to the chart, what is the value of {}{}?",
            s.labels[*cat],
            of(*series)
        ),
        ChartAsk::Difference { series, a, b } => format!(
            "According to the chart, how much greater is the value of {} than that of {}{}?",
            s.labels[*a],
            s.labels[*b],
            of(*series)
        ),
        ChartAsk::Sum { series } => {
            format!("What is the total of all the values in the chart{}?", of(*series))
        }
        ChartAsk::Ratio { series, a, b } => format!(
            "What is the ratio of the value of {} to the value of {}{}? Give a fraction in lowest terms.",
            s.labels[*a],
            s.labels[*b],
            of(*series)
        ),
        ChartAsk::Percent { series, cat } => format!(
            "What percentage of the total does {} make up{}?",
            s.labels[*cat],
            of(*series)
        ),
        ChartAsk::Argmax { series } => {
            format!("Which {what} has the largest value{}?", of(*series))
        }
        ChartAsk::Change { series, from, to } => format!(
            "By how much did the value change from {} to {}{}? Give a decrease as a negative number.",
            s.labels[*from],
            s.labels[*to],
            of(*series)
        ),
    }
}

pub fn answer(s: &ChartScene) -> String {
    let v = |series: usize| &s.series[series].values;
    match &s.ask {
        ChartAsk::Value { series, cat } => v(*series)[*cat].to_string(),
        ChartAsk::Difference { series, a, b }
        | ChartAsk::Change {
            series,
            from: b,
            to: a,
        } => (v(*series)[*a] - v(*series)[*b]).to_string(),
        ChartAsk::Sum { series } => v(*series).iter().sum::<i64>().to_string(),
        ChartAsk::Ratio { series, a, b } => frac(v(*series)[*a], v(*series)[*b]),
        ChartAsk::Percent { series, cat } => {
            let total: i64 = v(*series).iter().sum();
            format!("{}\\%", frac(100 * v(*series)[*cat], total))
        }
        ChartAsk::Argmax { series } => {
            let vs = v(*series);
            let i = (0..vs.len()).max_by_key(|i| vs[*i]).unwrap_or(0);
            s.labels[i].clone()
        }
    }
}

/// The plot box on the page: left, top, right, bottom.
const BOX: (f32, f32, f32, f32) = (78.0, 70.0, 420.0, 372.0);

pub fn draw(s: &ChartScene, pen: &mut Pen) {
    pen.text((224.0, 32.0), 20.0, Anchor::Centre, &s.title, INK);
    match s.kind {
        ChartKind::Pie => draw_pie(s, pen),
        _ => draw_axes_chart(s, pen),
    }
}

fn draw_axes_chart(s: &ChartScene, pen: &mut Pen) {
    let (l, t, r, b) = BOX;
    let max = s
        .series
        .iter()
        .flat_map(|x| &x.values)
        .copied()
        .max()
        .unwrap_or(1);
    let step = s.step.max(1);
    let lines = (max + step - 1) / step + 1;
    let lines = lines.max(2);
    let top = lines * step;
    let y = |v: i64| b - (b - t) * v as f32 / top as f32;
    // Label every gridline, or every other one when they are dense.
    let every = if lines > 10 { 2 } else { 1 };
    for k in 0..=lines {
        let yy = y(k * step);
        pen.line((l, yy), (r, yy), 1.0, GRID);
        pen.line((l - 5.0, yy), (l, yy), 1.5, INK);
        if k % every == 0 {
            let label = (k * step).to_string();
            pen.text((l - 9.0, yy), 15.0, Anchor::Right, &label, INK);
        }
    }
    pen.line((l, t - 6.0), (l, b), 2.0, INK);
    pen.line((l, b), (r, b), 2.0, INK);
    let n = s.labels.len().max(1);
    let slot = (r - l) / n as f32;
    for (i, label) in s.labels.iter().enumerate() {
        let cx = l + slot * (i as f32 + 0.5);
        pen.line((cx, b), (cx, b + 5.0), 1.5, INK);
        pen.text((cx, b + 18.0), 15.0, Anchor::Centre, label, INK);
    }
    let ns = s.series.len().max(1);
    for (si, series) in s.series.iter().enumerate() {
        let colour = PALETTE[si % PALETTE.len()];
        if s.kind == ChartKind::Bar {
            let bw = slot * 0.7 / ns as f32;
            for (i, v) in series.values.iter().enumerate() {
                let x0 = l + slot * (i as f32 + 0.15) + bw * si as f32;
                pen.fill_rect(x0, y(*v), bw, b - y(*v), colour);
                if s.value_labels {
                    let at = (x0 + bw * 0.5, y(*v) - 11.0);
                    pen.text(at, 14.0, Anchor::Centre, &v.to_string(), INK);
                }
            }
        } else {
            let mut pts = [(0.0f32, 0.0f32); 16];
            let m = series.values.len().min(16);
            for (i, v) in series.values.iter().take(m).enumerate() {
                pts[i] = (l + slot * (i as f32 + 0.5), y(*v));
            }
            pen.polyline(&pts[..m], 2.5, colour);
            for (i, p) in pts[..m].iter().enumerate() {
                pen.fill_circle(*p, 4.5, colour);
                if s.value_labels {
                    let label = series.values[i].to_string();
                    pen.text((p.0, p.1 - 14.0), 14.0, Anchor::Centre, &label, INK);
                }
            }
        }
    }
    if ns > 1 {
        for (si, series) in s.series.iter().enumerate() {
            let x = r - 150.0 + 80.0 * si as f32;
            pen.fill_rect(x, 48.0, 14.0, 14.0, PALETTE[si % PALETTE.len()]);
            pen.text((x + 19.0, 55.0), 15.0, Anchor::Left, &series.name, INK);
        }
    }
}

fn draw_pie(s: &ChartScene, pen: &mut Pen) {
    let v = &s.series[0].values;
    let total: i64 = v.iter().sum::<i64>().max(1);
    let (c, r) = ((160.0, 236.0), 125.0);
    let mut a = std::f32::consts::FRAC_PI_2;
    for (i, x) in v.iter().enumerate() {
        let da = std::f32::consts::TAU * *x as f32 / total as f32;
        pen.fill_sector(c, r, a, a + da, PALETTE[i % PALETTE.len()]);
        let e = (c.0 + r * a.cos(), c.1 - r * a.sin());
        pen.line(c, e, 2.0, [255, 255, 255]);
        a += da;
    }
    for (i, (label, x)) in s.labels.iter().zip(v).enumerate() {
        let y = 150.0 + 34.0 * i as f32;
        pen.fill_rect(312.0, y - 8.0, 16.0, 16.0, PALETTE[i % PALETTE.len()]);
        pen.text(
            (334.0, y),
            15.0,
            Anchor::Left,
            &format!("{label}: {x}"),
            INK,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn values_have_a_unique_maximum_and_asks_point_inside() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for level in 1..=3 {
            for _ in 0..200 {
                let s = generate(&mut rng, level, &[]);
                let v = &s.series[0].values;
                let max = *v.iter().max().unwrap();
                assert_eq!(v.iter().filter(|x| **x == max).count(), 1);
                assert!(v.iter().all(|x| x % s.step == 0 && *x > 0));
                assert!(!answer(&s).is_empty());
            }
        }
    }
}
