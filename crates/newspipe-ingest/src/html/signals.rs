//! The `class_signal` hint: evidence from `class` and `id` names that an element holds the article
//! or boilerplate. The word lists live in `data/html_class_signals.txt`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How a word counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    Article,
    Boilerplate,
    /// A boilerplate word that layout wrappers also use (`has-sidebar`).
    Layout,
}

/// Word → kind, loaded once from the data file.
struct SignalWords {
    exact: HashMap<&'static str, WordKind>,
    /// Entries of 5+ letters, also matched as a prefix or suffix of a word.
    affix: Vec<(&'static str, WordKind)>,
}

/// The evidence of one element's `class` and `id` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct NameSignal {
    /// Article-like words minus boilerplate words, clamped to `-2..=2`.
    pub signal: i8,
    /// The signal is negative and a word of it is a plain boilerplate word (not a layout word).
    pub boilerplate: bool,
}

static WORDS: LazyLock<SignalWords> = LazyLock::new(|| {
    let mut exact = HashMap::new();
    let mut affix = Vec::new();
    for line in include_str!("../../data/html_class_signals.txt").lines() {
        let line = line.trim();
        let (sign, word) = match line.split_once(' ') {
            Some(("+", w)) => (WordKind::Article, w.trim()),
            Some(("-", w)) => (WordKind::Boilerplate, w.trim()),
            Some(("~", w)) => (WordKind::Layout, w.trim()),
            _ => continue,
        };
        exact.insert(word, sign);
        if word.len() >= 5 {
            affix.push((word, sign));
        }
    }
    SignalWords { exact, affix }
});

/// The signal of one element's `class` and `id` values (see [`NameSignal`]).
pub(crate) fn class_signal(names: &str) -> NameSignal {
    if names.is_empty() {
        return NameSignal::default();
    }
    let words = &*WORDS;
    let mut total: i32 = 0;
    let mut strong = false;
    let mut word = String::with_capacity(24);
    let mut prev_lower = false;
    let flush = |word: &mut String, total: &mut i32, strong: &mut bool| {
        if !word.is_empty() {
            match word_kind(words, word) {
                Some(WordKind::Article) => *total += 1,
                Some(WordKind::Boilerplate) => {
                    *total -= 1;
                    *strong = true;
                }
                Some(WordKind::Layout) => *total -= 1,
                None => {}
            }
            word.clear();
        }
    };
    for c in names.chars() {
        if c.is_ascii_alphabetic() {
            // camelCase boundary: "shareBar" → "share", "bar".
            if c.is_ascii_uppercase() && prev_lower {
                flush(&mut word, &mut total, &mut strong);
            }
            prev_lower = c.is_ascii_lowercase();
            word.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            flush(&mut word, &mut total, &mut strong);
        }
    }
    flush(&mut word, &mut total, &mut strong);
    NameSignal {
        signal: total.clamp(-2, 2) as i8,
        boilerplate: strong && total < 0,
    }
}

fn word_kind(words: &SignalWords, word: &str) -> Option<WordKind> {
    if let Some(s) = words.exact.get(word) {
        return Some(*s);
    }
    if word.len() >= 5 {
        for (entry, sign) in &words.affix {
            if word.len() > entry.len() && (word.starts_with(entry) || word.ends_with(entry)) {
                return Some(*sign);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_and_article_names() {
        let signal = |names: &str| class_signal(names).signal;
        assert!(signal("comments-section") < 0);
        assert!(signal("social-share") < 0);
        assert!(signal("siteFooter") < 0);
        assert!(signal("article-body") > 0);
        assert!(signal("entry-content") > 0);
        assert_eq!(signal("header"), 0, "'ad' must not match inside 'header'");
        assert_eq!(signal("shadow download"), 0);
        assert!(signal("ad") < 0);
        assert_eq!(signal(""), 0);
    }

    #[test]
    fn layout_words_are_not_plain_boilerplate() {
        assert!(class_signal("comment first").boilerplate);
        assert!(!class_signal("comment_content").boilerplate, "net zero");
        let layout = class_signal("container penci_sidebar");
        assert!(layout.signal < 0 && !layout.boilerplate);
    }
}
