//! `trainer generate --model DIR|preset --prompt TEXT [--n N --temperature T ...]`: samples
//! completions of one user prompt (chat template applied) and prints them.
use anyhow::Context;
use rulegym_agent::requests::load_model;
use rulegym_agent::{Constraint, Message, SampleOptions};

#[derive(clap::Args, Debug, Clone)]
pub struct GenerateArgs {
    /// Checkpoint folder or preset name (`tiny`, `small`).
    #[arg(long)]
    pub model: String,
    /// The user message.
    #[arg(long)]
    pub prompt: String,
    /// Optional system message (default: the template's "You are a helpful assistant.").
    #[arg(long)]
    pub system: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub n: usize,
    /// 0 = greedy.
    #[arg(long, default_value_t = 1.0)]
    pub temperature: f64,
    #[arg(long, default_value_t = 128)]
    pub max_new_tokens: usize,
    #[arg(long)]
    pub top_k: Option<usize>,
    #[arg(long)]
    pub top_p: Option<f64>,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    #[command(flatten)]
    pub load: super::load::LoadArgs,
    /// Force `<think>…</think><answer>…</answer>`.
    #[arg(long)]
    pub scaffold: bool,
    /// Comma-separated allowed answers.
    #[arg(long, value_delimiter = ',')]
    pub choices: Option<Vec<String>>,
    /// Print one JSON object per sample instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &GenerateArgs) -> anyhow::Result<()> {
    let (device, dtype) = args.load.open()?;
    let mut policy = load_model(&args.model, args.seed, &device, dtype)
        .with_context(|| format!("loading model {}", args.model))?;
    args.load.apply(&mut policy)?;
    let mut messages = Vec::new();
    if let Some(s) = &args.system {
        messages.push(Message::system(s.clone()));
    }
    messages.push(Message::user(args.prompt.clone()));
    let prompt = policy.encode_chat(&messages)?;
    let constraint = (args.scaffold || args.choices.is_some()).then(|| Constraint {
        scaffold: args.scaffold,
        answer_choices: args.choices.clone(),
        max_think_tokens: None,
        max_answer_tokens: None,
        answer_sequence: None,
    });
    let opts = SampleOptions {
        n: args.n,
        max_new_tokens: args.max_new_tokens,
        temperature: args.temperature,
        top_k: args.top_k,
        top_p: args.top_p,
        stop: Vec::new(),
        constraint,
        seed: args.seed,
    };
    let out = policy.generate(&[prompt], &opts)?;
    for (i, s) in out.into_iter().flatten().enumerate() {
        if args.json {
            println!("{}", serde_json::to_string(&s)?);
        } else {
            println!(
                "--- sample {i} ({:?}, {} tokens)\n{}",
                s.finish,
                s.tokens.len(),
                s.text
            );
        }
    }
    Ok(())
}
