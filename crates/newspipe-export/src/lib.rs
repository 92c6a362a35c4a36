//! Writers for newspipe documents. SKELETON — the driver helper replaces it.
