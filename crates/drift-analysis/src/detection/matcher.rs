//! The file phase: every pattern's predicates over a file's [`ParseResult`], its syntax hits
//! and its text, giving the file's [`FileDetections`]. Calls and decorators are dispatched by
//! name through an index built once per set; string literals go through one compiled
//! [`regex::RegexSet`], and the text through another, before any single regex runs.

use drift_core::types::detection::{FileDetections, PatternMatch, Suppression};
use drift_core::types::parse::ParseResult;
use rustc_hash::{FxHashMap, FxHashSet};

use super::pack::{DetectionSet, FrameworkSignal, Matcher, PatternDef, rule_names};
use super::syntax::{MAX_MATCHED_TEXT, SyntaxHit};

/// What a pattern's locations are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Node,
    Decorator,
    Call,
    Class,
    Function,
    Literal,
    Content,
    TypeAnnotation,
    Export,
    ErrorHandling,
    Import,
    File,
}

impl Anchor {
    fn of(matcher: &Matcher) -> Self {
        if matcher.node.is_some() {
            Self::Node
        } else if !matcher.decorators.is_empty() {
            Self::Decorator
        } else if !matcher.calls.is_empty() {
            Self::Call
        } else if !matcher.extends.is_empty()
            || !matcher.implements.is_empty()
            || matcher.class_names.is_some()
        {
            Self::Class
        } else if matcher.function_names.is_some()
            || !matcher.param_types.is_empty()
            || !matcher.return_types.is_empty()
        {
            Self::Function
        } else if !matcher.string_literals.is_empty() {
            Self::Literal
        } else if !matcher.content_patterns.is_empty() {
            Self::Content
        } else if matcher.type_annotations.is_some() {
            Self::TypeAnnotation
        } else if !matcher.exports.is_empty() {
            Self::Export
        } else if !matcher.error_handling.is_empty() {
            Self::ErrorHandling
        } else if !matcher.imports.is_empty() {
            Self::Import
        } else {
            Self::File
        }
    }
}

/// Patterns by what anchors them; calls and decorators also by name.
#[derive(Debug, Default)]
pub(crate) struct AnchorIndex {
    anchors: Vec<Anchor>,
    calls: FxHashMap<String, Vec<usize>>,
    call_globs: Vec<usize>,
    decorators: FxHashMap<String, Vec<usize>>,
    decorator_globs: Vec<usize>,
    /// Patterns anchored elsewhere (not calls, decorators or nodes).
    others: Vec<usize>,
}

impl AnchorIndex {
    fn new(set: &DetectionSet) -> Self {
        let mut index = Self::default();
        for (at, pattern) in set.patterns.iter().enumerate() {
            let anchor = Anchor::of(&pattern.matcher);
            index.anchors.push(anchor);
            match anchor {
                Anchor::Node => {}
                Anchor::Call => {
                    for call in &pattern.matcher.calls {
                        for name in call.method.exact() {
                            let slot = index.calls.entry(name.clone()).or_default();
                            if !slot.contains(&at) {
                                slot.push(at);
                            }
                        }
                        if call.method.has_globs() && !index.call_globs.contains(&at) {
                            index.call_globs.push(at);
                        }
                    }
                }
                Anchor::Decorator => {
                    for name in pattern.matcher.decorators.exact() {
                        let last = last_segment(name).to_owned();
                        let slot = index.decorators.entry(last).or_default();
                        if !slot.contains(&at) {
                            slot.push(at);
                        }
                    }
                    if pattern.matcher.decorators.has_globs() {
                        index.decorator_globs.push(at);
                    }
                }
                _ => index.others.push(at),
            }
        }
        index
    }
}

fn last_segment(name: &str) -> &str {
    let name = name.trim_start_matches('@');
    let name = name.split(['<', '(', '[']).next().unwrap_or(name).trim();
    name.rsplit(['.', ':', '\\']).next().unwrap_or(name)
}

impl DetectionSet {
    fn anchor_index(&self) -> &AnchorIndex {
        self.anchors.get_or_init(|| AnchorIndex::new(self))
    }
}

/// A location found for a pattern before its checks in scope: 0-based lines.
#[derive(Debug, Clone)]
struct Candidate {
    line: u32,
    column: u32,
    end_line: u32,
    /// The scope the other predicates are checked in (0-based lines, inclusive).
    scope: (u32, u32),
    text: Option<String>,
}

/// One file's text, split into lines once.
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
    starts: Vec<usize>,
}

impl<'a> Text<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let text = String::from_utf8_lossy(bytes);
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { text, starts }
    }

    fn line_count(&self) -> u32 {
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }

    /// The 0-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> u32 {
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        u32::try_from(line).unwrap_or(u32::MAX)
    }

    /// The 0-based line `line`, without its end of line.
    fn line(&self, line: u32) -> &str {
        let Some(&start) = self.starts.get(line as usize) else {
            return "";
        };
        let end = self
            .starts
            .get(line as usize + 1)
            .map_or(self.text.len(), |next| next - 1);
        self.text[start..end.max(start)].trim_end_matches('\r')
    }
}

/// Everything the predicates of one file look at, computed once.
struct Facts<'a> {
    set: &'a DetectionSet,
    result: &'a ParseResult,
    path: &'a str,
    text: Text<'a>,
    hits: &'a [SyntaxHit],
    /// Lines (0-based) of each string-literal regex's matches.
    literal_lines: FxHashMap<usize, Vec<u32>>,
    /// Content regexes the whole text matches somewhere (from the set).
    content_matched: FxHashSet<usize>,
    /// Lines of each matched content regex, filled on first use.
    content_lines: std::cell::RefCell<FxHashMap<usize, Vec<u32>>>,
}

impl<'a> Facts<'a> {
    fn new(
        set: &'a DetectionSet,
        result: &'a ParseResult,
        path: &'a str,
        bytes: &'a [u8],
        hits: &'a [SyntaxHit],
    ) -> Self {
        let text = Text::new(bytes);
        let mut literal_lines: FxHashMap<usize, Vec<u32>> = FxHashMap::default();
        if !set.literal_regexes.is_empty() {
            for literal in &result.string_literals {
                for index in &set.literal_set.matches(&literal.value) {
                    literal_lines.entry(index).or_default().push(literal.line);
                }
            }
        }
        let content_matched = if set.content_regexes.is_empty() {
            FxHashSet::default()
        } else {
            set.content_set.matches(&text.text).iter().collect()
        };
        Self {
            set,
            result,
            path,
            text,
            hits,
            literal_lines,
            content_matched,
            content_lines: std::cell::RefCell::default(),
        }
    }

    fn content_lines(&self, index: usize) -> Vec<u32> {
        if !self.content_matched.contains(&index) {
            return Vec::new();
        }
        let mut cache = self.content_lines.borrow_mut();
        cache
            .entry(index)
            .or_insert_with(|| {
                let mut lines: Vec<u32> = self.set.content_regexes[index]
                    .find_iter(&self.text.text)
                    .map(|found| self.text.line_of(found.start()))
                    .collect();
                lines.dedup();
                lines
            })
            .clone()
    }

    fn imports(&self, matcher: &Matcher) -> bool {
        matcher.imports.is_empty()
            || self.result.imports.iter().any(|import| {
                matcher
                    .imports
                    .iter()
                    .any(|wanted| imports_module(&import.source, wanted))
            })
    }

    fn file_matches(&self, matcher: &Matcher) -> bool {
        matcher
            .file_patterns
            .as_ref()
            .is_none_or(|globs| globs.is_match(self.path))
    }
}

/// Whether `source` is the module `wanted` or one inside it.
pub(crate) fn imports_module(source: &str, wanted: &str) -> bool {
    let source = source.trim_matches(['"', '\'', '<', '>']);
    if let Some(prefix) = wanted.strip_suffix('*') {
        return source.starts_with(prefix);
    }
    source == wanted
        || source
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with(['/', '.', ':', '\\']))
}

fn within(line: u32, scope: (u32, u32)) -> bool {
    line >= scope.0 && line <= scope.1
}

fn range_lines(range: &drift_core::types::parse::Range) -> (u32, u32) {
    (range.start_line, range.end_line.max(range.start_line))
}

impl Matcher {
    /// Whether every predicate holds within `scope` (0-based lines; imports and file
    /// patterns in the file) and the `not` block does not.
    fn holds(&self, facts: &Facts<'_>, pattern: usize, scope: (u32, u32)) -> bool {
        self.holds_positive(facts, pattern, scope)
            && self
                .not
                .as_ref()
                .is_none_or(|not| !not.holds_positive(facts, pattern, scope))
    }

    #[allow(clippy::too_many_lines)]
    fn holds_positive(&self, facts: &Facts<'_>, pattern: usize, scope: (u32, u32)) -> bool {
        let result = facts.result;
        if !facts.imports(self) || !facts.file_matches(self) {
            return false;
        }
        if self.node.is_some()
            && !facts
                .hits
                .iter()
                .any(|hit| hit.pattern == pattern && within(hit.line, scope))
        {
            return false;
        }
        if !self.decorators.is_empty()
            && !result.decorators.iter().any(|decorator| {
                within(decorator.line, scope) && self.decorators.contains(&decorator.name)
            })
        {
            return false;
        }
        if !self.calls.is_empty()
            && !result
                .call_sites
                .iter()
                .any(|call| within(call.line, scope) && self.call_matches(call))
        {
            return false;
        }
        if (!self.extends.is_empty() || !self.implements.is_empty() || self.class_names.is_some())
            && !result
                .classes
                .iter()
                .any(|class| within(class.range.start_line, scope) && self.class_matches(class))
        {
            return false;
        }
        if (self.function_names.is_some()
            || !self.param_types.is_empty()
            || !self.return_types.is_empty())
            && !result.functions.iter().any(|function| {
                within(function.range.start_line, scope) && self.function_matches(function)
            })
        {
            return false;
        }
        if !self.string_literals.is_empty()
            && !self.string_literals.iter().any(|index| {
                facts
                    .literal_lines
                    .get(index)
                    .is_some_and(|lines| lines.iter().any(|&line| within(line, scope)))
            })
        {
            return false;
        }
        if !self.content_patterns.is_empty()
            && !self.content_patterns.iter().any(|&index| {
                facts
                    .content_lines(index)
                    .iter()
                    .any(|&line| within(line, scope))
            })
        {
            return false;
        }
        if let Some(regex) = &self.type_annotations
            && !result.type_annotations.iter().any(|annotation| {
                within(annotation.line, scope) && regex.is_match(&annotation.text)
            })
        {
            return false;
        }
        if !self.exports.is_empty()
            && !result
                .exports
                .iter()
                .any(|export| within(export.line, scope) && self.exports.contains(&export.name))
        {
            return false;
        }
        if !self.error_handling.is_empty()
            && !result.error_handling.iter().any(|construct| {
                within(construct.line, scope) && self.error_handling.contains(&construct.kind)
            })
        {
            return false;
        }
        true
    }

    fn call_matches(&self, call: &drift_core::types::parse::CallSite) -> bool {
        self.calls.iter().any(|wanted| {
            wanted.method.contains(&call.callee)
                && wanted.receiver.as_ref().is_none_or(|receiver| {
                    call.receiver
                        .as_deref()
                        .is_some_and(|actual| receiver.contains(actual))
                })
        })
    }

    fn class_matches(&self, class: &drift_core::types::parse::ClassInfo) -> bool {
        (self.extends.is_empty() || class.bases.iter().any(|base| self.extends.contains(base)))
            && (self.implements.is_empty()
                || class
                    .interfaces
                    .iter()
                    .chain(&class.bases)
                    .any(|interface| self.implements.contains(interface)))
            && self
                .class_names
                .as_ref()
                .is_none_or(|regex| regex.is_match(&class.name))
    }

    fn function_matches(&self, function: &drift_core::types::parse::FunctionInfo) -> bool {
        self.function_names
            .as_ref()
            .is_none_or(|regex| regex.is_match(&function.name))
            && (self.param_types.is_empty()
                || function.parameters.iter().any(|parameter| {
                    parameter
                        .type_annotation
                        .as_deref()
                        .is_some_and(|annotation| self.param_types.contains(annotation))
                }))
            && (self.return_types.is_empty()
                || function
                    .return_type
                    .as_deref()
                    .is_some_and(|annotation| self.return_types.contains(annotation)))
    }
}

/// The candidates of pattern `index` in the file (before its scoped checks).
#[allow(clippy::too_many_lines)]
fn candidates(facts: &Facts<'_>, index: usize, anchor: Anchor, out: &mut Vec<Candidate>) {
    let matcher = &facts.set.patterns[index].matcher;
    let result = facts.result;
    let whole = (0, facts.text.line_count());
    let at_line = |line: u32| Candidate {
        line,
        column: 0,
        end_line: line,
        scope: whole,
        text: None,
    };
    match anchor {
        Anchor::Node => {
            for hit in facts.hits.iter().filter(|hit| hit.pattern == index) {
                out.push(Candidate {
                    line: hit.line,
                    column: hit.column,
                    end_line: hit.end_line,
                    scope: (hit.line, hit.end_line),
                    text: Some(hit.text.clone()),
                });
            }
        }
        Anchor::Decorator => {
            for decorator in &result.decorators {
                if matcher.decorators.contains(&decorator.name) {
                    out.push(at_line(decorator.line));
                }
            }
        }
        Anchor::Call => {
            for call in &result.call_sites {
                if matcher.call_matches(call) {
                    out.push(Candidate {
                        column: call.column,
                        ..at_line(call.line)
                    });
                }
            }
        }
        Anchor::Class => {
            for class in &result.classes {
                if matcher.class_matches(class) {
                    out.push(Candidate {
                        line: class.range.start_line,
                        column: class.range.start_column,
                        end_line: class.range.end_line,
                        scope: range_lines(&class.range),
                        text: None,
                    });
                }
            }
        }
        Anchor::Function => {
            for function in &result.functions {
                if matcher.function_matches(function) {
                    out.push(Candidate {
                        line: function.range.start_line,
                        column: function.range.start_column,
                        end_line: function.range.end_line,
                        scope: range_lines(&function.range),
                        text: None,
                    });
                }
            }
        }
        Anchor::Literal => {
            for literal_index in &matcher.string_literals {
                for &line in facts.literal_lines.get(literal_index).into_iter().flatten() {
                    out.push(at_line(line));
                }
            }
        }
        Anchor::Content => {
            for &content in &matcher.content_patterns {
                for line in facts.content_lines(content) {
                    out.push(at_line(line));
                }
            }
        }
        Anchor::TypeAnnotation => {
            if let Some(regex) = &matcher.type_annotations {
                for annotation in &result.type_annotations {
                    if regex.is_match(&annotation.text) {
                        out.push(at_line(annotation.line));
                    }
                }
            }
        }
        Anchor::Export => {
            for export in &result.exports {
                if matcher.exports.contains(&export.name) {
                    out.push(at_line(export.line));
                }
            }
        }
        Anchor::ErrorHandling => {
            for construct in &result.error_handling {
                if matcher.error_handling.contains(&construct.kind) {
                    out.push(at_line(construct.line));
                }
            }
        }
        Anchor::Import => {
            for import in &result.imports {
                if matcher
                    .imports
                    .iter()
                    .any(|wanted| imports_module(&import.source, wanted))
                {
                    out.push(at_line(import.line));
                }
            }
        }
        Anchor::File => {
            if facts.file_matches(matcher) {
                out.push(at_line(0));
            }
        }
    }
}

/// Whether `path` is a test or fixture file (spec §3): kept for learning, weighed less.
#[must_use]
pub fn is_test_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    lower.starts_with("test/")
        || lower.starts_with("tests/")
        || lower.starts_with("testdata/")
        || [
            "/test/",
            "/tests/",
            "/__tests__/",
            "/spec/",
            "/testing/",
            "/fixtures/",
            "/testdata/",
        ]
        .iter()
        .any(|dir| lower.contains(dir))
        || [".test.", ".spec.", "_test.", "_spec."]
            .iter()
            .any(|part| name.contains(part))
        || name.starts_with("test_")
        || name == "conftest.py"
        || (name.ends_with("test.java") || name.ends_with("tests.java"))
        || (name.ends_with("test.kt") || name.ends_with("tests.cs") || name.ends_with("test.cs"))
}

/// Whether the file is generated, minified or a bundled copy of a third-party library (kept
/// out of learning: the project did not write it): a generator's marker in its first lines, a
/// compiler's source-map comment at its end, a library's `/*!` licence banner with a version
/// number, a `.min.` name, a vendored directory, or long lines on average.
#[must_use]
pub fn is_generated(path: &str, bytes: &[u8]) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    if name.contains(".min.") || name.ends_with(".pb.go") || name.ends_with("_pb2.py") {
        return true;
    }
    if [
        "vendor/",
        "third_party/",
        "third-party/",
        "bower_components/",
    ]
    .iter()
    .any(|dir| lower.starts_with(dir) || lower.contains(&format!("/{dir}")))
    {
        return true;
    }
    let tail = &bytes[bytes.len().saturating_sub(512)..];
    if String::from_utf8_lossy(tail).contains("sourceMappingURL=") {
        return true;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    if [
        "@generated",
        "do not edit",
        "code generated",
        "auto-generated",
        "autogenerated",
    ]
    .iter()
    .any(|marker| head.contains(marker))
        || has_versioned_banner(&head)
    {
        return true;
    }
    let lines = bytes.split(|&byte| byte == b'\n').count();
    bytes.len() > 4096 && bytes.len() / lines > 300
}

/// Whether `head` opens a `/*!` licence banner that names a version (`jQuery v3.5.0`,
/// `Bootstrap 5.3.2`): the mark of a bundled library.
fn has_versioned_banner(head: &str) -> bool {
    let Some(start) = head.find("/*!") else {
        return false;
    };
    let banner = head[start..].split("*/").next().unwrap_or_default();
    banner
        .split(|c: char| c.is_whitespace() || c == ',' || c == '@')
        .map(|word| word.trim_start_matches('v'))
        .any(|word| {
            word.split('.').count() >= 2
                && word
                    .split('.')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Per 0-based line, the comments covering it: whether each is Drift's own, and the rules it
/// names (empty = all).
type LineSuppressions = FxHashMap<u32, Vec<(bool, Vec<String>)>>;

/// The suppression comments of a file: per 0-based line the comment applies to, the rules it
/// names (empty = all) and whether it is Drift's own.
fn suppressions(text: &Text<'_>) -> (LineSuppressions, Vec<Suppression>) {
    let mut by_line = LineSuppressions::default();
    let mut listed = Vec::new();
    for (index, line) in text.text.lines().enumerate() {
        let line_no = u32::try_from(index).unwrap_or(u32::MAX);
        // Cheap filter: every marker has one of these words.
        if !(line.contains("drift-ignore")
            || line.contains("noqa")
            || line.contains("eslint-disable")
            || line.contains("SuppressWarnings")
            || line.contains("nosec")
            || line.contains("NOLINT")
            || line.contains("rubocop:disable")
            || line.contains("phpcs:ignore")
            || line.contains("pylint: disable")
            || line.contains("#[allow("))
        {
            continue;
        }
        if let Some(at) = line.find("drift-ignore") {
            let rest = &line[at + "drift-ignore".len()..];
            let (next_only, rest) = match rest.strip_prefix("-next-line") {
                Some(rest) => (true, rest),
                None => (false, rest),
            };
            let rules: Vec<String> = rest
                .trim_start_matches(':')
                .split(|c: char| c.is_whitespace() || c == ',')
                .map(|rule| rule.trim_end_matches(['*', '/', '-', '>', ')']))
                .filter(|rule| !rule.is_empty() && !rule.starts_with("--"))
                .take_while(|rule| !rule.contains("*/") && *rule != "-->")
                .map(str::to_owned)
                .collect();
            listed.push(Suppression {
                line: line_no + 1,
                rules: rules.clone(),
                tool: "drift".into(),
            });
            if !next_only {
                by_line
                    .entry(line_no)
                    .or_default()
                    .push((true, rules.clone()));
            }
            by_line.entry(line_no + 1).or_default().push((true, rules));
            continue;
        }
        let (tool, same, next) = if line.contains("eslint-disable-next-line") {
            ("eslint", false, true)
        } else if line.contains("eslint-disable-line") {
            ("eslint", true, false)
        } else if line.contains("NOLINTNEXTLINE") {
            ("nolint", false, true)
        } else if line.contains("noqa") {
            ("noqa", true, false)
        } else if line.contains("SuppressWarnings") || line.contains("#[allow(") {
            ("annotation", true, true)
        } else if line.contains("eslint-disable") {
            continue;
        } else {
            ("linter", true, true)
        };
        let _ = tool;
        if same {
            by_line
                .entry(line_no)
                .or_default()
                .push((false, Vec::new()));
        }
        if next {
            by_line
                .entry(line_no + 1)
                .or_default()
                .push((false, Vec::new()));
        }
    }
    (by_line, listed)
}

/// Framework packs whose signals fire in this file: an import, a decorator, the file's name,
/// or (for a manifest) a dependency.
fn frameworks(
    set: &DetectionSet,
    path: &str,
    result: Option<&ParseResult>,
    bytes: &[u8],
) -> Vec<String> {
    let manifest = is_manifest(path);
    let mut found = Vec::new();
    for pack in &set.packs {
        let Some(name) = &pack.framework else {
            continue;
        };
        let fired = pack
            .signal_files
            .as_ref()
            .is_some_and(|globs| globs.is_match(path))
            || result.is_some_and(|result| signals_in(pack, result))
            || (manifest
                && pack.signals.iter().any(|signal| match signal {
                    FrameworkSignal::Dependency(dependency) => names_dependency(bytes, dependency),
                    _ => false,
                }));
        if fired && !found.contains(name) {
            found.push(name.clone());
        }
    }
    found
}

/// Whether a pack's import or decorator signal fires in a parsed file of its languages.
fn signals_in(pack: &super::pack::PackInfo, result: &ParseResult) -> bool {
    if !pack.languages.is_empty() && !pack.languages.contains(&result.language) {
        return false;
    }
    let imported = result.imports.iter().any(|import| {
        pack.signals.iter().any(|signal| match signal {
            FrameworkSignal::Import(module) => imports_module(&import.source, module),
            _ => false,
        })
    });
    imported
        || (!pack.signal_decorators.is_empty()
            && result
                .decorators
                .iter()
                .any(|decorator| pack.signal_decorators.contains(&decorator.name)))
}

/// Whether `path` is a dependency manifest.
fn is_manifest(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    matches!(
        name,
        "package.json"
            | "requirements.txt"
            | "pyproject.toml"
            | "Pipfile"
            | "setup.py"
            | "setup.cfg"
            | "pom.xml"
            | "build.gradle"
            | "build.gradle.kts"
            | "go.mod"
            | "Cargo.toml"
            | "Gemfile"
            | "composer.json"
    ) || lower.ends_with(".csproj")
        || (lower.starts_with("requirements") && lower.rsplit('.').next() == Some("txt"))
}

/// Whether a manifest's text names `dependency` as a whole token (`"express":`, `django==`,
/// `<artifactId>spring-boot-starter-web</artifactId>`, `github.com/gin-gonic/gin v1`).
fn names_dependency(bytes: &[u8], dependency: &str) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let lower = text.to_ascii_lowercase();
    let wanted = dependency.to_ascii_lowercase();
    let boundary = |c: Option<char>| {
        c.is_none_or(|c| {
            !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '/' || c == '.')
        })
    };
    lower.match_indices(&wanted).any(|(at, _)| {
        boundary(lower[..at].chars().next_back())
            && boundary(lower[at + wanted.len()..].chars().next())
    })
}

/// What detection finds in a file that was not parsed (a manifest, a config file): only the
/// framework signals of manifests.
#[must_use]
pub fn detect_unparsed(set: &DetectionSet, path: &str, bytes: &[u8]) -> FileDetections {
    FileDetections {
        frameworks: if is_manifest(path) {
            frameworks(set, path, None, bytes)
        } else {
            Vec::new()
        },
        ..FileDetections::default()
    }
}

/// Runs every pattern of `set` on one parsed file. `hits` are the file's syntax-phase hits
/// (from the same parse).
#[must_use]
pub fn detect_file(
    set: &DetectionSet,
    result: &ParseResult,
    bytes: &[u8],
    hits: &[SyntaxHit],
) -> FileDetections {
    let path = result.path.as_str();
    let frameworks = frameworks(set, path, Some(result), bytes);
    if is_generated(path, bytes) {
        return FileDetections {
            frameworks,
            generated: true,
            ..FileDetections::default()
        };
    }
    let facts = Facts::new(set, result, path, bytes, hits);
    let index = set.anchor_index();
    let language = result.language;
    let applies = |pattern: &PatternDef| pattern.applies_to(language);
    // Patterns with a candidate somewhere: nodes from the hits, calls and decorators by name,
    // the others each.
    let mut wanted: Vec<usize> = hits.iter().map(|hit| hit.pattern).collect();
    for call in &result.call_sites {
        if let Some(patterns) = index.calls.get(call.callee.as_str()) {
            wanted.extend(patterns);
        }
    }
    wanted.extend(&index.call_globs);
    for decorator in &result.decorators {
        if let Some(patterns) = index.decorators.get(last_segment(&decorator.name)) {
            wanted.extend(patterns);
        }
    }
    wanted.extend(&index.decorator_globs);
    wanted.extend(&index.others);
    wanted.sort_unstable();
    wanted.dedup();
    let (suppressed_lines, suppressions) = suppressions(&facts.text);
    let factor =
        (if is_test_path(path) { 0.85 } else { 1.0 }) * (if result.has_errors { 0.8 } else { 1.0 });
    let mut matches = Vec::new();
    let mut found = Vec::new();
    for pattern_index in wanted {
        let pattern = &set.patterns[pattern_index];
        if !applies(pattern) {
            continue;
        }
        found.clear();
        candidates(
            &facts,
            pattern_index,
            index.anchors[pattern_index],
            &mut found,
        );
        let mut seen: FxHashSet<(u32, u32)> = FxHashSet::default();
        for candidate in &found {
            if !seen.insert((candidate.line, candidate.column)) {
                continue;
            }
            if !pattern
                .matcher
                .holds(&facts, pattern_index, candidate.scope)
            {
                continue;
            }
            let suppressed = suppressed_lines
                .get(&candidate.line)
                .is_some_and(|comments| {
                    comments.iter().any(|(own, rules)| {
                        !own || rules.is_empty()
                            || rules.iter().any(|rule| rule_names(pattern, rule))
                    })
                });
            let text = candidate
                .text
                .clone()
                .unwrap_or_else(|| facts.text.line(candidate.line).trim().to_owned());
            matches.push(PatternMatch {
                pattern_id: pattern.id.clone(),
                line: candidate.line + 1,
                column: candidate.column,
                end_line: candidate.end_line.max(candidate.line) + 1,
                confidence: pattern.confidence * factor,
                matched_text: truncate(&text, MAX_MATCHED_TEXT),
                suppressed,
            });
        }
    }
    matches
        .sort_by(|a, b| (a.line, a.column, &a.pattern_id).cmp(&(b.line, b.column, &b.pattern_id)));
    FileDetections {
        matches,
        suppressions,
        frameworks,
        generated: false,
    }
}

fn truncate(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_owned();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}
