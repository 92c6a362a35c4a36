//! Tags text from standard input (or the arguments) and prints one entity a line:
//! `start end label text [canonical] [value] method`.
//!
//! `echo "Kremlin spokesman Dmitry Peskov spoke on Monday." | cargo run -p newspipe-entities --example tag_text -- --published 2025-09-15`

use newspipe_entities::EntityTagger;
use newspipe_model::{Document, Source, Stage};
use std::io::Read;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut published = None;
    if let Some(i) = args.iter().position(|a| a == "--published") {
        if i + 1 < args.len() {
            published = Some(args.remove(i + 1));
        }
        args.remove(i);
    }
    let text = if args.is_empty() {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            eprintln!("cannot read standard input: {e}");
            std::process::exit(1);
        }
        s
    } else {
        args.join(" ")
    };
    let mut doc = Document::from_text("stdin", Source::default(), text);
    doc.meta.published = published;
    if let Err(e) = EntityTagger::new().process(&mut doc) {
        eprintln!("tagging failed: {e}");
        std::process::exit(1);
    }
    for e in &doc.entities {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{:?}",
            e.span.start,
            e.span.end,
            e.label.as_str(),
            doc.span_text(e.span),
            e.canonical.as_deref().unwrap_or("-"),
            e.value.as_deref().unwrap_or("-"),
            e.method
        );
    }
}
