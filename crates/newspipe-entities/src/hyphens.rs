//! Hyphenated tokens split for the name tagger (`US-led` → `US`, `-`, `led`), as its training
//! data is tokenised, so that names inside compounds are found.

use newspipe_model::Span;
use std::borrow::Cow;

/// `tokens` split at their inner hyphens; borrowed back unchanged when no token has one. The
/// tokens may come in any order (they are an earlier stage's or a user's).
pub fn split_hyphens<'a>(text: &str, tokens: Cow<'a, [Span]>) -> Cow<'a, [Span]> {
    let first = if text.contains('-') {
        tokens.iter().position(|t| inner_hyphen(&text[t.range()]))
    } else {
        None
    };
    let Some(first) = first else {
        return tokens;
    };
    // The tokens before the first one with an inner hyphen were looked into already.
    let mut out = Vec::with_capacity(tokens.len() + 8);
    out.extend_from_slice(&tokens[..first]);
    tokens[first..]
        .iter()
        .for_each(|&t| push_split(text, t, &mut out));
    Cow::Owned(out)
}

fn inner_hyphen(s: &str) -> bool {
    s.len() > 2 && s.as_bytes()[1..s.len() - 1].contains(&b'-')
}

/// Splits tokens that come in text order at their inner hyphens. The text's hyphens are found
/// once, by a vectorised search, so that a token is only looked into when a hyphen lies inside
/// it (most tokens hold none).
pub(crate) struct InnerHyphens<'t> {
    text: &'t str,
    hyphens: std::str::MatchIndices<'t, char>,
    /// The first hyphen after the last token's start.
    next: Option<usize>,
    /// The last token's start (tokens must come in text order).
    last_start: usize,
}

impl<'t> InnerHyphens<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut hyphens = text.match_indices('-');
        let next = hyphens.next().map(|(i, _)| i);
        InnerHyphens {
            text,
            hyphens,
            next,
            last_start: 0,
        }
    }

    /// Pushes token `t` (starting at or after the previous token's start), split.
    #[inline]
    pub(crate) fn push(&mut self, t: Span, out: &mut Vec<Span>) {
        debug_assert!(t.start >= self.last_start, "tokens out of text order");
        self.last_start = t.start;
        while self.next.is_some_and(|h| h <= t.start) {
            self.next = self.hyphens.next().map(|(i, _)| i);
        }
        // An inner hyphen lies after the first byte and before the last.
        if self.next.is_some_and(|h| h + 1 < t.end) {
            push_split(self.text, t, out);
        } else {
            out.push(t);
        }
    }
}

/// Pushes token `t`, split at its inner hyphens.
#[inline]
fn push_split(text: &str, t: Span, out: &mut Vec<Span>) {
    let s = &text[t.range()];
    if !inner_hyphen(s) {
        out.push(t);
        return;
    }
    let mut start = t.start;
    for (i, _) in s.match_indices('-') {
        let at = t.start + i;
        if at > start {
            out.push(Span::new(start, at));
        }
        out.push(Span::new(at, at + 1));
        start = at + 1;
    }
    if start < t.end {
        out.push(Span::new(start, t.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_tokens_are_split() {
        let text = "a US-led bloc -x “é-";
        let toks = newspipe_segment::tokens(text).collect();
        let words: Vec<&str> = split_hyphens(text, toks)
            .iter()
            .map(|t| &text[t.range()])
            .collect();
        assert!(
            words.starts_with(&["a", "US", "-", "led", "bloc"]),
            "{words:?}"
        );
    }

    #[test]
    fn inner_hyphens_split_as_each_token_alone() {
        let seed = include_str!("../../../tests/fixtures/rt-nato-peskov.txt");
        let texts = [
            "a US-led bloc -x “é-",
            "- -- --- a-b-c -a- a- -a 2022-02-24 x--y well-known-- —-— e-mail",
            "no hyphen at all",
            "-",
            seed,
        ];
        for text in texts {
            let (mut cursor, mut alone) = (Vec::new(), Vec::new());
            let mut split = InnerHyphens::new(text);
            let tokens: Vec<Span> = newspipe_segment::tokens(text).collect();
            for &t in &tokens {
                split.push(t, &mut cursor);
                push_split(text, t, &mut alone);
            }
            assert_eq!(cursor, alone, "{text}");
            let whole = split_hyphens(text, Cow::Borrowed(&tokens));
            assert_eq!(*whole, alone, "{text}");
            // Borrowed back when nothing was split.
            assert_eq!(matches!(whole, Cow::Borrowed(_)), alone == tokens, "{text}");
        }
    }
}
