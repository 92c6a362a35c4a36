//! The seed page (`tests/fixtures/rt-nato-peskov.*`): every required entity with its label,
//! the normalised values and the aliases, on the clean text (title, subtitle, body).

use newspipe_entities::EntityTagger;
use newspipe_model::{Document, Source, Stage};
use serde_json::Value;

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/rt-nato-peskov.expected.json"
    );
    let text = std::fs::read_to_string(path).expect("seed fixture is in the repository");
    serde_json::from_str(&text).expect("valid JSON")
}

fn tagged_seed_page() -> (Document, Value) {
    let exp = fixture();
    let meta = &exp["meta"];
    let mut parts = vec![
        meta["title"].as_str().unwrap().to_string(),
        meta["subtitle"].as_str().unwrap().to_string(),
    ];
    for p in exp["body_paragraphs"].as_array().unwrap() {
        parts.push(p.as_str().unwrap().to_string());
    }
    let mut doc = Document::from_text("seed", Source::default(), parts.join("\n\n"));
    doc.meta.published = meta["published"].as_str().map(String::from);
    EntityTagger::new().process(&mut doc).unwrap();
    (doc, exp)
}

#[test]
fn required_entities_have_their_labels() {
    let (doc, exp) = tagged_seed_page();
    let mut missing = Vec::new();
    for pair in exp["entities_must"].as_array().unwrap() {
        let (text, label) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        let found = doc
            .entities
            .iter()
            .any(|e| doc.span_text(e.span) == text && e.label.as_str() == label);
        if !found {
            missing.push(format!("{text}/{label}"));
        }
    }
    let got: Vec<String> = doc
        .entities
        .iter()
        .map(|e| format!("{}/{}", doc.span_text(e.span), e.label.as_str()))
        .collect();
    assert!(missing.is_empty(), "missing {missing:?}\ngot {got:?}");
}

#[test]
fn values_and_aliases() {
    let (doc, exp) = tagged_seed_page();
    for (text, value) in exp["normalization"].as_object().unwrap() {
        let e = doc.entities.iter().find(|e| doc.span_text(e.span) == text);
        assert_eq!(e.and_then(|e| e.value.as_deref()), value.as_str(), "{text}");
    }
    for (text, canonical) in exp["aliases"].as_object().unwrap() {
        let mentions: Vec<_> = doc
            .entities
            .iter()
            .filter(|e| doc.span_text(e.span) == text)
            .collect();
        assert!(!mentions.is_empty(), "{text} not tagged");
        for e in mentions {
            assert_eq!(e.canonical.as_deref(), canonical.as_str(), "{text}");
        }
    }
}

#[test]
fn scores_the_small_gold_fixtures() {
    use newspipe_entities::conll::GoldSpec;
    use newspipe_entities::scoring::{gold_spans, predict_document, Scores};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/ner/");
    let tagger = EntityTagger::new();
    let mut scores = Scores::default();
    let mut n_gold = 0;
    for file in ["sample.iob2", "sample-wikigold.txt"] {
        let gold = GoldSpec::parse(&format!("{dir}{file}")).read().unwrap();
        for doc in gold.chunk_by(|a, b| a.doc == b.doc) {
            for (g, p) in doc.iter().zip(predict_document(&tagger, doc)) {
                n_gold += gold_spans(g).len();
                scores.add(&p, &gold_spans(g));
            }
        }
    }
    assert_eq!(n_gold, 8);
    let [tp, _, _] = scores.micro();
    assert!(
        tp >= 6,
        "plain news names should be found: {}",
        scores.table()
    );
}

#[test]
fn quotations_have_their_speakers() {
    let (doc, exp) = tagged_seed_page();
    let expected = exp["quote_speakers"].as_object().unwrap();
    assert!(!expected.is_empty());
    for (opening, speaker) in expected {
        let quote = doc
            .quotes
            .iter()
            .find(|q| doc.span_text(q.span).starts_with(opening.as_str()))
            .unwrap_or_else(|| panic!("no quotation opens with {opening:?}: {:?}", doc.quotes));
        assert_eq!(quote.speaker.as_deref(), speaker.as_str(), "{opening}");
    }
    // Scare quotes (`‘de facto’`, `‘Russian threat’`) are not quotations, and every quotation
    // on the page is Peskov's.
    assert_eq!(doc.quotes.len(), 2, "{:?}", doc.quotes);
    assert!(doc
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Dmitry Peskov")));
}
