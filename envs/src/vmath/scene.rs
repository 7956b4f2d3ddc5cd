//! The plain-data description every problem starts from. A scene holds the
//! numbers (and the question's choice of what to compute); the answer is
//! derived from it and the image drawn from it, separately, so tests can
//! re-derive the answer from the scene without the drawing code.

use rand_chacha::ChaCha8Rng;
use rulegym_render::{Canvas, Frame};
use serde::{Deserialize, Serialize};

use super::pen::{Pen, PAPER};
use super::{charts, counting, geometry, plots, tables};

/// A visual math family (the registry's `vmath/<name>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Geometry,
    Charts,
    Plots,
    Tables,
    Counting,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::Geometry,
        Family::Charts,
        Family::Plots,
        Family::Tables,
        Family::Counting,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::Geometry => "geometry",
            Family::Charts => "charts",
            Family::Plots => "plots",
            Family::Tables => "tables",
            Family::Counting => "counting",
        }
    }

    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn description(self) -> &'static str {
        match self {
            Family::Geometry => "visual math: triangles, circles, sectors, composite shapes and parallel lines drawn to scale",
            Family::Charts => "visual math: bar, line and pie charts to read and combine",
            Family::Plots => "visual math: lines, parabolas and points on a coordinate grid",
            Family::Tables => "visual math: a rendered table to look up and aggregate",
            Family::Counting => "visual math: count shapes of a kind and colour",
        }
    }

    /// The `kinds` a config may name for this family (empty: none).
    pub fn kinds(self) -> &'static [&'static str] {
        match self {
            Family::Geometry => geometry::KINDS,
            Family::Charts => charts::KINDS,
            Family::Plots => plots::KINDS,
            Family::Tables | Family::Counting => &[],
        }
    }

    /// Draws a scene at `level` (1..=3), restricted to `kinds` when given.
    pub fn generate(self, rng: &mut ChaCha8Rng, level: u8, kinds: &[String]) -> Scene {
        match self {
            Family::Geometry => Scene::Geometry(geometry::generate(rng, level, kinds)),
            Family::Charts => Scene::Charts(charts::generate(rng, level, kinds)),
            Family::Plots => Scene::Plots(plots::generate(rng, level, kinds)),
            Family::Tables => Scene::Tables(tables::generate(rng, level)),
            Family::Counting => Scene::Counting(counting::generate(rng, level)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "family", rename_all = "snake_case")]
pub enum Scene {
    Geometry(geometry::GeometryScene),
    Charts(charts::ChartScene),
    Plots(plots::PlotScene),
    Tables(tables::TableScene),
    Counting(counting::CountingScene),
}

impl Scene {
    pub fn family(&self) -> Family {
        match self {
            Scene::Geometry(_) => Family::Geometry,
            Scene::Charts(_) => Family::Charts,
            Scene::Plots(_) => Family::Plots,
            Scene::Tables(_) => Family::Tables,
            Scene::Counting(_) => Family::Counting,
        }
    }

    /// The question text: what to compute, never the numbers.
    pub fn question(&self) -> String {
        match self {
            Scene::Geometry(s) => geometry::question(s),
            Scene::Charts(s) => charts::question(s),
            Scene::Plots(s) => plots::question(s),
            Scene::Tables(s) => tables::question(s),
            Scene::Counting(s) => counting::question(s),
        }
    }

    /// The exact gold answer, as LaTeX the math verifier parses.
    pub fn answer(&self) -> String {
        match self {
            Scene::Geometry(s) => geometry::answer(s),
            Scene::Charts(s) => charts::answer(s),
            Scene::Plots(s) => plots::answer(s),
            Scene::Tables(s) => tables::answer(s),
            Scene::Counting(s) => counting::answer(s),
        }
    }

    /// Draws the scene into `frame` (cleared first); any size works, the
    /// layout is scaled from a 448 × 448 page.
    pub fn draw_into(&self, frame: &mut Frame) {
        let mut canvas = Canvas::new(frame);
        canvas.clear(PAPER);
        let mut pen = Pen::new(&mut canvas);
        match self {
            Scene::Geometry(s) => geometry::draw(s, &mut pen),
            Scene::Charts(s) => charts::draw(s, &mut pen),
            Scene::Plots(s) => plots::draw(s, &mut pen),
            Scene::Tables(s) => tables::draw(s, &mut pen),
            Scene::Counting(s) => counting::draw(s, &mut pen),
        }
    }

    /// The scene drawn in a new `size × size` frame.
    pub fn render(&self, size: u32) -> Frame {
        let mut frame = Frame::filled(size, size, PAPER);
        self.draw_into(&mut frame);
        frame
    }
}
