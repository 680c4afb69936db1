use std::path::{Path, PathBuf};

use super::{Cancelled, DriftErrorCode, codes};
use crate::types::Language;

/// A parser could not produce a result for a file.
///
/// A file with syntax errors is *not* a `ParseError`: parsers are error tolerant and return
/// partial results for it. This type covers the cases where there is no result at all.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// No language is known for this file extension.
    #[error(
        "no parser handles `{extension}` files; Drift parses {}",
        crate::types::Language::supported_list()
    )]
    UnsupportedLanguage {
        /// The extension (without the dot), or the whole file name when it has none.
        extension: String,
    },

    /// The language is known but its grammar was not compiled into this build.
    #[error(
        "the {language} parser is not included in this build of Drift; rebuild with its grammar feature enabled"
    )]
    LanguageNotCompiled {
        /// The language.
        language: Language,
    },

    /// The grammar could not be loaded into a parser (tree-sitter ABI mismatch).
    #[error(
        "the {language} grammar could not be loaded ({message}); the grammar and tree-sitter versions do not match"
    )]
    GrammarIncompatible {
        /// The language.
        language: Language,
        /// tree-sitter's explanation.
        message: String,
    },

    /// A built-in query does not compile against its grammar. This is a bug in Drift.
    #[error(
        "the {language} `{query}` query does not compile ({message}); this is a bug in Drift, please report it"
    )]
    QueryCompilation {
        /// The language.
        language: Language,
        /// Which query (`"structure"`, `"calls"`, ...).
        query: &'static str,
        /// tree-sitter's explanation, with the offending position.
        message: String,
    },

    /// The parser returned no tree at all.
    #[error("the {language} parser produced no syntax tree ({reason})")]
    ParseFailed {
        /// The language.
        language: Language,
        /// Why, as far as known.
        reason: String,
    },

    /// Parsing or extracting the file took longer than its budget (`parse.timeout_ms`).
    /// Minified bundles and generated code (one expression of a million terms, one call chain
    /// of thousands of links) are the usual cause; nothing of the file is kept.
    #[error(
        "{language} {phase} took longer than the {limit_ms} ms budget for one file, so the file is skipped; raise `parse.timeout_ms` in drift.toml (or DRIFT_PARSE_TIMEOUT_MS) to parse it"
    )]
    Timeout {
        /// The language.
        language: Language,
        /// `"parsing"` or `"extraction"`.
        phase: &'static str,
        /// The budget, in milliseconds.
        limit_ms: u64,
    },

    /// Parsing was cancelled.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),

    /// Another parse error, with the file it happened in.
    #[error("{}: {source}", path.display())]
    WithPath {
        /// The file being parsed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: Box<ParseError>,
    },
}

impl ParseError {
    /// Attaches the file path, once: an error that already carries a path keeps the innermost
    /// one, which is the most specific.
    #[must_use]
    pub fn with_path(self, path: impl Into<PathBuf>) -> Self {
        match self {
            Self::WithPath { .. } => self,
            other => Self::WithPath {
                path: path.into(),
                source: Box::new(other),
            },
        }
    }

    /// The file this error happened in, if known.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::WithPath { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The error without its path context.
    #[must_use]
    pub fn without_path(&self) -> &Self {
        match self {
            Self::WithPath { source, .. } => source.without_path(),
            other => other,
        }
    }
}

impl DriftErrorCode for ParseError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnsupportedLanguage { .. } | Self::LanguageNotCompiled { .. } => {
                codes::UNSUPPORTED_LANGUAGE
            }
            Self::GrammarIncompatible { .. } | Self::ParseFailed { .. } => codes::PARSE_ERROR,
            Self::QueryCompilation { .. } => codes::QUERY_COMPILATION,
            Self::Timeout { .. } => codes::PARSE_TIMEOUT,
            Self::Cancelled(inner) => inner.code(),
            Self::WithPath { source, .. } => source.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::test_support::check_samples;

    fn variant_index(e: &ParseError) -> usize {
        match e {
            ParseError::UnsupportedLanguage { .. } => 0,
            ParseError::LanguageNotCompiled { .. } => 1,
            ParseError::GrammarIncompatible { .. } => 2,
            ParseError::QueryCompilation { .. } => 3,
            ParseError::ParseFailed { .. } => 4,
            ParseError::Cancelled(_) => 5,
            ParseError::WithPath { .. } => 6,
            ParseError::Timeout { .. } => 7,
        }
    }

    #[test]
    fn every_variant_has_a_registered_code() {
        let samples = [
            ParseError::UnsupportedLanguage {
                extension: "cobol".into(),
            },
            ParseError::LanguageNotCompiled {
                language: Language::Kotlin,
            },
            ParseError::GrammarIncompatible {
                language: Language::Go,
                message: "ABI 16".into(),
            },
            ParseError::QueryCompilation {
                language: Language::Rust,
                query: "calls",
                message: "invalid node type at 3:4".into(),
            },
            ParseError::ParseFailed {
                language: Language::Python,
                reason: "timed out".into(),
            },
            ParseError::Cancelled(Cancelled),
            ParseError::ParseFailed {
                language: Language::Java,
                reason: "timed out".into(),
            }
            .with_path("src/A.java"),
            ParseError::Timeout {
                language: Language::JavaScript,
                phase: "parsing",
                limit_ms: 3000,
            },
        ];
        check_samples(&samples, variant_index, 8);
        let codes: Vec<_> = samples.iter().map(DriftErrorCode::code).collect();
        assert_eq!(
            codes,
            [
                "UNSUPPORTED_LANGUAGE",
                "UNSUPPORTED_LANGUAGE",
                "PARSE_ERROR",
                "QUERY_COMPILATION",
                "PARSE_ERROR",
                "CANCELLED",
                "PARSE_ERROR",
                "PARSE_TIMEOUT",
            ]
        );
    }

    #[test]
    fn with_path_wraps_once_and_keeps_the_inner_code() {
        let err = ParseError::UnsupportedLanguage {
            extension: "cobol".into(),
        }
        .with_path("inner.cob")
        .with_path("outer.cob");
        assert_eq!(err.path(), Some(Path::new("inner.cob")));
        assert_eq!(err.code(), codes::UNSUPPORTED_LANGUAGE);
        assert!(matches!(
            err.without_path(),
            ParseError::UnsupportedLanguage { .. }
        ));
        assert!(
            err.to_string()
                .starts_with("inner.cob: no parser handles `cobol` files")
        );
        let source = std::error::Error::source(&err).expect("wrapped error is the source");
        assert!(source.to_string().starts_with("no parser handles"));
    }

    #[test]
    fn unsupported_language_lists_the_supported_ones() {
        let message = ParseError::UnsupportedLanguage {
            extension: "cobol".into(),
        }
        .to_string();
        assert!(
            message.contains("TypeScript") && message.contains("Kotlin"),
            "{message}"
        );
    }
}
