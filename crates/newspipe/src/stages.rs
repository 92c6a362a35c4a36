//! The pipeline's stages by name, and the one function that builds them.

use newspipe_model::Stage;
use std::fmt;
use std::str::FromStr;

/// A stage that `--stages` can name, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StageName {
    /// Find the article in the page (`newspipe-cleanup`).
    Cleanup,
    /// Sentences and tokens (`newspipe-segment`).
    Segment,
    /// Entities (`newspipe-entities`).
    Entities,
}

impl StageName {
    /// Every stage, in pipeline order (also the default selection).
    pub const ALL: &'static [StageName] =
        &[StageName::Cleanup, StageName::Segment, StageName::Entities];

    pub const fn as_str(self) -> &'static str {
        match self {
            StageName::Cleanup => "cleanup",
            StageName::Segment => "segment",
            StageName::Entities => "entities",
        }
    }
}

impl fmt::Display for StageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StageName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        StageName::ALL
            .iter()
            .copied()
            .find(|n| n.as_str() == s)
            .ok_or_else(|| format!("unknown stage {s:?} (expected {})", list(StageName::ALL)))
    }
}

/// A set of stages, always in pipeline order whatever order it was written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageList(Vec<StageName>);

impl StageList {
    /// The stages, in pipeline order.
    pub fn names(&self) -> &[StageName] {
        &self.0
    }

    /// True when `name` is selected.
    pub fn contains(&self, name: StageName) -> bool {
        self.0.contains(&name)
    }
}

impl Default for StageList {
    fn default() -> Self {
        StageList(StageName::ALL.to_vec())
    }
}

impl FromStr for StageList {
    type Err = String;
    /// A comma-separated list (`segment,entities`); `none` or an empty string selects no stage
    /// (ingest and export only).
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() || s == "none" {
            return Ok(StageList(Vec::new()));
        }
        let mut names = s
            .split(',')
            .map(|part| part.trim().parse::<StageName>())
            .collect::<Result<Vec<_>, _>>()?;
        names.sort();
        names.dedup();
        Ok(StageList(names))
    }
}

impl fmt::Display for StageList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&list(&self.0))
        }
    }
}

fn list(names: &[StageName]) -> String {
    names
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Builds the selected stages. `tokens` asks the segmenter for tokens as well as sentences.
///
/// This is the only place that knows the stage crates' constructors.
pub fn build(list: &StageList, tokens: bool) -> Vec<Box<dyn Stage>> {
    list.names()
        .iter()
        .map(|name| -> Box<dyn Stage> {
            match name {
                StageName::Cleanup => Box::new(newspipe_cleanup::Cleaner::new(
                    newspipe_cleanup::CleanerConfig::default(),
                )),
                StageName::Segment => Box::new(newspipe_segment::Segmenter { tokens }),
                StageName::Entities => Box::new(newspipe_entities::EntityTagger::new()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_put_in_pipeline_order() {
        let list: StageList = "entities, segment,entities".parse().unwrap();
        assert_eq!(list.names(), &[StageName::Segment, StageName::Entities]);
        assert_eq!(list.to_string(), "segment,entities");
        assert_eq!(StageList::default().to_string(), "cleanup,segment,entities");
        assert!("".parse::<StageList>().unwrap().names().is_empty());
        assert_eq!("none".parse::<StageList>().unwrap().to_string(), "none");
    }

    #[test]
    fn unknown_names_are_rejected_with_the_choices() {
        let err = "cleanup,sentiment".parse::<StageList>().unwrap_err();
        assert!(err.contains("\"sentiment\"") && err.contains("cleanup,segment,entities"));
    }

    #[test]
    fn build_makes_one_stage_per_name_with_matching_names() {
        let stages = build(&StageList::default(), true);
        let names: Vec<_> = stages.iter().map(|s| s.name()).collect();
        assert_eq!(names, ["cleanup", "segment", "entities"]);
    }
}
