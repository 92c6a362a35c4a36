//! The tokenizer's first cut: whitespace-separated chunks, with a flag for the chunks that are
//! one token as they stand (all ASCII letters or all digits), found by one pass over the bytes.

use crate::chars::char_at;

/// Byte classes for the chunk scanner.
const WS: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 4;
const NON_ASCII: u8 = 8;

static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_whitespace() || byte == 0x0b {
            WS
        } else if byte.is_ascii_alphabetic() {
            ALPHA
        } else if byte.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        b += 1;
    }
    table
};

/// A whitespace-separated chunk; `plain` when it is all ASCII letters or all digits (one token).
pub(crate) struct Chunk {
    pub start: usize,
    pub end: usize,
    pub plain: bool,
}

/// The next whitespace-separated chunk at or after `pos`.
pub(crate) fn next_chunk(text: &str, mut pos: usize, end: usize) -> Option<Chunk> {
    let bytes = text.as_bytes();
    // Skip whitespace.
    while pos < end {
        let class = BYTE_CLASS[bytes[pos] as usize];
        if class & WS != 0 {
            pos += 1;
        } else if class & NON_ASCII != 0 {
            let c = char_at(text, pos)?;
            if !c.is_whitespace() {
                break;
            }
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    if pos >= end {
        return None;
    }
    let start = pos;
    // `all` keeps the ALPHA/DIGIT bits every byte so far shares with the first one.
    let mut all = BYTE_CLASS[bytes[pos] as usize] & (ALPHA | DIGIT);
    while pos < end {
        let class = BYTE_CLASS[bytes[pos] as usize];
        if class & (WS | NON_ASCII) == 0 {
            all &= class;
            pos += 1;
            continue;
        }
        if class & WS != 0 {
            break;
        }
        let c = char_at(text, pos)?;
        if c.is_whitespace() {
            break;
        }
        all = 0;
        pos += c.len_utf8();
    }
    // All letters or all digits.
    let plain = all != 0;
    Some(Chunk {
        start,
        end: pos,
        plain,
    })
}
