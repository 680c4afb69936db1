//! `init_tracing` installs a process-global subscriber, so it is tested in its own test binary
//! (one process) where nothing else has installed one.

use std::io::Write;
use std::sync::{Arc, Mutex};

use drift_core::tracing::{FilterSource, TracingInit, init_tracing, init_tracing_with_writer};

/// Collects what the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'w> tracing_subscriber::fmt::MakeWriter<'w> for Captured {
    type Writer = Self;

    fn make_writer(&'w self) -> Self::Writer {
        self.clone()
    }
}

#[test]
fn the_filter_decides_which_lines_appear_and_init_is_idempotent() {
    let captured = Captured::default();
    let first = init_tracing_with_writer(Some("warn,drift_core::test=debug"), captured.clone());
    let TracingInit::Installed(resolution) = first else {
        panic!("the first call must install the subscriber, got {first:?}");
    };
    assert_eq!(resolution.source, FilterSource::Argument);
    assert_eq!(resolution.filter, "warn,drift_core::test=debug");

    tracing::debug!(target: "drift_core::test", "debug line for the test target");
    tracing::debug!(target: "drift_core::other", "debug line elsewhere");
    tracing::warn!(target: "drift_core::other", "warning elsewhere");
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("debug line for the test target"), "{text}");
    assert!(text.contains("warning elsewhere"), "{text}");
    assert!(!text.contains("debug line elsewhere"), "{text}");

    // Second and later calls change nothing and do not panic.
    assert_eq!(init_tracing(Some("debug")), TracingInit::AlreadyInitialized);
    assert_eq!(init_tracing(None), TracingInit::AlreadyInitialized);
}
