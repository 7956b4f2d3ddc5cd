//! Visual math (LMM-R1's multimodal MGT domain): seeded generators draw a
//! figure, chart, plot, table or set of shapes whose numbers appear only
//! in the image, and ask a question whose exact answer the math verifier
//! checks. Each problem is a [`Scene`] (plain data) from which the answer
//! ([`Scene::answer`]) and the image ([`Scene::render`]) are derived apart.
//!
//! Registered envs: `vmath/geometry`, `vmath/charts`, `vmath/plots`,
//! `vmath/tables`, `vmath/counting` and `vmath/mixed`.

pub mod charts;
pub mod config;
pub mod counting;
pub mod env;
pub mod exact;
pub mod geometry;
mod pen;
pub mod plots;
pub mod scene;
pub mod tables;

pub use config::VmathConfig;
pub use env::VmathEnv;
pub use scene::{Family, Scene};

use crate::registry::{parse_config, Registry};
use crate::{Env, EnvError};

/// Builds a visual math env by registry name as the concrete type.
pub fn make_env(name: &str, config: &serde_json::Value) -> Result<VmathEnv, EnvError> {
    let cfg: VmathConfig = parse_config(name, config)?;
    let (families, desc) = match name.strip_prefix("vmath/") {
        Some("mixed") => {
            let fams = if cfg.families.is_empty() {
                Family::ALL.to_vec()
            } else {
                cfg.families
                    .iter()
                    .map(|f| {
                        Family::from_name(f).ok_or_else(|| {
                            EnvError::config(name, format!("families: unknown family '{f}'"))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?
            };
            (fams, MIXED)
        }
        Some(f) => match Family::from_name(f) {
            Some(fam) if cfg.families.is_empty() => (vec![fam], fam.description()),
            Some(_) => {
                return Err(EnvError::config(
                    name,
                    "`families` applies to vmath/mixed only",
                ))
            }
            None => return Err(unknown(name)),
        },
        None => return Err(unknown(name)),
    };
    VmathEnv::new(name, desc, families, cfg)
}

fn unknown(name: &str) -> EnvError {
    EnvError::UnknownEnv {
        name: name.to_string(),
        known: names().join(", "),
    }
}

const MIXED: &str = "visual math: every family mixed (`families` config)";

/// Every registered visual math env name.
pub fn names() -> Vec<String> {
    Family::ALL
        .iter()
        .map(|f| format!("vmath/{}", f.name()))
        .chain(std::iter::once("vmath/mixed".to_string()))
        .collect()
}

/// Registers every `vmath/*` env.
pub fn register_all(reg: &mut Registry) -> Result<(), EnvError> {
    for name in names() {
        let desc = match Family::from_name(name.trim_start_matches("vmath/")) {
            Some(f) => f.description(),
            None => MIXED,
        };
        let n = name.clone();
        reg.add(&name, desc, move |v| {
            Ok(Box::new(make_env(&n, v)?) as Box<dyn Env>)
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
