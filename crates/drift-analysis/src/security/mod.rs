//! Security analyses over what a scan reads. Spec: `security.md`.
//!
//! - [`boundaries`]: where code touches persistent data (ORMs, query builders, raw SQL), with
//!   the model or table, the operation and the function (`packs/boundaries.toml`).
//! - [`secrets`]: committed credentials in any text file, by a pack of pattern families
//!   (`packs/secrets.toml`) behind a keyword prefilter, with entropy and placeholder checks.
//! - [`sensitive`]: fields of classes, models and schemas that hold personal data,
//!   credentials, money or health data (`packs/sensitive_fields.toml`).
//!
//! Each analysis keeps its rule tables as data apart from the engine that runs them, and
//! reports typed findings ([`drift_core::types::security`]) that never carry a secret's value.

pub mod boundaries;
pub mod secrets;
pub mod sensitive;

use drift_core::config::ConfigLayer;
use drift_core::errors::ConfigError;

/// A rule pack that cannot be used: `[CONFIG_INVALID]` naming the pack, the line and the key.
pub(crate) fn pack_error(
    origin: &str,
    line: Option<usize>,
    key: &str,
    reason: String,
) -> ConfigError {
    ConfigError::Invalid {
        key: key.to_owned(),
        layer: ConfigLayer::Project,
        origin: match line {
            Some(line) => format!("{origin} line {line}"),
            None => origin.to_owned(),
        },
        reason,
    }
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .split(|&byte| byte == b'\n')
        .count()
}

/// The 1-based line of `key = ...` in the table at `span` of `text` (the table's first line
/// when the key is not written there).
pub(crate) fn key_line(text: &str, span: std::ops::Range<usize>, key: &str) -> usize {
    let table = text.get(span.clone()).unwrap_or_default();
    let mut offset = 0;
    for line in table.split_inclusive('\n') {
        let written = line.trim_start();
        if written
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return line_of(text, span.start + offset);
        }
        offset += line.len();
    }
    line_of(text, span.start)
}
