//! Drift's storage layer: a project's `drift.db`.
//!
//! Where it lives ([`resolve_db_path`]: `storage.db_path` relative to the project root, by
//! default `<root>/.drift/drift.db`); how it is opened ([`Database`]: WAL, one serialized
//! writer, a round-robin pool of read-only readers, the pragmas of the spec); its schema
//! ([`migrations`], tracked by `PRAGMA user_version`, one transaction per step); and what is in
//! it ([`files`], [`parse_cache`]), listed with keyset [`pagination`].
//!
//! ```
//! use std::path::Path;
//!
//! use drift_core::config::StorageConfig;
//! use drift_storage::resolve_db_path;
//!
//! let root = Path::new("/work/project");
//! let db = resolve_db_path(&StorageConfig::default(), root)?;
//! assert_eq!(db, Path::new("/work/project/.drift/drift.db"));
//! # Ok::<(), drift_core::errors::StorageError>(())
//! ```
//!
//! # Errors
//!
//! [`StorageError::Open`] (code `STORAGE_ERROR`) when the configured path cannot name a
//! database file; the message says what is wrong with it.
//!
//! # Performance
//!
//! Resolution is lexical: it touches no file system, so it behaves the same natively and in
//! the browser build, where the file system is virtual.

pub mod batch;
pub mod connection;
mod database;
pub mod detection;
pub mod files;
pub mod listings;
pub mod migrations;
pub mod pagination;
pub mod parse_cache;
pub mod scans;
pub mod security;
pub mod stats;

use std::path::{Component, Path, PathBuf};

pub use database::Database;

use drift_core::config::StorageConfig;
use drift_core::errors::StorageError;

/// The database file for the project at `project_root`: `storage.db_path` resolved against
/// the root (an absolute `db_path` is used as is), or `<project_root>/.drift/drift.db`.
///
/// The result is checked lexically, without touching the file system: it must be absolute (so
/// it does not change meaning with the working directory), end in a file name (not `..`, `.`
/// or a root), and contain no NUL byte (the database driver would silently cut the name there).
pub fn resolve_db_path(
    config: &StorageConfig,
    project_root: &Path,
) -> Result<PathBuf, StorageError> {
    let path = config.db_path_for(project_root);
    let invalid = |reason: &str| StorageError::Open {
        path: path.clone(),
        source: reason.into(),
    };

    if path.as_os_str().as_encoded_bytes().contains(&0) {
        return Err(invalid(
            "the path contains a NUL byte; fix `storage.db_path` or the project root",
        ));
    }
    if !path.is_absolute() {
        return Err(invalid(
            "the path is relative; give an absolute project root or an absolute `storage.db_path`",
        ));
    }
    if !matches!(path.components().next_back(), Some(Component::Normal(_))) {
        return Err(invalid(
            "the path does not end in a file name; set `storage.db_path` to a file such as `.drift/drift.db`",
        ));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use drift_core::errors::{DriftErrorCode, codes};

    use super::*;

    fn with_db_path(db_path: &str) -> StorageConfig {
        StorageConfig {
            db_path: Some(db_path.into()),
            ..StorageConfig::default()
        }
    }

    #[test]
    fn defaults_to_dot_drift_under_the_root() {
        let root = tempfile::tempdir().unwrap();
        let path = resolve_db_path(&StorageConfig::default(), root.path()).unwrap();
        assert_eq!(path, root.path().join(".drift").join("drift.db"));
    }

    #[test]
    fn relative_db_path_is_relative_to_the_root_and_absolute_is_kept() {
        let root = tempfile::tempdir().unwrap();
        let relative = resolve_db_path(&with_db_path("state/x.db"), root.path()).unwrap();
        assert_eq!(relative, root.path().join("state").join("x.db"));

        let elsewhere = tempfile::tempdir().unwrap();
        let absolute = elsewhere.path().join("y.db");
        let config = with_db_path(absolute.to_str().unwrap());
        assert_eq!(resolve_db_path(&config, root.path()).unwrap(), absolute);
    }

    #[test]
    fn rejects_paths_that_cannot_name_a_database_file() {
        let root = tempfile::tempdir().unwrap();
        let cases = [
            (
                with_db_path(".."),
                root.path().to_owned(),
                "does not end in a file name",
            ),
            (
                StorageConfig::default(),
                PathBuf::from("relative/root"),
                "the path is relative",
            ),
            (with_db_path("a\0b.db"), root.path().to_owned(), "NUL byte"),
        ];
        for (config, root, expected) in cases {
            let err = resolve_db_path(&config, &root).unwrap_err();
            assert_eq!(err.code(), codes::STORAGE_ERROR);
            let message = err.coded_message();
            assert!(message.starts_with("[STORAGE_ERROR] could not open the database at "));
            assert!(message.contains(expected), "{message}");
        }
    }
}
