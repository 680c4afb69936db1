//! Scan and parse in one pass: every file the scanner finds added or modified is parsed on the
//! worker that just read it, so no file is read twice and unchanged files are not parsed.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use drift_core::config::ScanConfig;
use drift_core::errors::DriftErrorCode;
use drift_core::events::DriftEventHandler;
use drift_core::{CancellationToken, Language};
use rayon::ThreadPool;

use drift_core::types::detection::FileDetections;

use crate::detection::{self, DetectionSet};
use crate::memory;
use crate::parsers::{Origin, ParseResult, ParserManager};
use crate::scanner::{Baseline, BaselineMode, FileSource, ScanDiff, ScanEntry, ScanIssue, Scanner};

/// What the parse half of a [`Pipeline`] run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseSummary {
    /// Files parsed (or taken from the parse cache).
    pub files: u64,
    /// Of those, files whose result came from the cache.
    pub cache_hits: u64,
    /// Files that could not be parsed (binary content, ...), with the reason.
    pub failed: Vec<ScanIssue>,
    /// Files whose tree had syntax errors (their results are partial).
    pub with_syntax_errors: u64,
    /// Functions and methods found.
    pub functions: u64,
    /// Classes and other types found.
    pub classes: u64,
    /// Call sites found.
    pub call_sites: u64,
    /// Parsed files per language.
    pub by_language: BTreeMap<Language, u64>,
    /// Time spent parsing, summed over the workers.
    pub parse_time: Duration,
}

/// A scan whose added and modified files are parsed as they are read.
pub struct Pipeline<'a> {
    /// The pool both halves run on.
    pub pool: &'a ThreadPool,
    /// Scan settings.
    pub config: &'a ScanConfig,
    /// Parsers and their cache.
    pub parsers: &'a ParserManager,
    /// Scan events.
    pub events: Option<&'a dyn DriftEventHandler>,
    /// Cancels both halves.
    pub cancel: CancellationToken,
    /// Called on the worker thread with every added or modified file (e.g. to persist it): its
    /// content, and its parse result with where that came from (`None` when the file is in no
    /// parsed language or failed to parse), and what detection found in it.
    pub on_file: Option<FileHook<'a>>,
    /// Detection packs run on every added or modified file (the syntax phase on the tree of
    /// the parse, so those parses skip the parse caches); `None` = no detection.
    pub detection: Option<&'a DetectionSet>,
}

/// Held while a file of [`memory::LARGE_FILE_BYTES`] or more is parsed, so that the trees of
/// large files are never in memory together (the peak is one of them, not the sum).
static LARGE_PARSE: Mutex<()> = Mutex::new(());

/// Receives each added or modified file of a [`Pipeline`] run, with its content, its parse
/// and what detection found in it.
pub type FileHook<'a> = &'a (
        dyn Fn(&ScanEntry, &[u8], Option<(Arc<ParseResult>, Origin)>, Option<FileDetections>) + Sync
    );

impl Pipeline<'_> {
    /// Scans `source` against `baseline`'s state for `project` (see
    /// [`Scanner::scan_with_baseline`]) and parses every added or modified file in a known
    /// language.
    pub fn run<S: FileSource + ?Sized>(
        &self,
        source: &S,
        baseline: &dyn Baseline,
        project: &str,
        mode: BaselineMode,
    ) -> Result<(ScanDiff, ParseSummary), drift_core::errors::ScanError> {
        let summary = Mutex::new(ParseSummary::default());
        // Source bytes handed to the parsers, for the trim at the end.
        let parsed_bytes = AtomicUsize::new(0);
        let parse = |entry: &ScanEntry, bytes: &[u8]| {
            if self.cancel.is_cancelled() {
                return;
            }
            let parsed = entry
                .language
                .is_some_and(|language| self.parsers.scans_parse(language));
            if !parsed {
                if let Some(hook) = self.on_file {
                    let found = self
                        .detection
                        .map(|set| detection::detect_unparsed(set, &entry.path, bytes));
                    hook(entry, bytes, None, found);
                }
                return;
            }
            parsed_bytes.fetch_add(bytes.len(), Ordering::Relaxed);
            // One large file at a time in the process: two such trees at once would add up.
            let large = bytes.len() >= memory::LARGE_FILE_BYTES;
            let _one_large =
                large.then(|| LARGE_PARSE.lock().unwrap_or_else(PoisonError::into_inner));
            let started = Instant::now();
            let mut found = None;
            let result = match self.detection {
                Some(set) => self
                    .parsers
                    .parse_detected(&entry.path, bytes, entry.content_hash, set)
                    .map(|(result, hits)| {
                        found = Some(detection::detect_file(set, &result, bytes, &hits));
                        (Arc::new(result), Origin::Parsed)
                    }),
                None => self
                    .parsers
                    .parse_shared(&entry.path, bytes, entry.content_hash, false),
            };
            let elapsed = started.elapsed();
            {
                let mut summary = summary.lock().unwrap_or_else(PoisonError::into_inner);
                summary.parse_time += elapsed;
                match &result {
                    Ok((result, origin)) => {
                        summary.files += 1;
                        summary.cache_hits += u64::from(*origin != Origin::Parsed);
                        summary.with_syntax_errors += u64::from(result.has_errors);
                        summary.functions += result.functions.len() as u64;
                        summary.classes += result.classes.len() as u64;
                        summary.call_sites += result.call_sites.len() as u64;
                        *summary.by_language.entry(result.language).or_default() += 1;
                    }
                    Err(err) => summary.failed.push(ScanIssue {
                        path: Some(entry.path.clone()),
                        code: err.code(),
                        message: err.to_string(),
                    }),
                }
            }
            if let Some(hook) = self.on_file {
                if found.is_none()
                    && let Some(set) = self.detection
                {
                    found = Some(detection::detect_unparsed(set, &entry.path, bytes));
                }
                hook(entry, bytes, result.ok(), found);
            }
            if large {
                // Its tree is freed by now: its pages go back instead of staying in this
                // thread's arena for the rest of the scan.
                memory::return_freed_pages();
            }
        };
        let mut scanner = Scanner::new(self.pool, self.config)
            .with_cancellation(self.cancel.clone())
            .with_changed_file_hook(&parse);
        if let Some(events) = self.events {
            scanner = scanner.with_events(events);
        }
        let diff = scanner.scan_with_baseline(source, baseline, project, mode);
        // What the parse threads freed goes back before the writer builds its indexes (not
        // after a scan of a few files, where the walk would cost more than it returns).
        if parsed_bytes.into_inner() >= memory::SCAN_TRIM_BYTES {
            memory::return_freed_pages();
        }
        let diff = diff?;
        let mut summary = summary.into_inner().unwrap_or_else(PoisonError::into_inner);
        summary
            .failed
            .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        Ok((diff, summary))
    }
}
