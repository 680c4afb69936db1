//! [`Database`]: one serialized writer connection and a pool of read-only connections over the
//! same WAL file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use drift_core::config::StorageConfig;
use drift_core::errors::StorageError;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::connection::{classify, open_reader, open_writer};
use crate::migrations::{MIGRATIONS, Migration, migrate};

/// A project's `drift.db`.
///
/// Writes go through one connection, one `BEGIN IMMEDIATE` transaction at a time, so writers
/// never fail with `DB_BUSY` against each other; reads use read-only connections taken round
/// robin, which WAL lets run beside the writer and which see only committed transactions.
pub struct Database {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("path", &self.path)
            .field("readers", &self.readers.len())
            .finish_non_exhaustive()
    }
}

/// Readers when `storage.read_pool_size` is automatic.
const DEFAULT_READERS: usize = 4;

impl Database {
    /// Opens (creating if needed) the database at `path` and migrates it to this build's
    /// schema.
    pub fn open(path: &Path, config: &StorageConfig) -> Result<Self, StorageError> {
        Self::open_with_migrations(path, config, MIGRATIONS)
    }

    /// [`Database::open`] with an explicit migration list (tests exercise failing steps).
    pub fn open_with_migrations(
        path: &Path,
        config: &StorageConfig,
        migrations: &[Migration],
    ) -> Result<Self, StorageError> {
        let mut writer = open_writer(path, config)?;
        migrate(&mut writer, migrations)?;
        let count = config.read_pool_size.unwrap_or(DEFAULT_READERS).max(1);
        let readers = (0..count)
            .map(|_| open_reader(path, config).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read-only connections in the pool.
    #[must_use]
    pub fn reader_count(&self) -> usize {
        self.readers.len()
    }

    fn lock<'a>(
        mutex: &'a Mutex<Connection>,
        what: &'static str,
    ) -> Result<MutexGuard<'a, Connection>, StorageError> {
        // A panic inside a transaction leaves the connection usable (the transaction rolled
        // back when it was dropped), but the caller should know something went wrong.
        mutex
            .lock()
            .map_err(|_| StorageError::LockPoisoned { what })
    }

    /// Runs `work` in one write transaction (`BEGIN IMMEDIATE`), committed when it returns
    /// `Ok` and rolled back otherwise.
    pub fn write<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StorageError>,
    ) -> Result<T, StorageError> {
        let mut connection = Self::lock(&self.writer, "writer connection")?;
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(classify)?;
        let value = work(&tx)?;
        tx.commit().map_err(classify)?;
        Ok(value)
    }

    /// Runs `work` on the next read-only connection (round robin); returns which reader ran it
    /// along with the value.
    pub fn read_on<T>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StorageError>,
    ) -> Result<(usize, T), StorageError> {
        let index = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        let connection = Self::lock(&self.readers[index], "reader connection")?;
        work(&connection).map(|value| (index, value))
    }

    /// Runs `work` on the next read-only connection.
    pub fn read<T>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StorageError>,
    ) -> Result<T, StorageError> {
        self.read_on(work).map(|(_, value)| value)
    }

    /// Copies the database (a consistent snapshot, also while writers run) to `target` with
    /// `SQLite`'s online backup.
    pub fn backup_to(&self, target: &Path) -> Result<(), StorageError> {
        let source = Self::lock(&self.writer, "writer connection")?;
        let mut destination = Connection::open(target).map_err(|err| StorageError::Open {
            path: target.to_owned(),
            source: Box::new(err),
        })?;
        let backup = rusqlite::backup::Backup::new(&source, &mut destination).map_err(classify)?;
        backup
            .run_to_completion(256, std::time::Duration::ZERO, None)
            .map_err(classify)
    }

    /// Checkpoints the WAL into the main file (used before copying or closing).
    pub fn checkpoint(&self) -> Result<(), StorageError> {
        let connection = Self::lock(&self.writer, "writer connection")?;
        connection
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(classify)
    }
}
