//! The article-extraction benchmark's metric (ScrapingHub/Zyte article-extraction-benchmark),
//! re-implemented from its description:
//!
//! * tokens are runs of word characters (`\w+`, Unicode: letters, digits, marks, `_`);
//! * each text becomes a multiset of 4-token shingles (a text shorter than 4 tokens is one
//!   shingle of all its tokens; an empty text has none);
//! * per page, `tp` = sum of the smaller counts, `fp`/`fn` = surplus counts of prediction/truth;
//! * precision and recall are averaged over pages (a page with `fp = fn = 0` scores 1 on both; a
//!   page with `tp = fp = 0` has precision 0), F1 is computed from the two means;
//! * accuracy is the share of pages whose token sequences are identical.
//!
//! ```
//! use newspipe_cleanup::eval::{PageScore, Summary};
//! let page = PageScore::new("NATO is at war with Russia.", "NATO is at war with Russia, he said.");
//! assert_eq!(page.tp, 3);
//! assert_eq!(page.fn_, 0);
//! let summary = Summary::of(&[page]);
//! assert!(summary.recall > 0.99 && summary.precision < 0.7);
//! ```

use std::collections::HashMap;

/// Shingle size used by the benchmark.
pub const SHINGLE_TOKENS: usize = 4;

/// `\w+` tokens of a text (Unicode word characters: alphanumerics, combining marks and `_`).
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Python's `\w` in Unicode mode: alphanumerics plus `_` (and combining marks, which Python
/// counts as word characters when they follow a letter).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The multiset of shingles of a token sequence.
fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, u32> {
    let mut map = HashMap::new();
    if toks.is_empty() {
        return map;
    }
    if toks.len() < SHINGLE_TOKENS {
        map.insert(toks.to_vec(), 1);
        return map;
    }
    for w in toks.windows(SHINGLE_TOKENS) {
        *map.entry(w.to_vec()).or_insert(0) += 1;
    }
    map
}

/// Shingle counts of one page: raw counts (the means use their ratios) and whether the token
/// sequences are identical.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageScore {
    /// Shingles in both (smaller count).
    pub tp: u32,
    /// Shingles only in the prediction (surplus count).
    pub fp: u32,
    /// Shingles only in the truth (surplus count).
    pub fn_: u32,
    /// Token sequences are identical.
    pub exact: bool,
}

impl PageScore {
    /// Scores `predicted` against `truth`.
    pub fn new(truth: &str, predicted: &str) -> Self {
        let t = tokens(truth);
        let p = tokens(predicted);
        let ts = shingles(&t);
        let ps = shingles(&p);
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (k, &tc) in &ts {
            let pc = ps.get(k).copied().unwrap_or(0);
            tp += tc.min(pc);
            fn_ += tc.saturating_sub(pc);
        }
        for (k, &pc) in &ps {
            let tc = ts.get(k).copied().unwrap_or(0);
            fp += pc.saturating_sub(tc);
        }
        PageScore {
            tp,
            fp,
            fn_,
            exact: t == p,
        }
    }

    /// Page precision (1 when nothing is wrong, 0 when nothing is predicted but something was due).
    pub fn precision(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            1.0
        } else if self.tp == 0 && self.fp == 0 {
            0.0
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fp)
        }
    }

    /// Page recall (1 when nothing is wrong, 0 when nothing of the truth was found).
    pub fn recall(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            1.0
        } else if self.tp == 0 && self.fn_ == 0 {
            0.0
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fn_)
        }
    }

    /// Page F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// Harmonic mean, 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Means over pages, as the benchmark reports them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub precision: f64,
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
    /// Share of pages with identical token sequences.
    pub accuracy: f64,
    pub pages: usize,
}

impl Summary {
    /// Aggregates page scores (all zeros for no pages).
    pub fn of(pages: &[PageScore]) -> Self {
        let n = pages.len();
        if n == 0 {
            return Summary {
                precision: 0.0,
                recall: 0.0,
                f1: 0.0,
                accuracy: 0.0,
                pages: 0,
            };
        }
        let nf = n as f64;
        let precision = pages.iter().map(PageScore::precision).sum::<f64>() / nf;
        let recall = pages.iter().map(PageScore::recall).sum::<f64>() / nf;
        let accuracy = pages.iter().filter(|p| p.exact).count() as f64 / nf;
        Summary {
            precision,
            recall,
            f1: f1(precision, recall),
            accuracy,
            pages: n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unicode_word_runs() {
        assert_eq!(
            tokens("It’s 5% — naïve_x!"),
            vec!["It", "s", "5", "naïve_x"]
        );
        assert!(tokens(" ,. ").is_empty());
    }

    #[test]
    fn identical_texts_score_one() {
        let p = PageScore::new("a b c d e f", "a b c d e f");
        assert_eq!((p.tp, p.fp, p.fn_, p.exact), (3, 0, 0, true));
        assert_eq!(p.f1(), 1.0);
    }

    #[test]
    fn empty_prediction_scores_zero_and_both_empty_scores_one() {
        let p = PageScore::new("a b c d e", "");
        assert_eq!((p.precision(), p.recall()), (0.0, 0.0));
        let both = PageScore::new("", "");
        assert_eq!(
            (both.precision(), both.recall(), both.exact),
            (1.0, 1.0, true)
        );
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let p = PageScore::new("a b", "a b c");
        assert_eq!((p.tp, p.fp, p.fn_), (0, 1, 1));
    }

    #[test]
    fn repeated_shingles_count_as_multisets() {
        let p = PageScore::new("x y z w x y z w", "x y z w");
        assert_eq!((p.tp, p.fp, p.fn_), (1, 0, 4));
    }

    #[test]
    fn summary_takes_f1_of_means() {
        let a = PageScore::new("a b c d", "a b c d");
        let b = PageScore::new("a b c d", "");
        let s = Summary::of(&[a, b]);
        assert_eq!(s.precision, 0.5);
        assert_eq!(s.recall, 0.5);
        assert_eq!(s.f1, 0.5);
        assert_eq!(s.accuracy, 0.5);
    }
}
