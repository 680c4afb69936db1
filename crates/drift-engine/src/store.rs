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
        decode(&bytes)
    }
}

/// The stored form of a dialect index.
pub fn dialect_key(dialect: usize) -> u32 {
    u32::try_from(dialect).unwrap_or(u32::MAX)
}

/// Leads every stored result: the encoding and the result shape. Bump it when `ParseResult`
/// changes, so older entries are misses instead of misreadings.
const FORMAT: &[u8; 4] = b"DPC2";

/// A result as stored in the parse cache: [`FORMAT`], then the result in postcard's compact
/// serde encoding (a third of the size of JSON on real code, and faster to read).
pub fn encode(result: &ParseResult) -> Result<Vec<u8>, RuntimeError> {
    postcard::to_extend(result, FORMAT.to_vec()).map_err(|err| RuntimeError::Internal {
        message: format!("a parse result could not be serialized: {err}"),
    })
}

/// A stored result, or `None` for anything [`encode`] did not write.
pub fn decode(bytes: &[u8]) -> Option<ParseResult> {
    postcard::from_bytes(bytes.strip_prefix(FORMAT)?).ok()
}

#[cfg(test)]
mod tests {
    use drift_analysis::parsers::ParserManager;

    use super::*;

    #[test]
    fn results_round_trip_smaller_than_json_and_foreign_bytes_are_misses() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../test-fixtures/typescript/orders.ts"
        );
        let source = std::fs::read(path).unwrap();
        let result = ParserManager::new(0).parse("orders.ts", &source).unwrap();
        assert!(!result.functions.is_empty());
        let stored = encode(&result).unwrap();
        assert_eq!(decode(&stored), Some(result.clone()));
        let json = serde_json::to_vec(&result).unwrap();
        assert!(
            stored.len() * 2 < json.len(),
            "{} vs {} bytes",
            stored.len(),
            json.len()
        );
        assert_eq!(decode(&json), None, "JSON from an older build is a miss");
        assert_eq!(
            decode(&stored[..stored.len() / 2]),
            None,
            "a truncated entry is a miss"
        );
    }
}
