//! Devices and precisions as configs and command lines spell them (`cpu`, `cuda:1`, `bf16`).
//!
//! Names are checked apart from opening the device, so a run config that asks for CUDA on a
//! CPU-only build fails when it is read, before a run folder exists, and says how to rebuild.
use std::fmt;
use std::str::FromStr;

use candle_core::{DType, Device};

use crate::error::{AgentError, Result};

/// Whether this build can open CUDA devices (`--features cuda`).
pub const CUDA_BUILT: bool = cfg!(feature = "cuda");

/// A device by name, not yet opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceName {
    Cpu,
    /// A CUDA device by ordinal (`cuda` means `cuda:0`).
    Cuda(usize),
}

impl FromStr for DeviceName {
    type Err = AgentError;

    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim().to_ascii_lowercase();
        let bad = || {
            AgentError::Invalid(format!(
                "unknown device {s:?} (expected cpu, cuda or cuda:N)"
            ))
        };
        match t.as_str() {
            "cpu" => Ok(Self::Cpu),
            "cuda" | "gpu" => Ok(Self::Cuda(0)),
            _ => {
                let n = t.strip_prefix("cuda:").ok_or_else(bad)?;
                n.parse::<usize>().map(Self::Cuda).map_err(|_| bad())
            }
        }
    }
}

impl fmt::Display for DeviceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cpu => f.write_str("cpu"),
            Self::Cuda(n) => write!(f, "cuda:{n}"),
        }
    }
}

impl DeviceName {
    /// Errors when this build cannot drive the device at all (CUDA asked, feature off).
    pub fn check_built(self) -> Result<Self> {
        match self {
            Self::Cuda(_) if !CUDA_BUILT => Err(AgentError::NoCuda(self.to_string())),
            d => Ok(d),
        }
    }

    /// Opens the device; a missing driver or ordinal is an error naming the device.
    pub fn open(self) -> Result<Device> {
        match self.check_built()? {
            Self::Cpu => Ok(Device::Cpu),
            Self::Cuda(n) => Device::new_cuda(n).map_err(|e| {
                // The driver's message alone (no captured backtrace): "no CUDA-capable device".
                let e = match e {
                    candle_core::Error::WithBacktrace { inner, .. } => *inner,
                    e => e,
                };
                AgentError::Invalid(format!("cannot open device {self}: {e}"))
            }),
        }
    }
}

/// Parses and opens a device in one go (command-line flags).
pub fn open_device(name: &str) -> Result<Device> {
    name.parse::<DeviceName>()?.open()
}

/// The variable that points tests, benches and examples at a device (`cuda` on a GPU
/// machine with a `--features cuda` build); unset means the CPU.
pub const DEVICE_ENV: &str = "RULEGYM_DEVICE";

/// The device [`DEVICE_ENV`] names, opened, and its name as written.
pub fn device_from_env() -> Result<(Device, String)> {
    let name = std::env::var(DEVICE_ENV).unwrap_or_else(|_| "cpu".into());
    let dev = open_device(&name).map_err(|e| match e {
        AgentError::Invalid(m) => AgentError::Invalid(format!("{DEVICE_ENV}: {m}")),
        e => e,
    })?;
    Ok((dev, name))
}

/// A parameter precision by the names torch and configs use (`bf16`, `bfloat16`, ...).
pub fn parse_dtype(name: &str) -> Result<DType> {
    match name.trim().to_ascii_lowercase().as_str() {
        "f32" | "float32" | "fp32" | "float" => Ok(DType::F32),
        "bf16" | "bfloat16" => Ok(DType::BF16),
        "f16" | "float16" | "fp16" | "half" => Ok(DType::F16),
        _ => Err(AgentError::Invalid(format!(
            "unknown dtype {name:?} (expected f32, bf16 or f16)"
        ))),
    }
}

/// The `torch_dtype` name of a candle dtype.
pub fn dtype_name(d: DType) -> &'static str {
    match d {
        DType::BF16 => "bfloat16",
        DType::F16 => "float16",
        DType::F64 => "float64",
        _ => "float32",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_parse_and_print() {
        for (s, d) in [
            ("cpu", DeviceName::Cpu),
            ("CPU", DeviceName::Cpu),
            ("cuda", DeviceName::Cuda(0)),
            ("cuda:3", DeviceName::Cuda(3)),
        ] {
            assert_eq!(s.parse::<DeviceName>().unwrap(), d);
        }
        assert_eq!(DeviceName::Cuda(2).to_string(), "cuda:2");
        for bad in ["", "tpu", "cuda:", "cuda:x", "cuda:-1", "metal"] {
            let e = bad.parse::<DeviceName>().unwrap_err().to_string();
            assert!(e.contains("expected cpu, cuda or cuda:N"), "{bad}: {e}");
        }
    }

    #[test]
    fn cuda_on_a_cpu_build_says_how_to_rebuild() {
        let r = DeviceName::Cuda(0).check_built();
        if CUDA_BUILT {
            assert!(r.is_ok());
        } else {
            let e = r.unwrap_err().to_string();
            assert!(e.contains("--features cuda") && e.contains("cuda:0"), "{e}");
        }
        assert!(matches!(open_device("cpu"), Ok(Device::Cpu)));
    }

    #[test]
    fn dtypes_parse_by_torch_names() {
        assert_eq!(parse_dtype("bfloat16").unwrap(), DType::BF16);
        assert_eq!(parse_dtype("bf16").unwrap(), DType::BF16);
        assert_eq!(parse_dtype("float16").unwrap(), DType::F16);
        assert_eq!(parse_dtype("F32").unwrap(), DType::F32);
        let e = parse_dtype("int8").unwrap_err().to_string();
        assert!(e.contains("int8") && e.contains("bf16"), "{e}");
    }
}
