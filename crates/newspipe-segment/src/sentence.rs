//! The sentence splitter.
//!
//! Text is first cut into *units* that no sentence may cross: paragraphs (separated by blank
//! lines) and, with [`LineBreaks::Boundary`], single lines. Inside a unit, candidate terminators
//! (`.`, `?`, `!`, `…`) are found with `memchr` and each is judged from its immediate context:
//! the word before it (abbreviation? initial? number? URL?), closing quotes and brackets after
//! it, and the first word after it (lower case? a common sentence starter? a digit?). List
//! markers (`1.)`, `2)`, `a.`, `• 9.`) start new sentences (see [`crate::lists`]).

use crate::chars::{char_at, char_before, is_closer, is_opener, is_space, trim_span};
use crate::lexicon::{AbbrevClass, Lexicon};
use crate::lists::{find_list_markers, ListMarker};
use crate::terminator::{classify, terminator_run, Terminator, WordKind};
use newspipe_model::{floor_char_boundary, Span};
use std::sync::LazyLock;

/// How far (bytes) the judge of a candidate looks at the word before or the chunk after it.
const MAX_LOOKAROUND: usize = 64;
/// How far (bytes) before and after a candidate an open/closing bracket is looked for.
const PAREN_WINDOW: usize = 300;

/// How single newlines inside a paragraph are treated (blank lines always separate paragraphs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineBreaks {
    /// Every line is its own unit: page dumps and lists put one block on a line. Exception: a
    /// line that ends in a space or tab and is followed by a line starting with a lower-case
    /// letter or `(` continues the sentence (a soft wrap, `It was a cold \nnight`).
    #[default]
    Boundary,
    /// Hard-wrapped text (PDF extracts, e-mail bodies): a single newline is an ordinary space.
    Wrapped,
}

/// A sentence splitter with options. [`crate::sentences`] uses the default one.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceSplitter {
    /// How single newlines are treated.
    pub line_breaks: LineBreaks,
}

impl SentenceSplitter {
    /// A splitter with the given newline policy.
    pub fn new(line_breaks: LineBreaks) -> Self {
        SentenceSplitter { line_breaks }
    }

    /// The sentences of `text`, as trimmed byte spans.
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        self.split_into(text, Span::new(0, text.len()), &mut out);
        out
    }

    /// Appends to `out` the sentences of `text[span]` (e.g. one paragraph of a document), as
    /// trimmed byte spans into `text`. `span` must lie on char boundaries of `text`.
    pub fn split_into(&self, text: &str, span: Span, out: &mut Vec<Span>) {
        let mut markers = Vec::new();
        let bytes = text.as_bytes();
        let mut unit_start: Option<usize> = None;
        let mut prev_line_end = span.start;
        let mut line_start = span.start;
        let nls = memchr::memchr_iter(b'\n', &bytes[span.start..span.end]).map(|i| i + span.start);
        for line_end in nls.chain(std::iter::once(span.end)) {
            let line = &text[line_start..line_end];
            let first = line.trim_start().chars().next();
            match (first, unit_start) {
                (None, Some(us)) => {
                    // A blank line ends the paragraph.
                    self.split_unit(text, us, prev_line_end, out, &mut markers);
                    unit_start = None;
                }
                (None, None) => {}
                (Some(_), None) => unit_start = Some(line_start),
                (Some(c), Some(us)) => {
                    if !self.joins(text, prev_line_end, c) {
                        self.split_unit(text, us, prev_line_end, out, &mut markers);
                        unit_start = Some(line_start);
                    }
                }
            }
            if first.is_some() {
                prev_line_end = line_end;
            }
            line_start = (line_end + 1).min(span.end);
        }
        if let Some(us) = unit_start {
            self.split_unit(text, us, prev_line_end, out, &mut markers);
        }
    }

    /// Whether the line ending at `prev_end` continues into a line starting with `next`.
    fn joins(&self, text: &str, prev_end: usize, next: char) -> bool {
        match self.line_breaks {
            LineBreaks::Wrapped => true,
            LineBreaks::Boundary => {
                let prev = text[..prev_end].trim_end_matches('\r');
                prev.ends_with([' ', '\t']) && (next.is_lowercase() || next == '(')
            }
        }
    }

    /// Splits one unit `text[us..ue]` (no sentence crosses its ends).
    fn split_unit(
        &self,
        text: &str,
        us: usize,
        ue: usize,
        out: &mut Vec<Span>,
        markers: &mut Vec<ListMarker>,
    ) {
        let bytes = text.as_bytes();
        find_list_markers(text, us, ue, markers);
        let mut unit = Unit {
            text,
            us,
            ue,
            sent_start: us,
            out,
        };
        let mut next_marker = 0;
        let mut pos = us;
        // The next candidate of each kind, each found again only once passed (linear overall).
        let find_dot =
            |from: usize| memchr::memchr3(b'.', b'?', b'!', &bytes[from..ue]).map(|i| i + from);
        let mut dot_at = find_dot(us);
        let mut ellipsis_at = find_ellipsis(bytes, us, ue);
        let mut emoticon_at = find_emoticon_start(bytes, us, ue);
        loop {
            if dot_at.is_some_and(|d| d < pos) {
                dot_at = find_dot(pos);
            }
            if ellipsis_at.is_some_and(|e| e < pos) {
                ellipsis_at = find_ellipsis(bytes, pos, ue);
            }
            if emoticon_at.is_some_and(|e| e < pos) {
                emoticon_at = find_emoticon_start(bytes, pos, ue);
            }
            let Some(p) = [dot_at, ellipsis_at, emoticon_at]
                .into_iter()
                .flatten()
                .min()
            else {
                break;
            };
            if emoticon_at == Some(p) {
                pos = unit.judge_emoticon(p);
                continue;
            }
            // List items that start before this candidate; skip candidates inside a marker.
            let mut in_marker = None;
            while let Some(m) = markers.get(next_marker) {
                if m.start > p {
                    break;
                }
                if !m.at_start {
                    unit.boundary(m.start);
                }
                if p < m.end {
                    in_marker = Some(m.end);
                }
                next_marker += 1;
            }
            if let Some(end) = in_marker {
                pos = end;
                continue;
            }
            let (kind, run_end, stop) = terminator_run(text, p, ue);
            pos = run_end;
            unit.judge(kind, p, run_end, stop);
        }
        for m in &markers[next_marker..] {
            if !m.at_start {
                unit.boundary(m.start);
            }
        }
        unit.boundary(ue);
    }
}

/// The position of the next byte that may start an emoticon (`:` `;` `=`) in `bytes[from..end]`.
fn find_emoticon_start(bytes: &[u8], from: usize, end: usize) -> Option<usize> {
    memchr::memchr3(b':', b';', b'=', &bytes[from..end]).map(|i| i + from)
}

/// The position of the next `…` in `bytes[from..end]`.
fn find_ellipsis(bytes: &[u8], from: usize, end: usize) -> Option<usize> {
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("…".as_bytes()));
    FINDER.find(&bytes[from..end]).map(|i| i + from)
}

/// What follows a terminator run.
struct After<'t> {
    /// End of the run plus any closing quotes or brackets.
    end: usize,
    /// A closing `)` was among them.
    paren_closed: bool,
    /// Closing quotes or brackets follow the run.
    closed: bool,
    /// Whitespace follows (else the next char is glued to the run).
    spaced: bool,
    /// The first char after the whitespace (and after an opening quote or bracket).
    next: Option<char>,
    /// An opening quote or bracket stands before `next`.
    opener: bool,
    /// The letters of the next word.
    word: &'t str,
}

struct Unit<'t, 'o> {
    text: &'t str,
    us: usize,
    ue: usize,
    sent_start: usize,
    out: &'o mut Vec<Span>,
}

impl<'t> Unit<'t, '_> {
    /// Ends the current sentence at `end` (if it has any content).
    fn boundary(&mut self, end: usize) {
        if end <= self.sent_start {
            return;
        }
        if let Some((s, e)) = trim_span(self.text, self.sent_start, end) {
            self.out.push(Span::new(s, e));
        }
        self.sent_start = end;
    }

    fn after(&self, run_end: usize) -> After<'t> {
        let text = self.text;
        let mut end = run_end;
        let mut paren_closed = false;
        while let Some(c) = char_at(text, end).filter(|_| end < self.ue) {
            if !is_closer(c) {
                break;
            }
            // A straight quote or apostrophe glued to a letter is not closing (`Jr.'s`).
            if matches!(c, '\'' | '’' | '"')
                && char_at(text, end + c.len_utf8()).is_some_and(char::is_alphanumeric)
            {
                break;
            }
            paren_closed |= c == ')';
            end += c.len_utf8();
        }
        let closed = end > run_end;
        // An emoticon after the terminator belongs to the sentence (`great! :) They`).
        if let Some(emoticon_end) = self.emoticon_after(end) {
            end = emoticon_end;
        }
        let rest = &text[end..self.ue];
        let trimmed = rest.trim_start();
        let spaced = trimmed.len() < rest.len();
        let mut chars = trimmed.chars();
        let mut next = chars.next();
        let mut opener = false;
        let mut word_from = end + (rest.len() - trimmed.len());
        if let Some(c) = next.filter(|c| is_opener(*c)) {
            opener = true;
            word_from += c.len_utf8();
            next = chars.next();
        }
        let tail = &text[word_from..self.ue];
        let word_len = tail
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(tail.len());
        After {
            end,
            paren_closed,
            closed,
            spaced,
            next,
            opener,
            word: &tail[..word_len],
        }
    }

    /// An emoticon standing alone (`great :) Then`) ends a sentence before a capitalised word.
    /// Returns where scanning goes on.
    fn judge_emoticon(&mut self, p: usize) -> usize {
        let text = self.text;
        let chunk_len = text[p..self.ue]
            .find(char::is_whitespace)
            .unwrap_or(self.ue - p)
            .min(8);
        let chunk = &text[p..floor_char_boundary(text, p + chunk_len)];
        let alone = char_before(text, p).is_some_and(is_space);
        if !alone || !Lexicon::get().is_emoticon(chunk) {
            return p + 1;
        }
        let end = p + chunk.len();
        let rest = &text[end..self.ue];
        let next = rest.trim_start();
        let spaced = next.len() < rest.len();
        let next = next.trim_start_matches(is_opener);
        if spaced && next.starts_with(char::is_uppercase) {
            self.boundary(end);
        }
        end
    }

    /// End of an emoticon that follows `end` after whitespace, if one does.
    fn emoticon_after(&self, end: usize) -> Option<usize> {
        let rest = &self.text[end..self.ue];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() || !trimmed.starts_with([':', ';', '=', 'X', 'x', '<', '^'])
        {
            return None;
        }
        let chunk_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        Lexicon::get()
            .is_emoticon(&trimmed[..chunk_len])
            .then(|| end + (rest.len() - trimmed.len()) + chunk_len)
    }

    /// Decides whether the terminator run `p..run_end` ends a sentence, and ends it if so.
    fn judge(&mut self, kind: Terminator, p: usize, run_end: usize, stop: Option<usize>) {
        let after = self.after(run_end);
        let Some(next) = after.next else {
            return; // end of the unit: the final boundary closes the sentence
        };
        let upper = next.is_uppercase();
        let lower = next.is_lowercase();
        let ends = match kind {
            Terminator::Inner => false,
            // An omission mark in square brackets (`stairways [...]”`) never ends a sentence.
            Terminator::Ellipsis if self.bracketed(p, run_end) => false,
            Terminator::Ellipsis => after.spaced && upper,
            Terminator::Strong if lower => {
                after.spaced && self.strong_before_lower(p, run_end, &after)
            }
            // `and -- voila! -- you have cake`: a comma, or a dash before a lower-case word, after
            // `!`/`?` goes on (`Selah! -- Posted by` ends).
            Terminator::Strong if matches!(next, ',' | ';') => false,
            Terminator::Strong if matches!(next, '-' | '—' | '–') => {
                after.spaced && self.capital_after_dashes(after.end)
            }
            Terminator::Strong => after.spaced,
            Terminator::FullStop if !after.spaced => {
                !after.closed && after.end == run_end && self.glued_sentence_start(p, run_end)
            }
            // `great.' she said`, `engineer.) at`: closing punctuation then lower case goes on.
            Terminator::FullStop if lower => !after.closed && self.plain_word_before(p),
            Terminator::FullStop => self.full_stop_ends(p, &after),
        };
        if !ends || self.inside_open_paren(p, &after) {
            return;
        }
        self.boundary(stop.unwrap_or(after.end));
    }

    /// `?`/`!` before a lower-case word: the sentence goes on after closing quotes or brackets
    /// (`“Why?” he asked`) and after a capitalised name with `!` (`Yahoo! in`); otherwise
    /// (informal text: `any ideas? i think`) it ends.
    fn strong_before_lower(&self, p: usize, run_end: usize, after: &After<'_>) -> bool {
        if after.closed {
            return false;
        }
        if self.text[p..run_end].contains('?') {
            return true;
        }
        // `Yahoo! in` (a capitalised name) goes on; `CONCERNED!!! plz`, `thanks! i` end.
        let (_, word) = self.word_before(p);
        let name = word.starts_with(char::is_uppercase) && word.chars().any(char::is_lowercase);
        !name || run_end - p > 1
    }

    /// True when the word before the full stop at `p` is an ordinary word or number (not an
    /// abbreviation, initial or single letter), so a lower-case word after it starts a sentence
    /// (`I used to have one. they said`).
    fn plain_word_before(&self, p: usize) -> bool {
        if char_before(self.text, p).is_some_and(is_space) {
            return true; // a detached full stop (`very friendly . and`)
        }
        let (ws, word) = self.word_before(p);
        // A short lower-case word right after a number is a unit (`2 in. tall`, `5 mi. away`).
        let unit = word.len() <= 3 && word.chars().all(|c| c.is_ascii_lowercase());
        if unit && self.number_before(ws) {
            return false;
        }
        word.ends_with(char::is_alphanumeric) && classify(word) == WordKind::Plain
    }

    /// True when the run `p..run_end` is enclosed in square brackets (`[...]`, `[…]`).
    fn bracketed(&self, p: usize, run_end: usize) -> bool {
        char_before(self.text, p) == Some('[') && char_at(self.text, run_end) == Some(']')
    }

    /// `Hello world.Today is`: a full stop glued to the next sentence. It ends a sentence when
    /// a lower-case letter or digit precedes it, a capitalised word follows, and the text
    /// around it is not a URL, e-mail address or abbreviation.
    fn glued_sentence_start(&self, p: usize, run_end: usize) -> bool {
        let text = self.text;
        let prev_ok = char_before(text, p).is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        let mut next = text[run_end..self.ue].chars();
        let next_ok = next.next().is_some_and(char::is_uppercase)
            && next.next().is_some_and(char::is_lowercase);
        if !prev_ok || !next_ok {
            return false;
        }
        // `Newsfeeds.Com`: a host name, not a sentence end.
        let tail = &text[run_end..self.ue];
        let next_word = &tail[..tail
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(tail.len())];
        if Lexicon::get().is_domain(next_word) {
            return false;
        }
        let (ws, word) = self.word_before(p);
        let window_end = floor_char_boundary(text, (run_end + MAX_LOOKAROUND).min(self.ue));
        let chunk_end = text[run_end..window_end]
            .find(char::is_whitespace)
            .map_or(window_end, |i| i + run_end);
        let chunk = &text[ws..chunk_end];
        if chunk.contains('@') || chunk.contains("://") || chunk.starts_with("www.") {
            return false;
        }
        classify(word) == WordKind::Plain
    }

    /// The word before the full stop at `p`: from the previous whitespace (or the unit start),
    /// without opening quotes or brackets. Returns its start and text.
    fn word_before(&self, p: usize) -> (usize, &'t str) {
        // A sentence may start inside a chunk (`Tuesday.Mr. Smith`): never look past its start.
        // Words longer than MAX_LOOKAROUND bytes are never abbreviations: bound the look-back so
        // a huge chunk without spaces stays linear.
        let from = floor_char_boundary(
            self.text,
            self.sent_start
                .max(self.us)
                .max(p.saturating_sub(MAX_LOOKAROUND)),
        );
        let head = &self.text[from..p];
        let ws = head.rfind(char::is_whitespace).map_or(from, |i| {
            from + i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &self.text[ws..p];
        let trimmed = word.trim_start_matches(is_opener);
        (p - trimmed.len(), trimmed)
    }

    /// Decides a full stop followed by whitespace and a word that is not lower case.
    fn full_stop_ends(&self, p: usize, after: &After<'_>) -> bool {
        let (ws, word) = self.word_before(p);
        let next = after.next.unwrap_or(' ');
        let digit = next.is_ascii_digit();
        let upper = next.is_uppercase();
        let lex = Lexicon::get();
        let mut kind = classify(word);
        // After a number a title-like word is a unit or street (`5 ft. Some`, `3rd St. The`).
        if kind == WordKind::Abbrev(AbbrevClass::Title) && self.number_before(ws) {
            kind = WordKind::Abbrev(AbbrevClass::General);
        }
        match kind {
            WordKind::Plain => true,
            WordKind::Initial => upper && self.initial_ends_sentence(ws),
            WordKind::Abbrev(AbbrevClass::Title) => false,
            WordKind::Abbrev(AbbrevClass::BeforeNumber) if digit => false,
            WordKind::Abbrev(AbbrevClass::ClauseFinal) => {
                upper && !self.opening_phrase(p) && !lex.is_time_zone(after.word)
            }
            WordKind::Abbrev(AbbrevClass::BeforeNumber | AbbrevClass::General) => {
                (after.opener && upper) || lex.is_sentence_starter(after.word)
            }
        }
    }

    /// True when, after whitespace and a run of dashes (and `=`), a capitalised word follows.
    fn capital_after_dashes(&self, from: usize) -> bool {
        let window = floor_char_boundary(self.text, (from + MAX_LOOKAROUND).min(self.ue));
        self.text[from..window]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | '–' | '='))
            .starts_with(char::is_uppercase)
    }

    /// True when the word before the one starting at `word_start` starts with a digit.
    fn number_before(&self, word_start: usize) -> bool {
        let from = floor_char_boundary(
            self.text,
            self.sent_start
                .max(word_start.saturating_sub(MAX_LOOKAROUND)),
        );
        let head = self.text[from..word_start].trim_end();
        head.rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// `you and I. Did` ends; `Albert I. Jones` and `E. Smith` at a sentence start do not: a
    /// single capital letter ends a sentence only after a lower-case word or a number.
    fn initial_ends_sentence(&self, initial_start: usize) -> bool {
        let head = self.text[self.sent_start..initial_start].trim_end();
        let prev = head
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .trim_start_matches(is_opener);
        prev.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
    }

    /// True when the sentence so far is a short phrase opened by a preposition (`At 5 a.m.`).
    fn opening_phrase(&self, p: usize) -> bool {
        let so_far = &self.text[self.sent_start..p];
        let mut words = so_far.split_whitespace();
        let first = words.next().unwrap_or("").trim_start_matches(is_opener);
        Lexicon::get().is_opening_preposition(first) && words.take(4).count() < 4
    }

    /// True when the terminator at `p` sits inside a bracket opened in this sentence that closes
    /// later in the unit (`(He worked as an engineer. Then...) at`).
    fn inside_open_paren(&self, p: usize, after: &After<'_>) -> bool {
        if after.paren_closed {
            return false;
        }
        let bytes = self.text.as_bytes();
        // Only a bracket opened shortly before counts (bounded work per candidate).
        let from = self.sent_start.max(p.saturating_sub(PAREN_WINDOW));
        let head = &bytes[from..p];
        // Most sentences have no bracket: look for one before counting.
        let Some(first_open) = memchr::memchr(b'(', head) else {
            return false;
        };
        let opened = memchr::memchr_iter(b'(', &head[first_open..]).count();
        let closed = memchr::memchr_iter(b')', head).count();
        if opened <= closed {
            return false;
        }
        let window_end = (after.end + PAREN_WINDOW).min(self.ue);
        memchr::memchr(b')', &bytes[after.end..window_end]).is_some()
    }
}
