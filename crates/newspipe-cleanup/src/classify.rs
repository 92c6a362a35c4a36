//! The block classifier: one design for text dumps and HTML.
//!
//! 1. **Quality** of each block from its own features ([`quality`]): `Good` prose, `Medium`
//!    prose, `Short` text, or `Bad` (boilerplate, with the reason). HTML hints (link density,
//!    landmarks) add evidence here.
//! 2. **Mass** of each block ([`mass`]): words of prose count for the article, short and bad
//!    blocks against it; HTML's `content_score` and `class_signal` scale it.
//! 3. **Core**: the run of blocks with the greatest total mass (maximum-sum subarray) is the
//!    article body, as in boilerpipe's / jusText's densest-region idea. Blocks outside it are
//!    boilerplate; inside it, prose is body, short lines between body blocks are kept as body or
//!    subheadings (jusText's context rule), bad blocks are dropped.
//! 4. **Roles** before and at the start of the core: headline, standfirst, dateline, byline;
//!    the headline repeated later (a caption) is marked as a caption.

use crate::features::TextFeatures;
use newspipe_model::{BlockHints, BlockVerdict, Landmark};
use std::borrow::Cow;

/// Everything the classifier knows about one block.
#[derive(Debug, Clone)]
pub(crate) struct BlockInfo<'a> {
    /// Normalised text.
    pub text: Cow<'a, str>,
    pub f: TextFeatures,
    pub hints: &'a BlockHints,
    /// Line hash (see [`crate::features::line_hash`]).
    pub hash: u64,
    /// How often the same line occurs on the page.
    pub repeats: u32,
    /// The line is in the site profile.
    pub site_recurring: bool,
    /// A blank line (or a block boundary in HTML) separates it from the previous/next block.
    pub blank_before: bool,
    pub blank_after: bool,
    /// Cloudflare e-mail placeholders removed by normalisation.
    pub email_placeholders: u32,
    /// Mojibake sequences repaired by normalisation.
    pub mojibake_repairs: u32,
    /// Table cells in the raw line (runs of two or more spaces or tabs separate them).
    pub table_cells: u32,
}

/// The quality class of a block on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quality {
    Good,
    Medium,
    Short,
    /// A row of a table (text dumps keep columns apart with runs of spaces).
    TableRow,
    Bad(&'static str),
    /// Closes a section of the page (share bar, comments, related stories).
    SectionEnd(&'static str),
}

impl Quality {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Quality::Good => "good",
            Quality::Medium => "medium",
            Quality::Short => "short",
            Quality::TableRow => "table-row",
            Quality::Bad(_) => "bad",
            Quality::SectionEnd(_) => "section-end",
        }
    }
}

/// What the classifier decided for the page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Classification {
    pub verdicts: Vec<Option<BlockVerdict>>,
    pub title: Option<usize>,
    pub standfirst: Option<usize>,
    /// The first dateline's date (ISO 8601).
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// Each block's quality and mass (for explanations).
    pub qualities: Vec<Quality>,
    pub masses: Vec<f32>,
}

fn in_chrome_landmark(h: &BlockHints) -> bool {
    matches!(
        h.landmark,
        Some(Landmark::Nav | Landmark::Footer | Landmark::Aside | Landmark::Form)
    )
}

/// Quality of a block from its own features.
pub(crate) fn quality(b: &BlockInfo<'_>) -> Quality {
    let f = &b.f;
    let h = b.hints;
    if b.site_recurring {
        return Quality::Bad("recurs on many pages of the site");
    }
    if f.words == 0 {
        return Quality::Bad("no words");
    }
    if h.link_density >= 0.5 && f.words < 60 || h.link_density >= 0.8 {
        return Quality::Bad("mostly link text");
    }
    if let Some((_, phrase)) = f.section {
        if f.words < 15 {
            return Quality::SectionEnd(phrase);
        }
    }
    if let Some((weight, phrase)) = f.phrase.or(f.section) {
        // One strong phrase marks a short block; a longer one (a notice that reads like prose,
        // "Dear readers! ... commenting policy") needs two, so that an article sentence that
        // happens to say "sign up for the" survives.
        let strong = weight == 2 && (f.words < 40 || f.strong_phrases >= 2 && f.words < 120);
        if strong || f.words < 8 {
            return Quality::Bad(phrase_reason(phrase));
        }
    }
    if f.date.is_some() && f.date_share >= 0.5 {
        return Quality::Bad("date line");
    }
    if f.byline.is_some() {
        return Quality::Bad("byline");
    }
    if f.caption_marker && f.words < 70 {
        return Quality::Bad("caption or photo credit");
    }
    if b.table_cells >= 3 && f.words >= 3 {
        return Quality::TableRow;
    }
    let chrome = in_chrome_landmark(h);
    let prose_words = if chrome { 40 } else { 15 };
    let punctuated = f.sentence_ends + f.commas;
    if f.words >= prose_words
        && f.cap_ratio < 0.7
        && (f.stop_ratio >= 0.15 || f.terminal && punctuated >= 2 || f.commas >= 2)
        || f.words >= 40 && f.cap_ratio < 0.6 && punctuated * 25 >= f.words
        || f.words >= 15 && f.cap_ratio < 0.6 && f.sentence_ends >= 2
        // A long comma-separated list of names (a squad, a cast) inside an article.
        || f.words >= 40 && f.commas * 6 >= f.words && f.stop_ratio < 0.3 && f.terminal
    {
        return Quality::Good;
    }
    if !chrome
        && f.words >= 6
        && (f.terminal && f.cap_ratio < 0.8 || f.stop_ratio >= 0.25 && f.words >= 10)
    {
        return Quality::Medium;
    }
    Quality::Short
}

/// Boilerplate reasons are `'static`; phrases come from the static phrase list.
fn phrase_reason(phrase: &'static str) -> &'static str {
    phrase
}

/// The negative mass of a section end (share bar, comments header, related stories).
const SECTION_END_MASS: f32 = 50.0;

/// A block's contribution to the article mass.
pub(crate) fn mass(b: &BlockInfo<'_>, q: Quality) -> f32 {
    let words = b.f.words as f32;
    let base = match q {
        Quality::Good => words,
        Quality::Medium => words * 0.6,
        Quality::Short => -(2.0 + 0.3 * words.min(20.0)),
        Quality::TableRow => 0.3 * words,
        Quality::Bad(_) => -(8.0 + words.min(60.0)),
        Quality::SectionEnd(_) if b.f.section.is_some_and(|(w, _)| w >= 5) => {
            -4.0 * SECTION_END_MASS
        }
        Quality::SectionEnd(_) => -SECTION_END_MASS,
    };
    let h = b.hints;
    if let Some(score) = h.content_score {
        // The HTML reader has judged the block against the whole DOM (main container, boilerplate
        // elements around it): that judgement sets the sign, the text sets the weight.
        let evidence = (score.clamp(0.0, 1.0) - CONTENT_THRESHOLD) * 4.0;
        let weight = words.clamp(3.0, 80.0);
        let text = if base > 0.0 { base * 0.3 } else { base * 0.5 };
        return evidence * weight + text;
    }
    let mut scale = 1.0;
    if base > 0.0 {
        scale *= (1.0 + 0.15 * f32::from(h.class_signal)).clamp(0.3, 1.6);
        if in_chrome_landmark(h) {
            scale *= 0.2;
        }
    }
    base * scale
}

/// HTML blocks whose `content_score` is below this are outside the main content.
const CONTENT_THRESHOLD: f32 = 0.5;

/// Once a page has shown an article's worth of prose, a comment-section marker (`N comments`,
/// `Leave a reply`, `says:`) or a date line means the prose that follows is readers' comments: it keeps only a
/// fraction of its mass, so that a long comment thread cannot outweigh the article.
fn discount_comment_section(blocks: &[BlockInfo<'_>], masses: &mut [f32]) {
    const ARTICLE_SEEN: f32 = 80.0;
    let mut seen = 0.0;
    let mut in_comments = false;
    for (b, m) in blocks.iter().zip(masses.iter_mut()) {
        if in_comments && *m > 0.0 {
            *m *= 0.25;
        }
        if *m > 0.0 {
            seen += *m;
        }
        let comment_marker = b.f.section.is_some_and(|(w, _)| w >= 4) && b.f.words < 15;
        // A date line after the article's text: the page has moved on to a list of dated items
        // (comments, teasers of other stories).
        let dated_item = b.f.date.is_some() && b.f.date_share >= 0.5 && b.f.words <= 12;
        if seen >= ARTICLE_SEEN && (comment_marker || dated_item) {
            in_comments = true;
        }
    }
}

/// The maximum-sum run `start..end` of `masses` (empty when every mass is negative).
pub(crate) fn densest_run(masses: &[f32]) -> (usize, usize) {
    let (mut best, mut best_range) = (0.0f32, (0, 0));
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, &m) in masses.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += m;
        if sum > best {
            best = sum;
            best_range = (start, i + 1);
        }
    }
    best_range
}

/// Classifies every block of a page. `meta_title` is a title known from the page's metadata.
#[allow(clippy::needless_range_loop)] // indexes blocks, qualities and verdicts together
pub(crate) fn classify(blocks: &[BlockInfo<'_>], meta_title: Option<&str>) -> Classification {
    let n = blocks.len();
    let qualities: Vec<Quality> = blocks.iter().map(quality).collect();
    let mut masses: Vec<f32> = blocks
        .iter()
        .zip(&qualities)
        .map(|(b, &q)| mass(b, q))
        .collect();
    discount_comment_section(blocks, &mut masses);
    let (core_start, core_end) = densest_run(&masses);
    let mut out = Classification {
        verdicts: vec![None; n],
        qualities: qualities.clone(),
        masses: masses.clone(),
        ..Classification::default()
    };

    // Headline: before the core, or a heading at its very start.
    let title = find_title(blocks, &qualities, core_start, meta_title);
    out.title = title;
    if let Some(t) = title {
        out.verdicts[t] = Some(BlockVerdict::Title);
    }

    // The article core.
    for i in core_start..core_end {
        if out.verdicts[i].is_some() {
            continue;
        }
        out.verdicts[i] = Some(core_verdict(
            blocks, &qualities, i, core_start, core_end, title,
        ));
    }

    // The same paragraph twice (a caption under each picture of a gallery, a teaser repeated in
    // two lists): the first occurrence stands for both.
    let mut seen = std::collections::HashSet::new();
    if let Some(t) = title {
        seen.insert(blocks[t].hash);
    }
    for i in core_start..core_end {
        if matches!(
            out.verdicts[i],
            Some(BlockVerdict::Body | BlockVerdict::Subheading)
        ) && !seen.insert(blocks[i].hash)
        {
            out.verdicts[i] = Some(BlockVerdict::boilerplate("repeats an earlier paragraph"));
        }
    }

    // A body block that ends with a colon introduces a list: its items (consecutive lines of a
    // text dump, list items of HTML) belong to the article even when they are short.
    for i in core_start..core_end {
        if matches!(out.verdicts[i], Some(BlockVerdict::Body)) && blocks[i].f.colon_end {
            extend_list(blocks, &qualities, &mut out.verdicts, i);
        }
    }

    // Standfirst: the first prose block after the headline that does not end like a sentence.
    if let Some(t) = title {
        out.standfirst = find_standfirst(blocks, &qualities, &out.verdicts, t, core_end);
        if let Some(s) = out.standfirst {
            out.verdicts[s] = Some(BlockVerdict::Standfirst);
        }
    }

    // Datelines and bylines near the head of the article (or anywhere when none is there).
    let head_lo = title.unwrap_or(core_start).saturating_sub(12);
    let head_hi = (core_start + 3).min(n);
    for i in head_lo..head_hi {
        let f = &blocks[i].f;
        if out.verdicts[i]
            .as_ref()
            .is_some_and(|v| !matches!(v, BlockVerdict::Boilerplate { .. }))
        {
            continue;
        }
        if let Some(names) = &f.byline {
            out.verdicts[i] = Some(BlockVerdict::Byline);
            if out.authors.is_empty() {
                out.authors = names.clone();
            }
            if out.published.is_none() {
                out.published = f.date.map(|d| d.iso());
            }
        } else if let Some(d) = f.date.filter(|_| f.date_share >= 0.3 && f.words <= 14) {
            out.verdicts[i] = Some(BlockVerdict::Dateline);
            if out.published.is_none() {
                out.published = Some(d.iso());
            }
        }
    }

    for (i, v) in out.verdicts.iter_mut().enumerate() {
        if v.is_none() {
            *v = Some(match qualities[i] {
                Quality::Bad(reason) | Quality::SectionEnd(reason) => {
                    BlockVerdict::boilerplate(reason)
                }
                _ if blocks[i].repeats >= 2 => BlockVerdict::boilerplate("repeated on the page"),
                _ if blocks[i]
                    .hints
                    .content_score
                    .is_some_and(|s| s < CONTENT_THRESHOLD) =>
                {
                    BlockVerdict::boilerplate("outside the main content element")
                }
                _ if i < core_start => BlockVerdict::boilerplate("before the article"),
                _ => BlockVerdict::boilerplate("after the article"),
            });
        }
    }
    out
}

/// Marks the list items after the lead-in block `lead` as body.
fn extend_list(
    blocks: &[BlockInfo<'_>],
    qualities: &[Quality],
    verdicts: &mut [Option<BlockVerdict>],
    lead: usize,
) {
    const MAX_ITEMS: usize = 80;
    for j in lead + 1..blocks.len().min(lead + 1 + MAX_ITEMS) {
        let b = &blocks[j];
        let item_like = b.f.words <= 40
            && b.f.phrase.is_none()
            && b.f.section.is_none()
            && !matches!(qualities[j], Quality::Bad(_) | Quality::SectionEnd(_));
        let in_list = j == lead + 1 || !b.blank_before || b.hints.in_list;
        if !item_like || !in_list {
            break;
        }
        match verdicts[j] {
            None | Some(BlockVerdict::Boilerplate { .. }) => verdicts[j] = Some(BlockVerdict::Body),
            _ => {}
        }
    }
}

/// The verdict of block `i` inside the core `start..end`.
fn core_verdict(
    blocks: &[BlockInfo<'_>],
    qualities: &[Quality],
    i: usize,
    start: usize,
    end: usize,
    title: Option<usize>,
) -> BlockVerdict {
    let b = &blocks[i];
    let f = &b.f;
    if title.is_some_and(|t| blocks[t].hash == b.hash) {
        return BlockVerdict::Caption;
    }
    if b.hints.content_score.is_some_and(|s| s < CONTENT_THRESHOLD) {
        return BlockVerdict::boilerplate("outside the main content element");
    }
    match qualities[i] {
        Quality::Good | Quality::Medium | Quality::TableRow => return BlockVerdict::Body,
        Quality::Bad(reason) | Quality::SectionEnd(reason) => {
            return if reason == "caption or photo credit" {
                BlockVerdict::Caption
            } else {
                BlockVerdict::boilerplate(reason)
            }
        }
        Quality::Short => {}
    }
    let is_prose = |j: usize| {
        matches!(
            qualities[j],
            Quality::Good | Quality::Medium | Quality::TableRow
        )
    };
    let prev_body = (start..i).rev().take(2).any(is_prose);
    let next_body = (i + 1..end).take(2).any(is_prose);
    if b.hints.heading_level >= 2 && next_body {
        return BlockVerdict::Subheading;
    }
    if f.phrase.is_some() || f.section.is_some() {
        return BlockVerdict::boilerplate("short line with boilerplate phrasing");
    }
    if b.hints.content_score.is_some() && f.words >= 1 && b.hints.heading_level == 0 {
        // Inside the main content element: short paragraphs are part of the article.
        return if b.hints.tag.as_deref().is_some_and(|t| t == "figcaption") {
            BlockVerdict::Caption
        } else {
            BlockVerdict::Body
        };
    }
    if b.repeats >= 2 && !(prev_body && next_body) {
        return BlockVerdict::boilerplate("repeated on the page");
    }
    let heading_like = f.words <= 14
        && !f.terminal
        && !f.starts_lower
        && b.blank_before
        && b.blank_after
        && (f.cap_ratio >= 0.5 || f.colon_end || f.words <= 6);
    if heading_like && prev_body && next_body && !f.all_caps {
        return BlockVerdict::Subheading;
    }
    if prev_body && next_body || f.terminal && (prev_body || next_body) && f.words >= 3 {
        return BlockVerdict::Body;
    }
    BlockVerdict::boilerplate("short line at the edge of the article")
}

/// Chooses the headline among the blocks before the core (and the first core block).
fn find_title(
    blocks: &[BlockInfo<'_>],
    qualities: &[Quality],
    core_start: usize,
    meta_title: Option<&str>,
) -> Option<usize> {
    let lo = core_start.saturating_sub(30);
    let hi = (core_start + 1).min(blocks.len());
    let meta_tokens = meta_title.map(crate::text_tokens);
    let mut best: Option<(f32, usize)> = None;
    for i in lo..hi {
        let b = &blocks[i];
        let f = &b.f;
        let h = b.hints;
        if !(2..=35).contains(&f.words)
            || f.chars > 300
            || f.starts_lower
            || f.byline.is_some()
            || f.date.is_some() && f.date_share >= 0.3
            || f.caption_marker
            || f.phrase.is_some_and(|(w, _)| w >= 2)
            || f.section.is_some() && f.words < 15
            || h.link_density >= 0.5
            || in_chrome_landmark(h)
            || b.site_recurring
        {
            continue;
        }
        let distance = (core_start as f32 - i as f32).abs();
        let mut score = 6.0 + (f.words.min(14) as f32) - 0.6 * distance;
        if f.terminal && f.sentence_ends > 1 || f.colon_end {
            score -= 8.0;
        } else if f.terminal && b.text.trim_end().ends_with('.') {
            score -= 5.0;
        }
        if i == core_start
            && matches!(qualities[i], Quality::Good | Quality::Medium)
            && h.heading_level == 0
        {
            continue;
        }
        match h.heading_level {
            1 => score += 10.0,
            2 | 3 => score += 3.0,
            _ => {}
        }
        if b.repeats >= 2 {
            score += 3.0;
        }
        if f.phrase.is_some() || f.section.is_some() {
            score -= 6.0;
        }
        if f.all_caps {
            score -= 3.0;
        }
        if let Some(mt) = &meta_tokens {
            let bt = crate::text_tokens(&b.text);
            score += 14.0 * overlap(&bt, mt);
        }
        if best.map_or(true, |(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.filter(|(s, _)| *s >= 6.0).map(|(_, i)| i)
}

/// Share of `a`'s tokens found in `b`.
fn overlap(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().filter(|t| b.contains(t)).count() as f32 / a.len() as f32
}

fn find_standfirst(
    blocks: &[BlockInfo<'_>],
    qualities: &[Quality],
    verdicts: &[Option<BlockVerdict>],
    title: usize,
    core_end: usize,
) -> Option<usize> {
    for i in title + 1..core_end.min(title + 8) {
        let f = &blocks[i].f;
        if f.date.is_some() && f.date_share >= 0.3 || f.byline.is_some() || f.caption_marker {
            continue;
        }
        if blocks[i].hash == blocks[title].hash {
            continue;
        }
        let prose = matches!(qualities[i], Quality::Good | Quality::Medium);
        if matches!(qualities[i], Quality::SectionEnd(_)) {
            return None;
        }
        if prose {
            let later_body = verdicts[i + 1..core_end.min(verdicts.len())]
                .iter()
                .any(|v| matches!(v, Some(BlockVerdict::Body)));
            return (!f.terminal && f.words >= 8 && f.words <= 80 && later_body).then_some(i);
        }
        if f.words > 3 && !matches!(qualities[i], Quality::Bad(_)) {
            // Some other short text sits between the headline and the prose.
            continue;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn densest_run_skips_negative_edges() {
        assert_eq!(densest_run(&[-5.0, 10.0, -2.0, 8.0, -30.0, 4.0]), (1, 4));
        assert_eq!(densest_run(&[-1.0, -2.0]), (0, 0));
    }
}
