//! Rooms: rectangular or L-shaped floor plans of realistic size, with
//! doors, windows and distinct floor, wall and ceiling finishes.

use rand::seq::IndexedRandom;
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::geometry::{self, P2};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomShape {
    Rectangular,
    LShaped,
}

/// A door or window cut into wall `wall` (outline edge `wall` → `wall+1`),
/// from `start` to `end` metres along it, between heights `bottom`, `top`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Opening {
    pub wall: usize,
    pub start: f64,
    pub end: f64,
    pub bottom: f64,
    pub top: f64,
}

/// A surface finish: base colour, a second colour, and the pattern name
/// (`tiles`, `planks`, `carpet`, `plaster`, `wallpaper`, `paint`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finish {
    pub pattern: String,
    pub color: [u8; 3],
    pub other: [u8; 3],
    /// Pattern period in metres.
    pub scale: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Room {
    /// `bedroom`, `living room`, `office`, `kitchen` or `bathroom`.
    pub kind: String,
    pub shape: RoomShape,
    /// Floor outline, counter-clockwise seen from above, starting at (0, 0).
    pub outline: Vec<P2>,
    pub height: f64,
    pub doors: Vec<Opening>,
    pub windows: Vec<Opening>,
    pub floor: Finish,
    pub wall: Finish,
    pub ceiling: [u8; 3],
}

impl Room {
    /// A room whose floor area is drawn in `[min_area, 60]` m².
    pub fn generate(rng: &mut impl Rng, kind: &str, min_area: f64) -> Room {
        let area = rng.random_range(min_area.clamp(8.0, 59.0)..=60.0);
        let l_shaped = area >= 14.0 && rng.random_bool(0.3);
        let aspect = rng.random_range(1.0..1.8);
        let outline = if l_shaped {
            let (cw, cd) = (rng.random_range(0.3..0.5), rng.random_range(0.3..0.5));
            // Bounding W×D minus a cw·W × cd·D corner gives `area`.
            let full = area / (1.0 - cw * cd);
            let w = (full * aspect).sqrt();
            let d = full / w;
            let (x, z) = (w * (1.0 - cw), d * (1.0 - cd));
            vec![[0.0, 0.0], [0.0, d], [x, d], [x, z], [w, z], [w, 0.0]]
        } else {
            let w = (area * aspect).sqrt();
            let d = area / w;
            vec![[0.0, 0.0], [0.0, d], [w, d], [w, 0.0]]
        };
        let height = rng.random_range(2.4..=3.2);
        let mut room = Room {
            kind: kind.to_string(),
            shape: if l_shaped { RoomShape::LShaped } else { RoomShape::Rectangular },
            outline,
            height,
            doors: Vec::new(),
            windows: Vec::new(),
            floor: floor_finish(rng),
            wall: wall_finish(rng),
            ceiling: [rng.random_range(225..=245); 3],
        };
        room.add_openings(rng);
        room
    }

    pub fn area(&self) -> f64 {
        geometry::area(&self.outline)
    }

    pub fn wall_count(&self) -> usize {
        self.outline.len()
    }

    /// Wall `i` as (start, end, unit direction, unit inward normal, length).
    pub fn wall(&self, i: usize) -> (P2, P2, P2, P2, f64) {
        let n = self.outline.len();
        let (a, b) = (self.outline[i % n], self.outline[(i + 1) % n]);
        let e = geometry::sub(b, a);
        let len = geometry::norm(e).max(1e-9);
        let dir = [e[0] / len, e[1] / len];
        // The outline is counter-clockwise seen from above, whose "left"
        // (the inside) is dir turned +90° about y: (dir.z, -dir.x).
        let mut inward = [dir[1], -dir[0]];
        let mid = [(a[0] + b[0]) / 2.0 + inward[0] * 0.01, (a[1] + b[1]) / 2.0 + inward[1] * 0.01];
        if !geometry::inside(mid, &self.outline) {
            inward = [-inward[0], -inward[1]];
        }
        (a, b, dir, inward, len)
    }

    /// True when every corner of a convex footprint lies inside the floor
    /// and no corner of the floor pokes into it (the L's inner corner).
    pub fn contains(&self, poly: &[P2]) -> bool {
        poly.iter().all(|&p| geometry::inside(p, &self.outline))
            && !self.outline.iter().any(|&v| geometry::inside(v, poly))
    }

    /// The closed loop the camera walks: the outline moved `margin` inwards
    /// (exact for rectilinear outlines: each corner moves along both walls'
    /// inward normals).
    pub fn inset(&self, margin: f64) -> Vec<P2> {
        let n = self.outline.len();
        (0..n)
            .map(|i| {
                let (_, _, _, n0, _) = self.wall((i + n - 1) % n);
                let (_, _, _, n1, _) = self.wall(i);
                let v = self.outline[i];
                [v[0] + margin * (n0[0] + n1[0]), v[1] + margin * (n0[1] + n1[1])]
            })
            .collect()
    }

    /// Shortest side of the bounding box, which bounds how far the camera
    /// loop can keep from the walls.
    pub fn min_side(&self) -> f64 {
        let (mut w, mut d) = (0.0f64, 0.0f64);
        for p in &self.outline {
            w = w.max(p[0]);
            d = d.max(p[1]);
        }
        let notch = if self.outline.len() == 6 {
            // The narrower arm of the L.
            let [x, z] = self.outline[3];
            x.min(z)
        } else {
            f64::MAX
        };
        w.min(d).min(notch)
    }

    fn add_openings(&mut self, rng: &mut impl Rng) {
        let walls: Vec<usize> = (0..self.wall_count()).filter(|&i| self.wall(i).4 >= 1.5).collect();
        let Some(&dw) = walls.choose(rng) else { return };
        let len = self.wall(dw).4;
        let width = rng.random_range(0.8..0.95);
        let start = rng.random_range(0.2..(len - width - 0.2).max(0.21));
        self.doors.push(Opening { wall: dw, start, end: start + width, bottom: 0.0, top: rng.random_range(2.0..2.15) });
        for _ in 0..rng.random_range(0..=3) {
            let Some(&w) = walls.choose(rng) else { break };
            let len = self.wall(w).4;
            let width = rng.random_range(0.8..1.8f64).min(len - 0.6);
            if width < 0.6 {
                continue;
            }
            let start = rng.random_range(0.3..(len - width - 0.3).max(0.31));
            let bottom = rng.random_range(0.8..1.0);
            let top = (bottom + rng.random_range(1.0..1.4f64)).min(self.height - 0.2);
            let clash = self
                .doors
                .iter()
                .chain(&self.windows)
                .any(|o| o.wall == w && o.start < start + width + 0.3 && start < o.end + 0.3);
            if !clash {
                self.windows.push(Opening { wall: w, start, end: start + width, bottom, top });
            }
        }
    }
}

fn jitter(rng: &mut impl Rng, c: [u8; 3], k: i32) -> [u8; 3] {
    c.map(|v| (v as i32 + rng.random_range(-k..=k)).clamp(0, 255) as u8)
}

fn floor_finish(rng: &mut impl Rng) -> Finish {
    match rng.random_range(0..3) {
        0 => {
            let c = jitter(rng, [200, 195, 185], 20);
            Finish { pattern: "tiles".into(), color: c, other: c.map(|v| (v as f64 * 0.82) as u8), scale: rng.random_range(0.4..0.7) }
        }
        1 => {
            let c = *[[150, 105, 65], [120, 80, 50], [175, 135, 90]].choose(rng).unwrap_or(&[150, 105, 65]);
            let c = jitter(rng, c, 12);
            Finish { pattern: "planks".into(), color: c, other: c.map(|v| (v as f64 * 0.88) as u8), scale: rng.random_range(0.12..0.22) }
        }
        _ => {
            let c = *[[110, 110, 120], [140, 120, 100], [90, 100, 80]].choose(rng).unwrap_or(&[110, 110, 120]);
            let c = jitter(rng, c, 12);
            Finish { pattern: "carpet".into(), color: c, other: c, scale: 0.05 }
        }
    }
}

fn wall_finish(rng: &mut impl Rng) -> Finish {
    let base = *[[225, 220, 205], [205, 215, 225], [230, 210, 190], [210, 225, 205], [235, 235, 235]]
        .choose(rng)
        .unwrap_or(&[225, 220, 205]);
    let c = jitter(rng, base, 8);
    match rng.random_range(0..3) {
        0 => Finish { pattern: "wallpaper".into(), color: c, other: c.map(|v| (v as f64 * 0.9) as u8), scale: rng.random_range(0.08..0.2) },
        1 => Finish { pattern: "plaster".into(), color: c, other: c, scale: 0.3 },
        _ => Finish { pattern: "paint".into(), color: c, other: c, scale: 1.0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn rooms_have_realistic_areas_heights_and_a_door() {
        for seed in 0..200 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let r = Room::generate(&mut rng, "office", 8.0);
            assert!((8.0 - 1e-9..=60.0 + 1e-9).contains(&r.area()), "{}", r.area());
            assert!((2.4..=3.2).contains(&r.height));
            assert_eq!(r.doors.len(), 1);
            for i in 0..r.wall_count() {
                let (a, _, _, n, _) = r.wall(i);
                assert!(geometry::inside([a[0] + n[0] * 0.05 + r.wall(i).2[0] * 0.05, a[1] + n[1] * 0.05 + r.wall(i).2[1] * 0.05], &r.outline));
            }
        }
    }

    #[test]
    fn inset_loop_stays_inside_the_room() {
        for seed in 0..100 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let r = Room::generate(&mut rng, "office", 8.0);
            let m = (0.3 * r.min_side()).min(1.0);
            for p in r.inset(m) {
                assert!(geometry::inside(p, &r.outline), "{p:?} {:?}", r.outline);
            }
        }
    }
}
