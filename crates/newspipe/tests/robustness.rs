//! The whole pipeline on damaged input: the seed page cut, spliced and sprinkled with the
//! characters the stages look at (control characters, odd spaces, combining marks, emoji,
//! scripts without spaces, currency and number shapes). Every record must come back as exactly one
//! document, without an error record (a panic in a stage would be one), with every exported span
//! slicing the exported text.

mod common;

use common::*;

/// Pieces spliced into the text.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "$", "£3.5bn", "5%", "per cent", "10:56", "a.m.", "1990s", "2025-09-15", "Mr.", "U.S.", "’s",
    "'", "\u{a0}", "\u{2028}", "\u{200b}", "\t", "\r\n", "...", "—", "-", "(", ")", "«", "“", "”",
    "@user", "#tag", "http://x.y/z?q=1", "e@mail.com", "😀", "\u{feff}", "İ", "ǅ", "ß", "ﬁ",
    "\u{301}", "\u{0}", "\u{7}", "\u{1b}[31m", "<b>", "&amp;", "12,000", "0.5", "1st",
    "twenty-five", "Monday", "last week", "February 2022", "Dmitry Peskov", "NATO", "𝔘𝔫𝔦",
    "日本語テキスト。", "العربية", "  ", "\n\n\n", "\u{85}", "\u{2029}", "-1", "1,2,3", "$$$",
];

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// The seed page with 1–40 random edits: pieces inserted (sometimes repeated), stretches cut.
fn damaged(page: &str, rng: &mut Rng) -> String {
    let mut text: Vec<char> = page.chars().collect();
    if rng.below(3) == 0 {
        text.truncate(rng.below(text.len() + 1));
    }
    for _ in 0..1 + rng.below(40) {
        let at = rng.below(text.len() + 1);
        match rng.below(10) {
            0..=5 => {
                let piece = PIECES[rng.below(PIECES.len())];
                let times = if rng.below(8) == 0 {
                    1 + rng.below(100)
                } else {
                    1
                };
                text.splice(at..at, piece.repeat(times).chars());
            }
            6 | 7 => {
                let end = (at + 1 + rng.below(30)).min(text.len());
                text.drain(at..end);
            }
            _ => {
                let c = char::from_u32(1 + rng.below(0x2_ffff) as u32).unwrap_or('\u{fffd}');
                text.insert(at, c);
            }
        }
    }
    text.into_iter().collect()
}

#[test]
fn damaged_pages_give_one_valid_document_each() {
    let page = std::fs::read_to_string(root().join("tests/fixtures/rt-nato-peskov.txt")).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut input = String::new();
    let n = 150;
    let dates = ["2025-09-15", "2025-09-15T10:56:00Z", "bad", "9999-12-31"];
    for i in 0..n {
        let record = serde_json::json!({
            "id": format!("d{i}"),
            "text": damaged(&page, &mut rng),
            "published": dates[i % dates.len()],
        });
        input.push_str(&record.to_string());
        input.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.jsonl");
    std::fs::write(&path, input).unwrap();
    let out = newspipe(&["run", path.to_str().unwrap(), "--quiet", "--tokens"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let docs = records(&out);
    assert_eq!(docs.len(), n);
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(doc["id"], format!("d{i}"), "input order");
        // A document (not an error record) whose spans all slice its text.
        assert!(
            check_record(doc, true),
            "record d{i} is an error record: {doc}"
        );
    }
}
