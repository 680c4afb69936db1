//! Progress and lifecycle events, delivered to registered handlers.
//!
//! Producers (scanner, parsers, storage) call the [`DriftEventHandler`] methods of an
//! [`EventDispatcher`], which forwards each event to every registered handler in registration
//! order. Handlers run synchronously on the emitting thread, often a worker of a parallel scan:
//! keep them cheap and non-blocking, and hand anything slow (such as a call into JavaScript) to
//! a queue.

mod types;

use std::any::Any;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

pub use types::{
    BatchCommittedEvent, ParseCompleteEvent, ParseErrorEvent, ScanCompleteEvent, ScanErrorEvent,
    ScanProgressEvent, ScanStartedEvent,
};

/// Receives events. Every method has a no-op default: implement only what you need.
pub trait DriftEventHandler: Send + Sync {
    /// A scan is starting.
    fn on_scan_started(&self, _event: &ScanStartedEvent) {}
    /// Periodic scan progress.
    fn on_scan_progress(&self, _event: &ScanProgressEvent) {}
    /// A scan finished (check `cancelled` for a partial result).
    fn on_scan_complete(&self, _event: &ScanCompleteEvent) {}
    /// An error during a scan.
    fn on_scan_error(&self, _event: &ScanErrorEvent) {}
    /// A batch of files has been parsed.
    fn on_parse_complete(&self, _event: &ParseCompleteEvent) {}
    /// A file could not be parsed.
    fn on_parse_error(&self, _event: &ParseErrorEvent) {}
    /// The storage batch writer committed a transaction.
    fn on_batch_committed(&self, _event: &BatchCommittedEvent) {}
}

/// Forwards events to a list of handlers, in registration order.
///
/// A handler that panics is logged and skipped; the remaining handlers still receive the event
/// and the producer carries on. This isolation only works where panics unwind (tests, debug
/// builds): the release profile and the wasm build use `panic = "abort"`, where any panic ends
/// the process, so handlers must not rely on it.
#[derive(Clone, Default)]
pub struct EventDispatcher {
    handlers: Vec<Arc<dyn DriftEventHandler>>,
}

impl EventDispatcher {
    /// A dispatcher without handlers.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a handler after the existing ones.
    pub fn register(&mut self, handler: Arc<dyn DriftEventHandler>) {
        self.handlers.push(handler);
    }

    /// Builder form of [`EventDispatcher::register`].
    #[must_use]
    pub fn with_handler(mut self, handler: Arc<dyn DriftEventHandler>) -> Self {
        self.register(handler);
        self
    }

    /// Number of registered handlers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.handlers.len()
    }

    /// Whether no handler is registered; producers may skip building events then.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.handlers.is_empty()
    }

    fn dispatch(&self, event: &'static str, deliver: impl Fn(&dyn DriftEventHandler)) {
        for (index, handler) in self.handlers.iter().enumerate() {
            // AssertUnwindSafe: a panicking handler can at worst leave *its own* state
            // inconsistent; the dispatcher holds no state that a panic could corrupt.
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| deliver(handler.as_ref()))) {
                tracing::error!(
                    event,
                    handler = index,
                    panic = panic_message(payload.as_ref()),
                    "event handler panicked; the other handlers still receive the event"
                );
            }
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&'static str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "non-string panic payload"
    }
}

impl DriftEventHandler for EventDispatcher {
    fn on_scan_started(&self, event: &ScanStartedEvent) {
        self.dispatch("scan_started", |h| h.on_scan_started(event));
    }
    fn on_scan_progress(&self, event: &ScanProgressEvent) {
        self.dispatch("scan_progress", |h| h.on_scan_progress(event));
    }
    fn on_scan_complete(&self, event: &ScanCompleteEvent) {
        self.dispatch("scan_complete", |h| h.on_scan_complete(event));
    }
    fn on_scan_error(&self, event: &ScanErrorEvent) {
        self.dispatch("scan_error", |h| h.on_scan_error(event));
    }
    fn on_parse_complete(&self, event: &ParseCompleteEvent) {
        self.dispatch("parse_complete", |h| h.on_parse_complete(event));
    }
    fn on_parse_error(&self, event: &ParseErrorEvent) {
        self.dispatch("parse_error", |h| h.on_parse_error(event));
    }
    fn on_batch_committed(&self, event: &BatchCommittedEvent) {
        self.dispatch("batch_committed", |h| h.on_batch_committed(event));
    }
}

impl fmt::Debug for EventDispatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventDispatcher")
            .field("handlers", &self.handlers.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Mutex;
    use std::time::Duration;

    use super::*;
    use crate::errors::{ScanError, codes};

    const _: () = {
        const fn assert_send_sync<T: Send + Sync + ?Sized>() {}
        assert_send_sync::<dyn DriftEventHandler>();
        assert_send_sync::<EventDispatcher>();
    };

    /// Appends `name:event` to a shared log for every event it sees.
    struct Recorder {
        name: &'static str,
        log: Arc<Mutex<Vec<String>>>,
    }

    impl Recorder {
        fn push(&self, event: &str) {
            self.log
                .lock()
                .unwrap()
                .push(format!("{}:{event}", self.name));
        }
    }

    impl DriftEventHandler for Recorder {
        fn on_scan_started(&self, _: &ScanStartedEvent) {
            self.push("started");
        }
        fn on_scan_progress(&self, event: &ScanProgressEvent) {
            self.push(&format!("progress{}", event.processed));
        }
        fn on_scan_complete(&self, _: &ScanCompleteEvent) {
            self.push("complete");
        }
        fn on_scan_error(&self, event: &ScanErrorEvent) {
            self.push(event.code);
        }
    }

    struct Panicker;

    impl DriftEventHandler for Panicker {
        fn on_scan_started(&self, _: &ScanStartedEvent) {
            panic!("handler bug");
        }
        fn on_scan_progress(&self, _: &ScanProgressEvent) {
            std::panic::panic_any(42_u32);
        }
    }

    /// Implements nothing: every default must be callable.
    struct Silent;
    impl DriftEventHandler for Silent {}

    fn started() -> ScanStartedEvent {
        ScanStartedEvent {
            root: PathBuf::from("/p"),
            incremental: true,
        }
    }

    fn recorders(names: &[&'static str]) -> (EventDispatcher, Arc<Mutex<Vec<String>>>) {
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut dispatcher = EventDispatcher::new();
        for &name in names {
            dispatcher.register(Arc::new(Recorder {
                name,
                log: Arc::clone(&log),
            }));
        }
        (dispatcher, log)
    }

    #[test]
    fn handlers_run_in_registration_order() {
        let (dispatcher, log) = recorders(&["a", "b", "c"]);
        dispatcher.on_scan_started(&started());
        dispatcher.on_scan_progress(&ScanProgressEvent {
            processed: 100,
            total: None,
        });
        assert_eq!(
            *log.lock().unwrap(),
            [
                "a:started",
                "b:started",
                "c:started",
                "a:progress100",
                "b:progress100",
                "c:progress100"
            ]
        );
        assert_eq!(dispatcher.len(), 3);
    }

    #[test]
    fn a_panicking_handler_does_not_stop_the_others() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let dispatcher = EventDispatcher::new()
            .with_handler(Arc::new(Recorder {
                name: "before",
                log: Arc::clone(&log),
            }))
            .with_handler(Arc::new(Panicker))
            .with_handler(Arc::new(Recorder {
                name: "after",
                log: Arc::clone(&log),
            }));
        dispatcher.on_scan_started(&started());
        dispatcher.on_scan_progress(&ScanProgressEvent {
            processed: 1,
            total: Some(2),
        });
        assert_eq!(
            *log.lock().unwrap(),
            [
                "before:started",
                "after:started",
                "before:progress1",
                "after:progress1"
            ]
        );
    }

    #[test]
    fn every_default_method_is_a_no_op() {
        let dispatcher = EventDispatcher::new().with_handler(Arc::new(Silent));
        dispatcher.on_scan_started(&started());
        dispatcher.on_scan_progress(&ScanProgressEvent {
            processed: 0,
            total: None,
        });
        dispatcher.on_scan_complete(&ScanCompleteEvent {
            added: 1,
            modified: 0,
            removed: 0,
            unchanged: 0,
            skipped: 0,
            duration: Duration::ZERO,
            cancelled: false,
        });
        dispatcher.on_scan_error(&ScanErrorEvent::from_error(
            &ScanError::Cancelled,
            None,
            true,
        ));
        dispatcher.on_parse_complete(&ParseCompleteEvent {
            files: 0,
            cache_hits: 0,
            errors: 0,
            duration: Duration::ZERO,
        });
        dispatcher.on_parse_error(&ParseErrorEvent {
            path: PathBuf::from("a.ts"),
            language: None,
            code: codes::PARSE_ERROR,
            message: String::new(),
        });
        dispatcher.on_batch_committed(&BatchCommittedEvent {
            rows: 1,
            duration: Duration::ZERO,
        });
    }

    #[test]
    fn dispatchers_nest_and_clones_share_handlers() {
        let (inner, log) = recorders(&["inner"]);
        let outer = EventDispatcher::new().with_handler(Arc::new(inner.clone()));
        outer.on_scan_error(&ScanErrorEvent::from_error(
            &ScanError::io(
                "x",
                std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            ),
            Some(PathBuf::from("x")),
            false,
        ));
        inner.on_scan_complete(&ScanCompleteEvent {
            added: 0,
            modified: 0,
            removed: 0,
            unchanged: 0,
            skipped: 0,
            duration: Duration::ZERO,
            cancelled: true,
        });
        assert_eq!(
            *log.lock().unwrap(),
            ["inner:PERMISSION_DENIED", "inner:complete"]
        );
        assert!(EventDispatcher::new().is_empty());
        assert_eq!(format!("{outer:?}"), "EventDispatcher { handlers: 1 }");
    }

    #[test]
    fn panic_messages_are_extracted() {
        assert_eq!(panic_message(&"static"), "static");
        assert_eq!(panic_message(&String::from("owned")), "owned");
        assert_eq!(panic_message(&7_i32), "non-string panic payload");
    }
}
