//! The newspipe driver as a library: the streaming parallel [`engine`], the [`stages`] by name,
//! run [`stats`], `--shard` parsing ([`shard`]) and the [`output`] file handling. The
//! `newspipe` binary is a thin command line over these modules.
//!
//! ```
//! use newspipe::engine::{self, EngineConfig};
//! use newspipe::stages::{self, StageList};
//! use newspipe_model::{Document, Source};
//!
//! let docs = vec![Ok(Document::from_text("d1", Source::new("inline", "txt", 0), "Hello there. Bye."))];
//! let stages = stages::build(&"segment".parse::<StageList>().unwrap(), false);
//! let mut out = Vec::new();
//! let stats = engine::run(move || docs.into_iter(), &stages, &mut out, &EngineConfig::default()).unwrap();
//! assert_eq!(stats.documents_written, 1);
//! let record: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert_eq!(record["id"], "d1");
//! ```

pub mod engine;
pub mod output;
mod panics;
mod progress;
pub mod shard;
pub mod stages;
pub mod stats;
