//! Byte offsets → Unicode code-point offsets, walking the text forward once per sorted list.

/// Converts byte offsets of one text to code-point offsets.
///
/// The cursor remembers the last position it converted and counts only the characters between
/// that position and the next one, so converting a sorted list of spans (sentences, tokens,
/// entities: all kept in text order) costs one linear pass over the text, whatever the number
/// of spans. Going backwards (a span's start after the previous span's end) counts the bytes in
/// between in reverse. Pure-ASCII texts (the common case) skip counting entirely.
#[derive(Debug, Clone)]
pub struct CodePointCursor<'t> {
    text: &'t [u8],
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CodePointCursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> Self {
        CodePointCursor {
            text: text.as_bytes(),
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte` (clamped to the end of the text). An offset
    /// inside a multi-byte character counts the characters that start before it.
    #[inline]
    pub fn offset(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        if byte >= self.byte {
            self.chars += char_starts(&self.text[self.byte..byte]);
        } else {
            self.chars -= char_starts(&self.text[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }

    /// Moves the cursor back to the start of the text (before converting another list).
    #[inline]
    pub fn rewind(&mut self) {
        self.byte = 0;
        self.chars = 0;
    }
}

/// Number of UTF-8 characters that start in `bytes` (bytes that are not continuation bytes).
#[inline]
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_maps_identically() {
        let mut cursor = CodePointCursor::new("hello world");
        assert_eq!(cursor.offset(5), 5);
        assert_eq!(cursor.offset(99), 11);
    }

    #[test]
    fn multibyte_text_counts_code_points_forwards_and_backwards() {
        let text = "“Peskov” said: café — 😀 ok";
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut cursor = CodePointCursor::new(text);
        for (n, &b) in offsets.iter().enumerate() {
            assert_eq!(cursor.offset(b), n, "forwards, byte offset {b}");
        }
        assert_eq!(cursor.offset(text.len()), text.chars().count());
        for (n, &b) in offsets.iter().enumerate().rev() {
            assert_eq!(cursor.offset(b), n, "backwards, byte offset {b}");
        }
        cursor.offset(text.len());
        cursor.rewind();
        assert_eq!(cursor.offset(offsets[3]), 3);
    }
}
