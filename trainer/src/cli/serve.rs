//! `trainer serve --env NAME [--port P] [--max-sessions N]`: the env over
//! OpenEnv's HTTP/WebSocket protocol (rulegym-server).

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use rulegym_server::ServeConfig;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Registered env to serve (`trainer envs` lists them).
    #[arg(long)]
    pub env: String,
    /// Env config as JSON (defaults when absent).
    #[arg(long)]
    pub config: Option<String>,
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Address to bind (127.0.0.1 keeps it local; 0.0.0.0 for a cluster).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Concurrent WebSocket sessions at most (TRL opens one per generation).
    #[arg(long, default_value_t = 256)]
    pub max_sessions: usize,
    /// Seconds a session may stay idle before it is closed.
    #[arg(long, default_value_t = 300)]
    pub idle_timeout: u64,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let mut cfg = ServeConfig::new(&args.env);
    if let Some(c) = &args.config {
        cfg.env_config = serde_json::from_str(c).context("--config is not JSON")?;
    }
    cfg.max_sessions = args.max_sessions;
    cfg.idle_timeout = Duration::from_secs(args.idle_timeout);
    let addr: SocketAddr = format!("{}:{}", args.host, args.port)
        .parse()
        .with_context(|| format!("bad --host/--port {}:{}", args.host, args.port))?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?;
    rt.block_on(rulegym_server::serve(cfg, addr, |a| {
        eprintln!("serving {} on http://{a} (WS /ws)", args.env)
    }))?;
    Ok(())
}
