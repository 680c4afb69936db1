//! The [`Scanner`]: discovery, then hashing with the incremental shortcut, then the diff.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use drift_core::cancellation::CancellationToken;
use drift_core::config::ScanConfig;
use drift_core::constants::PROGRESS_INTERVAL_FILES;
use drift_core::errors::ScanError;
use drift_core::events::{
    DriftEventHandler, ScanCompleteEvent, ScanErrorEvent, ScanProgressEvent, ScanStartedEvent,
};
use drift_core::types::FxHashMap;
use drift_core::{ContentHash, Language};
use rayon::ThreadPool;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::rules;
use super::source::FileSource;
use super::types::{ScanDiff, ScanEntry, ScanIssue, ScanStats, ScanStatus};
use super::walk::{Candidate, Discovery, Walker};

/// Scans a [`FileSource`] on a pool and compares the result with the previous scan.
///
/// ```
/// use drift_analysis::pool::build_pool;
/// use drift_analysis::scanner::{MemorySource, Scanner};
/// use drift_core::config::ScanConfig;
///
/// let pool = build_pool(2)?;
/// let config = ScanConfig::default();
/// let mut files = MemorySource::new();
/// files.insert("src/app.ts", "export {}")?;
/// files.insert("node_modules/x/index.js", "")?;
///
/// let first = Scanner::new(&pool, &config).scan(&files, &[])?;
/// assert_eq!(first.added, ["src/app.ts"]);
///
/// files.insert("src/app.ts", "export const a = 1")?;
/// let second = Scanner::new(&pool, &config).scan(&files, &first.entries)?;
/// assert_eq!(second.modified, ["src/app.ts"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Scanner<'a> {
    pool: &'a ThreadPool,
    config: &'a ScanConfig,
    events: Option<&'a dyn DriftEventHandler>,
    cancel: CancellationToken,
    on_changed: Option<&'a ChangedFileHook<'a>>,
}

/// Called on a worker thread for every file the scan finds added or modified, with the bytes
/// it just read and hashed: the place to parse them without reading them twice.
pub type ChangedFileHook<'a> = dyn Fn(&ScanEntry, &[u8]) + Sync + 'a;

enum Change {
    Added,
    Modified,
    Unchanged,
}

enum Outcome {
    Done {
        entry: ScanEntry,
        change: Change,
        read: bool,
    },
    Failed(ScanIssue),
    Cancelled,
}

impl<'a> Scanner<'a> {
    /// A scanner running on `pool` with `config`, without events or cancellation.
    #[must_use]
    pub fn new(pool: &'a ThreadPool, config: &'a ScanConfig) -> Self {
        Self {
            pool,
            config,
            events: None,
            cancel: CancellationToken::new(),
            on_changed: None,
        }
    }

    /// Hands every added or modified file's bytes to `hook`, on the worker that read them.
    #[must_use]
    pub fn with_changed_file_hook(mut self, hook: &'a ChangedFileHook<'a>) -> Self {
        self.on_changed = Some(hook);
        self
    }

    /// Sends started, progress (about every
    /// [`PROGRESS_INTERVAL_FILES`] files, from worker threads), one non-fatal error per issue,
    /// and finally complete (or a fatal error) to `events`.
    #[must_use]
    pub fn with_events(mut self, events: &'a dyn DriftEventHandler) -> Self {
        self.events = Some(events);
        self
    }

    /// Stops the scan when `cancel` is cancelled; the scan then returns a
    /// [`ScanStatus::Partial`] result.
    #[must_use]
    pub fn with_cancellation(mut self, cancel: CancellationToken) -> Self {
        self.cancel = cancel;
        self
    }

    /// Scans `source`. `previous` is the last scan's entries (empty for a first scan).
    ///
    /// Fails only when the root cannot be listed ([`ScanError::InvalidRoot`] or an I/O error);
    /// anything else is reported in [`ScanDiff::errors`] and the scan goes on.
    pub fn scan<S: FileSource + ?Sized>(
        &self,
        source: &S,
        previous: &[ScanEntry],
    ) -> Result<ScanDiff, ScanError> {
        let start = Instant::now();
        if let Some(events) = self.events {
            events.on_scan_started(&ScanStartedEvent {
                root: source.root(),
                incremental: self.config.incremental,
            });
        }

        let mut issues = source.issues();
        let extra = rules::parse(
            &self.config.extra_ignore.join("\n"),
            "scan.extra_ignore",
            None,
            &mut issues,
        );
        let walker = Walker {
            source,
            config: self.config,
            extra: extra.as_ref(),
        };
        let mut discovery = match walker.discover(self.pool, &self.cancel) {
            Ok(discovery) => discovery,
            Err(err) => {
                if let Some(events) = self.events {
                    events.on_scan_error(&ScanErrorEvent::from_error(
                        &err,
                        Some(source.root()),
                        true,
                    ));
                }
                return Err(err);
            }
        };
        issues.append(&mut discovery.issues);
        let discovery_time = start.elapsed();

        let hashing_start = Instant::now();
        let previous: FxHashMap<&str, &ScanEntry> = previous
            .iter()
            .map(|entry| (entry.path.as_str(), entry))
            .collect();
        // A source that reads ahead (files read over a bridge) starts on what will be read.
        let to_read: Vec<&str> = discovery
            .candidates
            .iter()
            .filter(|candidate| {
                !self.unchanged_by_metadata(
                    candidate,
                    previous.get(candidate.path.as_str()).copied(),
                )
            })
            .map(|candidate| candidate.path.as_str())
            .collect();
        source.will_read(&to_read);
        let outcomes = self.hash_all(source, &discovery.candidates, &previous);
        let hashing_time = hashing_start.elapsed();

        let diff_start = Instant::now();
        let mut diff = assemble(&mut discovery, outcomes, &previous, issues);
        diff.stats.discovery = discovery_time;
        diff.stats.hashing = hashing_time;
        diff.stats.diff = diff_start.elapsed();
        diff.stats.total = start.elapsed();
        (diff.stats.files_per_sec, diff.stats.mb_per_sec) =
            throughput(diff.stats.files, diff.stats.bytes, diff.stats.total);

        if let Some(events) = self.events {
            for issue in &diff.errors {
                events.on_scan_error(&ScanErrorEvent {
                    path: issue.path.as_ref().map(Into::into),
                    code: issue.code,
                    message: issue.message.clone(),
                    fatal: false,
                });
            }
            events.on_scan_complete(&ScanCompleteEvent {
                added: diff.added.len() as u64,
                modified: diff.modified.len() as u64,
                removed: diff.removed.len() as u64,
                unchanged: diff.unchanged.len() as u64,
                skipped: diff.stats.skipped_too_large + diff.stats.skipped_errors,
                duration: diff.stats.total,
                cancelled: diff.status == ScanStatus::Partial,
            });
        }
        Ok(diff)
    }

    /// Hashes every candidate on the pool, in candidate order.
    fn hash_all<S: FileSource + ?Sized>(
        &self,
        source: &S,
        candidates: &[Candidate],
        previous: &FxHashMap<&str, &ScanEntry>,
    ) -> Vec<Outcome> {
        let total = candidates.len() as u64;
        let done = AtomicU64::new(0);
        // The last count reported; reporting under the lock keeps progress monotonic.
        let reported = Mutex::new(0_u64);
        self.pool.install(|| {
            candidates
                .par_iter()
                // One file per task so idle workers can steal (see workload.rs).
                .with_max_len(1)
                .map(|candidate| {
                    if self.cancel.is_cancelled() {
                        return Outcome::Cancelled;
                    }
                    let outcome = self.hash_one(
                        source,
                        candidate,
                        previous.get(candidate.path.as_str()).copied(),
                    );
                    let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if let Some(events) = self.events
                        && finished.is_multiple_of(PROGRESS_INTERVAL_FILES)
                    {
                        let mut last = reported
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        // A worker that reaches the lock after a later checkpoint was
                        // reported stays silent, so reports are exact multiples and increase.
                        if finished > *last {
                            *last = finished;
                            events.on_scan_progress(&ScanProgressEvent {
                                processed: finished,
                                total: Some(total),
                            });
                        }
                    }
                    outcome
                })
                .collect()
        })
    }

    /// Whether `candidate` is taken as unchanged without being read: incremental scans trust
    /// an unchanged size and mtime.
    fn unchanged_by_metadata(&self, candidate: &Candidate, previous: Option<&ScanEntry>) -> bool {
        self.config.incremental
            && previous.is_some_and(|previous| {
                previous.size == candidate.size && previous.mtime_ns == candidate.mtime_ns
            })
    }

    fn hash_one<S: FileSource + ?Sized>(
        &self,
        source: &S,
        candidate: &Candidate,
        previous: Option<&ScanEntry>,
    ) -> Outcome {
        let language = Language::from_path(&candidate.path);
        if let Some(previous) = previous
            && self.unchanged_by_metadata(candidate, Some(previous))
        {
            return Outcome::Done {
                entry: ScanEntry {
                    path: candidate.path.clone(),
                    content_hash: previous.content_hash,
                    mtime_ns: candidate.mtime_ns,
                    size: candidate.size,
                    language,
                },
                change: Change::Unchanged,
                read: false,
            };
        }
        let bytes = match source.read(&candidate.path) {
            Ok(bytes) => bytes,
            Err(err) => return Outcome::Failed(ScanIssue::new(Some(candidate.path.clone()), &err)),
        };
        let content_hash = ContentHash::of(&bytes);
        let change = match previous {
            None => Change::Added,
            Some(previous) if previous.content_hash == content_hash => Change::Unchanged,
            Some(_) => Change::Modified,
        };
        let entry = ScanEntry {
            path: candidate.path.clone(),
            content_hash,
            mtime_ns: candidate.mtime_ns,
            size: bytes.len() as u64,
            language,
        };
        if let Some(hook) = self.on_changed
            && !matches!(change, Change::Unchanged)
        {
            hook(&entry, &bytes);
        }
        Outcome::Done {
            entry,
            change,
            read: true,
        }
    }
}

/// Turns per-file outcomes (in path order) into the diff; timings are filled in by the caller.
fn assemble(
    discovery: &mut Discovery,
    outcomes: Vec<Outcome>,
    previous: &FxHashMap<&str, &ScanEntry>,
    mut issues: Vec<ScanIssue>,
) -> ScanDiff {
    let mut stats = ScanStats {
        skipped_ignored: discovery.ignored,
        skipped_too_large: discovery.too_large,
        skipped_errors: discovery.errors,
        ..ScanStats::default()
    };
    let mut diff = ScanDiff {
        added: Vec::new(),
        modified: Vec::new(),
        removed: Vec::new(),
        unchanged: Vec::new(),
        entries: Vec::with_capacity(outcomes.len()),
        errors: Vec::new(),
        ignored_dirs: std::mem::take(&mut discovery.ignored_dirs),
        stats: ScanStats::default(),
        status: if discovery.complete {
            ScanStatus::Complete
        } else {
            ScanStatus::Partial
        },
    };
    for outcome in outcomes {
        match outcome {
            Outcome::Done {
                entry,
                change,
                read,
            } => {
                let list = match change {
                    Change::Added => &mut diff.added,
                    Change::Modified => &mut diff.modified,
                    Change::Unchanged => &mut diff.unchanged,
                };
                list.push(entry.path.clone());
                stats.files += 1;
                stats.bytes += entry.size;
                if read {
                    stats.files_read += 1;
                    stats.bytes_read += entry.size;
                }
                match entry.language {
                    Some(language) => *stats.by_language.entry(language).or_default() += 1,
                    None => stats.unknown_language += 1,
                }
                diff.entries.push(entry);
            }
            Outcome::Failed(issue) => {
                stats.skipped_errors += 1;
                issues.push(issue);
            }
            Outcome::Cancelled => diff.status = ScanStatus::Partial,
        }
    }
    // Without a complete walk, a file missing from this scan may simply not have been
    // reached, so nothing can be called removed.
    if discovery.complete {
        let seen: FxHashSet<&str> = discovery
            .candidates
            .iter()
            .map(|candidate| candidate.path.as_str())
            .collect();
        diff.removed = previous
            .keys()
            .filter(|path| !seen.contains(*path))
            .map(|path| (*path).to_owned())
            .collect();
        diff.removed.sort_unstable();
    }
    // Sorted so that the result does not depend on how the pool scheduled the work.
    issues.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    diff.errors = issues;

    diff.stats = stats;
    diff
}

#[expect(
    clippy::cast_precision_loss,
    reason = "throughput is informative; f64 is exact up to 2^53 files or bytes"
)]
fn throughput(files: u64, bytes: u64, total: Duration) -> (f64, f64) {
    let seconds = total.as_secs_f64();
    if seconds <= 0.0 {
        return (0.0, 0.0);
    }
    (
        files as f64 / seconds,
        bytes as f64 / (1024.0 * 1024.0) / seconds,
    )
}
