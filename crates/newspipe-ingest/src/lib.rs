//! Read news corpora into newspipe [`Document`]s.
//!
//! `newspipe-ingest` is the first stage of newspipe: it finds the inputs ([`discover`]), decodes
//! their bytes (gzip / zstd, character encodings) and cuts them into records ([`read`]), one
//! [`Document`] per page — or one [`RecordError`] naming the file, the record and the reason,
//! so that nothing is lost silently and reading always goes on.
//!
//! | input | records | `doc.raw` / `doc.text` / `doc.blocks` |
//! | --- | --- | --- |
//! | `.txt` page dump | one | decoded text / the same / its non-empty lines ([`text_blocks`]) |
//! | `.html`, `.htm` | one | decoded HTML / block texts joined by blank lines / [`html::parse_page`] blocks |
//! | `.jsonl`, `.ndjson`, `-` (stdin) | one per non-blank line | the `text` field (or `html`, read as HTML) |
//! | `.warc` | one per `response` (or `resource`) record | the HTTP body, read as HTML or text |
//! | `.wet` | one per `conversion` record | the extracted text |
//!
//! * **Compression** is recognised by magic bytes, whatever the name: gzip (all members of a
//!   multi-member file) and zstd.
//! * **Encodings**: a byte-order mark (UTF-8, UTF-16), valid UTF-8, a declared charset (HTTP
//!   `Content-Type` in WARC, HTML `<meta>` in the first 4 KiB), else the chardetng detector.
//!   Undecodable bytes become U+FFFD and the document gets an `ingest` warning saying how many.
//! * **Streaming**: JSON Lines and WARC are read line by line / record by record through a
//!   buffer; single pages are read whole, up to [`MAX_RECORD_BYTES`] (larger: an error record).
//! * **Sharding**: [`ReadOptions::shard`] takes a deterministic share of the records by byte
//!   ranges of the inputs (see [`Shard`]).
//!
//! ```
//! use newspipe_ingest::{discover, read, ReadOptions};
//! use std::path::PathBuf;
//!
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("page.txt"), "Headline\n\nFirst paragraph.\n").unwrap();
//! std::fs::write(
//!     dir.path().join("more.jsonl"),
//!     "{\"id\": \"a1\", \"text\": \"Hello.\", \"topic\": \"tech\"}\n{\"id\": 2}\n",
//! )
//! .unwrap();
//!
//! let inputs = discover(&[dir.path().to_path_buf()]).unwrap();
//! let records: Vec<_> = read(inputs, ReadOptions::default()).collect();
//! assert_eq!(records.len(), 3);
//! let json = records[0].as_ref().unwrap();
//! assert_eq!((json.id.as_str(), json.text.as_str()), ("a1", "Hello."));
//! assert_eq!(json.source.fields, [("topic".to_string(), "\"tech\"".to_string())]);
//! let error = records[1].as_ref().unwrap_err();
//! assert_eq!(error.id, "2");
//! assert!(error.message.contains("neither a `text` nor an `html`"));
//! let page = records[2].as_ref().unwrap();
//! assert_eq!(page.blocks.len(), 2);
//! # let _ = PathBuf::new();
//! ```
#![allow(clippy::result_large_err)]

mod decode;
mod discover;
pub mod html;
mod jsonl;
mod lines;
mod open;
mod shard;
mod text;
mod warc;

pub use discover::{
    discover, discover_detailed, Discovery, COMPRESSION_EXTENSIONS, KNOWN_EXTENSIONS,
};
pub use text::text_blocks;

use newspipe_model::{Document, Source};
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// The largest single record read into memory: a text or HTML page, a JSON line, a WARC record
/// (256 MiB). A larger record becomes an error record and reading goes on.
pub const MAX_RECORD_BYTES: u64 = 256 * 1024 * 1024;

/// One input named on the command line, after directory expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// JSON Lines on standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

/// Take a deterministic share `index` of `count` (0-based index) of the records.
///
/// The sorted inputs are treated as one stream of their on-disk bytes (`T` in total); shard `k`
/// owns bytes `[k*T/N, (k+1)*T/N)` and every record whose first byte lies there. Uncompressed
/// JSON Lines files are split on line boundaries (so N shards share one big file); any other
/// file is one unit starting at its first byte. Standard input is dealt round robin: line `i`
/// goes to shard `i % N`. The N shards together read every record exactly once, and their
/// outputs concatenated in shard order equal an unsharded run over files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// A shard, or `None` unless `index < count`.
    pub fn new(index: u32, count: u32) -> Option<Shard> {
        (index < count).then_some(Shard { index, count })
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N` with a 0-based `K < N` (`0/4` … `3/4`).
    fn from_str(s: &str) -> Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard {s:?} is not K/N"))?;
        let parse = |v: &str| {
            v.trim()
                .parse::<u32>()
                .map_err(|_| format!("shard {s:?} is not K/N"))
        };
        let (k, n) = (parse(k)?, parse(n)?);
        Shard::new(k, n).ok_or_else(|| format!("shard {s:?}: K must be below N (K is 0-based)"))
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Options for [`read`].
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Read only this share of the records (all when `None`).
    pub shard: Option<Shard>,
}

/// A record that could not be read: written by the driver as an error record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError {
    /// The record's id when it could be read, else `<path>#<record>` or the path.
    pub id: String,
    /// Where the record is (path, format, record number, offset).
    pub source: Source,
    /// Why it could not be read.
    pub message: String,
    /// Input bytes the record covered (for statistics).
    pub bytes: u64,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (record {}): {}",
            self.source.path, self.source.record, self.message
        )
    }
}

impl std::error::Error for RecordError {}

/// Why the inputs could not be listed (missing path, unreadable directory).
#[derive(Debug)]
pub struct IngestError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for IngestError {}

/// Streams every record of `inputs`, in input order: one item per record, a document or an error.
///
/// Files are opened one at a time as the iterator reaches them; memory use is bounded by one
/// record (at most [`MAX_RECORD_BYTES`]) plus buffers. The iterator is `Send`, so it can run on
/// a reader thread.
pub fn read(inputs: Vec<Input>, options: ReadOptions) -> Records {
    let (units, invalid) = match options.shard {
        Some(shard) if shard.index >= shard.count => (Vec::new(), Some(shard)),
        shard => (shard::plan(inputs, shard), None),
    };
    let current = invalid.map(|shard| -> open::RecordIter {
        Box::new(std::iter::once(Err(RecordError {
            id: "-".into(),
            source: Source::default(),
            message: format!(
                "invalid shard {}/{}: the index must be below the count",
                shard.index, shard.count
            ),
            bytes: 0,
        })))
    });
    Records {
        units: units.into_iter(),
        current,
    }
}

/// The iterator [`read`] returns.
pub struct Records {
    units: std::vec::IntoIter<shard::Unit>,
    current: Option<open::RecordIter>,
}

impl Iterator for Records {
    type Item = Result<Document, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.current {
                if let Some(record) = records.next() {
                    return Some(record);
                }
            }
            self.current = Some(open::open_unit(self.units.next()?));
        }
    }
}

impl fmt::Debug for Records {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Records")
            .field("units_left", &self.units.len())
            .finish()
    }
}

#[cfg(test)]
mod tests;
