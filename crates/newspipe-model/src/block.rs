use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One block of the raw input: a line of a plain-text page dump, or a block-level element of an
/// HTML page (paragraph, heading, list item, table cell, ...).
///
/// Ingest creates blocks; cleanup sets [`Block::verdict`]. The block list is the provenance layer:
/// each clean [`crate::Paragraph`] names the block indices it was built from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Block {
    /// The block's text as decoded (HTML entities resolved, whitespace inside the block folded for
    /// HTML; the line as written for text dumps, without its line break).
    pub text: String,
    /// Where the block sits in [`crate::Document::raw`] (byte offsets). For HTML this covers the
    /// element's source markup; for text dumps exactly the line.
    pub raw: Span,
    /// Layout hints that the input format provides (empty for plain text).
    pub hints: BlockHints,
    /// What cleanup decided this block is; `None` until cleanup runs.
    pub verdict: Option<BlockVerdict>,
}

impl Block {
    /// A block with no hints and no verdict.
    pub fn new(text: impl Into<String>, raw: Span) -> Self {
        Block {
            text: text.into(),
            raw,
            hints: BlockHints::default(),
            verdict: None,
        }
    }

    /// The blocks of a plain-text page: one per line that holds more than white space. A block's
    /// [`Block::raw`] span covers its line without the line break (`\n` or `\r\n`), so
    /// `&text[block.raw.range()] == block.text`.
    ///
    /// ```
    /// let blocks = newspipe_model::Block::lines("Title\r\n\nFirst line.\n");
    /// assert_eq!(blocks.len(), 2);
    /// assert_eq!(blocks[1].text, "First line.");
    /// assert_eq!((blocks[1].raw.start, blocks[1].raw.end), (8, 19));
    /// ```
    pub fn lines(text: &str) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if !content.trim().is_empty() {
                blocks.push(Block::new(content, Span::new(start, start + content.len())));
            }
            start += line.len();
        }
        blocks
    }
}

/// Structural hints about a block, filled in by the HTML reader (plain text leaves the defaults).
///
/// Cleanup uses them as extra features on top of the text-only features; a block without hints
/// is classified from its text alone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BlockHints {
    /// Lower-case name of the element that produced the block (`p`, `h1`, `li`, `td`, ...).
    pub tag: Option<Cow<'static, str>>,
    /// 1–6 for `h1`–`h6`, 0 otherwise.
    pub heading_level: u8,
    /// Share of the block's characters that sit inside links (`0.0..=1.0`).
    pub link_density: f32,
    /// Inside a `ul`/`ol`/`dl`.
    pub in_list: bool,
    /// Inside a `table`.
    pub in_table: bool,
    /// The nearest page landmark around the block (`nav`, `footer`, `article`, ...), if any.
    pub landmark: Option<Landmark>,
    /// Evidence from the `class`/`id` names of the block and its ancestors: negative for names
    /// that suggest boilerplate (`comment`, `share`, `related`, `footer`, ...), positive for
    /// names that suggest the article (`article-body`, `story`, `content`, ...).
    pub class_signal: i8,
    /// Depth of the element in the DOM tree.
    pub depth: u16,
    /// An identifier of the block's parent container: blocks with the same value are siblings
    /// in one container (used to find the main content container of a page).
    pub container: u32,
    /// Page-level likelihood (`0.0..=1.0`) that the block belongs to the main content
    /// container, computed by the reader from the whole DOM; `None` when unknown.
    pub content_score: Option<f32>,
}

/// An HTML landmark element (or ARIA role) that encloses a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Landmark {
    Nav,
    Header,
    Footer,
    Aside,
    Form,
    Article,
    Main,
}

/// The cleanup stage's decision about one block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockVerdict {
    /// The headline.
    Title,
    /// The standfirst / subtitle / lead under the headline.
    Standfirst,
    /// A paragraph of the article body.
    Body,
    /// A subheading inside the article body.
    Subheading,
    /// The publication date line.
    Dateline,
    /// The author line.
    Byline,
    /// An image or video caption.
    Caption,
    /// Anything that is not part of the article, with the reason it was dropped.
    Boilerplate { reason: Cow<'static, str> },
}

impl BlockVerdict {
    /// A boilerplate verdict with a static reason (no allocation).
    pub const fn boilerplate(reason: &'static str) -> Self {
        BlockVerdict::Boilerplate {
            reason: Cow::Borrowed(reason),
        }
    }

    /// Short lower-case name of the verdict (`title`, `body`, `boilerplate`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            BlockVerdict::Title => "title",
            BlockVerdict::Standfirst => "standfirst",
            BlockVerdict::Body => "body",
            BlockVerdict::Subheading => "subheading",
            BlockVerdict::Dateline => "dateline",
            BlockVerdict::Byline => "byline",
            BlockVerdict::Caption => "caption",
            BlockVerdict::Boilerplate { .. } => "boilerplate",
        }
    }
}
