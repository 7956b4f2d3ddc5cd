//! One `WS /ws` connection: one env, OpenEnv's reset / step / state / close
//! messages, an error reply (never a dropped server) for anything malformed.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket};
use rulegym_envs::Env;
use serde_json::{json, Value};

use crate::protocol::{self as p, Action, ResetData};
use crate::AppState;

/// Holds a session slot; dropping it (any way the connection ends) frees it.
pub struct Slot(Arc<AppState>);

impl Slot {
    /// A slot, or `None` when `max_sessions` are open.
    pub fn take(state: &Arc<AppState>) -> Option<Self> {
        let max = state.cfg.max_sessions;
        state
            .sessions
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Self(state.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.sessions.fetch_sub(1, Ordering::AcqRel);
    }
}

struct Session {
    env: Box<dyn Env>,
    episode_id: Option<String>,
    step_count: u64,
    resets: u64,
}

pub async fn run(mut socket: WebSocket, state: Arc<AppState>) {
    let Some(_slot) = Slot::take(&state) else {
        let msg = format!("all {} sessions are in use", state.cfg.max_sessions);
        let _ = send(&mut socket, p::error(p::CAPACITY_REACHED, msg)).await;
        let _ = socket.send(Message::Close(None)).await;
        return;
    };
    let env = match tokio::task::block_in_place(|| state.make_env()) {
        Ok(env) => env,
        Err(e) => {
            let _ = send(&mut socket, p::error(p::FACTORY_ERROR, e.to_string())).await;
            return;
        }
    };
    let mut s = Session {
        env,
        episode_id: None,
        step_count: 0,
        resets: 0,
    };
    loop {
        let msg = match tokio::time::timeout(state.cfg.idle_timeout, socket.recv()).await {
            Err(_) => {
                let _ = send(
                    &mut socket,
                    p::error(p::SESSION_ERROR, "session idle; closed"),
                )
                .await;
                break;
            }
            Ok(None) | Ok(Some(Err(_))) => break,
            Ok(Some(Ok(m))) => m,
        };
        let text = match msg {
            Message::Text(t) => t.to_string(),
            Message::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
            Message::Close(_) => break,
            Message::Ping(_) | Message::Pong(_) => continue,
        };
        let (reply, close) = handle(&mut s, &text);
        if send(&mut socket, reply).await.is_err() || close {
            break;
        }
    }
}

async fn send(socket: &mut WebSocket, v: Value) -> Result<(), axum::Error> {
    socket.send(Message::Text(v.to_string().into())).await
}

/// The reply to one message, and whether the session ends.
fn handle(s: &mut Session, text: &str) -> (Value, bool) {
    let msg: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return (p::error(p::INVALID_JSON, e.to_string()), false),
    };
    let mut msg = msg;
    let data = msg.get_mut("data").map(Value::take).unwrap_or(Value::Null);
    match msg.get("type").and_then(Value::as_str) {
        Some("reset") => {
            let d: ResetData = if data.is_null() {
                ResetData::default()
            } else {
                match serde_json::from_value(data) {
                    Ok(d) => d,
                    Err(e) => return (p::error(p::VALIDATION_ERROR, e.to_string()), false),
                }
            };
            match tokio::task::block_in_place(|| s.env.reset(d.seed)) {
                Ok(r) => {
                    s.resets += 1;
                    s.step_count = 0;
                    s.episode_id = Some(
                        d.episode_id
                            .unwrap_or_else(|| format!("episode-{}", s.resets)),
                    );
                    (
                        json!({"type": "observation", "data": p::reset_result(r)}),
                        false,
                    )
                }
                Err(e) => (p::error(p::EXECUTION_ERROR, e.to_string()), false),
            }
        }
        Some("step") => {
            let a: Action = match serde_json::from_value(data) {
                Ok(a) => a,
                Err(e) => {
                    let m = format!("step data must be {{\"text\": str}}: {e}");
                    return (p::error(p::VALIDATION_ERROR, m), false);
                }
            };
            match tokio::task::block_in_place(|| s.env.step(&a.text)) {
                Ok(step) => {
                    s.step_count += 1;
                    (
                        json!({"type": "observation", "data": p::step_result(step)}),
                        false,
                    )
                }
                Err(e) => (p::error(p::EXECUTION_ERROR, e.to_string()), false),
            }
        }
        Some("state") => (
            json!({"type": "state", "data": {"episode_id": s.episode_id, "step_count": s.step_count}}),
            false,
        ),
        Some("close") => (json!({"type": "closed", "data": {}}), true),
        Some(other) => (
            p::error(p::UNKNOWN_TYPE, format!("unknown message type '{other}'")),
            false,
        ),
        None => (
            p::error(p::VALIDATION_ERROR, "message needs a string \"type\""),
            false,
        ),
    }
}
