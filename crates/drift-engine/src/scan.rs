//! [`Engine::scan`]: scan, parse what changed, and persist it, in one pass.
//!
//! The previous state is the `files` table, read when the scan is prepared. Each parsed file
//! becomes a batch-writer command (with its parse-cache entry when it was freshly parsed); when
//! the scan completes it is recorded (unchanged files touched, removed files deleted). A
//! cancelled scan keeps what it stored (those files are then unchanged for the next scan) and
//! records nothing else.
//!
//! Natively the commands stream to the writer thread while the scan runs. In the wasm build the
//! database may only be used by the thread that opened it
//! ([`drift_storage::Database::usable_here`]), so a scan
//! runs in three steps: [`Engine::prepare_scan`] on the owner thread, [`Engine::run_scan`] on any
//! thread (it collects the commands), [`Engine::commit_scan`] on the owner thread again.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use drift_analysis::callgraph::FileFacts;
use drift_analysis::detection::{redact, scope_of};
use drift_analysis::parsers::{Origin, ParseResult, ParserManager};
use drift_analysis::pipeline::{ParseSummary, Pipeline};
use drift_analysis::scanner::{
    Baseline, BaselineMode, FileSource, MemorySource, OsSource, ScanDiff, ScanEntry, ScanStatus,
    Scanner,
};
use drift_analysis::security::boundaries::BoundaryRules;
use drift_analysis::security::secrets::SecretPack;
use drift_analysis::security::sensitive::SensitiveRules;
use drift_analysis::security::taint::{SUMMARY_VERSION, TaintRules};
use drift_core::CancellationToken;
use drift_core::errors::{RuntimeError, ScanError, StorageError};
use drift_core::events::DriftEventHandler;
use drift_core::types::detection::FileDetections;
use drift_core::types::security::{DataAccess, SecretFinding, SensitiveField, TaintFlow};
use drift_storage::batch::{BatchCommand, BatchStats, BatchWriter, ParsedFile, TextFile};
use drift_storage::scans;

use crate::{Engine, store};

/// What to scan.
pub enum ScanTarget {
    /// A directory; a relative path is relative to the engine's root.
    Directory(PathBuf),
    /// Files handed over in memory (an uploaded folder), under a project name.
    Memory {
        /// The files.
        source: MemorySource,
        /// Names the set of files: the database mirrors one project at a time.
        project: String,
    },
    /// Files listed up front and read when the scan asks for them (an uploaded folder or
    /// archive in the browser: see [`drift_analysis::scanner::ListedSource`]).
    Listed {
        /// The files and how to read them.
        source: Box<dyn FileSource + Send>,
        /// Names the set of files, as for [`ScanTarget::Memory`].
        project: String,
    },
}

impl std::fmt::Debug for ScanTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Directory(dir) => f.debug_tuple("Directory").field(dir).finish(),
            Self::Memory { source, project } => f
                .debug_struct("Memory")
                .field("files", &source.len())
                .field("project", project)
                .finish(),
            Self::Listed { project, .. } => f
                .debug_struct("Listed")
                .field("project", project)
                .finish_non_exhaustive(),
        }
    }
}

/// How to scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanRequest {
    /// Ignore the stored state: read every file and report it as added.
    pub full: bool,
    /// Parse added and modified files (and persist what they contain).
    pub parse: bool,
}

impl Default for ScanRequest {
    fn default() -> Self {
        Self {
            full: false,
            parse: true,
        }
    }
}

/// What a scan found and stored.
#[derive(Debug)]
pub struct ScanOutcome {
    /// The scanner's result.
    pub diff: ScanDiff,
    /// With parsing: what the parsers found.
    pub parsed: Option<ParseSummary>,
    /// The scan generation (files changed by this scan have `changed_in` = this).
    pub generation: i64,
    /// Rows and transactions the batch writer committed.
    pub persisted: BatchStats,
    /// Time from the end of the scan until everything was durable.
    pub persist_wait: Duration,
    /// In the wasm build, until [`Engine::commit_scan`]: what is still to be written.
    pub deferred: Option<Deferred>,
}

/// A scan whose previous state has been read: ready to run on any thread.
pub struct PreparedScan {
    source: Box<dyn FileSource + Send>,
    project: String,
    /// Ignore patterns for the database's own files when they lie inside the scanned tree.
    ignore_db: Vec<String>,
    request: ScanRequest,
    generation: i64,
    previous: Arc<[ScanEntry]>,
    /// Loading empty tables without their secondary indexes (see `scans::begin_bulk_load`).
    bulk: bool,
    wake: Option<Wake>,
}

impl PreparedScan {
    /// In the wasm build, how the scan asks the database's owner thread to write a batch of
    /// results: each time one is ready, instead of the owner polling (natively the writer
    /// thread takes them as they come, and this is never called).
    #[must_use]
    pub fn with_wake(mut self, wake: Wake) -> Self {
        self.wake = Some(wake);
        self
    }
}

impl std::fmt::Debug for PreparedScan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedScan")
            .field("project", &self.project)
            .field("generation", &self.generation)
            .field("previous", &self.previous.len())
            .finish_non_exhaustive()
    }
}

/// What a scan still has to write from the database's owner thread (the wasm build).
#[derive(Debug, Default)]
pub struct Deferred {
    pending: Arc<PendingWrites>,
    /// The project to record the scan for, when it completed.
    record: Option<String>,
    full: bool,
    /// The scan is a bulk load: indexes are built once its rows are written.
    bulk: bool,
}

/// Asks the database's owner thread to call [`Engine::write_pending`] soon; must not block
/// (in the addon: a threadsafe call into the JavaScript thread).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// The results of a scan that only the database's owner thread may write (the wasm build):
/// the pool adds them, and wakes the owner once a batch is ready ([`PreparedScan::with_wake`]);
/// the owner writes them with [`Engine::write_pending`] while the scan runs, and
/// [`Engine::commit_scan`] writes the rest.
#[derive(Default)]
pub(crate) struct PendingWrites {
    commands: Mutex<Vec<BatchCommand>>,
    written: Mutex<BatchStats>,
    /// The first failed write: the scan then fails at its commit and is not recorded.
    failure: Mutex<Option<RuntimeError>>,
    wake: Option<Wake>,
    /// Commands that make a batch: the owner is woken when this many wait.
    batch: usize,
    /// Whether the owner was woken and has not written yet (one wake per batch).
    woken: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for PendingWrites {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingWrites")
            .field("commands", &lock(&self.commands).len())
            .field("written", &self.written)
            .field("wakes", &self.wake.is_some())
            .finish_non_exhaustive()
    }
}

/// Scans whose results wait for the owner thread.
pub(crate) type InFlight = Mutex<Vec<Arc<PendingWrites>>>;

/// The prepared state as the scanner's baseline. Recording is done by the engine after the
/// scan, where it knows whether the results are already written or still deferred.
struct Prepared {
    previous: Arc<[ScanEntry]>,
}

impl Baseline for Prepared {
    fn previous(&self, _project: &str) -> Result<Arc<[ScanEntry]>, ScanError> {
        Ok(Arc::clone(&self.previous))
    }

    fn record(&self, _project: &str, _diff: &ScanDiff) -> Result<(), ScanError> {
        Ok(())
    }
}

/// Where the commands of a running scan go.
enum Sink {
    /// Natively: the writer thread, while the scan runs.
    Writer(BatchWriter),
    /// In the wasm build: kept for the owner thread.
    Deferred(Arc<PendingWrites>),
}

impl Sink {
    fn send(&self, command: BatchCommand) -> Result<(), RuntimeError> {
        match self {
            Self::Writer(writer) => Ok(writer.send(command)?),
            Self::Deferred(pending) => {
                let waiting = {
                    let mut commands = lock(&pending.commands);
                    commands.push(command);
                    commands.len()
                };
                if waiting >= pending.batch
                    && let Some(wake) = &pending.wake
                    && !pending.woken.swap(true, Ordering::AcqRel)
                {
                    wake();
                }
                Ok(())
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Engine {
    /// Whether scans must be committed from the database's owner thread
    /// ([`Engine::commit_scan`]): true in the wasm build.
    pub const DEFERS_WRITES: bool = cfg!(target_family = "wasm");

    /// Scans `target`, compares it with the stored state, parses what was added or modified
    /// (unless `request.parse` is off) and persists it all: [`Engine::prepare_scan`],
    /// [`Engine::run_scan`] and [`Engine::commit_scan`] on the calling thread.
    ///
    /// Errors: `SCAN_ERROR` when the root cannot be listed, storage codes (`DB_BUSY`,
    /// `DB_DISK_FULL`, ...) when results cannot be saved. A cancelled scan is not an error: it
    /// returns a partial diff. Unreadable files and the like are in `diff.errors`.
    pub fn scan(
        &self,
        target: ScanTarget,
        request: ScanRequest,
        events: Option<&dyn DriftEventHandler>,
        cancel: &CancellationToken,
    ) -> Result<ScanOutcome, RuntimeError> {
        let prepared = self.prepare_scan(target, request)?;
        let mut outcome = self.run_scan(prepared, events, cancel)?;
        self.commit_scan(&mut outcome)?;
        Ok(outcome)
    }

    /// Starts a scan: a new generation, and the stored state it is compared with. In the wasm
    /// build, call it on the thread that opened the engine.
    pub fn prepare_scan(
        &self,
        target: ScanTarget,
        request: ScanRequest,
    ) -> Result<PreparedScan, RuntimeError> {
        let mut ignore_db = Vec::new();
        let (source, project): (Box<dyn FileSource + Send>, String) = match target {
            ScanTarget::Directory(dir) => {
                // Lexically normalized (`root/.` is `root`), so the project name is stable.
                let dir: PathBuf = self.root.join(dir).components().collect();
                // drift.db (and its -wal, -shm, -journal) changes with every scan: never scan it.
                if let Ok(inside) = self.db_path.strip_prefix(&dir) {
                    let inside = inside.to_string_lossy().replace('\\', "/");
                    ignore_db = vec![format!("/{inside}"), format!("/{inside}-*")];
                }
                let project = dir.to_string_lossy().into_owned();
                (Box::new(OsSource::new(dir)), project)
            }
            ScanTarget::Memory { source, project } => (Box::new(source), project),
            ScanTarget::Listed { source, project } => (source, project),
        };
        if Self::DEFERS_WRITES
            && self.bulk_load.load(Ordering::Acquire)
            && lock(&self.in_flight).is_empty()
        {
            // A bulk load whose scan failed before it could be ended: end it now.
            self.end_bulk_load()?;
        }
        let generation = self.db.write(|tx| scans::begin_scan(tx, &project))?;
        let bulk = request.parse && self.begin_bulk_load()?;
        let previous = if request.full {
            Arc::from(Vec::new())
        } else {
            Arc::from(self.db.read(scans::entries)?)
        };
        Ok(PreparedScan {
            source,
            project,
            ignore_db,
            request,
            generation,
            previous,
            bulk,
            wake: None,
        })
    }

    /// Natively, waits for the writer (and ends a bulk load); in the wasm build, hands back what
    /// is left to write.
    #[expect(
        clippy::type_complexity,
        reason = "the two halves of a finished sink, taken apart at once by the caller"
    )]
    fn finish_sink(
        &self,
        sink: Sink,
        bulk: bool,
    ) -> Result<(Result<BatchStats, StorageError>, Option<Arc<PendingWrites>>), RuntimeError> {
        Ok(match sink {
            Sink::Writer(writer) => {
                let finished = writer.finish();
                if bulk {
                    self.end_bulk_load()?;
                }
                (finished, None)
            }
            Sink::Deferred(pending) => (Ok(BatchStats::default()), Some(pending)),
        })
    }

    /// Makes this scan the bulk load when no other is and the extracted tables are empty.
    fn begin_bulk_load(&self) -> Result<bool, RuntimeError> {
        if self.bulk_load.swap(true, Ordering::AcqRel) {
            return Ok(false);
        }
        let bulk = self.db.write(scans::begin_bulk_load);
        if !matches!(bulk, Ok(true)) {
            self.bulk_load.store(false, Ordering::Release);
        }
        Ok(bulk?)
    }

    /// Ends the bulk load: builds the indexes it dropped.
    fn end_bulk_load(&self) -> Result<(), RuntimeError> {
        let built = self.db.write(scans::ensure_indexes);
        self.bulk_load.store(false, Ordering::Release);
        Ok(built?)
    }

    /// Runs a prepared scan on the pool. Natively its results are durable when it returns; in
    /// the wasm build they are in [`ScanOutcome::deferred`] until [`Engine::commit_scan`].
    pub fn run_scan(
        &self,
        prepared: PreparedScan,
        events: Option<&dyn DriftEventHandler>,
        cancel: &CancellationToken,
    ) -> Result<ScanOutcome, RuntimeError> {
        let mut config = self.config();
        let PreparedScan {
            source,
            project,
            ignore_db,
            request,
            generation,
            previous,
            bulk,
            wake,
        } = prepared;
        config.scan.extra_ignore.extend(ignore_db);
        let sink = self.sink(wake, &config.storage)?;
        let baseline = Prepared { previous };
        // The stored state was read when the scan was prepared; a full scan read none.
        let mode = BaselineMode::Incremental;
        let failure: Mutex<Option<RuntimeError>> = Mutex::new(None);
        let analyses = Analyses::of(&config);
        let packs = self.packs();
        let store_file = |entry: &ScanEntry,
                          bytes: &[u8],
                          parsed: Option<(Arc<ParseResult>, Origin)>,
                          found: Option<FileDetections>| {
            let sent = file_command(generation, entry, bytes, parsed, found, analyses)
                .and_then(|command| command.map_or(Ok(()), |command| sink.send(command)));
            if let Err(err) = sent {
                failure
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .get_or_insert(err);
            }
        };
        let result = if request.parse {
            Pipeline {
                pool: &self.pool,
                config: &config.scan,
                parsers: &self.parsers,
                events,
                cancel: cancel.clone(),
                on_file: Some(&store_file),
                detection: config.detection.enabled.then(|| packs.get()),
            }
            .run(source.as_ref(), &baseline, &project, mode)
            .map(|(diff, parsed)| (diff, Some(parsed)))
        } else {
            self.scan_only(
                &config.scan,
                events,
                cancel,
                source.as_ref(),
                &baseline,
                &project,
            )
            .map(|diff| (diff, None))
        };
        let scanned = Instant::now();
        let (persisted, deferred) = self.finish_sink(sink, bulk)?;
        let failed = failure.into_inner().unwrap_or_else(PoisonError::into_inner);
        let (diff, parsed) = match (failed, result.map_err(RuntimeError::from)) {
            (None, Ok(found)) => found,
            (Some(err), _) | (None, Err(err)) => {
                if let Some(pending) = &deferred {
                    // A bulk load of this scan ends at the next scan's preparation, on the
                    // thread that owns the database (this may not be it).
                    self.forget(pending);
                }
                return Err(err);
            }
        };
        let complete = diff.status == ScanStatus::Complete;
        let mut outcome = ScanOutcome {
            diff,
            parsed,
            generation,
            persisted: persisted?,
            persist_wait: Duration::ZERO,
            deferred: None,
        };
        match deferred {
            Some(pending) => {
                outcome.deferred = Some(Deferred {
                    pending,
                    record: complete.then_some(project),
                    full: request.full,
                    bulk,
                });
            }
            None if complete => self.record(&project, &outcome, request.full)?,
            None => {}
        }
        outcome.persist_wait = scanned.elapsed();
        if outcome.deferred.is_none() {
            log_stored(&outcome);
        }
        Ok(outcome)
    }

    /// Where a scan's writes go: the batch writer natively, a queue for this thread in wasm.
    fn sink(
        &self,
        wake: Option<Wake>,
        storage: &drift_core::config::StorageConfig,
    ) -> Result<Sink, RuntimeError> {
        Ok(if Self::DEFERS_WRITES {
            let pending = Arc::new(PendingWrites {
                wake,
                batch: storage.batch_size.max(1),
                ..PendingWrites::default()
            });
            lock(&self.in_flight).push(Arc::clone(&pending));
            Sink::Deferred(pending)
        } else {
            Sink::Writer(BatchWriter::start(Arc::clone(&self.db), storage)?)
        })
    }

    /// A scan that reads and hashes without parsing.
    fn scan_only(
        &self,
        config: &drift_core::config::ScanConfig,
        events: Option<&dyn DriftEventHandler>,
        cancel: &CancellationToken,
        source: &(dyn FileSource + Send),
        baseline: &Prepared,
        project: &str,
    ) -> Result<ScanDiff, drift_core::errors::ScanError> {
        let mut scanner = Scanner::new(&self.pool, config).with_cancellation(cancel.clone());
        if let Some(events) = events {
            scanner = scanner.with_events(events);
        }
        scanner.scan_with_baseline(source, baseline, project, BaselineMode::Incremental)
    }

    /// Writes what running scans have parsed so far and left for this thread (the wasm build:
    /// call it on the thread that opened the engine, e.g. on a timer while a scan runs, so the
    /// writes overlap the parsing and the results do not pile up in memory). Returns the rows
    /// written; natively there is never anything to write.
    ///
    /// A failed write is returned here and again by the scan's [`Engine::commit_scan`], which
    /// then does not record the scan.
    pub fn write_pending(&self) -> Result<u64, RuntimeError> {
        let in_flight: Vec<Arc<PendingWrites>> = lock(&self.in_flight).clone();
        let mut rows = 0;
        for pending in in_flight {
            rows += self.write_from(&pending)?.rows;
        }
        Ok(rows)
    }

    /// Writes the commands `pending` holds now, in transactions of `storage.batch_size`.
    fn write_from(&self, pending: &PendingWrites) -> Result<BatchStats, RuntimeError> {
        let commands = std::mem::take(&mut *lock(&pending.commands));
        pending.woken.store(false, Ordering::Release);
        if commands.is_empty() {
            return Ok(BatchStats::default());
        }
        let started = Instant::now();
        let written = (|| {
            let writer = BatchWriter::start(Arc::clone(&self.db), &self.config().storage)?;
            for command in commands {
                writer.send(command)?;
            }
            Ok::<_, RuntimeError>(writer.finish()?)
        })();
        match written {
            Ok(stats) => {
                tracing::debug!(
                    rows = stats.rows,
                    ms = started.elapsed().as_millis(),
                    "batch written on the owner thread"
                );
                let mut total = lock(&pending.written);
                total.transactions += stats.transactions;
                total.rows += stats.rows;
                total.busy += stats.busy;
                Ok(stats)
            }
            Err(err) => {
                let message = err.to_string();
                lock(&pending.failure).get_or_insert(err);
                Err(RuntimeError::Storage(StorageError::Database {
                    source: format!("a write of a running scan failed: {message}").into(),
                }))
            }
        }
    }

    fn forget(&self, pending: &Arc<PendingWrites>) {
        lock(&self.in_flight).retain(|other| !Arc::ptr_eq(other, pending));
    }

    /// Writes what [`Engine::run_scan`] deferred (nothing natively) and
    /// [`Engine::write_pending`] has not written yet, and records the scan when it completed.
    /// In the wasm build, call it on the thread that opened the engine.
    ///
    /// Errors: storage codes, also for a write that failed earlier in [`Engine::write_pending`]
    /// (the scan is then not recorded).
    pub fn commit_scan(&self, outcome: &mut ScanOutcome) -> Result<(), RuntimeError> {
        let Some(deferred) = outcome.deferred.take() else {
            return Ok(());
        };
        let started = Instant::now();
        let written = self.write_from(&deferred.pending);
        self.forget(&deferred.pending);
        if deferred.bulk {
            self.end_bulk_load()?;
        }
        if let Some(err) = lock(&deferred.pending.failure).take() {
            return Err(err);
        }
        written?;
        outcome.persisted = *lock(&deferred.pending.written);
        if let Some(project) = deferred.record {
            self.record(&project, outcome, deferred.full)?;
        }
        outcome.persist_wait += started.elapsed();
        log_stored(outcome);
        Ok(())
    }

    /// Records a complete scan. A full scan compared with nothing, so stored files it did not
    /// see are removed here.
    fn record(&self, project: &str, outcome: &ScanOutcome, full: bool) -> Result<(), RuntimeError> {
        self.db.write(|tx| {
            if full {
                scans::remove_missing(tx, &outcome.diff.entries)?;
            }
            scans::record_scan(tx, project, &outcome.diff, outcome.generation)
        })?;
        if self.config().detection.enabled && outcome.parsed.is_some() {
            self.learn()?;
        }
        if outcome.parsed.is_some()
            && let Err(err) = self.warm_up_graph()
        {
            // Only a warm-up: the scan is recorded, and the first graph builds as it would.
            tracing::warn!(%err, "call graph warm-up skipped");
        }
        Ok(())
    }
}
/// One log line per stored scan (`drift_engine=info`).
fn log_stored(outcome: &ScanOutcome) {
    tracing::info!(
        files = outcome.diff.entries.len(),
        added = outcome.diff.added.len(),
        modified = outcome.diff.modified.len(),
        removed = outcome.diff.removed.len(),
        skipped = outcome.diff.errors.len(),
        ms = outcome.diff.stats.total.as_millis(),
        "scan stored"
    );
}

/// What a scan stores of each file, from the configuration.
#[derive(Debug, Clone, Copy)]
struct Analyses {
    /// `parse.persistent_cache`.
    cache_results: bool,
    /// `[security]`: which analyses run.
    security: drift_core::config::SecurityConfig,
}

impl Analyses {
    fn of(config: &drift_core::config::DriftConfig) -> Self {
        Self {
            cache_results: config.parse.persistent_cache,
            security: config.security,
        }
    }
}

/// The batch command storing what one added or modified file holds (`None` for a file with
/// nothing to store before the scan is recorded).
fn file_command(
    generation: i64,
    entry: &ScanEntry,
    bytes: &[u8],
    parsed: Option<(Arc<ParseResult>, Origin)>,
    found: Option<FileDetections>,
    analyses: Analyses,
) -> Result<Option<BatchCommand>, RuntimeError> {
    let secrets = if analyses.security.secrets {
        SecretPack::builtin().scan(&entry.path, bytes)
    } else {
        Vec::new()
    };
    let detections = found.map(|mut found| {
        redact(&mut found, &secret_values(&secrets, bytes));
        (scope_of(&entry.path).to_owned(), found)
    });
    let Some((result, origin)) = parsed else {
        // Without a parse the file's row is written when the scan is recorded, and rows from
        // an older content are cleared then: only findings need a command.
        let detected = detections
            .as_ref()
            .is_some_and(|(_, found)| !found.frameworks.is_empty());
        if secrets.is_empty() && !detected {
            return Ok(None);
        }
        return Ok(Some(BatchCommand::StoreText(Box::new(TextFile {
            generation,
            file: scans::write_of(entry),
            parse_status: if entry.language.is_some() {
                "failed"
            } else {
                "none"
            },
            secrets,
            detections,
        }))));
    };
    let (sensitive_fields, boundaries) = if analyses.security.boundaries {
        (
            SensitiveRules::builtin().fields_of(&result, bytes),
            BoundaryRules::builtin().accesses_of(&result, bytes),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let (taint_flows, taint_summary) = if analyses.security.taint {
        let (flows, summary) = TaintRules::builtin().analyse(&result, bytes);
        let summary = if summary.is_empty() {
            None
        } else {
            Some(
                crate::graph::encode_versioned(SUMMARY_VERSION, &summary).map_err(|err| {
                    RuntimeError::Internal {
                        message: format!(
                            "the taint summary of {} could not be encoded: {err}",
                            entry.path
                        ),
                    }
                })?,
            )
        };
        (flows, summary)
    } else {
        (Vec::new(), None)
    };
    let found = Found {
        secrets,
        sensitive_fields,
        boundaries,
        taint_flows,
        taint_summary,
        detections,
    };
    persist_command(
        generation,
        entry,
        result,
        origin,
        analyses.cache_results,
        found,
    )
    .map(Some)
}

/// Each secret's 1-based line, value and masked preview, read back from `bytes`: what
/// [`redact`] takes out of the matched text detection stores.
fn secret_values(secrets: &[SecretFinding], bytes: &[u8]) -> Vec<(u32, String, String)> {
    if secrets.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&[u8]> = bytes.split(|&byte| byte == b'\n').collect();
    secrets
        .iter()
        .filter_map(|secret| {
            let line = lines.get(secret.line as usize)?;
            let value = line.get(secret.column as usize..secret.end_column as usize)?;
            Some((
                secret.line + 1,
                String::from_utf8_lossy(value).into_owned(),
                secret.masked.clone(),
            ))
        })
        .collect()
}

/// What the security analyses found in one parsed file.
struct Found {
    secrets: Vec<SecretFinding>,
    sensitive_fields: Vec<SensitiveField>,
    boundaries: Vec<DataAccess>,
    taint_flows: Vec<TaintFlow>,
    taint_summary: Option<Vec<u8>>,
    detections: Option<(String, FileDetections)>,
}

/// The batch command storing one parsed file (and its parse-cache entry when it is new and
/// `parse.persistent_cache` is on).
fn persist_command(
    generation: i64,
    entry: &ScanEntry,
    result: Arc<ParseResult>,
    origin: Origin,
    cache_results: bool,
    found: Found,
) -> Result<BatchCommand, RuntimeError> {
    let cache_entry = if origin == Origin::Parsed && cache_results {
        let dialect = ParserManager::dialect_of(&entry.path)?;
        Some((store::dialect_key(dialect), store::encode(&result)?))
    } else {
        None
    };
    let facts = crate::graph::encode_facts(FileFacts::of(&result)).map_err(|err| {
        RuntimeError::Internal {
            message: format!(
                "the call-graph facts of {} could not be encoded: {err}",
                entry.path
            ),
        }
    })?;
    Ok(BatchCommand::StoreParsed(Box::new(ParsedFile {
        generation,
        file: scans::write_of(entry),
        result,
        cache_entry,
        graph_facts: facts,
        secrets: found.secrets,
        sensitive_fields: found.sensitive_fields,
        boundaries: found.boundaries,
        taint_flows: found.taint_flows,
        taint_summary: found.taint_summary,
        detections: found.detections,
    })))
}
