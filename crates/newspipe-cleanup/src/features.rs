//! Per-block features: what the text of one block says about it (length, punctuation,
//! function-word density, capitalisation, known boilerplate phrasing, captions, dates), plus the
//! page-level counts (repetition) that the classifier needs. Everything here is computed once per
//! block in a single pass over its text; phrase lists are matched with one Aho-Corasick automaton.

use crate::dates::{self, FoundDate};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashSet;
use std::sync::LazyLock;

// FNV-1a (the `fnv` crate): fast for the short keys of these small tables.
use fnv::FnvHasher as Fnv;

type StopWords = HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>;

struct Lexicon {
    stopwords: StopWords,
    /// Length in bytes of the longest stop word (longer words are not looked up).
    longest_stopword: usize,
    /// Boilerplate phrases and their weights (1 weak, 2 strong).
    phrases: AhoCorasick,
    phrase_weights: Vec<u8>,
    phrase_text: Vec<&'static str>,
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let stopwords = data_lines(include_str!("../data/stopwords.txt"))
        .map(str::trim)
        .collect();
    let mut phrase_weights = Vec::new();
    let mut phrase_text = Vec::new();
    for line in data_lines(include_str!("../data/boilerplate_phrases.txt")) {
        if let Some((w, p)) = line.split_once('\t') {
            phrase_weights.push(w.trim().parse().unwrap_or(1));
            phrase_text.push(p);
        }
    }
    let build = |pats: &[&str]| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(pats)
            .expect("phrase lists are valid patterns")
    };
    // Caption markers share the automaton, with weight 0.
    for line in data_lines(include_str!("../data/caption_markers.txt")) {
        phrase_weights.push(0);
        phrase_text.push(line);
    }
    let stopwords: StopWords = stopwords;
    Lexicon {
        longest_stopword: stopwords.iter().map(|w| w.len()).max().unwrap_or(0),
        stopwords,
        phrases: build(&phrase_text),
        phrase_weights,
        phrase_text,
    }
});

/// Text features of one block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextFeatures {
    /// Words (runs of alphanumeric characters).
    pub words: u32,
    /// Characters (not bytes).
    pub chars: u32,
    /// Share of words that are function words (`the`, `of`, `und`, ...).
    pub stop_ratio: f32,
    /// Share of alphabetic words that start with a capital letter.
    pub cap_ratio: f32,
    /// Share of words that are numbers.
    pub num_ratio: f32,
    /// The block ends like a sentence (`.`, `!`, `?`, `…`, possibly followed by a quote/bracket).
    pub terminal: bool,
    /// Ends with `:` (a lead-in to a list or quote).
    pub colon_end: bool,
    /// Number of sentence ends inside the block.
    pub sentence_ends: u32,
    /// Commas (prose has them, menus rarely do).
    pub commas: u32,
    /// Strongest boilerplate phrase found: weight (1 weak, 2 strong) and the phrase.
    pub phrase: Option<(u8, &'static str)>,
    /// How many strong (weight 2) boilerplate phrases the block contains.
    pub strong_phrases: u8,
    /// Strongest section marker found: weight (3 section end, 4 comment section, 5 page end)
    /// and the phrase. It matters only for short blocks.
    pub section: Option<(u8, &'static str)>,
    /// Looks like an image caption or photo credit.
    pub caption_marker: bool,
    /// A date found in a short block (long blocks are prose that mentions dates).
    pub date: Option<FoundDate>,
    /// Share of the block's tokens that the date used (1.0 = the block is just a date).
    pub date_share: f32,
    /// Authors when the block reads as a byline (`By Jane Doe and John Roe`).
    pub byline: Option<Vec<String>>,
    /// Starts with a lower-case letter (a sentence fragment or a menu item).
    pub starts_lower: bool,
    /// All letters upper case (with at least 3 words): banner or kicker.
    pub all_caps: bool,
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let edge_ok = |edge: Option<char>, inner: Option<char>| {
        // Only alphanumeric phrase edges need a boundary (`©` matches anywhere).
        !inner.is_some_and(char::is_alphanumeric) || !edge.is_some_and(char::is_alphanumeric)
    };
    edge_ok(before, first) && edge_ok(after, last)
}

/// Computes the text features of one (normalised) block.
pub fn text_features(text: &str) -> TextFeatures {
    let lex = &*LEXICON;
    let mut f = TextFeatures::default();
    let (mut alpha_words, mut caps, mut nums, mut stops, mut upper_words) =
        (0u32, 0u32, 0u32, 0u32, 0u32);
    let mut lower_buf = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        let word = word.trim_matches(|c| c == '\'' || c == '’');
        if word.is_empty() {
            continue;
        }
        f.words += 1;
        let first = word.chars().next().unwrap_or(' ');
        if first.is_numeric() {
            nums += 1;
            continue;
        }
        alpha_words += 1;
        if first.is_uppercase() {
            caps += 1;
            if word.chars().count() > 1 && !word.chars().any(char::is_lowercase) {
                upper_words += 1;
            }
        }
        if word.len() <= lex.longest_stopword {
            let is_stop = if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
                lex.stopwords.contains(word)
            } else {
                lower_buf.clear();
                lower_buf.extend(word.chars().flat_map(char::to_lowercase));
                lex.stopwords.contains(lower_buf.as_str())
            };
            if is_stop {
                stops += 1;
            }
        }
    }
    if text.is_ascii() {
        f.chars = text.len() as u32;
    } else if !text.bytes().any(|b| b >= 0xE3) {
        // No kana, CJK ideograph or CJK punctuation (their UTF-8 lead bytes are E3..E9).
        f.chars = text.chars().count() as u32;
    } else {
        // Scripts written without spaces: about two characters per word; their own sentence
        // and clause marks.
        let (mut chars, mut cjk) = (0u32, 0u32);
        for c in text.chars() {
            chars += 1;
            match c {
                '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => {
                    cjk += 1
                }
                '。' | '！' | '？' => f.sentence_ends += 1,
                '、' | '，' => f.commas += 1,
                _ => {}
            }
        }
        f.chars = chars;
        f.words += cjk / 2;
    }
    if f.words > 0 {
        f.stop_ratio = stops as f32 / f.words as f32;
        f.num_ratio = nums as f32 / f.words as f32;
    }
    if alpha_words > 0 {
        f.cap_ratio = caps as f32 / alpha_words as f32;
    }
    f.all_caps = alpha_words >= 3 && upper_words == alpha_words;
    f.starts_lower = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*') || c.is_whitespace()
    });
    f.terminal = trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    f.colon_end = trimmed.ends_with(':');
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b',' => f.commas += 1,
            b'.' | b'!' | b'?' if bytes.get(i + 1).map_or(true, |&n| n == b' ') => {
                f.sentence_ends += 1
            }
            _ => {}
        }
    }
    // Phrases and caption markers only decide blocks shorter than this (see the classifier).
    const PHRASE_WORDS: u32 = 120;
    let searched = if f.words < PHRASE_WORDS { text } else { "" };
    for m in lex.phrases.find_iter(searched) {
        if !is_word_boundary(text, m.start(), m.end()) {
            continue;
        }
        let idx = m.pattern().as_usize();
        let weight = lex.phrase_weights[idx];
        if weight == 0 {
            f.caption_marker = true;
            continue;
        }
        if weight == 2 {
            f.strong_phrases = f.strong_phrases.saturating_add(1);
        }
        let slot = if weight >= 3 {
            &mut f.section
        } else {
            &mut f.phrase
        };
        if slot.map_or(true, |(w, _)| weight > w) {
            *slot = Some((weight, lex.phrase_text[idx]));
        }
    }
    if f.words <= 6
        && ["says:", "said:", "wrote:", "says", "commented:"]
            .iter()
            .any(|e| trimmed.ends_with(e))
    {
        f.section = Some((4, "comment author line"));
    }
    if f.words <= 4 && (trimmed.ends_with(" ago") || trimmed.ends_with("ago")) && f.num_ratio > 0.0
    {
        f.section = Some((4, "time-ago line"));
    }
    if f.words <= 16 {
        if let Some(d) = dates::find_date(text) {
            let total = dates::token_count(text).max(1);
            f.date_share = d.tokens_used as f32 / total as f32;
            f.date = Some(d);
        }
        f.byline = crate::byline::parse_byline(text);
    }
    f
}

/// A stable 64-bit hash (FNV-1a) of a line's letters and digits, lower-cased: two lines that
/// differ only in spacing, punctuation or case hash alike. Used for repetition within a page and
/// across a site (the value is stored in site profiles, so it must not change between runs).
pub fn line_hash(text: &str) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // ASCII fast path (the same bytes the general path produces for ASCII).
            if b.is_ascii_alphanumeric() {
                h ^= u64::from(b.to_ascii_lowercase());
                h = h.wrapping_mul(PRIME);
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if !c.is_alphanumeric() {
            continue;
        }
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(PRIME);
            }
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_has_function_words_and_ends_in_a_period() {
        let f = text_features(
            "Peskov’s remarks came in response to a statement by the Polish minister.",
        );
        assert!(f.terminal);
        assert!(f.stop_ratio > 0.25, "{}", f.stop_ratio);
        assert_eq!(f.words, 12);
        assert!(f.phrase.is_none());
    }

    #[test]
    fn phrases_need_word_boundaries() {
        // Leftmost-longest: the most specific phrase wins.
        assert_eq!(
            text_features("Share this article").phrase,
            Some((2, "share this article"))
        );
        assert_eq!(text_features("Share this").section, Some((3, "share this")));
        assert_eq!(text_features("The shareholders met.").phrase, None);
        assert!(text_features("A cyclist rides. © Reuters / David Mercado").caption_marker);
    }

    #[test]
    fn unspaced_scripts_count_words_by_characters() {
        let f = text_features("特に困ったのが、起動ショートカットキーに関する設定。デスクトップアプリが用意されています。");
        assert!(f.words >= 15, "{}", f.words);
        assert_eq!(f.sentence_ends, 2);
        assert_eq!(f.commas, 1);
        assert!(f.terminal);
    }

    #[test]
    fn dates_only_in_short_blocks() {
        let f = text_features("15 Sep, 2025 10:56");
        assert_eq!(f.date.map(|d| d.iso()).as_deref(), Some("2025-09-15T10:56"));
        assert!(f.date_share > 0.9);
    }

    #[test]
    fn line_hash_ignores_case_and_punctuation() {
        assert_eq!(line_hash("Read more!"), line_hash("read  more"));
        assert_ne!(line_hash("Read more"), line_hash("Read less"));
    }
}
