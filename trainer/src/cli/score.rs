//! `trainer score --env math --input responses.jsonl`: scores saved
//! responses with an env's reward rules, without a model.
//!
//! Each input line is `{"response": ..., "answer": ...}`; each output line is
//! the reward parts and the extracted answer; the last line is a summary.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context};
use rulegym_envs::math::{score_response, MathConfig};
use serde::Deserialize;
use serde_json::json;

#[derive(clap::Args, Debug, Clone)]
pub struct ScoreArgs {
    /// Env whose reward rules apply: `math` or any `math/<name>`.
    #[arg(long, default_value = "math")]
    pub env: String,
    /// JSONL file of `{"response": ..., "answer": ...}` lines.
    #[arg(long)]
    pub input: PathBuf,
}

/// Extra keys (ids, prompts) are ignored.
#[derive(Deserialize)]
struct Line {
    response: String,
    answer: serde_json::Value,
}

/// Aggregates over scored lines.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub formatted: usize,
    pub correct: usize,
}

pub fn run(args: &ScoreArgs) -> anyhow::Result<()> {
    score_to(args, &mut std::io::stdout().lock()).map(|_| ())
}

/// Scores `args.input`, writing JSON lines to `out`; returns the summary.
pub fn score_to(args: &ScoreArgs, out: &mut impl Write) -> anyhow::Result<Summary> {
    if args.env != "math" && !args.env.starts_with("math/") {
        bail!(
            "`score` applies the math reward rules; env '{}' is not a math env",
            args.env
        );
    }
    // The env's default reward rules (LMM-R1 weights, strict format).
    let cfg = MathConfig::default().reward();
    let path = args.input.display();
    let text = std::fs::read_to_string(&args.input).with_context(|| format!("reading {path}"))?;
    let mut s = Summary::default();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let at = || format!("{path}:{}", i + 1);
        let line: Line = serde_json::from_str(raw).with_context(at)?;
        let gold = match line.answer {
            serde_json::Value::String(g) => g,
            serde_json::Value::Number(n) => n.to_string(),
            other => bail!("{}: answer must be a string or number, got {other}", at()),
        };
        let scored = score_response(&line.response, &gold, &cfg)
            .with_context(|| format!("{}: gold answer {gold:?}", at()))?;
        s.count += 1;
        s.formatted += usize::from(scored.format_ok);
        s.correct += usize::from(scored.correct);
        let row = json!({
            "line": i + 1,
            "reward": scored.reward,
            "reward_parts": {"format": scored.format, "accuracy": scored.accuracy},
            "format_ok": scored.format_ok,
            "correct": scored.correct,
            "conflict": scored.conflict,
            "extracted": scored.extracted,
            "answer": gold,
        });
        writeln!(out, "{row}")?;
    }
    let rate = |k: usize| {
        if s.count == 0 {
            0.0
        } else {
            k as f64 / s.count as f64
        }
    };
    let summary = json!({"summary": {
        "env": args.env,
        "count": s.count,
        "format_rate": rate(s.formatted),
        "accuracy": rate(s.correct),
    }});
    writeln!(out, "{summary}")?;
    Ok(s)
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

    #[test]
    fn scores_each_line_and_summarises() {
        let input = file(
            "ok",
            "{\"response\": \"<think>a</think><answer>4</answer>\", \"answer\": \"4\"}\n\
             {\"response\": \"\\\\boxed{5}\", \"answer\": 4}\n",
        );
        let mut out = Vec::new();
        let s = score_to(
            &ScoreArgs {
                env: "math".into(),
                input,
            },
            &mut out,
        )
        .unwrap();
        assert_eq!(
            s,
            Summary {
                count: 2,
                formatted: 1,
                correct: 1
            }
        );
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["reward"], 1.5);
        assert_eq!(lines[1]["extracted"], "5");
        assert_eq!(lines[2]["summary"]["accuracy"], 0.5);
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        let input = file(
            "bad",
            "{\"response\": \"x\", \"answer\": \"1\"}\n{\"response\": 3}\n",
        );
        let err = score_to(
            &ScoreArgs {
                env: "math".into(),
                input: input.clone(),
            },
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(
            format!("{err:#}").contains(&format!("{}:2", input.display())),
            "{err:#}"
        );
    }
}
