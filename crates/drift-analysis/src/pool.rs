//! The worker pool every parallel analysis runs on.
//!
//! The pool is sized explicitly: `wasm32-wasip1-threads` cannot detect the number of cores
//! (`std::thread::available_parallelism` fails there), so the caller decides, and the napi
//! runtime builds the pool once at initialization rather than per call (spawning threads is
//! expensive natively and much more so in a browser, where each thread is a Web Worker).

use std::num::NonZeroUsize;

use drift_core::constants::MAX_PARALLELISM;
use drift_core::errors::{DriftErrorCode, codes};
pub use rayon::ThreadPool;
use rayon::ThreadPoolBuilder;

/// The worker pool could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    /// The requested thread count is zero or implausibly large.
    #[error("cannot start {threads} worker threads: the thread count must be between 1 and {max}")]
    InvalidThreadCount {
        /// The requested count.
        threads: usize,
        /// The largest accepted count.
        max: usize,
    },

    /// The operating system (or the wasm host) refused to start the threads.
    #[error("could not start {threads} worker threads: {source}; try fewer threads")]
    Build {
        /// The requested count.
        threads: usize,
        /// Rayon's error.
        #[source]
        source: rayon::ThreadPoolBuildError,
    },
}

impl DriftErrorCode for PoolError {
    fn code(&self) -> &'static str {
        match self {
            Self::InvalidThreadCount { .. } => codes::INVALID_ARGUMENT,
            Self::Build { .. } => codes::INIT_ERROR,
        }
    }
}

/// Builds a pool of exactly `threads` workers named `drift-worker-<index>`.
pub fn build_pool(threads: usize) -> Result<ThreadPool, PoolError> {
    if threads == 0 || threads > MAX_PARALLELISM {
        return Err(PoolError::InvalidThreadCount {
            threads,
            max: MAX_PARALLELISM,
        });
    }
    ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|index| format!("drift-worker-{index}"))
        .build()
        .map_err(|source| PoolError::Build { threads, source })
}

/// The number of threads to use when the caller does not say: the detected parallelism, or 1
/// where it cannot be detected (always the case on `wasm32-wasip1-threads`).
#[must_use]
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_requested_size_with_named_threads() {
        let pool = build_pool(3).unwrap();
        assert_eq!(pool.current_num_threads(), 3);
        let name = pool.install(|| std::thread::current().name().map(str::to_owned));
        assert!(name.is_some_and(|name| name.starts_with("drift-worker-")));
    }

    #[test]
    fn rejects_zero_and_absurd_counts() {
        for threads in [0, MAX_PARALLELISM + 1] {
            let err = build_pool(threads).unwrap_err();
            assert_eq!(err.code(), codes::INVALID_ARGUMENT);
            assert!(
                err.coded_message()
                    .starts_with("[INVALID_ARGUMENT] cannot start")
            );
        }
    }

    #[test]
    fn default_is_at_least_one() {
        assert!(default_threads() >= 1);
    }
}
