//! `--device`, `--dtype` and `--vision-positions`, shared by the commands that load a policy.
use anyhow::Context;
use rulegym_agent::vision::TextAfterVision;
use rulegym_agent::{open_device, parse_dtype, DType, Device, Policy};

#[derive(clap::Args, Debug, Clone)]
pub struct LoadArgs {
    /// `cpu`, `cuda` or `cuda:N` (CUDA needs a `--features cuda` build).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Parameter precision: f32, bf16 or f16.
    #[arg(long, default_value = "f32")]
    pub dtype: String,
    /// M-RoPE positions of text after a video: `qwen` (Qwen's code, transformers 4, vLLM) or
    /// `transformers5`.
    #[arg(long, default_value = "qwen")]
    pub vision_positions: String,
}

impl LoadArgs {
    /// Checks every flag, then opens the device.
    pub fn open(&self) -> anyhow::Result<(Device, DType)> {
        self.rule()?;
        let dtype = parse_dtype(&self.dtype).context("--dtype")?;
        let device = open_device(&self.device).context("--device")?;
        Ok((device, dtype))
    }

    fn rule(&self) -> anyhow::Result<TextAfterVision> {
        self.vision_positions
            .parse()
            .map_err(|e| anyhow::anyhow!("--vision-positions: {e}"))
    }

    /// Applies the per-policy settings (a no-op for text-only policies).
    pub fn apply(&self, policy: &mut Policy) -> anyhow::Result<()> {
        if policy.vision().is_ok() {
            policy.set_text_after_vision(self.rule()?)?;
        }
        Ok(())
    }
}
