//! Hashing a batch of buffers on the worker pool.
//!
//! This is the smallest real workload that exercises everything a scan will: work split across
//! an explicitly sized pool, progress reported from the worker threads, cooperative
//! cancellation, and a result that must not depend on scheduling. The napi binding exposes it
//! synchronously, as an `AsyncTask`, and with a progress callback, so the same bytes can be
//! checked through every path (and natively against wasm).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use drift_core::cancellation::{CancellationToken, Cancelled};
use drift_core::types::ContentHash;
use rayon::ThreadPool;
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

/// How far a batch has got. Reports are strictly increasing in `done`, and the last one has
/// `done == total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Buffers hashed so far.
    pub done: usize,
    /// Buffers in the batch.
    pub total: usize,
}

/// The result of [`hash_buffers`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashReport {
    /// The xxh3-64 hash of each buffer, in input order.
    pub hashes: Vec<ContentHash>,
    /// xxh3-64 over the per-buffer hashes as little-endian `u64`s, in input order: one value
    /// that identifies the whole batch and does not depend on how the work was scheduled.
    pub combined: ContentHash,
    /// Distinct pool workers that hashed at least one buffer (0 for an empty batch).
    pub threads_used: usize,
    /// Workers in the pool.
    pub pool_size: usize,
}

/// Hashes every buffer on `pool`.
///
/// `on_progress` is called from the worker threads about every `max(1, total / 20)` buffers,
/// never concurrently, with strictly increasing `done`; the last call has `done == total`
/// (none for an empty batch). Keep it cheap: workers serialize on it.
///
/// `cancel` is checked before each buffer; once it is cancelled the batch stops and returns
/// [`Cancelled`] (code `CANCELLED`). A buffer already being hashed is finished first.
///
/// # Example
///
/// ```
/// use drift_analysis::{pool::build_pool, workload::hash_buffers};
/// use drift_core::cancellation::CancellationToken;
///
/// let pool = build_pool(2)?;
/// let buffers: [&[u8]; 2] = [b"", b"abc"];
/// let report = hash_buffers(&pool, &buffers, &|_| {}, &CancellationToken::new())?;
/// assert_eq!(report.hashes[0].to_string(), "2d06800538d394c2");
/// assert_eq!(report.pool_size, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hash_buffers<B>(
    pool: &ThreadPool,
    buffers: &[B],
    on_progress: &(dyn Fn(Progress) + Sync),
    cancel: &CancellationToken,
) -> Result<HashReport, Cancelled>
where
    B: AsRef<[u8]> + Sync,
{
    let total = buffers.len();
    let step = (total / 20).max(1);
    let done = AtomicUsize::new(0);
    // The last `done` passed to `on_progress`. Reporting under this lock is what makes reports
    // monotonic: two workers that pass a checkpoint at once would otherwise race to deliver.
    let reported = Mutex::new(0_usize);

    let per_buffer: Vec<(ContentHash, Option<usize>)> = pool.install(|| {
        buffers
            .par_iter()
            // Each buffer is a unit of work like a file: small batches let idle workers steal.
            .with_max_len(1)
            .map(|buffer| {
                cancel.check()?;
                let hash = ContentHash::of(buffer.as_ref());
                let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                if finished.is_multiple_of(step) || finished == total {
                    // A panicking callback poisons the lock; the count it guards is still valid.
                    let mut last = reported
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    let current = done.load(Ordering::Relaxed);
                    if current > *last {
                        *last = current;
                        on_progress(Progress {
                            done: current,
                            total,
                        });
                    }
                }
                Ok((hash, rayon::current_thread_index()))
            })
            .collect::<Result<_, Cancelled>>()
    })?;

    let pool_size = pool.current_num_threads();
    let mut seen = vec![false; pool_size];
    let mut combined = Xxh3::new();
    let mut hashes = Vec::with_capacity(per_buffer.len());
    for (hash, thread) in per_buffer {
        if let Some(slot) = thread.and_then(|index| seen.get_mut(index)) {
            *slot = true;
        }
        combined.update(&hash.get().to_le_bytes());
        hashes.push(hash);
    }

    Ok(HashReport {
        hashes,
        combined: ContentHash(combined.digest()),
        threads_used: seen.into_iter().filter(|&used| used).count(),
        pool_size,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::pool::build_pool;

    /// Inputs with hashes computed independently by the reference C implementation
    /// (`XXH3_64bits` of libxxhash 0.8.1); the JavaScript tests use the same vector.
    fn known_vector() -> (Vec<Vec<u8>>, [&'static str; 5], &'static str) {
        let buffers = vec![
            b"".to_vec(),
            b"a".to_vec(),
            b"abc".to_vec(),
            (0..=255).collect(),
            b"drift".repeat(1000),
        ];
        let hashes = [
            "2d06800538d394c2",
            "e6c632b61e964e1f",
            "78af5f94892f3950",
            "9408a4433b952d71",
            "41b7228f5c64fe45",
        ];
        (buffers, hashes, "2cc686a80de9c144")
    }

    fn no_progress(_: Progress) {}

    /// 64 buffers of 256 KiB with distinct contents.
    fn big_batch() -> Vec<Vec<u8>> {
        (0..64_u8).map(|i| vec![i; 256 * 1024]).collect()
    }

    #[test]
    fn matches_the_reference_implementation() {
        let (buffers, hashes, combined) = known_vector();
        let pool = build_pool(2).unwrap();
        let report =
            hash_buffers(&pool, &buffers, &no_progress, &CancellationToken::new()).unwrap();
        let hex: Vec<String> = report.hashes.iter().map(ToString::to_string).collect();
        assert_eq!(hex, hashes);
        assert_eq!(report.combined.to_string(), combined);
    }

    #[test]
    fn combined_hash_is_the_same_for_every_pool_size() {
        let buffers = big_batch();
        let reports: Vec<HashReport> = [1, 2, 4]
            .into_iter()
            .map(|threads| {
                let pool = build_pool(threads).unwrap();
                let report =
                    hash_buffers(&pool, &buffers, &no_progress, &CancellationToken::new()).unwrap();
                assert_eq!(report.pool_size, threads);
                assert!((1..=threads).contains(&report.threads_used));
                report
            })
            .collect();
        for report in &reports[1..] {
            assert_eq!(report.hashes, reports[0].hashes);
            assert_eq!(report.combined, reports[0].combined);
        }
        for (buffer, hash) in buffers.iter().zip(&reports[0].hashes) {
            assert_eq!(*hash, ContentHash(xxhash_rust::xxh3::xxh3_64(buffer)));
        }
    }

    #[test]
    fn four_threads_share_the_work() {
        let pool = build_pool(4).unwrap();
        // Hold the first reporting worker for a moment so that the result does not depend on
        // how fast hashing is: the buffers it has not started must be stolen by other workers.
        let first = AtomicBool::new(true);
        let on_progress = |_: Progress| {
            if first.swap(false, Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        };
        let report =
            hash_buffers(&pool, &big_batch(), &on_progress, &CancellationToken::new()).unwrap();
        assert!(
            report.threads_used > 1,
            "only {} thread hashed 64 buffers",
            report.threads_used
        );
        assert!(report.threads_used <= 4);
    }

    #[test]
    fn progress_is_monotonic_and_ends_at_total() {
        let buffers = big_batch();
        let pool = build_pool(4).unwrap();
        let seen = Mutex::new(Vec::new());
        let on_progress = |progress: Progress| {
            assert_eq!(progress.total, 64);
            seen.lock().unwrap().push(progress.done);
        };
        hash_buffers(&pool, &buffers, &on_progress, &CancellationToken::new()).unwrap();
        let seen = seen.into_inner().unwrap();
        assert!(seen.windows(2).all(|pair| pair[0] < pair[1]), "{seen:?}");
        assert_eq!(seen.last(), Some(&64));
        // About every max(1, 64 / 20) = 3 buffers; concurrent workers may merge checkpoints.
        assert!(seen.len() <= 64 / 3 + 1, "{seen:?}");
    }

    #[test]
    fn small_batches_report_every_buffer() {
        let pool = build_pool(1).unwrap();
        let seen = Mutex::new(Vec::new());
        let on_progress = |progress: Progress| seen.lock().unwrap().push(progress);
        hash_buffers(
            &pool,
            &[b"x", b"y", b"z"],
            &on_progress,
            &CancellationToken::new(),
        )
        .unwrap();
        let done: Vec<usize> = seen.into_inner().unwrap().iter().map(|p| p.done).collect();
        assert_eq!(done, [1, 2, 3]);
    }

    #[test]
    fn empty_batch_has_no_progress_and_the_empty_digest() {
        let pool = build_pool(2).unwrap();
        let called = AtomicBool::new(false);
        let on_progress = |_: Progress| called.store(true, Ordering::Relaxed);
        let empty: [&[u8]; 0] = [];
        let report = hash_buffers(&pool, &empty, &on_progress, &CancellationToken::new()).unwrap();
        assert!(!called.load(Ordering::Relaxed));
        assert!(report.hashes.is_empty());
        assert_eq!(report.threads_used, 0);
        // xxh3 of zero bytes: nothing was concatenated.
        assert_eq!(report.combined, ContentHash::of(b""));
    }

    #[test]
    fn cancellation_stops_the_batch() {
        let pool = build_pool(2).unwrap();
        let cancel = CancellationToken::new();
        cancel.cancel();
        let err = hash_buffers(&pool, &big_batch(), &no_progress, &cancel).unwrap_err();
        assert_eq!(err, Cancelled);
    }

    #[test]
    fn cancelling_midway_from_progress_stops_early() {
        let pool = build_pool(2).unwrap();
        let cancel = CancellationToken::new();
        let last = AtomicUsize::new(0);
        let on_progress = |progress: Progress| {
            last.store(progress.done, Ordering::Relaxed);
            cancel.cancel();
        };
        assert!(hash_buffers(&pool, &big_batch(), &on_progress, &cancel).is_err());
        assert!(last.load(Ordering::Relaxed) < 64);
    }
}
