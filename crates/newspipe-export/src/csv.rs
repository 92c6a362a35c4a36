//! `--format entities-csv`: one row per entity.

use crate::escape::{csv_field, uint};
use crate::offsets::CodePointCursor;
use newspipe_model::Document;

/// The header row.
pub(crate) const HEADER: &str = "id,start,end,label,text,canonical,value,method\n";

/// One row per entity of `doc` (none for a document without entities). Offsets are code points.
pub(crate) fn entities(out: &mut Vec<u8>, doc: &Document) {
    let text = doc.text.as_str();
    let mut map = CodePointCursor::new(text);
    for e in &doc.entities {
        csv_field(out, &doc.id);
        out.push(b',');
        uint(out, map.offset(e.span.start) as u64);
        out.push(b',');
        uint(out, map.offset(e.span.end) as u64);
        out.push(b',');
        out.extend_from_slice(e.label.as_str().as_bytes());
        out.push(b',');
        csv_field(out, e.span.get(text).unwrap_or_default());
        out.push(b',');
        csv_field(out, e.canonical.as_deref().unwrap_or_default());
        out.push(b',');
        csv_field(out, e.value.as_deref().unwrap_or_default());
        out.push(b',');
        out.extend_from_slice(e.method.as_str().as_bytes());
        out.push(b'\n');
    }
}
