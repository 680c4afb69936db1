//! Learning over the stored per-file matches: conventions per learn group and scope, each
//! pattern's Beta confidence and tier (spec §5-6), its statistical outliers (§7), and the
//! violations that follow (§8). Everything here works from aggregates (counts per pattern and
//! scope, confidence histograms) so that a rescan of a few files does not reread the project.

use drift_core::types::detection::{
    Category, Convention, PatternStatus, Role, Tier, Violation, ViolationSeverity,
};
use rustc_hash::FxHashMap;

use super::pack::{DetectionSet, PatternDef, Signal};
use super::stats::{self, Method};

/// Fewest locations of a group before it can have a convention.
pub const MIN_OCCURRENCES: u64 = 3;
/// Fewest files the dominant alternative must be in.
pub const MIN_FILES: u64 = 2;
/// Share the dominant alternative needs to be a convention.
pub const MIN_DOMINANCE: f64 = 0.60;
/// Two alternatives this close are contested.
pub const CONTESTED_MARGIN: f64 = 0.15;
/// At most this many locations per pattern feed its outlier statistics.
pub const MAX_OUTLIER_SAMPLE: u64 = 10_000;
/// CWE ids whose findings are errors (spec §8).
pub const CRITICAL_CWES: [u32; 10] = [89, 79, 78, 22, 94, 502, 611, 918, 327, 798];

/// A pattern's stored aggregates, as the learner needs them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatternInput {
    /// Locations outside suppressions and generated files.
    pub locations: u64,
    /// Files holding them.
    pub files: u64,
    /// Distinct per-location confidences with their counts.
    pub values: Vec<(f64, u64)>,
    /// Locations per scope (top directory).
    pub scopes: Vec<(String, u64, u64)>,
    /// Location counts of the previous runs, oldest first (at most 10).
    pub history: Vec<u64>,
    /// Days since first seen.
    pub age_days: f64,
    /// Status the user set.
    pub status: PatternStatus,
}

/// A value of a pattern that is an outlier.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlierValue {
    /// The per-location confidence.
    pub value: f64,
    /// Locations holding it.
    pub count: u64,
    /// Methods that flagged it (`z_score`, `grubbs`, ...).
    pub methods: Vec<&'static str>,
    /// Deviation score (0-1).
    pub deviation: f64,
    /// `critical`, `high`, `moderate`, `low`.
    pub significance: &'static str,
}

/// A pattern after learning.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedPattern {
    /// Index into the set's patterns.
    pub pattern: usize,
    /// Role in its group.
    pub role: Role,
    /// Its share of the group.
    pub dominance: f64,
    /// Beta posterior.
    pub alpha: f64,
    /// Beta posterior.
    pub beta: f64,
    /// Posterior mean.
    pub confidence: f64,
    /// 95% credible interval.
    pub interval: (f64, f64),
    /// Tier of the mean.
    pub tier: Tier,
    /// `rising`, `stable`, `falling`.
    pub momentum: &'static str,
    /// Outlier values.
    pub outliers: Vec<OutlierValue>,
}

/// What learning made of a project.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    /// Every pattern with at least one location, and every pattern a convention names.
    pub patterns: Vec<LearnedPattern>,
    /// Conventions (and contested groups), project-wide and per scope.
    pub conventions: Vec<Convention>,
}

fn momentum(history: &[u64]) -> Option<(f64, &'static str)> {
    if history.len() < 3 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let points: Vec<(f64, f64)> = history
        .iter()
        .enumerate()
        .map(|(x, y)| (x as f64, *y as f64))
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let covariance: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let variance: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let slope = if variance > 0.0 {
        covariance / variance
    } else {
        0.0
    };
    let relative = if mean_y > 0.0 { slope / mean_y } else { 0.0 };
    Some(if relative > 0.10 {
        (0.8, "rising")
    } else if relative < -0.10 {
        (0.2, "falling")
    } else {
        (0.5, "stable")
    })
}

/// A count as a float (counts stay far below 2^53).
#[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
fn float(count: u64) -> f64 {
    count as f64
}

/// The Beta posterior of a pattern (spec §6). `group_locations`/`group_files`: the whole learn
/// group's, in which the pattern's share is judged. Factors not measurable yet (age and
/// momentum before three recorded runs) are left out and the other weights rescaled: no
/// history is not evidence against a pattern.
#[must_use]
pub fn posterior(input: &PatternInput, group_locations: u64, group_files: u64) -> (f64, f64) {
    #[allow(clippy::cast_precision_loss)]
    let (locations, files) = (input.locations as f64, input.files as f64);
    #[allow(clippy::cast_precision_loss)]
    let (group_locations, group_files) = (
        (group_locations as f64).max(locations),
        (group_files as f64).max(files),
    );
    let alpha0 = 1.0 + files;
    let beta0 = 1.0 + (group_files - files);
    if locations == 0.0 {
        return (alpha0, beta0);
    }
    let total: f64 = input
        .values
        .iter()
        .map(|(_, count)| float(*count))
        .sum::<f64>()
        .max(1.0);
    let mean: f64 = input.values.iter().map(|(v, c)| v * float(*c)).sum::<f64>() / total;
    let variance: f64 = input
        .values
        .iter()
        .map(|(v, c)| (v - mean).powi(2) * float(*c))
        .sum::<f64>()
        / total;
    let mut factors = vec![
        (0.25, locations / group_locations),
        (0.20, (1.0 - variance).clamp(0.0, 1.0)),
        (0.15, files / group_files),
        (0.15, mean.clamp(0.0, 1.0)),
    ];
    if let Some((momentum, _)) = momentum(&input.history) {
        factors.push((0.10, (0.1 + 0.9 * (input.age_days / 30.0)).min(1.0)));
        factors.push((0.15, momentum));
    }
    let weights: f64 = factors.iter().map(|f| f.0).sum();
    let score = factors.iter().map(|(w, v)| w * v).sum::<f64>() / weights;
    let blend = locations / (locations + 10.0);
    (
        alpha0 + score * blend * locations,
        beta0 + (1.0 - score) * blend * locations,
    )
}

struct Member<'a> {
    index: usize,
    def: &'a PatternDef,
    input: PatternInput,
}

/// Learns conventions and confidences from every pattern's aggregates (`inputs` by pattern
/// index; a missing entry is a pattern with no location).
#[must_use]
pub fn learn<S: std::hash::BuildHasher>(
    set: &DetectionSet,
    inputs: &std::collections::HashMap<usize, PatternInput, S>,
) -> Learned {
    let mut groups: FxHashMap<&str, Vec<Member<'_>>> = FxHashMap::default();
    for (index, def) in set.patterns.iter().enumerate() {
        let input = inputs.get(&index).cloned().unwrap_or_default();
        if def.signal == Signal::Presence && input.locations == 0 {
            continue;
        }
        groups
            .entry(def.group.as_str())
            .or_default()
            .push(Member { index, def, input });
    }
    let mut learned = Learned::default();
    let mut names: Vec<&str> = groups.keys().copied().collect();
    names.sort_unstable();
    for name in names {
        let members = &groups[name];
        if members.iter().all(|member| member.input.locations == 0) {
            continue;
        }
        let group_locations: u64 = members.iter().map(|m| m.input.locations).sum();
        let group_files: u64 = members.iter().map(|m| m.input.files).sum();
        let convention = members[0].def.signal == Signal::Convention && members.len() > 1;
        let (dominant, contested) = if convention {
            judge(name, members, &mut learned.conventions)
        } else {
            (None, false)
        };
        for member in members {
            if member.input.locations == 0 && Some(member.index) != dominant {
                continue;
            }
            let (alpha, beta) = posterior(&member.input, group_locations, group_files);
            let mean = alpha / (alpha + beta);
            #[allow(clippy::cast_precision_loss)]
            let dominance = if group_locations == 0 {
                0.0
            } else {
                member.input.locations as f64 / group_locations as f64
            };
            let role = match (convention, dominant, contested) {
                (false, _, _) | (true, None, false) => Role::None,
                (true, _, true) => Role::Contested,
                (true, Some(d), false) if d == member.index => Role::Dominant,
                _ => Role::Deviation,
            };
            learned.patterns.push(LearnedPattern {
                pattern: member.index,
                role,
                dominance,
                alpha,
                beta,
                confidence: mean,
                interval: (
                    stats::beta_quantile(0.025, alpha, beta),
                    stats::beta_quantile(0.975, alpha, beta),
                ),
                tier: Tier::of(mean),
                momentum: momentum(&member.input.history).map_or("stable", |(_, name)| name),
                outliers: outliers_of(&member.input.values),
            });
        }
    }
    learned
}

/// Decides a convention group: the dominant member (an approved one wins; an ignored one
/// cannot be), whether it is contested, and the conventions per scope.
fn judge(group: &str, members: &[Member<'_>], out: &mut Vec<Convention>) -> (Option<usize>, bool) {
    let eligible = |m: &&Member<'_>| m.input.status != PatternStatus::Ignored;
    let total: u64 = members.iter().map(|m| m.input.locations).sum();
    let approved = members
        .iter()
        .find(|m| m.input.status == PatternStatus::Approved);
    let mut ranked: Vec<&Member<'_>> = members.iter().filter(eligible).collect();
    ranked.sort_by(|a, b| {
        (b.input.locations, b.input.files)
            .cmp(&(a.input.locations, a.input.files))
            .then(a.def.id.cmp(&b.def.id))
    });
    let Some(top) = approved.or_else(|| ranked.first().copied()) else {
        return (None, false);
    };
    #[allow(clippy::cast_precision_loss)]
    let share = |locations: u64| {
        if total == 0 {
            0.0
        } else {
            locations as f64 / total as f64
        }
    };
    let dominance = share(top.input.locations);
    let runner_up = ranked
        .iter()
        .find(|m| m.index != top.index)
        .map_or(0.0, |m| share(m.input.locations));
    let is_approved = top.input.status == PatternStatus::Approved;
    let enough = total >= MIN_OCCURRENCES && top.input.files >= MIN_FILES.min(total);
    let contested = !is_approved && enough && dominance - runner_up < CONTESTED_MARGIN;
    let settled = is_approved || (enough && dominance >= MIN_DOMINANCE && !contested);
    if !settled && !contested {
        return (None, false);
    }
    out.push(Convention {
        group: group.to_owned(),
        scope: String::new(),
        pattern_id: top.def.id.clone(),
        dominance,
        total,
        contested,
        enforced: settled && (is_approved || dominance >= top.def.deviation_threshold),
    });
    if settled {
        scoped(group, members, top, out);
        (Some(top.index), false)
    } else {
        (None, true)
    }
}

/// Conventions of directories that settled on another alternative than the project.
fn scoped(group: &str, members: &[Member<'_>], project: &Member<'_>, out: &mut Vec<Convention>) {
    let mut scopes: FxHashMap<&str, Vec<(usize, u64, u64)>> = FxHashMap::default();
    for (position, member) in members.iter().enumerate() {
        for (scope, locations, files) in &member.input.scopes {
            scopes
                .entry(scope.as_str())
                .or_default()
                .push((position, *locations, *files));
        }
    }
    let mut names: Vec<&str> = scopes.keys().copied().collect();
    names.sort_unstable();
    for scope in names {
        let counts = &scopes[scope];
        let total: u64 = counts.iter().map(|c| c.1).sum();
        let Some(&(position, locations, files)) = counts
            .iter()
            .filter(|c| members[c.0].input.status != PatternStatus::Ignored)
            .max_by_key(|c| (c.1, c.2))
        else {
            continue;
        };
        let member = &members[position];
        #[allow(clippy::cast_precision_loss)]
        let dominance = locations as f64 / total.max(1) as f64;
        if project.input.status == PatternStatus::Approved
            || member.index == project.index
            || total < MIN_OCCURRENCES
            || files < MIN_FILES
            || dominance < member.def.deviation_threshold
        {
            continue;
        }
        out.push(Convention {
            group: group.to_owned(),
            scope: scope.to_owned(),
            pattern_id: member.def.id.clone(),
            dominance,
            total,
            contested: false,
            enforced: true,
        });
    }
}

fn outliers_of(values: &[(f64, u64)]) -> Vec<OutlierValue> {
    let mut sample = Vec::new();
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: u64 = sorted.iter().map(|v| v.1).sum();
    // A sample of at most MAX_OUTLIER_SAMPLE values, each value kept in proportion.
    for (value, count) in &sorted {
        let keep = if total > MAX_OUTLIER_SAMPLE {
            (count * MAX_OUTLIER_SAMPLE / total).max(1)
        } else {
            *count
        };
        #[allow(clippy::cast_possible_truncation)]
        sample.extend(std::iter::repeat_n(*value, keep as usize));
    }
    let mut found: Vec<OutlierValue> = Vec::new();
    for outlier in stats::outliers(&sample) {
        let value = sample[outlier.index];
        if found
            .iter()
            .any(|known| known.value.total_cmp(&value).is_eq())
        {
            continue;
        }
        found.push(OutlierValue {
            value,
            count: sorted
                .iter()
                .find(|v| v.0.total_cmp(&value).is_eq())
                .map_or(0, |v| v.1),
            methods: outlier.methods.iter().map(|m: &Method| m.name()).collect(),
            deviation: outlier.deviation,
            significance: outlier.significance,
        });
    }
    found
}

/// A stored location, as violations are built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// File path.
    pub file: String,
    /// Pattern index.
    pub pattern: usize,
    /// 1-based line.
    pub line: u32,
    /// 0-based column.
    pub column: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// Confidence at this location.
    pub confidence: f64,
    /// Source text.
    pub text: String,
    /// Covered by a suppression comment.
    pub suppressed: bool,
    /// Scope (top directory).
    pub scope: String,
}

/// Why a pattern's locations may be violations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A deviation from an enforced convention.
    Deviation,
    /// A finding: the pattern has a CWE or a `severity`.
    Finding,
    /// An approved pattern with outliers.
    Outliers,
}

/// The patterns whose locations can be violations, with why: read their locations and pass
/// them to [`violations`].
#[must_use]
pub fn violating<S: std::hash::BuildHasher>(
    set: &DetectionSet,
    learned: &Learned,
    statuses: &std::collections::HashMap<usize, PatternStatus, S>,
) -> Vec<(usize, Reason)> {
    let status = |index: usize| {
        statuses
            .get(&index)
            .copied()
            .unwrap_or(PatternStatus::Discovered)
    };
    let mut out = Vec::new();
    for pattern in &learned.patterns {
        let def = &set.patterns[pattern.pattern];
        if status(pattern.pattern) == PatternStatus::Ignored {
            continue;
        }
        if !def.accepted
            && learned
                .conventions
                .iter()
                .any(|c| c.group == def.group && c.enforced && c.pattern_id != def.id)
        {
            out.push((pattern.pattern, Reason::Deviation));
        } else if def.severity.is_some() || !def.cwe_ids.is_empty() {
            out.push((pattern.pattern, Reason::Finding));
        } else if status(pattern.pattern) == PatternStatus::Approved && !pattern.outliers.is_empty()
        {
            out.push((pattern.pattern, Reason::Outliers));
        }
    }
    out
}

fn capped(severity: ViolationSeverity, approved: bool, security: bool) -> ViolationSeverity {
    if approved || security {
        severity
    } else {
        severity.max(ViolationSeverity::Info)
    }
}

/// The violations of `locations` (of the patterns [`violating`] named), deduplicated by file,
/// line and rule (the most severe kept), sorted by file and line.
#[must_use]
#[allow(clippy::too_many_lines)]
pub fn violations<S: std::hash::BuildHasher>(
    set: &DetectionSet,
    learned: &Learned,
    statuses: &std::collections::HashMap<usize, PatternStatus, S>,
    locations: &[Location],
) -> Vec<Violation> {
    let status = |index: usize| {
        statuses
            .get(&index)
            .copied()
            .unwrap_or(PatternStatus::Discovered)
    };
    let by_pattern: FxHashMap<usize, &LearnedPattern> =
        learned.patterns.iter().map(|p| (p.pattern, p)).collect();
    let mut out: FxHashMap<(String, u32, String), Violation> = FxHashMap::default();
    for location in locations {
        let def = &set.patterns[location.pattern];
        let Some(pattern) = by_pattern.get(&location.pattern) else {
            continue;
        };
        // Test and fixture files are learned from but not enforced (spec §3), except by the
        // patterns about tests themselves.
        if def.category != Category::Testing && super::matcher::is_test_path(&location.file) {
            continue;
        }
        let security = def.cwe_ids.iter().any(|cwe| CRITICAL_CWES.contains(cwe))
            || def.category == Category::Security;
        let approved = status(location.pattern) == PatternStatus::Approved;
        let mut convention_id = None;
        let (kind, severity, message) = if let Some(convention) =
            convention_for(learned, def, &location.scope)
        {
            let Some(dominant_index) = set.index_of(&convention.pattern_id) else {
                continue;
            };
            let dominant = &set.patterns[dominant_index];
            let dominant_approved = status(dominant_index) == PatternStatus::Approved;
            let severity = if dominant_approved {
                if security {
                    ViolationSeverity::Error
                } else {
                    ViolationSeverity::Warning
                }
            } else {
                ViolationSeverity::Info
            };
            let place = if convention.scope.is_empty() {
                "this project".to_owned()
            } else {
                format!("{}/", convention.scope)
            };
            let message = format!(
                "{}{}; {place} uses {} ({:.0}% of {} {})",
                def.message
                    .clone()
                    .unwrap_or_else(|| capitalised(&def.name)),
                if def.message.is_some() { "" } else { " here" },
                dominant.name,
                convention.dominance * 100.0,
                convention.total,
                def.sub_type
                    .as_deref()
                    .map_or_else(|| "occurrences".to_owned(), |s| s.replace('-', " ")),
            );
            convention_id = Some(convention.pattern_id.clone());
            ("deviation", severity, message)
        } else if def.severity.is_some() || !def.cwe_ids.is_empty() {
            let severity = def.severity.unwrap_or(
                if def.cwe_ids.iter().any(|cwe| CRITICAL_CWES.contains(cwe)) {
                    ViolationSeverity::Error
                } else {
                    ViolationSeverity::Warning
                },
            );
            let message = def
                .message
                .clone()
                .unwrap_or_else(|| format!("{}: {}", def.name, def.description));
            ("finding", capped(severity, approved, security), message)
        } else if approved
            && let Some(outlier) = pattern
                .outliers
                .iter()
                .find(|o| (o.value - location.confidence).abs() < 1e-6)
        {
            let severity = match outlier.significance {
                "critical" | "high" => ViolationSeverity::Error,
                "moderate" => ViolationSeverity::Warning,
                _ => ViolationSeverity::Info,
            };
            let message = format!(
                "{}: this occurrence's confidence {:.2} stands apart from the pattern's (by {})",
                def.name,
                location.confidence,
                outlier.methods.join(", ")
            );
            ("outlier", severity, message)
        } else {
            continue;
        };
        // Pack ids are namespaced already (`errors/...`, `express/api/...`): the id is the rule.
        let rule_id = def.id.clone();
        let violation = Violation {
            id: format!("{rule_id}-{}-{}", location.file, location.line),
            file: location.file.clone(),
            line: location.line,
            column: location.column,
            end_line: location.end_line,
            severity,
            pattern_id: def.id.clone(),
            rule_id: rule_id.clone(),
            category: def.category,
            kind: kind.to_owned(),
            message,
            convention: convention_id,
            fix_strategy: def.fix.as_ref().map(|fix| fix.strategy.clone()),
            fix_description: def.fix.as_ref().map(|fix| fix.description.clone()),
            cwe_id: def.cwe_ids.first().copied(),
            owasp: def.owasp.clone(),
            suppressed: location.suppressed,
            is_new: false,
            snippet: location.text.clone(),
        };
        let key = (location.file.clone(), location.line, rule_id);
        match out.get(&key) {
            Some(known) if known.severity <= violation.severity => {}
            _ => {
                out.insert(key, violation);
            }
        }
    }
    let mut list: Vec<Violation> = out.into_values().collect();
    list.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule_id).cmp(&(&b.file, b.line, b.column, &b.rule_id))
    });
    list
}

/// The enforced convention that judges a location of `def` in `scope`: the scope's own, else
/// the project's; `None` when `def` is that convention or none is enforced.
fn convention_for<'l>(
    learned: &'l Learned,
    def: &PatternDef,
    scope: &str,
) -> Option<&'l Convention> {
    let of_group = |wanted: &str| {
        learned
            .conventions
            .iter()
            .find(|c| c.group == def.group && c.scope == wanted && !c.contested)
    };
    let convention = of_group(scope).or_else(|| of_group(""))?;
    (!def.accepted && convention.enforced && convention.pattern_id != def.id).then_some(convention)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
