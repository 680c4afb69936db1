//! What the security analyses find in one file. The analyses (`drift-analysis`) make them;
//! storage (`drift-storage`) persists them.
//!
//! A secret's value never appears here: a finding names the kind of secret, where it is, a
//! masked preview and a fingerprint (a hash of pattern, file and value, for baselines).

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, not a risk by itself.
    Info,
    /// A weak signal or a low-impact secret.
    Low,
    /// Exploitable with effort, or a secret of limited reach.
    Medium,
    /// A credential or flaw that grants access to something.
    High,
    /// A credential to production systems or money.
    Critical,
}

impl Severity {
    /// Every severity, worst first.
    pub const ALL: [Self; 5] = [
        Self::Critical,
        Self::High,
        Self::Medium,
        Self::Low,
        Self::Info,
    ];

    /// The lower-case name stored and shown.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Critical => "critical",
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::Info => "info",
        }
    }

    /// The severity named `name` (as [`Severity::name`] spells it).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|severity| severity.name() == name)
    }

    /// One step less severe (info stays info).
    #[must_use]
    pub const fn lowered(self) -> Self {
        match self {
            Self::Critical => Self::High,
            Self::High => Self::Medium,
            Self::Medium => Self::Low,
            Self::Low | Self::Info => Self::Info,
        }
    }
}

/// Whether a secret finding counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretStatus {
    /// A finding to act on.
    Open,
    /// Marked on its line as known (`drift-ignore` and the usual linters' allow comments).
    Suppressed,
    /// The value is a placeholder, an example or a test value.
    Placeholder,
}

impl SecretStatus {
    /// Every status.
    pub const ALL: [Self; 3] = [Self::Open, Self::Suppressed, Self::Placeholder];

    /// The lower-case name stored and shown.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Suppressed => "suppressed",
            Self::Placeholder => "placeholder",
        }
    }

    /// The status named `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.name() == name)
    }
}

/// A committed secret: where it is and what kind, never its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretFinding {
    /// The pattern that found it (`aws-access-key-id`, `django-secret-key`, ...).
    pub pattern: String,
    /// Who issues such secrets (`aws`, `github`, ..., `generic`).
    pub provider: String,
    /// The pattern's category (`cloud`, `vcs`, `payment`, ...).
    pub category: String,
    /// How bad it is.
    pub severity: Severity,
    /// Whether it counts.
    pub status: SecretStatus,
    /// 0-based line.
    pub line: u32,
    /// Byte column where the value starts.
    pub column: u32,
    /// Byte column just past the value.
    pub end_column: u32,
    /// The value masked: a public prefix and at most its last four characters, the rest
    /// starred (short values are starred whole).
    pub masked: String,
    /// `xxh3-64` of pattern, file and value, in hex: the same secret in the same file keeps it
    /// when lines move, so baselines and suppressions can name it.
    pub fingerprint: String,
    /// Shannon entropy of the value, in bits per character.
    pub entropy: f32,
    /// How sure the finding is, 0 to 1.
    pub confidence: f32,
    /// CWE ids (798 hard-coded credentials, 321 hard-coded key, 547 connection strings).
    pub cwe: Vec<u32>,
}

/// What kind of sensitive data a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sensitivity {
    /// Personally identifying information.
    Pii,
    /// Passwords, keys, tokens.
    Credentials,
    /// Card, bank and income data.
    Financial,
    /// Medical data.
    Health,
}

impl Sensitivity {
    /// Every kind.
    pub const ALL: [Self; 4] = [Self::Credentials, Self::Financial, Self::Health, Self::Pii];

    /// The lower-case name stored and shown.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Pii => "pii",
            Self::Credentials => "credentials",
            Self::Financial => "financial",
            Self::Health => "health",
        }
    }

    /// The kind named `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// A field of a class, model or schema that holds sensitive data, and why Drift thinks so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitiveField {
    /// The class (qualified name) the field belongs to.
    pub model: String,
    /// The field's name as declared.
    pub field: String,
    /// What it holds.
    pub sensitivity: Sensitivity,
    /// 0-based line of the field's declaration (the class's first line when not found).
    pub line: u32,
    /// How sure the classification is, 0 to 1.
    pub confidence: f32,
    /// How specific the matched name is, before context and reducers.
    pub specificity: f32,
    /// The rule's name that matched (`date of birth`, `password`).
    pub matched: String,
    /// Why, in words: the name matched and what raised or lowered it.
    pub reason: String,
}

/// A place where code touches persistent data: a query or mutation through an ORM, a query
/// builder or raw SQL, or a model's definition (operation `model`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataAccess {
    /// The framework's id (`django`, `prisma`, `gorm`, `database-sql`, ...).
    pub framework: String,
    /// The model or table touched (`(unknown)` when the code does not say).
    pub model: String,
    /// `select`, `insert`, `update`, `upsert`, `delete`, `count`, `aggregate`, `raw_query`,
    /// or `model` for a definition.
    pub operation: String,
    /// 0-based line.
    pub line: u32,
    /// Byte column of the call.
    pub column: u32,
    /// The qualified name of the function that does it.
    pub function: Option<String>,
    /// How sure, 0 to 1: table found, operation clear, known framework, table from a literal.
    pub confidence: f32,
    /// The access runs SQL text.
    pub raw_sql: bool,
    /// How the SQL is built from pieces, when it is (open to SQL injection, CWE-89).
    pub unsafe_sql: Option<String>,
}

/// One step of a taint flow: where the data went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaintStep {
    /// 0-based line.
    pub line: u32,
    /// What happened there (`read from request.GET`, `assigned to name`).
    pub description: String,
    /// The file it happened in, when not the flow's own (a flow across functions).
    #[serde(default)]
    pub file: Option<String>,
}

impl TaintStep {
    /// A step in the flow's own file.
    #[must_use]
    pub fn at(line: u32, description: impl Into<String>) -> Self {
        Self {
            line,
            description: description.into(),
            file: None,
        }
    }
}

/// Untrusted data reaching a dangerous operation without the sanitizer that sink needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaintFlow {
    /// The qualified name of the function it happens in.
    pub function: String,
    /// `user_input`, `env_var`, ...
    pub label: String,
    /// 0-based line where the data enters.
    pub source_line: u32,
    /// The expression it enters by (`req.query`, `@RequestParam name`).
    pub source: String,
    /// 0-based line and byte column of the sink call.
    pub sink_line: u32,
    /// Byte column of the sink call.
    pub sink_column: u32,
    /// The call (`db.query`, `os.system`).
    pub sink: String,
    /// `sql_query`, `os_command`, `code_execution`, `file_path`, `html_output`,
    /// `http_redirect`, `deserialization`.
    pub sink_type: String,
    /// The sink's CWE id.
    pub cwe: u32,
    /// The steps from the source to the sink, in order.
    pub path: Vec<TaintStep>,
    /// How sure, 0 to 1.
    pub confidence: f32,
    /// For a flow across functions: the file the data enters in (the flow's own file is the
    /// sink's).
    #[serde(default)]
    pub source_file: Option<String>,
    /// For a flow across functions: the call-graph ids of the functions it goes through, from
    /// the source's to the sink's; empty for a flow within one function.
    #[serde(default)]
    pub functions: Vec<String>,
}
