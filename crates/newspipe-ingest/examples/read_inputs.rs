//! Reads inputs the way `newspipe run` does and prints one line per record.
//!
//! ```text
//! cargo run -p newspipe-ingest --example read_inputs -- tests/fixtures/ingest
//! cargo run -p newspipe-ingest --example read_inputs -- --shard 1/3 corpus.jsonl
//! gzip -c pages.jsonl | cargo run -p newspipe-ingest --example read_inputs -- -
//! ```
//!
//! Without arguments it reads the fixtures in `tests/fixtures/ingest/`.

use newspipe_ingest::{discover_detailed, read, ReadOptions, Shard};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut options = ReadOptions::default();
    if let Some(at) = args.iter().position(|a| a == "--shard") {
        let spec = args.get(at + 1).cloned().unwrap_or_default();
        match spec.parse::<Shard>() {
            Ok(shard) => options.shard = Some(shard),
            Err(e) => {
                eprintln!("read_inputs: {e}");
                return ExitCode::from(2);
            }
        }
        args.drain(at..(at + 2).min(args.len()));
    }
    let mut paths: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    if paths.is_empty() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ingest");
        paths.push(fixtures.canonicalize().unwrap_or(fixtures));
    }
    let found = match discover_detailed(&paths) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("read_inputs: {e}");
            return ExitCode::from(2);
        }
    };
    for path in &found.skipped {
        eprintln!("skipped (unknown extension): {}", path.display());
    }
    let (mut documents, mut errors) = (0, 0);
    for record in read(found.inputs, options) {
        match record {
            Ok(doc) => {
                documents += 1;
                let first_line = doc
                    .text
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                let shown: String = first_line.chars().take(60).collect();
                println!(
                    "ok    {} [{} #{}] {} blocks, {} chars: {shown}",
                    doc.id,
                    doc.source.format.as_str(),
                    doc.source.record,
                    doc.blocks.len(),
                    doc.text.chars().count(),
                );
                for diagnostic in &doc.diagnostics {
                    println!("      warning: {}", diagnostic.message);
                }
            }
            Err(error) => {
                errors += 1;
                println!("error {}: {}", error.id, error.message);
            }
        }
    }
    eprintln!("{documents} documents, {errors} error records");
    ExitCode::SUCCESS
}
