//! The results as JSON (for tools and the test) and as a markdown table (for docs).
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::measure::Piece;
use crate::shape::Workload;

/// Everything one run measured, and what it ran on.
#[derive(Debug, Serialize)]
pub struct Report {
    pub schema: u32,
    pub shape: String,
    pub device: String,
    pub dtype: String,
    pub built_with_cuda: bool,
    pub cpu_threads: usize,
    pub text_params: usize,
    pub vision_params: usize,
    pub text_config: serde_json::Value,
    pub vision_config: serde_json::Value,
    pub workload: Workload,
    pub memory_source: String,
    /// Memory in use after the weights were built (before any piece), MiB.
    pub resident_mib: f64,
    /// Seconds to build the random-init weights (text, vision) and to warm up.
    pub setup_s: BTreeMap<String, f64>,
    /// Measured pieces in the order they ran.
    pub pieces: BTreeMap<String, Piece>,
    /// Pieces that failed (out of memory, a missing kernel...), with the error.
    pub errors: BTreeMap<String, String>,
    /// Pieces left out on request.
    pub skipped: Vec<String>,
}

/// Order and labels of the table rows.
pub const ROWS: &[(&str, &str)] = &[
    ("prefill", "prefill"),
    ("decode", "decode (KV cache)"),
    ("train_full", "log-probs + backward, full fine-tuning"),
    ("grpo_step", "GRPO step"),
    ("train_lora", "log-probs + backward, LoRA"),
    ("vision_forward", "vision tower forward"),
    ("vision_train", "vision tower forward + backward"),
];

/// Four significant digits at most, without exponent notation (0.000123, 12.35, 15031).
fn sig(x: f64) -> String {
    if x >= 1000.0 {
        return format!("{x:.0}");
    }
    let digits = (3 - x.abs().max(1e-12).log10().floor() as i32).clamp(0, 12) as usize;
    format!("{x:.digits$}")
}

/// Parameter counts as people write them (3.09 B, 5.1 M).
fn count(n: usize) -> String {
    let n = n as f64;
    if n >= 1e9 {
        format!("{:.2} B", n / 1e9)
    } else {
        format!("{:.2} M", n / 1e6)
    }
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Shape `{}` ({} text + {} vision parameters), {} {}, memory: {}.\n",
            self.shape,
            count(self.text_params),
            count(self.vision_params),
            self.device,
            self.dtype,
            self.memory_source
        );
        let _ = writeln!(
            s,
            "| piece | work | s | tokens/s | peak MiB | parts (s) |\n|---|---|--:|--:|--:|---|"
        );
        for (key, label) in ROWS {
            if let Some(p) = self.pieces.get(*key) {
                let parts: Vec<String> = p
                    .parts_s
                    .iter()
                    .map(|(k, v)| format!("{k} {}", sig(*v)))
                    .collect();
                let _ = writeln!(
                    s,
                    "| {label} | {} | {} | {} | {:.0} | {} |",
                    p.what,
                    sig(p.seconds),
                    sig(p.tokens_per_s),
                    p.peak_mib,
                    parts.join(", ")
                );
            } else if let Some(e) = self.errors.get(*key) {
                let e = e.replace('|', "\\|").replace('\n', " ");
                let _ = writeln!(s, "| {label} | failed: {e} | | | | |");
            }
        }
        let setup: Vec<String> = self
            .setup_s
            .iter()
            .map(|(k, v)| format!("{k} {v:.1} s"))
            .collect();
        let _ = writeln!(
            s,
            "\nSetup: {}; {:.0} MiB in use once the weights were built.",
            setup.join(", "),
            self.resident_mib
        );
        s
    }

    /// Writes `gpu_check.json` and `gpu_check.md` into `dir`.
    pub fn write(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let json = serde_json::to_string_pretty(self)?;
        let jp = dir.join("gpu_check.json");
        std::fs::write(&jp, json).with_context(|| format!("writing {}", jp.display()))?;
        let mp = dir.join("gpu_check.md");
        std::fs::write(&mp, self.markdown())
            .with_context(|| format!("writing {}", mp.display()))?;
        Ok(())
    }
}
