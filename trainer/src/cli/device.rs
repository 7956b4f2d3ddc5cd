//! `--device` / `--dtype`, shared by the commands that load a policy.
use anyhow::Context;
use rulegym_agent::{open_device, parse_dtype, DType, Device};

#[derive(clap::Args, Debug, Clone)]
pub struct DeviceArgs {
    /// `cpu`, `cuda` or `cuda:N` (CUDA needs a `--features cuda` build).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Parameter precision: f32, bf16 or f16.
    #[arg(long, default_value = "f32")]
    pub dtype: String,
}

impl DeviceArgs {
    pub fn open(&self) -> anyhow::Result<(Device, DType)> {
        let dtype = parse_dtype(&self.dtype).context("--dtype")?;
        let device = open_device(&self.device).context("--device")?;
        Ok((device, dtype))
    }
}
