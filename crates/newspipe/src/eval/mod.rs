//! `newspipe eval ...`: score a stage against a gold file. Each stage's scorer lives in its own
//! file here (owned with that stage); this module only dispatches.

mod extraction;
mod ner;
mod sbd;

use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Sentence boundaries: exact-match accuracy on a Golden-Rules JSONL file.
    Sbd(sbd::Args),
    /// Article extraction: 4-token-shingle precision/recall/F1 of body paragraphs vs articleBody.
    Extraction(extraction::Args),
    /// Entities: span-exact precision/recall/F1 per label on CoNLL/IOB files.
    Ner(ner::Args),
}

/// Runs one evaluation; the exit code is 0 when it completed.
pub fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Sbd(args) => sbd::run(args),
        EvalCommand::Extraction(args) => extraction::run(args),
        EvalCommand::Ner(args) => ner::run(args),
    }
}
