//! The custom-env example works end to end: registered by one line, made by
//! name, passes the checker, and runs vectorised.

#[path = "../examples/custom_env.rs"]
mod custom_env;

use rulegym::envs::checker::{check_env, CheckOptions};
use rulegym::envs::vector::VecEnv;
use rulegym::envs::{self, Env};
use std::sync::OnceLock;

/// Registers the example env once per test binary: the tests run in
/// parallel and a second registration is (rightly) an error.
fn register_once() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| custom_env::register().map_err(|e| e.to_string()))
        .clone()
}

#[test]
fn example_env_registers_checks_and_vectorises() -> anyhow::Result<()> {
    register_once().map_err(anyhow::Error::msg)?;
    assert!(envs::list()
        .iter()
        .any(|e| e.name == "example/reverse_word"));

    let mut env = envs::make(
        "example/reverse_word",
        &serde_json::json!({"words": ["abc"]}),
    )?;
    env.reset(Some(0))?;
    let step = env.step("<answer>cba</answer>")?;
    assert_eq!(step.reward, 1.0);
    assert!(step.terminated);

    let report = check_env(env.as_mut(), &CheckOptions::default());
    assert!(report.passed(), "{:?}", report.problems);

    let mut vec = VecEnv::make("example/reverse_word", &serde_json::Value::Null, 4)?;
    let obs = vec.reset(Some(0))?;
    assert_eq!(obs.len(), 4);
    let steps = vec.step(&vec!["<answer>x</answer>".to_string(); 4])?;
    assert!(steps.iter().all(|s| s.terminated));
    Ok(())
}

#[test]
fn unknown_key_in_example_config_is_named() {
    register_once().expect("example env registers");
    let err = envs::make("example/reverse_word", &serde_json::json!({"wrds": []}))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("wrds"), "{err}");
}

#[test]
fn unknown_env_name_lists_known_ones() {
    let err = envs::make("no/such_env", &serde_json::Value::Null)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("no/such_env") && err.contains("toy/guess_number"),
        "{err}"
    );
}
