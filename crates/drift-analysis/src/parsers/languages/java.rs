//! Java (`tree-sitter-java`).

use drift_core::Language;

use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::Java,
    dialects: &[Dialect {
        name: "java",
        extensions: &["java"],
        grammar: tree_sitter_java::LANGUAGE,
    }],
    structure: r#"
(method_declaration
  type: (_) @return
  name: (identifier) @name
  parameters: (formal_parameters) @params
  body: (block)? @body) @function
(constructor_declaration
  name: (identifier) @name
  parameters: (formal_parameters) @params
  body: (constructor_body) @body) @function

(compact_constructor_declaration name: (identifier) @name body: (block) @body) @function
(annotation_type_element_declaration type: (_) @return name: (identifier) @name) @function

(class_declaration name: (identifier) @name body: (class_body) @body) @class.class
(class_declaration superclass: (superclass (_) @base)) @class.class
(class_declaration interfaces: (super_interfaces (type_list (_) @implements))) @class.class
(interface_declaration name: (identifier) @name body: (interface_body) @body) @class.interface
(interface_declaration (extends_interfaces (type_list (_) @base))) @class.interface
(enum_declaration name: (identifier) @name body: (enum_body) @body) @class.enum
(enum_declaration interfaces: (super_interfaces (type_list (_) @implements))) @class.enum
(record_declaration name: (identifier) @name body: (class_body) @body) @class.record
(record_declaration interfaces: (super_interfaces (type_list (_) @implements))) @class.record
(annotation_type_declaration name: (identifier) @name) @class.interface

(field_declaration declarator: (variable_declarator name: (identifier) @name)) @field

(marker_annotation name: (_) @name) @decorator
(annotation name: (_) @name arguments: (annotation_argument_list) @arguments) @decorator

(import_declaration [(identifier) (scoped_identifier)] @source) @import
(package_declaration [(identifier) (scoped_identifier)] @name) @namespace

(string_literal) @string
[(decimal_integer_literal) (hex_integer_literal) (octal_integer_literal) (binary_integer_literal) (decimal_floating_point_literal)] @number
(formal_parameter type: (_) @type)
(field_declaration type: (_) @type)
(local_variable_declaration type: (_) @type)

[(try_statement) (try_with_resources_statement)] @try
(catch_clause) @catch
(finally_clause) @finally
(throw_statement) @throw
"#,
    calls: r#"
(method_invocation
  object: (_)? @receiver
  name: (identifier) @callee
  arguments: (argument_list) @args) @call
(object_creation_expression
  type: (_) @callee
  arguments: (argument_list) @args) @call
"#,
    conventions: Conventions::DOT,
};
