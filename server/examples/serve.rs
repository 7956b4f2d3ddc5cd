//! The server without the trainer (and without building candle):
//! `cargo run -p rulegym-server --example serve -- ENV [PORT]`.
//! `trainer serve` is the full command (config, host, caps).

use rulegym_server::{serve, ServeConfig};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let env = args.next().unwrap_or_else(|| "math".into());
    let port: u16 = match args.next().map(|p| p.parse()) {
        None => 8000,
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            eprintln!("error: bad port: {e}");
            std::process::exit(2);
        }
    };
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    if let Err(e) = serve(ServeConfig::new(&env), addr, |a| {
        eprintln!("serving {env} on http://{a} (WS /ws)")
    })
    .await
    {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
