//! Security findings across the bridge (registry §10.7): `detectSecrets` (the summary of what
//! the scans found), `querySecrets` (a page of findings), `querySecretsInFile` (what an editor
//! masks), `findSecretsInText` (the same for text being edited), `querySensitiveFields`,
//! `detectBoundaries`, `queryBoundaries`, `analyzeTaint`, `queryTaintFlows` and
//! `querySecuritySummary`. Every scan finds secrets, sensitive fields, data accesses and taint
//! flows; these read what it stored. No value ever crosses: a finding has a masked preview
//! and a fingerprint.

use drift_analysis::security::secrets::SecretPack;
use drift_core::errors::{RuntimeError, StorageError};
use drift_core::types::security::{SecretFinding, SecretStatus, Sensitivity, Severity};
use drift_storage::security::{BoundaryFilter, FieldFilter, FlowFilter, SecretFilter};
use napi::Result;
use napi_derive::napi;

use crate::queries::{PageOptions, engine_call, page_request};

/// A committed secret: its kind and place, never its value.
#[napi(object)]
pub struct SecretView {
    /// The file, relative to the root.
    pub file: String,
    /// The pattern family (`aws-access-key-id`, `django-secret-key`, ...).
    pub pattern: String,
    pub provider: String,
    pub category: String,
    /// `critical`, `high`, `medium`, `low` or `info`.
    pub severity: String,
    /// `open`, `suppressed` (an allow comment on its line) or `placeholder`.
    pub status: String,
    /// 0-based line; byte columns of the value on it.
    pub line: u32,
    pub column: u32,
    pub end_column: u32,
    /// A public prefix and at most the last four characters; the rest starred.
    pub masked: String,
    /// xxh3-64 of pattern, file and value (16 hex digits): stable when lines move.
    pub fingerprint: String,
    pub entropy: f64,
    pub confidence: f64,
    pub cwe: Vec<u32>,
}

fn round2(value: f32) -> f64 {
    (f64::from(value) * 100.0).round() / 100.0
}

fn view(file: String, finding: SecretFinding) -> SecretView {
    SecretView {
        file,
        pattern: finding.pattern,
        provider: finding.provider,
        category: finding.category,
        severity: finding.severity.name().to_owned(),
        status: finding.status.name().to_owned(),
        line: finding.line,
        column: finding.column,
        end_column: finding.end_column,
        masked: finding.masked,
        fingerprint: finding.fingerprint,
        entropy: round2(finding.entropy),
        confidence: round2(finding.confidence),
        cwe: finding.cwe,
    }
}

/// Filters of `querySecrets`; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct SecretQuery {
    /// `open` (the default), `suppressed` or `placeholder`.
    pub status: Option<String>,
    /// Every status.
    pub all: Option<bool>,
    /// Only findings at least this severe.
    pub min_severity: Option<String>,
    pub provider: Option<String>,
    pub pattern: Option<String>,
    pub path_prefix: Option<String>,
}

fn invalid(reason: String) -> RuntimeError {
    StorageError::InvalidFilter { reason }.into()
}

fn secret_filter(query: Option<SecretQuery>) -> std::result::Result<SecretFilter, RuntimeError> {
    let query = query.unwrap_or_default();
    let status = query
        .status
        .map(|name| {
            SecretStatus::from_name(&name).ok_or_else(|| {
                invalid(format!(
                    "status must be open, suppressed or placeholder, got `{name}`"
                ))
            })
        })
        .transpose()?;
    let min_severity = query
        .min_severity
        .map(|name| {
            Severity::from_name(&name).ok_or_else(|| {
                invalid(format!(
                    "minSeverity must be critical, high, medium, low or info, got `{name}`"
                ))
            })
        })
        .transpose()?;
    Ok(SecretFilter {
        status,
        all: query.all.unwrap_or(false),
        min_severity,
        provider: query.provider,
        pattern: query.pattern,
        path_prefix: query.path_prefix,
    })
}

/// A page of secrets, open first, worst first, then by place.
#[napi(object)]
pub struct SecretPage {
    pub items: Vec<SecretView>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// Secrets matching `filter`, a keyset page at a time.
///
/// Errors: `[INVALID_FILTER]` (unknown status or severity, bad limit), `[INVALID_CURSOR]`.
#[napi]
pub fn query_secrets(filter: Option<SecretQuery>, page: Option<PageOptions>) -> Result<SecretPage> {
    engine_call(|runtime| {
        let filter = secret_filter(filter)?;
        let page = runtime.engine.secrets(&filter, &page_request(page))?;
        #[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
        let total = page.total as f64;
        Ok(SecretPage {
            items: page
                .items
                .into_iter()
                .map(|row| view(row.path, row.finding))
                .collect(),
            total,
            has_more: page.has_more,
            next_cursor: page.next_cursor,
        })
    })
}

/// Every secret found in the file at `path` (all statuses), in source order.
#[napi]
pub fn query_secrets_in_file(path: String) -> Result<Vec<SecretView>> {
    engine_call(|runtime| {
        Ok(runtime
            .engine
            .secrets_in_file(&path)?
            .into_iter()
            .map(|finding| view(path.clone(), finding))
            .collect())
    })
}

/// The secrets in `text` as the file `path` (nothing is stored): what an editor masks while
/// the text is edited. Findings as `querySecretsInFile` gives them.
#[napi]
pub fn find_secrets_in_text(path: String, text: String) -> Vec<SecretView> {
    SecretPack::builtin()
        .scan(&path, text.as_bytes())
        .into_iter()
        .map(|finding| view(path.clone(), finding))
        .collect()
}

/// A count under a name.
#[napi(object)]
pub struct NamedCount {
    pub name: String,
    pub count: u32,
}

/// What the scans found: open findings by severity and provider, and what was set aside.
#[napi(object)]
pub struct SecretsSummary {
    /// Open findings.
    pub total: u32,
    /// Open findings per severity, worst first, zeros included.
    pub by_severity: Vec<NamedCount>,
    /// Open findings per provider, most first (top 10).
    pub by_provider: Vec<NamedCount>,
    pub files_affected: u32,
    /// Matches whose value is a placeholder, a template or an example.
    pub placeholders_skipped: u32,
    /// Findings marked on their line as known.
    pub suppressed: u32,
    /// Pattern families searched for.
    pub patterns: u32,
}

fn count(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The secrets the scans found, summarised (every scan searches every text file it reads).
///
/// Errors: storage codes.
#[napi]
pub fn detect_secrets() -> Result<SecretsSummary> {
    engine_call(|runtime| Ok(secrets_view(runtime.engine.secrets_summary()?)))
}

fn named(pairs: Vec<(String, u64)>) -> Vec<NamedCount> {
    pairs
        .into_iter()
        .map(|(name, n)| NamedCount {
            name,
            count: count(n),
        })
        .collect()
}

fn secrets_view(summary: drift_storage::security::SecretsSummary) -> SecretsSummary {
    SecretsSummary {
        total: count(summary.total),
        by_severity: named(
            summary
                .by_severity
                .into_iter()
                .map(|(severity, n)| (severity.name().to_owned(), n))
                .collect(),
        ),
        by_provider: named(summary.by_provider),
        files_affected: count(summary.files_affected),
        placeholders_skipped: count(summary.placeholders),
        suppressed: count(summary.suppressed),
        patterns: count(SecretPack::builtin().patterns().len() as u64),
    }
}

/// A field that holds sensitive data.
#[napi(object)]
pub struct SensitiveFieldView {
    pub file: String,
    /// The class, model or schema (qualified name).
    pub model: String,
    pub field: String,
    /// `pii`, `credentials`, `financial` or `health`.
    pub sensitivity: String,
    /// 0-based line of the declaration.
    pub line: u32,
    pub confidence: f64,
    /// How specific the matched name is, before context and reducers.
    pub specificity: f64,
    /// The rule name that matched (`date of birth`).
    pub matched: String,
    /// Why, in words.
    pub reason: String,
}

/// Filters of `querySensitiveFields`; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct SensitiveFieldQuery {
    /// Only fields of this class (qualified name, or its last segment).
    pub model: Option<String>,
    /// `pii`, `credentials`, `financial` or `health`.
    pub sensitivity: Option<String>,
    pub path_prefix: Option<String>,
}

/// Sensitive fields (at most 5000, by file, class and line) and how many match in all.
#[napi(object)]
pub struct SensitiveFieldList {
    pub items: Vec<SensitiveFieldView>,
    pub total: u32,
}

/// The fields of the scanned classes, models and schemas that hold personal data, credentials,
/// money or health data, with the reason for each.
///
/// Errors: `[INVALID_FILTER]` for an unknown sensitivity, storage codes.
#[napi]
pub fn query_sensitive_fields(filter: Option<SensitiveFieldQuery>) -> Result<SensitiveFieldList> {
    engine_call(|runtime| {
        let query = filter.unwrap_or_default();
        let sensitivity = query
            .sensitivity
            .map(|name| {
                Sensitivity::from_name(&name).ok_or_else(|| {
                    invalid(format!(
                        "sensitivity must be pii, credentials, financial or health, got `{name}`"
                    ))
                })
            })
            .transpose()?;
        let (rows, total) = runtime.engine.sensitive_fields(&FieldFilter {
            model: query.model,
            sensitivity,
            path_prefix: query.path_prefix,
        })?;
        Ok(SensitiveFieldList {
            items: rows
                .into_iter()
                .map(|row| SensitiveFieldView {
                    file: row.path,
                    model: row.field.model,
                    field: row.field.field,
                    sensitivity: row.field.sensitivity.name().to_owned(),
                    line: row.field.line,
                    confidence: round2(row.field.confidence),
                    specificity: round2(row.field.specificity),
                    matched: row.field.matched,
                    reason: row.field.reason,
                })
                .collect(),
            total: count(total),
        })
    })
}

/// Filters of `queryBoundaries`; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct BoundaryQuery {
    /// A model or table, in any spelling (`users`, `User`).
    pub table: Option<String>,
    /// A framework id (`django`, `prisma`, `gorm`, ...).
    pub framework: Option<String>,
    /// `select`, `insert`, `update`, `upsert`, `delete`, `count`, `aggregate`, `raw_query`, or
    /// `model` for definitions.
    pub operation: Option<String>,
    pub path_prefix: Option<String>,
    /// Only accesses whose SQL is built from pieces.
    pub unsafe_only: Option<bool>,
}

/// A place where code touches persistent data.
#[napi(object)]
pub struct BoundaryView {
    pub file: String,
    pub framework: String,
    /// The model or table (`(unknown)` when the code does not say).
    pub table_name: String,
    pub operation: String,
    /// 0-based line and byte column of the call.
    pub line: u32,
    pub column: u32,
    /// The qualified name of the function that does it.
    pub function: Option<String>,
    pub confidence: f64,
    pub raw_sql: bool,
    /// How the SQL is built from pieces (CWE-89), when it is.
    pub unsafe_api: Option<String>,
    /// `critical` (credentials or financial fields), `high` (personal or health data) or `low`.
    pub security_tier: String,
}

/// A page of boundaries, by model, file and line.
#[napi(object)]
pub struct BoundaryPage {
    pub items: Vec<BoundaryView>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

const OPERATIONS: [&str; 9] = [
    "select",
    "insert",
    "update",
    "upsert",
    "delete",
    "count",
    "aggregate",
    "raw_query",
    "model",
];

/// Data accesses matching `filter`, a keyset page at a time.
///
/// Errors: `[INVALID_FILTER]` (unknown operation, bad limit), `[INVALID_CURSOR]`.
#[napi]
pub fn query_boundaries(
    filter: Option<BoundaryQuery>,
    page: Option<PageOptions>,
) -> Result<BoundaryPage> {
    engine_call(|runtime| {
        let query = filter.unwrap_or_default();
        if let Some(operation) = &query.operation
            && !OPERATIONS.contains(&operation.as_str())
        {
            return Err(invalid(format!(
                "operation must be one of {}, got `{operation}`",
                OPERATIONS.join(", ")
            )));
        }
        let page = runtime.engine.boundaries(
            &BoundaryFilter {
                model: query.table,
                framework: query.framework,
                operation: query.operation,
                path_prefix: query.path_prefix,
                unsafe_only: query.unsafe_only.unwrap_or(false),
            },
            &page_request(page),
        )?;
        #[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
        let total = page.total as f64;
        Ok(BoundaryPage {
            items: page
                .items
                .into_iter()
                .map(|row| BoundaryView {
                    file: row.path,
                    framework: row.access.framework,
                    table_name: row.access.model,
                    operation: row.access.operation,
                    line: row.access.line,
                    column: row.access.column,
                    function: row.access.function,
                    confidence: round2(row.access.confidence),
                    raw_sql: row.access.raw_sql,
                    unsafe_api: row.access.unsafe_sql,
                    security_tier: row.tier.to_owned(),
                })
                .collect(),
            total,
            has_more: page.has_more,
            next_cursor: page.next_cursor,
        })
    })
}

/// Access points by security tier.
#[napi(object)]
pub struct TierCounts {
    pub critical: u32,
    pub high: u32,
    pub low: u32,
}

/// What the scans found about data access.
#[napi(object)]
pub struct BoundariesSummary {
    /// Queries and mutations (definitions not counted).
    pub total_access_points: u32,
    /// Model definitions.
    pub total_models: u32,
    /// Distinct models and tables accessed.
    pub tables_found: u32,
    pub total_sensitive_fields: u32,
    pub raw_sql_access_points: u32,
    /// Accesses whose SQL is built from pieces (CWE-89).
    pub total_unsafe_apis: u32,
    /// Frameworks seen, most used first.
    pub frameworks_detected: Vec<NamedCount>,
    pub security_tier_counts: TierCounts,
}

/// The data-access boundaries the scans found, summarised.
///
/// Errors: storage codes.
#[napi]
pub fn detect_boundaries() -> Result<BoundariesSummary> {
    engine_call(|runtime| Ok(boundaries_view(runtime.engine.boundaries_summary()?)))
}

fn boundaries_view(summary: drift_storage::security::BoundariesSummary) -> BoundariesSummary {
    BoundariesSummary {
        total_access_points: count(summary.access_points),
        total_models: count(summary.models),
        tables_found: count(summary.tables),
        total_sensitive_fields: count(summary.sensitive_fields),
        raw_sql_access_points: count(summary.raw_sql),
        total_unsafe_apis: count(summary.unsafe_sql),
        frameworks_detected: named(summary.frameworks),
        security_tier_counts: TierCounts {
            critical: count(summary.tiers[0]),
            high: count(summary.tiers[1]),
            low: count(summary.tiers[2]),
        },
    }
}

/// A model or table and how exposed it is.
#[napi(object)]
pub struct RiskTableView {
    pub table: String,
    /// `critical`, `high` or `low`.
    pub tier: String,
    pub access_points: u32,
    pub unsafe_sql: u32,
}

/// An entry point and what it reaches that matters for security.
#[napi(object)]
pub struct RiskyEntryPointView {
    /// Its call-graph id.
    pub id: String,
    /// `route_handler`, `controller_method`, `main_function` or `exported`.
    pub kind: String,
    pub file: String,
    /// 0-based line.
    pub line: u32,
    /// Taint flows starting in it or in a function it reaches.
    pub taint_flows: u32,
    /// SQL built from pieces in the functions it reaches.
    pub unsafe_sql: u32,
    /// Accesses to critical or high-tier tables in the functions it reaches.
    pub sensitive_access: u32,
    /// All data accesses in the functions it reaches.
    pub data_access: u32,
    /// The weight of all that (see SECURITY-ANALYSIS.md).
    pub score: f64,
}

/// The project's security posture.
#[napi(object)]
pub struct SecuritySummaryView {
    /// 0 (worst) to 100: 100 minus the open findings weighed by severity and confidence.
    pub score: f64,
    /// `critical`, `high`, `medium` or `low`.
    pub risk_level: String,
    pub secrets: SecretsSummary,
    pub boundaries: BoundariesSummary,
    /// Sensitive fields per kind.
    pub sensitive_fields: Vec<NamedCount>,
    /// The most exposed tables (at most 10).
    pub top_tables: Vec<RiskTableView>,
    /// Taint flows per sink type, most first.
    pub taint_flows: Vec<NamedCount>,
    /// The entry points reaching the most flows, unsafe SQL and sensitive data (at most 10,
    /// riskiest first; empty before a call graph can be built).
    pub riskiest_entry_points: Vec<RiskyEntryPointView>,
}

/// Every security analysis of the stored scan, summarised: score, secrets, boundaries,
/// sensitive fields, taint flows, the most exposed tables and the riskiest entry points.
///
/// Errors: storage codes.
#[napi]
pub fn query_security_summary() -> Result<SecuritySummaryView> {
    let summary = engine_call(|runtime| runtime.engine.security_summary())?;
    Ok(SecuritySummaryView {
        score: summary.score,
        risk_level: summary.risk_level.to_owned(),
        secrets: secrets_view(summary.secrets),
        boundaries: boundaries_view(summary.boundaries),
        sensitive_fields: summary
            .sensitive_by_kind
            .into_iter()
            .map(|(kind, n)| NamedCount {
                name: kind.name().to_owned(),
                count: count(n),
            })
            .collect(),
        top_tables: summary
            .top_tables
            .into_iter()
            .map(|table| RiskTableView {
                table: table.table,
                tier: table.tier.to_owned(),
                access_points: count(table.access_points),
                unsafe_sql: count(table.unsafe_sql),
            })
            .collect(),
        taint_flows: named(summary.flows_by_sink),
        riskiest_entry_points: summary
            .riskiest_entry_points
            .into_iter()
            .map(|entry| RiskyEntryPointView {
                id: entry.id,
                kind: entry.kind.to_owned(),
                file: entry.file,
                line: entry.line,
                taint_flows: count(entry.taint_flows),
                unsafe_sql: count(entry.unsafe_sql),
                sensitive_access: count(entry.sensitive_access),
                data_access: count(entry.data_access),
                score: entry.score,
            })
            .collect(),
    })
}

/// One step of a taint flow.
#[napi(object)]
pub struct TaintStepView {
    /// 0-based line.
    pub line: u32,
    pub description: String,
    /// The file of the line: the flow's own file unless it crosses into another.
    pub file: String,
}

/// Untrusted data reaching a sink without the sanitizer that sink needs, within one function
/// or across several.
#[napi(object)]
pub struct TaintFlowView {
    /// The file of the sink.
    pub file: String,
    /// The qualified name of the sink's function (empty for code outside every function).
    pub function: String,
    /// The file the data enters in (the sink's file for a flow within one function).
    pub source_file: String,
    /// The call-graph ids of the functions the flow goes through, source's first; empty for a
    /// flow within one function.
    pub functions: Vec<String>,
    /// `user_input`, `env_var`, ...
    pub label: String,
    /// 0-based line where the data enters, and the expression it enters by.
    pub source_line: u32,
    pub source: String,
    /// 0-based line and byte column of the sink call.
    pub sink_line: u32,
    pub sink_column: u32,
    /// The call (`db.query`).
    pub sink: String,
    /// `sql_query`, `os_command`, `code_execution`, `file_path`, `html_output`,
    /// `http_redirect` or `deserialization`.
    pub sink_type: String,
    pub cwe_id: u32,
    /// From the source to the sink.
    pub path: Vec<TaintStepView>,
    pub confidence: f64,
}

fn flow_view(row: drift_storage::security::FlowRow) -> TaintFlowView {
    TaintFlowView {
        source_file: row.flow.source_file.unwrap_or_else(|| row.path.clone()),
        functions: row.flow.functions,
        function: row.flow.function,
        label: row.flow.label,
        source_line: row.flow.source_line,
        source: row.flow.source,
        sink_line: row.flow.sink_line,
        sink_column: row.flow.sink_column,
        sink: row.flow.sink,
        sink_type: row.flow.sink_type,
        cwe_id: row.flow.cwe,
        path: row
            .flow
            .path
            .into_iter()
            .map(|step| TaintStepView {
                line: step.line,
                description: step.description,
                file: step.file.unwrap_or_else(|| row.path.clone()),
            })
            .collect(),
        confidence: round2(row.flow.confidence),
        file: row.path,
    }
}

/// The taint flows of one function.
#[napi(object)]
pub struct TaintResult {
    /// The function's id in the call graph.
    pub function_id: String,
    pub flows: Vec<TaintFlowView>,
    pub vulnerability_count: u32,
}

/// The taint flows of the function `name` names (an id, `FILE:QUALIFIED_NAME`, a qualified or
/// a plain name, as in the call-graph functions): those within it, and those across functions
/// that start in it, pass through it or end in it.
///
/// Errors: `[FUNCTION_NOT_FOUND]`, `[AMBIGUOUS_FUNCTION]`, `[CALL_GRAPH_NOT_BUILT]`.
#[napi]
pub fn analyze_taint(name: String) -> Result<TaintResult> {
    engine_call(|runtime| {
        let (function_id, rows) = runtime.engine.taint_of_function(&name)?;
        let flows: Vec<TaintFlowView> = rows.into_iter().map(flow_view).collect();
        Ok(TaintResult {
            function_id,
            vulnerability_count: count(flows.len() as u64),
            flows,
        })
    })
}

/// Filters of `queryTaintFlows`; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct TaintQuery {
    /// `sql_query`, `os_command`, ...
    pub sink_type: Option<String>,
    pub path_prefix: Option<String>,
}

/// Taint flows (at most 5000, by file and sink line) and how many match in all.
#[napi(object)]
pub struct TaintFlowList {
    pub items: Vec<TaintFlowView>,
    pub total: u32,
}

/// Every taint flow the scans found, filtered.
///
/// Errors: storage codes.
#[napi]
pub fn query_taint_flows(filter: Option<TaintQuery>) -> Result<TaintFlowList> {
    engine_call(|runtime| {
        let query = filter.unwrap_or_default();
        let (rows, total) = runtime.engine.taint_flows(&FlowFilter {
            sink_type: query.sink_type,
            path_prefix: query.path_prefix,
            ..FlowFilter::default()
        })?;
        Ok(TaintFlowList {
            items: rows.into_iter().map(flow_view).collect(),
            total: count(total),
        })
    })
}
