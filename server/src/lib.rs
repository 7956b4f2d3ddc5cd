//! rulegym-server: one rulegym env served over OpenEnv's protocol
//! (`trainer serve`): a stateful `WS /ws` session per connection, stateless
//! `POST /reset` / `POST /step`, and `/health`, `/metadata`, `/schema`,
//! `/state`, `/openapi.json`, `POST /mcp`.
//!
//! Each session owns one env; steps run on tokio's blocking-aware worker
//! threads (`block_in_place`), a session cap answers `CAPACITY_REACHED`, and a
//! session idle for `idle_timeout` is closed.

pub mod protocol;
mod routes;
mod session;

use std::net::SocketAddr;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Duration;

use rulegym_envs::{EnvError, EnvSpec};

/// Server settings.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub env: String,
    /// The env's config (`Null`: defaults).
    pub env_config: serde_json::Value,
    pub max_sessions: usize,
    pub idle_timeout: Duration,
}

impl ServeConfig {
    pub fn new(env: &str) -> Self {
        Self {
            env: env.to_string(),
            env_config: serde_json::Value::Null,
            max_sessions: 256,
            idle_timeout: Duration::from_secs(300),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Env(#[from] EnvError),
    #[error("server on {addr}: {source}")]
    Io {
        addr: String,
        #[source]
        source: std::io::Error,
    },
}

pub(crate) struct AppState {
    pub cfg: ServeConfig,
    pub spec: EnvSpec,
    pub sessions: AtomicUsize,
}

impl AppState {
    pub fn make_env(&self) -> Result<Box<dyn rulegym_envs::Env>, EnvError> {
        rulegym_envs::make(&self.cfg.env, &self.cfg.env_config)
    }
}

/// The axum app for `cfg`; building one env up front checks name and config.
pub fn app(cfg: ServeConfig) -> Result<axum::Router, ServeError> {
    let spec = rulegym_envs::make(&cfg.env, &cfg.env_config)?
        .spec()
        .clone();
    let state = Arc::new(AppState {
        cfg,
        spec,
        sessions: AtomicUsize::new(0),
    });
    Ok(routes::router(state))
}

/// Serves until the process ends; `on_bound` gets the bound address (port 0
/// picks a free one).
pub async fn serve(
    cfg: ServeConfig,
    addr: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let app = app(cfg)?;
    let io = |source| ServeError::Io {
        addr: addr.to_string(),
        source,
    };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
    on_bound(listener.local_addr().map_err(io)?);
    axum::serve(listener, app).await.map_err(io)
}
