//! What a candidate terminator is: the run of `.`/`?`/`!`/`…` it starts (full stop, strong
//! punctuation, ellipsis) and what the word before a full stop is (ordinary word, initial,
//! abbreviation by class).

use crate::chars::{char_before, is_space};
use crate::lexicon::{AbbrevClass, Lexicon};

/// What kind of terminator run a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Terminator {
    /// One full stop.
    FullStop,
    /// `?` or `!`, possibly repeated or mixed with dots (`?!`, `!!`).
    Strong,
    /// An ellipsis (`...`, `…`, `. . .`) that ends the sentence only before a capital.
    Ellipsis,
    /// A spaced ellipsis that does not end a sentence (`is . . . I didn’t`).
    Inner,
}
/// Reads the terminator run starting at `p`: its kind, where it ends, and for a word-attached
/// four-dot spaced ellipsis (`compounds. . . . The`) the end of the full stop it starts with.
pub(crate) fn terminator_run(
    text: &str,
    p: usize,
    ue: usize,
) -> (Terminator, usize, Option<usize>) {
    let bytes = text.as_bytes();
    let mut end = p;
    let mut dots = 0;
    let mut strong = false;
    while end < ue {
        match bytes[end] {
            b'.' => {
                dots += 1;
                end += 1;
            }
            b'?' | b'!' => {
                strong = true;
                end += 1;
            }
            0xE2 if bytes[end..ue].starts_with("…".as_bytes()) => {
                dots += 3;
                end += 3;
            }
            _ => break,
        }
    }
    if strong {
        return (Terminator::Strong, end, None);
    }
    if dots >= 2 {
        return (Terminator::Ellipsis, end, None);
    }
    // One dot: is it the first of a spaced ellipsis ". . ."?
    let mut spaced = 1;
    while end + 1 < ue && bytes[end] == b' ' && bytes[end + 1] == b'.' {
        spaced += 1;
        end += 2;
    }
    if spaced < 3 {
        return (Terminator::FullStop, p + 1, None);
    }
    let attached = char_before(text, p).is_some_and(|c| !is_space(c)) && p > 0;
    match (attached, spaced >= 4) {
        (true, true) => (Terminator::Ellipsis, end, Some(p + 1)),
        (true, false) => (Terminator::Ellipsis, end, None),
        (false, true) => (Terminator::Ellipsis, end, None),
        (false, false) => (Terminator::Inner, end, None),
    }
}

/// What the word before a full stop is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    /// An ordinary word, a number, a URL: the full stop is a sentence end.
    Plain,
    /// A single capital letter (`E.` in `Jonas E. Smith`).
    Initial,
    /// A listed abbreviation, a single lower-case letter or a dotted initialism.
    Abbrev(AbbrevClass),
}

pub(crate) fn classify(word: &str) -> WordKind {
    if word.is_empty() || word.contains('@') || word.contains("://") || word.starts_with("www.") {
        return WordKind::Plain;
    }
    if let Some(class) = Lexicon::get().abbreviation(word) {
        return WordKind::Abbrev(class);
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() {
        return if first.is_uppercase() {
            WordKind::Initial
        } else if first.is_lowercase() {
            WordKind::Abbrev(AbbrevClass::General)
        } else {
            WordKind::Plain
        };
    }
    // Dotted initialisms: "U.S.A", "N.Y", "Ph.D".
    let dotted = word.contains('.')
        && word.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        });
    if dotted {
        WordKind::Abbrev(AbbrevClass::General)
    } else {
        WordKind::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_kinds() {
        assert_eq!(classify("Mr"), WordKind::Abbrev(AbbrevClass::Title));
        assert_eq!(classify("U.S.A"), WordKind::Abbrev(AbbrevClass::General));
        assert_eq!(classify("N.Y"), WordKind::Abbrev(AbbrevClass::General));
        assert_eq!(classify("E"), WordKind::Initial);
        assert_eq!(classify("p"), WordKind::Abbrev(AbbrevClass::BeforeNumber));
        assert_eq!(classify("x"), WordKind::Abbrev(AbbrevClass::General));
        for plain in [
            "house",
            "2019",
            "$100.00",
            "a@b.com",
            "",
            "”",
            "example.com",
        ] {
            assert_eq!(classify(plain), WordKind::Plain, "{plain}");
        }
    }

    #[test]
    fn runs() {
        let run = |t: &str, p: usize| terminator_run(t, p, t.len());
        assert_eq!(run("a. B", 1), (Terminator::FullStop, 2, None));
        assert_eq!(run("a?! B", 1), (Terminator::Strong, 3, None));
        assert_eq!(run("a... B", 1), (Terminator::Ellipsis, 4, None));
        assert_eq!(run("a… B", 1), (Terminator::Ellipsis, 4, None));
        assert_eq!(run("a . . . b", 2), (Terminator::Inner, 7, None));
        assert_eq!(run("a . . . . B", 2), (Terminator::Ellipsis, 9, None));
        assert_eq!(run("a. . . . B", 1), (Terminator::Ellipsis, 8, Some(2)));
    }
}
