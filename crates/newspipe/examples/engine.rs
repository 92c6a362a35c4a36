//! Runs the engine as a library: in-memory documents through the segment and entities stages,
//! JSON Lines to stdout, the summary to stderr.
//!
//! `cargo run -p newspipe --example engine`

use newspipe::engine::{self, EngineConfig};
use newspipe::stages::{self, StageList};
use newspipe_model::{Document, Source};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let texts = [
        "Kremlin spokesman Dmitry Peskov spoke on Monday. He said talks would go on.",
        "The council approved the budget. About 30,000 vehicles use the bridge every day.",
    ];
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let source = Source::new("inline", "txt", i as u64);
            Document::from_text(format!("doc-{i}"), source, *text)
        })
        .collect();
    let stages = stages::build(&"segment,entities".parse::<StageList>()?, false);
    let config = EngineConfig {
        threads: 2,
        ..EngineConfig::default()
    };
    let mut stdout = std::io::stdout().lock();
    let stats = engine::run(
        move || docs.into_iter().map(Ok),
        &stages,
        &mut stdout,
        &config,
    )?;
    eprint!("{}", stats.summary());
    Ok(())
}
