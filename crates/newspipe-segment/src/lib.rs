//! Sentence and token segmentation for news text, as byte spans over the text.
//!
//! The segment stage of newspipe splits the clean article text into sentences and tokens. Both
//! are [`Span`]s of byte offsets into the text you pass in (always on char boundaries), so the
//! text itself is never copied or changed. The crate needs no other newspipe crate than the
//! model (for [`Span`], [`Document`] and [`Stage`]).
//!
//! ```
//! use newspipe_segment::{sentences, tokens};
//!
//! let text = "“NATO is at war with Russia. It is obvious,” he said on Monday. \
//!             Mr. Peskov spoke at 10 a.m. in Moscow.";
//! let sents: Vec<&str> = sentences(text).map(|s| &text[s.range()]).collect();
//! assert_eq!(sents, [
//!     "“NATO is at war with Russia.",
//!     "It is obvious,” he said on Monday.",
//!     "Mr. Peskov spoke at 10 a.m. in Moscow.",
//! ]);
//!
//! let toks: Vec<&str> = tokens("Russia’s GDP rose 5% to $3.5bn, didn't it?")
//!     .map(|s| &"Russia’s GDP rose 5% to $3.5bn, didn't it?"[s.range()])
//!     .collect();
//! assert_eq!(toks, ["Russia", "’s", "GDP", "rose", "5", "%", "to", "$", "3.5", "bn", ",",
//!                   "did", "n't", "it", "?"]);
//! ```
//!
//! # Sentences
//! * Sentences never cross a paragraph: blank lines separate paragraphs, and with the default
//!   [`LineBreaks::Boundary`] every line is its own unit too (page dumps put one block on a line;
//!   a line ending in a space and continued in lower case is a soft wrap and is joined). Use
//!   [`SentenceSplitter`] with [`LineBreaks::Wrapped`] for hard-wrapped text. The [`Segmenter`]
//!   stage splits each of [`Document::paragraphs`] on its own when cleanup has set them.
//! * Inside a unit the rules are general: abbreviations by class (titles, before-number,
//!   clause-final, general; word lists in `data/`), initials, decimals, ellipses, `?`/`!`
//!   followed by lower case (`“Why?” he asked`, `Yahoo! in`), closing quotes and brackets after
//!   the terminator, terminators inside brackets, numbered and lettered lists, URLs and e-mail
//!   addresses, and a full stop glued to the next sentence (`world.Today`).
//! * Spans are trimmed of surrounding whitespace.
//!
//! # Tokens
//! spaCy-like: words, numbers (`1,200`, `10:56`, `3.5` whole; `5%` → `5` `%`; `$3.5bn` → `$`
//! `3.5` `bn`), punctuation, contractions and possessives (`don't` → `do` `n't`, `Russia’s` →
//! `Russia` `’s`), abbreviations with their full stop (`U.S.`), and kept whole: hyphenated
//! compounds, URLs, e-mail addresses, `#hashtags`, `@handles`. Both quote styles.
//!
//! # Speed
//! Both are hand-written scanners (`memchr` to find candidate terminators, no regular
//! expressions, no allocation per sentence or token); see the crate README for measured MB/s.

#![warn(missing_docs)]

mod chars;
mod chunk;
pub mod eval;
mod kind;
mod lexicon;
mod lists;
mod sentence;
mod terminator;
mod token;

pub use kind::{token_kind, TokenKind};
pub use sentence::{LineBreaks, SentenceSplitter};
pub use token::{Tokenizer, Tokens};

use newspipe_model::{Document, Span, Stage, StageError};

/// Sentence spans of `text` (byte offsets, trimmed), in order, with the default
/// [`SentenceSplitter`] (every line is a separate unit; see [`LineBreaks`]).
pub fn sentences(text: &str) -> impl Iterator<Item = Span> + '_ {
    SentenceSplitter::default().split(text).into_iter()
}

/// Token spans of `text` (byte offsets), in order.
pub fn tokens(text: &str) -> impl Iterator<Item = Span> + '_ {
    Tokens::new(text, Span::new(0, text.len()))
}

/// Token spans of `text[span]` (e.g. one sentence), as offsets into `text`. `span` must lie on
/// char boundaries of `text`.
pub fn tokens_in(text: &str, span: Span) -> Tokens<'_> {
    Tokens::new(text, span)
}

/// The segmentation stage: fills [`Document::sentences`] and, when `tokens` is set,
/// [`Document::tokens`].
///
/// When [`Document::paragraphs`] is non-empty each paragraph is split on its own (text outside
/// every paragraph gets no sentences); otherwise the whole text is split, blank lines and single
/// lines acting as paragraph breaks. Tokens are produced sentence by sentence, so no token
/// crosses a sentence and text outside every sentence (only whitespace, or text outside the
/// paragraphs) has none.
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    /// Also fill [`Document::tokens`].
    pub tokens: bool,
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let text = &doc.text;
        let splitter = SentenceSplitter::default();
        let mut sentences = Vec::new();
        let mut warning = None;
        if doc.paragraphs.is_empty() {
            splitter.split_into(text, Span::new(0, text.len()), &mut sentences);
        } else {
            for p in &doc.paragraphs {
                if p.span.get(text).is_none() {
                    return Err(StageError::new(format!(
                        "paragraph span {}..{} is out of bounds or not on char boundaries of the text ({} bytes)",
                        p.span.start,
                        p.span.end,
                        text.len()
                    )));
                }
                splitter.split_into(text, p.span, &mut sentences);
            }
            // Paragraphs out of order or overlapping would give unordered or repeated sentences.
            if !sentences.windows(2).all(|w| w[0].end <= w[1].start) {
                sentences.sort_unstable();
                sentences.dedup();
                warning = Some(if sentences.windows(2).any(|w| w[0].end > w[1].start) {
                    "paragraphs overlap: some sentences overlap"
                } else {
                    "paragraphs were not in text order: sentences sorted"
                });
            }
        }
        if self.tokens {
            let mut toks = Vec::with_capacity(text.len() / 5);
            for s in &sentences {
                toks.extend(tokens_in(text, *s));
            }
            doc.tokens = toks;
        }
        doc.sentences = sentences;
        if let Some(message) = warning {
            doc.warn("segment", message);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
