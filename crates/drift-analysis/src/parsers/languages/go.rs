//! Go (`tree-sitter-go`).

use drift_core::Language;

use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::Go,
    dialects: &[Dialect {
        name: "go",
        extensions: &["go"],
        grammar: tree_sitter_go::LANGUAGE,
    }],
    structure: r#"
(function_declaration
  name: (identifier) @name
  parameters: (parameter_list) @params
  result: (_)? @return
  body: (block)? @body) @function
(method_declaration
  receiver: (parameter_list
    (parameter_declaration
      type: [
        (type_identifier) @receiver
        (pointer_type (type_identifier) @receiver)
        (generic_type type: (type_identifier) @receiver)
        (pointer_type (generic_type type: (type_identifier) @receiver))
      ]))
  name: (field_identifier) @name
  parameters: (parameter_list) @params
  result: (_)? @return
  body: (block)? @body) @function

(type_spec name: (type_identifier) @name type: (struct_type) @body) @class.struct
(type_spec
  type: (struct_type (field_declaration_list
    (field_declaration !name type: [(type_identifier) (qualified_type) (pointer_type)] @base)))) @class.struct
(type_spec name: (type_identifier) @name type: (interface_type) @body) @class.interface
(type_spec
  name: (type_identifier) @name
  type: [(type_identifier) (qualified_type) (generic_type) (function_type) (map_type) (slice_type)
         (array_type) (pointer_type) (channel_type)]) @class.type
(type_alias name: (type_identifier) @name) @class.type

(field_declaration name: (field_identifier) @name) @field

(import_spec name: (_)? @alias path: (_) @source) @import
(package_clause (package_identifier) @name) @namespace

[(interpreted_string_literal) (raw_string_literal)] @string
[(int_literal) (float_literal) (imaginary_literal)] @number
(parameter_declaration type: (_) @type)

(defer_statement) @defer
(call_expression function: (identifier) @_recover (#eq? @_recover "recover")) @propagate
(call_expression function: (identifier) @_panic (#eq? @_panic "panic")) @throw
"#,
    calls: r#"
(call_expression
  function: [
    (identifier) @callee
    (selector_expression operand: (_) @receiver field: (field_identifier) @callee)
  ]
  arguments: (argument_list) @args) @call
"#,
    conventions: Conventions {
        separator: ".",
        visibility_from_case: true,
    },
};
