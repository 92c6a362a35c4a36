//! Scoring helpers for `newspipe eval sbd` and the tests: exact-match accuracy on Golden-Rules
//! cases, boundary and token F1 against CoNLL-U-style gold files (UNER English-EWT).
//!
//! Everything here works on plain strings and spans; reading JSON is left to the caller.

use crate::{tokens, LineBreaks, SentenceSplitter, Tokenizer};
use newspipe_model::Span;

/// One Golden-Rules case: a text and the sentences it must split into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SbdCase {
    /// Case id (pySBD numbering).
    pub id: u32,
    /// Short name of the rule.
    pub name: String,
    /// The input text.
    pub text: String,
    /// The expected sentences, in order.
    pub expected: Vec<String>,
    /// The case is hard-wrapped text (`doc_type: "pdf"`): split with [`LineBreaks::Wrapped`].
    pub wrapped: bool,
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SbdResult {
    /// The sentence list equals the expected one.
    pub passed: bool,
    /// The sentences we produced, whitespace-normalised like the expected ones.
    pub got: Vec<String>,
}

/// Collapses whitespace runs to one space and trims: expected sentences in the Golden Rules
/// replace the newlines of wrapped text by spaces, which a span over the input cannot do.
pub fn normalize_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits `case.text` and compares the sentence list with the expected one.
pub fn score_case(case: &SbdCase) -> SbdResult {
    let line_breaks = if case.wrapped {
        LineBreaks::Wrapped
    } else {
        LineBreaks::Boundary
    };
    let got: Vec<String> = SentenceSplitter::new(line_breaks)
        .split(&case.text)
        .into_iter()
        .map(|s| normalize_whitespace(&case.text[s.range()]))
        .collect();
    let expected: Vec<String> = case
        .expected
        .iter()
        .map(|s| normalize_whitespace(s))
        .collect();
    SbdResult {
        passed: got == expected,
        got,
    }
}

/// Counts for precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted items that are in the gold set.
    pub correct: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
}

impl Counts {
    /// Compares two sorted lists of items.
    pub fn compare<T: Ord>(gold: &[T], predicted: &[T]) -> Counts {
        let (mut i, mut j, mut correct) = (0, 0, 0);
        while i < gold.len() && j < predicted.len() {
            match gold[i].cmp(&predicted[j]) {
                std::cmp::Ordering::Equal => {
                    correct += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        Counts {
            correct,
            predicted: predicted.len(),
            gold: gold.len(),
        }
    }

    /// Adds another document's counts (micro-averaging).
    pub fn add(&mut self, other: Counts) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }

    /// Correct / predicted (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Correct / gold (0 when there is no gold item).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A document rebuilt from a CoNLL-U-style file: its text (the `# text` lines of the document
/// joined with one space), gold sentence spans and gold token spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldDocument {
    /// The `# newdoc id` value (empty when the file has none).
    pub id: String,
    /// The `# text` lines of the document joined by one space.
    pub text: String,
    /// Gold sentence spans in [`Self::text`].
    pub sentences: Vec<Span>,
    /// Gold token spans in [`Self::text`].
    pub tokens: Vec<Span>,
}

/// Internal sentence boundaries of a document: the start of every sentence but the first.
pub fn boundaries(sentences: &[Span]) -> Vec<usize> {
    sentences.iter().skip(1).map(|s| s.start).collect()
}

/// Reads documents from a CoNLL-U-like file (`# newdoc id = ...`, `# text = ...`, then one
/// token a line with the form in the second tab-separated column, blank line after each
/// sentence). Token forms are located in the sentence text in order.
///
/// Errors name the line and the reason (a token that is not found in its `# text`, a token
/// line before any `# text`).
pub fn read_conllu(source: &str) -> Result<Vec<GoldDocument>, String> {
    let mut docs: Vec<GoldDocument> = Vec::new();
    let mut cursor = 0usize;
    let mut in_sentence = false;
    for (n, line) in source.lines().enumerate() {
        let line_no = n + 1;
        if let Some(id) = line.strip_prefix("# newdoc id =") {
            docs.push(GoldDocument {
                id: id.trim().to_string(),
                ..GoldDocument::default()
            });
        } else if let Some(sentence) = line.strip_prefix("# text =") {
            let sentence = sentence.trim();
            if docs.is_empty() {
                docs.push(GoldDocument::default());
            }
            let doc = docs.last_mut().expect("a document exists");
            if !doc.text.is_empty() {
                doc.text.push(' ');
            }
            let sentence_base = doc.text.len();
            doc.text.push_str(sentence);
            doc.sentences
                .push(Span::new(sentence_base, sentence_base + sentence.len()));
            cursor = sentence_base;
            in_sentence = true;
        } else if line.starts_with('#') {
            continue;
        } else if line.trim().is_empty() {
            in_sentence = false;
        } else {
            let mut cols = line.split('\t');
            let index = cols.next().unwrap_or("");
            let form = cols.next().unwrap_or("");
            if index.contains(['-', '.']) {
                continue; // multi-word token ranges and empty nodes carry no new characters
            }
            if !in_sentence {
                return Err(format!("line {line_no}: token line outside a sentence"));
            }
            let doc = docs.last_mut().expect("a sentence implies a document");
            let at = doc.text[cursor..]
                .find(form)
                .filter(|&i| doc.text[cursor..cursor + i].trim().is_empty())
                .ok_or_else(|| {
                    format!("line {line_no}: token {form:?} not found at its place in # text")
                })?;
            let start = cursor + at;
            doc.tokens.push(Span::new(start, start + form.len()));
            cursor = start + form.len();
        }
    }
    Ok(docs)
}

/// A boundary the splitter got wrong in a gold document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoundaryError {
    /// Byte offset in the document text.
    pub at: usize,
    /// True for a gold boundary the splitter missed, false for one it added.
    pub missed: bool,
}

/// The boundaries of `doc` that [`SentenceSplitter`] (default options) misses or adds.
pub fn boundary_errors(doc: &GoldDocument) -> Vec<BoundaryError> {
    let gold = boundaries(&doc.sentences);
    let predicted = boundaries(&SentenceSplitter::default().split(&doc.text));
    let mut errors: Vec<BoundaryError> = gold
        .iter()
        .filter(|b| predicted.binary_search(b).is_err())
        .map(|&at| BoundaryError { at, missed: true })
        .chain(
            predicted
                .iter()
                .filter(|b| gold.binary_search(b).is_err())
                .map(|&at| BoundaryError { at, missed: false }),
        )
        .collect();
    errors.sort_by_key(|e| e.at);
    errors
}

/// Boundary and token scores of the crate's splitter and tokenizer on gold documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GoldScores {
    /// Number of documents scored.
    pub documents: usize,
    /// Internal sentence boundaries (see [`boundaries`]).
    pub boundaries: Counts,
    /// Tokens with the default options (hyphenated compounds whole).
    pub tokens: Counts,
    /// Tokens with [`Tokenizer::split_hyphens`] (the English-EWT convention).
    pub tokens_split_hyphens: Counts,
}

/// Scores [`SentenceSplitter`] (default options) and [`tokens`] (default options and with
/// [`Tokenizer::split_hyphens`]) on `docs`.
pub fn score_gold_documents(docs: &[GoldDocument]) -> GoldScores {
    let splitter = SentenceSplitter::default();
    let mut scores = GoldScores {
        documents: docs.len(),
        ..GoldScores::default()
    };
    for doc in docs {
        let predicted = splitter.split(&doc.text);
        scores.boundaries.add(Counts::compare(
            &boundaries(&doc.sentences),
            &boundaries(&predicted),
        ));
        let predicted_tokens: Vec<Span> = tokens(&doc.text).collect();
        scores
            .tokens
            .add(Counts::compare(&doc.tokens, &predicted_tokens));
        let ud = Tokenizer {
            split_hyphens: true,
        };
        let predicted_tokens: Vec<Span> =
            ud.tokens(&doc.text, Span::new(0, doc.text.len())).collect();
        scores
            .tokens_split_hyphens
            .add(Counts::compare(&doc.tokens, &predicted_tokens));
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let c = Counts::compare(&[1, 3, 5], &[1, 2, 5, 7]);
        assert_eq!(
            c,
            Counts {
                correct: 2,
                predicted: 4,
                gold: 3
            }
        );
        assert!((c.f1() - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn conllu_documents() {
        let src = "# newdoc id = d1\n# text = Hi there.\n1\tHi\tO\n2\tthere\tO\n3\t.\tO\n\n\
                   # text = Bye\n1\tBye\tO\n\n# newdoc id = d2\n# text = X\n1\tX\tO\n";
        let docs = read_conllu(src).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Hi there. Bye");
        assert_eq!(docs[0].sentences, vec![Span::new(0, 9), Span::new(10, 13)]);
        assert_eq!(docs[0].tokens.len(), 4);
        assert_eq!(&docs[0].text[docs[0].tokens[2].range()], ".");
        assert_eq!(boundaries(&docs[0].sentences), vec![10]);
        let bad = read_conllu("# text = Hi\n1\tHo\tO\n").unwrap_err();
        assert!(bad.contains("line 2"), "{bad}");
    }

    #[test]
    fn golden_case_compares_normalised_text() {
        let case = SbdCase {
            id: 41,
            name: "soft wrap".into(),
            text: "It was a cold \nnight in the city.".into(),
            expected: vec!["It was a cold night in the city.".into()],
            wrapped: false,
        };
        assert!(score_case(&case).passed);
    }
}
