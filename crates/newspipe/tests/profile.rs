//! End-to-end tests of site boilerplate profiles in `newspipe run`: `--learn-boilerplate` (two
//! passes), `--save-profile` and `--profile`. The fixture site (`tests/fixtures/profile/`) has
//! four pages that end with the same footer sentence; it reads like prose, so the single-page
//! rules keep it, and only the corpus profile can tell that it is furniture.

mod common;

use common::*;
use serde_json::Value;

const SITE: &str = "tests/fixtures/profile";
const FOOTER: &str = "The Valley Courier is an independent newspaper";

/// `newspipe run --stages cleanup --quiet EXTRA... SITE`: exit code 0, the records.
fn run_cleanup(extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["run", "--stages", "cleanup", "--quiet"];
    args.extend_from_slice(extra);
    args.push(SITE);
    let out = newspipe(&args);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let docs = records(&out);
    assert_eq!(docs.len(), 4);
    docs
}

/// How many of the documents' clean texts contain `needle`.
fn count_with(docs: &[Value], needle: &str) -> usize {
    docs.iter()
        .filter(|d| d["text"].as_str().unwrap().contains(needle))
        .count()
}

#[test]
fn learnt_boilerplate_removes_the_recurring_footer_and_keeps_the_articles() {
    let plain = run_cleanup(&[]);
    assert_eq!(
        count_with(&plain, FOOTER),
        4,
        "single-page rules keep the footer"
    );
    let learnt = run_cleanup(&["--learn-boilerplate"]);
    assert_eq!(count_with(&learnt, FOOTER), 0);
    for (before, after) in plain.iter().zip(&learnt) {
        assert_eq!(before["id"], after["id"]);
        let text = before["text"].as_str().unwrap();
        let kept = text.split_once(FOOTER).unwrap().0.trim_end();
        assert_eq!(
            after["text"].as_str().unwrap(),
            kept,
            "only the footer goes"
        );
    }
    let out = newspipe(&[
        "run",
        "--stages",
        "cleanup",
        "--quiet",
        "--learn-boilerplate",
        "--format",
        "explain",
        SITE,
    ]);
    let explain = stdout(&out);
    let footer_lines: Vec<&str> = explain.lines().filter(|l| l.contains(FOOTER)).collect();
    assert_eq!(footer_lines.len(), 4, "{explain}");
    for line in footer_lines {
        assert!(
            line.starts_with("boilerplate\trecurs on many pages of the site\t"),
            "{line}"
        );
    }
}

#[test]
fn a_saved_profile_does_the_same_in_a_later_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.json");
    let path = path.to_str().unwrap();
    let learnt = run_cleanup(&["--learn-boilerplate", "--save-profile", path]);
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let site = &saved["sites"]["tests/fixtures/profile/valley-courier"];
    assert_eq!(site["pages"], 4, "{saved}");
    assert_eq!(site["lines"].as_array().unwrap().len(), 1, "{saved}");
    let loaded = run_cleanup(&["--profile", path]);
    assert_eq!(loaded, learnt);
    assert_eq!(count_with(&loaded, FOOTER), 0);
}

#[test]
fn learning_refuses_standard_input_and_stages_without_cleanup() {
    let out = newspipe(&["run", "--learn-boilerplate", "--quiet", "-"]);
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input"), "{err}");
    let out = newspipe(&[
        "run",
        "--learn-boilerplate",
        "--stages",
        "segment",
        "--quiet",
        SITE,
    ]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cleanup stage"));
    let out = newspipe(&["run", "--profile", "no/such/profile.json", "--quiet", SITE]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("site profile"));
    assert!(
        out.stdout.is_empty(),
        "no records when the profile cannot load"
    );
}
