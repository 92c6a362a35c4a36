//! Head words: the last word of a multi-word name often says what kind of name it is
//! (`Kiel Institute` is an ORG although `Kiel` is a city; `Volga River` a LOC). The list is
//! `data/name_heads.tsv`.

use fnv::FnvHashMap;
use newspipe_model::EntityLabel;
use std::sync::OnceLock;

fn heads() -> &'static FnvHashMap<&'static str, EntityLabel> {
    static HEADS: OnceLock<FnvHashMap<&'static str, EntityLabel>> = OnceLock::new();
    HEADS.get_or_init(|| {
        include_str!("../data/name_heads.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (label, word) = l
                    .split_once('\t')
                    .expect("LABEL<TAB>word in name_heads.tsv");
                (word, label.parse().expect("known label in name_heads.tsv"))
            })
            .collect()
    })
}

/// The label that the head (last) word of a name of `n_words` words implies, if any. Single
/// words are left alone (`Institute` alone is not a name).
pub fn label_of_head(last_word: &str, n_words: usize) -> Option<EntityLabel> {
    if n_words < 2 {
        return None;
    }
    heads().get(last_word).copied()
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
    }
}
