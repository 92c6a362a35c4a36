//! End-to-end throughput of the driver path (read → cleanup → segment → entities → JSON Lines)
//! on the BBC News corpus, on 1 and 2 worker threads.
//!
//! `cargo bench -p newspipe --bench pipeline` — reads `../shared/data/corpus/bbc-news.jsonl`
//! (relative to the repository root) and skips with a message when it is missing.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newspipe::engine::{self, EngineConfig};
use newspipe::stages::{self, StageList};
use newspipe_ingest::{Input, ReadOptions};
use std::path::PathBuf;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus/bbc-news.jsonl")
}

fn bench(c: &mut Criterion) {
    let path = corpus();
    let Ok(meta) = std::fs::metadata(&path) else {
        eprintln!(
            "pipeline bench skipped: {} not found (the corpus lives in ../shared/data/corpus/, \
             outside the repository)",
            path.display()
        );
        return;
    };
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(meta.len()));
    for (name, list) in [
        ("all-stages", "cleanup,segment,entities"),
        ("ingest-export", "none"),
    ] {
        let stages = stages::build(&list.parse::<StageList>().unwrap(), false);
        for threads in [1, 2] {
            let config = EngineConfig {
                threads,
                ..EngineConfig::default()
            };
            group.bench_function(format!("{name}/threads-{threads}"), |b| {
                b.iter(|| {
                    let inputs = vec![Input::File(path.clone())];
                    let reader = move || newspipe_ingest::read(inputs, ReadOptions::default());
                    let stats =
                        engine::run(reader, &stages, &mut std::io::sink(), &config).unwrap();
                    stats.documents_in
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
