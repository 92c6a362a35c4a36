//! Word lists the splitter and the tokenizer consult: abbreviations by class, sentence starters,
//! opening prepositions and unit suffixes. They live in `data/*.txt` (one entry a line, `#`
//! comments) and are parsed once, on first use.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// How a full stop after an abbreviation behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Comes before a name or noun (`Mr.`, `Mt.`, `St.`): never ends a sentence before a
    /// capitalised word or a number.
    Title,
    /// Comes before a number (`No.`, `p.`, `Vol.`): no boundary before a digit, otherwise
    /// like [`AbbrevClass::General`].
    BeforeNumber,
    /// Usually closes a clause (`a.m.`, `p.m.`, `etc.`): ends the sentence before a capitalised
    /// word, unless it closes a short opening phrase (`At 5 a.m. Mr. Smith went...`).
    ClauseFinal,
    /// Months, states, company suffixes, dotted initialisms: ends the sentence only before a
    /// common sentence starter (`Co. It closed` but not `the U.S. Government`).
    General,
}

/// Longest abbreviation key we look up, in bytes (longer words are never abbreviations).
pub const MAX_ABBREV_LEN: usize = 15;

struct Entry {
    class: AbbrevClass,
    /// Entry was written with a capital first letter: match only capitalised words.
    needs_capital: bool,
}

// FNV-1a (the `fnv` crate): the keys are a few bytes long and not attacker-chosen in a way
// that matters for these small, fixed tables, so a simple fast hash beats SipHash here.
use fnv::FnvHasher as Fnv;

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// All the word lists, parsed from the crate's data files.
pub struct Lexicon {
    abbreviations: FastMap<Box<[u8]>, Entry>,
    sentence_starters: FastSet<&'static str>,
    opening_prepositions: FastSet<&'static str>,
    units: FastSet<&'static str>,
    emoticons: FastSet<&'static str>,
    domains: FastSet<&'static str>,
    time_zones: FastSet<&'static str>,
}

const TITLES: &str = include_str!("../data/titles.txt");
const BEFORE_NUMBERS: &str = include_str!("../data/before_numbers.txt");
const CLAUSE_FINAL: &str = include_str!("../data/clause_final.txt");
const GENERAL: &str = include_str!("../data/abbreviations.txt");
const STARTERS: &str = include_str!("../data/sentence_starters.txt");
const OPENING_PREPOSITIONS: &str = include_str!("../data/opening_prepositions.txt");
const UNITS: &str = include_str!("../data/units.txt");
const EMOTICONS: &str = include_str!("../data/emoticons.txt");
const DOMAINS: &str = include_str!("../data/domains.txt");
const TIME_ZONES: &str = include_str!("../data/time_zones.txt");

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The shared lexicon, parsed on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut abbreviations = FastMap::default();
        // Later classes do not override earlier ones: a word listed as a title stays a title.
        for (data, class) in [
            (TITLES, AbbrevClass::Title),
            (CLAUSE_FINAL, AbbrevClass::ClauseFinal),
            (BEFORE_NUMBERS, AbbrevClass::BeforeNumber),
            (GENERAL, AbbrevClass::General),
        ] {
            for word in entries(data) {
                let needs_capital = word.starts_with(|c: char| c.is_uppercase());
                let key = lower_key(word).expect("abbreviation in data file is too long");
                abbreviations.entry(key.into()).or_insert(Entry {
                    class,
                    needs_capital,
                });
            }
        }
        Lexicon {
            abbreviations,
            sentence_starters: entries(STARTERS).collect(),
            opening_prepositions: entries(OPENING_PREPOSITIONS).collect(),
            units: entries(UNITS).collect(),
            emoticons: entries(EMOTICONS).collect(),
            domains: entries(DOMAINS).collect(),
            time_zones: entries(TIME_ZONES).collect(),
        }
    }

    /// The class of `word` (the text before a full stop, without it; dotted forms like `U.S`
    /// included), or `None` when it is not a listed abbreviation.
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        let mut buf = [0u8; MAX_ABBREV_LEN];
        let key = lower_key_into(word, &mut buf)?;
        let entry = self.abbreviations.get(key)?;
        if entry.needs_capital && !word.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        Some(entry.class)
    }

    /// True when `word` (exact case) commonly starts a sentence.
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.sentence_starters.contains(word)
    }

    /// True when `word` (any case) is a preposition that opens an introductory phrase.
    pub fn is_opening_preposition(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_ABBREV_LEN];
        match lower_key_into(word, &mut buf) {
            Some(key) => std::str::from_utf8(key)
                .map(|k| self.opening_prepositions.contains(k))
                .unwrap_or(false),
            None => false,
        }
    }

    /// True when `suffix` is a unit or multiplier split off a number (`bn`, `km`, `m`).
    pub fn is_unit(&self, suffix: &str) -> bool {
        self.units.contains(suffix)
    }
}

impl Lexicon {
    /// True when `chunk` is an emoticon (`:)`, `:-D`).
    pub fn is_emoticon(&self, chunk: &str) -> bool {
        chunk.len() <= 4 && self.emoticons.contains(chunk)
    }

    /// True when `word` (exact case) is a time-zone name (`EST`, `GMT`).
    pub fn is_time_zone(&self, word: &str) -> bool {
        self.time_zones.contains(word)
    }

    /// True when `word` (any case) is a common top-level domain (`com`, `net`, `uk`).
    pub fn is_domain(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_ABBREV_LEN];
        lower_key_into(word, &mut buf)
            .and_then(|k| std::str::from_utf8(k).ok())
            .is_some_and(|k| self.domains.contains(k))
    }
}

fn lower_key(word: &str) -> Option<Vec<u8>> {
    let mut buf = [0u8; MAX_ABBREV_LEN];
    lower_key_into(word, &mut buf).map(<[u8]>::to_vec)
}

/// ASCII-lowercases `word` into `buf` without allocating; `None` when it does not fit.
fn lower_key_into<'b>(word: &str, buf: &'b mut [u8; MAX_ABBREV_LEN]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_ABBREV_LEN {
        return None;
    }
    for (dst, src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    Some(&buf[..bytes.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_case_rules() {
        let lex = Lexicon::get();
        assert_eq!(lex.abbreviation("Mr"), Some(AbbrevClass::Title));
        assert_eq!(lex.abbreviation("MR"), Some(AbbrevClass::Title));
        assert_eq!(lex.abbreviation("co"), Some(AbbrevClass::General));
        assert_eq!(lex.abbreviation("U.S"), Some(AbbrevClass::General));
        assert_eq!(lex.abbreviation("a.m"), Some(AbbrevClass::ClauseFinal));
        assert_eq!(lex.abbreviation("P.M"), Some(AbbrevClass::ClauseFinal));
        assert_eq!(lex.abbreviation("No"), Some(AbbrevClass::BeforeNumber));
        assert_eq!(lex.abbreviation("N°"), Some(AbbrevClass::BeforeNumber));
        // Capitalised entries only match capitalised words.
        assert_eq!(lex.abbreviation("Ill"), Some(AbbrevClass::General));
        assert_eq!(lex.abbreviation("ill"), None);
        assert_eq!(lex.abbreviation("house"), None);
        assert_eq!(lex.abbreviation("averyveryverylongword"), None);
    }

    #[test]
    fn other_lists() {
        let lex = Lexicon::get();
        assert!(lex.is_sentence_starter("How"));
        assert!(!lex.is_sentence_starter("Government"));
        assert!(lex.is_opening_preposition("At"));
        assert!(!lex.is_opening_preposition("He"));
        assert!(lex.is_unit("bn"));
        assert!(!lex.is_unit("th"));
        assert!(lex.is_emoticon(":)") && !lex.is_emoticon(":"));
        assert!(lex.is_domain("Com") && !lex.is_domain("Today"));
        assert!(lex.is_time_zone("GMT") && !lex.is_time_zone("The"));
    }
}
