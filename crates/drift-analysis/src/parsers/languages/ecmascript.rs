//! Query text shared by JavaScript and TypeScript, whose grammars share these node kinds.

/// Calls and constructor invocations.
macro_rules! ecmascript_calls {
    () => {
        r#"
(call_expression
  function: [
    (identifier) @callee
    (member_expression object: (_) @receiver property: (_) @callee)
  ]
  arguments: (arguments) @args) @call

(new_expression
  constructor: [
    (identifier) @callee
    (member_expression object: (_) @receiver property: (_) @callee)
  ]
  arguments: (arguments)? @args) @call
"#
    };
}

/// Imports, exports, `CommonJS` `require`, literals and error handling.
macro_rules! ecmascript_common {
    () => {
        r#"
(import_statement
  (import_clause (identifier) @imported)
  source: (string) @source) @import
(import_statement
  (import_clause (named_imports (import_specifier name: (_) @imported)))
  source: (string) @source) @import
(import_statement
  (import_clause (namespace_import (identifier) @alias))
  source: (string) @source) @import
(import_statement source: (string) @source) @import

(call_expression
  function: (identifier) @_require (#eq? @_require "require")
  arguments: (arguments . (string) @source)) @import
; CommonJS names: `const { a, b } = require('./x')` and `const x = require('./x')`, merged
; into the `require` call's import.
(variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @imported)
  value: (call_expression
    function: (identifier) @_require (#eq? @_require "require")
    arguments: (arguments . (string) @source)) @import)
(variable_declarator
  name: (identifier) @alias
  value: (call_expression
    function: (identifier) @_require (#eq? @_require "require")
    arguments: (arguments . (string) @source)) @import)

(export_statement "default") @export.default
(export_statement declaration: (_ name: (_) @name)) @export
(export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @name))) @export
(export_statement (export_clause (export_specifier name: (_) @name))) @export
(export_statement (export_clause (export_specifier name: (_) @name)) source: (string) @source) @export

(string) @string
(template_string) @string
(number) @number

(try_statement) @try
(catch_clause) @catch
(finally_clause) @finally
(throw_statement) @throw
"#
    };
}

pub(super) use {ecmascript_calls, ecmascript_common};
