//! The values of date and time mentions: calendar dates against the publication date, weekdays
//! and periods relative to it, amounts of time as TIMEX3 durations, clock times; and the
//! modifiers a date takes in (`the end of last year`).

use super::calendar::Date;
use super::number_words::{word_after, words_value};
use super::{word_before, RuleMatch};
use newspipe_model::{EntityLabel, Span};
use regex::Captures;

pub(super) fn num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

/// Year-month(-day) value; the anchor's year (or `XXXX`) when the year is missing.
pub(super) fn calendar_value(
    y: Option<u32>,
    m: u32,
    d: Option<u32>,
    anchor: Option<Date>,
) -> Option<String> {
    let year = y.map(|y| y as i32).or(anchor.map(|a| a.year));
    match (year, d) {
        (Some(y), Some(d)) => Date::new(y, m, d).map(Date::iso),
        (Some(y), None) => Some(format!("{y:04}-{m:02}")),
        (None, Some(d)) => (1..=31).contains(&d).then(|| format!("XXXX-{m:02}-{d:02}")),
        (None, None) => Some(format!("XXXX-{m:02}")),
    }
}

pub(super) fn weekday_value(rel: &str, wd: u32, a: Date) -> Date {
    let back = (a.weekday() + 7 - wd) % 7;
    match rel {
        "last" => a.add_days(-(if back == 0 { 7 } else { back as i64 })),
        "next" => {
            let fwd = (wd + 7 - a.weekday()) % 7;
            a.add_days(if fwd == 0 { 7 } else { fwd as i64 })
        }
        _ => a.add_days(-(back as i64)),
    }
}

pub(super) fn period_value(rel: &str, unit: &str, a: Date) -> Option<String> {
    let step: i64 = match rel {
        "last" => -1,
        "next" | "coming" => 1,
        "this" => 0,
        _ => return None, // "past year": a duration, not a calendar period
    };
    Some(match unit {
        "week" => a.add_days(7 * step).iso_week(),
        "weekend" => format!("{}-WE", a.add_days(7 * step).iso_week()),
        "month" => {
            let (y, m) = a.add_months(step as i32);
            format!("{y:04}-{m:02}")
        }
        "year" => format!("{:04}", a.year + step as i32),
        _ => return None,
    })
}

fn amount(n: &str) -> Option<u64> {
    match n.to_ascii_lowercase().as_str() {
        "a" | "an" => Some(1),
        d if d.bytes().all(|b| b.is_ascii_digit()) => d.parse().ok(),
        w => words_value(w),
    }
}

/// True for the units of an amount of time shorter than a day (`hours`, `minute`).
pub(super) fn within_a_day(unit: &str) -> bool {
    matches!(unit.trim_end_matches('s'), "hour" | "minute")
}

pub(super) fn amount_value(c: &Captures, anchor: Option<Date>) -> Option<String> {
    let n = amount(c.name("n")?.as_str())?;
    let unit = c.name("unit")?.as_str().trim_end_matches('s');
    if c.name("ago").is_some() {
        // The anchor is a date: `three hours ago` has no value of that precision.
        let a = anchor.filter(|_| !within_a_day(unit))?;
        let n = i64::try_from(n).ok()?;
        return Some(match unit {
            "day" => a.add_days(-n).iso(),
            "week" => a.add_days(-7 * n).iso_week(),
            "month" => {
                let (y, m) = a.add_months(-(n as i32));
                format!("{y:04}-{m:02}")
            }
            "year" => format!("{:04}", a.year as i64 - n),
            _ => format!("{:04}", a.year as i64 - 10 * n),
        });
    }
    if within_a_day(unit) {
        return Some(format!("PT{n}{}", if unit == "hour" { 'H' } else { 'M' }));
    }
    let (k, code) = match unit {
        "day" => (n, 'D'),
        "week" => (n, 'W'),
        "month" => (n, 'M'),
        "year" => (n, 'Y'),
        _ => (n.checked_mul(10)?, 'Y'),
    };
    Some(format!("P{k}{code}"))
}

pub(super) fn clock_value(c: &Captures) -> Option<String> {
    let mut h = num(c, "h")?;
    let m = num(c, "m").unwrap_or(0);
    if let Some(ap) = c.name("ap") {
        if h > 12 {
            return None;
        }
        let pm = ap.as_str().starts_with(['p', 'P']);
        h = match (pm, h) {
            (false, 12) => 0,
            (true, h) if h < 12 => h + 12,
            (_, h) => h,
        };
    }
    Some(format!("{h:02}:{m:02}"))
}

/// Words before a date that say which part of it is meant (`the end of last year`, `early
/// 2005`, `mid-2005`). Those with `the` also take a period named by `the` alone
/// ([`period_parts`]).
const DATE_MODIFIERS: [&str; 12] = [
    "the end of ",
    "the start of ",
    "the beginning of ",
    "the middle of ",
    "the turn of ",
    "the rest of ",
    "the first half of ",
    "the second half of ",
    "early ",
    "late ",
    "mid-",
    "mid ",
];

/// Periods that a modifier takes with `the` alone: `the end of the year`.
const PERIODS_AFTER_THE: [&str; 6] = ["year", "month", "week", "decade", "century", "season"];

/// Spans of a part of a period named by `the` alone (`the end of the year`, `the first half of
/// the month`): DATEs without value, as which year or month is meant is not said.
pub(super) fn period_parts(text: &str) -> impl Iterator<Item = Span> + '_ {
    memchr::memmem::find_iter(text.as_bytes(), b"of the ").filter_map(move |at| {
        let (unit, end) = word_after(text, at + "of the".len())?;
        if !PERIODS_AFTER_THE.contains(&unit) {
            return None;
        }
        let start = DATE_MODIFIERS
            .iter()
            .filter(|w| w.starts_with("the "))
            .find_map(|w| word_before(text, at + "of ".len(), w))?;
        Some(Span::new(start, end))
    })
}

/// Widens each DATE of `matches` (in text order, not overlapping) over a modifier right before
/// it ([`DATE_MODIFIERS`], any case); its value stays the date's. An ORDINAL inside the modifier
/// (`first` in `the first half of 2005`) goes; any other match reaching into it keeps the date
/// as it is. A duration (`12 years`, value `P12Y`) is not a date to take a part of.
pub(crate) fn take_in_modifiers(text: &str, matches: &mut Vec<RuleMatch>) {
    // A swallowed ordinal is marked by an empty span and dropped at the end, which needs every
    // match to be non-empty to begin with (the rule patterns match at least a digit or a word).
    debug_assert!(
        matches.iter().all(|m| !m.span.is_empty()),
        "empty rule match"
    );
    let mut swallowed = false;
    for k in 0..matches.len() {
        let m = &matches[k];
        let duration = m.value.as_deref().is_some_and(|v| v.starts_with('P'));
        if m.label != EntityLabel::Date || duration {
            continue;
        }
        // No modifier is the end of another, so at most one can stand before the date.
        let Some(start) = DATE_MODIFIERS
            .iter()
            .find_map(|w| word_before(text, m.span.start, w))
        else {
            continue;
        };
        let inside = |p: &RuleMatch| p.span.end > start;
        let before = &mut matches[..k];
        let n_inside = before.iter().rev().take_while(|p| inside(p)).count();
        let reached = &mut before[k - n_inside..];
        if reached
            .iter()
            .all(|p| p.label == EntityLabel::Ordinal && p.span.start >= start)
        {
            for p in reached {
                p.span = Span::new(start, start); // dropped below
                swallowed = true;
            }
            matches[k].span = Span::new(start, matches[k].span.end);
        }
    }
    if swallowed {
        matches.retain(|m| !m.span.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::super::{borrowed, found};

    fn run(text: &str) -> Vec<(String, &'static str, Option<String>)> {
        found(text, Some("2025-09-15"))
    }

    #[test]
    fn parts_of_periods_named_by_the() {
        let r =
            run("By the end of the year, or the first half of the month, the rest of the season.");
        assert_eq!(
            borrowed(&r),
            vec![
                ("the end of the year", "DATE", None),
                ("the first half of the month", "DATE", None),
                ("the rest of the season", "DATE", None),
            ]
        );
        // Only parts of periods: `the end of the road` and `the year` alone are no dates.
        assert!(run("the end of the road in the year").is_empty());
        assert!(run("bathe end of the year")
            .iter()
            .all(|(t, _, _)| t != "bathe end of the year"));
    }

    #[test]
    fn halves_take_in_their_ordinal() {
        let r =
            run("Profits rose in the first half of 2005 and fell in the second half of last year.");
        assert_eq!(
            borrowed(&r),
            vec![
                ("the first half of 2005", "DATE", Some("2005")),
                ("the second half of last year", "DATE", Some("2024")),
            ]
        );
        // Only the ordinal inside the modifier goes.
        let r = run("his first goal in the second half of 2005");
        assert_eq!(
            borrowed(&r),
            vec![
                ("first", "ORDINAL", Some("1")),
                ("the second half of 2005", "DATE", Some("2005")),
            ]
        );
    }

    #[test]
    fn ages_after_aged() {
        let r = run(
            "A man, aged 45, and a woman aged 34. Aged 7 she left; aged 18-25; engaged 45 times.",
        );
        assert_eq!(
            borrowed(&r),
            vec![
                ("45", "DATE", Some("P45Y")),
                ("34", "DATE", Some("P34Y")),
                ("7", "DATE", Some("P7Y")),
                ("18-25", "CARDINAL", None),
                ("45", "CARDINAL", Some("45")),
            ]
        );
    }
}
