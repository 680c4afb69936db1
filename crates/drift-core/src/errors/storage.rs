use std::path::PathBuf;

use super::{DriftErrorCode, codes};

/// A boxed error from a dependency this crate does not know (e.g. `rusqlite::Error`), kept as
/// the [`source`](std::error::Error::source) of a [`StorageError`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A database operation failed.
///
/// `drift-core` does not depend on the database driver; the storage crate classifies its driver's errors
/// into these variants (busy, corrupt, full, ...) so callers and JavaScript can react to each.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database file could not be opened or created.
    #[error("could not open the database at {}: {source}; check that the folder exists and is writable", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// The driver's error.
        #[source]
        source: BoxError,
    },

    /// Another connection held the lock for longer than the busy timeout.
    #[error(
        "the database is busy: another connection held its lock past the busy timeout; retry, or stop other Drift processes using the same drift.db (a `drift.db.lock` directory beside it with no Drift process running was left by one that died while writing: remove it)"
    )]
    Busy,

    /// The file is damaged or is not a Drift database.
    #[error(
        "the database is corrupt ({detail}); delete drift.db and run a full scan to rebuild it"
    )]
    Corrupt {
        /// What the driver or an integrity check reported.
        detail: String,
    },

    /// The disk is full.
    #[error("the disk holding the database is full; free some space and retry")]
    DiskFull,

    /// A schema migration failed; its transaction was rolled back.
    #[error(
        "migrating the database to schema version {version} failed: {source}; the database was left at the previous version"
    )]
    MigrationFailed {
        /// The version being migrated to.
        version: u32,
        /// The driver's error.
        #[source]
        source: BoxError,
    },

    /// The database was written by a newer Drift.
    #[error(
        "the database uses schema version {found} but this Drift understands up to {supported}; upgrade Drift or delete drift.db to rebuild it"
    )]
    SchemaTooNew {
        /// `PRAGMA user_version` of the file.
        found: u32,
        /// The newest version this build can migrate to.
        supported: u32,
    },

    /// A lock guarding a connection was poisoned by a panic on another thread.
    #[error("the {what} lock was poisoned by a panic on another thread; restart Drift")]
    LockPoisoned {
        /// Which lock (e.g. `"writer connection"`).
        what: &'static str,
    },

    /// The background batch writer is no longer running.
    #[error(
        "the batch writer has stopped, so results can no longer be saved; shut down and initialize Drift again"
    )]
    WriterStopped,

    /// A pagination cursor is malformed or belongs to another query.
    #[error(
        "the pagination cursor is not valid ({reason}); request the first page again without a cursor"
    )]
    InvalidCursor {
        /// What is wrong with it.
        reason: String,
    },

    /// A query filter or page limit is not acceptable.
    #[error("the query is not valid: {reason}")]
    InvalidFilter {
        /// What is wrong and what is accepted.
        reason: String,
    },

    /// The requested row does not exist.
    #[error("{what} was not found")]
    NotFound {
        /// What was looked up, e.g. ``"file `src/a.ts`"``.
        what: String,
    },

    /// Any other driver error.
    #[error("database error: {source}")]
    Database {
        /// The driver's error.
        #[source]
        source: BoxError,
    },
}

impl DriftErrorCode for StorageError {
    fn code(&self) -> &'static str {
        match self {
            Self::Open { .. } | Self::WriterStopped | Self::Database { .. } => codes::STORAGE_ERROR,
            Self::Busy => codes::DB_BUSY,
            Self::Corrupt { .. } => codes::DB_CORRUPT,
            Self::DiskFull => codes::DB_DISK_FULL,
            Self::MigrationFailed { .. } | Self::SchemaTooNew { .. } => codes::MIGRATION_FAILED,
            Self::LockPoisoned { .. } => codes::LOCK_POISONED,
            Self::InvalidCursor { .. } => codes::INVALID_CURSOR,
            Self::InvalidFilter { .. } => codes::INVALID_FILTER,
            Self::NotFound { .. } => codes::NOT_FOUND,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::test_support::check_samples;

    fn variant_index(e: &StorageError) -> usize {
        match e {
            StorageError::Open { .. } => 0,
            StorageError::Busy => 1,
            StorageError::Corrupt { .. } => 2,
            StorageError::DiskFull => 3,
            StorageError::MigrationFailed { .. } => 4,
            StorageError::SchemaTooNew { .. } => 5,
            StorageError::LockPoisoned { .. } => 6,
            StorageError::WriterStopped => 7,
            StorageError::InvalidCursor { .. } => 8,
            StorageError::InvalidFilter { .. } => 9,
            StorageError::NotFound { .. } => 10,
            StorageError::Database { .. } => 11,
        }
    }

    #[test]
    fn every_variant_has_a_registered_code() {
        let samples = [
            StorageError::Open {
                path: "/p/.drift/drift.db".into(),
                source: "unable to open database file".into(),
            },
            StorageError::Busy,
            StorageError::Corrupt {
                detail: "file is not a database".into(),
            },
            StorageError::DiskFull,
            StorageError::MigrationFailed {
                version: 2,
                source: "no such table: x".into(),
            },
            StorageError::SchemaTooNew {
                found: 9,
                supported: 1,
            },
            StorageError::LockPoisoned {
                what: "writer connection",
            },
            StorageError::WriterStopped,
            StorageError::InvalidCursor {
                reason: "not base64".into(),
            },
            StorageError::InvalidFilter {
                reason: "limit must be at most 100".into(),
            },
            StorageError::NotFound {
                what: "file `src/a.ts`".into(),
            },
            StorageError::Database {
                source: "constraint failed".into(),
            },
        ];
        check_samples(&samples, variant_index, 12);
        let codes: Vec<_> = samples.iter().map(DriftErrorCode::code).collect();
        assert_eq!(
            codes,
            [
                "STORAGE_ERROR",
                "DB_BUSY",
                "DB_CORRUPT",
                "DB_DISK_FULL",
                "MIGRATION_FAILED",
                "MIGRATION_FAILED",
                "LOCK_POISONED",
                "STORAGE_ERROR",
                "INVALID_CURSOR",
                "INVALID_FILTER",
                "NOT_FOUND",
                "STORAGE_ERROR",
            ]
        );
    }

    #[test]
    fn boxed_driver_errors_stay_reachable_as_source() {
        let err = StorageError::MigrationFailed {
            version: 3,
            source: "no such column: y".into(),
        };
        let source = std::error::Error::source(&err).expect("driver error is the source");
        assert_eq!(source.to_string(), "no such column: y");
        assert_eq!(
            err.coded_message(),
            "[MIGRATION_FAILED] migrating the database to schema version 3 failed: no such column: y; \
             the database was left at the previous version"
        );
    }
}
