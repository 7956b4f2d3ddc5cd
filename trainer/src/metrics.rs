//! Per-step and per-eval records, appended as JSON lines to
//! `runs/<name>/metrics.jsonl`, and sampled completions in `samples.jsonl`.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

/// Errors of the metrics files.
#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("metrics file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("metrics file {path} line {line}: {msg}")]
    Parse {
        path: String,
        line: usize,
        msg: String,
    },
}

/// serde_json writes a non-finite f64 as `null`; it is read back as NaN, so
/// the line of a step with a NaN loss or reward stays readable (and a resumed
/// run keeps it) instead of failing to parse.
fn nan_if_null<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// Mean and std of one reward component over the batch's episodes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct MeanStd {
    #[serde(deserialize_with = "nan_if_null")]
    pub mean: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub std: f64,
}

impl MeanStd {
    /// Population statistics of `xs` (0, 0 when empty).
    pub fn of(xs: &[f64]) -> Self {
        if xs.is_empty() {
            return Self::default();
        }
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        Self {
            mean,
            std: var.sqrt(),
        }
    }
}

/// One training step, as written to `metrics.jsonl` (`"kind": "train"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepMetrics {
    pub step: u64,
    pub stage: String,
    #[serde(deserialize_with = "nan_if_null")]
    pub lr: f64,
    /// Reward per component (and `total`) over episodes.
    pub reward: BTreeMap<String, MeanStd>,
    /// Fraction of episodes whose `format` part was positive.
    pub format_rate: Option<f64>,
    /// Fraction of episodes judged correct (`accuracy` part positive or
    /// `info.correct`).
    pub accuracy: Option<f64>,
    #[serde(deserialize_with = "nan_if_null")]
    pub episode_return: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub episode_len: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub kl: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub entropy: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub clip_fraction: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub grad_norm: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub loss: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub response_len: f64,
    /// True when the loss was not finite and the update was skipped.
    pub skipped: bool,
    /// Wall-clock rates; excluded when comparing runs bit for bit.
    #[serde(deserialize_with = "nan_if_null")]
    pub tokens_per_s: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub env_steps_per_s: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub step_seconds: f64,
}

impl StepMetrics {
    /// A copy with the timing fields zeroed (resume comparisons).
    pub fn without_timing(&self) -> Self {
        Self {
            tokens_per_s: 0.0,
            env_steps_per_s: 0.0,
            step_seconds: 0.0,
            ..self.clone()
        }
    }
}

/// An evaluation pass (`"kind": "eval"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvalMetrics {
    pub step: u64,
    pub env: String,
    pub episodes: usize,
    #[serde(deserialize_with = "nan_if_null")]
    pub mean_return: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub return_ci95: f64,
    pub accuracy: Option<f64>,
    pub accuracy_ci95: Option<f64>,
    pub format_rate: Option<f64>,
}

/// A line of `metrics.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    Train(StepMetrics),
    Eval(EvalMetrics),
    /// A note such as a skipped non-finite step or an interruption.
    Event {
        step: u64,
        message: String,
    },
}

impl Record {
    pub fn step(&self) -> u64 {
        match self {
            Record::Train(m) => m.step,
            Record::Eval(m) => m.step,
            Record::Event { step, .. } => *step,
        }
    }

    /// A numeric field by name (`reward.total.mean`, `accuracy`, ...), for plots.
    pub fn value(&self, metric: &str) -> Option<f64> {
        let json = serde_json::to_value(self).ok()?;
        let mut cur = &json;
        for part in metric.split('.') {
            cur = cur.get(part)?;
        }
        cur.as_f64()
    }
}

/// Appends JSON lines and flushes after each, so a killed run loses nothing.
pub struct JsonlWriter {
    path: PathBuf,
    out: BufWriter<File>,
}

impl JsonlWriter {
    pub fn append(path: &Path) -> Result<Self, MetricsError> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|source| io_err(path, source))?;
        Ok(Self {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
        })
    }

    pub fn write<T: Serialize>(&mut self, rec: &T) -> Result<(), MetricsError> {
        let line = serde_json::to_string(rec).map_err(|e| MetricsError::Parse {
            path: self.path.display().to_string(),
            line: 0,
            msg: e.to_string(),
        })?;
        writeln!(self.out, "{line}").map_err(|source| io_err(&self.path, source))?;
        self.out
            .flush()
            .map_err(|source| io_err(&self.path, source))
    }
}

fn io_err(path: &Path, source: std::io::Error) -> MetricsError {
    MetricsError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Reads every record of a metrics file.
pub fn read_records(path: &Path) -> Result<Vec<Record>, MetricsError> {
    let file = File::open(path).map_err(|source| io_err(path, source))?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|source| io_err(path, source))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec = serde_json::from_str(&line).map_err(|e| MetricsError::Parse {
            path: path.display().to_string(),
            line: i + 1,
            msg: e.to_string(),
        })?;
        out.push(rec);
    }
    Ok(out)
}

/// Drops lines whose step is at or beyond `step` (written after the
/// checkpoint a resumed run restarts from), keeping the file consistent with
/// an uninterrupted run. Lines that do not parse are dropped too (a line cut
/// by a crash).
pub fn truncate_from(path: &Path, step: u64) -> Result<(), MetricsError> {
    if !path.exists() {
        return Ok(());
    }
    let text = std::fs::read_to_string(path).map_err(|source| io_err(path, source))?;
    let mut kept = String::new();
    for line in text.lines() {
        let Ok(rec) = serde_json::from_str::<Record>(line) else {
            continue;
        };
        let keep = match &rec {
            // Eval at step k runs after update k-1 and before the checkpoint
            // at k is written: a run resumed from k does not repeat it.
            Record::Eval(m) => m.step <= step,
            _ => rec.step() < step,
        };
        if keep {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    std::fs::write(path, kept).map_err(|source| io_err(path, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_expose_nested_values() {
        let mut m = StepMetrics {
            step: 3,
            episode_return: 0.5,
            ..Default::default()
        };
        m.reward.insert(
            "total".into(),
            MeanStd {
                mean: 1.25,
                std: 0.5,
            },
        );
        let rec = Record::Train(m);
        let line = serde_json::to_string(&rec).unwrap();
        assert!(line.contains("\"kind\":\"train\""));
        let back: Record = serde_json::from_str(&line).unwrap();
        assert_eq!(back, rec);
        assert_eq!(back.value("reward.total.mean"), Some(1.25));
        assert_eq!(back.value("episode_return"), Some(0.5));
        assert_eq!(back.value("nope"), None);
    }

    #[test]
    fn truncation_keeps_only_earlier_steps() {
        let dir = std::env::temp_dir().join(format!("rulegym-metrics-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("m.jsonl");
        let _ = std::fs::remove_file(&path);
        let mut w = JsonlWriter::append(&path).unwrap();
        for step in 0..5 {
            w.write(&Record::Train(StepMetrics {
                step,
                ..Default::default()
            }))
            .unwrap();
        }
        drop(w);
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(b"{\"kind\":\"tra"))
            .unwrap();
        truncate_from(&path, 3).unwrap();
        let recs = read_records(&path).unwrap();
        assert_eq!(
            recs.iter().map(Record::step).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn non_finite_values_read_back_as_nan() {
        let rec = Record::Train(StepMetrics {
            loss: f64::NAN,
            grad_norm: f64::INFINITY,
            skipped: true,
            ..Default::default()
        });
        let line = serde_json::to_string(&rec).unwrap();
        assert!(line.contains("\"loss\":null"), "{line}");
        let Record::Train(back) = serde_json::from_str(&line).unwrap() else {
            panic!("not a train record: {line}");
        };
        assert!(back.loss.is_nan() && back.grad_norm.is_nan() && back.skipped);
        assert_eq!(back.kl, 0.0);
    }

    #[test]
    fn mean_std_is_population() {
        let s = MeanStd::of(&[1.0, 3.0]);
        assert_eq!((s.mean, s.std), (2.0, 1.0));
    }
}
