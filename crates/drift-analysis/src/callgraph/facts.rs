//! What the call graph needs from one file, taken from its [`ParseResult`] while the scan has
//! it in hand: the functions with their ids, every call with the function it is in, and the
//! file's imports, exports and class bases. Stored per file, so a graph is rebuilt from facts
//! without parsing again.

use std::borrow::Cow;

use drift_core::Language;
use serde::{Deserialize, Serialize};

use crate::parsers::{ParseResult, Range, Visibility};

/// Bumped whenever [`FileFacts`] changes shape: stored facts of another version are not read
/// (a full scan writes them again).
pub const FACTS_VERSION: u32 = 4;

/// The name of the synthetic node holding a file's top-level code.
pub const MODULE_NODE: &str = "<module>";

/// A string of the facts: borrowed from the bytes it was read from (stored facts are read in
/// place, without a copy of every name) or from the parse result it was taken from, or owned
/// when it was worked out.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text<'a>(Cow<'a, str>);

impl<'a> Text<'a> {
    /// The string.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A copy that owns its string (no longer tied to what it was read from).
    #[must_use]
    pub fn into_owned(self) -> Text<'static> {
        Text(Cow::Owned(self.0.into_owned()))
    }

    /// Borrowed from `text`.
    #[must_use]
    pub const fn borrowed(text: &'a str) -> Self {
        Self(Cow::Borrowed(text))
    }

    /// The string from byte `at` on (a char boundary), still borrowed if it was.
    fn skip_bytes(self, at: usize) -> Self {
        match self.0 {
            Cow::Borrowed(text) => Self(Cow::Borrowed(&text[at..])),
            Cow::Owned(mut text) => {
                text.drain(..at);
                Self(Cow::Owned(text))
            }
        }
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Text<'_> {
    fn from(text: String) -> Self {
        Self(Cow::Owned(text))
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Self(Cow::Borrowed(text))
    }
}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text<'_>> for str {
    fn eq(&self, other: &Text<'_>) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Text<'_>> for &str {
    fn eq(&self, other: &Text<'_>) -> bool {
        **self == *other.0
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                text: &'de str,
            ) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// One function (or the file's module node).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionFact<'a> {
    /// `path::QualifiedName`, with `#L<line>` when the file has two of that name.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// The declared name.
    #[serde(borrow)]
    pub name: Text<'a>,
    /// `Class.method` and the like (see `FunctionInfo::qualified_name`).
    #[serde(borrow)]
    pub qualified_name: Text<'a>,
    /// The class (or impl target, module) it belongs to: the qualified name without the last
    /// segment, for methods.
    #[serde(borrow)]
    pub owner: Option<Text<'a>>,
    /// Declared in a class, struct, trait or impl block (or with a Go receiver).
    pub is_method: bool,
    /// Importable from other modules: exported, `pub`/public, or a public Python name.
    pub exported: bool,
    /// Declared visibility.
    pub visibility: Option<Visibility>,
    /// Decorator / annotation / attribute names.
    #[serde(borrow)]
    pub decorators: Vec<Text<'a>>,
    /// Number of parameters.
    pub parameters: u32,
    /// Parameters with a declared type, as `(name, type's simple name)`: a call on one is a
    /// call on that type.
    #[serde(borrow)]
    pub typed_parameters: Vec<(Text<'a>, Text<'a>)>,
    /// Names of the parameters without a declared type: a name passed on is that value, not
    /// a function of the same name.
    #[serde(borrow)]
    pub untyped_parameters: Vec<Text<'a>>,
    /// 0-based lines.
    pub line: u32,
    /// Last line (0-based).
    pub end_line: u32,
    /// xxh3 of the declaration: changes when callers may have to change.
    pub signature_hash: u64,
}

/// One call, attributed to the innermost function whose range holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFact<'a> {
    /// Index into [`FileFacts::functions`] (the module node for top-level code).
    pub caller: u32,
    /// The called name (last segment).
    #[serde(borrow)]
    pub callee: Text<'a>,
    /// The receiver expression, if any (`this.users`).
    #[serde(borrow)]
    pub receiver: Option<Text<'a>>,
    /// Arguments passed.
    pub arg_count: u32,
    /// 0-based line.
    pub line: u32,
    /// Byte column.
    pub column: u32,
}

/// A function named as a value in a call's arguments (a callback), attributed like a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceFact<'a> {
    /// Index into [`FileFacts::functions`] of the function whose code passes it.
    pub caller: u32,
    /// The referenced name.
    #[serde(borrow)]
    pub name: Text<'a>,
    /// What it is taken from (`self`, a class, a module), if anything.
    #[serde(borrow)]
    pub receiver: Option<Text<'a>>,
    /// The called name it is passed to.
    #[serde(borrow)]
    pub passed_to: Text<'a>,
    /// Whether that call has a receiver (`app.get`).
    pub call_has_receiver: bool,
    /// 0-based line.
    pub line: u32,
}

/// An import: where from, and which names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFact<'a> {
    /// The module specifier as written.
    #[serde(borrow)]
    pub source: Text<'a>,
    /// Names imported from it.
    #[serde(borrow)]
    pub names: Vec<Text<'a>>,
    /// The local name of the whole module (`import * as ns`, `import a.b as m`).
    #[serde(borrow)]
    pub alias: Option<Text<'a>>,
}

/// An export, and the module it re-exports from, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFact<'a> {
    /// The exported name (`default`, or `*` for `export *`).
    #[serde(borrow)]
    pub name: Text<'a>,
    /// `export default`.
    pub is_default: bool,
    /// The module it is re-exported from.
    #[serde(borrow)]
    pub source: Option<Text<'a>>,
}

/// A class, struct, trait or interface and what it extends or implements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassFact<'a> {
    /// The declared name.
    #[serde(borrow)]
    pub name: Text<'a>,
    /// With its enclosing scopes.
    #[serde(borrow)]
    pub qualified_name: Text<'a>,
    /// What it extends or implements, by simple name.
    #[serde(borrow)]
    pub bases: Vec<Text<'a>>,
    /// Decorator / annotation names.
    #[serde(borrow)]
    pub decorators: Vec<Text<'a>>,
    /// An interface or trait: its methods are called through implementations.
    pub is_interface: bool,
}

/// Everything the graph needs from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts<'a> {
    /// Relative to the project root.
    #[serde(borrow)]
    pub path: Text<'a>,
    /// The file's language.
    pub language: Language,
    /// Package or namespace declaration, if any.
    #[serde(borrow)]
    pub namespace: Option<Text<'a>>,
    /// The module node first, then the functions in source order.
    #[serde(borrow)]
    pub functions: Vec<FunctionFact<'a>>,
    /// Every call site, attributed.
    #[serde(borrow)]
    pub calls: Vec<CallFact<'a>>,
    /// Functions passed as values, attributed.
    #[serde(borrow)]
    pub references: Vec<ReferenceFact<'a>>,
    /// Imports in source order.
    #[serde(borrow)]
    pub imports: Vec<ImportFact<'a>>,
    /// Exports in source order.
    #[serde(borrow)]
    pub exports: Vec<ExportFact<'a>>,
    /// Classes and other types.
    #[serde(borrow)]
    pub classes: Vec<ClassFact<'a>>,
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

impl<'a> FileFacts<'a> {
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
            let id = std::mem::take(&mut function.id);
            let relative = id.len() >= prefix_len
                && id.starts_with(self.path.as_str())
                && id[self.path.len()..].starts_with("::")
                && id[self.path.len() + 2..].starts_with(function.qualified_name.as_str());
            function.id = if relative {
                id.skip_bytes(prefix_len)
            } else {
                format!("{WHOLE_ID}{id}").into()
            };
        }
    }

    /// Restores the ids shortened by [`FileFacts::compact_ids`].
    pub fn expand_ids(&mut self) {
        if !self.compact_ids {
            return;
        }
        self.compact_ids = false;
        for function in &mut self.functions {
            let id = std::mem::take(&mut function.id);
            function.id = if id.starts_with(WHOLE_ID) {
                id.skip_bytes(WHOLE_ID.len_utf8())
            } else {
                format!("{}::{}{id}", self.path, function.qualified_name).into()
            };
        }
    }

    /// The id of `function` (one of these facts' functions) as the graph keeps it, in either
    /// form of the ids.
    #[must_use]
    pub fn id_form<'f>(&self, function: &'f FunctionFact<'_>) -> IdForm<'f> {
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
    pub fn of(result: &'a ParseResult) -> Self {
        let path = result.path.as_str();
        let exported: Vec<&str> = result.exports.iter().map(|e| e.name.as_str()).collect();
        let mut functions = vec![FunctionFact {
            id: format!("{path}::{MODULE_NODE}").into(),
            name: Text::borrowed(MODULE_NODE),
            qualified_name: Text::borrowed(MODULE_NODE),
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
                .map(|at| qualified[..at].trim_end_matches(':'))
                .filter(|owner| !owner.is_empty())
                .map(Text::borrowed);
            functions.push(FunctionFact {
                id: id.into(),
                name: Text::borrowed(&function.name),
                qualified_name: Text::borrowed(qualified),
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
                decorators: function
                    .decorators
                    .iter()
                    .map(|name| Text::borrowed(name))
                    .collect(),
                parameters: u32::try_from(function.parameters.len()).unwrap_or(u32::MAX),
                typed_parameters: function
                    .parameters
                    .iter()
                    .filter_map(|parameter| {
                        let ty = type_name(parameter.type_annotation.as_deref()?)?;
                        Some((
                            Text::borrowed(parameter_name(&parameter.name)?),
                            Text::borrowed(ty),
                        ))
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
                    .map(Text::borrowed)
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
                callee: Text::borrowed(&call.callee),
                receiver: call.receiver.as_deref().map(Text::borrowed),
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
                name: Text::borrowed(&reference.name),
                receiver: reference.receiver.as_deref().map(Text::borrowed),
                passed_to: Text::borrowed(&reference.passed_to),
                call_has_receiver: reference.call_has_receiver,
                line: reference.line,
            })
            .collect();
        Self {
            compact_ids: false,
            path: Text::borrowed(path),
            language: result.language,
            namespace: result.namespace.as_deref().map(Text::borrowed),
            functions,
            calls,
            references,
            imports: result
                .imports
                .iter()
                .map(|import| ImportFact {
                    source: Text::borrowed(&import.source),
                    names: import
                        .names
                        .iter()
                        .map(|name| Text::borrowed(name))
                        .collect(),
                    alias: import.alias.as_deref().map(Text::borrowed),
                })
                .collect(),
            exports: result
                .exports
                .iter()
                .map(|export| ExportFact {
                    name: Text::borrowed(&export.name),
                    is_default: export.is_default,
                    source: export.source.as_deref().map(Text::borrowed),
                })
                .collect(),
            classes: result
                .classes
                .iter()
                .map(|class| ClassFact {
                    name: Text::borrowed(&class.name),
                    qualified_name: Text::borrowed(&class.qualified_name),
                    bases: class
                        .bases
                        .iter()
                        .chain(&class.interfaces)
                        .map(|base| Text::borrowed(base_name(base)))
                        .collect(),
                    decorators: class
                        .decorators
                        .iter()
                        .map(|name| Text::borrowed(name))
                        .collect(),
                    is_interface: matches!(
                        class.kind,
                        crate::parsers::ClassKind::Interface | crate::parsers::ClassKind::Trait
                    ),
                })
                .collect(),
        }
    }
}

/// Owned copies (no longer tied to the parse result or bytes they were read from).
impl FunctionFact<'_> {
    /// See the `impl`.
    #[must_use]
    pub fn into_owned(self) -> FunctionFact<'static> {
        FunctionFact {
            id: self.id.into_owned(),
            name: self.name.into_owned(),
            qualified_name: self.qualified_name.into_owned(),
            owner: self.owner.map(Text::into_owned),
            is_method: self.is_method,
            exported: self.exported,
            visibility: self.visibility,
            decorators: owned_all(self.decorators),
            parameters: self.parameters,
            typed_parameters: self
                .typed_parameters
                .into_iter()
                .map(|(name, ty)| (name.into_owned(), ty.into_owned()))
                .collect(),
            untyped_parameters: owned_all(self.untyped_parameters),
            line: self.line,
            end_line: self.end_line,
            signature_hash: self.signature_hash,
        }
    }
}

fn owned_all(texts: Vec<Text<'_>>) -> Vec<Text<'static>> {
    texts.into_iter().map(Text::into_owned).collect()
}

impl FileFacts<'_> {
    /// A copy that owns every string (kept beyond what it was taken from).
    #[must_use]
    pub fn into_owned(self) -> FileFacts<'static> {
        FileFacts {
            path: self.path.into_owned(),
            language: self.language,
            namespace: self.namespace.map(Text::into_owned),
            functions: self
                .functions
                .into_iter()
                .map(FunctionFact::into_owned)
                .collect(),
            calls: self
                .calls
                .into_iter()
                .map(|call| CallFact {
                    callee: call.callee.into_owned(),
                    receiver: call.receiver.map(Text::into_owned),
                    ..call
                })
                .collect(),
            references: self
                .references
                .into_iter()
                .map(|reference| ReferenceFact {
                    name: reference.name.into_owned(),
                    receiver: reference.receiver.map(Text::into_owned),
                    passed_to: reference.passed_to.into_owned(),
                    ..reference
                })
                .collect(),
            imports: self
                .imports
                .into_iter()
                .map(|import| ImportFact {
                    source: import.source.into_owned(),
                    names: owned_all(import.names),
                    alias: import.alias.map(Text::into_owned),
                })
                .collect(),
            exports: self
                .exports
                .into_iter()
                .map(|export| ExportFact {
                    name: export.name.into_owned(),
                    source: export.source.map(Text::into_owned),
                    ..export
                })
                .collect(),
            classes: self
                .classes
                .into_iter()
                .map(|class| ClassFact {
                    name: class.name.into_owned(),
                    qualified_name: class.qualified_name.into_owned(),
                    bases: owned_all(class.bases),
                    decorators: owned_all(class.decorators),
                    ..class
                })
                .collect(),
            compact_ids: self.compact_ids,
        }
    }
}

/// A parameter's bare name: `$x`, `&x`, `*args`, `x: int` -> `x`.
fn parameter_name(declared: &str) -> Option<&str> {
    let name = declared
        .trim_start_matches(['$', '&', '*'])
        .split([':', ' ', '='])
        .next()?
        .trim();
    (!name.is_empty()).then_some(name)
}

/// The class a parameter type names: `Optional[Repo]`, `*store.Store`, `&mut Repo`,
/// `Repo | None`, `readonly Repo[]` -> `Repo`; `None` for primitives and unions of several.
fn type_name(text: &str) -> Option<&str> {
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
fn base_name(text: &str) -> &str {
    let text = text.split(['<', '(', '[']).next().unwrap_or(text);
    text.rsplit(['.', ':', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or(text)
        .trim()
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
