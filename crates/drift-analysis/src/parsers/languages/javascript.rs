//! JavaScript, JSX and `CommonJS` (`tree-sitter-javascript`).

use drift_core::Language;

use super::ecmascript::{ecmascript_calls, ecmascript_common};
use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::JavaScript,
    dialects: &[Dialect {
        name: "javascript",
        extensions: &["js", "jsx", "mjs", "cjs"],
        grammar: tree_sitter_javascript::LANGUAGE,
    }],
    structure: concat!(
        r#"
(_
  name: (identifier) @name
  parameters: (formal_parameters) @params
  body: (statement_block) @body) @function
(method_definition
  name: (_) @name
  parameters: (formal_parameters) @params
  body: (statement_block) @body) @function
(variable_declarator
  name: (identifier) @name
  value: [
    (arrow_function body: (_) @body)
    (function_expression parameters: (formal_parameters) @params body: (_) @body)
  ] @function)
(variable_declarator
  name: (identifier)
  value: (arrow_function parameters: (formal_parameters) @params) @function)
(field_definition
  property: (_) @name
  value: (arrow_function body: (_) @body) @function)

(assignment_expression
  left: (member_expression property: (property_identifier) @name)
  right: (function_expression parameters: (formal_parameters) @params body: (_) @body) @function)
(pair
  key: (property_identifier) @name
  value: (function_expression parameters: (formal_parameters) @params body: (_) @body) @function)

(class_declaration name: (identifier) @name body: (class_body) @body) @class.class
(class name: (identifier) @name body: (class_body) @body) @class.class
(class (class_heritage (_) @base)) @class.class
(class_declaration (class_heritage (_) @base)) @class.class
(field_definition property: (_) @name) @field

(decorator [(identifier) @name (member_expression) @name (call_expression function: (_) @name arguments: (arguments) @arguments)]) @decorator
"#,
        ecmascript_common!()
    ),
    calls: ecmascript_calls!(),
    conventions: Conventions::DOT,
};
