//! The page-level `content_score`: how likely each block is to belong to the main article.
//!
//! The method follows the idea of Readability (Arc90 / Mozilla): every article-like block (long
//! enough, sentence- and comma-rich, few links) gives points to the elements just above it (its
//! parent in full, its grandparent half, then less), so the element that directly holds most
//! paragraphs collects the most points. Candidates are scaled by their link density and damped
//! for every boilerplate element around them (a name like `comments`, `share`, `cookie`; a
//! nav/aside/footer landmark or a layout name like `sidebar` unless the element holds most of
//! the page's prose; an ARIA dialog). The best candidate is widened when several good
//! candidates share an ancestor or when the points keep rising upwards, and its siblings join
//! it when they score well or hold clean prose. Blocks are then scored by membership, their
//! own text, and the boilerplate elements between them and the container.

use super::dom::{Dom, Element, RawBlock, ROOT};
use newspipe_model::Landmark;

/// What one block's own text says, before the page-level step.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BlockEvidence {
    /// Positive for article-like text, negative for boilerplate-like text (in characters).
    pub weight: f32,
    pub link_density: f32,
}

/// Evidence from a block's own text.
pub(crate) fn block_evidence(block: &RawBlock, element: &Element) -> BlockEvidence {
    let chars = block.chars.max(1) as f32;
    let link_density = block.link_chars as f32 / chars;
    let text = &block.text;
    let commas = text.matches([',', '，', '、']).count() as f32;
    let sentences = text
        .as_bytes()
        .windows(2)
        .filter(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ')
        .count() as f32
        + if text.ends_with(['.', '!', '?', '"', '”', '»', ':']) {
            1.0
        } else {
            0.0
        };
    // A list item that is partly a link is a teaser (headline link plus snippet), not body text.
    let teaser = link_density >= 0.2 && matches!(&*element.name, "li" | "dd" | "dt");
    let weight = if link_density > 0.5 || teaser {
        -chars * link_density
    } else if chars >= 80.0 || (chars >= 30.0 && sentences >= 1.0) {
        chars * (1.0 - link_density) * (1.0 + 0.05 * (commas + sentences).min(10.0))
    } else {
        -0.3 * chars
    };
    BlockEvidence {
        weight,
        link_density,
    }
}

/// Share of the page's article-like text above which a layout-ish name (`has-sidebar`) or a
/// nav/aside/form landmark is taken for a page wrapper rather than boilerplate.
const WRAPPER_SHARE: f32 = 0.5;

/// Share of a positive weight that still counts above a boilerplate element.
const DAMPING: f32 = 0.2;

/// Which elements hold boilerplate: a plain boilerplate name (`comments`, `share-bar`) always;
/// a layout name (`sidebar`, `widget`) or a nav/aside/footer/form landmark unless the element
/// holds most of the page's article-like text (ASP.NET pages wrap everything in a `form`, themes
/// name the main column `has-sidebar`).
fn boilerplate_elements(elements: &[Element], prose: &[f32]) -> Vec<bool> {
    let page = prose[ROOT as usize].max(1.0);
    elements
        .iter()
        .enumerate()
        .map(|(id, el)| {
            let weak = el.own_signal < 0
                || matches!(&*el.name, "figure" | "figcaption")
                || matches!(
                    el.landmark,
                    Some(Landmark::Nav | Landmark::Aside | Landmark::Footer | Landmark::Form)
                );
            el.boilerplate_name || (weak && prose[id] < WRAPPER_SHARE * page)
        })
        .collect()
}

/// Readability-style points of one article-like block: 1 + commas + up to 3 for length.
fn block_points(block: &RawBlock) -> f32 {
    let commas = block.text.matches([',', '，', '、']).count() as f32;
    1.0 + commas + (block.chars as f32 / 100.0).min(3.0)
}

/// Tag-based prior of a candidate container (Readability's initial scores).
fn tag_prior(el: &Element) -> f32 {
    match &*el.name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Computes the content score of every block (same order as `dom.blocks`).
pub(crate) fn content_scores(dom: &Dom, evidence: &[BlockEvidence]) -> Vec<f32> {
    let elements = &dom.elements;
    let n = elements.len();
    let parent = |id: u32| elements[id as usize].parent;
    // Text, link text and article-like weight under each element.
    let mut chars = vec![0f32; n];
    let mut links = vec![0f32; n];
    let mut prose = vec![0f32; n];
    for (block, ev) in dom.blocks.iter().zip(evidence) {
        let mut id = block.element;
        loop {
            chars[id as usize] += block.chars as f32;
            links[id as usize] += block.link_chars as f32;
            if ev.weight > 0.0 {
                prose[id as usize] += ev.weight;
            }
            if id == ROOT {
                break;
            }
            id = parent(id);
        }
    }
    let boilerplate = boilerplate_elements(elements, &prose);
    // Article-like weight (damped above boilerplate elements) and boilerplate-like weight under
    // each element, for widening the container over an article split into parts.
    let mut good = vec![0f32; n];
    let mut bad = vec![0f32; n];
    for (block, ev) in dom.blocks.iter().zip(evidence) {
        let mut weight = ev.weight;
        let mut id = block.element;
        loop {
            if weight > 0.0 {
                good[id as usize] += weight;
                if boilerplate[id as usize] {
                    weight *= DAMPING;
                }
            } else {
                bad[id as usize] -= weight;
            }
            if id == ROOT {
                break;
            }
            id = parent(id);
        }
    }
    let mut marks = vec![0i32; n];
    for (id, el) in elements.iter().enumerate().skip(1) {
        marks[id] = marks[el.parent as usize] + boilerplate[id] as i32;
    }

    // Points to the elements above each article-like block.
    let mut points = vec![0f32; n];
    let mut scored = vec![false; n];
    for (block, ev) in dom.blocks.iter().zip(evidence) {
        if ev.weight <= 0.0 {
            continue;
        }
        let p = block_points(block);
        // A run inside a div (split by <br> or nested blocks) is a paragraph of that div.
        let mut id = if block.whole {
            parent(block.element)
        } else {
            block.element
        };
        for level in 0..5 {
            let share = match level {
                0 => 1.0,
                1 => 0.5,
                l => 1.0 / (l as f32 * 3.0),
            };
            if !scored[id as usize] {
                scored[id as usize] = true;
                points[id as usize] += tag_prior(&elements[id as usize])
                    + 12.5 * elements[id as usize].own_signal as f32;
            }
            points[id as usize] += p * share;
            if id == ROOT {
                break;
            }
            id = parent(id);
        }
    }
    for id in 0..n {
        if scored[id] {
            let ld = links[id] / chars[id].max(1.0);
            points[id] *= (1.0 - ld) * DAMPING.powi(marks[id]);
        }
    }
    let text = ElementText {
        chars: &chars,
        links: &links,
        good: &good,
        bad: &bad,
    };
    let included = main_containers(elements, &points, &scored, &text);
    dom.blocks
        .iter()
        .zip(evidence)
        .map(|(block, ev)| block_score(elements, &boilerplate, &included, block, ev))
        .collect()
}

/// Text totals per element.
struct ElementText<'a> {
    chars: &'a [f32],
    links: &'a [f32],
    /// Article-like weight, damped above boilerplate elements.
    good: &'a [f32],
    /// Boilerplate-like weight (link lists, short chrome).
    bad: &'a [f32],
}

/// The best candidate and the siblings that join it (a flag per element).
fn main_containers(
    elements: &[Element],
    points: &[f32],
    scored: &[bool],
    text: &ElementText<'_>,
) -> Vec<bool> {
    let (chars, links, good, bad) = (text.chars, text.links, text.good, text.bad);
    let n = elements.len();
    let mut included = vec![false; n];
    let mut order: Vec<u32> = (0..n as u32).filter(|&id| scored[id as usize]).collect();
    order.sort_by(|a, b| points[*b as usize].total_cmp(&points[*a as usize]));
    let Some(&first) = order.first() else {
        return included;
    };
    let mut top = first;
    let top_points = points[top as usize];
    if top_points <= 0.0 {
        return included;
    }
    let is_ancestor = |anc: u32, mut id: u32| loop {
        if id == anc {
            return true;
        }
        if id == ROOT {
            return false;
        }
        id = elements[id as usize].parent;
    };
    // Several near-best candidates under one ancestor: the article is split; take the ancestor.
    let close: Vec<u32> = order
        .iter()
        .skip(1)
        .take(4)
        .copied()
        .filter(|&id| points[id as usize] >= 0.75 * top_points)
        .collect();
    if close.len() >= 3 {
        let mut anc = elements[top as usize].parent;
        while anc != ROOT {
            let inside = close.iter().filter(|&&c| is_ancestor(anc, c)).count();
            if inside >= 3 {
                top = anc;
                break;
            }
            anc = elements[anc as usize].parent;
        }
    }
    // Points rising again further up: more content lurks there; climb to it.
    let mut last = points[top as usize];
    let threshold = last / 3.0;
    let mut anc = elements[top as usize].parent;
    while anc != ROOT && elements[anc as usize].name != "body" {
        if scored[anc as usize] {
            let p = points[anc as usize];
            if p < threshold {
                break;
            }
            if p > last {
                top = anc;
                break;
            }
            last = p;
        }
        anc = elements[anc as usize].parent;
    }
    // An article split into parts (chunks between ads): widen to the nearest ancestor (up to 3
    // levels, passing wrappers that add nothing) that adds clearly more article-like text than
    // boilerplate-like text.
    'widen: while top != ROOT {
        let t = top as usize;
        let mut anc = elements[t].parent;
        for _ in 0..3 {
            if anc == ROOT || elements[anc as usize].name == "body" {
                break 'widen;
            }
            let a = anc as usize;
            let more_good = good[a] - good[t];
            let more_bad = bad[a] - bad[t];
            if more_good >= 0.15 * good[t] {
                if more_bad <= 0.5 * more_good {
                    top = anc;
                    continue 'widen;
                }
                break 'widen;
            }
            if more_bad > 0.1 * good[t] {
                break 'widen;
            }
            anc = elements[a].parent;
        }
        break;
    }
    // An only child stands for its parent.
    let mut children = vec![0u32; n];
    for el in elements.iter().skip(1) {
        children[el.parent as usize] += 1;
    }
    while top != ROOT {
        let p = elements[top as usize].parent;
        if p == ROOT || children[p as usize] != 1 || elements[p as usize].name == "body" {
            break;
        }
        top = p;
    }
    included[top as usize] = true;
    // Siblings that score well or hold clean prose join the container.
    let top_points = points[top as usize].max(top_points);
    let sibling_threshold = (0.2 * top_points).max(10.0);
    let container = elements[top as usize].parent;
    if top != ROOT {
        for (id, el) in elements.iter().enumerate().skip(1) {
            if el.parent != container || id as u32 == top {
                continue;
            }
            let ld = links[id] / chars[id].max(1.0);
            let joins = (scored[id] && points[id] >= sibling_threshold)
                || (chars[id] > 80.0 && ld < 0.25 && prose_like(el));
            if joins {
                included[id] = true;
            }
        }
    }
    included
}

/// Sibling elements that may join on their own text (paragraph-like blocks).
fn prose_like(el: &Element) -> bool {
    matches!(
        &*el.name,
        "p" | "blockquote" | "pre" | "ul" | "ol" | "figure" | "div"
    ) && el.own_signal >= 0
}

/// The score of one block given the main containers.
fn block_score(
    elements: &[Element],
    boilerplate: &[bool],
    included: &[bool],
    block: &RawBlock,
    ev: &BlockEvidence,
) -> f32 {
    let mut marks = 0;
    let mut id = block.element;
    let mut inside = false;
    loop {
        if included[id as usize] {
            inside = true;
            break;
        }
        if boilerplate[id as usize] {
            marks += 1;
        }
        if id == ROOT {
            break;
        }
        id = elements[id as usize].parent;
    }
    let prose = ev.weight > 0.0;
    let mut score: f32 = match (inside, prose) {
        (true, true) => 0.9,
        (true, false) if ev.link_density > 0.5 => 0.4,
        (true, false) => 0.7,
        (false, true) => 0.35,
        (false, false) => 0.1,
    };
    if marks > 0 {
        score *= 0.45;
    }
    score.clamp(0.0, 1.0)
}
