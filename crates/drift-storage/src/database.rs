//! [`Database`]: one serialized writer connection and a pool of read-only connections over the
//! same WAL file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use drift_core::config::StorageConfig;
use drift_core::errors::StorageError;
use rusqlite::{Connection, MAIN_DB, Transaction, TransactionBehavior};
use rustc_hash::FxHashMap;

use crate::connection::{classify, open_reader, open_writer};
use crate::migrations::{MIGRATIONS, Migration, migrate};

/// A project's `drift.db`.
///
/// Writes go through one connection, one `BEGIN IMMEDIATE` transaction at a time, so writers
/// never fail with `DB_BUSY` against each other; reads use read-only connections taken round
/// robin, which WAL lets run beside the writer and which see only committed transactions.
///
/// In the wasm build `SQLite` is compiled single-threaded, so there are no separate readers:
/// reads take the writer's connection and its lock, and one thread at a time uses `SQLite`.
pub struct Database {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    /// Committed write transactions through this handle: listings reuse a counted total
    /// while it has not moved.
    writes: AtomicU64,
    totals: Mutex<FxHashMap<String, (u64, u64)>>,
    /// The thread that opened the connections.
    owner: std::thread::ThreadId,
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
        if migrations.last().map(|m| m.version) == MIGRATIONS.last().map(|m| m.version) {
            // Indexes a bulk load dropped before the process ended (the schema's own otherwise).
            let tx = writer.transaction().map_err(classify)?;
            crate::scans::ensure_indexes(&tx)?;
            tx.commit().map_err(classify)?;
        }
        let count = if cfg!(target_family = "wasm") {
            0
        } else {
            config.read_pool_size.unwrap_or(DEFAULT_READERS).max(1)
        };
        let readers = (0..count)
            .map(|_| open_reader(path, config).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            writes: AtomicU64::new(0),
            totals: Mutex::new(FxHashMap::default()),
            owner: std::thread::current().id(),
        })
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read-only connections in the pool (0 in the wasm build, where reads use the writer).
    #[must_use]
    pub fn reader_count(&self) -> usize {
        self.readers.len()
    }

    /// Write transactions committed through this handle so far.
    #[must_use]
    pub fn write_count(&self) -> u64 {
        self.writes.load(Ordering::Acquire)
    }

    /// `compute`d once per `key` until the next write: the total row count of a listing costs
    /// a scan of the table, a page does not, so paging on through unchanged data reuses it.
    pub fn cached_total(
        &self,
        key: String,
        compute: impl FnOnce() -> Result<u64, StorageError>,
    ) -> Result<u64, StorageError> {
        let writes = self.write_count();
        let totals = || self.totals.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&(seen, total)) = totals().get(&key)
            && seen == writes
        {
            return Ok(total);
        }
        let total = compute()?;
        let mut totals = totals();
        if totals.len() > 256 {
            totals.clear();
        }
        totals.insert(key, (writes, total));
        Ok(total)
    }

    /// Whether the calling thread may use the connections: always natively; in the wasm build
    /// only the thread that opened them, because WASI file descriptors belong to the thread
    /// (the instance) that opened them, and `SQLite` keeps its files open.
    #[must_use]
    pub fn usable_here(&self) -> bool {
        !cfg!(target_family = "wasm") || std::thread::current().id() == self.owner
    }

    fn lock<'a>(
        &self,
        mutex: &'a Mutex<Connection>,
        what: &'static str,
    ) -> Result<MutexGuard<'a, Connection>, StorageError> {
        if !self.usable_here() {
            return Err(StorageError::Database {
                source: "drift.db was used from a thread other than the one that opened it, which the wasm build cannot do (its file handles belong to that thread)".into(),
            });
        }
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
        let mut connection = self.lock(&self.writer, "writer connection")?;
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(classify)?;
        let value = work(&tx)?;
        tx.commit().map_err(classify)?;
        self.writes.fetch_add(1, Ordering::AcqRel);
        Ok(value)
    }

    /// Runs `work` on the next read-only connection (round robin); returns which reader ran it
    /// along with the value.
    pub fn read_on<T>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StorageError>,
    ) -> Result<(usize, T), StorageError> {
        if self.readers.is_empty() {
            let connection = self.lock(&self.writer, "writer connection")?;
            return work(&connection).map(|value| (0, value));
        }
        let index = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        let connection = self.lock(&self.readers[index], "reader connection")?;
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
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|err| StorageError::Open {
                path: target.to_owned(),
                source: Box::new(err),
            })?;
        }
        let source = self.lock(&self.writer, "writer connection")?;
        let mut destination = Connection::open(target).map_err(|err| StorageError::Open {
            path: target.to_owned(),
            source: Box::new(err),
        })?;
        let backup = rusqlite::backup::Backup::new(&source, &mut destination).map_err(classify)?;
        backup
            .run_to_completion(256, std::time::Duration::ZERO, None)
            .map_err(classify)
    }

    /// Checkpoints the WAL into the main file (used before copying or closing; nothing to do
    /// with a rollback journal, as in the wasm build).
    pub fn checkpoint(&self) -> Result<(), StorageError> {
        let connection = self.lock(&self.writer, "writer connection")?;
        let mode: String = connection
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .map_err(classify)?;
        if mode.eq_ignore_ascii_case("wal") {
            connection
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .map_err(classify)?;
        }
        Ok(())
    }

    /// The whole database as the bytes of a standalone `drift.db` file (a consistent snapshot,
    /// marked as a rollback-journal database so it opens anywhere without its WAL).
    pub fn export_bytes(&self) -> Result<Vec<u8>, StorageError> {
        let connection = self.lock(&self.writer, "writer connection")?;
        let data = connection.serialize(MAIN_DB).map_err(classify)?;
        let mut bytes = data.to_vec();
        mark_rollback_journal(&mut bytes);
        Ok(bytes)
    }

    /// Replaces the whole content with the `drift.db` file in `bytes` (e.g. one exported by
    /// another build), in one step: either everything is replaced or nothing changes.
    ///
    /// The file is checked first (`SQLite` header, `PRAGMA quick_check`, a Drift schema) and
    /// migrated to this build's schema. Errors: `DB_CORRUPT` when it is not a sound Drift
    /// database, `MIGRATION_FAILED` when it is from a newer Drift.
    pub fn restore_bytes(&self, bytes: &[u8]) -> Result<(), StorageError> {
        let corrupt = |detail: &str| StorageError::Corrupt {
            detail: detail.to_owned(),
        };
        if bytes.len() < 512 || !bytes.starts_with(b"SQLite format 3\0") {
            return Err(corrupt("the file is not an SQLite database"));
        }
        let mut copy = bytes.to_vec();
        mark_rollback_journal(&mut copy);
        let mut source = Connection::open_in_memory().map_err(classify)?;
        source
            .deserialize_read_exact(MAIN_DB, copy.as_slice(), copy.len(), false)
            .map_err(classify)?;
        drop(copy);
        let check: String = source
            .query_row("PRAGMA quick_check", [], |row| row.get(0))
            .map_err(classify)?;
        if check != "ok" {
            return Err(corrupt(&format!("the integrity check failed: {check}")));
        }
        let is_drift: bool = source
            .query_row(
                "SELECT count(*) = 2 FROM sqlite_schema WHERE type = 'table' AND name IN ('files', 'scan_state')",
                [],
                |row| row.get(0),
            )
            .map_err(classify)?;
        if !is_drift {
            return Err(corrupt(
                "the file is an SQLite database but not a Drift one",
            ));
        }
        migrate(&mut source, MIGRATIONS)?;
        let mut writer = self.lock(&self.writer, "writer connection")?;
        rusqlite::backup::Backup::new(&source, &mut writer)
            .map_err(classify)?
            .run_to_completion(1024, std::time::Duration::ZERO, None)
            .map_err(classify)?;
        self.writes.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }
}

/// Bytes 18 and 19 of the header say "WAL" (2) or "rollback journal" (1). A checkpointed WAL
/// database without its `-wal` file is the same database in rollback mode; marking it so lets
/// it be opened where WAL is unavailable (in memory, in the browser build).
fn mark_rollback_journal(bytes: &mut [u8]) {
    if bytes.len() > 19 && bytes[18] == 2 && bytes[19] == 2 {
        bytes[18] = 1;
        bytes[19] = 1;
    }
}
