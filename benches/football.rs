//! Football throughput: simulation steps/s without rendering (academy and
//! 11 vs 11), env turns/s in text mode, and frames/s at 96×72 and 448×448.
//!
//! `cargo bench --bench football -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rulegym::envs::football::action::{Action, Sticky};
use rulegym::envs::football::obs::{render, FrameStyle};
use rulegym::envs::football::scenario::Scenario;
use rulegym::envs::football::{control, make_env};
use rulegym::envs::Env;

const STEPS: u64 = 1000;

/// Steps a world with a cycling action pattern, restarting every 400 steps.
fn run_sim(sc: &Scenario, seed: u64) -> u32 {
    let mut w = sc.world(seed);
    let mut sticky = Sticky::default();
    let mut ctrl = control::select(&w, &[], 1, sc.keeper_controllable);
    let pattern = [
        Action::Right,
        Action::Sprint,
        Action::Idle,
        Action::TopRight,
        Action::ShortPass,
        Action::Shot,
    ];
    for k in 0..STEPS as usize {
        if w.step >= 400 {
            w = sc.world(seed + k as u64);
        }
        let a = pattern[(k / 7) % pattern.len()];
        let cmds: Vec<_> = ctrl.iter().map(|&i| (i, sticky.apply(a))).collect();
        w.step(&cmds);
        ctrl = control::select(&w, &ctrl, 1, sc.keeper_controllable);
    }
    w.score[0]
}

fn sim(c: &mut Criterion) {
    let mut g = c.benchmark_group("football_sim");
    g.throughput(Throughput::Elements(STEPS));
    for name in [
        "academy_empty_goal_close",
        "academy_3_vs_1_with_keeper",
        "11_vs_11_stochastic",
    ] {
        let sc = Scenario::builtin(name).expect("builtin scenario");
        g.bench_with_input(BenchmarkId::from_parameter(name), &sc, |b, sc| {
            b.iter(|| run_sim(sc, 1))
        });
    }
    g.finish();
}

fn env_text(c: &mut Criterion) {
    let mut g = c.benchmark_group("football_env_text");
    g.throughput(Throughput::Elements(100));
    for name in ["academy_3_vs_1_with_keeper", "11_vs_11_stochastic"] {
        // One simulation step per turn, text observation only.
        let cfg = serde_json::json!({"auto_continue": 0, "max_turns": 100000});
        let mut env = make_env(&format!("football/{name}"), &cfg).expect("env");
        g.bench_function(name, |b| {
            b.iter(|| {
                env.reset(Some(3)).expect("reset");
                for k in 0..100 {
                    let a = [
                        "<answer>right</answer>",
                        "<answer>sprint</answer>",
                        "<answer>short_pass</answer>",
                    ][k % 3];
                    if env.step(a).expect("step").done() {
                        env.reset(None).expect("reset");
                    }
                }
            })
        });
    }
    g.finish();
}

fn frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("football_render");
    g.throughput(Throughput::Elements(1));
    let sc = Scenario::builtin("11_vs_11_stochastic").expect("builtin scenario");
    let mut w = sc.world(5);
    for _ in 0..50 {
        w.step(&[]);
    }
    for (wd, ht) in [(96u32, 72u32), (448, 448)] {
        let style = FrameStyle {
            width: wd,
            height: ht,
            antialias: true,
        };
        g.bench_function(format!("{wd}x{ht}"), |b| {
            b.iter(|| render(&w, &[1], &style))
        });
    }
    g.finish();
}

criterion_group!(benches, sim, env_text, frames);
criterion_main!(benches);
