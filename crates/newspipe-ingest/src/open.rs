//! Opening one unit of work: sniffing compression and format, and reading single-page files.

use crate::decode::{
    decode_bytes, decompress, peek, read_capped, ByteStream, CharsetHints, ReadCapped,
};
use crate::discover::{describe_io_error, format_extension};
use crate::jsonl::{JsonlRecords, LineRange};
use crate::lines::{read_line_capped, skip_counting_newlines};
use crate::shard::Unit;
use crate::text::{html_document, text_document};
use crate::{RecordError, Shard, MAX_RECORD_BYTES};
use newspipe_model::{Document, Meta, Source, SourceFormat};
use std::fs::File;
use std::io::{self, BufReader};
use std::path::Path;

/// The records of one unit.
pub(crate) type RecordIter = Box<dyn Iterator<Item = Result<Document, RecordError>> + Send>;

/// How many leading (decompressed) bytes are looked at to tell formats and binary files apart.
pub(crate) const SNIFF_BYTES: usize = 8192;

/// Opens a unit and returns its records. Never fails: problems become error records.
pub(crate) fn open_unit(unit: Unit) -> RecordIter {
    match unit {
        Unit::Stdin { round_robin } => stream_records(io::stdin(), round_robin),
        Unit::File(path) => open_file(&path),
        Unit::JsonlSlice {
            path,
            start,
            end,
            size,
        } => open_jsonl_slice(&path, start, end, size),
    }
}

/// JSON Lines from a stream that cannot be measured or sought (standard input), gzip or zstd
/// compressed or not; with a shard, line `i` is kept when `i % count == index`.
pub(crate) fn stream_records<R: io::Read + Send + 'static>(
    reader: R,
    round_robin: Option<Shard>,
) -> RecordIter {
    match decompress(reader, None) {
        Ok(stream) => {
            let range = LineRange {
                // An empty standard input is a valid empty stream (e.g. an empty Spark
                // partition), not an error.
                whole_file: false,
                round_robin,
                ..LineRange::whole()
            };
            Box::new(JsonlRecords::new(stream, "-".into(), range))
        }
        Err(e) => single_error(
            "-",
            SourceFormat::Jsonl,
            format!("cannot read standard input: {e}"),
            0,
        ),
    }
}

fn single_error(path: &str, format: SourceFormat, message: String, bytes: u64) -> RecordIter {
    Box::new(std::iter::once(Err(RecordError {
        id: path.to_string(),
        source: Source::new(path, format, 0),
        message,
        bytes,
    })))
}

/// The format a file's extension names, if it names one.
fn format_from_extension(path: &Path) -> Option<SourceFormat> {
    match format_extension(path)?.as_str() {
        "txt" => Some(SourceFormat::Txt),
        "html" | "htm" => Some(SourceFormat::Html),
        "jsonl" | "ndjson" => Some(SourceFormat::Jsonl),
        "warc" => Some(SourceFormat::Warc),
        "wet" => Some(SourceFormat::Wet),
        _ => None,
    }
}

/// The format of content whose name does not say: JSON object → JSON Lines, markup → HTML,
/// anything else → plain text.
fn sniff_format(head: &[u8]) -> SourceFormat {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => SourceFormat::Jsonl,
        Some(b'<') => SourceFormat::Html,
        _ => SourceFormat::Txt,
    }
}

fn open_file(path: &Path) -> RecordIter {
    let name = path.display().to_string();
    let format_named = format_from_extension(path);
    let guess = format_named.unwrap_or(SourceFormat::Txt);
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            return single_error(
                &name,
                guess,
                format!("cannot open: {}", describe_io_error(&e)),
                0,
            )
        }
    };
    let meta = file.metadata().ok();
    let size = meta.as_ref().map_or(0, |m| m.len());
    // A pipe or device has no length to fit a buffer to.
    let known_size = meta.filter(|m| m.is_file()).map(|m| m.len());
    let sniffed = decompress(file, known_size).and_then(|stream| peek(stream, SNIFF_BYTES));
    let (head, stream) = match sniffed {
        Ok(found) => found,
        Err(e) => return single_error(&name, guess, read_error(&e), size),
    };
    if head.is_empty() {
        return single_error(&name, guess, "empty file".into(), size);
    }
    let stream: ByteStream = Box::new(stream);
    if head.starts_with(b"WARC/")
        || matches!(format_named, Some(SourceFormat::Warc | SourceFormat::Wet))
    {
        return crate::warc::records(stream, name);
    }
    let format = format_named.unwrap_or_else(|| sniff_format(&head));
    let utf16 = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
    // Keep in step with `shard::is_splittable`: a file read in slices must give the same records.
    if !utf16 && memchr::memchr(0, &head).is_some() {
        return single_error(
            &name,
            format,
            "binary file (NUL bytes), not text".into(),
            size,
        );
    }
    match format {
        SourceFormat::Jsonl => Box::new(JsonlRecords::new(stream, name, LineRange::whole())),
        _ => Box::new(std::iter::once(read_page(stream, name, format, size))),
    }
}

/// The message of a failed read. The gzip and zstd decoders report a truncated or corrupt
/// stream as an early end or as invalid input or data, so those get a hint.
fn read_error(e: &io::Error) -> String {
    use io::ErrorKind::{InvalidData, InvalidInput, UnexpectedEof};
    let hint = match e.kind() {
        InvalidData | InvalidInput | UnexpectedEof => " (truncated or corrupt compressed data?)",
        _ => "",
    };
    format!("read error: {}{hint}", describe_io_error(e))
}

/// Reads a single-page file (text or HTML) whole, up to [`MAX_RECORD_BYTES`].
fn read_page(
    mut stream: ByteStream,
    name: String,
    format: SourceFormat,
    size: u64,
) -> Result<Document, RecordError> {
    let source = Source::new(name.clone(), format, 0);
    let fail = |message: String, bytes: u64| RecordError {
        id: name.clone(),
        source: source.clone(),
        message,
        bytes,
    };
    let bytes = match read_capped(&mut *stream, MAX_RECORD_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadCapped::TooLarge) => {
            return Err(fail(
                format!("larger than the {MAX_RECORD_BYTES} byte limit for one page"),
                size,
            ))
        }
        Err(ReadCapped::Io(e)) => return Err(fail(read_error(&e), size)),
    };
    let hints = CharsetHints {
        html: format == SourceFormat::Html,
        ..CharsetHints::default()
    };
    let decoded = decode_bytes(bytes, hints);
    let mut doc = if format == SourceFormat::Html {
        html_document(name.clone(), source.clone(), decoded.text, Meta::default())
    } else {
        text_document(name.clone(), source.clone(), decoded.text)
    };
    for note in decoded.notes {
        doc.warn("ingest", note);
    }
    Ok(doc)
}

/// Opens the lines of an uncompressed JSON Lines file that start in `start..end`.
///
/// The bytes before `start` are scanned once (not parsed) to number the lines, so record numbers
/// and fallback ids are the same as in an unsharded run.
fn open_jsonl_slice(path: &Path, start: u64, end: u64, size: u64) -> RecordIter {
    let name = path.display().to_string();
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            return single_error(
                &name,
                SourceFormat::Jsonl,
                format!("cannot open: {}", describe_io_error(&e)),
                0,
            )
        }
    };
    let mut reader = BufReader::with_capacity(crate::decode::BUFFER_SIZE, file);
    let mut range = LineRange {
        end: Some(end),
        whole_file: start == 0 && end == size,
        ..LineRange::whole()
    };
    if start > 0 {
        // Number the lines before the byte preceding `start`, then skip the rest of the line
        // that byte belongs to (just the byte itself when it is a line break).
        let skipped = skip_counting_newlines(&mut reader, start - 1).and_then(|newlines| {
            read_line_capped(&mut reader, &mut Vec::new(), 0)
                .map(|line| (newlines, line))
                .map_err(|(e, _)| e)
        });
        match skipped {
            Ok((
                newlines,
                crate::lines::Line::Complete { len } | crate::lines::Line::TooLong { len },
            )) => {
                range.line = newlines + 1;
                range.offset = start - 1 + len;
            }
            Ok((_, crate::lines::Line::Eof)) => return Box::new(std::iter::empty()),
            Err(e) => return single_error(&name, SourceFormat::Jsonl, read_error(&e), 0),
        }
    }
    Box::new(JsonlRecords::new(Box::new(reader), name, range))
}
