//! Kotlin (Drift's fork of `tree-sitter-kotlin-ng`, `crates/drift-grammar-kotlin`; its scanner is C).

use drift_core::Language;

use crate::parsers::spec::{Conventions, Dialect, LanguageSpec};

pub static SPEC: LanguageSpec = LanguageSpec {
    language: Language::Kotlin,
    dialects: &[Dialect {
        name: "kotlin",
        extensions: &["kt", "kts"],
        grammar: drift_grammar_kotlin::LANGUAGE,
    }],
    structure: r#"
(function_declaration
  name: (identifier) @name
  (function_value_parameters) @params
  (function_body)? @body) @function
(function_declaration
  (function_value_parameters) . [(user_type) (nullable_type) (function_type)] @return) @function

(class_declaration (modifiers (class_modifier) @_enum (#eq? @_enum "enum")) name: (identifier) @name) @class.enum
(class_declaration "interface" name: (identifier) @name) @class.interface
(class_declaration "class" name: (identifier) @name) @class.class
(class_declaration [(class_body) (enum_class_body)] @body) @class.class
(class_declaration
  (delegation_specifiers (delegation_specifier (constructor_invocation (user_type) @base)))) @class.class
(class_declaration
  (delegation_specifiers (delegation_specifier (user_type) @implements))) @class.class
(object_declaration name: (identifier) @name (class_body)? @body) @class.object
(companion_object (class_body)? @body) @class.object
(companion_object name: (identifier) @name) @class.object
(type_alias type: (identifier) @name) @class.type
(object_declaration
  (delegation_specifiers (delegation_specifier (user_type) @implements))) @class.object

(class_declaration (primary_constructor (class_parameters (class_parameter (identifier) @name) @field)))
(property_declaration (variable_declaration (identifier) @name)) @field

(annotation (user_type) @name) @decorator
(annotation (constructor_invocation (user_type) @name (value_arguments) @arguments)) @decorator

(import [(qualified_identifier) (identifier)] @source) @import
(package_header (qualified_identifier) @name) @namespace

[(string_literal) (multiline_string_literal)] @string
[(number_literal) (float_literal)] @number
(parameter [(user_type) (nullable_type) (function_type)] @type)

(try_expression) @try
(catch_block) @catch
(finally_block) @finally
"#,
    calls: r#"
(call_expression (identifier) @callee (value_arguments)? @args) @call
(call_expression
  (navigation_expression (_) @receiver (identifier) @callee)
  (value_arguments)? @args) @call
"#,
    conventions: Conventions::DOT,
};
