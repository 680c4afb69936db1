//! The persisted parse cache behind the parsers' in-memory one: results as JSON in the
//! `parse_cache` table, keyed by content hash, language and dialect.

use std::sync::Arc;

use drift_analysis::parsers::{ParseResult, ParseStore};
use drift_core::errors::RuntimeError;
use drift_core::{ContentHash, Language};
use drift_storage::Database;

/// [`ParseStore`] over `drift.db`.
pub struct DbParseStore {
    db: Arc<Database>,
}

impl DbParseStore {
    pub fn new(db: Arc<Database>) -> Self {
        Self { db }
    }
}

impl ParseStore for DbParseStore {
    fn load(&self, hash: ContentHash, language: Language, dialect: usize) -> Option<ParseResult> {
        // In the wasm build, pool threads cannot use the database: a miss, not an error.
        if !self.db.usable_here() {
            return None;
        }
        let bytes = self
            .db
            .read(|connection| {
                drift_storage::parse_cache::get(
                    connection,
                    hash.to_i64_bits(),
                    language.name(),
                    dialect_key(dialect),
                )
            })
            .inspect_err(|err| tracing::warn!(%err, "the persisted parse cache could not be read"))
            .ok()??;
        // An entry written by an older build with another result shape is a miss, not an error:
        // the file is parsed again and the entry replaced.
        serde_json::from_slice(&bytes).ok()
    }
}

/// The stored form of a dialect index.
pub fn dialect_key(dialect: usize) -> u32 {
    u32::try_from(dialect).unwrap_or(u32::MAX)
}

/// A result as stored in the parse cache.
pub fn encode(result: &ParseResult) -> Result<Vec<u8>, RuntimeError> {
    serde_json::to_vec(result).map_err(|err| RuntimeError::Internal {
        message: format!("a parse result could not be serialized: {err}"),
    })
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}
