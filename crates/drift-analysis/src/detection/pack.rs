//! Detection packs: the TOML format (spec `detection.md` §4, plus `node` predicates on the
//! syntax tree), its validation, and [`DetectionSet`], every pack compiled into dispatch tables.
//!
//! A pack is data only. A pattern's `[patterns.match]` block ANDs its predicates and ORs the
//! items of each list. One predicate is the *anchor*, whose every hit is a location (the first
//! present of: `node`, `decorators`, `calls`, `extends`/`implements`/`class_names`,
//! `function_names`/`param_types`/`return_types`, `string_literals`, `content_patterns`,
//! `type_annotations`, `exports`, `error_handling`, `imports`, `file_patterns`); the others
//! must hold inside the anchor when it is a class, a function or a syntax node, else in the
//! file. `not` is a block that must not match in the same place.

use std::ops::Range;
use std::sync::OnceLock;

use drift_core::Language;
use drift_core::errors::ConfigError;
use drift_core::types::detection::{Category, ViolationSeverity};
use drift_core::types::parse::ErrorHandlingKind;
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use toml::Spanned;

use crate::parsers::languages;
use crate::security::{line_of, pack_error};

/// Compiled size limit of one pack regex (the default is 10 MiB; packs need far less).
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The pattern index of a syntax rule whose pattern a user pack replaced.
pub(crate) const RETIRED: usize = usize::MAX;

/// The packs Drift ships, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "accessibility.toml",
        include_str!("packs/accessibility.toml"),
    ),
    ("api.toml", include_str!("packs/api.toml")),
    ("auth.toml", include_str!("packs/auth.toml")),
    ("components.toml", include_str!("packs/components.toml")),
    ("config.toml", include_str!("packs/config.toml")),
    ("contracts.toml", include_str!("packs/contracts.toml")),
    ("data_access.toml", include_str!("packs/data_access.toml")),
    (
        "documentation.toml",
        include_str!("packs/documentation.toml"),
    ),
    ("errors.toml", include_str!("packs/errors.toml")),
    ("logging.toml", include_str!("packs/logging.toml")),
    ("performance.toml", include_str!("packs/performance.toml")),
    ("security.toml", include_str!("packs/security.toml")),
    ("structural.toml", include_str!("packs/structural.toml")),
    ("styling.toml", include_str!("packs/styling.toml")),
    ("testing.toml", include_str!("packs/testing.toml")),
    ("types.toml", include_str!("packs/types.toml")),
    ("express.toml", include_str!("packs/express.toml")),
    ("nestjs.toml", include_str!("packs/nestjs.toml")),
    ("react.toml", include_str!("packs/react.toml")),
    ("nextjs.toml", include_str!("packs/nextjs.toml")),
    ("django.toml", include_str!("packs/django.toml")),
    ("fastapi.toml", include_str!("packs/fastapi.toml")),
    ("flask.toml", include_str!("packs/flask.toml")),
    ("spring.toml", include_str!("packs/spring.toml")),
    ("rails.toml", include_str!("packs/rails.toml")),
    ("laravel.toml", include_str!("packs/laravel.toml")),
    ("aspnet.toml", include_str!("packs/aspnet.toml")),
    ("go_web.toml", include_str!("packs/go_web.toml")),
    ("rust_web.toml", include_str!("packs/rust_web.toml")),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    framework: Option<RawFramework>,
    #[serde(default)]
    patterns: Vec<Spanned<RawPattern>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    name: String,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    detect_by: Vec<RawSignal>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignal {
    #[serde(default)]
    import: Option<String>,
    #[serde(default)]
    file_pattern: Option<String>,
    #[serde(default)]
    decorator: Option<String>,
    #[serde(default)]
    dependency: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: String,
    category: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    sub_type: Option<String>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    cwe_ids: Vec<u32>,
    #[serde(default)]
    owasp: Option<String>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    fix: Option<RawFix>,
    #[serde(default = "enabled")]
    enabled: bool,
    #[serde(rename = "match")]
    matcher: RawMatch,
    #[serde(default)]
    learn: Option<RawLearn>,
}

const fn enabled() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFix {
    strategy: String,
    description: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatch {
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    imports: Vec<String>,
    #[serde(default)]
    decorators: Vec<String>,
    #[serde(default)]
    calls: Vec<String>,
    #[serde(default)]
    extends: Vec<String>,
    #[serde(default)]
    implements: Vec<String>,
    #[serde(default)]
    function_names: Vec<String>,
    #[serde(default)]
    class_names: Vec<String>,
    #[serde(default)]
    param_types: Vec<String>,
    #[serde(default)]
    return_types: Vec<String>,
    #[serde(default)]
    string_literals: Vec<String>,
    #[serde(default)]
    content_patterns: Vec<String>,
    #[serde(default)]
    type_annotations: Vec<String>,
    #[serde(default)]
    exports: Vec<String>,
    #[serde(default)]
    error_handling: Vec<String>,
    #[serde(default)]
    file_patterns: Vec<String>,
    #[serde(default)]
    node: Option<RawNode>,
    #[serde(default)]
    not: Option<Box<RawMatch>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    kinds: Vec<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    not_text: Option<String>,
    #[serde(default)]
    inside: Vec<String>,
    #[serde(default)]
    not_inside: Vec<String>,
    #[serde(default)]
    has_child: Vec<String>,
    #[serde(default)]
    no_child: Vec<String>,
    #[serde(default)]
    empty: bool,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    field_text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLearn {
    #[serde(default)]
    group_by: Option<String>,
    #[serde(default)]
    signal: Option<String>,
    #[serde(default)]
    deviation_threshold: Option<f64>,
    #[serde(default)]
    accepted: bool,
}

/// How a pattern's hits are judged against the other members of its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The alternative most of the group follows is the convention; the others deviate.
    Convention,
    /// No learning: the pattern is reported as found (its CWE or `severity` may make its
    /// locations violations).
    Presence,
}

/// A suggested fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// One of the 8 strategies of the spec (`add_import`, `rename`, `extract_function`,
    /// `wrap_in_try_catch`, `add_type_annotation`, `add_test`, `add_documentation`,
    /// `use_parameterized_query`).
    pub strategy: String,
    /// What to do, in words.
    pub description: String,
}

/// The fix strategies a pack may name.
pub const FIX_STRATEGIES: [&str; 8] = [
    "add_import",
    "rename",
    "extract_function",
    "wrap_in_try_catch",
    "add_type_annotation",
    "add_test",
    "add_documentation",
    "use_parameterized_query",
];

/// A set of names as packs write them: exact names, or globs with `*`.
#[derive(Debug, Default)]
pub(crate) struct NameSet {
    exact: Vec<String>,
    globs: Option<Regex>,
}

impl NameSet {
    fn new(items: &[String]) -> Result<Self, String> {
        let mut exact = Vec::new();
        let mut globs = Vec::new();
        for item in items {
            let item = item.trim_start_matches('@');
            if item.is_empty() {
                return Err("an empty name".into());
            }
            if item.contains('*') {
                let parts: Vec<String> = item.split('*').map(regex::escape).collect();
                globs.push(parts.join(".*"));
            } else {
                exact.push(item.to_owned());
            }
        }
        let globs = if globs.is_empty() {
            None
        } else {
            Some(Regex::new(&format!("^(?:{})$", globs.join("|"))).map_err(|err| err.to_string())?)
        };
        Ok(Self { exact, globs })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.globs.is_none()
    }

    /// Whether `name` (or its last `.`/`::`/`\` segment, without generic arguments) is in the set.
    pub(crate) fn contains(&self, name: &str) -> bool {
        let name = name.trim_start_matches('@');
        let name = name.split(['<', '(', '[']).next().unwrap_or(name).trim();
        let last = name.rsplit(['.', ':', '\\']).next().unwrap_or(name);
        self.exact
            .iter()
            .any(|known| known == name || known == last)
            || self
                .globs
                .as_ref()
                .is_some_and(|globs| globs.is_match(name) || globs.is_match(last))
    }

    pub(crate) fn exact(&self) -> &[String] {
        &self.exact
    }

    pub(crate) fn has_globs(&self) -> bool {
        self.globs.is_some()
    }
}

/// One `calls` item: a method name and, when written `recv.method`, a receiver.
#[derive(Debug)]
pub(crate) struct CallName {
    pub(crate) receiver: Option<NameSet>,
    pub(crate) method: NameSet,
}

/// The `node` predicate, with kind names still unresolved (they resolve per grammar).
#[derive(Debug)]
pub(crate) struct NodeRule {
    pub(crate) kinds: Vec<String>,
    pub(crate) text: Option<Regex>,
    pub(crate) not_text: Option<Regex>,
    pub(crate) inside: Vec<String>,
    pub(crate) not_inside: Vec<String>,
    pub(crate) has_child: Vec<String>,
    pub(crate) no_child: Vec<String>,
    pub(crate) empty: bool,
    pub(crate) field: Option<String>,
    pub(crate) field_text: Option<Regex>,
}

/// A compiled `[patterns.match]` block.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    pub(crate) imports: Vec<String>,
    pub(crate) decorators: NameSet,
    pub(crate) calls: Vec<CallName>,
    pub(crate) extends: NameSet,
    pub(crate) implements: NameSet,
    pub(crate) function_names: Option<Regex>,
    pub(crate) class_names: Option<Regex>,
    pub(crate) param_types: NameSet,
    pub(crate) return_types: NameSet,
    /// Indexes into [`DetectionSet::literal_regexes`].
    pub(crate) string_literals: Vec<usize>,
    /// Indexes into [`DetectionSet::content_regexes`].
    pub(crate) content_patterns: Vec<usize>,
    pub(crate) type_annotations: Option<Regex>,
    pub(crate) exports: NameSet,
    pub(crate) error_handling: Vec<ErrorHandlingKind>,
    pub(crate) file_patterns: Option<GlobSet>,
    /// Index into [`DetectionSet::node_rules`].
    pub(crate) node: Option<usize>,
    pub(crate) not: Option<Box<Matcher>>,
}

/// A detection pattern, compiled.
#[derive(Debug)]
pub struct PatternDef {
    /// Unique id (`express/api/route-handler`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// One of the 16 categories.
    pub category: Category,
    /// The alternative set it belongs to (`route-validation`); patterns with the same
    /// category and sub-type compete as alternatives of one convention.
    pub sub_type: Option<String>,
    /// What it recognises.
    pub description: String,
    /// Base confidence of a hit (0-1).
    pub confidence: f32,
    /// CWE ids (security weaknesses).
    pub cwe_ids: Vec<u32>,
    /// OWASP Top 10 category.
    pub owasp: Option<String>,
    /// Every hit is a violation of this severity (findings such as `eval`); `None` leaves it
    /// to learning (or the CWE).
    pub severity: Option<ViolationSeverity>,
    /// The violation message for a hit that deviates or is a finding.
    pub message: Option<String>,
    /// The fix to suggest.
    pub fix: Option<Fix>,
    /// Index of the pack in [`DetectionSet::packs`].
    pub pack: usize,
    /// Languages it applies to (empty: all).
    pub languages: Vec<Language>,
    /// Learning signal.
    pub signal: Signal,
    /// The learn group: `category:sub_type`, or the id for a pattern without alternatives.
    pub group: String,
    /// Share of the group the convention needs before the others are violations
    /// (`1 - deviation_threshold`, 0.85 by default).
    pub deviation_threshold: f64,
    /// An accepted alternative (`learn.accepted`): at least as good as any other, so never a
    /// deviation, even where another alternative is the convention (annotated return types
    /// in a codebase that mostly has none, a parameterised query among concatenated ones).
    pub accepted: bool,
    pub(crate) matcher: Matcher,
}

impl PatternDef {
    /// Whether the pattern runs on files of `language`.
    #[must_use]
    pub fn applies_to(&self, language: Language) -> bool {
        self.languages.is_empty() || self.languages.contains(&language)
    }
}

/// A pack's framework signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkSignal {
    /// A file imports this module (or a sub-module of it).
    Import(String),
    /// A file's path matches this glob.
    FilePattern(String),
    /// A declaration carries this decorator or annotation.
    Decorator(String),
    /// A manifest (`package.json`, `requirements.txt`, `pom.xml`, ...) names this dependency.
    Dependency(String),
}

/// A loaded pack.
#[derive(Debug)]
pub struct PackInfo {
    /// Where it came from (`packs/express.toml`, `.drift/packs/team.toml`).
    pub origin: String,
    /// The framework's name; `None` for a category pack, which always runs.
    pub framework: Option<String>,
    /// Display name.
    pub display_name: String,
    /// Languages it is written for.
    pub languages: Vec<Language>,
    /// Framework version it targets, when given.
    pub version: Option<String>,
    /// Signals that make the pack active in a project (any one suffices).
    pub signals: Vec<FrameworkSignal>,
    pub(crate) signal_files: Option<GlobSet>,
    pub(crate) signal_decorators: NameSet,
    /// Number of patterns.
    pub patterns: usize,
}

/// Every pack compiled: patterns, dispatch tables per grammar, and the regex sets of the
/// string and line phases.
#[derive(Debug)]
pub struct DetectionSet {
    /// Packs in load order (built-ins first).
    pub packs: Vec<PackInfo>,
    /// Patterns, in pack order.
    pub patterns: Vec<PatternDef>,
    /// Packs that failed to load, with the error (the others go on).
    pub errors: Vec<ConfigError>,
    pub(crate) node_rules: Vec<(usize, NodeRule)>,
    pub(crate) literal_regexes: Vec<Regex>,
    pub(crate) literal_set: RegexSet,
    pub(crate) content_regexes: Vec<Regex>,
    pub(crate) content_set: RegexSet,
    pub(crate) syntax: OnceLock<FxHashMap<(Language, usize), super::syntax::SyntaxTable>>,
    pub(crate) anchors: OnceLock<super::matcher::AnchorIndex>,
    by_id: FxHashMap<String, usize>,
}

/// One pack's text and where it came from.
#[derive(Debug, Clone)]
pub struct PackSource {
    /// Shown in errors.
    pub origin: String,
    /// TOML text.
    pub text: String,
}

impl DetectionSet {
    /// The built-in packs.
    ///
    /// # Panics
    ///
    /// If a built-in pack does not compile (a test keeps them compiling).
    pub fn builtin() -> &'static Self {
        static SET: OnceLock<DetectionSet> = OnceLock::new();
        SET.get_or_init(|| {
            let set = Self::with_user_packs(&[]);
            assert!(
                set.errors.is_empty(),
                "the built-in packs compile: {:?}",
                set.errors
            );
            set
        })
    }

    /// The built-in packs and `user` packs. A user pack that does not compile is left out and
    /// its error kept in [`DetectionSet::errors`]; a user pattern with a built-in pattern's id
    /// replaces it.
    #[must_use]
    pub fn with_user_packs(user: &[PackSource]) -> Self {
        let mut builder = Builder::default();
        for (name, text) in BUILTIN {
            if let Err(err) = builder.add(text, &format!("packs/{name}")) {
                builder.errors.push(err);
            }
        }
        for pack in user {
            if let Err(err) = builder.add(&pack.text, &pack.origin) {
                builder.errors.push(err);
            }
        }
        builder.finish()
    }

    /// Exactly these packs (no built-ins): for pack authors and tests.
    #[must_use]
    pub fn from_sources(packs: &[PackSource]) -> Self {
        let mut builder = Builder::default();
        for pack in packs {
            if let Err(err) = builder.add(&pack.text, &pack.origin) {
                builder.errors.push(err);
            }
        }
        builder.finish()
    }

    /// Compiles one pack alone (to validate it): its patterns, or `[CONFIG_INVALID]` naming the
    /// pack, the line and what is wrong.
    pub fn validate(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let mut builder = Builder::default();
        builder.add(text, origin)?;
        Ok(builder.finish())
    }

    /// The index of the pattern with this id.
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The pattern with this id.
    #[must_use]
    pub fn pattern(&self, id: &str) -> Option<&PatternDef> {
        self.by_id.get(id).map(|&index| &self.patterns[index])
    }

    /// Whether a suppression comment's rule name names something here: a pattern id, a prefix
    /// of ids (`express/api`), a category, or a CWE (`CWE-89`).
    #[must_use]
    pub fn knows_rule(&self, rule: &str) -> bool {
        let rule = rule.trim();
        Category::from_name(rule).is_some()
            || self
                .patterns
                .iter()
                .any(|pattern| rule_names(pattern, rule))
    }
}

/// Whether a suppression's `rule` names `pattern`.
pub(crate) fn rule_names(pattern: &PatternDef, rule: &str) -> bool {
    let rule = rule.trim();
    if rule.is_empty() {
        return true;
    }
    pattern.id == rule
        || pattern
            .id
            .strip_prefix(rule)
            .is_some_and(|rest| rest.starts_with('/'))
        || pattern.category.name() == rule
        || rule
            .strip_prefix("CWE-")
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|cwe| pattern.cwe_ids.contains(&cwe))
}

#[derive(Default)]
struct Builder {
    packs: Vec<PackInfo>,
    patterns: Vec<PatternDef>,
    errors: Vec<ConfigError>,
    node_rules: Vec<(usize, NodeRule)>,
    literal_regexes: Vec<Regex>,
    content_regexes: Vec<Regex>,
}

/// Where a pack error is: the text, the span of the pattern, the origin.
struct At<'a> {
    text: &'a str,
    span: Range<usize>,
    origin: &'a str,
}

impl At<'_> {
    /// `[CONFIG_INVALID]` at the first line of the pattern holding `needle` (the offending
    /// value), else at the pattern's first line.
    fn error(&self, key: &str, needle: &str, reason: String) -> ConfigError {
        let tail = self.text.get(self.span.start..).unwrap_or_default();
        let line = [
            format!("\"{needle}\""),
            format!("'{needle}'"),
            needle.to_owned(),
        ]
        .iter()
        .filter(|probe| !probe.is_empty())
        .find_map(|probe| tail.find(probe.as_str()))
        .map_or_else(
            || line_of(self.text, self.span.start),
            |found| line_of(self.text, self.span.start + found),
        );
        pack_error(self.origin, Some(line), key, reason)
    }
}

fn language_list(names: &[String]) -> Result<Vec<Language>, String> {
    names
        .iter()
        .map(|name| {
            name.parse::<Language>()
                .map_err(|_| format!("`{name}` is not a supported language"))
        })
        .collect()
}

fn regex(source: &str) -> Result<Regex, String> {
    RegexBuilder::new(source)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|err| err.to_string())
}

fn alternation(items: &[String]) -> Result<Option<Regex>, String> {
    if items.is_empty() {
        return Ok(None);
    }
    for item in items {
        regex(item)?;
    }
    let joined: Vec<String> = items.iter().map(|item| format!("(?:{item})")).collect();
    regex(&joined.join("|")).map(Some)
}

fn globs(items: &[String]) -> Result<Option<GlobSet>, (String, String)> {
    if items.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for item in items {
        let glob = Glob::new(item).map_err(|err| (item.clone(), err.to_string()))?;
        builder.add(glob);
        if !item.contains('/') {
            // A bare file-name glob matches in any directory, as in `.gitignore`.
            let nested =
                Glob::new(&format!("**/{item}")).map_err(|err| (item.clone(), err.to_string()))?;
            builder.add(nested);
        }
    }
    builder
        .build()
        .map(Some)
        .map_err(|err| (items.join(", "), err.to_string()))
}

impl Builder {
    fn add(&mut self, text: &str, origin: &str) -> Result<(), ConfigError> {
        let raw: RawPack = toml::from_str(text).map_err(|err| {
            let line = err.span().map(|span| line_of(text, span.start));
            pack_error(origin, line, "patterns", err.message().to_owned())
        })?;
        let pack_at = At {
            text,
            span: 0..text.len(),
            origin,
        };
        let pack_index = self.packs.len();
        let mut info = pack_info(raw.framework, &pack_at)?;
        let pack_languages = info.languages.clone();
        // Compile into scratch space first: a pack is added whole or not at all.
        let mut staged = Builder {
            node_rules: Vec::new(),
            literal_regexes: Vec::new(),
            content_regexes: Vec::new(),
            ..Builder::default()
        };
        let node_base = self.node_rules.len();
        let literal_base = self.literal_regexes.len();
        let content_base = self.content_regexes.len();
        let mut ids: Vec<String> = Vec::new();
        for spanned in raw.patterns {
            let span = spanned.span();
            let raw = spanned.into_inner();
            let at = At { text, span, origin };
            if ids.contains(&raw.id) {
                return Err(at.error("id", &raw.id, format!("`{}` is used twice", raw.id)));
            }
            if raw.id.trim().is_empty() || raw.id.contains(char::is_whitespace) {
                return Err(at.error("id", &raw.id, "an id is one word without spaces".into()));
            }
            ids.push(raw.id.clone());
            if !raw.enabled {
                continue;
            }
            let index = self.patterns.len() + staged.patterns.len();
            let pattern = staged.pattern_def(
                raw,
                &at,
                (index, pack_index),
                &pack_languages,
                (node_base, literal_base, content_base),
            )?;
            staged.patterns.push(pattern);
        }
        lone_alternatives(&staged.patterns, &pack_at)?;
        info.patterns = staged.patterns.len();
        self.packs.push(info);
        // A user pattern with a known id replaces the earlier one (whose syntax rule is
        // retired: rule indexes are kept stable).
        let provisional = self.patterns.len();
        let mut placed = Vec::with_capacity(staged.patterns.len());
        for pattern in staged.patterns {
            if let Some(at) = self
                .patterns
                .iter()
                .position(|known| known.id == pattern.id)
            {
                for rule in &mut self.node_rules {
                    if rule.0 == at {
                        rule.0 = RETIRED;
                    }
                }
                self.patterns[at] = pattern;
                placed.push(at);
            } else {
                placed.push(self.patterns.len());
                self.patterns.push(pattern);
            }
        }
        self.node_rules.extend(
            staged
                .node_rules
                .into_iter()
                .map(|(pattern, rule)| (placed[pattern - provisional], rule)),
        );
        self.literal_regexes.extend(staged.literal_regexes);
        self.content_regexes.extend(staged.content_regexes);
        Ok(())
    }

    /// Compiles one pattern of a pack: `(index, pack)` are its future index and its pack's.
    fn pattern_def(
        &mut self,
        raw: RawPattern,
        at: &At<'_>,
        (index, pack): (usize, usize),
        pack_languages: &[Language],
        bases: (usize, usize, usize),
    ) -> Result<PatternDef, ConfigError> {
        let category = Category::from_name(&raw.category).ok_or_else(|| {
            at.error(
                "category",
                &raw.category,
                format!(
                    "`{}` is not one of {}",
                    raw.category,
                    Category::ALL
                        .iter()
                        .map(|c| c.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        let confidence = raw.confidence.unwrap_or(0.80);
        if !(0.0..=1.0).contains(&confidence) {
            return Err(at.error("confidence", "confidence", "must be between 0 and 1".into()));
        }
        let severity = match &raw.severity {
            Some(name) => Some(ViolationSeverity::from_name(name).ok_or_else(|| {
                at.error(
                    "severity",
                    name,
                    format!("`{name}` is not error, warning, info or hint"),
                )
            })?),
            None => None,
        };
        if let Some(fix) = &raw.fix
            && !FIX_STRATEGIES.contains(&fix.strategy.as_str())
        {
            return Err(at.error(
                "fix.strategy",
                &fix.strategy,
                format!(
                    "`{}` is not one of {}",
                    fix.strategy,
                    FIX_STRATEGIES.join(", ")
                ),
            ));
        }
        let mut languages = language_list(&raw.matcher.languages)
            .map_err(|reason| at.error("match.languages", "languages", reason))?;
        if languages.is_empty() {
            languages = pack_languages.to_vec();
        }
        let accepted = raw.learn.as_ref().is_some_and(|learn| learn.accepted);
        let (signal, threshold, group) = learning(
            raw.learn.as_ref(),
            &raw.id,
            raw.sub_type.as_deref(),
            category,
            at,
        )?;
        let matcher = self.matcher(&raw.matcher, at, index, &languages, bases)?;
        if matcher.node.is_none() && matcher.is_empty() {
            return Err(at.error("match", "match", "the match block has no predicate".into()));
        }
        Ok(PatternDef {
            name: raw.name.unwrap_or_else(|| {
                raw.id
                    .rsplit('/')
                    .next()
                    .unwrap_or(&raw.id)
                    .replace(['-', '_'], " ")
            }),
            id: raw.id,
            category,
            sub_type: raw.sub_type,
            description: raw.description.unwrap_or_default(),
            #[allow(clippy::cast_possible_truncation)]
            confidence: confidence as f32,
            cwe_ids: raw.cwe_ids,
            owasp: raw.owasp,
            severity,
            message: raw.message,
            fix: raw.fix.map(|fix| Fix {
                strategy: fix.strategy,
                description: fix.description,
            }),
            pack,
            languages,
            signal,
            group,
            deviation_threshold: 1.0 - threshold,
            accepted,
            matcher,
        })
    }

    fn matcher(
        &mut self,
        raw: &RawMatch,
        at: &At<'_>,
        pattern: usize,
        languages: &[Language],
        bases: (usize, usize, usize),
    ) -> Result<Matcher, ConfigError> {
        let names = |key: &str, items: &[String]| {
            NameSet::new(items).map_err(|reason| at.error(key, key, reason))
        };
        let regex_of = |key: &str, items: &[String]| {
            for item in items {
                regex(item).map_err(|reason| at.error(key, item, reason))?;
            }
            alternation(items).map_err(|reason| at.error(key, key, reason))
        };
        let mut calls = Vec::new();
        for item in &raw.calls {
            let (receiver, method) = match item.rsplit_once('.') {
                Some((receiver, method)) => (Some(receiver), method),
                None => (None, item.as_str()),
            };
            calls.push(CallName {
                receiver: receiver
                    .map(|receiver| NameSet::new(&[receiver.to_owned()]))
                    .transpose()
                    .map_err(|reason| at.error("calls", item, reason))?,
                method: NameSet::new(&[method.to_owned()])
                    .map_err(|reason| at.error("calls", item, reason))?,
            });
        }
        let mut string_literals = Vec::new();
        for item in &raw.string_literals {
            let compiled =
                regex(item).map_err(|reason| at.error("string_literals", item, reason))?;
            string_literals.push(bases.1 + self.literal_regexes.len());
            self.literal_regexes.push(compiled);
        }
        let mut content_patterns = Vec::new();
        for item in &raw.content_patterns {
            regex(item).map_err(|reason| at.error("content_patterns", item, reason))?;
            let compiled = regex(&format!("(?m){item}"))
                .map_err(|reason| at.error("content_patterns", item, reason))?;
            content_patterns.push(bases.2 + self.content_regexes.len());
            self.content_regexes.push(compiled);
        }
        let mut error_handling = Vec::new();
        for item in &raw.error_handling {
            let kind = ErrorHandlingKind::ALL
                .iter()
                .copied()
                .find(|kind| kind.name() == item)
                .ok_or_else(|| {
                    at.error(
                        "error_handling",
                        item,
                        format!(
                            "`{item}` is not a construct kind (try, catch, finally, throw, ...)"
                        ),
                    )
                })?;
            error_handling.push(kind);
        }
        let node = match &raw.node {
            None => None,
            Some(node) => {
                let rule = node_rule(node, at, languages)?;
                self.node_rules.push((pattern, rule));
                Some(bases.0 + self.node_rules.len() - 1)
            }
        };
        let not = match &raw.not {
            None => None,
            Some(block) => {
                if block.node.is_some() {
                    return Err(at.error(
                        "not.node",
                        "node",
                        "a `not` block cannot hold a node predicate".into(),
                    ));
                }
                let inner = self.matcher(block, at, pattern, languages, bases)?;
                Some(Box::new(inner))
            }
        };
        Ok(Matcher {
            imports: raw.imports.clone(),
            decorators: names("decorators", &raw.decorators)?,
            calls,
            extends: names("extends", &raw.extends)?,
            implements: names("implements", &raw.implements)?,
            function_names: regex_of("function_names", &raw.function_names)?,
            class_names: regex_of("class_names", &raw.class_names)?,
            param_types: names("param_types", &raw.param_types)?,
            return_types: names("return_types", &raw.return_types)?,
            string_literals,
            content_patterns,
            type_annotations: regex_of("type_annotations", &raw.type_annotations)?,
            exports: names("exports", &raw.exports)?,
            error_handling,
            file_patterns: globs(&raw.file_patterns)
                .map_err(|(item, reason)| at.error("file_patterns", &item, reason))?,
            node,
            not,
        })
    }

    fn finish(self) -> DetectionSet {
        let literal_set = RegexSetBuilder::new(self.literal_regexes.iter().map(Regex::as_str))
            .size_limit(REGEX_SIZE_LIMIT * 16)
            .build()
            .unwrap_or_else(|_| RegexSet::empty());
        let content_set = RegexSetBuilder::new(self.content_regexes.iter().map(Regex::as_str))
            .size_limit(REGEX_SIZE_LIMIT * 16)
            .build()
            .unwrap_or_else(|_| RegexSet::empty());
        let by_id = self
            .patterns
            .iter()
            .enumerate()
            .map(|(index, pattern)| (pattern.id.clone(), index))
            .collect();
        DetectionSet {
            packs: self.packs,
            patterns: self.patterns,
            errors: self.errors,
            node_rules: self.node_rules,
            literal_regexes: self.literal_regexes,
            literal_set,
            content_regexes: self.content_regexes,
            content_set,
            syntax: OnceLock::new(),
            anchors: OnceLock::new(),
            by_id,
        }
    }
}

impl Matcher {
    /// Whether no predicate is set (a `not` alone does not count).
    fn is_empty(&self) -> bool {
        self.imports.is_empty()
            && self.decorators.is_empty()
            && self.calls.is_empty()
            && self.extends.is_empty()
            && self.implements.is_empty()
            && self.function_names.is_none()
            && self.class_names.is_none()
            && self.param_types.is_empty()
            && self.return_types.is_empty()
            && self.string_literals.is_empty()
            && self.content_patterns.is_empty()
            && self.type_annotations.is_none()
            && self.exports.is_empty()
            && self.error_handling.is_empty()
            && self.file_patterns.is_none()
            && self.node.is_none()
    }
}

/// Compiles a `node` predicate, checking every kind name against the grammars of the
/// pattern's languages: a kind no grammar knows is an error (a typo would never match).
fn node_rule(raw: &RawNode, at: &At<'_>, languages: &[Language]) -> Result<NodeRule, ConfigError> {
    if raw.kinds.is_empty() {
        return Err(at.error(
            "node.kinds",
            "kinds",
            "at least one node kind is needed".into(),
        ));
    }
    let grammars: Vec<tree_sitter::Language> = languages::ALL
        .iter()
        .filter(|spec| languages.is_empty() || languages.contains(&spec.language))
        .flat_map(|spec| spec.dialects.iter())
        .map(|dialect| tree_sitter::Language::new(dialect.grammar))
        .collect();
    let known = |kind: &str| {
        grammars
            .iter()
            .any(|grammar| grammar.id_for_node_kind(kind, true) != 0)
    };
    for (key, kinds) in [
        ("node.kinds", &raw.kinds),
        ("node.inside", &raw.inside),
        ("node.not_inside", &raw.not_inside),
        ("node.has_child", &raw.has_child),
        ("node.no_child", &raw.no_child),
    ] {
        if let Some(unknown) = kinds.iter().find(|kind| !known(kind)) {
            return Err(at.error(
                key,
                unknown,
                format!(
                    "`{unknown}` is not a node kind of the grammars of {}",
                    if languages.is_empty() {
                        "any language".to_owned()
                    } else {
                        languages
                            .iter()
                            .map(|language| language.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ),
            ));
        }
    }
    if let Some(field) = &raw.field
        && !grammars
            .iter()
            .any(|grammar| grammar.field_id_for_name(field).is_some())
    {
        return Err(at.error(
            "node.field",
            field,
            format!("`{field}` is not a field name of these grammars"),
        ));
    }
    let compile = |key: &str, source: &Option<String>| {
        source
            .as_deref()
            .map(|source| regex(source).map_err(|reason| at.error(key, source, reason)))
            .transpose()
    };
    Ok(NodeRule {
        kinds: raw.kinds.clone(),
        text: compile("node.text", &raw.text)?,
        not_text: compile("node.not_text", &raw.not_text)?,
        inside: raw.inside.clone(),
        not_inside: raw.not_inside.clone(),
        has_child: raw.has_child.clone(),
        no_child: raw.no_child.clone(),
        empty: raw.empty,
        field: raw.field.clone(),
        field_text: compile("node.field_text", &raw.field_text)?,
    })
}

/// The `[framework]` table of a pack (a category pack has none), with its signals compiled.
fn pack_info(framework: Option<RawFramework>, pack_at: &At<'_>) -> Result<PackInfo, ConfigError> {
    let origin = pack_at.origin;
    let (framework, display_name, pack_languages, version, detect_by) = match framework {
        Some(framework) => (
            Some(framework.name.clone()),
            framework.display_name.unwrap_or(framework.name),
            language_list(&framework.languages)
                .map_err(|reason| pack_at.error("framework.languages", "languages", reason))?,
            framework.version,
            framework.detect_by,
        ),
        None => (None, origin.to_owned(), Vec::new(), None, Vec::new()),
    };
    let mut signals = Vec::new();
    for signal in detect_by {
        let set = [
            signal.import.map(FrameworkSignal::Import),
            signal.file_pattern.map(FrameworkSignal::FilePattern),
            signal.decorator.map(FrameworkSignal::Decorator),
            signal.dependency.map(FrameworkSignal::Dependency),
        ];
        let mut given = set.into_iter().flatten();
        let (Some(one), None) = (given.next(), given.next()) else {
            return Err(pack_at.error(
                "detect_by",
                "detect_by",
                "each signal names exactly one of import, file_pattern, decorator, dependency"
                    .into(),
            ));
        };
        signals.push(one);
    }
    let file_signals: Vec<String> = signals
        .iter()
        .filter_map(|signal| match signal {
            FrameworkSignal::FilePattern(glob) => Some(glob.clone()),
            _ => None,
        })
        .collect();
    let signal_files =
        globs(&file_signals).map_err(|(item, reason)| pack_at.error("detect_by", &item, reason))?;
    let decorator_signals: Vec<String> = signals
        .iter()
        .filter_map(|signal| match signal {
            FrameworkSignal::Decorator(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    let signal_decorators = NameSet::new(&decorator_signals)
        .map_err(|reason| pack_at.error("detect_by", "decorator", reason))?;
    Ok(PackInfo {
        origin: origin.to_owned(),
        framework,
        display_name,
        languages: pack_languages,
        version,
        signals,
        signal_files,
        signal_decorators,
        patterns: 0,
    })
}

/// A pattern's `[patterns.learn]`: its signal, deviation threshold and learn group.
fn learning(
    learn: Option<&RawLearn>,
    id: &str,
    sub_type: Option<&str>,
    category: Category,
    at: &At<'_>,
) -> Result<(Signal, f64, String), ConfigError> {
    match learn {
        None => Ok((Signal::Presence, 0.15, id.to_owned())),
        Some(learn) => {
            let signal = match learn.signal.as_deref().unwrap_or("convention") {
                "convention" => Signal::Convention,
                "presence" | "frequency" => Signal::Presence,
                other => {
                    return Err(at.error(
                        "learn.signal",
                        other,
                        format!("`{other}` is not convention, frequency or presence"),
                    ));
                }
            };
            let threshold = learn.deviation_threshold.unwrap_or(0.15);
            if !(0.0..=0.5).contains(&threshold) {
                return Err(at.error(
                    "learn.deviation_threshold",
                    "deviation_threshold",
                    "must be between 0 and 0.5".into(),
                ));
            }
            let group = match learn.group_by.as_deref().unwrap_or("sub_type") {
                "sub_type" => match sub_type {
                    Some(sub_type) => format!("{}:{sub_type}", category.name()),
                    None => {
                        return Err(at.error(
                            "learn.group_by",
                            "group_by",
                            "grouping by sub_type needs a sub_type".into(),
                        ));
                    }
                },
                "pattern_id" => id.to_owned(),
                "category" => category.name().to_owned(),
                other => {
                    return Err(at.error(
                        "learn.group_by",
                        other,
                        format!("`{other}` is not sub_type, pattern_id or category"),
                    ));
                }
            };
            Ok((signal, threshold, group))
        }
    }
}

/// Single-alternative convention groups learn nothing (spec: every learn group lists its
/// alternatives): the first such pattern of a pack is an error.
fn lone_alternatives(patterns: &[PatternDef], pack_at: &At<'_>) -> Result<(), ConfigError> {
    for pattern in patterns {
        if pattern.signal == Signal::Convention
            && patterns
                .iter()
                .filter(|other| other.group == pattern.group)
                .count()
                < 2
        {
            return Err(pack_at.error(
                "learn",
                &pattern.id,
                format!(
                    "`{}` is the only alternative of its group `{}`: a convention needs two",
                    pattern.id, pattern.group
                ),
            ));
        }
    }
    Ok(())
}
