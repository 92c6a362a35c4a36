//! `newspipe eval extraction GROUND_TRUTH.jsonl INPUT...`: reads pages with `newspipe_ingest`,
//! runs the cleanup stage, and scores the body (paragraphs of kind body and subheading) against
//! the ground truth's `articleBody` with the article-extraction benchmark's metric
//! ([`newspipe_cleanup::eval`]). Pages are matched to ground-truth records by file stem
//! (`{id}.txt`, `{id}.html.gz`, `{id}.html` → `id`).

use anyhow::Context;
use newspipe_cleanup::eval::{PageScore, Summary};
use newspipe_cleanup::{BlockReport, Cleaner, CleanerConfig, SiteProfile};
use newspipe_model::{Document, ParagraphKind};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ground truth: JSON Lines with `id` and `articleBody` per page.
    pub gold: PathBuf,
    /// Pages to score (`{id}.txt`, `{id}.html.gz`, ...), or directories holding them.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Also list the N pages with the lowest F1.
    #[arg(long, value_name = "N")]
    pub worst: Option<usize>,
    /// Score body paragraphs only (by default subheadings inside the body count too, as the
    /// benchmark's `articleBody` usually includes them).
    #[arg(long)]
    pub body_only: bool,
    /// Print every block of the page with this id and its verdict (debugging aid).
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
    /// Load a site boilerplate profile (JSON, see `newspipe_cleanup::SiteProfile`).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

/// The page id of an input path: its file name without `.txt`, `.html`, `.htm` and `.gz`.
fn page_id(path: &str) -> String {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = name.as_str();
    for ext in [".gz", ".zst", ".html", ".htm", ".txt"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    stem.to_string()
}

fn load_truth(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open ground truth {}", path.display()))?;
    let mut truth = HashMap::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}: line {}: not JSON", path.display(), n + 1))?;
        let id = v["id"].as_str().with_context(|| {
            format!("{}: line {}: missing string \"id\"", path.display(), n + 1)
        })?;
        let body = v["articleBody"].as_str().unwrap_or_default();
        truth.insert(id.to_string(), body.to_string());
    }
    Ok(truth)
}

/// The scored text of a cleaned document: its body paragraphs joined by blank lines.
fn scored_text(doc: &Document, body_only: bool) -> String {
    let mut out = String::new();
    for p in &doc.paragraphs {
        let keep =
            p.kind == ParagraphKind::Body || (!body_only && p.kind == ParagraphKind::Subheading);
        if keep {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(doc.span_text(p.span));
        }
    }
    out
}

/// Unreadable records reported one by one before only counting them.
const MAX_WARNINGS: usize = 5;

/// Page scores of one evaluation, with counts of inputs that were not scored.
struct Scored {
    pages: Vec<(String, PageScore)>,
    unmatched: usize,
    failed: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Scored {
        pages: mut scores,
        unmatched,
        failed,
    } = score(&args)?;
    let pages: Vec<PageScore> = scores.iter().map(|(_, s)| *s).collect();
    let s = Summary::of(&pages);
    println!(
        "pages {}  precision {:.3}  recall {:.3}  F1 {:.3}  accuracy {:.3}",
        s.pages, s.precision, s.recall, s.f1, s.accuracy
    );
    if unmatched + failed > 0 {
        println!("(not scored: {unmatched} inputs without ground truth, {failed} unreadable)");
    }
    if let Some(n) = args.worst {
        scores.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()));
        println!("worst pages (F1, P, R, id):");
        for (id, page) in scores.iter().take(n) {
            println!(
                "  {:.3}  {:.3}  {:.3}  {id}",
                page.f1(),
                page.precision(),
                page.recall()
            );
        }
    }
    if scores.is_empty() {
        anyhow::bail!("no input matched a ground-truth id (ids are file stems)");
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads, cleans and scores every input.
fn score(args: &Args) -> anyhow::Result<Scored> {
    let truth = load_truth(&args.gold)?;
    let mut config = CleanerConfig::default();
    if let Some(path) = &args.profile {
        config.profile = Some(std::sync::Arc::new(SiteProfile::load(path)?));
    }
    let cleaner = Cleaner::new(config);
    let gold = std::fs::canonicalize(&args.gold).ok();
    let inputs: Vec<_> = newspipe_ingest::discover(&args.inputs)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.path.display(), e.message))?
        .into_iter()
        // A directory of pages usually holds the ground truth too: it is not a page.
        .filter(|input| match input {
            newspipe_ingest::Input::File(path) => {
                gold.is_none() || std::fs::canonicalize(path).ok() != gold
            }
            _ => true,
        })
        .collect();
    let mut scores: Vec<(String, PageScore)> = Vec::new();
    let (mut unmatched, mut failed) = (0usize, 0usize);
    for record in newspipe_ingest::read(inputs, Default::default()) {
        let mut doc = match record {
            Ok(doc) => doc,
            Err(e) => {
                if failed < MAX_WARNINGS {
                    eprintln!("warning: {}: {}", e.source.path, e.message);
                }
                failed += 1;
                continue;
            }
        };
        let id = page_id(&doc.source.path);
        let Some(body) = truth.get(&id) else {
            unmatched += 1;
            continue;
        };
        let reports = cleaner.clean_explained(&mut doc);
        if args.explain.as_deref() == Some(id.as_str()) {
            explain(&doc, &reports);
        }
        let predicted = scored_text(&doc, args.body_only);
        scores.push((id, PageScore::new(body, &predicted)));
    }
    Ok(Scored {
        pages: scores,
        unmatched,
        failed,
    })
}

fn explain(doc: &Document, reports: &[BlockReport]) {
    eprintln!("== {} ({:?})", doc.id, doc.meta);
    for (i, b) in doc.blocks.iter().enumerate() {
        let verdict = match &b.verdict {
            Some(newspipe_model::BlockVerdict::Boilerplate { reason }) => format!("-{reason}"),
            Some(v) => v.name().to_uppercase(),
            None => "?".into(),
        };
        let text: String = b.text.chars().take(110).collect();
        let (quality, mass) = reports.get(i).map_or(("?", 0.0), |r| (r.quality, r.mass));
        eprintln!("{i:4} {verdict:<18} {quality:>11} {mass:>7.1}  {text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_the_fixture_pages_and_skips_the_gold_file() {
        let fixtures =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/cleanup");
        let args = Args {
            gold: fixtures.join("ground_truth.jsonl"),
            inputs: vec![fixtures.clone()],
            worst: None,
            body_only: false,
            explain: None,
            profile: None,
        };
        let scored = score(&args).unwrap();
        assert_eq!(scored.pages.len(), 5);
        assert_eq!((scored.unmatched, scored.failed), (0, 0));
        let pages: Vec<PageScore> = scored.pages.iter().map(|(_, s)| *s).collect();
        assert!(Summary::of(&pages).f1 > 0.9);
    }

    #[test]
    fn missing_gold_file_is_a_clear_error() {
        let args = Args {
            gold: PathBuf::from("no/such/gold.jsonl"),
            inputs: vec![PathBuf::from("x.txt")],
            worst: None,
            body_only: false,
            explain: None,
            profile: None,
        };
        let err = score(&args).err().unwrap().to_string();
        assert!(err.contains("no/such/gold.jsonl"), "{err}");
    }

    #[test]
    fn page_ids_strip_known_extensions() {
        assert_eq!(page_id("dev/abc.html.gz"), "abc");
        assert_eq!(page_id("abc.txt"), "abc");
        assert_eq!(page_id("/x/y/abc"), "abc");
    }
}
