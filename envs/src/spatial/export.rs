//! Dataset export in a VSI-100k-like layout other trainers can read:
//!
//! ```text
//! out/questions.jsonl        one question per line (VSI-Bench fields)
//! out/scenes/<scene>.json    room, objects, camera path, per-frame visibility
//! out/frames/<scene>/NNN.png the walkthrough video (when `render` is on)
//! out/config.json            the resolved config
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use serde_json::json;

use super::env::SpatialConfig;
use super::questions::Answer;
use super::sample::Sample;
use super::SpatialError;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportSummary {
    pub questions: usize,
    pub frames: usize,
    pub out_dir: PathBuf,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SpatialError + '_ {
    move |source| SpatialError::Io { path: path.display().to_string(), source }
}

fn write_json(path: &Path, v: &serde_json::Value) -> Result<(), SpatialError> {
    let text = serde_json::to_string_pretty(v).map_err(|source| SpatialError::Json { path: path.display().to_string(), source })?;
    std::fs::write(path, text).map_err(io(path))
}

/// Writes `n` questions (one fresh scene each) drawn from `seed` into
/// `out_dir`, types drawn uniformly from the config's `question_types`.
pub fn export_dataset(cfg: &SpatialConfig, n: usize, seed: u64, out_dir: &Path) -> Result<ExportSummary, SpatialError> {
    cfg.validate()?;
    let kinds = cfg.kinds()?;
    let scenes = out_dir.join("scenes");
    std::fs::create_dir_all(&scenes).map_err(io(&scenes))?;
    let cfg_json = serde_json::to_value(cfg).map_err(|source| SpatialError::Json { path: "config".into(), source })?;
    write_json(&out_dir.join("config.json"), &cfg_json)?;
    let jsonl = out_dir.join("questions.jsonl");
    let mut lines = std::io::BufWriter::new(std::fs::File::create(&jsonl).map_err(io(&jsonl))?);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut frames_written = 0;
    for i in 0..n {
        let kind = *kinds.choose(&mut rng).ok_or_else(|| SpatialError::Config("no question types".into()))?;
        let sample = Sample::draw(cfg, kind, rng.random())?;
        let scene_id = sample.scene.id.clone();
        write_json(&scenes.join(format!("{scene_id}.json")), &sample.scene_json(cfg))?;
        let mut frame_paths = Vec::new();
        if cfg.render {
            let dir = out_dir.join("frames").join(&scene_id);
            std::fs::create_dir_all(&dir).map_err(io(&dir))?;
            for (k, f) in sample.frames(cfg).iter().enumerate() {
                let rel = format!("frames/{scene_id}/{k:03}.png");
                f.save(&out_dir.join(&rel))?;
                frame_paths.push(rel);
                frames_written += 1;
            }
        }
        let q = &sample.question;
        let (answer, unit) = match &q.answer {
            Answer::Choice { text, .. } => (json!(text), json!(null)),
            Answer::Number { value, unit } => (json!(value), json!(unit)),
        };
        let options: Option<Vec<String>> = (!q.options.is_empty() && cfg.show_options)
            .then(|| q.options.iter().enumerate().map(|(k, o)| format!("{}. {o}", super::questions::letter(k))).collect());
        let record = json!({
            "id": i,
            "dataset": "rulegym-spatial",
            "scene_name": scene_id,
            "question_type": kind.name(),
            "question": q.prompt(cfg.show_options),
            "options": options,
            "ground_truth": q.ground_truth(cfg.show_options),
            "answer": answer,
            "unit": unit,
            "choices": q.options,
            "objects": q.objects,
            "frames": frame_paths,
            "seconds_per_frame": cfg.seconds_per_frame,
            "scene_file": format!("scenes/{scene_id}.json"),
        });
        writeln!(lines, "{record}").map_err(io(&jsonl))?;
    }
    lines.flush().map_err(io(&jsonl))?;
    Ok(ExportSummary { questions: n, frames: frames_written, out_dir: out_dir.to_path_buf() })
}
