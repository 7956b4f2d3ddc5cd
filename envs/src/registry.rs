//! Environments by name, as gymnasium's `make(id, **kwargs)`.
//!
//! Built-in families register themselves in [`builtin`]; users add their own
//! with one [`register`] call and then `make` them like any other.

use std::sync::{Arc, OnceLock, RwLock};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{Env, EnvError};

/// Builds an env from its JSON config (`Null` means all defaults).
pub type EnvFactory =
    Arc<dyn Fn(&serde_json::Value) -> Result<Box<dyn Env>, EnvError> + Send + Sync>;

/// A registry row as `trainer envs` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvInfo {
    pub name: String,
    pub description: String,
}

struct Entry {
    info: EnvInfo,
    factory: EnvFactory,
}

/// A set of named env factories.
#[derive(Default)]
pub struct Registry {
    entries: Vec<Entry>,
}

impl Registry {
    /// Adds an env; names are unique.
    pub fn add(
        &mut self,
        name: &str,
        description: &str,
        factory: impl Fn(&serde_json::Value) -> Result<Box<dyn Env>, EnvError> + Send + Sync + 'static,
    ) -> Result<(), EnvError> {
        if self.entries.iter().any(|e| e.info.name == name) {
            return Err(EnvError::Duplicate {
                name: name.to_string(),
            });
        }
        self.entries.push(Entry {
            info: EnvInfo {
                name: name.to_string(),
                description: description.to_string(),
            },
            factory: Arc::new(factory),
        });
        Ok(())
    }

    pub fn make(&self, name: &str, config: &serde_json::Value) -> Result<Box<dyn Env>, EnvError> {
        match self.entries.iter().find(|e| e.info.name == name) {
            Some(e) => (e.factory)(config),
            None => Err(EnvError::UnknownEnv {
                name: name.to_string(),
                known: self
                    .entries
                    .iter()
                    .map(|e| e.info.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    pub fn list(&self) -> Vec<EnvInfo> {
        self.entries.iter().map(|e| e.info.clone()).collect()
    }
}

/// A family's `register_all`: adds its envs to a registry.
type RegisterFamily = fn(&mut Registry) -> Result<(), EnvError>;

/// Every built-in family; a new family adds its `register_all` here.
const FAMILIES: &[RegisterFamily] = &[
    crate::toy::register_all,
    crate::math::register_all,
    crate::football::register_all,
    crate::spatial::register_all,
    crate::sokoban::register_all,
    crate::vmath::register_all,
];

/// The registry holding every built-in family.
pub fn builtin() -> Registry {
    let mut reg = Registry::default();
    for register_family in FAMILIES {
        // A family that clashes is a programming error that the test below
        // catches; at run time its envs are simply missing from the list.
        if let Err(e) = register_family(&mut reg) {
            eprintln!("rulegym-envs: {e}");
        }
    }
    reg
}

fn global() -> &'static RwLock<Registry> {
    static GLOBAL: OnceLock<RwLock<Registry>> = OnceLock::new();
    GLOBAL.get_or_init(|| RwLock::new(builtin()))
}

/// Registers a user env in the process-wide registry that [`make`] reads.
pub fn register(
    name: &str,
    description: &str,
    factory: impl Fn(&serde_json::Value) -> Result<Box<dyn Env>, EnvError> + Send + Sync + 'static,
) -> Result<(), EnvError> {
    let mut reg = global().write().unwrap_or_else(|p| p.into_inner());
    reg.add(name, description, factory)
}

/// Builds a registered env by name; an unknown name lists the known ones.
pub fn make(name: &str, config: &serde_json::Value) -> Result<Box<dyn Env>, EnvError> {
    let factory = {
        let reg = global().read().unwrap_or_else(|p| p.into_inner());
        match reg.entries.iter().find(|e| e.info.name == name) {
            Some(e) => e.factory.clone(),
            None => return reg.make(name, config),
        }
    };
    factory(config)
}

/// Every registered env, built-ins first.
pub fn list() -> Vec<EnvInfo> {
    global().read().unwrap_or_else(|p| p.into_inner()).list()
}

/// Reads an env config; `Null` gives the defaults, an unknown or mistyped key
/// is an error naming it.
pub fn parse_config<T: DeserializeOwned + Default>(
    env: &str,
    config: &serde_json::Value,
) -> Result<T, EnvError> {
    if config.is_null() {
        return Ok(T::default());
    }
    serde_json::from_value(config.clone()).map_err(|e| EnvError::config(env, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_name_lists_known_ones() {
        let mut reg = Registry::default();
        reg.add("a/b", "x", |_| Err(EnvError::Other("never".into())))
            .unwrap();
        let err = reg.make("nope", &serde_json::Value::Null).err().unwrap();
        let msg = err.to_string();
        assert!(msg.contains("nope") && msg.contains("a/b"), "{msg}");
    }

    #[test]
    fn builtin_families_register_without_conflicts() {
        let mut reg = Registry::default();
        for register_family in FAMILIES {
            register_family(&mut reg).unwrap();
        }
        assert!(!reg.list().is_empty());
    }

    #[test]
    fn duplicate_names_are_refused() {
        let mut reg = Registry::default();
        reg.add("a", "x", |_| Err(EnvError::Other("never".into())))
            .unwrap();
        assert!(reg
            .add("a", "y", |_| Err(EnvError::Other("never".into())))
            .is_err());
    }
}
