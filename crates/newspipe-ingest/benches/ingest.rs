//! Throughput of `newspipe_ingest::read` over the BBC news corpus
//! (`../shared/data/corpus/bbc-news.jsonl`, 5.2 MB, 2,225 articles): plain JSON Lines, the same
//! file gzip- and zstd-compressed (made in a temporary directory when the bench starts), and the
//! plain file read as 4 shards one after the other. Throughput is in uncompressed input bytes.
//!
//! Run: `cargo bench -p newspipe-ingest --bench ingest`. Without `../shared` (a clone outside
//! the workspace this project was built in) the bench says so and measures nothing.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newspipe_ingest::{read, Input, ReadOptions, Shard};
use std::io::Write;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus/bbc-news.jsonl");
    path.is_file().then_some(path)
}

/// Reads every record and checks none failed (a broken reader must not look fast).
fn read_all(inputs: &[Input], options: ReadOptions) -> usize {
    let mut documents = 0;
    for record in read(inputs.to_vec(), options) {
        let doc = record.expect("the corpus reads without errors");
        documents += usize::from(!doc.text.is_empty());
    }
    documents
}

fn bench_read(c: &mut Criterion) {
    let Some(corpus) = corpus() else {
        eprintln!(
            "ingest bench: ../shared/data/corpus/bbc-news.jsonl not found (it lives outside the \
             repository, next to it); nothing measured"
        );
        return;
    };
    let bytes = std::fs::read(&corpus).expect("read corpus");
    let dir = tempfile::tempdir().expect("temp dir");
    let gz = dir.path().join("bbc-news.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&bytes).unwrap();
    std::fs::write(&gz, encoder.finish().unwrap()).unwrap();
    let zst = dir.path().join("bbc-news.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&bytes[..], 3).unwrap()).unwrap();

    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(20);
    for (name, path) in [("jsonl", &corpus), ("jsonl.gz", &gz), ("jsonl.zst", &zst)] {
        let inputs = vec![Input::File(path.clone())];
        group.bench_function(name, |b| {
            b.iter(|| read_all(&inputs, ReadOptions::default()))
        });
    }
    let inputs = vec![Input::File(corpus.clone())];
    group.bench_function("jsonl, 4 shards in turn", |b| {
        b.iter(|| {
            (0..4)
                .map(|index| {
                    let shard = Shard::new(index, 4);
                    read_all(&inputs, ReadOptions { shard })
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_read);
criterion_main!(benches);
