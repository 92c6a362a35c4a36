//! The page-level `content_score`: how likely each block is to belong to the main article.
//!
//! Every block gets a weight from its own text (long, comma-rich, sentence-like text with few
//! links counts for the article; link lists and short chrome count against it). Weights are
//! summed into every ancestor element, so each element's total says how much more article-like
//! text than boilerplate it holds; text under a boilerplate-named element (comments, share bars,
//! related links) or a nav/aside/footer landmark only counts weakly for the elements above it.
//! The best container is the element with the highest total (the smallest one when totals are
//! close). Blocks are then scored by membership in it, their own weight and the boilerplate
//! marks between them and the container; prose just outside the container (an article split
//! into sibling parts) keeps a middling score.

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
pub(crate) fn block_evidence(block: &RawBlock) -> BlockEvidence {
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
    let weight = if link_density > 0.5 {
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

/// True for elements whose text is boilerplate by name or landmark.
fn is_boilerplate_element(el: &Element) -> bool {
    el.own_signal < 0
        || matches!(
            el.landmark,
            Some(Landmark::Nav | Landmark::Aside | Landmark::Footer | Landmark::Form)
        )
}

/// Share of a positive weight that still counts above a boilerplate element.
const DAMPING: f32 = 0.2;

/// Computes the content score of every block (same order as `dom.blocks`).
pub(crate) fn content_scores(dom: &Dom, evidence: &[BlockEvidence]) -> Vec<f32> {
    let elements = &dom.elements;
    let mut totals = vec![0f32; elements.len()];
    for (block, ev) in dom.blocks.iter().zip(evidence) {
        let mut weight = ev.weight;
        let mut id = block.element;
        loop {
            let el = &elements[id as usize];
            totals[id as usize] += weight;
            if weight > 0.0 && is_boilerplate_element(el) {
                weight *= DAMPING;
            }
            if id == ROOT {
                break;
            }
            id = el.parent;
        }
    }
    let best = best_container(elements, &totals);
    dom.blocks
        .iter()
        .zip(evidence)
        .map(|(block, ev)| block_score(elements, best, block, ev))
        .collect()
}

/// The element with the highest total; among elements within 10% of it, the deepest.
fn best_container(elements: &[Element], totals: &[f32]) -> u32 {
    let max = totals.iter().copied().fold(0f32, f32::max);
    if max <= 0.0 {
        return ROOT;
    }
    let mut best = ROOT;
    let mut best_depth = 0;
    for (id, el) in elements.iter().enumerate() {
        if totals[id] >= 0.9 * max && (el.depth > best_depth || best == ROOT) {
            best = id as u32;
            best_depth = el.depth;
        }
    }
    best
}

/// The score of one block given the best container.
fn block_score(elements: &[Element], best: u32, block: &RawBlock, ev: &BlockEvidence) -> f32 {
    // Walk up from the block to the container (or to the root), noting boilerplate marks.
    let mut marks = 0;
    let mut id = block.element;
    let mut inside = false;
    loop {
        if id == best {
            inside = true;
            break;
        }
        let el = &elements[id as usize];
        if is_boilerplate_element(el) {
            marks += 1;
        }
        if id == ROOT {
            break;
        }
        id = el.parent;
    }
    let prose = ev.weight > 0.0;
    let mut score: f32 = if inside {
        if prose {
            0.9
        } else if ev.link_density > 0.5 {
            0.4
        } else {
            0.7
        }
    } else {
        // How far the block's branch leaves the container's ancestors.
        let near = shares_near_ancestor(elements, best, block.element);
        match (prose, near) {
            (true, true) => 0.6,
            (true, false) => 0.35,
            (false, true) => 0.25,
            (false, false) => 0.1,
        }
    };
    if marks > 0 {
        score *= 0.45;
    }
    score.clamp(0.0, 1.0)
}

/// True when the block's element and the container share their parent or grandparent.
fn shares_near_ancestor(elements: &[Element], best: u32, element: u32) -> bool {
    let parent = elements[best as usize].parent;
    let grandparent = elements[parent as usize].parent;
    for anchor in [parent, grandparent] {
        if anchor == ROOT {
            continue;
        }
        let mut id = element;
        loop {
            if id == anchor {
                return true;
            }
            if id == ROOT {
                break;
            }
            id = elements[id as usize].parent;
        }
    }
    false
}
