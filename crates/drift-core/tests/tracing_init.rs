//! `init_tracing` installs a process-global subscriber, so it is tested in its own test binary
//! (one process) where nothing else has installed one.

use drift_core::tracing::{FilterSource, TracingInit, init_tracing};

#[test]
fn init_falls_back_on_an_invalid_filter_and_is_idempotent() {
    let first = init_tracing(Some("drift_core=loud"));
    let TracingInit::Installed(resolution) = first else {
        panic!("the first call must install the subscriber, got {first:?}");
    };
    assert_eq!(resolution.source, FilterSource::Default);
    let rejected = resolution.rejected.expect("the invalid filter is reported");
    assert_eq!(rejected.spec, "drift_core=loud");
    assert_eq!(rejected.source, FilterSource::Argument);
    assert_eq!(resolution.filter.to_string(), "warn");

    // Second and later calls change nothing and do not panic.
    assert_eq!(init_tracing(Some("debug")), TracingInit::AlreadyInitialized);
    assert_eq!(init_tracing(None), TracingInit::AlreadyInitialized);

    // Logging through the installed subscriber works.
    tracing::warn!(target: "drift_core::test", "logging after init");
}
