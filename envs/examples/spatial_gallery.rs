//! Renders a few spatial samples to PNG and GIF for inspection:
//! `cargo run -p rulegym-envs --example spatial_gallery -- OUT_DIR [SEED] [SIZE]`.

use std::path::PathBuf;

use rulegym_envs::spatial::questions::QuestionType;
use rulegym_envs::spatial::{Sample, SpatialConfig};
use rulegym_render::raster3d::save_pngs;
use rulegym_render::save_gif;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "gallery".into()));
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1);
    let size: u32 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(448);
    let cfg = SpatialConfig {
        width: size,
        height: size,
        supersample: 2,
        ..Default::default()
    };
    for (i, kind) in [
        QuestionType::RelDirectionMedium,
        QuestionType::AbsDistance,
        QuestionType::ObjectCount,
        QuestionType::RelDistance,
    ]
    .into_iter()
    .enumerate()
    {
        let s = Sample::draw(&cfg, kind, seed + i as u64)?;
        let frames = s.frames(&cfg);
        let dir = out.join(format!("{}_{}", s.scene.id, kind.name()));
        save_pngs(&frames, &dir, "frame")?;
        save_gif(&frames, &dir.join("walk.gif"), 500)?;
        println!(
            "{}: {} | answer {}",
            dir.display(),
            s.question.prompt(true),
            s.question.ground_truth(true)
        );
        println!("  named objects: {:?}", s.question.objects);
        for (f, vis) in s.visibility.frames.iter().enumerate() {
            let names: Vec<String> = vis
                .iter()
                .filter_map(|(id, _)| {
                    s.scene
                        .object(*id)
                        .map(|o| format!("{}#{}", o.category, id))
                })
                .collect();
            println!("  frame {f:2}: {}", names.join(", "));
        }
    }
    Ok(())
}
