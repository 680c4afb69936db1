//! What a scan produces: one [`ScanEntry`] per file and a [`ScanDiff`] against the previous
//! scan. The scanner (`drift-analysis`) makes them; storage (`drift-storage`) persists them.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crate::errors::{DriftErrorCode, ScanError};
use crate::types::{ContentHash, Language};

/// One scanned file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScanEntry {
    /// Path relative to the scan root, `/`-separated and normalised (`src/app.ts`).
    pub path: String,
    /// xxh3-64 of the file's bytes.
    pub content_hash: ContentHash,
    /// Modification time in nanoseconds since the Unix epoch (negative before it; 0 when the
    /// source does not know).
    pub mtime_ns: i64,
    /// Size in bytes.
    pub size: u64,
    /// The language from the file extension, `None` for files Drift cannot parse.
    pub language: Option<Language>,
}

/// Whether a scan saw the whole project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanStatus {
    /// Every file was processed.
    Complete,
    /// The scan was cancelled: `entries` holds only fully processed files, and `removed` is
    /// empty unless discovery finished before the cancellation.
    Partial,
}

/// A file or ignore pattern the scan skipped, and why. The scan goes on after an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanIssue {
    /// The file or directory concerned (relative to the root), if any.
    pub path: Option<String>,
    /// The error's registry code (`SCAN_ERROR`, `PERMISSION_DENIED`, ...).
    pub code: &'static str,
    /// A sentence a user can act on.
    pub message: String,
}

impl ScanIssue {
    /// The issue for `error` about `path`.
    #[must_use]
    pub fn new(path: Option<String>, error: &ScanError) -> Self {
        Self {
            path,
            code: error.code(),
            message: error.to_string(),
        }
    }
}

/// Why a directory was not scanned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IgnoreReason {
    /// A built-in name ([`DEFAULT_IGNORE_DIRS`](crate::constants::DEFAULT_IGNORE_DIRS)).
    Default,
    /// A line of a `.gitignore` or `.driftignore`.
    IgnoreFile {
        /// The ignore file, relative to the root.
        file: String,
        /// The line as written.
        pattern: String,
    },
    /// A pattern of `scan.extra_ignore`.
    Config {
        /// The pattern as written.
        pattern: String,
    },
}

impl std::fmt::Display for IgnoreReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Default => f.write_str("dependencies or build output (built-in ignore)"),
            Self::IgnoreFile { file, pattern } => write!(f, "`{pattern}` in {file}"),
            Self::Config { pattern } => write!(f, "`{pattern}` in scan.extra_ignore"),
        }
    }
}

/// A directory the scan did not enter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredDir {
    /// Relative to the root.
    pub path: String,
    /// Why.
    pub reason: IgnoreReason,
}

/// Timings, throughput and counts of one scan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanStats {
    /// Walking directories and evaluating ignore rules.
    pub discovery: Duration,
    /// Reading and hashing files (including the incremental shortcut).
    pub hashing: Duration,
    /// Assembling the diff.
    pub diff: Duration,
    /// The whole scan.
    pub total: Duration,
    /// Files in `entries`.
    pub files: u64,
    /// Total size of the files in `entries`.
    pub bytes: u64,
    /// Files actually read (the rest were recognised as unchanged from size and mtime).
    pub files_read: u64,
    /// Bytes actually read.
    pub bytes_read: u64,
    /// `files / total`, in files per second.
    pub files_per_sec: f64,
    /// `bytes / total`, in MiB per second.
    pub mb_per_sec: f64,
    /// Entries per detected language.
    pub by_language: BTreeMap<Language, u64>,
    /// Entries without a known language.
    pub unknown_language: u64,
    /// Files and directories skipped by an ignore rule (an ignored directory counts once).
    pub skipped_ignored: u64,
    /// Files over `scan.max_file_size`.
    pub skipped_too_large: u64,
    /// Files and directories skipped because of an issue (see [`ScanDiff::errors`]).
    pub skipped_errors: u64,
}

/// The result of a scan, compared with the previous one.
///
/// Every path list is sorted; a path is in at most one of `added`, `modified`, `unchanged`
/// (exactly the paths of `entries`) and `removed`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanDiff {
    /// Files that were not in the previous scan.
    pub added: Vec<String>,
    /// Files whose content hash changed.
    pub modified: Vec<String>,
    /// Files of the previous scan that are gone (deleted, now ignored or now too large).
    pub removed: Vec<String>,
    /// Files whose content did not change (including touched-but-identical files, whose
    /// entry carries the new mtime).
    pub unchanged: Vec<String>,
    /// Every scanned file, sorted by path.
    pub entries: Vec<ScanEntry>,
    /// Files, directories and ignore patterns that were skipped, sorted by path.
    pub errors: Vec<ScanIssue>,
    /// Directories left out by an ignore rule, sorted by path (`scan.extra_ignore = ["!path/"]`
    /// brings one back).
    pub ignored_dirs: Vec<IgnoredDir>,
    /// Timings and counts.
    pub stats: ScanStats,
    /// Whether the scan finished.
    pub status: ScanStatus,
}

impl ScanDiff {
    /// xxh3-64 over every entry's path, content hash, size and language, in path order: two
    /// scans that saw the same files with the same contents have the same digest, whichever
    /// source, build or pool produced them. Modification times are left out (they differ
    /// between a disk and the same files uploaded elsewhere).
    #[must_use]
    pub fn digest(&self) -> ContentHash {
        let mut bytes = Vec::with_capacity(self.entries.len() * 64);
        for entry in &self.entries {
            bytes.extend_from_slice(entry.path.as_bytes());
            bytes.push(0);
            bytes.extend_from_slice(&entry.content_hash.0.to_le_bytes());
            bytes.extend_from_slice(&entry.size.to_le_bytes());
            bytes.extend_from_slice(entry.language.map_or("", Language::name).as_bytes());
            bytes.push(0);
        }
        ContentHash::of(&bytes)
    }
}

/// Previous scan state, keyed by project (a root path, or a name for in-memory sources).
pub trait Baseline: Send + Sync {
    /// The entries of the last complete scan of `project`; empty when there was none.
    fn previous(&self, project: &str) -> Result<Arc<[ScanEntry]>, ScanError>;

    /// Records a complete scan of `project` as the state the next scan is compared with.
    fn record(&self, project: &str, diff: &ScanDiff) -> Result<(), ScanError>;
}
