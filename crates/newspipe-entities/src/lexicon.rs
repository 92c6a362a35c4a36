//! What the name tagger knows about English words beyond its training data
//! (`data/lexicon.tsv`, built by `tools/build_lexicon.py` from the spacy-lookups-data package):
//! - a **Brown word cluster**: words that occur in similar contexts share a cluster, so the
//!   tagger generalises from `Paris` in its training data to `Lyon`, which it never saw;
//! - a **rarity**, -log of the word's probability, rounded;
//! - whether a lower-case word is **usually capitalised** (`chicago`): such words may start a
//!   name even when written in lower case, as they often are in web text.

use crate::features::{exact_hash, lower_hash};
use crate::hashed::IdentityMap;
use std::sync::OnceLock;

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
    fn pack(self) -> u32 {
        self.cluster & CLUSTER_BITS
            | (self.rarity as u32) << 24
            | if self.usually_capitalised {
                CAPITALISED_BIT
            } else {
                0
            }
    }

    fn unpack(v: u32) -> Lexeme {
        Lexeme {
            cluster: v & CLUSTER_BITS,
            rarity: (v >> 24 & 0x1f) as u8,
            usually_capitalised: v & CAPITALISED_BIT != 0,
        }
    }
}

/// A lexicon read from `word<TAB>cluster<TAB>rarity<TAB>0|1` lines. A word without ASCII
/// capitals is keyed by its [`lower_hash`], any other word by its [`exact_hash`], each cut to
/// 32 bits (two keys in a million may collide; a collision only lends a word another word's
/// entry).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    map: IdentityMap<u32, u32>,
}

impl Lexicon {
    /// The shipped lexicon (`data/lexicon.tsv`), read once per process.
    pub fn shipped() -> &'static Lexicon {
        static SHIPPED: OnceLock<Lexicon> = OnceLock::new();
        SHIPPED.get_or_init(|| Lexicon::parse(LEXICON_TSV))
    }

    /// Reads a lexicon; lines that are not four well-formed fields are skipped.
    pub fn parse(tsv: &str) -> Lexicon {
        Lexicon { map: parse(tsv) }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The entries of `word` as written and of its lower-case form (`Paris`: `Paris` and
    /// `paris`; `PARIS`: none and `paris`), given its [`exact_hash`] and [`lower_hash`]; a
    /// default [`Lexeme`] where the lexicon has none.
    #[inline]
    pub fn lexemes(&self, word: &str, exact: u64, lower: u64) -> (Lexeme, Lexeme) {
        let get = |h: u64| {
            self.map
                .get(&(h as u32))
                .map_or_else(Lexeme::default, |&v| Lexeme::unpack(v))
        };
        let lower_entry = get(lower);
        if has_ascii_capitals(word) {
            (get(exact), lower_entry)
        } else {
            (lower_entry, lower_entry)
        }
    }
}

/// Reads the shipped lexicon now rather than at the first lookup (20 ms;
/// [`crate::EntityTagger::new`] calls this while loading the model).
pub fn load() {
    Lexicon::shipped();
}

const LEXICON_TSV: &str = include_str!("../data/lexicon.tsv");

fn has_ascii_capitals(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_uppercase())
}

/// Reads a lexicon's lines (the shipped one has 227,000, read at every start: with `memchr` and
/// hand-parsed numbers this takes a quarter fewer instructions than `str::lines`, `split` and
/// `parse`).
fn parse(tsv: &str) -> IdentityMap<u32, u32> {
    let mut map = IdentityMap::default();
    map.reserve(tsv.len() / 15);
    let mut at = 0;
    for end in memchr::memchr_iter(b'\n', tsv.as_bytes()).chain([tsv.len()]) {
        if let Some((word, lexeme)) = parse_fields(&tsv[at..end]) {
            let key = if has_ascii_capitals(word) {
                exact_hash(word)
            } else {
                lower_hash(word)
            };
            map.insert(key as u32, lexeme.pack());
        }
        at = (end + 1).min(tsv.len());
    }
    map
}

/// `word<TAB>cluster<TAB>rarity<TAB>0|1`, read with hand-written number parsing.
fn parse_fields(line: &str) -> Option<(&str, Lexeme)> {
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

/// [`Lexicon::lexemes`] in the shipped lexicon.
#[inline]
pub fn lexemes(word: &str, exact: u64, lower: u64) -> (Lexeme, Lexeme) {
    Lexicon::shipped().lexemes(word, exact, lower)
}

/// [`lower_hash`]es of the usually capitalised lower-case words of the shipped lexicon.
pub fn usually_capitalised() -> impl Iterator<Item = u64> {
    LEXICON_TSV
        .lines()
        .filter_map(parse_fields)
        .filter(|(_, l)| l.usually_capitalised)
        .map(|(w, _)| lower_hash(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(w: &str) -> (Lexeme, Lexeme) {
        lexemes(w, exact_hash(w), lower_hash(w))
    }

    #[test]
    fn similar_words_share_clusters() {
        let (paris, _) = of("Paris");
        assert_ne!(paris.cluster, 0);
        assert_eq!(paris.cluster, of("London").0.cluster);
        // Chicago's path continues the one of Paris and London: a finer cluster.
        assert_eq!(of("Chicago").0.cluster & 0x3ff, paris.cluster & 0x3ff);
        assert_eq!(
            of("zzqxv-not-a-word"),
            (Lexeme::default(), Lexeme::default())
        );
    }

    #[test]
    fn casing_and_frequency() {
        let (the, _) = of("the");
        let (peskov, _) = of("Peskov");
        assert!(the.rarity >= 1 && the.rarity < peskov.rarity.max(20));
        // Casings the lexicon lacks find only the lower-case entry.
        let (odd, lower) = of("pARIS");
        assert_eq!((odd, lower), (Lexeme::default(), of("paris").0));
        assert_eq!(of("PARIS").1, of("paris").0);
        assert!(of("chicago").0.usually_capitalised);
        assert!(!of("house").0.usually_capitalised);
        assert!(usually_capitalised().any(|h| h == lower_hash("chicago")));
    }

    #[test]
    fn every_line_is_read() {
        let lines = LEXICON_TSV.lines().count();
        assert!(lines > 200_000);
        assert_eq!(LEXICON_TSV.lines().filter_map(parse_fields).count(), lines);
        assert!(parse_fields("word\t12\t40\t0").is_none(), "rarity above 31");
        assert!(parse_fields("word\t12\t4").is_none(), "a field missing");
        assert!(parse_fields("word\t1x\t4\t0").is_none());
        // 32-bit keys: a handful of collisions among 227,000 words at most.
        let keys = Lexicon::shipped().len();
        assert!(keys + 20 > lines, "{keys} keys for {lines} lines");
        assert_eq!(Lexicon::parse("a\t1\t2\t0\nbad line\nB\t3\t4\t1").len(), 2);
    }

    #[test]
    fn entries_pack_and_unpack() {
        let l = Lexeme {
            cluster: 262_140,
            rarity: 31,
            usually_capitalised: true,
        };
        assert_eq!(Lexeme::unpack(l.pack()), l);
    }
}
