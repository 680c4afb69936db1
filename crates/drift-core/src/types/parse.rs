//! What a parser extracts from one file: [`ParseResult`] and its parts. The parsers
//! (`drift-analysis`) make them; storage (`drift-storage`) persists them.
//!
//! Positions are 0-based lines and UTF-8 byte columns, as tree-sitter reports them. Every list
//! is in source order.

use crate::types::{ContentHash, Language};
use serde::{Deserialize, Serialize};

/// A span of source: start and end (exclusive) as `(line, column)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// First line (0-based).
    pub start_line: u32,
    /// Byte column on the first line.
    pub start_column: u32,
    /// Last line (0-based).
    pub end_line: u32,
    /// Byte column just past the end on the last line.
    pub end_column: u32,
}

/// Declared visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Visible everywhere (`public`, `pub`, exported Go names).
    Public,
    /// Visible to subclasses.
    Protected,
    /// Visible in the declaring type or file only.
    Private,
    /// Package, internal, `pub(crate)` and similar module-level visibilities.
    Internal,
}

impl Visibility {
    /// The lower-case name (as serialised).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Protected => "protected",
            Self::Private => "private",
            Self::Internal => "internal",
        }
    }
}

/// A function parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    /// The name (for patterns: the pattern's text).
    pub name: String,
    /// The annotated type, if any.
    pub type_annotation: Option<String>,
    /// The default value, if any.
    pub default_value: Option<String>,
}

/// A function, method, constructor or function-valued binding.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent flags of the spec's function record, serialized as booleans"
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionInfo {
    /// The declared name.
    pub name: String,
    /// `Class.method`, `module::Type::method`, `pkg.Receiver.Method`: the enclosing types and
    /// namespaces joined with the language's separator.
    pub qualified_name: String,
    /// Parameters in declaration order.
    pub parameters: Vec<Parameter>,
    /// The declared return type, if any.
    pub return_type: Option<String>,
    /// `async` (or Kotlin `suspend`).
    pub is_async: bool,
    /// A generator (`function*`).
    pub is_generator: bool,
    /// `static`.
    pub is_static: bool,
    /// Inside a class, struct, interface or trait (or, in Go, with a receiver).
    pub is_method: bool,
    /// Declared (or, in Go, implied) visibility.
    pub visibility: Option<Visibility>,
    /// Decorator / annotation / attribute names, in source order.
    pub decorators: Vec<String>,
    /// Where it is in the file.
    pub range: Range,
    /// xxh3 of the body's text: changes when the implementation changes.
    pub body_hash: ContentHash,
    /// xxh3 of the declaration before the body, whitespace-normalised: changes when the
    /// name, parameters, return type or modifiers change.
    pub signature_hash: ContentHash,
}

/// What kind of type declaration a [`ClassInfo`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClassKind {
    /// A class.
    Class,
    /// An interface (or Kotlin/Java annotation type).
    Interface,
    /// A struct.
    Struct,
    /// An enum.
    Enum,
    /// A trait (Rust, PHP).
    Trait,
    /// A record (Java, C#).
    Record,
    /// A Kotlin `object`.
    Object,
    /// A Ruby module.
    Module,
    /// A type alias or other named type.
    TypeAlias,
}

impl ClassKind {
    /// The lower-case name (as serialised).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Class => "class",
            Self::Interface => "interface",
            Self::Struct => "struct",
            Self::Enum => "enum",
            Self::Trait => "trait",
            Self::Record => "record",
            Self::Object => "object",
            Self::Module => "module",
            Self::TypeAlias => "typealias",
        }
    }
}

/// A class or another type declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassInfo {
    /// The declared name.
    pub name: String,
    /// Name qualified by the enclosing scopes.
    pub qualified_name: String,
    /// What kind of declaration it is.
    pub kind: ClassKind,
    /// Superclasses (`extends`, Python bases, Ruby `<`).
    pub bases: Vec<String>,
    /// Implemented interfaces or traits.
    pub interfaces: Vec<String>,
    /// Names of the methods declared directly inside.
    pub methods: Vec<String>,
    /// Names of fields and properties declared directly inside.
    pub fields: Vec<String>,
    /// Declared (or, in Go, implied) visibility.
    pub visibility: Option<Visibility>,
    /// Decorator / annotation / attribute names, in source order.
    pub decorators: Vec<String>,
    /// Declared `abstract`.
    pub is_abstract: bool,
    /// Where it is in the file.
    pub range: Range,
}

/// An import, `use`, `require` or `include`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportInfo {
    /// The module, package or path imported from.
    pub source: String,
    /// Names brought into scope (empty for whole-module imports).
    pub names: Vec<String>,
    /// Alias of a whole-module import (`import x as y`, `import * as ns`).
    pub alias: Option<String>,
    /// Line (0-based).
    pub line: u32,
}

/// An exported name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportInfo {
    /// The declared name.
    pub name: String,
    /// `export default`.
    pub is_default: bool,
    /// Re-exported from another module.
    pub source: Option<String>,
    /// Line (0-based).
    pub line: u32,
}

/// A call or constructor invocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallSite {
    /// The called name (`save` in `repo.save(x)`).
    pub callee: String,
    /// What it is called on (`repo`), if anything.
    pub receiver: Option<String>,
    /// Number of arguments.
    pub arg_count: u32,
    /// Line (0-based).
    pub line: u32,
    /// Byte column (0-based).
    pub column: u32,
}

/// A function named as a value in a call's arguments (`app.get('/', handler)`, `arr.map(fmt)`,
/// `register(self.on_done)`, `Foo::bar`, Ruby's `before_action :load`): the called code may call
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionReference {
    /// The referenced name (last segment).
    pub name: String,
    /// What it is taken from (`self`, `this`, a class or module), if anything.
    pub receiver: Option<String>,
    /// The called name it is passed to (`get` in `app.get('/', handler)`).
    pub passed_to: String,
    /// Whether the call it is passed to has a receiver (`app.get`, not `get`).
    pub call_has_receiver: bool,
    /// Line (0-based).
    pub line: u32,
    /// Byte column (0-based).
    pub column: u32,
}

/// A decorator, annotation or attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecoratorInfo {
    /// The declared name.
    pub name: String,
    /// The argument list's text, if any.
    pub arguments: Option<String>,
    /// Line (0-based).
    pub line: u32,
}

/// `class A extends B`, `impl T for S`, `class A(B)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InheritanceInfo {
    /// The inheriting type (qualified).
    pub child: String,
    /// The inherited type as written.
    pub parent: String,
    /// `true` for an implemented interface or trait, `false` for a superclass.
    pub is_interface: bool,
}

/// A declared access modifier on a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessModifierInfo {
    /// The qualified name of the function or class.
    pub target: String,
    /// Declared (or, in Go, implied) visibility.
    pub visibility: Visibility,
}

/// A type annotation on a parameter, return value, variable or field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeAnnotation {
    /// The annotation as written.
    pub text: String,
    /// Line (0-based).
    pub line: u32,
}

/// A string literal (its text without the quotes where the grammar separates them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StringLiteral {
    /// The literal's value.
    pub value: String,
    /// Line (0-based).
    pub line: u32,
}

/// A numeric literal as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumericLiteral {
    /// The literal as written.
    pub raw: String,
    /// Line (0-based).
    pub line: u32,
}

/// Kinds of error-handling constructs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorHandlingKind {
    /// `try` / `begin`.
    Try,
    /// `catch` / `except`.
    Catch,
    /// `finally`.
    Finally,
    /// `throw` / `raise` / `panic`.
    Throw,
    /// Ruby `rescue`.
    Rescue,
    /// Ruby `ensure`.
    Ensure,
    /// Go `defer`.
    Defer,
    /// Go `recover()`, Rust `?` and `panic!`-style propagation are reported as this.
    Propagate,
}

impl ErrorHandlingKind {
    /// Every kind.
    pub const ALL: [Self; 8] = [
        Self::Try,
        Self::Catch,
        Self::Finally,
        Self::Throw,
        Self::Rescue,
        Self::Ensure,
        Self::Defer,
        Self::Propagate,
    ];

    /// The snake-case name (as serialised).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Try => "try",
            Self::Catch => "catch",
            Self::Finally => "finally",
            Self::Throw => "throw",
            Self::Rescue => "rescue",
            Self::Ensure => "ensure",
            Self::Defer => "defer",
            Self::Propagate => "propagate",
        }
    }
}

/// One error-handling construct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorHandlingInfo {
    /// What kind of declaration it is.
    pub kind: ErrorHandlingKind,
    /// Line (0-based).
    pub line: u32,
}

/// Everything extracted from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseResult {
    /// Path of the file, as given to the parser.
    pub path: String,
    /// The language it was parsed as.
    pub language: Language,
    /// xxh3 of the parsed bytes.
    pub content_hash: ContentHash,
    /// `namespace`, `package`, or `module` declared by the file.
    pub namespace: Option<String>,
    /// Functions and methods.
    pub functions: Vec<FunctionInfo>,
    /// Classes and other type declarations.
    pub classes: Vec<ClassInfo>,
    /// Imports.
    pub imports: Vec<ImportInfo>,
    /// Exports.
    pub exports: Vec<ExportInfo>,
    /// Calls, in source order.
    pub call_sites: Vec<CallSite>,
    /// Names passed as values to calls (callbacks), in source order.
    pub references: Vec<FunctionReference>,
    /// Decorator / annotation / attribute names, in source order.
    pub decorators: Vec<DecoratorInfo>,
    /// Superclasses and implemented interfaces.
    pub inheritance: Vec<InheritanceInfo>,
    /// Declared visibilities.
    pub access_modifiers: Vec<AccessModifierInfo>,
    /// Type annotations.
    pub type_annotations: Vec<TypeAnnotation>,
    /// String literals.
    pub string_literals: Vec<StringLiteral>,
    /// Numeric literals.
    pub numeric_literals: Vec<NumericLiteral>,
    /// Error-handling constructs.
    pub error_handling: Vec<ErrorHandlingInfo>,
    /// Whether the tree has syntax errors: the result is then partial.
    pub has_errors: bool,
    /// Syntax error positions (first 100), as `(line, column)`.
    pub error_positions: Vec<(u32, u32)>,
}

#[cfg(test)]
mod tests {
    use super::{ClassKind, ErrorHandlingKind, Visibility};

    /// The names the bridge shows are the ones the stored results (serde) use.
    #[test]
    fn names_are_the_serialised_ones() {
        let serde_name = |value: serde_json::Value| value.as_str().unwrap_or_default().to_owned();
        for visibility in [
            Visibility::Public,
            Visibility::Protected,
            Visibility::Private,
            Visibility::Internal,
        ] {
            assert_eq!(
                visibility.name(),
                serde_name(serde_json::to_value(visibility).unwrap())
            );
        }
        for kind in [
            ClassKind::Class,
            ClassKind::Interface,
            ClassKind::Struct,
            ClassKind::Enum,
            ClassKind::Trait,
            ClassKind::Record,
            ClassKind::Object,
            ClassKind::Module,
            ClassKind::TypeAlias,
        ] {
            assert_eq!(kind.name(), serde_name(serde_json::to_value(kind).unwrap()));
        }
        for kind in ErrorHandlingKind::ALL {
            assert_eq!(kind.name(), serde_name(serde_json::to_value(kind).unwrap()));
        }
    }
}
