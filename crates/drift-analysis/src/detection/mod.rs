//! Pattern detection (spec `detection.md`): Drift learns what a codebase already does, scores
//! how established each habit is, and points at the code that deviates.
//!
//! - [`pack`]: detection packs as data (`packs/*.toml`: one per category, one per framework,
//!   plus the user's), compiled into a [`DetectionSet`].
//! - [`syntax`]: the syntax phase, one walk over the tree while the parse has it, dispatching
//!   nodes by kind to the packs' `node` rules.
//! - [`matcher`]: the file phase, every pattern's predicates over the parse result, with one
//!   regex set over string literals and one over the text; suppression comments; framework
//!   signals.
//! - [`learn`]: conventions, Beta confidence, outliers and violations, from stored aggregates.
//! - [`stats`]: the statistics learning needs.
//!
//! ```
//! use drift_analysis::detection::{DetectionSet, detect_source};
//!
//! let code = "try:\n    run()\nexcept Exception:\n    pass\n";
//! let found = detect_source(DetectionSet::builtin(), "app/jobs.py", code.as_bytes()).unwrap();
//! assert!(found.matches.iter().any(|m| m.pattern_id == "errors/except-pass" && m.line == 3));
//! ```

pub mod learn;
pub mod matcher;
pub mod pack;
pub mod stats;
pub mod syntax;

use drift_core::errors::ParseError;
use drift_core::types::detection::FileDetections;

pub use matcher::{detect_file, detect_unparsed, is_generated, is_test_path};
pub use pack::{DetectionSet, PackInfo, PackSource, PatternDef};
pub use syntax::SyntaxHit;

use crate::parsers::ParserManager;

/// Parses `source` as the language of `path` and runs every pattern of `set` on it: the
/// syntax phase on the tree, then the file phase.
///
/// Errors: as [`ParserManager::parse`].
pub fn detect_source(
    set: &DetectionSet,
    path: &str,
    source: &[u8],
) -> Result<FileDetections, ParseError> {
    let parsers = ParserManager::new(0);
    let (result, hits) =
        parsers.parse_detected(path, source, drift_core::ContentHash::of(source), set)?;
    Ok(detect_file(set, &result, source, &hits))
}

/// Replaces, in the matched text of `found`, each secret value of `secrets` (1-based line,
/// value, masked preview) on its line by its masked preview: a match's text is stored and
/// shown, and a secret's value must never be.
pub fn redact(found: &mut FileDetections, secrets: &[(u32, String, String)]) {
    if secrets.is_empty() {
        return;
    }
    for hit in &mut found.matches {
        for (line, value, masked) in secrets {
            if (hit.line..=hit.end_line).contains(line) && !value.is_empty() {
                hit.matched_text = hit.matched_text.replace(value.as_str(), masked);
                // A value cut by the 200-character limit leaves a prefix behind: drop the
                // text from where the value starts.
                let head: String = value.chars().take(8).collect();
                if head.chars().count() == 8
                    && let Some(at) = hit.matched_text.find(&head)
                {
                    hit.matched_text.truncate(at);
                    hit.matched_text.push_str(masked);
                }
            }
        }
    }
}

/// The scope a file's locations are learned in: its top directory, or the first two levels
/// under a monorepo's package folders (`packages/api`), `""` at the root.
#[must_use]
pub fn scope_of(path: &str) -> &str {
    let mut parts = path.splitn(3, '/');
    let (Some(first), Some(second)) = (parts.next(), parts.next()) else {
        return "";
    };
    let grouped = matches!(
        first,
        "packages" | "apps" | "services" | "libs" | "crates" | "modules" | "plugins"
    );
    if grouped && parts.next().is_some() {
        &path[..first.len() + 1 + second.len()]
    } else {
        first
    }
}
