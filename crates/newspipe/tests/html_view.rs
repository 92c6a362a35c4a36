//! End-to-end test of `newspipe run --format html`, the page for people: one `<article>` per
//! input record (documents and error records alike), entities marked, the page closed at the end.

mod common;

use common::*;

#[test]
fn html_view_has_one_article_per_record_and_marks_the_seed_page() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"id\":\"ok\",\"text\":\"Dmitry Peskov spoke.\"}\n{broken\n",
    )
    .unwrap();
    let out = newspipe(&[
        "run",
        "examples/pages",
        bad.to_str().unwrap(),
        "--format",
        "html",
        "--quiet",
    ]);
    assert_eq!(code(&out), 1, "one error record: exit status 1");
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    assert!(page.ends_with("</body>\n</html>\n"));

    let records = sample_records() + 2;
    assert_eq!(page.matches("<article>").count(), records);
    assert_eq!(page.matches("</article>").count(), records);
    assert_eq!(
        page.matches("<mark").count(),
        page.matches("</mark>").count()
    );
    assert_eq!(page.matches("<p class=\"error\">").count(), 1);
    assert!(page.contains("not processed: ingest: invalid JSON"));

    let seed = &page[page.find("examples/pages/rt-nato-peskov.txt").unwrap()..];
    let seed = &seed[..seed.find("</article>").unwrap()];
    for expected in [
        "<p class=\"meta\">published 2025-09-15T10:56</p>",
        ">Dmitry Peskov</mark> has said",
        "<mark data-label=\"PERSON\" title=\"PERSON → Dmitry Peskov (model)\">Peskov</mark>’s",
        "<mark data-label=\"DATE\" title=\"DATE = 2022-02 (rule)\">February 2022</mark>",
        "<li><span class=\"reason\">dateline</span> 15 Sep, 2025 10:56</li>",
        "<li><b>Dmitry Peskov</b>: “NATO is at war with Russia. It is obvious",
    ] {
        assert!(seed.contains(expected), "{expected}");
    }
    // The obfuscated e-mail notice is boilerplate: listed as left out, never marked.
    let left_out = &seed[seed.find("<details>").unwrap()..];
    assert!(left_out.contains("boilerplate: dear readers"));
    assert!(!left_out.contains("<mark"));
}
