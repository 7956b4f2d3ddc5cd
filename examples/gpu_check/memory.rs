//! Peak memory of each measured piece: device memory on CUDA, resident memory on the CPU.
//!
//! candle exposes no allocator statistics, so on CUDA a sampler thread reads
//! `nvidia-smi --query-gpu=memory.used -lms 20` (device-wide: it includes the CUDA context
//! and whatever cudarc's pool still holds, like PyTorch's "reserved" rather than
//! "allocated"). On the CPU the kernel keeps the peak itself (`VmHWM`), and writing `5` to
//! `/proc/self/clear_refs` restarts it, so each piece gets its own peak.
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context, Result};

/// Where peaks come from.
pub enum MemProbe {
    /// Resident set of this process (`/proc/self/status`).
    Rss { resettable: bool },
    /// Device memory in use, sampled from `nvidia-smi`.
    Gpu {
        child: Child,
        current: Arc<AtomicU64>,
        peak: Arc<AtomicU64>,
    },
}

fn status_kib(key: &str) -> Result<u64> {
    let s = std::fs::read_to_string("/proc/self/status").context("reading /proc/self/status")?;
    let line = s
        .lines()
        .find(|l| l.starts_with(key))
        .with_context(|| format!("/proc/self/status has no {key}"))?;
    line.trim_start_matches(key)
        .trim_start_matches(':')
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .with_context(|| format!("cannot parse {line:?}"))
}

impl MemProbe {
    pub fn rss() -> Self {
        let resettable = std::fs::write("/proc/self/clear_refs", "5").is_ok();
        Self::Rss { resettable }
    }

    /// Starts `nvidia-smi` sampling GPU `index` every 20 ms and waits for its first sample.
    pub fn gpu(index: usize) -> Result<Self> {
        let mut child = Command::new("nvidia-smi")
            .args([
                "--query-gpu=memory.used",
                "--format=csv,noheader,nounits",
                &format!("--id={index}"),
                "-lms",
                "20",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting nvidia-smi for GPU memory sampling (is it on PATH?)")?;
        let out = child.stdout.take().context("nvidia-smi has no stdout")?;
        let current = Arc::new(AtomicU64::new(0));
        let peak = Arc::new(AtomicU64::new(0));
        let (tx, rx) = std::sync::mpsc::channel();
        let (c, p) = (current.clone(), peak.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if let Ok(mib) = line.trim().parse::<u64>() {
                    c.store(mib, Ordering::Relaxed);
                    p.fetch_max(mib, Ordering::Relaxed);
                    let _ = tx.send(());
                }
            }
        });
        if rx.recv_timeout(std::time::Duration::from_secs(10)).is_err() {
            let _ = child.kill();
            bail!("nvidia-smi printed no memory.used sample for GPU {index} within 10 s");
        }
        Ok(Self::Gpu {
            child,
            current,
            peak,
        })
    }

    pub fn source(&self) -> &'static str {
        match self {
            Self::Rss { resettable: true } => "VmHWM (peak RSS, reset per piece)",
            Self::Rss { resettable: false } => "VmHWM (peak RSS since process start)",
            Self::Gpu { .. } => "nvidia-smi memory.used (device-wide, 20 ms samples)",
        }
    }

    /// Starts a new peak at the present level.
    pub fn reset(&self) {
        match self {
            Self::Rss { resettable } => {
                if *resettable {
                    let _ = std::fs::write("/proc/self/clear_refs", "5");
                }
            }
            Self::Gpu { current, peak, .. } => {
                peak.store(current.load(Ordering::Relaxed), Ordering::Relaxed)
            }
        }
    }

    /// The peak since the last reset, in MiB. On CUDA it waits two sampling periods so the
    /// last allocations of the piece are seen.
    pub fn peak_mib(&self) -> Result<f64> {
        match self {
            Self::Rss { .. } => Ok(status_kib("VmHWM")? as f64 / 1024.0),
            Self::Gpu { peak, .. } => {
                std::thread::sleep(std::time::Duration::from_millis(50));
                Ok(peak.load(Ordering::Relaxed) as f64)
            }
        }
    }

    /// Memory in use now, in MiB.
    pub fn current_mib(&self) -> Result<f64> {
        match self {
            Self::Rss { .. } => Ok(status_kib("VmRSS")? as f64 / 1024.0),
            Self::Gpu { current, .. } => Ok(current.load(Ordering::Relaxed) as f64),
        }
    }
}

impl Drop for MemProbe {
    fn drop(&mut self) {
        if let Self::Gpu { child, .. } = self {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
