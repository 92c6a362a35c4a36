//! Character classes shared by the splitter and the tokenizer, and helpers to read the char
//! before or after a byte offset.

/// Closing punctuation that may follow a sentence terminator and still belong to the sentence:
/// quotes and brackets (`...great.” She`, `...engineer.) at`).
#[inline]
pub fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

/// Opening punctuation that may precede the first word of a sentence.
#[inline]
pub fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '„'
    )
}

/// List bullets that start an item (`• 9. The first item`).
#[inline]
pub fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '‣' | '◦' | '▪' | '●' | '∙' | '·')
}

/// The char starting at byte `i`, if any (`i` must be a char boundary).
#[inline]
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// The char ending at byte `i`, if any (`i` must be a char boundary).
#[inline]
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// True for the whitespace the splitter and tokenizer skip (Unicode whitespace, including
/// no-break spaces).
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Start and end of `text[start..end]` with surrounding whitespace removed, or `None` when
/// nothing but whitespace is left.
pub fn trim_span(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = &text[start..end];
    let trimmed_start = s.trim_start();
    if trimmed_start.is_empty() {
        return None;
    }
    let lead = s.len() - trimmed_start.len();
    let trimmed = trimmed_start.trim_end();
    Some((start + lead, start + lead + trimmed.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_and_trim() {
        let t = "a “b” c";
        assert_eq!(char_at(t, 2), Some('“'));
        assert_eq!(char_before(t, 5), Some('“'));
        assert_eq!(char_before(t, 0), None);
        assert_eq!(trim_span(t, 0, 2), Some((0, 1)));
        assert_eq!(trim_span("   ", 0, 3), None);
        assert!(is_closer('”') && is_opener('“') && is_bullet('•'));
    }
}
