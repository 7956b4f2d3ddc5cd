//! Quick forward+backward and sampling throughput of a preset (the criterion bench is
//! `benches/agent.rs`). Usage: `cargo run -p rulegym-agent --example throughput -- tiny 8 256`.
use std::time::Instant;

use rulegym_agent::{Device, Policy, SampleOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let preset = args.get(1).map(String::as_str).unwrap_or("tiny");
    let b: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(8);
    let t: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(256);
    let p = Policy::preset(preset, 0, &Device::Cpu)?;
    let batch: Vec<(Vec<u32>, Vec<u32>)> = (0..b)
        .map(|i| {
            let prompt: Vec<u32> = (0..t / 2)
                .map(|j| ((i * 31 + j * 7) % 2000) as u32)
                .collect();
            let comp: Vec<u32> = (0..t / 2)
                .map(|j| ((i * 17 + j * 13) % 2000) as u32)
                .collect();
            (prompt, comp)
        })
        .collect();
    for rep in 0..3 {
        let t0 = Instant::now();
        let (lp, _) = p.log_probs(&batch, None, 1.0)?;
        let t1 = Instant::now();
        let _g = lp.sum_all()?.backward()?;
        let t2 = Instant::now();
        let toks = (b * t) as f64;
        println!(
            "{preset} rep {rep}: fwd {:.3}s bwd {:.3}s → {:.0} tok/s fwd+bwd",
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            toks / (t2 - t0).as_secs_f64()
        );
    }
    let prompts: Vec<Vec<u32>> = batch
        .iter()
        .take(4)
        .map(|(p, _)| p[..32].to_vec())
        .collect();
    let opts = SampleOptions {
        n: 8,
        max_new_tokens: 32,
        stop: vec![],
        ..SampleOptions::default()
    };
    let t0 = Instant::now();
    let out = p.generate(&prompts, &opts)?;
    let n: usize = out.iter().flatten().map(|s| s.tokens.len()).sum();
    println!(
        "{preset} sampling: {n} tokens in {:.3}s → {:.0} tok/s",
        t0.elapsed().as_secs_f64(),
        n as f64 / t0.elapsed().as_secs_f64()
    );
    Ok(())
}
