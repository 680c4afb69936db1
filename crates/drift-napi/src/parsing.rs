//! `parseFile`, `parseFileCached`, `queryParseStats`: the parsers
//! ([`drift_analysis::parsers`]) for editors and single files.

use drift_analysis::parsers::{self as parsed, ParseResult, ParserManager};
use napi::Either;
use napi::Result;
use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;

use crate::errors::to_napi_error;
use crate::runtime;

/// A span of source, 0-based lines and byte columns; the end is exclusive.
#[napi(object)]
pub struct SourceRange {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// A function parameter.
#[napi(object)]
pub struct ParameterView {
    /// The name (for patterns: the pattern's text).
    pub name: String,
    pub type_annotation: Option<String>,
    pub default_value: Option<String>,
}

/// A function, method, constructor or function-valued binding.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent flags of the function record, as the core type has them"
)]
#[napi(object)]
pub struct FunctionView {
    pub name: String,
    /// `Class.method`, `module::Type::method`, ...: the enclosing types and namespaces.
    pub qualified_name: String,
    pub parameters: Vec<ParameterView>,
    pub return_type: Option<String>,
    pub is_async: bool,
    pub is_generator: bool,
    pub is_static: bool,
    pub is_method: bool,
    /// `public`, `protected`, `private` or `internal`.
    pub visibility: Option<String>,
    pub decorators: Vec<String>,
    pub range: SourceRange,
    /// xxh3 of the body's text, 16 hex digits.
    pub body_hash: String,
    /// xxh3 of the declaration before the body, 16 hex digits.
    pub signature_hash: String,
}

/// A class or another type declaration.
#[napi(object)]
pub struct ClassView {
    pub name: String,
    pub qualified_name: String,
    /// `class`, `interface`, `struct`, `enum`, `trait`, `record`, `object`, `module`,
    /// `typealias`.
    pub kind: String,
    pub bases: Vec<String>,
    pub interfaces: Vec<String>,
    /// Names of the methods declared directly inside.
    pub methods: Vec<String>,
    /// Names of the fields and properties declared directly inside.
    pub fields: Vec<String>,
    pub visibility: Option<String>,
    pub decorators: Vec<String>,
    pub is_abstract: bool,
    pub range: SourceRange,
}

/// An import, `use`, `require` or `include` (line 0-based).
#[napi(object)]
pub struct ImportView {
    pub source: String,
    /// Names brought into scope (empty for whole-module imports).
    pub names: Vec<String>,
    pub alias: Option<String>,
    pub line: u32,
}

/// An exported name (line 0-based).
#[napi(object)]
pub struct ExportView {
    pub name: String,
    pub is_default: bool,
    /// The module re-exported from, if any.
    pub source: Option<String>,
    pub line: u32,
}

/// A call or constructor invocation (line and byte column 0-based).
#[napi(object)]
pub struct CallSiteView {
    pub callee: String,
    pub receiver: Option<String>,
    pub arg_count: u32,
    pub line: u32,
    pub column: u32,
}

/// A function named as a value in a call's arguments (a callback).
#[napi(object)]
pub struct ReferenceView {
    pub name: String,
    pub receiver: Option<String>,
    /// The called name it is passed to.
    pub passed_to: String,
    pub call_has_receiver: bool,
    pub line: u32,
    pub column: u32,
}

/// A decorator, annotation or attribute.
#[napi(object)]
pub struct DecoratorView {
    pub name: String,
    /// The argument list's text, if any.
    pub arguments: Option<String>,
    pub line: u32,
}

/// `class A extends B`, `impl T for S`, `class A(B)`.
#[napi(object)]
pub struct InheritanceView {
    pub child: String,
    pub parent: String,
    /// An implemented interface or trait (not a superclass).
    pub is_interface: bool,
}

/// A declared access modifier on a member.
#[napi(object)]
pub struct AccessModifierView {
    /// The qualified name of the function or class.
    pub target: String,
    pub visibility: String,
}

/// A piece of text at a line: a type annotation, a string literal's value, a number as
/// written.
#[napi(object)]
pub struct TextAtLine {
    pub text: String,
    pub line: u32,
}

/// An error-handling construct: `try`, `catch`, `finally`, `throw`, `rescue`, `ensure`,
/// `defer`, `propagate`.
#[napi(object)]
pub struct ErrorHandlingView {
    pub kind: String,
    pub line: u32,
}

/// Where a syntax error is (0-based line, byte column).
#[napi(object)]
pub struct ErrorPosition {
    pub line: u32,
    pub column: u32,
}

/// Everything extracted from one file.
#[napi(object)]
pub struct ParseResultView {
    pub path: String,
    pub language: String,
    /// xxh3 of the parsed bytes, 16 hex digits.
    pub content_hash: String,
    /// The `namespace`, `package` or `module` the file declares.
    pub namespace: Option<String>,
    pub functions: Vec<FunctionView>,
    pub classes: Vec<ClassView>,
    pub imports: Vec<ImportView>,
    pub exports: Vec<ExportView>,
    pub call_sites: Vec<CallSiteView>,
    /// Names passed as values to calls (callbacks).
    pub references: Vec<ReferenceView>,
    pub decorators: Vec<DecoratorView>,
    pub inheritance: Vec<InheritanceView>,
    pub access_modifiers: Vec<AccessModifierView>,
    pub type_annotations: Vec<TextAtLine>,
    pub string_literals: Vec<TextAtLine>,
    pub numeric_literals: Vec<TextAtLine>,
    pub error_handling: Vec<ErrorHandlingView>,
    /// The tree has syntax errors: the result is partial.
    pub has_errors: bool,
    /// The first 100 syntax errors.
    pub error_positions: Vec<ErrorPosition>,
}

fn range(range: parsed::Range) -> SourceRange {
    SourceRange {
        start_line: range.start_line,
        start_column: range.start_column,
        end_line: range.end_line,
        end_column: range.end_column,
    }
}

fn visibility(value: Option<parsed::Visibility>) -> Option<String> {
    value.map(|visibility| visibility.name().to_owned())
}

impl From<parsed::FunctionInfo> for FunctionView {
    fn from(function: parsed::FunctionInfo) -> Self {
        Self {
            name: function.name,
            qualified_name: function.qualified_name,
            parameters: function
                .parameters
                .into_iter()
                .map(|parameter| ParameterView {
                    name: parameter.name,
                    type_annotation: parameter.type_annotation,
                    default_value: parameter.default_value,
                })
                .collect(),
            return_type: function.return_type,
            is_async: function.is_async,
            is_generator: function.is_generator,
            is_static: function.is_static,
            is_method: function.is_method,
            visibility: visibility(function.visibility),
            decorators: function.decorators,
            range: range(function.range),
            body_hash: function.body_hash.to_string(),
            signature_hash: function.signature_hash.to_string(),
        }
    }
}

impl From<parsed::ClassInfo> for ClassView {
    fn from(class: parsed::ClassInfo) -> Self {
        Self {
            name: class.name,
            qualified_name: class.qualified_name,
            kind: class.kind.name().to_owned(),
            bases: class.bases,
            interfaces: class.interfaces,
            methods: class.methods,
            fields: class.fields,
            visibility: visibility(class.visibility),
            decorators: class.decorators,
            is_abstract: class.is_abstract,
            range: range(class.range),
        }
    }
}

impl From<parsed::CallSite> for CallSiteView {
    fn from(call: parsed::CallSite) -> Self {
        Self {
            callee: call.callee,
            receiver: call.receiver,
            arg_count: call.arg_count,
            line: call.line,
            column: call.column,
        }
    }
}

impl From<parsed::FunctionReference> for ReferenceView {
    fn from(reference: parsed::FunctionReference) -> Self {
        Self {
            name: reference.name,
            receiver: reference.receiver,
            passed_to: reference.passed_to,
            call_has_receiver: reference.call_has_receiver,
            line: reference.line,
            column: reference.column,
        }
    }
}

fn view(result: ParseResult) -> ParseResultView {
    let at_line = |text: String, line: u32| TextAtLine { text, line };
    ParseResultView {
        path: result.path,
        language: result.language.name().to_owned(),
        content_hash: result.content_hash.to_string(),
        namespace: result.namespace,
        functions: result.functions.into_iter().map(Into::into).collect(),
        classes: result.classes.into_iter().map(Into::into).collect(),
        imports: result
            .imports
            .into_iter()
            .map(|import| ImportView {
                source: import.source,
                names: import.names,
                alias: import.alias,
                line: import.line,
            })
            .collect(),
        exports: result
            .exports
            .into_iter()
            .map(|export| ExportView {
                name: export.name,
                is_default: export.is_default,
                source: export.source,
                line: export.line,
            })
            .collect(),
        call_sites: result.call_sites.into_iter().map(Into::into).collect(),
        references: result.references.into_iter().map(Into::into).collect(),
        decorators: result
            .decorators
            .into_iter()
            .map(|decorator| DecoratorView {
                name: decorator.name,
                arguments: decorator.arguments,
                line: decorator.line,
            })
            .collect(),
        inheritance: result
            .inheritance
            .into_iter()
            .map(|link| InheritanceView {
                child: link.child,
                parent: link.parent,
                is_interface: link.is_interface,
            })
            .collect(),
        access_modifiers: result
            .access_modifiers
            .into_iter()
            .map(|modifier| AccessModifierView {
                target: modifier.target,
                visibility: modifier.visibility.name().to_owned(),
            })
            .collect(),
        type_annotations: result
            .type_annotations
            .into_iter()
            .map(|annotation| at_line(annotation.text, annotation.line))
            .collect(),
        string_literals: result
            .string_literals
            .into_iter()
            .map(|literal| at_line(literal.value, literal.line))
            .collect(),
        numeric_literals: result
            .numeric_literals
            .into_iter()
            .map(|literal| at_line(literal.raw, literal.line))
            .collect(),
        error_handling: result
            .error_handling
            .into_iter()
            .map(|construct| ErrorHandlingView {
                kind: construct.kind.name().to_owned(),
                line: construct.line,
            })
            .collect(),
        has_errors: result.has_errors,
        error_positions: result
            .error_positions
            .into_iter()
            .map(|(line, column)| ErrorPosition { line, column })
            .collect(),
    }
}

/// Parses `source` as the language of `path`'s extension, synchronously (editors call this on
/// every change; a 1,000-line file takes a few milliseconds).
///
/// Syntax errors give a partial result with `hasErrors: true`. Errors:
/// `[UNSUPPORTED_LANGUAGE]` for an unknown extension, `[PARSE_ERROR]` for binary content,
/// `[RUNTIME_NOT_INITIALIZED]`, `[ALREADY_SHUT_DOWN]`.
#[napi]
pub fn parse_file(path: String, source: Either<String, Uint8Array>) -> Result<ParseResultView> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let bytes: &[u8] = match &source {
        Either::A(text) => text.as_bytes(),
        Either::B(bytes) => bytes,
    };
    let result = runtime
        .engine
        .parse_source(&path, bytes)
        .map_err(|err| to_napi_error(&err))?;
    Ok(view(result))
}

/// Reads `path` (relative to the runtime's root) and parses it, from the parse cache when its
/// content was parsed before (in this process, or in drift.db's persisted cache, which a fresh
/// result is added to). Errors as `parseFile`, plus `[SCAN_ERROR]` when the file cannot
/// be read.
#[napi]
pub fn parse_file_cached(path: String) -> Result<ParseResultView> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let result = runtime
        .engine
        .parse_file_cached(&path)
        .map_err(|err| to_napi_error(&err))?;
    Ok(view(result))
}

/// Parse cache and query statistics.
#[napi(object)]
pub struct ParseStats {
    pub cache_hits: f64,
    pub cache_misses: f64,
    pub cache_evictions: f64,
    pub cache_entries: f64,
    pub cache_capacity: f64,
    /// Results found in drift.db's persisted parse cache after a miss in memory.
    pub store_hits: f64,
    /// Tree-sitter query compilations in this process (two per language and dialect, once).
    pub query_compilations: u32,
}

/// Statistics of the parse cache and the query compiler.
#[napi]
#[allow(
    clippy::cast_precision_loss,
    reason = "counters stay far below 2^53 (`allow`: napi-derive expands this item differently under cfg(test))"
)]
pub fn query_parse_stats() -> Result<ParseStats> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let parsers = runtime.engine.parsers();
    let stats = parsers.cache().stats();
    Ok(ParseStats {
        cache_hits: stats.hits as f64,
        cache_misses: stats.misses as f64,
        cache_evictions: stats.evictions as f64,
        cache_entries: stats.entries as f64,
        cache_capacity: stats.capacity as f64,
        store_hits: parsers.store_hits() as f64,
        query_compilations: u32::try_from(ParserManager::query_compilations()).unwrap_or(u32::MAX),
    })
}
