//! Python (`tree-sitter-python`).

use drift_core::Language;

use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::Python,
    dialects: &[Dialect {
        name: "python",
        extensions: &["py", "pyi"],
        grammar: tree_sitter_python::LANGUAGE,
    }],
    structure: r#"
(function_definition
  name: (identifier) @name
  parameters: (parameters) @params
  return_type: (type)? @return
  body: (block) @body) @function

(class_definition name: (identifier) @name body: (block) @body) @class.class
(class_definition superclasses: (argument_list [(identifier) (attribute) (subscript)] @base)) @class.class
(class_definition body: (block (expression_statement (assignment left: (identifier) @name) @field)))

(decorator [(identifier) @name (attribute) @name (call function: (_) @name arguments: (argument_list) @arguments)]) @decorator

(import_statement name: (dotted_name) @source) @import
(import_statement name: (aliased_import name: (dotted_name) @source alias: (identifier) @alias)) @import
(import_from_statement module_name: (_) @source) @import
(import_from_statement module_name: (_) @source name: (dotted_name) @imported) @import
(import_from_statement module_name: (_) @source name: (aliased_import name: (dotted_name) @imported)) @import

(string) @string
[(integer) (float)] @number
(type) @type

(try_statement) @try
(except_clause) @catch
(finally_clause) @finally
(raise_statement) @throw
"#,
    calls: r#"
(call
  function: [
    (identifier) @callee
    (attribute object: (_) @receiver attribute: (identifier) @callee)
  ]
  arguments: (argument_list) @args) @call
"#,
    conventions: Conventions::DOT,
};
