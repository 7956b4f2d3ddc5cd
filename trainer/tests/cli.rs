//! The `trainer` binary's `score` and `sample` commands, run as a user runs
//! them. An integration test of the trainer package, so cargo builds the
//! binary first and names it in `CARGO_BIN_EXE_trainer`.

use std::path::PathBuf;
use std::process::{Command, Output};

use rulegym_envs::Env as _;
use serde_json::Value;

fn trainer() -> anyhow::Result<PathBuf> {
    Ok(PathBuf::from(env!("CARGO_BIN_EXE_trainer")))
}

fn run(args: &[&str]) -> anyhow::Result<Output> {
    Ok(Command::new(trainer()?).args(args).output()?)
}

fn scratch(name: &str) -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("rulegym-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn rows(out: &Output) -> anyhow::Result<Vec<Value>> {
    String::from_utf8(out.stdout.clone())?
        .lines()
        .map(|l| Ok(serde_json::from_str(l)?))
        .collect()
}

/// Good lines, and bad ones at lines 2 (not JSON), 4 (no answer), 5 (blank
/// gold) and 7 (gold of the wrong type).
const MIXED: &str = r#"{"response": "<think>2+2</think><answer>4</answer>", "answer": "4"}
{"response": "<answer>4</answer>", "answer":
{"response": "The answer is \\boxed{6}.", "answer": 6}
{"response": "<answer>1</answer>"}
{"response": "<answer>1</answer>", "answer": "  "}
{"response": "<think>x</think><answer>\\frac{1}{2}</answer>", "answer": "0.5"}
{"response": "<answer>1</answer>", "answer": {"value": 1}}
{"response": "<answer>7</answer>", "answer": "8"}
"#;

#[test]
fn score_reports_bad_lines_in_place_and_exits_non_zero() -> anyhow::Result<()> {
    let dir = scratch("score-mixed")?;
    let input = dir.join("mixed.jsonl");
    std::fs::write(&input, MIXED)?;
    let out = run(&[
        "score",
        "--env",
        "math",
        "--input",
        input.to_str().unwrap_or(""),
    ])?;
    assert!(!out.status.success(), "a bad line must fail the run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("4 of 8 lines"), "{stderr}");
    let rows = rows(&out)?;
    assert_eq!(rows.len(), 9, "one row per line, then the summary");
    let errors: Vec<u64> = rows
        .iter()
        .filter(|r| r.get("error").is_some())
        .filter_map(|r| r["line"].as_u64())
        .collect();
    assert_eq!(errors, [2, 4, 5, 7]);
    assert!(rows[3]["error"].as_str().unwrap_or("").contains("answer"));
    assert_eq!(rows[4]["error"], "blank gold answer");
    let correct: Vec<(u64, bool)> = rows
        .iter()
        .filter_map(|r| Some((r["line"].as_u64()?, r["correct"].as_bool()?)))
        .collect();
    assert_eq!(correct, [(1, true), (3, true), (6, true), (8, false)]);
    let summary = &rows[8]["summary"];
    assert_eq!(
        (summary["count"].as_u64(), summary["errors"].as_u64()),
        (Some(4), Some(4))
    );
    assert_eq!(summary["accuracy"], 0.75);
    Ok(())
}

#[test]
fn score_of_a_clean_file_exits_zero() -> anyhow::Result<()> {
    let dir = scratch("score-clean")?;
    let input = dir.join("clean.jsonl");
    std::fs::write(
        &input,
        "{\"response\": \"<answer>3</answer>\", \"answer\": 3}\n\n",
    )?;
    let out = run(&["score", "--input", input.to_str().unwrap_or("")])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(rows(&out)?[1]["summary"]["errors"], 0);
    Ok(())
}

#[test]
fn strict_score_stops_at_the_first_bad_line() -> anyhow::Result<()> {
    let dir = scratch("score-strict")?;
    let input = dir.join("mixed.jsonl");
    std::fs::write(&input, MIXED)?;
    let path = input.to_str().unwrap_or("");
    let out = run(&["score", "--strict", "--input", path])?;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{path}:2")), "{stderr}");
    let rows = rows(&out)?;
    assert_eq!(rows.len(), 1, "only the line before the bad one: {rows:?}");
    assert_eq!(rows[0]["line"], 1);
    Ok(())
}

#[test]
fn score_with_two_workers_writes_what_one_writes() -> anyhow::Result<()> {
    let dir = scratch("score-workers")?;
    let input = dir.join("many.jsonl");
    // More lines than one block of work, with bad lines spread through.
    let body: String = (0..1300)
        .map(|i| match i % 97 {
            13 => "{\"response\": \"x\", \"answer\": \"\"}\n".to_string(),
            50 => "not json\n".to_string(),
            _ => format!(
                "{{\"response\": \"<think>t</think><answer>{}</answer>\", \"answer\": {}}}\n",
                i % 7,
                i % 5
            ),
        })
        .collect();
    std::fs::write(&input, body)?;
    let path = input.to_str().unwrap_or("");
    let one = run(&["score", "--input", path, "--workers", "1"])?;
    let two = run(&["score", "--input", path, "--workers", "2"])?;
    assert_eq!(one.status.code(), two.status.code());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    let rows = rows(&two)?;
    assert_eq!(rows.len(), 1301);
    let bad = (0..1300).filter(|i| matches!(i % 97, 13 | 50)).count();
    assert_eq!(rows[1300]["summary"]["errors"], bad);
    Ok(())
}

#[test]
fn score_takes_the_math_config_from_a_toml_file() -> anyhow::Result<()> {
    let dir = scratch("score-config")?;
    let input = dir.join("one.jsonl");
    std::fs::write(
        &input,
        "{\"response\": \"<think>a</think>\\n<answer>5</answer>\", \"answer\": 5}\n",
    )?;
    let cfg = dir.join("math.toml");
    std::fs::write(&cfg, "format_style = \"lenient\"\nformat_weight = 0.25\n")?;
    let path = input.to_str().unwrap_or("");
    let strict = run(&["score", "--input", path])?;
    assert_eq!(
        rows(&strict)?[0]["reward"],
        1.0,
        "strict format rejects the newline"
    );
    let lenient = run(&[
        "score",
        "--input",
        path,
        "--env-config",
        cfg.to_str().unwrap_or(""),
    ])?;
    assert!(
        lenient.status.success(),
        "{}",
        String::from_utf8_lossy(&lenient.stderr)
    );
    assert_eq!(rows(&lenient)?[0]["reward"], 1.25);
    std::fs::write(&cfg, "format_wieght = 0.25\n")?;
    let bad = run(&[
        "score",
        "--input",
        path,
        "--env-config",
        cfg.to_str().unwrap_or(""),
    ])?;
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("format_wieght"));
    Ok(())
}

#[test]
fn score_refuses_an_env_without_a_text_rule() -> anyhow::Result<()> {
    let dir = scratch("score-football")?;
    let input = dir.join("x.jsonl");
    std::fs::write(&input, "{}\n")?;
    let out = run(&[
        "score",
        "--env",
        "football",
        "--input",
        input.to_str().unwrap_or(""),
    ])?;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rule reward"));
    Ok(())
}

/// An exported spatial dataset, answered with its own gold answers (and one
/// line broken), scores every good line as right.
#[test]
fn spatial_exports_score_with_their_gold_answers() -> anyhow::Result<()> {
    let dir = scratch("score-spatial")?;
    let data = dir.join("data");
    let out = run(&[
        "sample",
        "--env",
        "spatial",
        "--n",
        "12",
        "--seed",
        "4",
        "--no-render",
        "--out",
        data.to_str().unwrap_or(""),
    ])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(data.join("questions.jsonl"))?;
    let mut lines = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let mut q: Value = serde_json::from_str(l)?;
        let gold = q["ground_truth"].as_str().unwrap_or("").to_string();
        q["response"] = format!("<think>look</think><answer>{gold}</answer>").into();
        if i == 3 {
            q.as_object_mut().map(|o| o.remove("answer"));
        }
        lines.push(q.to_string());
    }
    let input = dir.join("answered.jsonl");
    std::fs::write(&input, lines.join("\n"))?;
    let out = run(&[
        "score",
        "--env",
        "spatial",
        "--input",
        input.to_str().unwrap_or(""),
    ])?;
    assert!(!out.status.success(), "line 4 lacks its answer");
    let rows = rows(&out)?;
    assert_eq!(rows.len(), 13);
    assert_eq!(rows[3]["line"], 4);
    assert!(rows[3]["error"].as_str().unwrap_or("").contains("answer"));
    for r in rows.iter().take(12).filter(|r| r.get("error").is_none()) {
        assert_eq!(r["reward_parts"]["accuracy"], 1.0, "{r}");
        assert_eq!(r["reward_parts"]["format"], 0.5, "{r}");
    }
    assert_eq!(rows[12]["summary"]["count"], 11);
    Ok(())
}

#[test]
fn football_sample_reads_a_toml_config_and_names_a_bad_one() -> anyhow::Result<()> {
    let dir = scratch("sample-football")?;
    let cfg = dir.join("football.toml");
    std::fs::write(&cfg, "max_turns = 3\nauto_continue = 0\n")?;
    let out_dir = dir.join("episode");
    let out = run(&[
        "sample",
        "--env",
        "football",
        "--agent",
        "random",
        "--config",
        cfg.to_str().unwrap_or(""),
        "--out",
        out_dir.to_str().unwrap_or(""),
    ])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let episode: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("episode.json"))?)?;
    let turns = episode["turns"].as_array().map_or(0, Vec::len);
    assert!(
        (1..=3).contains(&turns),
        "max_turns = 3 from the TOML file: {turns} turns"
    );

    std::fs::write(&cfg, "max_turns = \n")?;
    let out = run(&[
        "sample",
        "--env",
        "football",
        "--config",
        cfg.to_str().unwrap_or(""),
        "--out",
        out_dir.to_str().unwrap_or(""),
    ])?;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(cfg.to_str().unwrap_or("?")) && stderr.contains("TOML"),
        "{stderr}"
    );
    Ok(())
}

/// Two stages on different families: `eval --config` reads each stage's
/// envs and prints one line per env, tagged with its stage; `--stage`
/// narrows it, and an unknown stage is named with the ones that exist.
const TWO_STAGES: &str = r#"
name = "eval_cfg"
seed = 0
workers = 1
[model]
preset = "tiny"
[grpo]
group_size = 2
prompts_per_step = 2
[sampling]
max_new_tokens = 6
constrain_format = true
max_think_tokens = 1
[log]
checkpoint_every = 1
[[stages]]
name = "add"
steps = 1
envs = [{ name = "math/arithmetic", config = { difficulty = 1 } }]
eval = { episodes = 0 }
[[stages]]
name = "sokoban"
steps = 1
envs = [{ name = "sokoban/plan", config = { width = 6, height = 6, boxes = 1, observation = "text" } }, { name = "math/linear" }]
eval = { episodes = 0 }
"#;

#[test]
fn eval_with_a_config_reports_every_env_of_every_stage() -> anyhow::Result<()> {
    let dir = scratch("eval-config")?;
    let cfg = dir.join("run.toml");
    std::fs::write(&cfg, TWO_STAGES)?;
    let out_dir = dir.join("runs");
    let (cfg_s, out_s) = (cfg.to_string_lossy(), out_dir.to_string_lossy());
    let train = run(&["--config", &cfg_s, "--out", &out_s, "--quiet"])?;
    assert!(
        train.status.success(),
        "{}",
        String::from_utf8_lossy(&train.stderr)
    );
    let model = out_dir.join("eval_cfg");
    let model_s = model.to_string_lossy();
    let base = [
        "eval",
        "--model",
        &model_s,
        "--config",
        &cfg_s,
        "--episodes",
        "2",
    ];
    let out = run(&[&base[..], &["--json"]].concat())?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<(String, String)> = rows(&out)?
        .iter()
        .map(|r| {
            (
                r["stage"].as_str().unwrap_or("").into(),
                r["env"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let want = [
        ("add", "math/arithmetic"),
        ("sokoban", "sokoban/plan"),
        ("sokoban", "math/linear"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));

    let one = run(&[&base[..], &["--stage", "sokoban"]].concat())?;
    let text = String::from_utf8(one.stdout)?;
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.lines().all(|l| l.starts_with("[sokoban] ")), "{text}");

    let bad = run(&[&base[..], &["--stage", "nope"]].concat())?;
    assert!(!bad.status.success());
    let err = String::from_utf8(bad.stderr)?;
    assert!(
        err.contains("no stage named 'nope'") && err.contains("add, sokoban"),
        "{err}"
    );
    Ok(())
}

/// `trainer sample` writes visual math and Sokoban problems as PNGs and a
/// JSONL of `{"image", "problem", "answer"}` lines a Python trainer reads;
/// every answer grades as right in its env and every image loads.
#[test]
fn vmath_and_sokoban_samples_write_images_and_problem_lines() -> anyhow::Result<()> {
    for (env, extra) in [
        ("vmath/geometry", vec!["--size", "224"]),
        ("vmath/mixed", vec![]),
        ("sokoban", vec![]),
    ] {
        let dir = scratch(&format!("sample-{}", env.replace('/', "-")))?;
        let mut args = vec!["sample", "--env", env, "--n", "3", "--seed", "5"];
        args.extend(extra.iter().copied());
        args.extend(["--out", dir.to_str().unwrap_or("")]);
        let out = run(&args)?;
        assert!(
            out.status.success(),
            "{env}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(dir.join("problems.jsonl"))?;
        let lines: Vec<Value> = text
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        assert_eq!(lines.len(), 3, "{env}");
        for l in &lines {
            let image = dir.join(l["image"].as_str().unwrap_or("missing"));
            let frame = rulegym_render::Frame::load(&image)?;
            if env.starts_with("vmath") {
                let want = if extra.is_empty() { 448 } else { 224 };
                assert_eq!(frame.width(), want, "{env}");
                assert!(!l["problem"].as_str().unwrap_or("").is_empty());
            }
            let answer = l["answer"].as_str().unwrap_or("");
            assert!(!answer.is_empty(), "{env}: {l}");
            // The answer, given back to the env at the same seed, is right.
            let mut e = rulegym_envs::make(env, &Value::Null)?;
            e.reset(l["seed"].as_u64())?;
            let s = e.step(&format!("<think>.</think><answer>{answer}</answer>"))?;
            let correct = s.verdict.and_then(|v| v.correct());
            let solved = s.info.get("solved").and_then(Value::as_bool);
            assert!(
                correct == Some(true) || solved == Some(true),
                "{env}: {l} {s:?}"
            );
        }
    }
    let dir = scratch("sample-vmath-bad")?;
    let out = run(&[
        "sample",
        "--env",
        "vmath/charts",
        "--config",
        "{\"levle\": 2}",
        "--out",
        dir.to_str().unwrap_or(""),
    ])?;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("levle"));
    Ok(())
}

#[test]
fn football_baseline_eval_uses_the_stage_env_config() -> anyhow::Result<()> {
    let dir = scratch("eval-baseline-config")?;
    let cfg = dir.join("run.toml");
    std::fs::write(
        &cfg,
        "[[stages]]\nname = \"short\"\nsteps = 1\nenvs = [{ name = \"football/academy_3_vs_1_with_keeper\", \
         weight = 1.0, config = { max_turns = 2 } }]\n\n[[stages]]\nname = \"text\"\nsteps = 1\n\
         envs = [{ name = \"math/arithmetic\", weight = 1.0 }]\n",
    )?;
    let path = cfg.to_str().unwrap_or("");
    let out = run(&[
        "eval",
        "--config",
        path,
        "--agent",
        "random",
        "--episodes",
        "6",
    ])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Each report is a readable line, then its JSON.
    let reports: Vec<Value> = String::from_utf8(out.stdout.clone())?
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert_eq!(
        reports.len(),
        1,
        "one football env in the config: {reports:?}"
    );
    assert_eq!(reports[0]["env"], "football/academy_3_vs_1_with_keeper");
    let turns = reports[0]["mean_turns"].as_f64().unwrap_or(f64::NAN);
    assert!(turns <= 2.0, "the stage's max_turns = 2: {turns}");

    let out = run(&[
        "eval", "--config", path, "--stage", "text", "--agent", "random",
    ])?;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("football baseline"), "{stderr}");
    Ok(())
}
