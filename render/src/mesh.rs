//! Triangle meshes, their materials, and the primitive solids furniture is
//! built from.
//!
//! Textures are procedural and evaluated in world space, so meshes need no
//! UV coordinates: a checker floor stays aligned across its triangles.

use serde::{Deserialize, Serialize};

use crate::Vec3;

/// A procedural pattern mixed over the base colour, looked up by world
/// position at shading time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Texture {
    Flat,
    /// Alternating cells of `size` metres (floor tiles).
    Checker {
        size: f32,
        other: [u8; 3],
    },
    /// Bands of `width` metres across world axis `axis` (0 = x, 1 = y, 2 = z),
    /// for planks and wallpaper.
    Stripes {
        width: f32,
        axis: u8,
        other: [u8; 3],
    },
    /// Smooth value noise with cells of `scale` metres darkening the colour
    /// by up to `amount` (0–1): carpet, plaster, foliage.
    Noise {
        scale: f32,
        amount: f32,
    },
}

/// How a triangle looks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Material {
    pub color: [u8; 3],
    pub texture: Texture,
    /// Drawn from both sides (thin open surfaces); closed solids are culled
    /// from behind, which halves the work.
    pub two_sided: bool,
    /// Light emitted regardless of lighting (screens, lamp shades), 0–1.
    pub emissive: f32,
}

impl Material {
    pub const fn flat(color: [u8; 3]) -> Self {
        Self {
            color,
            texture: Texture::Flat,
            two_sided: false,
            emissive: 0.0,
        }
    }
    pub const fn textured(color: [u8; 3], texture: Texture) -> Self {
        Self {
            color,
            texture,
            two_sided: false,
            emissive: 0.0,
        }
    }
    pub const fn two_sided(mut self) -> Self {
        self.two_sided = true;
        self
    }
    pub const fn glowing(mut self, emissive: f32) -> Self {
        self.emissive = emissive;
        self
    }
}

/// Object id of geometry that belongs to no object (room shell, background).
pub const NO_OBJECT: u32 = u32::MAX;

/// One triangle, counter-clockwise seen from its front side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triangle {
    pub v: [Vec3; 3],
    pub material: Material,
    /// Which scene object this triangle belongs to, for visibility buffers.
    pub object: u32,
}

/// A triangle soup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mesh {
    pub triangles: Vec<Triangle>,
}

impl Mesh {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.triangles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triangles.is_empty()
    }

    pub fn push_triangle(&mut self, a: Vec3, b: Vec3, c: Vec3, material: Material) {
        self.triangles.push(Triangle {
            v: [a, b, c],
            material,
            object: crate::mesh::NO_OBJECT,
        });
    }

    /// A quad a-b-c-d, counter-clockwise seen from its front.
    pub fn push_quad(&mut self, a: Vec3, b: Vec3, c: Vec3, d: Vec3, material: Material) {
        self.push_triangle(a, b, c, material);
        self.push_triangle(a, c, d, material);
    }

    pub fn append(&mut self, other: Mesh) {
        self.triangles.extend(other.triangles);
    }

    /// Rotates about the vertical axis through the origin by `yaw`, then
    /// moves by `offset`.
    pub fn transformed(mut self, yaw: f32, offset: Vec3) -> Mesh {
        for t in &mut self.triangles {
            for v in &mut t.v {
                *v = v.rotate_y(yaw) + offset;
            }
        }
        self
    }

    /// Tags every triangle as part of scene object `id`.
    pub fn with_object(mut self, id: u32) -> Mesh {
        for t in &mut self.triangles {
            t.object = id;
        }
        self
    }

    /// Axis-aligned box between `min` and `max`, faces pointing outwards.
    pub fn cuboid(min: Vec3, max: Vec3, material: Material) -> Mesh {
        let mut m = Mesh::new();
        let p = |x: bool, y: bool, z: bool| {
            Vec3::new(
                if x { max.x } else { min.x },
                if y { max.y } else { min.y },
                if z { max.z } else { min.z },
            )
        };
        let (f, t) = (false, true);
        m.push_quad(p(f, f, t), p(t, f, t), p(t, t, t), p(f, t, t), material); // +z
        m.push_quad(p(t, f, f), p(f, f, f), p(f, t, f), p(t, t, f), material); // -z
        m.push_quad(p(t, f, t), p(t, f, f), p(t, t, f), p(t, t, t), material); // +x
        m.push_quad(p(f, f, f), p(f, f, t), p(f, t, t), p(f, t, f), material); // -x
        m.push_quad(p(f, t, t), p(t, t, t), p(t, t, f), p(f, t, f), material); // +y
        m.push_quad(p(f, f, f), p(t, f, f), p(t, f, t), p(f, f, t), material); // -y
        m
    }

    /// Vertical cylinder standing on `base` (centre of its bottom disc),
    /// with caps; `segments` ≥ 3 sides.
    pub fn cylinder(
        base: Vec3,
        radius: f32,
        height: f32,
        segments: usize,
        material: Material,
    ) -> Mesh {
        Self::frustum(base, radius, radius, height, segments, material)
    }

    /// A capped cone frustum (lamp shades, pots): radius `r0` at the bottom,
    /// `r1` at the top.
    pub fn frustum(
        base: Vec3,
        r0: f32,
        r1: f32,
        height: f32,
        segments: usize,
        material: Material,
    ) -> Mesh {
        let n = segments.max(3);
        let mut m = Mesh::new();
        let top = base + Vec3::new(0.0, height, 0.0);
        let ring = |r: f32, y: Vec3, i: usize| {
            let a = i as f32 / n as f32 * std::f32::consts::TAU;
            y + Vec3::new(r * a.cos(), 0.0, -r * a.sin())
        };
        for i in 0..n {
            let (b0, b1) = (ring(r0, base, i), ring(r0, base, i + 1));
            let (t0, t1) = (ring(r1, top, i), ring(r1, top, i + 1));
            m.push_quad(b0, b1, t1, t0, material);
            m.push_triangle(top, t0, t1, material);
            m.push_triangle(base, b1, b0, material);
        }
        m
    }

    /// UV sphere around `center`.
    pub fn sphere(
        center: Vec3,
        radius: f32,
        stacks: usize,
        slices: usize,
        material: Material,
    ) -> Mesh {
        let (st, sl) = (stacks.max(2), slices.max(3));
        let mut m = Mesh::new();
        let point = |i: usize, j: usize| {
            let phi = std::f32::consts::PI * i as f32 / st as f32;
            let th = std::f32::consts::TAU * j as f32 / sl as f32;
            center
                + Vec3::new(
                    radius * phi.sin() * th.cos(),
                    radius * phi.cos(),
                    -radius * phi.sin() * th.sin(),
                )
        };
        for i in 0..st {
            for j in 0..sl {
                let (a, b) = (point(i, j), point(i + 1, j));
                let (c, d) = (point(i + 1, j + 1), point(i, j + 1));
                if i == 0 {
                    m.push_triangle(a, b, c, material);
                } else if i + 1 == st {
                    m.push_triangle(a, b, d, material);
                } else {
                    m.push_quad(a, b, c, d, material);
                }
            }
        }
        m
    }

    /// A flat quad from `corner` spanning edges `u` and `v`; its front is
    /// the side `u × v` points to.
    pub fn plane(corner: Vec3, u: Vec3, v: Vec3, material: Material) -> Mesh {
        let mut m = Mesh::new();
        m.push_quad(corner, corner + u, corner + u + v, corner + v, material);
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outward(m: &Mesh, centre: Vec3) -> bool {
        m.triangles.iter().all(|t| {
            let n = (t.v[1] - t.v[0]).cross(t.v[2] - t.v[0]);
            let mid = (t.v[0] + t.v[1] + t.v[2]) * (1.0 / 3.0);
            n.dot(mid - centre) > 0.0
        })
    }

    #[test]
    fn solids_wind_their_faces_outwards() {
        let mat = Material::flat([1, 2, 3]);
        let c = Vec3::new(0.5, 0.5, 0.5);
        assert!(outward(
            &Mesh::cuboid(Vec3::default(), Vec3::new(1.0, 1.0, 1.0), mat),
            c
        ));
        assert!(outward(
            &Mesh::cylinder(Vec3::new(0.5, 0.0, 0.5), 0.3, 1.0, 8, mat),
            c
        ));
        assert!(outward(&Mesh::sphere(c, 0.4, 6, 8, mat), c));
    }

    #[test]
    fn transform_rotates_then_translates() {
        let m = Mesh::cuboid(
            Vec3::default(),
            Vec3::new(2.0, 1.0, 1.0),
            Material::flat([0; 3]),
        )
        .transformed(std::f32::consts::FRAC_PI_2, Vec3::new(10.0, 0.0, 0.0));
        let max_x = m
            .triangles
            .iter()
            .flat_map(|t| t.v)
            .map(|v| v.x)
            .fold(f32::MIN, f32::max);
        assert!((max_x - 11.0).abs() < 1e-5, "{max_x}");
    }
}
