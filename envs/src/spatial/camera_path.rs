//! The scan-like walkthrough: the camera circles the room along a loop set
//! back from the walls, looking across the room, as a person scanning a
//! room with a phone would. Which objects each frame shows is recorded from
//! an object-id buffer, so occlusion by walls and furniture counts.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rulegym_render::raster3d::{par_map, Scene3d};
use rulegym_render::{Camera, Vec3};
use serde::{Deserialize, Serialize};

use super::geometry::{self, P2};
use super::scene::{Scene, EYE_HEIGHT};

/// One camera placement and when it is shot.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Pose {
    pub eye: [f64; 3],
    pub target: [f64; 3],
    pub time_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CameraPath {
    /// Vertical field of view, degrees.
    pub fov_deg: f64,
    pub poses: Vec<Pose>,
}

impl CameraPath {
    /// `frames` poses spread evenly along the scene's walk loop, starting
    /// at a seeded point and direction.
    pub fn walkthrough(scene: &Scene, frames: usize, fov_deg: f64, seconds_per_frame: f64) -> CameraPath {
        let mut rng = ChaCha8Rng::seed_from_u64(scene.seed ^ 0x00ca_3e2a);
        let mut walk = scene.walk.clone();
        if rng.random_bool(0.5) {
            walk.reverse();
        }
        let n = walk.len();
        let lens: Vec<f64> = (0..n).map(|i| geometry::norm(geometry::sub(walk[(i + 1) % n], walk[i]))).collect();
        let total: f64 = lens.iter().sum::<f64>().max(1e-6);
        let at = |s: f64| -> P2 {
            let mut s = s.rem_euclid(total);
            for i in 0..n {
                if s <= lens[i] || i + 1 == n {
                    let t = if lens[i] > 0.0 { (s / lens[i]).min(1.0) } else { 0.0 };
                    let (a, b) = (walk[i], walk[(i + 1) % n]);
                    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
                }
                s -= lens[i];
            }
            walk[0]
        };
        let centroid = centroid(&scene.room.outline);
        let start = rng.random_range(0.0..total);
        let sway = rng.random_range(10.0f64..25.0).to_radians();
        let poses = (0..frames)
            .map(|i| {
                let s = start + total * i as f64 / frames.max(1) as f64;
                let eye = at(s);
                let across = at(s + total / 2.0);
                let clear = (1..20).all(|k| {
                    let t = k as f64 / 20.0;
                    geometry::inside([eye[0] + (across[0] - eye[0]) * t, eye[1] + (across[1] - eye[1]) * t], &scene.room.outline)
                });
                let look = if clear && geometry::norm(geometry::sub(across, eye)) > 1.0 { across } else { centroid };
                // Turn the gaze a little side to side, as a hand-held scan does.
                let d = geometry::sub(look, eye);
                let a = sway * (std::f64::consts::TAU * 2.0 * i as f64 / frames.max(1) as f64).sin();
                let (sn, cs) = a.sin_cos();
                let d = [cs * d[0] + sn * d[1], -sn * d[0] + cs * d[1]];
                Pose {
                    eye: [eye[0], EYE_HEIGHT, eye[1]],
                    target: [eye[0] + d[0], 0.6, eye[1] + d[1]],
                    time_s: i as f64 * seconds_per_frame,
                }
            })
            .collect();
        CameraPath { fov_deg, poses }
    }

    pub fn cameras(&self) -> Vec<Camera> {
        let v = |p: [f64; 3]| Vec3::new(p[0] as f32, p[1] as f32, p[2] as f32);
        self.poses.iter().map(|p| Camera::look_at(v(p.eye), v(p.target), self.fov_deg as f32)).collect()
    }
}

fn centroid(poly: &[P2]) -> P2 {
    let n = poly.len();
    let (mut cx, mut cz, mut a) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (p, q) = (poly[i], poly[(i + 1) % n]);
        let c = p[0] * q[1] - q[0] * p[1];
        a += c;
        cx += (p[0] + q[0]) * c;
        cz += (p[1] + q[1]) * c;
    }
    if a.abs() < 1e-12 {
        return poly.first().copied().unwrap_or([0.0, 0.0]);
    }
    [cx / (3.0 * a), cz / (3.0 * a)]
}

/// What each frame shows: the objects covering at least `min_fraction` of
/// it, with the fraction, and for each object the first such frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visibility {
    /// Per frame: (object id, fraction of the frame it covers).
    pub frames: Vec<Vec<(u32, f64)>>,
    /// Per object id: the first frame where it is clearly visible.
    pub first_frame: Vec<Option<usize>>,
}

impl Visibility {
    /// Renders object-id buffers of `size`² for every pose, in parallel.
    pub fn compute(scene: &Scene, mesh: &Scene3d, path: &CameraPath, size: u32, min_fraction: f64) -> Visibility {
        let n = scene.objects.len();
        let cams = path.cameras();
        let px = (size as f64 * size as f64).max(1.0);
        let frames: Vec<Vec<(u32, f64)>> = par_map(&cams, 0, |c| {
            mesh.visible_pixels(c, size, size, n)
                .iter()
                .enumerate()
                .filter_map(|(id, &k)| {
                    let f = k as f64 / px;
                    (f >= min_fraction).then_some((id as u32, f))
                })
                .collect()
        });
        let mut first_frame = vec![None; n];
        for (i, f) in frames.iter().enumerate() {
            for &(id, _) in f {
                if let Some(slot) = first_frame.get_mut(id as usize) {
                    slot.get_or_insert(i);
                }
            }
        }
        Visibility { frames, first_frame }
    }

    pub fn seen(&self, id: u32) -> bool {
        self.first_frame.get(id as usize).is_some_and(|f| f.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::scene::SceneConfig;
    use crate::spatial::scene_mesh;

    #[test]
    fn the_walkthrough_stays_in_the_room_and_sees_most_objects() {
        let (mut seen, mut total) = (0, 0);
        for seed in 0..20 {
            let scene = Scene::generate(&SceneConfig::default(), seed).unwrap();
            let path = CameraPath::walkthrough(&scene, 16, 60.0, 1.0);
            assert_eq!(path.poses.len(), 16);
            for p in &path.poses {
                assert!(geometry::inside([p.eye[0], p.eye[2]], &scene.room.outline));
            }
            let mesh = Scene3d::new(scene_mesh::build(&scene));
            let vis = Visibility::compute(&scene, &mesh, &path, 64, 0.003);
            total += scene.objects.len();
            seen += (0..scene.objects.len() as u32).filter(|&i| vis.seen(i)).count();
        }
        assert!(seen as f64 > 0.7 * total as f64, "{seen} of {total} seen");
    }
}
