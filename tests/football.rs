//! The football environment: determinism (golden trajectories), physical
//! invariants under random play, baseline quality, and bad input.

use std::path::PathBuf;

use proptest::prelude::*;
use rulegym::envs::checker::{check_env, CheckOptions};
use rulegym::envs::football::action::{Action, Sticky};
use rulegym::envs::football::agents::{baseline, evaluate, AgentView};
use rulegym::envs::football::scenario::{builtin_names, Scenario};
use rulegym::envs::football::sim::state::{Event, GameMode, HALF_X, HALF_Y};
use rulegym::envs::football::{control, make_env};
use rulegym::envs::{make, ActionSpace, Env, Verdict};
use serde_json::{json, Value};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/football")
        .join(name)
}

/// A compact trajectory: per turn the answer, ball, owner, score and reward.
fn trajectory(env_name: &str, agent: &str, seed: u64) -> anyhow::Result<Value> {
    let mut env = make_env(env_name, &json!({"max_turns": 40}))?;
    let mut agent = baseline(agent, seed)?;
    let reset = env.reset(Some(seed))?;
    agent.reset(seed);
    let mut obs = reset.observation;
    let mut rows = Vec::new();
    loop {
        let answer = {
            let w = env.world().ok_or_else(|| anyhow::anyhow!("not reset"))?;
            agent.act(&AgentView {
                observation: &obs,
                spec: env.spec(),
                world: w,
                controlled: env.controlled(),
            })
        };
        let step = env.step(&answer)?;
        let w = env.world().ok_or_else(|| anyhow::anyhow!("not reset"))?;
        rows.push(json!({
            "answer": answer,
            "step": w.step,
            "ball": [w.ball.pos.x, w.ball.pos.y, w.ball.z],
            "owner": w.owner,
            "score": w.score,
            "reward": step.reward,
            "text": step.observation.text,
        }));
        if step.done() {
            break;
        }
        obs = step.observation;
    }
    Ok(json!({"env": env_name, "agent": agent.name(), "seed": seed, "turns": rows}))
}

#[test]
fn same_seed_gives_the_golden_trajectory() -> anyhow::Result<()> {
    for (env, agent, file) in [
        (
            "football/academy_3_vs_1_with_keeper",
            "random",
            "golden_3_vs_1_random.json",
        ),
        (
            "football/11_vs_11_stochastic",
            "heuristic",
            "golden_11_vs_11_heuristic.json",
        ),
    ] {
        let got = trajectory(env, agent, 42)?;
        assert_eq!(
            got,
            trajectory(env, agent, 42)?,
            "{env} is not deterministic"
        );
        // Compared as text: floats print shortest-round-trip, so equal text
        // means bit-identical values.
        let got = serde_json::to_string_pretty(&got)? + "\n";
        let path = data(file);
        if std::env::var("UPDATE_GOLDEN").is_ok() {
            std::fs::write(&path, &got)?;
        }
        let want = std::fs::read_to_string(&path)?;
        assert!(
            got == want,
            "{env} drifted from {}; rerun with UPDATE_GOLDEN=1 if intended",
            path.display()
        );
    }
    Ok(())
}

#[test]
fn different_seeds_give_different_games() -> anyhow::Result<()> {
    let a = trajectory("football/11_vs_11_stochastic", "random", 1)?;
    let b = trajectory("football/11_vs_11_stochastic", "random", 2)?;
    assert_ne!(a, b);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn physics_invariants_hold_under_random_play(
        scenario in 0usize..22,
        seed in any::<u64>(),
        actions in proptest::collection::vec(0usize..19, 50..300),
    ) {
        let names = builtin_names();
        let sc = Scenario::builtin(names[scenario % names.len()]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut w = sc.world(seed);
        let mut sticky = Sticky::default();
        let mut controlled = control::select(&w, &[], 1, sc.keeper_controllable);
        let mut goals = [0u32; 2];
        for &a in &actions {
            let cmds: Vec<_> = controlled.iter().map(|&i| (i, sticky.apply(Action::ALL[a]))).collect();
            let before = w.score;
            w.step(&cmds);
            let mut goal_events = 0;
            for e in &w.events {
                if let Event::Goal { team, .. } = e {
                    goals[team.index()] += 1;
                    goal_events += 1;
                }
            }
            // Goals are counted once: the score moves exactly with the events.
            prop_assert!(goal_events <= 1);
            prop_assert_eq!(w.score, goals);
            prop_assert!(w.score[0] + w.score[1] - before[0] - before[1] == goal_events);
            // The ball is in play, or play is restarting with a taker on it.
            let b = w.ball.pos;
            prop_assert!(b.is_finite() && w.ball.z.is_finite() && w.ball.z >= 0.0);
            prop_assert!(b.x.abs() <= HALF_X + 1e-4 && b.y.abs() <= HALF_Y + 1e-4, "ball {:?} off the pitch", b);
            if w.mode != GameMode::Normal {
                prop_assert!(w.owner.is_some());
            }
            // At most one possessor, and the ball is at his feet.
            if let Some(o) = w.owner {
                prop_assert!(w.players[o].pos.dist(b) < 0.02);
                prop_assert!(w.pass.is_none());
            }
            for p in &w.players {
                prop_assert!(p.pos.is_finite() && p.fatigue >= 0.0 && p.fatigue <= 1.0);
            }
            controlled = control::select(&w, &controlled, 1, sc.keeper_controllable);
        }
    }

    #[test]
    fn any_policy_text_is_handled_without_panic(text in "\\PC{0,300}") {
        let mut env = make("football", &Value::Null).map_err(|e| TestCaseError::fail(e.to_string()))?;
        env.reset(Some(0)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let step = env.step(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(step.reward.is_finite());
    }
}

#[test]
fn huge_and_odd_answers_play_idle_and_are_counted() -> anyhow::Result<()> {
    let mut env = make("football/academy_empty_goal", &json!({"max_turns": 20}))?;
    env.reset(Some(3))?;
    let huge = "<answer>".repeat(50_000) + &"ß🙂\u{0}".repeat(100_000);
    let odd = [
        huge.as_str(),
        "",
        "</answer><answer>",
        "<answer>\u{202e}shot</answer>",
        "<answer>left,right,shot,shot,shot,shot,shot,shot,shot,shot,shot,shot</answer>",
        "<ANSWER>  Action_Short Pass </ANSWER>",
    ];
    let mut unparsed = 0;
    for t in odd {
        let s = env.step(t)?;
        if s.info["parsed"] == json!(false) {
            unparsed += 1;
        }
        assert_eq!(s.info["unparsed_actions"], json!(unparsed));
        if s.done() {
            break;
        }
    }
    assert!(unparsed >= 4);
    Ok(())
}

#[test]
fn heuristic_scores_in_95_percent_of_empty_goal_close() -> anyhow::Result<()> {
    let mut agent = baseline("heuristic", 0)?;
    let r = evaluate("football/academy_empty_goal_close", agent.as_mut(), 200, 0)?;
    assert!(r.goal_rate >= 0.95, "{r}");
    Ok(())
}

#[test]
fn heuristic_beats_random_in_every_academy_scenario() -> anyhow::Result<()> {
    for name in builtin_names()
        .into_iter()
        .filter(|n| n.starts_with("academy_"))
    {
        let env = format!("football/{name}");
        let h = evaluate(&env, baseline("heuristic", 1)?.as_mut(), 80, 100)?;
        let r = evaluate(&env, baseline("random", 1)?.as_mut(), 80, 100)?;
        assert!(
            h.mean_return > r.mean_return + r.return_ci95 && h.goal_rate > r.goal_rate,
            "{h}\n{r}"
        );
    }
    Ok(())
}

#[test]
fn unknown_scenarios_list_the_known_ones() {
    let msg = make("football/academy_nope", &Value::Null)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(msg.contains("football/academy_corner"), "{msg}");
    let msg = make("football", &json!({"scenario": "nope"}))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        msg.contains("nope") && msg.contains("academy_empty_goal_close"),
        "{msg}"
    );
    let msg = make("football", &json!({"rewards": {"goals": 1.0}}))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        msg.contains("goals") && msg.contains("checkpoints"),
        "{msg}"
    );
}

#[test]
fn scenario_files_load_from_a_directory_and_bad_ones_name_the_field() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("rulegym_football_{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join("my_drill.json"),
        r#"{"name": "my_drill", "ball": [0.5, 0.1], "end_on_score": true,
            "left": [{"x": 0.48, "y": 0.1, "role": "CF"}], "right": [{"x": -1.0, "y": 0.0, "role": "GK"}]}"#,
    )?;
    std::fs::write(
        dir.join("broken.json"),
        "{\"name\": \"broken\",\n \"steps\": -5}",
    )?;
    let cfg = json!({"scenario": "my_drill", "scenario_dir": dir});
    let mut env = make("football", &cfg)?;
    let r = env.reset(Some(1))?;
    assert!(r.observation.text.contains("you: #1"));
    let msg = make(
        "football",
        &json!({"scenario": "broken", "scenario_dir": dir}),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        msg.contains("steps") && msg.contains("broken.json"),
        "{msg}"
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn every_registered_football_env_resets_and_steps_with_frames() -> anyhow::Result<()> {
    let names: Vec<String> = rulegym::envs::list()
        .into_iter()
        .map(|e| e.name)
        .filter(|n| n.starts_with("football"))
        .collect();
    assert_eq!(names.len(), builtin_names().len() + 1);
    for name in names {
        let mut env = make(
            &name,
            &json!({"render_frames": true, "frame": {"width": 96, "height": 72}}),
        )?;
        let r = env.reset(Some(5))?;
        assert!(
            r.observation.text.len() < 700,
            "{name}: {}",
            r.observation.text
        );
        let s = env.step("<answer>right</answer>")?;
        assert_eq!(s.observation.frames.len(), 1);
        assert_eq!(s.observation.frames[0].width(), 96);
        let sum: f64 = s.reward_parts.values().sum();
        assert!((sum - s.reward).abs() < 1e-9);
    }
    Ok(())
}

#[test]
fn checkpoints_and_scoring_pay_two_for_a_direct_goal() -> anyhow::Result<()> {
    let mut env = make(
        "football/academy_empty_goal_close",
        &json!({"rewards": {"scoring": 1.0, "checkpoints": 1.0}}),
    )?;
    env.reset(Some(0))?;
    let mut total = 0.0;
    for a in ["right", "shot", "idle", "idle"] {
        let s = env.step(&format!("<answer>{a}</answer>"))?;
        total += s.reward;
        if s.done() {
            assert!(s.terminated && s.info["end_reason"] == json!("goal"));
            break;
        }
    }
    assert!((total - 2.0).abs() < 1e-9, "{total}");
    Ok(())
}

/// Where the second controlled player ends up after one 3-step turn.
fn second_player_after(answer: &str) -> anyhow::Result<(Vec<String>, f32, f32)> {
    let mut env = make_env(
        "football/academy_3_vs_1_with_keeper",
        &json!({"controlled_players": 2, "auto_continue": 0, "action_repeat": 3}),
    )?;
    env.reset(Some(2))?;
    let second = env.controlled()[1];
    let y0 = env
        .world()
        .map(|w| w.players[second].pos.y)
        .unwrap_or_default();
    let s = env.step(answer)?;
    assert_eq!(
        s.verdict,
        Some(Verdict {
            format_ok: Some(true),
            score: None
        })
    );
    let y = env
        .world()
        .map(|w| w.players[second].pos.y)
        .unwrap_or_default();
    let actions = serde_json::from_value(s.info["actions"].clone())?;
    Ok((actions, y0, y))
}

#[test]
fn two_controlled_players_each_play_their_own_action() -> anyhow::Result<()> {
    let mut env = make(
        "football/academy_3_vs_1_with_keeper",
        &json!({"controlled_players": 2}),
    )?;
    let spec = env.spec().clone();
    assert!(matches!(
        &spec.action_space,
        ActionSpace::SequenceOf { count: 2, separator, names } if separator == ", " && names.len() == 19
    ));
    assert!(
        spec.instruction.contains("Reply with 2 actions"),
        "{}",
        spec.instruction
    );
    let r = env.reset(Some(2))?;
    assert!(
        r.observation.text.contains("you also control: 2. #"),
        "{}",
        r.observation.text
    );

    let (up, y0, y_up) = second_player_after("<answer>right, top</answer>")?;
    let (down, _, y_down) = second_player_after("<answer>right, bottom</answer>")?;
    assert_eq!(up, ["right", "top"]);
    assert_eq!(down, ["right", "bottom"]);
    // Top is −y: the second player went where its own action said.
    assert!(y_up < y0 && y0 < y_down, "{y_up} {y0} {y_down}");

    // A whole episode under the checker's scripted sequences keeps the contract.
    let report = check_env(env.as_mut(), &CheckOptions::default());
    assert!(report.passed(), "{:?}", report.problems);
    Ok(())
}

#[test]
fn more_controlled_players_than_the_scenario_has_is_a_config_error() {
    let err = make(
        "football/academy_empty_goal_close",
        &json!({"controlled_players": 3}),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(err.contains("controlled_players = 3"), "{err}");
}
