//! The syntax phase: one depth-first walk over a file's tree while the parse has it in hand,
//! dispatching each node by its kind id to the `node` rules that asked for that kind.
//!
//! The walk is iterative (no recursion: a deep tree cannot overflow the small wasm stack),
//! keeps a count of open ancestors per kind (so `inside`/`not_inside` cost one lookup per kind,
//! not a climb), reads at most [`MAX_NODE_TEXT`] bytes of a node's text, and checks the file's
//! time budget at every node.

use drift_core::Language;
use regex::Regex;
use tree_sitter::{Node, Tree};

use super::pack::{DetectionSet, NodeRule, RETIRED};
use crate::parsers::languages;

/// Bytes of a node's text its `text` regexes see.
const MAX_NODE_TEXT: usize = 4096;

/// Matched text kept per hit.
pub(crate) const MAX_MATCHED_TEXT: usize = 200;

/// Children looked at by `has_child` / `no_child` / `empty`.
const MAX_CHILDREN: usize = 256;

/// A node rule resolved against one grammar.
#[derive(Debug)]
struct Resolved {
    pattern: usize,
    inside: Vec<u16>,
    not_inside: Vec<u16>,
    has_child: Vec<u16>,
    no_child: Vec<u16>,
    field: Option<std::num::NonZeroU16>,
    rule: usize,
}

/// The node rules of one grammar, indexed by node kind id.
#[derive(Debug, Default)]
pub struct SyntaxTable {
    by_kind: Vec<Vec<usize>>,
    rules: Vec<Resolved>,
    kind_count: usize,
}

impl SyntaxTable {
    fn new(set: &DetectionSet, language: Language, grammar: &tree_sitter::Language) -> Self {
        let kind_count = grammar.node_kind_count();
        let mut table = Self {
            by_kind: vec![Vec::new(); kind_count],
            rules: Vec::new(),
            kind_count,
        };
        let ids = |names: &[String]| -> Vec<u16> {
            names
                .iter()
                .map(|name| grammar.id_for_node_kind(name, true))
                .filter(|&id| id != 0)
                .collect()
        };
        for (index, (pattern, rule)) in set.node_rules.iter().enumerate() {
            if *pattern == RETIRED || !set.patterns[*pattern].applies_to(language) {
                continue;
            }
            let kinds = ids(&rule.kinds);
            if kinds.is_empty() {
                continue;
            }
            let resolved = table.rules.len();
            table.rules.push(Resolved {
                pattern: *pattern,
                inside: ids(&rule.inside),
                not_inside: ids(&rule.not_inside),
                has_child: ids(&rule.has_child),
                no_child: ids(&rule.no_child),
                field: rule
                    .field
                    .as_deref()
                    .and_then(|field| grammar.field_id_for_name(field)),
                rule: index,
            });
            for kind in kinds {
                table.by_kind[usize::from(kind)].push(resolved);
            }
            // Another grammar's `inside` kinds may be unknown here: a rule that needs an
            // ancestor this grammar cannot have never matches.
            if !rule.inside.is_empty() && table.rules[resolved].inside.is_empty() {
                for slot in &mut table.by_kind {
                    slot.retain(|&r| r != resolved);
                }
            }
        }
        table
    }

    /// Whether no rule listens to this grammar.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// A `node` rule's hit: the pattern and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxHit {
    /// Index into [`DetectionSet::patterns`].
    pub pattern: usize,
    /// 0-based first line.
    pub line: u32,
    /// 0-based column.
    pub column: u32,
    /// 0-based last line.
    pub end_line: u32,
    /// The node's text, at most [`MAX_MATCHED_TEXT`] bytes of its first line.
    pub text: String,
}

impl DetectionSet {
    /// The node rules of `language`'s dialect `dialect`, resolved to its grammar's kind ids
    /// (resolved once per set).
    pub(crate) fn syntax_table(&self, language: Language, dialect: usize) -> Option<&SyntaxTable> {
        self.syntax
            .get_or_init(|| {
                let mut tables = rustc_hash::FxHashMap::default();
                for spec in languages::ALL {
                    for (index, dialect) in spec.dialects.iter().enumerate() {
                        let grammar = tree_sitter::Language::new(dialect.grammar);
                        tables.insert(
                            (spec.language, index),
                            SyntaxTable::new(self, spec.language, &grammar),
                        );
                    }
                }
                tables
            })
            .get(&(language, dialect))
    }
}

fn text_of<'s>(node: Node<'_>, source: &'s [u8], limit: usize) -> &'s str {
    let range = node.byte_range();
    let end = range.end.min(range.start + limit).min(source.len());
    let bytes = &source[range.start.min(end)..end];
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // Cut inside a character (or bad UTF-8): keep the valid prefix.
        Err(err) => std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default(),
    }
}

fn matches(regex: Option<&Regex>, text: &str) -> bool {
    regex.is_none_or(|regex| regex.is_match(text))
}

/// Whether `node` (its `body` field when it has one, else itself) holds nothing at all. A
/// comment inside counts as content, as in the `no-empty` rule of `ESLint`: a block that says why it is
/// empty is empty on purpose. (tree-sitter puts a comment that follows a block's `}` on the
/// same line inside the block: only what comes before the `}` counts.)
fn is_empty(node: Node<'_>) -> bool {
    let target = node
        .child_by_field_name("body")
        .or_else(|| node.child_by_field_name("block"))
        .unwrap_or(node);
    if !has_content(target) {
        return true;
    }
    // A body that is a single block (`except: <block>`) is judged by that block.
    target.named_child_count() == 1
        && target.named_child(0).is_some_and(|only| {
            (only.kind().contains("block") || only.kind().contains("body")) && !has_content(only)
        })
}

/// Whether `block` has a named child before its closing brace (anywhere, without braces).
fn has_content(block: Node<'_>) -> bool {
    let mut cursor = block.walk();
    let children: Vec<Node<'_>> = block.children(&mut cursor).take(MAX_CHILDREN).collect();
    let close = children.iter().rposition(|child| child.kind() == "}");
    children
        .iter()
        .enumerate()
        .any(|(at, child)| child.is_named() && close.is_none_or(|close| at < close))
}

fn holds(
    resolved: &Resolved,
    rule: &NodeRule,
    node: Node<'_>,
    source: &[u8],
    open: &[u32],
) -> bool {
    if !resolved.inside.is_empty()
        && !resolved
            .inside
            .iter()
            .any(|&kind| open[usize::from(kind)] > 0)
    {
        return false;
    }
    if resolved
        .not_inside
        .iter()
        .any(|&kind| open[usize::from(kind)] > 0)
    {
        return false;
    }
    if !resolved.has_child.is_empty() || !resolved.no_child.is_empty() {
        let mut cursor = node.walk();
        let kinds: Vec<u16> = node
            .named_children(&mut cursor)
            .take(MAX_CHILDREN)
            .map(|child| child.kind_id())
            .collect();
        if !resolved.has_child.is_empty()
            && !resolved.has_child.iter().any(|kind| kinds.contains(kind))
        {
            return false;
        }
        if resolved.no_child.iter().any(|kind| kinds.contains(kind)) {
            return false;
        }
    }
    if rule.empty && !is_empty(node) {
        return false;
    }
    if rule.field.is_some() {
        let Some(child) = resolved
            .field
            .and_then(|field| node.child_by_field_id(field.get()))
        else {
            return false;
        };
        if !matches(
            rule.field_text.as_ref(),
            text_of(child, source, MAX_NODE_TEXT),
        ) {
            return false;
        }
    }
    if rule.text.is_some() || rule.not_text.is_some() {
        let text = text_of(node, source, MAX_NODE_TEXT);
        if !matches(rule.text.as_ref(), text) {
            return false;
        }
        if rule
            .not_text
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
        {
            return false;
        }
    }
    true
}

/// Walks `tree` once and returns every `node` rule hit, in document order. `spent` is asked at
/// every node; when it says the budget is spent the walk stops with the hits so far.
pub(crate) fn walk(
    table: &SyntaxTable,
    set: &DetectionSet,
    tree: &Tree,
    source: &[u8],
    spent: &dyn Fn() -> bool,
) -> Vec<SyntaxHit> {
    let mut hits = Vec::new();
    if table.is_empty() {
        return hits;
    }
    let mut open = vec![0_u32; table.kind_count];
    // Kinds of the nodes on the path from the root, to close them on the way up.
    let mut path: Vec<u16> = Vec::new();
    let mut cursor = tree.walk();
    loop {
        if spent() {
            break;
        }
        let node = cursor.node();
        let kind = node.kind_id();
        if let Some(listeners) = table.by_kind.get(usize::from(kind)) {
            for &index in listeners {
                let resolved = &table.rules[index];
                let rule = &set.node_rules[resolved.rule].1;
                if holds(resolved, rule, node, source, &open) {
                    let first_line = text_of(node, source, MAX_MATCHED_TEXT)
                        .lines()
                        .next()
                        .unwrap_or_default();
                    hits.push(SyntaxHit {
                        pattern: resolved.pattern,
                        line: u32::try_from(node.start_position().row).unwrap_or(u32::MAX),
                        column: u32::try_from(node.start_position().column).unwrap_or(u32::MAX),
                        end_line: u32::try_from(node.end_position().row).unwrap_or(u32::MAX),
                        text: first_line.to_owned(),
                    });
                }
            }
        }
        if cursor.goto_first_child() {
            if let Some(slot) = open.get_mut(usize::from(kind)) {
                *slot += 1;
            }
            path.push(kind);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return hits;
            }
            if let Some(closed) = path.pop()
                && let Some(slot) = open.get_mut(usize::from(closed))
            {
                *slot -= 1;
            }
        }
    }
    hits
}
