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

/// True when the words before `start` make a number vague (`multi-billion`) or a fraction of
/// itself (`half a trillion`): a match starting there gets no value rather than a wrong one.
pub(crate) fn qualified(text: &str, start: usize) -> bool {
    let before = &text.as_bytes()[..start];
    ends_with_ignore_ascii_case(before, b"multi-")
        || ends_with_ignore_ascii_case(before, b"half a ")
}

/// Value of a run of number words (`twenty-five`, `two hundred and ten`, `three million`).
pub(crate) fn words_value(s: &str) -> Option<u64> {
    let t = tables();
    let (mut total, mut current) = (0u64, 0u64);
    for w in s.split(|c: char| c == '-' || c.is_whitespace()) {
        let w = w.to_ascii_lowercase();
        if w.is_empty() || w == "and" {
            continue;
        }
        let v = *t.number_words.get(w.as_str())?;
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
}
