//! Math env and verifier throughput.
//!
//! * `math_env/reset_step`: one episode of `math/mixed` (difficulty 3):
//!   reset with a seed, step with a correct formatted response.
//! * `math_verifier/case_table`: score every response of
//!   `tests/data/math/verifier_cases.jsonl` against its gold, the same lines
//!   `scripts/bench_mathverify.py` gives math-verify.
//!
//! Run: `cargo bench --bench math -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rulegym::envs::math::{score_response, RewardConfig};
use rulegym::envs::{self, Env};

fn env_reset_step(c: &mut Criterion) {
    let mut g = c.benchmark_group("math_env");
    g.throughput(Throughput::Elements(1));
    for name in ["math", "math/mixed"] {
        let mut env = match envs::make(name, &serde_json::Value::Null) {
            Ok(e) => e,
            Err(e) => panic!("{name}: {e}"),
        };
        let mut seed = 0u64;
        g.bench_function(format!("reset_step/{name}"), |b| {
            b.iter(|| {
                seed += 1;
                let r = env.reset(Some(seed)).ok();
                let gold = r
                    .as_ref()
                    .and_then(|r| r.info["answer"].as_str())
                    .unwrap_or("0");
                let response = format!("<think>compute</think><answer>{gold}</answer>");
                black_box(env.step(&response).ok())
            })
        });
    }
    g.finish();
}

fn verifier(c: &mut Criterion) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/math/verifier_cases.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let cases: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["gold"].as_str().unwrap_or_default().to_string(),
                v["response"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(!cases.is_empty(), "no cases in {}", path.display());
    let cfg = RewardConfig::default();
    let mut g = c.benchmark_group("math_verifier");
    g.throughput(Throughput::Elements(cases.len() as u64));
    g.bench_function("case_table", |b| {
        b.iter(|| {
            let mut correct = 0usize;
            for (gold, response) in &cases {
                if let Ok(s) = score_response(black_box(response), black_box(gold), &cfg) {
                    correct += usize::from(s.correct);
                }
            }
            black_box(correct)
        })
    });
    g.finish();
}

criterion_group!(benches, env_reset_step, verifier);
criterion_main!(benches);
