//! The tokenizer: whitespace-separated chunks, then spaCy-like prefix, suffix and infix rules.
//!
//! * prefixes: opening quotes and brackets, currency signs, dashes, bullets (`“$3.5bn` → `“` `$` ...);
//! * suffixes: closing quotes and brackets, `, ; : ! ?`, ellipses, `%`, a final full stop unless
//!   the word is an abbreviation (`U.S.`, `Mr.`, `a.m.`, `E.`), contractions and possessives
//!   (`don't` → `do` `n't`, `Russia’s` → `Russia` `’s`), units after a number (`3.5bn` → `3.5` `bn`);
//! * infixes: dashes (`—`, `--`), ellipses, commas between letters, `?`/`!` inside words, and a
//!   full stop glued to the next sentence (`world.Today`);
//! * kept whole: URLs, e-mail addresses, `#hashtags`, `@handles`, numbers like `1,200`, `3.5`,
//!   `10:56`, hyphenated compounds (`US-led`) unless [`Tokenizer::split_hyphens`] is set,
//!   dotted abbreviations.

use crate::chars::{char_at, char_before, is_closer, is_opener};
use crate::chunk::next_chunk;
use crate::lexicon::{AbbrevClass, Lexicon};
use crate::terminator::{classify, WordKind};
use newspipe_model::Span;

/// Tokenizer options. The default (used by [`crate::tokens`]) keeps hyphenated compounds and
/// slashed pairs whole (`US-led`, `and/or`), as news NLP expects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tokenizer {
    /// Split `-` and `/` between letters or digits into their own tokens (`US` `-` `led`,
    /// `and` `/` `or`), as Universal Dependencies treebanks such as English-EWT do.
    pub split_hyphens: bool,
}

impl Tokenizer {
    /// Tokens of `text[span]`, as spans into `text`. `span` must lie on char boundaries.
    pub fn tokens<'t>(self, text: &'t str, span: Span) -> Tokens<'t> {
        Tokens {
            options: self,
            ..Tokens::new(text, span)
        }
    }
}

/// Iterator over the token spans of a text; see [`crate::tokens`].
///
/// It reuses one small buffer for the tokens of the current whitespace-separated chunk, so
/// iterating allocates at most once, not per token.
#[derive(Debug, Clone)]
pub struct Tokens<'t> {
    text: &'t str,
    pos: usize,
    end: usize,
    buf: Vec<Span>,
    next: usize,
    options: Tokenizer,
}

impl<'t> Tokens<'t> {
    /// Tokens of `text[span]`, as spans into `text`. `span` must lie on char boundaries.
    pub fn new(text: &'t str, span: Span) -> Self {
        Tokens {
            text,
            pos: span.start,
            end: span.end,
            buf: Vec::new(),
            next: 0,
            options: Tokenizer::default(),
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            if let Some(&span) = self.buf.get(self.next) {
                self.next += 1;
                return Some(span);
            }
            let chunk = next_chunk(self.text, self.pos, self.end)?;
            self.pos = chunk.end;
            if chunk.plain {
                return Some(Span::new(chunk.start, chunk.end));
            }
            self.buf.clear();
            self.next = 0;
            split_chunk(
                self.text,
                chunk.start,
                chunk.end,
                self.options,
                &mut self.buf,
            );
        }
    }
}

#[inline]
fn is_prefix_punct(c: char) -> bool {
    is_opener(c)
        || matches!(
            c,
            '<' | '#'
                | '$'
                | '£'
                | '€'
                | '¥'
                | '₹'
                | '₽'
                | '¢'
                | '*'
                | '—'
                | '–'
                | '•'
                | '·'
                | '~'
                | '…'
        )
}

#[inline]
fn is_suffix_punct(c: char) -> bool {
    is_closer(c)
        || matches!(
            c,
            ',' | ';' | ':' | '!' | '?' | '…' | '%' | '*' | '—' | '–' | '>'
        )
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// End of the URL, e-mail, handle or hashtag starting at `s`, if one starts there.
fn special_end(text: &str, s: usize, e: usize) -> Option<usize> {
    let chunk = &text[s..e];
    let first = chunk.chars().next()?;
    if first == '@' || first == '#' {
        let rest = &chunk[1..];
        let n = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        let ok = if first == '#' {
            rest.starts_with(|c: char| c.is_alphabetic() || c == '_')
        } else {
            n > 0
        };
        return ok.then_some(s + 1 + n);
    }
    // Quick reject: URLs need "://" or "www.", e-mail addresses an '@'.
    let bytes = chunk.as_bytes();
    if bytes.len() < 4
        || (memchr::memchr2(b'@', b':', bytes).is_none() && !matches!(bytes[0], b'w' | b'W'))
    {
        return None;
    }
    let lower_starts = |p: &str| {
        chunk
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    // A URL starts with a scheme (`https://`) or `www.`; an e-mail address with its local part.
    let is_url = lower_starts("www.")
        || chunk.find("://").is_some_and(|i| {
            i > 0
                && chunk[..i]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+')
        });
    let is_email = !is_url && {
        match chunk.find('@') {
            Some(at) if at > 0 && chunk.starts_with(char::is_alphanumeric) => {
                let domain = &chunk[at + 1..];
                domain.contains('.')
                    && domain.starts_with(|c: char| c.is_alphanumeric())
                    && chunk[..at]
                        .chars()
                        .all(|c| c.is_alphanumeric() || "._-+%'".contains(c))
            }
            _ => false,
        }
    };
    if !is_url && !is_email {
        return None;
    }
    // Trailing punctuation belongs to the sentence, not the address; a `)` stays when the
    // address opened one.
    let mut end = e;
    let mut stripped = 0;
    while let Some(c) = char_before(text, end).filter(|_| end > s && stripped < 16) {
        stripped += 1;
        let strip = match c {
            ')' => {
                let core = &text[s..end];
                core.matches('(').count() < core.matches(')').count()
            }
            '/' | '_' | '-' | '=' | '#' | '&' => false,
            c => is_suffix_punct(c) || c == '.',
        };
        if !strip {
            break;
        }
        end -= c.len_utf8();
    }
    (end > s).then_some(end)
}

/// Splits the chunk `text[s..e]` into tokens, appended to `out` in order.
fn split_chunk(text: &str, s: usize, e: usize, options: Tokenizer, out: &mut Vec<Span>) {
    match word_then_stop(text, s, e) {
        Some(word_end) => out.extend([Span::new(s, word_end), Span::new(word_end, e)]),
        None => split_by_rules(text, s, e, options, out),
    }
}

/// The end of the word when the chunk `text[s..e]` is four or more ASCII letters and then one
/// `,` `;` `:`, or `.` after a word that is no abbreviation: the commonest chunks that are not
/// a plain word (a seventh of the chunks of news text), which [`split_by_rules`] splits into the
/// word and the stop after a dozen checks that cannot apply to them (emoticons are at most four
/// bytes; URLs, addresses and contractions need other characters).
#[inline]
fn word_then_stop(text: &str, s: usize, e: usize) -> Option<usize> {
    let (&stop, word) = text.as_bytes()[s..e].split_last()?;
    if word.len() < 4 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let split = match stop {
        b',' | b';' | b':' => true,
        b'.' => classify(&text[s..e - 1]) == WordKind::Plain,
        _ => false,
    };
    split.then_some(e - 1)
}

/// [`split_chunk`] by the prefix, suffix and infix rules.
fn split_by_rules(text: &str, mut s: usize, e: usize, options: Tokenizer, out: &mut Vec<Span>) {
    if Lexicon::get().is_emoticon(&text[s..e]) {
        out.push(Span::new(s, e));
        return;
    }
    'chunk: while s < e {
        // Prefixes, and whole URLs / e-mails / handles / hashtags.
        while s < e {
            if let Some(end) = special_end(text, s, e) {
                out.push(Span::new(s, end));
                s = end;
                continue 'chunk;
            }
            let c = char_at(text, s).unwrap_or(' ');
            let len = c.len_utf8();
            let next = char_at(text, s + len);
            let prefix = match c {
                // `'90s`, `'s`, `'re` stay whole.
                // `'90s` and a detached `'s`, `'re` stay whole; before a word it is a quote.
                '\'' | '’' => {
                    !next.is_some_and(|n| n.is_ascii_digit()) && !is_clitic(&text[s..e])
                }
                '-' => next.is_some_and(|n| !n.is_ascii_digit()),
                '.' => text[s..e].starts_with("..") || s + len == e,
                c => is_prefix_punct(c),
            };
            if !prefix {
                break;
            }
            let run = run_len(text, s, e, c);
            out.push(Span::new(s, s + run));
            s += run;
        }
        if s >= e {
            return;
        }
        let mut suffixes = [Span::default(); 8];
        let mut n = 0;
        let core_end = strip_suffixes(text, s, e, &mut suffixes, &mut n);
        split_core(text, s, core_end, options, out);
        out.extend(suffixes[..n].iter().rev());
        return;
    }
}

/// True when `chunk` is a detached clitic (`'s`, `’re`, `'ll`), as in `Jones 's`.
fn is_clitic(chunk: &str) -> bool {
    let rest = chunk.trim_start_matches(['\'', '’']);
    rest.len() < chunk.len()
        && ["s", "m", "d", "ll", "re", "ve"]
            .iter()
            .any(|c| rest.eq_ignore_ascii_case(c))
}

/// Length of the run of `c` starting at `s` (`!!!`, `...`, `--`), at least one char.
fn run_len(text: &str, s: usize, e: usize, c: char) -> usize {
    let groups = matches!(
        c,
        '.' | '!' | '?' | '-' | '*' | '—' | '~' | '$' | '=' | '#' | '<' | '>'
    );
    if !groups {
        return c.len_utf8();
    }
    text[s..e].chars().take_while(|&x| x == c).count() * c.len_utf8()
}

/// Peels suffix tokens off the end of `text[s..e]` into `suf` (last token first); returns the
/// end of what is left.
fn strip_suffixes(text: &str, s: usize, mut e: usize, suf: &mut [Span; 8], n: &mut usize) -> usize {
    let lex = Lexicon::get();
    let mut contraction_done = false;
    while e > s && *n < suf.len() {
        let c = char_before(text, e).unwrap_or(' ');
        let len = c.len_utf8();
        if e - len == s {
            break; // never peel the last char: a lone `.` or `%` is its own token
        }
        let core = &text[s..e];
        let cut = if c == '.' {
            let dots = core.chars().rev().take_while(|&x| x == '.').count();
            if dots >= 2 {
                Some(dots)
            } else if keeps_full_stop(text, &core[..core.len() - 1], e) {
                None
            } else {
                Some(1)
            }
        } else if c == ')' {
            (core.matches('(').count() < core.matches(')').count()).then_some(len)
        } else if is_suffix_punct(c) {
            let same = |x: char| x == c || matches!((c, x), ('!' | '?', '!' | '?'));
            let run = core.chars().rev().take_while(|&x| same(x)).count();
            Some(if matches!(c, '!' | '?' | '*' | '—') {
                run * len
            } else {
                len
            })
        } else if !contraction_done {
            contraction_done = true;
            contraction_len(core).or_else(|| unit_len(core, lex))
        } else {
            None
        };
        let Some(cut) = cut.filter(|&k| k < core.len()) else {
            break;
        };
        suf[*n] = Span::new(e - cut, e);
        *n += 1;
        e -= cut;
    }
    e
}

/// Whether a word keeps its final full stop as part of the token (`U.S.`, `Mr.`, `E.`, `a.m.`).
fn keeps_full_stop(text: &str, word: &str, chunk_end: usize) -> bool {
    match classify(word) {
        WordKind::Plain => false,
        WordKind::Initial => true,
        WordKind::Abbrev(AbbrevClass::BeforeNumber) => {
            word.starts_with(char::is_uppercase)
                || text[chunk_end..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
        }
        WordKind::Abbrev(_) => true,
    }
}

/// Byte length of a contraction or possessive suffix of `core` (`n't`, `'s`, `’ll`, ...).
fn contraction_len(core: &str) -> Option<usize> {
    let mut last = [(0usize, ' '); 4];
    let mut n = 0;
    for (i, c) in core.char_indices().rev().take(4) {
        last[n] = (i, c.to_ascii_lowercase());
        n += 1;
    }
    let is_apostrophe = |c: char| c == '\'' || c == '’';
    let head_ok = |at: usize, all_letters: bool| {
        let head = &core[..at];
        if all_letters {
            !head.is_empty() && head.chars().all(char::is_alphabetic)
        } else {
            head.chars().next_back().is_some_and(char::is_alphabetic)
        }
    };
    // "don't" -> "do" "n't"
    if n >= 3
        && last[0].1 == 't'
        && is_apostrophe(last[1].1)
        && last[2].1 == 'n'
        && head_ok(last[2].0, true)
    {
        return Some(core.len() - last[2].0);
    }
    // "Russia’s", "I'm", "he'd"
    if n >= 2
        && is_apostrophe(last[1].1)
        && matches!(last[0].1, 's' | 'm' | 'd')
        && head_ok(last[1].0, false)
    {
        return Some(core.len() - last[1].0);
    }
    // "we'll", "they're", "I've"
    if n >= 3
        && is_apostrophe(last[2].1)
        && matches!((last[1].1, last[0].1), ('l', 'l') | ('r', 'e') | ('v', 'e'))
        && head_ok(last[2].0, false)
    {
        return Some(core.len() - last[2].0);
    }
    None
}

/// Byte length of a unit suffix after a number (`3.5bn` → `bn`).
fn unit_len(core: &str, lex: &Lexicon) -> Option<usize> {
    let num_len = core
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(core.len());
    if num_len == 0 || num_len == core.len() || !core.as_bytes()[num_len - 1].is_ascii_digit() {
        return None;
    }
    let unit = &core[num_len..];
    lex.is_unit(unit).then_some(unit.len())
}

/// Splits what is left of a chunk at infixes and appends the pieces to `out`.
fn split_core(text: &str, s: usize, e: usize, options: Tokenizer, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut address = None; // is the core an address? computed once, when first needed
    let mut tok_start = s;
    let mut i = s;
    while i < e {
        // Only these bytes can start an infix: skip everything else quickly.
        if !matches!(
            bytes[i],
            b',' | b';' | b'!' | b'?' | b'"' | b'.' | b'-' | b'/' | 0xC2 | 0xE2
        ) {
            i += 1;
            continue;
        }
        let c = char_at(text, i).unwrap_or(' ');
        let len = c.len_utf8();
        let prev = char_before(text, i).filter(|_| i > s);
        let next = char_at(text, i + len).filter(|_| i + len < e);
        let split_len = match c {
            '—' | '–' | '…' => run_len(text, i, e, c),
            '-' if bytes.get(i + 1) == Some(&b'-') => run_len(text, i, e, c),
            // UD style: `US-led` -> `US` `-` `led`, `and/or`; numbers (`555-1234`, `09/08/2000`)
            // stay whole.
            '-' | '/' if options.split_hyphens && hyphen_splits(c, prev, next) => len,
            '.' if bytes.get(i + 1) == Some(&b'.') => run_len(text, i, e, c),
            ',' | ';' | '!' | '?' => {
                let letters =
                    prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic);
                if letters || matches!(c, '!' | '?') && prev.is_some() && next.is_some() {
                    run_len(text, i, e, c)
                } else {
                    0
                }
            }
            '"' | '“' | '”' | '«' | '»' if prev.is_some() => len,
            '.' if glued_full_stop(text, i, e, prev)
                && !*address.get_or_insert_with(|| is_address(&text[s..e])) =>
            {
                len
            }
            _ => 0,
        };
        if split_len == 0 {
            i += len;
            continue;
        }
        if i > tok_start {
            out.push(Span::new(tok_start, i));
        }
        out.push(Span::new(i, i + split_len));
        i += split_len;
        tok_start = i;
    }
    if e > tok_start {
        out.push(Span::new(tok_start, e));
    }
}

/// True when `chunk` looks like an e-mail address or URL (its full stops are not sentence ends).
fn is_address(chunk: &str) -> bool {
    chunk.contains('@') || chunk.contains("://")
}

/// Whether a `-` or `/` between `prev` and `next` is split off with `split_hyphens`: a hyphen
/// next to at least one letter (and an alphanumeric on both sides), a slash between letters.
fn hyphen_splits(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let (Some(p), Some(n)) = (prev, next) else {
        return false;
    };
    if c == '/' {
        p.is_alphabetic() && n.is_alphabetic()
    } else {
        p.is_alphanumeric() && n.is_alphanumeric() && (p.is_alphabetic() || n.is_alphabetic())
    }
}

/// `world.Today`: a full stop between a lower-case letter or digit and a capitalised word.
fn glued_full_stop(text: &str, i: usize, e: usize, prev: Option<char>) -> bool {
    let mut after = text[i + 1..e].chars();
    prev.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        && after.next().is_some_and(char::is_uppercase)
        && after.next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `chunk` both ways: through [`split_chunk`] (with the shortcut) and by the rules.
    fn both_ways(chunk: &str) -> (Vec<Span>, Vec<Span>) {
        let (mut fast, mut rules) = (Vec::new(), Vec::new());
        let options = Tokenizer::default();
        split_chunk(chunk, 0, chunk.len(), options, &mut fast);
        split_by_rules(chunk, 0, chunk.len(), options, &mut rules);
        (fast, rules)
    }

    #[test]
    fn the_word_then_stop_shortcut_splits_as_the_rules_do() {
        // Every listed abbreviation, title and pre-number word, and plain words, in three
        // casings and before each stop, and every chunk of the seed page.
        let lists = [
            include_str!("../data/abbreviations.txt"),
            include_str!("../data/titles.txt"),
            include_str!("../data/before_numbers.txt"),
            "said house Moscow NATO Peskov http https mailto gonna cannot wanna",
        ];
        let words: Vec<String> = lists
            .iter()
            .flat_map(|l| l.lines().filter(|l| !l.starts_with('#')))
            .flat_map(str::split_whitespace)
            .map(|w| w.trim_end_matches('.').to_string())
            .flat_map(|w| [w.to_lowercase(), w.to_uppercase(), w])
            .collect();
        let mut shortcut = 0;
        for word in &words {
            for stop in [",", ";", ":", ".", "!", ")", "'s"] {
                let chunk = format!("{word}{stop}");
                shortcut += usize::from(word_then_stop(&chunk, 0, chunk.len()).is_some());
                let (fast, rules) = both_ways(&chunk);
                assert_eq!(fast, rules, "{chunk:?}");
            }
        }
        assert!(shortcut > 500, "the shortcut took {shortcut} chunks");
        let page = include_str!("../../../tests/fixtures/rt-nato-peskov.txt");
        for chunk in page.split_whitespace() {
            let (fast, rules) = both_ways(chunk);
            assert_eq!(fast, rules, "{chunk:?}");
        }
    }
}
