//! The values of date and time mentions: calendar dates against the publication date, weekdays
//! and periods relative to it, amounts of time as TIMEX3 durations, clock times; and the
//! modifiers a date takes in (`the end of last year`).

use super::calendar::Date;
use super::number_words::words_value;
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
/// 2005`, `mid-2005`).
const DATE_MODIFIERS: [&str; 9] = [
    "the end of ",
    "the start of ",
    "the beginning of ",
    "the middle of ",
    "the turn of ",
    "early ",
    "late ",
    "mid-",
    "mid ",
];

/// Widens each DATE of `matches` (in text order, not overlapping) over a modifier right before
/// it ([`DATE_MODIFIERS`], any case); its value stays the date's. A duration (`12 years`, value
/// `P12Y`) is not a date to take a part of.
pub(crate) fn take_in_modifiers(text: &str, matches: &mut [RuleMatch]) {
    let mut prev_end = 0;
    for m in matches.iter_mut() {
        let duration = m.value.as_deref().is_some_and(|v| v.starts_with('P'));
        if m.label == EntityLabel::Date && !duration {
            // No modifier is the end of another, so at most one can stand before the date.
            let start = DATE_MODIFIERS
                .iter()
                .find_map(|w| word_before(text, m.span.start, w))
                .filter(|&start| start >= prev_end);
            if let Some(start) = start {
                m.span = Span::new(start, m.span.end);
            }
        }
        prev_end = m.span.end;
    }
}
