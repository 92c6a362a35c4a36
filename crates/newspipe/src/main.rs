//! The `newspipe` command line: `run` the pipeline over a corpus, `eval` a stage against a gold
//! file, `train` a model. Wiring only: the work happens in the library modules and stage crates.

mod cli;
mod eval;
mod train;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "newspipe",
    version,
    about = "Turn raw scraped news pages into clean, annotated documents",
    after_help = "Exit status: 0 on success, 1 when `run` wrote some error records, 2 on usage \
                  errors or when a command could not complete. See `newspipe run --help`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the pipeline over pages, directories or JSON Lines and write one record per input.
    Run(cli::RunArgs),
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
        Command::Run(args) => cli::run(args),
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
