//! How a language is described to the shared extraction engine: a grammar, two queries
//! written against the capture-name convention below, and a few per-language conventions.
//!
//! # Capture names
//!
//! Structure query, one pattern per construct; each pattern has exactly one primary capture
//! (the construct's node, the pattern's root or below it), listed first here:
//!
//! | primary | inner captures |
//! | --- | --- |
//! | `function` | `name`, `params`, `return`, `body`, `receiver` (Go: the receiver's type qualifies the method) |
//! | `class.<kind>` (`class.class`, `class.interface`, `class.struct`, `class.enum`, `class.trait`, `class.record`, `class.object`, `class.module`, `class.type`) | `name`, `base`, `implements`, `body` |
//! | `scope` (an `impl` block or inline module: qualifies what is inside) | `name`, `implements` |
//! | `field` | `name` |
//! | `import` | `source`, `imported`, `alias` |
//! | `export` / `export.default` | `name`, `source` |
//! | `decorator` | `name`, `arguments` |
//! | `namespace` | `name` |
//! | `string`, `number`, `type` | – |
//! | `try`, `catch`, `finally`, `throw`, `rescue`, `ensure`, `defer`, `propagate` | – |
//!
//! Calls query: `call` with `callee`, optional `receiver` and `args`.
//!
//! Both are written in the subset of tree-sitter's query language that `matcher.rs` runs.

use drift_core::Language;

/// Per-language conventions the queries cannot express.
#[derive(Debug, Clone, Copy)]
pub struct Conventions {
    /// Joins scopes in qualified names (`.` or `::`).
    pub separator: &'static str,
    /// Go: an identifier starting with an upper-case letter is exported (public), others are
    /// package-private.
    pub visibility_from_case: bool,
}

impl Conventions {
    /// `.`-separated names, visibility only where declared.
    pub const DOT: Self = Self {
        separator: ".",
        visibility_from_case: false,
    };
}

/// A grammar variant of a language (TypeScript and TSX), chosen by file extension.
#[derive(Clone, Copy)]
pub struct Dialect {
    /// Short name, used in messages and as part of the query cache key.
    pub name: &'static str,
    /// Extensions handled by this dialect; the first dialect also takes every other extension
    /// of the language.
    pub extensions: &'static [&'static str],
    /// The tree-sitter grammar.
    pub grammar: tree_sitter_language::LanguageFn,
}

impl std::fmt::Debug for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dialect")
            .field("name", &self.name)
            .field("extensions", &self.extensions)
            .finish_non_exhaustive()
    }
}

/// Everything the engine needs to parse one language.
#[derive(Debug)]
pub struct LanguageSpec {
    /// The language it was parsed as.
    pub language: Language,
    /// Grammar variants; the first is the default.
    pub dialects: &'static [Dialect],
    /// The structure query (see the module docs for capture names).
    pub structure: &'static str,
    /// The calls query.
    pub calls: &'static str,
    /// Conventions the queries cannot express.
    pub conventions: Conventions,
}

impl LanguageSpec {
    /// The dialect for a file extension (without the dot).
    #[must_use]
    pub fn dialect_index(&self, extension: &str) -> usize {
        self.dialects
            .iter()
            .position(|dialect| {
                dialect
                    .extensions
                    .iter()
                    .any(|known| known.eq_ignore_ascii_case(extension))
            })
            .unwrap_or(0)
    }
}
