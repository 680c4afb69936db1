//! What the security analyses found, in `drift.db` (schema v5): secret findings per file,
//! listed worst first a keyset page at a time and summarised, and sensitive fields.

use drift_core::errors::StorageError;
use drift_core::types::security::{
    DataAccess, SecretFinding, SecretStatus, SensitiveField, Sensitivity, Severity, TaintFlow,
    TaintStep,
};
use rusqlite::{Connection, Transaction, params};

use crate::connection::classify;
use crate::pagination::{Page, PageRequest, keyed_page};

/// The listing's cursor kind.
const LISTING: &str = "secrets";

/// Orders findings open first, then worst first, then by path, line and column, independent
/// of the order files were stored in.
fn sort_key(path: &str, finding: &SecretFinding) -> String {
    let status = SecretStatus::ALL
        .iter()
        .position(|status| *status == finding.status)
        .unwrap_or(SecretStatus::ALL.len());
    let rank = Severity::ALL
        .iter()
        .position(|severity| *severity == finding.severity)
        .unwrap_or(Severity::ALL.len());
    format!(
        "{status}{rank}\u{1}{path}\u{1}{:010}\u{1}{:010}",
        finding.line, finding.column
    )
}

/// Replaces the secrets stored for the file `file_id` (at `path`) with `findings`.
/// `fresh`: nothing is stored for the file yet.
pub fn store_secrets(
    tx: &Transaction<'_>,
    file_id: i64,
    path: &str,
    findings: &[SecretFinding],
    fresh: bool,
) -> Result<(), StorageError> {
    if !fresh {
        tx.prepare_cached("DELETE FROM secrets WHERE file_id = ?1")
            .map_err(classify)?
            .execute([file_id])
            .map_err(classify)?;
    }
    if findings.is_empty() {
        return Ok(());
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO secrets (file_id, sort_key, pattern, provider, category, severity, status,
               line, col, end_col, masked, fingerprint, entropy, confidence, cwe)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )
        .map_err(classify)?;
    for finding in findings {
        insert
            .execute(params![
                file_id,
                sort_key(path, finding),
                finding.pattern,
                finding.provider,
                finding.category,
                finding.severity.name(),
                finding.status.name(),
                finding.line,
                finding.column,
                finding.end_column,
                finding.masked,
                finding.fingerprint,
                f64::from(finding.entropy),
                f64::from(finding.confidence),
                serde_json::to_string(&finding.cwe).unwrap_or_else(|_| "[]".to_owned()),
            ])
            .map_err(classify)?;
    }
    Ok(())
}

/// Which secrets a listing shows; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretFilter {
    /// Only this status (`None`: open findings only, unless `all`).
    pub status: Option<SecretStatus>,
    /// Every status (suppressed and placeholder findings too).
    pub all: bool,
    /// Only findings at least this severe.
    pub min_severity: Option<Severity>,
    /// Only this provider.
    pub provider: Option<String>,
    /// Only this pattern id.
    pub pattern: Option<String>,
    /// Only files whose path starts with this.
    pub path_prefix: Option<String>,
}

/// A stored finding and its file.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretRow {
    /// The file, relative to the root.
    pub path: String,
    /// What was found there.
    pub finding: SecretFinding,
}

const COLUMNS: &str = "f.path, s.pattern, s.provider, s.category, s.severity, s.status, s.line,
    s.col, s.end_col, s.masked, s.fingerprint, s.entropy, s.confidence, s.cwe, s.sort_key, s.id";

#[expect(
    clippy::cast_possible_truncation,
    reason = "entropy and confidence were stored from f32"
)]
fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(SecretRow, String, i64)> {
    let severity: String = row.get(4)?;
    let status: String = row.get(5)?;
    let cwe: String = row.get(13)?;
    Ok((
        SecretRow {
            path: row.get(0)?,
            finding: SecretFinding {
                pattern: row.get(1)?,
                provider: row.get(2)?,
                category: row.get(3)?,
                severity: Severity::from_name(&severity).unwrap_or(Severity::Info),
                status: SecretStatus::from_name(&status).unwrap_or(SecretStatus::Open),
                line: row.get(6)?,
                column: row.get(7)?,
                end_column: row.get(8)?,
                masked: row.get(9)?,
                fingerprint: row.get(10)?,
                entropy: row.get::<_, f64>(11)? as f32,
                confidence: row.get::<_, f64>(12)? as f32,
                cwe: serde_json::from_str(&cwe).unwrap_or_default(),
            },
        },
        row.get(14)?,
        row.get(15)?,
    ))
}

/// The filter's conditions on `s` (secrets) and `f` (files), with parameters `?1`..`?5`.
const CONDITIONS: &str = "(?1 IS NULL OR s.status = ?1)
    AND (?2 IS NULL OR substr(s.sort_key, 2, 1) <= ?2)
    AND (?3 IS NULL OR s.provider = ?3)
    AND (?4 IS NULL OR s.pattern = ?4)
    AND (?5 IS NULL OR substr(f.path, 1, length(?5)) = ?5)";

fn filter_params(filter: &SecretFilter) -> [Option<String>; 5] {
    let status = match (filter.status, filter.all) {
        (Some(status), _) => Some(status.name().to_owned()),
        (None, true) => None,
        (None, false) => Some(SecretStatus::Open.name().to_owned()),
    };
    let rank = filter.min_severity.map(|wanted| {
        Severity::ALL
            .iter()
            .position(|severity| *severity == wanted)
            .unwrap_or(0)
            .to_string()
    });
    [
        status,
        rank,
        filter.provider.clone(),
        filter.pattern.clone(),
        filter.path_prefix.clone(),
    ]
}

/// The secrets matching `filter`, worst first, then by place, one page at a time.
///
/// Errors: `INVALID_FILTER` for a bad limit, `INVALID_CURSOR`.
pub fn query_secrets(
    connection: &Connection,
    filter: &SecretFilter,
    request: &PageRequest,
) -> Result<Page<SecretRow>, StorageError> {
    let limit = request.limit()?;
    let (after_key, after_id) = request.after(LISTING)?;
    let [status, rank, provider, pattern, prefix] = filter_params(filter);
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM secrets s JOIN files f ON f.id = s.file_id
             WHERE {CONDITIONS} AND (?6 IS NULL OR (s.sort_key, s.id) > (?6, ?7))
             ORDER BY s.sort_key, s.id LIMIT ?8"
        ))
        .map_err(classify)?;
    let rows = statement
        .query_map(
            params![
                status,
                rank,
                provider,
                pattern,
                prefix,
                after_key,
                after_id,
                i64::from(limit) + 1
            ],
            read_row,
        )
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let total: i64 = connection
        .prepare_cached(&format!(
            "SELECT count(*) FROM secrets s JOIN files f ON f.id = s.file_id WHERE {CONDITIONS}"
        ))
        .map_err(classify)?
        .query_row(params![status, rank, provider, pattern, prefix], |row| {
            row.get(0)
        })
        .map_err(classify)?;
    Ok(keyed_page(rows, limit, total, LISTING))
}

/// Every secret stored for the file at `path` (all statuses), in source order.
pub fn secrets_in_file(
    connection: &Connection,
    path: &str,
) -> Result<Vec<SecretFinding>, StorageError> {
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM secrets s JOIN files f ON f.id = s.file_id
             WHERE f.path = ?1 ORDER BY s.line, s.col"
        ))
        .map_err(classify)?;
    let rows = statement
        .query_map([path], read_row)
        .map_err(classify)?
        .map(|row| row.map(|(row, _, _)| row.finding))
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    Ok(rows)
}

/// Counts of the stored secrets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretsSummary {
    /// Open findings.
    pub total: u64,
    /// Open findings per severity, worst first (every severity, zeros included).
    pub by_severity: Vec<(Severity, u64)>,
    /// Open findings per provider, most first (at most 10, ties by name).
    pub by_provider: Vec<(String, u64)>,
    /// Files with an open finding.
    pub files_affected: u64,
    /// Matches whose value is a placeholder or an example.
    pub placeholders: u64,
    /// Findings suppressed on their line.
    pub suppressed: u64,
}

/// How many secrets are stored, by severity, provider and status.
pub fn secrets_summary(connection: &Connection) -> Result<SecretsSummary, StorageError> {
    let count = |sql: &str| -> Result<u64, StorageError> {
        let n: i64 = connection
            .prepare_cached(sql)
            .map_err(classify)?
            .query_row([], |row| row.get(0))
            .map_err(classify)?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    let grouped = |sql: &str| -> Result<Vec<(String, u64)>, StorageError> {
        connection
            .prepare_cached(sql)
            .map_err(classify)?
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                ))
            })
            .map_err(classify)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(classify)
    };
    let severities =
        grouped("SELECT severity, count(*) FROM secrets WHERE status = 'open' GROUP BY severity")?;
    let by_severity = Severity::ALL
        .iter()
        .map(|severity| {
            let n = severities
                .iter()
                .find(|(name, _)| name == severity.name())
                .map_or(0, |(_, n)| *n);
            (*severity, n)
        })
        .collect();
    Ok(SecretsSummary {
        total: count("SELECT count(*) FROM secrets WHERE status = 'open'")?,
        by_severity,
        by_provider: grouped(
            "SELECT provider, count(*) AS n FROM secrets WHERE status = 'open'
             GROUP BY provider ORDER BY n DESC, provider LIMIT 10",
        )?,
        files_affected: count("SELECT count(DISTINCT file_id) FROM secrets WHERE status = 'open'")?,
        placeholders: count("SELECT count(*) FROM secrets WHERE status = 'placeholder'")?,
        suppressed: count("SELECT count(*) FROM secrets WHERE status = 'suppressed'")?,
    })
}

/// Stores the sensitive fields of the file `file_id` (whose older rows were cleared with the
/// rest of what was extracted from it).
pub fn store_sensitive_fields(
    tx: &Transaction<'_>,
    file_id: i64,
    fields: &[SensitiveField],
) -> Result<(), StorageError> {
    if fields.is_empty() {
        return Ok(());
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO sensitive_fields (file_id, model, field, sensitivity, line, confidence,
               specificity, matched, reason, model_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .map_err(classify)?;
    for field in fields {
        insert
            .execute(params![
                file_id,
                field.model,
                field.field,
                field.sensitivity.name(),
                field.line,
                f64::from(field.confidence),
                f64::from(field.specificity),
                field.matched,
                field.reason,
                model_key(&field.model),
            ])
            .map_err(classify)?;
    }
    Ok(())
}

/// Which sensitive fields a listing shows; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldFilter {
    /// Only fields of this class (its qualified name, or its last segment).
    pub model: Option<String>,
    /// Only this kind.
    pub sensitivity: Option<Sensitivity>,
    /// Only files whose path starts with this.
    pub path_prefix: Option<String>,
}

/// A stored sensitive field and its file.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRow {
    /// The file, relative to the root.
    pub path: String,
    /// The field.
    pub field: SensitiveField,
}

/// Most fields one call lists.
pub const MAX_FIELDS: u32 = 5000;

/// The sensitive fields matching `filter`, by file, class and line (at most [`MAX_FIELDS`]),
/// with how many match in all.
#[expect(
    clippy::cast_possible_truncation,
    reason = "confidence and specificity were stored from f32"
)]
pub fn query_sensitive_fields(
    connection: &Connection,
    filter: &FieldFilter,
) -> Result<(Vec<FieldRow>, u64), StorageError> {
    const CONDITIONS: &str = "(?1 IS NULL OR s.model = ?1 OR s.model LIKE '%.' || ?1
            OR s.model LIKE '%::' || ?1 OR s.model LIKE '%\\' || ?1)
        AND (?2 IS NULL OR s.sensitivity = ?2)
        AND (?3 IS NULL OR substr(f.path, 1, length(?3)) = ?3)";
    let values = params![
        filter.model,
        filter.sensitivity.map(Sensitivity::name),
        filter.path_prefix
    ];
    let rows = connection
        .prepare_cached(&format!(
            "SELECT f.path, s.model, s.field, s.sensitivity, s.line, s.confidence, s.specificity,
                    s.matched, s.reason
             FROM sensitive_fields s JOIN files f ON f.id = s.file_id
             WHERE {CONDITIONS}
             ORDER BY f.path, s.model, s.line, s.field LIMIT {MAX_FIELDS}"
        ))
        .map_err(classify)?
        .query_map(values, |row| {
            let sensitivity: String = row.get(3)?;
            Ok(FieldRow {
                path: row.get(0)?,
                field: SensitiveField {
                    model: row.get(1)?,
                    field: row.get(2)?,
                    sensitivity: Sensitivity::from_name(&sensitivity).unwrap_or(Sensitivity::Pii),
                    line: row.get(4)?,
                    confidence: row.get::<_, f64>(5)? as f32,
                    specificity: row.get::<_, f64>(6)? as f32,
                    matched: row.get(7)?,
                    reason: row.get(8)?,
                },
            })
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let total: i64 = connection
        .prepare_cached(&format!(
            "SELECT count(*) FROM sensitive_fields s JOIN files f ON f.id = s.file_id WHERE {CONDITIONS}"
        ))
        .map_err(classify)?
        .query_row(values, |row| row.get(0))
        .map_err(classify)?;
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}

/// A model or table name as the key that joins accesses to sensitive fields: its last segment,
/// lower-case, letters and digits only, without a plural `s` (`app.models.Users` -> `user`).
#[must_use]
pub fn model_key(name: &str) -> String {
    let last = name.rsplit(['.', ':', '\\', '/']).next().unwrap_or(name);
    let mut key: String = last
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if key.len() > 3 && key.ends_with('s') && !key.ends_with("ss") {
        key.pop();
    }
    key
}

/// Stores the data accesses of the file `file_id` at `path` (whose older rows were cleared
/// with the rest of what was extracted from it).
pub fn store_boundaries(
    tx: &Transaction<'_>,
    file_id: i64,
    path: &str,
    accesses: &[DataAccess],
) -> Result<(), StorageError> {
    if accesses.is_empty() {
        return Ok(());
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO boundaries (file_id, sort_key, framework, model, model_key, operation, line,
               col, function, confidence, raw_sql, unsafe_sql)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .map_err(classify)?;
    for access in accesses {
        let key = model_key(&access.model);
        insert
            .execute(params![
                file_id,
                format!(
                    "{key}\u{1}{path}\u{1}{:010}\u{1}{:010}",
                    access.line, access.column
                ),
                access.framework,
                access.model,
                key,
                access.operation,
                access.line,
                access.column,
                access.function,
                f64::from(access.confidence),
                access.raw_sql,
                access.unsafe_sql,
            ])
            .map_err(classify)?;
    }
    Ok(())
}

/// Which data accesses a listing shows; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoundaryFilter {
    /// Only this model or table (any spelling of it: `users`, `User`).
    pub model: Option<String>,
    /// Only this framework id.
    pub framework: Option<String>,
    /// Only this operation (`model` for definitions).
    pub operation: Option<String>,
    /// Only files whose path starts with this.
    pub path_prefix: Option<String>,
    /// Only accesses whose SQL is built from pieces.
    pub unsafe_only: bool,
}

/// A stored data access, its file, and how sensitive what it touches is.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryRow {
    /// The file, relative to the root.
    pub path: String,
    /// The access.
    pub access: DataAccess,
    /// `critical` (credentials or financial fields), `high` (personal or health data) or
    /// `low`, from the sensitive fields of the model's class.
    pub tier: &'static str,
}

/// The tier of the model `b.model_key`, from the sensitive fields of the class of that name.
const TIER: &str = "CASE
    WHEN EXISTS (SELECT 1 FROM sensitive_fields sf WHERE sf.model_key = b.model_key
                 AND sf.sensitivity IN ('credentials', 'financial')) THEN 'critical'
    WHEN EXISTS (SELECT 1 FROM sensitive_fields sf WHERE sf.model_key = b.model_key) THEN 'high'
    ELSE 'low' END";

const BOUNDARY_CONDITIONS: &str = "(?1 IS NULL OR b.model_key = ?1)
    AND (?2 IS NULL OR b.framework = ?2)
    AND (?3 IS NULL OR b.operation = ?3)
    AND (?4 IS NULL OR substr(f.path, 1, length(?4)) = ?4)
    AND (?5 = 0 OR b.unsafe_sql IS NOT NULL)";

/// Data accesses matching `filter`, by model, file and line, one keyset page at a time.
///
/// Errors: `INVALID_FILTER` for a bad limit, `INVALID_CURSOR`.
#[expect(
    clippy::cast_possible_truncation,
    reason = "confidence was stored from f32"
)]
pub fn query_boundaries(
    connection: &Connection,
    filter: &BoundaryFilter,
    request: &PageRequest,
) -> Result<Page<BoundaryRow>, StorageError> {
    const LISTING_NAME: &str = "boundaries";
    let limit = request.limit()?;
    let (after_key, after_id) = request.after(LISTING_NAME)?;
    let key = filter.model.as_deref().map(model_key);
    let rows = connection
        .prepare_cached(&format!(
            "SELECT f.path, b.framework, b.model, b.operation, b.line, b.col, b.function, b.confidence,
                    b.raw_sql, b.unsafe_sql, {TIER}, b.sort_key, b.id
             FROM boundaries b JOIN files f ON f.id = b.file_id
             WHERE {BOUNDARY_CONDITIONS} AND (?6 IS NULL OR (b.sort_key, b.id) > (?6, ?7))
             ORDER BY b.sort_key, b.id LIMIT ?8"
        ))
        .map_err(classify)?
        .query_map(
            params![
                key,
                filter.framework,
                filter.operation,
                filter.path_prefix,
                filter.unsafe_only,
                after_key,
                after_id,
                i64::from(limit) + 1
            ],
            |row| {
                let tier: String = row.get(10)?;
                Ok((
                    BoundaryRow {
                        path: row.get(0)?,
                        access: DataAccess {
                            framework: row.get(1)?,
                            model: row.get(2)?,
                            operation: row.get(3)?,
                            line: row.get(4)?,
                            column: row.get(5)?,
                            function: row.get(6)?,
                            confidence: row.get::<_, f64>(7)? as f32,
                            raw_sql: row.get(8)?,
                            unsafe_sql: row.get(9)?,
                        },
                        tier: match tier.as_str() {
                            "critical" => "critical",
                            "high" => "high",
                            _ => "low",
                        },
                    },
                    row.get::<_, String>(11)?,
                    row.get::<_, i64>(12)?,
                ))
            },
        )
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let total: i64 = connection
        .prepare_cached(&format!(
            "SELECT count(*) FROM boundaries b JOIN files f ON f.id = b.file_id WHERE {BOUNDARY_CONDITIONS}"
        ))
        .map_err(classify)?
        .query_row(
            params![key, filter.framework, filter.operation, filter.path_prefix, filter.unsafe_only],
            |row| row.get(0),
        )
        .map_err(classify)?;
    Ok(keyed_page(rows, limit, total, LISTING_NAME))
}

/// What the stored boundaries add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoundariesSummary {
    /// Queries and mutations (definitions not counted).
    pub access_points: u64,
    /// Model definitions.
    pub models: u64,
    /// Distinct models and tables accessed.
    pub tables: u64,
    /// Frameworks seen, most used first.
    pub frameworks: Vec<(String, u64)>,
    /// Accesses that run SQL text.
    pub raw_sql: u64,
    /// Accesses whose SQL is built from pieces.
    pub unsafe_sql: u64,
    /// Sensitive fields stored.
    pub sensitive_fields: u64,
    /// Access points by tier: critical, high, low.
    pub tiers: [u64; 3],
}

/// Counts of the stored boundaries.
pub fn boundaries_summary(connection: &Connection) -> Result<BoundariesSummary, StorageError> {
    let count = |sql: &str| -> Result<u64, StorageError> {
        let n: i64 = connection
            .prepare_cached(sql)
            .map_err(classify)?
            .query_row([], |row| row.get(0))
            .map_err(classify)?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    let frameworks = connection
        .prepare_cached(
            "SELECT framework, count(*) AS n FROM boundaries GROUP BY framework ORDER BY n DESC, framework",
        )
        .map_err(classify)?
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0)))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let mut tiers = [0; 3];
    let tiered = connection
        .prepare_cached(&format!(
            "SELECT {TIER} AS tier, count(*) FROM boundaries b WHERE b.operation <> 'model' GROUP BY tier"
        ))
        .map_err(classify)?
        .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    for (tier, n) in tiered {
        let slot = match tier.as_str() {
            "critical" => 0,
            "high" => 1,
            _ => 2,
        };
        tiers[slot] = u64::try_from(n).unwrap_or(0);
    }
    Ok(BoundariesSummary {
        access_points: count("SELECT count(*) FROM boundaries WHERE operation <> 'model'")?,
        models: count("SELECT count(*) FROM boundaries WHERE operation = 'model'")?,
        tables: count(
            "SELECT count(DISTINCT model_key) FROM boundaries WHERE operation <> 'model' AND model <> '(unknown)'",
        )?,
        frameworks,
        raw_sql: count("SELECT count(*) FROM boundaries WHERE raw_sql")?,
        unsafe_sql: count("SELECT count(*) FROM boundaries WHERE unsafe_sql IS NOT NULL")?,
        sensitive_fields: count("SELECT count(*) FROM sensitive_fields")?,
        tiers,
    })
}

/// A model or table and how exposed it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskTable {
    /// The name as most accesses spell it.
    pub table: String,
    /// `critical`, `high` or `low` (see [`BoundaryRow::tier`]).
    pub tier: &'static str,
    /// Queries and mutations of it.
    pub access_points: u64,
    /// Of those, SQL built from pieces.
    pub unsafe_sql: u64,
}

/// An entry point and what it reaches that matters for security.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskyEntryPoint {
    /// Its call-graph id.
    pub id: String,
    /// `route_handler`, `controller_method`, `main_function` or `exported`.
    pub kind: &'static str,
    /// Its file and 0-based line.
    pub file: String,
    /// 0-based line.
    pub line: u32,
    /// Taint flows starting in it or in a function it reaches.
    pub taint_flows: u64,
    /// Calls running SQL built from pieces in the functions it reaches.
    pub unsafe_sql: u64,
    /// Accesses to critical or high-tier tables in the functions it reaches.
    pub sensitive_access: u64,
    /// All data accesses in the functions it reaches.
    pub data_access: u64,
    /// The weight of all that (flows from user input 10, other flows 2, unsafe SQL 5, critical
    /// access 2, high 1, other access 0.25).
    pub score: f64,
}

/// A data access for ranking entry points: (file, function, tier, unsafe SQL).
pub type BoundaryPlace = (String, String, &'static str, bool);

/// Every stored data access made by a named function (model definitions left out).
pub fn boundary_places(connection: &Connection) -> Result<Vec<BoundaryPlace>, StorageError> {
    connection
        .prepare_cached(&format!(
            "SELECT f.path, b.function, {TIER}, b.unsafe_sql IS NOT NULL
             FROM boundaries b JOIN files f ON f.id = b.file_id
             WHERE b.function IS NOT NULL AND b.operation <> 'model'"
        ))
        .map_err(classify)?
        .query_map([], |row| {
            let tier: String = row.get(2)?;
            Ok((
                row.get(0)?,
                row.get(1)?,
                match tier.as_str() {
                    "critical" => "critical",
                    "high" => "high",
                    _ => "low",
                },
                row.get(3)?,
            ))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)
}

/// The project's security posture: what every security analysis found, weighed (a taint
/// flow from user input to a sink counts as critical).
#[derive(Debug, Clone, PartialEq)]
pub struct SecuritySummary {
    /// 0 (worst) to 100: 100 minus the findings weighed by severity (critical 10, high 5,
    /// medium 2, low 0.5) and confidence, clamped.
    pub score: f64,
    /// `critical`, `high`, `medium` or `low`, from the score.
    pub risk_level: &'static str,
    /// The secrets.
    pub secrets: SecretsSummary,
    /// The boundaries.
    pub boundaries: BoundariesSummary,
    /// Sensitive fields per kind (credentials, financial, health, pii).
    pub sensitive_by_kind: Vec<(Sensitivity, u64)>,
    /// The most exposed tables: critical first, then by unsafe SQL and accesses (at most 10).
    pub top_tables: Vec<RiskTable>,
    /// Taint flows per sink type, most first.
    pub flows_by_sink: Vec<(String, u64)>,
    /// The entry points reaching the most (at most 10, riskiest first); filled by whoever holds
    /// the call graph.
    pub riskiest_entry_points: Vec<RiskyEntryPoint>,
}

/// A score clamped to 0-100 and rounded to a tenth.
fn rounded_score(score: f64) -> f64 {
    (score.clamp(0.0, 100.0) * 10.0).round() / 10.0
}

/// The risk level a score means.
fn risk_level(score: f64) -> &'static str {
    match score {
        s if s < 40.0 => "critical",
        s if s < 70.0 => "high",
        s if s < 90.0 => "medium",
        _ => "low",
    }
}

/// How much a taint flow takes off the score: one from user input counts as critical.
fn flow_weight(flow: &TaintFlow) -> f64 {
    f64::from(flow.confidence)
        * if flow.label == "user_input" {
            10.0
        } else {
            2.0
        }
}

impl SecuritySummary {
    /// Counts `flows` (not stored: flows across functions) in, and weighs them into the score.
    pub fn add_flows<'a>(&mut self, flows: impl IntoIterator<Item = &'a TaintFlow>) {
        let mut weight = 0.0;
        for flow in flows {
            weight += flow_weight(flow);
            match self
                .flows_by_sink
                .iter_mut()
                .find(|(kind, _)| *kind == flow.sink_type)
            {
                Some((_, count)) => *count += 1,
                None => self.flows_by_sink.push((flow.sink_type.clone(), 1)),
            }
        }
        self.flows_by_sink
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        // The stored score was clamped at 0 only when what it weighed already exceeded 100.
        self.score = rounded_score(self.score - weight);
        self.risk_level = risk_level(self.score);
    }
}

/// Every stored flow's sink place: (file, 0-based line, byte column).
pub fn taint_sink_places(connection: &Connection) -> Result<Vec<(String, u32, u32)>, StorageError> {
    connection
        .prepare_cached(
            "SELECT f.path, t.sink_line, t.sink_col FROM taint_flows t JOIN files f ON f.id = t.file_id",
        )
        .map_err(classify)?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)
}

/// The security summary of what is stored (a few aggregate queries).
pub fn security_summary(connection: &Connection) -> Result<SecuritySummary, StorageError> {
    let secrets = secrets_summary(connection)?;
    let boundaries = boundaries_summary(connection)?;
    let weighed: f64 = connection
        .prepare_cached(
            "SELECT coalesce(sum(confidence * CASE severity WHEN 'critical' THEN 10 WHEN 'high' THEN 5
                    WHEN 'medium' THEN 2 WHEN 'low' THEN 0.5 ELSE 0 END), 0)
             FROM secrets WHERE status = 'open'",
        )
        .map_err(classify)?
        .query_row([], |row| row.get(0))
        .map_err(classify)?;
    let unsafe_weighed: f64 = connection
        .prepare_cached(
            "SELECT coalesce(sum(confidence * 5), 0) FROM boundaries WHERE unsafe_sql IS NOT NULL",
        )
        .map_err(classify)?
        .query_row([], |row| row.get(0))
        .map_err(classify)?;
    let flows_weighed: f64 = connection
        .prepare_cached(
            "SELECT coalesce(sum(confidence * CASE label WHEN 'user_input' THEN 10 ELSE 2 END), 0)
             FROM taint_flows",
        )
        .map_err(classify)?
        .query_row([], |row| row.get(0))
        .map_err(classify)?;
    let score = rounded_score(100.0 - weighed - unsafe_weighed - flows_weighed);
    let risk_level = risk_level(score);
    let kinds = connection
        .prepare_cached("SELECT sensitivity, count(*) FROM sensitive_fields GROUP BY sensitivity")
        .map_err(classify)?
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let sensitive_by_kind = Sensitivity::ALL
        .iter()
        .map(|kind| {
            let n = kinds
                .iter()
                .find(|(name, _)| name == kind.name())
                .map_or(0, |(_, n)| *n);
            (*kind, u64::try_from(n).unwrap_or(0))
        })
        .collect();
    let top_tables = connection
        .prepare_cached(&format!(
            "SELECT min(b.model), {TIER} AS tier, count(*) AS n,
                    sum(b.unsafe_sql IS NOT NULL) AS u
             FROM boundaries b WHERE b.operation <> 'model' AND b.model <> '(unknown)'
             GROUP BY b.model_key
             ORDER BY CASE tier WHEN 'critical' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, u DESC, n DESC, b.model_key
             LIMIT 10"
        ))
        .map_err(classify)?
        .query_map([], |row| {
            let tier: String = row.get(1)?;
            Ok(RiskTable {
                table: row.get(0)?,
                tier: match tier.as_str() {
                    "critical" => "critical",
                    "high" => "high",
                    _ => "low",
                },
                access_points: u64::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                unsafe_sql: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
            })
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    Ok(SecuritySummary {
        score,
        risk_level,
        secrets,
        boundaries,
        sensitive_by_kind,
        top_tables,
        flows_by_sink: flows_by_sink(connection)?,
        riskiest_entry_points: Vec::new(),
    })
}

/// Stores the taint flows of the file `file_id` (whose older rows were cleared with the rest
/// of what was extracted from it).
pub fn store_taint_flows(
    tx: &Transaction<'_>,
    file_id: i64,
    flows: &[TaintFlow],
) -> Result<(), StorageError> {
    if flows.is_empty() {
        return Ok(());
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO taint_flows (file_id, function, label, source_line, source, sink_line,
               sink_col, sink, sink_type, cwe, path, confidence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .map_err(classify)?;
    for flow in flows {
        let path: Vec<serde_json::Value> = flow
            .path
            .iter()
            .map(|step| serde_json::json!({ "line": step.line, "description": step.description }))
            .collect();
        insert
            .execute(params![
                file_id,
                flow.function,
                flow.label,
                flow.source_line,
                flow.source,
                flow.sink_line,
                flow.sink_column,
                flow.sink,
                flow.sink_type,
                flow.cwe,
                serde_json::Value::Array(path).to_string(),
                f64::from(flow.confidence),
            ])
            .map_err(classify)?;
    }
    Ok(())
}

/// Stores the taint summary of the file `file_id` (its older one was cleared with the rest of
/// what was extracted from it).
pub fn store_taint_summary(
    tx: &Transaction<'_>,
    file_id: i64,
    summary: &[u8],
) -> Result<(), StorageError> {
    tx.prepare_cached("INSERT OR REPLACE INTO taint_summaries (file_id, summary) VALUES (?1, ?2)")
        .map_err(classify)?
        .execute(params![file_id, summary])
        .map_err(classify)?;
    Ok(())
}

/// Every stored taint summary with its file's path, in path order.
pub fn all_taint_summaries(
    connection: &Connection,
) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT files.path, taint_summaries.summary
             FROM taint_summaries JOIN files ON files.id = taint_summaries.file_id
             ORDER BY files.path",
        )
        .map_err(classify)?;
    let rows = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(classify)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(classify)
}

/// Which taint flows a listing shows; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowFilter {
    /// Only flows in this file.
    pub file: Option<String>,
    /// Only flows in the function of this qualified name.
    pub function: Option<String>,
    /// Only this kind of sink.
    pub sink_type: Option<String>,
    /// Only files whose path starts with this.
    pub path_prefix: Option<String>,
}

/// A stored taint flow and its file.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRow {
    /// The file, relative to the root.
    pub path: String,
    /// The flow.
    pub flow: TaintFlow,
}

/// The taint flows matching `filter`, by file and sink line (at most [`MAX_FIELDS`]), with
/// how many match in all.
#[expect(
    clippy::cast_possible_truncation,
    reason = "confidence was stored from f32"
)]
pub fn query_taint_flows(
    connection: &Connection,
    filter: &FlowFilter,
) -> Result<(Vec<FlowRow>, u64), StorageError> {
    const CONDITIONS: &str = "(?1 IS NULL OR f.path = ?1) AND (?2 IS NULL OR t.function = ?2)
        AND (?3 IS NULL OR t.sink_type = ?3) AND (?4 IS NULL OR substr(f.path, 1, length(?4)) = ?4)";
    let values = params![
        filter.file,
        filter.function,
        filter.sink_type,
        filter.path_prefix
    ];
    let rows = connection
        .prepare_cached(&format!(
            "SELECT f.path, t.function, t.label, t.source_line, t.source, t.sink_line, t.sink_col,
                    t.sink, t.sink_type, t.cwe, t.path, t.confidence
             FROM taint_flows t JOIN files f ON f.id = t.file_id
             WHERE {CONDITIONS} ORDER BY f.path, t.sink_line, t.sink_col LIMIT {MAX_FIELDS}"
        ))
        .map_err(classify)?
        .query_map(values, |row| {
            let path: String = row.get(10)?;
            let steps: Vec<serde_json::Value> = serde_json::from_str(&path).unwrap_or_default();
            Ok(FlowRow {
                path: row.get(0)?,
                flow: TaintFlow {
                    function: row.get(1)?,
                    label: row.get(2)?,
                    source_line: row.get(3)?,
                    source: row.get(4)?,
                    sink_line: row.get(5)?,
                    sink_column: row.get(6)?,
                    sink: row.get(7)?,
                    sink_type: row.get(8)?,
                    cwe: row.get(9)?,
                    path: steps
                        .iter()
                        .map(|step| {
                            TaintStep::at(
                                step["line"]
                                    .as_u64()
                                    .and_then(|n| u32::try_from(n).ok())
                                    .unwrap_or(0),
                                step["description"].as_str().unwrap_or_default(),
                            )
                        })
                        .collect(),
                    confidence: row.get::<_, f64>(11)? as f32,
                    source_file: None,
                    functions: Vec::new(),
                },
            })
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let total: i64 = connection
        .prepare_cached(&format!(
            "SELECT count(*) FROM taint_flows t JOIN files f ON f.id = t.file_id WHERE {CONDITIONS}"
        ))
        .map_err(classify)?
        .query_row(values, |row| row.get(0))
        .map_err(classify)?;
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}

/// Taint flows per sink type, most first.
pub fn flows_by_sink(connection: &Connection) -> Result<Vec<(String, u64)>, StorageError> {
    connection
        .prepare_cached(
            "SELECT sink_type, count(*) AS n FROM taint_flows GROUP BY sink_type ORDER BY n DESC, sink_type",
        )
        .map_err(classify)?
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0)))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)
}
