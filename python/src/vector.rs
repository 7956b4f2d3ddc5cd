//! N envs on worker threads ([`Pool`], NEXT_STEP autoreset), stepped with
//! the GIL released: synchronously (`reset`/`step`, all envs, in id order)
//! or EnvPool-style (`async_reset`/`send` to some envs, `recv` whichever
//! finished); results come back batched.

use std::sync::Mutex;

use numpy::PyArray1;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rulegym_envs::vector::VecEnv;
use rulegym_envs::Info;

use crate::convert::{self, PlainObs, PlainStep};
use crate::errors::{to_py, to_py_in};
use crate::pool::{Pool, PoolError, Work};

#[pyclass(module = "rulegym._rulegym")]
pub struct RustVecEnv {
    pool: Mutex<Pool>,
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

fn pool_err(e: PoolError) -> PyErr {
    match e {
        PoolError::Usage(m) => PyRuntimeError::new_err(m),
        PoolError::Env { id, error } => to_py_in(error, Some(&format!("env {id}"))),
        PoolError::Runtime(m) => PyRuntimeError::new_err(m),
    }
}

/// Steps as the gymnasium tuple's columns, with their env ids.
struct Columns {
    batch: Batch,
    rewards: Vec<f64>,
    terminated: Vec<bool>,
    truncated: Vec<bool>,
    infos: Vec<Info>,
    ids: Vec<usize>,
}

impl Columns {
    fn new(steps: Vec<(usize, PlainStep)>, shape: [usize; 4]) -> PyResult<Self> {
        let rewards = steps.iter().map(|(_, s)| s.reward).collect();
        let terminated = steps.iter().map(|(_, s)| s.terminated).collect();
        let truncated = steps.iter().map(|(_, s)| s.truncated).collect();
        let mut ids = Vec::with_capacity(steps.len());
        let mut obs = Vec::with_capacity(steps.len());
        let mut infos = Vec::with_capacity(steps.len());
        for (id, s) in steps {
            ids.push(id);
            obs.push(s.obs);
            infos.push(s.info);
        }
        let batch = Batch::new(obs, shape).map_err(PyRuntimeError::new_err)?;
        Ok(Self {
            batch,
            rewards,
            terminated,
            truncated,
            infos,
            ids,
        })
    }

    /// `(texts, frames, rewards, terminated, truncated, infos)`, plus the
    /// env ids when `with_ids`.
    fn into_py(self, py: Python<'_>, with_ids: bool) -> PyResult<Bound<'_, PyAny>> {
        let (texts, frames) = self.batch.into_py(py)?;
        let rewards = PyArray1::from_vec(py, self.rewards);
        let terminated = PyArray1::from_vec(py, self.terminated);
        let truncated = PyArray1::from_vec(py, self.truncated);
        let infos = infos_to_py(py, &self.infos)?;
        if with_ids {
            let ids: Vec<i64> = self.ids.iter().map(|&i| i as i64).collect();
            let ids = PyArray1::from_vec(py, ids);
            (texts, frames, rewards, terminated, truncated, infos, ids)
                .into_pyobject(py)
                .map(|t| t.into_any())
        } else {
            (texts, frames, rewards, terminated, truncated, infos)
                .into_pyobject(py)
                .map(|t| t.into_any())
        }
    }
}

fn actions_of(actions: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    actions
        .try_iter()?
        .map(|a| convert::action_str(&a?))
        .collect()
}

impl RustVecEnv {
    fn pool(&self) -> std::sync::MutexGuard<'_, Pool> {
        self.pool.lock().unwrap_or_else(|p| p.into_inner())
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
        let envs = py
            .detach(|| {
                (0..num_envs)
                    .map(|_| VecEnv::make(name, &cfg, 1))
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(to_py)?;
        Ok(Self {
            pool: Mutex::new(Pool::new(envs)),
            num_envs,
            frames_shape,
        })
    }

    #[getter]
    fn num_envs(&self) -> usize {
        self.num_envs
    }

    /// Envs sent (or async-reset) whose results `recv` has not returned.
    #[getter]
    fn in_flight(&self) -> usize {
        self.pool().in_flight()
    }

    /// `(texts, frames, infos)`; env `i` is seeded `seed + i`.
    #[pyo3(signature = (seed=None))]
    fn reset<'py>(&self, py: Python<'py>, seed: Option<u64>) -> PyResult<Bound<'py, PyAny>> {
        let shape = self.frames_shape;
        let (batch, infos) = py.detach(|| {
            let steps = self
                .pool()
                .run_all(|i| Work::Reset(seed.map(|s| s.wrapping_add(i as u64))))
                .map_err(pool_err)?;
            let (obs, infos): (Vec<_>, Vec<_>) = steps.into_iter().map(|s| (s.obs, s.info)).unzip();
            let batch = Batch::new(obs, shape).map_err(PyRuntimeError::new_err)?;
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
        let actions = actions_of(actions)?;
        if actions.len() != self.num_envs {
            return Err(PyValueError::new_err(format!(
                "step got {} actions for {} envs",
                actions.len(),
                self.num_envs
            )));
        }
        let shape = self.frames_shape;
        let cols = py.detach(|| {
            let steps = self
                .pool()
                .run_all(|i| Work::Step(actions[i].clone()))
                .map_err(pool_err)?;
            Columns::new(steps.into_iter().enumerate().collect(), shape)
        })?;
        cols.into_py(py, false)
    }

    /// Starts resetting every env (env `i` seeded `seed + i`); `recv`
    /// returns the observations. Every env must be idle.
    #[pyo3(signature = (seed=None))]
    fn async_reset(&self, py: Python<'_>, seed: Option<u64>) -> PyResult<()> {
        let n = self.num_envs;
        py.detach(|| {
            let work = (0..n)
                .map(|i| (i, Work::Reset(seed.map(|s| s.wrapping_add(i as u64)))))
                .collect();
            self.pool().send(work).map_err(pool_err)
        })
    }

    /// Starts stepping the envs `env_ids` (all envs, in order, when `None`)
    /// with `actions[k]` for `env_ids[k]` and returns at once.
    #[pyo3(signature = (actions, env_ids=None))]
    fn send(
        &self,
        py: Python<'_>,
        actions: &Bound<'_, PyAny>,
        env_ids: Option<Vec<i64>>,
    ) -> PyResult<()> {
        let actions = actions_of(actions)?;
        let ids: Vec<usize> = match env_ids {
            None => (0..self.num_envs).collect(),
            Some(ids) => ids
                .into_iter()
                .map(|i| {
                    usize::try_from(i).map_err(|_| {
                        PyValueError::new_err(format!(
                            "env id {i} is out of range: the pool has {} envs (ids 0..{})",
                            self.num_envs, self.num_envs
                        ))
                    })
                })
                .collect::<PyResult<_>>()?,
        };
        if actions.len() != ids.len() {
            return Err(PyValueError::new_err(format!(
                "send got {} actions for {} env ids",
                actions.len(),
                ids.len()
            )));
        }
        if let Some(bad) = ids.iter().find(|&&i| i >= self.num_envs) {
            return Err(PyValueError::new_err(format!(
                "env id {bad} is out of range: the pool has {} envs (ids 0..{})",
                self.num_envs, self.num_envs
            )));
        }
        let work = ids
            .into_iter()
            .zip(actions)
            .map(|(i, a)| (i, Work::Step(a)))
            .collect();
        py.detach(|| self.pool().send(work).map_err(pool_err))
    }

    /// Waits for `batch_size` envs in flight to finish (all of them when
    /// `None`) and returns exactly those, in the order they finished:
    /// `(texts, frames, rewards, terminated, truncated, infos, env_ids)`.
    #[pyo3(signature = (batch_size=None))]
    fn recv<'py>(&self, py: Python<'py>, batch_size: Option<usize>) -> PyResult<Bound<'py, PyAny>> {
        let shape = self.frames_shape;
        let cols = py.detach(|| {
            let steps = self.pool().recv(batch_size).map_err(pool_err)?;
            Columns::new(steps, shape)
        })?;
        cols.into_py(py, true)
    }
}
