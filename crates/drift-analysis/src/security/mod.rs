//! Security analyses over what a scan reads. Spec: `security.md`.
//!
//! - [`boundaries`]: where code touches persistent data (ORMs, query builders, raw SQL), with
//!   the model or table, the operation and the function (`packs/boundaries.toml`).
//! - [`secrets`]: committed credentials in any text file, by a pack of pattern families
//!   (`packs/secrets.toml`) behind a keyword prefilter, with entropy and placeholder checks.
//! - [`taint`]: untrusted data followed, within each function and across functions over the
//!   call graph (per-function summaries), to SQL, shell, eval, file, HTML, redirect and
//!   deserialisation calls (`packs/taint.toml`).
//! - [`sensitive`]: fields of classes, models and schemas that hold personal data,
//!   credentials, money or health data (`packs/sensitive_fields.toml`).
//!
//! Each analysis keeps its rule tables as data apart from the engine that runs them, and
//! reports typed findings ([`drift_core::types::security`]) that never carry a secret's value.

pub mod boundaries;
pub mod secrets;
pub mod sensitive;
pub mod taint;

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

/// Bytes of a call's arguments read past its own line: a call whose arguments run on longer
/// (a SQL text on the lines after `execute(`) is read to there.
pub(crate) const CALL_TEXT: usize = 4096;

/// The text of `source` from the start of its 0-based `line`, to at most [`CALL_TEXT`] bytes
/// past it: where [`arguments_of`] reads a call of that line.
pub(crate) fn text_from_line<'a>(source: &'a [u8], starts: &[usize], line: u32) -> &'a [u8] {
    let start = starts
        .get(line as usize)
        .copied()
        .unwrap_or(source.len())
        .min(source.len());
    &source[start..source.len().min(start + CALL_TEXT)]
}

/// Where each line of `source` starts.
pub(crate) fn line_starts(source: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            source
                .iter()
                .enumerate()
                .filter(|(_, byte)| **byte == b'\n')
                .map(|(at, _)| at + 1),
        )
        .collect()
}

/// The text between the parentheses of the call to `method` at or after `column` on the first
/// line of `text` (which may go on past that line: arguments spread over several lines are
/// read to their closing parenthesis, or to the end of `text`).
pub(crate) fn arguments_of(text: &[u8], column: u32, method: &str) -> Option<String> {
    let text = String::from_utf8_lossy(text);
    let first_line = text.find('\n').unwrap_or(text.len());
    let from = (column as usize).min(first_line);
    let from = (0..=from)
        .rev()
        .find(|at| text.is_char_boundary(*at))
        .unwrap_or(0);
    let rest = &text[from..];
    let found = rest.find(&format!("{method}("))?;
    if from + found > first_line {
        return None;
    }
    let at = found + method.len() + 1;
    let mut depth = 1_i32;
    let mut quote: Option<char> = None;
    let body = &rest[at..];
    let mut end = body.len();
    let mut escaped = false;
    for (index, c) in body.char_indices() {
        if let Some(open) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == open {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    end = index;
                    break;
                }
            }
            _ => {}
        }
    }
    Some(body[..end].to_owned())
}

/// `text` split at its top-level commas.
pub(crate) fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut quote) = (0_i32, 0, None::<char>);
    for (index, c) in text.char_indices() {
        if let Some(open) = quote {
            if c == open {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The content of the first string literal in `text` (to the end when it does not close).
pub(crate) fn first_literal(text: &str) -> Option<&str> {
    let start = text.find(['"', '\'', '`'])?;
    let quote = text[start..].chars().next()?;
    let body = &text[start + 1..];
    let mut escaped = false;
    for (index, c) in body.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return Some(&body[..index]);
        }
    }
    Some(body)
}
