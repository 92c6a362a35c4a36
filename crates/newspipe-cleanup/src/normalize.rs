//! Text normalisation of one block: mojibake repair, HTML entities, Cloudflare e-mail
//! placeholders, invisible characters, whitespace runs and Unicode NFC. Quotes and dashes are kept
//! as written. Blocks that need none of it (the common case) are returned borrowed, without a copy.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What Cloudflare's e-mail obfuscation leaves in a page copied as text.
pub const CLOUDFLARE_EMAIL: &str = "[email protected]";

/// Named HTML character references (`data/entities.tsv`).
static ENTITIES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../data/entities.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect()
});

/// The result of normalising a block: the text and what was changed (for diagnostics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized<'a> {
    pub text: Cow<'a, str>,
    /// Cloudflare e-mail placeholders removed.
    pub email_placeholders: u32,
    /// Mojibake sequences repaired.
    pub mojibake_repairs: u32,
}

/// Normalises one block of text (see the module documentation).
///
/// ```
/// use newspipe_cleanup::normalize::normalize;
/// let n = normalize("Itâ€™s  a\u{00AD}live &amp; well.\u{200B}");
/// assert_eq!(n.text, "It’s alive & well.");
/// assert_eq!(n.mojibake_repairs, 1);
/// ```
pub fn normalize(text: &str) -> Normalized<'_> {
    let mut out = Normalized {
        text: Cow::Borrowed(text),
        email_placeholders: 0,
        mojibake_repairs: 0,
    };
    // Most lines of a page dump are clean apart from a trailing space: a sub-slice, no copy.
    let trimmed = text.trim_matches(' ');
    if is_clean(trimmed) {
        out.text = Cow::Borrowed(trimmed);
        return out;
    }
    if let Some((removed, n)) = remove_email_placeholders(text) {
        out.email_placeholders = n;
        out.text = Cow::Owned(removed);
    }
    if let Some((fixed, n)) = repair_mojibake(&out.text) {
        out.text = Cow::Owned(fixed);
        out.mojibake_repairs = n;
    }
    if out.text.contains('&') {
        if let Some(decoded) = decode_entities(&out.text) {
            out.text = Cow::Owned(decoded);
        }
    }
    if let Some(folded) = fold_whitespace(&out.text) {
        out.text = Cow::Owned(folded);
    }
    if is_nfc_quick(out.text.chars()) != IsNormalized::Yes {
        let nfc: String = out.text.nfc().collect();
        if nfc != out.text {
            out.text = Cow::Owned(nfc);
        }
    }
    out
}

/// Removes `[email protected]` (with an ordinary or no-break space, as pages copy it).
fn remove_email_placeholders(text: &str) -> Option<(String, u32)> {
    const HEAD: &str = "[email";
    const TAIL: &str = "protected]";
    if !text.contains(HEAD) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut n = 0;
    while let Some(i) = rest.find(HEAD) {
        let after = &rest[i + HEAD.len()..];
        let space = after.chars().next().filter(|c| c.is_whitespace());
        let tail = space.map(|c| &after[c.len_utf8()..]);
        match tail.filter(|t| t.starts_with(TAIL)) {
            Some(t) => {
                out.push_str(&rest[..i]);
                out.push(' ');
                rest = &t[TAIL.len()..];
                n += 1;
            }
            None => {
                out.push_str(&rest[..i + HEAD.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (n > 0).then_some((out, n))
}

/// Fast check: printable ASCII with single inner spaces, no entity, no placeholder, no edges
/// (plus the non-ASCII characters of [`is_plain_char`]). ASCII is checked eight bytes at a time.
fn is_clean(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut state = CleanState::default();
    let mut chunks = b.chunks_exact(8);
    let mut i = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if x & HIGH == 0 {
            let spaces = zero_bytes(x ^ splat(b' '));
            let rejected = (!((x | HIGH).wrapping_sub(splat(0x20))) & HIGH)
                | zero_bytes(x ^ splat(0x7F))
                | zero_bytes(x ^ splat(b'&'))
                | zero_bytes(x ^ splat(b'['));
            if rejected != 0
                || spaces & (spaces << 8) != 0
                || state.prev_space && spaces & 0x80 != 0
            {
                return false;
            }
            state.prev_space = spaces >> 63 != 0;
            state.prev_lead = false;
        } else {
            for j in i..i + 8 {
                if !state.step(text, j) {
                    return false;
                }
            }
        }
        i += 8;
    }
    (i..b.len()).all(|j| state.step(text, j))
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// `byte` in every byte of a `u64`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of every zero byte of `y` (exact: no borrow between bytes).
#[inline]
fn zero_bytes(y: u64) -> u64 {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((y & LOW).wrapping_add(LOW)) | y) & HIGH
}

/// The byte-at-a-time state of [`is_clean`].
#[derive(Default)]
struct CleanState {
    prev_space: bool,
    /// The previous character could lead a mojibake sequence (`Â`..`ô`).
    prev_lead: bool,
}

impl CleanState {
    /// Checks byte `i` of `text`; false when the text needs normalising.
    #[inline]
    fn step(&mut self, text: &str, i: usize) -> bool {
        let c = text.as_bytes()[i];
        match c {
            b' ' => {
                if self.prev_space {
                    return false;
                }
                self.prev_space = true;
                self.prev_lead = false;
            }
            b'&' | b'[' | 0..=0x1F | 0x7F => return false,
            0x80..=0xFF => {
                if c & 0xC0 == 0x80 {
                    return true; // continuation byte of the character checked at its lead byte
                }
                let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
                if !is_plain_char(ch) || self.prev_lead && cp1252_byte(ch).is_some_and(|x| x < 0xC0)
                {
                    return false;
                }
                self.prev_lead = matches!(ch, 'Â'..='ô');
                self.prev_space = false;
            }
            _ => {
                self.prev_space = false;
                self.prev_lead = false;
            }
        }
        true
    }
}

/// Non-ASCII characters that need no normalisation on their own: Latin-1 and Latin Extended
/// letters (below the combining marks, all NFC-stable) except the no-break space and soft
/// hyphen, and the usual dashes, quotes, bullets and ellipsis.
fn is_plain_char(c: char) -> bool {
    let u = c as u32;
    (0xA1..0x300).contains(&u) && u != 0xAD
        || (0x2010..=0x2027).contains(&u)
        || (0x2030..=0x205E).contains(&u)
}

/// Characters removed outright: zero-width space, word joiner, BOM and soft hyphen. (Zero-width
/// (non-)joiners are kept: they carry meaning in Persian, Indic scripts and emoji sequences.)
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Removes invisible characters, folds every whitespace run (incl. no-break spaces, tabs) into
/// one ASCII space and trims the ends. `None` when nothing changes.
fn fold_whitespace(text: &str) -> Option<String> {
    let needs = text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace)
        || text.chars().any(is_invisible)
        || text.char_indices().any(|(i, c)| {
            c.is_whitespace() && (c != ' ' || text[i + 1..].starts_with(char::is_whitespace))
        });
    if !needs {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    Some(out)
}

/// Decodes `&name;`, `&#NNN;` and `&#xHH;` references; unknown names are left as written.
fn decode_entities(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&s| s > 0 && s <= 10);
        let decoded = semi.and_then(|s| {
            let name = &after[..s];
            let value = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32).map(|c| c.to_string())
            } else {
                ENTITIES.get(name).map(|v| v.to_string())
            };
            value.map(|v| (v, s))
        });
        match decoded {
            Some((value, s)) => {
                out.push_str(&value);
                rest = &after[s + 1..];
                changed = true;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The byte that Windows-1252 encodes `c` as, for characters above ASCII (`None` otherwise).
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    let u = c as u32;
    if (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8)
}

/// Repairs UTF-8 text that was decoded as Windows-1252 (`â€™` → `’`, `Ã©` → `é`), as ftfy does:
/// each run of characters whose cp1252 bytes form a valid multi-byte UTF-8 sequence (a lead byte
/// `C2..F4` followed by the right number of continuation bytes) is replaced by the decoded
/// character. Ordinary accented text never forms such runs. `None` when nothing was repaired.
fn repair_mojibake(text: &str) -> Option<(String, u32)> {
    if !text.chars().any(|c| matches!(c, 'Â'..='ô')) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut repairs = 0;
    let mut i = 0;
    while i < chars.len() {
        if let Some((decoded, used)) = decode_sequence(&chars[i..]) {
            out.push(decoded);
            repairs += 1;
            i += used;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    (repairs > 0).then_some((out, repairs))
}

/// Decodes one mis-decoded UTF-8 sequence at the start of `chars`.
fn decode_sequence(chars: &[char]) -> Option<(char, usize)> {
    let lead = cp1252_byte(*chars.first()?)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    for (slot, &c) in bytes[1..len].iter_mut().zip(chars.get(1..len)?) {
        let b = cp1252_byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
    }
    let s = std::str::from_utf8(&bytes[..len]).ok()?;
    let c = s.chars().next()?;
    // A decoded C1 control character is not a plausible repair.
    if (c as u32) < 0xA0 {
        return None;
    }
    Some((c, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_ascii_is_borrowed() {
        let n = normalize("A plain line, nothing to do.");
        assert!(matches!(n.text, Cow::Borrowed(_)));
    }

    #[test]
    fn quotes_and_dashes_are_kept() {
        let s = "“NATO ‘de facto’ at war” – Kremlin — said";
        assert_eq!(normalize(s).text, s);
    }

    #[test]
    fn whitespace_and_invisibles() {
        assert_eq!(
            normalize("  a\u{00A0}\u{00A0}b\tc\u{200B}d\u{FEFF} ").text,
            "a b cd"
        );
        assert_eq!(normalize("co\u{00AD}operate").text, "cooperate");
    }

    #[test]
    fn entities() {
        assert_eq!(
            normalize("R&amp;D &#8217;x&#x2019; &unknown; AT&T").text,
            "R&D ’x’ &unknown; AT&T"
        );
    }

    #[test]
    fn mojibake_is_repaired_but_accents_are_not_touched() {
        assert_eq!(
            normalize("Itâ€™s cafÃ© time â€“ yes").text,
            "It’s café time – yes"
        );
        let s = "São Paulo, Français, naïve, für, ação, Ñandú";
        assert_eq!(normalize(s).text, s);
    }

    #[test]
    fn cloudflare_placeholder_is_removed() {
        let n = normalize("send them to [email protected]. Thanks");
        assert_eq!(n.text, "send them to . Thanks");
        let n = normalize("send them to [email\u{A0}protected]. Thanks");
        assert_eq!(n.text, "send them to . Thanks");
        assert_eq!(n.email_placeholders, 1);
    }

    #[test]
    fn nfc() {
        assert_eq!(normalize("cafe\u{301}").text, "café");
    }
}
