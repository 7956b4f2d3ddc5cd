//! Forward+backward and sampling tokens/s of the `tiny` and `small` presets, the shapes of
//! `benches/agent.rs` (8 × 256 tokens; 4 prompts × n 8 × 32 new tokens), as medians of a few
//! runs. It builds with the agent crate alone, so a kernel can be measured with
//! `RULEGYM_COMPOSED` (see `rulegym_agent::kernels`) in minutes on a shared machine:
//!
//! ```sh
//! cargo run -p rulegym-agent --example policy_speed --config 'profile.dev.package.rulegym-agent.opt-level=3'
//! RULEGYM_COMPOSED=all cargo run -p rulegym-agent --example policy_speed --config '...'
//! ```
use std::time::Instant;

use rulegym_agent::{Device, Policy, SampleOptions};

const B: usize = 8;
const T: usize = 256;
const REPS: usize = 7;

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

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    rulegym_agent::alloc::tune_allocator();
    let mode = std::env::var("RULEGYM_COMPOSED").unwrap_or_else(|_| "none".into());
    for name in ["tiny", "small"] {
        let p = Policy::preset(name, 0, &Device::Cpu)?;
        let b = batch();
        let mut fb = Vec::new();
        for _ in 0..REPS {
            let t0 = Instant::now();
            let (lp, _) = p.log_probs(&b, None, 1.0)?;
            lp.sum_all()?.backward()?;
            fb.push((B * T) as f64 / t0.elapsed().as_secs_f64());
        }
        let prompts: Vec<Vec<u32>> = b.iter().take(4).map(|(p, _)| p[..32].to_vec()).collect();
        let opts = SampleOptions {
            n: 8,
            max_new_tokens: 32,
            seed: 1,
            ..SampleOptions::default()
        };
        let mut sm = Vec::new();
        for _ in 0..REPS {
            let t0 = Instant::now();
            let out = p.generate(&prompts, &opts)?;
            let n: usize = out.iter().flatten().map(|s| s.tokens.len()).sum();
            sm.push(n as f64 / t0.elapsed().as_secs_f64());
        }
        println!(
            "composed={mode} {name}: fwd+bwd {:.0} tok/s, sampling {:.0} tok/s",
            median(fb),
            median(sm)
        );
    }
    Ok(())
}
