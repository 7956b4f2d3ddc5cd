//! The GPU check's measurement: a random-init model with Qwen2.5-VL-3B's shapes (or a tiny
//! one with `--smoke`) on a chosen device and dtype; prefill and decode tokens/s, log-probs +
//! backward with full fine-tuning and with LoRA, one GRPO step, the vision tower, and the peak
//! memory of each. Writes `gpu_check.json` and `gpu_check.md` to `--out`.
//!
//! `scripts/gpu_check.sh` builds, carries and runs it; by hand:
//!   cargo run --release --features cuda --example gpu_check -- --out /tmp/gpu_check
//!   cargo run --example gpu_check -- --smoke --out /tmp/gpu_check_smoke
mod measure;
mod memory;
mod report;
mod shape;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Parser;
use rulegym_agent::device::CUDA_BUILT;
use rulegym_agent::tokenizer::TextTokenizer;
use rulegym_agent::{parse_dtype, DType, Device, DeviceName, Policy};

use measure::Piece;
use memory::MemProbe;
use report::Report;

/// Pieces in the order they run (LoRA last: adapters cannot be taken off again).
const PIECES: &[&str] = &[
    "prefill",
    "decode",
    "train_full",
    "grpo_step",
    "train_lora",
    "vision_forward",
    "vision_train",
];

#[derive(Parser, Debug)]
#[command(about = "Measure a Qwen2.5-VL-3B-shaped policy (random init) on a device")]
struct Args {
    /// Tiny shape and workload on the CPU in f32 (seconds; what CI runs).
    #[arg(long)]
    smoke: bool,
    /// cpu, cuda or cuda:N (default: cuda, or cpu with --smoke).
    #[arg(long)]
    device: Option<String>,
    /// f32, bf16 or f16 (default: bf16 on CUDA, f32 on the CPU).
    #[arg(long)]
    dtype: Option<String>,
    /// Output folder (default: $OUT, else ./gpu_check_out).
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Comma-separated pieces to leave out (prefill, decode, train_full, grpo_step, train_lora,
    /// vision_forward, vision_train); `prefill` and `decode` run together.
    #[arg(long, value_delimiter = ',')]
    skip: Vec<String>,
    /// Override the decode steps timed.
    #[arg(long)]
    decode_tokens: Option<usize>,
    /// Override the sequences per log-probs + backward pass.
    #[arg(long)]
    train_batch: Option<usize>,
    /// Override the GRPO update's micro-batch.
    #[arg(long)]
    grpo_micro_batch: Option<usize>,
}

fn main() -> Result<()> {
    rulegym_agent::alloc::tune_allocator();
    let args = Args::parse();
    for s in &args.skip {
        if !PIECES.contains(&s.as_str()) {
            bail!("--skip {s:?}: unknown piece (expected one of {PIECES:?})");
        }
    }
    let dev_name: DeviceName = args
        .device
        .as_deref()
        .unwrap_or(if args.smoke { "cpu" } else { "cuda" })
        .parse()?;
    let dev = dev_name.open()?;
    let dtype = match &args.dtype {
        Some(d) => parse_dtype(d)?,
        None if dev.is_cuda() => DType::BF16,
        None => DType::F32,
    };
    let out = args
        .out
        .clone()
        .or_else(|| std::env::var_os("OUT").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("gpu_check_out"));
    let tok_len = TextTokenizer::compact()?.len();
    let mut shape = if args.smoke {
        shape::smoke(tok_len)
    } else {
        shape::qwen25_vl_3b()
    };
    let w = &mut shape.work;
    w.decode_tokens = args.decode_tokens.unwrap_or(w.decode_tokens);
    w.train_batch = args.train_batch.unwrap_or(w.train_batch);
    w.grpo_micro_batch = args.grpo_micro_batch.unwrap_or(w.grpo_micro_batch);
    let probe = match dev_name {
        DeviceName::Cuda(i) => MemProbe::gpu(i)?,
        DeviceName::Cpu => MemProbe::rss(),
    };
    let report = run(&args, &shape, &dev, &dev_name, dtype, tok_len, &probe)?;
    report.write(&out)?;
    print!("{}", report.markdown());
    eprintln!("wrote {}/gpu_check.json and gpu_check.md", out.display());
    if !report.errors.is_empty() {
        bail!(
            "{} piece(s) failed: {:?}",
            report.errors.len(),
            report.errors
        );
    }
    Ok(())
}

fn run(
    args: &Args,
    shape: &shape::Shape,
    dev: &Device,
    dev_name: &DeviceName,
    dtype: DType,
    tok_len: usize,
    probe: &MemProbe,
) -> Result<Report> {
    let (text_params, vision_params) = shape::param_counts(shape)?;
    let w = &shape.work;
    let mut setup = BTreeMap::new();
    let t = Instant::now();
    let mut policy = Policy::from_config(&shape.text, args.seed, dev, dtype)
        .context("building the random-init text model")?;
    dev.synchronize()?;
    setup.insert("text_init".to_string(), t.elapsed().as_secs_f64());
    let t = Instant::now();
    let tower = measure::vision_tower(&shape.vision, dev, dtype)?;
    dev.synchronize()?;
    setup.insert("vision_init".to_string(), t.elapsed().as_secs_f64());
    let resident_mib = probe.current_mib()?;
    // Sampling random ids from the tokenizer's range keeps decoding well defined.
    let vocab = tok_len.min(shape.text.vocab_size);
    setup.insert(
        "warm_up".to_string(),
        measure::warm_up(&policy, vocab, args.seed)?,
    );

    let mut pieces: BTreeMap<String, Piece> = BTreeMap::new();
    let mut errors = BTreeMap::new();
    let skip = |p: &str| args.skip.iter().any(|s| s == p);
    let mut record = |name: &str, r: Result<Piece>| match r {
        Ok(p) => {
            eprintln!("{name}: {:.3} s, {:.1} tokens/s", p.seconds, p.tokens_per_s);
            pieces.insert(name.to_string(), p);
        }
        Err(e) => {
            eprintln!("{name} failed: {e:#}");
            errors.insert(name.to_string(), format!("{e:#}"));
        }
    };
    let seed = args.seed;
    if !(skip("prefill") || skip("decode")) {
        match measure::generation(&policy, w, vocab, probe, seed + 1) {
            Ok((p, d)) => {
                record("prefill", Ok(p));
                record("decode", Ok(d));
            }
            Err(e) => {
                let msg = format!("{e:#}");
                record("prefill", Err(anyhow::anyhow!(msg.clone())));
                record("decode", Err(anyhow::anyhow!(msg)));
            }
        }
    }
    if !skip("train_full") {
        record(
            "train_full",
            measure::train_step(&policy, w, vocab, probe, seed + 2),
        );
    }
    if !skip("grpo_step") {
        record(
            "grpo_step",
            measure::grpo_step(&policy, w, vocab, probe, seed + 3),
        );
    }
    if !skip("train_lora") {
        let r = measure::enable_lora(&mut policy, w.lora_rank)
            .and_then(|_| measure::train_step(&policy, w, vocab, probe, seed + 4));
        record("train_lora", r);
    }
    drop(policy);
    if !(skip("vision_forward") || skip("vision_train")) {
        match measure::vision(&tower, w, probe, seed + 5) {
            Ok((f, t)) => {
                record("vision_forward", Ok(f));
                record("vision_train", Ok(t));
            }
            Err(e) => {
                let msg = format!("{e:#}");
                record("vision_forward", Err(anyhow::anyhow!(msg.clone())));
                record("vision_train", Err(anyhow::anyhow!(msg)));
            }
        }
    }
    Ok(Report {
        schema: 1,
        shape: shape.name.to_string(),
        device: dev_name.to_string(),
        dtype: format!("{dtype:?}").to_lowercase(),
        built_with_cuda: CUDA_BUILT,
        cpu_threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        text_params,
        vision_params,
        text_config: serde_json::to_value(&shape.text)?,
        vision_config: serde_json::to_value(&shape.vision)?,
        workload: w.clone(),
        memory_source: probe.source().to_string(),
        resident_mib,
        setup_s: setup,
        pieces,
        errors,
        skipped: args.skip.clone(),
    })
}
