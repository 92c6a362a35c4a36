use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A named or numeric entity found in [`crate::Document::text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Byte span of the mention in the clean text.
    pub span: Span,
    pub label: EntityLabel,
    /// The full form this mention refers to within the document (`Peskov` → `Dmitry Peskov`);
    /// `None` when the mention is itself the fullest form seen.
    pub canonical: Option<String>,
    /// A normalised value: ISO 8601 for DATE/TIME (`2022-02`, `2025-09-15`), a plain number for
    /// CARDINAL/ORDINAL/QUANTITY, a fraction for PERCENT (`0.05`), amount and currency for
    /// MONEY (`3500000000 USD`).
    pub value: Option<String>,
    /// Which method found the entity.
    pub method: Method,
}

/// A direct quotation in [`crate::Document::text`] and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Byte span of the quotation, its quotation marks included (`“NATO is at war ...,”`).
    pub span: Span,
    /// Who said it, as their fullest name in the document (`Dmitry Peskov`, also when the cue
    /// is `he said` or `Peskov said`); `None` when no speaker was found.
    pub speaker: Option<String>,
}

/// How an entity was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// A hand-written pattern (numbers, dates, money, ...).
    Rule,
    /// A lookup in a list of known names.
    Gazetteer,
    /// A statistical model.
    Model,
}

impl Method {
    /// The lower-case name used in exports: `rule`, `gazetteer`, `model`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Rule => "rule",
            Method::Gazetteer => "gazetteer",
            Method::Model => "model",
        }
    }
}

macro_rules! labels {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// OntoNotes-style entity labels, as spaCy's English models use them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum EntityLabel {
            $(#[doc = $doc] #[serde(rename = $name)] $variant,)*
        }

        impl EntityLabel {
            /// Every label, in declaration order.
            pub const ALL: &'static [EntityLabel] = &[$(EntityLabel::$variant,)*];

            /// The label as written in OntoNotes / spaCy (`PERSON`, `GPE`, ...).
            pub const fn as_str(self) -> &'static str {
                match self { $(EntityLabel::$variant => $name,)* }
            }
        }

        impl FromStr for EntityLabel {
            type Err = UnknownLabel;
            fn from_str(s: &str) -> Result<Self, UnknownLabel> {
                match s { $($name => Ok(EntityLabel::$variant),)* _ => Err(UnknownLabel(s.to_string())) }
            }
        }
    };
}

labels! {
    Person => "PERSON", "People, including fictional.";
    Norp => "NORP", "Nationalities or religious or political groups.";
    Fac => "FAC", "Buildings, airports, highways, bridges, etc.";
    Org => "ORG", "Companies, agencies, institutions, etc.";
    Gpe => "GPE", "Countries, cities, states.";
    Loc => "LOC", "Non-GPE locations, mountain ranges, bodies of water.";
    Product => "PRODUCT", "Objects, vehicles, foods, etc. (not services).";
    Event => "EVENT", "Named hurricanes, battles, wars, sports events, etc.";
    WorkOfArt => "WORK_OF_ART", "Titles of books, songs, etc.";
    Law => "LAW", "Named documents made into laws.";
    Language => "LANGUAGE", "Any named language.";
    Date => "DATE", "Absolute or relative dates or periods.";
    Time => "TIME", "Times smaller than a day.";
    Percent => "PERCENT", "Percentage, including \"%\".";
    Money => "MONEY", "Monetary values, including unit.";
    Quantity => "QUANTITY", "Measurements, as of weight or distance.";
    Ordinal => "ORDINAL", "\"first\", \"second\", etc.";
    Cardinal => "CARDINAL", "Numerals that do not fall under another type.";
}

impl fmt::Display for EntityLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a string that is not an OntoNotes label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown entity label {:?}", self.0)
    }
}

impl std::error::Error for UnknownLabel {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_their_names() {
        assert_eq!(EntityLabel::ALL.len(), 18);
        for &label in EntityLabel::ALL {
            assert_eq!(label.as_str().parse::<EntityLabel>(), Ok(label));
        }
        assert_eq!(EntityLabel::WorkOfArt.to_string(), "WORK_OF_ART");
        assert!("PER".parse::<EntityLabel>().is_err());
    }
}
