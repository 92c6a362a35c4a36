use crate::document::Document;
use std::fmt;

/// One step of the pipeline: takes a document and adds to it.
///
/// Implementations must be `Send + Sync`: the driver shares one instance across its thread pool,
/// so per-document state lives on the stack, and loaded resources (models, word lists) are
/// read-only.
pub trait Stage: Send + Sync {
    /// Short lower-case name (`cleanup`, `segment`, ...), used in statistics and error records.
    fn name(&self) -> &'static str;

    /// Processes one document in place. Recoverable problems become
    /// [`Document::diagnostics`]; an `Err` means the document cannot go on through the pipeline
    /// and is written as an error record.
    fn process(&self, doc: &mut Document) -> Result<(), StageError>;

    /// Called with a batch of documents right before [`Stage::process`] runs on each of them in
    /// turn, unchanged and on the same thread. A stage may do a part of its work here for the
    /// whole batch at once, so that the tables that part reads stay in cache, and keep the
    /// results for `process` to pick up. It must not be needed: `process` gives the same result
    /// whether this ran or not (a library user may call `process` alone). The default does
    /// nothing.
    fn prepare_batch(&self, docs: &[&Document]) {
        let _ = docs;
    }
}

/// Why a stage could not process a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageError {
    message: String,
}

impl StageError {
    pub fn new(message: impl Into<String>) -> Self {
        StageError {
            message: message.into(),
        }
    }

    /// The human-readable reason.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for StageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StageError {}
