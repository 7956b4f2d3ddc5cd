//! Visual math throughput: rendered problems per second at 448².
//!
//! * `vmath/problem_448/<family>`: draw a scene, derive its answer and
//!   draw it into a reused 448 × 448 frame (the allocation-light path a
//!   dataset writer uses).
//! * `vmath/reset_448/<family>`: the env's `reset` (the same plus a new
//!   frame, the scene as JSON in `info`, and the gold parsed for grading).
//!
//! Run: `cargo bench --bench vmath -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rulegym::envs::vmath::{make_env, Family};
use rulegym::envs::Env;
use rulegym::render::Frame;

fn problems(c: &mut Criterion) {
    let mut g = c.benchmark_group("vmath");
    g.throughput(Throughput::Elements(1));
    for family in Family::ALL {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut frame = Frame::filled(448, 448, [255, 255, 255]);
        g.bench_function(format!("problem_448/{}", family.name()), |b| {
            b.iter(|| {
                let scene = family.generate(&mut rng, 2, &[]);
                let answer = scene.answer();
                scene.draw_into(&mut frame);
                black_box((answer, frame.as_rgb()[0]))
            })
        });
        let name = format!("vmath/{}", family.name());
        let mut env = match make_env(&name, &serde_json::Value::Null) {
            Ok(e) => e,
            Err(e) => panic!("{name}: {e}"),
        };
        let mut seed = 0u64;
        g.bench_function(format!("reset_448/{}", family.name()), |b| {
            b.iter(|| {
                seed += 1;
                black_box(env.reset(Some(seed)).ok())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, problems);
criterion_main!(benches);
