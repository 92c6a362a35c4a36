//! Quick throughput check over a JSON Lines corpus (default `../shared/data/corpus/bbc-news.jsonl`
//! from the repository root): MB/s of the rules alone and of the whole entity stage on
//! pre-segmented documents. The criterion bench (`benches/entities.rs`) is the reference figure.
//!
//! `cargo run --release -p newspipe-entities --example throughput [FILE.jsonl]`

use newspipe_entities::{rules, EntityTagger};
use newspipe_model::{Document, Source, Stage};
use newspipe_segment::Segmenter;
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/corpus/bbc-news.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path} (the corpus lives in ../shared/data/corpus/)");
        std::process::exit(1);
    };
    let texts: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(String::from))
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let segmenter = Segmenter { tokens: true };
    let t = Instant::now();
    let docs: Vec<Document> = texts
        .iter()
        .map(|s| {
            let mut d = Document::from_text("x", Source::default(), s.as_str());
            d.meta.published = Some("2005-03-01".into());
            segmenter.process(&mut d).expect("segment");
            d
        })
        .collect();
    println!("segment:  {:6.2} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    let n: usize = texts
        .iter()
        .map(|s| rules::find(s, Some("2005-03-01")).len())
        .sum();
    println!(
        "rules:    {:6.2} MB/s ({n} entities)",
        mb / t.elapsed().as_secs_f64()
    );
    let tagger = EntityTagger::new();
    let t = Instant::now();
    let mut n = 0;
    for d in &docs {
        let mut d = d.clone();
        tagger.process(&mut d).expect("entities");
        n += d.entities.len();
    }
    println!(
        "entities: {:6.2} MB/s ({n} entities)",
        mb / t.elapsed().as_secs_f64()
    );
}
