//! Cleans page dumps and shows what the cleaner found.
//!
//! ```text
//! cargo run --release -p newspipe-cleanup --example clean_pages -- tests/fixtures/rt-nato-peskov.txt
//! cargo run --release -p newspipe-cleanup --example clean_pages -- --explain PAGE.txt
//! cargo run --release -p newspipe-cleanup --example clean_pages -- --repeat 20 ../shared/data/extraction/dev/*.txt
//! ```
//!
//! For each file: the metadata, then the clean text (or, with `--explain`, every raw line with
//! its verdict, quality and mass). `--repeat N` cleans every page N times and prints only the
//! byte count (for timing with `perf stat`, whose task-clock gives CPU time on a busy machine).

use newspipe_cleanup::{Cleaner, CleanerConfig};
use newspipe_model::{BlockVerdict, Document, Source};

fn main() {
    let mut explain = false;
    let mut repeat = 0usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--explain" => explain = true,
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        eprintln!("usage: clean_pages [--explain] [--repeat N] PAGE.txt...");
        std::process::exit(2);
    }
    let mut pages = Vec::new();
    for path in &paths {
        match std::fs::read_to_string(path) {
            Ok(text) => pages.push((path.clone(), text)),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
    let cleaner = Cleaner::new(CleanerConfig::default());
    if repeat > 0 {
        let mut bytes = 0usize;
        for _ in 0..repeat {
            for (path, text) in &pages {
                let mut doc = Document::from_text(
                    path.as_str(),
                    Source::new(path.as_str(), "txt", 0),
                    text.as_str(),
                );
                cleaner.clean(&mut doc);
                bytes += text.len();
            }
        }
        println!("cleaned {bytes} bytes");
        return;
    }
    for (path, text) in pages {
        let mut doc =
            Document::from_text(path.as_str(), Source::new(path.as_str(), "txt", 0), text);
        let reports = cleaner.clean_explained(&mut doc);
        println!("== {path}");
        println!("title:     {:?}", doc.meta.title);
        println!("subtitle:  {:?}", doc.meta.subtitle);
        println!("published: {:?}", doc.meta.published);
        println!("authors:   {:?}", doc.meta.authors);
        if explain {
            for (block, report) in doc.blocks.iter().zip(&reports) {
                let verdict = match &block.verdict {
                    Some(BlockVerdict::Boilerplate { reason }) => format!("drop: {reason}"),
                    Some(v) => v.name().to_string(),
                    None => "?".to_string(),
                };
                let line: String = block.text.chars().take(90).collect();
                println!(
                    "{verdict:<36} {:>8} {:>7.1}  {line}",
                    report.quality, report.mass
                );
            }
        } else {
            println!("\n{}\n", doc.text);
        }
    }
}
