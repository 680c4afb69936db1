//! Drift configuration, resolved from layers.
//!
//! Precedence, highest first:
//!
//! 1. **overrides**: a TOML or JSON string from the caller (`driftConfigure`, CLI flags);
//! 2. **environment**: `DRIFT_<SECTION>_<KEY>`, e.g. `DRIFT_SCAN_MAX_FILE_SIZE=2097152`
//!    (see [`env_var_name`]); `DRIFT_LOG` is an alias of `DRIFT_LOG_FILTER`;
//! 3. **project**: `drift.toml` in the project root;
//! 4. **user**: `$XDG_CONFIG_HOME/drift/config.toml`, else `~/.config/drift/config.toml`
//!    (else `%APPDATA%\drift\config.toml`), or a path given explicitly;
//! 5. **defaults**: [`DriftConfig::default`].
//!
//! Each layer sets only the keys it mentions; a list value replaces the lower layer's list.
//! Unknown keys are accepted and reported as [`ConfigWarning`]s, so a config written for a newer
//! Drift still loads. Syntax errors are [`ConfigError::Parse`] (`CONFIG_ERROR`); values of the
//! wrong type or out of range are [`ConfigError::Invalid`] (`CONFIG_INVALID`), naming the key
//! and the layer it came from.
//!
//! ```toml
//! [scan]
//! max_file_size = 2097152      # bytes
//! extra_ignore = ["fixtures/", "*.generated.ts"]
//! parallelism = 0              # 0 = one thread per core
//!
//! [parse]
//! timeout_ms = 3000            # budget per file; 0 = no limit
//!
//! [storage]
//! db_path = ".drift/drift.db"  # relative to the project root
//!
//! [log]
//! filter = "warn,drift_analysis::scanner=debug"
//! ```

mod keys;
mod loader;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use keys::env_var_name;
pub(crate) use loader::describe;
pub use loader::{
    ConfigEnv, ConfigSources, ConfigWarning, NoEnv, ProcessEnv, ProjectConfig, ResolvedConfig,
    UserConfig,
};

use crate::constants::{
    BATCH_CHANNEL_CAPACITY, BATCH_FLUSH_INTERVAL, BATCH_SIZE_ROWS, DB_FILE_NAME,
    DEFAULT_BUSY_TIMEOUT_MS, DEFAULT_MAX_FILE_SIZE, DEFAULT_MMAP_MIB, DEFAULT_PAGE_CACHE_MIB,
    DEFAULT_PARSE_CACHE_ENTRIES, DRIFT_DIR_NAME,
};
use crate::errors::ConfigError;
use crate::types::Language;

/// The complete configuration. Build it with [`DriftConfig::resolve`] / [`DriftConfig::load`],
/// or start from [`DriftConfig::default`] and apply strings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DriftConfig {
    /// `[scan]`
    pub scan: ScanConfig,
    /// `[parse]`
    pub parse: ParseConfig,
    /// `[storage]`
    pub storage: StorageConfig,
    /// `[security]`
    pub security: SecurityConfig,
    /// `[detection]`
    pub detection: DetectionConfig,
    /// `[call_graph]`
    pub call_graph: CallGraphConfig,
    /// `[log]`
    pub log: LogConfig,
}

/// `[scan]`: which files are read and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanConfig {
    /// Files larger than this many bytes are skipped. Must be > 0. Default 1 MiB.
    pub max_file_size: u64,
    /// Extra ignore patterns in `.gitignore` syntax, on top of the built-in directory list,
    /// `.gitignore` and `.driftignore`.
    pub extra_ignore: Vec<String>,
    /// Worker threads; `None` (written as 0) = one per core. At most 1024.
    pub parallelism: Option<usize>,
    /// Reuse the previous scan's metadata to skip unchanged files. Default true.
    pub incremental: bool,
    /// Follow symbolic links. Default false, which also rules out symlink loops.
    pub follow_symlinks: bool,
    /// Honour `.gitignore` files. Default true.
    pub respect_gitignore: bool,
}

impl Default for ScanConfig {
    fn default() -> Self {
        Self {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            extra_ignore: Vec::new(),
            parallelism: None,
            incremental: true,
            follow_symlinks: false,
            respect_gitignore: true,
        }
    }
}

/// `[security]`: which security analyses a scan runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SecurityConfig {
    /// Search every text file a scan reads for committed secrets. Default true.
    pub secrets: bool,
    /// Find data-access boundaries and sensitive fields in every parsed file. Default true.
    pub boundaries: bool,
    /// Follow untrusted data to sinks within every parsed file's functions. Default true.
    pub taint: bool,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self {
            secrets: true,
            boundaries: true,
            taint: true,
        }
    }
}

/// `[detection]`: pattern detection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DetectionConfig {
    /// Run the detection packs on every parsed file and learn conventions after each scan.
    /// Default true. The detectors need the syntax tree, so a scan that detects parses every
    /// file it reads afresh: `parse.persistent_cache` then serves `parseFileCached` only.
    pub enabled: bool,
    /// Extra pack files (TOML), relative to the project root; every `.drift/packs/*.toml` is
    /// loaded too.
    pub packs: Vec<String>,
}

impl Default for DetectionConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            packs: Vec::new(),
        }
    }
}

/// `[call_graph]`: the call graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CallGraphConfig {
    /// After the first scan that stores call-graph facts, build a graph of a sample of them (one
    /// file in 16) on the pool and drop it. Default false. For a host that compiles code as it
    /// runs it (V8 runs the wasm build unoptimised at first and optimises a function only for
    /// its later calls): the first real graph then runs optimised code. The playground turns it
    /// on; natively it only costs time.
    pub warm_up: bool,
}

/// `[parse]`: parser behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseConfig {
    /// Only parse these languages; `None` = all supported ones.
    pub languages: Option<Vec<Language>>,
    /// Entries in the in-memory parse cache; 0 disables it. Default 10 000.
    pub cache_entries: u64,
    /// Keep a parse cache in the database between runs, keyed by content hash. Default false:
    /// the results themselves are stored and unchanged files are never parsed again, so the
    /// cache only serves full rescans and content that comes back (a branch switched back); it
    /// was a third of drift.db.
    pub persistent_cache: bool,
    /// Budget for parsing and extracting one file, in milliseconds; a file over it is listed
    /// with `PARSE_TIMEOUT` and the scan goes on. 0 = no limit. Default
    /// [`DEFAULT_PARSE_TIMEOUT_MS`](crate::constants::DEFAULT_PARSE_TIMEOUT_MS).
    pub timeout_ms: u64,
}

impl Default for ParseConfig {
    fn default() -> Self {
        Self {
            languages: None,
            cache_entries: DEFAULT_PARSE_CACHE_ENTRIES,
            persistent_cache: false,
            timeout_ms: crate::constants::DEFAULT_PARSE_TIMEOUT_MS,
        }
    }
}

impl ParseConfig {
    /// The per-file budget, `None` when unlimited.
    #[must_use]
    pub fn timeout(&self) -> Option<std::time::Duration> {
        (self.timeout_ms > 0).then(|| std::time::Duration::from_millis(self.timeout_ms))
    }

    /// Whether files in `language` should be parsed.
    #[must_use]
    pub fn is_enabled(&self, language: Language) -> bool {
        self.languages
            .as_ref()
            .is_none_or(|enabled| enabled.contains(&language))
    }
}

/// `[storage]`: the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorageConfig {
    /// Database file; relative paths are relative to the project root. `None` =
    /// `.drift/drift.db` (see [`StorageConfig::db_path_for`]).
    pub db_path: Option<PathBuf>,
    /// How long a connection waits for a lock before failing with `DB_BUSY`. Default 5000.
    pub busy_timeout_ms: u64,
    /// Page cache per connection (`PRAGMA cache_size`), MiB. Default 64.
    pub page_cache_mib: u64,
    /// Memory-mapped I/O (`PRAGMA mmap_size`), MiB; 0 disables it. Default 256.
    pub mmap_mib: u64,
    /// Read-only connections in the pool; `None` (written as 0) = automatic. At most 1024.
    pub read_pool_size: Option<usize>,
    /// Rows per batch-writer transaction. Default 500.
    pub batch_size: usize,
    /// Commit a partial batch after the writer has been idle this long, ms. Default 100.
    pub flush_interval_ms: u64,
    /// Capacity of the batch writer's channel. Default 1024.
    pub channel_capacity: usize,
}

impl Default for StorageConfig {
    fn default() -> Self {
        Self {
            db_path: None,
            busy_timeout_ms: DEFAULT_BUSY_TIMEOUT_MS,
            page_cache_mib: DEFAULT_PAGE_CACHE_MIB,
            mmap_mib: DEFAULT_MMAP_MIB,
            read_pool_size: None,
            batch_size: BATCH_SIZE_ROWS,
            flush_interval_ms: u64::try_from(BATCH_FLUSH_INTERVAL.as_millis()).unwrap_or(100),
            channel_capacity: BATCH_CHANNEL_CAPACITY,
        }
    }
}

impl StorageConfig {
    /// The database file for a project: `db_path` resolved against `project_root`, or
    /// `<project_root>/.drift/drift.db`.
    #[must_use]
    pub fn db_path_for(&self, project_root: &Path) -> PathBuf {
        match &self.db_path {
            Some(path) => project_root.join(path),
            None => project_root.join(DRIFT_DIR_NAME).join(DB_FILE_NAME),
        }
    }
}

/// `[log]`: logging.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct LogConfig {
    /// Log filter such as `info` or `drift_analysis::scanner=debug,warn`; `None` = the
    /// default. Pass to [`init_tracing`](crate::tracing::init_tracing), which falls back to
    /// the default (and says so) when it is invalid.
    pub filter: Option<String>,
}

/// Where a configuration value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfigLayer {
    /// Built-in defaults.
    Default,
    /// The user's config file.
    User,
    /// The project's `drift.toml`, or TOML given in its place.
    Project,
    /// `DRIFT_*` environment variables.
    Environment,
    /// Overrides passed by the caller.
    Overrides,
}

impl fmt::Display for ConfigLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Default => "default config",
            Self::User => "user config",
            Self::Project => "project config",
            Self::Environment => "environment",
            Self::Overrides => "configuration overrides",
        })
    }
}

impl DriftConfig {
    /// Defaults plus `text` as the project layer (what `RuntimeOptions.config_toml` supplies
    /// instead of reading `drift.toml`). Unknown keys are logged at `warn` level.
    pub fn from_toml_str(text: &str) -> Result<Self, ConfigError> {
        let mut config = Self::default();
        let warnings = loader::apply_toml_text(&mut config, text, ConfigLayer::Project, None)?;
        loader::log_warnings(&warnings);
        Ok(config)
    }

    /// Applies a TOML overrides string on top of this config. All or nothing: on error the
    /// config is unchanged. Returns the unknown keys it ignored.
    pub fn apply_overrides_toml(&mut self, text: &str) -> Result<Vec<ConfigWarning>, ConfigError> {
        let mut next = self.clone();
        let warnings = loader::apply_toml_text(&mut next, text, ConfigLayer::Overrides, None)?;
        *self = next;
        Ok(warnings)
    }

    /// Applies a JSON overrides object, e.g. `{"scan": {"maxFileSize": 2097152}}` (keys may be
    /// `camelCase` or `snake_case`; `null` leaves a key unchanged). All or nothing, like
    /// [`DriftConfig::apply_overrides_toml`].
    pub fn apply_overrides_json(&mut self, text: &str) -> Result<Vec<ConfigWarning>, ConfigError> {
        let mut next = self.clone();
        let warnings = loader::apply_json_text(&mut next, text, ConfigLayer::Overrides)?;
        *self = next;
        Ok(warnings)
    }

    /// [`DriftConfig::apply_overrides_json`] when `text` starts with `{`, else
    /// [`DriftConfig::apply_overrides_toml`]: what `driftConfigure` accepts.
    pub fn apply_overrides(&mut self, text: &str) -> Result<Vec<ConfigWarning>, ConfigError> {
        if text.trim_start().starts_with('{') {
            self.apply_overrides_json(text)
        } else {
            self.apply_overrides_toml(text)
        }
    }

    /// Resolves all layers described by `sources`.
    pub fn resolve(sources: &ConfigSources<'_>) -> Result<ResolvedConfig, ConfigError> {
        loader::resolve(sources)
    }

    /// Resolves the usual layers for a project on disk: the process environment, the user
    /// config found through it, and `<project_root>/drift.toml`.
    pub fn load(project_root: &Path) -> Result<ResolvedConfig, ConfigError> {
        Self::resolve(&ConfigSources::new(&ProcessEnv).project_root(project_root))
    }

    /// Every key this version understands, as `section.key`.
    pub fn known_keys() -> impl Iterator<Item = &'static str> {
        keys::KEYS.iter().map(|key| key.name)
    }
}

#[cfg(test)]
mod tests;
