//! Scan conversion: triangles to a depth buffer and a triangle-index buffer.
//!
//! Shading is deferred: the rasterizer only records which triangle is
//! nearest at each pixel, so every pixel is shaded once however deep the
//! overdraw, and the same pass yields object-visibility buffers for free.

use crate::camera::View;
use crate::mesh::Triangle;
use crate::Vec3;

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
        let n_pts = clip_near(&c, view.near, &mut poly);
        // 1/z straight from the triangle's plane in camera space: for a
        // pixel ray z·(u, v, 1) hitting n·p = d, 1/z = (n·(u, v, 1)) / d.
        // Exact and stable even for huge near-clipped floor triangles, where
        // interpolating from projected vertices loses all precision.
        let n = (c[1] - c[0]).cross(c[2] - c[0]);
        let d = n.dot(c[0]);
        if d.abs() < 1e-9 {
            continue;
        }
        let k = 1.0 / (d as f64 * view.focal as f64);
        let plane = Plane {
            a: n.x as f64 * k,
            b: -(n.y as f64) * k,
            c: n.z as f64 / d as f64
                - (n.x as f64 * view.cx as f64 - n.y as f64 * view.cy as f64) * k,
        };
        let mut s = [(0.0f64, 0.0f64); 4];
        for i in 0..n_pts {
            let (x, y) = view.project(poly[i]);
            s[i] = (x as f64, y as f64);
        }
        for i in 1..n_pts.saturating_sub(1) {
            fill(s[0], s[i], s[i + 1], &plane, index as u32, buf);
        }
    }
}

/// 1/z = a·x + b·y + c over pixel centres (x, y).
struct Plane {
    a: f64,
    b: f64,
    c: f64,
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

fn fill(a: (f64, f64), b: (f64, f64), c: (f64, f64), plane: &Plane, id: u32, buf: &mut Buffers) {
    let area = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
    if area.abs() < 1e-12 {
        return;
    }
    // Orient so the edge functions are positive inside whatever the winding.
    let (b, c) = if area < 0.0 { (c, b) } else { (b, c) };
    let (w, h) = (buf.width as f64, buf.height as f64);
    let minx = a.0.min(b.0).min(c.0).floor().max(0.0);
    let maxx = a.0.max(b.0).max(c.0).ceil().min(w - 1.0);
    let miny = a.1.min(b.1).min(c.1).floor().max(0.0);
    let maxy = a.1.max(b.1).max(c.1).ceil().min(h - 1.0);
    if minx > maxx || miny > maxy {
        return;
    }
    // E(p) = (q - p0) × (p - p0) for edge p0→q: positive on the inside of a
    // counter-clockwise (in y-down pixel space, positive-area) triangle.
    let (ox, oy) = (minx + 0.5, miny + 0.5);
    let edge = |p: (f64, f64), q: (f64, f64)| {
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        (-dy, dx, dx * (oy - p.1) - dy * (ox - p.0))
    };
    let (a0, b0, c0) = edge(b, c);
    let (a1, b1, c1) = edge(c, a);
    let (a2, b2, c2) = edge(a, b);
    let width = buf.width as usize;
    for yi in miny as usize..=maxy as usize {
        let dy = yi as f64 - miny;
        let mut e0 = c0 + b0 * dy;
        let mut e1 = c1 + b1 * dy;
        let mut e2 = c2 + b2 * dy;
        let y = yi as f64 + 0.5;
        let row = yi * width;
        for xi in minx as usize..=maxx as usize {
            if e0 >= 0.0 && e1 >= 0.0 && e2 >= 0.0 {
                let z = (plane.a * (xi as f64 + 0.5) + plane.b * y + plane.c) as f32;
                let i = row + xi;
                if z > buf.inv_depth[i] {
                    buf.inv_depth[i] = z;
                    buf.triangle[i] = id;
                }
            }
            e0 += a0;
            e1 += a1;
            e2 += a2;
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

#[cfg(test)]
mod depth_tests {
    use super::*;
    use crate::camera::Camera;
    use crate::mesh::{Material, Mesh};

    #[test]
    fn inverse_depth_matches_the_vertices_it_interpolates() {
        let cam = Camera::look_at(Vec3::new(5.3, 1.5, 2.0), Vec3::new(0.0, 0.6, 2.2), 60.0);
        let view = cam.view(448, 448);
        let m = Mesh::plane(
            Vec3::new(2.9, 0.8, 2.6),
            Vec3::new(0.0, 0.0, -0.7),
            Vec3::new(0.0, 0.6, 0.0),
            Material::flat([0; 3]),
        );
        let mut buf = Buffers::new(448, 448);
        rasterize(&m.triangles, &view, &mut buf);
        let centre = Vec3::new(2.9, 1.1, 2.25);
        let c = view.to_camera(centre);
        let (x, y) = view.project(c);
        let i = y as usize * 448 + x as usize;
        assert_ne!(buf.triangle[i], EMPTY);
        let got = 1.0 / buf.inv_depth[i];
        assert!((got - c.z).abs() < 0.01, "depth {got} want {}", c.z);
    }
}
