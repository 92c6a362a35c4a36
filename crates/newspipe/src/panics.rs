//! Turning a stage's panic into a message for its error record.
//!
//! The driver runs each stage call under `catch_unwind`. A panic hook installed once keeps the
//! default behaviour for every thread except the engine's workers: for those it records
//! `message (at file:line:col)` in a thread-local instead of printing to stderr, and
//! [`take_message`] hands it to the error record.

use std::any::Any;
use std::cell::RefCell;
use std::sync::Once;

/// Prefix of the names of the engine's worker threads.
pub const WORKER_PREFIX: &str = "newspipe-worker-";

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook (once per process; later calls do nothing).
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_worker = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(WORKER_PREFIX));
            if !on_worker {
                return default(info);
            }
            let mut message = payload_text(info.payload());
            if let Some(at) = info.location() {
                message = format!("{message} (at {}:{}:{})", at.file(), at.line(), at.column());
            }
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
        }));
    });
}

/// The message of the panic caught on this thread (from the hook when installed, else from the
/// payload).
pub fn take_message(payload: &(dyn Any + Send)) -> String {
    LAST_PANIC
        .with(|last| last.borrow_mut().take())
        .unwrap_or_else(|| payload_text(payload))
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_string()
    }
}
