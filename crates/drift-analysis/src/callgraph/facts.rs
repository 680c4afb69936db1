//! What the call graph needs from one file, taken from its [`ParseResult`] while the scan has
//! it in hand: the functions with their ids, every call with the function it is in, and the
//! file's imports, exports and class bases. Stored per file, so a graph is rebuilt from facts
//! without parsing again.

use drift_core::Language;
use serde::{Deserialize, Serialize};

use crate::parsers::{ParseResult, Range, Visibility};

/// Bumped whenever [`FileFacts`] changes shape: stored facts of another version are not read
/// (a full scan writes them again).
pub const FACTS_VERSION: u32 = 4;

/// The name of the synthetic node holding a file's top-level code.
pub const MODULE_NODE: &str = "<module>";

/// One function (or the file's module node).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionFact {
    /// `path::QualifiedName`, with `#L<line>` when the file has two of that name.
    pub id: String,
    /// The declared name.
    pub name: String,
    /// `Class.method` and the like (see `FunctionInfo::qualified_name`).
    pub qualified_name: String,
    /// The class (or impl target, module) it belongs to: the qualified name without the last
    /// segment, for methods.
    pub owner: Option<String>,
    /// Declared in a class, struct, trait or impl block (or with a Go receiver).
    pub is_method: bool,
    /// Importable from other modules: exported, `pub`/public, or a public Python name.
    pub exported: bool,
    /// Declared visibility.
    pub visibility: Option<Visibility>,
    /// Decorator / annotation / attribute names.
    pub decorators: Vec<String>,
    /// Number of parameters.
    pub parameters: u32,
    /// Parameters with a declared type, as `(name, type's simple name)`: a call on one is a
    /// call on that type.
    pub typed_parameters: Vec<(String, String)>,
    /// Names of the parameters without a declared type: a name passed on is that value, not
    /// a function of the same name.
    pub untyped_parameters: Vec<String>,
    /// 0-based lines.
    pub line: u32,
    /// Last line (0-based).
    pub end_line: u32,
    /// xxh3 of the declaration: changes when callers may have to change.
    pub signature_hash: u64,
}

/// One call, attributed to the innermost function whose range holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFact {
    /// Index into [`FileFacts::functions`] (the module node for top-level code).
    pub caller: u32,
    /// The called name (last segment).
    pub callee: String,
    /// The receiver expression, if any (`this.users`).
    pub receiver: Option<String>,
    /// Arguments passed.
    pub arg_count: u32,
    /// 0-based line.
    pub line: u32,
    /// Byte column.
    pub column: u32,
}

/// A function named as a value in a call's arguments (a callback), attributed like a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceFact {
    /// Index into [`FileFacts::functions`] of the function whose code passes it.
    pub caller: u32,
    /// The referenced name.
    pub name: String,
    /// What it is taken from (`self`, a class, a module), if anything.
    pub receiver: Option<String>,
    /// The called name it is passed to.
    pub passed_to: String,
    /// Whether that call has a receiver (`app.get`).
    pub call_has_receiver: bool,
    /// 0-based line.
    pub line: u32,
}

/// An import: where from, and which names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFact {
    /// The module specifier as written.
    pub source: String,
    /// Names imported from it.
    pub names: Vec<String>,
    /// The local name of the whole module (`import * as ns`, `import a.b as m`).
    pub alias: Option<String>,
}

/// An export, and the module it re-exports from, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFact {
    /// The exported name (`default`, or `*` for `export *`).
    pub name: String,
    /// `export default`.
    pub is_default: bool,
    /// The module it is re-exported from.
    pub source: Option<String>,
}

/// A class, struct, trait or interface and what it extends or implements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassFact {
    /// The declared name.
    pub name: String,
    /// With its enclosing scopes.
    pub qualified_name: String,
    /// What it extends or implements, by simple name.
    pub bases: Vec<String>,
    /// Decorator / annotation names.
    pub decorators: Vec<String>,
    /// An interface or trait: its methods are called through implementations.
    pub is_interface: bool,
}

/// Everything the graph needs from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    /// Relative to the project root.
    pub path: String,
    /// The file's language.
    pub language: Language,
    /// Package or namespace declaration, if any.
    pub namespace: Option<String>,
    /// The module node first, then the functions in source order.
    pub functions: Vec<FunctionFact>,
    /// Every call site, attributed.
    pub calls: Vec<CallFact>,
    /// Functions passed as values, attributed.
    pub references: Vec<ReferenceFact>,
    /// Imports in source order.
    pub imports: Vec<ImportFact>,
    /// Exports in source order.
    pub exports: Vec<ExportFact>,
    /// Classes and other types.
    pub classes: Vec<ClassFact>,
    /// Whether the ids are in their stored form ([`FileFacts::compact_ids`]): the graph reads
    /// either, so stored facts are built from as they are read.
    #[serde(skip)]
    pub compact_ids: bool,
}

/// A function's id taken apart as the graph keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdForm<'a> {
    /// What follows `path::qualified_name` (usually nothing, or `#L12`).
    Relative(&'a str),
    /// An id that does not start with its function's `path::qualified_name`.
    Whole(&'a str),
}

fn position_before(a: (u32, u32), b: (u32, u32)) -> bool {
    a < b
}

fn start(range: &Range) -> (u32, u32) {
    (range.start_line, range.start_column)
}

fn end(range: &Range) -> (u32, u32) {
    (range.end_line, range.end_column)
}

/// Marks a stored id that is not relative to its function's `path::qualified_name`.
const WHOLE_ID: char = '=';

impl FileFacts {
    /// Shortens every function id to what follows `path::qualified_name` (usually nothing, or
    /// `#L12` for a second function of the same name), for storage: the file's path and the
    /// qualified name are stored beside it already, and were half of the stored facts' bytes.
    /// [`FileFacts::expand_ids`] undoes it.
    pub fn compact_ids(&mut self) {
        if self.compact_ids {
            return;
        }
        self.compact_ids = true;
        for function in &mut self.functions {
            let prefix_len = self.path.len() + 2 + function.qualified_name.len();
            let relative = function.id.len() >= prefix_len
                && function.id.starts_with(self.path.as_str())
                && function.id[self.path.len()..].starts_with("::")
                && function.id[self.path.len() + 2..].starts_with(function.qualified_name.as_str());
            if relative {
                function.id.drain(..prefix_len);
            } else {
                function.id.insert(0, WHOLE_ID);
            }
        }
    }

    /// Restores the ids shortened by [`FileFacts::compact_ids`].
    pub fn expand_ids(&mut self) {
        if !self.compact_ids {
            return;
        }
        self.compact_ids = false;
        for function in &mut self.functions {
            if let Some(whole) = function.id.strip_prefix(WHOLE_ID) {
                function.id = whole.to_owned();
            } else {
                function.id = format!("{}::{}{}", self.path, function.qualified_name, function.id);
            }
        }
    }

    /// The id of `function` (one of these facts' functions) as the graph keeps it, in either
    /// form of the ids.
    #[must_use]
    pub fn id_form<'a>(&self, function: &'a FunctionFact) -> IdForm<'a> {
        if self.compact_ids {
            return match function.id.strip_prefix(WHOLE_ID) {
                Some(whole) => IdForm::Whole(whole),
                None => IdForm::Relative(&function.id),
            };
        }
        function
            .id
            .strip_prefix(self.path.as_str())
            .and_then(|id| id.strip_prefix("::"))
            .and_then(|id| id.strip_prefix(function.qualified_name.as_str()))
            .map_or(IdForm::Whole(&function.id), IdForm::Relative)
    }

    /// The facts of `result`.
    #[must_use]
    #[expect(
        clippy::too_many_lines,
        reason = "one field per line of the record being filled; nothing to share between parts"
    )]
    pub fn of(result: &ParseResult) -> Self {
        let path = result.path.as_str();
        let exported: Vec<&str> = result.exports.iter().map(|e| e.name.as_str()).collect();
        let mut functions = vec![FunctionFact {
            id: format!("{path}::{MODULE_NODE}"),
            name: MODULE_NODE.to_owned(),
            qualified_name: MODULE_NODE.to_owned(),
            owner: None,
            is_method: false,
            exported: false,
            visibility: None,
            decorators: Vec::new(),
            parameters: 0,
            typed_parameters: Vec::new(),
            untyped_parameters: Vec::new(),
            line: 0,
            end_line: u32::MAX,
            signature_hash: 0,
        }];
        // Ids: one per syntactic function; a second function of the same qualified name in
        // the file (an overload, a redefinition) gets its line.
        let mut seen: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
        for function in &result.functions {
            *seen.entry(function.qualified_name.as_str()).or_default() += 1;
        }
        // Two of the same name on one line (minified code, one-line overloads) are told apart by
        // their order on the line.
        let mut taken: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
        for function in &result.functions {
            let qualified = function.qualified_name.as_str();
            let mut id = if seen.get(qualified).copied().unwrap_or(0) > 1 {
                format!("{path}::{qualified}#L{}", function.range.start_line + 1)
            } else {
                format!("{path}::{qualified}")
            };
            let mut ordinal = 1;
            while taken.contains(&id) {
                ordinal += 1;
                id = format!(
                    "{path}::{qualified}#L{}.{ordinal}",
                    function.range.start_line + 1
                );
            }
            taken.insert(id.clone());
            let owner = qualified
                .rfind(['.', ':'])
                .map(|at| qualified[..at].trim_end_matches(':').to_owned())
                .filter(|owner| !owner.is_empty());
            functions.push(FunctionFact {
                id,
                name: function.name.clone(),
                qualified_name: function.qualified_name.clone(),
                owner,
                is_method: function.is_method,
                exported: exported.contains(&function.name.as_str())
                    || (!function.is_method
                        && matches!(function.visibility, Some(Visibility::Public)))
                    // A Python module's public names are whatever does not start with `_`.
                    || (result.language == Language::Python
                        && !function.is_method
                        && !function.name.starts_with('_')
                        && !qualified.contains('.')),
                visibility: function.visibility,
                decorators: function.decorators.clone(),
                parameters: u32::try_from(function.parameters.len()).unwrap_or(u32::MAX),
                typed_parameters: function
                    .parameters
                    .iter()
                    .filter_map(|parameter| {
                        let ty = type_name(parameter.type_annotation.as_deref()?)?;
                        Some((parameter_name(&parameter.name)?, ty))
                    })
                    .collect(),
                untyped_parameters: function
                    .parameters
                    .iter()
                    .filter(|parameter| {
                        parameter
                            .type_annotation
                            .as_deref()
                            .and_then(type_name)
                            .is_none()
                    })
                    .filter_map(|parameter| parameter_name(&parameter.name))
                    .collect(),
                line: function.range.start_line,
                end_line: function.range.end_line,
                signature_hash: function.signature_hash.0,
            });
        }
        let callers = innermost(
            result,
            result
                .call_sites
                .iter()
                .map(|call| (call.line, call.column)),
        );
        let calls = result
            .call_sites
            .iter()
            .zip(callers)
            .map(|(call, caller)| CallFact {
                caller,
                callee: call.callee.clone(),
                receiver: call.receiver.clone(),
                arg_count: call.arg_count,
                line: call.line,
                column: call.column,
            })
            .collect();
        let callers = innermost(
            result,
            result
                .references
                .iter()
                .map(|reference| (reference.line, reference.column)),
        );
        let references = result
            .references
            .iter()
            .zip(callers)
            .map(|(reference, caller)| ReferenceFact {
                caller,
                name: reference.name.clone(),
                receiver: reference.receiver.clone(),
                passed_to: reference.passed_to.clone(),
                call_has_receiver: reference.call_has_receiver,
                line: reference.line,
            })
            .collect();
        Self {
            compact_ids: false,
            path: path.to_owned(),
            language: result.language,
            namespace: result.namespace.clone(),
            functions,
            calls,
            references,
            imports: result
                .imports
                .iter()
                .map(|import| ImportFact {
                    source: import.source.clone(),
                    names: import.names.clone(),
                    alias: import.alias.clone(),
                })
                .collect(),
            exports: result
                .exports
                .iter()
                .map(|export| ExportFact {
                    name: export.name.clone(),
                    is_default: export.is_default,
                    source: export.source.clone(),
                })
                .collect(),
            classes: result
                .classes
                .iter()
                .map(|class| ClassFact {
                    name: class.name.clone(),
                    qualified_name: class.qualified_name.clone(),
                    bases: class
                        .bases
                        .iter()
                        .chain(&class.interfaces)
                        .map(|base| base_name(base))
                        .collect(),
                    decorators: class.decorators.clone(),
                    is_interface: matches!(
                        class.kind,
                        crate::parsers::ClassKind::Interface | crate::parsers::ClassKind::Trait
                    ),
                })
                .collect(),
        }
    }
}

/// A parameter's bare name: `$x`, `&x`, `*args`, `x: int` -> `x`.
fn parameter_name(declared: &str) -> Option<String> {
    let name = declared
        .trim_start_matches(['$', '&', '*'])
        .split([':', ' ', '='])
        .next()?
        .trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The class a parameter type names: `Optional[Repo]`, `*store.Store`, `&mut Repo`,
/// `Repo | None`, `readonly Repo[]` -> `Repo`; `None` for primitives and unions of several.
fn type_name(text: &str) -> Option<String> {
    let mut text = text.trim();
    for wrapper in ["Optional[", "Annotated["] {
        if let Some(inner) = text.strip_prefix(wrapper) {
            text = inner.split([',', ']']).next().unwrap_or(inner);
        }
    }
    let text = text
        .split('|')
        .map(str::trim)
        .find(|part| !matches!(*part, "None" | "null" | "undefined" | "nil"))?
        .trim_start_matches(['*', '&', '?'])
        .trim_start_matches("mut ")
        .trim_start_matches("readonly ")
        .trim_end_matches('?');
    let name = base_name(text);
    name.starts_with(char::is_uppercase).then_some(name)
}

/// `Base<T>`, `pkg.Base`, `Base(metaclass=...)` -> `Base`.
fn base_name(text: &str) -> String {
    let text = text.split(['<', '(', '[']).next().unwrap_or(text);
    text.rsplit(['.', ':', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or(text)
        .trim()
        .to_owned()
}

/// The innermost function enclosing each position (index into the facts' functions, 0 = the
/// module node), for positions in source order: functions nest, so one sweep over both keeps
/// the open functions on a stack.
fn innermost(result: &ParseResult, positions: impl Iterator<Item = (u32, u32)>) -> Vec<u32> {
    let mut order: Vec<usize> = (0..result.functions.len()).collect();
    order.sort_by_key(|&i| {
        let range = &result.functions[i].range;
        (start(range), std::cmp::Reverse(end(range)))
    });
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut out = Vec::new();
    for at in positions {
        while next < order.len()
            && !position_before(at, start(&result.functions[order[next]].range))
        {
            let index = order[next];
            while open.last().is_some_and(|&top| {
                !position_before(
                    start(&result.functions[index].range),
                    end(&result.functions[top].range),
                )
            }) {
                open.pop();
            }
            open.push(index);
            next += 1;
        }
        while open
            .last()
            .is_some_and(|&top| !position_before(at, end(&result.functions[top].range)))
        {
            open.pop();
        }
        out.push(
            open.last()
                .map_or(0, |&index| u32::try_from(index + 1).unwrap_or(0)),
        );
    }
    out
}
