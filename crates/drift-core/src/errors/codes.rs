//! The stable error code registry (spec `napi-bridge-v2-prep.md` §6).
//!
//! Codes cross the napi bridge as the `[CODE]` prefix of an error message and become
//! `DriftError.code` in TypeScript, so they are part of the public contract: never rename one,
//! only add. The TypeScript client matches them with `/^\[([A-Z_]+)\]/`, which is why codes use
//! upper-case letters and underscores only (no digits).
//!
//! Each constant's value is its own name (the macro below guarantees it), and [`ALL_CODES`]
//! lists every constant, so a code cannot be defined without being registered.

macro_rules! registry {
    ($( $(#[$meta:meta])* $name:ident ),* $(,)?) => {
        $(
            $(#[$meta])*
            pub const $name: &str = stringify!($name);
        )*

        /// Every code in this module, in registry order.
        pub const ALL_CODES: &[&str] = &[$($name),*];
    };
}

registry! {
    // Lifecycle
    /// The runtime could not be initialized (database, configuration or environment problem).
    INIT_ERROR,
    /// `driftInitialize` was called while a runtime is already running.
    ALREADY_INITIALIZED,
    /// A call needed the runtime before `driftInitialize` ran.
    RUNTIME_NOT_INITIALIZED,
    /// A call arrived after `driftShutdown`. Not named by spec §6, which leaves this case open.
    ALREADY_SHUT_DOWN,
    /// A configuration file or string could not be read or is not valid TOML/JSON.
    CONFIG_ERROR,
    /// A configuration value is well-formed but not acceptable (out of range, wrong type).
    /// Not in spec §6: kept apart from `CONFIG_ERROR` so callers can tell a syntax error in a
    /// file from a bad value.
    CONFIG_INVALID,

    // Scanner
    /// A file or directory could not be walked or read.
    SCAN_ERROR,
    /// A scan stopped because it was cancelled.
    SCAN_CANCELLED,
    /// A file is larger than `scan.max_file_size`.
    FILE_TOO_LARGE,
    /// The operating system refused access to a file or directory.
    PERMISSION_DENIED,

    // Parser
    /// A source file could not be parsed at all (trees with syntax errors are not errors).
    PARSE_ERROR,
    /// No parser exists, or none is compiled in, for a file's language.
    UNSUPPORTED_LANGUAGE,
    /// A built-in tree-sitter query failed to compile against its grammar.
    QUERY_COMPILATION,
    /// Parsing or extracting one file took longer than `parse.timeout_ms`; the scan goes on.
    PARSE_TIMEOUT,

    // Archives (uploads unpacked in the browser or by the client)
    /// An archive inflates to more than the allowed total size.
    ARCHIVE_TOO_LARGE,
    /// An archive entry inflates more than the allowed ratio (a zip bomb).
    ARCHIVE_RATIO,
    /// An archive holds more entries than allowed.
    ARCHIVE_TOO_MANY_ENTRIES,

    // Storage
    /// A database operation failed for a reason without a more specific code.
    STORAGE_ERROR,
    /// The database stayed locked longer than the busy timeout.
    DB_BUSY,
    /// The database file is damaged or is not a Drift database.
    DB_CORRUPT,
    /// The disk holding the database is full.
    DB_DISK_FULL,
    /// A schema migration failed, or the schema is newer than this build understands.
    MIGRATION_FAILED,
    /// A lock was poisoned by a panic in another thread.
    LOCK_POISONED,

    // Analysis: reserved for later layers, listed now so codes stay unique project-wide.
    /// Generic analysis failure.
    ANALYSIS_ERROR,
    /// Call graph construction failed.
    CALL_GRAPH_ERROR,
    /// A call-graph query ran before any scan built the graph.
    CALL_GRAPH_NOT_BUILT,
    /// No function has the given id or name.
    FUNCTION_NOT_FOUND,
    /// A name matches several functions; the message lists their ids.
    AMBIGUOUS_FUNCTION,
    /// A detector failed.
    DETECTION_ERROR,
    /// Boundary analysis failed.
    BOUNDARY_ERROR,
    /// Taint analysis failed.
    TAINT_ERROR,
    /// Constraint evaluation failed.
    CONSTRAINT_ERROR,

    // Query
    /// The requested item does not exist.
    NOT_FOUND,
    /// A pagination cursor is malformed or belongs to another query.
    INVALID_CURSOR,
    /// A query filter or page limit is not acceptable.
    INVALID_FILTER,

    // General
    /// A bug: an invariant was broken. The message should be reported.
    INTERNAL_ERROR,
    /// An operation stopped because it was cancelled.
    CANCELLED,
    /// An argument passed across the bridge is not acceptable. Not in spec §6.
    INVALID_ARGUMENT,
}

/// Whether `code` is in the registry.
#[must_use]
pub fn is_registered(code: &str) -> bool {
    ALL_CODES.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_code_shaped(code: &str) -> bool {
        let mut bytes = code.bytes();
        bytes.next().is_some_and(|b| b.is_ascii_uppercase())
            && bytes.all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in ALL_CODES {
            assert!(seen.insert(code), "duplicate error code {code}");
        }
        assert_eq!(seen.len(), ALL_CODES.len());
    }

    #[test]
    fn codes_match_the_documented_shape() {
        for code in ALL_CODES {
            assert!(
                is_code_shaped(code),
                "{code} does not match ^[A-Z][A-Z0-9_]*$"
            );
            // The TypeScript client's regex is stricter: `[A-Z_]+`.
            assert!(
                code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
                "{code} would not be recognised by the TypeScript client"
            );
        }
    }

    #[test]
    fn shape_check_rejects_bad_codes() {
        assert!(!is_code_shaped(""));
        assert!(!is_code_shaped("db_busy"));
        assert!(!is_code_shaped("_DB"));
        assert!(!is_code_shaped("1DB"));
        assert!(!is_code_shaped("DB-BUSY"));
        assert!(is_code_shaped("DB2_BUSY"));
    }

    #[test]
    fn spec_codes_are_registered() {
        // The codes spec §6 defines; the TS client switches on these exact strings.
        for code in [
            "INIT_ERROR",
            "ALREADY_INITIALIZED",
            "RUNTIME_NOT_INITIALIZED",
            "CONFIG_ERROR",
            "SCAN_ERROR",
            "SCAN_CANCELLED",
            "FILE_TOO_LARGE",
            "PERMISSION_DENIED",
            "PARSE_ERROR",
            "UNSUPPORTED_LANGUAGE",
            "QUERY_COMPILATION",
            "STORAGE_ERROR",
            "DB_BUSY",
            "DB_CORRUPT",
            "DB_DISK_FULL",
            "MIGRATION_FAILED",
            "LOCK_POISONED",
            "ANALYSIS_ERROR",
            "CALL_GRAPH_ERROR",
            "DETECTION_ERROR",
            "BOUNDARY_ERROR",
            "TAINT_ERROR",
            "CONSTRAINT_ERROR",
            "NOT_FOUND",
            "INVALID_CURSOR",
            "INVALID_FILTER",
            "INTERNAL_ERROR",
            "CANCELLED",
        ] {
            assert!(is_registered(code), "{code} is missing from the registry");
        }
        assert!(!is_registered("UNKNOWN"));
    }
}
