//! The human-readable formats: clean text and the cleanup explanation.

use crate::escape::{one_line, tsv_cell};
use crate::ErrorRecord;
use newspipe_model::Document;

/// `# id = ...` on its own line.
pub(crate) fn id_line(out: &mut Vec<u8>, id: &str) {
    out.extend_from_slice(b"# id = ");
    one_line(out, id);
    out.push(b'\n');
}

/// `# id = ...` and `# error = stage: message`, then a blank line.
pub(crate) fn error_comment(out: &mut Vec<u8>, record: &ErrorRecord<'_>) {
    id_line(out, record.id);
    out.extend_from_slice(b"# error = ");
    one_line(out, record.stage);
    out.extend_from_slice(b": ");
    one_line(out, record.message);
    out.extend_from_slice(b"\n\n");
}

/// `--format text`: `# id = ...`, the clean text, a blank line.
pub(crate) fn text(out: &mut Vec<u8>, doc: &Document) {
    id_line(out, &doc.id);
    let text = doc.text.trim_end_matches(['\n', '\r']);
    out.extend_from_slice(text.as_bytes());
    if !text.is_empty() {
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// `--format explain`: `# id = ...`, then one TSV line `verdict<TAB>reason<TAB>text` per raw
/// block, then a blank line.
pub(crate) fn explain(out: &mut Vec<u8>, doc: &Document) {
    id_line(out, &doc.id);
    if doc.blocks.is_empty() {
        out.extend_from_slice(b"# (the input has no raw blocks to explain)\n");
    }
    for block in &doc.blocks {
        let (verdict, reason) = match &block.verdict {
            None => ("unclassified", "-"),
            Some(v @ newspipe_model::BlockVerdict::Boilerplate { reason }) => (v.name(), &**reason),
            Some(v) => (v.name(), "-"),
        };
        out.extend_from_slice(verdict.as_bytes());
        out.push(b'\t');
        tsv_cell(out, if reason.is_empty() { "-" } else { reason });
        out.push(b'\t');
        tsv_cell(out, &block.text);
        out.push(b'\n');
    }
    out.push(b'\n');
}
