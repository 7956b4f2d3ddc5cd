//! The one place where the env contract's types become Python values.
//!
//! Work that needs no Python objects (flattening frames, serializing the
//! step's extra fields) happens in [`PlainObs::new`] / [`PlainStep::new`],
//! which run with the GIL released; the `into_py` halves only wrap finished
//! buffers. A field added to `Step` reaches Python's `info` unchanged, since
//! everything but the observation and the gymnasium tuple goes through serde.

use numpy::{PyArray1, PyArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use rulegym_envs::{Info, Observation, Reset, Step};
use serde_json::Value;

/// An observation with its frames as one `(N, H, W, 3)` RGB8 buffer.
pub struct PlainObs {
    pub text: String,
    pub frames: Vec<u8>,
    pub shape: [usize; 4],
}

impl PlainObs {
    /// Frames of one observation must share a size (a video's frames do).
    pub fn new(obs: Observation) -> Result<Self, String> {
        let n = obs.frames.len();
        let (h, w) = obs
            .frames
            .first()
            .map_or((0, 0), |f| (f.height() as usize, f.width() as usize));
        let mut frames = Vec::with_capacity(n * h * w * 3);
        for (i, f) in obs.frames.iter().enumerate() {
            if (f.height() as usize, f.width() as usize) != (h, w) {
                return Err(format!(
                    "frame {i} is {}x{} but frame 0 is {w}x{h}",
                    f.width(),
                    f.height()
                ));
            }
            frames.extend_from_slice(f.as_rgb());
        }
        Ok(Self {
            text: obs.text,
            frames,
            shape: [n, h, w, 3],
        })
    }

    /// `{"text": str, "frames": uint8 (N, H, W, 3)}`; the array owns the
    /// Rust buffer (no copy).
    pub fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item("text", self.text)?;
        d.set_item("frames", frames_array(py, self.frames, &self.shape)?)?;
        Ok(d.into_any())
    }
}

/// A `(..., H, W, 3)` uint8 array over `data`, without copying it.
pub fn frames_array<'py>(
    py: Python<'py>,
    data: Vec<u8>,
    shape: &[usize],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyArray1::from_vec(py, data).reshape(shape)?.into_any())
}

/// A reset as gymnasium's `(obs, info)`.
pub struct PlainReset {
    pub obs: PlainObs,
    pub info: Info,
}

impl PlainReset {
    pub fn new(r: Reset) -> Result<Self, String> {
        Ok(Self {
            obs: PlainObs::new(r.observation)?,
            info: r.info,
        })
    }
}

/// A step as gymnasium's `(obs, reward, terminated, truncated, info)`; the
/// info also carries `reward_parts` and any other field of [`Step`].
pub struct PlainStep {
    pub obs: PlainObs,
    pub reward: f64,
    pub terminated: bool,
    pub truncated: bool,
    pub info: Info,
}

impl PlainStep {
    pub fn new(mut s: Step) -> Result<Self, String> {
        let obs = PlainObs::new(std::mem::take(&mut s.observation))?;
        let (reward, terminated, truncated) = (s.reward, s.terminated, s.truncated);
        let mut info = std::mem::take(&mut s.info);
        let rest = serde_json::to_value(&s).map_err(|e| e.to_string())?;
        if let Value::Object(fields) = rest {
            for (k, v) in fields {
                if !matches!(
                    k.as_str(),
                    "observation" | "reward" | "terminated" | "truncated" | "info"
                ) {
                    info.insert(k, v);
                }
            }
        }
        Ok(Self {
            obs,
            reward,
            terminated,
            truncated,
            info,
        })
    }
}

/// A JSON value as the Python value `json.loads` would give.
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| json_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(m) => info_to_py(py, m)?.into_any(),
    })
}

pub fn info_to_py<'py>(py: Python<'py>, m: &Info) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in m {
        d.set_item(k, json_to_py(py, v)?)?;
    }
    Ok(d)
}

/// A Python config value (`**config` of `make`) as JSON. Paths become
/// strings; anything JSON cannot hold is a `TypeError` naming the key.
pub fn py_to_json(obj: &Bound<'_, PyAny>, key: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.extract::<i64>() {
        if obj.is_instance_of::<pyo3::types::PyInt>() {
            return Ok(Value::from(i));
        }
    }
    if obj.is_instance_of::<pyo3::types::PyInt>() {
        return Err(PyValueError::new_err(format!(
            "config key '{key}': integer out of range"
        )));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("config key '{key}': not finite")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = serde_json::Map::new();
        for (k, v) in d.iter() {
            let k: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!("config key '{key}': dict keys must be str"))
            })?;
            let sub = format!("{key}.{k}");
            m.insert(k, py_to_json(&v, &sub)?);
        }
        return Ok(Value::Object(m));
    }
    if obj.is_instance_of::<pyo3::types::PyList>() || obj.is_instance_of::<pyo3::types::PyTuple>() {
        let items = obj
            .try_iter()?
            .enumerate()
            .map(|(i, x)| py_to_json(&x?, &format!("{key}[{i}]")))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::Array(items));
    }
    // os.PathLike (a dataset path) reads as its string.
    if let Ok(fspath) = obj.call_method0("__fspath__") {
        if let Ok(s) = fspath.extract::<String>() {
            return Ok(Value::String(s));
        }
    }
    Err(PyTypeError::new_err(format!(
        "config key '{key}': cannot pass a {} to an env config (use str, int, float, bool, list, dict or None)",
        obj.get_type().name()?
    )))
}

/// `**config` kwargs as a JSON object (`Null` when empty: the defaults).
pub fn config_to_json(config: Option<&Bound<'_, PyDict>>) -> PyResult<Value> {
    match config {
        Some(d) if !d.is_empty() => {
            let mut m = serde_json::Map::new();
            for (k, v) in d.iter() {
                let k: String = k.extract()?;
                let val = py_to_json(&v, &k)?;
                m.insert(k, val);
            }
            Ok(Value::Object(m))
        }
        _ => Ok(Value::Null),
    }
}

/// The policy's text; anything else is a `TypeError` saying what it got.
pub fn action_str(action: &Bound<'_, PyAny>) -> PyResult<String> {
    match action.cast::<PyString>() {
        Ok(s) => Ok(s.to_str()?.to_string()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "action must be a str (the policy's text), got {}",
            action.get_type().name()?
        ))),
    }
}
