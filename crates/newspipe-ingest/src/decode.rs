//! Bytes to text: compression (gzip, zstd — detected by magic bytes) and character encodings
//! (BOMs, declared charsets, a detector for undeclared legacy encodings).

use encoding_rs::{Encoding, UTF_8};
use flate2::bufread::MultiGzDecoder;
use std::io::{self, BufRead, BufReader, Read};

/// Buffer size of the readers ingest builds (large reads keep decompression and parsing fast).
pub(crate) const BUFFER_SIZE: usize = 256 * 1024;

/// How many leading bytes of an HTML page are searched for a `<meta charset>` declaration.
const META_PRESCAN_BYTES: usize = 4096;

/// A compression format recognised by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// Recognises gzip (`1f 8b`) and zstd (`28 b5 2f fd`) from the first bytes of a stream.
    pub(crate) fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// A buffered byte stream that can be moved to a reader thread.
pub(crate) type ByteStream = Box<dyn BufRead + Send>;

/// The smallest buffer [`decompress`] gives a stream of known size.
const MIN_BUFFER_SIZE: usize = 8 * 1024;

/// Wraps `reader` in a decompressor when its first bytes are gzip or zstd magic.
///
/// `size` is the stream's length when known (a file's): a small file gets a buffer that fits
/// it rather than [`BUFFER_SIZE`], which a new buffer zero-fills on its first read (for a corpus
/// of 8 KB page files, 7 % of the run's instructions). Unknown (`None`) or large streams get
/// [`BUFFER_SIZE`].
///
/// gzip streams may have several members (`cat a.gz b.gz`, or one member per WARC record):
/// all are read. zstd streams may have several frames: all are read.
pub(crate) fn decompress<R: Read + Send + 'static>(
    reader: R,
    size: Option<u64>,
) -> io::Result<ByteStream> {
    // One byte more than the file, so the read that finds its end needs no second fill.
    let fitted = size.map_or(BUFFER_SIZE, |n| {
        usize::try_from(n.saturating_add(1))
            .map_or(BUFFER_SIZE, |n| n.clamp(MIN_BUFFER_SIZE, BUFFER_SIZE))
    });
    let (head, reader) = peek(reader, 4)?;
    Ok(match Compression::sniff(&head) {
        Compression::None => Box::new(BufReader::with_capacity(fitted, reader)),
        // Decompressed text is larger than the file: only the compressed side is fitted.
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER_SIZE,
            MultiGzDecoder::new(BufReader::with_capacity(fitted, reader)),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            BUFFER_SIZE,
            zstd::stream::read::Decoder::new(reader)?,
        )),
    })
}

/// Reads up to `want` leading bytes of `reader` (fewer only at end of input, or before a read
/// error) and returns them with a reader that still yields the whole stream, those bytes
/// included. A read error met after some bytes is held back and returned once those bytes have
/// been consumed, so a truncated stream still yields what came before the cut.
pub(crate) fn peek<R: Read>(mut reader: R, want: usize) -> io::Result<(Vec<u8>, Peeked<R>)> {
    let mut head = vec![0; want];
    let mut filled = 0;
    let mut error = None;
    while filled < want {
        match reader.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if filled == 0 => return Err(e),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    head.truncate(filled);
    let peeked = Peeked {
        head: io::Cursor::new(head.clone()),
        error,
        rest: reader,
    };
    Ok((head, peeked))
}

/// A stream whose first bytes were read ahead by [`peek`] and are given back first.
pub(crate) struct Peeked<R> {
    head: io::Cursor<Vec<u8>>,
    error: Option<io::Error>,
    rest: R,
}

impl<R> Peeked<R> {
    fn head_left(&self) -> bool {
        (self.head.position() as usize) < self.head.get_ref().len()
    }
}

impl<R: Read> Read for Peeked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.head_left() {
            return self.head.read(buf);
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.rest.read(buf)
    }
}

impl<R: BufRead> BufRead for Peeked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.head_left() {
            return self.head.fill_buf();
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.rest.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if self.head_left() {
            self.head.consume(amount);
        } else {
            self.rest.consume(amount);
        }
    }
}

/// Reads the rest of `reader` into memory, failing with [`io::ErrorKind::FileTooLarge`]-like
/// `Other` error past `limit` bytes (so a huge single-page file cannot exhaust memory).
pub(crate) fn read_capped(reader: &mut dyn BufRead, limit: u64) -> Result<Vec<u8>, ReadCapped> {
    let mut bytes = Vec::new();
    match reader.take(limit + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > limit => Err(ReadCapped::TooLarge),
        Ok(_) => Ok(bytes),
        Err(e) => Err(ReadCapped::Io(e)),
    }
}

/// Why [`read_capped`] failed.
#[derive(Debug)]
pub(crate) enum ReadCapped {
    TooLarge,
    /// Reading failed (e.g. truncated compressed data).
    Io(io::Error),
}

/// Decoded text and what decoding had to do to get it.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    /// The encoding used.
    #[cfg_attr(not(test), allow(dead_code))]
    pub encoding: &'static Encoding,
    /// Human-readable notes for the document's diagnostics (replacements, guesses).
    pub notes: Vec<String>,
}

/// Where a declared charset may be found besides a BOM.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CharsetHints<'a> {
    /// A label from an HTTP `Content-Type` header (`charset=...`).
    pub http_charset: Option<&'a str>,
    /// Search the start of the bytes for an HTML `<meta charset>` / `http-equiv` declaration.
    pub html: bool,
}

/// Decodes bytes to text. Order of evidence: a byte-order mark; valid UTF-8; a declared charset
/// (HTTP header, then HTML `<meta>`); mostly-valid UTF-8 (a few bad bytes in UTF-8 text); the
/// chardetng detector. Bytes that cannot be decoded become U+FFFD and are counted in a note.
///
/// Valid UTF-8 wins over a declared legacy charset: non-ASCII text that happens to be valid
/// UTF-8 is almost never a legacy encoding, while wrong declarations are common on the web.
pub(crate) fn decode_bytes(bytes: Vec<u8>, hints: CharsetHints<'_>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        return decode_with(encoding, &bytes[bom_len..], "byte-order mark");
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Decoded {
                text,
                encoding: UTF_8,
                notes: Vec::new(),
            }
        }
        Err(e) => e.into_bytes(),
    };
    let mut notes = Vec::new();
    let declared = hints
        .http_charset
        .map(|label| (label.to_string(), "HTTP Content-Type"))
        .or_else(|| {
            hints
                .html
                .then(|| html_meta_charset(&bytes).map(|l| (l, "HTML <meta>")))
                .flatten()
        });
    if let Some((label, place)) = declared {
        match Encoding::for_label(label.trim().as_bytes()) {
            // A page cannot really be UTF-16 if its bytes contain an ASCII declaration; browsers
            // treat such a label as UTF-8.
            Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
                return decode_with(UTF_8, &bytes, place);
            }
            Some(enc) => {
                let mut decoded = decode_with(enc, &bytes, place);
                notes.append(&mut decoded.notes);
                decoded.notes = notes;
                return decoded;
            }
            None => notes.push(format!("unknown charset {label:?} in {place} ignored")),
        }
    }
    let (multibyte, invalid) = utf8_census(&bytes);
    let mut decoded = if multibyte > 0 && invalid <= multibyte {
        decode_with(UTF_8, &bytes, "content (mostly valid UTF-8)")
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(&bytes, true);
        let guess = detector.guess(None, false);
        let mut d = decode_with(guess, &bytes, "detector");
        d.notes.insert(
            0,
            format!(
                "not valid UTF-8 and no charset declared: decoded as {} (guessed)",
                guess.name()
            ),
        );
        d
    };
    notes.append(&mut decoded.notes);
    decoded.notes = notes;
    decoded
}

/// Decodes `bytes` (without BOM) with `encoding`, noting replaced bytes.
fn decode_with(encoding: &'static Encoding, bytes: &[u8], evidence: &str) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let mut notes = Vec::new();
    if had_errors {
        let replaced = if encoding == UTF_8 {
            utf8_census(bytes).1
        } else {
            text.chars().filter(|&c| c == '\u{FFFD}').count()
        };
        notes.push(format!(
            "{replaced} invalid byte sequence(s) for {} (from {evidence}) replaced with U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding,
        notes,
    }
}

/// Counts valid multi-byte UTF-8 characters and invalid bytes.
pub(crate) fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let (mut multibyte, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (multibyte, invalid)
}

/// Decodes one line of JSON Lines: JSON text is UTF-8 by definition (RFC 8259), so invalid
/// bytes are replaced rather than guessed at. Returns the text and a note when bytes were
/// replaced.
pub(crate) fn decode_utf8_lossy(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.into(), None),
        Err(_) => {
            let invalid = utf8_census(bytes).1;
            (
                String::from_utf8_lossy(bytes),
                Some(format!(
                    "{invalid} invalid UTF-8 byte(s) replaced with U+FFFD"
                )),
            )
        }
    }
}

/// The `charset` parameter of a `Content-Type` value (`text/html; charset="ISO-8859-1"`).
pub(crate) fn content_type_charset(value: &str) -> Option<&str> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = value[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == ',' || c.is_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Finds a charset declared by a `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` tag in the first
/// [`META_PRESCAN_BYTES`] bytes of an HTML page.
pub(crate) fn html_meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let tag_start = from + pos;
        let tag_end = memchr::memchr(b'>', &lower[tag_start..])
            .map(|e| tag_start + e)
            .unwrap_or(lower.len());
        let tag = String::from_utf8_lossy(&head[tag_start..tag_end]);
        if let Some(label) = content_type_charset(&tag) {
            return Some(label.to_string());
        }
        from = tag_end;
    }
    xml_declared_encoding(head)
}

/// The `encoding` of an XML declaration at the very start (`<?xml version="1.0"
/// encoding="ISO-8859-1"?>`), which XHTML pages may use instead of a `<meta>`.
fn xml_declared_encoding(head: &[u8]) -> Option<String> {
    let start = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    if !start.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(start, b"?>")?;
    let declaration = String::from_utf8_lossy(&start[..end]);
    let at = declaration.find("encoding")?;
    let rest = declaration[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let label = &value[..value.find(quote)?];
    (!label.is_empty()).then(|| label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], hints: CharsetHints<'_>) -> Decoded {
        decode_bytes(bytes.to_vec(), hints)
    }

    #[test]
    fn utf8_and_boms() {
        let d = decode("héllo".as_bytes(), CharsetHints::default());
        assert_eq!((d.text.as_str(), d.notes.len()), ("héllo", 0));
        let d = decode(b"\xef\xbb\xbfh\xc3\xa9", CharsetHints::default());
        assert_eq!(d.text, "hé", "UTF-8 BOM stripped");
        let d = decode(b"\xff\xfeh\x00\xe9\x00", CharsetHints::default());
        assert_eq!((d.text.as_str(), d.encoding.name()), ("hé", "UTF-16LE"));
        let d = decode(b"\xfe\xff\x00h\x00\xe9", CharsetHints::default());
        assert_eq!(d.text, "hé");
    }

    #[test]
    fn undeclared_windows_1252_is_detected() {
        let bytes = b"Le caf\xe9 de la gare \xe9tait ferm\xe9, dit-il \x93enfin\x94 \x96 na\xefve.";
        let d = decode(bytes, CharsetHints::default());
        assert_eq!(d.encoding.name(), "windows-1252");
        assert!(d.text.contains("café") && d.text.contains("\u{201c}enfin\u{201d}"));
        assert!(d.notes[0].contains("guessed"), "{:?}", d.notes);
    }

    #[test]
    fn declared_charsets_are_used() {
        let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>\xe9t\xe9</body></html>";
        let d = decode(
            html,
            CharsetHints {
                html: true,
                ..Default::default()
            },
        );
        assert_eq!(d.encoding.name(), "windows-1252");
        assert!(d.text.contains("été") && d.notes.is_empty());
        let d = decode(
            b"\xe9\xc7",
            CharsetHints {
                http_charset: Some("koi8-r"),
                html: false,
            },
        );
        assert_eq!(d.text, "Иг");
        let d = decode(
            b"<meta charset='windows-1251'>\xcf\xf0",
            CharsetHints {
                html: true,
                ..Default::default()
            },
        );
        assert!(d.text.ends_with("Пр"));
    }

    #[test]
    fn stray_bad_bytes_in_utf8_are_replaced_and_counted() {
        let d = decode(b"caf\xc3\xa9 \xff na\xc3\xafve", CharsetHints::default());
        assert_eq!(d.text, "café \u{FFFD} naïve");
        assert_eq!(d.encoding, UTF_8);
        assert!(d.notes[0].starts_with("1 invalid byte"), "{:?}", d.notes);
    }

    #[test]
    fn unknown_label_falls_back() {
        let d = decode(
            b"caf\xe9 cr\xe8me br\xfbl\xe9e",
            CharsetHints {
                http_charset: Some("x-bogus"),
                html: false,
            },
        );
        assert!(d.notes[0].contains("x-bogus"));
        assert!(d.text.contains("café"));
    }

    #[test]
    fn content_type_parsing() {
        assert_eq!(
            content_type_charset("text/html; charset=\"utf-8\""),
            Some("utf-8")
        );
        assert_eq!(
            content_type_charset("text/html;CHARSET=Shift_JIS"),
            Some("Shift_JIS")
        );
        assert_eq!(content_type_charset("text/html"), None);
        assert_eq!(
            html_meta_charset(b"<META CHARSET=euc-jp>"),
            Some("euc-jp".into())
        );
        assert_eq!(
            html_meta_charset(b"<?xml version=\"1.0\" encoding='ISO-8859-2'?><html>"),
            Some("ISO-8859-2".into())
        );
        assert_eq!(html_meta_charset(b"<meta name=x><p>"), None);
    }

    #[test]
    fn gzip_and_zstd_are_sniffed() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"one\n").unwrap();
        let mut bytes = gz.finish().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"two\n").unwrap();
        bytes.extend(gz.finish().unwrap()); // a second member
        let mut out = String::new();
        decompress(io::Cursor::new(bytes), None)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "one\ntwo\n");
        let zst = zstd::encode_all(&b"three\n"[..], 1).unwrap();
        let mut out = String::new();
        decompress(io::Cursor::new(zst), Some(3))
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "three\n");
        let mut out = String::new();
        decompress(io::Cursor::new(b"plain".to_vec()), Some(5))
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "plain");
    }
}
