//! The `trainer` command.

fn main() -> anyhow::Result<()> {
    anyhow::bail!("no subcommands yet")
}
