//! Rust (`tree-sitter-rust`).

use drift_core::Language;

use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::Rust,
    dialects: &[Dialect {
        name: "rust",
        extensions: &["rs"],
        grammar: tree_sitter_rust::LANGUAGE,
    }],
    structure: r#"
(function_item
  name: (identifier) @name
  parameters: (parameters) @params
  return_type: (_)? @return
  body: (block) @body) @function

(struct_item name: (type_identifier) @name body: (_)? @body) @class.struct
(union_item name: (type_identifier) @name) @class.struct
(enum_item name: (type_identifier) @name body: (enum_variant_list) @body) @class.enum
(trait_item name: (type_identifier) @name body: (declaration_list) @body) @class.trait
(trait_item bounds: (trait_bounds (_) @base)) @class.trait
(type_item name: (type_identifier) @name) @class.type

(impl_item
  type: [
    (type_identifier) @name
    (generic_type type: (type_identifier) @name)
    (scoped_type_identifier name: (type_identifier) @name)
  ]) @scope
(impl_item
  trait: [
    (type_identifier) @implements
    (generic_type type: (type_identifier) @implements)
    (scoped_type_identifier name: (type_identifier) @implements)
  ]) @scope
(mod_item name: (identifier) @name body: (declaration_list)) @scope

(field_declaration name: (field_identifier) @name) @field

(attribute_item (attribute [(identifier) (scoped_identifier)] @name)) @decorator
(attribute_item (attribute arguments: (token_tree) @arguments)) @decorator

(use_declaration argument: (_) @source) @import

[(string_literal) (raw_string_literal)] @string
[(integer_literal) (float_literal)] @number
(parameter type: (_) @type)
(let_declaration type: (_) @type)
(field_declaration type: (_) @type)

(try_expression) @propagate
(macro_invocation macro: (identifier) @_panic (#match? @_panic "^(panic|unreachable|todo|unimplemented)$")) @throw
"#,
    calls: r#"
(call_expression
  function: [
    (identifier) @callee
    (field_expression value: (_) @receiver field: (field_identifier) @callee)
    (scoped_identifier path: (_) @receiver name: (identifier) @callee)
    (generic_function function: [
      (identifier) @callee
      (field_expression value: (_) @receiver field: (field_identifier) @callee)
      (scoped_identifier path: (_) @receiver name: (identifier) @callee)
    ])
  ]
  arguments: (arguments) @args) @call
(macro_invocation macro: (identifier) @callee) @call
; Calls inside macro arguments (`println!("{}", report(&x))`) are only tokens to the grammar:
; a name directly followed by a parenthesised group.
(token_tree (identifier) @callee @call . (token_tree) @args)
"#,
    conventions: Conventions {
        separator: "::",
        visibility_from_case: false,
    },
};
