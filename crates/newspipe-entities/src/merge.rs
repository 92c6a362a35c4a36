//! Rule matches and names put together: rules win over overlapping names, except numbers inside
//! names; names that run into a number are cut before it.

use crate::rules;
use newspipe_model::{Entity, EntityLabel, Method};

/// Where a name starting at `start` ends when cut before `at`: after its last capitalised word
/// before `at`, without what follows that word (`Abigail Spears 7-6` → `Abigail Spears`, `All
/// Blacks' 2` → `All Blacks`); `None` when no capitalised word is left.
fn name_end_before(text: &str, start: usize, at: usize) -> Option<usize> {
    let left = text.get(start..at)?;
    let mut end = None;
    let mut pos = 0;
    for word in left.split(char::is_whitespace) {
        if word.starts_with(char::is_uppercase) {
            let word = word.trim_end_matches(['-', '–', '(', ',', '\'', '’']);
            end = Some(start + pos + word.len());
        }
        pos += word.len()
            + left[pos + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    end
}

/// Rule entities win over overlapping names, except plain numbers inside a longer name
/// (`Boeing 747`, `Apollo 11`). A name that runs into a number (`Craven Cottage 1-0`, a score)
/// ends before it when what is left ends with a capitalised word; otherwise it goes. (A name
/// that runs into a date or a time goes: `Sunday` in `The Sunday Times`, `Noon` in `Jamie
/// Noon` are part of the name, which the rule wins anyway.)
///
/// Names are sorted by start, so each rule only looks at the names that can reach it (start within
/// the longest name's length before the rule): linear in practice, not rules × names.
pub(crate) fn merge(
    text: &str,
    rule_matches: Vec<rules::RuleMatch>,
    mut names: Vec<Entity>,
) -> Vec<Entity> {
    names.sort_by_key(|e| (e.span.start, e.span.end));
    let mut keep_name = vec![true; names.len()];
    // A name that runs into a number (a score: `Greg Rusedski 4-6 7-6`) ends before the first
    // number inside it. The rule matches are in text order and do not overlap.
    let is_number =
        |r: &rules::RuleMatch| matches!(r.label, EntityLabel::Cardinal | EntityLabel::Ordinal);
    for (n, k) in names.iter_mut().zip(keep_name.iter_mut()) {
        let from = rule_matches.partition_point(|r| r.span.start <= n.span.start);
        let inside = rule_matches[from..]
            .iter()
            .take_while(|r| r.span.start < n.span.end)
            .filter(|r| is_number(r));
        let (mut first, mut runs_out) = (None, false);
        for r in inside {
            first = first.or(Some(r.span.start));
            runs_out |= r.span.end > n.span.end;
        }
        if let (Some(at), true) = (first, runs_out) {
            match name_end_before(text, n.span.start, at) {
                Some(end) => n.span.end = end,
                None => *k = false,
            }
        }
    }
    let longest = names.iter().map(|n| n.span.len()).max().unwrap_or(0);
    let mut out: Vec<Entity> = Vec::with_capacity(rule_matches.len() + names.len());
    for r in rule_matches {
        let mut keep_rule = true;
        let from = names.partition_point(|n| n.span.start + longest <= r.span.start);
        let to = names.partition_point(|n| n.span.start < r.span.end);
        for (n, k) in names[from..to].iter().zip(keep_name[from..to].iter_mut()) {
            if !*k || !n.span.overlaps(r.span) {
                continue;
            }
            if is_number(&r) && n.span.contains(r.span) {
                keep_rule = false;
            } else {
                *k = false;
            }
        }
        if keep_rule {
            out.push(Entity {
                span: r.span,
                label: r.label,
                canonical: None,
                value: r.value,
                method: Method::Rule,
            });
        }
    }
    out.extend(
        names
            .into_iter()
            .zip(keep_name)
            .filter_map(|(n, k)| k.then_some(n)),
    );
    out.sort_by_key(|e| (e.span.start, e.span.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newspipe_model::Span;

    #[test]
    fn a_cut_name_keeps_its_last_capitalised_word_whole() {
        let text = "the U.S. 2-1 and All Blacks' 2-3-2 and Kremlin on 5";
        let cut = |name: &str, before: &str| {
            let start = text.find(name).unwrap();
            let at = start + text[start..].find(before).unwrap();
            name_end_before(text, start, at).map(|end| &text[start..end])
        };
        assert_eq!(cut("U.S.", "2-1"), Some("U.S."));
        assert_eq!(cut("All Blacks", "2-3-2"), Some("All Blacks"));
        assert_eq!(cut("Kremlin", "5"), Some("Kremlin"));
        assert_eq!(cut("on 5", "5"), None);
    }

    #[test]
    fn numbers_inside_names_stay_names_and_rules_win_otherwise() {
        let name = |s, e, l| Entity {
            span: Span::new(s, e),
            label: l,
            canonical: None,
            value: None,
            method: Method::Model,
        };
        let rule = |s, e, l| rules::RuleMatch {
            span: Span::new(s, e),
            label: l,
            value: None,
        };
        let text = "Boeing 747 was sold. Peskov said.";
        let out = merge(
            text,
            vec![
                rule(7, 10, EntityLabel::Cardinal),
                rule(20, 26, EntityLabel::Date),
            ],
            vec![
                name(0, 10, EntityLabel::Product),
                name(20, 26, EntityLabel::Person),
            ],
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].label, EntityLabel::Product);
        assert_eq!(out[1].label, EntityLabel::Date);

        // A name running into a score ends after its last capitalised word before it; a name
        // running into a date goes (the date's word is part of the name: `The Sunday Times`).
        let text = "at Craven Cottage 1-0, beat Abigail Spears 7-6 6-3 and The Sunday Times";
        let at = |s: &str| text.find(s).unwrap();
        let out = merge(
            text,
            vec![
                rule(at("1-0"), at(", b"), EntityLabel::Cardinal),
                rule(at("7-6"), at(" 6-3"), EntityLabel::Cardinal),
                rule(at("6-3"), at(" and"), EntityLabel::Cardinal),
                rule(at("Sunday"), at(" Times"), EntityLabel::Date),
            ],
            vec![
                name(at("Craven"), at("-0"), EntityLabel::Org),
                name(at("Abigail"), at("-3"), EntityLabel::Person),
                name(at("The Sunday"), text.len(), EntityLabel::Org),
            ],
        );
        let got: Vec<&str> = out.iter().map(|e| &text[e.span.range()]).collect();
        assert_eq!(
            got,
            [
                "Craven Cottage",
                "1-0",
                "Abigail Spears",
                "7-6",
                "6-3",
                "Sunday"
            ]
        );
    }
}
