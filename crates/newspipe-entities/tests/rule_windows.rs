//! The rules search only the windows of text around anchor words and digits
//! (`rules::windows`); this checks that they find exactly what a search of the whole text finds,
//! on the page dumps in `tests/fixtures/` (the seed page and the cleanup pages, boilerplate and
//! all) and, when it is next to the repository, on the BBC corpus of `../shared/data/corpus/`.

use newspipe_entities::rules::{find, find_in, windows::Windows};
use std::path::Path;

fn assert_same(name: &str, text: &str) {
    let published = Some("2025-09-15");
    let windowed = find(text, published);
    let whole = find_in(text, &Windows::whole(text), published);
    assert_eq!(
        windowed, whole,
        "{name}: windowed rules differ from a whole-text search"
    );
}

#[test]
fn windows_find_what_the_whole_text_search_finds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = vec![root.join("rt-nato-peskov.txt")];
    for entry in std::fs::read_dir(root.join("cleanup")).expect("tests/fixtures/cleanup") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_some_and(|x| x == "txt") {
            files.push(path);
        }
    }
    assert!(files.len() >= 5);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        assert_same(&path.display().to_string(), &text);
    }
}

#[test]
fn windows_match_on_the_news_corpus_when_present() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus/bbc-news.jsonl");
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    // Every 10th article keeps the debug-build test short.
    for (n, line) in corpus.lines().enumerate().step_by(10) {
        let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let text = v["text"].as_str().expect("text field");
        assert_same(&format!("bbc-news.jsonl line {}", n + 1), text);
    }
}
