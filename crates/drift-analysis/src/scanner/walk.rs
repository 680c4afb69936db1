//! Discovery: walks a [`FileSource`] level by level, reading the directories of each level in
//! parallel on the pool.
//!
//! Breadth-first rounds keep the stack flat however deep the tree is (a recursive parallel
//! walk nests rayon frames per level), and use only the pool's threads: `ignore::WalkParallel`
//! starts its own, which the wasm build cannot afford (`tests/thread_discipline.rs`).

use std::sync::Arc;

use drift_core::cancellation::CancellationToken;
use drift_core::config::ScanConfig;
use drift_core::constants::{DRIFTIGNORE_FILE_NAME, is_package_manifest};
use drift_core::errors::ScanError;
use ignore::gitignore::Gitignore;
use rayon::ThreadPool;
use rayon::prelude::*;

use super::rules::{self, DirRules};
use super::source::{DirEntry, DirId, EntryKind, FileSource};
use super::types::{IgnoredDir, ScanIssue};

const GITIGNORE_FILE_NAME: &str = ".gitignore";

/// A file that passed the ignore rules and the size limit.
#[derive(Debug)]
pub(crate) struct Candidate {
    pub(crate) path: String,
    pub(crate) size: u64,
    pub(crate) mtime_ns: i64,
}

/// What discovery found.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    /// Sorted by path.
    pub(crate) candidates: Vec<Candidate>,
    pub(crate) issues: Vec<ScanIssue>,
    pub(crate) ignored: u64,
    pub(crate) ignored_dirs: Vec<IgnoredDir>,
    pub(crate) too_large: u64,
    /// Files and directories skipped because of an issue.
    pub(crate) errors: u64,
    /// False when cancellation stopped the walk early.
    pub(crate) complete: bool,
}

/// The chain of directory identities from the root to a directory, to detect link loops.
#[derive(Debug)]
struct Ancestor {
    id: DirId,
    parent: Option<Arc<Ancestor>>,
}

fn is_ancestor(chain: Option<&Arc<Ancestor>>, id: DirId) -> bool {
    let mut node = chain;
    while let Some(ancestor) = node {
        if ancestor.id == id {
            return true;
        }
        node = ancestor.parent.as_ref();
    }
    false
}

#[derive(Debug)]
struct DirTask {
    path: String,
    rules: Arc<DirRules>,
    ancestors: Option<Arc<Ancestor>>,
}

pub(crate) struct Walker<'a, S: FileSource + ?Sized> {
    pub(crate) source: &'a S,
    pub(crate) config: &'a ScanConfig,
    pub(crate) extra: Option<&'a Gitignore>,
}

impl<S: FileSource + ?Sized> Walker<'_, S> {
    /// Walks the whole source. Fails only when the root cannot be listed.
    pub(crate) fn discover(
        &self,
        pool: &ThreadPool,
        cancel: &CancellationToken,
    ) -> Result<Discovery, ScanError> {
        let root_listing = self.source.read_dir("", self.config.follow_symlinks)?;
        let mut found = Discovery {
            complete: true,
            ..Discovery::default()
        };
        let root = DirTask {
            path: String::new(),
            rules: DirRules::root(),
            ancestors: None,
        };
        let mut frontier = self.visit(&root, root_listing, &mut found);
        while !frontier.is_empty() {
            if cancel.is_cancelled() {
                found.complete = false;
                break;
            }
            let results: Vec<(Vec<DirTask>, Discovery)> = pool.install(|| {
                frontier
                    .par_iter()
                    .with_max_len(1)
                    .map(|task| {
                        let mut local = Discovery::default();
                        let next = match self
                            .source
                            .read_dir(&task.path, self.config.follow_symlinks)
                        {
                            Ok(listing) => self.visit(task, listing, &mut local),
                            Err(err) => {
                                local.errors += 1;
                                local
                                    .issues
                                    .push(ScanIssue::new(Some(task.path.clone()), &err));
                                Vec::new()
                            }
                        };
                        (next, local)
                    })
                    .collect()
            });
            frontier = Vec::new();
            for (next, local) in results {
                frontier.extend(next);
                found.candidates.extend(local.candidates);
                found.issues.extend(local.issues);
                found.ignored += local.ignored;
                found.ignored_dirs.extend(local.ignored_dirs);
                found.too_large += local.too_large;
                found.errors += local.errors;
            }
        }
        found
            .candidates
            .sort_unstable_by(|a, b| a.path.cmp(&b.path));
        found
            .ignored_dirs
            .sort_unstable_by(|a, b| a.path.cmp(&b.path));
        Ok(found)
    }

    /// Applies the rules to one listed directory: records its files, returns its subdirectories.
    fn visit(&self, task: &DirTask, listing: Vec<DirEntry>, found: &mut Discovery) -> Vec<DirTask> {
        let rules = self.load_rules(task, &listing, &mut found.issues);
        let package_root = task.path.is_empty()
            || listing.iter().any(|entry| {
                matches!(entry.kind, EntryKind::File { .. }) && is_package_manifest(&entry.name)
            });
        let mut subdirs = Vec::new();
        for entry in listing {
            let path = if task.path.is_empty() {
                entry.name
            } else if entry.name.is_empty() {
                task.path.clone()
            } else {
                format!("{}/{}", task.path, entry.name)
            };
            match entry.kind {
                EntryKind::Other => {}
                EntryKind::Unreadable(err) => {
                    found.errors += 1;
                    found.issues.push(ScanIssue::new(Some(path), &err));
                }
                EntryKind::File { size, mtime_ns } => {
                    if rules
                        .ignored(&path, false, self.extra, package_root)
                        .is_some()
                    {
                        found.ignored += 1;
                    } else if size > self.config.max_file_size {
                        found.too_large += 1;
                        let err = ScanError::FileTooLarge {
                            path: path.clone().into(),
                            size,
                            limit: self.config.max_file_size,
                        };
                        found.issues.push(ScanIssue::new(Some(path), &err));
                    } else {
                        found.candidates.push(Candidate {
                            path,
                            size,
                            mtime_ns,
                        });
                    }
                }
                EntryKind::Dir { id } => {
                    if let Some(reason) = rules.ignored(&path, true, self.extra, package_root) {
                        found.ignored += 1;
                        found.ignored_dirs.push(IgnoredDir { path, reason });
                        continue;
                    }
                    let ancestors = match id {
                        Some(id) if is_ancestor(task.ancestors.as_ref(), id) => {
                            found.errors += 1;
                            let err = ScanError::Walk {
                                path: Some(self.source.root().join(&path)),
                                message: "the symbolic link points back to one of its parent directories; it is skipped to avoid a loop".into(),
                            };
                            found.issues.push(ScanIssue::new(Some(path), &err));
                            continue;
                        }
                        Some(id) => Some(Arc::new(Ancestor {
                            id,
                            parent: task.ancestors.clone(),
                        })),
                        None => task.ancestors.clone(),
                    };
                    subdirs.push(DirTask {
                        path,
                        rules: Arc::clone(&rules),
                        ancestors,
                    });
                }
            }
        }
        subdirs
    }

    /// The rules for `task`'s directory: its parent's plus its own ignore files.
    fn load_rules(
        &self,
        task: &DirTask,
        listing: &[DirEntry],
        issues: &mut Vec<ScanIssue>,
    ) -> Arc<DirRules> {
        let mut names = vec![DRIFTIGNORE_FILE_NAME];
        if self.config.respect_gitignore {
            names.push(GITIGNORE_FILE_NAME);
        }
        let mut matchers = Vec::new();
        for name in names {
            let present = listing
                .iter()
                .any(|entry| entry.name == name && matches!(entry.kind, EntryKind::File { .. }));
            if !present {
                continue;
            }
            let path = if task.path.is_empty() {
                name.to_owned()
            } else {
                format!("{}/{name}", task.path)
            };
            match self.source.read(&path) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    if let Some(matcher) = rules::parse(&text, &path, Some(&path), issues) {
                        matchers.push(matcher);
                    }
                }
                Err(err) => issues.push(ScanIssue::new(Some(path), &err)),
            }
        }
        DirRules::child(&task.rules, &task.path, matchers)
    }
}
