//! The previous state a scan is compared with, behind one seam.
//!
//! A [`Baseline`] answers "what did the last complete scan of this project see?" and takes the
//! result of each new one. [`SnapshotBaseline`] keeps the last [`ScanDiff`]'s entries in memory
//! (a process without a database, the browser before its storage is open, tests); the storage
//! crate implements the same trait over its file table, so the scanner never knows which one it
//! talks to.

use std::sync::{Arc, Mutex, PoisonError};

use drift_core::errors::ScanError;
use drift_core::types::FxHashMap;

use super::scan::Scanner;
use super::source::FileSource;
pub use drift_core::types::scan::Baseline;

use super::types::{ScanDiff, ScanEntry, ScanStatus};

/// A [`Baseline`] kept in memory: the entries of the last complete scan per project.
#[derive(Debug, Default)]
pub struct SnapshotBaseline {
    snapshots: Mutex<FxHashMap<String, Arc<[ScanEntry]>>>,
}

impl SnapshotBaseline {
    /// An empty baseline: every project's first scan sees all files as added.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets `project`'s state, so its next scan starts from nothing; returns whether there
    /// was any.
    pub fn forget(&self, project: &str) -> bool {
        self.lock().remove(project).is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<String, Arc<[ScanEntry]>>> {
        // Every write is a single insert or remove, so a poisoned map is still consistent.
        self.snapshots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Baseline for SnapshotBaseline {
    fn previous(&self, project: &str) -> Result<Arc<[ScanEntry]>, ScanError> {
        Ok(self
            .lock()
            .get(project)
            .cloned()
            .unwrap_or_else(|| Arc::from(Vec::new())))
    }

    fn record(&self, project: &str, diff: &ScanDiff) -> Result<(), ScanError> {
        self.lock()
            .insert(project.to_owned(), Arc::from(diff.entries.as_slice()));
        Ok(())
    }
}

/// How [`Scanner::scan_with_baseline`] uses the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BaselineMode {
    /// Compare with the baseline and record the result (the normal, incremental case).
    #[default]
    Incremental,
    /// Ignore the previous state (every file is read and reported as added) but record the
    /// result.
    Full,
}

impl Scanner<'_> {
    /// Scans `source`, compares it with `baseline`'s state for `project`, and records the result
    /// there when the scan is complete. A partial (cancelled) scan is not recorded: the next
    /// scan is compared with the last complete one, so no change is lost.
    pub fn scan_with_baseline<S: FileSource + ?Sized>(
        &self,
        source: &S,
        baseline: &dyn Baseline,
        project: &str,
        mode: BaselineMode,
    ) -> Result<ScanDiff, ScanError> {
        let previous = match mode {
            BaselineMode::Incremental => baseline.previous(project)?,
            BaselineMode::Full => Arc::from(Vec::new()),
        };
        let diff = self.scan(source, &previous)?;
        if diff.status == ScanStatus::Complete {
            baseline.record(project, &diff)?;
        }
        Ok(diff)
    }
}
