//! TypeScript and TSX (`drift-grammar-typescript`: tree-sitter-typescript with modern syntax).

use drift_core::Language;

use super::ecmascript::{ecmascript_calls, ecmascript_common};
use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::TypeScript,
    dialects: &[
        Dialect {
            name: "typescript",
            extensions: &["ts", "mts", "cts"],
            grammar: drift_grammar_typescript::LANGUAGE_TYPESCRIPT,
        },
        Dialect {
            name: "tsx",
            extensions: &["tsx"],
            grammar: drift_grammar_typescript::LANGUAGE_TSX,
        },
    ],
    structure: concat!(
        r#"
(_
  name: (identifier) @name
  parameters: (formal_parameters) @params
  return_type: (type_annotation)? @return
  body: (statement_block) @body) @function

(method_definition
  name: (_) @name
  parameters: (formal_parameters) @params
  return_type: (_)? @return
  body: (statement_block) @body) @function
(abstract_method_signature
  name: (_) @name
  parameters: (formal_parameters) @params
  return_type: (_)? @return) @function

(variable_declarator
  name: (identifier) @name
  value: [
    (arrow_function parameters: (formal_parameters)? @params return_type: (_)? @return body: (_) @body)
    (function_expression parameters: (formal_parameters) @params return_type: (_)? @return body: (_) @body)
  ] @function)
(public_field_definition
  name: (_) @name
  value: (arrow_function parameters: (formal_parameters)? @params return_type: (_)? @return body: (_) @body) @function)

(assignment_expression
  left: (member_expression property: (property_identifier) @name)
  right: (function_expression parameters: (formal_parameters) @params return_type: (_)? @return body: (_) @body) @function)
(pair
  key: (property_identifier) @name
  value: (function_expression parameters: (formal_parameters) @params return_type: (_)? @return body: (_) @body) @function)

(class_declaration name: (type_identifier) @name body: (class_body) @body) @class.class
(class name: (type_identifier) @name body: (class_body) @body) @class.class
(class (class_heritage (extends_clause value: (_) @base))) @class.class
(class_declaration (class_heritage (extends_clause value: (_) @base))) @class.class
(class_declaration (class_heritage (implements_clause (_) @implements))) @class.class
(abstract_class_declaration name: (type_identifier) @name body: (class_body) @body) @class.class
(abstract_class_declaration (class_heritage (extends_clause value: (_) @base))) @class.class
(abstract_class_declaration (class_heritage (implements_clause (_) @implements))) @class.class
(interface_declaration name: (type_identifier) @name body: (interface_body) @body) @class.interface
(interface_declaration (extends_type_clause type: (_) @base)) @class.interface
(enum_declaration name: (identifier) @name body: (enum_body) @body) @class.enum
(type_alias_declaration name: (type_identifier) @name) @class.type

(public_field_definition name: (_) @name) @field
(property_signature name: (_) @name) @field

(decorator [(identifier) @name (member_expression) @name (call_expression function: (_) @name arguments: (arguments) @arguments)]) @decorator
(internal_module name: (_) @name) @namespace

(type_annotation) @type
"#,
        ecmascript_common!()
    ),
    calls: ecmascript_calls!(),
    conventions: Conventions::DOT,
};
