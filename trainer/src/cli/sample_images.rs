//! `trainer sample --env vmath/<family>|sokoban[/<mode>] --n N --out DIR`:
//! writes single-image problems as a Python trainer reads them: PNGs under
//! `DIR/images/` and `DIR/problems.jsonl`, one
//! `{"image", "problem", "answer", "env", "seed"}` object per line (`image`
//! relative to DIR). Visual math's answer is its gold LaTeX; Sokoban's is
//! an optimal move list (`up, left, ...`), as plan mode asks for.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context};
use rulegym_envs::{sokoban, vmath, Env, Reset};

use super::sample::SampleArgs;

/// One problem's image, question and answer.
struct Item {
    reset: Reset,
    answer: String,
}

fn draw(env: &mut dyn Env, name: &str, seed: u64) -> anyhow::Result<Item> {
    let reset = env.reset(Some(seed))?;
    let answer = reset.info["answer"]
        .as_str()
        .with_context(|| format!("{name}: reset info has no answer"))?
        .to_string();
    Ok(Item { reset, answer })
}

fn draw_sokoban(env: &mut sokoban::SokobanEnv, seed: u64) -> anyhow::Result<Item> {
    let reset = env.reset(Some(seed))?;
    let level = env.level().context("sokoban: no level after reset")?;
    let solve = sokoban::solve(level, env.config().solver_states);
    let moves = solve
        .moves()
        .with_context(|| format!("sokoban seed {seed}: no solution within the solver budget"))?;
    let answer = moves
        .iter()
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Item { reset, answer })
}

pub fn run(args: &SampleArgs) -> anyhow::Result<()> {
    let config = match &args.config {
        Some(c) => super::env_config::parse(c, "--config")?,
        None => serde_json::Value::Null,
    };
    let mut config = config;
    if let Some(size) = args.size {
        if config.is_null() {
            config = serde_json::json!({});
        }
        match config.as_object_mut() {
            Some(o) => {
                o.insert("size".into(), size.into());
            }
            None => bail!("--config must be a table to combine with --size"),
        }
    }
    let name = args.env.as_str();
    let n = args.n.unwrap_or(100);
    let images = args.out.join("images");
    std::fs::create_dir_all(&images).with_context(|| format!("creating {}", images.display()))?;
    let path = args.out.join("problems.jsonl");
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?,
    );
    if name == "sokoban" || name.starts_with("sokoban/") {
        if args.size.is_some() {
            bail!("--size applies to vmath; Sokoban frames are sized by `tile` in --config");
        }
        let mut env = sokoban::make_env(name, &config)?;
        for k in 0..n {
            let seed = args.seed + k as u64;
            write_item(
                &mut out,
                &args.out,
                name,
                seed,
                k,
                draw_sokoban(&mut env, seed)?,
            )?;
        }
    } else {
        let mut env = vmath::make_env(name, &config)?;
        for k in 0..n {
            let seed = args.seed + k as u64;
            write_item(
                &mut out,
                &args.out,
                name,
                seed,
                k,
                draw(&mut env, name, seed)?,
            )?;
        }
    }
    out.flush()?;
    println!("wrote {n} problems to {}", path.display());
    Ok(())
}

fn write_item(
    out: &mut impl Write,
    dir: &Path,
    env: &str,
    seed: u64,
    k: usize,
    item: Item,
) -> anyhow::Result<()> {
    let frame = item
        .reset
        .observation
        .frames
        .first()
        .with_context(|| format!("{env} seed {seed}: the observation has no image"))?;
    let rel = format!("images/{k:05}.png");
    frame.save(&dir.join(&rel))?;
    let line = serde_json::json!({
        "image": rel,
        "problem": item.reset.observation.text,
        "answer": item.answer,
        "env": env,
        "seed": seed,
    });
    writeln!(out, "{line}")?;
    Ok(())
}
