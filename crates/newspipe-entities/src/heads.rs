//! Labels by convention, applied to the names the model finds:
//! - whole names whose OntoNotes label is a convention (`Kremlin`, `White House`: the seat of a
//!   government stands for it, ORG), from `data/name_labels.tsv`;
//! - head words: the last word of a multi-word name often says what kind of name it is
//!   (`Kiel Institute` is an ORG although `Kiel` is a city; `Volga River` a LOC), from
//!   `data/name_heads.tsv`;
//! - a name that is exactly a listed nationality or group is NORP ([`nationality`]).

use crate::gazetteer::GazMatch;
use fnv::FnvHashMap;
use newspipe_model::EntityLabel;
use std::sync::OnceLock;

type Table = FnvHashMap<&'static str, EntityLabel>;

fn parse(tsv: &'static str, file: &str) -> Table {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (label, name) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("LABEL<TAB>name in {file}"));
            let label = label
                .parse()
                .unwrap_or_else(|_| panic!("known label in {file}"));
            (name, label)
        })
        .collect()
}

fn heads() -> &'static Table {
    static HEADS: OnceLock<Table> = OnceLock::new();
    HEADS.get_or_init(|| parse(include_str!("../data/name_heads.tsv"), "name_heads.tsv"))
}

fn names() -> &'static Table {
    static NAMES: OnceLock<Table> = OnceLock::new();
    NAMES.get_or_init(|| parse(include_str!("../data/name_labels.tsv"), "name_labels.tsv"))
}

/// The label that the head (last) word of a name of `n_words` words implies, if any. Single
/// words are left alone (`Institute` alone is not a name).
pub fn label_of_head(last_word: &str, n_words: usize) -> Option<EntityLabel> {
    if n_words < 2 {
        return None;
    }
    heads().get(last_word).copied()
}

/// The conventional label of a name given as its words, if any: a listed whole name, else its
/// head word.
pub fn conventional_label(words: &[&str]) -> Option<EntityLabel> {
    let last = *words.last()?;
    let whole = match words {
        [one] => names().get(one),
        _ => names().get(words.join(" ").as_str()),
    };
    whole.copied().or_else(|| label_of_head(last, words.len()))
}

/// NORP when words `a..b` are exactly one listed nationality or group (`Ukrainian`, `Polish`):
/// such a word is NORP by convention whatever its context suggests to the model.
pub fn nationality(gaz: &[GazMatch], a: usize, b: usize) -> Option<EntityLabel> {
    let starts = gaz[a].is_start();
    let inside = |g: &GazMatch| g.label().is_some() && !g.is_start();
    let exact = starts && gaz[a + 1..b].iter().all(inside) && !gaz.get(b).is_some_and(inside);
    (exact && gaz[a].label() == Some(EntityLabel::Norp)).then_some(EntityLabel::Norp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_decide_multi_word_names_only() {
        assert_eq!(label_of_head("Institute", 2), Some(EntityLabel::Org));
        assert_eq!(label_of_head("River", 3), Some(EntityLabel::Loc));
        assert_eq!(label_of_head("Airport", 2), Some(EntityLabel::Fac));
        assert_eq!(label_of_head("Institute", 1), None);
        assert_eq!(label_of_head("Peskov", 2), None);
        assert_eq!(conventional_label(&["Kremlin"]), Some(EntityLabel::Org));
        assert_eq!(
            conventional_label(&["White", "House"]),
            Some(EntityLabel::Org)
        );
        assert_eq!(
            conventional_label(&["Kiel", "Institute"]),
            Some(EntityLabel::Org)
        );
        assert_eq!(conventional_label(&["Moscow"]), None);
        assert_eq!(conventional_label(&[]), None);
    }
}
