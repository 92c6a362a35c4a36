//! JSON Lines: one JSON object per line, streamed line by line.
//!
//! Fields read: `id` (string or number), `text` or `html` (a string; when both are present
//! `text` is used and `html` is kept in `source.fields`), and into [`Meta`]: `title`, `url`,
//! `published`, `subtitle`, `site`, `language` (strings), `authors` (a string or a list of
//! strings), and a `meta` object with those keys (as newspipe's own JSON Lines export writes it;
//! top-level fields win). Every other field, and any of these with an unexpected type, is kept as
//! raw JSON text in [`Source::fields`], in input order. Blank lines are not records; `record` is the
//! 0-based line number in the file (blank lines counted), `offset` the line's byte offset.

use crate::decode::{decode_utf8_lossy, ByteStream};
use crate::lines::{read_line_capped, Line};
use crate::text::{html_document, overlay_meta, text_document};
use crate::{RecordError, Shard, MAX_RECORD_BYTES};
use newspipe_model::{Document, Meta, Source, SourceFormat};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// Line buffers larger than this are released after their line (memory stays flat).
const KEPT_BUFFER_BYTES: usize = 4 * 1024 * 1024;

/// Where a run of lines starts and ends, and what it reports when it finds nothing.
#[derive(Debug, Clone)]
pub(crate) struct LineRange {
    /// Byte offset of the first line to read.
    pub offset: u64,
    /// Its 0-based line number.
    pub line: u64,
    /// Read only lines that start before this offset (`None`: to the end).
    pub end: Option<u64>,
    /// The run is a whole file: if it holds no record, say so with one error record.
    pub whole_file: bool,
    /// For standard input: keep only lines whose number `i` has `i % count == index`.
    pub round_robin: Option<Shard>,
}

impl LineRange {
    /// A whole file or stream.
    pub(crate) fn whole() -> Self {
        LineRange {
            offset: 0,
            line: 0,
            end: None,
            whole_file: true,
            round_robin: None,
        }
    }
}

/// Iterator over the records of a JSON Lines stream.
pub(crate) struct JsonlRecords {
    reader: ByteStream,
    path: String,
    range: LineRange,
    max_line: usize,
    buf: Vec<u8>,
    produced: bool,
    done: bool,
}

impl JsonlRecords {
    pub(crate) fn new(reader: ByteStream, path: String, range: LineRange) -> Self {
        JsonlRecords {
            reader,
            path,
            range,
            max_line: MAX_RECORD_BYTES as usize,
            buf: Vec::new(),
            produced: false,
            done: false,
        }
    }

    #[cfg(test)]
    pub(crate) fn with_max_line(mut self, max_line: usize) -> Self {
        self.max_line = max_line;
        self
    }

    fn error(&self, line: u64, offset: u64, message: String, bytes: u64) -> RecordError {
        let mut source = Source::new(self.path.clone(), SourceFormat::Jsonl, line);
        source.offset = Some(offset);
        RecordError {
            id: format!("{}#{line}", self.path),
            source,
            message,
            bytes,
        }
    }
}

impl Iterator for JsonlRecords {
    type Item = Result<Document, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            if self.range.end.is_some_and(|end| self.range.offset >= end) {
                self.done = true;
                break;
            }
            let (line, offset) = (self.range.line, self.range.offset);
            if self.buf.capacity() > KEPT_BUFFER_BYTES {
                // One giant line must not pin its buffer for the rest of the file.
                self.buf = Vec::new();
            }
            let read = read_line_capped(&mut *self.reader, &mut self.buf, self.max_line);
            let len = match read {
                Ok(Line::Eof) => {
                    self.done = true;
                    if self.range.whole_file && !self.produced {
                        self.produced = true;
                        let message = if offset == 0 {
                            "empty file"
                        } else {
                            "no JSON records (only blank lines)"
                        };
                        return Some(Err(self.error(0, 0, message.into(), offset)));
                    }
                    break;
                }
                Ok(Line::Complete { len }) | Ok(Line::TooLong { len }) => len,
                Err((e, len)) => {
                    self.done = true;
                    self.produced = true;
                    let message = format!(
                        "read error at line {line} (byte {offset}): {e}; the rest of the input is lost \
                         (truncated or corrupt compressed data?)"
                    );
                    return Some(Err(self.error(line, offset, message, len)));
                }
            };
            self.range.line += 1;
            self.range.offset += len;
            if let Some(shard) = self.range.round_robin {
                if line % u64::from(shard.count) != u64::from(shard.index) {
                    continue;
                }
            }
            if matches!(read, Ok(Line::TooLong { .. })) {
                self.produced = true;
                let message = format!(
                    "line of {len} bytes is longer than the {} byte limit",
                    self.max_line
                );
                return Some(Err(self.error(line, offset, message, len)));
            }
            let mut bytes: &[u8] = &self.buf;
            if offset == 0 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.produced = true;
            let mut source = Source::new(self.path.clone(), SourceFormat::Jsonl, line);
            source.offset = Some(offset);
            let fallback_id = format!("{}#{line}", self.path);
            return Some(parse_record(bytes, source, fallback_id, len));
        }
        None
    }
}

/// The fields of one JSON object, in input order: `text` and `html` decoded as they are parsed
/// (one pass over the long strings), every other value as raw JSON text.
struct Fields<'a>(Vec<(String, Field<'a>)>);

/// One field value of a JSON record.
enum Field<'a> {
    /// The value of `text` or `html`.
    Body(StringField),
    /// Any other field, as raw JSON text.
    Raw(&'a RawValue),
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let value = if name == "text" || name == "html" {
                        Field::Body(map.next_value()?)
                    } else {
                        Field::Raw(map.next_value()?)
                    };
                    fields.push((name, value));
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

/// A `meta` object; every key optional, unknown keys ignored.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct MetaObject {
    title: Option<String>,
    subtitle: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    url: Option<String>,
    site: Option<String>,
    language: Option<String>,
}

impl MetaObject {
    fn into_meta(self) -> Meta {
        Meta {
            title: self.title,
            subtitle: self.subtitle,
            published: self.published,
            authors: self.authors,
            url: self.url,
            site: self.site,
            language: self.language,
        }
    }
}

/// `"authors": "A. Writer"` or `"authors": ["A. Writer", "B. Reporter"]`.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A JSON value seen as an optional string.
enum StringField {
    Null,
    Str(String),
    /// Not a string (number, object, ...).
    Other,
}

impl<'de> Deserialize<'de> for StringField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = StringField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, v: &str) -> Result<StringField, E> {
                Ok(StringField::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<StringField, E> {
                Ok(StringField::Str(v))
            }
            fn visit_unit<E>(self) -> Result<StringField, E> {
                Ok(StringField::Null)
            }
            fn visit_none<E>(self) -> Result<StringField, E> {
                Ok(StringField::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<StringField, E> {
                Ok(StringField::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<StringField, E> {
                Ok(StringField::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<StringField, E> {
                Ok(StringField::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<StringField, E> {
                Ok(StringField::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StringField, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(StringField::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StringField, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(StringField::Other)
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

fn string_field(raw: &RawValue) -> StringField {
    let json = raw.get();
    if json == "null" {
        StringField::Null
    } else if json.starts_with('"') {
        serde_json::from_str(json).map_or(StringField::Other, StringField::Str)
    } else {
        StringField::Other
    }
}

/// The parser's message as `invalid JSON at column N: reason` (the record is one line, so only
/// the column says where).
fn json_error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let reason = text.strip_suffix(&position).unwrap_or(&text);
    format!("invalid JSON at column {}: {reason}", error.column())
}

/// Turns one JSON line into a document.
fn parse_record(
    bytes: &[u8],
    mut source: Source,
    fallback_id: String,
    len: u64,
) -> Result<Document, RecordError> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let (line, utf8_note) = decode_utf8_lossy(bytes);
    let fail = |source: Source, id: String, message: String| RecordError {
        id,
        source,
        message,
        bytes: len,
    };
    let fields = match serde_json::from_str::<Fields>(&line) {
        Ok(fields) => fields.0,
        Err(e) => return Err(fail(source, fallback_id, json_error_message(&e))),
    };
    let (mut id, mut text, mut html) = (None, None, None);
    let mut html_position = 0;
    let mut meta = Meta::default();
    let mut nested_meta: Option<Meta> = None;
    let mut notes: Vec<String> = utf8_note.into_iter().collect();
    for (name, value) in fields {
        let raw = match value {
            Field::Body(body) => {
                let slot = if name == "text" { &mut text } else { &mut html };
                match body {
                    StringField::Str(s) if slot.is_none() => {
                        *slot = Some(s);
                        if name == "html" {
                            html_position = source.fields.len();
                        }
                    }
                    // A repeated field is kept as it was given.
                    StringField::Str(s) => {
                        let json = serde_json::to_string(&s).unwrap_or_default();
                        source.fields.push((name, json));
                    }
                    StringField::Null => {}
                    StringField::Other => {
                        let id = id.clone().unwrap_or(fallback_id);
                        return Err(fail(source, id, format!("field `{name}` is not a string")));
                    }
                }
                continue;
            }
            Field::Raw(raw) => raw,
        };
        let keep = match name.as_str() {
            "id" if id.is_none() => match string_field(raw) {
                StringField::Str(s) => {
                    id = Some(s);
                    false
                }
                StringField::Null => false,
                StringField::Other
                    if raw
                        .get()
                        .starts_with(|c: char| c == '-' || c.is_ascii_digit()) =>
                {
                    id = Some(raw.get().to_string());
                    false
                }
                StringField::Other => {
                    notes.push(format!("`id` is not a string or number: {}", raw.get()));
                    true
                }
            },
            "title" | "subtitle" | "published" | "url" | "site" | "language" => {
                let slot = match name.as_str() {
                    "title" => &mut meta.title,
                    "subtitle" => &mut meta.subtitle,
                    "published" => &mut meta.published,
                    "url" => &mut meta.url,
                    "site" => &mut meta.site,
                    _ => &mut meta.language,
                };
                match (slot.is_none(), string_field(raw)) {
                    (true, StringField::Str(s)) => {
                        *slot = Some(s);
                        false
                    }
                    (_, StringField::Null) => false,
                    _ => true,
                }
            }
            "authors" if meta.authors.is_empty() => {
                match serde_json::from_str::<OneOrMany>(raw.get()) {
                    Ok(OneOrMany::One(author)) => meta.authors = vec![author],
                    Ok(OneOrMany::Many(authors)) => meta.authors = authors,
                    Err(_) => {}
                }
                meta.authors.is_empty() && raw.get() != "[]" && raw.get() != "null"
            }
            "meta" if nested_meta.is_none() => {
                nested_meta = serde_json::from_str::<MetaObject>(raw.get())
                    .ok()
                    .map(MetaObject::into_meta);
                nested_meta.is_none() && raw.get() != "null"
            }
            _ => true,
        };
        if keep {
            source.fields.push((name, raw.get().to_string()));
        }
    }
    if let Some(nested) = nested_meta {
        // A `meta` object (as newspipe itself exports) fills what top-level fields did not.
        let top_level = std::mem::replace(&mut meta, nested);
        overlay_meta(&mut meta, top_level);
    }
    let id = id.unwrap_or(fallback_id);
    let mut doc = match (text, html) {
        (Some(text), html) => {
            if let Some(html) = html {
                // Not read, so kept like any other field, in its place.
                let raw = serde_json::to_string(&html).unwrap_or_default();
                source.fields.insert(html_position, ("html".into(), raw));
            }
            let mut doc = text_document(id, source, text);
            doc.meta = meta;
            doc
        }
        (None, Some(html)) => html_document(id, source, html, meta),
        (None, None) => {
            return Err(fail(
                source,
                id,
                "record has neither a `text` nor an `html` string field".into(),
            ))
        }
    };
    for note in notes {
        doc.warn("ingest", note);
    }
    Ok(doc)
}

#[cfg(test)]
mod tests;
