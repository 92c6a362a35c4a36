//! `newspipe eval ...`: score a stage against a gold file. SKELETON.

#[allow(dead_code)]
pub enum EvalCommand {
    Sbd,
}
