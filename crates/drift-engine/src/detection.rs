//! Pattern detection behind the facade: the packs of this project (built-ins and the user's),
//! learning after each scan from the stored matches, and the listings.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, PoisonError};
use std::time::Instant;

use drift_analysis::detection::learn::{self, Location, PatternInput};
use drift_analysis::detection::{DetectionSet, PackSource};
use drift_core::config::{ConfigLayer, DriftConfig};
use drift_core::errors::{ConfigError, RuntimeError, StorageError};
use drift_core::types::FxHashMap;
use drift_core::types::detection::{
    Category, DetectionSummary, PatternStatus, PatternSummary, UnknownSuppression, Violation,
    ViolationSeverity,
};
use drift_storage::detection::{
    self as stored, LearningWrite, LocationRow, PatternDetailRow, PatternFilter, StoredOutlier,
    StoredPattern, ViolationFilter,
};
use drift_storage::pagination::{Page, PageRequest};

use crate::Engine;

/// The packs of a project: the built-ins alone (shared by every engine), or compiled with
/// the user's packs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Packs(Option<Arc<DetectionSet>>);

impl Packs {
    /// The built-ins, with the packs `config` names and those in `root/.drift/packs/`.
    pub(crate) fn load(root: &Path, config: &DriftConfig) -> Self {
        let mut sources = Vec::new();
        let mut unreadable = Vec::new();
        let mut paths: Vec<String> = config.detection.packs.clone();
        if let Ok(entries) = std::fs::read_dir(root.join(".drift").join("packs")) {
            let mut found: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
                .filter_map(|path| {
                    path.strip_prefix(root)
                        .ok()
                        .map(|p| p.to_string_lossy().replace('\\', "/"))
                })
                .collect();
            found.sort();
            paths.extend(found);
        }
        for path in paths {
            match std::fs::read_to_string(root.join(&path)) {
                Ok(text) => sources.push(PackSource { origin: path, text }),
                Err(err) => unreadable.push(ConfigError::Invalid {
                    key: "detection.packs".into(),
                    layer: ConfigLayer::Project,
                    origin: path,
                    reason: format!("the pack cannot be read: {err}"),
                }),
            }
        }
        if sources.is_empty() && unreadable.is_empty() {
            return Self(None);
        }
        let mut set = DetectionSet::with_user_packs(&sources);
        set.errors.extend(unreadable);
        Self(Some(Arc::new(set)))
    }

    pub(crate) fn get(&self) -> &DetectionSet {
        self.0.as_deref().unwrap_or_else(|| DetectionSet::builtin())
    }
}

/// What the stored state holds for learning.
struct Stored {
    aggregates: stored::Aggregates,
    statuses: HashMap<String, PatternStatus>,
    history: HashMap<String, (Vec<u64>, f64)>,
    frameworks: Vec<String>,
    suppressions: Vec<(String, u32, Vec<String>)>,
    files: (u64, u64),
}

impl Engine {
    pub(crate) fn packs(&self) -> Packs {
        self.packs
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The patterns of this project's packs (built-ins and the user's) and the packs that
    /// failed to load.
    pub fn detection_packs(&self) -> (usize, Vec<String>) {
        let packs = self.packs();
        let set = packs.get();
        (set.patterns.len(), set.errors.iter().map(coded).collect())
    }

    /// Learns from every stored match: conventions, confidences, outliers and violations,
    /// written in one transaction. Runs after every complete scan (with
    /// `detection.enabled`); call it again after changing statuses.
    ///
    /// Errors: storage codes.
    #[allow(clippy::too_many_lines)]
    pub fn learn(&self) -> Result<DetectionSummary, RuntimeError> {
        let started = Instant::now();
        let packs = self.packs();
        let set = packs.get();
        let state = self.db.read(|connection| {
            Ok::<_, StorageError>(Stored {
                aggregates: stored::aggregates(connection)?,
                statuses: stored::statuses(connection)?,
                history: stored::history(connection)?,
                frameworks: stored::frameworks(connection)?,
                suppressions: stored::suppressions(connection)?,
                files: stored::file_counts(connection)?,
            })
        })?;
        let active = |index: usize| {
            set.packs[set.patterns[index].pack]
                .framework
                .as_ref()
                .is_none_or(|name| state.frameworks.contains(name))
        };
        let mut inputs: FxHashMap<usize, PatternInput> = FxHashMap::default();
        for (id, scope, locations, files) in &state.aggregates.scopes {
            let Some(index) = set.index_of(id).filter(|&index| active(index)) else {
                continue;
            };
            let input = inputs.entry(index).or_default();
            input.locations += locations;
            input.files += files;
            input.scopes.push((scope.clone(), *locations, *files));
        }
        for (id, value, count) in &state.aggregates.values {
            if let Some(input) = set.index_of(id).and_then(|index| inputs.get_mut(&index)) {
                input.values.push((*value, *count));
            }
        }
        let mut statuses: FxHashMap<usize, PatternStatus> = FxHashMap::default();
        for (id, status) in &state.statuses {
            if let Some(index) = set.index_of(id) {
                statuses.insert(index, *status);
                inputs.entry(index).or_default().status = *status;
            }
        }
        for (index, input) in &mut inputs {
            if let Some((history, age)) = state.history.get(&set.patterns[*index].id) {
                input.history.clone_from(history);
                input.age_days = *age;
            }
        }
        let learned = learn::learn(set, &inputs);
        let violating = learn::violating(set, &learned, &statuses);
        let mut locations = Vec::new();
        self.db.read(|connection| {
            for (index, _) in &violating {
                for row in stored::locations_of(connection, &set.patterns[*index].id)? {
                    locations.push(Location {
                        file: row.file,
                        pattern: *index,
                        line: row.line,
                        column: row.column,
                        end_line: row.end_line,
                        confidence: row.confidence,
                        text: row.matched_text,
                        suppressed: row.suppressed,
                        scope: row.scope,
                    });
                }
            }
            Ok::<_, StorageError>(())
        })?;
        let violations = learn::violations(set, &learned, &statuses, &locations);
        let mut per_pattern: HashMap<&str, u64> = HashMap::new();
        for violation in violations.iter().filter(|v| !v.suppressed) {
            *per_pattern
                .entry(violation.pattern_id.as_str())
                .or_default() += 1;
        }
        let totals: HashMap<&str, u64> = state
            .aggregates
            .totals
            .iter()
            .map(|(id, n)| (id.as_str(), *n))
            .collect();
        let mut write = LearningWrite::default();
        for pattern in &learned.patterns {
            let def = &set.patterns[pattern.pattern];
            let input = inputs.get(&pattern.pattern).cloned().unwrap_or_default();
            let outlier_count = pattern.outliers.iter().map(|o| o.count).sum();
            write.patterns.push(StoredPattern {
                summary: PatternSummary {
                    id: def.id.clone(),
                    name: def.name.clone(),
                    category: def.category,
                    sub_type: def.sub_type.clone(),
                    group: def.group.clone(),
                    framework: set.packs[def.pack].framework.clone(),
                    status: statuses.get(&pattern.pattern).copied().unwrap_or_default(),
                    role: pattern.role,
                    confidence: pattern.confidence,
                    tier: pattern.tier,
                    location_count: input.locations,
                    file_spread: input.files,
                    outlier_count,
                    dominance: pattern.dominance,
                    violation_count: per_pattern.get(def.id.as_str()).copied().unwrap_or(0),
                    cwe_ids: def.cwe_ids.clone(),
                    owasp: def.owasp.clone(),
                    momentum: pattern.momentum.to_owned(),
                },
                description: def.description.clone(),
                all_locations: totals
                    .get(def.id.as_str())
                    .copied()
                    .unwrap_or(input.locations),
                alpha: pattern.alpha,
                beta: pattern.beta,
                interval: pattern.interval,
            });
            for outlier in &pattern.outliers {
                write.outliers.push(StoredOutlier {
                    pattern_id: def.id.clone(),
                    value: outlier.value,
                    count: outlier.count,
                    methods: outlier.methods.iter().map(|m| (*m).to_owned()).collect(),
                    deviation: outlier.deviation,
                    significance: outlier.significance.to_owned(),
                });
            }
        }
        write.conventions.clone_from(&learned.conventions);
        write.violations = violations;
        let diff = self.db.write(|tx| stored::write_learning(tx, &mut write))?;
        let mut by_severity: Vec<(ViolationSeverity, u64)> = ViolationSeverity::ALL
            .iter()
            .map(|severity| (*severity, 0))
            .collect();
        for violation in write.violations.iter().filter(|v| !v.suppressed) {
            if let Some(slot) = by_severity.iter_mut().find(|s| s.0 == violation.severity) {
                slot.1 += 1;
            }
        }
        let mut categories: Vec<Category> =
            write.patterns.iter().map(|p| p.summary.category).collect();
        categories.sort_unstable();
        categories.dedup();
        let unknown_suppressions = state
            .suppressions
            .iter()
            .flat_map(|(file, line, rules)| {
                rules
                    .iter()
                    .filter(|rule| !set.knows_rule(rule))
                    .map(|rule| UnknownSuppression {
                        file: file.clone(),
                        line: *line,
                        rule: rule.clone(),
                    })
            })
            .collect();
        let summary = DetectionSummary {
            total_patterns: write.patterns.len() as u64,
            new_patterns: diff.new_patterns,
            updated_patterns: diff.updated_patterns,
            removed_patterns: diff.removed_patterns,
            total_violations: write.violations.iter().filter(|v| !v.suppressed).count() as u64,
            new_violations: diff.new_violations,
            violations_by_severity: by_severity,
            categories_scanned: categories,
            detectors_run: (0..set.patterns.len()).filter(|&i| active(i)).count() as u64,
            files_analyzed: state.files.0,
            files_skipped: state.files.1,
            conventions_learned: learned.conventions.iter().filter(|c| !c.contested).count() as u64,
            contested_conventions: learned.conventions.iter().filter(|c| c.contested).count()
                as u64,
            frameworks: state.frameworks,
            unknown_suppressions,
            pack_errors: set.errors.iter().map(coded).collect(),
            duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            status: "complete".into(),
        };
        *self
            .last_detection
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(summary.clone());
        Ok(summary)
    }

    /// The summary of the last learning run of this engine, or a new run when there was none.
    pub fn detection_summary(&self) -> Result<DetectionSummary, RuntimeError> {
        let last = self
            .last_detection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        match last {
            Some(summary) => Ok(summary),
            None => self.learn(),
        }
    }

    /// Patterns matching `filter`, most confident first, a page at a time.
    ///
    /// Errors: `INVALID_FILTER`, `INVALID_CURSOR`, storage codes.
    pub fn patterns(
        &self,
        filter: &PatternFilter,
        request: &PageRequest,
    ) -> Result<Page<PatternSummary>, RuntimeError> {
        check_names(filter)?;
        Ok(self
            .db
            .read(|connection| stored::query_patterns(connection, filter, request))?)
    }

    /// One pattern with its posterior, conventions and outliers, and a page of its locations.
    ///
    /// Errors: `NOT_FOUND` for an unknown id, `INVALID_CURSOR`, storage codes.
    pub fn pattern_detail(
        &self,
        id: &str,
        request: &PageRequest,
    ) -> Result<(PatternDetailRow, Page<LocationRow>), RuntimeError> {
        Ok(self.db.read(|connection| {
            let detail =
                stored::pattern_detail(connection, id)?.ok_or_else(|| StorageError::NotFound {
                    what: format!("pattern `{id}`"),
                })?;
            let locations = stored::location_page(connection, id, request)?;
            Ok::<_, StorageError>((detail, locations))
        })?)
    }

    /// Violations matching `filter`, worst first, a page at a time.
    ///
    /// Errors: `INVALID_FILTER`, `INVALID_CURSOR`, storage codes.
    pub fn violations(
        &self,
        filter: &ViolationFilter,
        request: &PageRequest,
    ) -> Result<Page<Violation>, RuntimeError> {
        if let Some(severity) = &filter.severity
            && ViolationSeverity::from_name(severity).is_none()
        {
            return Err(invalid_filter(format!(
                "severity `{severity}` is not error, warning, info or hint"
            )));
        }
        if let Some(category) = &filter.category
            && Category::from_name(category).is_none()
        {
            return Err(invalid_filter(format!("`{category}` is not a category")));
        }
        Ok(self
            .db
            .read(|connection| stored::query_violations(connection, filter, request))?)
    }

    /// Every violation in the file at `path`: what an editor shows as markers.
    pub fn violations_in_file(&self, path: &str) -> Result<Vec<Violation>, RuntimeError> {
        Ok(self
            .db
            .read(|connection| stored::violations_in_file(connection, path))?)
    }

    /// Sets a pattern's status and learns again. Approving an alternative of a group in which
    /// another is approved sets that one back to discovered (a group has one convention): the
    /// ids set back are returned.
    ///
    /// Errors: `NOT_FOUND` for an id no pack defines, storage codes.
    pub fn set_pattern_status(
        &self,
        id: &str,
        status: PatternStatus,
    ) -> Result<(Vec<String>, DetectionSummary), RuntimeError> {
        let packs = self.packs();
        let set = packs.get();
        let Some(def) = set.pattern(id) else {
            return Err(StorageError::NotFound {
                what: format!("pattern `{id}`"),
            }
            .into());
        };
        let current = self.db.read(stored::statuses)?;
        let demoted: Vec<String> = if status == PatternStatus::Approved {
            set.patterns
                .iter()
                .filter(|other| other.group == def.group && other.id != def.id)
                .filter(|other| current.get(&other.id) == Some(&PatternStatus::Approved))
                .map(|other| other.id.clone())
                .collect()
        } else {
            Vec::new()
        };
        self.db.write(|tx| {
            for other in &demoted {
                stored::set_status(tx, other, PatternStatus::Discovered)?;
            }
            stored::set_status(tx, id, status)
        })?;
        let summary = self.learn()?;
        Ok((demoted, summary))
    }
}

/// `[CODE] message`, as errors cross the bridge.
fn coded(error: &ConfigError) -> String {
    use drift_core::errors::DriftErrorCode;
    format!("[{}] {error}", error.code())
}

fn invalid_filter(reason: String) -> RuntimeError {
    StorageError::InvalidFilter { reason }.into()
}

fn check_names(filter: &PatternFilter) -> Result<(), RuntimeError> {
    if let Some(category) = &filter.category
        && Category::from_name(category).is_none()
    {
        return Err(invalid_filter(format!("`{category}` is not a category")));
    }
    if let Some(status) = &filter.status
        && PatternStatus::from_name(status).is_none()
    {
        return Err(invalid_filter(format!(
            "status `{status}` is not discovered, approved or ignored"
        )));
    }
    if let Some(tier) = &filter.tier
        && drift_core::types::detection::Tier::from_name(tier).is_none()
    {
        return Err(invalid_filter(format!(
            "tier `{tier}` is not established, emerging, tentative or uncertain"
        )));
    }
    Ok(())
}
