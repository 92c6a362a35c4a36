//! The HTML reader: turns a page into text blocks with layout hints and page metadata.
//!
//! Parsing uses [html5gum], a WHATWG-compliant tokenizer that reports the exact byte span of
//! every token, driving a stack of open elements that applies the implied end-tag rules of HTML
//! tree construction (see `html/dom.rs`). Blocks are the page's block-level text units in document
//! order (paragraphs, headings, list items, table cells, `div`s with direct text, `<br>`-separated
//! runs, captions); the content of `script`, `style`, `noscript`, `template`, `svg`, `iframe`,
//! form controls and hidden elements is skipped. Each block carries [`BlockHints`], including a
//! page-level `content_score` (see `html/score.rs`).
//!
//! ```
//! use newspipe_ingest::html::parse_page;
//!
//! let page = parse_page(
//!     r#"<html lang="en-GB"><head><meta property="og:title" content="Rain returns">
//!        </head><body><nav><a href="/">Home</a></nav>
//!        <article class="story-body"><h1>Rain returns</h1>
//!        <p>Rain fell on Tuesday, the first time in weeks &amp; a relief for farmers.</p>
//!        </article></body></html>"#,
//! );
//! assert_eq!(page.meta.title.as_deref(), Some("Rain returns"));
//! assert_eq!(page.meta.language.as_deref(), Some("en"));
//! let body = page.blocks.iter().find(|b| b.hints.tag.as_deref() == Some("p")).unwrap();
//! assert_eq!(body.text, "Rain fell on Tuesday, the first time in weeks & a relief for farmers.");
//! assert!(body.hints.content_score.unwrap() > 0.5);
//! let nav = &page.blocks[0];
//! assert_eq!(nav.text, "Home");
//! assert_eq!(nav.hints.link_density, 1.0);
//! ```

mod dom;
mod meta;
mod score;
mod signals;
mod tags;
mod text;

use newspipe_model::{Block, BlockHints, Landmark, Meta, Span};

/// A parsed page: its blocks in document order and its metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlPage {
    /// Block-level text units in document order, with hints; verdicts are left empty.
    pub blocks: Vec<Block>,
    /// Title, published date, authors, canonical URL, site name and language.
    pub meta: Meta,
}

/// What each element inherits from its ancestors (itself included).
#[derive(Debug, Clone, Copy, Default)]
struct Inherited {
    in_list: bool,
    in_table: bool,
    landmark: Option<Landmark>,
}

/// Parses an HTML page (already decoded to UTF-8) into blocks and metadata. Never panics: any
/// input, however malformed, gives a (possibly empty) page.
pub fn parse_page(html: &str) -> HtmlPage {
    let dom = dom::build(html);
    let evidence: Vec<score::BlockEvidence> = dom
        .blocks
        .iter()
        .map(|b| score::block_evidence(b, &dom.elements[b.element as usize]))
        .collect();
    let scores = score::content_scores(&dom, &evidence);

    let mut inherited = vec![Inherited::default(); dom.elements.len()];
    for (id, el) in dom.elements.iter().enumerate() {
        let parent = if id == 0 {
            Inherited::default()
        } else {
            inherited[el.parent as usize]
        };
        inherited[id] = Inherited {
            in_list: parent.in_list
                || matches!(&*el.name, "ul" | "ol" | "dl" | "li" | "dd" | "dt" | "menu"),
            in_table: parent.in_table || matches!(&*el.name, "table" | "td" | "th"),
            landmark: el.landmark.or(parent.landmark),
        };
    }

    let mut first_h1 = None;
    let mut blocks = Vec::with_capacity(dom.blocks.len());
    for ((raw, ev), content_score) in dom.blocks.into_iter().zip(&evidence).zip(scores) {
        let el = &dom.elements[raw.element as usize];
        let inh = inherited[raw.element as usize];
        if el.kind.heading == 1 && first_h1.is_none() {
            first_h1 = Some(raw.text.clone());
        }
        let hints = BlockHints {
            tag: Some(el.name.clone()),
            heading_level: el.kind.heading,
            link_density: ev.link_density,
            in_list: inh.in_list,
            in_table: inh.in_table,
            landmark: inh.landmark,
            class_signal: chain_signal(&dom.elements, raw.element),
            depth: el.depth,
            container: if raw.whole { el.parent } else { raw.element },
            content_score: Some(content_score),
        };
        blocks.push(Block {
            text: raw.text,
            raw: Span::new(raw.start, raw.end.max(raw.start)),
            hints,
            verdict: None,
        });
    }
    let meta = meta::page_meta(&dom.facts, first_h1.as_deref());
    HtmlPage { blocks, meta }
}

/// The class signal of an element and its ancestors, nearest names counting most: the nearest
/// element with a non-zero signal counts 16 times, the next one 4 times, the others once, so the
/// sign follows the nearest named element (a share bar inside an article body is negative).
fn chain_signal(elements: &[dom::Element], mut id: u32) -> i8 {
    let mut total = 0i32;
    let mut weight = 16;
    loop {
        let el = &elements[id as usize];
        if el.own_signal != 0 {
            total += weight * el.own_signal as i32;
            weight = (weight / 4).max(1);
        }
        if id == dom::ROOT {
            break;
        }
        id = el.parent;
    }
    total.clamp(i8::MIN as i32, i8::MAX as i32) as i8
}

#[cfg(test)]
mod tests;
