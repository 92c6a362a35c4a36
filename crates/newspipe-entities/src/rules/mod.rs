//! Numeric and temporal entities by hand-written patterns, with normalised values:
//! MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL ([`numbers`]) and DATE, TIME ([`dates`]).
//!
//! Word lists (number words, units, currencies, date cue words) live in `data/rules/`.
//! Candidates from all patterns are resolved longest-first, so `15 September 2025` is one DATE
//! rather than a CARDINAL and a DATE, and `$3.5bn` one MONEY.

pub mod calendar;
mod date_values;
pub mod dates;
mod number_words;
pub mod numbers;
pub mod windows;

use calendar::Date;
use newspipe_model::{EntityLabel, Span};
use std::collections::HashMap;
use std::sync::OnceLock;
use windows::Windows;

/// An entity found by a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    pub span: Span,
    pub label: EntityLabel,
    pub value: Option<String>,
}

/// Word tables loaded from `data/rules/`.
pub(crate) struct Tables {
    pub number_words: HashMap<&'static str, u64>,
    pub ordinal_words: HashMap<&'static str, u64>,
    /// written form → normalised unit
    pub units: HashMap<&'static str, &'static str>,
    /// written form → (ISO code, minor units per major unit)
    pub currencies: HashMap<&'static str, (&'static str, u32)>,
    pub date_cues: Vec<&'static str>,
}

fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let num = |tsv| {
            rows(tsv)
                .map(|r| (r[0], r[1].parse().expect("numeric value in data/rules")))
                .collect()
        };
        Tables {
            number_words: num(include_str!("../../data/rules/number_words.tsv")),
            ordinal_words: num(include_str!("../../data/rules/ordinal_words.tsv")),
            units: rows(include_str!("../../data/rules/units.tsv"))
                .map(|r| (r[0], r[1]))
                .collect(),
            currencies: rows(include_str!("../../data/rules/currencies.tsv"))
                .map(|r| (r[0], (r[1], r[2].parse().expect("minor unit"))))
                .collect(),
            date_cues: rows(include_str!("../../data/rules/date_cue_words.tsv"))
                .map(|r| r[0])
                .collect(),
        }
    })
}

/// Regex alternation of table keys, longest first, escaped.
pub(crate) fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut w: Vec<&str> = words.collect();
    w.sort_by_key(|s| std::cmp::Reverse(s.len()));
    w.iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|")
}

/// An exact decimal number: `mantissa × 10^exp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    pub mantissa: i128,
    pub exp: i32,
}

impl From<u64> for Decimal {
    fn from(n: u64) -> Self {
        Decimal {
            mantissa: n.into(),
            exp: 0,
        }
    }
}

impl Decimal {
    /// Parses `1,234.5` style numbers (commas as thousands separators).
    pub fn parse(s: &str) -> Option<Decimal> {
        let mut mantissa: i128 = 0;
        let mut exp = 0;
        let mut after_point = false;
        let mut digits = 0;
        for c in s.chars() {
            match c {
                '0'..='9' => {
                    mantissa = mantissa
                        .checked_mul(10)?
                        .checked_add(c as i128 - '0' as i128)?;
                    digits += 1;
                    if after_point {
                        exp -= 1;
                    }
                }
                '.' if !after_point => after_point = true,
                ',' if !after_point => {}
                _ => return None,
            }
        }
        (digits > 0).then_some(Decimal { mantissa, exp })
    }

    /// Multiplies by `10^k`.
    pub fn shift(self, k: i32) -> Decimal {
        Decimal {
            exp: self.exp + k,
            ..self
        }
    }

    /// Multiplies by an integer.
    pub fn times(self, n: u64) -> Option<Decimal> {
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(n as i128)?,
            exp: self.exp,
        })
    }

    /// Plain decimal notation without trailing zeros: `0.05`, `3500000000`, `1.5`.
    pub fn render(self) -> String {
        let (mut m, mut e) = (self.mantissa, self.exp);
        while e < 0 && m % 10 == 0 {
            m /= 10;
            e += 1;
        }
        if e >= 0 {
            let mut s = m.to_string();
            if m != 0 {
                s.extend(std::iter::repeat('0').take(e as usize));
            }
            return s;
        }
        let neg = m < 0;
        let digits = m.unsigned_abs().to_string();
        let frac = (-e) as usize;
        let padded = if digits.len() <= frac {
            format!("{}{}", "0".repeat(frac - digits.len() + 1), digits)
        } else {
            digits
        };
        let (int, dec) = padded.split_at(padded.len() - frac);
        format!("{}{int}.{dec}", if neg { "-" } else { "" })
    }

    /// Whether the value is a whole number.
    pub fn as_u64(self) -> Option<u64> {
        if self.exp >= 0 {
            u64::try_from(
                self.mantissa
                    .checked_mul(10i128.checked_pow(self.exp as u32)?)?,
            )
            .ok()
        } else {
            None
        }
    }
}

/// Compiles the rule patterns and word tables now rather than on first use (about 10 ms; the
/// tagger does it beside the model's parsing, so that it is not on the critical path of a run).
pub fn prepare() {
    numbers::prepare();
    dates::prepare();
    windows::prepare();
}

/// All rule entities of `text`, non-overlapping, in text order. `published` (ISO 8601) anchors
/// relative dates; without it they get no value.
pub fn find(text: &str, published: Option<&str>) -> Vec<RuleMatch> {
    find_in(text, &Windows::of(text), published)
}

/// [`find`] searching only `windows` of the text.
pub fn find_in(text: &str, windows: &Windows, published: Option<&str>) -> Vec<RuleMatch> {
    let anchor = published.and_then(Date::parse_iso);
    let mut cands: Vec<(RuleMatch, u8)> = Vec::new();
    numbers::find(text, windows, &mut cands);
    dates::find(text, windows, anchor, &mut cands);
    let mut matches = resolve_overlaps(cands);
    date_values::take_in_modifiers(text, &mut matches);
    matches
}

/// True when `bytes` ends with `suffix`, ASCII letters in any case.
pub(crate) fn ends_with_ignore_ascii_case(bytes: &[u8], suffix: &[u8]) -> bool {
    bytes.len() >= suffix.len() && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Where `word` starts when `text[..at]` ends with it (ASCII letters in any case) and it starts
/// a word: no ASCII letter or digit right before it (`the ` in `over the weekend`, not in
/// `bathe weekend`).
pub(crate) fn word_before(text: &str, at: usize, word: &str) -> Option<usize> {
    let before = &text.as_bytes()[..at];
    let start = at.checked_sub(word.len())?;
    (ends_with_ignore_ascii_case(before, word.as_bytes())
        && (start == 0 || !before[start - 1].is_ascii_alphanumeric()))
    .then_some(start)
}

/// Keeps the longest candidates (then the highest priority) that do not overlap.
pub(crate) fn resolve_overlaps(mut cands: Vec<(RuleMatch, u8)>) -> Vec<RuleMatch> {
    cands.sort_by(|(a, pa), (b, pb)| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(pb.cmp(pa))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut taken: Vec<RuleMatch> = Vec::new();
    for (c, _) in cands {
        if taken
            .iter()
            .all(|t| t.span.end <= c.span.start || c.span.end <= t.span.start)
        {
            taken.push(c);
        }
    }
    taken.sort_by_key(|m| m.span.start);
    taken
}

/// Rule matches as `(text, label, value)`, for tests.
#[cfg(test)]
pub(crate) fn as_texts(
    text: &str,
    matches: Vec<RuleMatch>,
) -> Vec<(String, &'static str, Option<String>)> {
    matches
        .into_iter()
        .map(|m| (text[m.span.range()].to_string(), m.label.as_str(), m.value))
        .collect()
}

/// [`find`] in tests: the matches [`as_texts`], once checked to be what a search of the whole
/// text finds.
#[cfg(test)]
pub(crate) fn found(
    text: &str,
    published: Option<&str>,
) -> Vec<(String, &'static str, Option<String>)> {
    let windowed = find(text, published);
    let whole = find_in(text, &Windows::whole(text), published);
    assert_eq!(windowed, whole, "windowed search differs on {text:?}");
    as_texts(text, windowed)
}

/// Rule matches as `(text, label, value)` borrowed, for comparing with literals in tests.
#[cfg(test)]
pub(crate) fn borrowed<'a>(
    found: &'a [(String, &'static str, Option<String>)],
) -> Vec<(&'a str, &'static str, Option<&'a str>)> {
    found
        .iter()
        .map(|(t, l, v)| (t.as_str(), *l, v.as_deref()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        let d = Decimal::parse("3.5").unwrap();
        assert_eq!(d.shift(9).render(), "3500000000");
        assert_eq!(Decimal::parse("5").unwrap().shift(-2).render(), "0.05");
        assert_eq!(Decimal::parse("1,130").unwrap().render(), "1130");
        assert_eq!(Decimal::parse("12.50").unwrap().shift(-2).render(), "0.125");
        assert_eq!(Decimal::parse("0").unwrap().render(), "0");
        assert_eq!(Decimal::parse("1.2.3"), None);
        assert_eq!(Decimal::parse("abc"), None);
    }

    #[test]
    fn tables_load() {
        let t = tables();
        assert_eq!(t.number_words["twenty"], 20);
        assert_eq!(t.currencies["£"], ("GBP", 1));
        assert!(t.date_cues.contains(&"since"));
    }
}
