//! Taint: untrusted data (a request's parameters, body, headers, the environment) followed
//! through assignments to the calls that must not receive it unchecked (SQL, shell, eval, file
//! paths, HTML, redirects, deserialisation), unless a sanitizer for that kind of sink is applied
//! on the way. The sources, sinks, sanitizers and guards are data (`packs/taint.toml`), scoped
//! by language. This module finds the flows within each function and writes each function's
//! summary ([`summary`]); [`across`] joins the summaries over the call graph.
//!
//! Each function's own lines (not those of functions nested in it) are read in order. A line
//! that assigns (`x = ...`, `x := ...`, `$x = ...`, `String x = ...`) taints its variable when
//! the right side reads a source or a tainted variable, keeps what sanitizers it went through,
//! and clears it otherwise (unless the line is nested deeper than the one that tainted it: a
//! default set in an `if` may not run). Each call on a line is checked, before that line's assignment, for
//! being a sink whose checked arguments read a source or a tainted variable not sanitized for
//! it. A parameterised query (the value passed apart from the SQL text) is not a flow.
//!
//! ```
//! use drift_analysis::parsers::ParserManager;
//! use drift_analysis::security::taint::TaintRules;
//!
//! let code = "def search(request, cursor):\n    term = request.GET['q']\n    cursor.execute(\"SELECT * FROM t WHERE a = '%s'\" % term)\n";
//! let result = ParserManager::new(0).parse("app/views.py", code.as_bytes()).unwrap();
//! let flows = TaintRules::builtin().flows_of(&result, code.as_bytes());
//! assert_eq!((flows[0].sink_type.as_str(), flows[0].source_line, flows[0].sink_line), ("sql_query", 1, 2));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use drift_core::Language;
use drift_core::errors::ConfigError;
use drift_core::types::parse::{CallSite, FunctionInfo, ParseResult};
use drift_core::types::security::{TaintFlow, TaintStep};
use regex::{Regex, RegexSet};
use serde::Deserialize;

use super::{arguments_of, line_of, line_starts, pack_error, split_top_level, text_from_line};

pub mod across;
pub mod summary;

pub use summary::{FunctionSummary, Origin, Record, SUMMARY_VERSION, TaintSummary, Target};

/// The rules Drift ships.
const BUILTIN: &str = include_str!("packs/taint.toml");

/// Longest source or sink text kept in a flow.
const MAX_TEXT: usize = 80;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    source: Vec<RawSource>,
    sink: Vec<RawSink>,
    sanitizer: Vec<RawSanitizer>,
    #[serde(default)]
    guard: Vec<RawSanitizer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    languages: Vec<String>,
    label: String,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    param_annotation: Vec<String>,
    #[serde(default)]
    param_pattern: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSink {
    languages: Vec<String>,
    #[serde(rename = "type")]
    kind: String,
    cwe: u32,
    methods: Vec<String>,
    #[serde(default)]
    receiver: Option<String>,
    args: Vec<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSanitizer {
    languages: Vec<String>,
    names: Vec<String>,
    protects: Vec<String>,
}

#[derive(Debug)]
enum SourceMatch {
    /// An expression: a regex over code text.
    Expression(Regex),
    /// A parameter carrying one of these annotations (Java) or attributes (C#).
    Parameter(Regex),
}

#[derive(Debug)]
struct Source {
    languages: Vec<String>,
    label: String,
    matcher: SourceMatch,
}

#[derive(Debug)]
struct Sink {
    languages: Vec<String>,
    kind: String,
    cwe: u32,
    methods: Vec<String>,
    receiver: Option<Regex>,
    args: Vec<usize>,
}

#[derive(Debug)]
struct Sanitizer {
    languages: Vec<String>,
    /// The names as written in the rules (`html.escape`).
    names: Vec<String>,
    /// One regex finding a call to any of the names (`None` without names). One per rule, not
    /// per name: each compiled regex with Unicode word classes takes about 150 KiB, and as much
    /// again per thread that searches with it.
    calls: Option<Regex>,
    protects: Vec<String>,
}

/// Compiled taint rules.
#[derive(Debug)]
pub struct TaintRules {
    sources: Vec<Source>,
    sinks: Vec<Sink>,
    sanitizers: Vec<Sanitizer>,
    /// Checks that make the variables passed to them safe from their line on.
    guards: Vec<Sanitizer>,
    /// The expression sources as one set: whether a line reads any of its language's.
    source_lines: SourceLines,
    assignment: Regex,
}

/// A file's text, by line, and its calls by line (by column within one).
struct Code<'a> {
    lines: Vec<&'a [u8]>,
    source: &'a [u8],
    starts: Vec<usize>,
    calls: HashMap<u32, Vec<&'a CallSite>>,
}

/// What a value carries: where it came from, how it got here, and what it is safe for.
#[derive(Debug, Clone)]
struct Taint {
    origin: Origin,
    steps: Vec<TaintStep>,
    safe_for: Vec<String>,
}

impl Taint {
    fn is_safe_for(&self, kind: &str) -> bool {
        self.safe_for.iter().any(|safe| safe == "*" || safe == kind)
    }
}

/// Most calls on one line whose arguments and results are summarised: a line with more is
/// minified or generated code (its sinks are still checked).
const MAX_SUMMARISED_CALLS: usize = 64;

/// Most origins one variable keeps track of.
const MAX_ORIGINS: usize = 6;

/// Bytes of a call read for the arguments passed to another function (a sink's are read to
/// [`super::CALL_TEXT`]).
const ARGUMENT_TEXT: usize = 1024;

/// Adds `taint` to `taints` unless one of the same origin is there, up to [`MAX_ORIGINS`].
fn merge(taints: &mut Vec<Taint>, taint: Taint) {
    if taints.len() < MAX_ORIGINS && taints.iter().all(|known| known.origin != taint.origin) {
        taints.push(taint);
    }
}

/// Adds `record` to `records` unless the same origin already reaches the same target, up to
/// [`summary::MAX_RECORDS`].
fn record(records: &mut Vec<Record>, record: Record) {
    if records.len() < summary::MAX_RECORDS
        && records
            .iter()
            .all(|known| known.origin != record.origin || known.target != record.target)
    {
        records.push(record);
    }
}

/// A parameter's name as the code uses it (`*args` -> `args`, `&mut self` -> `self`); `None`
/// for a pattern (`{ a, b }`).
fn parameter_name(written: &str) -> Option<&str> {
    let name = written
        .trim_start_matches(['*', '&', '.'])
        .trim_start_matches("mut ")
        .trim();
    let mut chars = name.strip_prefix('$').unwrap_or(name).chars();
    (chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_'))
    .then_some(name)
}

/// A parameter that is the receiver of a method: the first argument of a call binds the next.
fn is_receiver(name: &str) -> bool {
    matches!(name, "self" | "cls" | "this")
}

/// `name=value` (Python, Kotlin, C#, Ruby `name:`): the keyword and the value; else the whole
/// argument.
fn keyword_argument(argument: &str) -> (Option<String>, &str) {
    let trimmed = argument.trim();
    let split = trimmed
        .find('=')
        .filter(|&at| !trimmed[at + 1..].starts_with('=') && at > 0)
        .or_else(|| trimmed.find(": ").filter(|&at| at > 0));
    if let Some(at) = split {
        let name = trimmed[..at].trim();
        if parameter_name(name) == Some(name) && !name.starts_with('$') {
            return (
                Some(name.to_owned()),
                trimmed[at + 1..].trim_start_matches([' ', ':']),
            );
        }
    }
    (None, trimmed)
}

/// The expression a `return` line returns.
fn returned(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix("return")?;
    (rest.starts_with([' ', '(', '\t']))
        .then(|| rest.trim().trim_end_matches(';'))
        .filter(|expression| !expression.is_empty())
}

/// How a source of the rules is matched: an expression, an annotated parameter or a parameter a
/// pattern finds. Errors: `[CONFIG_INVALID]` for a bad regex or not exactly one way given.
fn source_matcher(source: &RawSource, origin: &str) -> Result<SourceMatch, ConfigError> {
    let compile = |key: &str, pattern: &str| {
        Regex::new(pattern).map_err(|err| pack_error(origin, None, key, err.to_string()))
    };
    let annotated = !source.param_annotation.is_empty();
    let matcher = match (&source.pattern, annotated, &source.param_pattern) {
        (Some(pattern), false, None) => SourceMatch::Expression(compile("pattern", pattern)?),
        (None, true, None) => {
            let names = source
                .param_annotation
                .iter()
                .map(|name| regex::escape(name))
                .collect::<Vec<_>>()
                .join("|");
            SourceMatch::Parameter(compile(
                "param_annotation",
                &format!(
                    r"(?:@|\[)(?:{names})\b(?:\([^)]*\))?\]?\s+(?:final\s+|readonly\s+)?[\w<>\[\]?,. ]*?\b(\w+)\s*(?:[,)=]|\??:)"
                ),
            )?)
        }
        (None, false, Some(pattern)) => {
            let regex = compile("param_pattern", pattern)?;
            if regex.captures_len() < 2 {
                return Err(pack_error(
                    origin,
                    None,
                    "param_pattern",
                    format!("`{pattern}` needs a group capturing the parameter's name"),
                ));
            }
            SourceMatch::Parameter(regex)
        }
        _ => {
            return Err(pack_error(
                origin,
                None,
                "source",
                format!(
                    "a `{}` source needs one of `pattern`, `param_annotation` or `param_pattern`",
                    source.label
                ),
            ));
        }
    };
    Ok(matcher)
}

/// The text a parameter source matched, without the punctuation after it (`@RequestParam
/// String q`, `Query(params)`).
fn signature_source(matched: &str) -> &str {
    let text = matched.trim_end_matches([',', '=', ' ', ':', '?']);
    if text.matches(')').count() > text.matches('(').count() {
        text.strip_suffix(')').unwrap_or(text).trim_end()
    } else {
        text
    }
}

/// Every expression source in one set (a line that matches none reads none), each pattern
/// with the languages it is for. One set for all languages rather than one per language, which
/// compiled a pattern for several languages once for each.
#[derive(Debug)]
struct SourceLines {
    set: RegexSet,
    languages: Vec<Vec<Language>>,
}

impl SourceLines {
    fn new(sources: &[Source], origin: &str) -> Result<Self, ConfigError> {
        let (patterns, languages): (Vec<&str>, Vec<Vec<Language>>) = sources
            .iter()
            .filter_map(|source| match &source.matcher {
                SourceMatch::Expression(regex) => Some((
                    regex.as_str(),
                    Language::ALL
                        .into_iter()
                        .filter(|&language| for_language(&source.languages, language))
                        .collect(),
                )),
                SourceMatch::Parameter(_) => None,
            })
            .unzip();
        let set = RegexSet::new(patterns)
            .map_err(|err| pack_error(origin, None, "pattern", err.to_string()))?;
        Ok(Self { set, languages })
    }

    /// Whether `text` reads a source of `language`. `is_match` first: most lines read no
    /// source, and it answers them without the overlapping search `matches` makes for every
    /// pattern; only a line that matches something is searched twice.
    fn reads(&self, text: &str, language: Language) -> bool {
        self.set.is_match(text)
            && self
                .set
                .matches(text)
                .iter()
                .any(|at| self.languages[at].contains(&language))
    }
}

fn for_language(languages: &[String], language: Language) -> bool {
    let name = language.name();
    languages.iter().any(|wanted| {
        wanted == name
            || (wanted == "javascript" && name == "typescript")
            || (wanted == "java" && name == "kotlin")
    })
}

fn clip(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MAX_TEXT) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

impl TaintRules {
    /// The rules Drift ships, compiled once per process.
    ///
    /// # Panics
    ///
    /// If the built-in rules do not compile (a test keeps them compiling).
    pub fn builtin() -> &'static Self {
        static RULES: OnceLock<TaintRules> = OnceLock::new();
        RULES.get_or_init(|| {
            Self::parse(BUILTIN, "packs/taint.toml").expect("the built-in taint rules compile")
        })
    }

    /// Compiles rules from `text` (TOML); `origin` names it in errors.
    ///
    /// Errors: `[CONFIG_INVALID]` with the file and line (bad TOML, a regex that does not
    /// compile, a source with not exactly one of `pattern`, `param_annotation`, `param_pattern`).
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let raw: RawRules = toml::from_str(text).map_err(|err| {
            let line = err.span().map(|span| line_of(text, span.start));
            pack_error(origin, line, "taint", err.message().to_owned())
        })?;
        let compile = |key: &str, pattern: &str| {
            Regex::new(pattern).map_err(|err| pack_error(origin, None, key, err.to_string()))
        };
        let mut sources = Vec::with_capacity(raw.source.len());
        for source in raw.source {
            let matcher = source_matcher(&source, origin)?;
            sources.push(Source {
                languages: source.languages,
                label: source.label,
                matcher,
            });
        }
        let mut sinks = Vec::with_capacity(raw.sink.len());
        for sink in raw.sink {
            sinks.push(Sink {
                languages: sink.languages,
                kind: sink.kind,
                cwe: sink.cwe,
                methods: sink.methods,
                receiver: sink
                    .receiver
                    .as_deref()
                    .map(|pattern| compile("receiver", pattern))
                    .transpose()?,
                args: sink.args,
            });
        }
        let compile_sanitizers = |raw: Vec<RawSanitizer>| -> Result<Vec<Sanitizer>, ConfigError> {
            raw.into_iter()
                .map(|sanitizer| {
                    // `int(`, `html.escape(`, `.to_i`: a name as a whole, called or (Ruby)
                    // sent without parentheses.
                    let names = sanitizer
                        .names
                        .iter()
                        .map(|name| regex::escape(name))
                        .collect::<Vec<_>>()
                        .join("|");
                    let calls = (!sanitizer.names.is_empty())
                        .then(|| {
                            compile(
                                "names",
                                &format!(r"(?:^|[^\w.$]|\.)(?:{names})\s*(?:\(|$|[^\w])"),
                            )
                        })
                        .transpose()?;
                    Ok(Sanitizer {
                        languages: sanitizer.languages,
                        names: sanitizer.names,
                        calls,
                        protects: sanitizer.protects,
                    })
                })
                .collect()
        };
        let sanitizers = compile_sanitizers(raw.sanitizer)?;
        let guards = compile_sanitizers(raw.guard)?;
        let source_lines = SourceLines::new(&sources, origin)?;
        Ok(Self {
            sources,
            sinks,
            sanitizers,
            guards,
            source_lines,
            assignment: compile(
                "assignment",
                r"^\s*(?:(?:const|let|var|val|final|my|auto|local)\s+)?(?:(?:int|long|short|byte|char|float|double|boolean|bool|string|decimal|uint|usize|i64|u64|i32|u32)\s+|[A-Z][\w<>\[\]?,. ]*\s+)?(?P<var>\$?[A-Za-z_]\w*)\s*(?::\s*[\w<>\[\]|?, .]+)?\s*(?P<op>:=|\+=|\.=|=)\s*(?P<rhs>[^=].*)$",
            )?,
        })
    }

    /// The flows of every function of `result`, whose text is `source`, by sink place.
    #[must_use]
    pub fn flows_of(&self, result: &ParseResult, source: &[u8]) -> Vec<TaintFlow> {
        self.analyse(result, source).0
    }

    /// The flows within each function of `result` (whose text is `source`), by sink place,
    /// and the summary of what its functions do with their parameters, sources and call
    /// results, which flows across functions are composed from.
    #[must_use]
    pub fn analyse(&self, result: &ParseResult, source: &[u8]) -> (Vec<TaintFlow>, TaintSummary) {
        let language = result.language;
        if !self
            .sinks
            .iter()
            .any(|sink| for_language(&sink.languages, language))
        {
            return (Vec::new(), TaintSummary::default());
        }
        let mut calls: HashMap<u32, Vec<&CallSite>> = HashMap::new();
        for call in &result.call_sites {
            calls.entry(call.line).or_default().push(call);
        }
        for on_line in calls.values_mut() {
            on_line.sort_by_key(|call| call.column);
        }
        let code = Code {
            lines: source.split(|&byte| byte == b'\n').collect(),
            source,
            starts: line_starts(source),
            calls,
        };
        let lines = &code.lines;
        // Each line belongs to its innermost function.
        let mut owner: HashMap<u32, usize> = HashMap::new();
        for (index, function) in result.functions.iter().enumerate() {
            for line in function.range.start_line..=function.range.end_line {
                let replace = owner.get(&line).is_none_or(|&other| {
                    let other = &result.functions[other].range;
                    other.end_line - other.start_line
                        > function.range.end_line - function.range.start_line
                });
                if replace {
                    owner.insert(line, index);
                }
            }
        }
        let mut flows = Vec::new();
        let mut summary = TaintSummary::default();
        for (index, function) in result.functions.iter().enumerate() {
            let own: Vec<u32> = (function.range.start_line..=function.range.end_line)
                .filter(|line| owner.get(line) == Some(&index))
                .collect();
            summary.functions.extend(self.function_flows(
                result,
                &code,
                Some(function),
                &own,
                &mut flows,
            ));
        }
        // Code outside every function (module level, handlers passed inline as callbacks).
        let rest: Vec<u32> = (0..u32::try_from(lines.len()).unwrap_or(u32::MAX))
            .filter(|line| !owner.contains_key(line))
            .collect();
        summary
            .functions
            .extend(self.function_flows(result, &code, None, &rest, &mut flows));
        flows.sort_by_key(|flow| (flow.sink_line, flow.sink_column));
        flows.dedup_by_key(|flow| (flow.sink_line, flow.sink_column));
        (flows, summary)
    }

    /// The parameters of `function` as its body names them, each with its taint (its own
    /// origin, or a source for a parameter the framework fills from the request), and
    /// whether the first is a receiver.
    fn parameters(
        &self,
        function: &FunctionInfo,
        language: Language,
        first: u32,
        signature: &str,
    ) -> (Vec<String>, bool, HashMap<String, Vec<Taint>>) {
        let names: Vec<String> = function
            .parameters
            .iter()
            .map(|parameter| {
                parameter_name(&parameter.name)
                    .unwrap_or(&parameter.name)
                    .to_owned()
            })
            .collect();
        let has_receiver = names.first().is_some_and(|name| is_receiver(name));
        let mut state: HashMap<String, Vec<Taint>> = HashMap::new();
        for (index, name) in names.iter().enumerate() {
            if (has_receiver && index == 0) || parameter_name(name) != Some(name.as_str()) {
                continue;
            }
            state.insert(
                name.clone(),
                vec![Taint {
                    origin: Origin::Parameter(u32::try_from(index).unwrap_or(u32::MAX)),
                    steps: vec![TaintStep::at(first, format!("parameter `{name}`"))],
                    safe_for: Vec::new(),
                }],
            );
        }
        // Annotated parameters (`@RequestParam String q`), in the signature's first lines.
        for source in &self.sources {
            if let (SourceMatch::Parameter(regex), true) =
                (&source.matcher, for_language(&source.languages, language))
            {
                for captures in regex.captures_iter(signature) {
                    let name = captures[1].to_owned();
                    let text = clip(signature_source(&captures[0]));
                    state.insert(
                        name.clone(),
                        vec![Taint {
                            origin: Origin::Source {
                                label: source.label.clone(),
                                line: first,
                                text,
                            },
                            steps: vec![TaintStep::at(
                                first,
                                format!("parameter `{name}` from the request"),
                            )],
                            safe_for: Vec::new(),
                        }],
                    );
                }
            }
        }
        (names, has_receiver, state)
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one pass over a function's lines, in order"
    )]
    fn function_flows(
        &self,
        result: &ParseResult,
        code: &Code<'_>,
        function: Option<&FunctionInfo>,
        own: &[u32],
        flows: &mut Vec<TaintFlow>,
    ) -> Option<FunctionSummary> {
        let language = result.language;
        let lines = &code.lines;
        let name = function.map_or("", |function| function.qualified_name.as_str());
        let text_of = |line: u32| {
            String::from_utf8_lossy(lines.get(line as usize).copied().unwrap_or_default())
                .into_owned()
        };
        let first = *own.first()?;
        let (parameters, has_receiver, mut state) = match function {
            Some(function) => {
                let signature: String = own
                    .iter()
                    .take(6)
                    .map(|&line| text_of(line))
                    .collect::<Vec<_>>()
                    .join(" ");
                self.parameters(function, language, first, &signature)
            }
            None => (Vec::new(), false, HashMap::new()),
        };
        let mut records: Vec<Record> = Vec::new();
        // The indentation of the assignment that gave each variable its taint (parameters have
        // none: any assignment in the body replaces theirs).
        let mut assigned_at: HashMap<String, usize> = HashMap::new();
        for &line in own {
            let text = text_of(line);
            let reads_source = self.source_lines.reads(&text, language);
            // Calls first: they see the variables as they were before this line's assignment.
            let calls: &[&CallSite] = code.calls.get(&line).map_or(&[], Vec::as_slice);
            if !state.is_empty() {
                self.apply_guards(code, line, calls, language, &mut state);
            }
            let scope = Scope {
                line,
                language,
                state: &state,
                calls,
                reads_source,
            };
            let summarised_line = calls.len() <= MAX_SUMMARISED_CALLS;
            let mentions_variable = state.keys().any(|var| text.contains(var.as_str()));
            for call in calls {
                let receiver = call.receiver.as_deref().unwrap_or_default();
                let mut sunk = false;
                for sink in &self.sinks {
                    if !for_language(&sink.languages, language)
                        || !sink.methods.contains(&call.callee)
                        || sink
                            .receiver
                            .as_ref()
                            .is_some_and(|regex| !regex.is_match(receiver))
                    {
                        continue;
                    }
                    let Some(arguments) = arguments_of(
                        text_from_line(code.source, &code.starts, line),
                        call.column,
                        &call.callee,
                    ) else {
                        continue;
                    };
                    let arguments = split_top_level(&arguments);
                    let checked: Vec<&str> = if sink.args.is_empty() {
                        arguments
                    } else {
                        sink.args
                            .iter()
                            .filter_map(|&at| arguments.get(at).copied())
                            .collect()
                    };
                    let mut taints = Vec::new();
                    for argument in &checked {
                        for taint in self.taint_of(argument, &scope, Some(&sink.kind)) {
                            merge(&mut taints, taint);
                        }
                    }
                    if taints.is_empty() {
                        continue;
                    }
                    sunk = true;
                    let sink_text = clip(&if receiver.is_empty() {
                        call.callee.clone()
                    } else {
                        format!("{receiver}.{}", call.callee)
                    });
                    let passed =
                        TaintStep::at(line, format!("passed to `{sink_text}` ({})", sink.kind));
                    for taint in taints {
                        let mut path = taint.steps;
                        path.push(passed.clone());
                        if let Origin::Source {
                            label,
                            line: source_line,
                            text,
                        } = taint.origin
                        {
                            if flows.last().is_some_and(|flow: &TaintFlow| {
                                (flow.sink_line, flow.sink_column) == (line, call.column)
                            }) {
                                continue;
                            }
                            flows.push(TaintFlow {
                                function: name.to_owned(),
                                confidence: source_confidence(&label, path.len()),
                                label,
                                source_line,
                                source: text,
                                sink_line: line,
                                sink_column: call.column,
                                sink: sink_text.clone(),
                                sink_type: sink.kind.clone(),
                                cwe: sink.cwe,
                                path,
                                source_file: None,
                                functions: Vec::new(),
                            });
                        } else {
                            record(
                                &mut records,
                                Record {
                                    origin: taint.origin,
                                    target: Target::Sink {
                                        kind: sink.kind.clone(),
                                        cwe: sink.cwe,
                                        line,
                                        column: call.column,
                                        text: sink_text.clone(),
                                    },
                                    steps: path,
                                    safe_for: taint.safe_for,
                                },
                            );
                        }
                    }
                    break;
                }
                if sunk || self.is_sanitizer(&call.callee, language) {
                    continue;
                }
                // What the call passes to another function: a parameter, a source, another
                // call's result. Read only when the line holds one of those, and not on lines
                // of minified code, whose calls are not summarised one by one.
                let last = calls
                    .last()
                    .is_some_and(|other| std::ptr::eq(*other, *call));
                if !summarised_line || (!reads_source && last && !mentions_variable) {
                    continue;
                }
                let window = text_from_line(code.source, &code.starts, line);
                let window = &window[..window.len().min(ARGUMENT_TEXT)];
                let Some(arguments) = arguments_of(window, call.column, &call.callee) else {
                    continue;
                };
                for (index, argument) in split_top_level(&arguments).into_iter().enumerate() {
                    let (keyword, value) = keyword_argument(argument);
                    for taint in self.taint_of(value, &scope, None) {
                        record(
                            &mut records,
                            Record {
                                origin: taint.origin,
                                target: Target::Argument {
                                    callee: call.callee.clone(),
                                    line,
                                    index: u32::try_from(index).unwrap_or(u32::MAX),
                                    keyword: keyword.clone(),
                                },
                                steps: taint.steps,
                                safe_for: taint.safe_for,
                            },
                        );
                    }
                }
            }
            if let Some(expression) = returned(&text) {
                for taint in self.taint_of(expression, &scope, None) {
                    let mut steps = taint.steps;
                    steps.push(TaintStep::at(line, "returned"));
                    record(
                        &mut records,
                        Record {
                            origin: taint.origin,
                            target: Target::Return { line },
                            steps,
                            safe_for: taint.safe_for,
                        },
                    );
                }
            }
            if let Some(captures) = self.assignment.captures(&text) {
                let var = captures["var"].to_owned();
                let rhs = &captures["rhs"];
                // An assignment nested deeper than the one that tainted the variable (`if
                // value == "": value = default`) may not run: the taint stays beside it.
                let indent = text.len() - text.trim_start().len();
                let conditional = assigned_at
                    .get(&var)
                    .is_some_and(|&tainted_at| indent > tainted_at);
                let keeps = (matches!(&captures["op"], "+=" | ".=") || conditional)
                    && state.contains_key(&var);
                if !keeps {
                    assigned_at.insert(var.clone(), indent);
                }
                let mut taints = self.taint_of(rhs, &scope, None);
                if taints.is_empty() {
                    if !keeps {
                        state.remove(&var);
                    }
                } else {
                    for taint in &mut taints {
                        taint
                            .steps
                            .push(TaintStep::at(line, format!("assigned to `{var}`")));
                    }
                    if keeps && let Some(before) = state.remove(&var) {
                        for taint in before {
                            merge(&mut taints, taint);
                        }
                    }
                    state.insert(var, taints);
                }
            }
        }
        (!records.is_empty()).then(|| FunctionSummary {
            function: name.to_owned(),
            line: function.map_or(0, |function| function.range.start_line),
            parameters,
            has_receiver,
            records,
        })
    }

    /// A call of a sanitizer of `language`.
    fn is_sanitizer(&self, callee: &str, language: Language) -> bool {
        named(&self.sanitizers, callee, language).next().is_some()
    }

    /// Marks the tainted variables passed to a guard on `line` (one of `calls`) safe for what
    /// the guard protects.
    fn apply_guards(
        &self,
        code: &Code<'_>,
        line: u32,
        calls: &[&CallSite],
        language: Language,
        state: &mut HashMap<String, Vec<Taint>>,
    ) {
        for call in calls {
            for guard in named(&self.guards, &call.callee, language) {
                let window = text_from_line(code.source, &code.starts, line);
                let window = &window[..window.len().min(ARGUMENT_TEXT)];
                let Some(arguments) = arguments_of(window, call.column, &call.callee) else {
                    continue;
                };
                let names: Vec<String> = uses(&code_only(&arguments), state)
                    .into_iter()
                    .map(|(name, _)| name.to_owned())
                    .collect();
                for name in names {
                    for taint in state.get_mut(&name).into_iter().flatten() {
                        taint.safe_for.extend(guard.protects.iter().cloned());
                    }
                }
            }
        }
    }

    /// What `expression` carries: the source it reads, the tainted variables it uses and the
    /// results of calls it makes, each with the sanitizers it applies; none of them when it
    /// carries nothing, or (with `sink`) nothing unsafe for that sink.
    fn taint_of(&self, expression: &str, scope: &Scope<'_>, sink: Option<&str>) -> Vec<Taint> {
        let line = scope.line;
        let mut found: Vec<Taint> = Vec::new();
        // A call's arguments may run on past its line, to where the line's check did not look.
        if scope.reads_source || expression.contains('\n') {
            for source in &self.sources {
                if let (SourceMatch::Expression(regex), true) = (
                    &source.matcher,
                    for_language(&source.languages, scope.language),
                ) && let Some(hit) = regex.find(expression)
                {
                    let text = clip(hit.as_str());
                    found.push(Taint {
                        steps: vec![TaintStep::at(line, format!("read from `{text}`"))],
                        origin: Origin::Source {
                            label: source.label.clone(),
                            line,
                            text,
                        },
                        safe_for: Vec::new(),
                    });
                    break;
                }
            }
        }
        let code = code_only(expression);
        for (_, taints) in uses(&code, scope.state) {
            for taint in taints {
                merge(&mut found, taint.clone());
            }
        }
        let calls = if scope.calls.len() <= MAX_SUMMARISED_CALLS {
            scope.calls
        } else {
            &[]
        };
        for call in calls {
            if code.contains(&format!("{}(", call.callee))
                && !self.is_sanitizer(&call.callee, scope.language)
            {
                merge(
                    &mut found,
                    Taint {
                        origin: Origin::Returned {
                            callee: call.callee.clone(),
                            line,
                        },
                        steps: vec![TaintStep::at(
                            line,
                            format!("returned by `{}`", clip(&call.callee)),
                        )],
                        safe_for: Vec::new(),
                    },
                );
            }
        }
        if found.is_empty() {
            return found;
        }
        let mut safe_for = Vec::new();
        for sanitizer in self
            .sanitizers
            .iter()
            .filter(|s| for_language(&s.languages, scope.language))
        {
            if sanitizer
                .calls
                .as_ref()
                .is_some_and(|call| call.is_match(expression))
            {
                safe_for.extend(sanitizer.protects.iter().cloned());
            }
        }
        // A URL that starts with a fixed path on this site (`"/items/" + id`) cannot send the
        // browser elsewhere, whatever follows.
        if fixed_path_prefix(expression) {
            safe_for.push("http_redirect".to_owned());
        }
        for taint in &mut found {
            taint.safe_for.extend(safe_for.iter().cloned());
        }
        if let Some(kind) = sink {
            found.retain(|taint| !taint.is_safe_for(kind));
        }
        found
    }
}

/// What the expressions of one line are read against.
struct Scope<'a> {
    line: u32,
    language: Language,
    /// The variables tainted before the line.
    state: &'a HashMap<String, Vec<Taint>>,
    /// The calls on the line, by column.
    calls: &'a [&'a CallSite],
    /// The line's text matches a source of the language.
    reads_source: bool,
}

/// A request is the attacker's; the environment and the command line are usually the
/// operator's. A long path is less sure.
fn source_confidence(label: &str, steps: usize) -> f32 {
    let base: f32 = if label == "user_input" { 0.85 } else { 0.5 };
    if steps > 10 { base * 0.8 } else { base }
}

/// `expression` with the text of its string literals blanked, their interpolations kept
/// (`${x}` in templates, `{x}` in f-strings, `#{x}` in Ruby, `$x` in PHP and shell-like
/// strings): a name inside plain text is not a use of the variable.
fn code_only(expression: &str) -> String {
    let chars: Vec<char> = expression.chars().collect();
    let mut out = String::with_capacity(expression.len());
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if !matches!(c, '"' | '\'' | '`') {
            out.push(c);
            index += 1;
            continue;
        }
        // f-strings, and Rust's formatting macros (`format!("{name}")`).
        let formatted = (index > 0 && matches!(chars[index - 1], 'f' | 'F'))
            || (index > 1 && chars[index - 1] == '(' && chars[index - 2] == '!');
        out.push(c);
        index += 1;
        let mut depth = 0;
        let mut in_variable = false;
        while index < chars.len() && (chars[index] != c || depth > 0) {
            let here = chars[index];
            let next = chars.get(index + 1).copied();
            if here == '\\' {
                out.push_str("  ");
                index += 2;
                continue;
            }
            let opens = (here == '$' && next == Some('{'))
                || (here == '#' && next == Some('{'))
                || (formatted && here == '{' && depth == 0);
            if opens && depth == 0 {
                depth = 1;
                out.push(' ');
                if here != '{' {
                    out.push(' ');
                    index += 1;
                }
                index += 1;
                continue;
            }
            if depth > 0 {
                match here {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                out.push(if depth == 0 { ' ' } else { here });
            } else if here == '$' && next.is_some_and(|n| n.is_alphabetic() || n == '_') && c == '"'
            {
                // PHP's "$name" interpolation.
                in_variable = true;
                out.push('$');
            } else if in_variable && (here.is_alphanumeric() || here == '_') {
                out.push(here);
            } else {
                in_variable = false;
                out.push(' ');
            }
            index += 1;
        }
        if index < chars.len() {
            out.push(c);
            index += 1;
        }
    }
    out
}

/// `expression` starts with a string literal of a path on the same site: `/` not followed by
/// another `/` or a backslash (`"/users/" + id`, `f"/items/{id}"`, `` `/a/${b}` ``).
fn fixed_path_prefix(expression: &str) -> bool {
    let text = expression
        .trim_start()
        .trim_start_matches(['f', 'F', 'r', 'R', 'b', 'u', '@', '$']);
    let mut chars = text.chars();
    matches!(chars.next(), Some('"' | '\'' | '`'))
        && chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
}

/// The rules of `rules` for `language` that name `callee` (by the last segment of a name).
fn named<'a>(
    rules: &'a [Sanitizer],
    callee: &'a str,
    language: Language,
) -> impl Iterator<Item = &'a Sanitizer> {
    rules.iter().filter(move |rule| {
        for_language(&rule.languages, language)
            && rule
                .names
                .iter()
                .any(|name| name.rsplit(['.', ':']).next() == Some(callee))
    })
}

/// Every tainted variable `code` (already through [`code_only`]) uses as a whole word, with its
/// taints, by position.
fn uses<'a>(code: &str, state: &'a HashMap<String, Vec<Taint>>) -> Vec<(&'a str, &'a Vec<Taint>)> {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut used: Vec<(usize, &str, &Vec<Taint>)> = state
        .iter()
        .filter_map(|(name, taints)| {
            code.match_indices(name.as_str()).find_map(|(at, _)| {
                let before = code[..at].chars().next_back();
                let after = code[at + name.len()..].chars().next();
                let whole = before.is_none_or(|c| !word(c) || (c == '$' && !name.starts_with('$')))
                    && after.is_none_or(|c| !word(c));
                // `obj.name` is another object's field, not the variable.
                let member = before == Some('.');
                (whole && !member).then_some((at, name.as_str(), taints))
            })
        })
        .collect();
    used.sort_by_key(|(at, _, _)| *at);
    used.into_iter()
        .map(|(_, name, taints)| (name, taints))
        .collect()
}

#[cfg(test)]
mod tests;
