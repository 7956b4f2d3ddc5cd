//! `trainer logprobs --model DIR --input requests.jsonl`: per-token log-probs of completions.
//!
//! Each input line is `{"messages": [...], "completion": "..."}` (chat template + tokenizer) or
//! `{"prompt_ids": [...], "completion_ids": [...]}` (raw ids). Messages may show images and
//! videos as content parts, `{"type":"image","image":PATH}` and
//! `{"type":"video","video":[FRAME PATHS]}`; id prompts hold one `<|image_pad|>` /
//! `<|video_pad|>` per entry of `"images": [PATH..]` / `"videos": [[PATH..]..]`. Relative paths
//! are read from the JSONL file's folder; such requests need a model with a vision tower
//! (a `*-vl` preset or a checkpoint with `vision_config`) and are scored through the vision
//! path, as transformers' Qwen2-VL/Qwen2.5-VL processor and model would. Each output line
//! (stdout, or `--output`) is `{"tokens": [completion ids], "logprobs": [...]}`, in input
//! order. The format and its checks live in `rulegym_agent::requests::score_jsonl`.
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use rulegym_agent::requests::{load_model, score_jsonl};

#[derive(clap::Args, Debug, Clone)]
pub struct LogprobsArgs {
    /// Checkpoint folder (or preset name `tiny`/`small`/`tiny-vl`/`small-vl`).
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
    #[command(flatten)]
    pub load: super::load::LoadArgs,
}

pub fn run(args: &LogprobsArgs) -> anyhow::Result<()> {
    let (device, dtype) = args.load.open()?;
    let mut policy = load_model(&args.model, args.seed, &device, dtype)
        .with_context(|| format!("loading model {}", args.model))?;
    args.load.apply(&mut policy)?;
    let results = score_jsonl(&policy, &args.input, args.batch_size)?;
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
