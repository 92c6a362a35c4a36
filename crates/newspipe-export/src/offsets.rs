//! Byte offsets → Unicode code-point offsets, in one linear pass over the text.

/// Maps the byte offsets of one document's spans to code-point offsets.
///
/// [`CodePointMap::build`] collects every offset the writer will need, sorts them and walks the
/// text once, counting the characters between consecutive offsets; [`CodePointMap::get`] then
/// answers each lookup with a binary search. Pure-ASCII texts (the common case) skip all of
/// this: byte and code-point offsets are equal.
#[derive(Debug, Default, Clone)]
pub struct CodePointMap {
    ascii: bool,
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl CodePointMap {
    /// An empty map; reuse it across documents with [`CodePointMap::build`] to keep its buffers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Prepares the map for `text` and the given byte offsets (any order, duplicates allowed).
    /// Offsets beyond the end of the text map to the text's length in code points.
    pub fn build(&mut self, text: &str, offsets: impl IntoIterator<Item = usize>) {
        self.bytes.clear();
        self.chars.clear();
        self.ascii = text.is_ascii();
        if self.ascii {
            return;
        }
        self.bytes.extend(offsets);
        self.bytes.sort_unstable();
        self.bytes.dedup();
        let bytes = text.as_bytes();
        let (mut at, mut count) = (0usize, 0usize);
        for &offset in &self.bytes {
            let end = offset.min(bytes.len());
            count += char_starts(&bytes[at..end]);
            at = end;
            self.chars.push(count);
        }
    }

    /// The code-point offset of a byte offset given to [`CodePointMap::build`].
    ///
    /// An offset that was not given is counted directly (slower, still correct).
    #[inline]
    pub fn get(&self, text: &str, byte: usize) -> usize {
        if self.ascii {
            return byte.min(text.len());
        }
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.chars[i],
            Err(_) => char_starts(&text.as_bytes()[..byte.min(text.len())]),
        }
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
        let mut map = CodePointMap::new();
        map.build("hello world", [0, 5, 11]);
        assert_eq!(map.get("hello world", 5), 5);
        assert_eq!(map.get("hello world", 99), 11);
    }

    #[test]
    fn multibyte_text_counts_code_points() {
        let text = "“Peskov” said: café — 😀 ok";
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut map = CodePointMap::new();
        map.build(text, offsets.iter().rev().copied().chain([text.len()]));
        for (n, &b) in offsets.iter().enumerate() {
            assert_eq!(map.get(text, b), n, "byte offset {b}");
        }
        assert_eq!(map.get(text, text.len()), text.chars().count());
    }

    #[test]
    fn offsets_not_given_are_still_correct() {
        let text = "é1é2é3";
        let mut map = CodePointMap::new();
        map.build(text, [0]);
        assert_eq!(map.get(text, 3), 2);
        assert_eq!(map.get(text, text.len()), 6);
    }
}
