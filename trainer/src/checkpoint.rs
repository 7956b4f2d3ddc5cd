//! Checkpoints: policy (or its adapters), optimizer state, RNG and step,
//! written to a temporary folder and renamed into place so a crash never
//! leaves a half-written checkpoint that `--resume` would pick up.
//!
//! Layout: `runs/<name>/checkpoints/step-00000050/{policy/, optimizer.safetensors,
//! state.json}` and `runs/<name>/checkpoints/latest` naming the newest one.

use std::path::{Path, PathBuf};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::optim::{AdamW, OptimError};

/// Errors writing or reading checkpoints.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    #[error("checkpoint {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("checkpoint {path}: {msg}")]
    Invalid { path: String, msg: String },
    #[error(transparent)]
    Optim(#[from] OptimError),
    #[error("checkpoint {path}: saving the policy failed: {msg}")]
    Policy { path: String, msg: String },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CheckpointError + '_ {
    move |source| CheckpointError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// A ChaCha8 stream position, exact to the word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RngState {
    pub seed: [u8; 32],
    pub stream: u64,
    /// u128 as a decimal string (JSON numbers lose precision past 2^53).
    pub word_pos: String,
}

impl RngState {
    pub fn capture(rng: &ChaCha8Rng) -> Self {
        Self {
            seed: rng.get_seed(),
            stream: rng.get_stream(),
            word_pos: rng.get_word_pos().to_string(),
        }
    }

    pub fn restore(&self) -> Result<ChaCha8Rng, String> {
        let pos: u128 = self
            .word_pos
            .parse()
            .map_err(|e| format!("rng word_pos `{}`: {e}", self.word_pos))?;
        let mut rng = ChaCha8Rng::from_seed(self.seed);
        rng.set_stream(self.stream);
        rng.set_word_pos(pos);
        Ok(rng)
    }
}

/// Everything besides tensors a resumed run needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainState {
    /// The next generation step to run (steps before it are done).
    pub step: u64,
    pub rng: RngState,
    /// Consecutive non-finite losses so far.
    pub nonfinite_streak: u32,
}

pub fn checkpoints_dir(run_dir: &Path) -> PathBuf {
    run_dir.join("checkpoints")
}

/// Writes a checkpoint atomically; `save_policy` writes the policy files
/// into the folder it is given. Returns the final folder.
pub fn save(
    run_dir: &Path,
    state: &TrainState,
    optimizer: &AdamW,
    save_policy: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<PathBuf, CheckpointError> {
    let root = checkpoints_dir(run_dir);
    std::fs::create_dir_all(&root).map_err(io(&root))?;
    let name = format!("step-{:08}", state.step);
    let tmp = root.join(format!("{name}.tmp"));
    let fin = root.join(&name);
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    std::fs::create_dir_all(tmp.join("policy")).map_err(io(&tmp))?;
    save_policy(&tmp.join("policy")).map_err(|msg| CheckpointError::Policy {
        path: tmp.display().to_string(),
        msg,
    })?;
    optimizer.save(&tmp.join("optimizer.safetensors"))?;
    let json = serde_json::to_string_pretty(state).map_err(|e| CheckpointError::Invalid {
        path: tmp.display().to_string(),
        msg: e.to_string(),
    })?;
    std::fs::write(tmp.join("state.json"), json).map_err(io(&tmp))?;
    if fin.exists() {
        std::fs::remove_dir_all(&fin).map_err(io(&fin))?;
    }
    std::fs::rename(&tmp, &fin).map_err(io(&fin))?;
    let latest_tmp = root.join("latest.tmp");
    std::fs::write(&latest_tmp, &name).map_err(io(&latest_tmp))?;
    std::fs::rename(&latest_tmp, root.join("latest")).map_err(io(&root))?;
    Ok(fin)
}

/// The newest complete checkpoint of a run, if any.
pub fn latest(run_dir: &Path) -> Result<Option<PathBuf>, CheckpointError> {
    let root = checkpoints_dir(run_dir);
    let pointer = root.join("latest");
    if !pointer.exists() {
        return Ok(None);
    }
    let name = std::fs::read_to_string(&pointer).map_err(io(&pointer))?;
    let dir = root.join(name.trim());
    if !dir.join("state.json").exists() {
        return Err(CheckpointError::Invalid {
            path: dir.display().to_string(),
            msg: "named by `latest` but has no state.json".into(),
        });
    }
    Ok(Some(dir))
}

pub fn read_state(dir: &Path) -> Result<TrainState, CheckpointError> {
    let path = dir.join("state.json");
    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
    serde_json::from_str(&text).map_err(|e| CheckpointError::Invalid {
        path: path.display().to_string(),
        msg: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::AdamWConfig;
    use candle_core::{Device, Var};
    use rand::RngCore;

    #[test]
    fn rng_state_restores_the_exact_stream_position() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..13 {
            rng.next_u32();
        }
        let state = RngState::capture(&rng);
        let json = serde_json::to_string(&state).unwrap();
        let mut back = serde_json::from_str::<RngState>(&json)
            .unwrap()
            .restore()
            .unwrap();
        assert_eq!(rng.next_u64(), back.next_u64());
    }

    #[test]
    fn save_is_atomic_and_latest_points_at_it() {
        let run = std::env::temp_dir().join(format!("rulegym-ckpt-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&run);
        let w = Var::new(&[1.0f32, 2.0], &Device::Cpu).unwrap();
        let opt = AdamW::new(vec![("w".into(), w)], AdamWConfig::default()).unwrap();
        let state = TrainState {
            step: 5,
            rng: RngState::capture(&ChaCha8Rng::seed_from_u64(1)),
            nonfinite_streak: 0,
        };
        // A failing policy save leaves no checkpoint behind.
        assert!(save(&run, &state, &opt, |_| Err("disk full".into())).is_err());
        assert!(latest(&run).unwrap().is_none());
        let dir = save(&run, &state, &opt, |d| {
            std::fs::write(d.join("model.safetensors"), b"x").map_err(|e| e.to_string())
        })
        .unwrap();
        assert_eq!(latest(&run).unwrap(), Some(dir.clone()));
        assert_eq!(read_state(&dir).unwrap(), state);
        assert!(dir.join("policy/model.safetensors").exists());
        assert!(dir.join("optimizer.safetensors").exists());
        std::fs::remove_dir_all(&run).ok();
    }
}
