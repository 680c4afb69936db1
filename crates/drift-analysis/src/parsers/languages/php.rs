//! PHP (`tree-sitter-php`, the grammar that accepts text around `<?php` tags).

use drift_core::Language;

use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::Php,
    dialects: &[Dialect {
        name: "php",
        extensions: &["php"],
        grammar: tree_sitter_php::LANGUAGE_PHP,
    }],
    structure: r#"
(function_definition
  name: (name) @name
  parameters: (formal_parameters) @params
  return_type: (_)? @return
  body: (compound_statement) @body) @function
(method_declaration
  name: (name) @name
  parameters: (formal_parameters) @params
  return_type: (_)? @return
  body: (compound_statement)? @body) @function

(class_declaration name: (name) @name body: (declaration_list) @body) @class.class
(class_declaration (base_clause (_) @base)) @class.class
(class_declaration (class_interface_clause (_) @implements)) @class.class
(class_declaration body: (declaration_list (use_declaration [(name) (qualified_name)] @implements))) @class.class
(interface_declaration name: (name) @name body: (declaration_list) @body) @class.interface
(interface_declaration (base_clause (_) @base)) @class.interface
(trait_declaration name: (name) @name body: (declaration_list) @body) @class.trait
(enum_declaration name: (name) @name body: (enum_declaration_list) @body) @class.enum
(enum_declaration (class_interface_clause (_) @implements)) @class.enum

(property_declaration (property_element name: (variable_name (name) @name))) @field

(attribute [(name) (qualified_name)] @name) @decorator
(attribute parameters: (arguments) @arguments) @decorator

(namespace_use_declaration (namespace_use_clause [(name) (qualified_name)] @source)) @import
(namespace_use_declaration (namespace_use_clause alias: (name) @alias)) @import
(namespace_definition name: (namespace_name) @name) @namespace

[(string) (encapsed_string)] @string
[(integer) (float)] @number
(simple_parameter type: (_) @type)
(property_declaration type: (_) @type)

(try_statement) @try
(catch_clause) @catch
(finally_clause) @finally
(throw_expression) @throw
"#,
    calls: r#"
(function_call_expression
  function: [(name) (qualified_name)] @callee
  arguments: (arguments) @args) @call
(member_call_expression
  object: (_) @receiver
  name: (name) @callee
  arguments: (arguments) @args) @call
(scoped_call_expression
  scope: (_) @receiver
  name: (name) @callee
  arguments: (arguments) @args) @call
(object_creation_expression [(name) (qualified_name)] @callee (arguments)? @args) @call
"#,
    conventions: Conventions::DOT,
};
