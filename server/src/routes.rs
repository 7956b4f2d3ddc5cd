//! The HTTP routes. `POST /reset` and `POST /step` are stateless, as in
//! OpenEnv: each builds a fresh env (`/step` resets it with the request's
//! `seed` first); episodes that span steps use `WS /ws`.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{State, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::protocol::{self as p, ResetData, StepRequest};
use crate::AppState;

type St = State<Arc<AppState>>;

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/ws", get(ws))
        .route("/reset", post(reset))
        .route("/step", post(step))
        .route("/state", get(state_route))
        .route(
            "/health",
            get(|| async { Json(json!({"status": "healthy"})) }),
        )
        .route("/metadata", get(metadata))
        .route("/schema", get(schema))
        .route("/openapi.json", get(openapi))
        .route("/mcp", post(mcp))
        .with_state(state)
}

fn bad(code: &str, msg: impl Into<String>) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Json(p::error(code, msg))).into_response()
}

fn failed(code: &str, msg: impl Into<String>) -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, Json(p::error(code, msg))).into_response()
}

/// tungstenite zeroes its whole read buffer (128 KiB by default) on every
/// frame it reads; OpenEnv's client messages are a few hundred bytes, and
/// that memset was a tenth of the load test's profile. Bigger messages
/// still arrive whole: the buffer is the size of one read, not a limit.
const WS_READ_BUFFER: usize = 4 * 1024;

async fn ws(upgrade: WebSocketUpgrade, State(s): St) -> Response {
    upgrade
        .read_buffer_size(WS_READ_BUFFER)
        .on_upgrade(move |socket| crate::session::run(socket, s))
}

async fn reset(State(s): St, body: Result<Json<Value>, JsonRejection>) -> Response {
    let data: ResetData = match body {
        Ok(Json(Value::Null)) | Err(JsonRejection::MissingJsonContentType(_)) => {
            ResetData::default()
        }
        Ok(Json(v)) => match serde_json::from_value(v) {
            Ok(d) => d,
            Err(e) => return bad(p::VALIDATION_ERROR, e.to_string()),
        },
        Err(e) => return bad(p::INVALID_JSON, e.body_text()),
    };
    let r = tokio::task::block_in_place(|| s.make_env().and_then(|mut env| env.reset(data.seed)));
    match r {
        Ok(r) => Json(p::reset_result(r)).into_response(),
        Err(e) => failed(p::EXECUTION_ERROR, e.to_string()),
    }
}

async fn step(State(s): St, body: Result<Json<Value>, JsonRejection>) -> Response {
    let req: StepRequest = match body {
        Ok(Json(v)) => match serde_json::from_value(v) {
            Ok(r) => r,
            Err(e) => {
                let m = format!("body must be {{\"action\": {{\"text\": str}}}}: {e}");
                return bad(p::VALIDATION_ERROR, m);
            }
        },
        Err(e) => return bad(p::INVALID_JSON, e.body_text()),
    };
    let _ = (req.timeout_s, req.request_id);
    let r = tokio::task::block_in_place(|| {
        let mut env = s.make_env()?;
        env.reset(req.seed)?;
        env.step(&req.action.text)
    });
    match r {
        Ok(step) => Json(p::step_result(step)).into_response(),
        Err(e) => failed(p::EXECUTION_ERROR, e.to_string()),
    }
}

/// HTTP is stateless: no episode is held between requests.
async fn state_route() -> Json<Value> {
    Json(json!({"episode_id": null, "step_count": 0}))
}

async fn metadata(State(s): St) -> Json<Value> {
    let spec = &s.spec;
    Json(json!({
        "name": spec.name,
        "description": spec.description,
        "version": env!("CARGO_PKG_VERSION"),
        "modality": spec.modality,
        "max_turns": spec.max_turns,
        "action_space": spec.action_space,
        "instruction": spec.instruction,
        "reward_range": p::reward_range(spec),
        "max_sessions": s.cfg.max_sessions,
        "active_sessions": s.sessions.load(Ordering::Acquire),
    }))
}

async fn schema(State(s): St) -> Json<Value> {
    Json(p::schema(&s.spec))
}

async fn openapi(State(s): St) -> Json<Value> {
    let op =
        |summary: &str| json!({"summary": summary, "responses": {"200": {"description": "OK"}}});
    Json(json!({
        "openapi": "3.1.0",
        "info": {"title": format!("rulegym {}", s.spec.name), "version": env!("CARGO_PKG_VERSION")},
        "paths": {
            "/reset": {"post": op("Start an episode on a fresh env (stateless)")},
            "/step": {"post": op("Reset a fresh env with `seed` and take one step (stateless)")},
            "/state": {"get": op("Episode state (HTTP holds none)")},
            "/health": {"get": op("Liveness")},
            "/metadata": {"get": op("Env name, spec and reward range")},
            "/schema": {"get": op("JSON Schemas of action, observation and state")},
            "/mcp": {"post": op("MCP JSON-RPC 2.0 (initialize, tools/list)")},
            "/ws": {"get": op("Stateful session: reset / step / state / close messages")},
        },
        "components": {"schemas": p::schema(&s.spec)},
    }))
}

/// A minimal MCP endpoint: `initialize` and `tools/list` (this env exposes
/// no MCP tools; episodes run over `/ws`).
async fn mcp(State(s): St, body: Result<Json<Value>, JsonRejection>) -> Json<Value> {
    let req = match body {
        Ok(Json(v)) => v,
        Err(e) => {
            return Json(json!({"jsonrpc": "2.0", "id": null,
                "error": {"code": -32700, "message": format!("parse error: {}", e.body_text())}}))
        }
    };
    let id = req.get("id").cloned().unwrap_or(Value::Null);
    let result = match req.get("method").and_then(Value::as_str) {
        Some("initialize") => json!({
            "protocolVersion": "2025-06-18",
            "capabilities": {"tools": {}},
            "serverInfo": {"name": format!("rulegym {}", s.spec.name), "version": env!("CARGO_PKG_VERSION")},
        }),
        Some("tools/list") => json!({"tools": []}),
        Some(m) => {
            return Json(json!({"jsonrpc": "2.0", "id": id,
                "error": {"code": -32601, "message": format!("method '{m}' not found")}}))
        }
        None => {
            return Json(json!({"jsonrpc": "2.0", "id": id,
                "error": {"code": -32600, "message": "invalid request: no method"}}))
        }
    };
    Json(json!({"jsonrpc": "2.0", "id": id, "result": result}))
}
