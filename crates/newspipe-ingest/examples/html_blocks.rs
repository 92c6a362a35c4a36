//! Shows what the HTML reader makes of a page, and scores its `content_score` as an extractor.
//!
//! ```text
//! # blocks with hints (one line each), then the metadata
//! cargo run -p newspipe-ingest --example html_blocks -- tests/fixtures/html/article-with-sidebar.html
//! # content_score-only extraction F1 against a gold file (blocks with score >= 0.5 = the article)
//! cargo run --release -p newspipe-ingest --example html_blocks -- \
//!     --score ../shared/data/extraction/dev/ground_truth.jsonl ../shared/data/extraction/dev/*.html.gz
//! ```
//!
//! With `HTML_BLOCKS_VERBOSE=1` the score mode prints each page's precision and recall; with
//! `HTML_BLOCKS_DUMP=DIR` it writes each page's predicted text to `DIR/ID.txt`.
//!
//! The score uses the article-extraction benchmark's metric: 4-token shingles of word tokens,
//! precision and recall per page, averaged over pages, F1 of the means.

use newspipe_ingest::html::{parse_page, HtmlPage};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

fn read_page(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("{}: bad gzip: {e}", path.display()))?;
        out
    } else {
        bytes
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn print_page(page: &HtmlPage) {
    for b in &page.blocks {
        let h = &b.hints;
        println!(
            "{:.2} {:<10} ld={:.2} sig={:>4} {:<8} d={:<2} c={:<5} {}",
            h.content_score.unwrap_or(0.0),
            h.tag.as_deref().unwrap_or("-"),
            h.link_density,
            h.class_signal,
            h.landmark.map(|l| format!("{l:?}")).unwrap_or_default(),
            h.depth,
            h.container,
            b.text.chars().take(110).collect::<String>()
        );
    }
    println!("{:#?}", page.meta);
}

/// Word tokens (`\w+`: letters, digits, marks and `_`).
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, i64> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    if toks.len() < 4 {
        if !toks.is_empty() {
            *out.entry(toks).or_insert(0) += 1;
        }
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// (precision, recall) of one page.
fn page_pr(truth: &str, predicted: &str) -> (f64, f64) {
    let t = shingles(truth);
    let p = shingles(predicted);
    let mut tp = 0i64;
    let mut fp = 0i64;
    for (k, &c) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        tp += c.min(tc);
        fp += (c - tc).max(0);
    }
    let fn_: i64 = t
        .iter()
        .map(|(k, &c)| (c - p.get(k).copied().unwrap_or(0)).max(0))
        .sum();
    let precision = if tp + fp == 0 {
        if fn_ == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    (precision, recall)
}

fn score(gold: &Path, pages: &[String]) -> Result<(), String> {
    let gold_text =
        std::fs::read_to_string(gold).map_err(|e| format!("{}: {e}", gold.display()))?;
    let mut truth = HashMap::new();
    for (n, line) in gold_text.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", gold.display(), n + 1))?;
        let id = v["id"].as_str().unwrap_or_default().to_owned();
        truth.insert(id, v["articleBody"].as_str().unwrap_or_default().to_owned());
    }
    let (mut sum_p, mut sum_r, mut n) = (0.0, 0.0, 0usize);
    for path in pages {
        let path = Path::new(path);
        let name = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        let id = name.split('.').next().unwrap_or_default();
        let Some(t) = truth.get(id) else { continue };
        let page = parse_page(&read_page(path)?);
        let predicted: Vec<&str> = page
            .blocks
            .iter()
            .filter(|b| b.hints.content_score.unwrap_or(0.0) >= 0.5)
            .map(|b| b.text.as_str())
            .collect();
        let predicted = predicted.join("\n");
        if let Some(dir) = std::env::var_os("HTML_BLOCKS_DUMP") {
            let out = Path::new(&dir).join(format!("{id}.txt"));
            std::fs::write(&out, &predicted).map_err(|e| format!("{}: {e}", out.display()))?;
        }
        let (p, r) = page_pr(t, &predicted);
        if std::env::var_os("HTML_BLOCKS_VERBOSE").is_some() {
            println!("{p:.3} {r:.3} {id}");
        }
        sum_p += p;
        sum_r += r;
        n += 1;
    }
    if n == 0 {
        return Err("no page matched an id of the gold file".into());
    }
    let (p, r) = (sum_p / n as f64, sum_r / n as f64);
    println!(
        "pages {n}  precision {p:.4}  recall {r:.4}  F1 {:.4}",
        2.0 * p * r / (p + r)
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--score") if args.len() >= 3 => score(Path::new(&args[1]), &args[2..]),
        Some(path) if !path.starts_with("--") => args.iter().try_for_each(|p| {
            let page = parse_page(&read_page(Path::new(p))?);
            print_page(&page);
            Ok(())
        }),
        _ => Err(
            "usage: html_blocks PAGE.html[.gz]... | --score GOLD.jsonl PAGE.html[.gz]...".into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("html_blocks: {e}");
        std::process::exit(2);
    }
}
