//! Cooperative cancellation for long-running work.
//!
//! Workers poll a [`CancellationToken`] between units of work (files, batches); nothing is
//! interrupted mid-unit. This keeps the rule from spec §8: work already done is kept, the unit in
//! progress is dropped, and the operation reports a partial result.
//!
//! A token is an `Arc` around an atomic flag: cloning is cheap and every clone observes the same
//! flag, so hand clones to worker threads. [`CancellationToken::child`] derives a token that is
//! also cancelled by its parent, e.g. one per scan under a runtime-wide token that shutdown
//! cancels.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use crate::errors::Cancelled;

/// A shared, cheaply cloneable cancellation flag. See the [module docs](self).
#[derive(Clone, Default)]
pub struct CancellationToken {
    node: Arc<Node>,
}

#[derive(Default)]
struct Node {
    cancelled: AtomicBool,
    parent: Option<Arc<Node>>,
}

impl CancellationToken {
    /// A new, not cancelled, token without a parent.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A new token that reports cancelled when it or any of its ancestors is cancelled.
    /// Cancelling the child does not affect the parent.
    #[must_use]
    pub fn child(&self) -> Self {
        Self {
            node: Arc::new(Node {
                cancelled: AtomicBool::new(false),
                parent: Some(Arc::clone(&self.node)),
            }),
        }
    }

    /// Requests cancellation. Idempotent; visible to every clone and every descendant.
    pub fn cancel(&self) {
        // Release pairs with the Acquire in `is_cancelled`: whatever the canceller wrote before
        // cancelling (e.g. a reason) is visible to a worker that sees the flag.
        self.node.cancelled.store(true, Ordering::Release);
    }

    /// Whether this token or an ancestor has been cancelled. One atomic load per level; tokens
    /// are rarely nested more than two deep, so this is cheap enough to call per file.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        let mut node = Some(&self.node);
        while let Some(current) = node {
            if current.cancelled.load(Ordering::Acquire) {
                return true;
            }
            node = current.parent.as_ref();
        }
        false
    }

    /// `Err(Cancelled)` (code `CANCELLED`) once cancelled, so workers can write `token.check()?`.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Clears this token's own flag (not its ancestors'), for every clone at once.
    ///
    /// Exists for a long-lived token reused across operations, like the global scan flag of
    /// spec §8 that each new scan resets. Prefer a fresh [`CancellationToken::child`] per
    /// operation: a reset races with a `cancel` meant for the previous operation.
    pub fn reset(&self) {
        self.node.cancelled.store(false, Ordering::Release);
    }

    /// Whether `self` and `other` are clones of the same token.
    #[must_use]
    pub fn same_token(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.node, &other.node)
    }
}

impl fmt::Debug for CancellationToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancellationToken")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    use super::*;
    use crate::errors::{DriftErrorCode, codes};

    const _: () = {
        const fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<CancellationToken>();
    };

    #[test]
    fn starts_uncancelled_and_cancel_is_shared_by_clones() {
        let token = CancellationToken::new();
        let clone = token.clone();
        assert!(!token.is_cancelled());
        assert_eq!(token.check(), Ok(()));
        clone.cancel();
        clone.cancel();
        assert!(token.is_cancelled());
        assert!(token.same_token(&clone));
        let err = token.check().unwrap_err();
        assert_eq!(err.code(), codes::CANCELLED);
    }

    #[test]
    fn cancel_from_another_thread_stops_workers() {
        let token = CancellationToken::new();
        let processed = Arc::new(AtomicUsize::new(0));
        let (started_tx, started_rx) = mpsc::channel();
        let workers: Vec<_> = (0..3)
            .map(|_| {
                let token = token.clone();
                let processed = Arc::clone(&processed);
                let started = started_tx.clone();
                thread::spawn(move || {
                    let _ = started.send(());
                    // The loop only ends through cancellation; the bound keeps a broken token
                    // from hanging the test suite forever.
                    for _ in 0..50_000 {
                        if token.check().is_err() {
                            return true;
                        }
                        processed.fetch_add(1, Ordering::Relaxed);
                        thread::sleep(Duration::from_micros(100));
                    }
                    false
                })
            })
            .collect();
        for _ in 0..3 {
            started_rx.recv().unwrap();
        }
        token.cancel();
        for worker in workers {
            assert!(
                worker.join().unwrap(),
                "a worker never saw the cancellation"
            );
        }
    }

    #[test]
    fn parent_cancels_child_but_not_the_reverse() {
        let parent = CancellationToken::new();
        let child = parent.child();
        let grandchild = child.child();
        assert!(!child.same_token(&parent));

        grandchild.cancel();
        assert!(grandchild.is_cancelled());
        assert!(!child.is_cancelled());
        assert!(!parent.is_cancelled());

        let sibling = parent.child();
        let handle = {
            let parent = parent.clone();
            thread::spawn(move || parent.cancel())
        };
        handle.join().unwrap();
        assert!(sibling.is_cancelled());
        assert!(child.is_cancelled());
    }

    #[test]
    fn reset_clears_only_the_own_flag() {
        let parent = CancellationToken::new();
        let child = parent.child();
        child.cancel();
        child.reset();
        assert!(!child.is_cancelled());

        parent.cancel();
        child.reset();
        assert!(
            child.is_cancelled(),
            "a cancelled parent still cancels the child"
        );
        parent.reset();
        assert!(!child.is_cancelled());
    }

    #[test]
    fn debug_shows_state() {
        let token = CancellationToken::new();
        assert_eq!(
            format!("{token:?}"),
            "CancellationToken { cancelled: false }"
        );
        token.cancel();
        assert_eq!(
            format!("{token:?}"),
            "CancellationToken { cancelled: true }"
        );
    }
}
