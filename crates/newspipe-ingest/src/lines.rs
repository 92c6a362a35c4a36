//! Reading lines of unbounded input with a length cap.

use std::io::{self, BufRead};

/// What [`read_line_capped`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// End of input, nothing read.
    Eof,
    /// A line of `len` bytes (line break included, if any) is in the buffer.
    Complete { len: u64 },
    /// A line of `len` bytes longer than the cap was skipped; the buffer holds its first bytes.
    TooLong { len: u64 },
}

/// Reads one line (up to and including `\n`, or to end of input) into `buf` (cleared first).
/// Bytes beyond `max` are consumed but not kept, so a giant line cannot exhaust memory.
///
/// On an I/O error, `buf` keeps what was read of the line and the error is returned with the
/// number of bytes consumed.
pub(crate) fn read_line_capped<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> Result<Line, (io::Error, u64)> {
    buf.clear();
    let mut len: u64 = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err((e, len)),
        };
        if available.is_empty() {
            return Ok(finish(len, buf.len(), max));
        }
        let (take, found_end) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        buf.extend_from_slice(&available[..take.min(room + 1)]);
        reader.consume(take);
        len += take as u64;
        if found_end {
            return Ok(finish(len, buf.len(), max));
        }
    }
}

fn finish(len: u64, kept: usize, max: usize) -> Line {
    if len == 0 {
        Line::Eof
    } else if kept > max {
        Line::TooLong { len }
    } else {
        Line::Complete { len }
    }
}

/// Consumes bytes until `count` of them have been read or input ends; returns how many `\n`
/// bytes were among them. Used to number lines before a shard's byte range.
pub(crate) fn skip_counting_newlines<R: BufRead + ?Sized>(
    reader: &mut R,
    mut count: u64,
) -> io::Result<u64> {
    let mut newlines = 0;
    while count > 0 {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let take = available
            .len()
            .min(usize::try_from(count).unwrap_or(usize::MAX));
        newlines += memchr::memchr_iter(b'\n', &available[..take]).count() as u64;
        reader.consume(take);
        count -= take as u64;
    }
    Ok(newlines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn lines_and_cap() {
        let mut r = Cursor::new(b"ab\ncdefgh\nij".to_vec());
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 4).unwrap(),
            Line::Complete { len: 3 }
        );
        assert_eq!(buf, b"ab\n");
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 4).unwrap(),
            Line::TooLong { len: 7 }
        );
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 4).unwrap(),
            Line::Complete { len: 2 }
        );
        assert_eq!(buf, b"ij");
        assert_eq!(read_line_capped(&mut r, &mut buf, 4).unwrap(), Line::Eof);
    }

    #[test]
    fn line_exactly_at_cap_is_kept() {
        let mut r = Cursor::new(b"abc\n".to_vec());
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 4).unwrap(),
            Line::Complete { len: 4 }
        );
    }

    #[test]
    fn skipping_counts_newlines() {
        let mut r = Cursor::new(b"a\nb\nc\nd".to_vec());
        assert_eq!(skip_counting_newlines(&mut r, 4).unwrap(), 2);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut r, &mut rest).unwrap();
        assert_eq!(rest, "c\nd");
    }
}
