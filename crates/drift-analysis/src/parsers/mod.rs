//! The parsers: source bytes to a [`ParseResult`] for each of the 10 languages, with
//! tree-sitter.
//!
//! One shared engine (`extract.rs`) serves every language; a language is a grammar and two
//! queries (structure and calls) following one capture-name convention (`spec.rs`), in one file
//! under `languages/` and one line in [`languages::ALL`]. [`ParserManager`] routes by
//! extension, keeps a parser per language and thread, compiles each query once per process and
//! caches results by content hash.
//!
//! ```
//! use drift_analysis::parsers::ParserManager;
//!
//! let parsers = ParserManager::default();
//! let result = parsers.parse("src/a.py", b"class A:\n    def run(self):\n        go(1)\n")?;
//! assert_eq!(result.functions[0].qualified_name, "A.run");
//! assert_eq!(result.call_sites[0].callee, "go");
//! # Ok::<(), drift_core::errors::ParseError>(())
//! ```
//!
//! # Errors
//!
//! Syntax errors are not errors: the result is partial and `has_errors` is set. Unknown
//! extensions give `UNSUPPORTED_LANGUAGE`, binary content `PARSE_ERROR`, and a file whose parse
//! and extraction take longer than the budget (`parse.timeout_ms`, default 3 s) gives
//! `PARSE_TIMEOUT`.

mod budget;
mod cache;
mod extract;
pub mod languages;
mod manager;
mod matcher;
pub mod spec;
/// The parse result types live in `drift-core`, where storage can use them too.
pub use drift_core::types::parse as types;

pub use cache::{CacheStats, ParseCache};
pub use manager::{Origin, ParseStore, ParserManager};
pub use types::*;
