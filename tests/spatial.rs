//! The spatial family's done-when checks: answers re-derived from the
//! exported scene JSON by code independent of the generator, balanced
//! multiple-choice answers, numeric answers spanning their ranges, a golden
//! frame, and property tests of the answer parser.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, ensure, Context, Result};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rulegym::envs::spatial::answer::{in_unit, parse_choice, parse_number};
use rulegym::envs::spatial::balance::may_ask_rel_distance;
use rulegym::envs::spatial::camera_path::Visibility;
use rulegym::envs::spatial::export::export_dataset;
use rulegym::envs::spatial::questions::{self, Answer, Ctx, Question, QuestionType};
use rulegym::envs::spatial::sample::observe;
use rulegym::envs::spatial::{Sample, Scene, SpatialConfig};
use rulegym::render::Frame;
use serde_json::Value;

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rulegym_spatial_{name}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

// ---------------------------------------------------------------------------
// Independent geometry: boxes from centre/size/yaw as documented in the
// export, distances by dense sampling of footprint edges (1 cm).

struct Box3 {
    corners: [[f64; 2]; 4],
    y0: f64,
    y1: f64,
    center: [f64; 2],
    size: [f64; 3],
}

fn box_of(o: &Value) -> Result<Box3> {
    let c = &o["center"];
    let (cx, cy, cz) = (
        c[0].as_f64().context("cx")?,
        c[1].as_f64().context("cy")?,
        c[2].as_f64().context("cz")?,
    );
    let s = &o["size"];
    let (w, h, d) = (
        s["width"].as_f64().context("w")?,
        s["height"].as_f64().context("h")?,
        s["depth"].as_f64().context("d")?,
    );
    let yaw = o["yaw"].as_f64().context("yaw")?;
    // Local x turns to (cos, -sin), local z to (sin, cos) on the (x, z) floor.
    let (sn, cs) = yaw.sin_cos();
    let mut corners = [[0.0; 2]; 4];
    for (k, (a, b)) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]
        .iter()
        .enumerate()
    {
        let (lx, lz) = (a * w / 2.0, b * d / 2.0);
        corners[k] = [cx + lx * cs + lz * sn, cz - lx * sn + lz * cs];
    }
    // The exported axis-aligned bounds must agree with these corners.
    let lo = o["bounds"]["min"][0].as_f64().context("bounds")?;
    let minx = corners.iter().map(|p| p[0]).fold(f64::MAX, f64::min);
    ensure!(
        (lo - minx).abs() < 1e-6,
        "bounds disagree with centre/size/yaw"
    );
    Ok(Box3 {
        corners,
        y0: cy - h / 2.0,
        y1: cy + h / 2.0,
        center: [cx, cz],
        size: [w, h, d],
    })
}

fn edge_samples(b: &Box3) -> Vec<[f64; 2]> {
    let mut pts = Vec::new();
    for i in 0..4 {
        let (p, q) = (b.corners[i], b.corners[(i + 1) % 4]);
        let len = ((q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)).sqrt();
        let n = (len / 0.01).ceil().max(1.0) as usize;
        for k in 0..n {
            let t = k as f64 / n as f64;
            pts.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
        }
    }
    pts
}

fn in_rect(p: [f64; 2], b: &Box3) -> bool {
    // Inside a convex quad: same side of all edges.
    let mut sign = 0.0;
    for i in 0..4 {
        let (a, c) = (b.corners[i], b.corners[(i + 1) % 4]);
        let cross = (c[0] - a[0]) * (p[1] - a[1]) - (c[1] - a[1]) * (p[0] - a[0]);
        if sign == 0.0 {
            sign = cross.signum();
        } else if cross * sign < 0.0 {
            return false;
        }
    }
    true
}

fn closest_distance(a: &Box3, b: &Box3) -> f64 {
    let (pa, pb) = (edge_samples(a), edge_samples(b));
    let overlap = pa.iter().any(|&p| in_rect(p, b)) || pb.iter().any(|&p| in_rect(p, a));
    let mut floor = 0.0;
    if !overlap {
        floor = f64::MAX;
        for p in &pa {
            for q in &pb {
                floor = f64::min(
                    floor,
                    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt(),
                );
            }
        }
    }
    let vertical = (b.y0 - a.y1).max(a.y0 - b.y1).max(0.0);
    (floor * floor + vertical * vertical).sqrt()
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Result<&'a str> {
    let i = s
        .find(start)
        .ok_or_else(|| anyhow!("'{start}' not in '{s}'"))?
        + start.len();
    let j = s[i..]
        .find(end)
        .ok_or_else(|| anyhow!("'{end}' not in '{s}'"))?
        + i;
    Ok(&s[i..j])
}

fn unique<'a>(scene: &'a Value, category: &str) -> Result<&'a Value> {
    let all: Vec<&Value> = scene["objects"]
        .as_array()
        .context("objects")?
        .iter()
        .filter(|o| o["category"] == category)
        .collect();
    ensure!(
        all.len() == 1,
        "'{category}' is named but has {} instances",
        all.len()
    );
    Ok(all[0])
}

/// Counter-clockwise angle seen from above (x right, -z up) from h to v.
fn ccw_deg(h: [f64; 2], v: [f64; 2]) -> f64 {
    let (hx, hy, vx, vy) = (h[0], -h[1], v[0], -v[1]);
    let a = (hx * vy - hy * vx).atan2(hx * vx + hy * vy).to_degrees();
    (a + 360.0) % 360.0
}

/// The answer (option text or number) re-derived from the scene JSON.
fn rederive(kind: &str, q: &str, scene: &Value) -> Result<Value> {
    let objects = scene["objects"].as_array().context("objects")?;
    let centre = |o: &Value| -> Result<[f64; 2]> { Ok(box_of(o)?.center) };
    Ok(match kind {
        "object_count" => {
            let cat = between(q, "How many ", "(s)")?;
            serde_json::json!(objects.iter().filter(|o| o["category"] == cat).count() as f64)
        }
        "abs_distance" => {
            let a = between(q, "between the ", " and the ")?;
            let b = between(q, " and the ", " (in meters)")?;
            let d = closest_distance(&box_of(unique(scene, a)?)?, &box_of(unique(scene, b)?)?);
            serde_json::json!(d)
        }
        "object_size" => {
            let cat = between(
                q,
                "dimension (length, width, or height) of the ",
                ", measured",
            )?;
            let b = box_of(unique(scene, cat)?)?;
            serde_json::json!((b.size.iter().cloned().fold(0.0, f64::max) * 100.0).round())
        }
        "room_size" => {
            let pts = scene["room"]["outline"].as_array().context("outline")?;
            let p: Vec<[f64; 2]> = pts
                .iter()
                .map(|v| [v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0)])
                .collect();
            let twice: f64 = (0..p.len())
                .map(|i| p[i][0] * p[(i + 1) % p.len()][1] - p[(i + 1) % p.len()][0] * p[i][1])
                .sum();
            serde_json::json!((twice.abs() / 2.0 * 10.0).round() / 10.0)
        }
        "rel_distance" => {
            let list = between(q, "which of these objects (", ") is the closest")?;
            let target = box_of(unique(scene, between(q, "is the closest to the ", "?")?)?)?;
            let mut best = (f64::MAX, String::new());
            for cat in list.split(", ") {
                let d = closest_distance(&box_of(unique(scene, cat)?)?, &target);
                if d < best.0 {
                    best = (d, cat.to_string());
                }
            }
            serde_json::json!(best.1)
        }
        k if k.starts_with("rel_direction") => {
            let a = centre(unique(
                scene,
                between(q, "standing by the ", " and facing")?,
            )?)?;
            let b = centre(unique(scene, between(q, "and facing the ", ", is the ")?)?)?;
            let c = centre(unique(scene, between(q, ", is the ", " to ")?)?)?;
            let t = ccw_deg([b[0] - a[0], b[1] - a[1]], [c[0] - a[0], c[1] - a[1]]);
            let s = match k {
                "rel_direction_easy" => {
                    if t < 180.0 {
                        "left"
                    } else {
                        "right"
                    }
                }
                "rel_direction_medium" => {
                    if t < 135.0 {
                        "left"
                    } else if t <= 225.0 {
                        "back"
                    } else {
                        "right"
                    }
                }
                _ => ["front-left", "back-left", "back-right", "front-right"]
                    [(t / 90.0) as usize % 4],
            };
            serde_json::json!(s)
        }
        "route_plan" => {
            let mut stops = vec![between(q, "beginning at the ", " and facing")?.to_string()];
            let mut rest = q;
            while let Some(i) = rest.find("Go forward until the ") {
                rest = &rest[i + "Go forward until the ".len()..];
                stops.push(rest[..rest.find('.').context("step end")?].to_string());
            }
            let pts: Vec<[f64; 2]> = stops
                .iter()
                .map(|c| unique(scene, c).and_then(centre))
                .collect::<Result<_>>()?;
            let turns: Vec<&str> = pts
                .windows(3)
                .map(|w| {
                    let t = ccw_deg(
                        [w[1][0] - w[0][0], w[1][1] - w[0][1]],
                        [w[2][0] - w[1][0], w[2][1] - w[1][1]],
                    );
                    if (45.0..135.0).contains(&t) {
                        "turn left"
                    } else if (135.0..225.0).contains(&t) {
                        "turn back"
                    } else {
                        "turn right"
                    }
                })
                .collect();
            serde_json::json!(turns.join(", "))
        }
        "appearance_order" => {
            let list = between(q, "in the video: ", "?")?;
            let spf = scene["camera"]["seconds_per_frame"]
                .as_f64()
                .context("spf")?;
            let mut first: Vec<(f64, &str)> = Vec::new();
            for cat in list.split(", ") {
                let frame = scene["frames"]
                    .as_array()
                    .context("frames")?
                    .iter()
                    .position(|f| {
                        f["visible"]
                            .as_array()
                            .is_some_and(|v| v.iter().any(|o| o["category"] == cat))
                    })
                    .ok_or_else(|| anyhow!("{cat} never visible"))?;
                first.push(((frame as f64 * spf).floor(), cat));
            }
            first.sort_by(|a, b| a.0.total_cmp(&b.0));
            serde_json::json!(first.iter().map(|(_, c)| *c).collect::<Vec<_>>().join(", "))
        }
        other => bail!("unknown question type {other}"),
    })
}

#[test]
fn answers_rederive_from_the_exported_scene_json() -> Result<()> {
    let out = temp_dir("export");
    let cfg = SpatialConfig {
        render: false,
        ..Default::default()
    };
    let summary = export_dataset(&cfg, 60, 11, &out)?;
    assert_eq!(summary.questions, 60);
    let text = std::fs::read_to_string(out.join("questions.jsonl"))?;
    let mut kinds = BTreeMap::new();
    for line in text.lines() {
        let r: Value = serde_json::from_str(line)?;
        let kind = r["question_type"].as_str().context("type")?;
        *kinds.entry(kind.to_string()).or_insert(0) += 1;
        let scene: Value = serde_json::from_str(&std::fs::read_to_string(
            out.join(r["scene_file"].as_str().context("scene_file")?),
        )?)?;
        let q = r["question"].as_str().context("question")?;
        let got = rederive(kind, q, &scene).with_context(|| format!("{kind}: {q}"))?;
        match (&r["answer"], &got) {
            (Value::Number(a), Value::Number(g)) => {
                let (a, g) = (
                    a.as_f64().unwrap_or(f64::NAN),
                    g.as_f64().unwrap_or(f64::NAN),
                );
                // Distances are rounded to 0.1 m; sampling at 1 cm adds < 1 cm.
                let tol = if kind == "abs_distance" { 0.06 } else { 1e-9 };
                assert!(
                    (a - g).abs() <= tol,
                    "{kind}: exported {a}, re-derived {g}: {q}"
                );
            }
            (a, g) => assert_eq!(a, g, "{kind}: {q}"),
        }
        // The printed letter names the re-derived option.
        if let (Some(choices), Some(gt)) = (r["choices"].as_array(), r["ground_truth"].as_str()) {
            if !choices.is_empty() {
                let i = (gt.as_bytes()[0] - b'A') as usize;
                assert_eq!(choices[i], got, "{kind}: letter {gt}");
            }
        }
        // Every object a question names is clearly visible in some frame.
        for id in r["objects"].as_array().context("objects")? {
            let seen = scene["frames"]
                .as_array()
                .context("frames")?
                .iter()
                .any(|f| {
                    f["visible"]
                        .as_array()
                        .is_some_and(|v| v.iter().any(|o| o["id"] == *id))
                });
            assert!(
                seen || kind == "appearance_order",
                "{kind}: object {id} never visible"
            );
        }
    }
    assert!(kinds.len() >= 8, "types exported: {kinds:?}");
    let _ = std::fs::remove_dir_all(&out);
    Ok(())
}

// ---------------------------------------------------------------------------
// VSI-Bench's own rejection rules, checked on exported questions with exact
// geometry written here (not the generator's checks): closest-point
// distances between the exported boxes, centres on the floor for angles.

/// Whether segments pq and rs properly cross. Touching needs no test: the
/// corner-to-edge distance below is then zero anyway.
fn segments_cross(p: [f64; 2], q: [f64; 2], r: [f64; 2], s: [f64; 2]) -> bool {
    let orient = |a: [f64; 2], b: [f64; 2], c: [f64; 2]| {
        (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    };
    orient(r, s, p) * orient(r, s, q) < 0.0 && orient(p, q, r) * orient(p, q, s) < 0.0
}

fn point_to_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (ux, uy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = ux * ux + uy * uy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * ux + (p[1] - a[1]) * uy) / len2).clamp(0.0, 1.0)
    };
    ((p[0] - a[0] - t * ux).powi(2) + (p[1] - a[1] - t * uy).powi(2)).sqrt()
}

/// Exact closest-point distance of two boxes: the footprints' gap (zero when
/// they overlap, else the least corner-to-edge distance) with the height gap.
fn exact_distance(a: &Box3, b: &Box3) -> f64 {
    let edges = |x: &Box3| -> Vec<([f64; 2], [f64; 2])> {
        (0..4)
            .map(|i| (x.corners[i], x.corners[(i + 1) % 4]))
            .collect()
    };
    let overlap = a.corners.iter().any(|&p| in_rect(p, b))
        || b.corners.iter().any(|&p| in_rect(p, a))
        || edges(a)
            .iter()
            .any(|&(p, q)| edges(b).iter().any(|&(r, s)| segments_cross(p, q, r, s)));
    let floor = if overlap {
        0.0
    } else {
        let mut best = f64::MAX;
        for (x, y) in [(a, b), (b, a)] {
            for &p in &x.corners {
                for (r, s) in edges(y) {
                    best = best.min(point_to_segment(p, r, s));
                }
            }
        }
        best
    };
    let vertical = (b.y0 - a.y1).max(a.y0 - b.y1).max(0.0);
    (floor * floor + vertical * vertical).sqrt()
}

/// The VSI-Bench rules one exported question breaks (empty when none).
fn vsi_rule_breaks(kind: &str, q: &str, scene: &Value) -> Result<Vec<String>> {
    let area = scene["room"]["floor_area"].as_f64().context("floor_area")?;
    let mut broken = Vec::new();
    match kind {
        "rel_distance" => {
            let list = between(q, "which of these objects (", ") is the closest")?;
            let target = box_of(unique(scene, between(q, "is the closest to the ", "?")?)?)?;
            let mut d: Vec<(f64, &str)> = list
                .split(", ")
                .map(|c| Ok((exact_distance(&box_of(unique(scene, c)?)?, &target), c)))
                .collect::<Result<_>>()?;
            d.sort_by(|x, y| x.0.total_cmp(&y.0));
            if d[0].0 < 0.15 {
                broken.push(format!(
                    "nearest {} is {:.3} m from the target",
                    d[0].1, d[0].0
                ));
            }
            let tie = if area > 40.0 { 0.30 } else { 0.15 };
            for i in 0..d.len() {
                for j in i + 1..d.len() {
                    if (d[j].0 - d[i].0).abs() < tie - 1e-9 {
                        broken.push(format!(
                            "{} and {} are {:.3} and {:.3} m away (tie margin {tie} m in {area:.1} m²)",
                            d[i].1, d[j].1, d[i].0, d[j].0
                        ));
                    }
                }
            }
        }
        k if k.starts_with("rel_direction") => {
            let names = [
                between(q, "standing by the ", " and facing")?,
                between(q, "and facing the ", ", is the ")?,
                between(q, ", is the ", " to ")?,
            ];
            let boxes: Vec<Box3> = names
                .iter()
                .map(|c| box_of(unique(scene, c)?))
                .collect::<Result<_>>()?;
            for (i, j) in [(0, 1), (0, 2), (1, 2)] {
                let d = exact_distance(&boxes[i], &boxes[j]);
                if !(0.3 - 1e-9..=5.0 + 1e-9).contains(&d) {
                    broken.push(format!("{} and {} are {d:.3} m apart", names[i], names[j]));
                }
            }
            let (a, b, c) = (boxes[0].center, boxes[1].center, boxes[2].center);
            let h = [b[0] - a[0], b[1] - a[1]];
            let t = ccw_deg(h, [c[0] - a[0], c[1] - a[1]]);
            let edges: &[f64] = if k == "rel_direction_hard" {
                &[0.0, 90.0, 180.0, 270.0, 360.0]
            } else {
                &[0.0, 135.0, 225.0, 360.0]
            };
            if edges.iter().any(|e| (t - e).abs() < 10.0 - 1e-9) {
                broken.push(format!("angle {t:.1}° is within 10° of a bin edge"));
            }
            let bin = |t: f64| match k {
                "rel_direction_hard" => (t / 90.0) as usize % 4,
                _ if t < 135.0 => 0,
                _ if t > 225.0 => 1,
                _ => 2,
            };
            // Each footprint corner stands for a top and a bottom corner.
            let stray = 2 * boxes[2]
                .corners
                .iter()
                .filter(|p| bin(ccw_deg(h, [p[0] - a[0], p[1] - a[1]])) != bin(t))
                .count();
            if stray > 2 {
                broken.push(format!(
                    "{stray} of 8 corners of the {} fall in another bin",
                    names[2]
                ));
            }
        }
        _ => {}
    }
    Ok(broken)
}

/// Exports `n` questions of `types` and returns how many were checked and
/// every rule break found, one line per question.
fn exported_rule_breaks(types: &[&str], n: usize, seed: u64) -> Result<(usize, Vec<String>)> {
    let out = temp_dir(&format!("rules_{seed}"));
    let cfg = SpatialConfig {
        render: false,
        question_types: types.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    export_dataset(&cfg, n, seed, &out)?;
    let text = std::fs::read_to_string(out.join("questions.jsonl"))?;
    let mut breaks = Vec::new();
    let mut checked = 0;
    for line in text.lines() {
        let r: Value = serde_json::from_str(line)?;
        let kind = r["question_type"].as_str().context("type")?;
        let scene: Value = serde_json::from_str(&std::fs::read_to_string(
            out.join(r["scene_file"].as_str().context("scene_file")?),
        )?)?;
        let q = r["question"].as_str().context("question")?;
        checked += 1;
        let b = vsi_rule_breaks(kind, q, &scene).with_context(|| format!("{kind}: {q}"))?;
        if !b.is_empty() {
            breaks.push(format!("{kind}: {} ({q})", b.join("; ")));
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    Ok((checked, breaks))
}

#[test]
fn exported_questions_keep_vsi_bench_rejection_rules() -> Result<()> {
    let types = [
        "rel_distance",
        "rel_direction_easy",
        "rel_direction_medium",
        "rel_direction_hard",
    ];
    let (checked, breaks) = exported_rule_breaks(&types, 160, 23)?;
    assert_eq!(checked, 160);
    assert!(
        breaks.is_empty(),
        "{} of {checked} questions break VSI-Bench's rules:\n{}",
        breaks.len(),
        breaks.join("\n")
    );
    Ok(())
}

#[test]
fn the_rule_check_catches_a_pillow_on_the_bed_it_is_faced_from() -> Result<()> {
    let scene = serde_json::json!({
        "room": {"floor_area": 20.0},
        "objects": [
            {"category": "bed", "center": [0.0, 0.3, 0.0], "size": {"width": 1.6, "height": 0.6, "depth": 2.0}, "yaw": 0.0, "bounds": {"min": [-0.8, 0.0, -1.0]}},
            {"category": "pillow", "center": [0.0, 0.7, -0.7], "size": {"width": 0.5, "height": 0.2, "depth": 0.3}, "yaw": 0.0, "bounds": {"min": [-0.25, 0.6, -0.85]}},
            {"category": "lamp", "center": [2.0, 0.5, 1.5], "size": {"width": 0.3, "height": 1.0, "depth": 0.3}, "yaw": 0.0, "bounds": {"min": [1.85, 0.0, 1.35]}},
        ]
    });
    let q = "If I am standing by the bed and facing the pillow, is the lamp to the left or the right of the pillow?";
    let breaks = vsi_rule_breaks("rel_direction_easy", q, &scene)?;
    assert!(
        breaks
            .iter()
            .any(|b| b.contains("bed and pillow are 0.000 m apart")),
        "{breaks:?}"
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Balance: questions drawn as the env draws them (answer class first, then
// scenes searched), from a shared pool of scenes to keep the test fast.

fn scene_pool(n: usize, seed: u64) -> Result<Vec<(Scene, Visibility)>> {
    filtered_pool(n, seed, &|_| true)
}

/// Scenes from `n` seeds that pass `keep` (checked before the costly
/// visibility pass), built on all cores.
fn filtered_pool(
    n: usize,
    seed: u64,
    keep: &(dyn Fn(&Scene) -> bool + Sync),
) -> Result<Vec<(Scene, Visibility)>> {
    let cfg = SpatialConfig {
        render: false,
        visibility_size: 48,
        ..Default::default()
    };
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let seeds: Vec<u64> = (0..n).map(|_| rng.random()).collect();
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let chunks: Vec<Result<Vec<(Scene, Visibility)>>> = std::thread::scope(|s| {
        let handles: Vec<_> = seeds
            .chunks(n.div_ceil(threads).max(1))
            .map(|part| {
                let cfg = &cfg;
                s.spawn(move || {
                    let mut out = Vec::new();
                    for &sd in part {
                        let scene = Scene::generate(&cfg.scene_config(), sd)?;
                        if keep(&scene) {
                            let (_, vis) = observe(cfg, &scene);
                            out.push((scene, vis));
                        }
                    }
                    Ok(out)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().map_err(|_| anyhow!("pool thread panicked"))?)
            .collect()
    });
    let mut pool = Vec::new();
    for c in chunks {
        pool.extend(c?);
    }
    Ok(pool)
}

fn draw_from_pool(
    pool: &[(Scene, Visibility)],
    kind: QuestionType,
    n: usize,
    seed: u64,
) -> Vec<Question> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < n {
        tries += 1;
        assert!(
            tries < 20 * n,
            "{kind:?}: only {} of {n} questions found",
            out.len()
        );
        let want = rng.random_range(0..kind.classes());
        for _ in 0..400 {
            let (scene, vis) = &pool[rng.random_range(0..pool.len())];
            let ctx = Ctx {
                scene,
                visibility: vis,
                seconds_per_frame: 1.0,
            };
            if let Some(q) = questions::generate(kind, &ctx, want, &mut rng) {
                out.push(q);
                break;
            }
        }
    }
    out
}

fn chosen(q: &Question) -> usize {
    match q.answer {
        Answer::Choice { index, .. } => index,
        Answer::Number { .. } => usize::MAX,
    }
}

#[test]
fn no_constant_or_prior_strategy_beats_chance_by_ten_points() -> Result<()> {
    // Priors are learnt on questions from one set of scenes and judged on
    // another, so memorising a scene does not pass for a prior.
    let (pool_a, pool_b) = (scene_pool(600, 5)?, scene_pool(600, 6)?);
    let (rel_a, rel_b) = (
        filtered_pool(4000, 15, &may_ask_rel_distance)?,
        filtered_pool(4000, 16, &may_ask_rel_distance)?,
    );
    let mut failures = Vec::new();
    for kind in QuestionType::ALL
        .into_iter()
        .filter(|k| k.is_multiple_choice())
    {
        // Relative distance needs five nameable objects, which one scene in
        // six has; its own pools spread the 2,000 questions over about as
        // many scenes, so a few rooms do not stand for the whole generator.
        let (a, b) = if kind == QuestionType::RelDistance {
            (&rel_a, &rel_b)
        } else {
            (&pool_a, &pool_b)
        };
        let mut qs = draw_from_pool(a, kind, 1000, kind as u64);
        qs.extend(draw_from_pool(b, kind, 1000, kind as u64 + 100));
        let chance: f64 =
            qs.iter().map(|q| 1.0 / q.options.len() as f64).sum::<f64>() / qs.len() as f64;
        let rate = |hit: &dyn Fn(&Question) -> bool| {
            qs.iter().filter(|q| hit(q)).count() as f64 / qs.len() as f64
        };
        // Always the same letter (with printed options).
        for letter in 0..4 {
            let acc = rate(&|q| chosen(q) == letter);
            assert!(
                acc <= chance + 0.10,
                "{kind:?}: always {letter} scores {acc:.3} vs chance {chance:.3}"
            );
        }
        // Always the same words (without options), and the option whose text
        // was most often right in the first half, scored on the second half.
        let (learn, judge) = qs.split_at(qs.len() / 2);
        let mut freq: BTreeMap<String, usize> = BTreeMap::new();
        for q in learn {
            if let Answer::Choice { text, .. } = &q.answer {
                *freq.entry(text.clone()).or_insert(0) += 1;
            }
        }
        let prior = |q: &Question| {
            (0..q.options.len())
                .max_by_key(|&i| freq.get(&q.options[i]).copied().unwrap_or(0))
                .unwrap_or(0)
        };
        let judge_chance: f64 = judge
            .iter()
            .map(|q| 1.0 / q.options.len() as f64)
            .sum::<f64>()
            / judge.len() as f64;
        let acc =
            judge.iter().filter(|q| prior(q) == chosen(q)).count() as f64 / judge.len() as f64;
        eprintln!("{kind:?}: option prior {acc:.3} vs chance {judge_chance:.3}");
        assert!(
            acc <= judge_chance + 0.10,
            "{kind:?}: option prior scores {acc:.3} vs chance {judge_chance:.3}"
        );
        // The option whose text was most often right *when offered* in the
        // first half (a learnt per-option rate), scored on the second half.
        let mut offered_n: BTreeMap<String, usize> = BTreeMap::new();
        for q in learn {
            for o in &q.options {
                *offered_n.entry(o.clone()).or_insert(0) += 1;
            }
        }
        let rate_of = |t: &String| {
            freq.get(t).copied().unwrap_or(0) as f64 / offered_n.get(t).copied().unwrap_or(1) as f64
        };
        let by_rate = |q: &Question| {
            (0..q.options.len())
                .max_by(|&i, &j| rate_of(&q.options[i]).total_cmp(&rate_of(&q.options[j])))
                .unwrap_or(0)
        };
        let acc =
            judge.iter().filter(|q| by_rate(q) == chosen(q)).count() as f64 / judge.len() as f64;
        eprintln!("{kind:?}: learnt per-option rate {acc:.3} vs chance {judge_chance:.3}");
        assert!(
            acc <= judge_chance + 0.10,
            "{kind:?}: learnt per-option rate scores {acc:.3} vs chance {judge_chance:.3}"
        );
        // "Answer T whenever T is offered", for every option text T, over
        // all 2,000 questions. Texts offered fewer than 100 times are too
        // rare to estimate (±0.09 at two standard errors); the count of
        // such texts is bounded so the check cannot quietly thin out.
        let mut texts: Vec<&String> = qs.iter().flat_map(|q| &q.options).collect();
        texts.sort();
        texts.dedup();
        let (mut checked, mut rare, mut worst) = (0, Vec::new(), (f64::MIN, String::new()));
        for text in texts {
            let offered: Vec<&Question> = qs.iter().filter(|q| q.options.contains(text)).collect();
            let n = offered.len() as f64;
            let acc = offered
                .iter()
                .filter(|q| matches!(&q.answer, Answer::Choice { text: t, .. } if t == text))
                .count() as f64
                / n;
            let chance_when_offered: f64 = offered
                .iter()
                .map(|q| 1.0 / q.options.len() as f64)
                .sum::<f64>()
                / n;
            if offered.len() < 100 {
                rare.push(format!("{text} ({})", offered.len()));
                continue;
            }
            checked += 1;
            if acc - chance_when_offered > worst.0 {
                worst = (acc - chance_when_offered, text.clone());
            }
            if acc > chance_when_offered + 0.10 {
                failures.push(format!(
                    "{kind:?}: always '{text}' scores {acc:.3} vs {chance_when_offered:.3} when offered ({} times)",
                    offered.len()
                ));
            }
        }
        if checked > 0 {
            eprintln!(
                "{kind:?}: {checked} option texts checked, worst '{}' {:+.3} over chance; {} offered < 100 times: {}",
                worst.1,
                worst.0,
                rare.len(),
                if rare.len() <= 8 { rare.join(", ") } else { "(many)".into() }
            );
        }
        if kind != QuestionType::AppearanceOrder {
            // Category and direction texts repeat; appearance orders are
            // permutations that rarely do.
            assert!(
                checked >= 2 && rare.len() <= checked / 4,
                "{kind:?}: only {checked} option texts offered often enough (rare: {rare:?})"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[test]
fn numeric_answers_span_their_ranges() -> Result<()> {
    let pool = scene_pool(80, 7)?;
    let span = |kind: QuestionType| -> (f64, f64) {
        let vals: Vec<f64> = draw_from_pool(&pool, kind, 200, 3)
            .iter()
            .filter_map(|q| match q.answer {
                Answer::Number { value, .. } => Some(value),
                _ => None,
            })
            .collect();
        (
            vals.iter().cloned().fold(f64::MAX, f64::min),
            vals.iter().cloned().fold(f64::MIN, f64::max),
        )
    };
    let (lo, hi) = span(QuestionType::ObjectCount);
    assert!(lo == 2.0 && hi >= 4.0, "counts {lo}..{hi}");
    let (lo, hi) = span(QuestionType::AbsDistance);
    assert!(lo <= 0.5 && hi >= 4.0, "distances {lo}..{hi}");
    let (lo, hi) = span(QuestionType::ObjectSize);
    assert!(lo <= 50.0 && hi >= 190.0, "sizes {lo}..{hi}");
    let (lo, hi) = span(QuestionType::RoomSize);
    assert!(lo <= 20.0 && hi >= 45.0, "room sizes {lo}..{hi}");
    Ok(())
}

// ---------------------------------------------------------------------------
// Golden frame. Regenerate with `RULEGYM_BLESS=1 cargo test --test spatial golden`.

fn golden_frame() -> Result<Frame> {
    let cfg = SpatialConfig {
        frames: 8,
        width: 224,
        height: 224,
        ..Default::default()
    };
    let s = Sample::draw(&cfg, QuestionType::ObjectCount, 2024)?;
    let frames = s.frames(&cfg);
    frames.into_iter().nth(2).context("frame 2")
}

#[test]
fn a_golden_frame_matches_within_tolerance() -> Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/spatial/golden.png");
    let frame = golden_frame()?;
    if std::env::var("RULEGYM_BLESS").is_ok() {
        frame.save(&path)?;
    }
    let golden = Frame::load(&path)
        .with_context(|| format!("{} (bless with RULEGYM_BLESS=1)", path.display()))?;
    assert_eq!(
        (golden.width(), golden.height()),
        (frame.width(), frame.height())
    );
    let diffs: Vec<u8> = golden
        .as_rgb()
        .iter()
        .zip(frame.as_rgb())
        .map(|(a, b)| a.abs_diff(*b))
        .collect();
    let mean = diffs.iter().map(|&d| d as f64).sum::<f64>() / diffs.len() as f64;
    let far = diffs.iter().filter(|&&d| d > 24).count() as f64 / diffs.len() as f64;
    assert!(
        mean < 1.0 && far < 0.005,
        "mean diff {mean:.3}, {:.2}% pixels off by > 24",
        far * 100.0
    );
    // And it is a real picture: many distinct colours, not a flat fill.
    let mut colours: Vec<&[u8]> = frame.as_rgb().chunks(3).collect();
    colours.sort();
    colours.dedup();
    assert!(colours.len() > 200, "only {} colours", colours.len());
    Ok(())
}

// ---------------------------------------------------------------------------
// Answer parser properties.

proptest! {
    #[test]
    fn numbers_with_units_read_back(v in 0.01f64..5000.0, unit in prop::sample::select(vec!["", " m", "m", " meters", " metres"])) {
        let v = (v * 100.0).round() / 100.0;
        let q = parse_number(&format!("{v}{unit}"));
        prop_assert!(q.is_some_and(|q| (in_unit(q, "m") - v).abs() < 1e-9), "{v}{unit} -> {q:?}");
    }

    #[test]
    fn decimal_commas_read_as_decimals(int in 0u32..1000, frac in 1u32..100) {
        let s = format!("{int},{frac:02}");
        let want = int as f64 + frac as f64 / 100.0;
        prop_assert!(parse_number(&s).is_some_and(|q| (q.value - want).abs() < 1e-9), "{s}");
    }

    #[test]
    fn centimetres_convert_to_metres(cm in 1u32..100_000) {
        let q = parse_number(&format!("{cm} cm"));
        prop_assert!(q.is_some_and(|q| (in_unit(q, "m") - cm as f64 / 100.0).abs() < 1e-9));
    }

    #[test]
    fn option_letters_read_in_any_usual_form(i in 0usize..4, form in 0usize..8) {
        let opts: Vec<String> = ["sofa", "table", "chair", "bed"].iter().map(|s| s.to_string()).collect();
        let (u, l) = ((b'A' + i as u8) as char, (b'a' + i as u8) as char);
        let s = match form {
            0 => format!("{u}"),
            1 => format!("{u}."),
            2 => format!("({l})"),
            3 => format!("{u})"),
            4 => format!("Option {u}"),
            5 => format!("{u}. {}", opts[i]),
            6 => format!("The answer is {u}"),
            _ => format!("[{u}]"),
        };
        prop_assert_eq!(parse_choice(&s, &opts, true), Some(i), "{}", s);
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,40}") {
        let opts: Vec<String> = vec!["left".into(), "right".into()];
        let _ = parse_number(&s);
        let _ = parse_choice(&s, &opts, true);
    }
}
