//! Numbers written in words: the value of a run of number words (`two thousand million`), the
//! word that follows a number (a currency, `per cent`), and the words that make a number vague.

use super::{ends_with_ignore_ascii_case, tables};

/// The word after the space at `at` (a space or a no-break space, as `SP`), and its end, when
/// it is made of ASCII letters and ends at a word boundary.
pub(crate) fn word_after(text: &str, at: usize) -> Option<(&str, usize)> {
    let rest = &text[at..];
    let rest = rest
        .strip_prefix(' ')
        .or_else(|| rest.strip_prefix('\u{a0}'))?;
    let start = text.len() - rest.len();
    let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let end = start + len;
    (len > 0 && !text[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        .then(|| (&text[start..end], end))
}

/// The end of `percent` or `per cent` when `word` (ending at `end`) is or starts one.
pub(crate) fn percent_after(text: &str, word: &str, end: usize) -> Option<usize> {
    match word {
        "percent" => Some(end),
        "per" => word_after(text, end)
            .filter(|&(w, _)| w == "cent")
            .map(|(_, e)| e),
        _ => None,
    }
}

/// The decimal part in words after a run of number words ending at `end`: `point` and one or
/// more digit words (`one point three`, `two point five six`), as the digits and where they end.
/// `at one point` is an idiom, not a number: `run_start` is where the run of number words starts.
pub(crate) fn point_digits(text: &str, run_start: usize, end: usize) -> Option<(String, usize)> {
    let run = &text[run_start..end];
    let (_, mut end) = word_after(text, end).filter(|(w, _)| w.eq_ignore_ascii_case("point"))?;
    if run.eq_ignore_ascii_case("one") && super::word_before(text, run_start, "at ").is_some() {
        return None;
    }
    let mut digits = String::new();
    while let Some((word, e)) = word_after(text, end) {
        let Some(d) = digit_word(word) else { break };
        digits.push(d);
        end = e;
    }
    (!digits.is_empty()).then_some((digits, end))
}

/// The value of one number word in any case (`Three` → 3, `Billion` → 1,000,000,000): the one
/// place that looks words up in the number-word table.
pub(crate) fn number_word(word: &str) -> Option<u64> {
    let word = word.to_ascii_lowercase();
    tables().number_words.get(word.as_str()).copied()
}

/// The digit a word names (`three` → `3`; `zero`, `oh` and `nought` → `0`): the number words
/// below ten.
fn digit_word(word: &str) -> Option<char> {
    if ["zero", "oh", "nought"]
        .iter()
        .any(|z| word.eq_ignore_ascii_case(z))
    {
        return Some('0');
    }
    number_word(word)
        .filter(|&v| v < 10)
        .map(|v| char::from(b'0' + v as u8))
}

/// True when the words before `start` make a number vague (`multi-billion`) or a fraction of
/// itself (`half a trillion`): a match starting there gets no value rather than a wrong one.
pub(crate) fn qualified(text: &str, start: usize) -> bool {
    let before = &text.as_bytes()[..start];
    ends_with_ignore_ascii_case(before, b"multi-")
        || ends_with_ignore_ascii_case(before, b"half a ")
}

/// Value of a run of number words (`twenty-five`, `two hundred and ten`, `three million`).
pub(crate) fn words_value(s: &str) -> Option<u64> {
    let (mut total, mut current) = (0u64, 0u64);
    for w in s.split(|c: char| c == '-' || c.is_whitespace()) {
        if w.is_empty() || w.eq_ignore_ascii_case("and") {
            continue;
        }
        let v = number_word(w)?;
        match v {
            100 => current = current.max(1) * 100,
            // A scale word right after another multiplies what came before (`two thousand
            // million` is two billion, `a million million` a trillion).
            1000.. if current == 0 && total > 0 => total = total.checked_mul(v)?,
            1000.. => {
                total = total.checked_add(current.max(1).checked_mul(v)?)?;
                current = 0;
            }
            _ => current += v,
        }
    }
    Some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words() {
        assert_eq!(words_value("two hundred and ten"), Some(210));
        assert_eq!(words_value("three million"), Some(3_000_000));
        assert_eq!(
            words_value("one million two hundred thousand"),
            Some(1_200_000)
        );
        // A scale word right after another multiplies: the British "thousand million".
        assert_eq!(words_value("two thousand million"), Some(2_000_000_000));
        assert_eq!(words_value("million million"), Some(1_000_000_000_000));
        assert_eq!(words_value("billion trillion"), None, "beyond u64");
        assert_eq!(words_value("Forty-two"), Some(42));
        assert_eq!(words_value("many"), None);
    }

    #[test]
    fn decimals_in_words() {
        let digits = |text: &str| point_digits(text, 0, text.find(' ').unwrap_or(text.len()));
        assert_eq!(digits("one point three per cent"), Some(("3".into(), 15)));
        assert_eq!(digits("two point five six"), Some(("56".into(), 18)));
        assert_eq!(digits("one point oh two"), Some(("02".into(), 16)));
        assert_eq!(digits("one point zero nine"), Some(("09".into(), 19)));
        assert_eq!(digits("one point of view"), None);
        assert_eq!(digits("one pointless"), None);
        let idiom = "at one point three people";
        assert_eq!(point_digits(idiom, 3, 6), None, "at one point is an idiom");
    }

    #[test]
    fn decimals_in_words_are_one_mention() {
        let found = |text: &str| super::super::found(text, None);
        let r = found("Growth was one point three per cent, a deal of two point five billion dollars and one point oh five.");
        assert_eq!(
            super::super::borrowed(&r),
            vec![
                ("one point three per cent", "PERCENT", Some("0.013")),
                (
                    "two point five billion dollars",
                    "MONEY",
                    Some("2500000000 USD")
                ),
                ("one point oh five", "CARDINAL", Some("1.05")),
            ]
        );
        // The scale word after the decimal is looked up in any case, as the words before it.
        let r = found("Sales reached Two Point Five Billion.");
        assert_eq!(
            super::super::borrowed(&r),
            vec![("Two Point Five Billion", "CARDINAL", Some("2500000000"))]
        );
        let r = found("At one point three people were hurt.");
        assert_eq!(
            super::super::borrowed(&r),
            vec![
                ("one", "CARDINAL", Some("1")),
                ("three", "CARDINAL", Some("3"))
            ]
        );
    }
}
