//! The newspipe document model.
//!
//! Every stage of newspipe reads and extends one [`Document`]:
//!
//! ```text
//!  ingest ──► cleanup ──► segment ──► entities ──► export
//!  raw, blocks  text, paragraphs, meta  sentences, tokens  entities,  (reads only)
//!                                                          quotes
//! ```
//!
//! * **Stand-off annotation.** [`Document::text`] is written once (by ingest, then replaced by
//!   cleanup with the clean article) and never edited afterwards; paragraphs, sentences, tokens,
//!   entities and quotes are [`Span`]s of **byte** offsets into it. Export converts them to code
//!   points.
//! * **Provenance.** [`Document::raw`] keeps the decoded input and [`Document::blocks`] its blocks
//!   (lines of a page dump, block elements of an HTML page), each with the [`BlockVerdict`] the
//!   cleanup stage gave it; every [`Paragraph`] names the blocks it came from.
//! * **Diagnostics.** Stages report problems on the document ([`Diagnostic`]) instead of failing
//!   the run; a hard failure is a [`StageError`], which the driver turns into an error record.
//!
//! A stage is anything that implements [`Stage`]:
//!
//! ```
//! use newspipe_model::{Document, Stage, StageError, Source, Span};
//!
//! /// Marks the whole text as one sentence (a toy stage for the example).
//! struct OneSentence;
//!
//! impl Stage for OneSentence {
//!     fn name(&self) -> &'static str {
//!         "one-sentence"
//!     }
//!     fn process(&self, doc: &mut Document) -> Result<(), StageError> {
//!         if doc.text.is_empty() {
//!             return Err(StageError::new("empty text"));
//!         }
//!         doc.sentences = vec![Span::new(0, doc.text.len())];
//!         Ok(())
//!     }
//! }
//!
//! let mut doc = Document::from_text("doc-1", Source::new("inline", "txt", 0), "Hello world.");
//! OneSentence.process(&mut doc).unwrap();
//! assert_eq!(doc.span_text(doc.sentences[0]), "Hello world.");
//! ```
//!
//! The driver runs a batch of documents through one stage before the next, and calls
//! [`Stage::prepare_batch`] with the batch before the stage's `process` runs on each document:
//! a stage may do a part of its work there for the whole batch at once (the entity stage runs
//! its rule patterns there). `process` alone must give the same result.

mod block;
mod document;
mod entity;
mod span;
mod stage;

pub use block::{Block, BlockHints, BlockVerdict, Landmark};
pub use document::{
    Diagnostic, Document, Level, Meta, Paragraph, ParagraphKind, Source, SourceFormat,
};
pub use entity::{Entity, EntityLabel, Method, Quote, UnknownLabel};
pub use span::{floor_char_boundary, Span};
pub use stage::{Stage, StageError};
