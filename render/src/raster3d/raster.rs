//! Scan conversion: triangles to a depth buffer and a triangle-index buffer.
//!
//! Shading is deferred: the rasterizer only records which triangle is
//! nearest at each pixel, so every pixel is shaded once however deep the
//! overdraw, and the same pass yields object-visibility buffers for free.

use crate::camera::View;
use crate::mesh::Triangle;
use crate::raster3d::Vec3;

/// Triangle index of a pixel nothing covers.
pub const EMPTY: u32 = u32::MAX;

/// Per-pixel nearest triangle and its inverse depth (1/z, larger = nearer;
/// 1/z is affine in screen space, which makes interpolation exact).
#[derive(Debug, Clone)]
pub struct Buffers {
    pub width: u32,
    pub height: u32,
    pub inv_depth: Vec<f32>,
    pub triangle: Vec<u32>,
}

impl Buffers {
    pub fn new(width: u32, height: u32) -> Self {
        let n = width as usize * height as usize;
        Self {
            width,
            height,
            inv_depth: vec![0.0; n],
            triangle: vec![EMPTY; n],
        }
    }
}

/// Draws every triangle into `buf`, clipping against the near plane and
/// culling one-sided triangles seen from behind.
pub fn rasterize(triangles: &[Triangle], view: &View, buf: &mut Buffers) {
    for (index, t) in triangles.iter().enumerate() {
        if !t.material.two_sided {
            let n = (t.v[1] - t.v[0]).cross(t.v[2] - t.v[0]);
            if n.dot(view.eye - t.v[0]) <= 0.0 {
                continue;
            }
        }
        let c = [
            view.to_camera(t.v[0]),
            view.to_camera(t.v[1]),
            view.to_camera(t.v[2]),
        ];
        if c.iter().all(|p| p.z < view.near) {
            continue;
        }
        let mut poly = [Vec3::default(); 4];
        let n = clip_near(&c, view.near, &mut poly);
        let mut s = [(0.0f32, 0.0f32, 0.0f32); 4];
        for i in 0..n {
            let (x, y) = view.project(poly[i]);
            s[i] = (x, y, 1.0 / poly[i].z);
        }
        for i in 1..n.saturating_sub(1) {
            fill(s[0], s[i], s[i + 1], index as u32, buf);
        }
    }
}

/// Sutherland–Hodgman against z = near; a triangle becomes 0, 3 or 4 points.
fn clip_near(c: &[Vec3; 3], near: f32, out: &mut [Vec3; 4]) -> usize {
    let mut n = 0;
    for i in 0..3 {
        let (a, b) = (c[i], c[(i + 1) % 3]);
        let (ina, inb) = (a.z >= near, b.z >= near);
        if ina {
            out[n] = a;
            n += 1;
        }
        if ina != inb && n < 4 {
            let t = (near - a.z) / (b.z - a.z);
            out[n] = a + (b - a) * t;
            n += 1;
        }
    }
    n
}

fn fill(a: (f32, f32, f32), b: (f32, f32, f32), c: (f32, f32, f32), id: u32, buf: &mut Buffers) {
    let area = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
    if area.abs() < 1e-9 {
        return;
    }
    // Orient so the edge functions are positive inside whatever the winding.
    let (b, c, area) = if area < 0.0 {
        (c, b, -area)
    } else {
        (b, c, area)
    };
    let (w, h) = (buf.width as f32, buf.height as f32);
    let minx = a.0.min(b.0).min(c.0).floor().max(0.0);
    let maxx = a.0.max(b.0).max(c.0).ceil().min(w - 1.0);
    let miny = a.1.min(b.1).min(c.1).floor().max(0.0);
    let maxy = a.1.max(b.1).max(c.1).ceil().min(h - 1.0);
    if minx > maxx || miny > maxy {
        return;
    }
    // Edge functions relative to the box corner keep magnitudes small.
    let (ox, oy) = (minx + 0.5, miny + 0.5);
    let edge = |p: (f32, f32, f32), q: (f32, f32, f32)| {
        let (ax, ay) = (q.1 - p.1, -(q.0 - p.0));
        let c0 = (ox - p.0) * ax + (oy - p.1) * ay;
        (ax, ay, c0)
    };
    let inv_area = 1.0 / area;
    // Weight of vertex a is the edge opposite it (b→c), and so on.
    let (a0, b0, c0) = edge(b, c);
    let (a1, b1, c1) = edge(c, a);
    let (a2, b2, c2) = edge(a, b);
    // Edge function sign: positive inside for counter-clockwise in y-down.
    let sign = if a0 * (a.0 - ox) + b0 * (a.1 - oy) + c0 >= 0.0 {
        1.0
    } else {
        -1.0
    };
    let (za, zb, zc) = (a.2 * inv_area, b.2 * inv_area, c.2 * inv_area);
    let width = buf.width as usize;
    for yi in miny as usize..=maxy as usize {
        let dy = yi as f32 - miny;
        let mut e0 = (c0 + b0 * dy) * sign;
        let mut e1 = (c1 + b1 * dy) * sign;
        let mut e2 = (c2 + b2 * dy) * sign;
        let row = yi * width;
        for xi in minx as usize..=maxx as usize {
            if e0 >= 0.0 && e1 >= 0.0 && e2 >= 0.0 {
                let z = e0 * za + e1 * zb + e2 * zc;
                let i = row + xi;
                if z > buf.inv_depth[i] {
                    buf.inv_depth[i] = z;
                    buf.triangle[i] = id;
                }
            }
            e0 += a0 * sign;
            e1 += a1 * sign;
            e2 += a2 * sign;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::camera::Camera;
    use crate::mesh::{Material, Mesh};

    fn view() -> View {
        Camera::look_at(Vec3::new(0.0, 0.0, 5.0), Vec3::default(), 60.0).view(32, 32)
    }

    #[test]
    fn nearer_triangles_win_the_depth_test() {
        let mut m = Mesh::plane(
            Vec3::new(-1.0, -1.0, 0.0),
            Vec3::new(2.0, 0.0, 0.0),
            Vec3::new(0.0, 2.0, 0.0),
            Material::flat([0; 3]),
        );
        m.append(Mesh::plane(
            Vec3::new(-1.0, -1.0, -1.0),
            Vec3::new(2.0, 0.0, 0.0),
            Vec3::new(0.0, 2.0, 0.0),
            Material::flat([0; 3]),
        ));
        // Draw the far one last: it must not overwrite the near one.
        m.triangles.swap(0, 2);
        m.triangles.swap(1, 3);
        let mut buf = Buffers::new(32, 32);
        rasterize(&m.triangles, &view(), &mut buf);
        let centre = buf.triangle[16 * 32 + 16];
        assert!(centre == 2 || centre == 3, "centre shows triangle {centre}");
    }

    #[test]
    fn back_faces_are_culled_and_two_sided_ones_kept() {
        let back = Mesh::plane(
            Vec3::new(-1.0, -1.0, 0.0),
            Vec3::new(0.0, 2.0, 0.0),
            Vec3::new(2.0, 0.0, 0.0),
            Material::flat([0; 3]),
        );
        let mut buf = Buffers::new(32, 32);
        rasterize(&back.triangles, &view(), &mut buf);
        assert!(buf.triangle.iter().all(|&t| t == EMPTY));
        let two = Mesh::plane(
            Vec3::new(-1.0, -1.0, 0.0),
            Vec3::new(0.0, 2.0, 0.0),
            Vec3::new(2.0, 0.0, 0.0),
            Material::flat([0; 3]).two_sided(),
        );
        rasterize(&two.triangles, &view(), &mut buf);
        assert!(buf.triangle.iter().filter(|&&t| t != EMPTY).count() > 50);
    }

    #[test]
    fn geometry_crossing_the_near_plane_is_clipped_not_dropped() {
        // A floor running from behind the camera to far ahead.
        let floor = Mesh::plane(
            Vec3::new(-5.0, -1.0, 10.0),
            Vec3::new(10.0, 0.0, 0.0),
            Vec3::new(0.0, 0.0, -20.0),
            Material::flat([0; 3]),
        );
        let mut buf = Buffers::new(32, 32);
        rasterize(&floor.triangles, &view(), &mut buf);
        let bottom_row_covered = (0..32).all(|x| buf.triangle[31 * 32 + x] != EMPTY);
        assert!(bottom_row_covered);
        let top_row_empty = (0..32).all(|x| buf.triangle[x] == EMPTY);
        assert!(top_row_empty);
    }
}
