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
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use drift_analysis::parsers::{Origin, ParseResult, ParserManager};
use drift_analysis::pipeline::{ParseSummary, Pipeline};
use drift_analysis::scanner::{
    Baseline, BaselineMode, FileSource, MemorySource, OsSource, ScanDiff, ScanEntry, ScanStatus,
    Scanner,
};
use drift_core::CancellationToken;
use drift_core::errors::{RuntimeError, ScanError};
use drift_core::events::DriftEventHandler;
use drift_storage::batch::{BatchCommand, BatchStats, BatchWriter, ParsedFile};
use drift_storage::scans;

use crate::{Engine, store};

/// What to scan.
#[derive(Debug)]
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
    commands: Vec<BatchCommand>,
    /// The project to record the scan for, when it completed.
    record: Option<String>,
    full: bool,
}

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
    /// In the wasm build: kept for [`Engine::commit_scan`].
    Deferred(Mutex<Vec<BatchCommand>>),
}

impl Sink {
    fn send(&self, command: BatchCommand) -> Result<(), RuntimeError> {
        match self {
            Self::Writer(writer) => Ok(writer.send(command)?),
            Self::Deferred(commands) => {
                commands
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(command);
                Ok(())
            }
        }
    }
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
        };
        let generation = self.db.write(|tx| scans::begin_scan(tx, &project))?;
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
        })
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
        } = prepared;
        config.scan.extra_ignore.extend(ignore_db);
        let sink = if Self::DEFERS_WRITES {
            Sink::Deferred(Mutex::new(Vec::new()))
        } else {
            Sink::Writer(BatchWriter::start(Arc::clone(&self.db), &config.storage)?)
        };
        let baseline = Prepared { previous };
        // The stored state was read when the scan was prepared; a full scan read none.
        let mode = BaselineMode::Incremental;
        let failure: Mutex<Option<RuntimeError>> = Mutex::new(None);
        let store_parsed = |entry: &ScanEntry, result: ParseResult, origin: Origin| {
            let sent = persist_command(generation, entry, result, origin)
                .and_then(|command| sink.send(command));
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
                on_parsed: Some(&store_parsed),
            }
            .run(source.as_ref(), &baseline, &project, mode)
            .map(|(diff, parsed)| (diff, Some(parsed)))
        } else {
            let mut scanner =
                Scanner::new(&self.pool, &config.scan).with_cancellation(cancel.clone());
            if let Some(events) = events {
                scanner = scanner.with_events(events);
            }
            scanner
                .scan_with_baseline(source.as_ref(), &baseline, &project, mode)
                .map(|diff| (diff, None))
        };
        let scanned = Instant::now();
        let (persisted, deferred) = match sink {
            Sink::Writer(writer) => (writer.finish(), None),
            Sink::Deferred(commands) => (
                Ok(BatchStats::default()),
                Some(
                    commands
                        .into_inner()
                        .unwrap_or_else(PoisonError::into_inner),
                ),
            ),
        };
        if let Some(err) = failure.into_inner().unwrap_or_else(PoisonError::into_inner) {
            return Err(err);
        }
        let (diff, parsed) = result?;
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
            Some(commands) => {
                outcome.deferred = Some(Deferred {
                    commands,
                    record: complete.then_some(project),
                    full: request.full,
                });
            }
            None if complete => self.record(&project, &outcome, request.full)?,
            None => {}
        }
        outcome.persist_wait = scanned.elapsed();
        Ok(outcome)
    }

    /// Writes what [`Engine::run_scan`] deferred (nothing natively), in transactions of
    /// `storage.batch_size` commands, and records the scan when it completed. In the wasm
    /// build, call it on the thread that opened the engine.
    pub fn commit_scan(&self, outcome: &mut ScanOutcome) -> Result<(), RuntimeError> {
        let Some(deferred) = outcome.deferred.take() else {
            return Ok(());
        };
        let started = Instant::now();
        let writer = BatchWriter::start(Arc::clone(&self.db), &self.config().storage)?;
        for command in deferred.commands {
            writer.send(command)?;
        }
        outcome.persisted = writer.finish()?;
        if let Some(project) = deferred.record {
            self.record(&project, outcome, deferred.full)?;
        }
        outcome.persist_wait += started.elapsed();
        Ok(())
    }

    /// Records a complete scan. A full scan compared with nothing, so stored files it did not
    /// see are removed here.
    fn record(&self, project: &str, outcome: &ScanOutcome, full: bool) -> Result<(), RuntimeError> {
        Ok(self.db.write(|tx| {
            if full {
                scans::remove_missing(tx, &outcome.diff.entries)?;
            }
            scans::record_scan(tx, project, &outcome.diff, outcome.generation)
        })?)
    }
}
/// The batch command storing one parsed file (and its parse-cache entry when it is new).
fn persist_command(
    generation: i64,
    entry: &ScanEntry,
    result: ParseResult,
    origin: Origin,
) -> Result<BatchCommand, RuntimeError> {
    let cache_entry = if origin == Origin::Parsed {
        let dialect = ParserManager::dialect_of(&entry.path)?;
        Some((store::dialect_key(dialect), store::encode(&result)?))
    } else {
        None
    };
    Ok(BatchCommand::StoreParsed(Box::new(ParsedFile {
        generation,
        file: scans::write_of(entry),
        result,
        cache_entry,
    })))
}
