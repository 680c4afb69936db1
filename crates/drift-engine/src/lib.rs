//! Drift's facade: one [`Engine`] per project that owns the configuration, the worker pool,
//! the parsers and `drift.db`, and offers every operation the adapters expose (the napi
//! binding natively and in the browser build, the CLI). Adapters only convert arguments and
//! results; what a scan persists, where the previous state comes from and how pages are
//! counted is decided here, once, for both builds.
//!
//! ```no_run
//! use drift_core::CancellationToken;
//! use drift_engine::{Engine, EngineOptions, ScanRequest, ScanTarget};
//!
//! let engine = Engine::open(&EngineOptions {
//!     root: Some("/work/project".into()),
//!     ..EngineOptions::default()
//! })?;
//! let target = ScanTarget::Directory(".".into());
//! let outcome = engine.scan(target, ScanRequest::default(), None, &CancellationToken::new())?;
//! println!("{} files, {} functions", outcome.diff.entries.len(), outcome.parsed.map_or(0, |p| p.functions));
//! # Ok::<(), drift_core::errors::RuntimeError>(())
//! ```
//!
//! # Errors
//!
//! Every fallible call returns a [`RuntimeError`] whose code (`DriftErrorCode::code`) is the
//! stable code adapters show as `[CODE] message`.

mod detection;
mod graph;
mod scan;
mod security;
mod store;

use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use drift_analysis::parsers::{Origin, ParseResult, ParserManager};
use drift_analysis::pool::{PoolError, ThreadPool, build_pool, default_threads};
use drift_core::config::{ConfigSources, DriftConfig, ProcessEnv};
use drift_core::errors::{ParseError, RuntimeError, ScanError};
use drift_core::{ContentHash, Language};
use drift_storage::Database;
use drift_storage::files::{FileFilter, FileRecord};
use drift_storage::listings::{self, Listed, ListedRow, RowFilter};
use drift_storage::pagination::{Page, PageRequest};
use drift_storage::stats::{Status, StorageStats};

pub use graph::{EntryFilter, GraphRefresh};
pub use scan::{Deferred, PreparedScan, ScanOutcome, ScanRequest, ScanTarget, Wake};

/// How to open an engine; `None` means "the default".
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct EngineOptions {
    /// Project root (default: the working directory).
    pub root: Option<PathBuf>,
    /// Worker threads (default: `scan.parallelism`, else the machine's parallelism).
    pub threads: Option<usize>,
    /// Text that replaces the project's `drift.toml` (the browser has no disk to read it from).
    pub config_toml: Option<String>,
}

/// A project's engine: configuration, worker pool, parsers and database.
pub struct Engine {
    root: PathBuf,
    db_path: PathBuf,
    config: RwLock<DriftConfig>,
    /// Built once and reused by every call: spawning threads per call would be slow natively
    /// and far slower in the browser, where each thread is a Web Worker.
    pool: ThreadPool,
    warnings: Vec<String>,
    parsers: ParserManager,
    db: Arc<Database>,
    /// Scans whose results wait for this thread to write them (the wasm build).
    in_flight: scan::InFlight,
    /// The call graph of the last scan, built on first use.
    graph: graph::GraphCache,
    /// How the last graph was brought up to date.
    graph_refresh: std::sync::Mutex<Option<graph::GraphRefresh>>,
    /// `call_graph.warm_up` has run (see `Engine::warm_up_graph`).
    graph_warmed: std::sync::atomic::AtomicBool,
    /// Whether a scan is loading empty tables without their secondary indexes (at most one).
    bulk_load: std::sync::atomic::AtomicBool,
    /// Detection packs: the built-ins and the project's.
    packs: RwLock<detection::Packs>,
    /// The last learning run's summary.
    last_detection: std::sync::Mutex<Option<drift_core::types::detection::DetectionSummary>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("root", &self.root)
            .field("db", &self.db)
            .field("threads", &self.pool.current_num_threads())
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Resolves the configuration, builds the pool and opens (creating and migrating)
    /// `drift.db`.
    ///
    /// Errors: `CONFIG_ERROR`/`CONFIG_INVALID`, `INVALID_ARGUMENT` (threads), `STORAGE_ERROR`,
    /// `DB_CORRUPT`, `MIGRATION_FAILED`, `INIT_ERROR`.
    pub fn open(options: &EngineOptions) -> Result<Self, RuntimeError> {
        let root = absolute_root(options.root.as_deref())?;
        let sources = ConfigSources::new(&ProcessEnv);
        let sources = match &options.config_toml {
            Some(text) => sources.project_toml(text.as_str()),
            None => sources.project_root(&root),
        };
        let resolved = DriftConfig::resolve(&sources)?;
        // Logging follows `log.filter` (drift.toml, or DRIFT_LOG); the first engine of the
        // process installs it, later ones keep it.
        let _ = drift_core::tracing::init_tracing(resolved.config.log.filter.as_deref());
        let db_path = drift_storage::resolve_db_path(&resolved.config.storage, &root)?;
        let threads = options
            .threads
            .or(resolved.config.scan.parallelism)
            .unwrap_or_else(default_threads);
        // Only `threads` from the caller can be out of range: the config loader already
        // bounds `scan.parallelism`.
        let pool = build_pool(threads).map_err(|err| match err {
            PoolError::InvalidThreadCount { .. } => RuntimeError::InvalidArgument {
                name: "threads".to_owned(),
                reason: err.to_string(),
            },
            PoolError::Build { .. } => RuntimeError::Init {
                reason: err.to_string(),
            },
        })?;
        let db = Arc::new(Database::open(&db_path, &resolved.config.storage)?);
        let parse = &resolved.config.parse;
        let mut parsers =
            ParserManager::new(usize::try_from(parse.cache_entries).unwrap_or(usize::MAX))
                .with_timeout(parse.timeout())
                .with_languages(parse.languages.clone());
        // `parse.persistent_cache = false`: results are neither stored in nor read from
        // drift.db's parse cache (the browser turns it off: a reload keeps the results, and
        // the cache would be 40% of the database it saves).
        if parse.persistent_cache {
            parsers = parsers.with_store(Box::new(store::DbParseStore::new(Arc::clone(&db))));
        }
        let packs = detection::Packs::load(&root, &resolved.config);
        Ok(Self {
            packs: RwLock::new(packs),
            last_detection: std::sync::Mutex::new(None),
            root,
            db_path,
            config: RwLock::new(resolved.config),
            pool,
            warnings: resolved.warnings.iter().map(ToString::to_string).collect(),
            parsers,
            db,
            in_flight: scan::InFlight::default(),
            bulk_load: std::sync::atomic::AtomicBool::new(false),
            graph: graph::GraphCache::default(),
            graph_refresh: std::sync::Mutex::new(None),
            graph_warmed: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The absolute project root.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The database file.
    #[must_use]
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// The worker pool.
    #[must_use]
    pub fn pool(&self) -> &ThreadPool {
        &self.pool
    }

    /// Unknown configuration keys found when opening.
    #[must_use]
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The parsers (and their caches).
    #[must_use]
    pub fn parsers(&self) -> &ParserManager {
        &self.parsers
    }

    /// The database.
    #[must_use]
    pub fn database(&self) -> &Arc<Database> {
        &self.db
    }

    /// A copy of the effective configuration.
    #[must_use]
    pub fn config(&self) -> DriftConfig {
        self.config
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Replaces the configuration with `update(current)` when that succeeds.
    pub fn reconfigure<E>(
        &self,
        update: impl FnOnce(&DriftConfig) -> Result<DriftConfig, E>,
    ) -> Result<DriftConfig, E> {
        let mut config = self.config.write().unwrap_or_else(PoisonError::into_inner);
        let next = update(&config)?;
        self.parsers
            .set_limits(next.parse.timeout(), next.parse.languages.clone());
        *config = next.clone();
        Ok(next)
    }

    /// Parses `source` as the language of `path` (from the caches when this content was
    /// parsed before). Nothing is persisted: editors call this on every keystroke.
    pub fn parse_source(&self, path: &str, source: &[u8]) -> Result<ParseResult, RuntimeError> {
        Ok(self.parsers.parse(path, source)?)
    }

    /// Reads `path` (relative to the root) and parses it, from the caches when its content
    /// was parsed before; a fresh result is persisted in the parse cache, so it is a hit after
    /// a restart too.
    ///
    /// Errors: as [`Engine::parse_source`], plus `SCAN_ERROR` when the file cannot be read and
    /// `PARSE_ERROR` when it is over `scan.max_file_size`.
    pub fn parse_file_cached(&self, path: &str) -> Result<ParseResult, RuntimeError> {
        let full = self.root.join(path);
        let max = self.config().scan.max_file_size;
        let bytes = std::fs::read(&full).map_err(|err| ScanError::io(&full, err))?;
        if bytes.len() as u64 > max {
            return Err(ParseError::ParseFailed {
                language: Language::from_path(path).unwrap_or(Language::TypeScript),
                reason: format!(
                    "{} is over scan.max_file_size ({max} bytes)",
                    full.display()
                ),
            }
            .into());
        }
        let hash = ContentHash::of(&bytes);
        let (result, origin) = self.parsers.parse_traced(path, &bytes, hash)?;
        if origin == Origin::Parsed && self.config().parse.persistent_cache {
            let dialect = ParserManager::dialect_of(path)?;
            let json = store::encode(&result)?;
            self.db.write(|tx| {
                drift_storage::parse_cache::put(
                    tx,
                    hash.to_i64_bits(),
                    result.language.name(),
                    store::dialect_key(dialect),
                    &json,
                )
            })?;
        }
        Ok(result)
    }

    /// A page of stored files, ordered by path.
    pub fn files(
        &self,
        filter: &FileFilter,
        page: &PageRequest,
    ) -> Result<Page<FileRecord>, RuntimeError> {
        Ok(self
            .db
            .read(|connection| drift_storage::files::list(connection, filter, page))?)
    }

    /// A page of one listing, named by its row type (`FunctionRow`, `ClassRow`, `ImportRow`,
    /// `ExportRow`, `CallSiteRow`). The total is counted once per filter and reused while
    /// nothing is written.
    ///
    /// Errors: `INVALID_FILTER` (limit outside 1..=100), `INVALID_CURSOR`.
    pub fn list<T: ListedRow>(
        &self,
        filter: &RowFilter,
        page: &PageRequest,
    ) -> Result<Page<Listed<T>>, RuntimeError> {
        let listing = T::LISTING;
        page.limit()?;
        let key = format!("{}\0{filter:?}", listing.name);
        Ok(self.db.read(|connection| {
            let total = self
                .db
                .cached_total(key, || listing.total(connection, filter))?;
            listings::page::<T>(connection, filter, page, total)
        })?)
    }

    /// The state of the last scans and what is stored.
    pub fn status(&self) -> Result<Status, RuntimeError> {
        Ok(self.db.read(drift_storage::stats::status)?)
    }

    /// Sizes of the database.
    pub fn storage_stats(&self) -> Result<StorageStats, RuntimeError> {
        Ok(self
            .db
            .read(|connection| drift_storage::stats::storage_stats(connection, &self.db_path))?)
    }

    /// Copies the database to `target` with `SQLite`'s online backup (consistent while scans
    /// write).
    pub fn backup_to(&self, target: &Path) -> Result<(), RuntimeError> {
        let target = if target.is_absolute() {
            target.to_owned()
        } else {
            self.root.join(target)
        };
        Ok(self.db.backup_to(&target)?)
    }

    /// The database as the bytes of a standalone `drift.db`.
    pub fn export_database(&self) -> Result<Vec<u8>, RuntimeError> {
        Ok(self.db.export_bytes()?)
    }

    /// Replaces the database with the `drift.db` in `bytes`, all or nothing. (The in-memory
    /// parse cache stays valid: it is keyed by content.)
    pub fn import_database(&self, bytes: &[u8]) -> Result<Status, RuntimeError> {
        self.db.restore_bytes(bytes)?;
        self.status()
    }

    /// Flushes what is pending into the main database file (called at shutdown).
    pub fn checkpoint(&self) -> Result<(), RuntimeError> {
        Ok(self.db.checkpoint()?)
    }
}

fn absolute_root(root: Option<&Path>) -> Result<PathBuf, RuntimeError> {
    let root = match root {
        Some(root) if root.is_absolute() => return Ok(root.to_owned()),
        Some(root) => working_directory()?.join(root),
        None => working_directory()?,
    };
    std::path::absolute(&root).map_err(|err| RuntimeError::InvalidArgument {
        name: "root".to_owned(),
        reason: format!("{} cannot be made absolute: {err}", root.display()),
    })
}

/// The directory relative roots are relative to.
#[cfg(not(target_family = "wasm"))]
fn working_directory() -> Result<PathBuf, RuntimeError> {
    std::env::current_dir().map_err(|err| RuntimeError::Init {
        reason: format!("the working directory is unavailable ({err}); pass `root` explicitly"),
    })
}

/// The directory relative roots are relative to. WASI has no notion of the host's working
/// directory (wasi-libc starts every program at `/`, so `.` would be the whole file system);
/// Node hands the host's environment to the module, where the shell's `PWD` names it. The Node
/// client resolves roots itself; this serves direct callers of the binding.
#[cfg(target_family = "wasm")]
fn working_directory() -> Result<PathBuf, RuntimeError> {
    std::env::var_os("PWD")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .ok_or_else(|| RuntimeError::InvalidArgument {
            name: "root".to_owned(),
            reason: "the wasm build cannot see the working directory; pass an absolute root"
                .to_owned(),
        })
}
