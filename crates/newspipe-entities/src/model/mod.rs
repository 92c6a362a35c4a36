//! The name tagger: a greedy left-to-right averaged-perceptron over BIO tags
//! ([`decode_greedy`]), with sparse quantised weights stored in a compact binary file
//! (`model/ner.bin`).
//!
//! Tags: 0 is `O`; for model label `k`, `1 + 2k` is `B-k` and `2 + 2k` is `I-k`. An `I-k` tag may
//! only follow `B-k`/`I-k` on a word that may continue a name, and a `B-` tag may only start on a
//! word that may start one ([`TokenInfo::may_start_name`], [`TokenInfo::may_continue_name`]: a
//! tag dictionary learnt from the training data). A word that can neither start nor continue a
//! name is tagged `O` without scoring, which is what makes the tagger fast on running text.

use crate::feature_table::{prefetch, FeatureTable};
use crate::features::TokenInfo;
use crate::hashed::{DirectCache, FilteredMap};
use newspipe_model::EntityLabel;
use std::sync::atomic::{AtomicU64, Ordering};

mod decode;
mod file;

pub use decode::{
    allowed, begin_tag, best_allowed, decode_greedy, decode_greedy_into, is_inside, needs_scoring,
    spans_from_tags, tag_count, tag_label, DecodeBuffers, ScoredToken,
};
use decode::{decode, Scorer};

/// The summed weights of recent words' [`crate::features::word_features`], by
/// [`crate::features::word_key`]: a direct-mapped
/// cache that saves two fifths of the table lookups of a scored token (names and capitalised
/// words recur).
#[derive(Debug, Default)]
struct WordCache {
    /// [`NameModel`] id the sums belong to (0: none yet).
    model: u64,
    sums: DirectCache<Sums, WORD_CACHE_SLOTS>,
}

/// Number of slots of the word cache (200 KB: it stays in the L2 cache).
const WORD_CACHE_SLOTS: usize = 2048;

/// Most tags a model may have (11 labels): the width of a dense weight row.
pub const MAX_TAGS: usize = 24;

/// Summed weights, by tag.
type Sums = [i32; MAX_TAGS];

/// Rows with at least this many weights are kept dense ([`MAX_TAGS`] `i16`s, added with a
/// few vector instructions): the frequent features (bias, shapes, tag history) have weights for
/// most tags, and adding them one `(tag, weight)` pair at a time was most of the scoring work.
const DENSE_MIN: usize = 8;

/// The row length that marks a dense row in the index (a sparse row is shorter than `MAX_TAGS`).
const DENSE: u32 = 255;

/// A trained tagger: labels and quantised weights.
#[derive(Debug, Clone)]
pub struct NameModel {
    /// Process-unique id, so that a [`WordCache`] never mixes two models' sums.
    id: u64,
    labels: Vec<EntityLabel>,
    /// Word flags (`features::WORD_*`) by `lower_hash`.
    word_flags: FilteredMap<u8>,
    /// Feature key (low 32 bits of the feature hash) → (offset, count) into `weights`, or
    /// (index, [`DENSE`]) into `dense`.
    index: FeatureTable,
    /// `(tag, weight)` pairs of the sparse rows.
    weights: Vec<(u8, i16)>,
    /// The dense rows: a weight per tag.
    dense: Vec<[i16; MAX_TAGS]>,
}

/// Weight rows as they are built: the index and the two stores of [`NameModel`].
struct RowStore {
    index: FeatureTable,
    weights: Vec<(u8, i16)>,
    dense: Vec<[i16; MAX_TAGS]>,
}

impl RowStore {
    fn with_capacity(n: usize) -> Self {
        RowStore {
            index: FeatureTable::with_capacity(n),
            weights: Vec::with_capacity(n * 3),
            dense: Vec::new(),
        }
    }

    /// Adds the row of `key`. A row of `DENSE_MIN` or more weights, in increasing tag order and
    /// none zero, is stored dense (it reads back the same).
    fn push(&mut self, key: u32, row: &[(u8, i16)]) -> Result<(), ModelError> {
        let ordered = row.windows(2).all(|p| p[0].0 < p[1].0) && row.iter().all(|p| p.1 != 0);
        if row.len() >= DENSE_MIN && ordered {
            let mut d = [0i16; MAX_TAGS];
            row.iter().for_each(|&(t, w)| d[t as usize] = w);
            self.index.insert(key, self.dense.len() as u32, DENSE);
            self.dense.push(d);
            return Ok(());
        }
        let off = u32::try_from(self.weights.len())
            .ok()
            .filter(|&o| o <= crate::feature_table::MAX_OFFSET)
            .ok_or_else(|| ModelError("too many weights".into()))?;
        self.index.insert(key, off, row.len() as u32);
        self.weights.extend_from_slice(row);
        Ok(())
    }
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad NER model file: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

fn next_model_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl NameModel {
    /// Builds a model from labels and `(feature hash, [(tag, weight)])` rows.
    pub fn from_rows(
        labels: Vec<EntityLabel>,
        word_flags: &[(u64, u8)],
        rows: Vec<(u64, Vec<(u8, i16)>)>,
    ) -> Self {
        let n_tags = tag_count(labels.len());
        assert!(n_tags <= MAX_TAGS, "at most {MAX_TAGS} tags");
        let mut store = RowStore::with_capacity(rows.len());
        for (key, row) in rows {
            if row.is_empty() {
                continue;
            }
            assert!(
                row.iter().all(|&(t, _)| (t as usize) < n_tags),
                "tag out of range"
            );
            store.push(key as u32, &row).expect("weights fit the index");
        }
        NameModel {
            id: next_model_id(),
            labels,
            word_flags: {
                let mut map = FilteredMap::default();
                word_flags.iter().for_each(|&(h, f)| *map.entry(h) = f);
                map
            },
            index: store.index,
            weights: store.weights,
            dense: store.dense,
        }
    }

    /// The `features::WORD_*` flags of a word (by [`crate::features::lower_hash`]).
    #[inline]
    pub fn word_flags(&self, lower: u64) -> u8 {
        self.word_flags.get(lower)
    }

    /// Labels the model predicts, by label index.
    pub fn labels(&self) -> &[EntityLabel] {
        &self.labels
    }

    /// Number of tags (`1 + 2 × labels`).
    pub fn n_tags(&self) -> usize {
        tag_count(self.labels.len())
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Adds the weights of `feats` to `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mut sums = [0; MAX_TAGS];
        self.add_weights(feats, &mut sums);
        scores
            .iter_mut()
            .zip(sums)
            .for_each(|(s, x)| *s += x as f32);
    }

    /// Adds the weights of `feats` to `sums`, in three passes so that the cache misses overlap:
    /// prefetch every feature's slot; look the slots up, prefetching each row found at once;
    /// add the rows. (One pass without prefetches runs 4 % fewer instructions and takes 11 %
    /// longer: the lookups wait on memory.)
    #[inline]
    fn add_weights(&self, feats: &[u64], sums: &mut Sums) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            return unsafe { self.add_weights_avx2(feats, sums) };
        }
        self.add_weights_portable(feats, sums)
    }

    /// [`Self::add_weights`] compiled for AVX2: a dense row's 24 weights are widened and added
    /// eight at a time (SSE2, the baseline of x86-64, has no sign-extending load and takes four
    /// times the instructions). Chosen at run time, so the binary still runs on any x86-64.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn add_weights_avx2(&self, feats: &[u64], sums: &mut Sums) {
        self.add_weights_portable(feats, sums)
    }

    #[inline(always)]
    fn add_weights_portable(&self, feats: &[u64], sums: &mut Sums) {
        for &f in feats {
            self.index.prefetch(f as u32);
        }
        let mut rows = [(0u32, 0u32); 64];
        let mut n_rows = 0;
        for &f in feats {
            if let Some((off, n)) = self.index.get(f as u32) {
                if n == DENSE {
                    prefetch(self.dense.as_ptr().wrapping_add(off as usize));
                } else {
                    prefetch(self.weights.as_ptr().wrapping_add(off as usize));
                }
                if n_rows < rows.len() {
                    rows[n_rows] = (off, n);
                    n_rows += 1;
                }
            }
        }
        for &(off, n) in &rows[..n_rows] {
            if n == DENSE {
                let row = &self.dense[off as usize];
                for (s, &w) in sums.iter_mut().zip(row) {
                    *s += w as i32;
                }
            } else {
                for &(t, w) in &self.weights[off as usize..(off + n) as usize] {
                    sums[t as usize] += w as i32;
                }
            }
        }
    }

    /// The `(tag, weight)` pairs of a row, as stored in the file.
    fn row(&self, (off, n): (u32, u32)) -> Vec<(u8, i16)> {
        if n == DENSE {
            let row = &self.dense[off as usize];
            (0..MAX_TAGS as u8)
                .zip(row.iter().copied())
                .filter(|p| p.1 != 0)
                .collect()
        } else {
            self.weights[off as usize..(off + n) as usize].to_vec()
        }
    }

    /// BIO tags for a sentence of `words`, whose infos ([`crate::features::basic_info`] at
    /// least) are completed as needed.
    pub fn tag(&self, words: &[&str], infos: &mut [TokenInfo]) -> Vec<u8> {
        let mut word_feats = Vec::new();
        decode_greedy(words, infos, self.n_tags(), |token, context, s| {
            token.word_features(&mut word_feats);
            self.score(&word_feats, s);
            self.score(context, s);
        })
    }

    /// [`Self::tag`] into `buffers.tags`, reusing the buffers. Keep the buffers for the next
    /// sentences and documents: they cache the scores of recent words.
    pub fn tag_into(&self, words: &[&str], infos: &mut [TokenInfo], buffers: &mut DecodeBuffers) {
        let mut cache = std::mem::take(&mut buffers.words);
        if cache.model != self.id {
            cache = WordCache {
                model: self.id,
                sums: DirectCache::default(),
            };
        }
        let mut scorer = CachedScorer {
            model: self,
            cache,
            word_feats: std::mem::take(&mut buffers.word_feats),
        };
        decode(words, infos, self.n_tags(), buffers, &mut scorer);
        buffers.words = scorer.cache;
        buffers.word_feats = scorer.word_feats;
    }
}

/// [`NameModel::tag_into`]'s scorer: the summed weights of a token's word features come from the
/// word cache, or are added up and cached.
struct CachedScorer<'a> {
    model: &'a NameModel,
    cache: WordCache,
    word_feats: Vec<u64>,
}

impl Scorer for CachedScorer<'_> {
    /// Prefetches the table slots of the token's context features, its word cache slot, and,
    /// when the word is not cached, the slots of its word features.
    fn prepare(&mut self, token: &ScoredToken, untagged_context: &[u64]) {
        let index = &self.model.index;
        untagged_context
            .iter()
            .for_each(|&f| index.prefetch(f as u32));
        self.cache.sums.prefetch(token.key);
        if !self.cache.sums.contains(token.key) {
            token.word_features(&mut self.word_feats);
            self.word_feats
                .iter()
                .for_each(|&f| index.prefetch(f as u32));
        }
    }

    fn score(&mut self, token: &ScoredToken, context: &[u64], scores: &mut [f32]) {
        let (model, word_feats) = (self.model, &mut self.word_feats);
        let mut sums = *self.cache.sums.get_or_fill(token.key, |sums| {
            token.word_features(word_feats);
            model.add_weights(word_feats, sums);
        });
        model.add_weights(context, &mut sums);
        scores.iter_mut().zip(sums).for_each(|(s, x)| *s = x as f32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{complete_info, features};

    #[test]
    fn bio_spans() {
        // O B-0 I-0 B-1 I-0(invalid continuation starts nothing) O
        let spans = spans_from_tags(&[0, 1, 2, 3, 0, 1]);
        assert_eq!(spans, vec![(1, 3, 0), (3, 4, 1), (5, 6, 0)]);
    }

    fn infos_of(model: &NameModel, words: &[&str]) -> Vec<TokenInfo> {
        let gaz = crate::gazetteer::Gazetteer::shipped().matches(words);
        words
            .iter()
            .zip(&gaz)
            .map(|(w, &g)| crate::features::basic_info(w, g, |h| model.word_flags(h)))
            .collect()
    }

    #[test]
    fn cached_word_scores_give_the_uncached_tags() {
        let model = crate::shipped_model().unwrap();
        let sentences = [
            "Dmitry Peskov said NATO was at war with Russia .",
            "Peskov told reporters in Moscow that NATO and Russia were not talking .",
            "The Kremlin said Peskov would meet Radoslaw Sikorski in Warsaw .",
        ];
        let mut buffers = DecodeBuffers::default();
        for round in 0..2 {
            for s in sentences {
                let words: Vec<&str> = s.split(' ').collect();
                let plain = model.tag(&words, &mut infos_of(&model, &words));
                model.tag_into(&words, &mut infos_of(&model, &words), &mut buffers);
                assert_eq!(buffers.tags, plain, "round {round}: {s}");
                assert!(plain.iter().any(|&t| t != 0), "{s}");
            }
        }
    }

    #[test]
    fn word_cache_is_not_shared_between_models() {
        let words = ["Paris"];
        let info = |m: &NameModel| {
            let mut infos = infos_of(m, &words);
            complete_info(words[0], &mut infos[0]);
            infos
        };
        let mut feats = Vec::new();
        let probe = NameModel::from_rows(vec![EntityLabel::Person], &[], vec![]);
        features(&info(&probe), 0, 0, 0, &mut feats);
        let word_feature = feats[1] as u32 as u64; // the lower-case form
        let person = NameModel::from_rows(
            vec![EntityLabel::Person],
            &[],
            vec![(word_feature, vec![(1, 100)])],
        );
        let other = NameModel::from_rows(
            vec![EntityLabel::Person],
            &[],
            vec![(word_feature, vec![(0, 100)])],
        );
        let mut buffers = DecodeBuffers::default();
        person.tag_into(&words, &mut info(&person), &mut buffers);
        assert_eq!(buffers.tags, vec![1]);
        other.tag_into(&words, &mut info(&other), &mut buffers);
        assert_eq!(buffers.tags, vec![0]);
    }

    #[test]
    fn shipped_model_reads_back_byte_for_byte_with_dense_rows() {
        let bytes = include_bytes!("../../model/ner.bin");
        let model = NameModel::from_bytes(bytes).unwrap();
        assert!(!model.dense.is_empty() && !model.weights.is_empty());
        assert_eq!(model.to_bytes(), bytes.to_vec());
    }

    #[test]
    fn dense_and_sparse_rows_score_alike() {
        let long: Vec<(u8, i16)> = (0..9).map(|t| (t * 2, 100 + t as i16)).collect();
        let mut shuffled = long.clone();
        shuffled.reverse(); // not in tag order: stays sparse
        let labels = vec![EntityLabel::Person; 11];
        let dense = NameModel::from_rows(labels.clone(), &[], vec![(5, long)]);
        let sparse = NameModel::from_rows(labels, &[], vec![(5, shuffled)]);
        assert_eq!((dense.dense.len(), sparse.dense.len()), (1, 0));
        let (mut a, mut b) = (vec![1.0; 23], vec![1.0; 23]);
        dense.score(&[5, 6], &mut a);
        sparse.score(&[5, 6], &mut b);
        assert_eq!(a, b);
        assert_eq!(a[16], 109.0);
    }

    #[test]
    fn dispatched_and_portable_weight_sums_agree() {
        // On a CPU with AVX2, `add_weights` runs the AVX2 build of the same loop; the sums must
        // be the portable loop's, over dense rows, sparse rows and unknown features alike.
        let model = crate::shipped_model().unwrap();
        let words = ["Peskov", "told", "NATO", "in", "Moscow"];
        let mut infos = infos_of(&model, &words);
        for (word, info) in words.iter().zip(&mut infos) {
            complete_info(word, info);
        }
        let mut feats = Vec::new();
        for (i, word) in words.iter().enumerate() {
            features(&infos, i, 0, 0, &mut feats);
            feats.push(0xdead_beef); // unknown
            let (mut a, mut b) = ([7; MAX_TAGS], [7; MAX_TAGS]);
            model.add_weights(&feats, &mut a);
            model.add_weights_portable(&feats, &mut b);
            assert_eq!(a, b, "{word}");
            assert_ne!(a, [7; MAX_TAGS], "{word}");
        }
    }

    #[test]
    fn model_round_trips_and_rejects_garbage() {
        let m = NameModel::from_rows(
            vec![EntityLabel::Person, EntityLabel::Gpe],
            &[(42, 1)],
            vec![(7, vec![(1, 100), (3, -5)]), (9, vec![(0, 2)])],
        );
        let bytes = m.to_bytes();
        let back = NameModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.labels(), m.labels());
        assert_eq!((back.word_flags(42), back.word_flags(43)), (1, 0));
        let mut s = vec![0.0; back.n_tags()];
        back.score(&[7, 9, 11], &mut s);
        assert_eq!(s, vec![2.0, 100.0, 0.0, -5.0, 0.0]);
        assert!(NameModel::from_bytes(b"nope").is_err());
        assert!(NameModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }
}
