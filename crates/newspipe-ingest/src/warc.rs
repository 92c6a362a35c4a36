//! WARC and WET archives, read record by record.
//!
//! * `response` records: the HTTP message is parsed (status, headers, chunked transfer coding,
//!   gzip/deflate content coding); a 2xx HTML or plain-text body becomes a document, decoded with
//!   the HTTP `Content-Type` charset when there is one. Other responses (redirects, errors,
//!   images, PDFs, ...) become error records that say why, so none is lost silently.
//! * `resource` records (e.g. `wget --warc-file` of local files): the block is the payload.
//! * `conversion` records (WET): the block is extracted plain text.
//! * `warcinfo`, `request`, `metadata`, `revisit` and `continuation` records are skipped.
//!
//! Kept in `source.headers`: `WARC-Type`, `WARC-Target-URI` (also `meta.url`), `WARC-Date` (the
//! crawl date — not a publication date, so never `meta.published`), `WARC-Refers-To`,
//! `WARC-Identified-Content-Language`, and the HTTP `Content-Type` and `Last-Modified` as
//! `HTTP-Content-Type` / `HTTP-Last-Modified`. The document id is the `WARC-Record-ID` without
//! its angle brackets; `record` counts every WARC record of the file (skipped ones included) and
//! `offset` is the record's byte offset in the decompressed archive.

use crate::decode::{content_type_charset, decode_bytes, ByteStream, CharsetHints};
use crate::lines::{read_line_capped, Line};
use crate::open::RecordIter;
use crate::text::{html_document, text_document};
use crate::{RecordError, MAX_RECORD_BYTES};
use newspipe_model::{Document, Meta, Source, SourceFormat};
use std::io::{self, Read};

/// Longest header line accepted (WARC or HTTP); longer ones make the record an error.
const MAX_HEADER_LINE: usize = 64 * 1024;

/// WARC headers copied into `source.headers`.
const KEPT_HEADERS: &[&str] = &[
    "WARC-Type",
    "WARC-Target-URI",
    "WARC-Date",
    "WARC-Refers-To",
    "WARC-Identified-Content-Language",
];

pub(crate) fn records(stream: ByteStream, path: String) -> RecordIter {
    Box::new(WarcRecords {
        reader: stream,
        path,
        offset: 0,
        record: 0,
        produced: false,
        resyncing: false,
        done: false,
        line: Vec::new(),
    })
}

struct WarcRecords {
    reader: ByteStream,
    path: String,
    /// Byte offset of the next unread byte in the decompressed archive.
    offset: u64,
    /// Number of WARC records seen so far.
    record: u64,
    produced: bool,
    /// After a malformed record: skip lines until the next `WARC/` version line.
    resyncing: bool,
    done: bool,
    line: Vec<u8>,
}

/// One parsed WARC record header.
struct Header {
    version_offset: u64,
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl WarcRecords {
    fn source(&self, format: SourceFormat, record: u64, offset: u64) -> Source {
        let mut source = Source::new(self.path.clone(), format, record);
        source.offset = Some(offset);
        source
    }

    fn error_at(
        &self,
        record: u64,
        offset: u64,
        id: Option<&str>,
        message: String,
        bytes: u64,
    ) -> RecordError {
        RecordError {
            id: id.map_or_else(|| format!("{}#{record}", self.path), str::to_string),
            source: self.source(SourceFormat::Warc, record, offset),
            message,
            bytes,
        }
    }

    /// Reads a line into `self.line`; `None` at end of input.
    fn next_line(&mut self) -> Result<Option<u64>, RecordError> {
        match read_line_capped(&mut *self.reader, &mut self.line, MAX_HEADER_LINE) {
            Ok(Line::Eof) => Ok(None),
            Ok(Line::Complete { len }) => {
                self.offset += len;
                Ok(Some(len))
            }
            Ok(Line::TooLong { len }) if self.resyncing => {
                // Skipping junk until the next record: no error per long junk line.
                self.offset += len;
                self.line.clear();
                Ok(Some(len))
            }
            Ok(Line::TooLong { len }) => {
                self.offset += len;
                self.resyncing = true;
                Err(self.error_at(
                    self.record,
                    self.offset - len,
                    None,
                    format!("header line of {len} bytes is too long"),
                    len,
                ))
            }
            Err((e, len)) => Err(self.read_error(e, len)),
        }
    }

    fn read_error(&mut self, e: io::Error, bytes: u64) -> RecordError {
        self.done = true;
        self.error_at(
            self.record,
            self.offset,
            None,
            format!("read error at byte {}: {e}; the rest of the archive is lost (truncated or corrupt compressed data?)", self.offset),
            bytes,
        )
    }

    /// Reads the next record's header, skipping blank lines (and garbage while resyncing).
    fn read_header(&mut self) -> Result<Option<Header>, RecordError> {
        let version_offset = loop {
            let start = self.offset;
            let Some(_) = self.next_line()? else {
                return Ok(None);
            };
            if self.line.starts_with(b"WARC/") {
                self.resyncing = false;
                break start;
            }
            if self.line.iter().all(u8::is_ascii_whitespace) || self.resyncing {
                continue;
            }
            self.resyncing = true;
            let shown = String::from_utf8_lossy(&self.line[..self.line.len().min(40)])
                .trim_end()
                .to_string();
            return Err(self.error_at(
                self.record,
                start,
                None,
                format!("not a WARC record at byte {start}: expected a 'WARC/1.x' line, found {shown:?}; skipping to the next record"),
                self.offset - start,
            ));
        };
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            let Some(_) = self.next_line()? else {
                return Err(self.read_error(
                    io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "archive ends inside a record header",
                    ),
                    self.offset - version_offset,
                ));
            };
            let text = String::from_utf8_lossy(&self.line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                if let Some((_, value)) = fields.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                }
            } else if let Some((name, value)) = text.split_once(':') {
                fields.push((name.trim().to_string(), value.trim().to_string()));
            }
        }
        Ok(Some(Header {
            version_offset,
            fields,
        }))
    }

    /// Reads (or skips, when `keep` is false) a block of `length` bytes.
    fn read_block(&mut self, length: u64, keep: bool) -> Result<Vec<u8>, RecordError> {
        let mut block = Vec::new();
        let got = if keep {
            (&mut self.reader)
                .take(length)
                .read_to_end(&mut block)
                .map(|n| n as u64)
        } else {
            io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
        };
        match got {
            Ok(n) if n == length => {
                self.offset += n;
                Ok(block)
            }
            Ok(n) => {
                self.offset += n;
                self.done = true;
                Err(self.error_at(
                    self.record,
                    self.offset - n,
                    None,
                    format!(
                        "truncated record: the archive ends after {n} of {length} content bytes"
                    ),
                    n,
                ))
            }
            Err(e) => Err(self.read_error(e, 0)),
        }
    }

    fn next_record(&mut self) -> Result<Step, RecordError> {
        let Some(header) = self.read_header()? else {
            return Ok(Step::End);
        };
        let record = self.record;
        let start = header.version_offset;
        let id = header
            .get("WARC-Record-ID")
            .map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string());
        let warc_type = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let length = match header
            .get("Content-Length")
            .map(|v| v.trim().parse::<u64>())
        {
            Some(Ok(length)) => length,
            _ => {
                self.record += 1;
                self.resyncing = true;
                return Err(self.error_at(
                    record,
                    start,
                    id.as_deref(),
                    "WARC record without a valid Content-Length; skipping to the next record"
                        .into(),
                    self.offset - start,
                ));
            }
        };
        let wanted = matches!(warc_type.as_str(), "response" | "resource" | "conversion");
        if !wanted || length > MAX_RECORD_BYTES {
            self.read_block(length, false)?;
            self.record += 1;
            if !wanted {
                return Ok(Step::Skipped);
            }
            let message = format!("{warc_type} record of {length} bytes is larger than the {MAX_RECORD_BYTES} byte limit");
            return Err(self.error_at(record, start, id.as_deref(), message, self.offset - start));
        }
        let block = self.read_block(length, true)?;
        self.record += 1;
        let format = if warc_type == "conversion" {
            SourceFormat::Wet
        } else {
            SourceFormat::Warc
        };
        let mut source = self.source(format, record, start);
        for name in KEPT_HEADERS {
            if let Some(value) = header.get(name) {
                source.headers.push((name.to_string(), value.to_string()));
            }
        }
        let id = id.unwrap_or_else(|| format!("{}#{record}", self.path));
        let bytes = self.offset - start;
        let fail = |source: Source, message: String| RecordError {
            id: id.clone(),
            source,
            message,
            bytes,
        };
        let meta = Meta {
            url: header.get("WARC-Target-URI").map(str::to_string),
            ..Meta::default()
        };
        let (payload, content_type) = match warc_type.as_str() {
            "response" if block.starts_with(b"HTTP/") => match parse_http(block) {
                Ok(http) => {
                    if let Some(value) = &http.content_type {
                        source
                            .headers
                            .push(("HTTP-Content-Type".into(), value.clone()));
                    }
                    if let Some(value) = http.last_modified {
                        source.headers.push(("HTTP-Last-Modified".into(), value));
                    }
                    if !(200..300).contains(&http.status) {
                        return Err(fail(
                            source,
                            format!("HTTP status {}: not a page", http.status),
                        ));
                    }
                    (http.body, http.content_type)
                }
                Err(message) => return Err(fail(source, message)),
            },
            "conversion" => (block, Some("text/plain; charset=utf-8".to_string())),
            _ => (block, header.get("Content-Type").map(str::to_string)),
        };
        let kind = match page_kind(content_type.as_deref(), &payload) {
            Ok(kind) => kind,
            Err(message) => return Err(fail(source, message)),
        };
        let hints = CharsetHints {
            http_charset: content_type.as_deref().and_then(content_type_charset),
            html: kind == PageKind::Html,
        };
        let decoded = decode_bytes(payload, hints);
        let mut doc = match kind {
            PageKind::Html => html_document(id, source, decoded.text, meta),
            PageKind::Text => {
                let mut doc = text_document(id, source, decoded.text);
                doc.meta = meta;
                doc
            }
        };
        for note in decoded.notes {
            doc.warn("ingest", note);
        }
        Ok(Step::Document(Box::new(doc)))
    }
}

/// What reading one WARC record gave.
enum Step {
    Document(Box<Document>),
    /// A record of a type that is not read (`warcinfo`, `request`, ...).
    Skipped,
    /// End of the archive.
    End,
}

impl Iterator for WarcRecords {
    type Item = Result<Document, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(Step::Document(doc)) => {
                    self.produced = true;
                    return Some(Ok(*doc));
                }
                Ok(Step::End) => {
                    self.done = true;
                    if !self.produced {
                        self.produced = true;
                        let message = format!(
                            "no response, resource or conversion records among {} WARC record(s)",
                            self.record
                        );
                        return Some(Err(self.error_at(
                            0,
                            0,
                            Some(&self.path.clone()),
                            message,
                            self.offset,
                        )));
                    }
                }
                Ok(Step::Skipped) => {}
                Err(error) => {
                    self.produced = true;
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

/// What a payload is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageKind {
    Html,
    Text,
}

/// HTML for HTML media types, text for `text/plain`, a sniff when no type is given, and an error
/// for anything else (images, scripts, PDFs, ...).
fn page_kind(content_type: Option<&str>, payload: &[u8]) -> Result<PageKind, String> {
    if payload.iter().all(u8::is_ascii_whitespace) {
        return Err("empty payload".into());
    }
    let media = content_type.map(|v| {
        v.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    match media.as_deref() {
        Some("text/html" | "application/xhtml+xml") => Ok(PageKind::Html),
        Some("text/plain") => Ok(PageKind::Text),
        None | Some("") | Some("application/octet-stream") | Some("unknown/unknown") => {
            if memchr::memchr(0, &payload[..payload.len().min(8192)]).is_some() {
                Err("binary payload (NUL bytes), not a page".into())
            } else if payload.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
                Ok(PageKind::Html)
            } else {
                Ok(PageKind::Text)
            }
        }
        Some(other) => Err(format!("unsupported content type {other:?}: not a page")),
    }
}

/// The parts of an HTTP response newspipe uses.
struct HttpResponse {
    status: u16,
    content_type: Option<String>,
    last_modified: Option<String>,
    body: Vec<u8>,
}

/// Parses an HTTP/1.x response: status line, headers, then the body with any chunked transfer
/// coding and gzip/deflate content coding removed.
fn parse_http(block: Vec<u8>) -> Result<HttpResponse, String> {
    let (head_len, body_start) = match memchr::memmem::find(&block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(&block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => (block.len(), block.len()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_len]).into_owned();
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| {
            format!(
                "malformed HTTP status line {:?}",
                &status_line[..status_line.len().min(60)]
            )
        })?;
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim(), value.trim()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_string())
    };
    let mut body = block[body_start..].to_vec();
    if header("Transfer-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    match header("Content-Encoding")
        .map(|v| v.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip") if body.starts_with(&[0x1f, 0x8b]) => {
            body = inflate(flate2::read::MultiGzDecoder::new(&body[..]), "gzip")?;
        }
        Some("deflate") => {
            let zlib = inflate(flate2::read::ZlibDecoder::new(&body[..]), "deflate");
            body = match zlib {
                Ok(bytes) => bytes,
                Err(_) => inflate(flate2::read::DeflateDecoder::new(&body[..]), "deflate")?,
            };
        }
        // Crawlers often store the decoded body but keep the header: trust the magic bytes.
        Some("gzip" | "x-gzip") => {}
        Some(other) => return Err(format!("unsupported HTTP Content-Encoding {other:?}")),
    }
    Ok(HttpResponse {
        status,
        content_type: header("Content-Type"),
        last_modified: header("Last-Modified"),
        body,
    })
}

fn inflate(mut decoder: impl Read, name: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .by_ref()
        .take(MAX_RECORD_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt {name} HTTP body: {e}"))?;
    if out.len() as u64 > MAX_RECORD_BYTES {
        return Err(format!(
            "{name} HTTP body inflates past the {MAX_RECORD_BYTES} byte limit"
        ));
    }
    Ok(out)
}

/// Joins the chunks of a chunked HTTP body; `None` when it is not well-formed chunked data
/// (many archives store the body already de-chunked while keeping the header).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memchr(b'\n', body)?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
mod tests;
