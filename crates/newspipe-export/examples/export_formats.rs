//! Prints one small document in every export format.
//!
//! Run with `cargo run -p newspipe-export --example export_formats`.

use newspipe_export::{ExportOptions, Exporter, Format};
use newspipe_model::{Document, Entity, EntityLabel, Method, Source, Span};

fn main() -> std::io::Result<()> {
    let text = "Peskov spoke in Moscow on Monday.";
    let mut doc = Document::from_text("example-1", Source::new("inline", "txt", 0), text);
    doc.sentences = vec![Span::new(0, text.len())];
    doc.tokens = ["Peskov", "spoke", "in", "Moscow", "on", "Monday", "."]
        .iter()
        .scan(0, |from, word| {
            let start = text[*from..].find(word).unwrap() + *from;
            *from = start + word.len();
            Some(Span::new(start, *from))
        })
        .collect();
    doc.entities = vec![
        Entity {
            span: Span::new(0, 6),
            label: EntityLabel::Person,
            canonical: Some("Dmitry Peskov".into()),
            value: None,
            method: Method::Gazetteer,
        },
        Entity {
            span: Span::new(16, 22),
            label: EntityLabel::Gpe,
            canonical: None,
            value: None,
            method: Method::Gazetteer,
        },
    ];
    let mut stdout = std::io::stdout().lock();
    for &format in Format::ALL {
        println!("--- {format}");
        let mut exporter = Exporter::new(format, ExportOptions { tokens: true });
        exporter.write_header(&mut stdout)?;
        exporter.write_document(&mut stdout, &doc)?;
        exporter.write_footer(&mut stdout)?;
    }
    Ok(())
}
