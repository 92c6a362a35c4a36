//! DATE and TIME patterns, with ISO 8601 values.
//!
//! Absolute dates get their calendar value (`February 2022` → `2022-02`,
//! `15 September 2025` → `2025-09-15`). Relative expressions are resolved against the
//! document's publication date (the *anchor*), with these conventions:
//! - a bare weekday (`Monday`, `on Monday`, `this Monday`) is the most recent such day **on or
//!   before** the anchor: news reports what happened, and a page published on Monday that says
//!   "on Monday" means that day;
//! - `last Monday` is the most recent Monday strictly before the anchor; `next Monday` the first
//!   one strictly after it;
//! - `yesterday`/`today`/`tomorrow` are anchor −1/0/+1 day; `last week`/`this week`/`next week`
//!   are ISO weeks (`2025-W37`), `last month` a month (`2025-08`), `last year` a year (`2024`);
//! - `three days ago` → a date, `two years ago` → a year; a duration (`two years`) gets an ISO 8601
//!   duration (`P2Y`);
//! - a day and month without a year (`15 September`) take the anchor's year.
//!
//! Without an anchor, relative expressions are still tagged but get no value, and yearless
//! dates get `XXXX` as the year.

use super::calendar::Date;
use super::date_values::{
    amount_value, calendar_value, clock_value, num, period_parts, period_value, weekday_value,
    within_a_day,
};
use super::numbers::{left_ok, right_ok, ORDINAL_SUFFIXES, SP};
use super::windows::{kind, Windows};
use super::{alternation, tables, word_before, RuleMatch};
use newspipe_model::{EntityLabel, Span};
use regex::Regex;
use std::sync::OnceLock;

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The first two digits of the years the year and decade patterns take (1600–2099).
pub(crate) const YEAR_CENTURIES: [&str; 5] = ["16", "17", "18", "19", "20"];

/// Abbreviated month names (an optional `.` follows).
pub(crate) const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
];

/// `today`, `yesterday`, `tomorrow`.
const DEICTIC: [&str; 3] = ["today", "yesterday", "tomorrow"];
/// Calendar periods of `last week`, `this weekend`, `next year`.
const PERIODS: [&str; 5] = ["week", "month", "year", "weekend", "decade"];
/// Units of `three days ago`, `two years`, `24 hours` (singular; an `s` may follow). Amounts of
/// hours and minutes are TIME, the others DATE (as OntoNotes marks them).
const AMOUNT_UNITS: [&str; 7] = ["day", "week", "month", "year", "decade", "hour", "minute"];
/// Times of day that stand alone.
const CLOCK_WORDS: [&str; 3] = ["midnight", "noon", "tonight"];
/// Parts of the day after `this` (`this morning`).
const DAY_PARTS: [&str; 3] = ["morning", "afternoon", "evening"];

/// The words the date and time patterns are anchored on, with their [`kind`], from the same
/// lists the patterns are built from: every match of a pattern without a digit holds one of
/// them (see [`super::windows`]).
pub(crate) fn anchor_words() -> Vec<(u32, String)> {
    let plurals = AMOUNT_UNITS.iter().map(|u| format!("{u}s"));
    let units = PERIODS.iter().chain(&AMOUNT_UNITS).map(|u| u.to_string());
    let words = |k: u32, list: &[&str]| {
        list.iter()
            .map(move |w| (k, w.to_string()))
            .collect::<Vec<_>>()
    };
    let mut out = words(kind::MONTH, &MONTHS);
    out.extend(words(kind::MONTH, MONTH_ABBREVIATIONS));
    out.extend(words(kind::WEEKDAY, &WEEKDAYS));
    out.extend(words(kind::DEICTIC, &DEICTIC));
    out.extend(units.chain(plurals).map(|u| (kind::UNIT, u)));
    out.extend(words(kind::QUARTER, &["quarter"]));
    out.extend(words(kind::TIME_WORD, &CLOCK_WORDS));
    out.extend(words(kind::TIME_WORD, &DAY_PARTS));
    out.extend(words(kind::TIME_WORD, &["night"]));
    out
}

/// Month number of a full or abbreviated month name (`Sept`, `Sep`, `September` → 9).
fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.');
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(name) && (name.len() >= 3))
        .map(|i| i as u32 + 1)
}

struct Patterns {
    day_month: Regex,
    month_day: Regex,
    month_year: Regex,
    month_alone: Regex,
    iso: Regex,
    weekday: Regex,
    deictic: Regex,
    relative_period: Regex,
    amount_of_time: Regex,
    year: Regex,
    decade: Regex,
    quarter: Regex,
    clock: Regex,
    am_pm: Regex,
    time_words: Regex,
}

/// Builds the lazily built tables of this module now.
pub(crate) fn prepare() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let full = MONTHS.join("|");
        let abbrev = MONTH_ABBREVIATIONS.join("|");
        let mon = format!(r"(?P<mon>(?:{full}|(?:{abbrev})\.?))");
        let wd = WEEKDAYS.join("|");
        let (periods, amounts) = (PERIODS.join("|"), AMOUNT_UNITS.join("|"));
        let (clock, parts) = (CLOCK_WORDS.join("|"), DAY_PARTS.join("|"));
        let numw = alternation(tables().number_words.keys().copied());
        let (suffixes, centuries) = (ORDINAL_SUFFIXES.join("|"), YEAR_CENTURIES.join("|"));
        let re = |s: String| Regex::new(&s).expect("date pattern compiles");
        Patterns {
            day_month: re(format!(
                r"(?-u:\b)(?P<d>[0-9]{{1,2}})(?:{suffixes})?{SP}(?:of{SP})?{mon}(?:,?{SP}(?P<y>[0-9]{{4}}))?(?-u:\b)"
            )),
            month_day: re(format!(
                r"(?-u:\b){mon}{SP}(?P<d>[0-9]{{1,2}})(?:{suffixes})?(?:,?{SP}(?P<y>[0-9]{{4}}))?(?-u:\b)"
            )),
            month_year: re(format!(r"(?-u:\b)(?P<mon>{full}),?{SP}(?:of{SP})?(?P<y>[0-9]{{4}})(?-u:\b)")),
            month_alone: re(format!(
                r"(?-u:\b)(?:(?P<mod>(?i:early|late|mid|the{SP}end{SP}of|the{SP}start{SP}of))(?:{SP}|-))?(?P<mon>{full})(?-u:\b)"
            )),
            iso: re(r"(?-u:\b)(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?-u:\b)".into()),
            weekday: re(format!(
                r"(?-u:\b)(?:(?P<rel>(?i:last|next|this)){SP})?(?P<wd>{wd})(?-u:\b)"
            )),
            deictic: re(format!(
                r"(?-u:\b)(?P<w>(?i:{}))(?-u:\b)",
                DEICTIC.join("|")
            )),
            relative_period: re(format!(
                r"(?-u:\b)(?P<rel>(?i:last|next|this|past|coming)){SP}(?P<unit>{periods})(?-u:\b)"
            )),
            amount_of_time: re(format!(
                r"(?-u:\b)(?P<pre>(?i:the{SP}(?:past|last|next|coming|previous)){SP})?(?P<n>[0-9]+(?:[-–][0-9]+)?|(?i:{numw}|a|an))(?:-|{SP})(?P<unit>(?:{amounts})s?)(?:-old|{SP}(?P<ago>ago))?(?-u:\b)"
            )),
            year: re(format!(r"(?-u:\b)(?P<y>(?:{centuries})[0-9][0-9])(?P<range>[-–/](?:[0-9][0-9]|[0-9]{{4}})(?-u:\b))?(?-u:\b)")),
            decade: re(format!(
                r"(?-u:\b)(?:the{SP})?(?P<c>{centuries})(?P<d>[0-9])0s(?-u:\b)"
            )),
            quarter: re(format!(
                r"(?-u:\b)(?:the{SP})?(?P<q>(?i:first|second|third|fourth|final|last)){SP}quarter(?:{SP}of{SP}(?P<y>(?:{centuries})[0-9][0-9]))?(?-u:\b)"
            )),
            clock: re(format!(
                r"(?-u:\b)(?P<h>[01]?[0-9]|2[0-3]):(?P<m>[0-5][0-9])(?:{SP}?(?P<ap>[ap]\.?m\.?))?(?:{SP}(?P<tz>GMT|BST|UTC|CET|CEST|EST|EDT|PST|MSK))?"
            )),
            am_pm: re(format!(
                r"(?-u:\b)(?P<h>1[0-2]|0?[0-9])(?:\.(?P<m>[0-5][0-9]))?{SP}?(?P<ap>[ap]\.m\.|[ap]m(?-u:\b))"
            )),
            time_words: re(format!(
                r"(?-u:\b)(?P<w>(?i:{clock}|this{SP}(?:{parts})|last{SP}night))(?-u:\b)"
            )),
        }
    })
}

fn prev_word(text: &str, at: usize) -> String {
    text[..at]
        .split(|c: char| c.is_whitespace() || c == '-')
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Adds DATE and TIME candidates (priority 4) to `out`.
pub fn find(text: &str, w: &Windows, anchor: Option<Date>, out: &mut Vec<(RuleMatch, u8)>) {
    let p = patterns();
    let cues = &tables().date_cues;
    let mut add = |start: usize, end: usize, label, value: Option<String>| {
        let m = RuleMatch {
            span: Span::new(start, end),
            label,
            value,
        };
        out.push((m, 4));
    };
    for re in [&p.day_month, &p.month_day, &p.month_year] {
        for c in w.captures(re, kind::MONTH | kind::DIGIT, text) {
            let m = c.get(0).expect("match");
            let Some(month) = month_number(&c["mon"]) else {
                continue;
            };
            let value = calendar_value(num(&c, "y"), month, num(&c, "d"), anchor);
            if value.is_some() {
                add(m.start(), m.end(), EntityLabel::Date, value);
            }
        }
    }
    for c in w.captures(&p.month_alone, kind::MONTH, text) {
        let m = c.get(0).expect("match");
        let mon = &c["mon"];
        // "May" and "March" are also words: need a cue ("in May", "early March").
        if matches!(mon, "May" | "March")
            && c.name("mod").is_none()
            && !cues.contains(&prev_word(text, m.start()).as_str())
        {
            continue;
        }
        let month = month_number(mon).expect("full month name");
        add(
            m.start(),
            m.end(),
            EntityLabel::Date,
            calendar_value(None, month, None, anchor),
        );
    }
    for c in w.captures(&p.iso, kind::DIGIT | kind::DIGIT_HYPHEN, text) {
        let m = c.get(0).expect("match");
        if let (Some(y), Some(mo), Some(d)) = (num(&c, "y"), num(&c, "m"), num(&c, "d")) {
            if let Some(date) = Date::new(y as i32, mo, d) {
                add(m.start(), m.end(), EntityLabel::Date, Some(date.iso()));
            }
        }
    }
    for c in w.captures(&p.weekday, kind::WEEKDAY, text) {
        let m = c.get(0).expect("match");
        let rel = c
            .name("rel")
            .map_or(String::new(), |r| r.as_str().to_ascii_lowercase());
        let wd = WEEKDAYS
            .iter()
            .position(|w| *w == &c["wd"])
            .expect("weekday") as u32;
        let value = anchor.map(|a| weekday_value(&rel, wd, a).iso());
        add(m.start(), m.end(), EntityLabel::Date, value);
    }
    for c in w.captures(&p.deictic, kind::DEICTIC, text) {
        let m = c.get(0).expect("match");
        let offset = match c["w"].to_ascii_lowercase().as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        add(
            m.start(),
            m.end(),
            EntityLabel::Date,
            anchor.map(|a| a.add_days(offset).iso()),
        );
    }
    for c in w.captures(&p.relative_period, kind::UNIT, text) {
        let m = c.get(0).expect("match");
        let rel = c["rel"].to_ascii_lowercase();
        let value = anchor.and_then(|a| period_value(&rel, &c["unit"], a));
        add(m.start(), m.end(), EntityLabel::Date, value);
    }
    // `the weekend`, the last or the coming one: no value. A vectorised literal search (one more
    // pattern on the period windows cost 0.5 % of the stage).
    for at in memchr::memmem::find_iter(text.as_bytes(), b"weekend") {
        let end = at + "weekend".len();
        if let Some(start) = word_before(text, at, "the ") {
            if !text[end..].starts_with(|c: char| c.is_alphanumeric()) {
                add(start, end, EntityLabel::Date, None);
            }
        }
    }
    for span in period_parts(text) {
        add(span.start, span.end, EntityLabel::Date, None);
    }
    // `aged 45`: an age, a DATE as OntoNotes marks ages, whose value is the duration.
    for at in memchr::memmem::find_iter(text.as_bytes(), b"ged ") {
        let start = at + "ged ".len();
        let digits = text.as_bytes()[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit());
        let end = start + digits.count();
        let rest = &text.as_bytes()[end..];
        let continues = match rest {
            [b'-' | b'.' | b',', next, ..] => next.is_ascii_digit(),
            _ => !right_ok(text, end) || text[end..].starts_with('–'),
        };
        if (start + 1..=start + 3).contains(&end)
            && !continues
            && word_before(text, start, "aged ").is_some()
        {
            add(
                start,
                end,
                EntityLabel::Date,
                Some(format!("P{}Y", &text[start..end])),
            );
        }
    }
    for c in w.captures(&p.amount_of_time, kind::UNIT, text) {
        let m = c.get(0).expect("match");
        if left_ok(text, m.start()) {
            let label = if within_a_day(&c["unit"]) {
                EntityLabel::Time
            } else {
                EntityLabel::Date
            };
            add(m.start(), m.end(), label, amount_value(&c, anchor));
        }
    }
    for c in w.captures(&p.year, kind::YEAR, text) {
        let m = c.get(0).expect("match");
        // `mid-2005` is a year (the modifier is taken in later), `F-2005` is not.
        let after_mid = word_before(text, m.start(), "mid-").is_some();
        if !(left_ok(text, m.start()) || after_mid) || text[m.end()..].starts_with(['%', ',']) {
            continue;
        }
        let next_lower = text[m.end()..]
            .trim_start_matches([' ', '\u{a0}'])
            .starts_with(|c: char| c.is_lowercase());
        let cued = cues.contains(&prev_word(text, m.start()).as_str());
        if c.name("range").is_some() || cued || !next_lower {
            add(
                m.start(),
                m.end(),
                EntityLabel::Date,
                Some(c["y"].to_string()),
            );
        }
    }
    for c in w.captures(&p.decade, kind::YEAR, text) {
        let m = c.get(0).expect("match");
        let value = format!("{}{}X", &c["c"], &c["d"]);
        add(m.start(), m.end(), EntityLabel::Date, Some(value));
    }
    for c in w.captures(&p.quarter, kind::QUARTER, text) {
        let m = c.get(0).expect("match");
        // `the third quarter of 2004` is 2004-Q3 (TIMEX3); a quarter without its year has no value.
        let value = c.name("y").map(|y| {
            let q = c["q"].to_ascii_lowercase();
            // `first` to `fourth` are ordinal words; `final` and `last` are the fourth.
            let n = tables().ordinal_words.get(q.as_str()).copied().unwrap_or(4);
            format!("{}-Q{n}", y.as_str())
        });
        add(m.start(), m.end(), EntityLabel::Date, value);
    }
    for (re, needs) in [
        (&p.clock, kind::CLOCK_COLON),
        (&p.am_pm, kind::DIGIT | kind::AM_PM),
    ] {
        for c in w.captures(re, needs, text) {
            let m = c.get(0).expect("match");
            if left_ok(text, m.start()) {
                add(m.start(), m.end(), EntityLabel::Time, clock_value(&c));
            }
        }
    }
    for c in w.captures(&p.time_words, kind::TIME_WORD, text) {
        let m = c.get(0).expect("match");
        let w = c["w"].to_ascii_lowercase();
        let value = match w.as_str() {
            "midnight" => Some("00:00".to_string()),
            "noon" => Some("12:00".to_string()),
            "last night" => anchor.map(|a| format!("{}TNI", a.add_days(-1).iso())),
            "tonight" => anchor.map(|a| format!("{}TNI", a.iso())),
            w if w.ends_with("morning") => anchor.map(|a| format!("{}TMO", a.iso())),
            w if w.ends_with("afternoon") => anchor.map(|a| format!("{}TAF", a.iso())),
            _ => anchor.map(|a| format!("{}TEV", a.iso())),
        };
        add(m.start(), m.end(), EntityLabel::Time, value);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{find as find_all, found};

    const PUB: &str = "2025-09-15T10:56"; // a Monday

    fn run(text: &str) -> Vec<(String, &'static str, Option<String>)> {
        found(text, Some(PUB))
    }

    fn value_of(text: &str, mention: &str) -> Option<String> {
        let r = run(text);
        let hit = r.iter().find(|(t, _, _)| t == mention);
        hit.unwrap_or_else(|| panic!("{mention:?} not found in {r:?}"))
            .2
            .clone()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            value_of("escalated in February 2022, said", "February 2022").as_deref(),
            Some("2022-02")
        );
        assert_eq!(
            value_of("on 15 September 2025 at", "15 September 2025").as_deref(),
            Some("2025-09-15")
        );
        assert_eq!(
            value_of("on Sept. 3, 2024", "Sept. 3, 2024").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(
            value_of("by 3 March", "3 March").as_deref(),
            Some("2025-03-03")
        );
        assert_eq!(
            value_of("the 2025-01-31 filing", "2025-01-31").as_deref(),
            Some("2025-01-31")
        );
        assert_eq!(value_of("since 1999 the", "1999").as_deref(), Some("1999"));
        assert_eq!(
            value_of("in the 1990s", "the 1990s").as_deref(),
            Some("199X")
        );
        assert_eq!(
            value_of(
                "profits in the third quarter of 2004 rose",
                "the third quarter of 2004"
            )
            .as_deref(),
            Some("2004-Q3")
        );
        assert_eq!(
            value_of("the final quarter of 2005.", "the final quarter of 2005").as_deref(),
            Some("2005-Q4")
        );
        assert_eq!(
            value_of("in the first quarter, sales", "the first quarter"),
            None
        );
        assert_eq!(
            value_of("the second quarter of 2010", "the second quarter of 2010").as_deref(),
            Some("2010-Q2")
        );
        assert_eq!(
            value_of("the last quarter of 2003", "the last quarter of 2003").as_deref(),
            Some("2003-Q4")
        );
    }

    #[test]
    fn hours_and_minutes_are_times() {
        let r = run("He slept for 24 hours, struck for 30 minutes, called a 24-hour strike.");
        assert_eq!(
            super::super::borrowed(&r),
            vec![
                ("24 hours", "TIME", Some("PT24H")),
                ("30 minutes", "TIME", Some("PT30M")),
                ("24-hour", "TIME", Some("PT24H")),
            ]
        );
        assert_eq!(value_of("three hours ago", "three hours ago"), None);
        // An age is a DATE; a range of amounts has no single value.
        assert_eq!(
            value_of("a 50-year-old man", "50-year-old").as_deref(),
            Some("P50Y")
        );
        assert_eq!(value_of("about 3-4 days later", "3-4 days"), None);
    }

    #[test]
    fn modifiers_widen_dates() {
        assert_eq!(
            value_of("at the end of last year, it", "the end of last year").as_deref(),
            Some("2024")
        );
        assert_eq!(
            value_of("in early 2005 and", "early 2005").as_deref(),
            Some("2005")
        );
        assert_eq!(
            value_of("by mid-2005.", "mid-2005").as_deref(),
            Some("2005")
        );
        // Not inside a word.
        assert!(run("a timid-2005 Report").is_empty());
        assert_eq!(value_of("over the weekend, he", "the weekend"), None);
        assert_eq!(value_of("hits of the '90s and", "the '90s"), None);
        assert_eq!(value_of("hits of the 80s and", "the 80s"), None);
        assert!(run("since the start of 12 years of war")
            .iter()
            .any(|(t, _, _)| t == "12 years"));
        assert_eq!(
            value_of("in mid 2005 the", "mid 2005").as_deref(),
            Some("2005")
        );
        assert_eq!(
            value_of("three days ago", "three days ago").as_deref(),
            Some("2025-09-12")
        );
    }

    #[test]
    fn relative_dates_follow_the_stated_convention() {
        assert_eq!(
            value_of("he said on Monday.", "Monday").as_deref(),
            Some("2025-09-15")
        );
        assert_eq!(
            value_of("on Friday", "Friday").as_deref(),
            Some("2025-09-12")
        );
        assert_eq!(
            value_of("last Monday", "last Monday").as_deref(),
            Some("2025-09-08")
        );
        assert_eq!(
            value_of("next Monday", "next Monday").as_deref(),
            Some("2025-09-22")
        );
        assert_eq!(
            value_of("Yesterday it", "Yesterday").as_deref(),
            Some("2025-09-14")
        );
        assert_eq!(
            value_of("last week", "last week").as_deref(),
            Some("2025-W37")
        );
        assert_eq!(
            value_of("last month", "last month").as_deref(),
            Some("2025-08")
        );
        assert_eq!(
            value_of("three days ago", "three days ago").as_deref(),
            Some("2025-09-12")
        );
        assert_eq!(
            value_of("for two years", "two years").as_deref(),
            Some("P2Y")
        );
    }

    #[test]
    fn ambiguous_words_need_cues() {
        assert!(run("You May go").is_empty());
        assert_eq!(run("in May")[0].0, "May");
        assert_eq!(run("2000 people")[0].1, "CARDINAL");
    }

    #[test]
    fn times() {
        assert_eq!(
            value_of("at 10:56 GMT", "10:56 GMT").as_deref(),
            Some("10:56")
        );
        assert_eq!(value_of("at 3pm", "3pm").as_deref(), Some("15:00"));
        assert_eq!(
            value_of("at 7.30 a.m. on", "7.30 a.m.").as_deref(),
            Some("07:30")
        );
        assert_eq!(run("tonight")[0].1, "TIME");
    }

    #[test]
    fn no_anchor_no_relative_value() {
        let r = find_all("on Monday in May 2020", None);
        assert_eq!(r[0].value, None);
        assert_eq!(r[1].value.as_deref(), Some("2020-05"));
    }
}
