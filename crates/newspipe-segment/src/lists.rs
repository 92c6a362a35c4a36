//! Numbered and lettered list items inside one paragraph: `1.) The first item 2.) The second`,
//! `1) ...`, `1. ...`, `• 9. ...`, `⁃9. ...`, `a. ... b. ...`.
//!
//! A marker is one or two digits or one lower-case letter, followed by `.`, `)` or `.)` and a
//! space, standing at the start of the paragraph or after whitespace or a bullet. A marker starts
//! a new sentence when it opens the paragraph, or when the paragraph also holds the marker that
//! precedes or follows it in sequence (same style): a lone `5. ` in running text is not a list.

use crate::chars::{char_before, is_bullet, is_space};

/// How a list marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerStyle {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `1.)`
    DotParen,
}

/// One list-item marker found in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListMarker {
    /// Where the item starts (the bullet when there is one, else the number or letter).
    pub start: usize,
    /// End of the marker punctuation (after `.`, `)` or `.)`).
    pub end: usize,
    /// True when only whitespace precedes the marker in the paragraph.
    pub at_start: bool,
    value: u32,
    letter: bool,
    style: MarkerStyle,
}

/// Finds the accepted list markers of `text[start..end]` and appends them, in order, to `out`
/// (cleared first).
pub fn find_list_markers(text: &str, start: usize, end: usize, out: &mut Vec<ListMarker>) {
    out.clear();
    let bytes = text.as_bytes();
    for k in memchr::memchr2_iter(b'.', b')', &bytes[start..end]).map(|k| k + start) {
        let (style, marker_end) = match bytes[k] {
            b'.' if bytes.get(k + 1) == Some(&b')') => (MarkerStyle::DotParen, k + 2),
            b'.' => (MarkerStyle::Dot, k + 1),
            _ if k > start && bytes[k - 1] == b'.' => continue,
            _ => (MarkerStyle::Paren, k + 1),
        };
        // A space and more text must follow.
        if marker_end >= end || !bytes[marker_end].is_ascii_whitespace() {
            continue;
        }
        // One or two digits, or one lower-case letter, right before the punctuation.
        let mut ds = k;
        while ds > start && k - ds < 3 && bytes[ds - 1].is_ascii_digit() {
            ds -= 1;
        }
        let (value, letter) = if ds < k {
            if k - ds > 2 || (ds > start && bytes[ds - 1].is_ascii_digit()) {
                continue;
            }
            let v = text[ds..k].parse::<u32>().unwrap_or(0);
            (v, false)
        } else if k > start && bytes[k - 1].is_ascii_lowercase() {
            ds = k - 1;
            (u32::from(bytes[ds] - b'a') + 1, true)
        } else {
            continue;
        };
        let Some((item_start, at_start)) = item_start(text, start, ds) else {
            continue;
        };
        out.push(ListMarker {
            start: item_start,
            end: marker_end,
            at_start,
            value,
            letter,
            style,
        });
    }
    // Keep markers at the paragraph start and those with a neighbour in sequence (n-1 or n+1,
    // same style) anywhere in the paragraph.
    if out.iter().all(|m| m.at_start) {
        return;
    }
    let key = |m: &ListMarker, value: u32| (m.style as u8, m.letter, value);
    let mut keys: Vec<(u8, bool, u32)> = out.iter().map(|m| key(m, m.value)).collect();
    keys.sort_unstable();
    out.retain(|m| {
        m.at_start
            || keys.binary_search(&key(m, m.value + 1)).is_ok()
            || keys.binary_search(&key(m, m.value.wrapping_sub(1))).is_ok()
    });
}

/// Where the item whose number starts at `ds` begins: at a bullet right before it (with or
/// without a space), else at `ds`. `None` when the number is glued to a preceding word.
fn item_start(text: &str, start: usize, ds: usize) -> Option<(usize, bool)> {
    let only_space_before = |i: usize| text[start..i].chars().all(is_space);
    let prev = match char_before(text, ds) {
        None => return Some((ds, true)),
        Some(_) if ds <= start => return Some((ds, true)),
        Some(c) => c,
    };
    if is_bullet(prev) {
        let b = ds - prev.len_utf8();
        return match char_before(text, b) {
            Some(c) if b > start && !is_space(c) => None,
            _ => Some((b, only_space_before(b))),
        };
    }
    if !is_space(prev) {
        return None;
    }
    // "• 9." — a bullet, then spaces, then the number.
    let before_space = text[start..ds].trim_end();
    let w = start + before_space.len();
    if let Some(c) = char_before(text, w) {
        if is_bullet(c) && w > start {
            let b = w - c.len_utf8();
            let bullet_alone = match char_before(text, b) {
                Some(p) => b <= start || is_space(p),
                None => true,
            };
            if bullet_alone {
                return Some((b, only_space_before(b)));
            }
        }
    }
    Some((ds, only_space_before(ds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<(usize, bool)> {
        let mut out = Vec::new();
        find_list_markers(text, 0, text.len(), &mut out);
        out.iter().map(|m| (m.start, m.at_start)).collect()
    }

    #[test]
    fn numbered_styles() {
        assert_eq!(starts("1.) A b 2.) C d"), vec![(0, true), (8, false)]);
        assert_eq!(starts("1) A b 2) C d"), vec![(0, true), (7, false)]);
        assert_eq!(starts("1. A b 2. C d"), vec![(0, true), (7, false)]);
    }

    #[test]
    fn bullets_and_letters() {
        let t = "• 9. The first item • 10. The second item";
        let s = starts(t);
        assert_eq!(s.len(), 2);
        assert_eq!(&t[s[1].0..s[1].0 + 3], "•");
        let t = "⁃9. The first item ⁃10. The second item";
        assert_eq!(&t[starts(t)[1].0..][..3], "⁃");
        assert_eq!(starts("a. X y b. Z w c. V").len(), 3);
    }

    #[test]
    fn lone_numbers_in_prose_are_not_markers() {
        assert!(starts("He came 5. Then he left.").is_empty());
        assert!(starts("It rose 2.5% in 2019. 20 people").is_empty());
        assert!(starts("Call ext3. Now").is_empty());
    }
}
