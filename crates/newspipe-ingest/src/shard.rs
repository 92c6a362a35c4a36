//! `--shard K/N`: a deterministic share of the inputs, by byte ranges.
//!
//! The sorted inputs are seen as one byte stream of their on-disk sizes (`T` bytes). Shard `k`
//! owns the global range `[k*T/N, (k+1)*T/N)`, and a record belongs to the shard whose range
//! holds the record's first byte:
//! * uncompressed JSON Lines files are split on line boundaries, like Hadoop text splits: a
//!   shard reads the lines that start inside its range, so N shards share one big file;
//! * every other file (compressed, text, HTML, WARC) is one unit starting at its first byte;
//! * standard input cannot be measured: its line `i` goes to shard `i % N`.

use crate::decode::{peek, Compression};
use crate::discover::format_extension;
use crate::open::SNIFF_BYTES;
use crate::{Input, Shard};
use std::fs::File;
use std::path::{Path, PathBuf};

/// A piece of work for the reader: a whole input, or a byte range of a JSON Lines file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    /// JSON Lines on standard input; with a shard, only lines `i` with `i % count == index`.
    Stdin { round_robin: Option<Shard> },
    /// A whole file (format and compression found when it is opened).
    File(PathBuf),
    /// The lines of an uncompressed JSON Lines file that start in `start..end`.
    JsonlSlice {
        path: PathBuf,
        start: u64,
        end: u64,
        size: u64,
    },
}

/// The units shard `shard` must read, in input order (all inputs, whole, when `shard` is None).
pub(crate) fn plan(inputs: Vec<Input>, shard: Option<Shard>) -> Vec<Unit> {
    let Some(shard) = shard else {
        return inputs
            .into_iter()
            .map(|input| match input {
                Input::Stdin => Unit::Stdin { round_robin: None },
                Input::File(path) => Unit::File(path),
            })
            .collect();
    };
    let sizes: Vec<u64> = inputs
        .iter()
        .map(|input| match input {
            Input::Stdin => 0,
            Input::File(path) => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        })
        .collect();
    let total: u64 = sizes.iter().sum();
    let (k, n) = (u64::from(shard.index), u64::from(shard.count));
    let (lo, hi) = (range_start(k, n, total), range_start(k + 1, n, total));
    let mut units = Vec::new();
    let mut base = 0;
    for (input, size) in inputs.into_iter().zip(sizes) {
        match input {
            Input::Stdin => units.push(Unit::Stdin {
                round_robin: Some(shard),
            }),
            Input::File(path) if size > 0 && is_splittable(&path) => {
                let start = lo.max(base) - base;
                let end = hi.min(base + size).saturating_sub(base);
                if start < end {
                    units.push(Unit::JsonlSlice {
                        path,
                        start,
                        end,
                        size,
                    });
                }
            }
            Input::File(path) => {
                if owner(base, n, total) == k {
                    units.push(Unit::File(path));
                }
            }
        }
        base += size;
    }
    units
}

/// First global byte of shard `k` of `n` over `total` bytes: `floor(k * total / n)`.
fn range_start(k: u64, n: u64, total: u64) -> u64 {
    (u128::from(k) * u128::from(total) / u128::from(n)) as u64
}

/// The shard whose range holds global byte `position` (the last shard for `position == total`,
/// e.g. an empty file at the end).
fn owner(position: u64, n: u64, total: u64) -> u64 {
    if total == 0 {
        return 0;
    }
    let mut k =
        ((u128::from(position) * u128::from(n)) / u128::from(total)).min(u128::from(n - 1)) as u64;
    while k + 1 < n && range_start(k + 1, n, total) <= position {
        k += 1;
    }
    while k > 0 && range_start(k, n, total) > position {
        k -= 1;
    }
    k
}

/// An uncompressed (by its magic bytes) `.jsonl` / `.ndjson` file that a whole-file read would
/// also read as JSON Lines (not a WARC archive or a binary file), so that reading it in slices
/// gives exactly the records of reading it whole.
fn is_splittable(path: &Path) -> bool {
    if !matches!(format_extension(path).as_deref(), Some("jsonl" | "ndjson")) {
        return false;
    }
    let Ok(file) = File::open(path) else {
        return false;
    };
    let Ok((head, _)) = peek(file, SNIFF_BYTES) else {
        return false;
    };
    Compression::sniff(&head) == Compression::None
        && !head.starts_with(b"WARC/")
        && memchr::memchr(0, &head).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_every_byte_once() {
        for total in [0, 1, 5, 7, 100, 1001] {
            for n in 1..=7 {
                let mut owned = vec![0; total as usize];
                for k in 0..n {
                    for p in range_start(k, n, total)..range_start(k + 1, n, total) {
                        owned[p as usize] += 1;
                        assert_eq!(owner(p, n, total), k, "total {total} n {n} p {p}");
                    }
                }
                assert!(owned.iter().all(|&c| c == 1));
                assert_eq!(owner(total, n, total), if total == 0 { 0 } else { n - 1 });
            }
        }
    }

    #[test]
    fn whole_files_go_to_the_shard_of_their_first_byte() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for (name, size) in [("a.txt", 10), ("b.txt", 10), ("c.txt", 0), ("d.txt", 20)] {
            let path = dir.path().join(name);
            std::fs::write(&path, vec![b'x'; size]).unwrap();
            inputs.push(Input::File(path));
        }
        let names = |k| -> Vec<String> {
            plan(inputs.clone(), Some(Shard { index: k, count: 2 }))
                .into_iter()
                .map(|u| match u {
                    Unit::File(p) => p.file_name().unwrap().to_string_lossy().into_owned(),
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        // T = 40: shard 0 owns [0, 20), shard 1 owns [20, 40); c.txt (empty) starts at 20.
        assert_eq!(names(0), ["a.txt", "b.txt"]);
        assert_eq!(names(1), ["c.txt", "d.txt"]);
    }
}
