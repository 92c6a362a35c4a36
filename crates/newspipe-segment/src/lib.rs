//! Sentences and tokens. SKELETON — the segment helper replaces the bodies; the signatures of
//! [`sentences`], [`tokens`] and [`Segmenter`] are the contract other crates code against.

use newspipe_model::{Document, Span, Stage, StageError};

/// Sentence spans of `text` (byte offsets), in order.
pub fn sentences(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '?' | '!' | '\n') {
            let end = i + c.len_utf8();
            let s = &text[start..end];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            if lead + trail < s.len() {
                out.push(Span::new(start + lead, end - trail));
            }
            start = end;
        }
    }
    let s = &text[start..];
    if !s.trim().is_empty() {
        let lead = s.len() - s.trim_start().len();
        out.push(Span::new(start + lead, start + s.trim_end().len()));
    }
    out.into_iter()
}

/// Token spans of `text` (byte offsets), in order.
pub fn tokens(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                out.push(Span::new(s, i));
            }
            if !c.is_whitespace() {
                out.push(Span::new(i, i + c.len_utf8()));
            }
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out.into_iter()
}

/// The segmentation stage: fills [`Document::sentences`] and, when `tokens` is set,
/// [`Document::tokens`].
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    pub tokens: bool,
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.sentences = sentences(&doc.text).collect();
        if self.tokens {
            doc.tokens = tokens(&doc.text).collect();
        }
        Ok(())
    }
}
