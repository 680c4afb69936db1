//! Defaults and limits shared across layers.
//!
//! Values here are defaults, not policy: where a user may reasonably want another value it is
//! also a [`DriftConfig`](crate::config::DriftConfig) key, and code should read the config.

use std::time::Duration;

/// The Drift version, from this crate's manifest (all crates share the workspace version).
pub const DRIFT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Directory names skipped by every scan, in addition to `.gitignore` and `.driftignore`:
/// dependency folders, build output, caches and virtual environments. `.drift` holds Drift's
/// own database. The names in [`PACKAGE_ROOT_IGNORE_DIRS`] are skipped only at the project root
/// or a package root (a directory holding one of [`PACKAGE_MANIFESTS`]), where they are build
/// output or dependencies; deeper in a source tree they are source (Rust's `src/bin/`, a
/// `build` module, a Go package named `vendor`). The others are skipped at any depth.
pub const DEFAULT_IGNORE_DIRS: [&str; 19] = [
    ".drift",
    "node_modules",
    ".git",
    "dist",
    "build",
    "target",
    ".next",
    ".nuxt",
    "__pycache__",
    ".pytest_cache",
    "coverage",
    ".nyc_output",
    "vendor",
    ".venv",
    "venv",
    ".tox",
    ".mypy_cache",
    "bin",
    "obj",
];

/// The names of [`DEFAULT_IGNORE_DIRS`] skipped only at the project root or a package root.
pub const PACKAGE_ROOT_IGNORE_DIRS: [&str; 8] = [
    "dist", "build", "target", "coverage", "vendor", "bin", "obj", "venv",
];

/// Files that make their directory a package root, for [`PACKAGE_ROOT_IGNORE_DIRS`]: exact names,
/// or extensions written as `*.ext`.
pub const PACKAGE_MANIFESTS: [&str; 17] = [
    "package.json",
    "Cargo.toml",
    "go.mod",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle",
    "settings.gradle.kts",
    "composer.json",
    "Gemfile",
    "*.gemspec",
    "*.csproj",
    "*.fsproj",
    "*.sln",
];

/// Whether a file named `name` makes its directory a package root.
#[must_use]
pub fn is_package_manifest(name: &str) -> bool {
    PACKAGE_MANIFESTS.iter().any(|manifest| {
        manifest.strip_prefix('*').map_or(name == *manifest, |ext| {
            name.len() > ext.len() && name.ends_with(ext)
        })
    })
}

/// Files larger than this (1 MiB) are skipped by default: they are almost always generated or
/// minified and dominate parse time without adding signal.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

/// Upper bound for `scan.parallelism`; far above any real core count, it catches typos such as
/// an extra zero before they spawn thousands of threads.
pub const MAX_PARALLELISM: usize = 1024;

/// A progress event is emitted about every this many files: often enough for a smooth progress
/// bar, rarely enough that crossing into JavaScript costs well under 0.1% of a scan.
pub const PROGRESS_INTERVAL_FILES: u64 = 100;

/// The batch writer commits after this many rows...
pub const BATCH_SIZE_ROWS: usize = 500;
/// ...or after the channel has been idle this long, whichever comes first.
pub const BATCH_FLUSH_INTERVAL: Duration = Duration::from_millis(100);
/// Capacity of the bounded channel feeding the batch writer; a full channel applies
/// back-pressure to the producers instead of growing memory.
pub const BATCH_CHANNEL_CAPACITY: usize = 1024;

/// Largest `limit` a list query accepts.
pub const MAX_PAGE_LIMIT: u32 = 100;
/// `limit` used when a list query does not give one.
pub const DEFAULT_PAGE_LIMIT: u32 = 50;

/// The database file name.
pub const DB_FILE_NAME: &str = "drift.db";
/// The per-project state directory, under the project root, holding [`DB_FILE_NAME`].
pub const DRIFT_DIR_NAME: &str = ".drift";
/// The project configuration file, at the project root.
pub const PROJECT_CONFIG_FILE_NAME: &str = "drift.toml";
/// The user configuration file, relative to the user's config directory
/// (`$XDG_CONFIG_HOME` or `~/.config`).
pub const USER_CONFIG_RELATIVE_PATH: &str = "drift/config.toml";
/// Per-directory ignore file, in `.gitignore` syntax.
pub const DRIFTIGNORE_FILE_NAME: &str = ".driftignore";

/// Prefix of every configuration environment variable (`DRIFT_<SECTION>_<KEY>`).
pub const ENV_PREFIX: &str = "DRIFT_";
/// The log filter variable, read by [`init_tracing`](crate::tracing::init_tracing).
pub const LOG_ENV_VAR: &str = "DRIFT_LOG";
/// Log filter used when none is given or the given one is invalid.
pub const DEFAULT_LOG_FILTER: &str = "warn";

/// Database `PRAGMA busy_timeout`, in milliseconds.
pub const DEFAULT_BUSY_TIMEOUT_MS: u64 = 5000;
/// Database page cache (`PRAGMA cache_size`) in MiB, per connection. It also bounds the memory
/// of a sort before it spills (building indexes after a bulk load). 64 MiB made a 100K-file scan
/// peak at 462 MiB against 373 MiB with 32, in the same time (BENCHMARKS.md).
pub const DEFAULT_PAGE_CACHE_MIB: u64 = 32;
/// Database memory map (`PRAGMA mmap_size`) in MiB.
pub const DEFAULT_MMAP_MIB: u64 = 256;

/// Parse results kept in the in-memory parse cache.
pub const DEFAULT_PARSE_CACHE_ENTRIES: u64 = 10_000;

/// Default budget for parsing and extracting one file (`parse.timeout_ms`). A 1 MiB source
/// file of ordinary code takes well under a tenth of this natively and under a third in the
/// wasm build; what exceeds it is generated or adversarial.
pub const DEFAULT_PARSE_TIMEOUT_MS: u64 = 3_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ignores_are_the_documented_eighteen() {
        let unique: std::collections::HashSet<_> = DEFAULT_IGNORE_DIRS.iter().collect();
        assert_eq!(unique.len(), 19);
        for name in DEFAULT_IGNORE_DIRS {
            assert!(
                !name.is_empty() && !name.contains(['/', '\\', '*']),
                "{name}"
            );
        }
        for required in [
            ".drift",
            "node_modules",
            ".git",
            "target",
            "__pycache__",
            ".venv",
            "obj",
        ] {
            assert!(DEFAULT_IGNORE_DIRS.contains(&required), "{required}");
        }
    }

    #[test]
    fn limits_match_the_spec() {
        assert_eq!(DEFAULT_MAX_FILE_SIZE, 1_048_576);
        assert_eq!(PROGRESS_INTERVAL_FILES, 100);
        assert_eq!(BATCH_SIZE_ROWS, 500);
        assert_eq!(BATCH_FLUSH_INTERVAL, Duration::from_millis(100));
        assert_eq!(BATCH_CHANNEL_CAPACITY, 1024);
        assert_eq!(MAX_PAGE_LIMIT, 100);
        const { assert!(DEFAULT_PAGE_LIMIT <= MAX_PAGE_LIMIT) };
        assert_eq!(DB_FILE_NAME, "drift.db");
    }

    #[test]
    fn version_is_the_manifest_version() {
        assert!(!DRIFT_VERSION.is_empty());
        assert_eq!(DRIFT_VERSION.split('.').count(), 3, "{DRIFT_VERSION}");
    }
}
