use crate::block::Block;
use crate::entity::{Entity, Quote};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// One input record (a page, an article, a WARC record) and everything the stages found in it.
///
/// See the crate documentation for the life cycle. All spans are byte offsets into [`Self::text`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier: the input's own `id` when it has one, otherwise derived from the
    /// source path and record number.
    pub id: String,
    /// Where the record came from.
    pub source: Source,
    /// Article metadata (title, date, authors, ...).
    pub meta: Meta,
    /// The decoded input: the page dump, the HTML source, the JSON record's `text`/`html`.
    pub raw: String,
    /// The raw input cut into blocks (lines or HTML block elements), with cleanup's verdicts.
    pub blocks: Vec<Block>,
    /// The text every span points into. Ingest sets it to the decoded input text; cleanup
    /// replaces it with the clean article (title, standfirst, body, separated by blank lines).
    /// Stages after cleanup never modify it.
    pub text: String,
    /// Paragraphs of [`Self::text`] with their kind.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in order, never crossing a paragraph boundary.
    pub sentences: Vec<Span>,
    /// Tokens, in order.
    pub tokens: Vec<Span>,
    /// Entities, in order of their start offset.
    pub entities: Vec<Entity>,
    /// Direct quotations with their speakers, in text order (filled by the entities stage).
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Warnings and errors that stages attached to this document.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// An empty document with an id and a source.
    pub fn new(id: impl Into<String>, source: Source) -> Self {
        Document {
            id: id.into(),
            source,
            ..Document::default()
        }
    }

    /// A document whose raw input and text are both `text` (e.g. a JSON Lines record with clean
    /// text, or a test).
    pub fn from_text(id: impl Into<String>, source: Source, text: impl Into<String>) -> Self {
        let text = text.into();
        Document {
            raw: text.clone(),
            text,
            ..Document::new(id, source)
        }
    }

    /// The text a span covers. Panics when the span is out of bounds, which only a bug in a
    /// stage can cause (stages must produce spans on char boundaries of [`Self::text`]).
    pub fn span_text(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// Attaches a warning from `stage`.
    pub fn warn(&mut self, stage: impl Into<Cow<'static, str>>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            stage: stage.into(),
            level: Level::Warning,
            message: message.into(),
        });
    }

    /// Sentences that lie inside `span` (e.g. a paragraph).
    pub fn sentences_in(&self, span: Span) -> impl Iterator<Item = Span> + '_ {
        self.sentences
            .iter()
            .copied()
            .filter(move |s| span.contains(*s))
    }

    /// Paragraphs of a given kind.
    pub fn paragraphs_of(&self, kind: ParagraphKind) -> impl Iterator<Item = &Paragraph> + '_ {
        self.paragraphs.iter().filter(move |p| p.kind == kind)
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Source {
    /// The input path as given on the command line (`-` for standard input).
    pub path: String,
    /// The record's format.
    pub format: SourceFormat,
    /// 0-based number of the record within its file (always 0 for single-page files).
    pub record: u64,
    /// Byte offset of the record in the (decompressed) file, when the format has records.
    pub offset: Option<u64>,
    /// WARC-Target-URI, HTTP date and similar per-record header values, kept as given.
    pub headers: Vec<(String, String)>,
    /// Fields of a JSON Lines record that newspipe does not interpret, as raw JSON text,
    /// in input order (`name`, `raw JSON value`).
    pub fields: Vec<(String, String)>,
}

impl Source {
    /// A source with a path, a format name and a record number.
    pub fn new(path: impl Into<String>, format: impl Into<SourceFormat>, record: u64) -> Self {
        Source {
            path: path.into(),
            format: format.into(),
            record,
            ..Source::default()
        }
    }
}

/// The format of an input record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// A plain-text page dump.
    #[default]
    Txt,
    /// An HTML page.
    Html,
    /// A JSON Lines record.
    Jsonl,
    /// A WARC response record.
    Warc,
    /// A WET (WARC conversion) record.
    Wet,
}

impl SourceFormat {
    /// The lower-case name used in exports (`txt`, `html`, `jsonl`, `warc`, `wet`).
    pub const fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Txt => "txt",
            SourceFormat::Html => "html",
            SourceFormat::Jsonl => "jsonl",
            SourceFormat::Warc => "warc",
            SourceFormat::Wet => "wet",
        }
    }
}

impl From<&str> for SourceFormat {
    /// Unknown names map to [`SourceFormat::Txt`].
    fn from(s: &str) -> Self {
        match s {
            "html" | "htm" => SourceFormat::Html,
            "jsonl" | "ndjson" => SourceFormat::Jsonl,
            "warc" => SourceFormat::Warc,
            "wet" => SourceFormat::Wet,
            _ => SourceFormat::Txt,
        }
    }
}

/// Article metadata. Every field is optional: stages fill what they can find.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// ISO 8601: `2025-09-15T10:56`, `2025-09-15`, or with seconds and offset when known.
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    /// ISO 639-1 code (`en`).
    pub language: Option<String>,
}

/// A paragraph of the clean text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Byte span in [`Document::text`].
    pub span: Span,
    pub kind: ParagraphKind,
    /// Indices into [`Document::blocks`] of the raw block(s) the paragraph was built from.
    pub blocks: Range<u32>,
}

/// What part of the article a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Title,
    Standfirst,
    Subheading,
    Body,
    Caption,
}

impl ParagraphKind {
    /// The lower-case name used in exports.
    pub const fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Title => "title",
            ParagraphKind::Standfirst => "standfirst",
            ParagraphKind::Subheading => "subheading",
            ParagraphKind::Body => "body",
            ParagraphKind::Caption => "caption",
        }
    }
}

/// A problem a stage found with a document that did not stop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The stage name (`ingest`, `cleanup`, ...).
    pub stage: Cow<'static, str>,
    pub level: Level,
    pub message: String,
}

/// Severity of a [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

impl Level {
    /// The lower-case name used in exports (`warning`, `error`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_text_sets_raw_and_text() {
        let doc = Document::from_text("a", Source::new("x.txt", "txt", 3), "Hi there.");
        assert_eq!(doc.raw, "Hi there.");
        assert_eq!(doc.text, "Hi there.");
        assert_eq!(doc.source.record, 3);
        assert_eq!(doc.source.format, SourceFormat::Txt);
    }

    #[test]
    fn sentences_in_filters_by_containment() {
        let mut doc = Document::from_text("a", Source::default(), "A. B.\n\nC.");
        doc.sentences = vec![Span::new(0, 2), Span::new(3, 5), Span::new(7, 9)];
        let first: Vec<_> = doc.sentences_in(Span::new(0, 5)).collect();
        assert_eq!(first, vec![Span::new(0, 2), Span::new(3, 5)]);
    }

    #[test]
    fn format_names() {
        for f in ["txt", "html", "jsonl", "warc", "wet"] {
            assert_eq!(SourceFormat::from(f).as_str(), f);
        }
    }
}
