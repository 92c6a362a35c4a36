//! The seed page (`tests/fixtures/rt-nato-peskov.txt`) must give exactly the expected metadata
//! and body paragraphs of `rt-nato-peskov.expected.json`, the title once, and none of the
//! forbidden strings.

use newspipe_cleanup::{Cleaner, CleanerConfig};
use newspipe_model::{BlockVerdict, Document, ParagraphKind, Source, Stage};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn cleaned_seed() -> (Document, serde_json::Value) {
    let raw = std::fs::read_to_string(fixture("rt-nato-peskov.txt")).expect("seed page fixture");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("rt-nato-peskov.expected.json")).expect("expectations"),
    )
    .expect("expectations are JSON");
    let mut doc = Document::from_text(
        "rt-nato-peskov",
        Source::new("rt-nato-peskov.txt", "txt", 0),
        raw,
    );
    Cleaner::new(CleanerConfig::default())
        .process(&mut doc)
        .expect("cleanup never fails");
    (doc, expected)
}

#[test]
fn seed_page_meta() {
    let (doc, expected) = cleaned_seed();
    let meta = &expected["meta"];
    assert_eq!(doc.meta.title.as_deref(), meta["title"].as_str());
    assert_eq!(doc.meta.subtitle.as_deref(), meta["subtitle"].as_str());
    assert_eq!(doc.meta.published.as_deref(), meta["published"].as_str());
}

#[test]
fn seed_page_body_paragraphs() {
    let (doc, expected) = cleaned_seed();
    let body: Vec<&str> = doc
        .paragraphs_of(ParagraphKind::Body)
        .map(|p| doc.span_text(p.span))
        .collect();
    let want: Vec<&str> = expected["body_paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(body, want);
}

#[test]
fn seed_page_title_once_and_nothing_forbidden() {
    let (doc, expected) = cleaned_seed();
    let title = expected["meta"]["title"].as_str().unwrap();
    assert_eq!(doc.text.matches(title).count(), 1, "{}", doc.text);
    assert!(doc.text.starts_with(title));
    for f in expected["forbidden_in_text"].as_array().unwrap() {
        let f = f.as_str().unwrap();
        assert!(!doc.text.contains(f), "forbidden {f:?} in clean text");
    }
}

#[test]
fn seed_page_provenance_and_verdicts() {
    let (doc, _) = cleaned_seed();
    // Every paragraph maps back to a raw block whose normalised text it is.
    for p in &doc.paragraphs {
        let block = &doc.blocks[p.blocks.start as usize];
        assert_eq!(doc.span_text(p.span), block.text.trim());
        assert_eq!(&doc.raw[block.raw.range()], block.text);
    }
    // Every block has a verdict; the repeated headline is a caption; the comment notice is
    // boilerplate; the dateline is recognised.
    assert!(doc.blocks.iter().all(|b| b.verdict.is_some()));
    let verdict_of = |needle: &str| {
        doc.blocks
            .iter()
            .find(|b| b.text.contains(needle))
            .and_then(|b| b.verdict.clone())
            .unwrap()
    };
    assert_eq!(verdict_of("15 Sep, 2025"), BlockVerdict::Dateline);
    assert!(matches!(
        verdict_of("Dear readers"),
        BlockVerdict::Boilerplate { .. }
    ));
    let titles: Vec<_> = doc
        .blocks
        .iter()
        .filter(|b| b.text == "NATO ‘de facto’ at war with Russia – Kremlin")
        .map(|b| b.verdict.clone().unwrap())
        .collect();
    assert_eq!(titles, [BlockVerdict::Title, BlockVerdict::Caption]);
    assert!(doc.diagnostics.iter().any(|d| d.message.contains("e-mail")));
}
