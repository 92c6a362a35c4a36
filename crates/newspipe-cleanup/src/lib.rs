//! Find the article in a page. SKELETON — the cleanup helper replaces it.

use newspipe_model::{Document, Stage, StageError};

/// Settings of the [`Cleaner`].
#[derive(Debug, Clone, Default)]
pub struct CleanerConfig {}

/// The cleanup stage.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    #[allow(dead_code)]
    config: CleanerConfig,
}

impl Cleaner {
    pub fn new(config: CleanerConfig) -> Self {
        Cleaner { config }
    }
}

impl Stage for Cleaner {
    fn name(&self) -> &'static str {
        "cleanup"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
