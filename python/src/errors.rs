//! Rust errors as the Python exceptions users expect: `KeyError` for an
//! unknown env (its message lists the known ones), `ValueError` for bad
//! config or data, `RuntimeError` for misuse of an episode.

use pyo3::exceptions::{PyKeyError, PyOSError, PyRuntimeError, PyValueError};
use pyo3::PyErr;
use rulegym_envs::EnvError;

pub fn to_py(e: EnvError) -> PyErr {
    to_py_in(e, None)
}

/// As [`to_py`], the message prefixed by where it happened (`env 3`).
pub fn to_py_in(e: EnvError, context: Option<&str>) -> PyErr {
    let msg = match context {
        Some(c) => format!("{c}: {e}"),
        None => e.to_string(),
    };
    match e {
        EnvError::UnknownEnv { .. } => PyKeyError::new_err(msg),
        EnvError::Config { .. } | EnvError::Data { .. } => PyValueError::new_err(msg),
        EnvError::Io { .. } => PyOSError::new_err(msg),
        _ => PyRuntimeError::new_err(msg),
    }
}
