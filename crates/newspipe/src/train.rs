//! `newspipe train ...`. SKELETON — owned by the entities helper.

use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the named-entity model.
    Ner {
        /// Training files.
        inputs: Vec<PathBuf>,
    },
}

pub fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Ner { inputs } => anyhow::bail!("not implemented yet: {inputs:?}"),
    }
}
