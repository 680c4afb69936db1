//! Event payloads. They borrow nothing so a handler can keep or forward them (e.g. across the
//! napi bridge); counts are `u64` so they convert losslessly on every target.

use std::path::PathBuf;
use std::time::Duration;

use crate::errors::DriftErrorCode;
use crate::types::Language;

/// A scan is starting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanStartedEvent {
    /// The project root being scanned.
    pub root: PathBuf,
    /// Whether unchanged files will be recognised from the previous scan.
    pub incremental: bool,
}

/// Periodic scan progress, about every
/// [`PROGRESS_INTERVAL_FILES`](crate::constants::PROGRESS_INTERVAL_FILES) files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanProgressEvent {
    /// Files processed so far.
    pub processed: u64,
    /// Total files, when already known (a parallel walk discovers and processes at once, so
    /// usually it is not).
    pub total: Option<u64>,
}

/// A scan finished, completely or (when cancelled) partially.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanCompleteEvent {
    /// New files.
    pub added: u64,
    /// Files whose content changed.
    pub modified: u64,
    /// Files that disappeared since the previous scan.
    pub removed: u64,
    /// Files whose content did not change.
    pub unchanged: u64,
    /// Files skipped (too large, unreadable, unsupported).
    pub skipped: u64,
    /// Wall time of the whole scan.
    pub duration: Duration,
    /// Whether the scan was cancelled, making the counts partial.
    pub cancelled: bool,
}

/// Something went wrong during a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanErrorEvent {
    /// The file or directory concerned, if any.
    pub path: Option<PathBuf>,
    /// The error's registry code.
    pub code: &'static str,
    /// The error's message.
    pub message: String,
    /// Whether the scan stopped (`true`) or skipped the entry and went on (`false`).
    pub fatal: bool,
}

impl ScanErrorEvent {
    /// Builds the event from any coded error.
    pub fn from_error<E: DriftErrorCode + ?Sized>(
        error: &E,
        path: Option<PathBuf>,
        fatal: bool,
    ) -> Self {
        Self {
            path,
            code: error.code(),
            message: error.to_string(),
            fatal,
        }
    }
}

/// A batch of files has been parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseCompleteEvent {
    /// Files parsed, including cache hits.
    pub files: u64,
    /// Files whose result came from the parse cache.
    pub cache_hits: u64,
    /// Files that produced a [`ParseError`](crate::errors::ParseError).
    pub errors: u64,
    /// Wall time.
    pub duration: Duration,
}

/// A file could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseErrorEvent {
    /// The file.
    pub path: PathBuf,
    /// Its language, if known.
    pub language: Option<Language>,
    /// The error's registry code.
    pub code: &'static str,
    /// The error's message.
    pub message: String,
}

/// The storage batch writer committed a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchCommittedEvent {
    /// Rows written in the transaction.
    pub rows: u64,
    /// Time spent in the transaction.
    pub duration: Duration,
}
