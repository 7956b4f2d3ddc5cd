/// Everything an environment, its config or the registry can refuse.
#[derive(Debug, thiserror::Error)]
pub enum EnvError {
    #[error("unknown environment '{name}'; known environments: {known}")]
    UnknownEnv { name: String, known: String },
    #[error("invalid config for '{env}': {message}")]
    Config { env: String, message: String },
    #[error("step() called on a finished episode of '{0}'; call reset() first")]
    EpisodeOver(String),
    #[error("step() called before reset() on '{0}'")]
    NotReset(String),
    #[error("{path}:{line}: {message}")]
    Data {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("environment '{name}' is already registered")]
    Duplicate { name: String },
    #[error("worker thread for env {index} failed: {message}")]
    Worker { index: usize, message: String },
    #[error(transparent)]
    Render(#[from] rulegym_render::RenderError),
    #[error("{0}")]
    Other(String),
}

impl EnvError {
    /// A config error naming the env; `serde` messages already name the key.
    pub fn config(env: &str, message: impl std::fmt::Display) -> Self {
        Self::Config {
            env: env.to_string(),
            message: message.to_string(),
        }
    }
}
