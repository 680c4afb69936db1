//! The extraction engine shared by every language: runs a language's two queries over a tree
//! and turns the captures into a [`ParseResult`]. Everything here is iterative (no recursion
//! over the tree), so deeply nested input cannot overflow a thread's stack, which is small in
//! the wasm build.

use drift_core::{ContentHash, Language};
use rustc_hash::{FxHashMap, FxHashSet};
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor, Tree};

use super::spec::Conventions;
use super::types::{
    AccessModifierInfo, CallSite, ClassInfo, ClassKind, DecoratorInfo, ErrorHandlingInfo,
    ErrorHandlingKind, ExportInfo, FunctionInfo, ImportInfo, InheritanceInfo, NumericLiteral,
    Parameter, ParseResult, Range, StringLiteral, TypeAnnotation, Visibility,
};

/// At most this many syntax error positions are listed.
const MAX_ERROR_POSITIONS: usize = 100;

/// One match: the pattern's primary capture name and node, and its other captures.
struct Match<'t> {
    primary: &'static str,
    node: Node<'t>,
    captures: Vec<(&'static str, Node<'t>)>,
}

impl<'t> Match<'t> {
    fn get(&self, name: &str) -> Option<Node<'t>> {
        self.captures
            .iter()
            .find(|(capture, _)| *capture == name)
            .map(|(_, node)| *node)
    }

    fn all<'m>(&'m self, name: &'m str) -> impl Iterator<Item = Node<'t>> + 'm {
        self.captures
            .iter()
            .filter(move |(capture, _)| *capture == name)
            .map(|(_, node)| *node)
    }
}

/// Capture names that start a construct (see `spec.rs`).
const PRIMARIES: &[&str] = &[
    "function",
    "class.class",
    "class.interface",
    "class.struct",
    "class.enum",
    "class.trait",
    "class.record",
    "class.object",
    "class.module",
    "class.type",
    "scope",
    "field",
    "import",
    "export",
    "export.default",
    "decorator",
    "namespace",
    "string",
    "number",
    "type",
    "try",
    "catch",
    "finally",
    "throw",
    "rescue",
    "ensure",
    "defer",
    "propagate",
    "call",
];

fn intern(name: &str) -> Option<&'static str> {
    const INNER: &[&str] = &[
        "name",
        "params",
        "return",
        "body",
        "receiver",
        "base",
        "implements",
        "source",
        "imported",
        "alias",
        "arguments",
        "callee",
        "args",
    ];
    PRIMARIES
        .iter()
        .chain(INNER)
        .find(|known| **known == name)
        .copied()
}

/// Runs `query` and merges matches by primary node: a construct matched by several patterns
/// (one per optional part, e.g. a class's bases and its interfaces) becomes one [`Match`]
/// holding every capture, in first-match order.
fn run<'t>(query: &Query, root: Node<'t>, source: &'t [u8]) -> Vec<Match<'t>> {
    let names: Vec<Option<&'static str>> = query
        .capture_names()
        .iter()
        .map(|name| intern(name))
        .collect();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(query, root, source);
    let mut out: Vec<Match<'t>> = Vec::new();
    let mut index: FxHashMap<(&'static str, usize), usize> = FxHashMap::default();
    while let Some(found) = matches.next() {
        let mut primary = None;
        let mut captures = Vec::with_capacity(found.captures.len());
        for capture in found.captures {
            // Captures the engine does not know (helpers for predicates) are ignored.
            let Some(name) = names[capture.index as usize] else {
                continue;
            };
            if primary.is_none() && PRIMARIES.contains(&name) {
                primary = Some((name, capture.node));
            } else {
                captures.push((name, capture.node));
            }
        }
        let Some((primary, node)) = primary else {
            continue;
        };
        match index.entry((primary, node.id())) {
            std::collections::hash_map::Entry::Occupied(slot) => {
                let merged = &mut out[*slot.get()];
                for (name, node) in captures {
                    if !merged
                        .captures
                        .iter()
                        .any(|(other, seen)| *other == name && seen.id() == node.id())
                    {
                        merged.captures.push((name, node));
                    }
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(out.len());
                out.push(Match {
                    primary,
                    node,
                    captures,
                });
            }
        }
    }
    out
}

/// The text of `node`, lossily decoded (files may hold invalid UTF-8).
fn text(node: Node<'_>, source: &[u8]) -> String {
    String::from_utf8_lossy(&source[node.byte_range()]).into_owned()
}

fn line(node: Node<'_>) -> u32 {
    to_u32(node.start_position().row)
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn range(node: Node<'_>) -> Range {
    let (start, end) = (node.start_position(), node.end_position());
    Range {
        start_line: to_u32(start.row),
        start_column: to_u32(start.column),
        end_line: to_u32(end.row),
        end_column: to_u32(end.column),
    }
}

/// Collapses whitespace runs to one space.
fn normalise_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A type annotation's text without its leading `:` or `->`.
fn clean_type(text: &str) -> String {
    text.trim()
        .trim_start_matches("->")
        .trim_start_matches(':')
        .trim()
        .to_owned()
}

/// A string literal's value: without prefixes (`r`, `b`, `f`, `@`, `$`) and quotes.
fn string_value(raw: &str) -> String {
    let trimmed = raw.trim_start_matches(|c: char| "rRbBfFuU@$".contains(c));
    for quote in ["\"\"\"", "'''", "\"", "'", "`"] {
        if let Some(inner) = trimmed
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner.to_owned();
        }
    }
    trimmed.to_owned()
}

/// The last identifier-like segment of a callee or type expression (`a.b.c` -> `c`).
fn last_segment(text: &str) -> String {
    text.rsplit(['.', ':', '\\', '>'])
        .find(|segment| !segment.is_empty())
        .unwrap_or(text)
        .trim()
        .to_owned()
}

fn visibility_of(token: &str) -> Option<Visibility> {
    match token {
        "public" | "pub" | "open" => Some(Visibility::Public),
        "protected" => Some(Visibility::Protected),
        "private" | "fileprivate" => Some(Visibility::Private),
        "internal" => Some(Visibility::Internal),
        _ if token.starts_with("pub(") => Some(Visibility::Internal),
        _ => None,
    }
}

/// Modifier tokens written on a declaration before its body: leaf children, and the leaves of
/// children whose kind names a modifier list.
fn modifiers(node: Node<'_>, body: Option<Node<'_>>, source: &[u8]) -> Vec<String> {
    let stop = body.map_or(node.end_byte(), |body| body.start_byte());
    let mut tokens = Vec::new();
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        if child.start_byte() >= stop {
            break;
        }
        let kind = child.kind();
        if kind == "visibility_modifier" {
            tokens.push(normalise_whitespace(&text(child, source)).replace(' ', ""));
        } else if child.child_count() == 0 {
            tokens.push(text(child, source));
        } else if kind.contains("modifier") || kind == "function_modifiers" {
            // Iterative walk of the modifier list's leaves.
            let mut stack = vec![child];
            while let Some(current) = stack.pop() {
                if current.child_count() == 0 {
                    tokens.push(text(current, source));
                } else {
                    let mut inner = current.walk();
                    let children: Vec<_> = current.children(&mut inner).collect();
                    stack.extend(children.into_iter().rev());
                }
            }
        }
    }
    tokens
}

/// Parameters from a parameter-list node.
fn parameters(list: Node<'_>, source: &[u8]) -> Vec<Parameter> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|child| !child.kind().contains("comment") && !child.is_extra())
        .map(|child| parameter(child, source))
        .collect()
}

fn parameter(node: Node<'_>, source: &[u8]) -> Parameter {
    let field = |name: &str| node.child_by_field_name(name);
    let name_node = field("name").or_else(|| field("pattern")).or_else(|| {
        let mut cursor = node.walk();
        node.named_children(&mut cursor).find(|child| {
            let kind = child.kind();
            kind.contains("identifier") || kind == "variable_name" || kind == "self"
        })
    });
    let name = name_node.map_or_else(|| text(node, source), |name| text(name, source));
    Parameter {
        name: name.trim().to_owned(),
        type_annotation: field("type")
            .or_else(|| {
                // Kotlin and others put the type beside the name without a field.
                let mut cursor = node.walk();
                node.named_children(&mut cursor).find(|child| {
                    Some(child.id()) != name_node.map(|name| name.id())
                        && (child.kind().ends_with("type") || child.kind() == "type_annotation")
                })
            })
            .map(|ty| clean_type(&text(ty, source))),
        default_value: field("value")
            .or_else(|| field("default_value"))
            .map(|value| text(value, source)),
    }
}

/// Index of the innermost enclosing node (strictly above `node`) that is in `owners`.
fn enclosing(node: Node<'_>, owners: &FxHashMap<usize, usize>) -> Option<usize> {
    let mut current = node.parent();
    while let Some(parent) = current {
        if let Some(index) = owners.get(&parent.id()) {
            return Some(*index);
        }
        current = parent.parent();
    }
    None
}

/// A scope that qualifies names inside it: a class, an `impl` block or an inline module.
struct Scope {
    name: String,
    /// Index into `classes`, for classes.
    class: Option<usize>,
}

/// Runs both queries over `tree` and assembles the result.
#[expect(
    clippy::too_many_lines,
    reason = "one pass over the matches, in the order the result needs; split it and the shared state would have to travel"
)]
pub fn extract(
    tree: &Tree,
    source: &[u8],
    structure: &Query,
    calls: &Query,
    conventions: Conventions,
    path: &str,
    language: Language,
) -> ParseResult {
    let root = tree.root_node();
    let matches = run(structure, root, source);

    let mut result = ParseResult {
        path: path.to_owned(),
        language,
        // Set by the caller, which has hashed the bytes already.
        content_hash: ContentHash::default(),
        namespace: None,
        functions: Vec::new(),
        classes: Vec::new(),
        imports: Vec::new(),
        exports: Vec::new(),
        call_sites: Vec::new(),
        decorators: Vec::new(),
        inheritance: Vec::new(),
        access_modifiers: Vec::new(),
        type_annotations: Vec::new(),
        string_literals: Vec::new(),
        numeric_literals: Vec::new(),
        error_handling: Vec::new(),
        has_errors: root.has_error(),
        error_positions: Vec::new(),
    };

    // Decorators first: definitions look theirs up by node.
    let mut decorator_nodes: FxHashMap<usize, usize> = FxHashMap::default();
    for found in matches.iter().filter(|m| m.primary == "decorator") {
        if decorator_nodes.contains_key(&found.node.id()) {
            continue;
        }
        let name = found
            .get("name")
            .map_or_else(|| text(found.node, source), |name| text(name, source));
        decorator_nodes.insert(found.node.id(), result.decorators.len());
        result.decorators.push(DecoratorInfo {
            name: name.trim_start_matches('@').trim().to_owned(),
            arguments: found.get("arguments").map(|args| text(args, source)),
            line: line(found.node),
        });
    }
    let decorators_of = |node: Node<'_>, body: Option<Node<'_>>| -> Vec<String> {
        let stop = body.map_or(node.end_byte(), |body| body.start_byte());
        let mut found: Vec<(usize, String)> = Vec::new();
        // Inside the declaration, before its body (Java modifiers, C# attribute lists, ...).
        let mut stack = vec![node];
        while let Some(current) = stack.pop() {
            let mut cursor = current.walk();
            for child in current.children(&mut cursor) {
                if child.start_byte() >= stop {
                    break;
                }
                if let Some(index) = decorator_nodes.get(&child.id()) {
                    found.push((child.start_byte(), result.decorators[*index].name.clone()));
                } else if child.child_count() > 0 {
                    stack.push(child);
                }
            }
        }
        // Preceding siblings of the declaration or of its wrappers (Python
        // `decorated_definition`, TypeScript class members, Rust attributes).
        let mut anchor = Some(node);
        while let Some(current) = anchor {
            let mut sibling = current.prev_named_sibling();
            while let Some(previous) = sibling {
                if let Some(index) = decorator_nodes.get(&previous.id()) {
                    found.push((
                        previous.start_byte(),
                        result.decorators[*index].name.clone(),
                    ));
                } else if !previous.kind().contains("comment") {
                    break;
                }
                sibling = previous.prev_named_sibling();
            }
            // Climb through wrappers that only add decorators or `export`.
            anchor = current.parent().filter(|parent| {
                matches!(
                    parent.kind(),
                    "decorated_definition" | "export_statement" | "annotated_declaration"
                )
            });
        }
        found.sort_by_key(|(start, _)| *start);
        found.dedup();
        found.into_iter().map(|(_, name)| name).collect()
    };

    // Scopes: classes, impl blocks, inline modules.
    let mut scopes: Vec<Scope> = Vec::new();
    let mut scope_nodes: FxHashMap<usize, usize> = FxHashMap::default();
    let mut class_nodes: FxHashMap<usize, usize> = FxHashMap::default();
    let mut pending_bases: Vec<(usize, Vec<String>, Vec<String>)> = Vec::new();
    for found in &matches {
        let kind = match found.primary {
            "class.class" => ClassKind::Class,
            "class.interface" => ClassKind::Interface,
            "class.struct" => ClassKind::Struct,
            "class.enum" => ClassKind::Enum,
            "class.trait" => ClassKind::Trait,
            "class.record" => ClassKind::Record,
            "class.object" => ClassKind::Object,
            "class.module" => ClassKind::Module,
            "class.type" => ClassKind::TypeAlias,
            "scope" => {
                if scope_nodes.contains_key(&found.node.id()) {
                    continue;
                }
                let name = found
                    .get("name")
                    .map(|name| last_segment(&text(name, source)));
                let Some(name) = name else { continue };
                for trait_node in found.all("implements") {
                    result.inheritance.push(InheritanceInfo {
                        child: name.clone(),
                        parent: text(trait_node, source),
                        is_interface: true,
                    });
                }
                scope_nodes.insert(found.node.id(), scopes.len());
                scopes.push(Scope { name, class: None });
                continue;
            }
            _ => continue,
        };
        if class_nodes.contains_key(&found.node.id()) {
            continue;
        }
        let name = match found.get("name") {
            Some(name_node) => text(name_node, source),
            // Kotlin: a companion object without a name is called `Companion`.
            None if found.node.kind() == "companion_object" => "Companion".to_owned(),
            None => continue,
        };
        let body = found.get("body");
        let tokens = modifiers(found.node, body, source);
        let bases: Vec<String> = found.all("base").map(|n| text(n, source)).collect();
        let interfaces: Vec<String> = found.all("implements").map(|n| text(n, source)).collect();
        let index = result.classes.len();
        class_nodes.insert(found.node.id(), index);
        scope_nodes.insert(found.node.id(), scopes.len());
        scopes.push(Scope {
            name: name.clone(),
            class: Some(index),
        });
        pending_bases.push((index, bases.clone(), interfaces.clone()));
        result.classes.push(ClassInfo {
            qualified_name: name.clone(),
            name,
            kind,
            bases,
            interfaces,
            methods: Vec::new(),
            fields: Vec::new(),
            visibility: tokens.iter().find_map(|token| visibility_of(token)),
            decorators: decorators_of(found.node, body),
            is_abstract: tokens.iter().any(|token| token == "abstract"),
            range: range(found.node),
        });
    }
    // Qualified names of scopes, outermost first.
    let qualify = |node: Node<'_>| -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = node.parent();
        while let Some(parent) = current {
            if let Some(index) = scope_nodes.get(&parent.id()) {
                chain.push(*index);
            }
            current = parent.parent();
        }
        chain.reverse();
        chain
    };
    let class_node_list: Vec<(Node<'_>, usize)> = matches
        .iter()
        .filter(|m| m.primary.starts_with("class."))
        .filter_map(|m| class_nodes.get(&m.node.id()).map(|index| (m.node, *index)))
        .collect();
    let mut seen_classes = FxHashSet::default();
    for (node, index) in class_node_list {
        if !seen_classes.insert(index) {
            continue;
        }
        let chain = qualify(node);
        if !chain.is_empty() {
            let mut parts: Vec<&str> = chain.iter().map(|i| scopes[*i].name.as_str()).collect();
            parts.push(&result.classes[index].name);
            result.classes[index].qualified_name = parts.join(conventions.separator);
        }
    }
    for (index, bases, interfaces) in pending_bases {
        let child = result.classes[index].qualified_name.clone();
        for parent in bases {
            result.inheritance.push(InheritanceInfo {
                child: child.clone(),
                parent,
                is_interface: false,
            });
        }
        for parent in interfaces {
            result.inheritance.push(InheritanceInfo {
                child: child.clone(),
                parent,
                is_interface: true,
            });
        }
    }

    // Methods declared outside their type (Go receivers, Rust `impl` blocks): attached to the
    // type of that name in this file, after the loop.
    let mut detached_methods: Vec<(String, String)> = Vec::new();
    // `export default class A {}` matches both export patterns: the default one describes it.
    let default_exports: FxHashSet<usize> = matches
        .iter()
        .filter(|m| m.primary == "export.default")
        .map(|m| m.node.id())
        .collect();
    // Two patterns can match the same node; each node counts once per construct.
    let mut seen = FxHashSet::default();
    for found in &matches {
        if !seen.insert((found.primary, found.node.id())) {
            continue;
        }
        match found.primary {
            "function" => {
                let Some(name_node) = found.get("name") else {
                    continue;
                };
                let name = text(name_node, source);
                let body = found.get("body");
                let tokens = modifiers(found.node, body, source);
                let chain = qualify(found.node);
                let receiver = found
                    .get("receiver")
                    .map(|r| last_segment(&text(r, source)));
                let mut parts: Vec<String> =
                    chain.iter().map(|i| scopes[*i].name.clone()).collect();
                if let Some(receiver) = &receiver {
                    parts.push(receiver.clone());
                }
                let is_method = receiver.is_some()
                    || enclosing(found.node, &scope_nodes).is_some_and(|scope| {
                        // Directly in a scope: no function between it and the scope.
                        let mut current = found.node.parent();
                        while let Some(parent) = current {
                            if scope_nodes.get(&parent.id()) == Some(&scope) {
                                return true;
                            }
                            if function_like(parent.kind()) {
                                return false;
                            }
                            current = parent.parent();
                        }
                        false
                    });
                if is_method {
                    let scope = enclosing(found.node, &scope_nodes);
                    match (&receiver, scope.and_then(|scope| scopes[scope].class)) {
                        (Some(receiver), _) => {
                            detached_methods.push((receiver.clone(), name.clone()));
                        }
                        (None, Some(class)) => result.classes[class].methods.push(name.clone()),
                        (None, None) => {
                            if let Some(scope) = scope {
                                detached_methods.push((scopes[scope].name.clone(), name.clone()));
                            }
                        }
                    }
                }
                parts.push(name.clone());
                let qualified_name = parts.join(conventions.separator);
                let mut visibility = tokens.iter().find_map(|token| visibility_of(token));
                if visibility.is_none() && conventions.visibility_from_case {
                    visibility = Some(if name.starts_with(char::is_uppercase) {
                        Visibility::Public
                    } else {
                        Visibility::Internal
                    });
                }
                let signature_end = body.map_or(found.node.end_byte(), |body| body.start_byte());
                let signature = String::from_utf8_lossy(
                    &source[found.node.start_byte()..signature_end.max(found.node.start_byte())],
                );
                if let Some(visibility) = visibility {
                    result.access_modifiers.push(AccessModifierInfo {
                        target: qualified_name.clone(),
                        visibility,
                    });
                }
                result.functions.push(FunctionInfo {
                    name,
                    qualified_name,
                    parameters: found
                        .get("params")
                        .map(|list| parameters(list, source))
                        .unwrap_or_default(),
                    return_type: found.get("return").map(|ty| clean_type(&text(ty, source))),
                    is_async: tokens
                        .iter()
                        .any(|token| token == "async" || token == "suspend"),
                    is_generator: tokens.iter().any(|token| token == "*")
                        || found.node.kind().contains("generator"),
                    is_static: tokens.iter().any(|token| token == "static"),
                    is_method,
                    visibility,
                    decorators: decorators_of(found.node, body),
                    range: range(found.node),
                    body_hash: ContentHash::of(
                        body.map_or(&[][..], |body| &source[body.byte_range()]),
                    ),
                    signature_hash: ContentHash::of(normalise_whitespace(&signature).as_bytes()),
                });
            }
            "field" => {
                if let (Some(name), Some(class)) =
                    (found.get("name"), enclosing(found.node, &class_nodes))
                {
                    let name = text(name, source);
                    if !result.classes[class].fields.contains(&name) {
                        result.classes[class].fields.push(name);
                    }
                }
            }
            "import" => {
                let Some(source_node) = found.get("source") else {
                    continue;
                };
                result.imports.push(ImportInfo {
                    source: string_value(&text(source_node, source)),
                    names: found.all("imported").map(|n| text(n, source)).collect(),
                    alias: found.get("alias").map(|n| text(n, source)),
                    line: line(found.node),
                });
            }
            "export" | "export.default" => {
                if found.primary == "export" && default_exports.contains(&found.node.id()) {
                    continue;
                }
                let names: Vec<String> = found.all("name").map(|n| text(n, source)).collect();
                let is_default = found.primary == "export.default";
                let from = found.get("source").map(|n| string_value(&text(n, source)));
                if names.is_empty() && is_default {
                    result.exports.push(ExportInfo {
                        name: "default".to_owned(),
                        is_default,
                        source: from.clone(),
                        line: line(found.node),
                    });
                }
                for name in names {
                    result.exports.push(ExportInfo {
                        name,
                        is_default,
                        source: from.clone(),
                        line: line(found.node),
                    });
                }
            }
            "namespace" => {
                if result.namespace.is_none() {
                    result.namespace = found
                        .get("name")
                        .map(|name| normalise_whitespace(&text(name, source)));
                }
            }
            "string" => result.string_literals.push(StringLiteral {
                value: string_value(&text(found.node, source)),
                line: line(found.node),
            }),
            "number" => result.numeric_literals.push(NumericLiteral {
                raw: text(found.node, source),
                line: line(found.node),
            }),
            "type" => result.type_annotations.push(TypeAnnotation {
                text: clean_type(&text(found.node, source)),
                line: line(found.node),
            }),
            kind => {
                let kind = match kind {
                    "try" => ErrorHandlingKind::Try,
                    "catch" => ErrorHandlingKind::Catch,
                    "finally" => ErrorHandlingKind::Finally,
                    "throw" => ErrorHandlingKind::Throw,
                    "rescue" => ErrorHandlingKind::Rescue,
                    "ensure" => ErrorHandlingKind::Ensure,
                    "defer" => ErrorHandlingKind::Defer,
                    "propagate" => ErrorHandlingKind::Propagate,
                    _ => continue,
                };
                result.error_handling.push(ErrorHandlingInfo {
                    kind,
                    line: line(found.node),
                });
            }
        }
    }
    for (owner, method) in detached_methods {
        if let Some(class) = result.classes.iter_mut().find(|class| class.name == owner) {
            class.methods.push(method);
        }
    }
    let mut class_access = Vec::new();
    for class in &result.classes {
        if let Some(visibility) = class.visibility {
            class_access.push(AccessModifierInfo {
                target: class.qualified_name.clone(),
                visibility,
            });
        }
    }
    result.access_modifiers.splice(0..0, class_access);

    let mut seen_calls = FxHashSet::default();
    for found in run(calls, root, source) {
        if found.primary != "call" || !seen_calls.insert(found.node.id()) {
            continue;
        }
        let Some(callee) = found.get("callee") else {
            continue;
        };
        let position = callee.start_position();
        result.call_sites.push(CallSite {
            callee: last_segment(&text(callee, source)),
            receiver: found
                .get("receiver")
                .map(|n| normalise_whitespace(&text(n, source))),
            arg_count: found.get("args").map_or(0, |args| {
                let mut cursor = args.walk();
                to_u32(
                    args.named_children(&mut cursor)
                        .filter(|child| !child.kind().contains("comment"))
                        .count(),
                )
            }),
            line: to_u32(position.row),
            column: to_u32(position.column),
        });
    }
    result
        .call_sites
        .sort_by_key(|call| (call.line, call.column));

    if result.has_errors {
        result.error_positions = error_positions(root);
    }
    result
}

fn function_like(kind: &str) -> bool {
    kind.contains("function")
        || kind.contains("method")
        || kind.contains("lambda")
        || kind == "closure_expression"
}

/// Positions of ERROR and MISSING nodes, found with an iterative cursor walk.
fn error_positions(root: Node<'_>) -> Vec<(u32, u32)> {
    let mut positions = Vec::new();
    let mut cursor = root.walk();
    'walk: loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            let position = node.start_position();
            positions.push((to_u32(position.row), to_u32(position.column)));
            if positions.len() == MAX_ERROR_POSITIONS {
                break;
            }
        }
        // Descend only into subtrees that contain an error.
        if node.has_error() && !node.is_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    positions
}
