//! `trainer envs`: the registry, one env per line.

/// Lists registered environments.
#[derive(Debug, clap::Args)]
pub struct EnvsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &EnvsArgs) -> anyhow::Result<()> {
    let list = rulegym_envs::list();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    if list.is_empty() {
        println!("no environments registered");
    }
    let w = list.iter().map(|e| e.name.len()).max().unwrap_or(0);
    for e in list {
        println!("{:w$}  {}", e.name, e.description);
    }
    Ok(())
}
