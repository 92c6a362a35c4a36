//! `newspipe train ner ...`: train the named-entity model shipped in
//! `crates/newspipe-entities/model/ner.bin`. See that directory's README for the data, the
//! licences and the exact command.

use anyhow::Context;
use clap::Subcommand;
use newspipe_entities::conll::GoldSpec;
use newspipe_entities::gazetteer::Gazetteer;
use newspipe_entities::scoring::{gold_spans, predict_document, Scores};
use newspipe_entities::train::{train, TrainOptions, TrainingSentence};
use newspipe_entities::EntityTagger;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the named-entity model (an averaged perceptron over BIO tags).
    Ner {
        /// Training files (CoNLL/IOB: UNER, Wikigold, BTC, silver); `FILE#train` keeps the
        /// training documents of a file (all but every fifth document); `FILE*N` repeats a file
        /// N times per epoch (weights small gold sets against large silver ones).
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Where to write the model.
        #[arg(long, default_value = "crates/newspipe-entities/model/ner.bin")]
        out: PathBuf,
        /// Passes over the data.
        #[arg(long, default_value_t = TrainOptions::default().epochs)]
        epochs: usize,
        /// Drop quantised weights below this magnitude (of 32000): smaller file, lower accuracy.
        #[arg(long, default_value_t = TrainOptions::default().min_quantised)]
        min_weight: i16,
        /// Training runs over different shuffles whose weights are averaged (bagging): steadier
        /// than one run, N times the training time.
        #[arg(long, default_value_t = TrainOptions::default().runs)]
        runs: usize,
        /// Features seen fewer times than this in the first epoch get no weights.
        #[arg(long, default_value_t = TrainOptions::default().min_seen)]
        min_seen: u32,
        /// Seed of the shuffle of the first run (the shipped model: 7).
        #[arg(long, default_value_t = TrainOptions::default().seed)]
        seed: u64,
        /// Files to score the new model on after training (same syntax as `eval ner`).
        #[arg(long)]
        dev: Vec<String>,
    },
}

pub fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Ner {
            inputs,
            out,
            epochs,
            min_weight,
            runs,
            seed,
            min_seen,
            dev,
        } => {
            let gaz = Gazetteer::shipped();
            let mut data = Vec::new();
            for input in &inputs {
                let (spec, times) = match input.rsplit_once('*') {
                    Some((p, n)) if n.parse::<usize>().is_ok() => (p, n.parse::<usize>()?),
                    _ => (input.as_str(), 1),
                };
                let spec = GoldSpec::parse(spec);
                let sents = spec.read()?;
                eprintln!("{spec}: {} sentences ×{times}", sents.len());
                for _ in 0..times {
                    data.extend(sents.iter().map(|s| TrainingSentence::from_conll(s, gaz)));
                }
            }
            let opts = TrainOptions {
                epochs,
                min_quantised: min_weight,
                runs,
                seed,
                min_seen,
            };
            let started = Instant::now();
            let model = train(&data, gaz, &opts, |r| {
                eprintln!(
                    "run {} epoch {}: accuracy {:.4}, {} features, {:.0?}",
                    r.run,
                    r.epoch,
                    r.accuracy,
                    r.features,
                    started.elapsed()
                )
            });
            let bytes = model.to_bytes();
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            eprintln!(
                "wrote {} ({} features, {:.2} MB)",
                out.display(),
                model.n_features(),
                bytes.len() as f64 / 1e6
            );
            let tagger = EntityTagger::with_model(model);
            for spec in dev {
                let spec = GoldSpec::parse(&spec);
                let mut scores = Scores::default();
                let gold = spec.read()?;
                for doc in gold.chunk_by(|a, b| a.doc == b.doc) {
                    for (g, p) in doc.iter().zip(predict_document(&tagger, doc)) {
                        scores.add(&p, &gold_spans(g));
                    }
                }
                println!("{spec}:\n{}", scores.table());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
