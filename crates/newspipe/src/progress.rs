//! The progress bar on stderr: documents, MB, MB/s and errors, only on a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A spinner line that is either drawn on stderr or does nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
}

impl Progress {
    /// A visible progress line when `enabled` and stderr is a terminal; silent otherwise.
    pub fn new(enabled: bool) -> Self {
        let bar = (enabled && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                    .expect("valid progress template"),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    /// Shows the running totals.
    pub fn update(&self, documents: u64, bytes: u64, errors: u64) {
        if let Some(bar) = &self.bar {
            let mb = bytes as f64 / 1e6;
            let rate = mb / self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{documents} documents  {mb:.1} MB  {rate:.1} MB/s  {errors} errors"
            ));
        }
    }

    /// Removes the line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
