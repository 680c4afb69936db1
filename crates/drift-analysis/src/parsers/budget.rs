//! The time budget of one file's parse and extraction (`parse.timeout_ms`).
//!
//! tree-sitter calls back into the budget while it parses, the walk that matches the queries
//! checks it every 1,024 nodes and the extraction loops between matches, so a file that would take minutes (a minified
//! bundle of one expression) stops at the budget instead. Reading the clock is a host call in
//! the wasm build, so only one call in [`CLOCK_EVERY`] looks at it.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// Calls between two clock reads. tree-sitter's parser calls back about every hundred parse
/// operations, so this is a few microseconds of work between reads.
const CLOCK_EVERY: u32 = 64;

/// A deadline, shared by the parse and the extraction of one file. Not `Sync`: one file is
/// parsed on one thread.
#[derive(Debug)]
pub(crate) struct Budget {
    deadline: Option<Instant>,
    calls: Cell<u32>,
    expired: Cell<bool>,
}

impl Budget {
    /// A budget of `limit` from now; `None` never expires.
    pub(crate) fn new(limit: Option<Duration>) -> Self {
        Self {
            deadline: limit.and_then(|limit| Instant::now().checked_add(limit)),
            calls: Cell::new(0),
            expired: Cell::new(false),
        }
    }

    /// Whether the budget is spent. Cheap: reads the clock once every [`CLOCK_EVERY`] calls,
    /// and stays expired once it was.
    pub(crate) fn spent(&self) -> bool {
        if self.expired.get() {
            return true;
        }
        let Some(deadline) = self.deadline else {
            return false;
        };
        let calls = self.calls.get().wrapping_add(1);
        self.calls.set(calls);
        if calls.is_multiple_of(CLOCK_EVERY) && Instant::now() >= deadline {
            self.expired.set(true);
        }
        self.expired.get()
    }

    /// [`Budget::spent`] as tree-sitter's progress callbacks want it.
    pub(crate) fn progress(&self) -> ControlFlow<()> {
        if self.spent() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    /// Whether the budget ran out at some point (without reading the clock again).
    pub(crate) fn expired(&self) -> bool {
        self.expired.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unlimited_budget_never_expires() {
        let budget = Budget::new(None);
        for _ in 0..10_000 {
            assert!(!budget.spent());
        }
        assert!(!budget.expired());
    }

    #[test]
    fn a_zero_budget_expires_within_one_clock_period_and_stays_expired() {
        let budget = Budget::new(Some(Duration::ZERO));
        let calls = (0..=CLOCK_EVERY).take_while(|_| !budget.spent()).count();
        assert!(calls < CLOCK_EVERY as usize);
        assert!(budget.expired());
        assert!(budget.spent());
        assert_eq!(budget.progress(), ControlFlow::Break(()));
    }
}
