//! The extraction engine shared by every language: runs a language's two queries over a tree
//! (in one walk, `matcher.rs`) and turns the captures into a [`ParseResult`]. Everything here is iterative (no recursion
//! over the tree), so deeply nested input cannot overflow a thread's stack, which is small in
//! the wasm build.
//!
//! Work stays linear in the file's size, whatever its shape (issue: one file must never hang a
//! scan): ancestors are found in one pruned walk ([`Ancestry`]) instead of `Node::parent`
//! climbs (tree-sitter finds a parent by descending from the root, so climbing costs the depth
//! at every step), text copied per construct is bounded ([`MAX_EXPRESSION_TEXT`]: a call at the
//! end of a chain of a thousand links does not copy the chain), and every loop checks the
//! file's [`Budget`].

use drift_core::{ContentHash, Language};
use rustc_hash::{FxHashMap, FxHashSet};
use tree_sitter::{Node, Tree};

use super::budget::Budget;
use super::matcher::Patterns;
use super::spec::Conventions;
use super::types::{
    AccessModifierInfo, CallSite, ClassInfo, ClassKind, DecoratorInfo, ErrorHandlingInfo,
    ErrorHandlingKind, ExportInfo, FunctionInfo, FunctionReference, ImportInfo, InheritanceInfo,
    NumericLiteral, Parameter, ParseResult, Range, StringLiteral, TypeAnnotation, Visibility,
};

/// At most this many syntax error positions are listed.
const MAX_ERROR_POSITIONS: usize = 100;

/// Receivers, callees and decorator texts keep at most this many bytes (their end, which is
/// the part resolution reads: `a.b().c` of a long chain).
const MAX_EXPRESSION_TEXT: usize = 256;

/// A signature longer than this is hashed by its first bytes only.
const MAX_SIGNATURE_TEXT: usize = 4096;

/// String literal values keep at most this many bytes.
const MAX_LITERAL_TEXT: usize = 16 * 1024;

/// Decorators sit at most this deep inside a declaration's header (PHP: declaration >
/// `attribute_list` > `attribute_group` > attribute > name); deeper is an expression, not a
/// header.
const HEADER_DEPTH: usize = 8;

/// Qualified names name at most this many enclosing scopes (the innermost ones).
const MAX_SCOPE_DEPTH: usize = 64;

/// The extraction ran out of its time budget.
#[derive(Debug)]
pub(crate) struct Expired;

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
pub(crate) const PRIMARIES: &[&str] = &[
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
        "implicit_self",
    ];
    PRIMARIES
        .iter()
        .chain(INNER)
        .find(|known| **known == name)
        .copied()
}

/// Runs the patterns over the tree and merges matches by primary node: a construct matched by
/// several patterns (one per optional part, e.g. a class's bases and its interfaces) becomes
/// one [`Match`] holding every capture. Constructs come in source order (outer before inner
/// where they start together).
fn run<'t>(
    patterns: &Patterns,
    root: Node<'t>,
    source: &'t [u8],
    budget: &Budget,
) -> Result<Vec<Match<'t>>, Expired> {
    let names: Vec<Option<&'static str>> =
        patterns.names().iter().map(|name| intern(name)).collect();
    let mut out: Vec<Match<'t>> = Vec::new();
    let mut index: FxHashMap<(&'static str, usize), usize> = FxHashMap::default();
    patterns.run(root, source, budget, |_, captures| {
        merge(captures, &names, &mut out, &mut index);
    })?;
    out.sort_by_key(|found| {
        (
            found.node.start_byte(),
            std::cmp::Reverse(found.node.end_byte()),
        )
    });
    Ok(out)
}

/// Adds one pattern's captures at a node to `out`, merging them into an earlier match of the
/// same primary node.
fn merge<'t>(
    found: &[(u16, Node<'t>)],
    names: &[Option<&'static str>],
    out: &mut Vec<Match<'t>>,
    index: &mut FxHashMap<(&'static str, usize), usize>,
) {
    let mut primary = None;
    let mut captures = Vec::with_capacity(found.len());
    for &(capture, node) in found {
        // Captures the engine does not know (helpers for predicates) are ignored.
        let Some(name) = names[usize::from(capture)] else {
            continue;
        };
        if primary.is_none() && PRIMARIES.contains(&name) {
            primary = Some((name, node));
        } else {
            captures.push((name, node));
        }
    }
    let Some((primary, node)) = primary else {
        return;
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

/// The text of `node`, lossily decoded (files may hold invalid UTF-8).
fn text(node: Node<'_>, source: &[u8]) -> String {
    String::from_utf8_lossy(&source[node.byte_range()]).into_owned()
}

/// The last `max` bytes of `node`'s text (all of it when shorter), lossily decoded: the part
/// of a receiver or callee expression that names what is called.
fn text_tail(node: Node<'_>, source: &[u8], max: usize) -> String {
    let range = node.byte_range();
    if range.len() <= max {
        return text(node, source);
    }
    // Marked as cut, so nobody mistakes the tail for the whole expression.
    let tail = String::from_utf8_lossy(&source[range.end - max..range.end]);
    format!("…{}", tail.trim_start_matches(char::REPLACEMENT_CHARACTER))
}

/// The first `max` bytes of `node`'s text, lossily decoded.
fn text_head(node: Node<'_>, source: &[u8], max: usize) -> String {
    let range = node.byte_range();
    let end = range.end.min(range.start.saturating_add(max));
    String::from_utf8_lossy(&source[range.start..end]).into_owned()
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

/// A string literal's value: without prefixes (`r`, `b`, `f`, `@`, `$`) and quotes. Text that
/// is not quoted after its prefix letters (a module name such as `flask` or `rest_framework`)
/// is kept whole: the letters are only a prefix when a quote follows them.
fn string_value(raw: &str) -> String {
    let stripped = raw.trim_start_matches(|c: char| "rRbBfFuU@$".contains(c));
    let trimmed = if stripped.starts_with(['"', '\'', '`']) {
        stripped
    } else {
        raw
    };
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
            tokens.push(text_head(child, source, MAX_EXPRESSION_TEXT));
        } else if kind.contains("modifier") || kind == "function_modifiers" {
            // Iterative walk of the modifier list's leaves.
            let mut stack = vec![child];
            while let Some(current) = stack.pop() {
                if current.child_count() == 0 {
                    tokens.push(text_head(current, source, MAX_EXPRESSION_TEXT));
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
    let name = name_node.map_or_else(
        || text_head(node, source, MAX_EXPRESSION_TEXT),
        |name| text(name, source),
    );
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
            .map(|value| text_head(value, source, MAX_EXPRESSION_TEXT)),
    }
}

/// What extraction needs to know about the ancestors of one node.
#[derive(Debug, Clone, Copy, Default)]
struct Above<'t> {
    parent: Option<Node<'t>>,
    /// Innermost scope strictly above the node.
    scope: Option<usize>,
    /// Innermost class strictly above the node.
    class: Option<usize>,
    /// Whether a function-like node lies between the node and `scope`.
    function_between: bool,
}

/// Ancestors of the nodes extraction asks about, from one walk of the tree that descends only
/// into subtrees where such a node starts (so an expression of a million terms without a
/// definition in it is not entered).
struct Ancestry<'t> {
    above: FxHashMap<usize, Above<'t>>,
}

/// Kinds that only wrap a declaration with decorators or `export`; decorators are looked for
/// beside them too.
fn is_wrapper(kind: &str) -> bool {
    matches!(
        kind,
        "decorated_definition" | "export_statement" | "annotated_declaration"
    )
}

impl<'t> Ancestry<'t> {
    /// Walks `root` once for the ancestors of every node in `wanted`. `scopes` and `classes`
    /// map node ids to their scope and class indices.
    fn of(
        root: Node<'t>,
        wanted: &[Node<'t>],
        scopes: &FxHashMap<usize, usize>,
        classes: &FxHashMap<usize, usize>,
        budget: &Budget,
    ) -> Result<Self, Expired> {
        let mut starts: Vec<usize> = wanted.iter().map(Node::start_byte).collect();
        starts.sort_unstable();
        starts.dedup();
        let holds_wanted = |node: Node<'_>| {
            let first = starts.partition_point(|start| *start < node.start_byte());
            starts
                .get(first)
                .is_some_and(|start| *start < node.end_byte().max(node.start_byte() + 1))
        };
        let mut above: FxHashMap<usize, Above<'t>> = wanted
            .iter()
            .map(|node| (node.id(), Above::default()))
            .collect();
        // One frame per node on the cursor's path: what its descendants see above them.
        let frame = |node: Node<'t>, outer: &Above<'t>| -> Above<'t> {
            let scope = scopes.get(&node.id()).copied();
            Above {
                parent: Some(node),
                scope: scope.or(outer.scope),
                class: classes.get(&node.id()).copied().or(outer.class),
                function_between: scope.is_none()
                    && (outer.function_between || function_like(node.kind())),
            }
        };
        let mut record = |node: Node<'t>, outer: &Above<'t>| {
            if let Some(slot) = above.get_mut(&node.id()) {
                *slot = *outer;
            } else if is_wrapper(node.kind()) {
                above.insert(node.id(), *outer);
            }
        };
        let mut cursor = root.walk();
        let mut path: Vec<Above<'t>> = vec![frame(root, &Above::default())];
        'walk: loop {
            if budget.spent() {
                return Err(Expired);
            }
            let entered = holds_wanted(cursor.node()) && cursor.goto_first_child();
            if entered {
                let node = cursor.node();
                let outer = path.last().copied().unwrap_or_default();
                record(node, &outer);
                path.push(frame(node, &outer));
                continue;
            }
            loop {
                path.pop();
                if cursor.goto_next_sibling() {
                    let node = cursor.node();
                    let outer = path.last().copied().unwrap_or_default();
                    record(node, &outer);
                    path.push(frame(node, &outer));
                    continue 'walk;
                }
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        Ok(Self { above })
    }

    fn get(&self, node: Node<'_>) -> Above<'t> {
        self.above.get(&node.id()).copied().unwrap_or_default()
    }
}

/// A scope that qualifies names inside it: a class, an `impl` block or an inline module.
struct Scope<'t> {
    name: String,
    /// Index into `classes`, for classes.
    class: Option<usize>,
    node: Node<'t>,
    /// The scope enclosing this one.
    parent: Option<usize>,
}

/// Runs the language's query over `tree` and assembles the result, or stops with [`Expired`] when
/// `budget` runs out.
#[expect(
    clippy::too_many_lines,
    reason = "one pass over the matches, in the order the result needs; split it and the shared state would have to travel"
)]
pub fn extract(
    tree: &Tree,
    source: &[u8],
    patterns: &Patterns,
    conventions: Conventions,
    path: &str,
    language: Language,
    budget: &Budget,
) -> Result<ParseResult, Expired> {
    let root = tree.root_node();
    // One pass finds the constructs and the calls; they are handled apart.
    let (calls, matches): (Vec<Match<'_>>, Vec<Match<'_>>) = run(patterns, root, source, budget)?
        .into_iter()
        .partition(|found| found.primary == "call");

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
        references: Vec::new(),
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
        let name = found.get("name").map_or_else(
            || text_head(found.node, source, MAX_EXPRESSION_TEXT),
            |name| text_head(name, source, MAX_EXPRESSION_TEXT),
        );
        decorator_nodes.insert(found.node.id(), result.decorators.len());
        result.decorators.push(DecoratorInfo {
            name: name.trim_start_matches('@').trim().to_owned(),
            arguments: found
                .get("arguments")
                .map(|args| text_head(args, source, MAX_LITERAL_TEXT)),
            line: line(found.node),
        });
    }
    let decorators_of = |node: Node<'_>,
                         body: Option<Node<'_>>,
                         ancestry: &Ancestry<'_>,
                         decorators: &[DecoratorInfo]|
     -> Vec<String> {
        let stop = body.map_or(node.end_byte(), |body| body.start_byte());
        let mut found: Vec<(usize, String)> = Vec::new();
        // Inside the declaration, before its body (Java modifiers, C# attribute lists, ...).
        let mut stack = vec![(node, 0)];
        while let Some((current, depth)) = stack.pop() {
            let mut cursor = current.walk();
            for child in current.children(&mut cursor) {
                if child.start_byte() >= stop {
                    break;
                }
                if let Some(index) = decorator_nodes.get(&child.id()) {
                    found.push((child.start_byte(), decorators[*index].name.clone()));
                } else if child.child_count() > 0 && depth + 1 < HEADER_DEPTH {
                    stack.push((child, depth + 1));
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
                    found.push((previous.start_byte(), decorators[*index].name.clone()));
                } else if !previous.kind().contains("comment") {
                    break;
                }
                sibling = previous.prev_named_sibling();
            }
            // Climb through wrappers that only add decorators or `export`.
            anchor = ancestry
                .get(current)
                .parent
                .filter(|parent| is_wrapper(parent.kind()));
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
    let mut pending_decorators: Vec<(usize, Node<'_>, Option<Node<'_>>)> = Vec::new();
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
                scopes.push(Scope {
                    name,
                    class: None,
                    node: found.node,
                    parent: None,
                });
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
            node: found.node,
            parent: None,
        });
        pending_bases.push((index, bases.clone(), interfaces.clone()));
        pending_decorators.push((index, found.node, body));
        result.classes.push(ClassInfo {
            qualified_name: name.clone(),
            name,
            kind,
            bases,
            interfaces,
            methods: Vec::new(),
            fields: Vec::new(),
            visibility: tokens.iter().find_map(|token| visibility_of(token)),
            // Filled once the ancestry is known (decorators may sit beside a wrapper).
            decorators: Vec::new(),
            is_abstract: tokens.iter().any(|token| token == "abstract"),
            range: range(found.node),
        });
    }
    let wanted: Vec<Node<'_>> = matches
        .iter()
        .filter(|m| {
            matches!(m.primary, "function" | "field" | "scope") || m.primary.starts_with("class.")
        })
        .map(|m| m.node)
        .collect();
    let ancestry = Ancestry::of(root, &wanted, &scope_nodes, &class_nodes, budget)?;
    for scope in &mut scopes {
        scope.parent = ancestry.get(scope.node).scope;
    }
    for (index, node, body) in pending_decorators {
        result.classes[index].decorators = decorators_of(node, body, &ancestry, &result.decorators);
    }
    // Scopes enclosing `node`, outermost first (at most `MAX_SCOPE_DEPTH`, the innermost).
    let qualify = |node: Node<'_>| -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = ancestry.get(node).scope;
        while let Some(index) = current {
            if chain.len() == MAX_SCOPE_DEPTH {
                break;
            }
            chain.push(index);
            current = scopes[index].parent;
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
        if budget.spent() {
            return Err(Expired);
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
                    .map(|r| last_segment(&text_tail(r, source, MAX_EXPRESSION_TEXT)));
                let mut parts: Vec<String> =
                    chain.iter().map(|i| scopes[*i].name.clone()).collect();
                if let Some(receiver) = &receiver {
                    parts.push(receiver.clone());
                }
                let above = ancestry.get(found.node);
                // Directly in a scope: no function between it and the scope.
                let is_method =
                    receiver.is_some() || (above.scope.is_some() && !above.function_between);
                if is_method {
                    let scope = above.scope;
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
                let signature_start = found.node.start_byte();
                let signature_end = body
                    .map_or(found.node.end_byte(), |body| body.start_byte())
                    .clamp(
                        signature_start,
                        signature_start.saturating_add(MAX_SIGNATURE_TEXT),
                    );
                let signature = String::from_utf8_lossy(&source[signature_start..signature_end]);
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
                    decorators: decorators_of(found.node, body, &ancestry, &result.decorators),
                    range: range(found.node),
                    body_hash: ContentHash::of(
                        body.map_or(&[][..], |body| &source[body.byte_range()]),
                    ),
                    signature_hash: ContentHash::of(normalise_whitespace(&signature).as_bytes()),
                });
            }
            "field" => {
                if let (Some(name), Some(class)) =
                    (found.get("name"), ancestry.get(found.node).class)
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
                value: string_value(&text_head(found.node, source, MAX_LITERAL_TEXT)),
                line: line(found.node),
            }),
            "number" => result.numeric_literals.push(NumericLiteral {
                raw: text_head(found.node, source, MAX_EXPRESSION_TEXT),
                line: line(found.node),
            }),
            "type" => result.type_annotations.push(TypeAnnotation {
                text: clean_type(&text_head(found.node, source, MAX_EXPRESSION_TEXT)),
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
    for found in calls {
        if !seen_calls.insert(found.node.id()) {
            continue;
        }
        if budget.spent() {
            return Err(Expired);
        }
        let Some(callee) = found.get("callee") else {
            continue;
        };
        let position = callee.start_position();
        result.call_sites.push(CallSite {
            callee: last_segment(&text_tail(callee, source, MAX_EXPRESSION_TEXT)),
            receiver: if found.get("implicit_self").is_some() {
                Some("self".to_owned())
            } else {
                found
                    .get("receiver")
                    .map(|n| normalise_whitespace(&text_tail(n, source, MAX_EXPRESSION_TEXT)))
            },
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
        if let Some(args) = found.get("args") {
            let passed_to = &result.call_sites[result.call_sites.len() - 1];
            let (passed_to, call_has_receiver) =
                (passed_to.callee.clone(), passed_to.receiver.is_some());
            for (receiver, name, at) in argument_references(args, source, language) {
                result.references.push(FunctionReference {
                    name,
                    receiver,
                    passed_to: passed_to.clone(),
                    call_has_receiver,
                    line: to_u32(at.row),
                    column: to_u32(at.column),
                });
            }
        }
    }
    result
        .call_sites
        .sort_by_key(|call| (call.line, call.column));
    result
        .references
        .sort_by_key(|reference| (reference.line, reference.column));

    if result.has_errors {
        result.error_positions = error_positions(root, budget)?;
    }
    Ok(result)
}

/// References a call's arguments may hold, and arguments looked at, per call.
const MAX_REFERENCES: usize = 8;
const MAX_ARGUMENTS_SEEN: usize = 32;
/// Longer argument text is an expression, not a name.
const MAX_REFERENCE_TEXT: usize = 128;

/// Functions named as values among a call's arguments, as `(receiver, name, position)`: a bare
/// name (`handler`), a member of `self`/`this`, a class or a module (`self.on_done`,
/// `views.index`, `Foo::bar`), a method reference (`this::save`, `::save`) or a Ruby symbol
/// (`before_action :load_user`). Java and Kotlin name functions as values only through
/// references, Ruby through symbols: their bare names are variables. What they name is decided
/// by the call graph; most bare names turn out to be variables and resolve to nothing.
fn argument_references(
    args: Node<'_>,
    source: &[u8],
    language: Language,
) -> Vec<(Option<String>, String, tree_sitter::Point)> {
    let mut found = Vec::new();
    let mut cursor = args.walk();
    for child in args.named_children(&mut cursor).take(MAX_ARGUMENTS_SEEN) {
        if found.len() == MAX_REFERENCES {
            break;
        }
        let value = match child.kind() {
            "argument" | "value_argument" => child.named_child(
                u32::try_from(child.named_child_count().saturating_sub(1)).unwrap_or(0),
            ),
            "keyword_argument" => child.child_by_field_name("value"),
            _ => Some(child),
        };
        let Some(value) = value else { continue };
        if value.byte_range().len() > MAX_REFERENCE_TEXT {
            continue;
        }
        let bare_names = !matches!(
            language,
            Language::Java | Language::Kotlin | Language::Ruby | Language::Php
        );
        let text = text(value, source);
        let (receiver, name) = match value.kind() {
            "identifier" if bare_names => (None, text.as_str()),
            "member_expression"
            | "attribute"
            | "selector_expression"
            | "member_access_expression"
            | "scoped_identifier"
                if bare_names =>
            {
                match text.rfind(['.', ':']) {
                    Some(at) => (Some(text[..at].trim_end_matches(':')), &text[at + 1..]),
                    None => continue,
                }
            }
            "method_reference" | "callable_reference" => match text.rsplit_once("::") {
                Some((receiver, name)) => ((!receiver.is_empty()).then_some(receiver), name),
                None => continue,
            },
            "simple_symbol" if language == Language::Ruby => {
                (Some("self"), text.trim_start_matches(':'))
            }
            _ => continue,
        };
        let plain = |part: &str| {
            !part.is_empty()
                && !part.starts_with(|c: char| c.is_ascii_digit())
                && part
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.' | ':'))
        };
        if !plain(name)
            || name.contains(['.', ':'])
            || receiver.is_some_and(|receiver| !plain(receiver))
            || matches!(
                name,
                "self"
                    | "this"
                    | "super"
                    | "true"
                    | "false"
                    | "null"
                    | "None"
                    | "nil"
                    | "undefined"
                    | "True"
                    | "False"
                    | "new"
            )
        {
            continue;
        }
        found.push((
            receiver.map(str::to_owned),
            name.to_owned(),
            value.start_position(),
        ));
    }
    found
}

fn function_like(kind: &str) -> bool {
    kind.contains("function")
        || kind.contains("method")
        || kind.contains("lambda")
        || kind == "closure_expression"
}

/// Positions of ERROR and MISSING nodes, found with an iterative cursor walk.
fn error_positions(root: Node<'_>, budget: &Budget) -> Result<Vec<(u32, u32)>, Expired> {
    let mut positions = Vec::new();
    let mut cursor = root.walk();
    'walk: loop {
        if budget.spent() {
            return Err(Expired);
        }
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
    Ok(positions)
}
