//! Page facts gathered during the pass for the metadata: `<meta>` tags, the canonical link,
//! `<time datetime>`, `<html lang>`, and the texts of `<title>`, JSON-LD scripts and
//! `rel=author` links (captured while their element is open).

use super::Builder;
use crate::html::text::fold_whitespace;

/// Head-level facts collected during the pass for [`crate::html::meta`].
#[derive(Debug, Default, Clone)]
pub(crate) struct PageFacts {
    /// `<meta>` key (lower-case `property`, `name` or an `itemprop` word) and `content`, in order.
    pub metas: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// Text of `<title>`.
    pub title: Option<String>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `datetime` attributes of `<time>` elements, in order.
    pub times: Vec<String>,
    /// Texts of links with `rel=author`.
    pub author_links: Vec<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
}

/// What a capture collects the text of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CaptureKind {
    Title,
    JsonLd,
    AuthorLink,
}

/// Text being collected for [`PageFacts`] until the element at `element` closes.
#[derive(Debug)]
pub(super) struct Capture {
    pub kind: CaptureKind,
    pub element: u32,
    pub text: String,
}

impl Builder {
    pub(super) fn store_capture(&mut self, capture: Capture) {
        let facts = &mut self.dom.facts;
        match capture.kind {
            CaptureKind::Title if facts.title.is_none() => {
                facts.title = Some(fold_whitespace(&capture.text))
            }
            CaptureKind::JsonLd => facts.json_ld.push(capture.text),
            CaptureKind::AuthorLink => {
                let name = fold_whitespace(&capture.text);
                if !name.is_empty() {
                    facts.author_links.push(name);
                }
            }
            CaptureKind::Title => {}
        }
    }

    pub(super) fn start_capture(&mut self, name: &str, id: u32) {
        let kind = match name {
            "title" if self.foreign_depth == 0 => CaptureKind::Title,
            "script"
                if self
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                CaptureKind::JsonLd
            }
            "a" if self.attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("author"))
            }) =>
            {
                CaptureKind::AuthorLink
            }
            _ => return,
        };
        self.captures.push(Capture {
            kind,
            element: id,
            text: String::new(),
        });
    }

    pub(super) fn collect_facts(&mut self, name: &str) {
        match name {
            "meta" => {
                // One entry per key the tag carries: `property`, `name`, each `itemprop` word.
                let Some(value) = self.attr("content").or_else(|| self.attr("datetime")) else {
                    return;
                };
                let value = value.trim().to_owned();
                let keys = [self.attr("property"), self.attr("name")]
                    .into_iter()
                    .flatten()
                    .chain(
                        self.attr("itemprop")
                            .into_iter()
                            .flat_map(str::split_ascii_whitespace),
                    )
                    .map(|k| k.trim().to_ascii_lowercase())
                    .filter(|k| !k.is_empty())
                    .collect::<Vec<_>>();
                for key in keys {
                    self.dom.facts.metas.push((key, value.clone()));
                }
            }
            "link" => {
                let rel = self.attr("rel").unwrap_or("");
                if rel.eq_ignore_ascii_case("canonical") && self.dom.facts.canonical.is_none() {
                    self.dom.facts.canonical = self.attr("href").map(|h| h.trim().to_owned());
                }
            }
            "time" => {
                if let Some(dt) = self.attr("datetime") {
                    self.dom.facts.times.push(dt.trim().to_owned());
                }
            }
            _ => {}
        }
    }
}
