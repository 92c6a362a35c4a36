//! Find the article in a page.
//!
//! The cleanup stage decides, for every block of a page (a line of a text dump, a block element
//! of an HTML page), what it is — headline, standfirst, body paragraph, subheading, dateline,
//! byline, caption, or boilerplate with the reason — and builds the clean [`Document::text`]:
//! headline, standfirst and body paragraphs separated by blank lines. Each clean paragraph names
//! the raw block it came from ([`newspipe_model::Paragraph::blocks`]), and each block keeps its
//! verdict ([`newspipe_model::Block::verdict`]) so a user can see why a line was dropped.
//!
//! One classifier serves text dumps and HTML (the README explains it step by step): per-block
//! text features (length, punctuation, function words, capitals, repetition, dates, bylines,
//! boilerplate phrases from `data/`), HTML hints when the reader provides them (link density,
//! landmarks, `content_score`, headings), then the densest run of prose blocks as the article
//! core, then roles (headline, standfirst, dateline, byline, captions). It also fills [`Meta`] (title,
//! subtitle, ISO 8601 published date, authors, site) and normalises text ([`normalize`]).
//! A [`SiteProfile`] learnt over a corpus ([`ProfileBuilder`]) removes lines that recur across a
//! site's pages.
//!
//! ```
//! use newspipe_cleanup::{Cleaner, CleanerConfig};
//! use newspipe_model::{Document, ParagraphKind, Source, Stage};
//!
//! let page = "Home\nNews\nSport\n\nRivers rise after a week of storms\n\n\
//!     19 Nov, 2019 08:30\n\n\
//!     Heavy rain has pushed the river above its banks in three towns, officials said on Tuesday.\n\n\
//!     Residents were told to move cars away from the water, and schools will stay closed until the level falls.\n\n\
//!     Share this article\nContact us\n";
//! let mut doc = Document::from_text("d1", Source::new("page.txt", "txt", 0), page);
//! Cleaner::new(CleanerConfig::default()).process(&mut doc).unwrap();
//! assert_eq!(doc.meta.title.as_deref(), Some("Rivers rise after a week of storms"));
//! assert_eq!(doc.meta.published.as_deref(), Some("2019-11-19T08:30"));
//! assert_eq!(doc.paragraphs_of(ParagraphKind::Body).count(), 2);
//! assert!(!doc.text.contains("Share this"));
//! ```

pub mod byline;
mod classify;
pub mod dates;
pub mod eval;
pub mod features;
mod lexicon;
pub mod normalize;
pub mod profile;

pub use profile::{ProfileBuilder, ProfileOptions, SiteProfile};

use classify::BlockInfo;
use fnv::FnvHashMap;
use newspipe_model::{
    Block, BlockVerdict, Document, Meta, Paragraph, ParagraphKind, SourceFormat, Span, Stage,
    StageError,
};
use std::borrow::Cow;
use std::sync::Arc;

/// Settings of the [`Cleaner`].
#[derive(Debug, Clone, Default)]
pub struct CleanerConfig {
    /// Lines known to recur across the pages of each site (learnt with [`ProfileBuilder`]);
    /// they are dropped as boilerplate.
    pub profile: Option<Arc<SiteProfile>>,
    /// Leave subheadings out of the clean text (by default they are kept, as paragraphs of kind
    /// [`ParagraphKind::Subheading`]).
    pub drop_subheadings: bool,
}

/// The cleanup stage: `Cleaner::new(config).process(&mut doc)`.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    config: CleanerConfig,
}

impl Cleaner {
    /// A cleaner with the given settings.
    pub fn new(config: CleanerConfig) -> Self {
        Cleaner { config }
    }

    /// Cleans one document (the same as [`Stage::process`], which never fails for this stage).
    pub fn clean(&self, doc: &mut Document) {
        self.clean_explained(doc);
    }

    /// Cleans one document and returns, for each block, how the classifier saw it on its own
    /// (its quality class and its contribution to the article mass). The verdicts themselves are
    /// on [`Document::blocks`].
    pub fn clean_explained(&self, doc: &mut Document) -> Vec<BlockReport> {
        if doc.blocks.is_empty() && !doc.raw.is_empty() {
            doc.blocks = Block::lines(&doc.raw);
        }
        let site = profile::site_key(doc);
        let html = doc.source.format == SourceFormat::Html;
        let infos = analyse(
            &doc.blocks,
            &doc.raw,
            html,
            self.config.profile.as_deref(),
            &site,
        );
        let meta_title = doc.meta.title.clone();
        let result = classify::classify(&infos, meta_title.as_deref());

        let mut text = String::new();
        let mut paragraphs = Vec::new();
        let mut push = |kind: ParagraphKind, i: usize, s: &str| {
            if s.is_empty() {
                return;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(s);
            paragraphs.push(Paragraph {
                span: Span::new(start, text.len()),
                kind,
                blocks: i as u32..i as u32 + 1,
            });
        };
        for (i, verdict) in result.verdicts.iter().enumerate() {
            let kind = match verdict {
                Some(BlockVerdict::Title) => ParagraphKind::Title,
                Some(BlockVerdict::Standfirst) => ParagraphKind::Standfirst,
                Some(BlockVerdict::Body) => ParagraphKind::Body,
                Some(BlockVerdict::Subheading) if !self.config.drop_subheadings => {
                    ParagraphKind::Subheading
                }
                _ => continue,
            };
            push(kind, i, &infos[i].text);
        }

        fill_meta(&mut doc.meta, &result, &infos);
        let placeholders: u32 = infos.iter().map(|b| b.email_placeholders).sum();
        let repairs: u32 = infos.iter().map(|b| b.mojibake_repairs).sum();
        drop(infos);
        for (block, verdict) in doc.blocks.iter_mut().zip(result.verdicts.iter()) {
            block.verdict = verdict.clone();
        }
        doc.text = text;
        doc.paragraphs = paragraphs;
        if placeholders > 0 {
            doc.warn(
                "cleanup",
                format!(
                    "removed {placeholders} obfuscated e-mail placeholder(s) ([email protected])"
                ),
            );
        }
        if repairs > 0 {
            doc.warn(
                "cleanup",
                format!("repaired {repairs} mojibake sequence(s)"),
            );
        }
        if doc.paragraphs_of(ParagraphKind::Body).next().is_none() {
            doc.warn("cleanup", "no article body found");
        }
        result
            .qualities
            .iter()
            .zip(&result.masses)
            .map(|(q, &mass)| BlockReport {
                quality: q.name(),
                mass,
            })
            .collect()
    }
}

/// How the classifier saw one block on its own (see [`Cleaner::clean_explained`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlockReport {
    /// `good` / `medium` prose, `short` text, `table-row`, `bad` (boilerplate) or `section-end`
    /// (a share bar, comments header or copyright line that closes the article).
    pub quality: &'static str,
    /// Contribution to the article mass: positive for prose, negative for page furniture. The
    /// article core is the run of blocks with the greatest total.
    pub mass: f32,
}

impl Stage for Cleaner {
    fn name(&self) -> &'static str {
        "cleanup"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        self.clean(doc);
        Ok(())
    }
}

fn analyse<'a>(
    blocks: &'a [Block],
    raw: &str,
    html: bool,
    profile: Option<&SiteProfile>,
    site: &str,
) -> Vec<BlockInfo<'a>> {
    let html = html || blocks.iter().any(|b| b.hints.tag.is_some());
    let mut out: Vec<BlockInfo<'a>> = blocks
        .iter()
        .map(|block| {
            let n = normalize::normalize(&block.text);
            let (f, hash) = features::features_and_hash(&n.text);
            // Text that normalising left as it was has no tabs or double spaces: one cell.
            let table_cells = match n.text {
                Cow::Borrowed(t) => u32::from(!t.is_empty()),
                Cow::Owned(_) => table_cells(&block.text),
            };
            BlockInfo {
                f,
                hints: &block.hints,
                hash,
                repeats: 1,
                site_recurring: profile.is_some_and(|p| p.contains_hash(site, hash)),
                blank_before: true,
                blank_after: true,
                text: n.text,
                email_placeholders: n.email_placeholders,
                mojibake_repairs: n.mojibake_repairs,
                table_cells,
            }
        })
        .collect();
    // Line hashes are FNV-1a values already: FNV again is cheaper than SipHash for the map.
    let mut counts: FnvHashMap<u64, u32> =
        FnvHashMap::with_capacity_and_hasher(out.len(), Default::default());
    for a in &out {
        *counts.entry(a.hash).or_insert(0) += 1;
    }
    for a in &mut out {
        a.repeats = counts[&a.hash];
    }
    if !html {
        // In a text dump, a blank line separates paragraphs; lines of menus and lists follow
        // each other directly.
        for i in 1..out.len() {
            let gap = raw
                .get(blocks[i - 1].raw.end..blocks[i].raw.start)
                .unwrap_or("\n\n");
            let blank = gap.bytes().filter(|&b| b == b'\n').count() >= 2;
            out[i - 1].blank_after = blank;
            out[i].blank_before = blank;
        }
    }
    out
}

/// Cells of a text-dump table row: runs of two or more spaces (or tabs) separate columns.
fn table_cells(line: &str) -> u32 {
    let line = line.trim();
    if line.is_empty() {
        return 0;
    }
    if !line.contains("  ") && !line.contains('\t') {
        return 1;
    }
    let b = line.as_bytes();
    let mut cells = 1;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\t' || b[i] == b' ' && b.get(i + 1) == Some(&b' ') {
            cells += 1;
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    cells
}

/// Fills metadata from the classification; values the input already carried (e.g. HTML `<meta>`
/// tags) are kept unless the page's own headline is a cleaner form of the same title.
fn fill_meta(meta: &mut Meta, result: &classify::Classification, infos: &[BlockInfo<'_>]) {
    if let Some(t) = result.title {
        let headline = infos[t].text.to_string();
        let replace = match meta.title.as_deref() {
            None => true,
            // `Headline | Site` from <title>: the headline alone is cleaner.
            Some(m) => m.len() > headline.len() && contains_tokens(m, &headline),
        };
        if replace {
            meta.title = Some(headline);
        }
    }
    if meta.subtitle.is_none() {
        meta.subtitle = result.standfirst.map(|s| infos[s].text.to_string());
    }
    if meta.published.is_none() {
        meta.published.clone_from(&result.published);
    }
    if meta.authors.is_empty() {
        meta.authors.clone_from(&result.authors);
    }
    if meta.site.is_none() {
        meta.site = meta.url.as_deref().and_then(profile::host_of);
    }
}

/// Lower-case word tokens of a text.
pub(crate) fn text_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when the word tokens of `needle` occur in order, contiguously, in `hay`.
fn contains_tokens(hay: &str, needle: &str) -> bool {
    let h = text_tokens(hay);
    let n = text_tokens(needle);
    !n.is_empty() && h.windows(n.len()).any(|w| w == n.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use newspipe_model::{BlockHints, Source};

    const P1: &str = "The council voted on Tuesday to fund a new bridge across the river, ending a debate that has lasted for more than a decade in the town.";
    const P2: &str = "Construction is expected to begin next spring, and the bridge should open to walkers and cyclists by the end of the following year.";
    const P3: &str = "The mayor said the vote was a victory for residents of both banks, who have waited a long time for a safe way to cross the water.";

    fn clean(text: &str) -> Document {
        let mut doc = Document::from_text("t", Source::new("t.txt", "txt", 0), text);
        Cleaner::default().clean(&mut doc);
        doc
    }

    fn body(doc: &Document) -> Vec<&str> {
        doc.paragraphs_of(ParagraphKind::Body)
            .map(|p| doc.span_text(p.span))
            .collect()
    }

    #[test]
    fn comment_thread_after_the_article_is_dropped() {
        let comment = "I have lived here for thirty years and I think this bridge is a waste of money that the town will regret for a very long time to come.";
        let page = format!(
            "Bridge approved after decade of debate\n\n{P1}\n\n{P2}\n\n{P3}\n\n14 Comments\n\njohn_d says:\n\nNovember 19, 2019 at 6:34 am\n\n{comment}\n\nmary99 says:\n\nNovember 19, 2019 at 7:02 am\n\n{comment} Really.\n"
        );
        let doc = clean(&page);
        assert_eq!(body(&doc), [P1, P2, P3]);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Bridge approved after decade of debate")
        );
    }

    #[test]
    fn table_rows_inside_the_article_are_kept() {
        let page = format!("Results\n\n{P1}\n\nTeam      Won   Lost\nRiver FC   10      2\nTown FC     8      4\n\n{P2}\n\n{P3}\n");
        let doc = clean(&page);
        let b = body(&doc);
        assert!(b.contains(&"Team Won Lost"), "{b:?}");
        assert!(b.contains(&"River FC 10 2"), "{b:?}");
    }

    #[test]
    fn html_hints_decide_membership_and_short_paragraphs_inside_count() {
        let mut doc = Document::new("h", Source::new("h.html", "html", 0));
        let texts = [
            ("Bridge approved", 1u8, 0.2f32),
            (P1, 0, 0.9),
            ("Yes.", 0, 0.7),
            (P2, 0, 0.9),
            (P3, 0, 0.1),
        ];
        for (text, level, score) in texts {
            let mut block = Block::new(text, Span::default());
            block.hints = BlockHints {
                tag: Some(if level > 0 { "h1" } else { "p" }.into()),
                heading_level: level,
                content_score: Some(score),
                ..BlockHints::default()
            };
            doc.blocks.push(block);
        }
        Cleaner::default().clean(&mut doc);
        assert_eq!(body(&doc), [P1, "Yes.", P2]);
        assert_eq!(doc.meta.title.as_deref(), Some("Bridge approved"));
        assert_eq!(
            doc.blocks[4].verdict,
            Some(BlockVerdict::boilerplate(
                "outside the main content element"
            ))
        );
    }

    #[test]
    fn html_title_with_site_suffix_gives_way_to_the_headline() {
        let page = format!("Bridge approved after decade of debate\n\n{P1}\n\n{P2}\n");
        let mut doc = Document::from_text("t", Source::new("t.txt", "txt", 0), page);
        doc.meta.title = Some("Bridge approved after decade of debate | Valley Press".into());
        Cleaner::default().clean(&mut doc);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Bridge approved after decade of debate")
        );
    }

    #[test]
    fn empty_and_blank_documents_do_not_panic() {
        for text in ["", "\n\n  \n", "\u{FEFF}", "[email\u{A0}protected]"] {
            let doc = clean(text);
            assert!(body(&doc).is_empty());
        }
    }
}
