//! `trainer logprobs --model DIR --input requests.jsonl`: per-token log-probs of completions.
//!
//! Each input line is `{"messages": [...], "completion": "..."}`; each output line (stdout, or
//! `--output`) is `{"tokens": [completion ids], "logprobs": [...]}`.
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use rulegym_agent::requests::{load_model, parse_request, score};
use rulegym_agent::Device;

#[derive(clap::Args, Debug, Clone)]
pub struct LogprobsArgs {
    /// Checkpoint folder (or preset name `tiny`/`small`).
    #[arg(long)]
    pub model: String,
    /// JSONL requests.
    #[arg(long)]
    pub input: PathBuf,
    /// Where to write JSONL results (default: stdout).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Requests per forward pass.
    #[arg(long, default_value_t = 8)]
    pub batch_size: usize,
    /// Seed for a preset's random init.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

pub fn run(args: &LogprobsArgs) -> anyhow::Result<()> {
    let policy = load_model(&args.model, args.seed, &Device::Cpu)
        .with_context(|| format!("loading model {}", args.model))?;
    let file = std::fs::File::open(&args.input)
        .with_context(|| format!("opening {}", args.input.display()))?;
    let mut reqs = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", args.input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        reqs.push(
            parse_request(&policy, &line, i + 1)
                .with_context(|| format!("{}", args.input.display()))?,
        );
    }
    let results = score(&policy, &reqs, args.batch_size)?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    for r in results {
        serde_json::to_writer(&mut out, &r)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
