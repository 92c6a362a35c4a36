//! Text of blocks: whitespace folding and link-character counting while the page is read.

/// The text of one block element being collected, folded as it arrives.
#[derive(Debug)]
pub(crate) struct TextRun {
    /// The block element the text belongs to.
    pub element: u32,
    /// True once part of the element's text was emitted as a block of its own (split by a
    /// nested block or a `<br>`).
    pub split: bool,
    text: String,
    pending_space: bool,
    chars: u32,
    link_chars: u32,
    start: usize,
    end: usize,
}

impl TextRun {
    pub(crate) fn new(element: u32) -> Self {
        TextRun {
            element,
            split: false,
            text: String::new(),
            pending_space: false,
            chars: 0,
            link_chars: 0,
            start: 0,
            end: 0,
        }
    }

    /// Appends decoded text from source bytes `start..end`; whitespace runs fold to one space,
    /// leading and trailing whitespace of the run is dropped.
    pub(crate) fn push(&mut self, text: &str, in_link: bool, start: usize, end: usize) {
        let mut added = 0u32;
        // Each piece after the first follows a whitespace character.
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.text.is_empty() && self.chars == 0 {
                self.start = start;
            }
            if self.pending_space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.text.push_str(word);
            added += word.chars().count() as u32;
        }
        if added > 0 {
            self.chars += added;
            if in_link {
                self.link_chars += added;
            }
            self.end = end;
        }
    }

    /// Takes the collected text (text, non-space chars, link chars, source start, source end),
    /// or `None` when the run has no visible text; the run is left empty.
    pub(crate) fn take(&mut self) -> Option<(String, u32, u32, usize, usize)> {
        self.pending_space = false;
        if self.chars == 0 {
            return None;
        }
        let out = (
            std::mem::take(&mut self.text),
            self.chars,
            self.link_chars,
            self.start,
            self.end,
        );
        self.chars = 0;
        self.link_chars = 0;
        Some(out)
    }
}

/// Folds whitespace runs to single spaces and trims the ends.
pub(crate) fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_folds_whitespace_and_counts_links() {
        let mut run = TextRun::new(1);
        run.push("  Hello \n\t", false, 10, 20);
        run.push("big", true, 20, 23);
        run.push("  world ", false, 23, 31);
        let (text, chars, links, start, end) = run.take().unwrap();
        assert_eq!(text, "Hello big world");
        assert_eq!((chars, links), (13, 3));
        assert_eq!((start, end), (10, 31));
        assert!(run.take().is_none());
    }

    #[test]
    fn whitespace_only_run_is_empty() {
        let mut run = TextRun::new(0);
        run.push(" \u{a0}\n", false, 0, 3);
        assert!(run.take().is_none());
        assert_eq!(fold_whitespace("  a \u{a0} b\n"), "a b");
    }
}
