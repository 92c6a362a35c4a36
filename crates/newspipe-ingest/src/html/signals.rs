//! The `class_signal` hint: evidence from `class` and `id` names that an element holds the article
//! or boilerplate. The word lists live in `data/html_class_signals.txt`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Word → +1 (article-like) or −1 (boilerplate), loaded once from the data file.
struct SignalWords {
    exact: HashMap<&'static str, i8>,
    /// Entries of 5+ letters, also matched as a prefix or suffix of a word.
    affix: Vec<(&'static str, i8)>,
}

static WORDS: LazyLock<SignalWords> = LazyLock::new(|| {
    let mut exact = HashMap::new();
    let mut affix = Vec::new();
    for line in include_str!("../../data/html_class_signals.txt").lines() {
        let line = line.trim();
        let (sign, word) = match line.split_once(' ') {
            Some(("+", w)) => (1, w.trim()),
            Some(("-", w)) => (-1, w.trim()),
            _ => continue,
        };
        exact.insert(word, sign);
        if word.len() >= 5 {
            affix.push((word, sign));
        }
    }
    SignalWords { exact, affix }
});

/// The signal of one element's `class` and `id` values: the number of article-like words minus
/// the number of boilerplate words, clamped to `-2..=2`.
pub(crate) fn class_signal(names: &str) -> i8 {
    if names.is_empty() {
        return 0;
    }
    let words = &*WORDS;
    let mut total: i32 = 0;
    let mut word = String::with_capacity(24);
    let mut prev_lower = false;
    let flush = |word: &mut String, total: &mut i32| {
        if !word.is_empty() {
            *total += word_signal(words, word) as i32;
            word.clear();
        }
    };
    for c in names.chars() {
        if c.is_ascii_alphabetic() {
            // camelCase boundary: "shareBar" → "share", "bar".
            if c.is_ascii_uppercase() && prev_lower {
                flush(&mut word, &mut total);
            }
            prev_lower = c.is_ascii_lowercase();
            word.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            flush(&mut word, &mut total);
        }
    }
    flush(&mut word, &mut total);
    total.clamp(-2, 2) as i8
}

fn word_signal(words: &SignalWords, word: &str) -> i8 {
    if let Some(s) = words.exact.get(word) {
        return *s;
    }
    if word.len() >= 5 {
        for (entry, sign) in &words.affix {
            if word.len() > entry.len() && (word.starts_with(entry) || word.ends_with(entry)) {
                return *sign;
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_and_article_names() {
        assert!(class_signal("comments-section") < 0);
        assert!(class_signal("social-share") < 0);
        assert!(class_signal("siteFooter") < 0);
        assert!(class_signal("article-body") > 0);
        assert!(class_signal("entry-content") > 0);
        assert_eq!(
            class_signal("header"),
            0,
            "'ad' must not match inside 'header'"
        );
        assert_eq!(class_signal("shadow download"), 0);
        assert!(class_signal("ad") < 0);
        assert_eq!(class_signal(""), 0);
    }
}
