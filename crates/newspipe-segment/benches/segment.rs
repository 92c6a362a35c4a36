//! Throughput of sentence splitting and tokenization over the BBC News corpus texts
//! (`../shared/data/corpus/bbc-news.jsonl` relative to the repository root). Skipped with a
//! message when the corpus is absent (e.g. in a fresh clone).
//!
//! Run: `cargo bench -p newspipe-segment --bench segment`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use newspipe_segment::{sentences, tokens_in};
use std::path::PathBuf;

fn corpus_texts() -> Option<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/corpus/bbc-news.jsonl");
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("segment bench skipped: cannot read {}: {e}", path.display());
            return None;
        }
    };
    let texts = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    Some(texts)
}

fn bench(c: &mut Criterion) {
    let Some(texts) = corpus_texts() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("segment/bbc-news");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("sentences", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                n += sentences(black_box(t)).count();
            }
            n
        })
    });
    group.bench_function("sentences+tokens", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                for s in sentences(black_box(t)) {
                    n += tokens_in(t, s).count();
                }
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
