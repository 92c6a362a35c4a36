//! Throughput of the HTML reader (`parse_page`: tokenize, build blocks and hints, score, meta)
//! over the article-extraction dev pages in `../shared/data/extraction/dev/*.html.gz`.
//!
//! Run: `cargo bench -p newspipe-ingest --bench html`. The pages are gunzipped in memory before
//! timing; when `../shared` is absent the bench says so and does nothing.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flate2::read::GzDecoder;
use newspipe_ingest::html::parse_page;
use std::io::Read;
use std::path::Path;

fn load_pages() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extraction/dev");
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let mut bytes = Vec::new();
        let file = std::fs::File::open(&path).ok()?;
        GzDecoder::new(file).read_to_end(&mut bytes).ok()?;
        pages.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    (!pages.is_empty()).then_some(pages)
}

fn bench_html(c: &mut Criterion) {
    let Some(pages) = load_pages() else {
        eprintln!(
            "html bench skipped: ../shared/data/extraction/dev/*.html.gz not found \
             (it lives next to the repository in the development workspace)"
        );
        return;
    };
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("parse_page/dev-pages", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| parse_page(p).blocks.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_html);
criterion_main!(benches);
