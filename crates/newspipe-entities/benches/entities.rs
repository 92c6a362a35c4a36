//! Segmentation + entity tagging throughput over the BBC news corpus in `../shared/data/corpus/`
//! (relative to the repository root). Skips with a message when the corpus is absent.
//!
//! Run: `cargo bench -p newspipe-entities --bench entities`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newspipe_entities::lexicon::Lexicon;
use newspipe_entities::model::NameModel;
use newspipe_entities::EntityTagger;
use newspipe_model::{Document, Source, Stage};
use newspipe_segment::Segmenter;
use std::path::PathBuf;

fn corpus() -> Option<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/corpus/bbc-news.jsonl");
    let text = std::fs::read_to_string(&path).ok()?;
    let docs = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(String::from))
        .collect();
    Some(docs)
}

fn model_load(c: &mut Criterion) {
    let bytes = include_bytes!("../model/ner.bin");
    c.bench_function("model load (parse ner.bin)", |b| {
        b.iter(|| {
            NameModel::from_bytes(bytes)
                .expect("valid model")
                .n_features()
        })
    });
    let lexicon = include_str!("../data/lexicon.tsv");
    // The shipped lexicon is compiled at build time and costs nothing to load; this is what
    // reading a lexicon of one's own (`Lexicon::parse`) costs.
    c.bench_function("lexicon parse (lexicon.tsv, as a custom lexicon)", |b| {
        b.iter(|| Lexicon::parse(lexicon).len())
    });
}

fn bench(c: &mut Criterion) {
    let Some(texts) = corpus() else {
        eprintln!("skipping entities bench: ../shared/data/corpus/bbc-news.jsonl not found");
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let tagger = EntityTagger::new();
    let segmenter = Segmenter { tokens: true };
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("segment+entities/bbc-news", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                let mut doc = Document::from_text("b", Source::default(), t.as_str());
                doc.meta.published = Some("2005-03-01".into());
                segmenter.process(&mut doc).expect("segment");
                tagger.process(&mut doc).expect("entities");
                n += doc.entities.len();
            }
            n
        })
    });
    g.bench_function("entities-only/bbc-news", |b| {
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| {
                let mut doc = Document::from_text("b", Source::default(), t.as_str());
                segmenter.process(&mut doc).expect("segment");
                doc
            })
            .collect();
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let mut doc = d.clone();
                tagger.process(&mut doc).expect("entities");
                n += doc.entities.len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, model_load, bench);
criterion_main!(benches);
