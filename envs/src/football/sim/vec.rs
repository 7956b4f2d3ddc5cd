//! Tiny 2D/3D vectors for the simulation, using only `+ - * / sqrt` so that a
//! trajectory is bit-identical wherever IEEE floats are (golden files rely on it).

use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct V2 {
    pub x: f32,
    pub y: f32,
}

impl V2 {
    pub const ZERO: V2 = V2 { x: 0.0, y: 0.0 };

    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    pub fn dot(self, o: V2) -> f32 {
        self.x * o.x + self.y * o.y
    }

    pub fn len(self) -> f32 {
        self.dot(self).sqrt()
    }

    pub fn dist(self, o: V2) -> f32 {
        (self - o).len()
    }

    /// The unit vector, or zero for a (near) zero vector.
    pub fn norm(self) -> V2 {
        let l = self.len();
        if l > 1e-9 {
            self * (1.0 / l)
        } else {
            V2::ZERO
        }
    }

    /// Rotated +90° (towards +y, "bottom" on screen).
    pub fn perp(self) -> V2 {
        V2::new(-self.y, self.x)
    }

    /// Shortened to at most `max` long.
    pub fn clamp_len(self, max: f32) -> V2 {
        let l = self.len();
        if l > max && l > 0.0 {
            self * (max / l)
        } else {
            self
        }
    }

    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

impl Add for V2 {
    type Output = V2;
    fn add(self, o: V2) -> V2 {
        V2::new(self.x + o.x, self.y + o.y)
    }
}

impl AddAssign for V2 {
    fn add_assign(&mut self, o: V2) {
        *self = *self + o;
    }
}

impl Sub for V2 {
    type Output = V2;
    fn sub(self, o: V2) -> V2 {
        V2::new(self.x - o.x, self.y - o.y)
    }
}

impl SubAssign for V2 {
    fn sub_assign(&mut self, o: V2) {
        *self = *self - o;
    }
}

impl Mul<f32> for V2 {
    type Output = V2;
    fn mul(self, k: f32) -> V2 {
        V2::new(self.x * k, self.y * k)
    }
}

impl Neg for V2 {
    type Output = V2;
    fn neg(self) -> V2 {
        V2::new(-self.x, -self.y)
    }
}

/// Distance from point `p` to the segment `a`–`b`.
pub fn dist_to_segment(p: V2, a: V2, b: V2) -> f32 {
    let ab = b - a;
    let l2 = ab.dot(ab);
    let t = if l2 > 0.0 {
        ((p - a).dot(ab) / l2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.dist(a + ab * t)
}
