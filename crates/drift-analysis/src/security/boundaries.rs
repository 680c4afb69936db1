//! Data-access boundaries: where code touches persistent data, through an ORM, a query builder
//! or raw SQL. The matchers are data (`packs/boundaries.toml`).
//!
//! A framework is active in a file that imports it, lies in its layout (`app/models/`) or
//! declares one of its models. Each of
//! the file's calls is then matched: its receiver text against the framework's receiver
//! patterns and its method name, by equality, against the operation lists, so `update`
//! matches `update` and never `updateProgress`. The model comes from the receiver
//! (`User.objects`), the first argument (`session.query(Order)`) or the receiver's variable
//! name (`userRepository`). Calls that take SQL text are raw queries: their table is read from
//! the SQL, and building the SQL by concatenation or interpolation on that line is flagged
//! (CWE-89). Model classes (by base class or decorator) are reported as definitions.
//!
//! ```
//! use drift_analysis::parsers::ParserManager;
//! use drift_analysis::security::boundaries::BoundaryRules;
//!
//! let code = "from django.db import models\n\ndef active():\n    return User.objects.filter(active=True)\n";
//! let result = ParserManager::new(0).parse("app/views.py", code.as_bytes()).unwrap();
//! let found = BoundaryRules::builtin().accesses_of(&result, code.as_bytes());
//! assert_eq!((found[0].model.as_str(), found[0].operation.as_str()), ("User", "select"));
//! assert_eq!(found[0].function.as_deref(), Some("active"));
//! ```

use std::sync::OnceLock;

use drift_core::Language;
use drift_core::errors::ConfigError;
use drift_core::types::parse::ParseResult;
use drift_core::types::security::DataAccess;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::{
    arguments_of, first_literal, line_of, line_starts, pack_error, split_top_level, text_from_line,
};

/// The matchers Drift ships.
const BUILTIN: &str = include_str!("packs/boundaries.toml");

/// Words the table pattern catches after `FROM`, `JOIN` and the like that name no table.
const NOT_TABLES: [&str; 6] = ["select", "where", "set", "values", "dual", "lateral"];

/// The model of an access whose model or table cannot be read from the code.
pub const UNKNOWN_MODEL: &str = "(unknown)";

/// Operations, strongest first: of several calls on one line touching one model (a chain),
/// the strongest names the access.
pub const OPERATIONS: [&str; 8] = [
    "delete",
    "update",
    "upsert",
    "insert",
    "raw_query",
    "aggregate",
    "count",
    "select",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    framework: Vec<toml::Spanned<RawFramework>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    id: String,
    name: String,
    language: String,
    #[serde(default)]
    imports: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    activate_bases: Vec<String>,
    #[serde(default)]
    model_bases: Vec<String>,
    #[serde(default)]
    model_decorators: Vec<String>,
    #[serde(default)]
    access: Vec<RawAccess>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccess {
    receiver: String,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    prefixes: bool,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    insert: Vec<String>,
    #[serde(default)]
    update: Vec<String>,
    #[serde(default)]
    upsert: Vec<String>,
    #[serde(default)]
    delete: Vec<String>,
    #[serde(default)]
    count: Vec<String>,
    #[serde(default)]
    aggregate: Vec<String>,
    #[serde(default)]
    raw_query: Vec<String>,
    #[serde(default)]
    unsafe_methods: Vec<String>,
    #[serde(default, rename = "unsafe")]
    unsafe_: Vec<String>,
    #[serde(default)]
    exclude_models: Vec<String>,
}

/// Where an access's model comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ModelFrom {
    /// The receiver pattern's `model` group.
    Receiver,
    /// The call's first argument.
    Argument,
    /// The receiver's variable name without its Repository/Repo/Dao suffix.
    Variable,
    /// The table named in the SQL the call takes.
    Sql,
}

#[derive(Debug)]
struct Access {
    receiver: Regex,
    model: ModelFrom,
    prefixes: bool,
    /// (operation, methods).
    operations: Vec<(&'static str, Vec<String>)>,
    unsafe_methods: Vec<String>,
    exclude_models: Vec<String>,
}

#[derive(Debug)]
struct Framework {
    id: String,
    name: String,
    language: String,
    imports: Vec<String>,
    /// Path fragments of the framework's layout (`app/models/`): files there use it unseen.
    paths: Vec<String>,
    /// Base classes telling that a file uses the framework without importing it
    /// (`ApplicationRecord`, a controller): only names no other library uses.
    activate_bases: Vec<String>,
    model_bases: Vec<String>,
    model_decorators: Vec<String>,
    accesses: Vec<Access>,
}

impl Framework {
    fn applies_to(&self, language: Language) -> bool {
        let name = language.name();
        self.language == name
            || (matches!(self.language.as_str(), "javascript" | "typescript")
                && matches!(name, "javascript" | "typescript"))
            || (self.language == "java" && name == "kotlin")
    }

    /// Whether the file at `result` uses the framework: it imports it, lies in its layout, or
    /// declares a class on one of its telling bases (`ApplicationRecord`); a framework with none of these signals (a raw driver) is
    /// active in every file of its language.
    fn active_in(&self, result: &ParseResult) -> bool {
        if !self.applies_to(result.language) {
            return false;
        }
        if self.imports.is_empty() && self.paths.is_empty() && self.activate_bases.is_empty() {
            return true;
        }
        result.imports.iter().any(|import| {
            self.imports
                .iter()
                .any(|prefix| import.source.starts_with(prefix.as_str()))
        }) || self
            .paths
            .iter()
            .any(|marker| result.path.contains(marker.as_str()))
            || result.classes.iter().any(|class| {
                class
                    .bases
                    .iter()
                    .any(|base| self.activate_bases.contains(base))
            })
    }
}

/// Compiled data-access matchers.
#[derive(Debug)]
pub struct BoundaryRules {
    frameworks: Vec<Framework>,
    sql: Regex,
    table: Regex,
}

impl BoundaryRules {
    /// The matchers Drift ships, compiled once per process.
    ///
    /// # Panics
    ///
    /// If the built-in matchers do not compile (a test keeps them compiling).
    pub fn builtin() -> &'static Self {
        static RULES: OnceLock<BoundaryRules> = OnceLock::new();
        RULES.get_or_init(|| {
            Self::parse(BUILTIN, "packs/boundaries.toml")
                .expect("the built-in boundary matchers compile")
        })
    }

    /// Compiles matchers from `text` (TOML); `origin` names it in errors.
    ///
    /// Errors: `[CONFIG_INVALID]` with the file and line (bad TOML, a receiver pattern that does
    /// not compile, an unknown `model` source).
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let raw: RawPack = toml::from_str(text).map_err(|err| {
            let line = err.span().map(|span| line_of(text, span.start));
            pack_error(origin, line, "framework", err.message().to_owned())
        })?;
        let mut frameworks = Vec::with_capacity(raw.framework.len());
        for spanned in raw.framework {
            let line = line_of(text, spanned.span().start);
            let raw = spanned.into_inner();
            let mut accesses = Vec::with_capacity(raw.access.len());
            for access in raw.access {
                let receiver = RegexBuilder::new(&access.receiver)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|err| pack_error(origin, Some(line), "receiver", err.to_string()))?;
                let model = match access.model.as_deref() {
                    None | Some("receiver") => ModelFrom::Receiver,
                    Some("argument") => ModelFrom::Argument,
                    Some("variable") => ModelFrom::Variable,
                    Some("sql") => ModelFrom::Sql,
                    Some(other) => {
                        return Err(pack_error(
                            origin,
                            Some(line),
                            "model",
                            format!("`{other}` is not receiver, argument, variable or sql"),
                        ));
                    }
                };
                if model == ModelFrom::Receiver
                    && receiver
                        .capture_names()
                        .flatten()
                        .all(|name| name != "model")
                {
                    return Err(pack_error(
                        origin,
                        Some(line),
                        "receiver",
                        format!(
                            "`{}` needs a (?P<model>...) group, or set `model`",
                            access.receiver
                        ),
                    ));
                }
                let operations = [
                    ("select", access.select),
                    ("insert", access.insert),
                    ("update", access.update),
                    ("upsert", access.upsert),
                    ("delete", access.delete),
                    ("count", access.count),
                    ("aggregate", access.aggregate),
                    ("raw_query", access.raw_query),
                ]
                .into_iter()
                .filter(|(_, methods)| !methods.is_empty())
                .collect();
                let mut unsafe_methods = access.unsafe_;
                unsafe_methods.extend(access.unsafe_methods);
                accesses.push(Access {
                    receiver,
                    model,
                    prefixes: access.prefixes,
                    operations,
                    unsafe_methods,
                    exclude_models: access.exclude_models,
                });
            }
            frameworks.push(Framework {
                id: raw.id,
                name: raw.name,
                language: raw.language,
                imports: raw.imports,
                paths: raw.paths,
                activate_bases: raw.activate_bases,
                model_bases: raw.model_bases,
                model_decorators: raw.model_decorators,
                accesses,
            });
        }
        let build = |pattern: &str| {
            Regex::new(pattern).map_err(|err| pack_error(origin, None, "sql", err.to_string()))
        };
        Ok(Self {
            frameworks,
            sql: build(
                r"(?i)^\s*(?:select\s.+\sfrom\s|insert\s+into\s|update\s+\S+\s+set\s|delete\s+from\s|with\s+\w+\s+as\s*\(|create\s+table\s|drop\s+table\s|alter\s+table\s|truncate\s|merge\s+into\s)",
            )?,
            table: build(
                r#"(?i)\b(?:from|into|update|join|table)\s+[`"\[]?(?P<table>[A-Za-z_][\w.]*)"#,
            )?,
        })
    }

    /// The frameworks' ids and names, in pack order.
    pub fn frameworks(&self) -> impl Iterator<Item = (&str, &str)> {
        self.frameworks
            .iter()
            .map(|framework| (framework.id.as_str(), framework.name.as_str()))
    }

    /// The data accesses and model definitions of `result`, whose text is `source`, in source
    /// order.
    #[must_use]
    pub fn accesses_of(&self, result: &ParseResult, source: &[u8]) -> Vec<DataAccess> {
        let active: Vec<&Framework> = self
            .frameworks
            .iter()
            .filter(|framework| framework.active_in(result))
            .collect();
        if active.is_empty() {
            return Vec::new();
        }
        let starts = line_starts(source);
        let mut found: Vec<DataAccess> = Vec::new();
        for framework in &active {
            for class in &result.classes {
                let by_base = class
                    .bases
                    .iter()
                    .any(|base| framework.model_bases.contains(base));
                let by_decorator = class
                    .decorators
                    .iter()
                    .any(|decorator| framework.model_decorators.contains(decorator));
                if by_base || by_decorator {
                    found.push(DataAccess {
                        framework: framework.id.clone(),
                        model: class.name.clone(),
                        operation: "model".to_owned(),
                        line: class.range.start_line,
                        column: class.range.start_column,
                        function: None,
                        confidence: 0.9,
                        raw_sql: false,
                        unsafe_sql: None,
                    });
                }
            }
        }
        for call in &result.call_sites {
            let receiver = call.receiver.as_deref().unwrap_or_default();
            let line = text_from_line(source, &starts, call.line);
            let Some(access) = active.iter().find_map(|framework| {
                framework.accesses.iter().find_map(|access| {
                    self.match_call(framework, access, receiver, &call.callee, line, call.column)
                })
            }) else {
                continue;
            };
            let function = enclosing_function(result, call.line);
            found.push(DataAccess {
                line: call.line,
                column: call.column,
                function,
                ..access
            });
        }
        merge_chains(found)
    }

    /// The access a call is, for one matcher, or `None`.
    fn match_call(
        &self,
        framework: &Framework,
        access: &Access,
        receiver: &str,
        method: &str,
        line: &[u8],
        column: u32,
    ) -> Option<DataAccess> {
        let operation = access.operations.iter().find_map(|(operation, methods)| {
            methods
                .iter()
                .any(|name| name == method || (access.prefixes && is_prefix(name, method)))
                .then_some(*operation)
        })?;
        let captures = access.receiver.captures(receiver)?;
        let arguments = arguments_of(line, column, method);
        let is_unsafe_api = access.unsafe_methods.iter().any(|name| name == method);
        let sql = arguments
            .as_deref()
            .and_then(|text| split_top_level(text).into_iter().next())
            .and_then(first_literal)
            .filter(|text| self.sql.is_match(text));
        let (model, from_literal) = match access.model {
            ModelFrom::Receiver => (captures.name("model")?.as_str().to_owned(), false),
            ModelFrom::Argument => match arguments
                .as_deref()
                .and_then(|text| self.model_argument(text))
            {
                // A one- or two-letter variable (`db.Create(p)`) says nothing of the model.
                Some((name, false))
                    if name.len() <= 2 && name.starts_with(|c: char| c.is_ascii_lowercase()) =>
                {
                    (UNKNOWN_MODEL.to_owned(), false)
                }
                Some(found) => found,
                None => return None,
            },
            ModelFrom::Variable => {
                let name = captures.name("model").map_or("", |m| m.as_str());
                if name.is_empty() {
                    return None;
                }
                (name.to_owned(), false)
            }
            ModelFrom::Sql => match sql.and_then(|text| self.table_of(text)) {
                Some(table) => (table, true),
                // A raw call without SQL text we can read: the table is unknown.
                None if is_unsafe_api || operation == "raw_query" => {
                    (UNKNOWN_MODEL.to_owned(), false)
                }
                None => return None,
            },
        };
        // `ARGV.select`, `WIN_PATTERNS.find`: constants, not models.
        let constant = model.len() > 1
            && model
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if access.exclude_models.contains(&model)
            || (constant && access.model == ModelFrom::Receiver)
        {
            return None;
        }
        let raw_sql = operation == "raw_query" || access.model == ModelFrom::Sql;
        let unsafe_sql = (raw_sql || is_unsafe_api)
            .then(|| arguments.as_deref().and_then(sql_building))
            .flatten();
        let known_table = model != UNKNOWN_MODEL;
        let mut confidence: f32 = 0.2 + 0.2;
        if known_table {
            confidence += 0.3;
        }
        if from_literal {
            confidence += 0.1;
        }
        Some(DataAccess {
            framework: framework.id.clone(),
            model,
            operation: operation.to_owned(),
            line: 0,
            column: 0,
            function: None,
            confidence: (confidence * 100.0).round() / 100.0,
            raw_sql,
            unsafe_sql,
        })
    }

    /// The model named by a call's first argument: `Order`, `User.class`, `&users`,
    /// `users::table`, `"orders"`; with whether it was a string literal.
    fn model_argument(&self, arguments: &str) -> Option<(String, bool)> {
        let first = split_top_level(arguments).into_iter().next()?.trim();
        if let Some(table) = first_literal(first)
            .filter(|text| self.sql.is_match(text))
            .and_then(|text| self.table_of(text))
        {
            return Some((table, true));
        }
        // `users::table.find(id)`: the table before `::table`.
        if let Some((path, _)) = first.split_once("::table") {
            let table = path
                .rsplit("::")
                .next()
                .unwrap_or(path)
                .trim_start_matches(['&', '*']);
            if !table.is_empty() && table.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Some((table.to_owned(), false));
            }
        }
        let quoted = first.len() >= 2
            && matches!(first.as_bytes()[0], b'"' | b'\'' | b'`')
            && first.as_bytes()[first.len() - 1] == first.as_bytes()[0];
        let text = if quoted {
            &first[1..first.len() - 1]
        } else {
            first
        };
        let text = text
            .trim_start_matches(['&', '*'])
            .trim_end_matches(".class")
            .trim_end_matches("::class")
            .trim_end_matches("::table")
            .trim_end_matches("{}");
        let text = text.rsplit(['.', ':']).next().unwrap_or(text);
        let valid = !text.is_empty()
            && text.chars().all(|c| c.is_alphanumeric() || c == '_')
            && text
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_');
        valid.then(|| (text.to_owned(), quoted))
    }

    /// The first table a SQL text names.
    fn table_of(&self, sql: &str) -> Option<String> {
        let table = self.table.captures(sql)?.name("table")?.as_str();
        let table = table.rsplit('.').next().unwrap_or(table);
        (!NOT_TABLES.contains(&table.to_ascii_lowercase().as_str())).then(|| table.to_owned())
    }
}

/// Spring Data derived queries: `findByEmail` starts with `find` and then a capital.
fn is_prefix(prefix: &str, method: &str) -> bool {
    method.len() > prefix.len()
        && method.starts_with(prefix)
        && method[prefix.len()..].starts_with(|c: char| c.is_ascii_uppercase())
}

/// How the SQL in a call's arguments is built, when it is built from pieces: concatenation or
/// interpolation (the call is then open to SQL injection, CWE-89).
fn sql_building(arguments: &str) -> Option<String> {
    let first = split_top_level(arguments)
        .into_iter()
        .next()
        .unwrap_or_default()
        .trim();
    let checks: [(&str, bool); 7] = [
        (
            "template interpolation",
            first.starts_with('`') && first.contains("${"),
        ),
        (
            "f-string interpolation",
            (first.starts_with("f\"") || first.starts_with("f'") || first.starts_with("F\""))
                && first.contains('{'),
        ),
        (
            "interpolated string",
            first.starts_with("$\"") && first.contains('{'),
        ),
        (
            "Ruby interpolation",
            first.starts_with('"') && first.contains("#{"),
        ),
        (
            "% formatting",
            first.contains("\" %") || first.contains("' %"),
        ),
        (
            "formatting",
            [
                ".format(",
                "format!(",
                "Sprintf(",
                "String.format(",
                "sprintf(",
            ]
            .iter()
            .any(|call| first.contains(call)),
        ),
        ("concatenation", concatenated(first)),
    ];
    checks
        .into_iter()
        .find(|(_, hit)| *hit)
        .map(|(how, _)| format!("SQL built by {how}"))
}

/// A string literal joined by `+` (or PHP's `.`) with a value that is not a constant
/// (`'SELECT * FROM ' . self::TABLE` is safe; `"... id = " + id` is not).
fn concatenated(text: &str) -> bool {
    let operands = concatenation_operands(text);
    if operands.len() < 2 {
        return false;
    }
    let literal = |operand: &str| operand.starts_with(['"', '\'', '`']);
    operands.iter().any(|operand| literal(operand))
        && operands
            .iter()
            .any(|operand| !literal(operand) && !is_constant(operand))
}

/// The operands of a top-level `+` / PHP `.` concatenation, trimmed.
fn concatenation_operands(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut operands = Vec::new();
    let (mut start, mut depth, mut quote) = (0, 0_i32, None::<u8>);
    let mut index = 0;
    while index < bytes.len() {
        let c = bytes[index];
        if let Some(open) = quote {
            if c == b'\\' {
                index += 2;
                continue;
            }
            if c == open {
                quote = None;
            }
            index += 1;
            continue;
        }
        match c {
            b'"' | b'\'' | b'`' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'+' if depth == 0 => {
                operands.push(text[start..index].trim());
                start = index + 1;
            }
            b'.' if depth == 0 => {
                let before = text[..index].trim_end();
                let after = text[index + 1..].trim_start();
                // PHP joins with ` . ` or `.$x`; `'; '.join(...)` calls a method on a literal.
                let spaced = before.len() < index && after.len() < text.len() - index - 1;
                if spaced || after.starts_with(['"', '\'', '$']) {
                    operands.push(text[start..index].trim());
                    start = index + 1;
                }
            }
            _ => {}
        }
        index += 1;
    }
    operands.push(text[start..].trim());
    operands.retain(|operand| !operand.is_empty());
    operands
}

/// A named constant: `TABLE`, `self::TABLE`, `Config.TABLE_NAME`, `static::NAME`.
fn is_constant(operand: &str) -> bool {
    let name = operand.rsplit(['.', ':']).next().unwrap_or(operand);
    name.len() > 1
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && name.starts_with(|c: char| c.is_ascii_uppercase())
}

/// The qualified name of the innermost function holding `line`.
fn enclosing_function(result: &ParseResult, line: u32) -> Option<String> {
    result
        .functions
        .iter()
        .filter(|f| f.range.start_line <= line && line <= f.range.end_line)
        .min_by_key(|f| f.range.end_line - f.range.start_line)
        .map(|f| f.qualified_name.clone())
}

/// One access per line, framework and model: the strongest operation of a chain
/// (`User.objects.filter(...).delete()` deletes); definitions apart; in source order.
fn merge_chains(mut found: Vec<DataAccess>) -> Vec<DataAccess> {
    let rank = |operation: &str| {
        OPERATIONS
            .iter()
            .position(|o| *o == operation)
            .unwrap_or(OPERATIONS.len())
    };
    found.sort_by(|a, b| {
        (a.line, &a.framework, &a.model, rank(&a.operation), a.column).cmp(&(
            b.line,
            &b.framework,
            &b.model,
            rank(&b.operation),
            b.column,
        ))
    });
    let mut merged: Vec<DataAccess> = Vec::with_capacity(found.len());
    for access in found {
        if let Some(last) = merged.last_mut()
            && last.line == access.line
            && last.framework == access.framework
            && last.model == access.model
            && (last.operation == "model") == (access.operation == "model")
        {
            if last.unsafe_sql.is_none() {
                last.unsafe_sql = access.unsafe_sql;
            }
            last.raw_sql |= access.raw_sql;
            last.column = last.column.min(access.column);
            continue;
        }
        merged.push(access);
    }
    merged.sort_by_key(|access| (access.line, access.column));
    merged
}

#[cfg(test)]
mod tests;
