//! Vision encode speed: processor + tower on a 448×448 image and a 16-frame 224×224 video,
//! for a small Qwen2-VL tower (depth 4, width 128, 4 heads) and its Qwen2.5-VL twin (window
//! attention). Compare with `scripts/bench_torch_vision.py` (same configs, 2 threads).
use criterion::{criterion_group, criterion_main, Criterion};
use rulegym_agent::candle_core::{Device, Tensor};
use rulegym_agent::processor::{Processor, ProcessorConfig};
use rulegym_agent::vision::{Activation, VisionConfig, VisionKind, VisionTower};
use rulegym_render::Frame;

fn frame(w: u32, h: u32, s: u32) -> Frame {
    let mut d = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            d.extend_from_slice(&[
                ((x * 3 + s) % 256) as u8,
                ((y * 5) % 256) as u8,
                ((x ^ y) % 256) as u8,
            ]);
        }
    }
    Frame::from_rgb(w, h, d).unwrap_or_else(|_| Frame::filled(w, h, [0; 3]))
}

fn small(kind: VisionKind) -> VisionConfig {
    VisionConfig {
        kind,
        depth: 4,
        embed_dim: 128,
        out_dim: 256,
        num_heads: 4,
        mlp_dim: 512,
        activation: if kind == VisionKind::Qwen2Vl {
            Activation::QuickGelu
        } else {
            Activation::Silu
        },
        window_size: 112,
        fullatt_block_indexes: vec![3],
        initializer_range: 0.1,
        ..VisionConfig::default()
    }
}

fn bench(c: &mut Criterion) {
    // As the `trainer` binary runs (see `rulegym_agent::alloc`).
    rulegym_agent::alloc::tune_allocator();
    let dev = Device::Cpu;
    let proc = Processor::new(ProcessorConfig::default());
    let image = frame(448, 448, 1);
    let video: Vec<Frame> = (0..16).map(|i| frame(224, 224, i)).collect();
    let mut g = c.benchmark_group("vision");
    g.sample_size(10);
    g.bench_function("processor_image_448", |b| b.iter(|| proc.image(&image)));
    g.bench_function("processor_video_16x224", |b| b.iter(|| proc.video(&video)));
    for (name, kind) in [
        ("qwen2_vl", VisionKind::Qwen2Vl),
        ("qwen2_5_vl", VisionKind::Qwen25Vl),
    ] {
        let Ok(tower) = VisionTower::random(&small(kind), 1, &dev) else {
            return;
        };
        for (what, x) in [
            ("image_448", proc.image(&image)),
            ("video_16x224", proc.video(&video)),
        ] {
            let Ok(x) = x else { return };
            let Ok(px) =
                Tensor::from_vec(x.pixel_values.clone(), (x.num_patches(), x.patch_dim), &dev)
            else {
                return;
            };
            g.bench_function(format!("{name}_tower_{what}"), |b| {
                b.iter(|| tower.forward(&px, &[x.grid_thw]))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
