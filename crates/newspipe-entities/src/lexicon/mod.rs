//! What the name tagger knows about English words beyond its training data
//! (`data/lexicon.tsv`, built by `tools/build_lexicon.py` from the spacy-lookups-data package):
//! - a **Brown word cluster**: words that occur in similar contexts share a cluster, so the
//!   tagger generalises from `Paris` in its training data to `Lyon`, which it never saw;
//! - a **rarity**, -log of the word's probability, rounded;
//! - whether a lower-case word is **usually capitalised** (`chicago`): such words may start a
//!   name even when written in lower case, as they often are in web text.
//!
//! The build script compiles the file into a hash table (`src/lexicon/table.rs`) that the binary
//! carries: the shipped lexicon is looked up in place, with nothing to read at start-up.

use std::borrow::Cow;

mod table;

pub use table::Lexeme;

/// A lexicon of `word<TAB>cluster<TAB>rarity<TAB>0|1` lines, as a table read in place. A word
/// without ASCII capitals is keyed by its [`lower_hash`], any other word by its [`exact_hash`],
/// each cut to 32 bits (two keys in a million may collide; a collision only lends a word
/// another word's entry).
///
/// [`lower_hash`]: crate::features::lower_hash
/// [`exact_hash`]: crate::features::exact_hash
#[derive(Debug, Clone)]
pub struct Lexicon {
    table: Cow<'static, [u8]>,
    mask: usize,
}

/// The shipped lexicon's table, compiled from `data/lexicon.tsv` by the build script.
static SHIPPED_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.table"));

static SHIPPED: Lexicon = Lexicon {
    table: Cow::Borrowed(SHIPPED_TABLE),
    mask: table::slot_mask(SHIPPED_TABLE),
};

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::parse("")
    }
}

impl Lexicon {
    /// The shipped lexicon (`data/lexicon.tsv`), compiled into the binary: it costs nothing to
    /// load, and its pages are read from the binary as lookups touch them.
    pub fn shipped() -> &'static Lexicon {
        &SHIPPED
    }

    /// Reads a lexicon; lines that are not four well-formed fields are skipped.
    pub fn parse(tsv: &str) -> Lexicon {
        let table = table::compile(tsv);
        Lexicon {
            mask: table::slot_mask(&table),
            table: Cow::Owned(table),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        table::len(&self.table)
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entries of `word` as written and of its lower-case form (`Paris`: `Paris` and
    /// `paris`; `PARIS`: none and `paris`), given its `exact_hash` and `lower_hash`; a default
    /// [`Lexeme`] where the lexicon has none.
    #[inline]
    pub fn lexemes(&self, word: &str, exact: u64, lower: u64) -> (Lexeme, Lexeme) {
        let get = |h: u64| Lexeme::unpack(table::lookup(&self.table, self.mask, h));
        let lower_entry = get(lower);
        if table::has_ascii_capitals(word) {
            (get(exact), lower_entry)
        } else {
            (lower_entry, lower_entry)
        }
    }
}

/// Hints the CPU to load the table slots [`lexemes`] will read for a word.
#[inline]
pub fn prefetch(word: &str, exact: u64, lower: u64) {
    let t = &SHIPPED;
    let slot = |h| t.table.as_ptr().wrapping_add(table::home_offset(t.mask, h));
    crate::feature_table::prefetch(slot(lower));
    if table::has_ascii_capitals(word) {
        crate::feature_table::prefetch(slot(exact));
    }
}

/// [`Lexicon::lexemes`] in the shipped lexicon.
#[inline]
pub fn lexemes(word: &str, exact: u64, lower: u64) -> (Lexeme, Lexeme) {
    SHIPPED.lexemes(word, exact, lower)
}

/// `lower_hash`es of the usually capitalised lower-case words of the shipped lexicon (listed by
/// the build script).
pub fn usually_capitalised() -> impl Iterator<Item = u64> {
    include_bytes!(concat!(env!("OUT_DIR"), "/usually_capitalised.bin"))
        .chunks_exact(8)
        .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
}

#[cfg(test)]
mod tests {
    use super::table::{entries, parse_fields};
    use super::*;
    use crate::features::{exact_hash, lower_hash};

    const LEXICON_TSV: &str = include_str!("../../data/lexicon.tsv");

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
    fn the_shipped_table_holds_every_line() {
        // Each line's entry comes back from the table compiled at build time, but for words
        // whose 32-bit key another word's line took later (a handful).
        let shipped = Lexicon::shipped();
        let differ = entries(LEXICON_TSV)
            .filter(|&(word, lexeme)| {
                let (exact, lower) = shipped.lexemes(word, exact_hash(word), lower_hash(word));
                let found = if super::table::has_ascii_capitals(word) {
                    exact
                } else {
                    lower
                };
                found != lexeme
            })
            .count();
        assert!(differ < 20, "{differ} lines lost");
        let listed: Vec<u64> = super::table::usually_capitalised(LEXICON_TSV).collect();
        assert!(listed.len() > 10_000);
        assert_eq!(usually_capitalised().collect::<Vec<_>>(), listed);
    }

    #[test]
    fn a_parsed_lexicon_keeps_the_last_line_of_a_word() {
        let lexicon = Lexicon::parse("Lyon\t5\t20\t0\nlyon\t6\t22\t1\nLyon\t7\t21\t0");
        assert_eq!(lexicon.len(), 2);
        let (exact, lower) = lexicon.lexemes("Lyon", exact_hash("Lyon"), lower_hash("Lyon"));
        assert_eq!((exact.cluster, exact.rarity), (7, 21));
        assert_eq!((lower.cluster, lower.usually_capitalised), (6, true));
        assert!(Lexicon::default().is_empty());
        let none = Lexicon::default().lexemes("x", exact_hash("x"), lower_hash("x"));
        assert_eq!(none, (Lexeme::default(), Lexeme::default()));
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
