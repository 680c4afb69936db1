//! The languages' queries run in one walk of the tree.
//!
//! A tree-sitter query cursor advances every live pattern state at every node of the tree: on
//! the 10K corpus that was about nine tenths of extraction. Here the same query text is compiled
//! into patterns indexed by the kind of their root node, and one cursor walk tries at each node
//! only the patterns rooted at its kind; a pattern is then checked against the node's children
//! directly. Nothing is kept between nodes, so a deep tree costs no more per node than a flat
//! one.
//!
//! The query language is the subset the languages use, with tree-sitter's meaning:
//! `(kind child...)`, `(_)` (any named node but `ERROR`), `_`, `"token"`, `field: pattern`,
//! `!field`, `[alternatives]`, `?`, the anchor `.` (before the first child, between two, after
//! the last: no named node in between), `@captures`, and the predicates `#eq?` and `#match?` on a
//! capture. Anything else is a compile error naming what is not supported.
//!
//! What a construct gets is the union of the captures of every way its patterns match (the
//! extraction merged tree-sitter's matches of one node the same way), found without listing
//! those ways: for each child pattern, the children it matches with a way to place the child
//! patterns before it and after it.

use std::num::NonZeroU16;

use regex::Regex;
use tree_sitter::{Language, Node};

use super::budget::Budget;
use super::extract::Expired;

/// How a pattern step tests a node's kind.
#[derive(Debug)]
enum Kind {
    /// An alternation's own step: its alternatives decide.
    Any,
    /// `_`: any node except `ERROR`.
    Wildcard,
    /// `(_)`: any named node except `ERROR`.
    Named,
    /// These kind ids (every id with the name: aliases share names).
    Ids(Vec<u16>),
}

/// A condition on the text of the node a step matches.
#[derive(Debug)]
enum Predicate {
    Eq(String),
    Match(Regex),
}

/// One node of a pattern.
#[derive(Debug)]
struct Step {
    kind: Kind,
    /// `[a b]`: the node matches one of these (`kind` is then `Any`).
    alternatives: Vec<Step>,
    /// `field:` before it, as a child.
    field: Option<NonZeroU16>,
    /// `?` after it.
    optional: bool,
    /// `.` before it: no named sibling between it and the previous child step's node (or the
    /// parent's start).
    anchored: bool,
    children: Vec<Step>,
    /// `.` after the last child: no named sibling after the last child step's node.
    anchored_end: bool,
    /// `!field`: the node has no child in these fields.
    negated: Vec<NonZeroU16>,
    /// Fields of the child steps that are not optional: a node lacking one cannot match, which
    /// is checked before its children are listed.
    required_fields: Vec<NonZeroU16>,
    /// Child steps that are not optional: a node with fewer children cannot match.
    required_children: usize,
    /// Indices into [`Patterns::names`].
    captures: Vec<u16>,
    predicates: Vec<Predicate>,
}

impl Step {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            alternatives: Vec::new(),
            field: None,
            optional: false,
            anchored: false,
            children: Vec::new(),
            anchored_end: false,
            negated: Vec::new(),
            required_fields: Vec::new(),
            required_children: 0,
            captures: Vec::new(),
            predicates: Vec::new(),
        }
    }

    /// The step bearing capture `name` (index), depth first.
    fn with_capture(&mut self, name: u16) -> Option<&mut Self> {
        if self.captures.contains(&name) {
            return Some(self);
        }
        self.alternatives
            .iter_mut()
            .chain(self.children.iter_mut())
            .find_map(|step| step.with_capture(name))
    }
}

/// A compiled query.
#[derive(Debug)]
pub(crate) struct Patterns {
    /// Root steps, in the order the query lists them.
    roots: Vec<Step>,
    /// Per root: the child steps leading from it to the step that captures its construct
    /// (empty when the root does).
    paths: Vec<Vec<usize>>,
    /// Per kind id: the patterns that may start at a node of that kind.
    by_kind: Vec<Vec<u16>>,
    /// Patterns rooted at `(_)` or `_`, tried at every node.
    everywhere: Vec<u16>,
    /// Capture names.
    names: Vec<String>,
}

/// What one match captured: (capture index, node) pairs.
type Captures<'t> = [(u16, Node<'t>)];

/// A node's child, as the matcher sees it.
#[derive(Clone, Copy)]
struct Child<'t> {
    node: Node<'t>,
    field: Option<NonZeroU16>,
    named: bool,
}

/// Buffers reused from node to node (one set per level of a pattern), so that matching
/// allocates only while they grow.
#[derive(Default)]
struct Scratch<'t> {
    /// A cursor for listing children (made once: a new cursor allocates its stack).
    cursor: Option<tree_sitter::TreeCursor<'t>>,
    /// The children of the node the walk is at, listed once for all the patterns tried there.
    at: Option<usize>,
    at_children: Vec<Child<'t>>,
    children: Vec<Vec<Child<'t>>>,
    flags: Vec<Vec<bool>>,
    counts: Vec<Vec<usize>>,
}

impl<'t> Scratch<'t> {
    fn children(&mut self) -> Vec<Child<'t>> {
        self.children.pop().unwrap_or_default()
    }

    fn flags(&mut self) -> Vec<bool> {
        self.flags.pop().unwrap_or_default()
    }

    fn counts(&mut self) -> Vec<usize> {
        self.counts.pop().unwrap_or_default()
    }

    fn give_back(&mut self, mut children: Vec<Child<'t>>, mut flags: Vec<bool>) {
        children.clear();
        flags.clear();
        self.children.push(children);
        self.flags.push(flags);
    }

    fn give_back_flags(&mut self, mut flags: Vec<bool>) {
        flags.clear();
        self.flags.push(flags);
    }

    fn give_back_counts(&mut self, mut counts: Vec<usize>) {
        counts.clear();
        self.counts.push(counts);
    }
}

impl Patterns {
    /// Compiles `text` for `language`. Every pattern captures exactly one node with a name in
    /// `primaries` (its construct): a pattern matching a node once per child, as
    /// `(block (identifier) @call)` does, gives one match per such child. Errors name what is
    /// wrong and where.
    pub(crate) fn compile(
        language: &Language,
        text: &str,
        primaries: &[&str],
    ) -> Result<Self, String> {
        let mut parser = QueryParser {
            text,
            at: 0,
            language,
            names: Vec::new(),
        };
        let mut roots = Vec::new();
        loop {
            parser.skip_blank();
            if parser.at == text.len() {
                break;
            }
            let mut root = parser.pattern()?;
            if root.optional {
                return Err(parser.error("a top-level pattern cannot be optional"));
            }
            parser.predicates_for(&mut root)?;
            roots.push(root);
        }
        let is_primary =
            |index: &u16| primaries.contains(&parser.names[usize::from(*index)].as_str());
        let mut paths = Vec::with_capacity(roots.len());
        for (at, root) in roots.iter().enumerate() {
            let mut path = Vec::new();
            let mut bearing = 0;
            count_bearing(root, &is_primary, &mut bearing);
            if bearing != 1 || !path_to(root, &is_primary, &mut path) {
                return Err(format!(
                    "pattern {} must capture its construct exactly once, outside alternatives",
                    at + 1
                ));
            }
            let mut step = root;
            for &child in &path {
                if step.children.len() > 2 {
                    return Err(format!(
                        "pattern {}: a construct captured below the root allows at most two child patterns at each level above it",
                        at + 1
                    ));
                }
                step = &step.children[child];
            }
            paths.push(path);
        }
        let mut by_kind = vec![Vec::new(); language.node_kind_count()];
        let mut everywhere = Vec::new();
        for (index, root) in roots.iter().enumerate() {
            let index = u16::try_from(index).map_err(|_| "too many patterns".to_owned())?;
            let mut kinds = Vec::new();
            if root_kinds(root, &mut kinds) {
                everywhere.push(index);
            } else {
                kinds.sort_unstable();
                kinds.dedup();
                for kind in kinds {
                    by_kind[usize::from(kind)].push(index);
                }
            }
        }
        Ok(Self {
            roots,
            paths,
            by_kind,
            everywhere,
            names: parser.names,
        })
    }

    /// Capture names, by index.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// Walks the tree under `root` once and calls `found(pattern, captures)` for every node where
    /// a pattern matches, in the walk's (pre-)order, with the union of its matches' captures
    /// (capture index, node) in the order of the pattern's steps.
    pub(crate) fn run<'t>(
        &self,
        root: Node<'t>,
        source: &[u8],
        budget: &Budget,
        mut found: impl FnMut(usize, &[(u16, Node<'t>)]),
    ) -> Result<(), Expired> {
        let mut scratch = Scratch::default();
        let mut captures: Vec<(u16, Node<'t>)> = Vec::new();
        let mut cursor = root.walk();
        let mut visited = 0u32;
        loop {
            visited = visited.wrapping_add(1);
            if visited.is_multiple_of(1024) && budget.spent() {
                return Err(Expired);
            }
            let node = cursor.node();
            let by_kind = self
                .by_kind
                .get(usize::from(node.kind_id()))
                .map_or(&[][..], Vec::as_slice);
            if !(self.everywhere.is_empty() && by_kind.is_empty()) {
                scratch.at = Some(node.id());
                scratch.at_children.clear();
                for &pattern in self.everywhere.iter().chain(by_kind) {
                    let step = &self.roots[usize::from(pattern)];
                    captures.clear();
                    let path = &self.paths[usize::from(pattern)];
                    if path.is_empty() {
                        if self.collect(step, node, source, &mut scratch, &mut captures) {
                            found(usize::from(pattern), &captures);
                        }
                    } else {
                        self.split(
                            step,
                            node,
                            path,
                            source,
                            &mut scratch,
                            &mut captures,
                            &mut |captures| {
                                found(usize::from(pattern), captures);
                            },
                        );
                    }
                }
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return Ok(());
                }
            }
        }
    }

    /// Whether `node` matches `step` as a whole, ignoring its field (the parent checks that).
    fn matches<'t>(
        &self,
        step: &Step,
        node: Node<'t>,
        source: &[u8],
        scratch: &mut Scratch<'t>,
    ) -> bool {
        if !Self::own_test(step, node, source)
            || !self.alternatives_match(step, node, source, scratch)
        {
            return false;
        }
        if step.children.is_empty() && step.negated.is_empty() {
            return true;
        }
        match self.placement(step, node, source, scratch) {
            Some((children, valid)) => {
                scratch.give_back(children, valid);
                true
            }
            None => false,
        }
    }

    /// Whether `node` matches one of `step`'s alternatives (or it has none).
    fn alternatives_match<'t>(
        &self,
        step: &Step,
        node: Node<'t>,
        source: &[u8],
        scratch: &mut Scratch<'t>,
    ) -> bool {
        step.alternatives.is_empty()
            || step
                .alternatives
                .iter()
                .any(|alternative| self.matches(alternative, node, source, scratch))
    }

    /// The node's children and, per child step and child, whether the child takes part in a
    /// placement of the child steps; `None` (the buffers given back) when they cannot be placed.
    fn placement<'t>(
        &self,
        step: &Step,
        node: Node<'t>,
        source: &[u8],
        scratch: &mut Scratch<'t>,
    ) -> Option<(Vec<Child<'t>>, Vec<bool>)> {
        let children = children_of(node, scratch);
        let mut valid = scratch.flags();
        if !negated_present(step, &children)
            && self.place(step, &children, source, scratch, &mut valid)
        {
            Some((children, valid))
        } else {
            scratch.give_back(children, valid);
            None
        }
    }

    /// Like [`Self::matches`], and when it matches, appends the union of its captures.
    fn collect<'t>(
        &self,
        step: &Step,
        node: Node<'t>,
        source: &[u8],
        scratch: &mut Scratch<'t>,
        out: &mut Vec<(u16, Node<'t>)>,
    ) -> bool {
        if !Self::own_test(step, node, source) {
            return false;
        }
        let mark = out.len();
        out.extend(step.captures.iter().map(|&capture| (capture, node)));
        if !step.alternatives.is_empty() {
            let mut any = false;
            for alternative in &step.alternatives {
                any |= self.collect(alternative, node, source, scratch, out);
            }
            if !any {
                out.truncate(mark);
                return false;
            }
        }
        if step.children.is_empty() && step.negated.is_empty() {
            return true;
        }
        let Some((children, valid)) = self.placement(step, node, source, scratch) else {
            out.truncate(mark);
            return false;
        };
        let n = children.len();
        for (i, child_step) in step.children.iter().enumerate() {
            for (j, child) in children.iter().enumerate() {
                if valid[i * n + j] {
                    self.collect(child_step, child.node, source, scratch, out);
                }
            }
        }
        scratch.give_back(children, valid);
        true
    }

    /// For a pattern whose construct is captured below its root (`path` leads there): one
    /// capture list per construct node, each with the captures of the matches where that node
    /// is the construct. At most two child steps per level (checked when compiling), so a
    /// construct's siblings are those of the other step, in order (and adjacent when anchored).
    #[expect(clippy::too_many_arguments, reason = "the recursion's state")]
    fn split<'t>(
        &self,
        step: &Step,
        node: Node<'t>,
        path: &[usize],
        source: &[u8],
        scratch: &mut Scratch<'t>,
        out: &mut Vec<(u16, Node<'t>)>,
        emit: &mut dyn FnMut(&Captures<'t>),
    ) {
        let Some((&on, deeper)) = path.split_first() else {
            let mark = out.len();
            if self.collect(step, node, source, scratch, out) {
                emit(out);
            }
            out.truncate(mark);
            return;
        };
        if !Self::own_test(step, node, source)
            || !self.alternatives_match(step, node, source, scratch)
        {
            return;
        }
        if let Some((children, valid)) = self.placement(step, node, source, scratch) {
            let n = children.len();
            let mark = out.len();
            for j in 0..n {
                if !valid[on * n + j] {
                    continue;
                }
                out.extend(step.captures.iter().map(|&capture| (capture, node)));
                if step.children.len() == 2 {
                    let other = 1 - on;
                    let second = other.max(on);
                    for (k, child) in children.iter().enumerate() {
                        let (a, b) = if other < on { (k, j) } else { (j, k) };
                        if a >= b || !valid[other * n + k] {
                            continue;
                        }
                        let adjacent = !step.children[second].anchored
                            || children[a + 1..b].iter().all(|between| !between.named);
                        if adjacent {
                            self.collect(&step.children[other], child.node, source, scratch, out);
                        }
                    }
                }
                self.split(
                    &step.children[on],
                    children[j].node,
                    deeper,
                    source,
                    scratch,
                    out,
                    emit,
                );
                out.truncate(mark);
            }
            scratch.give_back(children, valid);
        }
    }

    /// The node's kind, the children it must have, text predicates (not the children's
    /// patterns).
    fn own_test(step: &Step, node: Node<'_>, source: &[u8]) -> bool {
        let kind_ok = match &step.kind {
            Kind::Any => true,
            Kind::Wildcard => !node.is_error(),
            Kind::Named => node.is_named() && !node.is_error(),
            Kind::Ids(ids) => ids.contains(&node.kind_id()),
        };
        kind_ok
            && node.child_count() >= step.required_children
            && step
                .required_fields
                .iter()
                .all(|&field| node.child_by_field_id(field.get()).is_some())
            && step.predicates.iter().all(|predicate| {
                let text = &source[node.byte_range()];
                match predicate {
                    Predicate::Eq(expected) => text == expected.as_bytes(),
                    Predicate::Match(regex) => {
                        std::str::from_utf8(text).is_ok_and(|text| regex.is_match(text))
                    }
                }
            })
    }

    /// Whether `step`'s child steps can be placed on `children` (in order, anchors and
    /// optional steps respected); fills `valid[i * n + j]`: child step `i` takes part in some
    /// placement at child `j`.
    fn place<'t>(
        &self,
        step: &Step,
        children: &[Child<'t>],
        source: &[u8],
        scratch: &mut Scratch<'t>,
        valid: &mut Vec<bool>,
    ) -> bool {
        let n = children.len();
        let k = step.children.len();
        // named_before[x]: named children among the first x.
        let mut named_before = scratch.counts();
        named_before.push(0);
        for child in children {
            let last = named_before.last().copied().unwrap_or(0);
            named_before.push(last + usize::from(child.named));
        }
        let no_named_between = |p: usize, j: usize| named_before[j] == named_before[p];
        // Positions are "after child p" as p + 1 in 0..=n (0: before every child).
        valid.clear();
        valid.resize(k * n, false);
        for (i, child_step) in step.children.iter().enumerate() {
            for (j, child) in children.iter().enumerate() {
                valid[i * n + j] = child_step
                    .field
                    .is_none_or(|field| child.field == Some(field))
                    && self.matches(child_step, child.node, source, scratch);
            }
        }
        // Forward: reached[i][p]: child steps before i placed, the last at position p.
        let width = n + 1;
        let mut reached = scratch.flags();
        reached.resize((k + 1) * width, false);
        reached[0] = true;
        for (i, child_step) in step.children.iter().enumerate() {
            let (done, rest) = reached.split_at_mut((i + 1) * width);
            let before = &done[i * width..];
            let after = &mut rest[..width];
            let mut any = before[0];
            let mut adjacent = before[0];
            for j in 0..n {
                let ok = if child_step.anchored { adjacent } else { any };
                if ok && valid[i * n + j] {
                    after[j + 1] = true;
                } else {
                    valid[i * n + j] = false;
                }
                any |= before[j + 1];
                adjacent = if children[j].named {
                    before[j + 1]
                } else {
                    adjacent || before[j + 1]
                };
            }
            if child_step.optional {
                for p in 0..width {
                    after[p] |= before[p];
                }
            }
        }
        // Backward: rest_ok[i][p]: child steps from i on can be placed after position p.
        let mut rest_ok = scratch.flags();
        rest_ok.resize((k + 1) * width, false);
        for p in 0..width {
            rest_ok[k * width + p] = !step.anchored_end || no_named_between(p, n);
        }
        for (i, child_step) in step.children.iter().enumerate().rev() {
            let (head, tail) = rest_ok.split_at_mut((i + 1) * width);
            let next = &tail[..width];
            let this = &mut head[i * width..];
            // Children j > p that step i can take with the rest placed after them.
            let mut any = false;
            let mut adjacent = false;
            for p in (0..width).rev() {
                if p < n {
                    let j = p;
                    let good = valid[i * n + j] && next[j + 1];
                    any |= good;
                    adjacent = if children[j].named {
                        good
                    } else {
                        adjacent || good
                    };
                }
                this[p] = if child_step.anchored { adjacent } else { any };
                if child_step.optional {
                    this[p] |= next[p];
                }
            }
        }
        // A child step takes part where both sides can be placed around it.
        for i in 0..k {
            for j in 0..n {
                if valid[i * n + j] && !rest_ok[(i + 1) * width + j + 1] {
                    valid[i * n + j] = false;
                }
            }
        }
        let feasible = rest_ok[0];
        scratch.give_back_counts(named_before);
        scratch.give_back_flags(reached);
        scratch.give_back_flags(rest_ok);
        feasible
    }
}

/// The node's children with their fields.
fn children_of<'t>(node: Node<'t>, scratch: &mut Scratch<'t>) -> Vec<Child<'t>> {
    let mut children = scratch.children();
    let at = scratch.at == Some(node.id());
    if at && !scratch.at_children.is_empty() {
        children.extend_from_slice(&scratch.at_children);
        return children;
    }
    let cursor = match &mut scratch.cursor {
        Some(cursor) => {
            cursor.reset(node);
            cursor
        }
        empty => empty.insert(node.walk()),
    };
    if cursor.goto_first_child() {
        loop {
            let child = cursor.node();
            children.push(Child {
                node: child,
                field: cursor.field_id(),
                named: child.is_named(),
            });
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    if at {
        scratch.at_children.extend_from_slice(&children);
    }
    children
}

fn negated_present(step: &Step, children: &[Child<'_>]) -> bool {
    !step.negated.is_empty()
        && children.iter().any(|child| {
            child
                .field
                .is_some_and(|field| step.negated.contains(&field))
        })
}

/// Counts the steps bearing a primary capture (alternatives included).
fn count_bearing(step: &Step, is_primary: &impl Fn(&u16) -> bool, count: &mut usize) {
    if step.captures.iter().any(is_primary) {
        *count += 1;
    }
    for inner in step.alternatives.iter().chain(&step.children) {
        count_bearing(inner, is_primary, count);
    }
}

/// The child steps from `step` to the one bearing a primary capture; false when it is inside an
/// alternative (or absent).
fn path_to(step: &Step, is_primary: &impl Fn(&u16) -> bool, path: &mut Vec<usize>) -> bool {
    if step.captures.iter().any(is_primary) {
        return true;
    }
    for (at, child) in step.children.iter().enumerate() {
        path.push(at);
        if path_to(child, is_primary, path) {
            return true;
        }
        path.pop();
    }
    false
}

/// Adds the kind ids a root step can start at to `kinds`; true when it can start anywhere.
fn root_kinds(step: &Step, kinds: &mut Vec<u16>) -> bool {
    if !step.alternatives.is_empty() {
        // Every alternative adds its kinds, even after one that starts anywhere.
        let mut anywhere = false;
        for alternative in &step.alternatives {
            anywhere |= root_kinds(alternative, kinds);
        }
        return anywhere;
    }
    match &step.kind {
        Kind::Any | Kind::Wildcard | Kind::Named => true,
        Kind::Ids(ids) => {
            kinds.extend(ids);
            false
        }
    }
}

/// A recursive-descent reader of query text.
struct QueryParser<'a> {
    text: &'a str,
    at: usize,
    language: &'a Language,
    names: Vec<String>,
}

impl QueryParser<'_> {
    fn error(&self, what: &str) -> String {
        let line = self.text[..self.at].matches('\n').count() + 1;
        format!("{what} (line {line} of the query)")
    }

    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn skip_blank(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            let blank = rest.len() - trimmed.len();
            let comment = if trimmed.starts_with(';') {
                trimmed.find('\n').unwrap_or(trimmed.len())
            } else {
                0
            };
            self.at += blank + comment;
            if comment == 0 {
                return;
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_blank();
        self.rest().chars().next()
    }

    fn eat(&mut self, expected: char) -> Result<(), String> {
        if self.peek() == Some(expected) {
            self.at += expected.len_utf8();
            Ok(())
        } else {
            Err(self.error(&format!("expected `{expected}`")))
        }
    }

    /// An identifier: letters, digits, `_`, `-`, `.`, `?`, `!` (predicate and capture names).
    fn identifier(&mut self) -> Result<&str, String> {
        self.skip_blank();
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || "_-.?!".contains(c)))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.error("expected a name"));
        }
        let start = self.at;
        self.at += len;
        Ok(&self.text[start..start + len])
    }

    fn string(&mut self) -> Result<String, String> {
        self.eat('"')?;
        let mut value = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((offset, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += offset + 1;
                    return Ok(value);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, 't')) => value.push('\t'),
                    Some((_, other)) => value.push(other),
                    None => break,
                },
                other => value.push(other),
            }
        }
        Err(self.error("unterminated string"))
    }

    fn kind_ids(&self, name: &str, named: bool) -> Result<Vec<u16>, String> {
        let ids: Vec<u16> = (0..self.language.node_kind_count())
            .filter_map(|id| u16::try_from(id).ok())
            .filter(|&id| {
                self.language.node_kind_is_named(id) == named
                    && self.language.node_kind_for_id(id) == Some(name)
            })
            .collect();
        if ids.is_empty() {
            Err(self.error(&format!("unknown node kind `{name}`")))
        } else {
            Ok(ids)
        }
    }

    fn field(&self, name: &str) -> Result<NonZeroU16, String> {
        self.language
            .field_id_for_name(name)
            .ok_or_else(|| self.error(&format!("unknown field `{name}`")))
    }

    fn capture_index(&mut self, name: &str) -> Result<u16, String> {
        let index = if let Some(index) = self.names.iter().position(|known| known == name) {
            index
        } else {
            self.names.push(name.to_owned());
            self.names.len() - 1
        };
        u16::try_from(index).map_err(|_| self.error("too many captures"))
    }

    /// One pattern with its quantifier and captures.
    fn pattern(&mut self) -> Result<Step, String> {
        let mut step = match self.peek() {
            Some('(') => self.node()?,
            Some('[') => {
                self.eat('[')?;
                let mut alternatives = Vec::new();
                while self.peek() != Some(']') {
                    let alternative = self.pattern()?;
                    if alternative.optional {
                        return Err(self.error("an alternative cannot be optional"));
                    }
                    alternatives.push(alternative);
                }
                self.eat(']')?;
                let mut step = Step::new(Kind::Any);
                step.alternatives = alternatives;
                step
            }
            Some('"') => {
                let token = self.string()?;
                Step::new(Kind::Ids(self.kind_ids(&token, false)?))
            }
            Some('_') => {
                self.at += 1;
                Step::new(Kind::Wildcard)
            }
            _ => return Err(self.error("expected a pattern")),
        };
        match self.peek() {
            Some('?') => {
                self.at += 1;
                step.optional = true;
            }
            Some('*' | '+') => return Err(self.error("`*` and `+` are not supported")),
            _ => {}
        }
        while self.peek() == Some('@') {
            self.at += 1;
            let name = self.identifier()?.to_owned();
            let index = self.capture_index(&name)?;
            step.captures.push(index);
        }
        Ok(step)
    }

    /// `(kind children...)`, with the predicates inside it left for the root to place.
    fn node(&mut self) -> Result<Step, String> {
        self.eat('(')?;
        let mut step = if self.peek() == Some('_') && {
            let next = self.rest()[1..].chars().next();
            next.is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        } {
            self.at += 1;
            Step::new(Kind::Named)
        } else {
            let name = self.identifier()?.to_owned();
            Step::new(Kind::Ids(self.kind_ids(&name, true)?))
        };
        let mut anchor = false;
        loop {
            match self.peek() {
                Some(')') => {
                    self.at += 1;
                    step.anchored_end = anchor;
                    let required = step.children.iter().filter(|child| !child.optional);
                    step.required_children = required.clone().count();
                    step.required_fields = required.filter_map(|child| child.field).collect();
                    return Ok(step);
                }
                Some('.') => {
                    self.at += 1;
                    anchor = true;
                }
                Some('!') => {
                    self.at += 1;
                    let name = self.identifier()?.to_owned();
                    let field = self.field(&name)?;
                    step.negated.push(field);
                }
                Some('(') if self.rest()[1..].trim_start().starts_with('#') => {
                    // A predicate: kept as a pending child-less step, placed by the root.
                    self.pending_predicate(&mut step)?;
                }
                None => return Err(self.error("unclosed `(`")),
                _ => {
                    let field = self.field_prefix()?;
                    let mut child = self.pattern()?;
                    child.field = field;
                    child.anchored = anchor;
                    anchor = false;
                    step.children.push(child);
                }
            }
        }
    }

    /// `name:` before a child pattern, if there is one.
    fn field_prefix(&mut self) -> Result<Option<NonZeroU16>, String> {
        self.skip_blank();
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len > 0 && rest[len..].starts_with(':') {
            let name = rest[..len].to_owned();
            self.at += len + 1;
            return self.field(&name).map(Some);
        }
        Ok(None)
    }

    /// Reads `(#eq? @capture "text")` or `(#match? @capture "regex")` and keeps it on `step`
    /// (as a child-less marker in `predicates`, resolved by [`Self::predicates_for`]).
    fn pending_predicate(&mut self, step: &mut Step) -> Result<(), String> {
        self.eat('(')?;
        self.eat('#')?;
        let name = self.identifier()?.to_owned();
        self.eat('@')?;
        let capture = self.identifier()?.to_owned();
        let argument = self.string()?;
        self.eat(')')?;
        let capture = self.capture_index(&capture)?;
        let predicate = match name.as_str() {
            "eq?" => Predicate::Eq(argument),
            "match?" => Predicate::Match(
                Regex::new(&argument).map_err(|err| self.error(&format!("bad regex: {err}")))?,
            ),
            other => return Err(self.error(&format!("predicate `#{other}` is not supported"))),
        };
        let target = step
            .with_capture(capture)
            .ok_or_else(|| self.error("a predicate names a capture not captured before it"))?;
        target.predicates.push(predicate);
        Ok(())
    }

    /// Predicates written at the top level after a pattern (none in the languages' queries,
    /// but tree-sitter allows them): placed on the steps they name.
    fn predicates_for(&mut self, root: &mut Step) -> Result<(), String> {
        while self.peek() == Some('(') && self.rest()[1..].trim_start().starts_with('#') {
            self.pending_predicate(root)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captures_of(query: &str, source: &str) -> Vec<Vec<(String, String)>> {
        let language = Language::new(tree_sitter_javascript::LANGUAGE);
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&language).unwrap();
        let tree = parser.parse(source, None).unwrap();
        let patterns = Patterns::compile(
            &language,
            query,
            &["args", "call", "import", "function", "any", "list"],
        )
        .unwrap();
        let budget = Budget::new(None);
        let mut all = Vec::new();
        patterns
            .run(
                tree.root_node(),
                source.as_bytes(),
                &budget,
                |_, captures| {
                    all.push(
                        captures
                            .iter()
                            .map(|(index, node)| {
                                (
                                    patterns.names()[usize::from(*index)].clone(),
                                    node.utf8_text(source.as_bytes()).unwrap().to_owned(),
                                )
                            })
                            .collect(),
                    );
                },
            )
            .unwrap();
        all
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn children_are_matched_in_order_and_every_placement_counts() {
        // Two `a` arguments before a `b`: both take part; the `a` after it does not.
        let found = captures_of(
            "(arguments (identifier) @x (number) @y) @args",
            "f(a1, a2, 3, a3)",
        );
        assert_eq!(
            found,
            vec![pairs(&[
                ("args", "(a1, a2, 3, a3)"),
                ("x", "a1"),
                ("x", "a2"),
                ("y", "3")
            ])]
        );
    }

    #[test]
    fn a_construct_below_the_root_is_one_match_per_node() {
        // Each identifier argument is a construct, with the number that follows it directly
        // (the captures around a construct come before its own).
        let found = captures_of(
            "(arguments (identifier) @list . (number)? @n)",
            "f(a, 1, b, c, 2)",
        );
        assert_eq!(
            found,
            vec![
                pairs(&[("n", "1"), ("list", "a")]),
                pairs(&[("list", "b")]),
                pairs(&[("n", "2"), ("list", "c")]),
            ]
        );
    }

    #[test]
    fn anchors_fields_optional_steps_and_predicates() {
        let query = r#"
(arguments . (string) @first) @call
(call_expression function: (identifier) @f (#eq? @f "require")) @import
(function_declaration name: (identifier) @name (formal_parameters)? @params) @function
(call_expression function: [(identifier) (member_expression property: (_) @callee)] @target) @any
"#;
        let found = captures_of(query, "require('x'); g(1, 'y'); a.b(); function h(p) {}");
        assert!(found.contains(&pairs(&[("call", "('x')"), ("first", "'x'")])));
        assert!(
            !found
                .iter()
                .any(|c| c.contains(&pairs(&[("first", "'y'")])[0]))
        );
        assert!(found.contains(&pairs(&[("import", "require('x')"), ("f", "require")])));
        assert_eq!(
            found
                .iter()
                .filter(|c| c.iter().any(|(name, _)| name == "import"))
                .count(),
            1
        );
        assert!(found.contains(&pairs(&[
            ("function", "function h(p) {}"),
            ("name", "h"),
            ("params", "(p)")
        ])));
        assert!(found.contains(&pairs(&[
            ("any", "a.b()"),
            ("target", "a.b"),
            ("callee", "b")
        ])));
    }

    #[test]
    fn unsupported_syntax_is_an_error() {
        let language = Language::new(tree_sitter_javascript::LANGUAGE);
        for query in [
            "(arguments (identifier)* @x)",
            "(nonexistent_kind)",
            "(call_expression nofield: (_))",
            "(identifier) @x (#not-eq? @x \"a\")",
            "(arguments (identifier) @x (identifier) @x)",
            "(arguments [(identifier) @x (number)])",
        ] {
            assert!(
                Patterns::compile(&language, query, &["x"]).is_err(),
                "{query}"
            );
        }
    }

    /// Per construct (primary capture name, node range): the captures (name, range) of every
    /// match of it, as a set.
    type Constructs = std::collections::BTreeMap<
        (String, usize, usize),
        std::collections::BTreeSet<(String, usize, usize)>,
    >;

    fn add(constructs: &mut Constructs, captures: &[(&str, Node<'_>)]) {
        let Some(&(primary, node)) = captures
            .iter()
            .find(|(name, _)| crate::parsers::extract::PRIMARIES.contains(name))
        else {
            return;
        };
        let slot = constructs
            .entry((primary.to_owned(), node.start_byte(), node.end_byte()))
            .or_default();
        for &(name, node) in captures {
            slot.insert((name.to_owned(), node.start_byte(), node.end_byte()));
        }
    }

    fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => files_under(&path, out),
                Ok(kind) if kind.is_file() => out.push(path),
                _ => {}
            }
        }
    }

    /// The walk against tree-sitter's own query cursor, on every fixture of every language (and
    /// on a whole tree with `DRIFT_MATCHER_CORPUS=DIR`): every construct with the same captures.
    /// Files where the cursor gave up (its match limit) are skipped: the cursor misses matches
    /// there.
    #[test]
    fn the_walk_finds_what_a_query_cursor_finds() {
        use streaming_iterator::StreamingIterator;

        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures");
        let root = std::env::var_os("DRIFT_MATCHER_CORPUS").map_or(fixtures, Into::into);
        let mut files = Vec::new();
        files_under(&root, &mut files);
        files.sort();
        let mut compared = 0;
        let mut compiled: std::collections::HashMap<&str, (tree_sitter::Query, Patterns)> =
            std::collections::HashMap::new();
        for path in files {
            let Some(language) = drift_core::Language::from_path(&path) else {
                continue;
            };
            let Some(spec) = crate::parsers::languages::spec(language) else {
                continue;
            };
            let Ok(source) = std::fs::read(&path) else {
                continue;
            };
            if source.len() > 1 << 20 || source.contains(&0) {
                continue;
            }
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let dialect = &spec.dialects[spec.dialect_index(extension)];
            let grammar = Language::new(dialect.grammar);
            let (query, patterns) = compiled.entry(dialect.name).or_insert_with(|| {
                let text = format!("{}\n{}", spec.structure, spec.calls);
                (
                    tree_sitter::Query::new(&grammar, &text).unwrap(),
                    Patterns::compile(&grammar, &text, crate::parsers::extract::PRIMARIES).unwrap(),
                )
            });
            let (query, patterns) = (&*query, &*patterns);
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&grammar).unwrap();
            let tree = parser.parse(&source, None).unwrap();

            let mut expected = Constructs::new();
            let mut cursor = tree_sitter::QueryCursor::new();
            let mut matches = cursor.matches(query, tree.root_node(), source.as_slice());
            while let Some(found) = matches.next() {
                let captures: Vec<(&str, Node<'_>)> = found
                    .captures
                    .iter()
                    .map(|c| (query.capture_names()[c.index as usize], c.node))
                    .collect();
                add(&mut expected, &captures);
            }
            if cursor.did_exceed_match_limit() {
                continue;
            }
            let mut actual = Constructs::new();
            let budget = Budget::new(None);
            patterns
                .run(tree.root_node(), &source, &budget, |_, captures| {
                    let captures: Vec<(&str, Node<'_>)> = captures
                        .iter()
                        .map(|(index, node)| {
                            (patterns.names()[usize::from(*index)].as_str(), *node)
                        })
                        .collect();
                    add(&mut actual, &captures);
                })
                .unwrap();
            let missing: Vec<_> = expected
                .iter()
                .filter(|(k, v)| actual.get(*k) != Some(v))
                .take(3)
                .collect();
            let extra: Vec<_> = actual
                .iter()
                .filter(|(k, v)| expected.get(*k) != Some(v))
                .take(3)
                .collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: the cursor's {missing:?}, the walk's {extra:?}",
                path.display()
            );
            compared += 1;
        }
        assert!(compared > 50, "only {compared} files compared");
    }
}
