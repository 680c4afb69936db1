//! C# (`tree-sitter-c-sharp`).

use drift_core::Language;

use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::CSharp,
    dialects: &[Dialect {
        name: "csharp",
        extensions: &["cs"],
        grammar: tree_sitter_c_sharp::LANGUAGE,
    }],
    structure: r#"
(method_declaration
  returns: (_) @return
  name: (identifier) @name
  parameters: (parameter_list) @params
  body: (_)? @body) @function
(constructor_declaration
  name: (identifier) @name
  parameters: (parameter_list) @params
  body: (_)? @body) @function
(operator_declaration
  operator: _ @name
  parameters: (parameter_list) @params
  body: (_)? @body) @function
(conversion_operator_declaration
  type: (_) @name
  parameters: (parameter_list) @params
  body: (_)? @body) @function
(destructor_declaration
  name: (identifier) @name
  parameters: (parameter_list) @params
  body: (_)? @body) @function
(local_function_statement
  type: (_) @return
  name: (identifier) @name
  parameters: (parameter_list) @params
  body: (_)? @body) @function

(class_declaration name: (identifier) @name body: (declaration_list) @body) @class.class
(class_declaration (base_list (_) @base)) @class.class
(interface_declaration name: (identifier) @name body: (declaration_list) @body) @class.interface
(interface_declaration (base_list (_) @base)) @class.interface
(struct_declaration name: (identifier) @name body: (declaration_list) @body) @class.struct
(struct_declaration (base_list (_) @implements)) @class.struct
(enum_declaration name: (identifier) @name body: (enum_member_declaration_list) @body) @class.enum
(record_declaration name: (identifier) @name) @class.record
(record_declaration body: (declaration_list) @body) @class.record
(record_declaration (base_list (_) @base)) @class.record

(field_declaration (variable_declaration (variable_declarator name: (identifier) @name))) @field
(property_declaration name: (identifier) @name) @field

(attribute name: (_) @name) @decorator
(attribute (attribute_argument_list) @arguments) @decorator

(using_directive (_) @source) @import
(namespace_declaration name: (_) @name) @namespace
(file_scoped_namespace_declaration name: (_) @name) @namespace

[(string_literal) (verbatim_string_literal) (raw_string_literal) (interpolated_string_expression)] @string
[(integer_literal) (real_literal)] @number
(parameter type: (_) @type)
(property_declaration type: (_) @type)
(variable_declaration type: (_) @type)

(try_statement) @try
(catch_clause) @catch
(finally_clause) @finally
[(throw_statement) (throw_expression)] @throw
"#,
    calls: r#"
(invocation_expression
  function: [
    (identifier) @callee
    (generic_name (identifier) @callee)
    (member_access_expression expression: (_) @receiver name: (_) @callee)
  ]
  arguments: (argument_list) @args) @call
(object_creation_expression
  type: (_) @callee
  arguments: (argument_list)? @args) @call
"#,
    conventions: Conventions::DOT,
};
