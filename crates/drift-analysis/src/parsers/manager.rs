//! [`ParserManager`]: routes a file to its language by extension, keeps one tree-sitter parser
//! per language and thread, compiles each language's queries once per process, and caches
//! results by content hash.

use std::cell::RefCell;
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use drift_core::errors::ParseError;
use drift_core::{ContentHash, Language};
use rustc_hash::FxHashMap;
use tree_sitter::{ParseOptions, ParseState, Parser, Query};

use super::budget::Budget;
use super::cache::ParseCache;
use super::extract::extract;
use super::languages;
use super::matcher::Patterns;
use super::spec::LanguageSpec;
use super::types::ParseResult;
use crate::detection::DetectionSet;
use crate::detection::syntax::{self, SyntaxHit};

/// Bytes inspected for a NUL byte to tell binary files from text (as git does).
const BINARY_PROBE: usize = 8000;

/// Query compilations since the process started (each dialect's query compiles once).
static COMPILATIONS: AtomicUsize = AtomicUsize::new(0);

/// The compiled queries of one dialect: the structure and calls patterns together, run in one
/// walk of the tree (`matcher.rs`).
struct Compiled {
    patterns: Patterns,
}

/// One slot per (language, dialect), filled on first use.
fn compiled(spec: &'static LanguageSpec, dialect: usize) -> Result<&'static Compiled, ParseError> {
    type Slot = OnceLock<Result<Compiled, (&'static str, String)>>;
    static SLOTS: OnceLock<FxHashMap<(Language, usize), Slot>> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        languages::ALL
            .iter()
            .flat_map(|spec| {
                (0..spec.dialects.len()).map(|d| ((spec.language, d), OnceLock::new()))
            })
            .collect()
    });
    let slot = slots
        .get(&(spec.language, dialect))
        .ok_or(ParseError::LanguageNotCompiled {
            language: spec.language,
        })?;
    slot.get_or_init(|| {
        use_engine_allocator();
        let grammar = tree_sitter::Language::new(spec.dialects[dialect].grammar);
        COMPILATIONS.fetch_add(1, Ordering::Relaxed);
        let combined = format!("{}\n{}", spec.structure, spec.calls);
        // tree-sitter checks the text first (its messages are the ones query authors know, and
        // it rejects patterns the grammar makes impossible); the matcher then compiles it.
        match Query::new(&grammar, &combined) {
            Ok(_) => Patterns::compile(&grammar, &combined, super::extract::PRIMARIES)
                .map(|patterns| Compiled { patterns })
                .map_err(|message| ("structure and calls", message)),
            // Name the part at fault: compile each alone (only on this error path).
            Err(err) => Err(match Query::new(&grammar, spec.structure) {
                Err(own) => ("structure", own.to_string()),
                Ok(_) => (
                    "calls",
                    Query::new(&grammar, spec.calls)
                        .err()
                        .map_or_else(|| err.to_string(), |own| own.to_string()),
                ),
            }),
        }
    })
    .as_ref()
    .map_err(|(query, message)| ParseError::QueryCompilation {
        language: spec.language,
        query,
        message: message.clone(),
    })
}

/// In the wasm build, makes tree-sitter allocate through Rust's global allocator (the
/// per-thread caches of [`drift_core::alloc::ThreadCache`] there) instead of wasi-libc's
/// `malloc`, whose single lock kept parse threads from running in parallel. Runs once, before
/// tree-sitter allocates anything: every tree-sitter object is made after a query compiles.
fn use_engine_allocator() {
    #[cfg(target_family = "wasm")]
    {
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| {
            use drift_core::alloc::c_abi;
            // SAFETY: called once, before any tree-sitter allocation (queries are compiled
            // first, behind this call); the four functions form one allocator.
            unsafe {
                tree_sitter::set_allocator(
                    Some(c_abi::malloc),
                    Some(c_abi::calloc),
                    Some(c_abi::realloc),
                    Some(c_abi::free),
                );
            }
        });
    }
}

thread_local! {
    /// Parsers of this thread, one per (language, dialect): a tree-sitter parser is not `Sync`.
    static PARSERS: RefCell<FxHashMap<(Language, usize), Parser>> = RefCell::new(FxHashMap::default());
}

/// A second-level parse cache behind the in-memory one, e.g. the `parse_cache` table of
/// `drift.db`, which outlives the process. Implementations must be cheap to call from many
/// threads; a failed lookup is a miss.
pub trait ParseStore: Send + Sync {
    /// The stored result for this content, language and dialect.
    fn load(&self, hash: ContentHash, language: Language, dialect: usize) -> Option<ParseResult>;
}

/// Where a result of [`ParserManager::parse_traced`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Parsed now.
    Parsed,
    /// The in-memory cache.
    Memory,
    /// The [`ParseStore`].
    Store,
}

/// Parses files of the 10 languages. Cheap to share: parsers live per thread, queries per
/// process; the caches are the only state it owns.
pub struct ParserManager {
    cache: ParseCache,
    store: Option<Box<dyn ParseStore>>,
    store_hits: std::sync::atomic::AtomicU64,
    /// Budget for one file's parse and extraction in milliseconds; 0 = unlimited. Settable
    /// while the manager is shared ([`ParserManager::set_limits`]).
    timeout_ms: AtomicU64,
    /// Languages scans parse (`parse.languages`); `None` = all.
    languages: std::sync::RwLock<Option<Vec<Language>>>,
}

impl std::fmt::Debug for ParserManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParserManager")
            .field("cache", &self.cache)
            .field("store", &self.store.is_some())
            .field("timeout_ms", &self.timeout_ms)
            .field("languages", &self.languages)
            .finish_non_exhaustive()
    }
}

impl Default for ParserManager {
    fn default() -> Self {
        Self::new(ParseCache::DEFAULT_CAPACITY)
    }
}

fn millis(timeout: Option<Duration>) -> u64 {
    timeout.map_or(0, |limit| {
        u64::try_from(limit.as_millis()).unwrap_or(u64::MAX).max(1)
    })
}

impl ParserManager {
    /// A manager whose cache holds at most `cache_entries` results.
    #[must_use]
    pub fn new(cache_entries: usize) -> Self {
        Self {
            cache: ParseCache::new(cache_entries),
            store: None,
            store_hits: std::sync::atomic::AtomicU64::new(0),
            timeout_ms: AtomicU64::new(drift_core::constants::DEFAULT_PARSE_TIMEOUT_MS),
            languages: std::sync::RwLock::new(None),
        }
    }

    /// This manager with `timeout` as the budget of one file's parse and extraction
    /// (`parse.timeout_ms`; `None` = unlimited). A file over it fails with `PARSE_TIMEOUT`.
    #[must_use]
    pub fn with_timeout(self, timeout: Option<Duration>) -> Self {
        self.timeout_ms.store(millis(timeout), Ordering::Relaxed);
        self
    }

    /// This manager with scans parsing only `languages` (`parse.languages`; `None` = all).
    #[must_use]
    pub fn with_languages(self, languages: Option<Vec<Language>>) -> Self {
        self.set_limits(self.timeout(), languages);
        self
    }

    /// Applies a new `parse.timeout_ms` and `parse.languages` to the parses that start after
    /// this call.
    pub fn set_limits(&self, timeout: Option<Duration>, languages: Option<Vec<Language>>) {
        self.timeout_ms.store(millis(timeout), Ordering::Relaxed);
        *self
            .languages
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = languages;
    }

    /// The budget of one file, `None` when unlimited.
    #[must_use]
    pub fn timeout(&self) -> Option<Duration> {
        match self.timeout_ms.load(Ordering::Relaxed) {
            0 => None,
            ms => Some(Duration::from_millis(ms)),
        }
    }

    /// Whether scans parse files in `language` (`parse.languages`). Direct calls to
    /// [`ParserManager::parse`] parse every supported language.
    #[must_use]
    pub fn scans_parse(&self, language: Language) -> bool {
        self.languages
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .is_none_or(|enabled| enabled.contains(&language))
    }

    /// This manager with `store` consulted after a miss in memory.
    #[must_use]
    pub fn with_store(mut self, store: Box<dyn ParseStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// Results found in the [`ParseStore`] so far.
    #[must_use]
    pub fn store_hits(&self) -> u64 {
        self.store_hits.load(Ordering::Relaxed)
    }

    /// The language parsing `path`, from its extension.
    pub fn route(path: &str) -> Result<&'static LanguageSpec, ParseError> {
        let language =
            Language::from_path(path).ok_or_else(|| ParseError::UnsupportedLanguage {
                extension: extension(path).to_owned(),
            })?;
        languages::spec(language).ok_or(ParseError::LanguageNotCompiled { language })
    }

    /// Parses `source` as the language of `path`, from the cache when the same content was
    /// parsed before (under any path).
    ///
    /// A file with syntax errors gives a partial result (`has_errors`); binary content and
    /// unknown extensions give a [`ParseError`].
    pub fn parse(&self, path: &str, source: &[u8]) -> Result<ParseResult, ParseError> {
        self.parse_hashed(path, source, ContentHash::of(source))
    }

    /// [`ParserManager::parse`] for a caller that already hashed `source` (the scanner does):
    /// `hash` must be `ContentHash::of(source)`.
    pub fn parse_hashed(
        &self,
        path: &str,
        source: &[u8],
        hash: ContentHash,
    ) -> Result<ParseResult, ParseError> {
        self.parse_traced(path, source, hash)
            .map(|(result, _)| result)
    }

    /// [`ParserManager::parse_hashed`] that also says where the result came from: the memory
    /// cache, the store, or a parse (the caller may persist those).
    pub fn parse_traced(
        &self,
        path: &str,
        source: &[u8],
        hash: ContentHash,
    ) -> Result<(ParseResult, Origin), ParseError> {
        self.parse_shared(path, source, hash, true)
            .map(|(result, origin)| (Arc::unwrap_or_clone(result), origin))
    }

    /// [`ParserManager::parse_traced`] without copying the result out of the memory cache.
    /// `remember`: keep the result in the memory cache. Scans do not: they store every result
    /// in drift.db and rarely see the same content twice, and keeping results there cost a
    /// cold scan of 10,000 files 6% more time and 120 MB more memory (BENCHMARKS.md).
    pub fn parse_shared(
        &self,
        path: &str,
        source: &[u8],
        hash: ContentHash,
        remember: bool,
    ) -> Result<(Arc<ParseResult>, Origin), ParseError> {
        let spec = Self::route(path).map_err(|err| err.with_path(path))?;
        let dialect = spec.dialect_index(extension(path));
        let keep = |result: &Arc<ParseResult>| {
            if remember {
                let shared = Arc::clone(result);
                self.cache
                    .insert(hash, spec.language, dialect, shared, source.len());
            }
        };
        if let Some(hit) = self.cache.get(hash, spec.language, dialect) {
            if hit.path == path {
                return Ok((hit, Origin::Memory));
            }
            let mut result = (*hit).clone();
            path.clone_into(&mut result.path);
            return Ok((Arc::new(result), Origin::Memory));
        }
        if let Some(mut stored) = self
            .store
            .as_ref()
            .and_then(|store| store.load(hash, spec.language, dialect))
        {
            self.store_hits.fetch_add(1, Ordering::Relaxed);
            path.clone_into(&mut stored.path);
            let stored = Arc::new(stored);
            keep(&stored);
            return Ok((stored, Origin::Store));
        }
        let result = Arc::new(
            parse_uncached(spec, dialect, path, source, hash, self.timeout(), None)
                .map_err(|err| err.with_path(path))?
                .0,
        );
        keep(&result);
        Ok((result, Origin::Parsed))
    }

    /// Parses `source` afresh (detection needs the tree: no cache is read or filled) and runs
    /// `set`'s syntax phase on the tree before it is dropped. The file's time budget covers
    /// the walk too: past it, the hits found so far are kept.
    pub fn parse_detected(
        &self,
        path: &str,
        source: &[u8],
        hash: ContentHash,
        set: &DetectionSet,
    ) -> Result<(ParseResult, Vec<SyntaxHit>), ParseError> {
        let spec = Self::route(path).map_err(|err| err.with_path(path))?;
        let dialect = spec.dialect_index(extension(path));
        parse_uncached(spec, dialect, path, source, hash, self.timeout(), Some(set))
            .map_err(|err| err.with_path(path))
    }

    /// The dialect index `path` parses with (0 for single-dialect languages); part of the cache
    /// key.
    pub fn dialect_of(path: &str) -> Result<usize, ParseError> {
        Self::route(path).map(|spec| spec.dialect_index(extension(path)))
    }

    /// The cache, for statistics and tests.
    #[must_use]
    pub fn cache(&self) -> &ParseCache {
        &self.cache
    }

    /// Query compilations in this process so far.
    #[must_use]
    pub fn query_compilations() -> usize {
        COMPILATIONS.load(Ordering::Relaxed)
    }
}

fn extension(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    Path::new(name)
        .extension()
        .and_then(|ext| ext.to_str())
        .unwrap_or(name)
}

fn parse_uncached(
    spec: &'static LanguageSpec,
    dialect: usize,
    path: &str,
    source: &[u8],
    hash: ContentHash,
    timeout: Option<Duration>,
    detection: Option<&DetectionSet>,
) -> Result<(ParseResult, Vec<SyntaxHit>), ParseError> {
    let timed_out = |phase| ParseError::Timeout {
        language: spec.language,
        phase,
        limit_ms: timeout.map_or(0, |limit| {
            u64::try_from(limit.as_millis()).unwrap_or(u64::MAX)
        }),
    };
    if let Some(offset) = source[..source.len().min(BINARY_PROBE)]
        .iter()
        .position(|&byte| byte == 0)
    {
        return Err(ParseError::ParseFailed {
            language: spec.language,
            reason: format!(
                "the file holds binary data (a NUL byte at offset {offset}), not source code"
            ),
        });
    }
    let queries = compiled(spec, dialect)?;
    let budget = Budget::new(timeout);
    let tree = PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = match parsers.entry((spec.language, dialect)) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                let mut parser = Parser::new();
                parser
                    .set_language(&tree_sitter::Language::new(spec.dialects[dialect].grammar))
                    .map_err(|err| ParseError::GrammarIncompatible {
                        language: spec.language,
                        message: err.to_string(),
                    })?;
                entry.insert(parser)
            }
        };
        let mut progress = |_: &ParseState| budget.progress();
        let length = source.len();
        let tree = parser.parse_with_options(
            &mut |offset, _| &source[offset.min(length)..],
            None,
            Some(ParseOptions::new().progress_callback(&mut progress)),
        );
        if tree.is_none() && budget.expired() {
            // A stopped parse would resume on the next call: start the next file afresh.
            parser.reset();
            return Err(timed_out("parsing"));
        }
        tree.ok_or_else(|| ParseError::ParseFailed {
            language: spec.language,
            reason: "tree-sitter returned no tree".to_owned(),
        })
    })?;
    let mut result = extract(
        &tree,
        source,
        &queries.patterns,
        spec.conventions,
        path,
        spec.language,
        &budget,
    )
    .map_err(|_| timed_out("extraction"))?;
    result.content_hash = hash;
    let hits = match detection {
        Some(set) => set
            .syntax_table(spec.language, dialect)
            .map(|table| syntax::walk(table, set, &tree, source, &|| budget.spent()))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok((result, hits))
}
