//! Opening connections: the pragmas every connection gets, and the mapping from driver errors
//! to [`StorageError`] codes.

use std::path::Path;
use std::time::Duration;

use drift_core::config::StorageConfig;
use drift_core::errors::StorageError;
use rusqlite::{Connection, ErrorCode, OpenFlags};

/// Classifies a driver error: busy, corrupt and full get their own codes.
#[must_use]
pub fn classify(err: rusqlite::Error) -> StorageError {
    if let rusqlite::Error::SqliteFailure(failure, message) = &err {
        match failure.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return StorageError::Busy,
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                return StorageError::Corrupt {
                    detail: message.clone().unwrap_or_else(|| failure.to_string()),
                };
            }
            ErrorCode::DiskFull => return StorageError::DiskFull,
            _ => {}
        }
    }
    StorageError::Database {
        source: Box::new(err),
    }
}

/// Pragmas shared by every connection.
fn common_pragmas(connection: &Connection, config: &StorageConfig) -> rusqlite::Result<()> {
    connection.busy_timeout(Duration::from_millis(config.busy_timeout_ms))?;
    // Negative cache_size is in KiB.
    let cache_kib = i64::try_from(config.page_cache_mib.saturating_mul(1024)).unwrap_or(i64::MAX);
    connection.pragma_update(None, "cache_size", -cache_kib)?;
    let mmap = i64::try_from(config.mmap_mib.saturating_mul(1024 * 1024)).unwrap_or(i64::MAX);
    connection.pragma_update(None, "mmap_size", mmap)?;
    connection.pragma_update(None, "temp_store", "MEMORY")?;
    connection.pragma_update(None, "foreign_keys", true)?;
    connection.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// The read-write connection: creates the file, switches it to WAL with `synchronous=NORMAL`
/// and incremental auto-vacuum (which must be set before the first table exists).
pub fn open_writer(path: &Path, config: &StorageConfig) -> Result<Connection, StorageError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| StorageError::Open {
            path: path.to_owned(),
            source: Box::new(err),
        })?;
    }
    let open = |err: rusqlite::Error| match classify(err) {
        StorageError::Database { source } => StorageError::Open {
            path: path.to_owned(),
            source,
        },
        other => other,
    };
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(open)?;
    // Before anything reads the file: a database last written natively is in WAL mode, which
    // the wasm build can only open holding it exclusively (no shared memory for the WAL index).
    if cfg!(target_family = "wasm") {
        connection
            .pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(open)?;
    }
    common_pragmas(&connection, config).map_err(open)?;
    if !cfg!(target_family = "wasm") {
        // Natively the writer neither maps the file nor sorts in memory: a bulk load touches
        // every page and builds its indexes with sorts of millions of keys, and both counted in
        // full against the process (256 MB of mapped pages and as much sorter memory on a
        // 100K-file scan). Readers keep the mapping.
        connection
            .pragma_update(None, "mmap_size", 0)
            .map_err(open)?;
        connection
            .pragma_update(None, "temp_store", "FILE")
            .map_err(open)?;
    }
    connection
        .pragma_update(None, "auto_vacuum", "INCREMENTAL")
        .map_err(open)?;
    journal(&connection, path).map_err(|err| match err {
        StorageError::Database { source } => StorageError::Open {
            path: path.to_owned(),
            source,
        },
        other => other,
    })?;
    connection
        .pragma_update(None, "synchronous", "NORMAL")
        .map_err(open)?;
    Ok(connection)
}

/// WAL natively: readers run beside the writer and see only committed transactions.
#[cfg(not(target_family = "wasm"))]
fn journal(connection: &Connection, path: &Path) -> Result<(), StorageError> {
    set_journal_mode(connection, path, "wal")
}

/// In the wasm build `SQLite` has no shared memory for a WAL index and one connection owns the
/// file, so it is held exclusively with a rollback journal (truncated after each commit): a
/// committed transaction is wholly in the main file, which is what the browser saves.
#[cfg(target_family = "wasm")]
fn journal(connection: &Connection, path: &Path) -> Result<(), StorageError> {
    set_journal_mode(connection, path, "truncate")
}

fn set_journal_mode(
    connection: &Connection,
    path: &Path,
    wanted: &str,
) -> Result<(), StorageError> {
    let mode: String = connection
        .pragma_update_and_check(None, "journal_mode", wanted, |row| row.get(0))
        .map_err(classify)?;
    if mode.eq_ignore_ascii_case(wanted) {
        Ok(())
    } else {
        Err(StorageError::Open {
            path: path.to_owned(),
            source: format!("the file system refused {wanted} journaling (journal_mode is {mode})")
                .into(),
        })
    }
}

/// A read-only connection to an existing database.
pub fn open_reader(path: &Path, config: &StorageConfig) -> Result<Connection, StorageError> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|err| StorageError::Open {
        path: path.to_owned(),
        source: Box::new(err),
    })?;
    common_pragmas(&connection, config).map_err(classify)?;
    Ok(connection)
}
