//! The lexicon's entries and the table they are looked up in. The build script includes this
//! file too: it compiles `data/lexicon.tsv` into a table that the binary carries as bytes and
//! reads in place, so a run parses no text to start.
//!
//! A table is little-endian `u64`s: the number of entries, then a power of two of slots, each
//! `key << 32 | packed entry` (key 0: empty), at most half of them full. A word's key is its
//! hash cut to 32 bits (0 read as 1); a lookup probes slots linearly from [`home_slot`].

use crate::word_hash::{exact_hash, home_slot, lower_hash};

/// One word's entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lexeme {
    /// Brown-cluster bit path, stored so that its first `k` bits are `cluster & (2^k - 1)`;
    /// 0 when the word has none.
    pub cluster: u32,
    /// -log of the word's probability, rounded (1 for `the`, up to 31); 0 when unknown.
    pub rarity: u8,
    /// A lower-case word whose capitalised form is much more frequent.
    pub usually_capitalised: bool,
}

const CLUSTER_BITS: u32 = 0xff_ffff;
const CAPITALISED_BIT: u32 = 1 << 31;

impl Lexeme {
    pub(crate) fn pack(self) -> u32 {
        self.cluster & CLUSTER_BITS
            | (self.rarity as u32) << 24
            | if self.usually_capitalised {
                CAPITALISED_BIT
            } else {
                0
            }
    }

    pub(crate) fn unpack(v: u32) -> Lexeme {
        Lexeme {
            cluster: v & CLUSTER_BITS,
            rarity: (v >> 24 & 0x1f) as u8,
            usually_capitalised: v & CAPITALISED_BIT != 0,
        }
    }
}

pub(crate) fn has_ascii_capitals(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_uppercase())
}

/// The table key of a hash.
#[inline]
fn key_of(hash: u64) -> u32 {
    (hash as u32).max(1)
}

/// `word<TAB>cluster<TAB>rarity<TAB>0|1`, read with hand-written number parsing.
pub(crate) fn parse_fields(line: &str) -> Option<(&str, Lexeme)> {
    let bytes = line.as_bytes();
    let tab = memchr::memchr(b'\t', bytes)?;
    let mut numbers = [0u32; 3];
    let mut field = 0;
    for &b in &bytes[tab + 1..] {
        match b {
            b'0'..=b'9' => numbers[field] = numbers[field].checked_mul(10)? + (b - b'0') as u32,
            b'\t' if field < 2 => field += 1,
            _ => return None,
        }
    }
    let [cluster, rarity, capitalised] = numbers;
    (field == 2 && rarity <= 31 && capitalised <= 1).then_some((
        &line[..tab],
        Lexeme {
            cluster,
            rarity: rarity as u8,
            usually_capitalised: capitalised == 1,
        },
    ))
}

/// The well-formed lines of a lexicon TSV (lines that are not four fields are skipped).
pub(crate) fn entries(tsv: &str) -> impl Iterator<Item = (&str, Lexeme)> {
    let mut at = 0;
    memchr::memchr_iter(b'\n', tsv.as_bytes())
        .chain([tsv.len()])
        .filter_map(move |end| {
            let line = &tsv[at..end];
            at = (end + 1).min(tsv.len());
            parse_fields(line)
        })
}

/// Compiles a lexicon TSV into a table. A word without ASCII capitals is keyed by its
/// [`lower_hash`], any other word by its [`exact_hash`]; of two lines with one key, the later
/// wins.
pub(crate) fn compile(tsv: &str) -> Vec<u8> {
    let entries: Vec<(u32, u32)> = entries(tsv)
        .map(|(word, lexeme)| {
            let hash = if has_ascii_capitals(word) {
                exact_hash(word)
            } else {
                lower_hash(word)
            };
            (key_of(hash), lexeme.pack())
        })
        .collect();
    let n_slots = (entries.len() * 2).next_power_of_two().max(16);
    let mut slots = vec![0u64; n_slots];
    let mut len = 0u64;
    for (key, value) in entries {
        let mut i = home_slot(key.into(), n_slots - 1);
        while slots[i] != 0 && (slots[i] >> 32) as u32 != key {
            i = (i + 1) & (n_slots - 1);
        }
        len += u64::from(slots[i] == 0);
        slots[i] = (key as u64) << 32 | value as u64;
    }
    [len]
        .iter()
        .chain(&slots)
        .flat_map(|s| s.to_le_bytes())
        .collect()
}

/// Number of entries of a table made by [`compile`].
pub(crate) fn len(table: &[u8]) -> usize {
    slot(table, 0) as usize
}

/// `mask` of [`lookup`]: the number of slots of a table made by [`compile`], less one.
pub(crate) const fn slot_mask(table: &[u8]) -> usize {
    table.len() / 8 - 2
}

#[inline]
fn slot(table: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(table[8 * i..8 * i + 8].try_into().expect("8 bytes"))
}

/// The byte offset of the slot where [`lookup`] starts looking for `hash`.
#[inline]
pub(crate) fn home_offset(mask: usize, hash: u64) -> usize {
    8 * (1 + home_slot(key_of(hash).into(), mask))
}

/// The packed entry of `hash` in a table made by [`compile`] (`mask` from [`slot_mask`]), or 0.
#[inline]
pub(crate) fn lookup(table: &[u8], mask: usize, hash: u64) -> u32 {
    let key = key_of(hash);
    let mut i = home_slot(key.into(), mask);
    loop {
        let s = slot(table, 1 + i);
        match (s >> 32) as u32 {
            k if k == key => return s as u32,
            0 => return 0,
            _ => i = (i + 1) & mask,
        }
    }
}

/// [`lower_hash`]es of the usually capitalised words of a lexicon TSV (the build script lists
/// them for training).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn usually_capitalised(tsv: &str) -> impl Iterator<Item = u64> + '_ {
    entries(tsv)
        .filter(|(_, l)| l.usually_capitalised)
        .map(|(w, _)| lower_hash(w))
}
