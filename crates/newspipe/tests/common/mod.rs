//! Helpers shared by the end-to-end tests: run the binary, read fixtures, check records.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (tests run the binary from there, like a user would).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A path under `tests/fixtures/e2e/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/e2e").join(name)
}

/// `newspipe ARGS...` run from the repository root, with stdin closed.
pub fn newspipe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newspipe"))
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run newspipe")
}

/// `newspipe run examples/pages tests/fixtures/e2e/multi.jsonl EXTRA...`: the bundled sample and
/// the multi-record fixture (48 records), which most end-to-end tests run on.
pub fn run_samples(extra: &[&str]) -> Output {
    let multi = fixture("multi.jsonl");
    let mut args = vec!["run", "examples/pages", multi.to_str().expect("UTF-8 path")];
    args.extend_from_slice(extra);
    newspipe(&args)
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// Parses JSON Lines output, checking that every line is one JSON object.
pub fn records(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// Number of input records in the bundled sample: one per page file, one per JSON line.
pub fn sample_records() -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("examples/pages")).unwrap() {
        let path = entry.unwrap().path();
        n += match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => std::fs::read_to_string(&path).unwrap().lines().count(),
            _ => 1,
        };
    }
    n
}

/// Slices `text` by code points, as Python's `text[start:end]` does.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Checks one output record against the JSON contract: an error record with exactly `id`,
/// `source` and `error {stage, message}`, or a document with every contract key whose offsets
/// are code points that slice `text`. Returns true for a document.
pub fn check_record(v: &Value, tokens: bool) -> bool {
    let obj = v.as_object().expect("a JSON object");
    assert!(v["id"].is_string(), "id: {v}");
    let source = &v["source"];
    assert!(
        source["path"].is_string() && source["format"].is_string() && source["record"].is_u64(),
        "source: {source}"
    );
    if let Some(error) = obj.get("error") {
        assert_eq!(obj.len(), 3, "error record keys: {v}");
        assert!(
            error["stage"].is_string() && error["message"].is_string(),
            "error: {error}"
        );
        return false;
    }
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    let mut expected = vec![
        "diagnostics",
        "entities",
        "id",
        "meta",
        "paragraphs",
        "quotes",
        "sentences",
        "source",
        "text",
    ];
    if tokens {
        expected.push("tokens");
    }
    expected.sort();
    assert_eq!(keys, expected);
    for key in ["title", "subtitle", "published", "url", "site", "language"] {
        let field = &v["meta"][key];
        assert!(field.is_null() || field.is_string(), "meta.{key}: {field}");
    }
    assert!(v["meta"]["authors"].is_array());
    let text = v["text"].as_str().unwrap();
    let chars = text.chars().count();
    let span = |s: &Value| {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(
            start <= end && end <= chars,
            "span {s} outside a text of {chars} code points"
        );
        (start, end)
    };
    for p in v["paragraphs"].as_array().unwrap() {
        span(p);
        assert!(p["kind"].is_string());
    }
    for s in v["sentences"].as_array().unwrap() {
        span(s);
    }
    if tokens {
        for t in v["tokens"].as_array().unwrap() {
            span(t);
        }
    }
    // An entity or a quotation: its span, and its `text` is what the span slices.
    let span_with_text = |item: &Value, what: &str| {
        let (start, end) = span(item);
        assert_eq!(
            slice(text, start, end),
            item["text"].as_str().unwrap(),
            "{what} {item}"
        );
    };
    for e in v["entities"].as_array().unwrap() {
        span_with_text(e, "entity");
        assert!(e["label"].is_string());
        assert!(e["canonical"].is_null() || e["canonical"].is_string());
        assert!(e["value"].is_null() || e["value"].is_string());
        assert!(
            ["rule", "gazetteer", "model"].contains(&e["method"].as_str().unwrap_or("")),
            "entity {e}"
        );
    }
    for q in v["quotes"].as_array().unwrap() {
        span_with_text(q, "quote");
        assert!(
            q["speaker"].is_null() || q["speaker"].is_string(),
            "quote {q}"
        );
    }
    for d in v["diagnostics"].as_array().unwrap() {
        assert!(d["stage"].is_string() && d["message"].is_string());
        assert!(d["level"] == "warning" || d["level"] == "error");
    }
    true
}
