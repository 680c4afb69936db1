//! Scans and parse results in the database: [`Database`] as the scanner's [`Baseline`] (the
//! previous state comes from the `files` table and each complete scan is recorded there), and
//! the rows extracted from each parsed file.

use std::str::FromStr;
use std::sync::Arc;

use drift_core::errors::{ScanError, StorageError};
use drift_core::types::parse::ParseResult;
use drift_core::types::scan::{Baseline, ScanDiff, ScanEntry};
use drift_core::{ContentHash, Language};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::Database;
use crate::connection::classify;
use crate::files::{self, FileWrite};

/// Tables of rows extracted from a file, each with a `file_id` index (call sites are kept by id
/// range instead: see [`CALL_SITE_SLOTS`]).
const EXTRACTED: [&str; 13] = [
    "functions",
    "classes",
    "imports",
    "exports",
    "graph_facts",
    "secrets",
    "sensitive_fields",
    "boundaries",
    "taint_flows",
    "taint_summaries",
    "pattern_locations",
    "pattern_counts",
    "file_detection",
];

/// Call-site ids per file: a call site's id is `file_id * CALL_SITE_SLOTS + ordinal` (schema
/// v4), so a file's call sites are one range. A file cannot hold more calls than it has bytes
/// over two (`f()` is 3 bytes), far below this at the default size limit; beyond it the rest
/// are not stored (and a warning says so).
pub const CALL_SITE_SLOTS: i64 = 1 << 20;

/// Secondary indexes of the extracted tables (name, `ON` clause). A full scan into empty tables
/// drops them ([`begin_bulk_load`]) and builds each once, sorted, at its end ([`ensure_indexes`]):
/// cheaper than keeping them up to date row by row, and the writer is what a parse pool of many
/// cores waits for.
const BULK_INDEXES: [(&str, &str); 13] = [
    ("functions_file", "functions (file_id)"),
    ("functions_name", "functions (name, id)"),
    ("functions_qualified", "functions (qualified_name, id)"),
    ("classes_file", "classes (file_id)"),
    ("classes_name", "classes (name, id)"),
    ("imports_file", "imports (file_id)"),
    ("imports_source", "imports (source, id)"),
    ("exports_file", "exports (file_id)"),
    ("exports_name", "exports (name, id)"),
    ("call_sites_callee", "call_sites (callee, id)"),
    ("pattern_locations_file", "pattern_locations (file_id)"),
    ("pattern_counts_file", "pattern_counts (file_id)"),
    (
        "pattern_locations_listing",
        "pattern_locations (pattern_id, sort_key, id)",
    ),
];

/// Drops the secondary indexes of the extracted tables when all of them are empty (a first
/// scan, or one after another project's); returns whether it did. Until [`ensure_indexes`]
/// runs, queries of those tables scan them; a crash in between is repaired when the database
/// is next opened.
pub fn begin_bulk_load(tx: &Transaction<'_>) -> Result<bool, StorageError> {
    let empty: bool = tx
        .query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM functions) AND NOT EXISTS (SELECT 1 FROM classes)
                AND NOT EXISTS (SELECT 1 FROM imports) AND NOT EXISTS (SELECT 1 FROM exports)
                AND NOT EXISTS (SELECT 1 FROM call_sites)",
            [],
            |row| row.get(0),
        )
        .map_err(classify)?;
    if empty {
        for (name, _) in BULK_INDEXES {
            tx.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))
                .map_err(classify)?;
        }
    }
    Ok(empty)
}

/// Builds the secondary indexes [`begin_bulk_load`] dropped (nothing when they exist).
pub fn ensure_indexes(tx: &Transaction<'_>) -> Result<(), StorageError> {
    for (name, on) in BULK_INDEXES {
        tx.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {name} ON {on}"))
            .map_err(classify)?;
    }
    Ok(())
}

/// Deletes the call sites of file `file_id`.
fn delete_call_sites(tx: &Transaction<'_>, file_id: i64) -> Result<(), StorageError> {
    tx.prepare_cached("DELETE FROM call_sites WHERE id >= ?1 AND id < ?2")
        .map_err(classify)?
        .execute([file_id * CALL_SITE_SLOTS, (file_id + 1) * CALL_SITE_SLOTS])
        .map_err(classify)?;
    Ok(())
}

/// Starts a scan of `project` and returns its generation. The database mirrors one project:
/// when it holds another one, that project's files (and everything extracted from them) are
/// removed first. The persisted parse cache is kept: it is keyed by content, not by project.
pub fn begin_scan(tx: &Transaction<'_>, project: &str) -> Result<i64, StorageError> {
    let stored: Option<String> = tx
        .query_row(
            "SELECT last_scan_root FROM scan_state WHERE id = 1",
            [],
            |row| row.get(0),
        )
        .map_err(classify)?;
    if stored.as_deref().is_some_and(|stored| stored != project) {
        tx.execute("DELETE FROM files", []).map_err(classify)?;
    }
    tx.execute(
        "UPDATE scan_state SET last_scan_root = ?1 WHERE id = 1",
        [project],
    )
    .map_err(classify)?;
    files::next_generation(tx)
}

/// Deletes stored files that are not among `entries` (after a scan that was not compared with
/// the stored state); returns how many.
pub fn remove_missing(tx: &Transaction<'_>, entries: &[ScanEntry]) -> Result<usize, StorageError> {
    let seen: rustc_hash::FxHashSet<&str> =
        entries.iter().map(|entry| entry.path.as_str()).collect();
    let stored: Vec<String> = tx
        .prepare_cached("SELECT path FROM files")
        .map_err(classify)?
        .query_map([], |row| row.get(0))
        .map_err(classify)?
        .collect::<Result<_, _>>()
        .map_err(classify)?;
    let missing: Vec<String> = stored
        .into_iter()
        .filter(|path| !seen.contains(path.as_str()))
        .collect();
    files::delete(tx, &missing)
}

/// The `files` row of a scanned file.
#[must_use]
pub fn write_of(entry: &ScanEntry) -> FileWrite {
    FileWrite {
        path: entry.path.clone(),
        language: entry.language.map(|language| language.name().to_owned()),
        content_hash: entry.content_hash.to_i64_bits(),
        size: i64::try_from(entry.size).unwrap_or(i64::MAX),
        mtime_ns: entry.mtime_ns,
    }
}

/// Every stored file as a scan entry, sorted by path.
pub fn entries(connection: &Connection) -> Result<Vec<ScanEntry>, StorageError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT path, content_hash, mtime_ns, size, language FROM files ORDER BY path",
        )
        .map_err(classify)?;
    let rows = statement
        .query_map([], |row| {
            let language: Option<String> = row.get(4)?;
            Ok(ScanEntry {
                path: row.get(0)?,
                content_hash: ContentHash::from_i64_bits(row.get(1)?),
                mtime_ns: row.get(2)?,
                size: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
                language: language.and_then(|name| Language::from_str(&name).ok()),
            })
        })
        .map_err(classify)?;
    rows.collect::<Result<_, _>>().map_err(classify)
}

/// Records a complete scan as scan generation `generation` (from [`files::next_generation`]):
/// added and modified files are written (and marked changed in that generation), unchanged
/// files only get their new modification time, removed files are deleted with everything
/// extracted from them.
pub fn record_scan(
    tx: &Transaction<'_>,
    project: &str,
    diff: &ScanDiff,
    generation: i64,
) -> Result<(), StorageError> {
    let changed: rustc_hash::FxHashSet<&str> = diff
        .added
        .iter()
        .chain(&diff.modified)
        .map(String::as_str)
        .collect();
    let writes: Vec<FileWrite> = diff
        .entries
        .iter()
        .filter(|entry| changed.contains(entry.path.as_str()))
        .map(write_of)
        .collect();
    files::upsert(tx, generation, &writes)?;
    let mut touch = tx
        .prepare_cached("UPDATE files SET mtime_ns = ?2 WHERE path = ?1 AND mtime_ns <> ?2")
        .map_err(classify)?;
    for entry in diff
        .entries
        .iter()
        .filter(|entry| !changed.contains(entry.path.as_str()))
    {
        touch
            .execute(params![entry.path, entry.mtime_ns])
            .map_err(classify)?;
    }
    files::delete(tx, &diff.removed)?;
    // Rows extracted from an older content of a file that was not parsed again (a scan
    // without parsing, a file that failed to parse) no longer describe it.
    for table in EXTRACTED {
        tx.prepare_cached(&format!(
            "DELETE FROM {table} WHERE file_id IN (SELECT id FROM files WHERE parse_status = 'pending')"
        ))
        .map_err(classify)?
        .execute([])
        .map_err(classify)?;
    }
    let pending: Vec<i64> = tx
        .prepare_cached("SELECT id FROM files WHERE parse_status = 'pending'")
        .map_err(classify)?
        .query_map([], |row| row.get(0))
        .map_err(classify)?
        .collect::<Result<_, _>>()
        .map_err(classify)?;
    for file_id in pending {
        delete_call_sites(tx, file_id)?;
    }
    tx.execute(
        "UPDATE scan_state SET last_scan_at = unixepoch(), last_scan_root = ?1,
           recorded_generation = ?2 WHERE id = 1",
        params![project, generation],
    )
    .map_err(classify)?;
    Ok(())
}

impl Baseline for Database {
    fn previous(&self, _project: &str) -> Result<Arc<[ScanEntry]>, ScanError> {
        // One database per project: its files table is the project's state.
        self.read(entries)
            .map(Arc::from)
            .map_err(ScanError::Storage)
    }

    fn record(&self, project: &str, diff: &ScanDiff) -> Result<(), ScanError> {
        self.write(|tx| {
            let generation = files::next_generation(tx)?;
            record_scan(tx, project, diff, generation)
        })
        .map_err(ScanError::Storage)
    }
}

/// Stores the call-graph facts of the file `file_id` (its parse result is stored first, which
/// cleared the previous ones).
pub fn store_graph_facts(
    tx: &Transaction<'_>,
    file_id: i64,
    generation: i64,
    facts: &[u8],
) -> Result<(), StorageError> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO graph_facts (file_id, written_in, facts) VALUES (?1, ?2, ?3)",
    )
    .map_err(classify)?
    .execute(params![file_id, generation, facts])
    .map_err(classify)?;
    Ok(())
}

/// The id of the stored file at `path`. Errors: `NOT_FOUND`.
fn file_id(tx: &Transaction<'_>, path: &str) -> Result<i64, StorageError> {
    tx.prepare_cached("SELECT id FROM files WHERE path = ?1")
        .map_err(classify)?
        .query_row([path], |row| row.get(0))
        .map_err(|err| match err {
            rusqlite::Error::QueryReturnedNoRows => StorageError::NotFound {
                what: format!("file `{path}`"),
            },
            other => classify(other),
        })
}

/// Sets the parse status of the stored file at `path` (`none` or `failed` for a file whose
/// text was analysed without a parse); returns the file's id.
pub fn set_parse_status(
    tx: &Transaction<'_>,
    path: &str,
    status: &str,
) -> Result<i64, StorageError> {
    let file_id = file_id(tx, path)?;
    tx.prepare_cached("UPDATE files SET parse_status = ?2 WHERE id = ?1")
        .map_err(classify)?
        .execute(params![file_id, status])
        .map_err(classify)?;
    Ok(file_id)
}

/// The scan generation counter (cheap: one row), which changes with every scan.
pub fn generation(connection: &rusqlite::Connection) -> Result<i64, StorageError> {
    connection
        .prepare_cached("SELECT generation FROM scan_state WHERE id = 1")
        .map_err(classify)?
        .query_row([], |row| row.get(0))
        .map_err(classify)
}

/// The scan generation counter and the generation of the last scan recorded complete: they
/// differ while a scan runs and after one failed or was cancelled.
pub fn progress(connection: &rusqlite::Connection) -> Result<(i64, i64), StorageError> {
    connection
        .prepare_cached("SELECT generation, recorded_generation FROM scan_state WHERE id = 1")
        .map_err(classify)?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(classify)
}

/// `(path, facts)` of the files whose call-graph facts scan generation `since` or a later one
/// wrote, in path order.
pub fn graph_facts_since(
    connection: &rusqlite::Connection,
    since: i64,
) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
    connection
        .prepare_cached(
            "SELECT files.path, graph_facts.facts FROM graph_facts
             JOIN files ON files.id = graph_facts.file_id
             WHERE graph_facts.written_in >= ?1 ORDER BY files.path",
        )
        .map_err(classify)?
        .query_map([since], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(classify)?
        .collect::<Result<_, _>>()
        .map_err(classify)
}

/// The paths of the files that have call-graph facts.
pub fn graph_facts_paths(connection: &rusqlite::Connection) -> Result<Vec<String>, StorageError> {
    connection
        .prepare_cached(
            "SELECT files.path FROM graph_facts JOIN files ON files.id = graph_facts.file_id",
        )
        .map_err(classify)?
        .query_map([], |row| row.get(0))
        .map_err(classify)?
        .collect::<Result<_, _>>()
        .map_err(classify)
}

/// The call-graph facts of the files at `paths` (those that have facts), as `(path, facts)`.
pub fn graph_facts_of(
    connection: &rusqlite::Connection,
    paths: &[String],
) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT graph_facts.facts FROM graph_facts
             JOIN files ON files.id = graph_facts.file_id WHERE files.path = ?1",
        )
        .map_err(classify)?;
    let mut found = Vec::with_capacity(paths.len());
    for path in paths {
        let facts: Option<Vec<u8>> = statement
            .query_row([path], |row| row.get(0))
            .optional()
            .map_err(classify)?;
        if let Some(facts) = facts {
            found.push((path.clone(), facts));
        }
    }
    Ok(found)
}

/// Every file's call-graph facts, in path order.
pub fn all_graph_facts(connection: &rusqlite::Connection) -> Result<Vec<Vec<u8>>, StorageError> {
    every_nth_graph_facts(connection, 1)
}

/// The call-graph facts of one file in `every` (by file id), in path order.
pub fn every_nth_graph_facts(
    connection: &rusqlite::Connection,
    every: u32,
) -> Result<Vec<Vec<u8>>, StorageError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT graph_facts.facts FROM graph_facts JOIN files ON files.id = graph_facts.file_id
             WHERE graph_facts.file_id % ?1 = 0 ORDER BY files.path",
        )
        .map_err(classify)?;
    let rows = statement
        .query_map([every.max(1)], |row| row.get::<_, Vec<u8>>(0))
        .map_err(classify)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(classify)
}

/// Replaces the rows extracted from `result.path` (which must be a stored file) with those of
/// `result`, and sets the file's parse status.
/// `fresh`: the file's row was just created, so nothing extracted from it is stored yet and
/// nothing needs deleting (which, during a bulk load, would scan whole tables). Returns the
/// file's id.
pub fn store_parse_result(
    tx: &Transaction<'_>,
    result: &ParseResult,
    fresh: bool,
) -> Result<i64, StorageError> {
    let file_id = file_id(tx, &result.path)?;
    if !fresh {
        for table in EXTRACTED {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE file_id = ?1"))
                .map_err(classify)?
                .execute([file_id])
                .map_err(classify)?;
        }
        delete_call_sites(tx, file_id)?;
    }
    let mut function = tx
        .prepare_cached(
            "INSERT INTO functions (file_id, name, qualified_name, parameters, return_type, is_async,
               is_method, visibility, start_line, end_line, body_hash, signature_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .map_err(classify)?;
    for f in &result.functions {
        function
            .execute(params![
                file_id,
                f.name,
                f.qualified_name,
                f.parameters.len(),
                f.return_type,
                f.is_async,
                f.is_method,
                f.visibility.map(|v| format!("{v:?}").to_lowercase()),
                f.range.start_line,
                f.range.end_line,
                f.body_hash.to_i64_bits(),
                f.signature_hash.to_i64_bits()
            ])
            .map_err(classify)?;
    }
    let mut class = tx
        .prepare_cached(
            "INSERT INTO classes (file_id, name, qualified_name, kind, bases, interfaces, methods, start_line, end_line)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .map_err(classify)?;
    for c in &result.classes {
        class
            .execute(params![
                file_id,
                c.name,
                c.qualified_name,
                format!("{:?}", c.kind).to_lowercase(),
                json(&c.bases),
                json(&c.interfaces),
                c.methods.len(),
                c.range.start_line,
                c.range.end_line
            ])
            .map_err(classify)?;
    }
    insert_references(tx, file_id, result)?;
    let status = if result.has_errors {
        "partial"
    } else {
        "parsed"
    };
    tx.prepare_cached("UPDATE files SET parse_status = ?2 WHERE id = ?1")
        .map_err(classify)?
        .execute(params![file_id, status])
        .map_err(classify)?;
    Ok(file_id)
}

/// Inserts the imports, exports and call sites of `result`.
fn insert_references(
    tx: &Transaction<'_>,
    file_id: i64,
    result: &ParseResult,
) -> Result<(), StorageError> {
    let mut import = tx
        .prepare_cached(
            "INSERT INTO imports (file_id, source, names, line) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(classify)?;
    for i in &result.imports {
        import
            .execute(params![file_id, i.source, json(&i.names), i.line])
            .map_err(classify)?;
    }
    let mut export = tx
        .prepare_cached(
            "INSERT INTO exports (file_id, name, is_default, source, line) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(classify)?;
    for e in &result.exports {
        export
            .execute(params![file_id, e.name, e.is_default, e.source, e.line])
            .map_err(classify)?;
    }
    let mut call = tx
        .prepare_cached(
            "INSERT INTO call_sites (id, file_id, callee, receiver, arg_count, line, col) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .map_err(classify)?;
    let slots = usize::try_from(CALL_SITE_SLOTS).unwrap_or(usize::MAX);
    if result.call_sites.len() > slots {
        tracing::warn!(
            path = %result.path,
            calls = result.call_sites.len(),
            "only the first {slots} call sites of the file are stored"
        );
    }
    for (ordinal, c) in (0_i64..).zip(result.call_sites.iter().take(slots)) {
        call.execute(params![
            file_id * CALL_SITE_SLOTS + ordinal,
            file_id,
            c.callee,
            c.receiver,
            c.arg_count,
            c.line,
            c.column
        ])
        .map_err(classify)?;
    }
    Ok(())
}

fn json(names: &[String]) -> String {
    serde_json::to_string(names).unwrap_or_else(|_| "[]".to_owned())
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Files.
    pub files: u64,
    /// Functions.
    pub functions: u64,
    /// Classes and other types.
    pub classes: u64,
    /// Imports.
    pub imports: u64,
    /// Exports.
    pub exports: u64,
    /// Call sites.
    pub call_sites: u64,
}

/// How many rows each table holds.
pub fn counts(connection: &Connection) -> Result<Counts, StorageError> {
    let count = |table: &str| -> Result<u64, StorageError> {
        connection
            .prepare_cached(&format!("SELECT count(*) FROM {table}"))
            .and_then(|mut statement| statement.query_row([], |row| row.get(0)))
            .map_err(classify)
    };
    Ok(Counts {
        files: count("files")?,
        functions: count("functions")?,
        classes: count("classes")?,
        imports: count("imports")?,
        exports: count("exports")?,
        call_sites: count("call_sites")?,
    })
}
