//! Taint, within each function: untrusted data (a request's parameters, body, headers, the
//! environment) followed through assignments to the calls that must not receive it unchecked
//! (SQL, shell, eval, file paths, HTML, redirects, deserialisation), unless a sanitizer for that
//! kind of sink is applied on the way. The sources, sinks and sanitizers are data
//! (`packs/taint.toml`), scoped by language.
//!
//! Each function's own lines (not those of functions nested in it) are read in order. A line
//! that assigns (`x = ...`, `x := ...`, `$x = ...`, `String x = ...`) taints its variable when
//! the right side reads a source or a tainted variable, keeps what sanitizers it went through,
//! and clears it otherwise. Each call on a line is checked, before that line's assignment, for
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
use drift_core::types::parse::ParseResult;
use drift_core::types::security::{TaintFlow, TaintStep};
use regex::Regex;
use serde::Deserialize;

use super::{arguments_of, line_of, line_starts, pack_error, split_top_level, text_from_line};

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
    /// Each name, and the regex finding a call to it.
    calls: Vec<Regex>,
    protects: Vec<String>,
}

/// Compiled taint rules.
#[derive(Debug)]
pub struct TaintRules {
    sources: Vec<Source>,
    sinks: Vec<Sink>,
    sanitizers: Vec<Sanitizer>,
    assignment: Regex,
}

/// A file's text, by line.
struct Code<'a> {
    lines: Vec<&'a [u8]>,
    source: &'a [u8],
    starts: Vec<usize>,
}

/// What a variable carries: where it came from, how, and what it is safe for.
#[derive(Debug, Clone)]
struct Taint {
    label: String,
    line: u32,
    source: String,
    steps: Vec<TaintStep>,
    safe_for: Vec<String>,
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
    /// compile, a source with neither `pattern` nor `param_annotation`).
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
            let matcher = match (source.pattern, source.param_annotation.is_empty()) {
                (Some(pattern), true) => SourceMatch::Expression(compile("pattern", &pattern)?),
                (None, false) => {
                    let names = source
                        .param_annotation
                        .iter()
                        .map(|name| regex::escape(name))
                        .collect::<Vec<_>>()
                        .join("|");
                    SourceMatch::Parameter(compile(
                        "param_annotation",
                        &format!(
                            r"(?:@|\[)(?:{names})\b(?:\([^)]*\))?\]?\s+(?:final\s+)?[\w<>\[\]?,. ]*?\b(\w+)\s*[,)=]"
                        ),
                    )?)
                }
                _ => {
                    return Err(pack_error(
                        origin,
                        None,
                        "source",
                        format!(
                            "a `{}` source needs a `pattern` or a `param_annotation`, not both",
                            source.label
                        ),
                    ));
                }
            };
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
        let mut sanitizers = Vec::with_capacity(raw.sanitizer.len());
        for sanitizer in raw.sanitizer {
            let calls = sanitizer
                .names
                .iter()
                .map(|name| {
                    // `int(`, `html.escape(`, `.to_i`: the name as a whole, called or (Ruby)
                    // sent without parentheses.
                    compile(
                        "names",
                        &format!(r"(?:^|[^\w.$]|\.){}\s*(?:\(|$|[^\w])", regex::escape(name)),
                    )
                })
                .collect::<Result<_, _>>()?;
            sanitizers.push(Sanitizer {
                languages: sanitizer.languages,
                calls,
                protects: sanitizer.protects,
            });
        }
        Ok(Self {
            sources,
            sinks,
            sanitizers,
            assignment: compile(
                "assignment",
                r"^\s*(?:(?:const|let|var|val|final|my|auto|local)\s+)?(?:(?:int|long|short|byte|char|float|double|boolean|bool|string|decimal|uint|usize|i64|u64|i32|u32)\s+|[A-Z][\w<>\[\]?,. ]*\s+)?(?P<var>\$?[A-Za-z_]\w*)\s*(?::\s*[\w<>\[\]|?, .]+)?\s*(?P<op>:=|\+=|\.=|=)\s*(?P<rhs>[^=].*)$",
            )?,
        })
    }

    /// The flows of every function of `result`, whose text is `source`, by sink place.
    #[must_use]
    pub fn flows_of(&self, result: &ParseResult, source: &[u8]) -> Vec<TaintFlow> {
        let language = result.language;
        if !self
            .sinks
            .iter()
            .any(|sink| for_language(&sink.languages, language))
        {
            return Vec::new();
        }
        let code = Code {
            lines: source.split(|&byte| byte == b'\n').collect(),
            source,
            starts: line_starts(source),
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
        for (index, function) in result.functions.iter().enumerate() {
            let own: Vec<u32> = (function.range.start_line..=function.range.end_line)
                .filter(|line| owner.get(line) == Some(&index))
                .collect();
            self.function_flows(result, &code, &function.qualified_name, &own, &mut flows);
        }
        // Code outside every function (module level, handlers passed inline as callbacks).
        let rest: Vec<u32> = (0..u32::try_from(lines.len()).unwrap_or(u32::MAX))
            .filter(|line| !owner.contains_key(line))
            .collect();
        self.function_flows(result, &code, "", &rest, &mut flows);
        flows.sort_by_key(|flow| (flow.sink_line, flow.sink_column));
        flows.dedup_by_key(|flow| (flow.sink_line, flow.sink_column));
        flows
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one pass over a function's lines, in order"
    )]
    fn function_flows(
        &self,
        result: &ParseResult,
        code: &Code<'_>,
        function: &str,
        own: &[u32],
        flows: &mut Vec<TaintFlow>,
    ) {
        let language = result.language;
        let lines = &code.lines;
        let text_of = |line: u32| {
            String::from_utf8_lossy(lines.get(line as usize).copied().unwrap_or_default())
                .into_owned()
        };
        let mut state: HashMap<String, Taint> = HashMap::new();
        // Annotated parameters (`@RequestParam String q`), in the signature's first lines.
        if let Some(&first) = own.first() {
            let signature: String = own
                .iter()
                .take(6)
                .map(|&line| text_of(line))
                .collect::<Vec<_>>()
                .join(" ");
            for source in &self.sources {
                if let (SourceMatch::Parameter(regex), true) =
                    (&source.matcher, for_language(&source.languages, language))
                {
                    for captures in regex.captures_iter(&signature) {
                        let name = captures[1].to_owned();
                        state.insert(
                            name.clone(),
                            Taint {
                                label: source.label.clone(),
                                line: first,
                                source: clip(&captures[0]),
                                steps: vec![TaintStep {
                                    line: first,
                                    description: format!("parameter `{name}` from the request"),
                                }],
                                safe_for: Vec::new(),
                            },
                        );
                    }
                }
            }
        }
        for &line in own {
            let text = text_of(line);
            // Calls first: they see the variables as they were before this line's assignment.
            let mut calls: Vec<_> = result
                .call_sites
                .iter()
                .filter(|call| call.line == line)
                .collect();
            calls.sort_by_key(|call| call.column);
            for call in calls {
                let receiver = call.receiver.as_deref().unwrap_or_default();
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
                    let Some(taint) = checked.iter().find_map(|argument| {
                        self.taint_of(argument, line, language, &state, Some(&sink.kind))
                    }) else {
                        continue;
                    };
                    let sink_text = if receiver.is_empty() {
                        call.callee.clone()
                    } else {
                        format!("{receiver}.{}", call.callee)
                    };
                    let mut path = taint.steps.clone();
                    path.push(TaintStep {
                        line,
                        description: format!("passed to `{}` ({})", clip(&sink_text), sink.kind),
                    });
                    // A request is the attacker's; the environment and the command line are
                    // usually the operator's.
                    let base: f32 = if taint.label == "user_input" {
                        0.85
                    } else {
                        0.5
                    };
                    let confidence = if path.len() > 10 { base * 0.8 } else { base };
                    flows.push(TaintFlow {
                        function: function.to_owned(),
                        label: taint.label,
                        source_line: taint.line,
                        source: taint.source,
                        sink_line: line,
                        sink_column: call.column,
                        sink: clip(&sink_text),
                        sink_type: sink.kind.clone(),
                        cwe: sink.cwe,
                        path,
                        confidence,
                    });
                    break;
                }
            }
            if let Some(captures) = self.assignment.captures(&text) {
                let var = captures["var"].to_owned();
                let rhs = &captures["rhs"];
                let keeps = matches!(&captures["op"], "+=" | ".=") && state.contains_key(&var);
                match self.taint_of(rhs, line, language, &state, None) {
                    Some(mut taint) => {
                        taint.steps.push(TaintStep {
                            line,
                            description: format!("assigned to `{var}`"),
                        });
                        state.insert(var, taint);
                    }
                    None if keeps => {}
                    None => {
                        state.remove(&var);
                    }
                }
            }
        }
    }

    /// What `expression` (on `line`) carries: a source it reads or a tainted variable it uses,
    /// with the sanitizers it applies; `None` when it carries nothing, or (with `sink`) nothing
    /// unsafe for that sink.
    fn taint_of(
        &self,
        expression: &str,
        line: u32,
        language: Language,
        state: &HashMap<String, Taint>,
        sink: Option<&str>,
    ) -> Option<Taint> {
        let mut found: Option<Taint> = None;
        for source in &self.sources {
            if let (SourceMatch::Expression(regex), true) =
                (&source.matcher, for_language(&source.languages, language))
                && let Some(hit) = regex.find(expression)
            {
                found = Some(Taint {
                    label: source.label.clone(),
                    line,
                    source: clip(hit.as_str()),
                    steps: vec![TaintStep {
                        line,
                        description: format!("read from `{}`", clip(hit.as_str())),
                    }],
                    safe_for: Vec::new(),
                });
                break;
            }
        }
        if found.is_none() {
            found = uses(expression, state).map(|(_, taint)| taint.clone());
        }
        let mut taint = found?;
        for sanitizer in self
            .sanitizers
            .iter()
            .filter(|s| for_language(&s.languages, language))
        {
            if sanitizer.calls.iter().any(|call| call.is_match(expression)) {
                taint.safe_for.extend(sanitizer.protects.iter().cloned());
            }
        }
        match sink {
            Some(kind)
                if taint
                    .safe_for
                    .iter()
                    .any(|safe| safe == "*" || safe == kind) =>
            {
                None
            }
            _ => Some(taint),
        }
    }
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
        let formatted = index > 0 && matches!(chars[index - 1], 'f' | 'F');
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

/// The first tainted variable `expression` uses as a whole word outside plain string text, by
/// position.
fn uses<'a>(expression: &str, state: &'a HashMap<String, Taint>) -> Option<(usize, &'a Taint)> {
    let expression = code_only(expression);
    let expression = expression.as_str();
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    state
        .iter()
        .filter_map(|(name, taint)| {
            expression.match_indices(name.as_str()).find_map(|(at, _)| {
                let before = expression[..at].chars().next_back();
                let after = expression[at + name.len()..].chars().next();
                let whole = before.is_none_or(|c| !word(c) || (c == '$' && !name.starts_with('$')))
                    && after.is_none_or(|c| !word(c));
                // `obj.name` is another object's field, not the variable.
                let member = before == Some('.');
                (whole && !member).then_some((at, taint))
            })
        })
        .min_by_key(|(at, _)| *at)
}

#[cfg(test)]
mod tests;
