//! Quick throughput check over a JSON Lines corpus (default `../shared/data/corpus/bbc-news.jsonl`
//! from the repository root): MB/s of the rules alone and of the whole entity stage on
//! pre-segmented documents. The criterion bench (`benches/entities.rs`) is the reference figure.
//!
//! `cargo run --release -p newspipe-entities --example entities_throughput [FILE.jsonl]`

use newspipe_entities::{rules, EntityTagger};
use newspipe_model::{Document, Source, Stage};
use newspipe_segment::Segmenter;
use std::time::Instant;

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`), so the figure is
/// per core even when other processes share the machine; wall-clock elsewhere.
fn cpu_seconds(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| wall.elapsed().as_secs_f64())
}

struct Clock {
    wall: Instant,
    cpu: f64,
}

impl Clock {
    fn start() -> Self {
        let wall = Instant::now();
        Clock {
            wall,
            cpu: cpu_seconds(wall),
        }
    }
    /// (CPU seconds, wall seconds) since start.
    fn stop(&self) -> (f64, f64) {
        (
            cpu_seconds(self.wall) - self.cpu,
            self.wall.elapsed().as_secs_f64(),
        )
    }
}

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
    let report = |name: &str, mb: f64, c: (f64, f64), extra: String| {
        println!(
            "{name:<9} {:7.2} MB per CPU-second ({:6.2} MB/s wall){extra}",
            mb / c.0,
            mb / c.1
        )
    };
    let t = Clock::start();
    let docs: Vec<Document> = texts
        .iter()
        .map(|s| {
            let mut d = Document::from_text("x", Source::default(), s.as_str());
            d.meta.published = Some("2005-03-01".into());
            segmenter.process(&mut d).expect("segment");
            d
        })
        .collect();
    report("segment", mb, t.stop(), String::new());
    let t = Clock::start();
    let n: usize = texts
        .iter()
        .map(|s| rules::find(s, Some("2005-03-01")).len())
        .sum();
    report("rules", mb, t.stop(), format!(", {n} entities"));
    let tagger = EntityTagger::new();
    let t = Clock::start();
    let mut n = 0;
    for d in &docs {
        let mut d = d.clone();
        tagger.process(&mut d).expect("entities");
        n += d.entities.len();
    }
    report("entities", mb, t.stop(), format!(", {n} entities"));
}
