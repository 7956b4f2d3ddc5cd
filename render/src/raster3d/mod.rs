//! The software rasterizer: meshes seen through a [`Camera`] become
//! [`Frame`]s, with a z-buffer, Lambert lighting, procedural textures and
//! optional supersampling. Many views of one scene render in parallel.

mod output;
mod raster;
mod shade;

pub use output::save_pngs;
pub use raster::{rasterize, Buffers, EMPTY};
pub use shade::{albedo, Lighting};

use serde::{Deserialize, Serialize};

use crate::camera::Camera;
use crate::mesh::{Mesh, Triangle, NO_OBJECT};
use crate::{Frame, Vec3};

/// How frames are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RenderOptions {
    pub width: u32,
    pub height: u32,
    /// Samples per pixel side (1 = off, 2 = 4 samples per pixel).
    pub supersample: u32,
    pub background: [u8; 3],
    pub lighting: Lighting,
    /// Worker threads for [`render_frames`]; 0 = all cores.
    pub threads: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            width: 224,
            height: 224,
            supersample: 1,
            background: [20, 20, 24],
            lighting: Lighting::default(),
            threads: 0,
        }
    }
}

/// A mesh ready to draw: triangles with their precomputed unit normals.
#[derive(Debug, Clone, Default)]
pub struct Scene3d {
    triangles: Vec<Triangle>,
    normals: Vec<Vec3>,
}

impl Scene3d {
    pub fn new(mesh: Mesh) -> Self {
        let normals = mesh
            .triangles
            .iter()
            .map(|t| (t.v[1] - t.v[0]).cross(t.v[2] - t.v[0]).normalized())
            .collect();
        Self {
            triangles: mesh.triangles,
            normals,
        }
    }

    pub fn triangles(&self) -> &[Triangle] {
        &self.triangles
    }

    fn buffers(&self, camera: &Camera, width: u32, height: u32) -> (Buffers, crate::camera::View) {
        let view = camera.view(width, height);
        let mut buf = Buffers::new(width, height);
        rasterize(&self.triangles, &view, &mut buf);
        (buf, view)
    }

    /// One lit, textured frame.
    pub fn render(&self, camera: &Camera, opts: &RenderOptions) -> Frame {
        let s = opts.supersample.clamp(1, 8);
        let (w, h) = (opts.width.max(1) * s, opts.height.max(1) * s);
        let (buf, view) = self.buffers(camera, w, h);
        let bg = opts.background.map(|c| c as f32);
        let mut hi = vec![0.0f32; w as usize * h as usize * 3];
        // Flat, untextured triangles get one colour per frame; cache it.
        let mut cache: Vec<Option<[f32; 3]>> = vec![None; self.triangles.len()];
        for py in 0..h {
            for px in 0..w {
                let i = (py * w + px) as usize;
                let t = buf.triangle[i];
                let rgb = if t == EMPTY {
                    bg
                } else {
                    let ti = t as usize;
                    let tri = &self.triangles[ti];
                    let flat = matches!(tri.material.texture, crate::mesh::Texture::Flat);
                    if let (true, Some(c)) = (flat, cache[ti]) {
                        c
                    } else {
                        let z = 1.0 / buf.inv_depth[i];
                        let p = view.eye + view.ray(px as f32 + 0.5, py as f32 + 0.5) * z;
                        let mut n = self.normals[ti];
                        if n.dot(view.eye - tri.v[0]) < 0.0 {
                            n = -n;
                        }
                        let k = opts.lighting.intensity(n) + tri.material.emissive;
                        let a = albedo(&tri.material, p, n);
                        let c = [a[0] * k, a[1] * k, a[2] * k];
                        if flat {
                            cache[ti] = Some(c);
                        }
                        c
                    }
                };
                hi[i * 3..i * 3 + 3].copy_from_slice(&rgb);
            }
        }
        downsample(&hi, w, h, s)
    }

    /// Object id per pixel ([`NO_OBJECT`] where no object shows), for
    /// recording what a frame shows.
    pub fn object_ids(&self, camera: &Camera, width: u32, height: u32) -> Vec<u32> {
        let (buf, _) = self.buffers(camera, width, height);
        buf.triangle
            .iter()
            .map(|&t| {
                if t == EMPTY {
                    NO_OBJECT
                } else {
                    self.triangles[t as usize].object
                }
            })
            .collect()
    }

    /// Pixels each object `0..n_objects` covers in a `width`×`height` view.
    pub fn visible_pixels(
        &self,
        camera: &Camera,
        width: u32,
        height: u32,
        n_objects: usize,
    ) -> Vec<u32> {
        let mut counts = vec![0u32; n_objects];
        for id in self.object_ids(camera, width, height) {
            if let Some(c) = counts.get_mut(id as usize) {
                *c += 1;
            }
        }
        counts
    }
}

fn downsample(hi: &[f32], w: u32, h: u32, s: u32) -> Frame {
    let (ow, oh) = (w / s, h / s);
    let mut out = vec![0u8; ow as usize * oh as usize * 3];
    let norm = 1.0 / (s * s) as f32;
    for y in 0..oh {
        for x in 0..ow {
            let mut acc = [0.0f32; 3];
            for sy in 0..s {
                for sx in 0..s {
                    let i = (((y * s + sy) * w + x * s + sx) * 3) as usize;
                    acc[0] += hi[i];
                    acc[1] += hi[i + 1];
                    acc[2] += hi[i + 2];
                }
            }
            let o = ((y * ow + x) * 3) as usize;
            for c in 0..3 {
                out[o + c] = (acc[c] * norm).round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    Frame::from_rgb(ow, oh, out).unwrap_or_else(|_| Frame::filled(ow, oh, [0; 3]))
}

/// Applies `f` to every item on up to `threads` scoped threads (0 = all
/// cores), keeping the input order.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let n = if threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        threads
    }
    .min(items.len().max(1));
    if n <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(n);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Renders one frame per camera, in parallel.
pub fn render_frames(scene: &Scene3d, cameras: &[Camera], opts: &RenderOptions) -> Vec<Frame> {
    par_map(cameras, opts.threads, |c| scene.render(c, opts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mesh::Material;

    #[test]
    fn a_red_box_shows_red_in_the_middle_and_background_at_the_corner() {
        let mesh = Mesh::cuboid(
            Vec3::new(-0.5, -0.5, -0.5),
            Vec3::new(0.5, 0.5, 0.5),
            Material::flat([200, 0, 0]),
        )
        .with_object(0);
        let scene = Scene3d::new(mesh);
        let cam = Camera::look_at(Vec3::new(2.0, 1.5, 3.0), Vec3::default(), 50.0);
        let opts = RenderOptions {
            width: 64,
            height: 48,
            ..Default::default()
        };
        let f = scene.render(&cam, &opts);
        assert_eq!((f.width(), f.height()), (64, 48));
        let c = f.get(32, 24).unwrap_or([0; 3]);
        assert!(c[0] > 50 && c[1] == 0 && c[2] == 0, "{c:?}");
        assert_eq!(f.get(0, 0), Some(opts.background));
        let vis = scene.visible_pixels(&cam, 64, 48, 1);
        assert!(vis[0] > 100);
    }

    #[test]
    fn supersampling_keeps_the_size_and_blends_edges() {
        let mesh = Mesh::cuboid(
            Vec3::new(-0.5, -0.5, -0.5),
            Vec3::new(0.5, 0.5, 0.5),
            Material::flat([255, 255, 255]),
        );
        let scene = Scene3d::new(mesh);
        let cam = Camera::look_at(Vec3::new(2.0, 1.5, 3.0), Vec3::default(), 50.0);
        let opts = RenderOptions {
            width: 40,
            height: 40,
            supersample: 3,
            background: [0; 3],
            ..Default::default()
        };
        let f = scene.render(&cam, &opts);
        assert_eq!(f.width(), 40);
        let partial = f.as_rgb().iter().filter(|&&v| v > 5 && v < 100).count();
        assert!(partial > 0, "edges should have intermediate values");
    }

    #[test]
    fn parallel_rendering_matches_serial_rendering() {
        let scene = Scene3d::new(Mesh::sphere(
            Vec3::default(),
            1.0,
            8,
            12,
            Material::flat([90, 160, 30]),
        ));
        let cams: Vec<Camera> = (0..5)
            .map(|i| {
                Camera::look_at(
                    Vec3::new(3.0 * (i as f32).cos(), 1.0, 3.0 * (i as f32).sin()),
                    Vec3::default(),
                    60.0,
                )
            })
            .collect();
        let opts = RenderOptions {
            width: 32,
            height: 32,
            threads: 3,
            ..Default::default()
        };
        let par = render_frames(&scene, &cams, &opts);
        let ser: Vec<Frame> = cams.iter().map(|c| scene.render(c, &opts)).collect();
        assert_eq!(par, ser);
    }
}
