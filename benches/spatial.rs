//! Spatial family throughput: rendered frames per second at 224² and 448²
//! (16-frame walkthroughs, all cores), and scenes + questions per second
//! without rendering.
//!
//! `cargo bench --bench spatial -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rulegym::envs::spatial::questions::QuestionType;
use rulegym::envs::spatial::{Sample, SpatialConfig};

fn frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("spatial_render");
    for size in [224u32, 448] {
        let cfg = SpatialConfig {
            width: size,
            height: size,
            frames: 16,
            ..Default::default()
        };
        let sample = match Sample::draw(&cfg, QuestionType::ObjectCount, 7) {
            Ok(s) => s,
            Err(e) => panic!("bench scene: {e}"),
        };
        g.throughput(Throughput::Elements(16));
        g.bench_function(format!("frames_{size}"), |b| b.iter(|| sample.frames(&cfg)));
    }
    g.finish();
}

fn questions(c: &mut Criterion) {
    let mut g = c.benchmark_group("spatial_generate");
    let cfg = SpatialConfig {
        render: false,
        ..Default::default()
    };
    let mut seed = 0u64;
    g.throughput(Throughput::Elements(1));
    g.bench_function("scene_and_question_mixed", |b| {
        b.iter(|| {
            seed += 1;
            let kind = QuestionType::ALL[(seed % 10) as usize];
            Sample::draw(&cfg, kind, seed).map(|s| s.question.answer)
        })
    });
    g.finish();
}

criterion_group!(benches, frames, questions);
criterion_main!(benches);
