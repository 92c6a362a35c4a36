//! Span-exact precision / recall / F1 against CoNLL gold files, in the CoNLL scheme
//! (PER, ORG, LOC): PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC; other labels and gold MISC are not
//! scored.

use crate::conll::{spans, Sentence};
use crate::EntityTagger;
use newspipe_model::{EntityLabel, Span};
use std::collections::BTreeMap;

/// The scored gold types.
pub const SCORED: [&str; 3] = ["PER", "ORG", "LOC"];

/// The CoNLL type a label is scored as, if any.
pub fn conll_type(label: EntityLabel) -> Option<&'static str> {
    match label {
        EntityLabel::Person => Some("PER"),
        EntityLabel::Org => Some("ORG"),
        EntityLabel::Gpe | EntityLabel::Loc | EntityLabel::Fac => Some("LOC"),
        _ => None,
    }
}

/// Maps a tag type written in a file (CoNLL or OntoNotes) to a scored type.
pub fn file_type(ty: &str) -> Option<&'static str> {
    match ty {
        "PER" | "PERSON" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" | "GPE" | "FAC" => Some("LOC"),
        _ => None,
    }
}

/// True positives, false positives and false negatives per type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    pub counts: BTreeMap<&'static str, [usize; 3]>,
}

/// Precision, recall, F1 of `[tp, fp, fn]`.
pub fn prf(c: [usize; 3]) -> (f64, f64, f64) {
    let p = c[0] as f64 / (c[0] + c[1]).max(1) as f64;
    let r = c[0] as f64 / (c[0] + c[2]).max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl Scores {
    /// Adds one sentence: predicted and gold spans `(first token, end token, type)`.
    pub fn add(
        &mut self,
        pred: &[(usize, usize, &'static str)],
        gold: &[(usize, usize, &'static str)],
    ) {
        for ty in SCORED {
            self.counts.entry(ty).or_default();
        }
        for p in pred {
            let c = self.counts.entry(p.2).or_default();
            if gold.contains(p) {
                c[0] += 1;
            } else {
                c[1] += 1;
            }
        }
        for g in gold {
            if !pred.contains(g) {
                self.counts.entry(g.2).or_default()[2] += 1;
            }
        }
    }

    /// Micro-averaged counts over all scored types.
    pub fn micro(&self) -> [usize; 3] {
        self.counts
            .values()
            .fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]])
    }

    /// A plain-text table.
    pub fn table(&self) -> String {
        let mut s = format!(
            "{:<6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
            "type", "P", "R", "F1", "tp", "fp", "fn"
        );
        let row = |name: &str, c: [usize; 3]| {
            let (p, r, f) = prf(c);
            format!(
                "{name:<6} {p:>6.3} {r:>6.3} {f:>6.3} {:>6} {:>6} {:>6}\n",
                c[0], c[1], c[2]
            )
        };
        for (ty, c) in &self.counts {
            s.push_str(&row(ty, *c));
        }
        s.push_str(&row("micro", self.micro()));
        s
    }
}

/// Gold spans of a sentence in scored types.
pub fn gold_spans(s: &Sentence) -> Vec<(usize, usize, &'static str)> {
    spans(&s.tags)
        .into_iter()
        .filter_map(|(a, b, t)| file_type(&t).map(|t| (a, b, t)))
        .collect()
}

/// Runs `tagger` on the sentences of one document at once (sentences joined by a line break),
/// so that in-document consistency applies, as it does in the pipeline. Returns the predicted
/// spans of each sentence.
pub fn predict_document(
    tagger: &EntityTagger,
    sents: &[Sentence],
) -> Vec<Vec<(usize, usize, &'static str)>> {
    let mut text = String::new();
    let mut toks = Vec::new();
    let mut sent_spans = Vec::new();
    let mut first_tok = Vec::new();
    for s in sents {
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        first_tok.push(toks.len());
        for (k, w) in s.words.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            toks.push(Span::new(text.len(), text.len() + w.len()));
            text.push_str(w);
        }
        sent_spans.push(Span::new(start, text.len()));
    }
    first_tok.push(toks.len());
    let mut out = vec![Vec::new(); sents.len()];
    for e in tagger.tag(&text, &toks, &sent_spans, None) {
        let Some(ty) = conll_type(e.label) else {
            continue;
        };
        let a = toks.partition_point(|t| t.end <= e.span.start);
        let b = toks.partition_point(|t| t.start < e.span.end);
        let si = first_tok.partition_point(|&f| f <= a) - 1;
        if a < b && b <= first_tok[si + 1] {
            out[si].push((a - first_tok[si], b - first_tok[si], ty));
        }
    }
    out
}

/// Runs `tagger` on a gold sentence (words joined by single spaces, the gold tokens given to
/// the tagger as tokens) and returns predicted spans in token indices and scored types.
pub fn predict(tagger: &EntityTagger, s: &Sentence) -> Vec<(usize, usize, &'static str)> {
    let mut text = String::new();
    let mut toks = Vec::with_capacity(s.words.len());
    for w in &s.words {
        if !text.is_empty() {
            text.push(' ');
        }
        toks.push(Span::new(text.len(), text.len() + w.len()));
        text.push_str(w);
    }
    let whole = [Span::new(0, text.len())];
    tagger
        .tag(&text, &toks, &whole, None)
        .into_iter()
        .filter_map(|e| {
            let ty = conll_type(e.label)?;
            let a = toks.partition_point(|t| t.end <= e.span.start);
            let b = toks.partition_point(|t| t.start < e.span.end);
            (a < b).then_some((a, b, ty))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_exact_counts() {
        let mut s = Scores::default();
        s.add(
            &[(0, 2, "PER"), (3, 4, "LOC")],
            &[(0, 2, "PER"), (3, 5, "LOC"), (6, 7, "ORG")],
        );
        assert_eq!(s.counts["PER"], [1, 0, 0]);
        assert_eq!(s.counts["LOC"], [0, 1, 1]);
        assert_eq!(s.counts["ORG"], [0, 0, 1]);
        assert_eq!(s.micro(), [1, 1, 2]);
        let (p, r, f) = prf(s.micro());
        assert!((p - 0.5).abs() < 1e-9 && (r - 1.0 / 3.0).abs() < 1e-9 && (f - 0.4).abs() < 1e-9);
    }

    #[test]
    fn gold_mapping_drops_misc() {
        let s = Sentence {
            words: vec!["a".into(), "b".into(), "c".into()],
            tags: vec!["I-MISC".into(), "B-GPE".into(), "I-PER".into()],
            doc: 0,
        };
        assert_eq!(gold_spans(&s), vec![(1, 2, "LOC"), (2, 3, "PER")]);
    }
}
