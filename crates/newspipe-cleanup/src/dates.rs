//! Finding publication dates in short lines and writing them as ISO 8601.
//!
//! Covers the styles seen in news page dumps: `15 Sep, 2025 10:56`, `November 19, 2019 at 9:03
//! am`, `Nov. 20, 2019 12:00 AM EST`, `Published 2:16 AM EST Nov 20, 2019`, `Wednesday, 20th
//! November 2019`, `2019-11-19T08:30:00Z`, `2019/11/19`, `19.11.2019`. Numeric `a/b/yyyy` dates
//! are read month first (US) unless the first number is above 12.

use std::collections::HashMap;
use std::sync::LazyLock;

static MONTHS: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    include_str!("../data/months.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(name, n)| Some((name, n.trim().parse().ok()?)))
        .collect()
});

/// A date (and maybe a time) found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// Hour and minute (24-hour clock), when the line gives a time.
    pub time: Option<(u8, u8)>,
    /// How many of the line's tokens the date and time used (to tell a dateline from a sentence
    /// that mentions a date).
    pub tokens_used: usize,
}

impl FoundDate {
    /// ISO 8601: `2025-09-15T10:56` or `2025-09-15`.
    pub fn iso(&self) -> String {
        match self.time {
            Some((h, m)) => format!(
                "{:04}-{:02}-{:02}T{h:02}:{m:02}",
                self.year, self.month, self.day
            ),
            None => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
    Time(u8, u8),
    Other,
}

fn tokenize(line: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    for raw in line.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '/' | '-' | '.' | '·' | '•' | '(' | ')')
    }) {
        let t = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != ':');
        if t.is_empty() {
            continue;
        }
        if let Some(tm) = parse_time(t) {
            toks.push(tm);
        } else if t.bytes().all(|b| b.is_ascii_digit()) {
            toks.push(t.parse().map_or(Tok::Other, |n| Tok::Num(n, t.len())));
        } else if let Some(n) = ordinal(t) {
            toks.push(Tok::Num(n, 2));
        } else if t.chars().all(char::is_alphabetic) {
            toks.push(Tok::Word(t));
        } else {
            toks.push(Tok::Other);
        }
    }
    toks
}

/// True when `bytes` has four ASCII digits in a row.
fn has_four_digits(bytes: &[u8]) -> bool {
    let mut run = 0;
    for &b in bytes {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

fn ordinal(t: &str) -> Option<u32> {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t[digits.len()..];
    if digits.is_empty()
        || !["st", "nd", "rd", "th"]
            .iter()
            .any(|s| suffix.eq_ignore_ascii_case(s))
    {
        return None;
    }
    digits.parse().ok()
}

fn parse_time(t: &str) -> Option<Tok<'static>> {
    let (h, rest) = t.split_once(':')?;
    let m = rest.get(..2)?;
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24
        && m < 60
        && rest[2..]
            .chars()
            .all(|c| c == ':' || c == '+' || c.is_ascii_alphanumeric()))
    .then_some(Tok::Time(h, m))
}

fn month(word: &str) -> Option<u8> {
    let lower = word.to_lowercase();
    MONTHS.get(lower.as_str()).copied()
}

fn valid(year: u32, month: u8, day: u32) -> bool {
    (1990..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Finds the first date in `line` (and the time that goes with it, if any).
///
/// ```
/// use newspipe_cleanup::dates::find_date;
/// assert_eq!(find_date("15 Sep, 2025 10:56").unwrap().iso(), "2025-09-15T10:56");
/// assert_eq!(find_date("Published 2:16 AM EST Nov 20, 2019").unwrap().iso(), "2019-11-20T02:16");
/// assert!(find_date("Nothing here").is_none());
/// ```
pub fn find_date(line: &str) -> Option<FoundDate> {
    // Every date has a year: a token of exactly four ASCII digits.
    if line.len() > 400 || !has_four_digits(line.as_bytes()) {
        return None;
    }
    // `2019-11-19T08:30` → `2019-11-19 08:30`
    let spaced;
    let line = if line.contains('T') {
        let b = line.as_bytes();
        let mut owned = line.to_string();
        let positions: Vec<usize> = (1..b.len().saturating_sub(1))
            .filter(|&i| b[i] == b'T' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
            .collect();
        for i in positions {
            owned.replace_range(i..i + 1, " ");
        }
        spaced = owned;
        spaced.as_str()
    } else {
        line
    };
    let toks = tokenize(line);
    let mut found = None;
    for i in 0..toks.len() {
        if let Some((y, m, d, used)) = date_at(&toks[i..]) {
            found = Some((i, i + used, y, m, d));
            break;
        }
    }
    let (start, end, year, month, day) = found?;
    let (time, time_tokens) = find_time(&toks, start, end);
    Some(FoundDate {
        year: year as u16,
        month,
        day: day as u8,
        time,
        tokens_used: end - start + time_tokens,
    })
}

/// A date starting at `toks[0]`: (year, month, day, tokens used).
fn date_at(toks: &[Tok<'_>]) -> Option<(u32, u8, u32, usize)> {
    match toks {
        // 15 Sep 2025 / 20th November 2019
        [Tok::Num(d, _), Tok::Word(w), Tok::Num(y, 4), ..] => {
            let m = month(w)?;
            valid(*y, m, *d).then_some((*y, m, *d, 3))
        }
        // November 19 2019 / Nov 20th 2019
        [Tok::Word(w), Tok::Num(d, dl), Tok::Num(y, 4), ..] if *dl <= 2 => {
            let m = month(w)?;
            valid(*y, m, *d).then_some((*y, m, *d, 3))
        }
        // 2019 11 19 (ISO / slashes)
        [Tok::Num(y, 4), Tok::Num(m, _), Tok::Num(d, _), ..] => {
            let m = u8::try_from(*m).ok()?;
            valid(*y, m, *d).then_some((*y, m, *d, 3))
        }
        // 19 11 2019 (dots) or 11 19 2019 (US slashes)
        [Tok::Num(a, al), Tok::Num(b, bl), Tok::Num(y, 4), ..] if *al <= 2 && *bl <= 2 => {
            let (m, d) = if *a > 12 { (*b, *a) } else { (*a, *b) };
            let m = u8::try_from(m).ok()?;
            valid(*y, m, d).then_some((*y, m, d, 3))
        }
        _ => None,
    }
}

/// The time closest to the date (within three tokens), with an AM/PM marker applied.
fn find_time(toks: &[Tok<'_>], start: usize, end: usize) -> (Option<(u8, u8)>, usize) {
    let lo = start.saturating_sub(4);
    let hi = (end + 4).min(toks.len());
    for i in (lo..start).chain(end..hi) {
        if let Tok::Time(h, m) = toks[i] {
            let marker = match toks.get(i + 1) {
                Some(Tok::Word(w)) => w.to_ascii_lowercase(),
                _ => String::new(),
            };
            let (hour, used) = match marker.as_str() {
                "pm" | "p" if h < 12 => (h + 12, 2),
                "am" | "a" if h == 12 => (0, 2),
                "am" | "a" | "pm" | "p" => (h, 2),
                _ => (h, 1),
            };
            return (Some((hour, m)), used);
        }
    }
    (None, 0)
}

/// Number of word-like tokens in `line` as [`find_date`] counts them.
pub fn token_count(line: &str) -> usize {
    tokenize(line).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        find_date(s).map(|d| d.iso())
    }

    #[test]
    fn styles_seen_in_dev_pages() {
        assert_eq!(
            iso("15 Sep, 2025 10:56").as_deref(),
            Some("2025-09-15T10:56")
        );
        assert_eq!(
            iso("November 19, 2019 at 9:03 am").as_deref(),
            Some("2019-11-19T09:03")
        );
        assert_eq!(
            iso("November 19, 2019 at 12:28 pm").as_deref(),
            Some("2019-11-19T12:28")
        );
        assert_eq!(
            iso("Nov. 20, 2019 12:00 AM EST").as_deref(),
            Some("2019-11-20T00:00")
        );
        assert_eq!(
            iso("Published 11:34 PM EST Nov 19, 2019").as_deref(),
            Some("2019-11-19T23:34")
        );
        assert_eq!(
            iso("Wednesday, 20th November 2019").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(
            iso("Tuesday November 19, 2019").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            iso("- Nov. 18th 2019 12:12 pm PT").as_deref(),
            Some("2019-11-18T12:12")
        );
        assert_eq!(
            iso("2019-11-19T08:30:00Z").as_deref(),
            Some("2019-11-19T08:30")
        );
        assert_eq!(iso("19.11.2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("11/19/2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("20 novembre 2019").as_deref(), Some("2019-11-20"));
    }

    #[test]
    fn not_dates() {
        assert_eq!(iso("Nov 15"), None, "no year");
        assert_eq!(iso("Call 02-751-1500"), None);
        assert_eq!(iso("May I ask 20 questions in 2019"), None);
        assert_eq!(iso("31 Feb 1800"), None, "year out of range");
    }
}
