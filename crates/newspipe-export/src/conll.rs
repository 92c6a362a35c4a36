//! `--format conll`: one token per line with its BIO entity tag, a blank line between sentences.

use crate::plain::id_line;
use newspipe_model::{Document, Span};

/// Writes `# id = ...`, then `token<TAB>tag` lines grouped by sentence, then a blank line.
///
/// Tokens come from [`Document::tokens`]; when the segment stage did not produce any, the text
/// is split at whitespace. Sentences come from [`Document::sentences`]; without them, tokens are
/// grouped by paragraph, or all in one group.
pub(crate) fn document(out: &mut Vec<u8>, scratch: &mut Vec<Span>, doc: &Document) {
    id_line(out, &doc.id);
    let text = doc.text.as_str();
    let tokens: &[Span] = if doc.tokens.is_empty() {
        scratch.clear();
        scratch.extend(whitespace_tokens(text));
        scratch
    } else {
        &doc.tokens
    };
    let groups: Vec<Span> = if !doc.sentences.is_empty() {
        doc.sentences.clone()
    } else {
        doc.paragraphs.iter().map(|p| p.span).collect()
    };

    let mut group_at = 0; // first group that may contain the current token
    let mut current_group: Option<usize> = None;
    let mut entity_at = 0; // first entity that may overlap the current token
    let mut tagged_entity: Option<usize> = None; // entity that already has its B- token
    for &token in tokens {
        let Some(word) = token.get(text) else {
            continue;
        };
        if word.trim().is_empty() {
            continue;
        }
        while group_at < groups.len() && groups[group_at].end <= token.start {
            group_at += 1;
        }
        if group_at < groups.len() && groups[group_at].start <= token.start {
            if current_group.is_some_and(|g| g != group_at) {
                out.push(b'\n');
            }
            current_group = Some(group_at);
        }
        while entity_at < doc.entities.len() && doc.entities[entity_at].span.end <= token.start {
            entity_at += 1;
        }
        for ch in word.chars() {
            // A token never spans lines or columns: whitespace inside it becomes `_`.
            if ch.is_whitespace() {
                out.push(b'_');
            } else {
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
        }
        out.push(b'\t');
        match doc.entities.get(entity_at) {
            Some(e) if e.span.overlaps(token) => {
                out.extend_from_slice(if tagged_entity == Some(entity_at) {
                    b"I-"
                } else {
                    b"B-"
                });
                out.extend_from_slice(e.label.as_str().as_bytes());
                tagged_entity = Some(entity_at);
            }
            _ => out.push(b'O'),
        }
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// Spans of the whitespace-separated words of `text`.
fn whitespace_tokens(text: &str) -> impl Iterator<Item = Span> + '_ {
    text.split_whitespace().map(move |w| {
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        Span::new(start, start + w.len())
    })
}
