//! Entity tagging. SKELETON — the entities helper replaces it.

use newspipe_model::{Document, Stage, StageError};

/// The entity tagging stage.
#[derive(Debug, Clone, Default)]
pub struct EntityTagger {}

impl EntityTagger {
    /// Loads the shipped model and gazetteers.
    pub fn new() -> Self {
        EntityTagger {}
    }
}

impl Stage for EntityTagger {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}
