//! Sokoban: every generated level is solvable and solved by the BFS solver
//! (its solution replays to a solved board in exactly its length), the
//! dead-lock detector never flags a solvable state, both envs pay what the
//! rewards promise, length filters hold, bad configs name the key, and any
//! text is an action.

use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rulegym::envs::sokoban::{
    generate, make_env, solve, solve_from, Board, DeadMap, GenConfig, Move, Solve,
};
use rulegym::envs::{self, checker, Env};

fn names(moves: &[Move]) -> String {
    moves
        .iter()
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn five_hundred_generated_levels_are_solved_by_the_solver() {
    let cfg = GenConfig::default();
    let sizes = [(6, 6), (7, 7), (8, 8), (9, 9), (10, 10)];
    let mut lengths = Vec::new();
    for seed in 0..500u64 {
        let (w, h) = sizes[seed as usize % 5];
        let boxes = 1 + (seed as usize / 5) % 4;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let level = generate(&cfg, w, h, boxes, &mut rng).expect("generate");
        assert_eq!(
            (level.width(), level.height(), level.boxes()),
            (w, h, boxes)
        );
        let moves = match solve(&level, 5_000_000) {
            Solve::Solved(m) => m,
            other => panic!("seed {seed} {w}×{h}/{boxes}: {other:?}\n{level}"),
        };
        assert!(!moves.is_empty(), "no level starts solved");
        let mut b = Board::new(&level);
        for (i, &m) in moves.iter().enumerate() {
            assert!(!b.solved(), "solved early at {i}");
            b.step(m);
        }
        assert!(
            b.solved(),
            "seed {seed}: the solution does not solve\n{level}"
        );
        assert!(DeadMap::new(&level).deadlock(level.start()).is_none());
        lengths.push(moves.len());
    }
    // Difficulty varies: a spread of lengths, not one value.
    let (lo, hi) = (lengths.iter().min().unwrap(), lengths.iter().max().unwrap());
    assert!(hi - lo >= 10, "lengths {lo}..={hi}");
}

#[test]
fn the_solution_is_no_longer_than_any_random_solution_found() {
    // Random play that happens to solve a 1-box level never beats BFS.
    let cfg = GenConfig::default();
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    for seed in 0..40 {
        let level = generate(&cfg, 6, 6, 1, &mut ChaCha8Rng::seed_from_u64(seed)).unwrap();
        let best = solve(&level, 1_000_000).moves().unwrap().len();
        for _ in 0..200 {
            let mut b = Board::new(&level);
            for k in 1..=60 {
                b.step(Move::ALL[rng.random_range(0..4)]);
                if b.solved() {
                    assert!(k >= best, "random {k} < optimal {best}\n{level}");
                    break;
                }
            }
        }
    }
}

#[test]
fn the_deadlock_detector_never_flags_a_solvable_state() {
    let cfg = GenConfig::default();
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let (mut flagged, mut checked) = (0, 0);
    for seed in 0..60 {
        let boxes = 1 + seed as usize % 3;
        let level = generate(&cfg, 7, 7, boxes, &mut ChaCha8Rng::seed_from_u64(seed)).unwrap();
        let map = DeadMap::new(&level);
        let mut b = Board::new(&level);
        for _ in 0..40 {
            b.step(Move::ALL[rng.random_range(0..4)]);
            let state = b.state();
            let verdict = solve_from(&level, &state, 2_000_000);
            if map.deadlock(&state).is_some() {
                flagged += 1;
                assert_eq!(verdict, Solve::Unsolvable, "flagged a solvable state\n{b}");
            }
            checked += 1;
        }
    }
    assert!(flagged > 0 && flagged < checked, "{flagged} of {checked}");
}

#[test]
fn the_plan_env_pays_the_optimal_plan_its_full_reward() {
    let mut env = make_env("sokoban/plan", &serde_json::json!({"observation": "both"})).unwrap();
    for seed in 0..10 {
        env.reset(Some(seed)).unwrap();
        let level = env.level().unwrap().clone();
        let moves = solve(&level, 2_000_000).moves().unwrap().to_vec();
        assert_eq!(env.optimal(), Some(moves.len()));
        let answer = format!("<think>plan</think><answer>{}</answer>", names(&moves));
        let s = env.step(&answer).unwrap();
        assert!(s.terminated);
        assert_eq!(s.verdict.unwrap().score, Some(1.0));
        assert_eq!(s.verdict.unwrap().format_ok, Some(true));
        assert_eq!(s.reward_parts["format"], 0.5);
        assert_eq!(s.reward_parts["length"], 0.5);
        assert_eq!(s.reward_parts["repetition"], 0.0);
        // Every box was pushed on once (a box never starts on a target) and
        // the last push solved it; nothing was pushed off on a shortest path
        // unless it was pushed back, so env ≥ 10 + boxes − 0.1·len − 2·offs.
        assert!(s.reward_parts["env"] > 10.0 - 0.1 * moves.len() as f64);
        assert_eq!(s.observation.frames.len(), 1);
        assert!(s.observation.text.contains('#'));
    }
}

#[test]
fn the_step_env_follows_gym_sokoban_rewards_and_limits() {
    let mut env = make_env("sokoban/step", &serde_json::json!({"observation": "text"})).unwrap();
    env.reset(Some(3)).unwrap();
    let level = env.level().unwrap().clone();
    let moves = solve(&level, 2_000_000).moves().unwrap().to_vec();
    let mut total = 0.0;
    let mut last = None;
    for m in &moves {
        let s = env.step(&format!("<answer>{}</answer>", m.name())).unwrap();
        total += s.reward;
        assert!(s.verdict.unwrap().format_ok == Some(true));
        last = Some(s);
    }
    let last = last.unwrap();
    assert!(last.terminated && !last.truncated);
    // −0.1 per move, +1 per box placed, +10 at the end (off/on pairs cancel
    // to −1 +1 = 0).
    let expected = -0.1 * moves.len() as f64 + level.boxes() as f64 + 10.0;
    assert!((total - expected).abs() < 1e-9, "{total} vs {expected}");
    assert!(matches!(
        env.step("up"),
        Err(envs::EnvError::EpisodeOver(_))
    ));

    // Garbage is a no-op step, counted; 120 of them truncate the episode.
    env.reset(Some(4)).unwrap();
    let start = env.board().unwrap().clone();
    let mut s = None;
    for k in 1..=120 {
        let step = env.step("I refuse").unwrap();
        assert_eq!(step.reward, -0.1);
        assert_eq!(step.done(), k == 120);
        s = Some(step);
    }
    let s = s.unwrap();
    assert!(s.truncated && !s.terminated);
    assert_eq!(s.info["unparsed_moves"], 120);
    assert_eq!(env.board().unwrap(), &start);
}

#[test]
fn length_filters_hold_and_an_impossible_filter_names_its_keys() {
    let cfg = serde_json::json!({"observation": "text", "min_solution": 12, "max_solution": 20});
    let mut env = make_env("sokoban/step", &cfg).unwrap();
    for seed in 0..10 {
        env.reset(Some(seed)).unwrap();
        let n = solve(env.level().unwrap(), 2_000_000)
            .moves()
            .unwrap()
            .len();
        assert!((12..=20).contains(&n), "{n}");
        assert_eq!(env.optimal(), Some(n));
    }
    let cfg = serde_json::json!({"min_solution": 500, "filter_attempts": 3});
    let mut env = make_env("sokoban", &cfg).unwrap();
    let err = env.reset(Some(0)).unwrap_err().to_string();
    assert!(err.contains("min_solution"), "{err}");
}

#[test]
fn bad_configs_name_the_key() {
    let err = |v: serde_json::Value| envs::make("sokoban/step", &v).err().unwrap().to_string();
    assert!(err(serde_json::json!({"boxs": 2})).contains("boxs"));
    assert!(err(serde_json::json!({"rewards": {"sovled": 1.0}})).contains("sovled"));
    assert!(err(serde_json::json!({"observation": "video"})).contains("video"));
    assert!(err(serde_json::json!({"width": 40})).contains("width"));
    assert!(err(serde_json::json!({"boxes": 9})).contains("boxes"));
    assert!(
        err(serde_json::json!({"min_solution": 9, "max_solution": 3})).contains("min_solution")
    );
    assert!(err(serde_json::json!({"tile": 0})).contains("tile"));
}

#[test]
fn frames_and_text_pass_the_checker_in_every_observation_mode() {
    let opts = checker::CheckOptions {
        seeds: vec![0, 5],
        ..Default::default()
    };
    for name in ["sokoban", "sokoban/plan", "sokoban/step"] {
        for obs in ["frame", "text", "both"] {
            let cfg = serde_json::json!({"observation": obs, "width": 6, "height": 6, "boxes": 1, "tile": 4});
            let mut env = envs::make(name, &cfg).unwrap();
            let report = checker::check_env(env.as_mut(), &opts);
            assert!(report.passed(), "{name} {obs}: {:?}", report.problems);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Any text is an action: empty, huge, unicode, tag soup.
    #[test]
    fn any_text_is_an_action(text in ".{0,400}", repeat in 1usize..200, seed in 0u64..50) {
        let big = text.repeat(repeat);
        for name in ["sokoban/plan", "sokoban/step"] {
            let mut env = make_env(name, &serde_json::json!({"observation": "text"})).unwrap();
            env.reset(Some(seed)).unwrap();
            for t in [&text, &big, &format!("<think>{text}</think><answer>{big}</answer>")] {
                if env.board().is_none() { env.reset(Some(seed)).unwrap(); }
                match env.step(t) {
                    Ok(s) => {
                        prop_assert!(s.reward.is_finite());
                        let v = s.verdict.unwrap().score.unwrap();
                        prop_assert!((0.0..=1.0).contains(&v));
                        if s.done() { env.reset(Some(seed)).unwrap(); }
                    }
                    Err(e) => prop_assert!(false, "{name}: {e}"),
                }
            }
        }
    }

    /// A plan of random moves never plays more than the limit and its
    /// reward parts add up.
    #[test]
    fn plans_are_cut_at_the_limit(moves in proptest::collection::vec(0usize..5, 0..300), seed in 0u64..20) {
        let words = ["up", "down", "left", "right", "jump"];
        let answer = format!("<think>x</think><answer>{}</answer>",
            moves.iter().map(|&i| words[i]).collect::<Vec<_>>().join(", "));
        let mut env = make_env("sokoban/plan", &serde_json::json!({"observation": "text"})).unwrap();
        env.reset(Some(seed)).unwrap();
        let s = env.step(&answer).unwrap();
        let played = s.info["moves_played"].as_u64().unwrap() as usize;
        prop_assert!(played <= 50 && played <= moves.len());
        prop_assert_eq!(s.info["plan_cut"].as_u64().unwrap() as usize, moves.len().saturating_sub(50));
        let sum: f64 = s.reward_parts.values().sum();
        prop_assert!((sum - s.reward).abs() < 1e-9);
        prop_assert!(s.reward_parts["repetition"] <= 0.0 && s.reward_parts["repetition"] >= -0.5);
        prop_assert!(s.reward_parts["length"] >= 0.0 && s.reward_parts["length"] <= 0.5);
    }
}
