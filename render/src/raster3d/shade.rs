//! Lighting and procedural textures, evaluated once per visible pixel.

use serde::{Deserialize, Serialize};

use crate::mesh::{Material, Texture};
use crate::Vec3;

/// Ambient plus one directional (Lambert) light, with a weak fill from the
/// opposite side so faces turned away from the key light keep their shape.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lighting {
    pub ambient: f32,
    pub diffuse: f32,
    pub fill: f32,
    /// Direction towards the light (normalised when used).
    pub direction: Vec3,
}

impl Default for Lighting {
    fn default() -> Self {
        Self {
            ambient: 0.45,
            diffuse: 0.6,
            fill: 0.15,
            direction: Vec3::new(0.35, 0.85, 0.4),
        }
    }
}

impl Lighting {
    /// Brightness of a surface with unit normal `n`.
    pub fn intensity(&self, n: Vec3) -> f32 {
        let l = self.direction.normalized();
        let d = n.dot(l);
        self.ambient + self.diffuse * d.max(0.0) + self.fill * (-d).max(0.0)
    }
}

/// The material's colour at world point `p` of a surface with normal `n`,
/// before lighting, as 0–255 floats.
pub fn albedo(m: &Material, p: Vec3, n: Vec3) -> [f32; 3] {
    let base = [m.color[0] as f32, m.color[1] as f32, m.color[2] as f32];
    match m.texture {
        Texture::Flat => base,
        Texture::Checker { size, other } => {
            let s = size.max(1e-3);
            // Skip the axis along the normal: a floor at y = 0 sits on a cell
            // boundary, where rounding noise would flip the parity per pixel.
            let (ax, ay, az) = (n.x.abs(), n.y.abs(), n.z.abs());
            let cell = |v: f32, along: bool| if along { 0 } else { (v / s).floor() as i64 };
            let k = cell(p.x, ax >= ay && ax >= az)
                + cell(p.y, ay > ax && ay >= az)
                + cell(p.z, az > ax && az > ay);
            if k.rem_euclid(2) == 0 {
                base
            } else {
                [other[0] as f32, other[1] as f32, other[2] as f32]
            }
        }
        Texture::Stripes { width, axis, other } => {
            let v = match axis {
                0 => p.x,
                1 => p.y,
                _ => p.z,
            };
            if ((v / width.max(1e-3)).floor() as i64).rem_euclid(2) == 0 {
                base
            } else {
                [other[0] as f32, other[1] as f32, other[2] as f32]
            }
        }
        Texture::Noise { scale, amount } => {
            let k = 1.0 - amount.clamp(0.0, 1.0) * value_noise(p * (1.0 / scale.max(1e-3)));
            [base[0] * k, base[1] * k, base[2] * k]
        }
    }
}

fn hash(x: i32, y: i32, z: i32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x8da6_b343)
        ^ (y as u32).wrapping_mul(0xd816_3841)
        ^ (z as u32).wrapping_mul(0xcb1a_b31f);
    h ^= h >> 13;
    h = h.wrapping_mul(0x5bd1_e995);
    h ^= h >> 15;
    (h & 0xffff) as f32 / 65535.0
}

/// Trilinear value noise in [0, 1].
fn value_noise(p: Vec3) -> f32 {
    let (fx, fy, fz) = (p.x.floor(), p.y.floor(), p.z.floor());
    let (ix, iy, iz) = (fx as i32, fy as i32, fz as i32);
    let s = |t: f32| t * t * (3.0 - 2.0 * t);
    let (tx, ty, tz) = (s(p.x - fx), s(p.y - fy), s(p.z - fz));
    let lerp = |a: f32, b: f32, t: f32| a + (b - a) * t;
    let mut c = [0.0f32; 4];
    for (k, ci) in c.iter_mut().enumerate() {
        let (dy, dz) = ((k & 1) as i32, (k >> 1) as i32);
        *ci = lerp(
            hash(ix, iy + dy, iz + dz),
            hash(ix + 1, iy + dy, iz + dz),
            tx,
        );
    }
    lerp(lerp(c[0], c[1], ty), lerp(c[2], c[3], ty), tz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checker_alternates_between_neighbouring_cells() {
        let m = Material::textured(
            [200; 3],
            Texture::Checker {
                size: 0.5,
                other: [50; 3],
            },
        );
        let up = Vec3::new(0.0, 1.0, 0.0);
        let a = albedo(&m, Vec3::new(0.25, 0.0, 0.25), up);
        let b = albedo(&m, Vec3::new(0.75, 0.0, 0.25), up);
        assert_ne!(a, b);
        // Noise in the coordinate along the normal does not matter.
        assert_eq!(albedo(&m, Vec3::new(0.25, -1e-7, 0.25), up), a);
    }

    #[test]
    fn noise_stays_in_range_and_varies() {
        let vals: Vec<f32> = (0..200)
            .map(|i| value_noise(Vec3::new(i as f32 * 0.37, 0.3, 1.1)))
            .collect();
        assert!(vals.iter().all(|v| (0.0..=1.0).contains(v)));
        let spread = vals.iter().cloned().fold(0.0f32, f32::max)
            - vals.iter().cloned().fold(1.0f32, f32::min);
        assert!(spread > 0.3);
    }

    #[test]
    fn faces_towards_the_light_are_brighter() {
        let l = Lighting::default();
        assert!(l.intensity(Vec3::new(0.0, 1.0, 0.0)) > l.intensity(Vec3::new(0.0, -1.0, 0.0)));
    }
}
