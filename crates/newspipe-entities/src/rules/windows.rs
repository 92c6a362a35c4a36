//! Where the rule patterns can match: every pattern needs a digit or one of a few dozen anchor
//! words (a month, a weekday, a number or ordinal word, `today`, `year`, `noon`, ...), and no
//! match reaches further than a few words from its anchor. The text is cut into windows around
//! anchors, each tagged with the [`kind`]s of anchor it holds, and each pattern is run only on
//! the windows that hold what it needs: running prose between anchors is never searched, and a
//! weekday pattern never looks at a window of numbers.

use super::tables;
use crate::hashed::FilteredMap;
use regex::{Captures, Match, Regex};
use std::ops::Range;
use std::sync::OnceLock;

/// Kinds of anchor, as bits of a window's `kinds`.
pub mod kind {
    /// An ASCII digit.
    pub const DIGIT: u16 = 1;
    /// A month name or abbreviation.
    pub const MONTH: u16 = 1 << 1;
    /// A weekday name.
    pub const WEEKDAY: u16 = 1 << 2;
    /// `today`, `yesterday`, `tomorrow`.
    pub const DEICTIC: u16 = 1 << 3;
    /// A calendar unit: `day`, `week`, `weekend`, `month`, `year`, `decade` (and plurals).
    pub const UNIT: u16 = 1 << 4;
    /// `quarter`.
    pub const QUARTER: u16 = 1 << 5;
    /// `midnight`, `noon`, `tonight`, `morning`, `afternoon`, `evening`, `night`.
    pub const TIME_WORD: u16 = 1 << 6;
    /// A number word (`data/rules/number_words.tsv`).
    pub const NUMBER_WORD: u16 = 1 << 7;
    /// An ordinal word (`data/rules/ordinal_words.tsv`).
    pub const ORDINAL_WORD: u16 = 1 << 8;
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
fn anchors() -> &'static FilteredMap<u16> {
    static ANCHORS: OnceLock<FilteredMap<u16>> = OnceLock::new();
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
        let mut anchors = FilteredMap::default();
        for (k, w) in super::dates::anchor_words()
            .into_iter()
            .chain(numbers)
            .chain(ordinals)
        {
            *anchors.entry(w.bytes().fold(SEED, mix)) |= k;
        }
        anchors
    })
}

/// Byte ranges of a text where rule patterns can match, in order and disjoint, each starting
/// and ending at a word boundary (white space or the ends of the text), with the kinds of
/// anchor each holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Windows(Vec<(Range<usize>, u16)>);

impl Windows {
    /// The whole text as one window (what the windows must be equivalent to).
    pub fn whole(text: &str) -> Self {
        Windows(vec![(0..text.len(), u16::MAX)])
    }

    /// The stretches of `text` within six words of an anchor (`REACH`).
    pub fn of(text: &str) -> Self {
        let anchors = anchors();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        // Start offsets of the last RING >= REACH words (a ring; a power of two, so indexing
        // is a mask, not a division).
        const RING: usize = REACH.next_power_of_two();
        let mut recent = [0usize; RING];
        let mut index = 0usize;
        // The open window: start, index of the last word it must include, end of that word so
        // far, kinds. It stays open while a new anchor could still make the windows touch.
        let mut open: Option<(usize, usize, usize, u16)> = None;
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
            let mut h = SEED;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_alphabetic() {
                    h = mix(h, b);
                    i += 1;
                    continue;
                }
                if h != SEED {
                    kinds |= anchors.get(h);
                    h = SEED;
                }
                if b.is_ascii_digit() {
                    kinds |= kind::DIGIT;
                } else if space_at(bytes, i).is_some() {
                    break;
                }
                i += 1;
            }
            if h != SEED {
                kinds |= anchors.get(h);
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
    fn with<'a>(&'a self, needs: u16) -> impl Iterator<Item = &'a Range<usize>> + 'a {
        self.0
            .iter()
            .filter(move |(_, k)| k & needs == needs)
            .map(|(r, _)| r)
    }

    /// What `find(haystack, start)` finds, repeatedly, in the windows that hold the anchor kinds
    /// `needs`, in text order. The haystack is the text up to the window's end, so a search sees
    /// the text before the window (for `\b`) but stops at its end.
    fn search<'a, T: 'a>(
        &'a self,
        needs: u16,
        text: &'a str,
        find: impl Fn(&'a str, usize) -> Option<(T, Match<'a>)> + Copy + 'a,
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
        needs: u16,
        text: &'a str,
    ) -> impl Iterator<Item = Captures<'a>> + 'a {
        self.search(needs, text, move |hay, at| {
            let c = re.captures_at(hay, at)?;
            let m = c.get(0).expect("group 0");
            Some((c, m))
        })
    }

    /// Matches of `re` in the windows that hold the anchor kinds `needs`, in text order, with
    /// offsets into `text`.
    pub fn find_iter<'a>(
        &'a self,
        re: &'a Regex,
        needs: u16,
        text: &'a str,
    ) -> impl Iterator<Item = Match<'a>> + 'a {
        self.search(needs, text, move |hay, at| {
            re.find_at(hay, at).map(|m| (m, m))
        })
    }

    /// Total bytes covered.
    pub fn covered(&self) -> usize {
        self.0.iter().map(|(w, _)| w.len()).sum()
    }
}

/// Where the search after `m` resumes (past an empty match by one character); `None` at the end.
fn next_start(hay: &str, m: Match) -> Option<usize> {
    if m.end() > m.start() {
        return Some(m.end());
    }
    hay[m.end()..]
        .chars()
        .next()
        .map(|c| m.end() + c.len_utf8())
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
        let text = "aa bb cc dd ee ff gg hh on Monday ii jj kk ll mm nn oo pp";
        assert_eq!(
            spans(text),
            vec!["dd ee ff gg hh on Monday ii jj kk ll mm nn"]
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
        assert_eq!(w.0[0].1, kind::DIGIT);
        let w = Windows::of("since mid-March, twenty-five days");
        assert_eq!(w.0[0].1, kind::MONTH | kind::NUMBER_WORD | kind::UNIT);
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
