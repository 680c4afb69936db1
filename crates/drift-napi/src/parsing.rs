//! `parseFile`, `parseFileCached`, `queryParseStats`: the parsers
//! ([`drift_analysis::parsers`]) for editors and single files.

use drift_analysis::parsers::{ParseResult, ParserManager};
use drift_core::errors::RuntimeError;
use napi::Either;
use napi::Result;
use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;

use crate::errors::to_napi_error;
use crate::runtime;

fn to_value(result: &ParseResult) -> Result<serde_json::Value> {
    serde_json::to_value(result).map_err(|err| {
        to_napi_error(&RuntimeError::Internal {
            message: format!("a parse result could not be serialized: {err}"),
        })
    })
}

/// Parses `source` as the language of `path`'s extension, synchronously (editors call this on
/// every change; a 1,000-line file takes a few milliseconds). The result has the fields of the
/// Rust `ParseResult` in `snake_case`, e.g. `functions[0].qualified_name`.
///
/// Syntax errors give a partial result with `has_errors: true`. Errors:
/// `[UNSUPPORTED_LANGUAGE]` for an unknown extension, `[PARSE_ERROR]` for binary content,
/// `[RUNTIME_NOT_INITIALIZED]`, `[ALREADY_SHUT_DOWN]`.
#[napi]
pub fn parse_file(path: String, source: Either<String, Uint8Array>) -> Result<serde_json::Value> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let bytes: &[u8] = match &source {
        Either::A(text) => text.as_bytes(),
        Either::B(bytes) => bytes,
    };
    let result = runtime
        .engine
        .parse_source(&path, bytes)
        .map_err(|err| to_napi_error(&err))?;
    to_value(&result)
}

/// Reads `path` (relative to the runtime's root) and parses it, from the parse cache when its
/// content was parsed before (in this process, or in drift.db's persisted cache, which a fresh
/// result is added to). Errors as `parseFile`, plus `[SCAN_ERROR]` when the file cannot
/// be read.
#[napi]
pub fn parse_file_cached(path: String) -> Result<serde_json::Value> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let result = runtime
        .engine
        .parse_file_cached(&path)
        .map_err(|err| to_napi_error(&err))?;
    to_value(&result)
}

/// Parse cache and query statistics.
#[napi(object)]
pub struct ParseStats {
    pub cache_hits: f64,
    pub cache_misses: f64,
    pub cache_evictions: f64,
    pub cache_entries: f64,
    pub cache_capacity: f64,
    /// Results found in drift.db's persisted parse cache after a miss in memory.
    pub store_hits: f64,
    /// Tree-sitter query compilations in this process (two per language and dialect, once).
    pub query_compilations: u32,
}

/// Statistics of the parse cache and the query compiler.
#[napi]
#[allow(
    clippy::cast_precision_loss,
    reason = "counters stay far below 2^53 (`allow`: napi-derive expands this item differently under cfg(test))"
)]
pub fn query_parse_stats() -> Result<ParseStats> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let parsers = runtime.engine.parsers();
    let stats = parsers.cache().stats();
    Ok(ParseStats {
        cache_hits: stats.hits as f64,
        cache_misses: stats.misses as f64,
        cache_evictions: stats.evictions as f64,
        cache_entries: stats.entries as f64,
        cache_capacity: stats.capacity as f64,
        store_hits: parsers.store_hits() as f64,
        query_compilations: u32::try_from(ParserManager::query_compilations()).unwrap_or(u32::MAX),
    })
}
