//! The newspipe driver. SKELETON — the driver helper replaces it.

mod eval;

fn main() {
    let _ = eval::EvalCommand::Sbd;
}
