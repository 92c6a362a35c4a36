//! Scores the splitter on the fixtures in the repository's top-level `tests/fixtures/`: the
//! English Golden Rules (all 48 must pass, plus the 4 extra cases) and the seed page's body.

use newspipe_segment::eval::{score_case, SbdCase};
use newspipe_segment::sentences;
use std::path::PathBuf;

fn fixture(rel: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn cases(rel: &str) -> Vec<SbdCase> {
    fixture(rel)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
            SbdCase {
                id: v["id"].as_u64().expect("id") as u32,
                name: v["name"].as_str().unwrap_or("").to_string(),
                text: v["text"].as_str().expect("text").to_string(),
                expected: v["sentences"]
                    .as_array()
                    .expect("sentences")
                    .iter()
                    .map(|s| s.as_str().expect("sentence").to_string())
                    .collect(),
                wrapped: v["doc_type"].as_str() == Some("pdf"),
            }
        })
        .collect()
}

fn failures(rel: &str) -> (usize, Vec<String>) {
    let cases = cases(rel);
    let failed = cases
        .iter()
        .filter_map(|c| {
            let r = score_case(c);
            (!r.passed).then(|| {
                format!(
                    "#{} {}: expected {:?}, got {:?}",
                    c.id, c.name, c.expected, r.got
                )
            })
        })
        .collect();
    (cases.len(), failed)
}

/// Every case of a Golden Rules file passes, and the file has `cases` cases.
fn assert_all_pass(file: &str, cases: usize) {
    let (n, failed) = failures(file);
    assert_eq!(n, cases, "{file}");
    assert!(
        failed.is_empty(),
        "{} of {n} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn golden_rules_all_pass() {
    assert_all_pass("sbd/golden_rules_en.jsonl", 48);
}

#[test]
fn golden_rules_extra_all_pass() {
    assert_all_pass("sbd/golden_rules_en_extra.jsonl", 4);
}

#[test]
fn seed_page_body_paragraphs() {
    let expected: serde_json::Value =
        serde_json::from_str(&fixture("rt-nato-peskov.expected.json")).expect("valid JSON");
    let paragraphs: Vec<&str> = expected["body_paragraphs"]
        .as_array()
        .expect("body_paragraphs")
        .iter()
        .map(|p| p.as_str().expect("paragraph"))
        .collect();
    // The page text contains the paragraphs verbatim.
    let page = fixture("rt-nato-peskov.txt");
    for p in &paragraphs {
        assert!(page.contains(p), "paragraph not in the page: {p}");
    }
    let per_paragraph: Vec<Vec<&str>> = paragraphs
        .iter()
        .map(|p| sentences(p).map(|s| &p[s.range()]).collect())
        .collect();
    let total: usize = per_paragraph.iter().map(Vec::len).sum();
    assert_eq!(
        total,
        expected["sentence_count_body"].as_u64().unwrap() as usize,
        "{per_paragraph:#?}"
    );
    let p4: Vec<&str> = expected["sentences"]["paragraph_4"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(per_paragraph[3], p4);
    // As one document with blank lines between paragraphs, the result is the same.
    let joined = paragraphs.join("\n\n");
    assert_eq!(sentences(&joined).count(), total);
}
