//! Scores the cleaner on the small benchmark pages copied into `tests/fixtures/cleanup/` (see
//! its SOURCE.md) with the benchmark's metric. The full dev set is scored by
//! `newspipe eval extraction`; this keeps a floor in the test suite.

use newspipe_cleanup::eval::{PageScore, Summary};
use newspipe_cleanup::{Cleaner, CleanerConfig};
use newspipe_model::{Document, ParagraphKind, Source};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/cleanup")
}

fn body_text(doc: &Document) -> String {
    doc.paragraphs
        .iter()
        .filter(|p| matches!(p.kind, ParagraphKind::Body | ParagraphKind::Subheading))
        .map(|p| doc.span_text(p.span))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn fixture_pages_score_well() {
    let truth = std::fs::read_to_string(fixtures().join("ground_truth.jsonl")).unwrap();
    let cleaner = Cleaner::new(CleanerConfig::default());
    let mut scores = Vec::new();
    for line in truth.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = record["id"].as_str().unwrap();
        let path = fixtures().join(format!("{id}.txt"));
        let raw = std::fs::read_to_string(&path).unwrap();
        let mut doc =
            Document::from_text(id, Source::new(path.display().to_string(), "txt", 0), raw);
        cleaner.clean(&mut doc);
        let page = PageScore::new(record["articleBody"].as_str().unwrap(), &body_text(&doc));
        assert!(
            page.f1() >= 0.8,
            "{id}: F1 {:.3} (P {:.3}, R {:.3})",
            page.f1(),
            page.precision(),
            page.recall()
        );
        assert!(doc.meta.title.is_some(), "{id}: no title");
        scores.push(page);
    }
    assert_eq!(scores.len(), 5);
    let summary = Summary::of(&scores);
    assert!(summary.f1 >= 0.9, "{summary:?}");
}
