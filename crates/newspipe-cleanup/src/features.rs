//! Per-block features: what the text of one block says about it (length, punctuation,
//! function-word density, capitalisation, known boilerplate phrasing, captions, dates), plus the
//! page-level counts (repetition) that the classifier needs. Everything here is computed once per
//! block in a single pass over its text, phrase lists included (`lexicon.rs`).

use crate::dates::{self, FoundDate};
use crate::lexicon::{Counts, Lexicon, LEXICON, PHRASE_WORDS};

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

/// One FNV-1a step of [`line_hash`] over an ASCII letter or digit, lower-cased.
#[inline]
fn hash_ascii(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME)
}

/// The FNV-1a steps of [`line_hash`] over a non-ASCII letter or digit: the UTF-8 bytes of its
/// lower-case form.
#[inline]
fn hash_lower_char(mut h: u64, c: char) -> u64 {
    for l in c.to_lowercase() {
        let mut buf = [0u8; 4];
        for &b in l.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    h
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
    // Start of the current word run (usize::MAX: between words) and whether it is simple
    // (ASCII letters and digits only).
    let mut run = usize::MAX;
    let mut run_simple = true;
    let mut continuation_bytes = 0usize;
    let mut cjk_lead = false;
    let mut first_alnum_lower: Option<bool> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let class = ASCII_CLASS[b as usize];
            if class & ALNUM != 0 {
                if run == usize::MAX {
                    run = i;
                    run_simple = true;
                }
                if first_alnum_lower.is_none() {
                    first_alnum_lower = Some(class == LOWER);
                }
                // The rest of the ASCII letters and digits of this run, without the checks
                // above (they hold for the whole run).
                h = hash_ascii(h, b);
                i += 1;
                while let Some(&b) = bytes.get(i) {
                    if b >= 0x80 || ASCII_CLASS[b as usize] & ALNUM == 0 {
                        break;
                    }
                    h = hash_ascii(h, b);
                    i += 1;
                }
                continue;
            } else if b == b'\'' {
                if run == usize::MAX {
                    run = i;
                }
                run_simple = false;
                if lex.special_ascii[usize::from(b'\'')] {
                    counts.phrase_mark(lex, text, i, '\'');
                }
            } else {
                if run != usize::MAX {
                    counts.word_at(lex, text, run, i, run_simple);
                    run = usize::MAX;
                }
                if lex.special_ascii[b as usize] {
                    counts.phrase_mark(lex, text, i, char::from(b));
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
            h = hash_lower_char(h, c);
            if run == usize::MAX {
                run = i;
            }
            run_simple = false;
            first_alnum_lower.get_or_insert_with(|| c.is_lowercase());
        } else {
            if lex.special_other.contains(&c) {
                counts.phrase_mark(lex, text, i, c);
            }
            if c == '’' {
                if run == usize::MAX {
                    run = i;
                }
                run_simple = false;
            } else if run != usize::MAX {
                counts.word_at(lex, text, run, i, run_simple);
                run = usize::MAX;
            }
        }
        i += len;
    }
    if run != usize::MAX {
        counts.word_at(lex, text, run, bytes.len(), run_simple);
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
    // Phrases and caption markers only decide short blocks (see the classifier).
    if f.words < PHRASE_WORDS {
        add_phrases(&mut f, lex, counts.phrases(lex, text));
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

/// Records the block's phrases (indices into the lexicon's phrase list, in text order): caption
/// markers, the count of strong phrases, and the strongest phrase and section marker.
fn add_phrases(f: &mut TextFeatures, lex: &Lexicon, phrases: impl Iterator<Item = u16>) {
    for idx in phrases {
        let idx = usize::from(idx);
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
}

/// A stable 64-bit hash (FNV-1a) of a line's letters and digits, lower-cased: two lines that
/// differ only in spacing, punctuation or case hash alike. Used for repetition within a page and
/// across a site (the value is stored in site profiles, so it must not change between runs).
pub fn line_hash(text: &str) -> u64 {
    let mut h: u64 = FNV_OFFSET;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // ASCII fast path (the same bytes the general path produces for ASCII).
            if b.is_ascii_alphanumeric() {
                h = hash_ascii(h, b);
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_alphanumeric() {
            h = hash_lower_char(h, c);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::stopword_list;

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

    /// The phrases of `text` by their definition, without the scan: at every place where a
    /// phrase may start (a punctuation mark, or a word start: no letter or digit just before),
    /// the longest phrase there in any case, taken left to right without overlaps and kept
    /// when it ends at a word boundary.
    fn phrases_by_definition(text: &str) -> Vec<u16> {
        let lex = &*LEXICON;
        let (mut out, mut covered_to) = (Vec::new(), 0);
        for (pos, c) in text.char_indices() {
            let after_alnum = text[..pos]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if pos < covered_to || (c.is_alphanumeric() && after_alnum) {
                continue;
            }
            let at = |i: &usize| {
                let p = lex.phrase_text[*i].as_bytes();
                text.as_bytes()[pos..]
                    .get(..p.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(p))
            };
            let longest = (0..lex.phrase_text.len())
                .filter(at)
                .max_by_key(|&i| (lex.phrase_text[i].len(), std::cmp::Reverse(i)));
            if let Some(i) = longest {
                covered_to = pos + lex.phrase_text[i].len();
                if crate::lexicon::is_word_boundary(text, pos, covered_to) {
                    out.push(i as u16);
                }
            }
        }
        out
    }

    #[test]
    fn scanned_phrases_are_the_phrases_by_definition() {
        let mut texts: Vec<String> = [
            "share this article now",
            "Share thistle and more. Share this",
            "A cyclist rides. © Reuters / David Mercado (AP Photo/Jane Roe)",
            "don't miss: sign up for our newsletter",
            "o’clock ’Share this’s",
            "newsletter sign-up (opens in new window) / getty images",
            "we use cookies and this site uses cookies",
        ]
        .map(String::from)
        .to_vec();
        for p in &LEXICON.phrase_text {
            let upper = p.to_uppercase();
            texts.extend([
                p.to_string(),
                format!("Read: {p}."),
                format!("x{p} and {upper}"),
                format!("{p}x {p}"),
                format!("'{p}' ’{p}’s ({p})"),
                format!("Ünï{p}é {p} {p}"),
            ]);
        }
        let late_markers = ["comment author line", "time-ago line"];
        for text in &texts {
            let got = text_features(text);
            let mut want = TextFeatures::default();
            add_phrases(&mut want, &LEXICON, phrases_by_definition(text).into_iter());
            assert_eq!(
                (got.phrase, got.strong_phrases, got.caption_marker),
                (want.phrase, want.strong_phrases, want.caption_marker),
                "{text:?}"
            );
            if !got.section.is_some_and(|(_, s)| late_markers.contains(&s)) {
                assert_eq!(got.section, want.section, "{text:?}");
            }
        }
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
