//! What the database holds and how big it is: the project's scan status and the storage
//! statistics behind `queryStatus` and `queryStorageStats`.

use std::path::Path;

use drift_core::errors::StorageError;
use rusqlite::{Connection, OptionalExtension};

use crate::connection::classify;
use crate::scans::{self, Counts};

/// The state of the last scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Scan generations started so far (each complete or partial scan starts one).
    pub generation: i64,
    /// When the last complete scan ended, in seconds since the Unix epoch.
    pub last_scan_at: Option<i64>,
    /// What it scanned (a directory, or the name of an uploaded file set).
    pub last_scan_root: Option<String>,
    /// Rows per table.
    pub counts: Counts,
    /// Files whose parse results are stored (with or without syntax errors).
    pub files_parsed: u64,
    /// Of those, files whose tree had syntax errors.
    pub files_partial: u64,
    /// Schema version (`PRAGMA user_version`).
    pub schema_version: u32,
}

/// The scan status.
pub fn status(connection: &Connection) -> Result<Status, StorageError> {
    let (generation, last_scan_at, last_scan_root) = connection
        .prepare_cached(
            "SELECT generation, last_scan_at, last_scan_root FROM scan_state WHERE id = 1",
        )
        .map_err(classify)?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()
        .map_err(classify)?
        .unwrap_or((0, None, None));
    let by_status = |status: &str| -> Result<u64, StorageError> {
        connection
            .prepare_cached("SELECT count(*) FROM files WHERE parse_status = ?1")
            .map_err(classify)?
            .query_row([status], |row| row.get(0))
            .map_err(classify)
    };
    let partial = by_status("partial")?;
    Ok(Status {
        generation,
        last_scan_at,
        last_scan_root,
        counts: scans::counts(connection)?,
        files_parsed: by_status("parsed")? + partial,
        files_partial: partial,
        schema_version: schema_version(connection)?,
    })
}

fn schema_version(connection: &Connection) -> Result<u32, StorageError> {
    connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(classify)
}

/// Sizes of the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageStats {
    /// Bytes per page.
    pub page_size: u64,
    /// Pages in the main file.
    pub page_count: u64,
    /// Unused pages (reclaimed by incremental vacuum).
    pub freelist_count: u64,
    /// `page_size * page_count`.
    pub database_bytes: u64,
    /// Size of the `-wal` file (0 without one).
    pub wal_bytes: u64,
    /// Entries in the persisted parse cache.
    pub parse_cache_entries: u64,
    /// Rows per table.
    pub counts: Counts,
    /// `wal`, `truncate`, ...
    pub journal_mode: String,
    /// Schema version.
    pub schema_version: u32,
}

/// Sizes of the database at `path` as seen through `connection`.
pub fn storage_stats(connection: &Connection, path: &Path) -> Result<StorageStats, StorageError> {
    let pragma = |name: &str| -> Result<u64, StorageError> {
        connection
            .pragma_query_value(None, name, |row| row.get(0))
            .map_err(classify)
    };
    let page_size = pragma("page_size")?;
    let page_count = pragma("page_count")?;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    Ok(StorageStats {
        page_size,
        page_count,
        freelist_count: pragma("freelist_count")?,
        database_bytes: page_size * page_count,
        wal_bytes: std::fs::metadata(wal).map_or(0, |meta| meta.len()),
        parse_cache_entries: crate::parse_cache::count(connection)?,
        counts: scans::counts(connection)?,
        journal_mode: connection
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .map_err(classify)?,
        schema_version: schema_version(connection)?,
    })
}
