//! The newspipe driver. SKELETON — the driver helper owns this file and `run`.

mod eval;
mod train;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "newspipe",
    version,
    about = "Turn raw scraped news pages into clean, annotated documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score a stage against a gold file.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a model shipped with newspipe.
    #[command(subcommand)]
    Train(train::TrainCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Eval(cmd) => eval::run(cmd),
        Command::Train(cmd) => train::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newspipe: {e:#}");
            ExitCode::from(2)
        }
    }
}
