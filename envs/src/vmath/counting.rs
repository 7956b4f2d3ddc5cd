//! Shapes of several kinds and colours scattered without overlap; the
//! question asks how many of a kind, a colour, or both there are.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::pen::Pen;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Colour {
    Red,
    Blue,
    Green,
    Yellow,
    Purple,
}

impl Shape {
    pub const ALL: [Shape; 4] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
    ];
    fn plural(self) -> &'static str {
        match self {
            Shape::Circle => "circles",
            Shape::Square => "squares",
            Shape::Triangle => "triangles",
            Shape::Diamond => "diamonds",
        }
    }
}

impl Colour {
    pub const ALL: [Colour; 5] = [
        Colour::Red,
        Colour::Blue,
        Colour::Green,
        Colour::Yellow,
        Colour::Purple,
    ];
    fn name(self) -> &'static str {
        match self {
            Colour::Red => "red",
            Colour::Blue => "blue",
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Purple => "purple",
        }
    }
    fn rgb(self) -> [u8; 3] {
        match self {
            Colour::Red => [220, 40, 40],
            Colour::Blue => [30, 90, 220],
            Colour::Green => [30, 160, 60],
            Colour::Yellow => [240, 200, 0],
            Colour::Purple => [140, 60, 190],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Object {
    pub shape: Shape,
    pub colour: Colour,
    /// Centre on the 448 page.
    pub x: f32,
    pub y: f32,
    /// Half-size (radius of the circle it fits in).
    pub size: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountingScene {
    pub objects: Vec<Object>,
    /// Count objects of this shape (any shape when `None`)...
    pub shape: Option<Shape>,
    /// ...and this colour (any colour when `None`); not both `None`.
    pub colour: Option<Colour>,
}

pub fn generate(rng: &mut ChaCha8Rng, level: u8) -> CountingScene {
    let (lo, hi, cells) = match level {
        1 => (3, 8, 4),
        2 => (6, 14, 5),
        _ => (10, 24, 6),
    };
    let n = rng.random_range(lo..=hi);
    let n_colours = (level as usize + 1).min(5);
    let n_shapes = (level as usize + 1).min(4);
    // One object per grid cell, jittered inside it, so none overlap.
    let mut slots: Vec<usize> = (0..cells * cells).collect();
    slots.shuffle(rng);
    let cell = 400.0 / cells as f32;
    let objects = slots[..n]
        .iter()
        .map(|&k| {
            let size = cell * rng.random_range(0.22..0.34);
            let slack = cell * 0.5 - size - 2.0;
            let (cx, cy) = ((k % cells) as f32, (k / cells) as f32);
            Object {
                shape: Shape::ALL[rng.random_range(0..n_shapes)],
                colour: Colour::ALL[rng.random_range(0..n_colours)],
                x: 24.0 + cell * (cx + 0.5) + rng.random_range(-slack..=slack),
                y: 24.0 + cell * (cy + 0.5) + rng.random_range(-slack..=slack),
                size,
            }
        })
        .collect::<Vec<_>>();
    let probe = objects[rng.random_range(0..objects.len())];
    let (shape, colour) = match rng.random_range(0..if level == 1 { 2 } else { 3 }) {
        0 => (Some(probe.shape), None),
        1 => (None, Some(probe.colour)),
        _ => (Some(probe.shape), Some(probe.colour)),
    };
    CountingScene {
        objects,
        shape,
        colour,
    }
}

pub fn question(s: &CountingScene) -> String {
    let what = match (s.shape, s.colour) {
        (Some(sh), Some(c)) => format!("{} {}", c.name(), sh.plural()),
        (Some(sh), None) => sh.plural().to_string(),
        (None, Some(c)) => format!("{} shapes", c.name()),
        (None, None) => "shapes".to_string(),
    };
    format!("How many {what} are there in the picture?")
}

pub fn answer(s: &CountingScene) -> String {
    s.objects
        .iter()
        .filter(|o| s.shape.is_none_or(|sh| o.shape == sh))
        .filter(|o| s.colour.is_none_or(|c| o.colour == c))
        .count()
        .to_string()
}

pub fn draw(s: &CountingScene, pen: &mut Pen) {
    for o in &s.objects {
        let (x, y, r, rgb) = (o.x, o.y, o.size, o.colour.rgb());
        let edge = [40, 40, 40];
        match o.shape {
            Shape::Circle => {
                pen.fill_circle((x, y), r + 1.5, edge);
                pen.fill_circle((x, y), r, rgb);
            }
            Shape::Square => {
                let h = r * 0.85;
                let sq = [
                    (x - h, y - h),
                    (x + h, y - h),
                    (x + h, y + h),
                    (x - h, y + h),
                ];
                pen.fill_polygon(&sq, rgb);
                pen.outline(&sq, 1.5, edge);
            }
            Shape::Triangle => {
                let t = [
                    (x, y - r),
                    (x + r * 0.95, y + r * 0.7),
                    (x - r * 0.95, y + r * 0.7),
                ];
                pen.fill_polygon(&t, rgb);
                pen.outline(&t, 1.5, edge);
            }
            Shape::Diamond => {
                let d = [(x, y - r), (x + r * 0.75, y), (x, y + r), (x - r * 0.75, y)];
                pen.fill_polygon(&d, rgb);
                pen.outline(&d, 1.5, edge);
            }
        }
    }
}
