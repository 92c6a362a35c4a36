//! Checking that a document's spans can be exported.

use newspipe_model::{Document, Span};
use std::fmt;

/// A span that does not lie on character boundaries of [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanError {
    /// Which list the span is in (`paragraphs`, `sentences`, `tokens`, `entities`, `quotes`).
    pub list: &'static str,
    /// Its index in that list.
    pub index: usize,
    pub span: Span,
    /// Length of the text in bytes.
    pub text_len: usize,
}

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] = {}..{} is not a span of the text ({} bytes): out of bounds, reversed or \
             not on a character boundary",
            self.list, self.index, self.span.start, self.span.end, self.text_len
        )
    }
}

impl std::error::Error for SpanError {}

/// Checks every paragraph, sentence, token and entity span of `doc` against its text: each must
/// have `start <= end <= text.len()` with both ends on UTF-8 character boundaries.
///
/// The driver runs it after each stage, so a stage bug becomes an error record naming the stage
/// instead of a wrong or panicking export.
pub fn check_spans(doc: &Document) -> Result<(), SpanError> {
    let text = doc.text.as_str();
    let check = |list: &'static str, spans: &mut dyn Iterator<Item = Span>| {
        for (index, span) in spans.enumerate() {
            if span.start > span.end || span.get(text).is_none() {
                return Err(SpanError {
                    list,
                    index,
                    span,
                    text_len: text.len(),
                });
            }
        }
        Ok(())
    };
    check("paragraphs", &mut doc.paragraphs.iter().map(|p| p.span))?;
    check("sentences", &mut doc.sentences.iter().copied())?;
    check("tokens", &mut doc.tokens.iter().copied())?;
    check("entities", &mut doc.entities.iter().map(|e| e.span))?;
    check("quotes", &mut doc.quotes.iter().map(|q| q.span))
}
