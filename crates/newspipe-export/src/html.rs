//! `--format html`: one self-contained page for people to check what the pipeline made of each
//! input. Each document shows its metadata and its clean article, with every entity marked. The
//! entity's label, canonical form, value and method show on hover. Below come the document's
//! quotations with their speakers, its diagnostics and, folded away, the raw blocks that
//! cleanup left out, each with its reason.
//!
//! The page needs no script and loads nothing: the style sheet is inline. Every piece of input
//! text is escaped, and only `http(s)` URLs become links.

use crate::escape::{html_attribute, html_text, uint};
use crate::ErrorRecord;
use newspipe_model::{BlockVerdict, Document, Entity, EntityLabel, ParagraphKind, Span};

/// Label colours of the entity marks (one background per label; the rest share a grey).
const LABEL_COLOURS: &[(EntityLabel, &str)] = &[
    (EntityLabel::Person, "#ffd8a8"),
    (EntityLabel::Org, "#a5d8ff"),
    (EntityLabel::Gpe, "#b2f2bb"),
    (EntityLabel::Loc, "#c3fae8"),
    (EntityLabel::Norp, "#eebefa"),
    (EntityLabel::Fac, "#d0bfff"),
    (EntityLabel::Date, "#ffec99"),
    (EntityLabel::Time, "#ffe066"),
    (EntityLabel::Money, "#ffc9c9"),
    (EntityLabel::Percent, "#fcc2d7"),
    (EntityLabel::Cardinal, "#e9ecef"),
    (EntityLabel::Ordinal, "#e9ecef"),
    (EntityLabel::Quantity, "#dee2e6"),
];

/// What comes before the first document: the page head, the style sheet and a legend of the
/// label colours.
pub(crate) fn header(out: &mut Vec<u8>) {
    out.extend_from_slice(
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
          <title>newspipe output</title>\n<style>\n\
          body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#212529}\n\
          article{border-top:2px solid #adb5bd;margin-top:2.5em;padding-top:.5em}\n\
          .id{font:13px ui-monospace,monospace;color:#495057}\n\
          .meta{font-size:14px;color:#495057}\n\
          .standfirst{font-weight:600}\n.caption{font-style:italic;color:#495057}\n\
          .error{color:#c92a2a}\n.diagnostics{font-size:14px;color:#e67700}\n\
          .quotes{font-size:14px;border-left:3px solid #adb5bd;padding-left:1.5em}\n\
          details{font-size:14px;color:#495057}\n.reason{font:12px ui-monospace,monospace;color:#868e96}\n\
          mark{background:#e9ecef;border-radius:3px;padding:0 2px}\n\
          mark::after{content:attr(data-label);font:10px ui-monospace,monospace;margin-left:3px;color:#495057}\n",
    );
    for (label, colour) in LABEL_COLOURS {
        out.extend_from_slice(b"mark[data-label=\"");
        out.extend_from_slice(label.as_str().as_bytes());
        out.extend_from_slice(b"\"]{background:");
        out.extend_from_slice(colour.as_bytes());
        out.extend_from_slice(b"}\n");
    }
    out.extend_from_slice(b"</style>\n</head>\n<body>\n<p class=\"meta\">Entities: ");
    for (i, (label, _)) in LABEL_COLOURS.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(b"<mark data-label=\"");
        out.extend_from_slice(label.as_str().as_bytes());
        out.extend_from_slice(b"\"></mark>");
    }
    out.extend_from_slice(b" (hover a mark for its canonical form, value and method)</p>\n");
}

/// What comes after the last document.
pub(crate) const FOOTER: &str = "</body>\n</html>\n";

/// One document as an `<article>`.
pub(crate) fn document(out: &mut Vec<u8>, doc: &Document) {
    id_line(out, &doc.id, &doc.source.path);
    meta(out, doc);
    let whole = [(Span::new(0, doc.text.len()), ParagraphKind::Body)];
    let paragraphs: Vec<(Span, ParagraphKind)> = if doc.paragraphs.is_empty() {
        // No cleanup ran: the text as one paragraph.
        whole.into_iter().filter(|(s, _)| !s.is_empty()).collect()
    } else {
        doc.paragraphs.iter().map(|p| (p.span, p.kind)).collect()
    };
    let mut entities = doc.entities.iter().peekable();
    for (span, kind) in paragraphs {
        let (open, close): (&[u8], &[u8]) = match kind {
            ParagraphKind::Title => (b"<h2>", b"</h2>\n"),
            ParagraphKind::Subheading => (b"<h3>", b"</h3>\n"),
            ParagraphKind::Standfirst => (b"<p class=\"standfirst\">", b"</p>\n"),
            ParagraphKind::Caption => (b"<p class=\"caption\">", b"</p>\n"),
            ParagraphKind::Body => (b"<p>", b"</p>\n"),
        };
        out.extend_from_slice(open);
        let mut at = span.start;
        // Entities are in text order; those that start before `at` (overlapping, or crossing a
        // paragraph break) are skipped rather than marked twice.
        while let Some(e) = entities.next_if(|e| e.span.start < span.end) {
            if e.span.start < at || e.span.end > span.end {
                continue;
            }
            html_text(out, doc.text.get(at..e.span.start).unwrap_or_default());
            mark(out, &doc.text, e);
            at = e.span.end;
        }
        html_text(out, doc.text.get(at..span.end).unwrap_or_default());
        out.extend_from_slice(close);
    }
    if !doc.quotes.is_empty() {
        out.extend_from_slice(b"<ul class=\"quotes\">\n");
        for q in &doc.quotes {
            out.extend_from_slice(b"<li><b>");
            html_text(out, q.speaker.as_deref().unwrap_or("speaker not found"));
            out.extend_from_slice(b"</b>: ");
            html_text(out, q.span.get(&doc.text).unwrap_or_default());
            out.extend_from_slice(b"</li>\n");
        }
        out.extend_from_slice(b"</ul>\n");
    }
    if !doc.diagnostics.is_empty() {
        out.extend_from_slice(b"<ul class=\"diagnostics\">\n");
        for d in &doc.diagnostics {
            out.extend_from_slice(b"<li>");
            html_text(out, &d.stage);
            out.extend_from_slice(b" ");
            out.extend_from_slice(d.level.as_str().as_bytes());
            out.extend_from_slice(b": ");
            html_text(out, &d.message);
            out.extend_from_slice(b"</li>\n");
        }
        out.extend_from_slice(b"</ul>\n");
    }
    left_out(out, doc);
    out.extend_from_slice(b"</article>\n");
}

/// Title, date, authors, site and URL, when known.
fn meta(out: &mut Vec<u8>, doc: &Document) {
    let m = &doc.meta;
    let mut parts: Vec<(&str, String)> = Vec::new();
    if let Some(p) = &m.published {
        parts.push(("published", p.clone()));
    }
    if !m.authors.is_empty() {
        parts.push(("by", m.authors.join(", ")));
    }
    if let Some(s) = &m.site {
        parts.push(("site", s.clone()));
    }
    if parts.is_empty() && m.url.is_none() {
        return;
    }
    out.extend_from_slice(b"<p class=\"meta\">");
    for (i, (name, value)) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b" \xC2\xB7 ");
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b' ');
        html_text(out, value);
    }
    if let Some(url) = &m.url {
        if !parts.is_empty() {
            out.extend_from_slice(b" \xC2\xB7 ");
        }
        if url.starts_with("https://") || url.starts_with("http://") {
            out.extend_from_slice(b"<a href=\"");
            html_attribute(out, url);
            out.extend_from_slice(b"\">");
            html_text(out, url);
            out.extend_from_slice(b"</a>");
        } else {
            html_text(out, url);
        }
    }
    out.extend_from_slice(b"</p>\n");
}

/// One entity: `<mark data-label="PERSON" title="...">Peskov</mark>`.
fn mark(out: &mut Vec<u8>, doc_text: &str, e: &Entity) {
    out.extend_from_slice(b"<mark data-label=\"");
    out.extend_from_slice(e.label.as_str().as_bytes());
    out.extend_from_slice(b"\" title=\"");
    out.extend_from_slice(e.label.as_str().as_bytes());
    if let Some(c) = &e.canonical {
        out.extend_from_slice(b" \xE2\x86\x92 ");
        html_attribute(out, c);
    }
    if let Some(v) = &e.value {
        out.extend_from_slice(b" = ");
        html_attribute(out, v);
    }
    out.extend_from_slice(b" (");
    out.extend_from_slice(e.method.as_str().as_bytes());
    out.extend_from_slice(b")\">");
    html_text(out, e.span.get(doc_text).unwrap_or_default());
    out.extend_from_slice(b"</mark>");
}

/// The raw blocks that are not part of the clean text, folded: datelines and bylines (read into
/// the metadata) and boilerplate with cleanup's reason.
fn left_out(out: &mut Vec<u8>, doc: &Document) {
    let dropped: Vec<(&str, &str, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.verdict {
            Some(BlockVerdict::Boilerplate { reason }) => {
                Some(("boilerplate", &**reason, b.text.as_str()))
            }
            Some(v @ (BlockVerdict::Dateline | BlockVerdict::Byline)) => {
                Some((v.name(), "", b.text.as_str()))
            }
            _ => None,
        })
        .collect();
    if dropped.is_empty() {
        return;
    }
    out.extend_from_slice(b"<details><summary>");
    uint(out, dropped.len() as u64);
    out.extend_from_slice(b" raw blocks left out of the text</summary>\n<ol>\n");
    for (verdict, reason, block) in dropped {
        out.extend_from_slice(b"<li><span class=\"reason\">");
        out.extend_from_slice(verdict.as_bytes());
        if !reason.is_empty() {
            out.extend_from_slice(b": ");
            html_text(out, reason);
        }
        out.extend_from_slice(b"</span> ");
        html_text(out, block);
        out.extend_from_slice(b"</li>\n");
    }
    out.extend_from_slice(b"</ol></details>\n");
}

/// A record that could not be processed.
pub(crate) fn error(out: &mut Vec<u8>, record: &ErrorRecord<'_>) {
    id_line(out, record.id, &record.source.path);
    out.extend_from_slice(b"<p class=\"error\">not processed: ");
    html_text(out, record.stage);
    out.extend_from_slice(b": ");
    html_text(out, record.message);
    out.extend_from_slice(b"</p>\n</article>\n");
}

/// Opens an `<article>` with the record's id, and its file when that is not the id.
fn id_line(out: &mut Vec<u8>, id: &str, path: &str) {
    out.extend_from_slice(b"<article>\n<p class=\"id\">");
    html_text(out, id);
    if path != id {
        out.extend_from_slice(b" \xC2\xB7 ");
        html_text(out, path);
    }
    out.extend_from_slice(b"</p>\n");
}
