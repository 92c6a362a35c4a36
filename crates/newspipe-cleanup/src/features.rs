//! Per-block features: what the text of one block says about it (length, punctuation,
//! function-word density, capitalisation, known boilerplate phrasing, captions, dates), plus the
//! page-level counts (repetition) that the classifier needs. Everything here is computed once per
//! block in a single pass over its text; phrase lists are matched with one Aho-Corasick automaton.

use crate::dates::{self, FoundDate};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::sync::LazyLock;

/// Stop words as packed keys (see [`pack`]) in a small open-addressed table: one multiply and
/// usually one probe per lookup, no string hashing or comparison.
struct StopTable {
    slots: Box<[u64]>,
    mask: usize,
}

impl StopTable {
    fn new(words: &[u64]) -> Self {
        let size = (words.len() * 4).next_power_of_two().max(16);
        let mut table = StopTable {
            slots: vec![0; size].into_boxed_slice(),
            mask: size - 1,
        };
        for &w in words {
            let mut i = table.slot(w);
            while table.slots[i] != 0 && table.slots[i] != w {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = w;
        }
        table
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & self.mask
    }

    #[inline]
    fn contains(&self, key: u64) -> bool {
        let mut i = self.slot(key);
        loop {
            let s = self.slots[i];
            if s == key {
                return true;
            }
            if s == 0 {
                return false;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Up to 8 bytes as a little-endian `u64` key (never 0 for a non-empty word without NUL bytes).
#[inline]
fn pack(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    buf[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(buf)
}

/// The key of an ASCII word, lower-cased.
#[inline]
fn pack_ascii_lower(bytes: &[u8]) -> u64 {
    ascii_lower(pack(bytes))
}

/// Lower-cases the ASCII letters in the bytes of `x` (all bytes below 0x80).
#[inline]
fn ascii_lower(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit of each byte >= 'A', and of each byte > 'Z' (no carries: bytes are < 0x80).
    let ge_a = x.wrapping_add(0x3F3F_3F3F_3F3F_3F3F);
    let gt_z = x.wrapping_add(0x2525_2525_2525_2525);
    x | ((ge_a & !gt_z & HIGH) >> 2)
}

/// The key of the ASCII word `text[start..end]` (1 to 8 bytes), lower-cased: one unaligned
/// load when the text has 8 bytes from `start`.
#[inline]
fn key_at(text: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    let x = match text.get(start..start + 8) {
        Some(b) => {
            u64::from_le_bytes(b.try_into().unwrap_or_default()) & (u64::MAX >> (64 - 8 * len))
        }
        None => pack(&text[start..end]),
    };
    ascii_lower(x)
}

/// The key of a word lower-cased with the full Unicode rules, or `None` when the lower-case form
/// is longer than 8 bytes (no stop word is).
fn pack_lower(word: &str) -> Option<u64> {
    let mut buf = [0u8; 8];
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return None;
        }
        c.encode_utf8(&mut buf[len..]);
        len += n;
    }
    Some(u64::from_le_bytes(buf))
}

struct Lexicon {
    stopwords: StopTable,
    /// Length in bytes of the longest stop word (longer words are not looked up; at most 8).
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

/// Stop words (`data/stopwords.txt`, lower case). Words longer than 8 bytes would not fit a
/// packed key; the list has none (a test checks it).
fn stopword_list() -> impl Iterator<Item = &'static str> {
    data_lines(include_str!("../data/stopwords.txt")).map(str::trim)
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let stopwords: Vec<&str> = stopword_list().filter(|w| w.len() <= 8).collect();
    let keys: Vec<u64> = stopwords.iter().map(|w| pack(w.as_bytes())).collect();
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
    Lexicon {
        longest_stopword: stopwords.iter().map(|w| w.len()).max().unwrap_or(0),
        stopwords: StopTable::new(&keys),
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

/// Byte classes of ASCII for the word scanner.
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const ALNUM: u8 = LOWER | UPPER | DIGIT;

static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            _ => 0,
        };
        b += 1;
    }
    t
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// Word counts of a block (see [`Counts::word`]).
#[derive(Default)]
struct Counts {
    words: u32,
    alpha: u32,
    caps: u32,
    nums: u32,
    stops: u32,
    upper_words: u32,
}

impl Counts {
    /// Counts the word `text[start..end]`: a run of letters, digits and apostrophes (`'`,
    /// `’`), apostrophes at its ends trimmed. `ascii` says the run has only ASCII bytes. The
    /// common case (ASCII, no apostrophe at the edges) is inline; the rest is [`Self::word`].
    #[inline(always)]
    fn word_at(&mut self, lex: &Lexicon, text: &str, start: usize, end: usize, ascii: bool) {
        let b = text.as_bytes();
        if !ascii || b[start] == b'\'' || b[end - 1] == b'\'' {
            return self.word(lex, &text[start..end], ascii);
        }
        self.words += 1;
        let first = b[start];
        if first.is_ascii_digit() {
            self.nums += 1;
            return;
        }
        self.alpha += 1;
        let len = end - start;
        if first.is_ascii_uppercase() {
            self.caps += 1;
            if len > 1 && !b[start..end].iter().any(u8::is_ascii_lowercase) {
                self.upper_words += 1;
            }
        }
        if len <= lex.longest_stopword && lex.stopwords.contains(key_at(b, start, end)) {
            self.stops += 1;
        }
    }

    /// Counts one word (see [`Self::word_at`]), any script.
    #[inline(never)]
    fn word(&mut self, lex: &Lexicon, run: &str, ascii: bool) {
        let b = run.as_bytes();
        let word = if matches!(b[0], b'\'' | 0xE2) || matches!(b[b.len() - 1], b'\'' | 0x99) {
            run.trim_matches(|c| c == '\'' || c == '’')
        } else {
            run
        };
        if word.is_empty() {
            return;
        }
        self.words += 1;
        let bytes = word.as_bytes();
        if ascii {
            let first = bytes[0];
            if first.is_ascii_digit() {
                self.nums += 1;
                return;
            }
            self.alpha += 1;
            if first.is_ascii_uppercase() {
                self.caps += 1;
                if bytes.len() > 1 && !bytes.iter().any(u8::is_ascii_lowercase) {
                    self.upper_words += 1;
                }
            }
            if bytes.len() <= lex.longest_stopword
                && lex.stopwords.contains(pack_ascii_lower(bytes))
            {
                self.stops += 1;
            }
            return;
        }
        let first = word.chars().next().unwrap_or(' ');
        if first.is_numeric() {
            self.nums += 1;
            return;
        }
        self.alpha += 1;
        if first.is_uppercase() {
            self.caps += 1;
            if word.chars().nth(1).is_some() && !word.chars().any(char::is_lowercase) {
                self.upper_words += 1;
            }
        }
        if bytes.len() <= lex.longest_stopword
            && pack_lower(word).is_some_and(|k| lex.stopwords.contains(k))
        {
            self.stops += 1;
        }
    }
}

/// Computes the text features of one (normalised) block.
pub fn text_features(text: &str) -> TextFeatures {
    features_and_hash(text).0
}

/// [`text_features`] and [`line_hash`] of a block in one pass over its bytes.
pub(crate) fn features_and_hash(text: &str) -> (TextFeatures, u64) {
    let lex = &*LEXICON;
    let mut f = TextFeatures::default();
    let mut counts = Counts::default();
    let bytes = text.as_bytes();
    let mut h = FNV_OFFSET;
    // Start of the current word run (usize::MAX: between words) and whether it is ASCII.
    let mut run = usize::MAX;
    let mut run_ascii = true;
    let mut continuation_bytes = 0usize;
    let mut cjk_lead = false;
    let mut first_alnum_lower: Option<bool> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let class = ASCII_CLASS[b as usize];
            if class & ALNUM != 0 {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                if run == usize::MAX {
                    run = i;
                    run_ascii = true;
                }
                if first_alnum_lower.is_none() {
                    first_alnum_lower = Some(class == LOWER);
                }
            } else if b == b'\'' {
                if run == usize::MAX {
                    run = i;
                    run_ascii = true;
                }
            } else {
                if run != usize::MAX {
                    counts.word_at(lex, text, run, i, run_ascii);
                    run = usize::MAX;
                }
                match b {
                    b',' => f.commas += 1,
                    b'.' | b'!' | b'?' if bytes.get(i + 1).map_or(true, |&n| n == b' ') => {
                        f.sentence_ends += 1
                    }
                    _ => {}
                }
            }
            i += 1;
            continue;
        }
        cjk_lead |= b >= 0xE3;
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        continuation_bytes += len - 1;
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &lb in l.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(lb)).wrapping_mul(FNV_PRIME);
                }
            }
            if run == usize::MAX {
                run = i;
            }
            run_ascii = false;
            first_alnum_lower.get_or_insert_with(|| c.is_lowercase());
        } else if c == '’' {
            if run == usize::MAX {
                run = i;
            }
            run_ascii = false;
        } else if run != usize::MAX {
            counts.word_at(lex, text, run, i, run_ascii);
            run = usize::MAX;
        }
        i += len;
    }
    if run != usize::MAX {
        counts.word_at(lex, text, run, bytes.len(), run_ascii);
    }
    f.words = counts.words;
    f.chars = (bytes.len() - continuation_bytes) as u32;
    if cjk_lead {
        // Kana, CJK ideographs or CJK punctuation (their UTF-8 lead bytes are E3..E9): scripts
        // written without spaces, about two characters per word; their own sentence and clause
        // marks.
        let mut cjk = 0u32;
        for c in text.chars() {
            match c {
                '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => {
                    cjk += 1
                }
                '。' | '！' | '？' => f.sentence_ends += 1,
                '、' | '，' => f.commas += 1,
                _ => {}
            }
        }
        f.words += cjk / 2;
    }
    let Counts {
        alpha: alpha_words,
        caps,
        nums,
        stops,
        upper_words,
        ..
    } = counts;
    if f.words > 0 {
        f.stop_ratio = stops as f32 / f.words as f32;
        f.num_ratio = nums as f32 / f.words as f32;
    }
    if alpha_words > 0 {
        f.cap_ratio = caps as f32 / alpha_words as f32;
    }
    f.all_caps = alpha_words >= 3 && upper_words == alpha_words;
    f.starts_lower = first_alnum_lower == Some(true);
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*') || c.is_whitespace()
    });
    f.terminal = trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    f.colon_end = trimmed.ends_with(':');
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
    (f, h)
}

/// A stable 64-bit hash (FNV-1a) of a line's letters and digits, lower-cased: two lines that
/// differ only in spacing, punctuation or case hash alike. Used for repetition within a page and
/// across a site (the value is stored in site profiles, so it must not change between runs).
pub fn line_hash(text: &str) -> u64 {
    const PRIME: u64 = FNV_PRIME;
    let mut h: u64 = FNV_OFFSET;
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
    fn stop_words_fit_packed_keys_and_match_in_any_case() {
        assert!(stopword_list().all(|w| w.len() <= 8));
        for text in ["the", "The", "THE", "für", "FÜR", "Für", "más", "É"] {
            assert_eq!(text_features(text).stop_ratio, 1.0, "{text}");
        }
        for text in ["theory", "thé", "İ", "don't"] {
            assert_eq!(text_features(text).stop_ratio, 0.0, "{text}");
        }
    }

    #[test]
    fn one_pass_hash_is_line_hash() {
        for text in [
            "",
            "Read more!",
            "’Tis FÜR Straße İstanbul ǅ 12½ — 特に困った。",
            "'quoted' words, and more.",
        ] {
            assert_eq!(features_and_hash(text).1, line_hash(text), "{text}");
        }
    }

    #[test]
    fn words_counts_and_first_letter() {
        let f = text_features("'hello' WORLD’s, 42 ’’ ÉTÉ");
        assert_eq!(f.words, 4);
        assert!(f.starts_lower);
        assert_eq!(f.num_ratio, 0.25);
        assert!(!text_features("’Tis").starts_lower);
    }

    #[test]
    fn line_hash_ignores_case_and_punctuation() {
        assert_eq!(line_hash("Read more!"), line_hash("read  more"));
        assert_ne!(line_hash("Read more"), line_hash("Read less"));
    }
}
