//! Error types with stable codes, one enum per subsystem.
//!
//! Every error that can reach JavaScript implements [`DriftErrorCode`], which gives it a code
//! from the [`codes`] registry and a `[CODE] message` rendering ([`DriftErrorCode::coded_message`]),
//! the format the napi layer throws and the TypeScript client parses (spec
//! `napi-bridge-v2-prep.md` §6).
//!
//! # Conventions
//!
//! - `Display` is a complete sentence a user can act on, and it already contains the cause's
//!   text: the bridge sends only `Display`, so it must stand alone. The cause is still kept as
//!   [`std::error::Error::source`] for callers that inspect it (e.g. an `io::ErrorKind`); do not
//!   print the source chain in addition, it would repeat.
//! - Wrapping variants (`ScanError::Storage`, `RuntimeError::Scan`, `ParseError::WithPath`, ...)
//!   report the wrapped error's code, so a `DB_BUSY` stays `DB_BUSY` however deep it was raised.
//! - Enums are exhaustive on purpose: the workspace is one project, and a new variant should
//!   make every `match` over it fail to compile until it is handled.

pub mod codes;
mod config;
mod graph;
mod parse;
mod runtime;
mod scan;
mod storage;

pub use config::{ConfigError, SyntaxError};
pub use graph::GraphError;
pub use parse::ParseError;
pub use runtime::RuntimeError;
pub use scan::ScanError;
pub use storage::{BoxError, StorageError};

/// An error with a stable code from the [`codes`] registry.
pub trait DriftErrorCode: std::error::Error {
    /// The registry code for this error, e.g. `"DB_BUSY"`.
    fn code(&self) -> &'static str;

    /// `[CODE] message` on a single line, the format thrown across the napi bridge.
    fn coded_message(&self) -> String {
        format_coded(self.code(), &self.to_string())
    }
}

/// Formats `[code] message` on one line.
///
/// The TypeScript client parses messages with `/^\[([A-Z_]+)\]\s*(.+)$/`, in which `.` does not
/// match a newline, so line breaks (e.g. from a multi-line OS or parser message) are folded into
/// single spaces.
#[must_use]
pub fn format_coded(code: &str, message: &str) -> String {
    let mut out = String::with_capacity(code.len() + message.len() + 3);
    out.push('[');
    out.push_str(code);
    out.push_str("] ");
    let mut first = true;
    for line in message
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        if !first {
            out.push(' ');
        }
        out.push_str(line);
        first = false;
    }
    out
}

/// The operation was cancelled through a [`CancellationToken`](crate::cancellation::CancellationToken).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, thiserror::Error)]
#[error("the operation was cancelled")]
pub struct Cancelled;

impl DriftErrorCode for Cancelled {
    fn code(&self) -> &'static str {
        codes::CANCELLED
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Exhaustive samples of every error variant, shared by the per-enum tests.

    use super::DriftErrorCode;

    /// Checks that `samples` covers `variant_count` distinct variants (as numbered by the enum's
    /// exhaustive `variant_index`), that each maps to a registered code and renders as a
    /// parseable `[CODE] message`.
    pub(crate) fn check_samples<E: DriftErrorCode>(
        samples: &[E],
        variant_index: fn(&E) -> usize,
        variant_count: usize,
    ) {
        let mut covered = vec![false; variant_count];
        for sample in samples {
            covered[variant_index(sample)] = true;
            let code = sample.code();
            assert!(
                super::codes::is_registered(code),
                "{code} ({sample:?}) is not registered"
            );
            let message = sample.coded_message();
            let prefix = format!("[{code}] ");
            assert!(
                message.starts_with(&prefix),
                "{message:?} lacks the code prefix"
            );
            assert!(
                message.len() > prefix.len() + 10,
                "{message:?} says too little"
            );
            assert!(!message.contains('\n'), "{message:?} spans several lines");
        }
        let missing: Vec<usize> = (0..variant_count).filter(|&i| !covered[i]).collect();
        assert!(missing.is_empty(), "no sample for variants {missing:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coded_message_folds_lines() {
        assert_eq!(format_coded("X", "a\n  b\r\n\nc "), "[X] a b c");
        assert_eq!(format_coded("X", ""), "[X] ");
    }

    #[test]
    fn cancelled_has_the_cancelled_code() {
        assert_eq!(Cancelled.code(), codes::CANCELLED);
        assert_eq!(
            Cancelled.coded_message(),
            "[CANCELLED] the operation was cancelled"
        );
    }

    #[test]
    fn coded_message_is_parseable_by_the_ts_client() {
        // Mirrors `/^\[([A-Z_]+)\]\s*(.+)$/` from the TypeScript client.
        let message = StorageError::Busy.coded_message();
        let rest = message.strip_prefix('[').expect("starts with [");
        let (code, text) = rest.split_once("] ").expect("has a closing bracket");
        assert!(code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'));
        assert_eq!(code, "DB_BUSY");
        assert!(!text.is_empty() && !text.contains('\n'));
    }
}
