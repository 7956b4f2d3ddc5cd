//! A rendered table of integers with row and column headers; questions
//! look a cell up or aggregate a row or column.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rulegym_render::canvas2d::Anchor;
use serde::{Deserialize, Serialize};

use super::exact::frac;
use super::pen::{Pen, GRID, INK};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TableAsk {
    Lookup {
        row: usize,
        col: usize,
    },
    RowTotal {
        row: usize,
    },
    ColumnTotal {
        col: usize,
    },
    /// `cells[a][col] - cells[b][col]`.
    Difference {
        col: usize,
        a: usize,
        b: usize,
    },
    /// The row name holding the unique largest value of a column.
    ColumnMax {
        col: usize,
    },
    /// The mean of a column, exact.
    ColumnMean {
        col: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableScene {
    pub title: String,
    /// The corner cell's text (what the rows are).
    pub corner: String,
    pub columns: Vec<String>,
    pub rows: Vec<String>,
    /// `cells[row][col]`.
    pub cells: Vec<Vec<i64>>,
    pub ask: TableAsk,
}

const LAYOUTS: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "Points scored",
        "Player",
        &["Mon", "Tue", "Wed", "Thu", "Fri"],
        &["Ana", "Ben", "Chen", "Dara", "Eli", "Femi"],
    ),
    (
        "Items sold",
        "Shop",
        &["Jan", "Feb", "Mar", "Apr", "May"],
        &["North", "South", "East", "West", "Centre", "Harbour"],
    ),
    (
        "Test marks",
        "Student",
        &["Maths", "Art", "Music", "Latin", "Chess"],
        &["Ivy", "Jon", "Kai", "Lena", "Milo", "Nia"],
    ),
];

pub fn generate(rng: &mut ChaCha8Rng, level: u8) -> TableScene {
    let (title, corner, cols, rows) = LAYOUTS[rng.random_range(0..LAYOUTS.len())];
    let (nr, nc) = match level {
        1 => (3, 3),
        2 => (4, 4),
        _ => (rng.random_range(5..=6), 5),
    };
    let mut rows: Vec<String> = rows.iter().map(|s| s.to_string()).collect();
    rows.shuffle(rng);
    rows.truncate(nr);
    let columns: Vec<String> = cols[..nc].iter().map(|s| s.to_string()).collect();
    let hi = [20, 60, 99][usize::from(level.clamp(1, 3)) - 1];
    let col = rng.random_range(0..nc);
    let cells: Vec<Vec<i64>> = loop {
        let cells: Vec<Vec<i64>> = (0..nr)
            .map(|_| (0..nc).map(|_| rng.random_range(1..=hi)).collect())
            .collect();
        let max = cells.iter().map(|r| r[col]).max().unwrap_or(0);
        if cells.iter().filter(|r| r[col] == max).count() == 1 {
            break cells;
        }
    };
    let row = rng.random_range(0..nr);
    let b = (row + rng.random_range(1..nr)) % nr;
    let ops = [1, 3, 4, 6][usize::from(level.clamp(1, 3))];
    let ask = match rng.random_range(0..ops.min(6)) {
        0 => TableAsk::Lookup { row, col },
        1 => TableAsk::Difference { col, a: row, b },
        2 => TableAsk::RowTotal { row },
        3 => TableAsk::ColumnTotal { col },
        4 => TableAsk::ColumnMax { col },
        _ => TableAsk::ColumnMean { col },
    };
    TableScene {
        title: title.into(),
        corner: corner.into(),
        columns,
        rows,
        cells,
        ask,
    }
}

pub fn question(s: &TableScene) -> String {
    let (r, c) = (&s.rows, &s.columns);
    match s.ask {
        TableAsk::Lookup { row, col } => {
            format!(
                "According to the table, what is the value for {} in {}?",
                r[row], c[col]
            )
        }
        TableAsk::RowTotal { row } => format!("What is the total of {}'s row?", r[row]),
        TableAsk::ColumnTotal { col } => format!("What is the total of the {} column?", c[col]),
        TableAsk::Difference { col, a, b } => format!(
            "In {}, what is the value for {} minus the value for {}?",
            c[col], r[a], r[b]
        ),
        TableAsk::ColumnMax { col } => {
            format!(
                "Which {} has the largest value in {}?",
                s.corner.to_lowercase(),
                c[col]
            )
        }
        TableAsk::ColumnMean { col } => {
            format!(
                "What is the mean of the {} column? Give an exact answer.",
                c[col]
            )
        }
    }
}

pub fn answer(s: &TableScene) -> String {
    let col_of = |c: usize| s.cells.iter().map(move |r| r[c]);
    match s.ask {
        TableAsk::Lookup { row, col } => s.cells[row][col].to_string(),
        TableAsk::RowTotal { row } => s.cells[row].iter().sum::<i64>().to_string(),
        TableAsk::ColumnTotal { col } => col_of(col).sum::<i64>().to_string(),
        TableAsk::Difference { col, a, b } => (s.cells[a][col] - s.cells[b][col]).to_string(),
        TableAsk::ColumnMax { col } => {
            let i = (0..s.rows.len())
                .max_by_key(|i| s.cells[*i][col])
                .unwrap_or(0);
            s.rows[i].clone()
        }
        TableAsk::ColumnMean { col } => frac(col_of(col).sum(), s.rows.len() as i64),
    }
}

pub fn draw(s: &TableScene, pen: &mut Pen) {
    pen.text((224.0, 40.0), 20.0, Anchor::Centre, &s.title, INK);
    let (nr, nc) = (s.rows.len() + 1, s.columns.len() + 1);
    let (l, r, t) = (24.0, 424.0, 70.0);
    let first = 100.0;
    let cw = (r - l - first) / (nc - 1) as f32;
    let rh = (340.0 / nr as f32).min(48.0);
    pen.fill_rect(l, t, r - l, rh, [226, 236, 248]);
    for i in 0..=nr {
        let y = t + rh * i as f32;
        let w = if i <= 1 || i == nr { 2.0 } else { 1.0 };
        pen.line((l, y), (r, y), w, if w > 1.0 { INK } else { GRID });
    }
    pen.line((l, t), (l, t + rh * nr as f32), 2.0, INK);
    pen.line((r, t), (r, t + rh * nr as f32), 2.0, INK);
    pen.line((l + first, t), (l + first, t + rh * nr as f32), 2.0, INK);
    let size = if nc > 5 { 15.0 } else { 17.0 };
    let mid = |i: usize| t + rh * (i as f32 + 0.5);
    pen.text(
        (l + first * 0.5, mid(0)),
        size,
        Anchor::Centre,
        &s.corner,
        INK,
    );
    for (j, c) in s.columns.iter().enumerate() {
        pen.text(
            (l + first + cw * (j as f32 + 0.5), mid(0)),
            size,
            Anchor::Centre,
            c,
            INK,
        );
    }
    for (i, (name, row)) in s.rows.iter().zip(&s.cells).enumerate() {
        pen.text(
            (l + first * 0.5, mid(i + 1)),
            size,
            Anchor::Centre,
            name,
            INK,
        );
        for (j, v) in row.iter().enumerate() {
            let at = (l + first + cw * (j as f32 + 0.5), mid(i + 1));
            pen.text(at, size, Anchor::Centre, &v.to_string(), INK);
        }
    }
}
