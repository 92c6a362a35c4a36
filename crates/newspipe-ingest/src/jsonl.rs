//! JSON Lines: one JSON object per line, streamed line by line.
//!
//! Fields read: `id` (string or number), `text` or `html` (a string; when both are present
//! `text` is used and `html` is kept in `source.fields`), and `title`, `url`, `published` (strings,
//! into [`Meta`]). Every other field, and any of these with an unexpected type, is kept as raw
//! JSON text in [`Source::fields`], in input order. Blank lines are not records; `record` is the
//! 0-based line number in the file (blank lines counted), `offset` the line's byte offset.

use crate::decode::{decode_utf8_lossy, ByteStream};
use crate::lines::{read_line_capped, Line};
use crate::text::{html_document, text_document};
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
            "title" | "url" | "published" => {
                let slot = match name.as_str() {
                    "title" => &mut meta.title,
                    "url" => &mut meta.url,
                    _ => &mut meta.published,
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
            _ => true,
        };
        if keep {
            source.fields.push((name, raw.get().to_string()));
        }
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
mod tests {
    use super::*;
    use std::io::{BufReader, Cursor};

    fn read_all(input: &str) -> Vec<Result<Document, RecordError>> {
        let reader: ByteStream = Box::new(BufReader::new(Cursor::new(input.as_bytes().to_vec())));
        JsonlRecords::new(reader, "in.jsonl".into(), LineRange::whole()).collect()
    }

    #[test]
    fn fields_are_mapped_and_the_rest_kept_in_order() {
        let out = read_all(
            "{\"topic\":\"business\",\"id\":\"a1\",\"text\":\"Line one.\\nLine two.\",\"title\":\"T\",\"url\":\"https://x.org/a\",\"published\":\"2025-01-02\",\"tags\":[1, 2],\"n\":3.50}\n",
        );
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.id, "a1");
        assert_eq!(doc.text, "Line one.\nLine two.");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.meta.title.as_deref(), Some("T"));
        assert_eq!(doc.meta.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(doc.meta.published.as_deref(), Some("2025-01-02"));
        let fields: Vec<(&str, &str)> = doc
            .source
            .fields
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            fields,
            [("topic", "\"business\""), ("tags", "[1, 2]"), ("n", "3.50")]
        );
        assert_eq!((doc.source.record, doc.source.offset), (0, Some(0)));
    }

    #[test]
    fn numeric_ids_fallback_ids_and_html() {
        let out = read_all(
            "{\"id\": 42, \"text\": \"x\"}\n\n{\"html\": \"<p>Hello <b>there</b>.</p>\"}\n",
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().unwrap().id, "42");
        let doc = out[1].as_ref().unwrap();
        assert_eq!(doc.id, "in.jsonl#2");
        assert_eq!(doc.source.record, 2);
        assert_eq!(doc.text, "Hello there.");
        assert!(doc.raw.starts_with("<p>"));
    }

    #[test]
    fn bad_lines_become_error_records_and_reading_goes_on() {
        let out = read_all("{\"id\":\"a\",\"text\":\"ok\"}\n{not json\n[1,2]\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":7}\n{\"text\":\"last\"}\n");
        assert_eq!(out.len(), 6);
        let err = out[1].as_ref().unwrap_err();
        assert_eq!(err.id, "in.jsonl#1");
        assert_eq!(
            err.message,
            "invalid JSON at column 2: key must be a string"
        );
        assert!(out[2]
            .as_ref()
            .unwrap_err()
            .message
            .contains("a JSON object"));
        let err = out[3].as_ref().unwrap_err();
        assert_eq!(err.id, "b");
        assert!(err.message.contains("neither"), "{}", err.message);
        assert!(out[4]
            .as_ref()
            .unwrap_err()
            .message
            .contains("`text` is not a string"));
        assert_eq!(out[5].as_ref().unwrap().text, "last");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_noted() {
        let mut bytes = b"{\"text\":\"caf".to_vec();
        bytes.extend_from_slice(b"\xe9\"}\n");
        let reader: ByteStream = Box::new(Cursor::new(bytes));
        let out: Vec<_> = JsonlRecords::new(reader, "x".into(), LineRange::whole()).collect();
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.text, "caf\u{FFFD}");
        assert_eq!(doc.diagnostics.len(), 1);
        assert!(doc.diagnostics[0].message.contains("1 invalid UTF-8 byte"));
    }

    #[test]
    fn empty_and_blank_inputs_say_so() {
        let out = read_all("");
        assert_eq!(out[0].as_ref().unwrap_err().message, "empty file");
        let out = read_all("\n  \n");
        assert!(out[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("only blank lines"));
    }

    #[test]
    fn overlong_line_is_one_error_and_the_next_line_is_read() {
        let input = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"short\"}}\n",
            "x".repeat(100)
        );
        let reader: ByteStream = Box::new(Cursor::new(input.into_bytes()));
        let out: Vec<_> = JsonlRecords::new(reader, "x".into(), LineRange::whole())
            .with_max_line(50)
            .collect();
        assert_eq!(out.len(), 2);
        assert!(out[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("longer than the 50 byte limit"));
        assert_eq!(out[1].as_ref().unwrap().text, "short");
    }

    #[test]
    fn bom_on_first_line_is_ignored() {
        let out = read_all("\u{feff}{\"text\":\"a\"}\n");
        assert_eq!(out[0].as_ref().unwrap().text, "a");
    }

    #[test]
    fn round_robin_keeps_every_nth_line() {
        let input = "{\"text\":\"0\"}\n{\"text\":\"1\"}\n\n{\"text\":\"3\"}\n{\"text\":\"4\"}\n";
        let shard_texts = |index| -> Vec<String> {
            let reader: ByteStream = Box::new(Cursor::new(input.as_bytes().to_vec()));
            let range = LineRange {
                round_robin: Some(Shard { index, count: 2 }),
                whole_file: false,
                ..LineRange::whole()
            };
            JsonlRecords::new(reader, "-".into(), range)
                .map(|r| r.unwrap().text)
                .collect()
        };
        assert_eq!(shard_texts(0), ["0", "4"]);
        assert_eq!(shard_texts(1), ["1", "3"]);
    }

    #[test]
    fn text_wins_over_html_and_repeated_fields_are_kept_in_place() {
        let out = read_all(
            "{\"a\":1,\"html\":\"<p>x</p>\",\"b\":2,\"text\":\"plain\",\"text\":\"again\",\"id\":\"i\",\"id\":\"j\"}\n",
        );
        let doc = out[0].as_ref().unwrap();
        assert_eq!((doc.id.as_str(), doc.text.as_str()), ("i", "plain"));
        let names: Vec<(&str, &str)> = doc
            .source
            .fields
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("a", "1"),
                ("html", "\"<p>x</p>\""),
                ("b", "2"),
                ("text", "\"again\""),
                ("id", "\"j\"")
            ]
        );
    }

    #[test]
    fn non_string_bodies_of_every_kind_are_rejected_cleanly() {
        for value in ["7", "true", "[1,{\"a\":2}]", "{\"x\":[1]}", "-1.5e3"] {
            let out = read_all(&format!("{{\"text\":{value},\"id\":\"n\"}}\n"));
            let err = out[0].as_ref().unwrap_err();
            assert!(
                err.message.contains("`text` is not a string"),
                "{value}: {}",
                err.message
            );
        }
        let out = read_all("{\"text\":null,\"html\":\"<p>from html</p>\"}\n");
        assert_eq!(out[0].as_ref().unwrap().text, "from html");
    }
}
