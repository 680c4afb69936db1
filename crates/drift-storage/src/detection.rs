//! Pattern detection in `drift.db` (schema v6): each file's matches, stored with the file;
//! the aggregates learning reads; learning's results (patterns, conventions, outliers,
//! violations), rewritten by each run; and the user's pattern statuses, which every run keeps.

use std::collections::HashMap;

use drift_core::errors::StorageError;
use drift_core::types::detection::{
    Category, Convention, FileDetections, PatternStatus, PatternSummary, Role, Tier, Violation,
    ViolationSeverity,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::connection::classify;
use crate::pagination::{Page, PageRequest, keyed_page};

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

/// Orders a pattern's locations by path, then line.
fn location_key(path: &str, line: u32) -> String {
    format!("{path}\u{1}{line:010}")
}

/// Replaces what detection stored for file `file_id` (at `path`) with `found`; `scope` is the
/// file's learning scope. `fresh`: nothing is stored for the file yet.
pub fn store_detections(
    tx: &Transaction<'_>,
    file_id: i64,
    path: &str,
    scope: &str,
    found: &FileDetections,
    fresh: bool,
) -> Result<(), StorageError> {
    if !fresh {
        for table in ["pattern_locations", "pattern_counts", "file_detection"] {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE file_id = ?1"))
                .map_err(classify)?
                .execute([file_id])
                .map_err(classify)?;
        }
    }
    if found.generated || !found.frameworks.is_empty() || !found.suppressions.is_empty() {
        tx.prepare_cached(
            "INSERT INTO file_detection (file_id, generated, frameworks, suppressions)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(classify)?
        .execute(params![
            file_id,
            found.generated,
            serde_json::to_string(&found.frameworks).unwrap_or_else(|_| "[]".into()),
            serde_json::to_string(&found.suppressions).unwrap_or_else(|_| "[]".into()),
        ])
        .map_err(classify)?;
    }
    if found.matches.is_empty() {
        return Ok(());
    }
    let mut counts: std::collections::BTreeMap<(&str, u32), (u64, u64)> =
        std::collections::BTreeMap::new();
    for hit in &found.matches {
        let slot = counts
            .entry((hit.pattern_id.as_str(), hit.confidence.to_bits()))
            .or_default();
        slot.0 += 1;
        slot.1 += u64::from(hit.suppressed);
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO pattern_counts (file_id, pattern_id, scope, confidence, matches, suppressed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(classify)?;
    for ((pattern, bits), (matches, suppressed)) in counts {
        insert
            .execute(params![
                file_id,
                pattern,
                scope,
                f64::from(f32::from_bits(bits)),
                matches,
                suppressed
            ])
            .map_err(classify)?;
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO pattern_locations (file_id, pattern_id, sort_key, scope, line, col,
               end_line, confidence, matched, suppressed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .map_err(classify)?;
    for hit in &found.matches {
        insert
            .execute(params![
                file_id,
                hit.pattern_id,
                location_key(path, hit.line),
                scope,
                hit.line,
                hit.column,
                hit.end_line,
                f64::from(hit.confidence),
                hit.matched_text,
                hit.suppressed,
            ])
            .map_err(classify)?;
    }
    Ok(())
}

/// What learning reads: per pattern and scope, unsuppressed locations and files; per pattern,
/// its distinct confidences with counts, and all its locations (suppressed ones too).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregates {
    /// `(pattern, scope, locations, files)`, by pattern and scope.
    pub scopes: Vec<(String, String, u64, u64)>,
    /// `(pattern, confidence, count)`.
    pub values: Vec<(String, f64, u64)>,
    /// `(pattern, locations)`, suppressed ones included.
    pub totals: Vec<(String, u64)>,
}

/// The aggregates of every stored match, from the per-file counts (a few rows per pattern and
/// file, not one per match).
pub fn aggregates(connection: &Connection) -> Result<Aggregates, StorageError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT pattern_id, scope, file_id, confidence, matches, suppressed FROM pattern_counts",
        )
        .map_err(classify)?;
    let mut rows = statement.query([]).map_err(classify)?;
    let mut scopes: HashMap<(String, String), (u64, std::collections::HashSet<i64>)> =
        HashMap::new();
    let mut values: HashMap<(String, u64), u64> = HashMap::new();
    let mut totals: HashMap<String, u64> = HashMap::new();
    while let Some(row) = rows.next().map_err(classify)? {
        let pattern: String = row.get(0).map_err(classify)?;
        let scope: String = row.get(1).map_err(classify)?;
        let file: i64 = row.get(2).map_err(classify)?;
        let confidence: f64 = row.get(3).map_err(classify)?;
        let matches: u64 = row.get(4).map_err(classify)?;
        let suppressed: u64 = row.get(5).map_err(classify)?;
        *totals.entry(pattern.clone()).or_default() += matches;
        let kept = matches - suppressed.min(matches);
        if kept == 0 {
            continue;
        }
        *values
            .entry((pattern.clone(), confidence.to_bits()))
            .or_default() += kept;
        let slot = scopes.entry((pattern, scope)).or_default();
        slot.0 += kept;
        slot.1.insert(file);
    }
    let mut scopes: Vec<(String, String, u64, u64)> = scopes
        .into_iter()
        .map(|((pattern, scope), (locations, files))| {
            (pattern, scope, locations, files.len() as u64)
        })
        .collect();
    scopes.sort();
    let mut values: Vec<(String, f64, u64)> = values
        .into_iter()
        .map(|((pattern, bits), count)| (pattern, f64::from_bits(bits), count))
        .collect();
    values.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut totals: Vec<(String, u64)> = totals.into_iter().collect();
    totals.sort();
    Ok(Aggregates {
        scopes,
        values,
        totals,
    })
}

/// Frameworks whose signals fired in some file.
pub fn frameworks(connection: &Connection) -> Result<Vec<String>, StorageError> {
    let mut statement = connection
        .prepare_cached("SELECT DISTINCT frameworks FROM file_detection WHERE frameworks <> '[]'")
        .map_err(classify)?;
    let lists = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let mut names: Vec<String> = lists
        .iter()
        .filter_map(|list| serde_json::from_str::<Vec<String>>(list).ok())
        .flatten()
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// Every `drift-ignore` comment: `(path, line, rules)`.
pub fn suppressions(
    connection: &Connection,
) -> Result<Vec<(String, u32, Vec<String>)>, StorageError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT f.path, d.suppressions FROM file_detection d JOIN files f ON f.id = d.file_id
             WHERE d.suppressions <> '[]' ORDER BY f.path",
        )
        .map_err(classify)?;
    let rows = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    Ok(rows
        .into_iter()
        .flat_map(|(path, json)| {
            serde_json::from_str::<Vec<drift_core::types::detection::Suppression>>(&json)
                .unwrap_or_default()
                .into_iter()
                .map(move |s| (path.clone(), s.line, s.rules))
        })
        .collect())
}

/// Files analysed and files kept out of learning as generated.
pub fn file_counts(connection: &Connection) -> Result<(u64, u64), StorageError> {
    connection
        .query_row(
            "SELECT (SELECT count(*) FROM files WHERE parse_status = 'parsed'),
                    (SELECT count(*) FROM file_detection WHERE generated = 1)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .map_err(classify)
}

/// A stored match.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationRow {
    /// File path.
    pub file: String,
    /// Pattern id.
    pub pattern_id: String,
    /// 1-based line.
    pub line: u32,
    /// 0-based column.
    pub column: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// Confidence at this location.
    pub confidence: f64,
    /// Matched text.
    pub matched_text: String,
    /// Covered by a suppression comment.
    pub suppressed: bool,
    /// Learning scope.
    pub scope: String,
}

fn location_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<LocationRow> {
    Ok(LocationRow {
        file: row.get(0)?,
        pattern_id: row.get(1)?,
        line: row.get(2)?,
        column: row.get(3)?,
        end_line: row.get(4)?,
        confidence: row.get(5)?,
        matched_text: row.get(6)?,
        suppressed: row.get(7)?,
        scope: row.get(8)?,
    })
}

const LOCATION_COLUMNS: &str = "f.path, l.pattern_id, l.line, l.col, l.end_line, l.confidence, l.matched, l.suppressed, l.scope";

/// Every stored match of `pattern_id`, by path and line.
pub fn locations_of(
    connection: &Connection,
    pattern_id: &str,
) -> Result<Vec<LocationRow>, StorageError> {
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT {LOCATION_COLUMNS} FROM pattern_locations l JOIN files f ON f.id = l.file_id
             WHERE l.pattern_id = ?1 ORDER BY f.path, l.line, l.col"
        ))
        .map_err(classify)?;
    statement
        .query_map([pattern_id], location_row)
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)
}

/// A page of a pattern's locations, by path and line.
pub fn location_page(
    connection: &Connection,
    pattern_id: &str,
    request: &PageRequest,
) -> Result<Page<LocationRow>, StorageError> {
    const LISTING: &str = "pattern_locations";
    let limit = request.limit()?;
    let (after_key, after_id) = request.after(LISTING)?;
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT {LOCATION_COLUMNS}, l.sort_key, l.id FROM pattern_locations l
             JOIN files f ON f.id = l.file_id
             WHERE l.pattern_id = ?1 AND (?2 IS NULL OR (l.sort_key, l.id) > (?2, ?3))
             ORDER BY l.sort_key, l.id LIMIT ?4"
        ))
        .map_err(classify)?;
    let rows = statement
        .query_map(
            params![pattern_id, after_key, after_id, i64::from(limit) + 1],
            |row| {
                Ok((
                    location_row(row)?,
                    row.get::<_, String>(9)?,
                    row.get::<_, i64>(10)?,
                ))
            },
        )
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let total: i64 = connection
        .prepare_cached("SELECT all_locations FROM patterns WHERE id = ?1")
        .map_err(classify)?
        .query_row([pattern_id], |row| row.get(0))
        .optional()
        .map_err(classify)?
        .unwrap_or(0);
    Ok(keyed_page(rows, limit, total, LISTING))
}

/// The statuses the user set.
pub fn statuses(connection: &Connection) -> Result<HashMap<String, PatternStatus>, StorageError> {
    let mut statement = connection
        .prepare_cached("SELECT pattern_id, status FROM pattern_status")
        .map_err(classify)?;
    let rows = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, status)| PatternStatus::from_name(&status).map(|status| (id, status)))
        .collect())
}

/// Sets a pattern's status (`discovered` removes the user's choice).
pub fn set_status(
    tx: &Transaction<'_>,
    pattern_id: &str,
    status: PatternStatus,
) -> Result<(), StorageError> {
    if status == PatternStatus::Discovered {
        tx.prepare_cached("DELETE FROM pattern_status WHERE pattern_id = ?1")
            .map_err(classify)?
            .execute([pattern_id])
            .map_err(classify)?;
    } else {
        tx.prepare_cached(
            "INSERT INTO pattern_status (pattern_id, status, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (pattern_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
        )
        .map_err(classify)?
        .execute(params![pattern_id, status.name(), now_ms()])
        .map_err(classify)?;
    }
    Ok(())
}

/// Per pattern: location counts of the last runs (oldest first) and days since first seen.
pub fn history(connection: &Connection) -> Result<HashMap<String, (Vec<u64>, f64)>, StorageError> {
    let now = now_ms();
    let mut out: HashMap<String, (Vec<u64>, f64)> = HashMap::new();
    let mut statement = connection
        .prepare_cached(
            "SELECT pattern_id, locations FROM pattern_history ORDER BY pattern_id, run",
        )
        .map_err(classify)?;
    let rows = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, u64>(1)?))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    for (id, locations) in rows {
        out.entry(id).or_default().0.push(locations);
    }
    let mut statement = connection
        .prepare_cached("SELECT pattern_id, first_seen FROM pattern_seen")
        .map_err(classify)?;
    let seen = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    for (id, first) in seen {
        #[allow(clippy::cast_precision_loss)]
        let days = (now - first).max(0) as f64 / 86_400_000.0;
        out.entry(id).or_default().1 = days;
    }
    Ok(out)
}

/// A pattern row as learning writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPattern {
    /// The listing's fields.
    pub summary: PatternSummary,
    /// What it recognises.
    pub description: String,
    /// Beta posterior.
    pub alpha: f64,
    /// Beta posterior.
    pub beta: f64,
    /// 95% credible interval.
    pub interval: (f64, f64),
    /// Its stored locations, suppressed ones included.
    pub all_locations: u64,
}

/// An outlier value of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOutlier {
    /// Pattern id.
    pub pattern_id: String,
    /// The per-location confidence flagged.
    pub value: f64,
    /// Locations holding it.
    pub count: u64,
    /// Methods that flagged it.
    pub methods: Vec<String>,
    /// Deviation score.
    pub deviation: f64,
    /// Significance tier.
    pub significance: String,
}

/// Everything one learning run writes.
#[derive(Debug, Clone, Default)]
pub struct LearningWrite {
    /// Patterns.
    pub patterns: Vec<StoredPattern>,
    /// Conventions.
    pub conventions: Vec<Convention>,
    /// Outlier values.
    pub outliers: Vec<StoredOutlier>,
    /// Violations (their `is_new` is set here, against the previous run's).
    pub violations: Vec<Violation>,
}

/// What a learning run changed, against the previous run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LearningDiff {
    /// Patterns not stored before.
    pub new_patterns: u64,
    /// Patterns stored before whose counts or confidence changed.
    pub updated_patterns: u64,
    /// Patterns stored before and gone now.
    pub removed_patterns: u64,
    /// Violations not reported before.
    pub new_violations: u64,
}

fn pattern_sort_key(summary: &PatternSummary) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rank = ((1.0 - summary.confidence.clamp(0.0, 1.0)) * 1e6).round() as u64;
    format!("{rank:07}\u{1}{}", summary.id)
}

fn violation_sort_key(violation: &Violation) -> String {
    let rank = ViolationSeverity::ALL
        .iter()
        .position(|s| *s == violation.severity)
        .unwrap_or(9);
    format!(
        "{rank}\u{1}{}\u{1}{:010}\u{1}{:010}\u{1}{}",
        violation.file, violation.line, violation.column, violation.rule_id
    )
}

/// Replaces learning's tables with `write` in one transaction, records the run in the history
/// (the last 10 runs are kept), and says what changed.
#[allow(clippy::too_many_lines)]
pub fn write_learning(
    tx: &Transaction<'_>,
    write: &mut LearningWrite,
) -> Result<LearningDiff, StorageError> {
    let now = now_ms();
    let previous: HashMap<String, (u64, f64)> = {
        let mut statement = tx
            .prepare_cached("SELECT id, location_count, confidence FROM patterns")
            .map_err(classify)?;
        statement
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, (row.get(1)?, row.get(2)?)))
            })
            .map_err(classify)?
            .collect::<Result<_, _>>()
            .map_err(classify)?
    };
    let known_violations: std::collections::HashSet<String> = {
        let mut statement = tx
            .prepare_cached("SELECT id FROM violations")
            .map_err(classify)?;
        statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(classify)?
            .collect::<Result<_, _>>()
            .map_err(classify)?
    };
    let first_run = !tx
        .query_row("SELECT EXISTS (SELECT 1 FROM detection_runs)", [], |row| {
            row.get::<_, bool>(0)
        })
        .map_err(classify)?;
    let mut diff = LearningDiff::default();
    for pattern in &write.patterns {
        match previous.get(&pattern.summary.id) {
            None => diff.new_patterns += 1,
            Some((count, confidence))
                if *count != pattern.summary.location_count
                    || (confidence - pattern.summary.confidence).abs() > 1e-9 =>
            {
                diff.updated_patterns += 1;
            }
            Some(_) => {}
        }
    }
    diff.removed_patterns = previous
        .keys()
        .filter(|id| !write.patterns.iter().any(|p| &p.summary.id == *id))
        .count() as u64;
    for violation in &mut write.violations {
        violation.is_new = !first_run && !known_violations.contains(&violation.id);
        diff.new_violations += u64::from(violation.is_new);
    }
    for table in ["patterns", "conventions", "outliers", "violations"] {
        tx.execute(&format!("DELETE FROM {table}"), [])
            .map_err(classify)?;
    }
    let run: i64 = tx
        .query_row(
            "SELECT coalesce(max(run), 0) + 1 FROM detection_runs",
            [],
            |row| row.get(0),
        )
        .map_err(classify)?;
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT INTO patterns (id, sort_key, name, category, sub_type, grp, framework,
                   description, role, confidence, alpha, beta, ci_low, ci_high, tier, location_count,
                   file_spread, outlier_count, dominance, violation_count, cwe_ids, owasp, momentum,
                   first_seen, all_locations)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                   ?18, ?19, ?20, ?21, ?22, ?23,
                   coalesce((SELECT first_seen FROM pattern_seen WHERE pattern_id = ?1), ?24), ?25)",
            )
            .map_err(classify)?;
        let mut seen = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO pattern_seen (pattern_id, first_seen) VALUES (?1, ?2)",
            )
            .map_err(classify)?;
        let mut history = tx
            .prepare_cached(
                "INSERT INTO pattern_history (pattern_id, run, locations) VALUES (?1, ?2, ?3)",
            )
            .map_err(classify)?;
        for pattern in &write.patterns {
            let s = &pattern.summary;
            insert
                .execute(params![
                    s.id,
                    pattern_sort_key(s),
                    s.name,
                    s.category.name(),
                    s.sub_type,
                    s.group,
                    s.framework,
                    pattern.description,
                    s.role.name(),
                    s.confidence,
                    pattern.alpha,
                    pattern.beta,
                    pattern.interval.0,
                    pattern.interval.1,
                    s.tier.name(),
                    s.location_count,
                    s.file_spread,
                    s.outlier_count,
                    s.dominance,
                    s.violation_count,
                    serde_json::to_string(&s.cwe_ids).unwrap_or_else(|_| "[]".into()),
                    s.owasp,
                    s.momentum,
                    now,
                    pattern.all_locations,
                ])
                .map_err(classify)?;
            seen.execute(params![s.id, now]).map_err(classify)?;
            history
                .execute(params![s.id, run, s.location_count])
                .map_err(classify)?;
        }
    }
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT INTO conventions (grp, scope, pattern_id, dominance, total, contested, enforced)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(classify)?;
        for c in &write.conventions {
            insert
                .execute(params![
                    c.group,
                    c.scope,
                    c.pattern_id,
                    c.dominance,
                    c.total,
                    c.contested,
                    c.enforced
                ])
                .map_err(classify)?;
        }
        let mut insert = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO outliers (pattern_id, value, count, methods, deviation, significance)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(classify)?;
        for o in &write.outliers {
            insert
                .execute(params![
                    o.pattern_id,
                    o.value,
                    o.count,
                    o.methods.join(","),
                    o.deviation,
                    o.significance
                ])
                .map_err(classify)?;
        }
        let mut insert = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO violations (id, sort_key, file, line, col, end_line, severity,
                   pattern_id, rule_id, category, kind, message, convention, fix_strategy,
                   fix_description, cwe_id, owasp, suppressed, is_new, snippet)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                   ?18, ?19, ?20)",
            )
            .map_err(classify)?;
        for v in &write.violations {
            insert
                .execute(params![
                    v.id,
                    violation_sort_key(v),
                    v.file,
                    v.line,
                    v.column,
                    v.end_line,
                    v.severity.name(),
                    v.pattern_id,
                    v.rule_id,
                    v.category.name(),
                    v.kind,
                    v.message,
                    v.convention,
                    v.fix_strategy,
                    v.fix_description,
                    v.cwe_id,
                    v.owasp,
                    v.suppressed,
                    v.is_new,
                    v.snippet,
                ])
                .map_err(classify)?;
        }
    }
    tx.execute(
        "INSERT INTO detection_runs (run, at, patterns, violations) VALUES (?1, ?2, ?3, ?4)",
        params![run, now, write.patterns.len(), write.violations.len()],
    )
    .map_err(classify)?;
    tx.execute("DELETE FROM pattern_history WHERE run <= ?1", [run - 10])
        .map_err(classify)?;
    tx.execute("DELETE FROM detection_runs WHERE run <= ?1", [run - 10])
        .map_err(classify)?;
    Ok(diff)
}

/// Filters of [`query_patterns`]; `None` = any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatternFilter {
    /// Category name.
    pub category: Option<String>,
    /// Status name.
    pub status: Option<String>,
    /// Tier name.
    pub tier: Option<String>,
    /// Role name (`dominant`, `deviation`, ...).
    pub role: Option<String>,
    /// Lowest confidence.
    pub min_confidence: Option<f64>,
    /// Only patterns with a location under this path prefix.
    pub path_prefix: Option<String>,
    /// Text in the id or name.
    pub search: Option<String>,
    /// Framework name.
    pub framework: Option<String>,
}

const PATTERN_COLUMNS: &str = "p.id, p.name, p.category, p.sub_type, p.grp, p.framework,
    coalesce(s.status, 'discovered'), p.role, p.confidence, p.tier, p.location_count,
    p.file_spread, p.outlier_count, p.dominance, p.violation_count, p.cwe_ids, p.owasp,
    p.momentum, p.sort_key, p.rid";

fn pattern_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(PatternSummary, String, i64)> {
    let text = |index: usize| row.get::<_, String>(index);
    Ok((
        PatternSummary {
            id: text(0)?,
            name: text(1)?,
            category: Category::from_name(&text(2)?).unwrap_or(Category::Structural),
            sub_type: row.get(3)?,
            group: text(4)?,
            framework: row.get(5)?,
            status: PatternStatus::from_name(&text(6)?).unwrap_or_default(),
            role: Role::from_name(&text(7)?).unwrap_or(Role::None),
            confidence: row.get(8)?,
            tier: Tier::from_name(&text(9)?).unwrap_or(Tier::Uncertain),
            location_count: row.get(10)?,
            file_spread: row.get(11)?,
            outlier_count: row.get(12)?,
            dominance: row.get(13)?,
            violation_count: row.get(14)?,
            cwe_ids: serde_json::from_str(&text(15)?).unwrap_or_default(),
            owasp: row.get(16)?,
            momentum: text(17)?,
        },
        text(18)?,
        row.get(19)?,
    ))
}

const PATTERN_CONDITIONS: &str = "(?1 IS NULL OR p.category = ?1)
    AND (?2 IS NULL OR coalesce(s.status, 'discovered') = ?2)
    AND (?3 IS NULL OR p.tier = ?3)
    AND (?4 IS NULL OR p.role = ?4)
    AND (?5 IS NULL OR p.confidence >= ?5)
    AND (?6 IS NULL OR EXISTS (SELECT 1 FROM pattern_locations l
          WHERE l.pattern_id = p.id AND l.sort_key >= ?6 AND l.sort_key < ?6 || x'F5'))
    AND (?7 IS NULL OR instr(lower(p.id), lower(?7)) > 0 OR instr(lower(p.name), lower(?7)) > 0)
    AND (?8 IS NULL OR p.framework = ?8)";

/// The patterns matching `filter`, most confident first, a keyset page at a time.
///
/// Errors: `INVALID_FILTER` for a bad limit, `INVALID_CURSOR`.
pub fn query_patterns(
    connection: &Connection,
    filter: &PatternFilter,
    request: &PageRequest,
) -> Result<Page<PatternSummary>, StorageError> {
    const LISTING: &str = "patterns";
    let limit = request.limit()?;
    let (after_key, after_id) = request.after(LISTING)?;
    let filters = params_of(filter);
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT {PATTERN_COLUMNS} FROM patterns p LEFT JOIN pattern_status s ON s.pattern_id = p.id
             WHERE {PATTERN_CONDITIONS} AND (?9 IS NULL OR (p.sort_key, p.rid) > (?9, ?10))
             ORDER BY p.sort_key, p.rid LIMIT ?11"
        ))
        .map_err(classify)?;
    let rows = statement
        .query_map(
            params![
                filters.0,
                filters.1,
                filters.2,
                filters.3,
                filters.4,
                filters.5,
                filters.6,
                filters.7,
                after_key,
                after_id,
                i64::from(limit) + 1
            ],
            pattern_row,
        )
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let total: i64 = connection
        .prepare_cached(&format!(
            "SELECT count(*) FROM patterns p LEFT JOIN pattern_status s ON s.pattern_id = p.id
             WHERE {PATTERN_CONDITIONS}"
        ))
        .map_err(classify)?
        .query_row(
            params![
                filters.0, filters.1, filters.2, filters.3, filters.4, filters.5, filters.6,
                filters.7
            ],
            |row| row.get(0),
        )
        .map_err(classify)?;
    Ok(keyed_page(rows, limit, total, LISTING))
}

type PatternParams = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn params_of(filter: &PatternFilter) -> PatternParams {
    (
        filter.category.clone(),
        filter.status.clone(),
        filter.tier.clone(),
        filter.role.clone(),
        filter.min_confidence,
        filter.path_prefix.clone().filter(|p| !p.is_empty()),
        filter.search.clone().filter(|s| !s.is_empty()),
        filter.framework.clone(),
    )
}

/// A pattern with its posterior, conventions and outlier values (locations are paged apart).
#[derive(Debug, Clone, PartialEq)]
pub struct PatternDetailRow {
    /// The listing's fields.
    pub summary: PatternSummary,
    /// What it recognises.
    pub description: String,
    /// Beta posterior.
    pub alpha: f64,
    /// Beta posterior.
    pub beta: f64,
    /// 95% credible interval.
    pub interval: (f64, f64),
    /// Conventions of its group (project and scopes).
    pub conventions: Vec<Convention>,
    /// Its outlier values.
    pub outliers: Vec<StoredOutlier>,
}

/// The stored pattern `id`, or `None`.
pub fn pattern_detail(
    connection: &Connection,
    id: &str,
) -> Result<Option<PatternDetailRow>, StorageError> {
    let found = connection
        .prepare_cached(&format!(
            "SELECT {PATTERN_COLUMNS}, p.description, p.alpha, p.beta, p.ci_low, p.ci_high
             FROM patterns p LEFT JOIN pattern_status s ON s.pattern_id = p.id WHERE p.id = ?1"
        ))
        .map_err(classify)?
        .query_row([id], |row| {
            Ok((
                pattern_row(row)?.0,
                row.get::<_, String>(20)?,
                row.get::<_, f64>(21)?,
                row.get::<_, f64>(22)?,
                (row.get::<_, f64>(23)?, row.get::<_, f64>(24)?),
            ))
        })
        .optional()
        .map_err(classify)?;
    let Some((summary, description, alpha, beta, interval)) = found else {
        return Ok(None);
    };
    let mut statement = connection
        .prepare_cached(
            "SELECT grp, scope, pattern_id, dominance, total, contested, enforced FROM conventions
             WHERE grp = ?1 ORDER BY scope",
        )
        .map_err(classify)?;
    let conventions = statement
        .query_map([&summary.group], |row| {
            Ok(Convention {
                group: row.get(0)?,
                scope: row.get(1)?,
                pattern_id: row.get(2)?,
                dominance: row.get(3)?,
                total: row.get(4)?,
                contested: row.get(5)?,
                enforced: row.get(6)?,
            })
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let mut statement = connection
        .prepare_cached(
            "SELECT pattern_id, value, count, methods, deviation, significance FROM outliers
             WHERE pattern_id = ?1 ORDER BY deviation DESC",
        )
        .map_err(classify)?;
    let outliers = statement
        .query_map([id], |row| {
            Ok(StoredOutlier {
                pattern_id: row.get(0)?,
                value: row.get(1)?,
                count: row.get(2)?,
                methods: row
                    .get::<_, String>(3)?
                    .split(',')
                    .filter(|m| !m.is_empty())
                    .map(str::to_owned)
                    .collect(),
                deviation: row.get(4)?,
                significance: row.get(5)?,
            })
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    Ok(Some(PatternDetailRow {
        summary,
        description,
        alpha,
        beta,
        interval,
        conventions,
        outliers,
    }))
}

/// Filters of [`query_violations`]; `None` = any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViolationFilter {
    /// Exact file path.
    pub file: Option<String>,
    /// Path prefix.
    pub path_prefix: Option<String>,
    /// Severity name.
    pub severity: Option<String>,
    /// Category name.
    pub category: Option<String>,
    /// Pattern id.
    pub pattern_id: Option<String>,
    /// Rule id.
    pub rule_id: Option<String>,
    /// CWE id.
    pub cwe_id: Option<u32>,
    /// `deviation`, `finding`, `outlier`.
    pub kind: Option<String>,
    /// Only violations new in the last run.
    pub only_new: bool,
    /// Include suppressed ones.
    pub include_suppressed: bool,
}

const VIOLATION_COLUMNS: &str = "id, file, line, col, end_line, severity, pattern_id, rule_id,
    category, kind, message, convention, fix_strategy, fix_description, cwe_id, owasp,
    suppressed, is_new, snippet, sort_key, rid";

fn violation_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(Violation, String, i64)> {
    Ok((
        Violation {
            id: row.get(0)?,
            file: row.get(1)?,
            line: row.get(2)?,
            column: row.get(3)?,
            end_line: row.get(4)?,
            severity: ViolationSeverity::from_name(&row.get::<_, String>(5)?)
                .unwrap_or(ViolationSeverity::Info),
            pattern_id: row.get(6)?,
            rule_id: row.get(7)?,
            category: Category::from_name(&row.get::<_, String>(8)?)
                .unwrap_or(Category::Structural),
            kind: row.get(9)?,
            message: row.get(10)?,
            convention: row.get(11)?,
            fix_strategy: row.get(12)?,
            fix_description: row.get(13)?,
            cwe_id: row.get(14)?,
            owasp: row.get(15)?,
            suppressed: row.get(16)?,
            is_new: row.get(17)?,
            snippet: row.get(18)?,
        },
        row.get(19)?,
        row.get(20)?,
    ))
}

const VIOLATION_CONDITIONS: &str = "(?1 IS NULL OR file = ?1)
    AND (?2 IS NULL OR substr(file, 1, length(?2)) = ?2)
    AND (?3 IS NULL OR severity = ?3)
    AND (?4 IS NULL OR category = ?4)
    AND (?5 IS NULL OR pattern_id = ?5)
    AND (?6 IS NULL OR rule_id = ?6)
    AND (?7 IS NULL OR cwe_id = ?7)
    AND (?8 IS NULL OR kind = ?8)
    AND (?9 = 0 OR is_new = 1)
    AND suppressed IN (0, ?10)";

/// The violations matching `filter`, worst first then by place, a keyset page at a time.
///
/// Errors: `INVALID_FILTER` for a bad limit, `INVALID_CURSOR`.
pub fn query_violations(
    connection: &Connection,
    filter: &ViolationFilter,
    request: &PageRequest,
) -> Result<Page<Violation>, StorageError> {
    const LISTING: &str = "violations";
    let limit = request.limit()?;
    let (after_key, after_id) = request.after(LISTING)?;
    let f = filter;
    let prefix = f.path_prefix.clone().filter(|p| !p.is_empty());
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT {VIOLATION_COLUMNS} FROM violations WHERE {VIOLATION_CONDITIONS}
             AND (?11 IS NULL OR (sort_key, rid) > (?11, ?12)) ORDER BY sort_key, rid LIMIT ?13"
        ))
        .map_err(classify)?;
    let rows = statement
        .query_map(
            params![
                f.file,
                prefix,
                f.severity,
                f.category,
                f.pattern_id,
                f.rule_id,
                f.cwe_id,
                f.kind,
                f.only_new,
                f.include_suppressed,
                after_key,
                after_id,
                i64::from(limit) + 1
            ],
            violation_row,
        )
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let total: i64 = connection
        .prepare_cached(&format!(
            "SELECT count(*) FROM violations WHERE {VIOLATION_CONDITIONS}"
        ))
        .map_err(classify)?
        .query_row(
            params![
                f.file,
                prefix,
                f.severity,
                f.category,
                f.pattern_id,
                f.rule_id,
                f.cwe_id,
                f.kind,
                f.only_new,
                f.include_suppressed
            ],
            |row| row.get(0),
        )
        .map_err(classify)?;
    Ok(keyed_page(rows, limit, total, LISTING))
}

/// Every violation in the file at `path` (suppressed ones too), by line.
pub fn violations_in_file(
    connection: &Connection,
    path: &str,
) -> Result<Vec<Violation>, StorageError> {
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT {VIOLATION_COLUMNS} FROM violations WHERE file = ?1 ORDER BY line, col"
        ))
        .map_err(classify)?;
    statement
        .query_map([path], |row| violation_row(row).map(|(v, _, _)| v))
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)
}

/// Counts for the summary: patterns per category, violations per severity and category.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetectionCounts {
    /// `(category, patterns, locations, violations)`.
    pub categories: Vec<(String, u64, u64, u64)>,
    /// `(severity, violations)` (unsuppressed).
    pub severities: Vec<(String, u64)>,
    /// Patterns stored.
    pub patterns: u64,
    /// Unsuppressed violations.
    pub violations: u64,
    /// Conventions (not contested) and contested groups.
    pub conventions: (u64, u64),
    /// Runs recorded.
    pub runs: u64,
}

/// The stored counts.
pub fn counts(connection: &Connection) -> Result<DetectionCounts, StorageError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT p.category, count(*), sum(p.location_count),
               (SELECT count(*) FROM violations v WHERE v.category = p.category AND v.suppressed = 0)
             FROM patterns p GROUP BY p.category ORDER BY p.category",
        )
        .map_err(classify)?;
    let categories = statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    let mut statement = connection
        .prepare_cached(
            "SELECT severity, count(*) FROM violations WHERE suppressed = 0 GROUP BY severity",
        )
        .map_err(classify)?;
    let severities = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(classify)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(classify)?;
    connection
        .query_row(
            "SELECT (SELECT count(*) FROM patterns),
                    (SELECT count(*) FROM violations WHERE suppressed = 0),
                    (SELECT count(*) FROM conventions WHERE contested = 0),
                    (SELECT count(*) FROM conventions WHERE contested = 1),
                    (SELECT count(*) FROM detection_runs)",
            [],
            |row| {
                Ok(DetectionCounts {
                    categories,
                    severities,
                    patterns: row.get(0)?,
                    violations: row.get(1)?,
                    conventions: (row.get(2)?, row.get(3)?),
                    runs: row.get(4)?,
                })
            },
        )
        .map_err(classify)
}
