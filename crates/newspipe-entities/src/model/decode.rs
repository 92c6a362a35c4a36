//! Greedy left-to-right decoding of a sentence's BIO tags (numbered and constrained as the
//! parent module says), with any scorer.
//!
//! The decoder works through a sentence in rounds of [`ROUND`] tokens. Every name start of a
//! round is scored, whatever the tags before it, so before scoring any token of the round it
//! completes the name starts' neighbours and computes the features of theirs that do not depend
//! on the previous tags, and the scorer may prefetch what it will read for them
//! ([`Scorer::prepare`]). The table lookups of the round's name starts then overlap instead of
//! each waiting on memory in turn.

use super::WordCache;
use crate::features::{
    complete_info, context_features, tag_features, untagged_context_features, word_features,
    word_key, LexiconCache, TokenInfo, UNTAGGED_CONTEXT_FEATURES,
};

/// Tag number of `B-` for label index `k`.
#[inline]
pub fn begin_tag(k: usize) -> u8 {
    1 + 2 * k as u8
}

/// Label index of a non-`O` tag.
#[inline]
pub fn tag_label(tag: u8) -> usize {
    (tag as usize - 1) / 2
}

/// Number of BIO tags for `n_labels` labels: `O`, then `B-` and `I-` of each.
#[inline]
pub const fn tag_count(n_labels: usize) -> usize {
    1 + 2 * n_labels
}

/// True for `I-` tags.
#[inline]
pub fn is_inside(tag: u8) -> bool {
    tag > 0 && tag % 2 == 0
}

/// Whether `tag` may follow `prev` on a token described by `info`.
#[inline]
pub fn allowed(prev: u8, tag: u8, info: &TokenInfo) -> bool {
    if tag == 0 {
        true
    } else if is_inside(tag) {
        prev != 0 && tag_label(prev) == tag_label(tag) && info.may_continue_name
    } else {
        info.may_start_name
    }
}

/// True when the tagger must score token `info` after `prev`; otherwise its tag is `O`.
#[inline]
pub fn needs_scoring(prev: u8, info: &TokenInfo) -> bool {
    (prev != 0 && info.may_continue_name) || info.may_start_name
}

/// Buffers for [`decode_greedy_into`], reused from sentence to sentence (and, for speed, from
/// document to document: they hold [`super::NameModel::tag_into`]'s cache of word scores).
#[derive(Debug, Default)]
pub struct DecodeBuffers {
    feats: Vec<u64>,
    pub(super) word_feats: Vec<u64>,
    scores: Vec<f32>,
    /// Tokens completed while preparing a round.
    completed: Vec<usize>,
    /// The untagged context features of a round's name starts, in order.
    prepared: Vec<u64>,
    pub(super) words: WordCache,
    lexicon: LexiconCache,
    /// The tags of the last decoded sentence.
    pub tags: Vec<u8>,
}

/// The token being scored, as a scorer sees it: its [`word_key`], and its [`word_features`] on
/// demand (a scorer that caches their weights by key mostly skips them).
pub struct ScoredToken<'a> {
    /// [`word_key`] of the token.
    pub key: u64,
    info: &'a TokenInfo,
}

impl<'a> ScoredToken<'a> {
    /// The token of a complete `info`, with its key.
    fn of(info: &'a TokenInfo) -> Self {
        ScoredToken {
            key: word_key(info),
            info,
        }
    }

    /// Writes the token's word-only features into `out` (cleared first).
    pub fn word_features(&self, out: &mut Vec<u64>) {
        out.clear();
        word_features(self.info, out);
    }
}

/// What the decoder asks of a scorer.
pub(super) trait Scorer {
    /// Called for each name start of a round before the round is scored, with the token's
    /// untagged context features: a scorer may prefetch what [`Scorer::score`] will read.
    fn prepare(&mut self, token: &ScoredToken, untagged_context: &[u64]);

    /// Sets each tag's score from the token's word features and its `context` features.
    fn score(&mut self, token: &ScoredToken, context: &[u64], scores: &mut [f32]);
}

/// A scoring closure, which prepares nothing.
struct ScoreFn<F>(F);

impl<F: FnMut(&ScoredToken, &[u64], &mut [f32])> Scorer for ScoreFn<F> {
    fn prepare(&mut self, _: &ScoredToken, _: &[u64]) {}

    fn score(&mut self, token: &ScoredToken, context: &[u64], scores: &mut [f32]) {
        (self.0)(token, context, scores)
    }
}

/// Greedy decoding with any scorer: `score(token, context_features, scores)` sets each tag's
/// score from the token's word features ([`ScoredToken::word_features`]) and its context
/// features. Tokens whose info is not complete are completed from `words`, lexicon fields
/// included, when they or a neighbour are scored (most tokens of running text never are).
pub fn decode_greedy(
    words: &[&str],
    infos: &mut [TokenInfo],
    n_tags: usize,
    score: impl FnMut(&ScoredToken, &[u64], &mut [f32]),
) -> Vec<u8> {
    let mut buffers = DecodeBuffers::default();
    decode_greedy_into(words, infos, n_tags, &mut buffers, score);
    buffers.tags
}

/// [`decode_greedy`] into `buffers.tags`.
pub fn decode_greedy_into(
    words: &[&str],
    infos: &mut [TokenInfo],
    n_tags: usize,
    buffers: &mut DecodeBuffers,
    score: impl FnMut(&ScoredToken, &[u64], &mut [f32]),
) {
    decode(words, infos, n_tags, buffers, &mut ScoreFn(score))
}

/// Tokens per round (8 and 32 measured the same).
const ROUND: usize = 16;

/// [`decode_greedy_into`] with a [`Scorer`].
pub(super) fn decode(
    words: &[&str],
    infos: &mut [TokenInfo],
    n_tags: usize,
    buffers: &mut DecodeBuffers,
    scorer: &mut impl Scorer,
) {
    let DecodeBuffers {
        feats,
        scores,
        tags,
        lexicon,
        completed,
        prepared,
        ..
    } = buffers;
    tags.clear();
    scores.resize(n_tags, 0.0);
    let n = infos.len();
    let (mut prev, mut prev2) = (0u8, 0u8);
    for round in (0..n).step_by(ROUND) {
        let end = (round + ROUND).min(n);
        prepare_round(
            words,
            infos,
            round..end,
            lexicon,
            completed,
            prepared,
            scorer,
        );
        let mut next_prepared = prepared.chunks_exact(UNTAGGED_CONTEXT_FEATURES);
        for i in round..end {
            let tag = if needs_scoring(prev, &infos[i]) {
                feats.clear();
                if infos[i].may_start_name {
                    feats.extend_from_slice(next_prepared.next().expect("prepared name start"));
                    tag_features(&infos[i], prev, prev2, feats);
                } else {
                    complete_around(words, infos, i, lexicon);
                    context_features(infos, i, prev, prev2, feats);
                }
                scores.iter_mut().for_each(|s| *s = 0.0);
                let token = ScoredToken::of(&infos[i]);
                scorer.score(&token, feats, scores);
                best_allowed(scores, prev, &infos[i])
            } else {
                0
            };
            tags.push(tag);
            prev2 = prev;
            prev = tag;
        }
    }
}

/// Completes tokens `i - 1 ..= i + 1`, lexicon fields included, where they are not yet.
fn complete_around(words: &[&str], infos: &mut [TokenInfo], i: usize, lexicon: &mut LexiconCache) {
    for j in i.saturating_sub(1)..(i + 2).min(infos.len()) {
        if !infos[j].complete {
            complete_info(words[j], &mut infos[j]);
            lexicon.fill(words[j], &mut infos[j]);
        }
    }
}

/// Completes the neighbours of the name starts in `round` (their lexicon entries prefetched
/// together first), and writes their untagged context features into `prepared`, letting the
/// scorer prepare each.
fn prepare_round(
    words: &[&str],
    infos: &mut [TokenInfo],
    round: std::ops::Range<usize>,
    lexicon: &mut LexiconCache,
    completed: &mut Vec<usize>,
    prepared: &mut Vec<u64>,
    scorer: &mut impl Scorer,
) {
    let n = infos.len();
    completed.clear();
    for j in round.clone() {
        if !infos[j].may_start_name {
            continue;
        }
        for k in j.saturating_sub(1)..(j + 2).min(n) {
            if !infos[k].complete {
                complete_info(words[k], &mut infos[k]);
                lexicon.prefetch(words[k], &infos[k]);
                completed.push(k);
            }
        }
    }
    for &k in completed.iter() {
        lexicon.fill(words[k], &mut infos[k]);
    }
    prepared.clear();
    for j in round.filter(|&j| infos[j].may_start_name) {
        let from = prepared.len();
        untagged_context_features(infos, j, prepared);
        let token = ScoredToken::of(&infos[j]);
        scorer.prepare(&token, &prepared[from..]);
    }
}

/// The highest-scoring allowed tag (ties go to the lower tag number, so `O` wins ties).
pub fn best_allowed(scores: &[f32], prev: u8, info: &TokenInfo) -> u8 {
    let mut best = 0u8;
    let mut best_score = scores[0];
    for (t, &s) in scores.iter().enumerate().skip(1) {
        if s > best_score && allowed(prev, t as u8, info) {
            best = t as u8;
            best_score = s;
        }
    }
    best
}

/// Token spans `(first, end_exclusive, label index)` from a BIO tag sequence.
pub fn spans_from_tags(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == 0 {
            i += 1;
            continue;
        }
        let label = tag_label(tags[i]);
        let start = i;
        i += 1;
        while i < tags.len() && is_inside(tags[i]) && tag_label(tags[i]) == label {
            i += 1;
        }
        out.push((start, i, label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::NameModel;
    use super::*;
    use crate::features::{features, lexicon_info};

    /// Greedy decoding as defined: every token completed first, and each scored token's features
    /// computed when it is scored. The tags, and the features of each scored token (sorted).
    fn reference(model: &NameModel, words: &[&str]) -> (Vec<u8>, Vec<Vec<u64>>) {
        let mut infos = infos_of(model, words);
        for (w, info) in words.iter().zip(&mut infos) {
            complete_info(w, info);
            lexicon_info(w, info);
        }
        let (mut prev, mut prev2, mut tags, mut scored) = (0, 0, Vec::new(), Vec::new());
        for (i, info) in infos.iter().enumerate() {
            let tag = if needs_scoring(prev, info) {
                let mut feats = Vec::new();
                features(&infos, i, prev, prev2, &mut feats);
                let mut scores = vec![0.0; model.n_tags()];
                model.score(&feats, &mut scores);
                feats.sort_unstable();
                scored.push(feats);
                best_allowed(&scores, prev, info)
            } else {
                0
            };
            tags.push(tag);
            (prev2, prev) = (prev, tag);
        }
        (tags, scored)
    }

    fn infos_of(model: &NameModel, words: &[&str]) -> Vec<TokenInfo> {
        let gaz = crate::gazetteer::Gazetteer::shipped().matches(words);
        let flags = |h| model.word_flags(h);
        words
            .iter()
            .zip(&gaz)
            .map(|(w, &g)| crate::features::basic_info(w, g, flags))
            .collect()
    }

    #[test]
    fn rounds_decode_as_token_by_token() {
        let model = crate::shipped_model().unwrap();
        let sentence = "Officials in Washington said on Monday that Dmitry Peskov , the spokesman \
            of the Kremlin in Moscow , had met Radoslaw Sikorski of Poland and Joe Biden at the \
            White House , and that NATO would meet in Brussels .";
        let mut buffers = DecodeBuffers::default();
        // Filler words shift the names across the rounds' boundaries.
        for shift in 0..=ROUND {
            let words: Vec<&str> = std::iter::repeat_n("the", shift)
                .chain(sentence.split(' '))
                .collect();
            let (expected, expected_features) = reference(&model, &words);
            assert!(
                expected.iter().filter(|&&t| t != 0).count() >= 8,
                "{expected:?}"
            );
            let mut scored = Vec::new();
            let mut word_feats = Vec::new();
            let tags = decode_greedy(
                &words,
                &mut infos_of(&model, &words),
                model.n_tags(),
                |token, context, s| {
                    token.word_features(&mut word_feats);
                    let mut feats = [word_feats.as_slice(), context].concat();
                    model.score(&feats, s);
                    feats.sort_unstable();
                    scored.push(feats);
                },
            );
            assert_eq!(tags, expected, "shift {shift}");
            assert!(
                scored == expected_features,
                "shift {shift}: features differ"
            );
            model.tag_into(&words, &mut infos_of(&model, &words), &mut buffers);
            assert_eq!(buffers.tags, expected, "shift {shift}, cached");
        }
    }
}
