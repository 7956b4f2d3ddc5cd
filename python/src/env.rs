//! One env, stepped with the GIL released.

use std::sync::Mutex;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rulegym_envs::Env;

use crate::convert::{self, PlainReset, PlainStep};
use crate::errors::to_py;

/// A registered env; `rulegym.RulegymEnv` wraps it as a `gymnasium.Env`.
#[pyclass(module = "rulegym._rulegym")]
pub struct RustEnv {
    // `Env: Send` only; the mutex makes the class shareable across Python
    // threads (each step holds it, never the GIL).
    env: Mutex<Box<dyn Env>>,
    spec: serde_json::Value,
}

impl RustEnv {
    fn env(&self) -> std::sync::MutexGuard<'_, Box<dyn Env>> {
        self.env.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[pymethods]
impl RustEnv {
    #[new]
    #[pyo3(signature = (name, config=None))]
    fn new(py: Python<'_>, name: &str, config: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let cfg = convert::config_to_json(config)?;
        let env = py
            .detach(|| rulegym_envs::make(name, &cfg))
            .map_err(to_py)?;
        let spec = serde_json::to_value(env.spec())
            .map_err(|e| PyRuntimeError::new_err(format!("spec of '{name}': {e}")))?;
        Ok(Self {
            env: Mutex::new(env),
            spec,
        })
    }

    /// The env's static facts (name, description, modality, max_turns,
    /// action_space, instruction) as a dict.
    fn spec<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::json_to_py(py, &self.spec)
    }

    /// `(obs, info)`; `seed=None` continues the env's random stream.
    #[pyo3(signature = (seed=None))]
    fn reset<'py>(&self, py: Python<'py>, seed: Option<u64>) -> PyResult<Bound<'py, PyAny>> {
        let r = py.detach(|| {
            let r = self.env().reset(seed).map_err(to_py)?;
            PlainReset::new(r).map_err(PyRuntimeError::new_err)
        })?;
        reset_to_py(py, r)
    }

    /// The chat prompt for an observation's text, as the trainer builds it:
    /// `(system, user)`, where `system` is the instruction when it goes in
    /// the system message (else `None`) and `user` the text followed by the
    /// instruction when it goes after the observation. Observations never
    /// hold the instruction themselves.
    fn prompt(&self, text: &str) -> (Option<String>, String) {
        let env = self.env();
        let spec = env.spec();
        let obs = rulegym_envs::Observation {
            text: text.to_string(),
            frames: Vec::new(),
        };
        (spec.system_text().map(str::to_string), spec.user_text(&obs))
    }

    /// `(obs, reward, terminated, truncated, info)`.
    fn step<'py>(
        &self,
        py: Python<'py>,
        action: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let action = convert::action_str(action)?;
        let s = py.detach(|| {
            let s = self.env().step(&action).map_err(to_py)?;
            PlainStep::new(s).map_err(PyRuntimeError::new_err)
        })?;
        step_to_py(py, s)
    }
}

pub fn reset_to_py<'py>(py: Python<'py>, r: PlainReset) -> PyResult<Bound<'py, PyAny>> {
    let obs = r.obs.into_py(py)?;
    let info = convert::info_to_py(py, &r.info)?;
    Ok((obs, info).into_pyobject(py)?.into_any())
}

pub fn step_to_py<'py>(py: Python<'py>, s: PlainStep) -> PyResult<Bound<'py, PyAny>> {
    let obs = s.obs.into_py(py)?;
    let info = convert::info_to_py(py, &s.info)?;
    Ok((obs, s.reward, s.terminated, s.truncated, info)
        .into_pyobject(py)?
        .into_any())
}

/// Every registered env as `[(name, description)]`, built-ins first.
#[pyfunction]
pub fn list_envs(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows: Vec<(String, String)> = rulegym_envs::list()
        .into_iter()
        .map(|e| (e.name, e.description))
        .collect();
    PyList::new(py, rows)
}
