//! Run statistics: per-stage counters and times, merged across worker threads, printed as a
//! summary and written as JSON with `--stats`.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

/// Counters of one stage (`ingest`, each selected stage, `export`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StageStats {
    pub name: String,
    /// Documents the stage was given.
    pub documents: u64,
    /// Documents it failed (error records naming this stage).
    pub failed: u64,
    /// Time spent in the stage, summed over all threads.
    pub seconds: f64,
}

impl StageStats {
    pub fn new(name: &str) -> Self {
        StageStats {
            name: name.to_string(),
            ..StageStats::default()
        }
    }

    /// Counts one document that took `time`.
    #[inline]
    pub fn record(&mut self, time: Duration, failed: bool) {
        self.documents += 1;
        self.failed += u64::from(failed);
        self.add_time(time);
    }

    /// Adds time the stage spent on a whole batch ([`newspipe_model::Stage::prepare_batch`]).
    pub fn add_time(&mut self, time: Duration) {
        self.seconds += time.as_secs_f64();
    }

    fn merge(&mut self, other: &StageStats) {
        self.documents += other.documents;
        self.failed += other.failed;
        self.seconds += other.seconds;
    }
}

/// The statistics of a whole run. `documents_in == documents_written + documents_failed`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunStats {
    /// Input records read (documents and unreadable records).
    pub documents_in: u64,
    /// Records written as documents.
    pub documents_written: u64,
    /// Records written as error records.
    pub documents_failed: u64,
    /// Decoded input bytes (the documents' raw text, or the bytes an unreadable record covered).
    pub bytes_in: u64,
    /// Bytes written to the output.
    pub bytes_out: u64,
    /// Wall-clock time of the run.
    pub wall_seconds: f64,
    /// `bytes_in` per wall-clock second, in MB/s (1 MB = 10^6 bytes).
    pub mb_per_s: f64,
    /// Documents per wall-clock second.
    pub documents_per_s: f64,
    /// Worker threads.
    pub threads: usize,
    /// Per stage, in pipeline order: `ingest`, the selected stages, `export`.
    pub stages: Vec<StageStats>,
}

impl RunStats {
    /// Empty statistics for the given stage names (without `ingest` and `export`).
    pub fn new<'a>(stage_names: impl IntoIterator<Item = &'a str>, threads: usize) -> Self {
        let mut stages = vec![StageStats::new("ingest")];
        stages.extend(stage_names.into_iter().map(StageStats::new));
        stages.push(StageStats::new("export"));
        RunStats {
            threads,
            stages,
            ..RunStats::default()
        }
    }

    /// Adds the counters of a batch (same stage list).
    pub fn merge(&mut self, other: &RunStats) {
        self.documents_in += other.documents_in;
        self.documents_written += other.documents_written;
        self.documents_failed += other.documents_failed;
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        for (mine, theirs) in self.stages.iter_mut().zip(&other.stages) {
            mine.merge(theirs);
        }
    }

    /// Sets the wall time and the rates derived from it.
    pub fn finish(&mut self, wall: Duration) {
        self.wall_seconds = wall.as_secs_f64();
        let secs = self.wall_seconds.max(1e-9);
        self.mb_per_s = self.bytes_in as f64 / 1e6 / secs;
        self.documents_per_s = self.documents_in as f64 / secs;
    }

    /// Error records per stage name (only stages that failed some document).
    pub fn failed_by_stage(&self) -> BTreeMap<&str, u64> {
        self.stages
            .iter()
            .filter(|s| s.failed > 0)
            .map(|s| (s.name.as_str(), s.failed))
            .collect()
    }

    /// The human-readable summary printed on stderr at the end of a run.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "newspipe: {} documents in, {} written, {} failed; {:.1} MB in {:.2} s \
             ({:.1} MB/s, {:.0} docs/s) on {} thread{}",
            self.documents_in,
            self.documents_written,
            self.documents_failed,
            self.bytes_in as f64 / 1e6,
            self.wall_seconds,
            self.mb_per_s,
            self.documents_per_s,
            self.threads,
            if self.threads == 1 { "" } else { "s" },
        );
        let _ = writeln!(
            s,
            "  {:<10} {:>10} {:>8} {:>10}",
            "stage", "documents", "failed", "seconds"
        );
        for stage in &self.stages {
            let _ = writeln!(
                s,
                "  {:<10} {:>10} {:>8} {:>10.3}",
                stage.name, stage.documents, stage.failed, stage.seconds
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_adds_counters_and_finish_sets_rates() {
        let mut total = RunStats::new(["segment"], 2);
        let mut batch = RunStats::new(["segment"], 2);
        batch.documents_in = 3;
        batch.documents_written = 2;
        batch.documents_failed = 1;
        batch.bytes_in = 2_000_000;
        batch.stages[1].record(Duration::from_millis(500), true);
        total.merge(&batch);
        total.merge(&batch);
        total.finish(Duration::from_secs(2));
        assert_eq!(total.documents_in, 6);
        assert_eq!(
            total.documents_written + total.documents_failed,
            total.documents_in
        );
        assert_eq!(total.stages[1].failed, 2);
        assert!((total.stages[1].seconds - 1.0).abs() < 1e-9);
        assert!((total.mb_per_s - 2.0).abs() < 1e-9);
        assert_eq!(total.failed_by_stage().get("segment"), Some(&2));
        let names: Vec<_> = total.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["ingest", "segment", "export"]);
        assert!(total
            .summary()
            .contains("6 documents in, 4 written, 2 failed"));
    }
}
