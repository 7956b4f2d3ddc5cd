//! Unit tests across the football modules (sim, env, agents).

use super::agents::{evaluate, HeuristicAgent, RandomAgent};
use super::*;
use crate::Env;

#[test]
fn heuristic_scores_on_empty_goal_close() {
    let mut a = HeuristicAgent::new();
    let r = evaluate("football/academy_empty_goal_close", &mut a, 20, 1).unwrap();
    eprintln!("{r}");
    let mut rnd = RandomAgent::new(3);
    let rr = evaluate("football/academy_empty_goal_close", &mut rnd, 20, 1).unwrap();
    eprintln!("{rr}");
    assert!(r.goal_rate >= 0.9, "{r}");
}

#[test]
fn env_text_state_is_concise() {
    let mut env = make_env(
        "football/situation_final_third_center",
        &serde_json::Value::Null,
    )
    .unwrap();
    let r = env.reset(Some(1)).unwrap();
    eprintln!("{}", r.observation.text);
    assert!(r.observation.text.len() < 600);
}
