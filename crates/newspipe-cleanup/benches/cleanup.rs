//! Cleanup throughput on text page dumps: the 136 dev pages of the article-extraction benchmark
//! (`../shared/data/extraction/dev/*.txt`, skipped with a message when absent) and the seed page
//! from `tests/fixtures/`. Throughput is in input bytes, so criterion prints MB/s directly.
//! Documents are built outside the timed part; the timed part is `Cleaner::clean` (block
//! splitting, normalisation, features, classification, clean text and metadata).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use newspipe_cleanup::{Cleaner, CleanerConfig};
use newspipe_model::{Document, Source};
use std::path::{Path, PathBuf};

fn dev_pages() -> Option<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extraction/dev");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let pages: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?)))
        .collect();
    (!pages.is_empty()).then_some(pages)
}

fn docs(pages: &[(String, String)]) -> Vec<Document> {
    pages
        .iter()
        .map(|(path, text)| {
            Document::from_text(
                path.clone(),
                Source::new(path.clone(), "txt", 0),
                text.clone(),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cleaner = Cleaner::new(CleanerConfig::default());
    let mut group = c.benchmark_group("cleanup");

    let seed_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rt-nato-peskov.txt");
    let seed = std::fs::read_to_string(&seed_path).expect("tests/fixtures/rt-nato-peskov.txt");
    let seed_pages = vec![("seed".to_string(), seed)];
    group.throughput(Throughput::Bytes(seed_pages[0].1.len() as u64));
    group.bench_function("seed_page_txt", |b| {
        b.iter_batched(
            || docs(&seed_pages),
            |mut docs| docs.iter_mut().for_each(|d| cleaner.clean(d)),
            BatchSize::SmallInput,
        )
    });

    match dev_pages() {
        None => eprintln!(
            "cleanup bench: ../shared/data/extraction/dev/*.txt not found next to the repository; \
             skipping the dev-page benchmark"
        ),
        Some(pages) => {
            let bytes: usize = pages.iter().map(|(_, t)| t.len()).sum();
            group.throughput(Throughput::Bytes(bytes as u64));
            group.sample_size(20);
            group.bench_function("dev_pages_txt", |b| {
                b.iter_batched(
                    || docs(&pages),
                    |mut docs| docs.iter_mut().for_each(|d| cleaner.clean(d)),
                    BatchSize::LargeInput,
                )
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
