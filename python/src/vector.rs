//! N envs on the contract's [`VecEnv`] (one Rust thread each, NEXT_STEP
//! autoreset), stepped with the GIL released; results come back batched.

use std::sync::Mutex;

use numpy::PyArray1;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rulegym_envs::vector::VecEnv;
use rulegym_envs::Info;

use crate::convert::{self, PlainObs, PlainReset, PlainStep};
use crate::errors::to_py;

#[pyclass(module = "rulegym._rulegym")]
pub struct RustVecEnv {
    inner: Mutex<VecEnv>,
    num_envs: usize,
    frames_shape: [usize; 4],
}

/// Observations of all envs as texts plus one `(num_envs, N, H, W, 3)`
/// buffer; every env must show frames of one shape.
struct Batch {
    texts: Vec<String>,
    frames: Vec<u8>,
    shape: [usize; 5],
}

impl Batch {
    /// `shape` is the declared `(N, H, W, 3)`: an observation without frames
    /// (the end of a video episode) shows zero frames of that shape.
    fn new(obs: Vec<PlainObs>, shape: [usize; 4]) -> Result<Self, String> {
        let per_env: usize = shape.iter().product();
        let mut frames = Vec::with_capacity(obs.len() * per_env);
        let mut texts = Vec::with_capacity(obs.len());
        for (i, o) in obs.into_iter().enumerate() {
            if o.frames.is_empty() {
                frames.resize(frames.len() + per_env, 0);
            } else if o.shape == shape {
                frames.extend_from_slice(&o.frames);
            } else {
                return Err(format!(
                    "env {i} shows frames of shape {:?} but the space declares {shape:?}",
                    o.shape
                ));
            }
            texts.push(o.text);
        }
        let [n, h, w, c] = shape;
        Ok(Self {
            shape: [texts.len(), n, h, w, c],
            texts,
            frames,
        })
    }

    fn into_py<'py>(self, py: Python<'py>) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyAny>)> {
        Ok((
            PyList::new(py, self.texts)?,
            convert::frames_array(py, self.frames, &self.shape)?,
        ))
    }
}

fn infos_to_py<'py>(py: Python<'py>, infos: &[Info]) -> PyResult<Bound<'py, PyList>> {
    let items = infos
        .iter()
        .map(|i| convert::info_to_py(py, i))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

impl RustVecEnv {
    fn inner(&self) -> std::sync::MutexGuard<'_, VecEnv> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[pymethods]
impl RustVecEnv {
    #[new]
    /// `frames_shape` is the `(N, H, W, 3)` of the observation space.
    #[pyo3(signature = (name, num_envs, frames_shape, config=None))]
    fn new(
        py: Python<'_>,
        name: &str,
        num_envs: usize,
        frames_shape: [usize; 4],
        config: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        if num_envs == 0 {
            return Err(PyValueError::new_err("num_envs must be at least 1"));
        }
        let cfg = convert::config_to_json(config)?;
        let inner = py
            .detach(|| VecEnv::make(name, &cfg, num_envs))
            .map_err(to_py)?;
        Ok(Self {
            inner: Mutex::new(inner),
            num_envs,
            frames_shape,
        })
    }

    #[getter]
    fn num_envs(&self) -> usize {
        self.num_envs
    }

    /// `(texts, frames, infos)`; env `i` is seeded `seed + i`.
    #[pyo3(signature = (seed=None))]
    fn reset<'py>(&self, py: Python<'py>, seed: Option<u64>) -> PyResult<Bound<'py, PyAny>> {
        let (batch, infos) = py.detach(|| {
            let resets = self.inner().reset(seed).map_err(to_py)?;
            let plain = resets
                .into_iter()
                .map(PlainReset::new)
                .collect::<Result<Vec<_>, _>>()
                .map_err(PyRuntimeError::new_err)?;
            let (obs, infos): (Vec<_>, Vec<_>) = plain.into_iter().map(|r| (r.obs, r.info)).unzip();
            let batch = Batch::new(obs, self.frames_shape).map_err(PyRuntimeError::new_err)?;
            Ok::<_, PyErr>((batch, infos))
        })?;
        let (texts, frames) = batch.into_py(py)?;
        Ok((texts, frames, infos_to_py(py, &infos)?)
            .into_pyobject(py)?
            .into_any())
    }

    /// `(texts, frames, rewards, terminated, truncated, infos)`.
    fn step<'py>(
        &self,
        py: Python<'py>,
        actions: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let actions = actions
            .try_iter()?
            .map(|a| convert::action_str(&a?))
            .collect::<PyResult<Vec<String>>>()?;
        if actions.len() != self.num_envs {
            return Err(PyValueError::new_err(format!(
                "step got {} actions for {} envs",
                actions.len(),
                self.num_envs
            )));
        }
        let (batch, rewards, terminated, truncated, infos) = py.detach(|| {
            let steps = self.inner().step(&actions).map_err(to_py)?;
            let plain = steps
                .into_iter()
                .map(PlainStep::new)
                .collect::<Result<Vec<_>, _>>()
                .map_err(PyRuntimeError::new_err)?;
            let rewards: Vec<f64> = plain.iter().map(|s| s.reward).collect();
            let terminated: Vec<bool> = plain.iter().map(|s| s.terminated).collect();
            let truncated: Vec<bool> = plain.iter().map(|s| s.truncated).collect();
            let (obs, infos): (Vec<_>, Vec<_>) = plain.into_iter().map(|s| (s.obs, s.info)).unzip();
            let batch = Batch::new(obs, self.frames_shape).map_err(PyRuntimeError::new_err)?;
            Ok::<_, PyErr>((batch, rewards, terminated, truncated, infos))
        })?;
        let (texts, frames) = batch.into_py(py)?;
        Ok((
            texts,
            frames,
            PyArray1::from_vec(py, rewards),
            PyArray1::from_vec(py, terminated),
            PyArray1::from_vec(py, truncated),
            infos_to_py(py, &infos)?,
        )
            .into_pyobject(py)?
            .into_any())
    }
}
