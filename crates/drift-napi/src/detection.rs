//! Pattern detection across the bridge (registry §10.4): `detectPatterns` (learns from what the
//! scans stored and says what it found), `queryPatterns`, `queryPatternDetail`,
//! `queryViolations`, `queryViolationsInFile` (what an editor marks) and `setPatternStatus`.
//! Every scan runs the detectors on the files it parses and learns afterwards; these read the
//! results.

use drift_core::errors::RuntimeError;
use drift_core::types::detection::{
    Convention, DetectionSummary, PatternStatus, PatternSummary, Violation,
};
use drift_storage::detection::{LocationRow, PatternFilter, StoredOutlier, ViolationFilter};
use napi::Result;
use napi_derive::napi;

use crate::queries::{PageOptions, engine_call, page_request};

fn count(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// A count per name.
#[napi(object)]
pub struct DetectionCount {
    pub name: String,
    pub count: u32,
}

/// A `drift-ignore` comment naming a rule no pack defines.
#[napi(object)]
pub struct UnknownSuppressionView {
    pub file: String,
    /// 1-based.
    pub line: u32,
    pub rule: String,
}

/// What the last learning run found.
#[napi(object)]
pub struct DetectionSummaryView {
    pub total_patterns: u32,
    pub new_patterns: u32,
    pub updated_patterns: u32,
    pub removed_patterns: u32,
    /// Unsuppressed violations.
    pub total_violations: u32,
    pub new_violations: u32,
    /// `error`, `warning`, `info`, `hint` with their counts.
    pub violations_by_severity: Vec<DetectionCount>,
    pub categories_scanned: Vec<String>,
    pub detectors_run: u32,
    pub files_analyzed: u32,
    /// Generated or minified files kept out of learning.
    pub files_skipped: u32,
    pub conventions_learned: u32,
    pub contested_conventions: u32,
    /// Framework packs whose signals fired (imports, decorators, manifests).
    pub frameworks: Vec<String>,
    pub unknown_suppressions: Vec<UnknownSuppressionView>,
    /// User packs left out, each `[CONFIG_INVALID] ...` with its file and line.
    pub pack_errors: Vec<String>,
    pub duration_ms: f64,
    /// `complete`.
    pub status: String,
}

fn summary_view(summary: DetectionSummary) -> DetectionSummaryView {
    #[expect(
        clippy::cast_precision_loss,
        reason = "milliseconds stay far below 2^53"
    )]
    let duration_ms = summary.duration_ms as f64;
    DetectionSummaryView {
        total_patterns: count(summary.total_patterns),
        new_patterns: count(summary.new_patterns),
        updated_patterns: count(summary.updated_patterns),
        removed_patterns: count(summary.removed_patterns),
        total_violations: count(summary.total_violations),
        new_violations: count(summary.new_violations),
        violations_by_severity: summary
            .violations_by_severity
            .into_iter()
            .map(|(severity, n)| DetectionCount {
                name: severity.name().to_owned(),
                count: count(n),
            })
            .collect(),
        categories_scanned: summary
            .categories_scanned
            .iter()
            .map(|c| c.name().to_owned())
            .collect(),
        detectors_run: count(summary.detectors_run),
        files_analyzed: count(summary.files_analyzed),
        files_skipped: count(summary.files_skipped),
        conventions_learned: count(summary.conventions_learned),
        contested_conventions: count(summary.contested_conventions),
        frameworks: summary.frameworks,
        unknown_suppressions: summary
            .unknown_suppressions
            .into_iter()
            .map(|u| UnknownSuppressionView {
                file: u.file,
                line: u.line,
                rule: u.rule,
            })
            .collect(),
        pack_errors: summary.pack_errors,
        duration_ms,
        status: summary.status,
    }
}

/// Options of `detectPatterns`.
#[napi(object)]
#[derive(Default)]
pub struct DetectOptions {
    /// Learn again from the stored matches even when nothing changed since the last run.
    /// Default true (learning reads aggregates: it is cheap).
    pub force_relearn: Option<bool>,
}

/// Learns from the matches the scans stored (conventions, confidence, outliers, violations)
/// and says what it found. Scans run the detectors and learn on their own; call this after
/// changing statuses elsewhere, or for the summary.
///
/// Errors: storage codes.
#[napi]
pub fn detect_patterns(options: Option<DetectOptions>) -> Result<DetectionSummaryView> {
    let force = options.unwrap_or_default().force_relearn.unwrap_or(true);
    engine_call(|runtime| {
        let summary = if force {
            runtime.engine.learn()?
        } else {
            runtime.engine.detection_summary()?
        };
        Ok(summary_view(summary))
    })
}

/// A pattern after learning.
#[napi(object)]
pub struct PatternView {
    pub id: String,
    pub name: String,
    pub category: String,
    pub sub_type: Option<String>,
    /// Learn group: patterns of one group are alternatives of one habit.
    pub group: String,
    /// Framework pack, when it comes from one.
    pub framework: Option<String>,
    /// `discovered`, `approved` or `ignored`.
    pub status: String,
    /// `dominant` (the convention), `deviation`, `contested` or `none`.
    pub role: String,
    /// Posterior mean of its Beta confidence (0-1).
    pub confidence: f64,
    /// `established` (>= 0.85), `emerging` (>= 0.70), `tentative` (>= 0.50), `uncertain`.
    pub tier: String,
    pub location_count: u32,
    pub file_spread: u32,
    pub outlier_count: u32,
    /// Its share of the group (0-1).
    pub dominance: f64,
    pub violation_count: u32,
    pub cwe_ids: Vec<u32>,
    pub owasp: Option<String>,
    /// `rising`, `stable` or `falling`.
    pub momentum: String,
}

fn pattern_view(p: PatternSummary) -> PatternView {
    PatternView {
        id: p.id,
        name: p.name,
        category: p.category.name().to_owned(),
        sub_type: p.sub_type,
        group: p.group,
        framework: p.framework,
        status: p.status.name().to_owned(),
        role: p.role.name().to_owned(),
        confidence: round3(p.confidence),
        tier: p.tier.name().to_owned(),
        location_count: count(p.location_count),
        file_spread: count(p.file_spread),
        outlier_count: count(p.outlier_count),
        dominance: round3(p.dominance),
        violation_count: count(p.violation_count),
        cwe_ids: p.cwe_ids,
        owasp: p.owasp,
        momentum: p.momentum,
    }
}

/// Filters of `queryPatterns`; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct PatternQuery {
    pub category: Option<String>,
    /// `discovered`, `approved` or `ignored`.
    pub status: Option<String>,
    /// `established`, `emerging`, `tentative` or `uncertain`.
    pub tier: Option<String>,
    /// `dominant`, `deviation`, `contested` or `none`.
    pub role: Option<String>,
    pub min_confidence: Option<f64>,
    /// Only patterns found under this path prefix.
    pub path_prefix: Option<String>,
    /// Text in the id or the name.
    pub search: Option<String>,
    pub framework: Option<String>,
}

/// A page of patterns, most confident first.
#[napi(object)]
pub struct PatternPage {
    pub items: Vec<PatternView>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// Patterns matching `filter`, a keyset page at a time.
///
/// Errors: `[INVALID_FILTER]` (unknown category, status or tier; bad limit), `[INVALID_CURSOR]`.
#[napi]
pub fn query_patterns(
    filter: Option<PatternQuery>,
    page: Option<PageOptions>,
) -> Result<PatternPage> {
    engine_call(|runtime| {
        let q = filter.unwrap_or_default();
        let filter = PatternFilter {
            category: q.category,
            status: q.status,
            tier: q.tier,
            role: q.role,
            min_confidence: q.min_confidence,
            path_prefix: q.path_prefix,
            search: q.search,
            framework: q.framework,
        };
        let page = runtime.engine.patterns(&filter, &page_request(page))?;
        #[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
        let total = page.total as f64;
        Ok(PatternPage {
            items: page.items.into_iter().map(pattern_view).collect(),
            total,
            has_more: page.has_more,
            next_cursor: page.next_cursor,
        })
    })
}

/// A learned convention of a group.
#[napi(object)]
pub struct ConventionView {
    pub group: String,
    /// `""` for the whole project, else the directory it holds in.
    pub scope: String,
    pub pattern_id: String,
    pub dominance: f64,
    pub total: u32,
    pub contested: bool,
    /// Its share reaches the threshold (or it is approved): the alternatives are violations.
    pub enforced: bool,
}

fn convention_view(c: Convention) -> ConventionView {
    ConventionView {
        group: c.group,
        scope: c.scope,
        pattern_id: c.pattern_id,
        dominance: round3(c.dominance),
        total: count(c.total),
        contested: c.contested,
        enforced: c.enforced,
    }
}

/// Per-location confidence values flagged as outliers.
#[napi(object)]
pub struct OutlierView {
    pub value: f64,
    pub count: u32,
    /// `z_score`, `grubbs`, `esd`, `iqr`, `mad`, `rule`.
    pub methods: Vec<String>,
    pub deviation: f64,
    /// `critical`, `high`, `moderate` or `low`.
    pub significance: String,
}

fn outlier_view(o: StoredOutlier) -> OutlierView {
    OutlierView {
        value: round3(o.value),
        count: count(o.count),
        methods: o.methods,
        deviation: round3(o.deviation),
        significance: o.significance,
    }
}

/// One location of a pattern.
#[napi(object)]
pub struct PatternLocationView {
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 0-based (bytes).
    pub column: u32,
    pub end_line: u32,
    pub confidence: f64,
    /// The source text (at most 200 characters).
    pub matched_text: String,
    pub suppressed: bool,
    /// Its confidence is one of the pattern's outlier values.
    pub outlier: bool,
}

/// A pattern with its posterior, conventions, outliers and a page of locations.
#[napi(object)]
pub struct PatternDetailView {
    pub pattern: PatternView,
    pub description: String,
    pub alpha: f64,
    pub beta: f64,
    /// 95% credible interval of the confidence.
    pub credible_interval: Vec<f64>,
    pub conventions: Vec<ConventionView>,
    pub outliers: Vec<OutlierView>,
    pub locations: Vec<PatternLocationView>,
    pub location_total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// One pattern in full, with a page of its locations (by path and line).
///
/// Errors: `[NOT_FOUND]` for an id the last learning run did not report, `[INVALID_CURSOR]`.
#[napi]
pub fn query_pattern_detail(id: String, page: Option<PageOptions>) -> Result<PatternDetailView> {
    engine_call(|runtime| {
        let (detail, locations) = runtime.engine.pattern_detail(&id, &page_request(page))?;
        let outlier_values: Vec<f64> = detail.outliers.iter().map(|o| o.value).collect();
        let location = |row: LocationRow| PatternLocationView {
            outlier: outlier_values
                .iter()
                .any(|value| (value - row.confidence).abs() < 1e-6),
            file: row.file,
            line: row.line,
            column: row.column,
            end_line: row.end_line,
            confidence: round3(row.confidence),
            matched_text: row.matched_text,
            suppressed: row.suppressed,
        };
        #[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
        let location_total = locations.total as f64;
        Ok(PatternDetailView {
            pattern: pattern_view(detail.summary),
            description: detail.description,
            alpha: round3(detail.alpha),
            beta: round3(detail.beta),
            credible_interval: vec![round3(detail.interval.0), round3(detail.interval.1)],
            conventions: detail
                .conventions
                .into_iter()
                .map(convention_view)
                .collect(),
            outliers: detail.outliers.into_iter().map(outlier_view).collect(),
            locations: locations.items.into_iter().map(location).collect(),
            location_total,
            has_more: locations.has_more,
            next_cursor: locations.next_cursor,
        })
    })
}

/// A violation: a deviation from a convention, a finding, or an outlier of an approved pattern.
#[napi(object)]
pub struct ViolationView {
    /// `{ruleId}-{file}-{line}`.
    pub id: String,
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 0-based (bytes).
    pub column: u32,
    pub end_line: u32,
    /// `error`, `warning`, `info` or `hint`.
    pub severity: String,
    pub pattern_id: String,
    /// The pattern id (namespaced by category or framework), as suppressions name it.
    pub rule_id: String,
    pub category: String,
    /// `deviation`, `finding` or `outlier`.
    pub kind: String,
    pub message: String,
    /// The convention's pattern, for a deviation.
    pub convention: Option<String>,
    /// One of the 8 strategies (`wrap_in_try_catch`, `use_parameterized_query`, ...).
    pub fix_strategy: Option<String>,
    pub fix_description: Option<String>,
    pub cwe_id: Option<u32>,
    pub owasp: Option<String>,
    pub suppressed: bool,
    /// Not reported by the previous learning run.
    pub is_new: bool,
    /// The source line.
    pub snippet: String,
}

fn violation_view(v: Violation) -> ViolationView {
    ViolationView {
        id: v.id,
        file: v.file,
        line: v.line,
        column: v.column,
        end_line: v.end_line,
        severity: v.severity.name().to_owned(),
        pattern_id: v.pattern_id,
        rule_id: v.rule_id,
        category: v.category.name().to_owned(),
        kind: v.kind,
        message: v.message,
        convention: v.convention,
        fix_strategy: v.fix_strategy,
        fix_description: v.fix_description,
        cwe_id: v.cwe_id,
        owasp: v.owasp,
        suppressed: v.suppressed,
        is_new: v.is_new,
        snippet: v.snippet,
    }
}

/// Filters of `queryViolations`; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct ViolationQuery {
    pub file: Option<String>,
    pub path_prefix: Option<String>,
    /// `error`, `warning`, `info` or `hint`.
    pub severity: Option<String>,
    pub category: Option<String>,
    pub pattern_id: Option<String>,
    pub rule_id: Option<String>,
    pub cwe_id: Option<u32>,
    /// `deviation`, `finding` or `outlier`.
    pub kind: Option<String>,
    pub only_new: Option<bool>,
    /// Default false.
    pub include_suppressed: Option<bool>,
}

/// A page of violations, worst first, then by place.
#[napi(object)]
pub struct ViolationPage {
    pub items: Vec<ViolationView>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// Violations matching `filter`, a keyset page at a time.
///
/// Errors: `[INVALID_FILTER]` (unknown severity or category, bad limit), `[INVALID_CURSOR]`.
#[napi]
pub fn query_violations(
    filter: Option<ViolationQuery>,
    page: Option<PageOptions>,
) -> Result<ViolationPage> {
    engine_call(|runtime| {
        let q = filter.unwrap_or_default();
        let filter = ViolationFilter {
            file: q.file,
            path_prefix: q.path_prefix,
            severity: q.severity,
            category: q.category,
            pattern_id: q.pattern_id,
            rule_id: q.rule_id,
            cwe_id: q.cwe_id,
            kind: q.kind,
            only_new: q.only_new.unwrap_or(false),
            include_suppressed: q.include_suppressed.unwrap_or(false),
        };
        let page = runtime.engine.violations(&filter, &page_request(page))?;
        #[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
        let total = page.total as f64;
        Ok(ViolationPage {
            items: page.items.into_iter().map(violation_view).collect(),
            total,
            has_more: page.has_more,
            next_cursor: page.next_cursor,
        })
    })
}

/// Every violation in the file at `path` (suppressed ones too), by line: an editor's markers.
#[napi]
pub fn query_violations_in_file(path: String) -> Result<Vec<ViolationView>> {
    engine_call(|runtime| {
        Ok(runtime
            .engine
            .violations_in_file(&path)?
            .into_iter()
            .map(violation_view)
            .collect())
    })
}

/// What `setPatternStatus` did.
#[napi(object)]
pub struct PatternStatusResult {
    pub id: String,
    pub status: String,
    /// Alternatives of the same group that were approved and are discovered again (a group
    /// has one convention).
    pub demoted: Vec<String>,
    /// The learning run that followed.
    pub summary: DetectionSummaryView,
}

/// Sets a pattern's status (`discovered`, `approved` or `ignored`), kept in drift.db across
/// scans, and learns again.
///
/// Errors: `[INVALID_ARGUMENT]` for another status, `[NOT_FOUND]` for an id no pack defines.
#[napi]
pub fn set_pattern_status(id: String, status: String) -> Result<PatternStatusResult> {
    engine_call(|runtime| {
        let parsed =
            PatternStatus::from_name(&status).ok_or_else(|| RuntimeError::InvalidArgument {
                name: "status".into(),
                reason: format!("must be discovered, approved or ignored, got `{status}`"),
            })?;
        let (demoted, summary) = runtime.engine.set_pattern_status(&id, parsed)?;
        Ok(PatternStatusResult {
            id,
            status: parsed.name().to_owned(),
            demoted,
            summary: summary_view(summary),
        })
    })
}
