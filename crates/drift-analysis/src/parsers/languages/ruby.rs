//! Ruby (`tree-sitter-ruby`).

use drift_core::Language;

use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::Ruby,
    dialects: &[Dialect {
        name: "ruby",
        extensions: &["rb"],
        grammar: tree_sitter_ruby::LANGUAGE,
    }],
    structure: r#"
(method
  name: (_) @name
  parameters: (method_parameters)? @params
  body: (_)? @body) @function
(singleton_method
  name: (_) @name
  parameters: (method_parameters)? @params
  body: (_)? @body) @function

(class name: (_) @name body: (body_statement)? @body) @class.class
(class superclass: (superclass (_) @base)) @class.class
(class
  body: (body_statement
    (call
      method: (identifier) @_mixin (#match? @_mixin "^(include|extend|prepend)$")
      arguments: (argument_list [(constant) (scope_resolution)] @implements)))) @class.class
(module name: (_) @name body: (body_statement)? @body) @class.module
(module
  body: (body_statement
    (call
      method: (identifier) @_mixin (#match? @_mixin "^(include|extend|prepend)$")
      arguments: (argument_list [(constant) (scope_resolution)] @implements)))) @class.module

(call
  method: (identifier) @_attr (#match? @_attr "^attr_(reader|writer|accessor)$")
  arguments: (argument_list (simple_symbol) @name)) @field

(call
  method: (identifier) @_require (#match? @_require "^require(_relative)?$")
  arguments: (argument_list . (string) @source)) @import

(string) @string
[(integer) (float)] @number

(begin) @try
(rescue) @rescue
(rescue_modifier) @rescue
(ensure) @ensure
(call method: (identifier) @_raise (#eq? @_raise "raise")) @throw
"#,
    calls: r#"
(call
  receiver: (_)? @receiver
  method: (identifier) @callee
  arguments: (argument_list)? @args) @call
; A bare name in an expression is a call of a method of `self` unless it is a local variable,
; which the grammar cannot tell apart: recorded as a call on `self`, resolved only within the
; class and its ancestors.
(interpolation (identifier) @callee @call @implicit_self)
(body_statement (identifier) @callee @call @implicit_self)
(argument_list (identifier) @callee @call @implicit_self)
(binary (identifier) @callee @call @implicit_self)
"#,
    conventions: Conventions::DOT,
};
