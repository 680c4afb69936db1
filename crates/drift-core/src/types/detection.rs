//! Pattern detection: what detectors find in one file, and what learning makes of it across the
//! project (spec `detection.md`).

use serde::{Deserialize, Serialize};

/// Declares a lower-case, string-named enum with `name`, `from_name` and `ALL`.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The name stored and shown.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            /// The value named `name`.
            #[must_use]
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

named_enum! {
    /// The 16 categories a pattern belongs to.
    Category {
        /// Routes, methods, response shapes, clients.
        Api = "api",
        /// Middleware, permission checks, tokens.
        Auth = "auth",
        /// UI component structure and composition.
        Components = "components",
        /// Environment access, defaults, feature flags.
        Config = "config",
        /// Endpoints and schemas shared between sides.
        Contracts = "contracts",
        /// ORMs, raw queries, repositories, transactions.
        DataAccess = "data_access",
        /// Doc comments, deprecations, TODOs.
        Documentation = "documentation",
        /// Error handling and propagation.
        Errors = "errors",
        /// Loggers, levels, structured logs.
        Logging = "logging",
        /// Caching, memoisation, work in loops.
        Performance = "performance",
        /// Injection, XSS, eval, secrets, headers.
        Security = "security",
        /// Naming, exports, module boundaries.
        Structural = "structural",
        /// Class names, tokens, CSS-in-JS.
        Styling = "styling",
        /// Test structure, naming, fixtures, mocks.
        Testing = "testing",
        /// Type annotations, `any`, interfaces.
        Types = "types",
        /// Alt text, roles, labels, semantic HTML.
        Accessibility = "accessibility",
    }
}

named_enum! {
    /// A pattern's status, set by the user and kept across scans.
    PatternStatus {
        /// Found by learning; not reviewed.
        Discovered = "discovered",
        /// Confirmed as the project's way: its deviations are warnings (or errors).
        Approved = "approved",
        /// Not wanted: no violations come from it.
        Ignored = "ignored",
    }
}

named_enum! {
    /// How established a pattern is, from its posterior mean.
    Tier {
        /// Posterior mean at least 0.85.
        Established = "established",
        /// At least 0.70.
        Emerging = "emerging",
        /// At least 0.50.
        Tentative = "tentative",
        /// Below 0.50.
        Uncertain = "uncertain",
    }
}

named_enum! {
    /// A violation's severity, worst first.
    ViolationSeverity {
        /// Must be fixed (security weaknesses, deviations from approved critical conventions).
        Error = "error",
        /// Deviates from an approved convention.
        Warning = "warning",
        /// Deviates from a discovered convention.
        Info = "info",
        /// A weak signal.
        Hint = "hint",
    }
}

named_enum! {
    /// A pattern's role in its learn group.
    Role {
        /// The group has no convention (too few occurrences, or no alternative dominates).
        None = "none",
        /// The convention: the alternative most of the group follows.
        Dominant = "dominant",
        /// An alternative the convention makes a deviation.
        Deviation = "deviation",
        /// Two alternatives within 15 points of each other.
        Contested = "contested",
    }
}

#[expect(
    clippy::derivable_impls,
    reason = "the enum comes from `named_enum!`, whose derives are shared"
)]
impl Default for PatternStatus {
    fn default() -> Self {
        Self::Discovered
    }
}

impl Tier {
    /// The tier of a posterior mean.
    #[must_use]
    pub fn of(mean: f64) -> Self {
        if mean >= 0.85 {
            Self::Established
        } else if mean >= 0.70 {
            Self::Emerging
        } else if mean >= 0.50 {
            Self::Tentative
        } else {
            Self::Uncertain
        }
    }
}

/// One raw hit of a pattern in one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatternMatch {
    /// The pattern's id (`express/api/route-handler`).
    pub pattern_id: String,
    /// 1-based line.
    pub line: u32,
    /// 0-based column (bytes).
    pub column: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// The pattern's confidence at this location (0-1): its base confidence, lower in test
    /// files, generated code and files with syntax errors.
    pub confidence: f32,
    /// The matched text, at most 200 characters.
    pub matched_text: String,
    /// A suppression comment on this line or the line above names this pattern (or all).
    pub suppressed: bool,
}

/// A suppression comment of a file (`drift-ignore rule`, `noqa`, `eslint-disable-line`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub line: u32,
    /// The rules it names (empty: every rule).
    pub rules: Vec<String>,
    /// Which tool's syntax (`drift`, `eslint`, `noqa`, ...).
    pub tool: String,
}

/// What detection found in one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileDetections {
    /// Pattern hits, in source order.
    pub matches: Vec<PatternMatch>,
    /// `drift-ignore` comments (other tools' comments are not listed: their rule names are
    /// theirs).
    pub suppressions: Vec<Suppression>,
    /// Framework packs whose signals fired in this file (imports, decorators, file names,
    /// manifest dependencies).
    pub frameworks: Vec<String>,
    /// The file is generated or minified: kept out of learning.
    pub generated: bool,
}

/// A pattern's standing after learning, as stored and listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatternSummary {
    /// Pattern id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Category.
    pub category: Category,
    /// Alternative set (`route-validation`), when it has one.
    pub sub_type: Option<String>,
    /// Learn group (`api:route-validation`, or the id).
    pub group: String,
    /// Framework pack (`express`), or `None` for a category pack.
    pub framework: Option<String>,
    /// Status set by the user (discovered until then).
    pub status: PatternStatus,
    /// Role in its group.
    pub role: Role,
    /// Posterior mean of its Beta confidence.
    pub confidence: f64,
    /// Tier of that mean.
    pub tier: Tier,
    /// Locations (suppressed ones and generated files left out).
    pub location_count: u64,
    /// Files with a location.
    pub file_spread: u64,
    /// Locations that are statistical outliers.
    pub outlier_count: u64,
    /// Share of its group this pattern holds (0-1).
    pub dominance: f64,
    /// Violations it currently produces.
    pub violation_count: u64,
    /// CWE ids.
    pub cwe_ids: Vec<u32>,
    /// OWASP category.
    pub owasp: Option<String>,
    /// `rising`, `stable` or `falling` (stable until three runs are recorded).
    pub momentum: String,
}

/// A learned convention: the alternative of a group that the code (or the user) settled on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Convention {
    /// Learn group.
    pub group: String,
    /// `""` for the whole project, else the directory it holds in.
    pub scope: String,
    /// The dominant pattern.
    pub pattern_id: String,
    /// Its share of the group in this scope.
    pub dominance: f64,
    /// Locations of the group in this scope.
    pub total: u64,
    /// Two alternatives within 15 points: no deviations are reported.
    pub contested: bool,
    /// The share reaches the pattern's threshold (or the pattern is approved): the other
    /// alternatives' locations are violations.
    pub enforced: bool,
}

/// A violation: a location that deviates from a convention, a finding (a weakness with a CWE),
/// or an outlier of an approved pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// `{rule_id}-{file}-{line}`.
    pub id: String,
    /// File path.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 0-based column.
    pub column: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// Severity.
    pub severity: ViolationSeverity,
    /// The pattern found here.
    pub pattern_id: String,
    /// The rule suppression comments and filters name: the pattern id (namespaced by category
    /// or framework already).
    pub rule_id: String,
    /// Category.
    pub category: Category,
    /// `deviation`, `finding` or `outlier`.
    pub kind: String,
    /// What is wrong, in words.
    pub message: String,
    /// The convention's pattern, for a deviation.
    pub convention: Option<String>,
    /// Suggested fix: strategy.
    pub fix_strategy: Option<String>,
    /// Suggested fix: what to do.
    pub fix_description: Option<String>,
    /// First CWE of the pattern.
    pub cwe_id: Option<u32>,
    /// OWASP category.
    pub owasp: Option<String>,
    /// A suppression comment covers it.
    pub suppressed: bool,
    /// Not reported by the previous run.
    pub is_new: bool,
    /// The source line (at most 200 characters).
    pub snippet: String,
}

/// A `drift-ignore` comment naming a rule Drift does not know (reported, not fatal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownSuppression {
    /// File path.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// The name it gave.
    pub rule: String,
}

/// What a detection run did and found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DetectionSummary {
    /// Patterns with a location (or named by a convention).
    pub total_patterns: u64,
    /// Patterns not found by the previous run.
    pub new_patterns: u64,
    /// Patterns whose counts or confidence changed.
    pub updated_patterns: u64,
    /// Patterns the previous run had and this one does not.
    pub removed_patterns: u64,
    /// Unsuppressed violations.
    pub total_violations: u64,
    /// Violations not reported by the previous run.
    pub new_violations: u64,
    /// Unsuppressed violations per severity: error, warning, info, hint.
    pub violations_by_severity: Vec<(ViolationSeverity, u64)>,
    /// Categories with at least one pattern.
    pub categories_scanned: Vec<Category>,
    /// Patterns of the active packs.
    pub detectors_run: u64,
    /// Parsed files.
    pub files_analyzed: u64,
    /// Generated or minified files kept out of learning.
    pub files_skipped: u64,
    /// Conventions learned (not contested).
    pub conventions_learned: u64,
    /// Groups with two alternatives too close to call.
    pub contested_conventions: u64,
    /// Framework packs whose signals fired.
    pub frameworks: Vec<String>,
    /// `drift-ignore` comments naming rules Drift does not know.
    pub unknown_suppressions: Vec<UnknownSuppression>,
    /// User packs that could not be loaded (`[CONFIG_INVALID] ...`).
    pub pack_errors: Vec<String>,
    /// Time learning took, in milliseconds.
    pub duration_ms: u64,
    /// `complete`.
    pub status: String,
}
