//! A Rust-native football game with GRF's actions, scenarios and rewards:
//! `football` (academy_empty_goal_close) and `football/<scenario>` for every
//! built-in scenario.

pub mod action;
pub mod control;
pub mod env;
pub mod obs;
pub mod reward;
pub mod scenario;
pub mod sim;

pub use env::{EndReason, FootballConfig, FootballEnv};

use crate::registry::{parse_config, Registry};
use crate::Env;

/// Registers `football` (academy_empty_goal_close) and `football/<scenario>`
/// for every built-in scenario.
pub fn register_all(reg: &mut Registry) {
    let default_desc = "football: GRF-style academy_empty_goal_close, text state (frames optional)";
    let r = reg.add("football", default_desc, |cfg| {
        let c: FootballConfig = parse_config("football", cfg)?;
        Ok(Box::new(FootballEnv::new("football", c)?) as Box<dyn Env>)
    });
    debug_assert!(r.is_ok(), "{r:?}");
    for name in scenario::builtin_names() {
        let env_name = format!("football/{name}");
        let desc = scenario::Scenario::builtin(name)
            .map(|s| format!("football: {}", s.description))
            .unwrap_or_default();
        let r = reg.add(&env_name.clone(), &desc, move |cfg| {
            let mut c: FootballConfig = parse_config(&env_name, cfg)?;
            c.scenario = name.to_string();
            Ok(Box::new(FootballEnv::new(&env_name, c)?) as Box<dyn Env>)
        });
        debug_assert!(r.is_ok(), "{r:?}");
    }
}

/// Builds a football env by registry name (`football` or `football/<scenario>`)
/// as the concrete type, for agents and tools that read the world.
pub fn make_env(name: &str, config: &serde_json::Value) -> Result<FootballEnv, crate::EnvError> {
    let mut c: FootballConfig = parse_config(name, config)?;
    match name.strip_prefix("football/") {
        Some(sc) => c.scenario = sc.to_string(),
        None if name == "football" => {}
        None => {
            return Err(crate::EnvError::UnknownEnv {
                name: name.to_string(),
                known: std::iter::once("football".to_string())
                    .chain(
                        scenario::builtin_names()
                            .iter()
                            .map(|n| format!("football/{n}")),
                    )
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
    }
    FootballEnv::new(name, c)
}
pub mod agents;
pub mod record;
#[cfg(test)]
mod tests;
