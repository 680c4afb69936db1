//! Ignore-rule evaluation shared by every [`FileSource`](super::FileSource).
//!
//! Precedence, highest first (the first rule that matches, ignore or `!` re-include, decides):
//! the `.driftignore` then `.gitignore` of the deepest directory, then those of each parent up
//! to the root, then `scan.extra_ignore`, then the built-in
//! [`DEFAULT_IGNORE_DIRS`](drift_core::constants::DEFAULT_IGNORE_DIRS) (directories only, by
//! name; the build-output names of
//! [`PACKAGE_ROOT_IGNORE_DIRS`](drift_core::constants::PACKAGE_ROOT_IGNORE_DIRS) only directly
//! in the project root or a package root). A `!vendor/` line in a `.driftignore` or in
//! `scan.extra_ignore` therefore brings back a default-ignored directory. Rules are evaluated
//! while descending, so a file below an ignored directory is never seen (as in git, it cannot
//! be re-included).

use std::sync::Arc;

use drift_core::constants::{DEFAULT_IGNORE_DIRS, PACKAGE_ROOT_IGNORE_DIRS};
use drift_core::errors::ScanError;
use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::types::{IgnoreReason, ScanIssue};

/// The ignore files of one directory, chained to those of its parent.
#[derive(Debug)]
pub(crate) struct DirRules {
    parent: Option<Arc<DirRules>>,
    /// The directory, relative to the root (`""` for the root).
    dir: String,
    /// Highest precedence first.
    matchers: Vec<Gitignore>,
}

impl DirRules {
    pub(crate) fn root() -> Arc<Self> {
        Arc::new(Self {
            parent: None,
            dir: String::new(),
            matchers: Vec::new(),
        })
    }

    /// Rules for `dir`, a child of `parent`'s directory; shares `parent` when `matchers` is
    /// empty, so directories without ignore files cost nothing.
    pub(crate) fn child(parent: &Arc<Self>, dir: &str, matchers: Vec<Gitignore>) -> Arc<Self> {
        if matchers.is_empty() {
            return Arc::clone(parent);
        }
        Arc::new(Self {
            parent: Some(Arc::clone(parent)),
            dir: dir.to_owned(),
            matchers,
        })
    }

    /// Why `path` (relative to the root) is ignored, `None` when it is not. `extra` holds
    /// `scan.extra_ignore`; `in_package_root` says whether `path`'s directory is the project
    /// root or holds a package manifest.
    pub(crate) fn ignored(
        &self,
        path: &str,
        is_dir: bool,
        extra: Option<&Gitignore>,
        in_package_root: bool,
    ) -> Option<IgnoreReason> {
        let mut node = Some(self);
        while let Some(rules) = node {
            // Each matcher is built relative to its own directory (see `parse`): `ignore`
            // strips roots by string prefix, so we hand it the relative path ourselves.
            let relative = if rules.dir.is_empty() {
                Some(path)
            } else {
                path.strip_prefix(rules.dir.as_str())
                    .and_then(|rest| rest.strip_prefix('/'))
            };
            if let Some(relative) = relative {
                for matcher in &rules.matchers {
                    match matcher.matched(relative, is_dir) {
                        Match::Ignore(glob) => {
                            return Some(IgnoreReason::IgnoreFile {
                                file: glob
                                    .from()
                                    .map(|from| from.to_string_lossy().into_owned())
                                    .unwrap_or_default(),
                                pattern: glob.original().to_owned(),
                            });
                        }
                        Match::Whitelist(_) => return None,
                        Match::None => {}
                    }
                }
            }
            node = rules.parent.as_deref();
        }
        if let Some(extra) = extra {
            match extra.matched(path, is_dir) {
                Match::Ignore(glob) => {
                    return Some(IgnoreReason::Config {
                        pattern: glob.original().to_owned(),
                    });
                }
                Match::Whitelist(_) => return None,
                Match::None => {}
            }
        }
        if !is_dir {
            return None;
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        let default = DEFAULT_IGNORE_DIRS.contains(&name)
            && (in_package_root || !PACKAGE_ROOT_IGNORE_DIRS.contains(&name));
        default.then_some(IgnoreReason::Default)
    }
}

/// Parses gitignore-syntax `text` from `origin` (a path for messages). Malformed patterns are
/// reported in `issues` and skipped; the rest still apply. `None` when nothing applies.
pub(crate) fn parse(
    text: &str,
    origin: &str,
    issue_path: Option<&str>,
    issues: &mut Vec<ScanIssue>,
) -> Option<Gitignore> {
    let mut builder = GitignoreBuilder::new("");
    for (index, line) in text.lines().enumerate() {
        if let Err(err) = builder.add_line(Some(origin.into()), line) {
            issues.push(ScanIssue::new(
                issue_path.map(str::to_owned),
                &ScanError::Walk {
                    path: Some(origin.into()),
                    message: format!(
                        "line {}: the pattern {:?} is malformed ({err}); it is skipped",
                        index + 1,
                        line.trim()
                    ),
                },
            ));
        }
    }
    match builder.build() {
        Ok(matcher) if matcher.is_empty() => None,
        Ok(matcher) => Some(matcher),
        Err(err) => {
            issues.push(ScanIssue::new(
                issue_path.map(str::to_owned),
                &ScanError::Walk {
                    path: Some(origin.into()),
                    message: format!("its patterns could not be compiled ({err}); it is skipped"),
                },
            ));
            None
        }
    }
}
