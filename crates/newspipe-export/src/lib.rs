//! Writers for newspipe [`Document`]s: JSON Lines (the stable contract), clean text, entities as
//! CSV, CoNLL token/BIO columns, an explanation of the cleanup verdicts, and an HTML page for
//! people to read.
//!
//! Export only reads documents. Spans inside a [`Document`] are **byte** offsets; every offset
//! this crate writes is a Unicode **code-point** offset into the exported `text`, so Python's
//! `text[start:end]` (or JavaScript's `Array.from(text).slice(start, end)`) gives the span.
//!
//! ```
//! use newspipe_export::{ErrorRecord, ExportOptions, Exporter, Format};
//! use newspipe_model::{Document, Entity, EntityLabel, Method, Source, Span};
//!
//! let mut doc = Document::from_text("d1", Source::new("page.txt", "txt", 0), "Café in Paris.");
//! doc.sentences = vec![Span::new(0, 15)];
//! doc.entities = vec![Entity {
//!     span: Span::new(9, 14), // bytes: "é" takes two
//!     label: EntityLabel::Gpe,
//!     canonical: None,
//!     value: None,
//!     method: Method::Gazetteer,
//! }];
//!
//! let mut out = Vec::new();
//! let mut exporter = Exporter::new(Format::Jsonl, ExportOptions::default());
//! exporter.write_document(&mut out, &doc).unwrap();
//! let record: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert_eq!(record["entities"][0]["start"], 8); // code points
//! assert_eq!(record["entities"][0]["text"], "Paris");
//!
//! out.clear();
//! let source = Source::new("bad.jsonl", "jsonl", 3);
//! let error = ErrorRecord { id: "bad.jsonl:3", source: &source, stage: "ingest", message: "expected `}`" };
//! exporter.write_error(&mut out, &error).unwrap();
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     "{\"id\":\"bad.jsonl:3\",\"source\":{\"path\":\"bad.jsonl\",\"format\":\"jsonl\",\"record\":3},\
//!      \"error\":{\"stage\":\"ingest\",\"message\":\"expected `}`\"}}\n"
//! );
//! ```
//!
//! # The JSON Lines record
//! ```text
//! {"id": str, "source": {"path": str, "format": str, "record": int, ...},
//!  "meta": {"title": str|null, "subtitle": str|null, "published": str|null, "authors": [str],
//!           "url": str|null, "site": str|null, "language": str|null},
//!  "text": str,
//!  "paragraphs": [{"start": int, "end": int, "kind": "title"|"standfirst"|"body"|...}],
//!  "sentences": [{"start": int, "end": int}],
//!  "tokens": [{"start": int, "end": int}],            (only with ExportOptions::tokens)
//!  "entities": [{"start": int, "end": int, "label": str, "text": str,
//!                "canonical": str|null, "value": str|null,
//!                "method": "rule"|"gazetteer"|"model"}],
//!  "quotes": [{"start": int, "end": int, "text": str, "speaker": str|null}],
//!  "diagnostics": [{"stage": str, "level": "warning"|"error", "message": str}]}
//! ```
//! `source` also carries `offset` (byte offset of the record in its decompressed file),
//! `headers` (object; repeated names joined with `", "`) and `fields` (object of the JSON Lines
//! input's other fields, values as given) when the input has them. A record that could not be
//! processed is `{"id", "source", "error": {"stage", "message"}}`.

mod conll;
mod csv;
mod escape;
mod html;
mod jsonl;
mod offsets;
mod plain;
mod spans;

pub use offsets::CodePointCursor;
pub use spans::{check_spans, SpanError};

use newspipe_model::{Document, Source, Span};
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// One JSON object per line (the contract above). Error records are JSON objects too.
    #[default]
    Jsonl,
    /// The clean text of each document after a `# id = ...` line, followed by a blank line.
    Text,
    /// One CSV row per entity: `id,start,end,label,text,canonical,value,method` (with a header row).
    /// Documents without entities and error records write no row.
    EntitiesCsv,
    /// `# id = ...`, then `token<TAB>BIO-tag` per line, a blank line after each sentence.
    Conll,
    /// `# id = ...`, then `verdict<TAB>reason<TAB>block text` for every raw block: why cleanup
    /// kept or dropped each line.
    Explain,
    /// One self-contained HTML page for people: each document's metadata and clean article
    /// with its entities marked (label, canonical form, value and method on hover), its
    /// quotations with their speakers, its diagnostics, and the raw blocks cleanup left out
    /// with the reason for each. Open it in a browser; it runs no script and loads nothing.
    Html,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: &'static [Format] = &[
        Format::Jsonl,
        Format::Text,
        Format::EntitiesCsv,
        Format::Conll,
        Format::Explain,
        Format::Html,
    ];

    /// The name used on the command line (`jsonl`, `text`, `entities-csv`, `conll`, `explain`,
    /// `html`).
    pub const fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Text => "text",
            Format::EntitiesCsv => "entities-csv",
            Format::Conll => "conll",
            Format::Explain => "explain",
            Format::Html => "html",
        }
    }

    /// True when the format writes tokens, so the segment stage must produce them.
    pub const fn needs_tokens(self) -> bool {
        matches!(self, Format::Conll)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown format {s:?} (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// What to include in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// Write the `tokens` list in JSON Lines records (off by default: it is the bulk of a record).
    pub tokens: bool,
}

/// A record that could not be processed, as the driver reports it.
#[derive(Debug, Clone, Copy)]
pub struct ErrorRecord<'a> {
    /// The record's id (or a name derived from its source when it has none).
    pub id: &'a str,
    pub source: &'a Source,
    /// The stage that failed (`ingest`, `cleanup`, ...).
    pub stage: &'a str,
    /// Why.
    pub message: &'a str,
}

/// Writes documents in one [`Format`], reusing its buffers from one document to the next.
///
/// Each call formats the whole record into an internal buffer and hands it to the writer with
/// one `write_all`, so a record is never half-written by this crate.
#[derive(Debug, Clone)]
pub struct Exporter {
    format: Format,
    options: ExportOptions,
    buf: Vec<u8>,
    spans: Vec<Span>,
}

impl Exporter {
    pub fn new(format: Format, options: ExportOptions) -> Self {
        Exporter {
            format,
            options,
            buf: Vec::with_capacity(64 * 1024),
            spans: Vec::new(),
        }
    }

    /// The format this exporter writes.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes what comes before the first record (the CSV header row, the HTML page head;
    /// nothing for the others).
    pub fn write_header(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.format {
            Format::EntitiesCsv => out.write_all(csv::HEADER.as_bytes()),
            Format::Html => {
                self.buf.clear();
                html::header(&mut self.buf);
                out.write_all(&self.buf)
            }
            _ => Ok(()),
        }
    }

    /// Writes what comes after the last record (the end of the HTML page; nothing for the
    /// others).
    pub fn write_footer(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.format {
            Format::Html => out.write_all(html::FOOTER.as_bytes()),
            _ => Ok(()),
        }
    }

    /// Writes one document.
    pub fn write_document(&mut self, out: &mut impl Write, doc: &Document) -> io::Result<()> {
        self.buf.clear();
        match self.format {
            Format::Jsonl => jsonl::document(&mut self.buf, doc, &self.options),
            Format::Text => plain::text(&mut self.buf, doc),
            Format::EntitiesCsv => csv::entities(&mut self.buf, doc),
            Format::Conll => conll::document(&mut self.buf, &mut self.spans, doc),
            Format::Explain => plain::explain(&mut self.buf, doc),
            Format::Html => html::document(&mut self.buf, doc),
        }
        out.write_all(&self.buf)
    }

    /// Writes one error record: a JSON object for [`Format::Jsonl`], `# id` / `# error` comment
    /// lines for the text formats, an `<article>` saying why for [`Format::Html`], nothing for
    /// [`Format::EntitiesCsv`].
    pub fn write_error(
        &mut self,
        out: &mut impl Write,
        record: &ErrorRecord<'_>,
    ) -> io::Result<()> {
        self.buf.clear();
        match self.format {
            Format::Jsonl => jsonl::error(&mut self.buf, record),
            Format::Text | Format::Conll | Format::Explain => {
                plain::error_comment(&mut self.buf, record)
            }
            Format::Html => html::error(&mut self.buf, record),
            Format::EntitiesCsv => {}
        }
        out.write_all(&self.buf)
    }
}

/// Writes one document in `format` (convenience for a single call; keep an [`Exporter`] to
/// reuse buffers across many documents).
pub fn write_document(
    out: &mut impl Write,
    doc: &Document,
    format: Format,
    options: &ExportOptions,
) -> io::Result<()> {
    Exporter::new(format, *options).write_document(out, doc)
}

/// Writes one error record in `format` (see [`Exporter::write_error`]).
pub fn write_error(
    out: &mut impl Write,
    record: &ErrorRecord<'_>,
    format: Format,
) -> io::Result<()> {
    Exporter::new(format, ExportOptions::default()).write_error(out, record)
}

#[cfg(test)]
mod tests;
