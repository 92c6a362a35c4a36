use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open range `start..end` of **byte** offsets into a text (usually [`crate::Document::text`]).
///
/// Inside Rust every span is in bytes and always lies on UTF-8 character boundaries; the export
/// crate converts spans to Unicode code-point offsets for JSON consumers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not be greater than `end`.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    #[inline]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range<usize>`, for slicing.
    #[inline]
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// True when `other` lies completely inside `self`.
    #[inline]
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same span moved `by` bytes to the right.
    #[inline]
    pub const fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The text this span covers, or `None` when it is out of bounds or not on char boundaries.
    #[inline]
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }
}

/// The largest char boundary of `text` at or below byte `i` (`text.len()` when `i` is past the
/// end): where to cut a byte window of a text without splitting a character.
///
/// ```
/// assert_eq!(newspipe_model::floor_char_boundary("aé", 2), 1); // inside `é`
/// assert_eq!(newspipe_model::floor_char_boundary("aé", 9), 3);
/// ```
#[inline]
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_basics() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
        assert!(s.contains(Span::new(3, 5)));
        assert!(!s.contains(Span::new(1, 3)));
        assert!(s.overlaps(Span::new(4, 9)));
        assert!(!s.overlaps(Span::new(5, 9)));
        assert_eq!(s.shifted(10), Span::new(12, 15));
        assert_eq!(Span::new(3, 5).get("héllo"), Some("ll"));
        assert_eq!(Span::new(1, 2).get("héllo"), None, "not a char boundary");
        assert_eq!(Span::from(0..3), Span::new(0, 3));
    }
}
