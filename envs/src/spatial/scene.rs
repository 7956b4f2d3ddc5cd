//! Scene generation: a room furnished with 3–25 non-interpenetrating
//! objects placed by category rules, reproducible from a seed.

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::categories::{self, Category, Placement};
use super::geometry::{self, P2};
use super::room::{Opening, Room};
use super::SpatialError;

/// Height of the walkthrough camera's eye, metres.
pub const EYE_HEIGHT: f64 = 1.5;

/// One placed object. `size` is (width along its local x, height, depth
/// along its local z) in metres; `yaw` turns local axes about y (radians).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Object {
    pub id: u32,
    pub category: String,
    pub center: [f64; 3],
    pub size: [f64; 3],
    pub yaw: f64,
    pub color: [u8; 3],
    pub accent: [u8; 3],
    pub placement: Placement,
    /// The object this one stands on.
    pub support: Option<u32>,
}

impl Object {
    pub fn floor_center(&self) -> P2 {
        [self.center[0], self.center[2]]
    }
    pub fn bottom(&self) -> f64 {
        self.center[1] - self.size[1] / 2.0
    }
    pub fn top(&self) -> f64 {
        self.center[1] + self.size[1] / 2.0
    }
    pub fn footprint(&self) -> [P2; 4] {
        geometry::footprint(self.floor_center(), self.size[0], self.size[2], self.yaw)
    }
    /// Axis-aligned bounds (min, max) in world coordinates.
    pub fn bounds(&self) -> ([f64; 3], [f64; 3]) {
        let fp = self.footprint();
        let (mut lo, mut hi) = (
            [f64::MAX, self.bottom(), f64::MAX],
            [f64::MIN, self.top(), f64::MIN],
        );
        for p in fp {
            lo[0] = lo[0].min(p[0]);
            lo[2] = lo[2].min(p[1]);
            hi[0] = hi[0].max(p[0]);
            hi[2] = hi[2].max(p[1]);
        }
        (lo, hi)
    }
    /// Distance between the closest points of the two boxes, metres.
    pub fn distance(&self, other: &Object) -> f64 {
        let d = geometry::polygon_distance(&self.footprint(), &other.footprint());
        let v = geometry::interval_gap(self.bottom(), self.top(), other.bottom(), other.top());
        (d * d + v * v).sqrt()
    }
    /// Longest side, metres.
    pub fn longest_side(&self) -> f64 {
        self.size.iter().cloned().fold(0.0, f64::max)
    }
    fn collides(&self, other: &Object, margin: f64) -> bool {
        self.bottom() < other.top() - 1e-6
            && other.bottom() < self.top() - 1e-6
            && geometry::overlap(&self.footprint(), &other.footprint(), margin)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scene {
    pub id: String,
    pub seed: u64,
    pub room: Room,
    pub objects: Vec<Object>,
    /// The closed loop the camera walks, at [`EYE_HEIGHT`].
    pub walk: Vec<P2>,
}

/// What the generator may place.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneConfig {
    pub min_objects: usize,
    pub max_objects: usize,
    /// Allowed categories; empty means all.
    pub categories: Vec<String>,
    /// Fresh rooms tried before giving up.
    pub attempts: usize,
}

impl Default for SceneConfig {
    fn default() -> Self {
        Self {
            min_objects: 3,
            max_objects: 25,
            categories: Vec::new(),
            attempts: 30,
        }
    }
}

impl SceneConfig {
    /// Refuses what can never work: unknown categories, inverted ranges,
    /// more objects than any room holds.
    pub fn validate(&self) -> Result<Vec<&'static Category>, SpatialError> {
        let mut allowed = Vec::new();
        for name in &self.categories {
            match categories::find(name) {
                Some(c) => allowed.push(c),
                None => {
                    return Err(SpatialError::Config(format!(
                        "unknown category '{name}'; known: {}",
                        categories::CATEGORIES
                            .iter()
                            .map(|c| c.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
        }
        if allowed.is_empty() {
            allowed = categories::CATEGORIES.iter().collect();
        }
        if self.min_objects == 0 || self.min_objects > self.max_objects {
            return Err(SpatialError::Config(format!(
                "object count range {}..={} is empty or starts at 0",
                self.min_objects, self.max_objects
            )));
        }
        // Per-room capacity: the categories' count limits within the best room kind.
        let capacity = categories::ROOM_KINDS
            .iter()
            .map(|(k, _)| {
                allowed
                    .iter()
                    .filter(|c| c.rooms & k != 0)
                    .map(|c| c.max_count as usize)
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0);
        if self.min_objects > capacity.min(MAX_OBJECTS) {
            return Err(SpatialError::Config(format!(
                "min_objects = {} cannot fit: at most {} objects of the allowed categories fit in one room",
                self.min_objects,
                capacity.min(MAX_OBJECTS)
            )));
        }
        Ok(allowed)
    }
}

/// No room of at most 60 m² is furnished with more than this many objects.
pub const MAX_OBJECTS: usize = 30;

impl Scene {
    /// The scene for `seed`: the same seed and config always give the same
    /// scene. Fails with a clear error when `min_objects` cannot be placed.
    pub fn generate(cfg: &SceneConfig, seed: u64) -> Result<Scene, SpatialError> {
        let allowed = cfg.validate()?;
        let kinds: Vec<(u8, &str)> = categories::ROOM_KINDS
            .iter()
            .copied()
            .filter(|(k, _)| allowed.iter().any(|c| c.rooms & k != 0))
            .collect();
        let mut best = 0;
        for attempt in 0..cfg.attempts.max(1) {
            let mut rng = ChaCha8Rng::seed_from_u64(
                seed ^ (attempt as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let target = rng.random_range(cfg.min_objects..=cfg.max_objects.min(MAX_OBJECTS));
            let Some(&(mask, kind)) = kinds.choose(&mut rng) else {
                break;
            };
            let room = Room::generate(&mut rng, kind, 6.0 + 1.6 * target as f64);
            let margin = (0.3 * room.min_side()).min(1.0);
            let walk = room.inset(margin);
            let pool: Vec<&Category> = allowed
                .iter()
                .copied()
                .filter(|c| c.rooms & mask != 0)
                .collect();
            let objects = furnish(&room, &walk, &pool, target, &mut rng);
            best = best.max(objects.len());
            if objects.len() >= cfg.min_objects {
                return Ok(Scene {
                    id: format!("scene_{seed:016x}"),
                    seed,
                    room,
                    objects,
                    walk,
                });
            }
        }
        Err(SpatialError::DoesNotFit(format!(
            "could place only {best} of at least {} objects in {} rooms; lower min_objects or allow more categories",
            cfg.min_objects, cfg.attempts
        )))
    }

    pub fn object(&self, id: u32) -> Option<&Object> {
        self.objects.iter().find(|o| o.id == id)
    }

    /// Instances per category.
    pub fn count(&self, category: &str) -> usize {
        self.objects
            .iter()
            .filter(|o| o.category == category)
            .count()
    }
}

/// Draws `target` categories and places them: wall pieces first (largest
/// first), then free-standing ones, then things that stand on others.
fn furnish(
    room: &Room,
    walk: &[P2],
    pool: &[&Category],
    target: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<Object> {
    let mut wanted: Vec<&Category> = Vec::new();
    for _ in 0..target * 3 {
        if wanted.len() >= target {
            break;
        }
        let open: Vec<&&Category> = pool
            .iter()
            .filter(|c| wanted.iter().filter(|w| w.name == c.name).count() < c.max_count as usize)
            .collect();
        let Ok(c) = open.choose_weighted(rng, |c| c.weight) else {
            break;
        };
        wanted.push(c);
    }
    let rank = |c: &Category| match c.placement {
        Placement::Wall => 0,
        Placement::Floor => 1,
        Placement::Surface => 2,
    };
    wanted.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then((b.width.1 * b.depth.1).total_cmp(&(a.width.1 * a.depth.1)))
    });
    let blockers = opening_blockers(room);
    let mut placed: Vec<Object> = Vec::new();
    for c in wanted {
        for _ in 0..40 {
            let Some(o) = propose(room, c, &placed, placed.len() as u32, rng) else {
                continue;
            };
            if fits(room, walk, &o, &placed, &blockers) {
                placed.push(o);
                break;
            }
        }
    }
    placed
}

fn sample_size(c: &Category, rng: &mut ChaCha8Rng) -> [f64; 3] {
    let r = |rng: &mut ChaCha8Rng, (lo, hi): (f64, f64)| rng.random_range(lo..=hi).round() / 100.0;
    let w = r(rng, c.width);
    let d = r(rng, c.depth);
    let h = r(rng, c.height);
    [w, h, d]
}

fn pick_color(rng: &mut ChaCha8Rng, palette: &[[u8; 3]]) -> [u8; 3] {
    let c = *palette.choose(rng).unwrap_or(&[128; 3]);
    c.map(|v| (v as i32 + rng.random_range(-12..=12)).clamp(0, 255) as u8)
}

/// A candidate pose for one object of category `c` (not yet checked).
fn propose(
    room: &Room,
    c: &Category,
    placed: &[Object],
    id: u32,
    rng: &mut ChaCha8Rng,
) -> Option<Object> {
    let size = sample_size(c, rng);
    let (w, h, d) = (size[0], size[1], size[2]);
    let mut support = None;
    let (center, yaw) = match c.placement {
        Placement::Wall => {
            let i = rng.random_range(0..room.wall_count());
            let (a, _, dir, n, len) = room.wall(i);
            if len < w + 0.1 {
                return None;
            }
            let t = rng.random_range(w / 2.0 + 0.02..=len - w / 2.0 - 0.02);
            let off = d / 2.0 + 0.01;
            let p = [
                a[0] + dir[0] * t + n[0] * off,
                a[1] + dir[1] * t + n[1] * off,
            ];
            // Local +z (the front) must point along the inward normal n:
            // rotate_y(yaw) sends (0,0,1) to (sin yaw, cos yaw).
            ([p[0], h / 2.0, p[1]], n[0].atan2(n[1]))
        }
        Placement::Floor => {
            let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
            for p in &room.outline {
                lo = [lo[0].min(p[0]), lo[1].min(p[1])];
                hi = [hi[0].max(p[0]), hi[1].max(p[1])];
            }
            let x = rng.random_range(lo[0]..hi[0]);
            let z = rng.random_range(lo[1]..hi[1]);
            let yaw = if matches!(c.name, "table" | "armchair") {
                rng.random_range(0..4) as f64 * std::f64::consts::FRAC_PI_2
                    + rng.random_range(-0.2..0.2)
            } else {
                rng.random_range(0.0..std::f64::consts::TAU)
            };
            ([x, h / 2.0, z], yaw)
        }
        Placement::Surface => {
            let item = categories::find(c.name)?;
            let hosts: Vec<&Object> = placed
                .iter()
                .filter(|o| o.support.is_none())
                .filter(|o| {
                    categories::find(&o.category).is_some_and(|s| categories::can_support(s, item))
                })
                .filter(|o| o.size[0] > w + 0.02 && o.size[2] > d + 0.02)
                .collect();
            let host = *hosts.choose(rng)?;
            let (ux, uz) = geometry::axes(host.yaw);
            let sx = rng.random_range(-(host.size[0] - w) / 2.0..=(host.size[0] - w) / 2.0);
            // Screens and lamps stand towards the back of their support.
            let sz = if c.name == "pillow" {
                -host.size[2] / 2.0 + 0.26 * host.size[2] + d / 2.0
            } else {
                rng.random_range(
                    -(host.size[2] - d) / 2.0
                        ..=(-(host.size[2] - d) / 2.0 + 0.3).min((host.size[2] - d) / 2.0),
                )
            };
            let p = host.floor_center();
            let p = [
                p[0] + ux[0] * sx + uz[0] * sz,
                p[1] + ux[1] * sx + uz[1] * sz,
            ];
            // Bed tops are the mattress (half the headboard height).
            let base = if host.category == "bed"
                || categories::find(&host.category)
                    .is_some_and(|s| s.shape == super::furniture::Furniture::Sofa)
            {
                host.bottom() + host.size[1] * 0.5
            } else {
                host.top()
            };
            support = Some(host.id);
            ([p[0], base + h / 2.0, p[1]], host.yaw)
        }
    };
    Some(Object {
        id,
        category: c.name.to_string(),
        center,
        size,
        yaw,
        color: pick_color(rng, c.colors),
        accent: pick_color(rng, c.accents),
        placement: c.placement,
        support,
    })
}

/// Keep-out volumes in front of doors (the swing) and windows (the glass).
fn opening_blockers(room: &Room) -> Vec<Object> {
    let mk = |o: &Opening, depth: f64| {
        let (a, _, dir, n, _) = room.wall(o.wall);
        let t = (o.start + o.end) / 2.0;
        let p = [
            a[0] + dir[0] * t + n[0] * depth / 2.0,
            a[1] + dir[1] * t + n[1] * depth / 2.0,
        ];
        Object {
            id: u32::MAX,
            category: String::new(),
            center: [p[0], (o.bottom + o.top) / 2.0, p[1]],
            size: [o.end - o.start + 0.1, o.top - o.bottom, depth],
            yaw: n[0].atan2(n[1]),
            color: [0; 3],
            accent: [0; 3],
            placement: Placement::Wall,
            support: None,
        }
    };
    room.doors
        .iter()
        .map(|o| mk(o, 1.0))
        .chain(room.windows.iter().map(|o| mk(o, 0.3)))
        .collect()
}

fn fits(room: &Room, walk: &[P2], o: &Object, placed: &[Object], blockers: &[Object]) -> bool {
    if o.top() > room.height - 0.1 {
        return false;
    }
    let fp = o.footprint();
    if o.support.is_none() && !room.contains(&fp) {
        return false;
    }
    let margin = if o.support.is_some() { 0.01 } else { 0.05 };
    // An object overlaps the box of what it stands on (a pillow sinks into
    // the bed's box below the headboard); everything else must stay apart.
    if placed
        .iter()
        .filter(|p| Some(p.id) != o.support)
        .chain(blockers)
        .any(|p| o.collides(p, margin))
    {
        return false;
    }
    // Tall things must keep clear of the camera's walk, or a frame would
    // be shot from inside a wardrobe.
    if o.top() > EYE_HEIGHT - 0.35 {
        let n = walk.len();
        let close = (0..n).any(|i| {
            let (a, b) = (walk[i], walk[(i + 1) % n]);
            fp.iter()
                .any(|&p| geometry::point_segment_distance(p, a, b) < 0.4)
                || (0..=10).any(|k| {
                    let t = k as f64 / 10.0;
                    geometry::inside([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], &fp)
                })
        });
        if close {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_scene() {
        let cfg = SceneConfig::default();
        assert_eq!(
            Scene::generate(&cfg, 7).unwrap(),
            Scene::generate(&cfg, 7).unwrap()
        );
        assert_ne!(
            Scene::generate(&cfg, 7).unwrap(),
            Scene::generate(&cfg, 8).unwrap()
        );
    }

    #[test]
    fn objects_never_interpenetrate_and_stay_in_the_room() {
        for seed in 0..60 {
            let s = Scene::generate(&SceneConfig::default(), seed).unwrap();
            assert!((3..=25).contains(&s.objects.len()), "{}", s.objects.len());
            for (i, a) in s.objects.iter().enumerate() {
                assert!(a.top() <= s.room.height);
                if a.support.is_none() {
                    assert!(
                        s.room.contains(&a.footprint()),
                        "seed {seed} {}",
                        a.category
                    );
                }
                for b in &s.objects[i + 1..] {
                    if a.support == Some(b.id) || b.support == Some(a.id) {
                        continue;
                    }
                    assert!(
                        !a.collides(b, 0.0),
                        "seed {seed}: {} and {}",
                        a.category,
                        b.category
                    );
                }
            }
        }
    }

    #[test]
    fn impossible_configs_are_refused_with_a_reason() {
        let unknown = SceneConfig {
            categories: vec!["spaceship".into()],
            ..Default::default()
        };
        assert!(Scene::generate(&unknown, 0)
            .unwrap_err()
            .to_string()
            .contains("spaceship"));
        let crowded = SceneConfig {
            min_objects: 40,
            max_objects: 40,
            ..Default::default()
        };
        assert!(Scene::generate(&crowded, 0)
            .unwrap_err()
            .to_string()
            .contains("min_objects"));
        let only_tv = SceneConfig {
            categories: vec!["tv".into(), "bed".into()],
            min_objects: 3,
            ..Default::default()
        };
        assert!(Scene::generate(&only_tv, 0).is_err());
    }
}
