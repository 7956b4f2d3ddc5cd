//! `rulegym._rulegym`: the Rust half of the Python package.
//!
//! A thin layer: every rule lives in `rulegym-envs`; this crate only moves
//! strings, numbers and frame buffers across the boundary (`convert`), maps
//! errors to Python exceptions (`errors`), and releases the GIL while Rust
//! works (`py.detach`). The gymnasium classes are in `rulegym/*.py`.

mod convert;
mod env;
mod errors;
mod pool;
mod rewards;
mod vector;

use pyo3::prelude::*;

#[pymodule]
fn _rulegym(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<env::RustEnv>()?;
    m.add_class::<vector::RustVecEnv>()?;
    m.add_class::<rewards::Verdict>()?;
    m.add_function(wrap_pyfunction!(env::list_envs, m)?)?;
    m.add_function(wrap_pyfunction!(rewards::math_verify, m)?)?;
    m.add_function(wrap_pyfunction!(rewards::format_ok, m)?)?;
    m.add_function(wrap_pyfunction!(rewards::vsi_score, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
