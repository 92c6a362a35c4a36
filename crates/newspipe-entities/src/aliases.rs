//! One entity, one name within a document: short mentions get the full form they refer to, and
//! every mention of a name gets the same label.
//!
//! - A PERSON mention that is a single word equal to the first or last word of a longer PERSON
//!   name in the same document (`Peskov` → `Dmitry Peskov`) gets that name as `canonical`; when
//!   two full names share the word, the mention is left alone.
//! - An ORG mention that is the acronym of a longer ORG name (`NATO` ← `North Atlantic Treaty
//!   Organization`) gets the long name.
//! - Mentions with the same text (or the same canonical name) take the label most of them have;
//!   a single-word mention of a known person's surname becomes PERSON whatever the tagger said.

use fnv::FnvHashMap as HashMap;
use newspipe_model::{Entity, EntityLabel, Method};

/// The first and last words of a mention and how many words it has.
fn first_last(s: &str) -> (&str, &str, usize) {
    let mut words = s.split_whitespace();
    let Some(first) = words.next() else {
        return ("", "", 0);
    };
    let (last, rest) = words.fold((first, 0), |(_, n), w| (w, n + 1));
    (first, last, rest + 1)
}

fn is_name_label(l: EntityLabel) -> bool {
    matches!(
        l,
        EntityLabel::Person
            | EntityLabel::Org
            | EntityLabel::Gpe
            | EntityLabel::Loc
            | EntityLabel::Norp
            | EntityLabel::Fac
            | EntityLabel::Product
            | EntityLabel::Event
            | EntityLabel::WorkOfArt
            | EntityLabel::Law
            | EntityLabel::Language
    )
}

fn acronym(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Sets `canonical` and harmonises labels of `entities` (mentions in `text`).
pub fn resolve(text: &str, entities: &mut [Entity]) {
    let mention = |e: &Entity| &text[e.span.range()];
    // Full PERSON names, keyed by their first and last words.
    let mut by_part: HashMap<&str, Option<&str>> = HashMap::default();
    let mut orgs: HashMap<String, Option<&str>> = HashMap::default();
    for e in entities.iter() {
        let m = mention(e);
        let (first, last, n) = first_last(m);
        if e.label == EntityLabel::Person && n >= 2 {
            for part in [first, last] {
                let slot = by_part.entry(part).or_insert(Some(m));
                if *slot != Some(m) {
                    *slot = None; // two different people share the word
                }
            }
        }
        if e.label == EntityLabel::Org && n >= 2 {
            let a = acronym(m);
            if a.len() >= 2 {
                let slot = orgs.entry(a).or_insert(Some(m));
                if *slot != Some(m) {
                    *slot = None;
                }
            }
        }
    }
    for e in entities.iter_mut() {
        if !is_name_label(e.label) {
            continue;
        }
        let m = mention(e);
        if first_last(m).2 == 1 {
            if let Some(Some(full)) = by_part.get(m) {
                e.canonical = Some(full.to_string());
                e.label = EntityLabel::Person;
                continue;
            }
            if e.label == EntityLabel::Org && !orgs.is_empty() {
                if let Some(Some(full)) = orgs.get(m) {
                    e.canonical = Some(full.to_string());
                }
            }
        }
    }
    // Majority label per referent (canonical name, else the mention text); ties keep the label
    // of the first mention.
    let keys: Vec<&str> = entities
        .iter()
        .map(|e| e.canonical.as_deref().unwrap_or(&text[e.span.range()]))
        .collect();
    let mut votes: HashMap<&str, Vec<(EntityLabel, usize)>> = HashMap::default();
    for (e, key) in entities.iter().zip(&keys) {
        if e.method == Method::Rule {
            continue;
        }
        let v = votes.entry(key).or_default();
        match v.iter_mut().find(|(l, _)| *l == e.label) {
            Some((_, n)) => *n += 1,
            None => v.push((e.label, 1)),
        }
    }
    let majority: Vec<Option<EntityLabel>> = entities
        .iter()
        .zip(&keys)
        .map(|(e, key)| {
            let v = votes.get(key).filter(|_| e.method != Method::Rule)?;
            Some(v.iter().fold(v[0], |b, &x| if x.1 > b.1 { x } else { b }).0)
        })
        .collect();
    for (e, label) in entities.iter_mut().zip(majority) {
        if let Some(label) = label {
            e.label = label;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newspipe_model::Span;

    fn ents(text: &str, marks: &[(&str, EntityLabel)]) -> Vec<Entity> {
        let mut from = 0;
        marks
            .iter()
            .map(|(m, l)| {
                let start = from + text[from..].find(m).unwrap();
                from = start + m.len();
                Entity {
                    span: Span::new(start, start + m.len()),
                    label: *l,
                    canonical: None,
                    value: None,
                    method: Method::Model,
                }
            })
            .collect()
    }

    #[test]
    fn surnames_get_the_full_name_and_label() {
        use EntityLabel::*;
        let text =
            "Dmitry Peskov spoke. Peskov said Sikorski, or Radoslaw Sikorski, left. Sikorski.";
        let mut e = ents(
            text,
            &[
                ("Dmitry Peskov", Person),
                ("Peskov", Person),
                ("Sikorski", Gpe),
                ("Radoslaw Sikorski", Person),
                ("Sikorski", Person),
            ],
        );
        resolve(text, &mut e);
        assert_eq!(e[0].canonical, None);
        assert_eq!(e[1].canonical.as_deref(), Some("Dmitry Peskov"));
        assert_eq!(e[2].canonical.as_deref(), Some("Radoslaw Sikorski"));
        assert_eq!(e[2].label, Person);
        assert_eq!(e[4].canonical.as_deref(), Some("Radoslaw Sikorski"));
    }

    #[test]
    fn shared_surnames_stay_ambiguous_and_acronyms_resolve() {
        use EntityLabel::*;
        let text = "Ann Lee and Bob Lee met. Lee spoke for the World Health Organization (WHO).";
        let mut e = ents(
            text,
            &[
                ("Ann Lee", Person),
                ("Bob Lee", Person),
                ("Lee", Person),
                ("World Health Organization", Org),
                ("WHO", Org),
            ],
        );
        resolve(text, &mut e);
        assert_eq!(e[2].canonical, None);
        assert_eq!(e[4].canonical.as_deref(), Some("World Health Organization"));
    }

    #[test]
    fn majority_label_wins() {
        use EntityLabel::*;
        let text = "Kiev a. Kiev b. Kiev c.";
        let mut e = ents(text, &[("Kiev", Gpe), ("Kiev", Person), ("Kiev", Gpe)]);
        resolve(text, &mut e);
        assert!(e.iter().all(|x| x.label == Gpe));
    }
}
