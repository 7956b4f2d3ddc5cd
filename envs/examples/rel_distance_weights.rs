//! Solves the relative-distance keep weights (`spatial::balance`) on fresh
//! default scenes and prints them as the `answer_weight` match arms, with
//! the answered/offered rate each category reaches:
//! `cargo run -p rulegym-envs --example rel_distance_weights -- [SCENES] [ROUNDS] [PER_ROUND]`.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rulegym_envs::spatial::balance::{calibrate, may_ask_rel_distance, tally};
use rulegym_envs::spatial::sample::observe;
use rulegym_envs::spatial::{Scene, SpatialConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut num = |d: usize| -> Result<usize, Box<dyn std::error::Error>> {
        Ok(args.next().map(|s| s.parse()).transpose()?.unwrap_or(d))
    };
    let (n_scenes, rounds, per_round) = (num(30_000)?, num(10)?, num(30_000)?);
    let cfg = SpatialConfig {
        render: false,
        ..Default::default()
    };
    let mut rng = ChaCha8Rng::seed_from_u64(0x5eed_ba1a);
    // Only scenes that can hold a question: others never yield one, so
    // leaving them out changes nothing but the time.
    let mut scenes = Vec::new();
    for _ in 0..n_scenes {
        let scene = Scene::generate(&cfg.scene_config(), rng.random())?;
        if may_ask_rel_distance(&scene) {
            let (_, vis) = observe(&cfg, &scene);
            scenes.push((scene, vis));
        }
    }
    let w = calibrate(&scenes, rounds, per_round, 1);
    let check = tally(&scenes, &w, per_round, &mut rng);
    let mut rows: Vec<(&String, &f64)> = w.iter().collect();
    rows.sort_by(|a, b| a.1.total_cmp(b.1));
    for (c, v) in rows {
        let t = check.get(c).copied().unwrap_or_default();
        println!(
            "        {c:?} => {v:.3}, // {:.3} of {} offered",
            t.rate(),
            t.offered
        );
    }
    Ok(())
}
