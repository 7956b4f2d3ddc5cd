//! Policy throughput: forward+backward tokens/s of the GRPO log-prob loss and sampling
//! tokens/s, for the `tiny` and `small` presets. PyTorch reference:
//! `scripts/bench_torch_agent.py` (same shapes, same thread count). Results: docs/benchmarks.md.
//! Runs on `RULEGYM_DEVICE` (the CPU unless set; `cuda` on a `--features cuda` build).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rulegym_agent::{device_from_env, DType, Device, Policy, SampleOptions};

/// The device the benches run on; the CPU when `RULEGYM_DEVICE` is unset or unusable.
fn device() -> Device {
    device_from_env().map(|(d, _)| d).unwrap_or(Device::Cpu)
}

const B: usize = 8;
const T: usize = 256;

fn batch() -> Vec<(Vec<u32>, Vec<u32>)> {
    (0..B)
        .map(|i| {
            let p = (0..T / 2)
                .map(|j| ((i * 31 + j * 7) % 2000) as u32)
                .collect();
            let c = (0..T / 2)
                .map(|j| ((i * 17 + j * 13) % 2000) as u32)
                .collect();
            (p, c)
        })
        .collect()
}

fn fwd_bwd(c: &mut Criterion) {
    // As the `trainer` binary runs (see `rulegym_agent::alloc`).
    rulegym_agent::alloc::tune_allocator();
    let mut g = c.benchmark_group("agent_fwd_bwd");
    g.sample_size(10)
        .throughput(Throughput::Elements((B * T) as u64));
    let dev = device();
    for (name, preset, dtype) in [
        ("tiny", "tiny", DType::F32),
        ("small", "small", DType::F32),
        ("tiny-bf16", "tiny", DType::BF16),
    ] {
        let Ok(p) = Policy::preset_with_dtype(preset, 0, &dev, dtype) else {
            return;
        };
        let b = batch();
        g.bench_function(name, |bench| {
            bench.iter(|| {
                let (lp, _) = p.log_probs(&b, None, 1.0).ok()?;
                lp.sum_all().ok()?.backward().ok()
            })
        });
    }
    g.finish();
}

fn sampling(c: &mut Criterion) {
    // As the `trainer` binary runs (see `rulegym_agent::alloc`).
    rulegym_agent::alloc::tune_allocator();
    let mut g = c.benchmark_group("agent_sampling");
    g.sample_size(10);
    for name in ["tiny", "small"] {
        let Ok(p) = Policy::preset(name, 0, &device()) else {
            return;
        };
        let prompts: Vec<Vec<u32>> = batch()
            .into_iter()
            .take(4)
            .map(|(p, _)| p[..32].to_vec())
            .collect();
        let opts = SampleOptions {
            n: 8,
            max_new_tokens: 32,
            seed: 1,
            ..SampleOptions::default()
        };
        // Deterministic given the seed, so the token count is fixed.
        let tokens: usize = p
            .generate(&prompts, &opts)
            .map(|o| o.iter().flatten().map(|s| s.tokens.len()).sum())
            .unwrap_or(0);
        g.throughput(Throughput::Elements(tokens as u64));
        g.bench_function(name, |bench| {
            bench.iter(|| p.generate(&prompts, &opts).ok())
        });
    }
    g.finish();
}

criterion_group!(benches, fwd_bwd, sampling);
criterion_main!(benches);
