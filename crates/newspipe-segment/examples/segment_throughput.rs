//! Throughput of the splitter and tokenizer over a JSON Lines corpus, in MB per second of wall
//! time and per second of CPU time of this thread (Linux `/proc/thread-self/schedstat`), which
//! stays meaningful on a busy machine where other processes take turns on the cores.
//!
//! ```text
//! cargo run --release -p newspipe-segment --example segment_throughput -- ../shared/data/corpus/bbc-news.jsonl
//! ```

use newspipe_segment::{sentences, tokens_in};
use std::time::Instant;

/// Nanoseconds this thread has spent on a CPU, when the kernel tells us.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn measure(label: &str, texts: &[String], passes: usize, f: impl Fn(&str) -> usize) {
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * passes;
    let (wall, cpu) = (Instant::now(), cpu_ns());
    let mut n = 0;
    for _ in 0..passes {
        for t in texts {
            n += f(t);
        }
    }
    let wall = wall.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    match (cpu, cpu_ns()) {
        (Some(a), Some(b)) => {
            let cpu = (b - a) as f64 / 1e9;
            println!(
                "{label:<18} {:>7.1} MB/s wall  {:>7.1} MB/s per CPU-second  ({n} items, {mb:.1} MB)",
                mb / wall,
                mb / cpu
            );
        }
        _ => println!(
            "{label:<18} {:>7.1} MB/s wall  ({n} items, {mb:.1} MB)",
            mb / wall
        ),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: throughput CORPUS.jsonl [PASSES]")?;
    let passes: usize = std::env::args().nth(2).map_or(Ok(5), |p| p.parse())?;
    let data = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut texts = Vec::new();
    for (i, line) in data.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", i + 1))?;
        if let Some(t) = v["text"].as_str() {
            texts.push(t.to_string());
        }
    }
    measure("sentences", &texts, passes, |t| sentences(t).count());
    measure("sentences+tokens", &texts, passes, |t| {
        sentences(t).map(|s| tokens_in(t, s).count()).sum()
    });
    Ok(())
}
