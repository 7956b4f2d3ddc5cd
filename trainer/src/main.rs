//! The `trainer` command: GRPO training (default action), `envs`, `plot`,
//! `eval`, `generate`, `logprobs`, `score`, `sample`; one file each under `cli/`.

mod cli;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "trainer",
    about = "GRPO on rulegym environments",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    cmd: Option<Cmd>,
    #[command(flatten)]
    train: cli::train::TrainArgs,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// List registered environments.
    Envs(cli::envs::EnvsArgs),
    /// Plot a metric of one or more runs (PNG and SVG).
    Plot(cli::plot::PlotArgs),
    /// Evaluate a saved policy on an env.
    Eval(cli::eval::EvalArgs),
    /// Sample completions from a policy.
    Generate(cli::generate::GenerateArgs),
    /// Per-token log-probs of completions under a policy.
    Logprobs(cli::logprobs::LogprobsArgs),
    /// Rule-check saved responses (JSONL) with a math or spatial env's reward.
    Score(cli::score::ScoreArgs),
    /// Write frames, episodes or datasets an env produces.
    Sample(cli::sample::SampleArgs),
    /// Serve an env over OpenEnv's HTTP/WebSocket protocol.
    Serve(cli::serve::ServeArgs),
}

fn main() {
    rulegym_agent::alloc::tune_allocator();
    let cli = Cli::parse();
    let result = match &cli.cmd {
        None => cli::train::run(&cli.train),
        Some(Cmd::Envs(a)) => cli::envs::run(a),
        Some(Cmd::Plot(a)) => cli::plot::run(a),
        Some(Cmd::Eval(a)) => cli::eval::run(a),
        Some(Cmd::Generate(a)) => cli::generate::run(a),
        Some(Cmd::Logprobs(a)) => cli::logprobs::run(a),
        Some(Cmd::Score(a)) => cli::score::run(a),
        Some(Cmd::Sample(a)) => cli::sample::run(a),
        Some(Cmd::Serve(a)) => cli::serve::run(a),
    };
    if let Err(e) = result {
        eprintln!("error: {}", describe(&e));
        std::process::exit(1);
    }
}

/// The error and its causes, skipping a cause whose text the message
/// before it already includes (library errors often embed their source).
fn describe(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}
