//! Direct quotations and who said them: “everything Peskov said about NATO”.
//!
//! A quotation is the text between `“` and `”`, `«` and `»`, or two straight `"` (one after white
//! space opens, one after a word closes), within one line. A line that ends inside an open
//! quotation closes it there: news style opens each paragraph of a long quote again. Quotations of fewer than four words are taken for scare
//! quotes or titles (`‘de facto’`, “Russian threat”) and skipped.
//!
//! The speaker comes from the sentence around the quotation, in this order:
//! 1. after it: `“...,” he said`, `“...,” said Peskov`, `“...,” Peskov told reporters`;
//! 2. before it: `Peskov said: “...”`, `He told RT: “...”`, `According to Peskov, “...”`;
//! 3. otherwise the speaker of the quotation just before, in the same line or ending the line
//!    before (a quote that goes on after its attribution).
//!
//! `he` and `she` stand for the first person named in the last sentence before theirs that
//! names one (its subject, as a rule). Every speaker is given by the fullest form of the name
//! in the document (the entity's canonical form).

use newspipe_model::{floor_char_boundary, Entity, EntityLabel, Quote, Span};

/// Quotations shorter than this many words are not reported.
const MIN_WORDS: usize = 4;

/// How many words after a quotation, or before its speech verb, may hold the speaker.
const CUE_WORDS: usize = 6;

/// How far (bytes) the attribution is looked for after a quotation (`,” said Foreign Minister
/// Radoslaw Sikorski`) and before it (`Peskov told reporters on Monday that “`).
const AFTER_BYTES: usize = 160;
const BEFORE_BYTES: usize = 240;

/// The longest sentence a pronoun looks back through; with the bounds above it keeps long
/// unpunctuated lines linear.
const SENTENCE_BYTES: usize = 600;

/// Verbs of saying, as they follow or precede a quotation, in byte order (binary search).
const SPEECH_VERBS: &[&str] = &[
    "according",
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "announced",
    "argued",
    "argues",
    "asked",
    "asks",
    "claimed",
    "claims",
    "commented",
    "conceded",
    "concluded",
    "continued",
    "countered",
    "declared",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "insisted",
    "insists",
    "noted",
    "notes",
    "observed",
    "predicted",
    "recalled",
    "remarked",
    "replied",
    "replies",
    "responded",
    "said",
    "say",
    "says",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "tells",
    "told",
    "tweeted",
    "urged",
    "warned",
    "warns",
    "writes",
    "wrote",
];

/// The quotations of `text` with their speakers, in text order. `entities` are the document's
/// entities in text order (their PERSON mentions name the speakers).
///
/// ```
/// use newspipe_model::{Entity, EntityLabel, Method, Span};
///
/// let text = "Peskov spoke. “NATO is at war with Russia,” he said on Monday.";
/// let peskov = Entity {
///     span: Span::new(0, 6),
///     label: EntityLabel::Person,
///     canonical: Some("Dmitry Peskov".into()),
///     value: None,
///     method: Method::Model,
/// };
/// let quotes = newspipe_entities::quotes::find(text, &[peskov]);
/// assert_eq!(&text[quotes[0].span.range()], "“NATO is at war with Russia,”");
/// assert_eq!(quotes[0].speaker.as_deref(), Some("Dmitry Peskov"));
/// ```
pub fn find(text: &str, entities: &[Entity]) -> Vec<Quote> {
    let people: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.label == EntityLabel::Person)
        .collect();
    let bytes = text.as_bytes();
    let mut quotes: Vec<Quote> = Vec::new();
    let mut at = 0;
    // Only the lines that hold `"` or a lead byte of `“ ” « »` are looked at.
    while let Some(k) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[at..]) {
        let mark = at + k;
        let line_start = memchr::memrchr(b'\n', &bytes[..mark]).map_or(0, |n| n + 1);
        let next_line = memchr::memchr(b'\n', &bytes[mark..]).map_or(text.len(), |n| mark + n + 1);
        let line_end = line_start
            + text[line_start..next_line]
                .trim_end_matches(['\n', '\r'])
                .len();
        at = next_line;
        let spans = quotations(text, line_start, line_end);
        for (i, &span) in spans.iter().enumerate() {
            if words(text, span).nth(MIN_WORDS - 1).is_none() {
                continue;
            }
            let after_end = spans.get(i + 1).map_or(line_end, |next| next.start);
            let after_end = floor_char_boundary(text, after_end.min(span.end + AFTER_BYTES));
            let before_start = if i == 0 { line_start } else { spans[i - 1].end };
            let before_start = before_start.max(span.start.saturating_sub(BEFORE_BYTES));
            let before_start = floor_char_boundary(text, before_start);
            let cue = Span::new(span.end, after_end);
            let speaker = speaker_after(text, cue, span, &people)
                .or_else(|| speaker_before(text, Span::new(before_start, span.start), &people))
                .or_else(|| continued(text, &quotes, line_start, span.start));
            quotes.push(Quote { span, speaker });
        }
    }
    quotes
}

/// The quotations of `text[start..end]` (one line), marks included. A straight `"` opens a
/// quotation at the start of the line or after white space or an opening bracket or dash, and
/// closes one otherwise (a closing mark with nothing open ends a quotation begun in an earlier
/// paragraph and is passed over).
fn quotations(text: &str, start: usize, end: usize) -> Vec<Span> {
    let bytes = &text.as_bytes()[..end];
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut at = start;
    // Only `"` and the lead bytes of `“ ” « »` (E2, C2) can start a mark.
    while let Some(k) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[at..]) {
        let i = at + k;
        let c = text[i..].chars().next().unwrap_or(' ');
        at = i + c.len_utf8();
        let mark = match c {
            '"' => {
                let prev = text[start..i].chars().next_back().unwrap_or(' ');
                let opens = prev.is_whitespace() || matches!(prev, '(' | '[' | '—' | '–' | '-');
                if opens {
                    '“'
                } else {
                    '”'
                }
            }
            '“' | '”' | '«' | '»' => c,
            _ => continue,
        };
        match (mark, open) {
            ('“' | '«', _) => open = Some((i, mark)),
            ('”', Some((from, '“'))) | ('»', Some((from, '«'))) => {
                out.push(Span::new(from, at));
                open = None;
            }
            _ => {}
        }
    }
    if let Some((from, _)) = open {
        out.push(Span::new(from, end));
    }
    out
}

/// The words of `text[span]` (runs of letters, digits and apostrophes) with their spans.
fn words(text: &str, span: Span) -> impl Iterator<Item = (Span, &str)> {
    let s = &text[span.range()];
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(move |w| {
            let at = span.start + (w.as_ptr() as usize - s.as_ptr() as usize);
            (Span::new(at, at + w.len()), w)
        })
}

/// Whether char `c` at byte `i` of `s` ends a sentence: `.`, `!` or `?` followed by white space.
fn ends_sentence(s: &str, i: usize, c: char) -> bool {
    matches!(c, '.' | '!' | '?') && s[i + 1..].starts_with(char::is_whitespace)
}

/// The text from `span.start` up to the end of its sentence (a `.`, `!` or `?` followed by
/// white space), at most `span.end`.
fn to_sentence_end(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let end = s
        .char_indices()
        .find(|&(i, c)| ends_sentence(s, i, c))
        .map_or(span.end, |(i, _)| span.start + i);
    Span::new(span.start, end)
}

fn is_speech_verb(word: &str) -> bool {
    const LONGEST: usize = 12;
    if word.len() > LONGEST {
        return false;
    }
    let mut lower = [0u8; LONGEST];
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    let lower = &lower[..word.len()];
    SPEECH_VERBS
        .binary_search_by(|v| v.as_bytes().cmp(lower))
        .is_ok()
}

fn is_pronoun(word: &str) -> bool {
    word.eq_ignore_ascii_case("he") || word.eq_ignore_ascii_case("she")
}

/// The fullest name of a person mention.
fn name_of(text: &str, e: &Entity) -> String {
    e.canonical
        .clone()
        .unwrap_or_else(|| text[e.span.range()].to_string())
}

/// The person mention that starts at `word` (or covers it).
fn person_at<'e>(people: &[&'e Entity], word: Span) -> Option<&'e Entity> {
    let n = people.partition_point(|e| e.span.start <= word.start);
    let e = *people[..n].last()?;
    (word.end <= e.span.end).then_some(e)
}

/// Where the sentence holding byte `pos` starts: after the last `.`, `!` or `?` followed by
/// white space, or the last line break, before `pos`.
fn sentence_start(text: &str, pos: usize) -> usize {
    // A run-on "sentence" is cut at SENTENCE_BYTES, so that long unpunctuated lines stay linear.
    let from = floor_char_boundary(text, pos.saturating_sub(SENTENCE_BYTES));
    let before = &text[from..pos];
    before
        .char_indices()
        .rev()
        .find(|&(i, c)| c == '\n' || ends_sentence(before, i, c))
        .map_or(from, |(i, _)| from + i + 1)
}

/// Who `he` or `she` stands for in the sentence that starts at `begin`: the first person named
/// in the last earlier sentence that names one. That is its subject, as a rule: after `Cate
/// Blanchett, who played Katharine Hepburn, won.`, `She said` is Blanchett.
fn antecedent(text: &str, people: &[&Entity], begin: usize) -> Option<String> {
    let before = people.partition_point(|e| e.span.end <= begin);
    let last = people[..before].last()?;
    let from = sentence_start(text, last.span.start);
    let first = people[..before].partition_point(|e| e.span.start < from);
    Some(name_of(text, people[first]))
}

/// The subject of a speech verb in the sentence that starts at `begin`: a person mention, or
/// `he`/`she` ([`antecedent`]).
fn subject(text: &str, word: (Span, &str), people: &[&Entity], begin: usize) -> Option<String> {
    if let Some(e) = person_at(people, word.0) {
        return Some(name_of(text, e));
    }
    is_pronoun(word.1)
        .then(|| antecedent(text, people, begin))
        .flatten()
}

/// `“...,” he said`, `“...,” said Peskov`, `“...,” Peskov told reporters`.
fn speaker_after(text: &str, cue: Span, quote: Span, people: &[&Entity]) -> Option<String> {
    let cue = to_sentence_end(text, cue);
    let ws: Vec<(Span, &str)> = words(text, cue).take(CUE_WORDS).collect();
    // A quotation that ends with a full stop ends its sentence: `“... Empire.” Mr Croucher
    // said the issue was ...` starts another (`“... Empire.” he said` is still read).
    let inside = text[quote.range()].trim_end_matches(['”', '"', '»']);
    if inside.ends_with('.')
        && ws
            .first()
            .is_some_and(|w| w.1.starts_with(char::is_uppercase))
    {
        return None;
    }
    let verb = ws.iter().position(|w| is_speech_verb(w.1))?;
    if verb == 0 {
        // `said Peskov`, `added Russian President Vladimir Putin`.
        return ws[1..]
            .iter()
            .find_map(|w| person_at(people, w.0))
            .map(|e| name_of(text, e));
    }
    // The quotation and its attribution are one sentence.
    let begin = sentence_start(text, quote.start);
    ws[..verb]
        .iter()
        .rev()
        .find_map(|&w| subject(text, w, people, begin))
}

/// `Peskov said: “...”`, `He told RT: “...”`, `According to Peskov, “...”`.
fn speaker_before(text: &str, cue: Span, people: &[&Entity]) -> Option<String> {
    // The cue lies within one line and is shorter than SENTENCE_BYTES.
    let begin = sentence_start(text, cue.end).max(cue.start);
    let cue = Span::new(begin, cue.end);
    let ws: Vec<(Span, &str)> = words(text, cue).collect();
    let verb = ws.iter().rposition(|w| is_speech_verb(w.1))?;
    if ws[verb].1.eq_ignore_ascii_case("according") {
        return ws[verb + 1..]
            .iter()
            .find_map(|&w| subject(text, w, people, begin));
    }
    ws[..verb]
        .iter()
        .rev()
        .take(CUE_WORDS)
        .find_map(|&w| subject(text, w, people, begin))
}

/// The speaker of the quotation just before, when it is in the same line (with nothing but
/// its attribution between) or ends the line before this one, which opens with the quotation.
fn continued(
    text: &str,
    quotes: &[Quote],
    line_start: usize,
    quote_start: usize,
) -> Option<String> {
    let last = quotes.last()?;
    let goes_on = if last.span.start >= line_start {
        true // same line
    } else {
        let opens_line = text[line_start..quote_start].trim().is_empty();
        let ended_line = text[last.span.end..line_start].trim().is_empty();
        opens_line && ended_line
    };
    goes_on.then(|| last.speaker.clone()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newspipe_model::Method;

    /// `text` with the listed names tagged PERSON (canonical forms as given).
    fn quotes_of(text: &str, people: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        let mut entities: Vec<Entity> = people
            .iter()
            .flat_map(|&(name, canonical)| {
                text.match_indices(name).map(move |(at, _)| Entity {
                    span: Span::new(at, at + name.len()),
                    label: EntityLabel::Person,
                    canonical: canonical.map(String::from),
                    value: None,
                    method: Method::Model,
                })
            })
            .collect();
        entities.sort_by_key(|e| e.span.start);
        find(text, &entities)
            .into_iter()
            .map(|q| (text[q.span.range()].to_string(), q.speaker))
            .collect()
    }

    fn speakers(text: &str, people: &[(&str, Option<&str>)]) -> Vec<Option<String>> {
        quotes_of(text, people).into_iter().map(|q| q.1).collect()
    }

    fn some(name: &str) -> Option<String> {
        Some(name.to_string())
    }

    #[test]
    fn speech_verbs_are_sorted_and_found_in_any_case() {
        assert!(SPEECH_VERBS.windows(2).all(|p| p[0] < p[1]));
        assert!(SPEECH_VERBS.iter().all(|v| v.len() <= 12));
        assert!(is_speech_verb("Said") && is_speech_verb("ACCORDING") && !is_speech_verb("sad"));
    }

    #[test]
    fn speaker_after_the_quotation() {
        let people = [("Jane Roe", None), ("Roe", Some("Jane Roe"))];
        for text in [
            "“We will not move an inch,” said Jane Roe.",
            "“We will not move an inch,” Roe told reporters.",
            "Jane Roe arrived. “We will not move an inch,” she said on Monday.",
            "\"We will not move an inch,\" Roe added.",
        ] {
            assert_eq!(speakers(text, &people), vec![some("Jane Roe")], "{text}");
        }
    }

    #[test]
    fn a_full_stop_inside_the_quotation_ends_its_sentence() {
        let people = [("Mark Croucher", None), ("Jane Roe", None)];
        let text = "Jane Roe said: “We are looking for the return of the Empire.” \
                    Mark Croucher said the issue was different.";
        assert_eq!(speakers(text, &people), vec![some("Jane Roe")]);
        let text = "Jane Roe spoke. “We are looking for the return of the Empire.” she said.";
        assert_eq!(speakers(text, &people), vec![some("Jane Roe")]);
    }

    #[test]
    fn speaker_before_the_quotation() {
        let people = [("John Doe", None)];
        for text in [
            "John Doe said: “There is no plan and there never was.”",
            "John Doe came late. He told the BBC: “There is no plan and there never was.”",
            "According to John Doe, “there is no plan and there never was.”",
        ] {
            assert_eq!(speakers(text, &people), vec![some("John Doe")], "{text}");
        }
    }

    #[test]
    fn a_quote_goes_on_after_its_attribution_and_into_the_next_line() {
        let text = "“This is the first part of it,” he said. “And this is the second part.”\n\n\
                    “A third part opens the next paragraph.”\n\nDoe left. “Nobody said this one at all.”";
        let got = quotes_of(text, &[("Doe", Some("John Doe"))]);
        // `he` has no person before it: nobody, and nobody goes on.
        assert!(got.iter().all(|q| q.1.is_none()), "{got:?}");

        let text = format!("John Doe spoke. {text}");
        let got = speakers(&text, &[("John Doe", None)]);
        assert_eq!(
            got[..3],
            [some("John Doe"), some("John Doe"), some("John Doe")]
        );
        assert_eq!(got[3], None, "a new paragraph with other text in between");
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotations() {
        let text = "Officials describe a “Russian threat” and the ‘de facto’ war, said Jane Roe.";
        assert!(quotes_of(text, &[("Jane Roe", None)]).is_empty());
    }

    #[test]
    fn a_pronoun_stands_for_the_subject_of_the_last_sentence_naming_someone() {
        let people = [
            ("Cate Blanchett", None),
            ("Katharine Hepburn", None),
            ("Hepburn", None),
        ];
        let text = "Cate Blanchett, who played Katharine Hepburn, won. \
                    Of Hepburn, she said: “She was a true original in every way.”";
        assert_eq!(speakers(text, &people), vec![some("Cate Blanchett")]);
        let text = "Cate Blanchett, who played Katharine Hepburn, won. \
                    “She was a true original in every way,” she said.";
        assert_eq!(speakers(text, &people), vec![some("Cate Blanchett")]);
    }

    #[test]
    fn straight_quotes_open_after_a_space_and_close_before_one() {
        // The first mark closes a quotation from an earlier paragraph: passed over.
        let text = "and it went on,\" said Jane Roe. \"Then a new one starts here,\" she added.";
        let got = quotes_of(text, &[("Jane Roe", None)]);
        let want = (
            "\"Then a new one starts here,\"".to_string(),
            some("Jane Roe"),
        );
        assert_eq!(got, vec![want]);
    }

    #[test]
    fn an_unclosed_quotation_ends_with_its_line() {
        let got = quotes_of("“It runs on to the end of the line\nand stops there", &[]);
        assert_eq!(
            got,
            vec![("“It runs on to the end of the line".to_string(), None)]
        );
    }
}
