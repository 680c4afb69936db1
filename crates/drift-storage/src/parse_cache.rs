//! The persisted parse cache: a parse result (as JSON) per content hash, language and dialect,
//! so a restart does not re-parse unchanged content.

use drift_core::errors::StorageError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::connection::classify;

/// The cached result for this content, or `None`.
pub fn get(
    connection: &Connection,
    content_hash: i64,
    language: &str,
    dialect: u32,
) -> Result<Option<Vec<u8>>, StorageError> {
    connection
        .prepare_cached(
            "SELECT result FROM parse_cache WHERE content_hash = ?1 AND language = ?2 AND dialect = ?3",
        )
        .map_err(classify)?
        .query_row(params![content_hash, language, dialect], |row| row.get(0))
        .optional()
        .map_err(classify)
}

/// Stores (or replaces) a result, stamped with the current time (ms since the Unix epoch).
pub fn put(
    tx: &Transaction<'_>,
    content_hash: i64,
    language: &str,
    dialect: u32,
    result: &[u8],
) -> Result<(), StorageError> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO parse_cache (content_hash, language, dialect, result, created_at)
         VALUES (?1, ?2, ?3, ?4, CAST(unixepoch('subsec') * 1000 AS INTEGER))",
    )
    .map_err(classify)?
    .execute(params![content_hash, language, dialect, result])
    .map_err(classify)?;
    Ok(())
}

/// Entries in the persisted cache.
pub fn count(connection: &Connection) -> Result<u64, StorageError> {
    connection
        .query_row("SELECT count(*) FROM parse_cache", [], |row| row.get(0))
        .map_err(classify)
}
