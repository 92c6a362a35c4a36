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
///
/// Eight bytes at a time: a continuation byte (`10xxxxxx`) has its top bit set and the next bit
/// clear. The spans between two offsets are short (a token, a sentence), too short for the
/// compiler's vectorised loop to pay off, which counted byte by byte.
#[inline]
fn char_starts(bytes: &[u8]) -> usize {
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut continuations = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("chunks of 8"));
        let marks = w & !(w << 1) & TOP_BITS;
        // One per marked byte, summed into the top byte.
        continuations += ((marks >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    continuations += chunks
        .remainder()
        .iter()
        .filter(|&&b| (b as i8) < -0x40)
        .count();
    bytes.len() - continuations
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
    fn char_starts_counts_every_slice_like_chars() {
        let text = "“Peskov” said: café — 😀 ok, Zürich’s 北京 ünd mehr Ärger…";
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            for to in from..=bytes.len() {
                let expected = bytes[from..to]
                    .iter()
                    .filter(|&&b| !(0x80..0xC0).contains(&b))
                    .count();
                assert_eq!(
                    char_starts(&bytes[from..to]),
                    expected,
                    "bytes {from}..{to}"
                );
            }
        }
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
