//! Bylines: `By Jane Doe`, `By Jane Doe and John Roe | Reuters`, `Written by Jane Doe on November
//! 14, 2019`, `Author: Jane Doe`. Returns the author names, or `None` when the line is not a byline.

/// Lead-ins that introduce author names (lower case, with the trailing space or colon).
const LEAD_INS: &[&str] = &[
    "by ",
    "written by ",
    "posted by ",
    "published by ",
    "story by ",
    "words by ",
    "text by ",
    "reporting by ",
    "author: ",
    "authors: ",
    "von ",
    "por ",
    "par ",
    "door ",
    "oleh ",
];

/// The first two bytes of each lead-in (all are lower-case ASCII, at least 3 bytes long).
const LEAD_PREFIXES: [u16; LEAD_INS.len()] = {
    let mut out = [0u16; LEAD_INS.len()];
    let mut i = 0;
    while i < LEAD_INS.len() {
        let b = LEAD_INS[i].as_bytes();
        out[i] = u16::from_le_bytes([b[0], b[1]]);
        i += 1;
    }
    out
};

/// Words that may sit inside a name in lower case (`Ursula von der Leyen`, `Luiz da Silva`).
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "de", "da", "di", "del", "la", "le", "bin", "al",
];

/// Parses a byline into author names.
///
/// ```
/// use newspipe_cleanup::byline::parse_byline;
/// assert_eq!(parse_byline("By Jane Doe and John Roe | Reuters").unwrap(), ["Jane Doe", "John Roe"]);
/// assert_eq!(parse_byline("Written by Rachael Link, MS, RD on November 14, 2019").unwrap(), ["Rachael Link"]);
/// assert!(parse_byline("By the end of the year, prices rose.").is_none());
/// ```
pub fn parse_byline(line: &str) -> Option<Vec<String>> {
    let trimmed = line.trim().trim_start_matches(['-', '—', '–', '|', ' ']);
    if trimmed.len() > 160 {
        return None;
    }
    // Quick test on the first two bytes before comparing whole lead-ins.
    let head = trimmed.as_bytes();
    let prefix = u16::from_le_bytes([
        head.first()?.to_ascii_lowercase(),
        head.get(1)?.to_ascii_lowercase(),
    ]);
    if !LEAD_PREFIXES.contains(&prefix) {
        return None;
    }
    let lead = LEAD_INS.iter().find(|l| {
        trimmed
            .as_bytes()
            .get(..l.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(l.as_bytes()))
    })?;
    // Lead-ins are ASCII and lower-casing ASCII keeps byte lengths, so the cut is safe.
    let rest = trimmed.get(lead.len()..)?;
    // Cut what follows the names: a separator, a date, a role.
    let end = rest
        .find([
            '|', '•', '·', '/', '(', '\u{2014}', '\u{2013}', ';', '@', '\n',
        ])
        .unwrap_or(rest.len());
    let mut names_part = &rest[..end];
    for stop in [
        " on ",
        " at ",
        " in ",
        " for ",
        " - ",
        " updated",
        " published",
        " posted",
    ] {
        if let Some(i) = names_part.to_lowercase().find(stop) {
            if names_part.is_char_boundary(i) {
                names_part = &names_part[..i];
            }
        }
    }
    let mut names = Vec::new();
    for part in names_part.split([',', '&']).flat_map(|p| p.split(" and ")) {
        let part = part.trim().trim_end_matches('.');
        if part.is_empty() {
            continue;
        }
        if is_name(part) {
            names.push(part.to_string());
        } else if names.is_empty() {
            return None;
        } else {
            // A role or credential after the names (`MS`, `RD`, `Staff Writer`).
            break;
        }
    }
    (!names.is_empty()).then_some(names)
}

/// Words that describe a role, not a name (`Jane Doe, Staff Writer`).
const ROLE_WORDS: &[&str] = &[
    "staff",
    "writer",
    "reporter",
    "editor",
    "correspondent",
    "contributor",
    "columnist",
    "associated",
    "press",
    "news",
    "senior",
    "team",
    "desk",
    "the",
    "and",
];

/// Two to five words, each capitalised (or a known particle), letters, dots, hyphens, apostrophes.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
            && !ROLE_WORDS.contains(&w.to_lowercase().trim_end_matches('.'))
    };
    words.first().is_some_and(capitalised)
        && words.last().is_some_and(capitalised)
        && words
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline("By JONATHAN LEMIRE").unwrap(),
            ["JONATHAN LEMIRE"]
        );
        assert_eq!(
            parse_byline("By Ursula von der Leyen").unwrap(),
            ["Ursula von der Leyen"]
        );
        assert_eq!(
            parse_byline("BY Jane Doe, Staff Writer").unwrap(),
            ["Jane Doe"]
        );
        assert_eq!(
            parse_byline("Author: Jean-Luc Picard").unwrap(),
            ["Jean-Luc Picard"]
        );
        assert_eq!(
            parse_byline("By Jane Doe & Ann Lee").unwrap(),
            ["Jane Doe", "Ann Lee"]
        );
    }

    #[test]
    fn not_bylines() {
        assert!(parse_byline("By clicking here you agree").is_none());
        assert!(parse_byline("Byzantine empire").is_none());
        assert!(parse_byline("by").is_none());
    }
}
