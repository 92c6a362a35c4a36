//! Plain-text page dumps and the documents built from decoded text or HTML.

use crate::html::parse_page;
use newspipe_model::{Block, Document, Meta, Source};

/// Cuts a plain-text page into blocks, one per non-empty line ([`Block::lines`]).
///
/// ```
/// let blocks = newspipe_ingest::text_blocks("Title\r\n\nFirst line.\n");
/// assert_eq!(blocks.len(), 2);
/// assert_eq!(blocks[1].text, "First line.");
/// ```
pub fn text_blocks(text: &str) -> Vec<Block> {
    Block::lines(text)
}

/// A document from plain text: `raw` and `text` are the text, `blocks` its lines.
pub(crate) fn text_document(id: String, source: Source, text: String) -> Document {
    let mut doc = Document::from_text(id, source, text);
    doc.blocks = text_blocks(&doc.raw);
    if doc.blocks.is_empty() {
        doc.warn("ingest", "no text: the input holds only white space");
    }
    doc
}

/// A document from an HTML page: `raw` is the HTML, `blocks` and `meta` come from the HTML
/// reader, `text` is the block texts joined by blank lines. Values in `known` (from a JSON
/// record or WARC headers) take precedence over what the page itself says.
pub(crate) fn html_document(id: String, source: Source, html: String, known: Meta) -> Document {
    let page = parse_page(&html);
    let mut doc = Document::new(id, source);
    doc.text = join_blocks(&page.blocks);
    doc.blocks = page.blocks;
    doc.meta = page.meta;
    doc.raw = html;
    overlay_meta(&mut doc.meta, known);
    if doc.blocks.is_empty() {
        doc.warn("ingest", "no text: the HTML page has no text blocks");
    }
    doc
}

/// Block texts separated by blank lines.
fn join_blocks(blocks: &[Block]) -> String {
    let mut text = String::with_capacity(blocks.iter().map(|b| b.text.len() + 2).sum());
    for block in blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&block.text);
    }
    text
}

/// Sets every field of `meta` that `known` has.
pub(crate) fn overlay_meta(meta: &mut Meta, known: Meta) {
    let Meta {
        title,
        subtitle,
        published,
        authors,
        url,
        site,
        language,
    } = known;
    for (slot, value) in [
        (&mut meta.title, title),
        (&mut meta.subtitle, subtitle),
        (&mut meta.published, published),
        (&mut meta.url, url),
        (&mut meta.site, site),
        (&mut meta.language, language),
    ] {
        if value.is_some() {
            *slot = value;
        }
    }
    if !authors.is_empty() {
        meta.authors = authors;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_point_into_the_text() {
        let text = "  UI chrome\r\n\n   \nBody para.\nlast";
        let blocks = text_blocks(text);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["  UI chrome", "Body para.", "last"]);
        for b in &blocks {
            assert_eq!(&text[b.raw.range()], b.text);
        }
    }

    #[test]
    fn html_document_joins_blocks_and_overlays_known_meta() {
        let known = Meta {
            url: Some("https://example.com/a".into()),
            ..Meta::default()
        };
        let doc = html_document(
            "x".into(),
            Source::new("x.html", "html", 0),
            "<html><body><h1>Head</h1><p>One para.</p><p>Two para.</p></body></html>".into(),
            known,
        );
        assert_eq!(doc.text, "Head\n\nOne para.\n\nTwo para.");
        assert_eq!(doc.meta.url.as_deref(), Some("https://example.com/a"));
        assert!(doc.raw.starts_with("<html>"));
    }

    #[test]
    fn pages_without_text_get_a_warning() {
        let doc = text_document("t".into(), Source::default(), " \n\t\n".into());
        assert!(doc.diagnostics[0].message.starts_with("no text"));
        let doc = html_document(
            "h".into(),
            Source::default(),
            "<html><head><script>x()</script></head><body></body></html>".into(),
            Meta::default(),
        );
        assert!(doc.diagnostics[0].message.starts_with("no text"));
        let doc = text_document("t".into(), Source::default(), "words".into());
        assert!(doc.diagnostics.is_empty());
    }
}
