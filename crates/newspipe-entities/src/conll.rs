//! Readers for the CoNLL-style NER files used to train and score the tagger.
//!
//! One reader handles the formats in `../shared/data/ner/`:
//! - Universal NER (`index<TAB>token<TAB>BIO-tag<TAB>-<TAB>annotator`, `# key = value` comments,
//!   `# newdoc id` starts a document);
//! - Wikigold (`token TAG`, space separated, IO tags, `-DOCSTART-` between documents);
//! - the Broad Twitter Corpus and our silver files (`token<TAB>tag`, BIO).
//!
//! A blank line ends a sentence. IO and BIO tags are both turned into spans: a `B-` tag, or an
//! `I-` tag whose type differs from the previous token's, starts an entity.
//!
//! A path may end in `#train` or `#test` to keep only part of its documents: every fifth document
//! (the 5th, 10th, ...) is a test document, the others are training documents.

use std::fmt;
use std::path::{Path, PathBuf};

/// One sentence: words and their tags as written in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
    /// 0-based number of the document the sentence belongs to in its file.
    pub doc: usize,
}

/// Which documents of a file to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    All,
    Train,
    Test,
}

/// A file path with an optional `#train` / `#test` suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSpec {
    pub path: PathBuf,
    pub split: Split,
}

impl GoldSpec {
    /// Parses `path`, `path#train` or `path#test`.
    pub fn parse(spec: &str) -> Self {
        let (path, split) = match spec.rsplit_once('#') {
            Some((p, "train")) => (p, Split::Train),
            Some((p, "test")) => (p, Split::Test),
            _ => (spec, Split::All),
        };
        GoldSpec {
            path: PathBuf::from(path),
            split,
        }
    }

    /// Reads the file and keeps the sentences of the selected documents.
    pub fn read(&self) -> Result<Vec<Sentence>, ConllError> {
        let text = std::fs::read_to_string(&self.path).map_err(|e| ConllError {
            path: self.path.clone(),
            line: 0,
            message: e.to_string(),
        })?;
        parse(&text, &self.path, self.split)
    }
}

impl fmt::Display for GoldSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.split {
            Split::All => write!(f, "{}", self.path.display()),
            Split::Train => write!(f, "{}#train", self.path.display()),
            Split::Test => write!(f, "{}#test", self.path.display()),
        }
    }
}

/// A line that could not be read, with its file and 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConllError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

impl std::error::Error for ConllError {}

fn is_comment(line: &str) -> bool {
    line.starts_with("# ") && (line.contains(" = ") || line.starts_with("# newdoc"))
}

/// Parses a CoNLL-style text (see the module documentation).
pub fn parse(text: &str, path: &Path, split: Split) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut doc = 0usize;
    let mut cur = Sentence::default();
    let keep = |doc: usize| match split {
        Split::All => true,
        Split::Test => doc % 5 == 4,
        Split::Train => doc % 5 != 4,
    };
    let mut seen_doc_marker = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() && keep(doc) {
                cur.doc = doc;
                out.push(std::mem::take(&mut cur));
            }
            cur = Sentence::default();
            continue;
        }
        if is_comment(line) {
            if line.starts_with("# newdoc") {
                if seen_doc_marker {
                    doc += 1;
                }
                seen_doc_marker = true;
            }
            continue;
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let (word, tag) = match cols.as_slice() {
            [idx, word, tag, ..] if idx.parse::<u32>().is_ok() => (*word, *tag),
            [word, .., tag] => (*word, *tag),
            _ => {
                return Err(ConllError {
                    path: path.to_path_buf(),
                    line: n + 1,
                    message: format!("expected `token TAG` columns, found {line:?}"),
                })
            }
        };
        if word == "-DOCSTART-" {
            if seen_doc_marker {
                doc += 1;
            }
            seen_doc_marker = true;
            continue;
        }
        if tag != "O" && !(tag.starts_with("B-") || tag.starts_with("I-")) {
            return Err(ConllError {
                path: path.to_path_buf(),
                line: n + 1,
                message: format!("tag {tag:?} is not O, B-TYPE or I-TYPE"),
            });
        }
        cur.words.push(word.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.words.is_empty() && keep(doc) {
        cur.doc = doc;
        out.push(cur);
    }
    Ok(out)
}

/// Entity spans `(first token, end token exclusive, type)` of a BIO or IO tag sequence.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (begin, ty) = match tag.split_once('-') {
            Some(("B", ty)) => (true, ty),
            Some(("I", ty)) => (false, ty),
            _ => (false, ""),
        };
        let continues = matches!(open, Some((_, t)) if t == ty) && !begin && !ty.is_empty();
        if !continues {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t.to_string()));
            }
            if !ty.is_empty() {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, tags.len(), t.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_uner_with_comments_and_docs() {
        let text = "# newdoc id = a\n# sent_id = a-1\n# text = Hi Bob\n1\tHi\tO\t-\t-\n2\tBob\tB-PER\t-\tx\n\n\
                    # newdoc id = b\n1\tParis\tB-LOC\t-\t-\n";
        let all = parse(text, Path::new("t"), Split::All).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].words, ["Hi", "Bob"]);
        assert_eq!(all[1].tags, ["B-LOC"]);
    }

    #[test]
    fn reads_wikigold_and_splits_by_document() {
        let mut text = String::new();
        for d in 0..10 {
            text.push_str(&format!("-DOCSTART- O\n\nDoc{d} I-ORG\nis O\n\n"));
        }
        let test = parse(&text, Path::new("t"), Split::Test).unwrap();
        let train = parse(&text, Path::new("t"), Split::Train).unwrap();
        assert_eq!(test.len(), 2);
        assert_eq!(train.len(), 8);
        assert_eq!(test[0].words[0], "Doc4");
        assert_eq!((test[0].doc, test[1].doc), (4, 9));
    }

    #[test]
    fn hashtag_tokens_are_not_comments() {
        let s = parse("#farms\tO\nBBC\tB-ORG\n", Path::new("t"), Split::All).unwrap();
        assert_eq!(s[0].words, ["#farms", "BBC"]);
    }

    #[test]
    fn bad_tags_name_the_line() {
        let e = parse("a O\nb PER\n", Path::new("f.txt"), Split::All).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().starts_with("f.txt:2:"));
    }

    #[test]
    fn io_and_bio_spans() {
        assert_eq!(
            spans(&["I-PER", "I-PER", "O", "I-LOC", "I-ORG"]),
            vec![
                (0, 2, "PER".to_string()),
                (3, 4, "LOC".to_string()),
                (4, 5, "ORG".to_string())
            ]
        );
        assert_eq!(
            spans(&["B-PER", "B-PER", "I-PER"]),
            vec![(0, 1, "PER".to_string()), (1, 3, "PER".to_string())]
        );
    }

    #[test]
    fn split_suffixes() {
        assert_eq!(GoldSpec::parse("a/b.txt#test").split, Split::Test);
        assert_eq!(GoldSpec::parse("a/b.txt").split, Split::All);
        assert_eq!(GoldSpec::parse("x#y").path, PathBuf::from("x#y"));
    }
}
