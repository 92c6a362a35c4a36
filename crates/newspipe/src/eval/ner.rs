//! `newspipe eval ner GOLD...`: span-exact precision/recall/F1 per label on CoNLL/IOB files.
//!
//! Gold files: Universal NER (`.iob2`), Wikigold (`token TAG`, IO tags) and BTC / silver
//! (`token<TAB>tag`, BIO). Append `#test` (or `#train`) to a path to score only the held-out
//! (or training) documents: every fifth document is a test document. Our labels are mapped to
//! the CoNLL scheme: PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC; MISC and other labels are not scored.
//!
//! With `--predictions FILE`, the tags in FILE (same tokens, OntoNotes or CoNLL types, e.g. a
//! spaCy run written by `crates/newspipe-entities/tools/spacy_ner_predict.py`) are scored
//! instead of running newspipe's tagger, so both are measured by the same scorer.
//!
//! The tagger reads one gold document at a time (its sentences joined by line breaks, the
//! gold tokens as tokens), as the pipeline reads an article.

use anyhow::{bail, Context};
use newspipe_entities::conll::GoldSpec;
use newspipe_entities::model::NameModel;
use newspipe_entities::scoring::{gold_spans, predict_document, Scores};
use newspipe_entities::EntityTagger;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold files, each optionally suffixed `#test` or `#train` (document split).
    #[arg(required = true)]
    pub gold: Vec<String>,
    /// Score predictions from this file (token-aligned with the single gold file) instead of
    /// running the tagger.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    /// Print up to this many sentences where prediction and gold differ (to stderr).
    #[arg(long, default_value_t = 0)]
    pub show_errors: usize,
    /// Use this model file instead of the shipped one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tagger = match &args.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            EntityTagger::with_model(
                NameModel::from_bytes(&bytes).with_context(|| p.display().to_string())?,
            )
        }
        None => EntityTagger::try_new()?,
    };
    if args.predictions.is_some() && args.gold.len() != 1 {
        bail!("--predictions needs exactly one gold file");
    }
    let mut total = Scores::default();
    for spec in &args.gold {
        let spec = GoldSpec::parse(spec);
        if !spec.path.exists() {
            bail!(
                "gold file {} not found (the shared evaluation data lives in ../shared/data/ner/)",
                spec.path.display()
            );
        }
        let gold = spec.read()?;
        let mut scores = Scores::default();
        match &args.predictions {
            Some(pred_path) => {
                let pred = GoldSpec {
                    path: pred_path.clone(),
                    split: spec.split,
                }
                .read()?;
                if pred.len() != gold.len() {
                    bail!(
                        "{}: {} sentences, but gold {spec} has {}",
                        pred_path.display(),
                        pred.len(),
                        gold.len()
                    );
                }
                for (i, (g, p)) in gold.iter().zip(&pred).enumerate() {
                    if g.words != p.words {
                        bail!(
                            "{}: sentence {} has other tokens than the gold",
                            pred_path.display(),
                            i + 1
                        );
                    }
                    scores.add(&gold_spans(p), &gold_spans(g));
                }
            }
            None => {
                let mut shown = 0;
                let mut preds = Vec::with_capacity(gold.len());
                for doc in gold.chunk_by(|a, b| a.doc == b.doc) {
                    preds.extend(predict_document(&tagger, doc));
                }
                for (g, p) in gold.iter().zip(preds) {
                    let gs = gold_spans(g);
                    if shown < args.show_errors && p != gs {
                        shown += 1;
                        let show = |v: &[(usize, usize, &str)]| {
                            v.iter()
                                .map(|(a, b, t)| format!("[{} {t}]", g.words[*a..*b].join(" ")))
                                .collect::<Vec<_>>()
                                .join(" ")
                        };
                        eprintln!(
                            "{}\n  gold: {}\n  ours: {}",
                            g.words.join(" "),
                            show(&gs),
                            show(&p)
                        );
                    }
                    scores.add(&p, &gs);
                }
            }
        }
        println!("{spec}: {} sentences", gold.len());
        print!("{}", scores.table());
        println!();
        for (ty, c) in scores.counts {
            let t = total.counts.entry(ty).or_default();
            for k in 0..3 {
                t[k] += c[k];
            }
        }
    }
    if args.gold.len() > 1 {
        println!("all files:");
        print!("{}", total.table());
    }
    Ok(ExitCode::SUCCESS)
}
