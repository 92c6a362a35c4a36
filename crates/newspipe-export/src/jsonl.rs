//! The JSON Lines record: the stable contract described in the crate documentation.

use crate::escape::{json_opt_str, json_str, uint};
use crate::offsets::CodePointCursor;
use crate::{ErrorRecord, ExportOptions};
use newspipe_model::{Document, Source, Span};

/// Appends one document as a JSON object followed by `\n`.
pub(crate) fn document(out: &mut Vec<u8>, doc: &Document, options: &ExportOptions) {
    let text = doc.text.as_str();
    let map = &mut CodePointCursor::new(text);

    out.extend_from_slice(b"{\"id\":");
    json_str(out, &doc.id);
    out.extend_from_slice(b",\"source\":");
    source(out, &doc.source);

    let meta = &doc.meta;
    out.extend_from_slice(b",\"meta\":{\"title\":");
    json_opt_str(out, meta.title.as_deref());
    out.extend_from_slice(b",\"subtitle\":");
    json_opt_str(out, meta.subtitle.as_deref());
    out.extend_from_slice(b",\"published\":");
    json_opt_str(out, meta.published.as_deref());
    out.extend_from_slice(b",\"authors\":[");
    comma_separated(out, &meta.authors, |out, author| json_str(out, author));
    out.extend_from_slice(b"],\"url\":");
    json_opt_str(out, meta.url.as_deref());
    out.extend_from_slice(b",\"site\":");
    json_opt_str(out, meta.site.as_deref());
    out.extend_from_slice(b",\"language\":");
    json_opt_str(out, meta.language.as_deref());

    out.extend_from_slice(b"},\"text\":");
    json_str(out, text);

    out.extend_from_slice(b",\"paragraphs\":[");
    map.rewind();
    comma_separated(out, &doc.paragraphs, |out, p| {
        span_fields(out, map, p.span);
        out.extend_from_slice(b",\"kind\":\"");
        out.extend_from_slice(p.kind.as_str().as_bytes());
        out.extend_from_slice(b"\"}");
    });
    out.extend_from_slice(b"],\"sentences\":");
    span_list(out, map, &doc.sentences);
    if options.tokens {
        out.extend_from_slice(b",\"tokens\":");
        span_list(out, map, &doc.tokens);
    }

    out.extend_from_slice(b",\"entities\":[");
    map.rewind();
    comma_separated(out, &doc.entities, |out, e| {
        span_fields(out, map, e.span);
        out.extend_from_slice(b",\"label\":\"");
        out.extend_from_slice(e.label.as_str().as_bytes());
        out.extend_from_slice(b"\",\"text\":");
        json_str(out, e.span.get(text).unwrap_or_default());
        out.extend_from_slice(b",\"canonical\":");
        json_opt_str(out, e.canonical.as_deref());
        out.extend_from_slice(b",\"value\":");
        json_opt_str(out, e.value.as_deref());
        out.extend_from_slice(b",\"method\":\"");
        out.extend_from_slice(e.method.as_str().as_bytes());
        out.extend_from_slice(b"\"}");
    });

    out.extend_from_slice(b"],\"quotes\":[");
    map.rewind();
    comma_separated(out, &doc.quotes, |out, q| {
        span_fields(out, map, q.span);
        out.extend_from_slice(b",\"text\":");
        json_str(out, q.span.get(text).unwrap_or_default());
        out.extend_from_slice(b",\"speaker\":");
        json_opt_str(out, q.speaker.as_deref());
        out.push(b'}');
    });

    out.extend_from_slice(b"],\"diagnostics\":[");
    comma_separated(out, &doc.diagnostics, |out, d| {
        out.extend_from_slice(b"{\"stage\":");
        json_str(out, &d.stage);
        out.extend_from_slice(b",\"level\":\"");
        out.extend_from_slice(d.level.as_str().as_bytes());
        out.extend_from_slice(b"\",\"message\":");
        json_str(out, &d.message);
        out.push(b'}');
    });
    out.extend_from_slice(b"]}\n");
}

/// Writes each item with `write`, separated by commas (the brackets are the caller's).
fn comma_separated<T>(out: &mut Vec<u8>, items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
}

/// Appends one error record `{"id","source","error":{"stage","message"}}` followed by `\n`.
pub(crate) fn error(out: &mut Vec<u8>, record: &ErrorRecord<'_>) {
    out.extend_from_slice(b"{\"id\":");
    json_str(out, record.id);
    out.extend_from_slice(b",\"source\":");
    source(out, record.source);
    out.extend_from_slice(b",\"error\":{\"stage\":");
    json_str(out, record.stage);
    out.extend_from_slice(b",\"message\":");
    json_str(out, record.message);
    out.extend_from_slice(b"}}\n");
}

/// `{"path","format","record"[,"offset"][,"headers"][,"fields"]}`.
fn source(out: &mut Vec<u8>, source: &Source) {
    out.extend_from_slice(b"{\"path\":");
    json_str(out, &source.path);
    out.extend_from_slice(b",\"format\":\"");
    out.extend_from_slice(source.format.as_str().as_bytes());
    out.extend_from_slice(b"\",\"record\":");
    uint(out, source.record);
    if let Some(offset) = source.offset {
        out.extend_from_slice(b",\"offset\":");
        uint(out, offset);
    }
    if !source.headers.is_empty() {
        out.extend_from_slice(b",\"headers\":");
        headers(out, &source.headers);
    }
    if !source.fields.is_empty() {
        out.extend_from_slice(b",\"fields\":{");
        for (i, (name, raw)) in source.fields.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_str(out, name);
            out.push(b':');
            if is_json_value(raw) {
                out.extend_from_slice(raw.trim().as_bytes());
            } else {
                // Not valid JSON (an ingest bug): keep the text rather than break the line.
                json_str(out, raw);
            }
        }
        out.push(b'}');
    }
    out.push(b'}');
}

/// Headers as a JSON object; a name that occurs more than once gets its values joined with
/// `", "` (as HTTP combines repeated header fields), in input order.
fn headers(out: &mut Vec<u8>, headers: &[(String, String)]) {
    out.push(b'{');
    let mut first = true;
    for (i, (name, value)) in headers.iter().enumerate() {
        if headers[..i].iter().any(|(n, _)| n == name) {
            continue; // already written with the first occurrence
        }
        if !first {
            out.push(b',');
        }
        first = false;
        json_str(out, name);
        out.push(b':');
        let mut repeats = headers[i + 1..]
            .iter()
            .filter(|(n, _)| n == name)
            .peekable();
        if repeats.peek().is_none() {
            json_str(out, value);
        } else {
            let mut joined = value.clone();
            for (_, v) in repeats {
                joined.push_str(", ");
                joined.push_str(v);
            }
            json_str(out, &joined);
        }
    }
    out.push(b'}');
}

/// True when `raw` is one complete JSON value with no newline that would break the line.
fn is_json_value(raw: &str) -> bool {
    !raw.contains('\n') && serde_json::from_str::<serde::de::IgnoredAny>(raw).is_ok()
}

/// `{"start":N,"end":N` (the caller closes the object).
#[inline]
fn span_fields(out: &mut Vec<u8>, map: &mut CodePointCursor<'_>, span: Span) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, map.offset(span.start) as u64);
    out.extend_from_slice(b",\"end\":");
    uint(out, map.offset(span.end) as u64);
}

/// A list of spans in text order; the cursor walks the text once.
fn span_list(out: &mut Vec<u8>, map: &mut CodePointCursor<'_>, spans: &[Span]) {
    map.rewind();
    out.push(b'[');
    comma_separated(out, spans, |out, &span| {
        span_fields(out, map, span);
        out.push(b'}');
    });
    out.push(b']');
}
