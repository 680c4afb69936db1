use std::fmt;
use std::io;
use std::path::PathBuf;

use super::{DriftErrorCode, codes};
use crate::config::{ConfigLayer, describe};

/// Configuration could not be loaded or a value in it is not acceptable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A configuration file exists but could not be read.
    #[error("could not read the {layer} file {}: {source}; check that it is readable", path.display())]
    Read {
        /// Which layer the file belongs to.
        layer: ConfigLayer,
        /// The file.
        path: PathBuf,
        /// The I/O failure.
        #[source]
        source: io::Error,
    },

    /// A configuration file or string is not valid TOML (or JSON, for JSON overrides).
    #[error("could not parse {} as {}: {source}; fix the syntax and try again", describe(*.layer, .path.as_deref()), .source.format)]
    Parse {
        /// Which layer the text belongs to.
        layer: ConfigLayer,
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// Where and why parsing failed.
        #[source]
        source: SyntaxError,
    },

    /// A value is well-formed but not acceptable: out of range, wrong type, or not a number in
    /// an environment variable.
    #[error("invalid value for `{key}` in {origin}: {reason}")]
    Invalid {
        /// The dotted key, e.g. `scan.max_file_size`.
        key: String,
        /// Which layer supplied the value.
        layer: ConfigLayer,
        /// Human description of where the value came from: the file path or the environment
        /// variable name.
        origin: String,
        /// What is wrong and what is accepted.
        reason: String,
    },
}

impl ConfigError {
    /// The layer the failing input came from.
    #[must_use]
    pub fn layer(&self) -> ConfigLayer {
        match self {
            Self::Read { layer, .. } | Self::Parse { layer, .. } | Self::Invalid { layer, .. } => {
                *layer
            }
        }
    }
}

impl DriftErrorCode for ConfigError {
    fn code(&self) -> &'static str {
        match self {
            Self::Read { .. } | Self::Parse { .. } => codes::CONFIG_ERROR,
            Self::Invalid { .. } => codes::CONFIG_INVALID,
        }
    }
}

/// Where and why a TOML or JSON document failed to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// `"TOML"` or `"JSON"`.
    pub format: &'static str,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The parser's explanation, on one line.
    pub message: String,
}

impl SyntaxError {
    /// Builds the error from a `toml` parse failure, computing line and column from its span
    /// (the `toml` crate's own `Display` is a multi-line snippet, unsuitable for `[CODE] message`).
    pub(crate) fn from_toml(err: &toml::de::Error, text: &str) -> Self {
        let (line, column) = match err.span() {
            Some(span) => {
                let (line, column) = line_column(text, span.start);
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        Self {
            format: "TOML",
            line,
            column,
            message: err.message().trim().to_owned(),
        }
    }

    pub(crate) fn from_json(err: &serde_json::Error) -> Self {
        let (line, column) = if err.line() == 0 {
            (None, None)
        } else {
            (Some(err.line()), Some(err.column()))
        };
        // serde_json appends " at line L column C" to its Display; the fields carry that already.
        let full = err.to_string();
        let message = match full.rfind(" at line ") {
            Some(index) if line.is_some() => full[..index].to_owned(),
            _ => full,
        };
        Self {
            format: "JSON",
            line,
            column,
            message,
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            (Some(line), None) => write!(f, "line {line}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SyntaxError {}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::test_support::check_samples;

    fn variant_index(e: &ConfigError) -> usize {
        match e {
            ConfigError::Read { .. } => 0,
            ConfigError::Parse { .. } => 1,
            ConfigError::Invalid { .. } => 2,
        }
    }

    #[test]
    fn every_variant_has_a_registered_code() {
        let samples = [
            ConfigError::Read {
                layer: ConfigLayer::Project,
                path: "/p/drift.toml".into(),
                source: io::Error::other("boom"),
            },
            ConfigError::Parse {
                layer: ConfigLayer::User,
                path: Some("/home/u/.config/drift/config.toml".into()),
                source: SyntaxError {
                    format: "TOML",
                    line: Some(1),
                    column: Some(2),
                    message: "expected `=`".into(),
                },
            },
            ConfigError::Invalid {
                key: "scan.parallelism".into(),
                layer: ConfigLayer::Environment,
                origin: "environment variable DRIFT_SCAN_PARALLELISM".into(),
                reason: "must be at most 1024".into(),
            },
        ];
        check_samples(&samples, variant_index, 3);
        assert_eq!(samples[0].code(), codes::CONFIG_ERROR);
        assert_eq!(samples[1].code(), codes::CONFIG_ERROR);
        assert_eq!(samples[2].code(), codes::CONFIG_INVALID);
    }

    #[test]
    fn parse_error_names_the_file_and_position() {
        let err = ConfigError::Parse {
            layer: ConfigLayer::Project,
            path: Some("/p/drift.toml".into()),
            source: SyntaxError {
                format: "TOML",
                line: Some(3),
                column: Some(7),
                message: "invalid string".into(),
            },
        };
        assert_eq!(
            err.to_string(),
            "could not parse the project config file /p/drift.toml as TOML: line 3, column 7: \
             invalid string; fix the syntax and try again"
        );
        assert!(std::error::Error::source(&err).is_some());
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // Byte 12 is `x`, after a two-byte `é`.
        assert_eq!(line_column(text, 12), (2, 6));
        assert_eq!(line_column(text, 999), (3, 1));
        // An offset inside a multi-byte character snaps back instead of panicking.
        assert_eq!(line_column(text, 8), (2, 2));
    }
}
