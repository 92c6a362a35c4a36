//! MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL patterns. Amounts are found in digits
//! (`$3.5bn`, `5%`) and in words (`two million pounds`, `ten per cent`: a run of number words
//! followed by a currency word or `per cent`).

use super::number_words::{
    number_word, percent_after, point_digits, qualified, word_after, words_value,
};
use super::windows::{kind, Windows};
use super::{alternation, tables, word_before, Decimal, RuleMatch};
use newspipe_model::{EntityLabel, Span};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::OnceLock;

/// A number with optional thousands separators and decimals.
pub(crate) const NUM: &str = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?";
/// A space inside an expression (never a line break).
pub(crate) const SP: &str = r"[ \u{a0}]";
/// Ordinal words that also name a fraction after `a` or `one` (`a third of`).
const FRACTION_WORDS: [&str; 8] = [
    "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];
/// The endings of an ordinal written in digits (`3rd`), also after the day of a date.
pub(crate) const ORDINAL_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];
/// Words that scale a number (`5 million`).
pub(crate) const SCALE_WORDS: [&str; 4] = ["trillion", "billion", "million", "thousand"];

struct Patterns {
    money_symbol: Regex,
    money_word: Regex,
    percent: Regex,
    quantity: Regex,
    ordinal_digits: Regex,
    ordinal_word: Regex,
    cardinal_words: Regex,
}

/// Builds the lazily built tables of this module now.
pub(crate) fn prepare() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let t = tables();
        let symbols = alternation(
            t.currencies
                .keys()
                .copied()
                .filter(|k| !k.chars().all(char::is_alphabetic)),
        );
        let cur_words = alternation(
            t.currencies
                .keys()
                .copied()
                .filter(|k| k.chars().all(char::is_alphabetic)),
        );
        let units = alternation(t.units.keys().copied());
        let numw = alternation(t.number_words.keys().copied());
        let ordw = alternation(t.ordinal_words.keys().copied());
        let re = |s: String| Regex::new(&s).expect("rule pattern compiles");
        let scale_words = SCALE_WORDS.join("|");
        let suffixes = ORDINAL_SUFFIXES.join("|");
        Patterns {
            money_symbol: re(format!(
                r"(?P<cur>{symbols}){SP}?(?P<num>{NUM})(?:{SP}?(?P<scale>{scale_words}|bn|tn|m|k)(?-u:\b))?"
            )),
            money_word: re(format!(
                r"(?-u:\b)(?P<num>{NUM})(?:{SP}?(?P<scale>{scale_words}|bn|tn|m)(?-u:\b))?{SP}(?P<cur>{cur_words})(?-u:\b)"
            )),
            percent: re(format!(
                r"(?P<num>{NUM})(?:{SP}?%|{SP}(?:per{SP}?cent|percent)(?-u:\b))"
            )),
            quantity: re(format!(
                r"(?P<num>{NUM})(?:{SP}(?P<scale>{scale_words}))?(?:{SP}|-)?(?P<unit>{units})(?-u:\b)"
            )),
            ordinal_digits: re(format!(r"(?-u:\b)(?P<num>[0-9]+)(?:{suffixes})(?-u:\b)")),
            ordinal_word: re(format!(r"(?-u:\b)(?i:(?P<w>{ordw}))(?-u:\b)")),
            cardinal_words: re(format!(
                r"(?-u:\b)(?i:(?:{numw})(?:(?:{SP}|-|{SP}and{SP})(?:{numw}))*)(?-u:\b)"
            )),
        }
    })
}

/// A number written in digits with an optional scale word, as [`number_at`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DigitNumber {
    /// The whole match.
    span: Range<usize>,
    /// The number (`1,500.5`).
    num: Range<usize>,
    /// The scale word (`million`, `bn`, `m`), if one follows.
    scale: Option<Range<usize>>,
}

/// The first number at or after byte `at` of `hay`, with its scale: what the pattern
/// `(?P<num>NUM)(?:SP(?P<scale>trillion|billion|million|thousand)\b|(?P<ascale>bn|m)\b)?` finds
/// (`NUM` and `SP` as above, `\b` an ASCII word boundary), written out by hand because every
/// number of a text is one: searched as a regex with groups, this pattern took 4 % of the
/// instructions of segment + entities. The regex stays in the tests as the reference.
fn number_at(hay: &str, at: usize) -> Option<DigitNumber> {
    let b = hay.as_bytes();
    let digits = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let start = at + b[at..].iter().position(u8::is_ascii_digit)?;
    let mut end = start + digits(start);
    // `[0-9]{1,3}(?:,[0-9]{3})+` is tried first: up to three digits, then groups `,ddd`.
    let group = |i: usize| {
        b.get(i) == Some(&b',')
            && b.get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
    };
    if end - start <= 3 {
        while group(end) {
            end += 4;
        }
    }
    // `(?:\.[0-9]+)?`
    if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end += 1 + digits(end + 1);
    }
    let num = start..end;
    // An ASCII word boundary after a word that ends at `i`.
    let boundary = |i: usize| {
        !b.get(i)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
    };
    let word_at = |i: usize, words: &[&str]| {
        words
            .iter()
            .find(|w| b[i..].starts_with(w.as_bytes()) && boundary(i + w.len()))
            .map(|w| i..i + w.len())
    };
    let space = match &b[end..] {
        [b' ', ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        _ => 0,
    };
    let scale = (space > 0)
        .then(|| word_at(end + space, &SCALE_WORDS))
        .flatten()
        .or_else(|| word_at(end, &["bn", "m"]));
    let span = start..scale.as_ref().map_or(end, |s| s.end);
    Some(DigitNumber { span, num, scale })
}

/// A number may not continue a word or another number (`F-16`, `COVID-19`, `v2.1`).
pub(crate) fn left_ok(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '.' || c == ',' || c == '_' => false,
        Some('-') => !before.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// Nothing that would continue a number follows `end`: no letter, digit or `%` (`5G`, `12%`).
pub(crate) fn right_ok(text: &str, end: usize) -> bool {
    !text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '%')
}

fn scale_exp(word: &str) -> i32 {
    match word.to_ascii_lowercase().as_str() {
        "trillion" | "tn" => 12,
        "billion" | "bn" => 9,
        "million" | "m" => 6,
        "thousand" | "k" => 3,
        _ => 0,
    }
}

/// A number in digits times its scale word, if any (`3.5` and `bn`: 3500000000).
fn scaled(num: &str, scale: Option<&str>) -> Option<Decimal> {
    Some(Decimal::parse(num)?.shift(scale.map_or(0, scale_exp)))
}

/// [`scaled`] for a match of a pattern with the groups `num` and `scale` or `ascale`.
fn amount(c: &Captures) -> Option<Decimal> {
    let scale = ["scale", "ascale"].iter().find_map(|k| c.name(k));
    scaled(c.name("num")?.as_str(), scale.map(|m| m.as_str()))
}

/// The value of an amount of money in the currency's main unit: `minor` is how many of the
/// counted units make one (100 when they are pence or cents, else 1), so `50 pence` is `0.5 GBP`.
fn money_value(amount: Decimal, code: &str, minor: u32) -> String {
    let amount = if minor == 100 {
        amount.shift(-2)
    } else {
        amount
    };
    format!("{} {code}", amount.render())
}

/// The end of a `p` for pence right after number `n` (`245p`, `79.5p`), if there is one. Video
/// resolutions (`720p`, `1080p`) are not pence.
fn pence_after(text: &str, n: &DigitNumber) -> Option<usize> {
    let end = n.span.end;
    let is_p = n.scale.is_none()
        && text[end..].starts_with('p')
        && right_ok(text, end + 1)
        && !matches!(
            &text[n.num.clone()],
            "480" | "576" | "720" | "1080" | "1440" | "2160" | "4320"
        );
    is_p.then_some(end + 1)
}

/// Where `the 90s` starts, when number `n` is the `90` of one: two digits ending in 0, then `s`,
/// after `the` and perhaps an apostrophe.
fn short_decade_start(text: &str, n: &DigitNumber) -> Option<usize> {
    let num = text[n.num.clone()].as_bytes();
    let decade = n.scale.is_none()
        && num.len() == 2
        && num[0] != b'0'
        && num[1] == b'0'
        && text[n.span.end..].starts_with('s')
        && right_ok(text, n.span.end + 1);
    if !decade {
        return None;
    }
    let before = text[..n.span.start]
        .strip_suffix('\'')
        .or_else(|| text[..n.span.start].strip_suffix('’'))
        .unwrap_or(&text[..n.span.start]);
    word_before(before, before.len(), "the ")
}

/// The end of a second number joined to number `n` by a hyphen or an en dash (`6-3`, `10–20`),
/// when neither has a scale word.
fn range_after(text: &str, n: &DigitNumber) -> Option<usize> {
    let rest = &text[n.span.end..];
    let dash = ["-", "–"].into_iter().find(|d| rest.starts_with(d))?;
    // A year's range (`2005-6`) is left to the date rules, an amount's (`$30-35`) to money.
    let first = &text[n.num.clone()];
    let after_symbol = text[..n.span.start].chars().next_back().is_some_and(|c| {
        !c.is_alphanumeric() && !c.is_whitespace() && {
            let mut buf = [0; 4];
            tables().currencies.contains_key(&*c.encode_utf8(&mut buf))
        }
    });
    if (first.len() == 4 && !first.contains(',')) || after_symbol || n.scale.is_some() {
        return None;
    }
    let at = n.span.end + dash.len();
    if !text.as_bytes().get(at).is_some_and(u8::is_ascii_digit) {
        return None; // `10-year`: no second number
    }
    let second = number_at(text, at).filter(|m| m.span.start == at)?;
    second.scale.is_none().then_some(second.span.end)
}

fn push(out: &mut Vec<(RuleMatch, u8)>, span: Span, label: EntityLabel, value: Option<String>) {
    out.push((RuleMatch { span, label, value }, 0));
}

/// Adds MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL candidates (priority 0..=3) to `out`.
pub fn find(text: &str, w: &Windows, out: &mut Vec<(RuleMatch, u8)>) {
    let p = patterns();
    let t = tables();
    let mut add = |span: Span, label, value, priority: u8| {
        push(out, span, label, value);
        out.last_mut().expect("just pushed").1 = priority;
    };
    for (re, needs) in [
        (&p.money_symbol, kind::DIGIT | kind::CURRENCY_SYMBOL),
        (&p.money_word, kind::DIGIT | kind::CURRENCY_WORD),
    ] {
        for c in w.captures(re, needs, text) {
            let m = c.get(0).expect("match");
            if !right_ok(text, m.end()) {
                continue;
            }
            let cur = c.name("cur").map_or("", |m| m.as_str());
            let Some(&(code, minor)) = t.currencies.get(cur) else {
                continue;
            };
            let value = amount(&c).map(|a| money_value(a, code, minor));
            add(Span::new(m.start(), m.end()), EntityLabel::Money, value, 3);
        }
    }
    for c in w.captures(&p.percent, kind::DIGIT | kind::PERCENT, text) {
        let m = c.get(0).expect("match");
        let num = c.name("num").expect("num");
        if left_ok(text, num.start()) {
            let value = Decimal::parse(num.as_str()).map(|d| d.shift(-2).render());
            add(
                Span::new(m.start(), m.end()),
                EntityLabel::Percent,
                value,
                3,
            );
        }
    }
    for c in w.captures(&p.quantity, kind::DIGIT | kind::QUANTITY_UNIT, text) {
        let m = c.get(0).expect("match");
        if left_ok(text, m.start()) && right_ok(text, m.end()) {
            let unit = t.units.get(c.name("unit").expect("unit").as_str());
            let value = amount(&c)
                .zip(unit)
                .map(|(a, u)| format!("{} {u}", a.render()));
            add(
                Span::new(m.start(), m.end()),
                EntityLabel::Quantity,
                value,
                2,
            );
        }
    }
    for c in w.captures(&p.ordinal_digits, kind::ORDINAL_SUFFIX, text) {
        let m = c.get(0).expect("match");
        let value = c.name("num").map(|n| n.as_str().trim_start_matches('0'));
        let value = value.map(|v| if v.is_empty() { "0" } else { v }.to_string());
        add(
            Span::new(m.start(), m.end()),
            EntityLabel::Ordinal,
            value,
            1,
        );
    }
    for c in w.captures(&p.ordinal_word, kind::ORDINAL_WORD, text) {
        let m = c.get(0).expect("match");
        let word = m.as_str().to_ascii_lowercase();
        // "a second", "per second", "split second": the time unit, not the ordinal.
        let prev = text[..m.start()]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        let prev_lower = prev.to_ascii_lowercase();
        if word == "second"
            && matches!(prev_lower.as_str(), "a" | "per" | "one" | "split" | "every")
        {
            continue;
        }
        // "a third of", "one fifth of": a fraction, a CARDINAL (as OntoNotes marks it).
        if FRACTION_WORDS.contains(&word.as_str())
            && matches!(prev_lower.as_str(), "a" | "one")
            && word_after(text, m.end()).is_some_and(|(w, _)| w == "of")
        {
            let start = text[..m.start()].trim_end().len() - prev.len();
            add(Span::new(start, m.end()), EntityLabel::Cardinal, None, 1);
            continue;
        }
        let value = t.ordinal_words.get(word.as_str()).map(u64::to_string);
        add(
            Span::new(m.start(), m.end()),
            EntityLabel::Ordinal,
            value,
            1,
        );
    }
    let numbers = w.search(kind::DIGIT, text, |hay, at| {
        number_at(hay, at).map(|n| (n.clone(), n.span))
    });
    for n in numbers {
        if !left_ok(text, n.span.start) {
            continue;
        }
        if let Some(end) = pence_after(text, &n) {
            let value = Decimal::parse(&text[n.num.clone()]).map(|d| money_value(d, "GBP", 100));
            add(Span::new(n.span.start, end), EntityLabel::Money, value, 3);
            continue;
        }
        if let Some(start) = short_decade_start(text, &n) {
            // `the 90s`, `the '80s`: a decade whose century is not said.
            add(Span::new(start, n.span.end + 1), EntityLabel::Date, None, 4);
            continue;
        }
        if let Some(end) = range_after(text, &n) {
            // A score or a range (`won 6-3`, `pages 10-20`, `10-15%`): one mention, and no
            // single value (before, the first number stood alone with its own value).
            let (label, end) = match text[end..].starts_with('%') {
                true => (EntityLabel::Percent, end + 1),
                false => (EntityLabel::Cardinal, end),
            };
            if right_ok(text, end) {
                add(Span::new(n.span.start, end), label, None, 0);
            }
            continue;
        }
        if !right_ok(text, n.span.end) {
            continue;
        }
        let value = scaled(&text[n.num], n.scale.map(|s| &text[s])).map(Decimal::render);
        add(
            Span::new(n.span.start, n.span.end),
            EntityLabel::Cardinal,
            value,
            0,
        );
    }
    for m in w.find_iter(&p.cardinal_words, kind::NUMBER_WORD, text) {
        let value = words_value(m.as_str()).filter(|_| !qualified(text, m.start()));
        let (mut value, mut end) = (value.map(Decimal::from), m.end());
        if let Some((digits, digits_end)) = point_digits(text, m.start(), end) {
            // A decimal in words (`one point three per cent`, `two point five billion`).
            value = value.and_then(|v| Decimal::parse(&format!("{}.{digits}", v.render())));
            end = digits_end;
            let scale = word_after(text, end).and_then(|(w, e)| Some((number_word(w)?, e)));
            if let Some((scale, scale_end)) = scale.filter(|&(s, _)| s >= 1000) {
                value = value.and_then(|v| v.times(scale));
                end = scale_end;
            }
        }
        let span = |end| Span::new(m.start(), end);
        let next = word_after(text, end);
        let currency = next.and_then(|(word, end)| Some((t.currencies.get(word)?, end)));
        if let Some((&(code, minor), end)) = currency {
            // An amount in words (`two million pounds`, `fifty pence`).
            let value = value.map(|a| money_value(a, code, minor));
            add(span(end), EntityLabel::Money, value, 3);
        } else if let Some(end) = next.and_then(|(word, end)| percent_after(text, word, end)) {
            // A share in words (`ten per cent`, `five percent`).
            let value = value.map(|v| v.shift(-2).render());
            add(span(end), EntityLabel::Percent, value, 3);
        } else {
            let value = value.map(Decimal::render);
            add(span(end), EntityLabel::Cardinal, value, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::resolve_overlaps;
    use super::*;

    fn run(text: &str) -> Vec<(String, &'static str, Option<String>)> {
        let (mut c, mut whole) = (Vec::new(), Vec::new());
        find(text, &Windows::of(text), &mut c);
        find(text, &Windows::whole(text), &mut whole);
        let c = resolve_overlaps(c);
        assert_eq!(
            c,
            resolve_overlaps(whole),
            "windowed search differs on {text:?}"
        );
        super::super::as_texts(text, c)
    }

    fn one(text: &str) -> (String, &'static str, Option<String>) {
        let r = run(text);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        r.into_iter().next().unwrap()
    }

    #[test]
    fn money() {
        let v = |t| one(t).2.unwrap();
        assert_eq!(v("a $3.5bn deal"), "3500000000 USD");
        assert_eq!(v("profits of £600m."), "600000000 GBP");
        assert_eq!(v("cost €1,200"), "1200 EUR");
        assert_eq!(v("paid 20 million dollars"), "20000000 USD");
        assert_eq!(v("just 50 pence"), "0.5 GBP");
        assert_eq!(one("US$5 billion").1, "MONEY");
    }

    #[test]
    fn scores_and_ranges_are_one_mention_without_value() {
        let r = run("Federer won 6-3 6-4, rates of 10-15%, pages 10–20 and a 2,000-3,000 range");
        assert_eq!(
            super::super::borrowed(&r),
            vec![
                ("6-3", "CARDINAL", None),
                ("6-4", "CARDINAL", None),
                ("10-15%", "PERCENT", None),
                ("10–20", "CARDINAL", None),
                ("2,000-3,000", "CARDINAL", None),
            ]
        );
        // A number after a word and a hyphen is still part of a name.
        assert!(run("the F-16 jet").is_empty());
        // Years and amounts keep their own rules.
        assert_eq!(one("a $30-35 range").0, "$30");
        assert!(!run("the 2005-6 budget")
            .iter()
            .any(|(t, _, _)| t == "2005-6"));
    }

    #[test]
    fn fractions_are_cardinals() {
        assert_eq!(
            one("A third of voters"),
            ("A third".into(), "CARDINAL", None)
        );
        assert_eq!(one("one\u{a0}fifth of the budget").0, "one\u{a0}fifth");
        assert_eq!(
            one("a third term"),
            ("third".into(), "ORDINAL", Some("3".into()))
        );
    }

    #[test]
    fn money_and_percent_in_words() {
        assert_eq!(
            one("He paid five dollars."),
            ("five dollars".into(), "MONEY", Some("5 USD".into()))
        );
        assert_eq!(
            one("They raised two million pounds").2.as_deref(),
            Some("2000000 GBP")
        );
        assert_eq!(one("just fifty pence").2.as_deref(), Some("0.5 GBP"));
        assert_eq!(
            one("it fell by ten per cent"),
            ("ten per cent".into(), "PERCENT", Some("0.1".into()))
        );
        assert_eq!(one("Twenty-five percent").2.as_deref(), Some("0.25"));
        // A currency word without a number before it stays a word.
        assert!(run("the pound fell").is_empty());
        assert_eq!(
            one("Shares rose to 245p."),
            ("245p".into(), "MONEY", Some("2.45 GBP".into()))
        );
        assert_eq!(one("down 79.5p").2.as_deref(), Some("0.795 GBP"));
        assert!(run("streams in 1080p").is_empty());
        // No value rather than a wrong one.
        assert_eq!(one("a multi-billion dollar deal").2, None);
        assert_eq!(one("half a trillion dollars").2, None);
        assert_eq!(one("half a million").2, None);
    }

    #[test]
    fn percent_and_quantity() {
        assert_eq!(
            one("to 5% of GDP"),
            ("5%".into(), "PERCENT", Some("0.05".into()))
        );
        assert_eq!(one("rose 2.5 per cent").2.as_deref(), Some("0.025"));
        assert_eq!(one("a 40 km drive").2.as_deref(), Some("40 km"));
        assert_eq!(one("300 miles away").1, "QUANTITY");
    }

    #[test]
    fn cardinals_and_ordinals() {
        let r = run(
            "At least 41 countries, with 29 of its 32 states, 1,500 troops and twenty-five tanks",
        );
        assert_eq!(
            super::super::borrowed(&r),
            vec![
                ("41", "CARDINAL", Some("41")),
                ("29", "CARDINAL", Some("29")),
                ("32", "CARDINAL", Some("32")),
                ("1,500", "CARDINAL", Some("1500")),
                ("twenty-five", "CARDINAL", Some("25")),
            ]
        );
        assert_eq!(one("the 3rd time").2.as_deref(), Some("3"));
        assert_eq!(one("for the first time").2.as_deref(), Some("1"));
        assert_eq!(one("5m people").2.as_deref(), Some("5000000"));
        assert!(run("wait a second").is_empty());
        assert!(run("an F-16 jet and COVID-19").is_empty());
    }

    /// `number_at` finds what the regex it replaces finds, on random strings of number parts.
    #[test]
    fn number_at_is_the_cardinal_pattern() {
        let scale_words = SCALE_WORDS.join("|");
        let re = Regex::new(&format!(
            r"(?P<num>{NUM})(?:{SP}(?P<scale>{scale_words})(?-u:\b)|(?P<ascale>bn|m)(?-u:\b))?"
        ))
        .unwrap();
        let parts = [
            "1", "23", "456", "7890", ",", ",000", ",12", ".", ".5", " ", "\u{a0}", "m", "bn",
            "million", "billion", "thousand", "trillion", "Million", "mn", "x", "_", "é", "-", "%",
            "k", "\n", "b", "00",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = 1 + next(10);
            let text: String = (0..len).map(|_| parts[next(parts.len())]).collect();
            let mut at = 0;
            while at <= text.len() {
                let want = re.captures_at(&text, at).map(|c| DigitNumber {
                    span: c.get(0).unwrap().range(),
                    num: c.name("num").unwrap().range(),
                    scale: c.name("scale").or(c.name("ascale")).map(|m| m.range()),
                });
                let got = number_at(&text, at);
                assert_eq!(got, want, "{text:?} from {at}");
                match got {
                    Some(n) => at = n.span.end,
                    None => break,
                }
            }
        }
    }
}
