//! Token features for the name tagger: hashed word forms, word shapes, affixes, context words,
//! tag history and gazetteer matches.
//!
//! Every feature is a 64-bit hash of a template number and its value, so the model needs no
//! string table: unseen features simply have no weight.

use crate::gazetteer::GazMatch;
use crate::hashed::DirectCache;
use crate::word_hash::mix;
pub use crate::word_hash::{exact_hash, lower_hash};

/// A well-spread final hash (splitmix64 finaliser).
#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// What a token looks like, as a short code: `Xx` (capitalised), `x` (lower), `X` (all caps),
/// `d` (digits), `X.` (initials and abbreviations), with repeats collapsed.
pub fn shape(s: &str) -> u64 {
    let mut code: u64 = 0;
    let mut last = 0u8;
    let mut n = 0;
    let mut push = |k: u8| {
        if k != last {
            if n < 6 {
                code = code << 8 | k as u64;
            }
            n += 1;
            last = k;
        }
    };
    if s.is_ascii() {
        for b in s.bytes() {
            push(match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                b'.' | b'-' | b'\'' | b'&' | b'@' | b'#' => b,
                _ => b'p',
            });
        }
        return code << 4 | (n.min(15) as u64);
    }
    for c in s.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else {
            match c {
                '.' | '-' | '\'' | '&' | '’' | '@' | '#' => c as u8,
                _ => b'p',
            }
        };
        push(k);
    }
    code << 4 | (n.min(15) as u64)
}

/// Per-token values computed once per sentence. [`basic_info`] fills `lower`, `capitalised`,
/// `may_start_name` and `gaz` (all the tagger needs to skip a token); [`complete_info`] the rest,
/// only for tokens next to one that is scored.
#[derive(Debug, Clone, Copy)]
pub struct TokenInfo {
    pub lower: u64,
    pub shape: u64,
    pub suffix2: u64,
    pub suffix3: u64,
    pub suffix4: u64,
    pub prefix3: u64,
    /// Starts with an upper-case letter.
    pub capitalised: bool,
    /// May start a name: capitalised (unless the training data says the word never starts
    /// one, like `He` or `But`), or a lower-case word that starts names (`al`). Numbers are
    /// left to the rules.
    pub may_start_name: bool,
    /// May continue a name: not one of the frequent words the training data never has inside
    /// a name (`,`, `said`).
    pub may_continue_name: bool,
    /// Gazetteer match covering the token: (label index + 1) * 2 + (0 for first token, 1 inside).
    pub gaz: u64,
    /// Hash of the exact (case-sensitive) form.
    pub exact: u64,
    /// Brown cluster bit path ([`crate::lexicon`]; 0: none).
    pub cluster: u64,
    /// Frequency class of the exact form ([`crate::lexicon::Lexeme::rarity`]; 0: unknown).
    pub rarity: u8,
    /// Frequency class of the lower-case form (`the` for `The`).
    pub lower_rarity: u8,
    /// `shape`, the affixes and `exact` are filled in ([`complete_info`]), and, where the tagger
    /// or [`token_infos`] completed the token, the lexicon fields too ([`lexicon_info`]).
    pub complete: bool,
}

/// Word flag: a lower-case form of this word may start a name: it does in the training data
/// (`al Qaeda`), or the word is usually written capitalised ([`crate::lexicon`]: `chicago`).
pub const WORD_STARTS_NAME: u8 = 1;
/// Word flag: frequent in the training data and (almost) never the first word of a name even
/// when capitalised (`He`, `But`, `This`): the tagger does not score it as a name start.
pub const WORD_NEVER_STARTS: u8 = 2;
/// Word flag: frequent in the training data and (almost) never inside a name (`,`, `said`,
/// `has`): a name ends before it without scoring it.
pub const WORD_NEVER_INSIDE: u8 = 4;

const BOUNDARY: TokenInfo = TokenInfo {
    lower: 0x5e17_7e5e_0000_0001,
    shape: 0x5e17_7e5e_0000_0002,
    suffix2: 0,
    suffix3: 0,
    suffix4: 0,
    prefix3: 0,
    capitalised: false,
    may_start_name: false,
    may_continue_name: false,
    gaz: 0,
    exact: 0x5e17_7e5e_0000_0003,
    cluster: 0,
    rarity: 0,
    lower_rarity: 0,
    complete: true,
};

fn affix_hash(s: &str, n: usize, suffix: bool) -> u64 {
    if s.is_ascii() {
        let part = match (s.len() <= n, suffix) {
            (true, _) => s,
            (false, true) => &s[s.len() - n..],
            (false, false) => &s[..n],
        };
        return lower_hash(part);
    }
    let count = s.chars().count();
    if count <= n {
        return lower_hash(s);
    }
    let part = if suffix {
        let skip = count - n;
        let at = s.char_indices().nth(skip).map_or(0, |(i, _)| i);
        &s[at..]
    } else {
        let at = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
        &s[..at]
    };
    lower_hash(part)
}

/// The cheap part of a token's [`TokenInfo`]: lower-case hash, capitalisation, whether it may
/// start a name (`word_flags` gives the `WORD_*` flags of a word by [`lower_hash`])
/// and its gazetteer match.
#[inline]
pub fn basic_info(word: &str, gaz: GazMatch, word_flags: impl Fn(u64) -> u8) -> TokenInfo {
    let first = word.chars().next().unwrap_or(' ');
    let lower = lower_hash(word);
    let capitalised = first.is_uppercase();
    let flags = word_flags(lower);
    TokenInfo {
        lower,
        shape: 0,
        suffix2: 0,
        suffix3: 0,
        suffix4: 0,
        prefix3: 0,
        capitalised,
        may_start_name: (capitalised && flags & WORD_NEVER_STARTS == 0)
            || (first.is_lowercase() && flags & WORD_STARTS_NAME != 0),
        may_continue_name: flags & WORD_NEVER_INSIDE == 0,
        gaz: gaz.code(),
        exact: 0,
        cluster: 0,
        rarity: 0,
        lower_rarity: 0,
        complete: false,
    }
}

/// Fills the rest of `info` (shape, affixes, exact form) for `word`, all but the lexicon
/// fields ([`lexicon_info`]).
#[inline]
pub fn complete_info(word: &str, info: &mut TokenInfo) {
    info.shape = shape(word);
    info.suffix2 = affix_hash(word, 2, true);
    info.suffix3 = affix_hash(word, 3, true);
    info.suffix4 = affix_hash(word, 4, true);
    info.prefix3 = affix_hash(word, 3, false);
    info.exact = exact_hash(word);
    info.complete = true;
}

/// Fills the lexicon fields of the complete `info` of `word`: its cluster (or its lower-case
/// form's) and the rarity of both forms.
#[inline]
pub fn lexicon_info(word: &str, info: &mut TokenInfo) {
    let (exact, lower) = crate::lexicon::lexemes(word, info.exact, info.lower);
    info.cluster = match exact.cluster {
        0 => lower.cluster,
        c => c,
    } as u64;
    info.rarity = exact.rarity;
    info.lower_rarity = lower.rarity;
}

/// Number of slots of a [`LexiconCache`] (64 KB).
const LEXICON_CACHE_SLOTS: usize = 4096;

/// The lexicon fields of recent words, by exact form: a direct-mapped cache in front of
/// [`lexicon_info`], whose table (4 MB) mostly misses the CPU caches. Names and capitalised
/// words recur, so most lookups of running text hit.
#[derive(Debug, Default, Clone)]
pub struct LexiconCache {
    /// (cluster, rarity, lower-case rarity) by exact-form hash.
    fields: DirectCache<(u64, u8, u8), LEXICON_CACHE_SLOTS>,
}

impl LexiconCache {
    /// Hints the CPU to load what [`Self::fill`] will read for `word`, unless cached.
    #[inline]
    pub fn prefetch(&self, word: &str, info: &TokenInfo) {
        if !self.fields.contains(info.exact) {
            crate::lexicon::prefetch(word, info.exact, info.lower);
        }
    }

    /// [`lexicon_info`] through the cache.
    #[inline]
    pub fn fill(&mut self, word: &str, info: &mut TokenInfo) {
        let exact = info.exact;
        let &(cluster, rarity, lower_rarity) = self.fields.get_or_fill(exact, |fields| {
            lexicon_info(word, info);
            *fields = (info.cluster, info.rarity, info.lower_rarity);
        });
        (info.cluster, info.rarity, info.lower_rarity) = (cluster, rarity, lower_rarity);
    }
}

/// Computes the complete [`TokenInfo`] of each token of a sentence, lexicon fields included;
/// `gaz` holds the gazetteer matches.
pub fn token_infos(
    words: &[&str],
    gaz: &[GazMatch],
    word_flags: impl Fn(u64) -> u8,
) -> Vec<TokenInfo> {
    words
        .iter()
        .zip(gaz)
        .map(|(w, &g)| {
            let mut info = basic_info(w, g, &word_flags);
            complete_info(w, &mut info);
            lexicon_info(w, &mut info);
            info
        })
        .collect()
}

/// One feature: the hash of a template number and a value.
#[inline]
fn feature(template: u64, value: u64) -> u64 {
    finish(mix(mix(0x9e37_79b9_7f4a_7c15, template), value))
}

/// Feature hashes of token `i`, given the two previous tags, into `out` (cleared first): its
/// [`word_features`], then its [`context_features`]. Tokens `i - 1 ..= i + 1` must be complete
/// ([`complete_info`]) and have their lexicon fields ([`lexicon_info`]).
pub fn features(infos: &[TokenInfo], i: usize, prev: u8, prev2: u8, out: &mut Vec<u64>) {
    out.clear();
    word_features(&infos[i], out);
    context_features(infos, i, prev, prev2, out);
}

/// Appends the features that depend on the token alone (bias, forms, shape, affixes, its own
/// gazetteer match, word cluster and rarity). Their summed weights are the same wherever the
/// word occurs, so a tagger may cache them by [`word_key`].
pub fn word_features(w: &TokenInfo, out: &mut Vec<u64>) {
    let f = feature;
    out.extend_from_slice(&[
        f(1, 0),
        f(2, w.lower),
        f(3, w.shape),
        f(4, w.suffix2),
        f(5, w.suffix3),
        f(6, w.suffix4),
        f(7, w.prefix3),
        f(17, w.gaz),
        f(25, mix(w.gaz, w.shape)),
        f(26, w.exact),
        f(32, w.cluster & 0xf),
        f(33, w.cluster & 0x3f),
        f(34, w.cluster & 0x3ff),
        f(35, w.cluster),
        f(48, w.rarity as u64),
        f(
            49,
            if w.capitalised {
                w.lower_rarity
            } else {
                u8::MAX
            } as u64,
        ),
    ]);
}

/// Appends the features of token `i` that depend on its neighbours (their words, shapes,
/// affixes, gazetteer matches and clusters), its place in the sentence and the two previous
/// tags.
pub fn context_features(infos: &[TokenInfo], i: usize, prev: u8, prev2: u8, out: &mut Vec<u64>) {
    untagged_context_features(infos, i, out);
    tag_features(&infos[i], prev, prev2, out);
}

/// Number of [`untagged_context_features`] (the compiler checks it against their list).
pub const UNTAGGED_CONTEXT_FEATURES: usize = 21;

/// The [`context_features`] that do not depend on the previous tags.
#[inline]
pub fn untagged_context_features(infos: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let at = |j: isize| -> &TokenInfo {
        if j < 0 || j as usize >= infos.len() {
            &BOUNDARY
        } else {
            &infos[j as usize]
        }
    };
    let i = i as isize;
    let w = at(i);
    let (p1, p2, n1, n2) = (at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    let caps = (p1.capitalised as u64) << 2 | (w.capitalised as u64) << 1 | n1.capitalised as u64;
    let f = feature;
    let features: [u64; UNTAGGED_CONTEXT_FEATURES] = [
        f(8, p1.lower),
        f(9, n1.lower),
        f(10, p2.lower),
        f(11, n2.lower),
        f(12, mix(p1.shape, w.shape)),
        f(13, mix(w.shape, n1.shape)),
        f(18, p1.gaz),
        f(19, n1.gaz),
        f(20, mix(p1.lower, w.lower)),
        f(21, mix(w.lower, n1.lower)),
        f(22, caps),
        f(23, mix((i == 0) as u64, w.shape)),
        f(27, mix(p1.lower, w.shape)),
        f(28, mix(w.shape, n1.lower)),
        f(29, n1.suffix3),
        f(30, p1.suffix3),
        f(31, mix(p1.exact, n1.exact)),
        f(36, p1.cluster),
        f(37, n1.cluster),
        f(38, p1.cluster & 0x3f),
        f(39, n1.cluster & 0x3f),
    ];
    out.extend_from_slice(&features);
}

/// The [`context_features`] that depend on the previous tags.
#[inline]
pub fn tag_features(w: &TokenInfo, prev: u8, prev2: u8, out: &mut Vec<u64>) {
    let f = feature;
    out.extend_from_slice(&[
        f(14, prev as u64),
        f(15, mix(prev as u64, w.lower)),
        f(16, mix(prev2 as u64, prev as u64)),
        f(24, mix(prev as u64, w.shape)),
    ]);
}

/// Identifies what the [`word_features`] of a complete token depend on: its exact form (which
/// fixes its lower-case form, shape, affixes and lexicon entries) and its gazetteer match.
#[inline]
pub fn word_key(info: &TokenInfo) -> u64 {
    finish(mix(info.exact, info.gaz))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_repeats() {
        assert_eq!(shape("Peskov"), shape("Moscow"));
        assert_ne!(shape("Peskov"), shape("NATO"));
        assert_eq!(shape("2025"), shape("41"));
        assert_ne!(shape("U.S."), shape("US"));
    }

    #[test]
    fn lower_hash_ignores_ascii_case() {
        assert_eq!(lower_hash("NATO"), lower_hash("nato"));
        assert_ne!(lower_hash("nato"), lower_hash("natos"));
    }

    #[test]
    fn affixes_handle_short_and_non_ascii_words() {
        assert_eq!(affix_hash("ab", 3, true), lower_hash("ab"));
        assert_eq!(affix_hash("Łódźki", 3, true), lower_hash("źki"));
        assert_eq!(affix_hash("Łódźki", 3, false), lower_hash("Łód"));
    }
}
