//! [`Engine::scan`]: scan, parse what changed, and persist it, in one pass.
//!
//! The previous state is the `files` table. Each parsed file is handed to the batch writer
//! from the worker that parsed it (a thread natively, inline in the wasm build), together with
//! its parse-cache entry when it was freshly parsed; when the scan completes, the writer is
//! flushed and the scan is recorded (unchanged files touched, removed files deleted) in one
//! transaction. A cancelled scan keeps what it stored (those files are then unchanged for the
//! next scan) and records nothing else.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use drift_analysis::parsers::{Origin, ParseResult, ParserManager};
use drift_analysis::pipeline::{ParseSummary, Pipeline};
use drift_analysis::scanner::{
    Baseline, BaselineMode, FileSource, MemorySource, OsSource, ScanDiff, ScanEntry, Scanner,
};
use drift_core::CancellationToken;
use drift_core::errors::{RuntimeError, ScanError};
use drift_core::events::DriftEventHandler;
use drift_storage::Database;
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
}

/// The stored state as the scanner's baseline, recording into the scan's generation.
struct Stored<'a> {
    db: &'a Database,
    writer: &'a BatchWriter,
    generation: i64,
}

impl Baseline for Stored<'_> {
    fn previous(&self, _project: &str) -> Result<Arc<[ScanEntry]>, ScanError> {
        self.db
            .read(scans::entries)
            .map(Arc::from)
            .map_err(ScanError::Storage)
    }

    fn record(&self, project: &str, diff: &ScanDiff) -> Result<(), ScanError> {
        self.writer.flush()?;
        self.db
            .write(|tx| scans::record_scan(tx, project, diff, self.generation))
            .map_err(ScanError::Storage)
    }
}

impl Engine {
    /// Scans `target`, compares it with the stored state, parses what was added or modified
    /// (unless `request.parse` is off) and persists it all.
    ///
    /// Errors: `SCAN_ERROR` when the root cannot be listed, storage codes (`DB_BUSY`,
    /// `DB_DISK_FULL`, ...) when results cannot be saved, `CANCELLED` never (a cancelled scan
    /// returns a partial diff). Unreadable files and the like are in `diff.errors`.
    pub fn scan(
        &self,
        target: ScanTarget,
        request: ScanRequest,
        events: Option<&dyn DriftEventHandler>,
        cancel: &CancellationToken,
    ) -> Result<ScanOutcome, RuntimeError> {
        let config = self.config();
        let (source, project): (Box<dyn FileSource>, String) = match target {
            ScanTarget::Directory(dir) => {
                let dir = self.root.join(dir);
                let project = dir.to_string_lossy().into_owned();
                (Box::new(OsSource::new(dir)), project)
            }
            ScanTarget::Memory { source, project } => (Box::new(source), project),
        };
        let generation = self.db.write(|tx| scans::begin_scan(tx, &project))?;
        let writer = BatchWriter::start(Arc::clone(&self.db), &config.storage)?;
        let baseline = Stored {
            db: &self.db,
            writer: &writer,
            generation,
        };
        let mode = if request.full {
            BaselineMode::Full
        } else {
            BaselineMode::Incremental
        };
        let failure: Mutex<Option<RuntimeError>> = Mutex::new(None);
        let store_parsed = |entry: &ScanEntry, result: ParseResult, origin: Origin| {
            let sent = persist_command(generation, entry, result, origin)
                .and_then(|command| writer.send(command).map_err(RuntimeError::from));
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
        let persisted = writer.finish();
        if let Some(err) = failure.into_inner().unwrap_or_else(PoisonError::into_inner) {
            return Err(err);
        }
        let (diff, parsed) = result?;
        Ok(ScanOutcome {
            diff,
            parsed,
            generation,
            persisted: persisted?,
            persist_wait: scanned.elapsed(),
        })
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
