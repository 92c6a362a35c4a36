//! What kind of token a token span is: word, number, punctuation, URL, ...

use crate::lexicon::Lexicon;

/// The kind of a token produced by [`crate::tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or full stops (`US-led`, `U.S.`, `’s`).
    Word,
    /// Digits, possibly with `.`, `,`, `:`, `/` or `-` inside (`1,200`, `3.5`, `10:56`, `2019-20`).
    Number,
    /// Letters and digits mixed (`G7`, `1990s`, `20th`, `Q3`).
    Alphanumeric,
    /// Punctuation (`.`, `,`, `“`, `...`, `?!`, `—`).
    Punct,
    /// Currency and other symbols (`$`, `£`, `%`, `&`, `+`).
    Symbol,
    /// A URL (`https://...`, `www....`).
    Url,
    /// An e-mail address.
    Email,
    /// `#hashtag`.
    Hashtag,
    /// `@handle`.
    Handle,
    /// `:)`, `:-D`.
    Emoticon,
}

/// Classifies one token (the text of a span produced by [`crate::tokens`]).
///
/// ```
/// use newspipe_segment::{token_kind, TokenKind};
/// assert_eq!(token_kind("1,200"), TokenKind::Number);
/// assert_eq!(token_kind("US-led"), TokenKind::Word);
/// assert_eq!(token_kind("https://example.com/a"), TokenKind::Url);
/// assert_eq!(token_kind("“"), TokenKind::Punct);
/// assert_eq!(token_kind("$"), TokenKind::Symbol);
/// ```
pub fn token_kind(token: &str) -> TokenKind {
    let Some(first) = token.chars().next() else {
        return TokenKind::Punct;
    };
    if Lexicon::get().is_emoticon(token) {
        return TokenKind::Emoticon;
    }
    let has_alpha = token.chars().any(char::is_alphabetic);
    let has_digit = token.chars().any(|c| c.is_ascii_digit());
    if token.len() > 1 {
        if first == '#' && has_alpha {
            return TokenKind::Hashtag;
        }
        if first == '@' {
            return TokenKind::Handle;
        }
        if token.contains("://")
            || token
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("www."))
        {
            return TokenKind::Url;
        }
        if token.contains('@') && has_alpha {
            return TokenKind::Email;
        }
    }
    match (has_alpha, has_digit) {
        (true, true) => TokenKind::Alphanumeric,
        (true, false) => TokenKind::Word,
        (false, true) => TokenKind::Number,
        (false, false) => {
            if token.chars().all(|c| {
                (c.is_ascii_punctuation() && !"$%&+<=>^|~#@*".contains(c)) || is_unicode_punct(c)
            }) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            }
        }
    }
}

fn is_unicode_punct(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '„'
            | '—'
            | '–'
            | '…'
            | '•'
            | '·'
            | '¿'
            | '¡'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens;

    #[test]
    fn kinds_of_tokens() {
        let text =
            "Russia’s GDP rose 5% to $3.5bn in 2019-20, said @rt_com #NATO :) via a@b.co G7 ...";
        let kinds: Vec<TokenKind> = tokens(text).map(|s| token_kind(&text[s.range()])).collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [
                Word,
                Word,
                Word,
                Word,
                Number,
                Symbol,
                Word,
                Symbol,
                Number,
                Word,
                Word,
                Number,
                Punct,
                Word,
                Handle,
                Hashtag,
                Emoticon,
                Word,
                Email,
                Alphanumeric,
                Punct
            ]
        );
        assert_eq!(token_kind(""), Punct);
    }
}
