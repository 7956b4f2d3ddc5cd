//! Which fused CPU kernels run. All do by default; `RULEGYM_COMPOSED=attention,rope,swiglu`
//! (or `all`) sends the named ones back to the composed ops, so one build measures what each
//! kernel buys (docs/benchmarks.md) and can rule a kernel out when a result looks wrong.
use std::sync::OnceLock;

/// A fused kernel with a written backward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// `text::flash`: attention without a stored score matrix.
    Attention,
    /// `text::rope_fused`: head split + rotary embedding.
    Rope,
    /// `nn::swiglu`: the gated MLP's `silu(g)·u`.
    Swiglu,
}

impl Kernel {
    fn name(self) -> &'static str {
        match self {
            Kernel::Attention => "attention",
            Kernel::Rope => "rope",
            Kernel::Swiglu => "swiglu",
        }
    }
}

/// Whether `k` runs fused (read from `RULEGYM_COMPOSED` once per process).
pub fn enabled(k: Kernel) -> bool {
    static OFF: OnceLock<Vec<String>> = OnceLock::new();
    let off = OFF.get_or_init(|| {
        std::env::var("RULEGYM_COMPOSED")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_ascii_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    });
    !off.iter().any(|s| s == "all" || s == k.name())
}
