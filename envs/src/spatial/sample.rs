//! One training example: scene → walkthrough → visibility → question, all
//! from one seed; frames are rendered only when asked for.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rulegym_render::raster3d::{render_frames, RenderOptions, Scene3d};
use rulegym_render::Frame;
use serde_json::json;

use super::camera_path::{CameraPath, Visibility};
use super::env::SpatialConfig;
use super::questions::{self, Ctx, Question, QuestionType};
use super::scene::Scene;
use super::{balance, scene_mesh, SpatialError};

#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub scene: Scene,
    pub path: CameraPath,
    pub visibility: Visibility,
    pub question: Question,
}

impl Sample {
    /// Draws a question of `kind` from seed `seed`, redrawing scenes until
    /// one has an unambiguous question. The answer class is drawn once,
    /// before the search, so rare classes are not under-represented.
    pub fn draw(
        cfg: &SpatialConfig,
        kind: QuestionType,
        seed: u64,
    ) -> Result<Sample, SpatialError> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let want = rng.random_range(0..kind.classes());
        let scene_cfg = cfg.scene_config();
        for _ in 0..cfg.max_attempts.max(1) {
            let scene = Scene::generate(&scene_cfg, rng.random())?;
            // Skips the visibility pass where no question can come out
            // (the question fn would return before drawing anything).
            if kind == QuestionType::RelDistance && !balance::may_ask_rel_distance(&scene) {
                continue;
            }
            let (path, visibility) = observe(cfg, &scene);
            let ctx = Ctx {
                scene: &scene,
                visibility: &visibility,
                seconds_per_frame: cfg.seconds_per_frame,
            };
            if let Some(question) = questions::generate(kind, &ctx, want, &mut rng) {
                return Ok(Sample {
                    scene,
                    path,
                    visibility,
                    question,
                });
            }
        }
        Err(SpatialError::NoQuestion {
            kind: kind.name().into(),
            attempts: cfg.max_attempts,
            hint: "allow more objects or categories, or more frames".into(),
        })
    }

    /// The walkthrough video at the configured size.
    pub fn frames(&self, cfg: &SpatialConfig) -> Vec<Frame> {
        let mesh = Scene3d::new(scene_mesh::build(&self.scene));
        let opts = RenderOptions {
            width: cfg.width,
            height: cfg.height,
            supersample: cfg.supersample,
            ..Default::default()
        };
        render_frames(&mesh, &self.path.cameras(), &opts)
    }

    /// The scene as exported: room, objects with bounds and colours,
    /// camera path and per-frame visibility.
    pub fn scene_json(&self, cfg: &SpatialConfig) -> serde_json::Value {
        let s = &self.scene;
        let objects: Vec<serde_json::Value> = s
            .objects
            .iter()
            .map(|o| {
                let (lo, hi) = o.bounds();
                json!({
                    "id": o.id, "category": o.category, "center": o.center,
                    "size": {"width": o.size[0], "height": o.size[1], "depth": o.size[2]},
                    "yaw": o.yaw, "bounds": {"min": lo, "max": hi}, "footprint": o.footprint(),
                    "color": o.color, "accent": o.accent, "placement": o.placement, "support": o.support,
                })
            })
            .collect();
        let frames: Vec<serde_json::Value> = self
            .visibility
            .frames
            .iter()
            .zip(&self.path.poses)
            .enumerate()
            .map(|(i, (vis, pose))| {
                let visible: Vec<serde_json::Value> = vis
                    .iter()
                    .map(|&(id, f)| json!({"id": id, "category": s.object(id).map(|o| o.category.as_str()), "fraction": f}))
                    .collect();
                json!({"index": i, "time_s": pose.time_s, "visible": visible})
            })
            .collect();
        json!({
            "scene_id": s.id, "seed": s.seed,
            "room": {
                "kind": s.room.kind, "shape": s.room.shape, "outline": s.room.outline, "height": s.room.height,
                "floor_area": s.room.area(), "doors": s.room.doors, "windows": s.room.windows,
                "floor": s.room.floor, "wall": s.room.wall, "ceiling": s.room.ceiling,
            },
            "objects": objects,
            "camera": {
                "fov_deg": self.path.fov_deg, "width": cfg.width, "height": cfg.height,
                "seconds_per_frame": cfg.seconds_per_frame, "poses": self.path.poses,
                "min_visible_fraction": cfg.min_visible_fraction,
            },
            "frames": frames,
        })
    }
}

/// The walkthrough and what it shows, rendered at the visibility size.
pub fn observe(cfg: &SpatialConfig, scene: &Scene) -> (CameraPath, Visibility) {
    let path = CameraPath::walkthrough(scene, cfg.frames, cfg.fov_deg, cfg.seconds_per_frame);
    let mesh = Scene3d::new(scene_mesh::build(scene));
    let vis = Visibility::compute(
        scene,
        &mesh,
        &path,
        cfg.visibility_size,
        cfg.min_visible_fraction,
    );
    (path, vis)
}
