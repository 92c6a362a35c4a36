//! Where the rule patterns can match: every pattern needs a digit or one of a few dozen anchor
//! words (a month, a weekday, a number or ordinal word, `today`, `year`, `noon`, ...), and no
//! match reaches further than a few words from its anchor. The text is cut into windows around
//! anchors, each tagged with the [`kind`]s of anchor it holds, and each pattern is run only on
//! the windows that hold what it needs: running prose between anchors is never searched, a
//! weekday pattern never looks at a window of numbers, and a percent pattern never looks at a
//! window without `%` or `per cent` (the literal kinds, from `PERCENT` on).

use super::tables;
use crate::hashed::FilteredMap;
use regex::{Captures, Match, Regex};
use std::ops::Range;
use std::sync::OnceLock;

/// Kinds of anchor, as bits of a window's `kinds`.
pub mod kind {
    /// An ASCII digit.
    pub const DIGIT: u32 = 1;
    /// A month name or abbreviation.
    pub const MONTH: u32 = 1 << 1;
    /// A weekday name.
    pub const WEEKDAY: u32 = 1 << 2;
    /// `today`, `yesterday`, `tomorrow`.
    pub const DEICTIC: u32 = 1 << 3;
    /// A calendar unit: `day`, `week`, `weekend`, `month`, `year`, `decade` (and plurals).
    pub const UNIT: u32 = 1 << 4;
    /// `quarter`.
    pub const QUARTER: u32 = 1 << 5;
    /// `midnight`, `noon`, `tonight`, `morning`, `afternoon`, `evening`, `night`.
    pub const TIME_WORD: u32 = 1 << 6;
    /// A number word (`data/rules/number_words.tsv`).
    pub const NUMBER_WORD: u32 = 1 << 7;
    /// An ordinal word (`data/rules/ordinal_words.tsv`).
    pub const ORDINAL_WORD: u32 = 1 << 8;

    // The kinds below are literals some patterns cannot match without: a window lacking one
    // is not searched by those patterns.

    /// `%`, or the word `percent` or `cent` (`per cent`).
    pub const PERCENT: u32 = 1 << 9;
    /// A currency symbol (`$`, `£`, `€`, ...: every non-alphabetic form in
    /// `data/rules/currencies.tsv` holds one).
    pub const CURRENCY_SYMBOL: u32 = 1 << 10;
    /// A currency word (`dollars`, `pence`, `GBP`, ...).
    pub const CURRENCY_WORD: u32 = 1 << 11;
    /// An ordinal ending (`st`, `nd`, `rd`, `th`) right after a digit (`3rd`).
    pub const ORDINAL_SUFFIX: u32 = 1 << 12;
    /// `:` right after a digit (`10:56`).
    pub const CLOCK_COLON: u32 = 1 << 13;
    /// The word `am` or `pm`, or `m` right after a full stop (`a.m.`).
    pub const AM_PM: u32 = 1 << 14;
    /// `-` right after a digit (`2025-09-15`).
    pub const DIGIT_HYPHEN: u32 = 1 << 15;
    /// A run of exactly four digits that starts with one of the year patterns' centuries
    /// (1600–2099: a year, or a decade's `1990s`).
    pub const YEAR: u32 = 1 << 16;
    /// The first word of a measurement unit (`km`, `miles`, `square` of `square miles`), or a
    /// word that starts with a scale word and goes on (`millionkm`: the quantity pattern lets
    /// a unit follow `million` directly).
    pub const QUANTITY_UNIT: u32 = 1 << 17;
}

/// How many whitespace-separated words a match may extend beyond its anchor word, either side
/// (the longest reach is `the start of` before a month, or `the previous ... ago` around a
/// time unit: four words).
const REACH: usize = 6;

#[inline]
fn mix(h: u64, b: u8) -> u64 {
    (h ^ (b | 0x20) as u64).wrapping_mul(0x0100_0000_01b3)
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// Builds the lazily built tables of this module now.
pub(crate) fn prepare() {
    anchors();
}

/// Anchor words by the hash of their lower-case letters, with their kinds.
fn anchors() -> &'static FilteredMap<u32> {
    static ANCHORS: OnceLock<FilteredMap<u32>> = OnceLock::new();
    ANCHORS.get_or_init(|| {
        let t = tables();
        let numbers = t
            .number_words
            .keys()
            .map(|w| (kind::NUMBER_WORD, w.to_string()));
        let ordinals = t
            .ordinal_words
            .keys()
            .map(|w| (kind::ORDINAL_WORD, w.to_string()));
        // The currency words, as `numbers` tells them from the symbols.
        let currency_words = t
            .currencies
            .keys()
            .filter(|k| k.chars().all(char::is_alphabetic))
            .inspect(|w| assert!(w.is_ascii(), "currency word {w:?} is ASCII"))
            .map(|w| (kind::CURRENCY_WORD, w.to_string()));
        let units = t.units.keys().map(|u| {
            let first = u.split(|c: char| !c.is_ascii_alphabetic()).next();
            let first = first.filter(|w| !w.is_empty() && u.starts_with(w));
            let first = first.unwrap_or_else(|| panic!("unit {u:?} starts with a letter"));
            (kind::QUANTITY_UNIT, first.to_string())
        });
        let literals = [("percent", kind::PERCENT), ("cent", kind::PERCENT)]
            .into_iter()
            .chain([("am", kind::AM_PM), ("pm", kind::AM_PM)])
            .map(|(w, k)| (k, w.to_string()));
        let mut anchors = FilteredMap::default();
        for (k, w) in super::dates::anchor_words()
            .into_iter()
            .chain(numbers)
            .chain(ordinals)
            .chain(currency_words)
            .chain(units)
            .chain(literals)
        {
            *anchors.entry(w.bytes().fold(SEED, mix)) |= k;
        }
        anchors
    })
}

/// The non-ASCII characters of the currency symbols (`£`, `€`, ...), as UTF-8.
fn currency_symbols() -> &'static [String] {
    static SYMBOLS: OnceLock<Vec<String>> = OnceLock::new();
    SYMBOLS.get_or_init(|| {
        let mut out: Vec<String> = Vec::new();
        let symbols = tables().currencies.keys().copied();
        for sym in symbols.filter(|k| !k.chars().all(char::is_alphabetic)) {
            assert!(
                sym.chars().any(|c| c == '$' || !c.is_ascii()),
                "currency symbol {sym:?} holds `$` or a non-ASCII character"
            );
            let chars = sym.chars().filter(|c| !c.is_ascii()).map(String::from);
            out.extend(chars);
        }
        out.sort();
        out.dedup();
        out
    })
}

/// Byte ranges of a text where rule patterns can match, in order and disjoint, each starting
/// and ending at a word boundary (white space or the ends of the text), with the kinds of
/// anchor each holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Windows(Vec<(Range<usize>, u32)>);

impl Windows {
    /// The whole text as one window (what the windows must be equivalent to).
    pub fn whole(text: &str) -> Self {
        Windows(vec![(0..text.len(), u32::MAX)])
    }

    /// The stretches of `text` within six words of an anchor (`REACH`).
    pub fn of(text: &str) -> Self {
        let anchors = anchors();
        let symbols = currency_symbols();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        // Start offsets of the last RING >= REACH words (a ring; a power of two, so indexing
        // is a mask, not a division).
        const RING: usize = REACH.next_power_of_two();
        let mut recent = [0usize; RING];
        let mut index = 0usize;
        // The open window: start, index of the last word it must include, end of that word so
        // far, kinds. It stays open while a new anchor could still make the windows touch.
        let mut open: Option<(usize, usize, usize, u32)> = None;
        let mut i = 0;
        while i < bytes.len() {
            if let Some(len) = space_at(bytes, i) {
                i += len;
                continue;
            }
            // One word: up to the next white space. Its anchor kinds: digits, and anchor words
            // as runs of ASCII letters (`mid-March`, `(Monday),`, `twenty-five`).
            let start = i;
            let mut kinds = 0;
            let mut prev = b' ';
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_alphabetic() {
                    let run = i;
                    let mut h = SEED;
                    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                        h = mix(h, bytes[i]);
                        i += 1;
                    }
                    kinds |= anchors.get(h);
                    let word = &bytes[run..i];
                    if prev.is_ascii_digit() && is_ordinal_suffix(word) {
                        kinds |= kind::ORDINAL_SUFFIX;
                    }
                    if prev == b'.' && word.eq_ignore_ascii_case(b"m") {
                        kinds |= kind::AM_PM;
                    }
                    if word.len() > SHORTEST_SCALE_WORD && starts_with_scale_word(word) {
                        kinds |= kind::QUANTITY_UNIT;
                    }
                    prev = b'a';
                    continue;
                }
                if b.is_ascii_digit() {
                    let run = i;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                    kinds |= kind::DIGIT;
                    let century = |c: &&str| bytes[run..run + 2] == *c.as_bytes();
                    if i - run == 4 && super::dates::YEAR_CENTURIES.iter().any(century) {
                        kinds |= kind::YEAR;
                    }
                    prev = b'0';
                    continue;
                }
                match b {
                    b'%' => kinds |= kind::PERCENT,
                    b'$' => kinds |= kind::CURRENCY_SYMBOL,
                    b':' if prev.is_ascii_digit() => kinds |= kind::CLOCK_COLON,
                    b'-' if prev.is_ascii_digit() => kinds |= kind::DIGIT_HYPHEN,
                    _ if space_at(bytes, i).is_some() => break,
                    0x80.. if symbols.iter().any(|s| bytes[i..].starts_with(s.as_bytes())) => {
                        kinds |= kind::CURRENCY_SYMBOL
                    }
                    _ => {}
                }
                prev = b;
                i += 1;
            }
            if let Some((from, until, stop, kinds)) = open {
                if index > until + 1 + REACH {
                    out.push((from..stop, kinds));
                    open = None;
                }
            }
            if kinds != 0 {
                open = Some(match open {
                    Some((from, _, stop, k)) => (from, index + REACH, stop, k | kinds),
                    None => {
                        let back = index.min(REACH);
                        let from = if back == 0 {
                            start
                        } else {
                            recent[(index - back) % RING]
                        };
                        (from, index + REACH, i, kinds)
                    }
                });
            }
            if let Some((_, until, stop, _)) = &mut open {
                if index <= *until {
                    *stop = i;
                }
            }
            recent[index % RING] = start;
            index += 1;
        }
        if let Some((from, _, stop, kinds)) = open {
            out.push((from..stop, kinds));
        }
        Windows(out)
    }

    /// The windows holding an anchor of every kind in `needs`.
    fn with<'a>(&'a self, needs: u32) -> impl Iterator<Item = &'a Range<usize>> + 'a {
        self.0
            .iter()
            .filter(move |(_, k)| k & needs == needs)
            .map(|(r, _)| r)
    }

    /// What `find(haystack, start)` finds, repeatedly, in the windows that hold the anchor kinds
    /// `needs`, in text order: `find` returns a match and its byte range in the haystack, or
    /// `None`. The haystack is the text up to the window's end, so a search sees the text before
    /// the window (for `\b`) but stops at its end.
    pub(crate) fn search<'a, T: 'a>(
        &'a self,
        needs: u32,
        text: &'a str,
        find: impl Fn(&'a str, usize) -> Option<(T, Range<usize>)> + Copy + 'a,
    ) -> impl Iterator<Item = T> + 'a {
        self.with(needs).flat_map(move |w| {
            let hay = &text[..w.end];
            let mut at = Some(w.start);
            std::iter::from_fn(move || {
                let (found, m) = find(hay, at?)?;
                at = next_start(hay, m);
                Some(found)
            })
        })
    }

    /// Matches of `re` (with groups) in the windows that hold the anchor kinds `needs`, in text
    /// order, with offsets into `text`.
    pub fn captures<'a>(
        &'a self,
        re: &'a Regex,
        needs: u32,
        text: &'a str,
    ) -> impl Iterator<Item = Captures<'a>> + 'a {
        self.search(needs, text, move |hay, at| {
            let c = re.captures_at(hay, at)?;
            let m = c.get(0).expect("group 0").range();
            Some((c, m))
        })
    }

    /// Matches of `re` in the windows that hold the anchor kinds `needs`, in text order, with
    /// offsets into `text`.
    pub fn find_iter<'a>(
        &'a self,
        re: &'a Regex,
        needs: u32,
        text: &'a str,
    ) -> impl Iterator<Item = Match<'a>> + 'a {
        self.search(needs, text, move |hay, at| {
            re.find_at(hay, at).map(|m| (m, m.range()))
        })
    }

    /// Total bytes covered.
    pub fn covered(&self) -> usize {
        self.0.iter().map(|(w, _)| w.len()).sum()
    }
}

/// Letters of the shortest scale word: a word must be longer to start with one and go on.
const SHORTEST_SCALE_WORD: usize = {
    let words = super::numbers::SCALE_WORDS;
    let mut shortest = usize::MAX;
    let mut i = 0;
    while i < words.len() {
        if words[i].len() < shortest {
            shortest = words[i].len();
        }
        i += 1;
    }
    shortest
};

/// Whether `word` is longer than a scale word it starts with (`millionkm`), in any case.
fn starts_with_scale_word(word: &[u8]) -> bool {
    super::numbers::SCALE_WORDS
        .iter()
        .any(|s| word.len() > s.len() && word[..s.len()].eq_ignore_ascii_case(s.as_bytes()))
}

/// One of [`super::numbers::ORDINAL_SUFFIXES`], in any case.
fn is_ordinal_suffix(word: &[u8]) -> bool {
    super::numbers::ORDINAL_SUFFIXES
        .iter()
        .any(|s| word.eq_ignore_ascii_case(s.as_bytes()))
}

/// Where the search after the match `m` resumes (past an empty match by one character); `None`
/// at the end.
fn next_start(hay: &str, m: Range<usize>) -> Option<usize> {
    if m.end > m.start {
        return Some(m.end);
    }
    hay[m.end..].chars().next().map(|c| m.end + c.len_utf8())
}

/// The byte length of the white-space character at byte `i`, if there is one: ASCII white
/// space, or one of the Unicode spaces (NBSP, U+2000..U+200A, U+2028/9, U+202F, U+205F, U+3000,
/// U+1680, U+0085), recognised from their UTF-8 bytes.
#[inline]
fn space_at(bytes: &[u8], i: usize) -> Option<usize> {
    let b = bytes[i];
    if b < 0x80 {
        return matches!(b, b' ' | b'\t'..=b'\r').then_some(1);
    }
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match (b, at(1), at(2)) {
        (0xC2, 0x85 | 0xA0, _) => Some(2),
        (0xE1, 0x9A, 0x80) => Some(3),
        (0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => Some(3),
        (0xE2, 0x81, 0x9F) => Some(3),
        (0xE3, 0x80, 0x80) => Some(3),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        Windows::of(text)
            .0
            .iter()
            .map(|(w, _)| &text[w.clone()])
            .collect()
    }

    #[test]
    fn windows_surround_anchors_and_skip_plain_prose() {
        let text = "a b c d e f g h i j k l m n o p q r s t u v w x y z";
        assert!(spans(text).is_empty());
        let text = "aa bb cc dd ee ff gg hh on Monday ii jj kk ll qq nn oo pp";
        assert_eq!(
            spans(text),
            vec!["dd ee ff gg hh on Monday ii jj kk ll qq nn"]
        );
        assert_eq!(spans("In 2022,"), vec!["In 2022,"]);
        assert_eq!(spans("mid-march\u{a0}rally"), vec!["mid-march\u{a0}rally"]);
        // Every Unicode space separates words; other characters do not.
        for c in (0..=0x3000u32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(
                space_at(s.as_bytes(), 0).is_some(),
                c.is_whitespace(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn nearby_anchors_share_a_window() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        assert_eq!(spans(text), vec![text]);
        let w = Windows::of("£5 a b c d e f g h i j k l m n o p 7%");
        assert_eq!(w.0.len(), 2);
        assert!(w.0[0].0.end <= w.0[1].0.start);
        assert_eq!(w.0[0].1, kind::DIGIT | kind::CURRENCY_SYMBOL);
        assert_eq!(w.0[1].1, kind::DIGIT | kind::PERCENT);
        let w = Windows::of("since mid-March, twenty-five days");
        assert_eq!(w.0[0].1, kind::MONTH | kind::NUMBER_WORD | kind::UNIT);
    }

    #[test]
    fn literal_kinds_mark_what_the_patterns_need() {
        let kinds = |t: &str| Windows::of(t).0.iter().fold(0, |k, (_, w)| k | w);
        use kind::*;
        assert_eq!(kinds("US$ 5"), DIGIT | CURRENCY_SYMBOL);
        assert_eq!(kinds("€5"), DIGIT | CURRENCY_SYMBOL);
        assert_eq!(kinds("5 pence"), DIGIT | CURRENCY_WORD);
        assert_eq!(kinds("5 per cent"), DIGIT | PERCENT);
        assert_eq!(kinds("the 3rd"), DIGIT | ORDINAL_SUFFIX);
        assert_eq!(kinds("at 10:56"), DIGIT | CLOCK_COLON);
        assert_eq!(kinds("10 a.m."), DIGIT | AM_PM);
        assert_eq!(kinds("10pm"), DIGIT | AM_PM);
        assert_eq!(kinds("2025-09-15"), DIGIT | DIGIT_HYPHEN | YEAR);
        assert_eq!(kinds("the 1990s"), DIGIT | YEAR);
        assert_eq!(kinds("12345 1599"), DIGIT);
        assert_eq!(kinds("40 km"), DIGIT | QUANTITY_UNIT);
        assert_eq!(kinds("5 millionkm"), DIGIT | QUANTITY_UNIT);
        assert_eq!(kinds("5 million"), DIGIT | NUMBER_WORD);
        // Suffixes count only right after a digit.
        assert_eq!(kinds("a st of rd"), 0);
    }

    #[test]
    fn searches_see_context_but_stop_at_the_window() {
        let re = Regex::new(r"\b[0-9]+\b").unwrap();
        let text = "x9 5 and then a long stretch of words with no numbers at all here 77";
        let w = Windows::of(text);
        let found: Vec<&str> = w
            .find_iter(&re, kind::DIGIT, text)
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, vec!["5", "77"]);
        assert_eq!(w.find_iter(&re, kind::MONTH, text).count(), 0);
    }
}
