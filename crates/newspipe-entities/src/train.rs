//! Training the name tagger: an averaged perceptron over the greedy decoder of
//! [`crate::model`], with partial supervision for coarse gold labels.
//!
//! Gold files label names with CoNLL types; they are mapped to the model's OntoNotes labels:
//! `PER`→PERSON, `ORG`→ORG, `LOC`→any of GPE/LOC/FAC (a prediction in that group counts as right;
//! otherwise the update goes to LOC for gazetteer regions and GPE for everything else), `MISC`
//! and unknown types teach nothing (no update on those tokens). Numeric and temporal labels
//! (DATE, CARDINAL, ...) become `O`: rules find those.

use crate::conll::{spans, Sentence};
use crate::features::{
    features, lower_hash, token_infos, WORD_NEVER_INSIDE, WORD_NEVER_STARTS, WORD_STARTS_NAME,
};
use crate::gazetteer::Gazetteer;
use crate::model::{
    allowed, begin_tag, best_allowed, is_inside, needs_scoring, tag_count, NameModel,
};
use newspipe_model::EntityLabel;
use std::collections::HashMap;

/// Labels the name tagger predicts, by label index.
pub const MODEL_LABELS: [EntityLabel; 11] = [
    EntityLabel::Person,
    EntityLabel::Norp,
    EntityLabel::Fac,
    EntityLabel::Org,
    EntityLabel::Gpe,
    EntityLabel::Loc,
    EntityLabel::Product,
    EntityLabel::Event,
    EntityLabel::WorkOfArt,
    EntityLabel::Law,
    EntityLabel::Language,
];

fn label_index(l: EntityLabel) -> Option<usize> {
    MODEL_LABELS.iter().position(|&m| m == l)
}

/// What the training data says about one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldTag {
    /// Exactly this tag.
    Exact(u8),
    /// A location: any of GPE/LOC/FAC with this B/I position; `preferred` is the update target.
    Location { preferred: u8 },
    /// Unknown (MISC and unmapped types): no update.
    Unknown,
}

/// A sentence ready for training.
#[derive(Debug, Clone)]
pub struct TrainingSentence {
    pub words: Vec<String>,
    pub gold: Vec<GoldTag>,
}

impl TrainingSentence {
    /// Maps a file sentence's tags to model targets (see the module documentation).
    pub fn from_conll(s: &Sentence, gaz: &Gazetteer) -> Self {
        let mut gold = vec![GoldTag::Exact(0); s.words.len()];
        for (start, end, ty) in spans(&s.tags) {
            let label = match ty.as_str() {
                "PER" | "PERSON" => Some(EntityLabel::Person),
                "LOC" => None,
                other => other.parse::<EntityLabel>().ok(),
            };
            let tags: Vec<GoldTag> = match (ty.as_str(), label) {
                ("LOC", _) => {
                    let name: String = s.words[start..end].concat();
                    let k = if gaz.lookup(&name) == Some(EntityLabel::Loc) {
                        label_index(EntityLabel::Loc)
                    } else {
                        label_index(EntityLabel::Gpe)
                    }
                    .expect("GPE and LOC are model labels");
                    (start..end)
                        .map(|i| GoldTag::Location {
                            preferred: begin_tag(k) + (i > start) as u8,
                        })
                        .collect()
                }
                (_, Some(l)) => match label_index(l) {
                    Some(k) => (start..end)
                        .map(|i| GoldTag::Exact(begin_tag(k) + (i > start) as u8))
                        .collect(),
                    None => vec![GoldTag::Exact(0); end - start], // numeric: rules find it
                },
                _ => vec![GoldTag::Unknown; end - start],
            };
            gold[start..end].copy_from_slice(&tags);
        }
        TrainingSentence {
            words: s.words.clone(),
            gold,
        }
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// Averaged weights whose magnitude, after quantisation to ±32000 of the largest weight,
    /// is below this are dropped (keeps the model file small).
    pub min_quantised: i16,
    /// Features seen fewer times than this at scored tokens in the first epoch get no weights
    /// (features first seen later, after a changed previous tag, are kept). 2 drops the
    /// features seen once: 40 % of the model, no change in accuracy (mean over 8 seeds), and a
    /// smaller table is faster to look up.
    pub min_seen: u32,
    /// Training runs, each over its own shuffle (seeds `seed`, `seed + 1`, ...), whose averaged
    /// weights are averaged again: a bagged averaged perceptron, less dependent on the order
    /// of the data than one run.
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 6,
            seed: 7,
            min_quantised: 16,
            min_seen: 2,
            runs: 1,
        }
    }
}

struct Weights {
    n_tags: usize,
    /// Occurrences of each feature at scored tokens in the first epoch.
    seen: HashMap<u64, u32>,
    rows: HashMap<u64, usize>,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
}

impl Weights {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.n_tags]) {
                    *s += w;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u64], tag: u8, delta: f32, now: u32) {
        for &f in feats {
            let next = self.w.len();
            let r = *self.rows.entry(f).or_insert(next);
            if r == next {
                self.w.resize(next + self.n_tags, 0.0);
                self.total.resize(next + self.n_tags, 0.0);
                self.stamp.resize(next + self.n_tags, 0);
            }
            let j = r + tag as usize;
            self.total[j] += (now - self.stamp[j]) as f32 * self.w[j];
            self.stamp[j] = now;
            self.w[j] += delta;
        }
    }
}

/// Progress of one epoch.
#[derive(Debug, Clone, Copy)]
pub struct EpochReport {
    /// Training run (1-based, see [`TrainOptions::runs`]).
    pub run: usize,
    pub epoch: usize,
    /// Share of scored tokens whose predicted tag was right (before the update).
    pub accuracy: f64,
    pub features: usize,
}

fn location_group(tag: u8) -> bool {
    if tag == 0 {
        return false;
    }
    let l = MODEL_LABELS[crate::model::tag_label(tag)];
    matches!(l, EntityLabel::Gpe | EntityLabel::Loc | EntityLabel::Fac)
}

/// Trains a model; `report` is called after each epoch of each run.
pub fn train(
    data: &[TrainingSentence],
    gaz: &Gazetteer,
    opts: &TrainOptions,
    mut report: impl FnMut(EpochReport),
) -> NameModel {
    let n_tags = tag_count(MODEL_LABELS.len());
    let flags = word_flags(data);
    let prepared: Vec<_> = data
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            token_infos(&words, &gaz.matches(&words), |h| {
                flags.get(&h).copied().unwrap_or(0)
            })
        })
        .collect();
    // Sum of the runs' averaged weights, by feature.
    let runs = opts.runs.max(1);
    let mut sum: HashMap<u64, Vec<f32>> = HashMap::new();
    for run in 1..=runs {
        let seed = opts.seed.wrapping_add(run as u64 - 1);
        let (wts, avg) = train_run(data, &prepared, opts.epochs, run, seed, &mut report);
        for (&f, &r) in &wts.rows {
            let seen = wts.seen.get(&f).copied().unwrap_or(0);
            if seen > 0 && seen < opts.min_seen {
                continue;
            }
            let row = sum.entry(f).or_insert_with(|| vec![0.0; n_tags]);
            for (s, w) in row.iter_mut().zip(&avg[r..r + n_tags]) {
                *s += w / runs as f32;
            }
        }
    }
    // Quantise, prune.
    let max = sum
        .values()
        .flatten()
        .fold(0f32, |m, w| m.max(w.abs()))
        .max(1e-9);
    let scale = 32000.0 / max;
    let mut rows: Vec<(u64, Vec<(u8, i16)>)> = sum
        .iter()
        .map(|(&f, avg)| {
            let row = avg
                .iter()
                .enumerate()
                .map(|(t, w)| (t as u8, (w * scale).round() as i16))
                .filter(|(_, q)| q.abs() >= opts.min_quantised)
                .collect();
            (f, row)
        })
        .collect();
    rows.sort_unstable_by_key(|r| r.0);
    let mut flags: Vec<(u64, u8)> = flags.into_iter().collect();
    flags.sort_unstable();
    NameModel::from_rows(MODEL_LABELS.to_vec(), &flags, rows)
}

/// Training run `run` over `epochs` shuffles of the data: the weights and their averages.
fn train_run(
    data: &[TrainingSentence],
    prepared: &[Vec<crate::features::TokenInfo>],
    epochs: usize,
    run: usize,
    seed: u64,
    report: &mut impl FnMut(EpochReport),
) -> (Weights, Vec<f32>) {
    let n_tags = tag_count(MODEL_LABELS.len());
    let mut wts = Weights {
        n_tags,
        seen: HashMap::new(),
        rows: HashMap::new(),
        w: Vec::new(),
        total: Vec::new(),
        stamp: Vec::new(),
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed.max(1);
    let mut now: u32 = 1;
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; n_tags];
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut right, mut seen) = (0usize, 0usize);
        for &si in &order {
            let (infos, gold) = (&prepared[si], &data[si].gold);
            let (mut prev, mut prev2) = (0u8, 0u8);
            for i in 0..infos.len() {
                let info = &infos[i];
                let tag = if needs_scoring(prev, info) {
                    features(infos, i, prev, prev2, &mut feats);
                    if epoch == 1 {
                        for &f in &feats {
                            *wts.seen.entry(f).or_default() += 1;
                        }
                    }
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    wts.score(&feats, &mut scores);
                    let pred = best_allowed(&scores, prev, info);
                    let target = match gold[i] {
                        GoldTag::Exact(t) => Some(t),
                        GoldTag::Location { preferred } => {
                            if location_group(pred) && is_inside(pred) == is_inside(preferred) {
                                Some(pred)
                            } else {
                                Some(preferred)
                            }
                        }
                        GoldTag::Unknown => None,
                    };
                    if let Some(t) = target.filter(|&t| allowed(prev, t, info)) {
                        seen += 1;
                        if t == pred {
                            right += 1;
                        } else {
                            wts.update(&feats, t, 1.0, now);
                            wts.update(&feats, pred, -1.0, now);
                        }
                    }
                    now += 1;
                    pred
                } else {
                    0
                };
                prev2 = prev;
                prev = tag;
            }
        }
        report(EpochReport {
            run,
            epoch,
            accuracy: right as f64 / seen.max(1) as f64,
            features: wts.rows.len(),
        });
    }
    let avg: Vec<f32> = (0..wts.w.len())
        .map(|j| (wts.total[j] + (now - wts.stamp[j]) as f32 * wts.w[j]) / now as f32)
        .collect();
    (wts, avg)
}

/// Occurrences of a word (by lower-case hash) in the training data.
#[derive(Default)]
struct WordCounts {
    lower: usize,
    lower_starts: usize,
    capitalised: usize,
    capitalised_starts: usize,
    all: usize,
    inside: usize,
}

/// How often a word must be seen capitalised before the data may say it never starts a name.
const MIN_EVIDENCE: usize = 20;
/// How often a word must be seen before the data may say it is never inside a name...
const NEVER_INSIDE_EVIDENCE: usize = 50;
/// ... and in at most one in this many of its uses may it be inside one.
const NEVER_INSIDE_RATE: usize = 500;

/// Word flags from the training data (a tag dictionary, as POS taggers keep):
/// - [`WORD_STARTS_NAME`]: a lower-case word that starts a gold name at least twice and in at
///   least a quarter of its lower-case uses (`al` in `al Qaeda`, `eBay`; not `the`, which starts
///   some names but mostly none, and would make the tagger score every `the`), and the
///   lexicon's usually capitalised words (`chicago`: [`crate::lexicon`]);
/// - [`WORD_NEVER_STARTS`]: seen capitalised at least [`MIN_EVIDENCE`] times and starting a
///   name in at most 1 % of them (`He`, `But`);
/// - [`WORD_NEVER_INSIDE`]: seen at least [`NEVER_INSIDE_EVIDENCE`] times and inside a name in
///   at most 0.2 % of them (`,`, `said`).
///
/// Words of unknown gold type (MISC) count as name words. Over eight training seeds the two
/// "never" flags and leaving numbers to the rules changed mean F1 by +0.005 (UNER test) and
/// +0.006 (Wikigold #test) while scoring 18 % fewer tokens of the BBC corpus.
fn word_flags(data: &[TrainingSentence]) -> HashMap<u64, u8> {
    let mut counts: HashMap<u64, WordCounts> = HashMap::new();
    for s in data {
        for (w, g) in s.words.iter().zip(&s.gold) {
            // Whether the gold tag starts a name, and whether it continues one.
            let (starts, inside) = match *g {
                GoldTag::Exact(t) => (t != 0 && !is_inside(t), is_inside(t)),
                GoldTag::Location { preferred } => (!is_inside(preferred), is_inside(preferred)),
                GoldTag::Unknown => (true, true),
            };
            let c = counts.entry(lower_hash(w)).or_default();
            c.all += 1;
            c.inside += inside as usize;
            if w.starts_with(|c: char| c.is_lowercase()) {
                c.lower += 1;
                c.lower_starts += starts as usize;
            } else if w.starts_with(|c: char| c.is_uppercase()) {
                c.capitalised += 1;
                c.capitalised_starts += starts as usize;
            }
        }
    }
    let mut flags: HashMap<u64, u8> = HashMap::new();
    for (h, c) in counts {
        let mut f = 0;
        if c.lower_starts >= 2 && c.lower_starts * 4 >= c.lower {
            f |= WORD_STARTS_NAME;
        }
        if c.capitalised >= MIN_EVIDENCE && c.capitalised_starts * 100 <= c.capitalised {
            f |= WORD_NEVER_STARTS;
        }
        if c.all >= NEVER_INSIDE_EVIDENCE && c.inside * NEVER_INSIDE_RATE <= c.all {
            f |= WORD_NEVER_INSIDE;
        }
        if f != 0 {
            flags.insert(h, f);
        }
    }
    for h in crate::lexicon::usually_capitalised() {
        *flags.entry(h).or_default() |= WORD_STARTS_NAME;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::spans_from_tags;

    fn sent(text: &str, tags: &str) -> Sentence {
        Sentence {
            words: text.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(String::from).collect(),
            doc: 0,
        }
    }

    #[test]
    fn gold_mapping() {
        let gaz = Gazetteer::parse("LOC\tEurope\n").unwrap();
        let t = TrainingSentence::from_conll(
            &sent(
                "Ann in Europe and Paris , MISCY",
                "B-PER O B-LOC O B-LOC O B-MISC",
            ),
            &gaz,
        );
        let loc = begin_tag(label_index(EntityLabel::Loc).unwrap());
        let gpe = begin_tag(label_index(EntityLabel::Gpe).unwrap());
        assert_eq!(t.gold[0], GoldTag::Exact(begin_tag(0)));
        assert_eq!(t.gold[2], GoldTag::Location { preferred: loc });
        assert_eq!(t.gold[4], GoldTag::Location { preferred: gpe });
        assert_eq!(t.gold[6], GoldTag::Unknown);
        let d = TrainingSentence::from_conll(&sent("on Monday", "O B-DATE"), &gaz);
        assert_eq!(d.gold[1], GoldTag::Exact(0));
    }

    #[test]
    fn learns_a_toy_pattern() {
        let gaz = Gazetteer::default();
        let mut data = Vec::new();
        for name in ["Ann", "Bob", "Cleo", "Dan", "Eve"] {
            for city in ["Rome", "Oslo", "Lima"] {
                let s = sent(
                    &format!("yesterday {name} Smith went to {city} ."),
                    "O B-PER I-PER O O B-GPE O",
                );
                data.push(TrainingSentence::from_conll(&s, &gaz));
            }
        }
        let model = train(&data, &gaz, &TrainOptions::default(), |_| {});
        let words = ["then", "Eve", "Smith", "went", "to", "Oslo", "."];
        let mut infos = token_infos(&words, &gaz.matches(&words), |h| model.word_flags(h));
        let spans = spans_from_tags(&model.tag(&words, &mut infos));
        let person = label_index(EntityLabel::Person).unwrap();
        let gpe = label_index(EntityLabel::Gpe).unwrap();
        assert_eq!(spans, vec![(1, 3, person), (5, 6, gpe)]);
    }
}
