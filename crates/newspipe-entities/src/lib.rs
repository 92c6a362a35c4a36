//! Entity tagging: who, where, when and how many.
//!
//! The [`EntityTagger`] stage finds entities in a document's clean text and labels them with
//! OntoNotes labels ([`EntityLabel`]), as spaCy's English models do:
//! - numbers, amounts, dates and times by hand-written [`rules`] with normalised values
//!   (`5%` → `0.05`, `$3.5bn` → `3500000000 USD`, `February 2022` → `2022-02`, `on Monday` →
//!   the date, resolved against `meta.published`; see [`rules::dates`] for the conventions);
//! - names (PERSON, ORG, GPE, LOC, NORP, FAC, ...) by a compact averaged-perceptron sequence
//!   [`model`] shipped in `model/ner.bin` (trained with `newspipe train ner`, see
//!   `model/README.md`), helped by a [`gazetteer`] of countries, cities and nationalities;
//! - within a document, short mentions get the full name they refer to and one label
//!   ([`aliases`]);
//! - direct quotations get their speaker (`“...,” he said` → `Dmitry Peskov`; [`quotes`]).
//!
//! Every entity records the [`Method`] that found it.
//!
//! ```
//! use newspipe_entities::EntityTagger;
//! use newspipe_model::{Document, Source, Stage};
//!
//! let mut doc = Document::from_text(
//!     "d",
//!     Source::default(),
//!     "Kremlin spokesman Dmitry Peskov spoke on Monday. Peskov said spending rose 5% in February 2022.",
//! );
//! doc.meta.published = Some("2025-09-15T10:56".into());
//! EntityTagger::new().process(&mut doc).unwrap();
//! let find = |t: &str| doc.entities.iter().find(|e| doc.span_text(e.span) == t).unwrap();
//! assert_eq!(find("Monday").value.as_deref(), Some("2025-09-15"));
//! assert_eq!(find("5%").value.as_deref(), Some("0.05"));
//! assert_eq!(find("February 2022").value.as_deref(), Some("2022-02"));
//! ```

pub mod aliases;
pub mod conll;
pub mod feature_table;
pub mod features;
pub mod gazetteer;
mod hashed;
pub mod heads;
mod hyphens;
pub mod lexicon;
mod merge;
pub mod model;
mod prepared;
pub mod quotes;
pub mod rules;
pub mod scoring;
pub mod train;
mod word_hash;

use features::{basic_info, TokenInfo};
use gazetteer::{GazMatch, Gazetteer};
pub use hyphens::split_hyphens;
use hyphens::InnerHyphens;
use merge::merge;
use model::{spans_from_tags, DecodeBuffers, ModelError, NameModel};
use newspipe_model::{Document, Entity, EntityLabel, Method, Span, Stage, StageError};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// The shipped name model (see `model/README.md`).
const SHIPPED_MODEL: &[u8] = include_bytes!("../model/ner.bin");

/// The shipped model, parsed once per process.
pub fn shipped_model() -> Result<Arc<NameModel>, ModelError> {
    static MODEL: OnceLock<Result<Arc<NameModel>, ModelError>> = OnceLock::new();
    MODEL
        .get_or_init(|| NameModel::from_bytes(SHIPPED_MODEL).map(Arc::new))
        .clone()
}

/// The shipped model and gazetteer. The first call also compiles the rule patterns, on a second
/// thread while this one parses the model, so that a run's workers do not wait for them one
/// after the other. (The [`lexicon`] needs no loading: it is a table compiled into the binary.)
fn load_shipped() -> (Result<Arc<NameModel>, ModelError>, &'static Gazetteer) {
    static RULES_READY: OnceLock<()> = OnceLock::new();
    if RULES_READY.get().is_some() {
        return (shipped_model(), Gazetteer::shipped());
    }
    std::thread::scope(|s| {
        let helper = std::thread::Builder::new()
            .name("newspipe-rules".into())
            .spawn_scoped(s, || RULES_READY.get_or_init(rules::prepare));
        let loaded = (shipped_model(), Gazetteer::shipped());
        if helper.is_err() {
            // No thread to spare: compile them here.
            RULES_READY.get_or_init(rules::prepare);
        }
        loaded
    })
}

/// The entity tagging stage. Cheap to clone and share across threads (`Send + Sync`).
#[derive(Debug, Clone)]
pub struct EntityTagger {
    model: Option<Arc<NameModel>>,
    gazetteer: &'static Gazetteer,
}

impl Default for EntityTagger {
    fn default() -> Self {
        Self::new()
    }
}

impl EntityTagger {
    /// Loads the shipped model and gazetteer (once per process). Should the compiled-in model be
    /// unreadable, names come from the gazetteer alone; [`Self::try_new`] reports that instead.
    pub fn new() -> Self {
        let (model, gazetteer) = load_shipped();
        EntityTagger {
            model: model.ok(),
            gazetteer,
        }
    }

    /// Like [`Self::new`], but fails when the shipped model cannot be read.
    pub fn try_new() -> Result<Self, ModelError> {
        let (model, gazetteer) = load_shipped();
        Ok(EntityTagger {
            model: Some(model?),
            gazetteer,
        })
    }

    /// A tagger with another name model (e.g. one just trained).
    pub fn with_model(model: NameModel) -> Self {
        EntityTagger {
            model: Some(Arc::new(model)),
            gazetteer: Gazetteer::shipped(),
        }
    }

    /// Entities of `text`, given its tokens and sentences (byte spans, in order) and the
    /// publication date (ISO 8601) that anchors relative dates. Sorted by start offset.
    pub fn tag(
        &self,
        text: &str,
        tokens: &[Span],
        sentences: &[Span],
        published: Option<&str>,
    ) -> Vec<Entity> {
        self.tag_with(text, tokens, sentences, rules::find(text, published))
    }

    /// [`Self::tag`] with the text's rule matches found already.
    fn tag_with(
        &self,
        text: &str,
        tokens: &[Span],
        sentences: &[Span],
        rule_matches: Vec<rules::RuleMatch>,
    ) -> Vec<Entity> {
        let mut names = Vec::new();
        let mut t = 0;
        let mut words: Vec<&str> = Vec::new();
        thread_local! {
            static BUFFERS: RefCell<SentenceBuffers> = RefCell::default();
        }
        let mut buffers = BUFFERS.with(|b| b.take());
        for s in sentences {
            while t < tokens.len() && tokens[t].start < s.start {
                t += 1;
            }
            let first = t;
            while t < tokens.len() && tokens[t].end <= s.end {
                t += 1;
            }
            let toks = &tokens[first..t];
            if toks.is_empty() {
                continue;
            }
            words.clear();
            words.extend(toks.iter().map(|sp| &text[sp.range()]));
            self.tag_names(&words, toks, &mut buffers, &mut names);
        }
        BUFFERS.with(|b| b.replace(buffers));
        let mut entities = merge(text, rule_matches, names);
        propagate(text, tokens, &mut entities);
        aliases::resolve(text, &mut entities);
        entities
    }

    fn tag_names(
        &self,
        words: &[&str],
        toks: &[Span],
        buffers: &mut SentenceBuffers,
        out: &mut Vec<Entity>,
    ) {
        let SentenceBuffers {
            gaz,
            covered,
            infos,
            decode,
        } = buffers;
        self.gazetteer.matches_into(words, gaz);
        covered.clear();
        covered.resize(words.len(), false);
        if let Some(model) = &self.model {
            infos.clear();
            infos.extend(
                words
                    .iter()
                    .zip(gaz.iter())
                    .map(|(w, &g)| basic_info(w, g, |h| model.word_flags(h))),
            );
            model.tag_into(words, infos, decode);
            for (a, b, k) in spans_from_tags(&decode.tags) {
                // A possessive ending is not part of the name (`Cheney 's`).
                let b = if b - a > 1 && is_possessive(words[b - 1]) {
                    b - 1
                } else {
                    b
                };
                // A nationality is not part of an acronym's name (`European NATO`, `Russian
                // RT`, as OntoNotes marks them): the name is the acronym, and the gazetteer
                // tags the nationality.
                let a = if b - a == 2 && is_nationality_before_acronym(gaz, words, a) {
                    a + 1
                } else {
                    a
                };
                // An article alone is no name (`The` tagged where `The Tories` was meant),
                // and propagation would copy it to every sentence start.
                if b - a == 1 && is_article(words[a]) {
                    continue;
                }
                covered[a..b].iter_mut().for_each(|c| *c = true);
                let label = heads::conventional_label(&words[a..b])
                    .or_else(|| heads::nationality(gaz, a, b))
                    .unwrap_or(model.labels()[k]);
                out.push(name(toks, a, b, label, Method::Model));
            }
        }
        let mut i = 0;
        while i < words.len() {
            let Some(label) = gaz[i].label().filter(|_| gaz[i].is_start()) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < words.len() && gaz[j].label().is_some() && !gaz[j].is_start() {
                j += 1;
            }
            if !covered[i..j].iter().any(|&c| c) {
                out.push(name(toks, i, j, label, Method::Gazetteer));
            }
            i = j;
        }
    }
}

/// Per-sentence buffers of the name tagger, reused across the sentences and documents a thread
/// tags (one set per thread; they hold the model's word cache).
#[derive(Default)]
struct SentenceBuffers {
    gaz: Vec<GazMatch>,
    covered: Vec<bool>,
    infos: Vec<TokenInfo>,
    decode: DecodeBuffers,
}

fn is_article(word: &str) -> bool {
    ["the", "a", "an"]
        .iter()
        .any(|a| word.eq_ignore_ascii_case(a))
}

/// Word `a` is a one-word nationality (`European`) and word `a + 1` an acronym (`NATO`).
fn is_nationality_before_acronym(gaz: &[GazMatch], words: &[&str], a: usize) -> bool {
    let acronym = words[a + 1];
    heads::nationality(gaz, a, a + 1).is_some()
        && acronym.len() >= 2
        && acronym.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

fn name(toks: &[Span], a: usize, b: usize, label: EntityLabel, method: Method) -> Entity {
    Entity {
        span: Span::new(toks[a].start, toks[b - 1].end),
        label,
        canonical: None,
        value: None,
        method,
    }
}

/// Later (or earlier) mentions of a name the model found, written the same way but missed by the
/// model, become entities with the same label (`Peskov` tagged once is `Peskov` everywhere in
/// the document). Only names starting with an upper-case letter are propagated.
fn propagate(text: &str, tokens: &[Span], entities: &mut Vec<Entity>) {
    let mut known: fnv::FnvHashMap<&str, Vec<(Vec<&str>, EntityLabel)>> = Default::default();
    for e in entities.iter().filter(|e| e.method == Method::Model) {
        let first = tokens.partition_point(|t| t.start < e.span.start);
        let last = tokens.partition_point(|t| t.start < e.span.end);
        let words: Vec<&str> = tokens[first..last]
            .iter()
            .map(|t| &text[t.range()])
            .collect();
        if words.is_empty() || !words[0].starts_with(char::is_uppercase) || words[0].len() < 2 {
            continue;
        }
        // A person's surname alone refers to them too (`Peskov` after `Dmitry Peskov`).
        let last = words[words.len() - 1];
        if e.label == EntityLabel::Person
            && words.len() >= 2
            && last.starts_with(char::is_uppercase)
            && !is_article(last)
        {
            let entry = known.entry(last).or_default();
            if !entry.iter().any(|(w, _)| w.len() == 1) {
                entry.push((vec![last], EntityLabel::Person));
            }
        }
        let entry = known.entry(words[0]).or_default();
        if !entry.iter().any(|(w, _)| *w == words) {
            entry.push((words, e.label));
        }
    }
    if known.is_empty() {
        return;
    }
    let mut covered = vec![false; tokens.len()];
    for e in entities.iter() {
        let first = tokens.partition_point(|t| t.end <= e.span.start);
        let last = tokens.partition_point(|t| t.start < e.span.end);
        covered[first..last].iter_mut().for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Every known word starts with an upper-case letter: skip the others before hashing.
        let word = &text[tokens[i].range()];
        let cands =
            if covered[i] || !word.starts_with(|c: char| !c.is_ascii() || c.is_ascii_uppercase()) {
                None
            } else {
                known.get(word)
            };
        let hit = cands.and_then(|cands| {
            cands
                .iter()
                .filter(|(w, _)| {
                    i + w.len() <= tokens.len()
                        && !covered[i..i + w.len()].iter().any(|&c| c)
                        && w.iter()
                            .zip(&tokens[i..])
                            .all(|(w, t)| *w == &text[t.range()])
                })
                .max_by_key(|(w, _)| w.len())
        });
        match hit {
            Some((w, label)) => {
                added.push(name(tokens, i, i + w.len(), *label, Method::Model));
                i += w.len();
            }
            None => i += 1,
        }
    }
    if !added.is_empty() {
        entities.extend(added);
        entities.sort_by_key(|e| (e.span.start, e.span.end));
    }
}

impl Stage for EntityTagger {
    fn name(&self) -> &'static str {
        "entities"
    }

    /// Tags `doc.text`, using `doc.tokens` / `doc.sentences` when an earlier stage filled them
    /// (otherwise computing them with `newspipe-segment`), and replaces `doc.entities` and
    /// `doc.quotes`.
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let tokens = if doc.tokens.is_empty() {
            let mut own = Vec::with_capacity(doc.text.len() / 4);
            let mut split = InnerHyphens::new(&doc.text);
            newspipe_segment::tokens(&doc.text).for_each(|t| split.push(t, &mut own));
            Cow::Owned(own)
        } else {
            split_hyphens(&doc.text, Cow::Borrowed(doc.tokens.as_slice()))
        };
        let own_sentences: Vec<Span>;
        let sentences: &[Span] = if doc.sentences.is_empty() {
            own_sentences = newspipe_segment::sentences(&doc.text).collect();
            &own_sentences
        } else {
            &doc.sentences
        };
        let published = doc.meta.published.as_deref();
        let rule_matches = prepared::take(&doc.text, published)
            .unwrap_or_else(|| rules::find(&doc.text, published));
        doc.entities = self.tag_with(&doc.text, &tokens, sentences, rule_matches);
        doc.quotes = quotes::find(&doc.text, &doc.entities);
        Ok(())
    }

    /// Runs the rule patterns over the whole batch first (see `prepared.rs`); `process` takes
    /// each document's matches.
    fn prepare_batch(&self, docs: &[&Document]) {
        prepared::prepare(docs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send_sync<T: Send + Sync>() {}

    #[test]
    fn tagger_is_shareable() {
        is_send_sync::<EntityTagger>();
    }

    #[test]
    fn an_article_alone_is_no_name() {
        // The shipped model tags `The` alone here (B- then a nationality); BBC articles had 110
        // such entities, copied by propagation to other sentence starts.
        let tagger = EntityTagger::new();
        for text in [
            "Chief executive Geoff Dixon was quoted by The Australian newspaper as saying the \
             carrier could no longer afford to remain all-Australian.",
            "The European single currency has shot up to successive all-time highs against the \
             dollar.",
        ] {
            let mut doc = Document::from_text("d", newspipe_model::Source::default(), text);
            tagger.process(&mut doc).unwrap();
            let names: Vec<&str> = doc.entities.iter().map(|e| doc.span_text(e.span)).collect();
            assert!(!names.contains(&"The"), "{names:?}");
            assert!(names.contains(&"European") || names.contains(&"Geoff Dixon"));
        }
    }

    #[test]
    fn possessive_endings_are_not_part_of_names() {
        let text = "Former US vice-president Dick Cheney's company said Tony Blair's plan failed.";
        let mut doc = Document::from_text("x", Default::default(), text);
        EntityTagger::new().process(&mut doc).unwrap();
        let names: Vec<&str> = doc.entities.iter().map(|e| doc.span_text(e.span)).collect();
        assert!(names.contains(&"Dick Cheney"), "{names:?}");
        assert!(names.contains(&"Tony Blair"), "{names:?}");
    }

    #[test]
    fn nationalities_are_cut_off_acronyms() {
        let cut = |words: &[&str]| {
            let gaz = Gazetteer::shipped().matches(words);
            is_nationality_before_acronym(&gaz, words, 0)
        };
        assert!(cut(&["European", "NATO"]));
        assert!(cut(&["Russian", "RT"]));
        assert!(!cut(&["European", "Union"]), "not an acronym");
        assert!(!cut(&["Paris", "NATO"]), "not a nationality");
        assert!(!cut(&["Russian", "A"]), "one letter");
    }

    #[test]
    fn empty_and_odd_text_does_not_panic() {
        let t = EntityTagger::new();
        for text in ["", " ", "\n\n", "$", "%%", "12:", "£.5bn", "Ω 1st", "May"] {
            let mut doc = Document::from_text("x", Default::default(), text);
            t.process(&mut doc).unwrap();
        }
    }

    #[test]
    fn a_prepared_batch_gives_the_entities_of_documents_alone() {
        let t = EntityTagger::new();
        let seed = include_str!("../../../tests/fixtures/rt-nato-peskov.txt");
        let texts = [
            seed,
            "Prices rose 5% last March, Mr Smith said on Monday.",
            "It cost $5 in 2019.",
            "Two people came on 3 May.",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let mut doc = Document::from_text(format!("d{i}"), Default::default(), *text);
                doc.meta.published = (i == 1).then(|| "2025-09-15".to_string());
                doc
            })
            .collect();
        let mut alone = docs.clone();
        alone.iter_mut().for_each(|d| t.process(d).unwrap());
        let mut batch = docs;
        t.prepare_batch(&batch.iter().collect::<Vec<_>>());
        batch.iter_mut().for_each(|d| t.process(d).unwrap());
        for (a, b) in alone.iter().zip(&batch) {
            assert_eq!(a.entities, b.entities, "{}", a.id);
            assert_eq!(a.quotes, b.quotes, "{}", a.id);
        }
        assert!(alone[1]
            .entities
            .iter()
            .any(|e| e.value.as_deref() == Some("2025-03")));
        // Each document took its matches.
        for doc in &batch {
            let published = doc.meta.published.as_deref();
            assert!(prepared::take(&doc.text, published).is_none(), "{}", doc.id);
        }
    }
}
