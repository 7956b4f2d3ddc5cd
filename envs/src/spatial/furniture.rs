//! The spatial env's furniture catalogue: shapes composed from the
//! renderer's primitives, each filling exactly its bounding box so scene
//! geometry (distances, sizes) and pixels agree.
//!
//! Local frame: footprint centred on the origin, standing on y = 0, front
//! facing +z; width along x, height along y, depth along z.

use serde::{Deserialize, Serialize};

use rulegym_render::{Material, Mesh, Texture, Vec3};

/// The shapes furniture is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Furniture {
    Chair,
    Stool,
    Table,
    Desk,
    Sofa,
    Bed,
    Cabinet,
    Shelf,
    Tv,
    Monitor,
    Lamp,
    Toilet,
    Sink,
    Bathtub,
    Refrigerator,
    Plant,
    TrashCan,
    Pillow,
    Block,
}

impl Furniture {
    /// Every shape, for tests and galleries.
    pub const ALL: [Furniture; 19] = [
        Self::Chair,
        Self::Stool,
        Self::Table,
        Self::Desk,
        Self::Sofa,
        Self::Bed,
        Self::Cabinet,
        Self::Shelf,
        Self::Tv,
        Self::Monitor,
        Self::Lamp,
        Self::Toilet,
        Self::Sink,
        Self::Bathtub,
        Self::Refrigerator,
        Self::Plant,
        Self::TrashCan,
        Self::Pillow,
        Self::Block,
    ];
}

/// A box from its two corners; a terse helper because furniture is a list of boxes.
#[allow(clippy::too_many_arguments)]
fn b(m: &mut Mesh, x0: f32, y0: f32, z0: f32, x1: f32, y1: f32, z1: f32, mat: Material) {
    m.append(Mesh::cuboid(
        Vec3::new(x0, y0, z0),
        Vec3::new(x1, y1, z1),
        mat,
    ));
}

fn darker(c: [u8; 3], k: f32) -> [u8; 3] {
    c.map(|v| (v as f32 * k) as u8)
}

/// A mesh of `kind` filling the box `size` (x width, y height, z depth)
/// in the local frame, coloured `primary` with `secondary` accents.
pub fn furniture_mesh(kind: Furniture, size: Vec3, primary: [u8; 3], secondary: [u8; 3]) -> Mesh {
    let (w, h, d) = (size.x.max(0.01), size.y.max(0.01), size.z.max(0.01));
    let (hx, hz) = (w / 2.0, d / 2.0);
    let p = Material::flat(primary);
    let s = Material::flat(secondary);
    let dark = Material::flat(darker(primary, 0.6));
    let mut m = Mesh::new();
    let legs = |m: &mut Mesh, top: f32, t: f32, mat: Material| {
        for (sx, sz) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
            let (cx, cz) = (sx * (hx - t / 2.0), sz * (hz - t / 2.0));
            b(
                m,
                cx - t / 2.0,
                0.0,
                cz - t / 2.0,
                cx + t / 2.0,
                top,
                cz + t / 2.0,
                mat,
            );
        }
    };
    match kind {
        Furniture::Chair => {
            let seat = 0.48 * h;
            let t = 0.07 * w.min(d);
            legs(&mut m, seat - 0.06 * h, t, dark);
            b(&mut m, -hx, seat - 0.06 * h, -hz, hx, seat, hz, p);
            b(&mut m, -hx, seat, -hz, hx, h, -hz + 0.12 * d, s);
        }
        Furniture::Stool => {
            legs(&mut m, h - 0.08 * h, 0.1 * w.min(d), dark);
            b(&mut m, -hx, h - 0.08 * h, -hz, hx, h, hz, p);
        }
        Furniture::Table => {
            let t = 0.06 * w.min(d);
            legs(&mut m, h - 0.05, t, dark);
            let top = Material::textured(
                primary,
                Texture::Stripes {
                    width: 0.08,
                    axis: 0,
                    other: darker(primary, 0.9),
                },
            );
            b(&mut m, -hx, h - 0.05, -hz, hx, h, hz, top);
        }
        Furniture::Desk => {
            let t = 0.05 * w;
            b(&mut m, -hx, 0.0, -hz, -hx + t, h - 0.04, hz, dark);
            b(&mut m, hx - t, 0.0, -hz, hx, h - 0.04, hz, dark);
            b(
                &mut m,
                -hx + t,
                0.35 * h,
                -hz,
                hx - t,
                h - 0.04,
                -hz + 0.05 * d,
                s,
            );
            b(&mut m, -hx, h - 0.04, -hz, hx, h, hz, p);
        }
        Furniture::Sofa => {
            let fabric = Material::textured(
                primary,
                Texture::Noise {
                    scale: 0.08,
                    amount: 0.25,
                },
            );
            let arm = 0.13 * w;
            b(&mut m, -hx + arm, 0.0, -hz, hx - arm, 0.45 * h, hz, fabric);
            b(
                &mut m,
                -hx + arm,
                0.45 * h,
                -hz,
                hx - arm,
                h,
                -hz + 0.25 * d,
                fabric,
            );
            b(
                &mut m,
                -hx,
                0.0,
                -hz,
                -hx + arm,
                0.65 * h,
                hz,
                Material::flat(darker(primary, 0.8)),
            );
            b(
                &mut m,
                hx - arm,
                0.0,
                -hz,
                hx,
                0.65 * h,
                hz,
                Material::flat(darker(primary, 0.8)),
            );
        }
        Furniture::Bed => {
            let sheet = Material::textured(
                secondary,
                Texture::Noise {
                    scale: 0.15,
                    amount: 0.15,
                },
            );
            b(&mut m, -hx, 0.0, -hz + 0.06 * d, hx, 0.3 * h, hz, p);
            b(
                &mut m,
                -hx + 0.02 * w,
                0.3 * h,
                -hz + 0.06 * d,
                hx - 0.02 * w,
                0.5 * h,
                hz - 0.01 * d,
                sheet,
            );
            b(&mut m, -hx, 0.0, -hz, hx, h, -hz + 0.06 * d, dark);
        }
        Furniture::Cabinet => {
            b(&mut m, -hx, 0.0, -hz, hx, h, hz - 0.02 * d, p);
            b(
                &mut m,
                -hx + 0.03 * w,
                0.04 * h,
                hz - 0.02 * d,
                -0.01 * w,
                0.97 * h,
                hz - 0.01 * d,
                Material::flat(darker(primary, 0.85)),
            );
            b(
                &mut m,
                0.01 * w,
                0.04 * h,
                hz - 0.02 * d,
                hx - 0.03 * w,
                0.97 * h,
                hz - 0.01 * d,
                Material::flat(darker(primary, 0.85)),
            );
            let hy = 0.5 * h;
            b(
                &mut m,
                -0.06 * w,
                hy - 0.05 * h,
                hz - 0.01 * d,
                -0.03 * w,
                hy + 0.05 * h,
                hz,
                s,
            );
            b(
                &mut m,
                0.03 * w,
                hy - 0.05 * h,
                hz - 0.01 * d,
                0.06 * w,
                hy + 0.05 * h,
                hz,
                s,
            );
        }
        Furniture::Shelf => {
            let t = 0.04 * w.max(0.5);
            b(&mut m, -hx, 0.0, -hz, -hx + t, h, hz, p);
            b(&mut m, hx - t, 0.0, -hz, hx, h, hz, p);
            b(&mut m, -hx + t, 0.0, -hz, hx - t, h, -hz + 0.1 * d, dark);
            let n = ((h / 0.35).round() as usize).clamp(2, 7);
            for i in 0..=n {
                let y = i as f32 / n as f32 * (h - 0.03);
                b(&mut m, -hx + t, y, -hz, hx - t, y + 0.03, hz, p);
                if i < n {
                    // A row of books on each shelf.
                    let books = Material::textured(
                        secondary,
                        Texture::Stripes {
                            width: 0.035,
                            axis: 0,
                            other: darker(secondary, 0.55),
                        },
                    );
                    let bh = (h / n as f32 - 0.03) * 0.75;
                    b(
                        &mut m,
                        -hx + t,
                        y + 0.03,
                        -hz + 0.1 * d,
                        hx - t - 0.2 * w,
                        y + 0.03 + bh,
                        hz - 0.15 * d,
                        books,
                    );
                }
            }
        }
        Furniture::Tv => {
            // The screen stands proud of the bezel so their faces never
            // share a plane (which would z-fight).
            let bezel = hz - 0.2 * d;
            let body = Material::flat([25, 25, 28]);
            b(&mut m, -hx, 0.0, -hz, hx, h, bezel, body);
            let screen = Material::flat(secondary).glowing(0.25);
            let (x0, x1) = (-hx + 0.03 * w, hx - 0.03 * w);
            b(&mut m, -hx, 0.0, bezel - 0.001, x0, h, hz - 0.002, body);
            b(&mut m, x1, 0.0, bezel - 0.001, hx, h, hz - 0.002, body);
            b(
                &mut m,
                x0,
                0.05 * h,
                bezel - 0.001,
                x1,
                0.95 * h,
                hz,
                screen,
            );
        }
        Furniture::Monitor => {
            b(&mut m, -0.2 * w, 0.0, -hz, 0.2 * w, 0.04 * h, hz, dark);
            b(
                &mut m,
                -0.04 * w,
                0.04 * h,
                -0.15 * d,
                0.04 * w,
                0.35 * h,
                0.0,
                dark,
            );
            b(
                &mut m,
                -hx,
                0.3 * h,
                -0.02 * d.max(0.1),
                hx,
                h,
                hz * 0.6,
                Material::flat([30, 30, 34]),
            );
            b(
                &mut m,
                -hx + 0.04 * w,
                0.35 * h,
                hz * 0.6,
                hx - 0.04 * w,
                0.95 * h,
                hz * 0.6 + 0.002,
                Material::flat(secondary).glowing(0.25),
            );
        }
        Furniture::Lamp => {
            let r = 0.5 * w.min(d);
            m.append(Mesh::cylinder(
                Vec3::new(0.0, 0.0, 0.0),
                r * 0.6,
                0.05 * h,
                12,
                dark,
            ));
            m.append(Mesh::cylinder(
                Vec3::new(0.0, 0.05 * h, 0.0),
                r * 0.08,
                0.6 * h,
                6,
                dark,
            ));
            m.append(Mesh::frustum(
                Vec3::new(0.0, 0.65 * h, 0.0),
                r,
                r * 0.65,
                0.35 * h,
                14,
                Material::flat(primary).glowing(0.35),
            ));
        }
        Furniture::Toilet => {
            b(&mut m, -hx, 0.0, -hz, hx, h, -hz + 0.25 * d, p);
            b(
                &mut m,
                -0.3 * w,
                0.0,
                -hz + 0.25 * d,
                0.3 * w,
                0.35 * h,
                hz - 0.1 * d,
                p,
            );
            m.append(Mesh::cylinder(
                Vec3::new(0.0, 0.35 * h, 0.1 * d),
                0.5 * w.min(0.75 * d),
                0.1 * h,
                14,
                Material::flat(darker(primary, 0.92)),
            ));
        }
        Furniture::Sink => {
            b(&mut m, -hx, 0.0, -hz, hx, 0.85 * h, hz, s);
            b(&mut m, -hx, 0.85 * h, -hz, hx, h, hz, p);
        }
        Furniture::Bathtub => {
            let t = 0.07 * w.min(d);
            b(&mut m, -hx, 0.0, -hz, hx, 0.2 * h, hz, p);
            b(&mut m, -hx, 0.2 * h, -hz, -hx + t, h, hz, p);
            b(&mut m, hx - t, 0.2 * h, -hz, hx, h, hz, p);
            b(&mut m, -hx + t, 0.2 * h, -hz, hx - t, h, -hz + t, p);
            b(&mut m, -hx + t, 0.2 * h, hz - t, hx - t, h, hz, p);
            b(
                &mut m,
                -hx + t,
                0.2 * h,
                -hz + t,
                hx - t,
                0.7 * h,
                hz - t,
                Material::flat(secondary),
            );
        }
        Furniture::Refrigerator => {
            b(&mut m, -hx, 0.0, -hz, hx, h, hz - 0.02 * d, p);
            b(
                &mut m,
                -hx,
                0.0,
                hz - 0.02 * d,
                hx,
                0.64 * h,
                hz - 0.01 * d,
                Material::flat(darker(primary, 0.93)),
            );
            b(
                &mut m,
                -hx,
                0.655 * h,
                hz - 0.02 * d,
                hx,
                h,
                hz - 0.01 * d,
                Material::flat(darker(primary, 0.93)),
            );
            b(
                &mut m,
                hx - 0.12 * w,
                0.4 * h,
                hz - 0.01 * d,
                hx - 0.08 * w,
                0.6 * h,
                hz,
                s,
            );
            b(
                &mut m,
                hx - 0.12 * w,
                0.7 * h,
                hz - 0.01 * d,
                hx - 0.08 * w,
                0.85 * h,
                hz,
                s,
            );
        }
        Furniture::Plant => {
            let r = 0.5 * w.min(d);
            m.append(Mesh::frustum(
                Vec3::default(),
                r * 0.45,
                r * 0.6,
                0.3 * h,
                10,
                Material::flat(secondary),
            ));
            let leaves = Material::textured(
                primary,
                Texture::Noise {
                    scale: 0.06,
                    amount: 0.5,
                },
            );
            let ry = 0.35 * h;
            m.append(sphere_scaled(
                Vec3::new(0.0, 0.3 * h + ry, 0.0),
                Vec3::new(r, ry, r),
                leaves,
            ));
        }
        Furniture::TrashCan => {
            let r = 0.5 * w.min(d);
            m.append(Mesh::frustum(Vec3::default(), r * 0.85, r, h, 14, p));
        }
        Furniture::Pillow => {
            let fabric = Material::textured(
                primary,
                Texture::Noise {
                    scale: 0.05,
                    amount: 0.2,
                },
            );
            m.append(sphere_scaled(
                Vec3::new(0.0, h / 2.0, 0.0),
                Vec3::new(hx, h / 2.0, hz),
                fabric,
            ));
        }
        Furniture::Block => b(&mut m, -hx, 0.0, -hz, hx, h, hz, p),
    }
    m
}

fn sphere_scaled(center: Vec3, radii: Vec3, mat: Material) -> Mesh {
    let mut m = Mesh::sphere(Vec3::default(), 1.0, 8, 12, mat);
    for t in &mut m.triangles {
        for v in &mut t.v {
            *v = Vec3::new(v.x * radii.x, v.y * radii.y, v.z * radii.z) + center;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_piece_stays_inside_its_box_and_touches_its_top() {
        let size = Vec3::new(0.8, 1.2, 0.6);
        for kind in Furniture::ALL {
            let m = furniture_mesh(kind, size, [100; 3], [200; 3]);
            assert!(!m.is_empty(), "{kind:?}");
            let vs: Vec<Vec3> = m.triangles.iter().flat_map(|t| t.v).collect();
            for v in &vs {
                assert!(
                    v.x.abs() <= 0.4 + 1e-4 && v.z.abs() <= 0.3 + 1e-4,
                    "{kind:?} {v:?}"
                );
                assert!(v.y >= -1e-4 && v.y <= 1.2 + 1e-4, "{kind:?} {v:?}");
            }
            let top = vs.iter().map(|v| v.y).fold(0.0f32, f32::max);
            assert!(top > 1.2 * 0.97, "{kind:?} reaches only {top}");
        }
    }
}
