//! `newspipe eval sbd`: score the sentence splitter (and tokenizer) of `newspipe-segment`.
//!
//! * Golden-Rules JSONL (`{"id", "name", "text", "sentences"[, "doc_type"]}` a line): prints
//!   the exact-match accuracy and every failed case (expected vs got).
//! * CoNLL-U-style files (`.conllu`, `.iob2`, `.conll`, e.g. UNER English-EWT): rebuilds each
//!   document from its `# text` lines and prints sentence-boundary and token precision, recall
//!   and F1.

use anyhow::{bail, Context};
use newspipe_model::floor_char_boundary;
use newspipe_segment::eval::{
    boundary_errors, read_conllu, score_case, score_gold_documents, Counts, SbdCase,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GoldFormat {
    /// Chosen from the file extension: `.jsonl` is golden, `.conllu`/`.iob2`/`.conll` CoNLL-U.
    Auto,
    /// Golden-Rules JSON Lines.
    Golden,
    /// CoNLL-U-like: `# newdoc id`, `# text` and one token a line.
    Conllu,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold file: Golden-Rules JSONL, or a CoNLL-U-style file with `# text` lines.
    pub gold: PathBuf,
    /// Format of the gold file.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: GoldFormat,
    /// Shorthand for `--format conllu`.
    #[arg(long)]
    pub conllu: bool,
    /// CoNLL-U only: print up to N boundary errors (missed / extra) with their context.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show_errors: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let data = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read gold file {}", args.gold.display()))?;
    let format = if args.conllu {
        GoldFormat::Conllu
    } else {
        args.format
    };
    match resolve(format, &args.gold) {
        GoldFormat::Conllu => run_conllu(&args.gold, &data, args.show_errors),
        _ => run_golden(&args.gold, &data),
    }
}

fn resolve(format: GoldFormat, path: &Path) -> GoldFormat {
    if format != GoldFormat::Auto {
        return format;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("conllu" | "iob2" | "conll") => GoldFormat::Conllu,
        _ => GoldFormat::Golden,
    }
}

fn parse_case(path: &Path, line_no: usize, line: &str) -> anyhow::Result<SbdCase> {
    let where_ = || format!("{}:{line_no}", path.display());
    let v: serde_json::Value =
        serde_json::from_str(line).with_context(|| format!("{}: invalid JSON", where_()))?;
    let text = v["text"]
        .as_str()
        .with_context(|| format!("{}: missing string field \"text\"", where_()))?;
    let Some(sentences) = v["sentences"].as_array() else {
        bail!("{}: missing array field \"sentences\"", where_());
    };
    let expected = sentences
        .iter()
        .map(|s| s.as_str().map(str::to_string))
        .collect::<Option<Vec<_>>>()
        .with_context(|| format!("{}: \"sentences\" must hold strings", where_()))?;
    Ok(SbdCase {
        id: v["id"].as_u64().unwrap_or(line_no as u64) as u32,
        name: v["name"].as_str().unwrap_or("").to_string(),
        text: text.to_string(),
        expected,
        wrapped: v["doc_type"].as_str() == Some("pdf"),
    })
}

fn run_golden(path: &Path, data: &str) -> anyhow::Result<ExitCode> {
    let mut total = 0;
    let mut passed = 0;
    let mut failures = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case = parse_case(path, i + 1, line)?;
        let result = score_case(&case);
        total += 1;
        if result.passed {
            passed += 1;
        } else {
            failures.push((case, result.got));
        }
    }
    if total == 0 {
        bail!("{}: no cases found", path.display());
    }
    println!(
        "{}: {passed}/{total} cases split exactly as expected (accuracy {:.1}%)",
        path.display(),
        100.0 * passed as f64 / total as f64
    );
    for (case, got) in &failures {
        println!("\nFAIL #{} {}", case.id, case.name);
        println!("  text:     {:?}", case.text);
        println!("  expected: {:?}", case.expected);
        println!("  got:      {got:?}");
    }
    Ok(ExitCode::SUCCESS)
}

fn run_conllu(path: &Path, data: &str, show_errors: usize) -> anyhow::Result<ExitCode> {
    let docs = read_conllu(data).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if docs.is_empty() {
        bail!("{}: no documents (no `# text` lines) found", path.display());
    }
    let scores = score_gold_documents(&docs);
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    println!(
        "{}: {} documents, {sentences} gold sentences (documents rebuilt from `# text` lines joined by a space)",
        path.display(),
        scores.documents
    );
    print_counts("sentence boundaries", scores.boundaries);
    print_counts("tokens (exact spans)", scores.tokens);
    print_counts("tokens, split hyphens", scores.tokens_split_hyphens);
    let errors = docs
        .iter()
        .flat_map(|d| boundary_errors(d).into_iter().map(move |e| (d, e)))
        .take(show_errors);
    for (doc, e) in errors {
        let before = &doc.text[floor_char_boundary(&doc.text, e.at.saturating_sub(40))..e.at];
        let after = &doc.text[e.at..floor_char_boundary(&doc.text, e.at + 40)];
        let kind = if e.missed { "MISSED" } else { "EXTRA " };
        println!("{kind} {}: {before:?} | {after:?}", doc.id);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_counts(what: &str, c: Counts) {
    println!(
        "  {what:<22} P {:.4}  R {:.4}  F1 {:.4}   (correct {}, predicted {}, gold {})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.correct,
        c.predicted,
        c.gold
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_extension() {
        let auto = GoldFormat::Auto;
        assert_eq!(resolve(auto, Path::new("a/b.iob2")), GoldFormat::Conllu);
        assert_eq!(resolve(auto, Path::new("x.conllu")), GoldFormat::Conllu);
        assert_eq!(resolve(auto, Path::new("g.jsonl")), GoldFormat::Golden);
        assert_eq!(
            resolve(GoldFormat::Conllu, Path::new("g.jsonl")),
            GoldFormat::Conllu
        );
    }

    #[test]
    fn cases_parse_and_errors_name_the_line() {
        let p = Path::new("gold.jsonl");
        let case = parse_case(
            p,
            3,
            r#"{"id": 7, "name": "n", "text": "A. B.", "sentences": ["A.", "B."], "doc_type": "pdf"}"#,
        )
        .unwrap();
        assert_eq!((case.id, case.wrapped, case.expected.len()), (7, true, 2));
        let err = parse_case(p, 5, r#"{"text": "x"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("gold.jsonl:5") && err.contains("sentences"),
            "{err}"
        );
        let err = parse_case(p, 6, "not json").unwrap_err().to_string();
        assert!(
            err.contains("gold.jsonl:6") && err.contains("invalid JSON"),
            "{err}"
        );
    }

    #[test]
    fn empty_inputs_are_errors() {
        let p = Path::new("empty.jsonl");
        assert!(run_golden(p, "\n\n").is_err());
        assert!(run_conllu(Path::new("e.iob2"), "", 0).is_err());
    }
}
