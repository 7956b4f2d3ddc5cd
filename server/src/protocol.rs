//! OpenEnv's JSON shapes, and the one place where the env contract's
//! `Reset`/`Step`/`EnvSpec` become them. Frames travel as base64 PNG strings
//! (`Frame`'s serde form), one per video frame, in `observation.frames`.

use rulegym_envs::{EnvSpec, Info, Observation, Reset, Step};
use serde::Deserialize;
use serde_json::{json, Value};

/// Error codes of OpenEnv's WebSocket protocol.
pub const INVALID_JSON: &str = "INVALID_JSON";
pub const UNKNOWN_TYPE: &str = "UNKNOWN_TYPE";
pub const VALIDATION_ERROR: &str = "VALIDATION_ERROR";
pub const EXECUTION_ERROR: &str = "EXECUTION_ERROR";
pub const CAPACITY_REACHED: &str = "CAPACITY_REACHED";
pub const FACTORY_ERROR: &str = "FACTORY_ERROR";
pub const SESSION_ERROR: &str = "SESSION_ERROR";

/// `reset` data (OpenEnv: `seed`, `episode_id`; other keys ignored).
#[derive(Debug, Default, Deserialize)]
pub struct ResetData {
    #[serde(default)]
    pub seed: Option<u64>,
    #[serde(default)]
    pub episode_id: Option<String>,
}

/// The action: the policy's text (a free answer or one of the legal names).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub text: String,
}

/// HTTP `POST /step` body (OpenEnv: `{action, timeout_s?, request_id?}`);
/// `seed` picks the episode the stateless step plays.
#[derive(Debug, Deserialize)]
pub struct StepRequest {
    pub action: Action,
    #[serde(default)]
    pub timeout_s: Option<f64>,
    #[serde(default)]
    pub request_id: Option<String>,
    #[serde(default)]
    pub seed: Option<u64>,
}

fn observation(obs: &Observation, reward: Option<f64>, done: bool, extra: Info) -> Value {
    // Frame serialization (PNG) cannot fail for a valid frame; an error
    // would show as an empty list rather than a dropped connection.
    let frames = serde_json::to_value(&obs.frames).unwrap_or_else(|_| json!([]));
    json!({
        "text": obs.text,
        "frames": frames,
        "done": done,
        "reward": reward,
        "metadata": extra,
    })
}

/// `{observation, reward: null, done: false}` after a reset.
pub fn reset_result(r: Reset) -> Value {
    json!({
        "observation": observation(&r.observation, None, false, r.info),
        "reward": null,
        "done": false,
    })
}

/// `{observation, reward, done}` after a step; `metadata` carries the info,
/// `reward_parts`, `terminated`/`truncated` and any other `Step` field.
/// Takes the step by value: the observation and info move out, so nothing
/// is cloned on this per-message path.
pub fn step_result(mut s: Step) -> Value {
    let obs = std::mem::take(&mut s.observation);
    let mut meta = std::mem::take(&mut s.info);
    let (reward, done) = (s.reward, s.done());
    if let Ok(Value::Object(fields)) = serde_json::to_value(&s) {
        for (k, v) in fields {
            if !matches!(k.as_str(), "observation" | "info" | "reward") {
                meta.insert(k, v);
            }
        }
    }
    json!({
        "observation": observation(&obs, Some(reward), done, meta),
        "reward": reward,
        "done": done,
    })
}

/// `{"type": "error", "data": {"message", "code"}}`.
pub fn error(code: &str, message: impl Into<String>) -> Value {
    json!({"type": "error", "data": {"message": message.into(), "code": code}})
}

/// The reward range clients may check rewards against: math tops at 1.5
/// (format 0.5 + accuracy 1.0); football's goals and shaping go beyond
/// [0, 1] both ways.
pub fn reward_range(spec: &EnvSpec) -> [f64; 2] {
    let family = spec.name.split('/').next().unwrap_or("");
    match family {
        "football" => [-10.0, 10.0],
        "math" | "spatial" => [0.0, 1.5],
        _ => [-1.0, 1.5],
    }
}

/// JSON Schemas of action, observation and state.
pub fn schema(spec: &EnvSpec) -> Value {
    let action_text = match &spec.action_space {
        rulegym_envs::ActionSpace::OneOf(names) => json!({"type": "string", "enum": names}),
        _ => json!({"type": "string"}),
    };
    json!({
        "action": {
            "title": "Action", "type": "object", "required": ["text"],
            "properties": {"text": action_text}, "additionalProperties": false,
        },
        "observation": {
            "title": "Observation", "type": "object",
            "properties": {
                "text": {"type": "string"},
                "frames": {"type": "array", "items": {
                    "type": "string", "contentEncoding": "base64", "contentMediaType": "image/png",
                    "description": "one RGB frame per image / video frame, base64 PNG"}},
                "done": {"type": "boolean"},
                "reward": {"type": ["number", "null"]},
                "metadata": {"type": "object"},
            },
        },
        "state": {
            "title": "State", "type": "object",
            "properties": {
                "episode_id": {"type": ["string", "null"]},
                "step_count": {"type": "integer"},
            },
        },
    })
}
