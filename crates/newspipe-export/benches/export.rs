//! Throughput of the JSON Lines writer on synthetic documents (ASCII and multi-byte text).
//!
//! `cargo bench -p newspipe-export`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newspipe_export::{ExportOptions, Exporter, Format};
use newspipe_model::{Document, Entity, EntityLabel, Method, Source, Span};

/// A ~6 KB document with a sentence every 12 words, a token per word and an entity every 7 words.
fn document(word: &str) -> Document {
    let mut text = String::new();
    let mut tokens = Vec::new();
    for i in 0..600 {
        let start = text.len();
        text.push_str(word);
        tokens.push(Span::new(start, text.len()));
        text.push_str(if i % 12 == 11 { ".\n" } else { " " });
    }
    let mut doc = Document::from_text("bench", Source::new("bench.jsonl", "jsonl", 0), text);
    doc.sentences = tokens
        .chunks(12)
        .map(|c| Span::new(c[0].start, c[c.len() - 1].end))
        .collect();
    doc.entities = tokens
        .iter()
        .step_by(7)
        .map(|&span| Entity {
            span,
            label: EntityLabel::Person,
            canonical: None,
            value: None,
            method: Method::Rule,
        })
        .collect();
    doc.tokens = tokens;
    doc
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    for (name, word) in [("ascii", "word"), ("utf8", "wörd")] {
        let doc = document(word);
        group.throughput(Throughput::Bytes(doc.text.len() as u64));
        for (format, tokens) in [
            (Format::Jsonl, false),
            (Format::Jsonl, true),
            (Format::Conll, true),
        ] {
            let mut exporter = Exporter::new(format, ExportOptions { tokens });
            let mut out = Vec::with_capacity(1 << 20);
            let label = format!("{format}{}/{name}", if tokens { "+tokens" } else { "" });
            group.bench_function(label, |b| {
                b.iter(|| {
                    out.clear();
                    exporter.write_document(&mut out, &doc).unwrap();
                    out.len()
                })
            });
        }
        // Baseline: serde_json's derived serialisation of the whole model (byte offsets, no
        // conversion; `raw` repeats the text), to compare the hand-rolled writer against.
        let mut out = Vec::with_capacity(1 << 20);
        group.bench_function(format!("serde_json-model+tokens/{name}"), |b| {
            b.iter(|| {
                out.clear();
                serde_json::to_writer(&mut out, &doc).unwrap();
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
