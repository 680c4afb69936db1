//! The scanner: finds a project's files, hashes them, and says what changed since last time.
//!
//! One code path serves every [`FileSource`]: [`OsSource`] for a directory on disk,
//! [`MemorySource`] and [`ListedSource`] for files uploaded in the browser. All get the same ignore semantics
//! (`.gitignore` (also outside git repositories), hierarchical `.driftignore` where deeper
//! files win, `scan.extra_ignore`, the 19 default directories; precedence is documented in
//! `rules.rs`), the same size limit, and the same change detection:
//!
//! 1. a file whose size and mtime match the previous entry is unchanged without being read
//!    (when `scan.incremental` is on);
//! 2. otherwise it is read and hashed (xxh3); an identical hash is still unchanged, and the
//!    entry takes the new mtime, so the next scan takes the shortcut again.
//!
//! Work runs on the caller's pool only (directories of one depth level in parallel, then one
//! file per task); the scanner never starts threads. Cancellation is checked per directory
//! level and per file: a cancelled scan returns a [`ScanStatus::Partial`] diff with entries for
//! the files fully processed.
//!
//! # Errors
//!
//! [`Scanner::scan`] fails only when the root cannot be listed. Unreadable files and
//! directories, symbolic link loops, non-UTF-8 names and malformed ignore patterns become
//! [`ScanIssue`]s in [`ScanDiff::errors`] and the scan goes on.

mod baseline;
mod rules;
mod scan;
mod source;
mod walk;

/// The scan's value types live in `drift-core`, where storage can use them too.
use drift_core::types::scan as types;

pub use baseline::{Baseline, BaselineMode, SnapshotBaseline};
pub use scan::{ChangedFileHook, Scanner};
pub use source::{
    Delivery, DirEntry, DirId, EntryKind, FileSource, ListedSource, MemorySource, OsSource,
    ReadListed,
};
pub use types::{IgnoreReason, IgnoredDir, ScanDiff, ScanEntry, ScanIssue, ScanStats, ScanStatus};
