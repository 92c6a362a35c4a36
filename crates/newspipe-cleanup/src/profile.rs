//! Corpus boilerplate learning: lines that recur on many pages of one site are page furniture
//! (footers, newsletter pitches, standard disclaimers) even when they read like prose.
//!
//! Two passes: a [`ProfileBuilder`] sees every document of the corpus once (before cleanup) and
//! counts, per site, on how many pages each normalised line occurs; [`ProfileBuilder::build`]
//! keeps the lines seen on enough pages into a [`SiteProfile`], which can be saved as JSON and
//! handed to [`crate::CleanerConfig::profile`] in a later run.
//!
//! ```
//! use newspipe_cleanup::{ProfileBuilder, ProfileOptions};
//! use newspipe_model::{Document, Source};
//! let mut builder = ProfileBuilder::default();
//! for i in 0..4 {
//!     let text = format!("Story number {i} is about something else entirely.\nSupport our journalism today.");
//!     let mut doc = Document::from_text(format!("p{i}"), Source::new("site/x.txt", "txt", 0), text);
//!     doc.meta.url = Some(format!("https://news.example.com/{i}"));
//!     builder.add(&doc);
//! }
//! let profile = builder.build(&ProfileOptions::default());
//! assert!(profile.is_recurring("news.example.com", "Support our journalism today."));
//! assert!(!profile.is_recurring("news.example.com", "Story number 1 is about something else entirely."));
//! ```

use crate::features::line_hash;
use newspipe_model::Document;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Thresholds for [`ProfileBuilder::build`].
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileOptions {
    /// A line must occur on at least this many pages of a site.
    pub min_pages: u32,
    /// ... and on at least this share of the site's pages.
    pub min_share: f32,
}

impl Default for ProfileOptions {
    fn default() -> Self {
        ProfileOptions {
            min_pages: 3,
            min_share: 0.3,
        }
    }
}

/// Counts lines per site over a corpus (first pass).
#[derive(Debug, Clone, Default)]
pub struct ProfileBuilder {
    sites: HashMap<String, SiteCounts>,
}

#[derive(Debug, Clone, Default)]
struct SiteCounts {
    pages: u32,
    /// Line hash → number of pages that contain the line.
    lines: HashMap<u64, u32>,
}

/// The lines known to recur on each site (the result of the first pass). Serialised as JSON:
/// `{"sites": {"example.com": {"pages": 120, "lines": [hash, ...]}}}` where each hash is
/// [`crate::features::line_hash`] of a recurring line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteProfile {
    pub sites: BTreeMap<String, SiteLines>,
}

/// Recurring lines of one site.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteLines {
    /// Pages of the site seen while learning.
    pub pages: u32,
    /// Hashes of the recurring lines, sorted.
    pub lines: Vec<u64>,
}

/// An error reading or writing a profile file.
#[derive(Debug)]
pub struct ProfileError(pub String);

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProfileError {}

/// The site a document belongs to: `meta.site`, else the host of `meta.url`, else the host of a
/// `WARC-Target-URI` header, else the directory of its source path.
pub fn site_key(doc: &Document) -> String {
    if let Some(site) = doc.meta.site.as_deref().filter(|s| !s.is_empty()) {
        return site.to_lowercase();
    }
    let url = doc.meta.url.as_deref().or_else(|| {
        doc.source
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("WARC-Target-URI"))
            .map(|(_, v)| v.as_str())
    });
    if let Some(host) = url.and_then(host_of) {
        return host;
    }
    Path::new(&doc.source.path)
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

/// The lower-case host of an URL, without `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.')).then_some(host)
}

/// Lines shorter than this many characters are not learned: short menu items are handled by the
/// page-level rules, and counting them would only grow the profile.
const MIN_LINE_CHARS: usize = 20;

impl ProfileBuilder {
    /// Counts the lines of one document (its blocks, or its text lines when it has no blocks).
    pub fn add(&mut self, doc: &Document) {
        let site = self.sites.entry(site_key(doc)).or_default();
        site.pages += 1;
        let mut seen = HashSet::new();
        let mut count = |line: &str| {
            if line.trim().chars().count() >= MIN_LINE_CHARS {
                seen.insert(line_hash(line));
            }
        };
        if doc.blocks.is_empty() {
            doc.text.lines().for_each(&mut count);
        } else {
            doc.blocks.iter().for_each(|b| count(&b.text));
        }
        for h in seen {
            *site.lines.entry(h).or_insert(0) += 1;
        }
    }

    /// Adds the counts of another builder (of other pages), so that parts of a corpus can be
    /// counted in parallel.
    pub fn merge(mut self, other: ProfileBuilder) -> ProfileBuilder {
        for (name, counts) in other.sites {
            let site = self.sites.entry(name).or_default();
            site.pages += counts.pages;
            for (h, n) in counts.lines {
                *site.lines.entry(h).or_insert(0) += n;
            }
        }
        self
    }

    /// Keeps, per site, the lines seen on enough pages.
    pub fn build(&self, options: &ProfileOptions) -> SiteProfile {
        let mut profile = SiteProfile::default();
        for (name, counts) in &self.sites {
            let need = (options.min_pages as f32).max(options.min_share * counts.pages as f32);
            let mut lines: Vec<u64> = counts
                .lines
                .iter()
                .filter(|(_, &n)| n as f32 >= need)
                .map(|(&h, _)| h)
                .collect();
            if lines.is_empty() {
                continue;
            }
            lines.sort_unstable();
            profile.sites.insert(
                name.clone(),
                SiteLines {
                    pages: counts.pages,
                    lines,
                },
            );
        }
        profile
    }
}

impl SiteProfile {
    /// True when `line` is a recurring line of `site`.
    pub fn is_recurring(&self, site: &str, line: &str) -> bool {
        self.contains_hash(site, line_hash(line))
    }

    /// True when the line hash is a recurring line of `site`.
    pub fn contains_hash(&self, site: &str, hash: u64) -> bool {
        self.sites
            .get(site)
            .is_some_and(|s| s.lines.binary_search(&hash).is_ok())
    }

    /// Reads a profile saved with [`Self::save`].
    pub fn load(path: &Path) -> Result<Self, ProfileError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ProfileError(format!("{}: {e}", path.display())))?;
        serde_json::from_str(&text)
            .map_err(|e| ProfileError(format!("{}: not a site profile: {e}", path.display())))
    }

    /// Writes the profile as JSON.
    pub fn save(&self, path: &Path) -> Result<(), ProfileError> {
        let json = serde_json::to_string(self).map_err(|e| ProfileError(e.to_string()))?;
        std::fs::write(path, json).map_err(|e| ProfileError(format!("{}: {e}", path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newspipe_model::Source;

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.rt.com/news/1/").as_deref(),
            Some("rt.com")
        );
        assert_eq!(
            host_of("http://user@Example.org:8080/x").as_deref(),
            Some("example.org")
        );
        assert_eq!(host_of("not a url"), None);
    }

    #[test]
    fn site_falls_back_to_directory() {
        let doc = Document::from_text("a", Source::new("corpus/siteA/1.txt", "txt", 0), "");
        assert_eq!(site_key(&doc), "corpus/siteA");
    }

    #[test]
    fn profile_round_trips_through_json() {
        let mut b = ProfileBuilder::default();
        for i in 0..3 {
            let doc = Document::from_text(
                i.to_string(),
                Source::new("s/x.txt", "txt", 0),
                "This footer sentence recurs on every page.",
            );
            b.add(&doc);
        }
        let p = b.build(&ProfileOptions::default());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("profile.json");
        p.save(&path).unwrap();
        let q = SiteProfile::load(&path).unwrap();
        assert_eq!(p, q);
        assert!(q.is_recurring("s", "This footer sentence recurs on every page."));
        assert!(SiteProfile::load(&dir.path().join("missing.json")).is_err());
    }
}
