//! The pipeline's stages by name, and the one function that builds them; the site profile of
//! the cleanup stage (loaded, or learnt in a first pass over the inputs).

use newspipe_cleanup::{CleanerConfig, ProfileBuilder, ProfileOptions, SiteProfile};
use newspipe_ingest::{Input, ReadOptions, Shard};
use newspipe_model::{Document, Stage};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

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
    build_with_profile(list, tokens, None)
}

/// [`build`] with a site profile for the cleanup stage: lines that recur across a site's pages
/// are dropped as boilerplate (see [`newspipe_cleanup::SiteProfile`]).
pub fn build_with_profile(
    list: &StageList,
    tokens: bool,
    profile: Option<Arc<SiteProfile>>,
) -> Vec<Box<dyn Stage>> {
    list.names()
        .iter()
        .map(|name| -> Box<dyn Stage> {
            match name {
                StageName::Cleanup => Box::new(newspipe_cleanup::Cleaner::new(CleanerConfig {
                    profile: profile.clone(),
                    ..CleanerConfig::default()
                })),
                StageName::Segment => Box::new(newspipe_segment::Segmenter { tokens }),
                StageName::Entities => Box::new(newspipe_entities::EntityTagger::new()),
            }
        })
        .collect()
}

/// Learns a site profile from documents as the reader yields them, before cleanup (the first
/// pass of `newspipe run --learn-boilerplate`), with the default thresholds. Records that could
/// not be read are skipped: the second pass reports them.
pub fn learn_profile<E>(records: impl IntoIterator<Item = Result<Document, E>>) -> SiteProfile {
    count_lines(records).build(&ProfileOptions::default())
}

/// [`learn_profile`] over every record of `inputs`, read as `threads × 4` byte-range shards on
/// a pool of `threads` (the same split as `--shard`, so one big JSON Lines file is shared too);
/// the counts of the shards are added up, so the profile is the one a single pass gives.
pub fn learn_profile_parallel(inputs: &[Input], threads: usize) -> SiteProfile {
    use rayon::prelude::*;
    let parts = (threads.max(1) * 4) as u32;
    let count_part = |k: u32| {
        let options = ReadOptions {
            shard: Shard::new(k, parts),
        };
        count_lines(newspipe_ingest::read(inputs.to_vec(), options))
    };
    let count_all = || {
        (0..parts)
            .into_par_iter()
            .map(count_part)
            .reduce(ProfileBuilder::default, ProfileBuilder::merge)
    };
    // On its own pool of `threads`; should one not be had, on rayon's global pool.
    let merged = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(count_all),
        Err(_) => count_all(),
    };
    merged.build(&ProfileOptions::default())
}

fn count_lines<E>(records: impl IntoIterator<Item = Result<Document, E>>) -> ProfileBuilder {
    let mut builder = ProfileBuilder::default();
    for doc in records.into_iter().flatten() {
        builder.add(&doc);
    }
    builder
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
    fn a_learnt_profile_removes_a_footer_that_reads_like_prose() {
        use newspipe_model::Source;
        let footer = "The Valley Courier has been owned by its readers and staff since 1921.";
        let page = |i: usize| {
            let text = format!(
                "Story {i} headline\n\nThe council met on day {i} and talked about the bridge, \
                 the school and the new bus timetable for a long while.\n\n{footer}\n"
            );
            Ok::<_, ()>(Document::from_text(
                i.to_string(),
                Source::new("site/p.txt", "txt", 0),
                text,
            ))
        };
        let profile = learn_profile((0..4).map(page));
        assert!(profile.is_recurring("site", footer));
        let stages =
            build_with_profile(&"cleanup".parse().unwrap(), false, Some(Arc::new(profile)));
        let mut doc = page(9).unwrap();
        stages[0].process(&mut doc).unwrap();
        assert!(doc.text.contains("bus timetable"), "{}", doc.text);
        assert!(!doc.text.contains("Valley Courier"), "{}", doc.text);
    }

    #[test]
    fn build_makes_one_stage_per_name_with_matching_names() {
        let stages = build(&StageList::default(), true);
        let names: Vec<_> = stages.iter().map(|s| s.name()).collect();
        assert_eq!(names, ["cleanup", "segment", "entities"]);
    }

    #[test]
    fn the_parallel_first_pass_learns_the_same_profile() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let paths = [root.join("profile"), root.join("e2e/multi.jsonl")];
        let inputs = newspipe_ingest::discover(&paths).unwrap();
        let single = learn_profile(newspipe_ingest::read(
            inputs.clone(),
            ReadOptions::default(),
        ));
        assert!(
            !single.sites.is_empty(),
            "the fixture site has recurring lines"
        );
        for threads in [1, 2, 3] {
            assert_eq!(
                learn_profile_parallel(&inputs, threads),
                single,
                "{threads} threads"
            );
        }
    }
}
