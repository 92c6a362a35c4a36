//! Read news corpora into newspipe [`Document`]s.
#![allow(clippy::result_large_err)]
//!
//! SKELETON — the ingest helper replaces the bodies; the public signatures below are the
//! contract the driver codes against (they may grow, not shrink, without telling the driver).

pub mod html;

use newspipe_model::{Block, Document, Source, Span};
use std::path::PathBuf;

/// One input named on the command line, after directory expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// JSON Lines on standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

/// Take a deterministic share `index` of `count` (0-based index) of the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

/// Options for [`read`].
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub shard: Option<Shard>,
}

/// A record that could not be read: written by the driver as an error record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError {
    pub id: String,
    pub source: Source,
    pub message: String,
    /// Input bytes the record covered (for statistics).
    pub bytes: u64,
}

/// Why the inputs could not be listed (missing path, unreadable directory).
#[derive(Debug)]
pub struct IngestError {
    pub path: PathBuf,
    pub message: String,
}

/// Expands paths (directories recursively, sorted) into inputs; `-` means standard input.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Input>, IngestError> {
    Ok(paths
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Input::Stdin
            } else {
                Input::File(p.clone())
            }
        })
        .collect())
}

/// Streams every record of `inputs`, in input order: one item per record, a document or an error.
pub fn read(
    inputs: Vec<Input>,
    options: ReadOptions,
) -> impl Iterator<Item = Result<Document, RecordError>> {
    let _ = options;
    inputs.into_iter().map(|input| match input {
        Input::Stdin => Err(RecordError {
            id: "-".into(),
            source: Source::new("-", "jsonl", 0),
            message: "stdin not yet supported".into(),
            bytes: 0,
        }),
        Input::File(path) => {
            let p = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let mut doc = Document::from_text(p.clone(), Source::new(p, "txt", 0), text);
                    doc.blocks = text_blocks(&doc.raw);
                    Ok(doc)
                }
                Err(e) => Err(RecordError {
                    id: p.clone(),
                    source: Source::new(p, "txt", 0),
                    message: e.to_string(),
                    bytes: 0,
                }),
            }
        }
    })
}

/// Cuts a plain-text page into blocks, one per non-empty line.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if !trimmed.trim().is_empty() {
            blocks.push(Block::new(trimmed, Span::new(start, start + trimmed.len())));
        }
        start += line.len();
    }
    blocks
}
