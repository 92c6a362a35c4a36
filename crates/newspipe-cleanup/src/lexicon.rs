//! The word lists behind the block features (`data/`): stop words, boilerplate phrases and
//! caption markers, and the per-word counting of [`crate::features`].
//!
//! Words are looked up by a packed key (their bytes, ASCII letters lower-cased, in a `u64`) in
//! one small open-addressed table that says whether the word is a stop word and whether a
//! phrase starts with it. Phrases are matched during the same scan: a phrase can only count
//! where it starts a word (or at a punctuation mark it starts with: `©`, `(photo`), so at each
//! such place the few phrases that start with that word or mark are compared directly, longest
//! first, and the matches are then taken left to right without overlaps, as a leftmost-longest
//! search would take them.

use fnv::FnvHashMap;
use std::sync::LazyLock;

/// Flag: the word is a stop word (`the`, `of`, `und`, ...).
pub(crate) const STOP: u8 = 1;
/// Flag: a boilerplate phrase or caption marker starts with the word.
pub(crate) const PHRASE_START: u8 = 2;

/// Phrases and caption markers only decide blocks shorter than this (see the classifier).
pub(crate) const PHRASE_WORDS: u32 = 120;

/// Most phrase matches noted in one block. A block of fewer than [`PHRASE_WORDS`] words holds
/// more only when it repeats a mark (a line of `©©©...`); the first ones decide its features,
/// and the block's memory stays bounded however long the line.
const MAX_PHRASE_HITS: usize = 1024;

/// Packed word keys and their flags in an open-addressed table: one multiply and usually one
/// probe per lookup, no string hashing or comparison.
pub(crate) struct KeyTable {
    keys: Box<[u64]>,
    flags: Box<[u8]>,
    mask: usize,
}

impl KeyTable {
    fn new(entries: &[(u64, u8)]) -> Self {
        let size = (entries.len() * 4).next_power_of_two().max(16);
        let mut table = KeyTable {
            keys: vec![0; size].into_boxed_slice(),
            flags: vec![0; size].into_boxed_slice(),
            mask: size - 1,
        };
        for &(key, flag) in entries {
            let mut i = table.slot(key);
            while table.keys[i] != 0 && table.keys[i] != key {
                i = (i + 1) & table.mask;
            }
            table.keys[i] = key;
            table.flags[i] |= flag;
        }
        table
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & self.mask
    }

    /// The flags of a key (0 when it is not in the table).
    #[inline]
    pub(crate) fn get(&self, key: u64) -> u8 {
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.flags[i];
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Up to 8 bytes as a little-endian `u64`.
#[inline]
fn pack(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    buf[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(buf)
}

/// Words longer than 8 bytes: their first 8 bytes mixed with the length. Two long words may
/// share a key; that only costs a phrase check (no stop word is that long).
#[inline]
fn mix_length(first8: u64, len: usize) -> u64 {
    if len <= 8 {
        first8
    } else {
        first8 ^ (len as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
    }
}

/// The key of a word: its bytes with ASCII letters lower-cased (phrases match ASCII letters in
/// any case; other bytes must match as they are).
pub(crate) fn word_key(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    for (slot, b) in buf.iter_mut().zip(bytes) {
        *slot = b.to_ascii_lowercase();
    }
    mix_length(u64::from_le_bytes(buf), bytes.len())
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

/// [`word_key`] of the ASCII word `text[start..end]`: one unaligned load when the text has 8
/// bytes from `start`.
#[inline]
fn key_at(text: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    let first8 = match text.get(start..start + 8) {
        Some(b) => {
            let x = u64::from_le_bytes(b.try_into().unwrap_or_default());
            if len >= 8 {
                x
            } else {
                x & (u64::MAX >> (64 - 8 * len))
            }
        }
        None => pack(&text[start..end]),
    };
    mix_length(ascii_lower(first8), len)
}

/// The stop-word key of a word lower-cased with the full Unicode rules, or `None` when the
/// lower-case form is longer than 8 bytes (no stop word is).
fn unicode_lower_key(word: &str) -> Option<u64> {
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

/// The word lists, built once.
pub(crate) struct Lexicon {
    /// Stop words and phrase first words.
    pub(crate) words: KeyTable,
    /// Length in bytes of the longest stop word (longer words are not stop words; at most 8).
    pub(crate) longest_stopword: usize,
    /// ASCII characters that start a phrase (`(`, `/`).
    pub(crate) special_ascii: [bool; 128],
    /// Other non-alphanumeric characters that start a phrase (`©`).
    pub(crate) special_other: Vec<char>,
    /// The phrases (indices) that start with each of those characters, longest first.
    special_starts: FnvHashMap<char, Vec<u16>>,
    /// The phrases (indices) that start with each first word (by key), longest first.
    phrase_starts: FnvHashMap<u64, Vec<u16>>,
    /// Weight of each phrase: 0 caption marker, 1 weak, 2 strong, 3..5 section markers.
    pub(crate) phrase_weights: Vec<u8>,
    /// Boilerplate phrases and caption markers (matched with ASCII letters in any case).
    pub(crate) phrase_text: Vec<&'static str>,
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Stop words (`data/stopwords.txt`, lower case). Words longer than 8 bytes would not fit a
/// packed key; the list has none (a test checks it).
pub(crate) fn stopword_list() -> impl Iterator<Item = &'static str> {
    data_lines(include_str!("../data/stopwords.txt")).map(str::trim)
}

/// The word lists.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let stopwords: Vec<&str> = stopword_list().filter(|w| w.len() <= 8).collect();
    let mut entries: Vec<(u64, u8)> = stopwords
        .iter()
        .map(|w| (pack(w.as_bytes()), STOP))
        .collect();
    let mut phrase_weights = Vec::new();
    let mut phrase_text = Vec::new();
    for line in data_lines(include_str!("../data/boilerplate_phrases.txt")) {
        if let Some((w, p)) = line.split_once('\t') {
            phrase_weights.push(w.trim().parse().unwrap_or(1));
            phrase_text.push(p);
        }
    }
    // Caption markers are phrases of weight 0.
    for line in data_lines(include_str!("../data/caption_markers.txt")) {
        phrase_weights.push(0);
        phrase_text.push(line);
    }
    assert!(
        phrase_text.len() <= usize::from(u16::MAX),
        "too many phrases for u16 indices"
    );
    let mut special_ascii = [false; 128];
    let mut special_other = Vec::new();
    let mut special_starts: FnvHashMap<char, Vec<u16>> = FnvHashMap::default();
    let mut phrase_starts: FnvHashMap<u64, Vec<u16>> = FnvHashMap::default();
    for (i, &p) in phrase_text.iter().enumerate() {
        let i = i as u16;
        let first_word = p.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        match p.chars().next() {
            Some(c) if c.is_alphanumeric() => {
                let key = word_key(first_word.as_bytes());
                entries.push((key, PHRASE_START));
                phrase_starts.entry(key).or_default().push(i);
            }
            Some(c) => {
                if c.is_ascii() {
                    special_ascii[c as usize] = true;
                } else if !special_other.contains(&c) {
                    special_other.push(c);
                }
                special_starts.entry(c).or_default().push(i);
            }
            // An empty phrase (a weight and a tab alone) is ignored.
            None => {}
        }
    }
    for list in phrase_starts
        .values_mut()
        .chain(special_starts.values_mut())
    {
        list.sort_by_key(|&i| std::cmp::Reverse(phrase_text[usize::from(i)].len()));
    }
    Lexicon {
        longest_stopword: stopwords.iter().map(|w| w.len()).max().unwrap_or(0),
        words: KeyTable::new(&entries),
        special_ascii,
        special_other,
        special_starts,
        phrase_starts,
        phrase_weights,
        phrase_text,
    }
});

/// True when the match `text[start..end]` starts and ends at word boundaries. Only
/// alphanumeric phrase edges need a boundary (`©` matches anywhere).
pub(crate) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let edge_ok = |edge: Option<char>, inner: Option<char>| {
        !inner.is_some_and(char::is_alphanumeric) || !edge.is_some_and(char::is_alphanumeric)
    };
    edge_ok(before, first) && edge_ok(after, last)
}

/// The longest of `phrases` (indices, sorted longest first) that occurs at `pos`, ASCII
/// letters in any case.
fn longest_at(lex: &Lexicon, text: &str, pos: usize, phrases: Option<&Vec<u16>>) -> Option<u16> {
    let rest = &text.as_bytes()[pos..];
    phrases?.iter().copied().find(|&i| {
        let p = lex.phrase_text[usize::from(i)].as_bytes();
        rest.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// Word counts of a block, filled word by word by the scanner of [`crate::features`].
#[derive(Default)]
pub(crate) struct Counts {
    pub(crate) words: u32,
    pub(crate) alpha: u32,
    pub(crate) caps: u32,
    pub(crate) nums: u32,
    pub(crate) stops: u32,
    pub(crate) upper_words: u32,
    /// The longest phrase at each place where one starts: `(byte offset, phrase index)`, in
    /// the order the scan met them (not always text order: see [`Self::phrases`]).
    phrase_hits: Vec<(usize, u16)>,
}

impl Counts {
    /// Notes the longest of `phrases` at `pos`, while the block is short enough for phrases to
    /// matter.
    #[inline]
    fn phrase_at(&mut self, lex: &Lexicon, text: &str, pos: usize, phrases: Option<&Vec<u16>>) {
        if self.words < PHRASE_WORDS && self.phrase_hits.len() < MAX_PHRASE_HITS {
            if let Some(i) = longest_at(lex, text, pos, phrases) {
                self.phrase_hits.push((pos, i));
            }
        }
    }

    /// The scanner met `c`, a character that phrases start with, at `pos`.
    #[cold]
    pub(crate) fn phrase_mark(&mut self, lex: &Lexicon, text: &str, pos: usize, c: char) {
        self.phrase_at(lex, text, pos, lex.special_starts.get(&c));
    }

    /// The phrases of the block (indices into [`Lexicon::phrase_text`]), in text order: the
    /// longest at each place, taken left to right without overlapping the one taken before,
    /// and kept when they end at a word boundary. One that does not still covers its text, as
    /// in a leftmost-longest search (`share this` in `share thistle` hides any phrase that
    /// starts inside it). `text` is the block the counts were made from.
    pub(crate) fn phrases<'a>(
        &'a mut self,
        lex: &'a Lexicon,
        text: &'a str,
    ) -> impl Iterator<Item = u16> + 'a {
        let len = |i: u16| lex.phrase_text[usize::from(i)].len();
        // Ties at one offset (a word and a punctuation mark that both start phrases there):
        // the longest first, as the search would report it.
        self.phrase_hits
            .sort_unstable_by_key(|&(pos, i)| (pos, std::cmp::Reverse(len(i))));
        let mut covered_to = 0;
        self.phrase_hits.iter().filter_map(move |&(pos, i)| {
            if pos < covered_to {
                return None;
            }
            covered_to = pos + len(i);
            is_word_boundary(text, pos, covered_to).then_some(i)
        })
    }

    /// Counts the word `text[start..end]`: a run of letters, digits and apostrophes (`'`,
    /// `’`), apostrophes at its ends trimmed. `simple` says the run is ASCII letters and digits
    /// only: that common case is inline; the rest is [`Self::word`].
    #[inline(always)]
    pub(crate) fn word_at(
        &mut self,
        lex: &Lexicon,
        text: &str,
        start: usize,
        end: usize,
        simple: bool,
    ) {
        if !simple {
            return self.word(lex, text, start, end);
        }
        let b = text.as_bytes();
        let key = key_at(b, start, end);
        let flags = lex.words.get(key);
        if flags & PHRASE_START != 0 {
            self.phrase_at(lex, text, start, lex.phrase_starts.get(&key));
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
        if len <= lex.longest_stopword && flags & STOP != 0 {
            self.stops += 1;
        }
    }

    /// Counts one word (see [`Self::word_at`]) with apostrophes or in any script.
    #[inline(never)]
    fn word(&mut self, lex: &Lexicon, text: &str, start: usize, end: usize) {
        let run = &text[start..end];
        if self.words < PHRASE_WORDS {
            // Each stretch of letters and digits starts a word for the phrases.
            let mut pos = start;
            for part in run.split(['\'', '’']) {
                let key = word_key(part.as_bytes());
                if !part.is_empty() && lex.words.get(key) & PHRASE_START != 0 {
                    self.phrase_at(lex, text, pos, lex.phrase_starts.get(&key));
                }
                // The separator after `part` is `'` (1 byte) or `’` (3 bytes).
                pos += part.len();
                pos += text[pos..].chars().next().map_or(0, char::len_utf8);
            }
        }
        let word = run.trim_matches(|c| c == '\'' || c == '’');
        if word.is_empty() {
            return;
        }
        self.words += 1;
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
        if word.len() <= lex.longest_stopword
            && unicode_lower_key(word).is_some_and(|k| lex.words.get(k) & STOP != 0)
        {
            self.stops += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_lower_case_ascii_letters_only() {
        assert_eq!(word_key(b"The"), pack(b"the"));
        assert_eq!(key_at(b"xx The end", 3, 6), pack(b"the"));
        assert_eq!(key_at(b"The", 0, 3), pack(b"the"));
        assert_eq!(key_at(b"Newsletters", 0, 11), word_key(b"newsletters"));
        assert_eq!(key_at(b"a NEWSLETTER b", 2, 12), word_key(b"newsletter"));
        assert_ne!(word_key(b"newsletter"), word_key(b"newsletters"));
        assert_eq!(ascii_lower(pack(b"@[Z`a{")), pack(b"@[z`a{"));
    }

    #[test]
    fn a_line_of_marks_notes_boundedly_many_phrases() {
        let text = "©".repeat(100_000);
        let mut counts = Counts::default();
        for (pos, c) in text.char_indices() {
            counts.phrase_mark(&LEXICON, &text, pos, c);
        }
        assert_eq!(counts.phrase_hits.len(), MAX_PHRASE_HITS);
        assert_eq!(counts.phrases(&LEXICON, &text).count(), MAX_PHRASE_HITS);
    }

    #[test]
    fn phrase_first_words_are_in_the_table() {
        let lex = &*LEXICON;
        assert!(lex.words.get(word_key(b"share")) & PHRASE_START != 0);
        assert!(lex.words.get(word_key(b"the")) & STOP != 0);
        assert!(lex.special_other.contains(&'©'));
        assert!(lex.special_ascii[usize::from(b'(')]);
    }
}
