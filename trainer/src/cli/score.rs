//! `trainer score --env math --input responses.jsonl`: scores saved
//! responses with an env's reward rules, without a model
//! ([`rulegym_trainer::score`]).
//!
//! Each output line is a scored row, or `{"line": N, "error": "..."}` for a
//! line that cannot be scored; the last line is a summary that counts both.
//! Blank lines are skipped. The exit status is non-zero only when some line
//! was bad; `--strict` stops at the first bad line instead.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use rulegym_trainer::score::{error_row, score_block, Rules, Summary};

#[derive(clap::Args, Debug, Clone)]
pub struct ScoreArgs {
    /// Env whose reward rules apply: `math`, `math/<family>`, `spatial` or
    /// `spatial/<type>`.
    #[arg(long, default_value = "math")]
    pub env: String,
    /// The env's config (its reward weights and format style): a TOML or
    /// JSON file, or inline JSON.
    #[arg(long)]
    pub env_config: Option<String>,
    /// JSONL file. Math: `{"response", "answer"}` lines. Spatial: the lines
    /// of `trainer sample --env spatial`'s questions.jsonl (`question_type`,
    /// `answer`, `choices`, `unit`, `options`) with a `response` added.
    #[arg(long)]
    pub input: PathBuf,
    /// Stop at the first bad line (its error names the file and line).
    #[arg(long)]
    pub strict: bool,
    /// Threads scoring lines (output order is the input's).
    #[arg(long, default_value_t = 1)]
    pub workers: usize,
}

/// Lines handed to the workers at once, per worker.
const BLOCK_PER_WORKER: usize = 256;

pub fn run(args: &ScoreArgs) -> anyhow::Result<()> {
    let summary = score_to(args, &mut std::io::stdout().lock())?;
    if summary.errors > 0 {
        bail!(
            "{} of {} lines of {} could not be scored (their \"error\" rows say why)",
            summary.errors,
            summary.errors + summary.scored,
            args.input.display()
        );
    }
    Ok(())
}

/// Scores `args.input`, writing JSON lines to `out`; returns the summary.
pub fn score_to(args: &ScoreArgs, out: &mut impl Write) -> anyhow::Result<Summary> {
    if args.workers == 0 {
        bail!("--workers must be at least 1");
    }
    let config = match &args.env_config {
        Some(c) => super::env_config::parse(c, "--env-config")?,
        None => serde_json::Value::Null,
    };
    let rules = Rules::for_env(&args.env, &config)?;
    let path = args.input.display();
    let file = std::fs::File::open(&args.input).with_context(|| format!("reading {path}"))?;
    let mut lines = BufReader::new(file).lines().enumerate();
    let mut summary = Summary::default();
    let block = BLOCK_PER_WORKER * args.workers;
    loop {
        let mut batch = Vec::with_capacity(block);
        for (i, line) in lines.by_ref() {
            let line = line.with_context(|| format!("reading {path}:{}", i + 1))?;
            if !line.trim().is_empty() {
                batch.push((i + 1, line));
            }
            if batch.len() == block {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        for ((number, _), result) in batch.iter().zip(score_block(&rules, &batch, args.workers)) {
            match &result {
                Ok(s) => writeln!(out, "{}", s.row)?,
                Err(e) if args.strict => bail!("{path}:{number}: {e}"),
                Err(e) => writeln!(out, "{}", error_row(*number, e))?,
            }
            summary.add(&result);
        }
    }
    writeln!(out, "{}", summary.row(&args.env))?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, body: &str) -> PathBuf {
        let p =
            std::env::temp_dir().join(format!("rulegym-score-{}-{name}.jsonl", std::process::id()));
        std::fs::write(&p, body).unwrap();
        p
    }

    fn args(input: PathBuf) -> ScoreArgs {
        ScoreArgs {
            env: "math".into(),
            env_config: None,
            input,
            strict: false,
            workers: 1,
        }
    }

    fn rows(out: Vec<u8>) -> Vec<serde_json::Value> {
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn scores_each_line_and_summarises() {
        let input = file(
            "ok",
            "{\"response\": \"<think>a</think><answer>4</answer>\", \"answer\": \"4\"}\n\
             \n\
             {\"response\": \"\\\\boxed{5}\", \"answer\": 4}\n",
        );
        let mut out = Vec::new();
        let s = score_to(&args(input), &mut out).unwrap();
        assert_eq!((s.scored, s.errors, s.formatted, s.correct), (2, 0, 1, 1));
        let lines = rows(out);
        assert_eq!(lines[0]["reward"], 1.5);
        assert_eq!(lines[1]["extracted"], "5");
        assert_eq!(lines[1]["line"], 3);
        assert_eq!(lines[2]["summary"]["accuracy"], 0.5);
        assert_eq!(lines[2]["summary"]["errors"], 0);
    }

    #[test]
    fn a_bad_line_is_reported_in_place_and_the_rest_is_scored() {
        let input = file(
            "bad",
            "{\"response\": \"<answer>1</answer>\", \"answer\": \"1\"}\n\
             {\"response\": 3}\n\
             {\"response\": \"2\", \"answer\": \"\"}\n\
             {\"response\": \"<answer>2</answer>\", \"answer\": 2}\n",
        );
        let mut out = Vec::new();
        let s = score_to(&args(input.clone()), &mut out).unwrap();
        assert_eq!((s.scored, s.errors, s.correct), (2, 2, 2));
        let lines = rows(out);
        assert_eq!(lines[1]["line"], 2);
        assert!(lines[1]["error"].as_str().unwrap().contains("invalid type"));
        assert_eq!(lines[2]["line"], 3);
        assert_eq!(lines[2]["error"], "blank gold answer");
        assert_eq!(lines[3]["correct"], true);
        assert_eq!(lines[4]["summary"]["errors"], 2);

        let strict = ScoreArgs {
            strict: true,
            ..args(input.clone())
        };
        let mut out = Vec::new();
        let err = score_to(&strict, &mut out).unwrap_err();
        assert!(
            format!("{err:#}").contains(&format!("{}:2", input.display())),
            "{err:#}"
        );
        assert_eq!(rows(out).len(), 1, "strict stops before the bad line");
    }

    #[test]
    fn env_config_and_workers_are_checked() {
        let input = file("cfg", "{\"response\": \"x\", \"answer\": \"1\"}\n");
        let bad_cfg = ScoreArgs {
            env_config: Some("{\"nope\": 1}".into()),
            ..args(input.clone())
        };
        let err = score_to(&bad_cfg, &mut Vec::new()).unwrap_err();
        assert!(format!("{err:#}").contains("nope"), "{err:#}");
        let zero = ScoreArgs {
            workers: 0,
            ..args(input)
        };
        assert!(score_to(&zero, &mut Vec::new()).is_err());
    }
}
