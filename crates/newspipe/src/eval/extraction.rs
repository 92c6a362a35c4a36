//! SKELETON — owned by the stage helper.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold file.
    pub gold: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet: {}", args.gold.display())
}
