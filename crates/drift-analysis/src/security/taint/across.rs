//! Flows across functions: the per-function summaries ([`super::summary`]) joined over the
//! call graph.
//!
//! A value read from a source in one function is followed into the functions it is passed to
//! (the callee's parameter at the argument's place), back out of the functions that return
//! it (to each call of them), and on through their summaries until it reaches a sink, a
//! sanitizer for that sink, or nothing. A value returned by a function entered through a
//! call goes back to that call only. Each (function, origin) pair is visited once per
//! source, so recursion and cycles end; chains stop at [`MAX_DEPTH`] functions and the walk
//! of one source at [`MAX_VISITS`] steps. A flow within one function is the per-function
//! analysis's and is not repeated here.
//!
//! ```
//! use drift_analysis::callgraph::{CallGraph, FileFacts};
//! use drift_analysis::parsers::ParserManager;
//! use drift_analysis::security::taint::{TaintRules, across};
//!
//! let files = [
//!     ("app/views.py", "from app.db import find\n\ndef search(request):\n    return find(request.GET['q'])\n"),
//!     ("app/db.py", "def find(term):\n    cursor.execute(\"SELECT * FROM t WHERE a = '\" + term + \"'\")\n"),
//! ];
//! let parsers = ParserManager::new(0);
//! let (mut facts, mut summaries) = (Vec::new(), Vec::new());
//! for (path, code) in files {
//!     let result = parsers.parse(path, code.as_bytes()).unwrap();
//!     facts.push(FileFacts::of(&result).into_owned());
//!     summaries.push((path.to_owned(), TaintRules::builtin().analyse(&result, code.as_bytes()).1));
//! }
//! let flows = across::flows(&CallGraph::build(&facts), &summaries);
//! let (file, flow) = &flows[0];
//! assert_eq!((file.as_str(), flow.sink_type.as_str(), flow.sink_line), ("app/db.py", "sql_query", 1));
//! assert_eq!(flow.functions, ["app/views.py::search", "app/db.py::find"]);
//! ```

use std::collections::{HashMap, HashSet, VecDeque};

use drift_core::types::security::{TaintFlow, TaintStep};

use super::summary::{FunctionSummary, Origin, TaintSummary, Target};
use super::{clip, source_confidence};
use crate::callgraph::{CallGraph, MODULE_NODE, Strategy};

/// Most functions in one flow.
pub const MAX_DEPTH: usize = 8;

/// Most (function, origin) pairs one source's walk visits.
pub const MAX_VISITS: usize = 4096;

/// Most flows composed for a project.
pub const MAX_FLOWS: usize = 20_000;

/// How far a value has come: the walk's state at one function.
#[derive(Clone)]
struct Visit {
    node: u32,
    origin: Origin,
    /// The steps so far, each with its file.
    steps: Vec<TaintStep>,
    /// The functions so far, the source's first.
    chain: Vec<u32>,
    /// Sink types a sanitizer on the way made it safe for.
    safe_for: Vec<String>,
    /// The product of the confidences of the calls followed.
    confidence: f32,
    /// The calls entered and not yet returned from: (calling node, line of the call).
    returns_to: Vec<(u32, u32)>,
}

/// The source a walk follows.
struct Source<'a> {
    node: u32,
    label: &'a str,
    line: u32,
    text: &'a str,
}

/// The summaries by call-graph node.
struct Index<'a> {
    graph: &'a CallGraph,
    by_node: HashMap<u32, &'a FunctionSummary>,
}

impl Index<'_> {
    fn steps_in(&self, node: u32, steps: &[TaintStep]) -> impl Iterator<Item = TaintStep> {
        let file = self.graph.path_of(node);
        steps.iter().map(move |step| TaintStep {
            line: step.line,
            description: step.description.clone(),
            file: Some(file.to_owned()),
        })
    }

    /// The nodes a call of `callee` on `line` in `node` reaches, with each edge's confidence.
    fn targets(&self, node: u32, callee: &str, line: u32) -> Vec<(u32, f32)> {
        let mut found: Vec<(u32, f32)> = self
            .graph
            .callees(node)
            .filter(|edge| {
                edge.strategy() != Strategy::Callback
                    && edge.line() == line
                    && self.graph.name_of(edge.callee) == callee
            })
            .map(|edge| (edge.callee, edge.confidence()))
            .collect();
        found.dedup_by_key(|(node, _)| *node);
        found
    }
}

/// Every flow across functions of the project whose call graph is `graph` and whose files
/// have the `summaries` (by path), each with the path of its sink's file; at most one per
/// sink, the shortest found first, in file and sink order.
#[must_use]
pub fn flows(graph: &CallGraph, summaries: &[(String, TaintSummary)]) -> Vec<(String, TaintFlow)> {
    let mut by_place: HashMap<(&str, u32, &str), u32> = HashMap::new();
    for (at, node) in graph.nodes.iter().enumerate() {
        let line = if node.is_module() { 0 } else { node.line };
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        by_place.insert((graph.path_of(at), line, graph.qualified_name_of(at)), at);
    }
    let mut by_node = HashMap::new();
    for (path, summary) in summaries {
        for function in &summary.functions {
            let name = if function.function.is_empty() {
                MODULE_NODE
            } else {
                function.function.as_str()
            };
            if let Some(&node) = by_place.get(&(path.as_str(), function.line, name)) {
                by_node.insert(node, function);
            }
        }
    }
    let index = Index { graph, by_node };
    let mut found: Vec<(String, TaintFlow)> = Vec::new();
    let mut sinks: HashSet<(String, u32, u32)> = HashSet::new();
    let mut starts: Vec<(&u32, &&FunctionSummary)> = index.by_node.iter().collect();
    starts.sort_by_key(|(node, _)| **node);
    for (&node, summary) in starts {
        for record in &summary.records {
            let Origin::Source { label, line, text } = &record.origin else {
                continue;
            };
            if matches!(record.target, Target::Sink { .. }) {
                continue;
            }
            let source = Source {
                node,
                label,
                line: *line,
                text,
            };
            walk(&index, &source, &mut found, &mut sinks);
            if found.len() >= MAX_FLOWS {
                break;
            }
        }
    }
    found.sort_by(|a, b| {
        (&a.0, a.1.sink_line, a.1.sink_column).cmp(&(&b.0, b.1.sink_line, b.1.sink_column))
    });
    found
}

/// A call site the walk entered a function through: (calling node, line of the call).
type Entry = (u32, u32);

/// Follows one source from its function to every sink it reaches in another function.
fn walk(
    index: &Index<'_>,
    source: &Source<'_>,
    found: &mut Vec<(String, TaintFlow)>,
    sinks: &mut HashSet<(String, u32, u32)>,
) {
    let mut queue = VecDeque::from([Visit {
        node: source.node,
        origin: Origin::Source {
            label: source.label.to_owned(),
            line: source.line,
            text: source.text.to_owned(),
        },
        steps: Vec::new(),
        chain: vec![source.node],
        safe_for: Vec::new(),
        confidence: 1.0,
        returns_to: Vec::new(),
    }]);
    let mut seen: HashSet<(u32, Origin, Option<Entry>)> = HashSet::new();
    while let Some(visit) = queue.pop_front() {
        if seen.len() >= MAX_VISITS || found.len() >= MAX_FLOWS {
            return;
        }
        if !seen.insert((
            visit.node,
            visit.origin.clone(),
            visit.returns_to.last().copied(),
        )) {
            continue;
        }
        let Some(summary) = index.by_node.get(&visit.node) else {
            continue;
        };
        for record in summary.records.iter().filter(|r| r.origin == visit.origin) {
            let mut next = visit.clone();
            next.steps.extend(index.steps_in(visit.node, &record.steps));
            next.safe_for.extend(record.safe_for.iter().cloned());
            match &record.target {
                Target::Sink { .. } => {
                    if let Some(flow) = flow_at(index, source, next, &record.target)
                        && sinks.insert((flow.0.clone(), flow.1.sink_line, flow.1.sink_column))
                    {
                        found.push(flow);
                    }
                }
                Target::Argument {
                    callee,
                    line,
                    index: argument,
                    keyword,
                } => {
                    if visit.chain.len() >= MAX_DEPTH {
                        continue;
                    }
                    for (target, confidence) in index.targets(visit.node, callee, *line) {
                        let Some(parameter) = index
                            .by_node
                            .get(&target)
                            .and_then(|callee| callee.parameter_of(*argument, keyword.as_deref()))
                        else {
                            continue;
                        };
                        let mut into = next.clone();
                        into.steps.push(TaintStep {
                            line: *line,
                            description: format!(
                                "passed to `{}`",
                                clip(index.graph.qualified_name_of(target))
                            ),
                            file: Some(index.graph.path_of(visit.node).to_owned()),
                        });
                        into.chain.push(target);
                        into.returns_to.push((visit.node, *line));
                        into.node = target;
                        into.origin = Origin::Parameter(parameter);
                        into.confidence *= confidence;
                        queue.push_back(into);
                    }
                }
                Target::Return { .. } => queue.extend(returned(index, next)),
            }
        }
    }
}

/// The flow `visit` makes by reaching `sink` (a [`Target::Sink`]) with its sink's file;
/// `None` within the source's own function or when a sanitizer made it safe.
fn flow_at(
    index: &Index<'_>,
    source: &Source<'_>,
    visit: Visit,
    sink: &Target,
) -> Option<(String, TaintFlow)> {
    let Target::Sink {
        kind,
        cwe,
        line,
        column,
        text,
    } = sink
    else {
        return None;
    };
    if visit.node == source.node
        || visit
            .safe_for
            .iter()
            .any(|safe| safe == "*" || safe == kind)
    {
        return None;
    }
    let graph = index.graph;
    #[expect(clippy::cast_precision_loss, reason = "a few hops")]
    let confidence = source_confidence(source.label, visit.steps.len())
        * visit.confidence
        * 0.95_f32.powf((visit.chain.len() - 1) as f32);
    Some((
        graph.path_of(visit.node).to_owned(),
        TaintFlow {
            function: graph.qualified_name_of(visit.node).to_owned(),
            label: source.label.to_owned(),
            source_line: source.line,
            source: source.text.to_owned(),
            sink_line: *line,
            sink_column: *column,
            sink: text.clone(),
            sink_type: kind.clone(),
            cwe: *cwe,
            path: visit.steps,
            confidence: (confidence * 100.0).round() / 100.0,
            source_file: Some(graph.path_of(source.node).to_owned()),
            functions: visit.chain.iter().map(|&node| graph.id_of(node)).collect(),
        },
    ))
}

/// Where a value `visit`'s function returns goes: back to the call that entered it, or (for
/// a value that started there) to every call of the function.
fn returned(index: &Index<'_>, mut visit: Visit) -> Vec<Visit> {
    let graph = index.graph;
    let name = graph.name_of(visit.node).to_owned();
    let entered = visit.returns_to.pop();
    let callers: Vec<(u32, u32, f32)> = match entered {
        Some((caller, line)) => {
            // Back in the caller, which the chain already ends with.
            visit.chain.pop();
            vec![(caller, line, 1.0)]
        }
        None if visit.chain.len() < MAX_DEPTH => graph
            .callers(visit.node)
            // A callback's value goes to whatever called it, not to who passed it.
            .filter(|edge| edge.strategy() != Strategy::Callback)
            .map(|edge| (edge.caller, edge.line(), edge.confidence()))
            .collect(),
        None => Vec::new(),
    };
    callers
        .into_iter()
        .map(|(caller, line, confidence)| {
            let mut back = visit.clone();
            if entered.is_none() {
                back.chain.push(caller);
            }
            back.node = caller;
            back.origin = Origin::Returned {
                callee: name.clone(),
                line,
            };
            back.confidence *= confidence;
            back
        })
        .collect()
}
