//! Sokoban throughput at gym-sokoban's small (7×7, 2 boxes) and default
//! (10×10, 3 boxes) sizes: level generations/s (gym-sokoban's recipe, its
//! reverse-play limits), board moves/s, `Env::step`/s in step mode over the
//! text grid (no rendering), solver solves/s, and frames/s.
//!
//! `cargo bench --bench sokoban -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rulegym::envs::sokoban::{generate, make_env, obs, solve, Board, GenConfig, Move};
use rulegym::envs::Env;

const SIZES: [(usize, usize, usize); 2] = [(7, 7, 2), (10, 10, 3)];
const STEPS: u64 = 10_000;

fn label((w, h, b): (usize, usize, usize)) -> String {
    format!("{w}x{h}_{b}boxes")
}

fn generation(c: &mut Criterion) {
    let mut g = c.benchmark_group("sokoban_generate");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1));
    for size in SIZES {
        let cfg = GenConfig::default();
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        g.bench_function(BenchmarkId::from_parameter(label(size)), |b| {
            b.iter(|| generate(&cfg, size.0, size.1, size.2, &mut rng).map(|l| l.boxes()))
        });
    }
    g.finish();
}

/// A fixed move pattern that bumps, walks and pushes.
const PATTERN: [Move; 7] = [
    Move::Up,
    Move::Left,
    Move::Down,
    Move::Down,
    Move::Right,
    Move::Up,
    Move::Right,
];

fn board_steps(c: &mut Criterion) {
    let mut g = c.benchmark_group("sokoban_board");
    g.throughput(Throughput::Elements(STEPS));
    for size in SIZES {
        let level = generate(
            &GenConfig::default(),
            size.0,
            size.1,
            size.2,
            &mut ChaCha8Rng::seed_from_u64(1),
        )
        .expect("level");
        g.bench_function(BenchmarkId::from_parameter(label(size)), |b| {
            b.iter(|| {
                let mut board = Board::new(&level);
                let mut on = 0;
                for k in 0..STEPS as usize {
                    if k % 120 == 0 {
                        board = Board::new(&level);
                    }
                    board.step(PATTERN[k % PATTERN.len()]);
                    on += board.boxes_on_target();
                }
                on
            })
        });
    }
    g.finish();
}

fn env_cfg(size: (usize, usize, usize)) -> serde_json::Value {
    serde_json::json!({
        "width": size.0, "height": size.1, "boxes": size.2, "observation": "text",
        // One long episode, so level generation (timed on its own above) is
        // not in the step rate; gym's script restores a saved level instead
        // of resetting for the same reason.
        "max_steps": 1_000_000
    })
}

/// The first seed whose level the move cycle does not solve within `STEPS`
/// moves, so `steps` times moves alone (seed 1's 7×7 level is solved every
/// few moves, and each reset generates a level).
fn unsolved_seed(size: (usize, usize, usize), actions: &[String]) -> u64 {
    (1..1_000)
        .find(|&seed| {
            let mut env = make_env("sokoban/step", &env_cfg(size)).expect("env");
            env.reset(Some(seed)).expect("reset");
            (0..STEPS as usize)
                .all(|k| !env.step(&actions[k % actions.len()]).expect("step").done())
        })
        .expect("some seed's level outlasts the move cycle")
}

fn env_steps(c: &mut Criterion) {
    let mut g = c.benchmark_group("sokoban_env_text");
    g.throughput(Throughput::Elements(STEPS));
    let actions: Vec<String> = PATTERN
        .iter()
        .map(|m| format!("<answer>{}</answer>", m.name()))
        .collect();
    for size in SIZES {
        for (name, seed) in [
            ("steps", unsolved_seed(size, &actions)),
            ("with_resets_seed1", 1),
        ] {
            let mut env = make_env("sokoban/step", &env_cfg(size)).expect("env");
            env.reset(Some(seed)).expect("reset");
            let id = format!("{}/{name}", label(size));
            g.bench_function(BenchmarkId::from_parameter(id), |b| {
                b.iter(|| {
                    let mut total = 0.0;
                    for k in 0..STEPS as usize {
                        // Only a solved level ends the episode.
                        let s = env.step(&actions[k % actions.len()]).expect("step");
                        total += s.reward;
                        if s.done() {
                            env.reset(Some(seed)).expect("reset");
                        }
                    }
                    total
                })
            });
        }
    }
    g.finish();
}

fn solver_and_frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("sokoban_solve");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1));
    for size in SIZES {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let levels: Vec<_> = (0..16)
            .map(|_| {
                generate(&GenConfig::default(), size.0, size.1, size.2, &mut rng).expect("level")
            })
            .collect();
        let mut i = 0;
        g.bench_function(BenchmarkId::from_parameter(label(size)), |b| {
            b.iter(|| {
                i = (i + 1) % levels.len();
                solve(&levels[i], 5_000_000).moves().map(|m| m.len())
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("sokoban_render");
    g.throughput(Throughput::Elements(1));
    for size in SIZES {
        let level = generate(
            &GenConfig::default(),
            size.0,
            size.1,
            size.2,
            &mut ChaCha8Rng::seed_from_u64(3),
        )
        .expect("level");
        let board = Board::new(&level);
        g.bench_function(BenchmarkId::from_parameter(label(size)), |b| {
            b.iter(|| obs::render(&board, 16).width())
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    generation,
    board_steps,
    env_steps,
    solver_and_frames
);
criterion_main!(benches);
