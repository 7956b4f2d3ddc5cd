//! Plays one episode with an agent and records it: a PNG per turn, an
//! animated GIF, and a JSON log with every state, action and reward part.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::agents::{Agent, AgentView};
use super::obs;
use super::sim::World;
use crate::{Env, EnvError, Frame, Info};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TurnRecord {
    pub turn: u32,
    /// The text state the agent was shown.
    pub state_text: String,
    /// The agent's raw answer.
    pub answer: String,
    pub reward: f64,
    pub reward_parts: BTreeMap<String, f64>,
    pub terminated: bool,
    pub truncated: bool,
    pub info: Info,
    /// The world after the turn.
    pub world: World,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EpisodeRecord {
    pub env: String,
    pub agent: String,
    pub seed: u64,
    pub initial: World,
    pub turns: Vec<TurnRecord>,
    #[serde(rename = "return")]
    pub total_return: f64,
    pub score: [u32; 2],
}

fn io_err(path: &Path, source: std::io::Error) -> EnvError {
    EnvError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Plays an episode; with `out`, writes `frame_NNNN.png`, `episode.gif` and
/// `episode.json` there (frames use the env's frame style even when the env
/// does not render frames for the policy).
pub fn record_episode(
    env_name: &str,
    config: &serde_json::Value,
    agent: &mut dyn Agent,
    seed: u64,
    out: Option<&Path>,
) -> Result<EpisodeRecord, EnvError> {
    let mut env = super::make_env(env_name, config)?;
    let style = env.config().frame;
    let reset = env.reset(Some(seed))?;
    agent.reset(seed);
    let initial = env
        .world()
        .cloned()
        .ok_or_else(|| EnvError::NotReset(env_name.to_string()))?;
    let mut frames = vec![obs::render(&initial, env.controlled(), &style)];
    let mut obs_now = reset.observation;
    let mut turns = Vec::new();
    let mut total = 0.0;
    loop {
        let answer = {
            let world = env
                .world()
                .ok_or_else(|| EnvError::NotReset(env_name.to_string()))?;
            agent.act(&AgentView {
                observation: &obs_now,
                spec: env.spec(),
                world,
                controlled: env.controlled(),
            })
        };
        let step = env.step(&answer)?;
        total += step.reward;
        let world = env
            .world()
            .cloned()
            .ok_or_else(|| EnvError::NotReset(env_name.to_string()))?;
        frames.push(obs::render(&world, env.controlled(), &style));
        turns.push(TurnRecord {
            turn: turns.len() as u32,
            state_text: obs_now.text.clone(),
            answer,
            reward: step.reward,
            reward_parts: step.reward_parts.clone(),
            terminated: step.terminated,
            truncated: step.truncated,
            info: step.info.clone(),
            world,
        });
        if step.done() {
            break;
        }
        obs_now = step.observation;
    }
    let score = turns.last().map(|t| t.world.score).unwrap_or([0, 0]);
    let rec = EpisodeRecord {
        env: env_name.to_string(),
        agent: agent.name(),
        seed,
        initial,
        turns,
        total_return: total,
        score,
    };
    if let Some(dir) = out {
        write_outputs(dir, &rec, &frames)?;
    }
    Ok(rec)
}

fn write_outputs(dir: &Path, rec: &EpisodeRecord, frames: &[Frame]) -> Result<(), EnvError> {
    std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    for (k, f) in frames.iter().enumerate() {
        f.save(&dir.join(format!("frame_{k:04}.png")))?;
    }
    rulegym_render::save_gif(frames, &dir.join("episode.gif"), 250)?;
    let json_path = dir.join("episode.json");
    let json = serde_json::to_string_pretty(rec)
        .map_err(|e| EnvError::Other(format!("{}: {e}", json_path.display())))?;
    std::fs::write(&json_path, json).map_err(|e| io_err(&json_path, e))
}
