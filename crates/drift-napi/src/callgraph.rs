//! The call graph across the bridge (registry §10.5-10.6): `buildCallGraph`, `queryCallers`,
//! `queryCallees`, `queryCallGraph`, `queryEntryPoints`, `analyzeReachability`,
//! `analyzeImpact`, `findDeadCode`, `findPath`. The engine builds and keeps the graph and the
//! library answers; this converts names in and typed rows out.

use std::collections::HashMap;

use drift_analysis::callgraph::{CallGraph, Direction, Edge};
use drift_core::errors::RuntimeError;
use drift_engine::EntryFilter;
use napi::Result;
use napi_derive::napi;

use crate::queries::{PageOptions, engine_call, page_request};

/// A function of the graph.
#[napi(object)]
pub struct FunctionSummary {
    /// `path::Qualified.name` (with `#L<line>` for a second function of that name in a file).
    pub id: String,
    pub name: String,
    pub qualified_name: String,
    pub file: String,
    pub language: String,
    /// 0-based lines.
    pub start_line: u32,
    pub end_line: u32,
    /// The entry-point kind (`route_handler`, `controller_method`, `main_function`, `test`,
    /// `exported`), if it is one.
    pub entry_point: Option<String>,
    pub exported: bool,
    pub caller_count: u32,
    pub callee_count: u32,
}

/// One edge, seen from the function asked about: the function at its other end.
#[napi(object)]
pub struct EdgeView {
    pub function: FunctionSummary,
    /// `same_file`, `method_call`, `di_injection`, `import_based`, `export_based` or `fuzzy`.
    pub strategy: String,
    pub confidence: f64,
    /// 0-based line of the call, in the caller's file.
    pub call_line: u32,
}

/// Resolution counts for one language.
#[napi(object)]
pub struct LanguageResolution {
    pub language: String,
    pub resolved: u32,
    pub total: u32,
}

/// What the graph holds.
#[napi(object)]
pub struct CallGraphStats {
    pub functions: u32,
    pub edges: u32,
    pub entry_points: u32,
    pub resolved_calls: u32,
    pub unresolved_calls: u32,
    /// resolved / (resolved + unresolved).
    pub resolution_rate: f64,
    /// Resolved calls per strategy.
    pub by_strategy: HashMap<String, u32>,
    pub by_language: Vec<LanguageResolution>,
}

/// Two decimals: the strategies' confidences are given to two.
fn rounded(confidence: f32) -> f64 {
    (f64::from(confidence) * 100.0).round() / 100.0
}

fn subset_edge(graph: &CallGraph, edge: &Edge) -> SubsetEdge {
    SubsetEdge {
        caller: graph.id_of(edge.caller),
        callee: graph.id_of(edge.callee),
        strategy: edge.strategy().name().to_owned(),
        confidence: rounded(edge.confidence()),
    }
}

fn count(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn summary(graph: &CallGraph, node: u32) -> FunctionSummary {
    let function = &graph.nodes[node as usize];
    FunctionSummary {
        id: graph.id_of(node),
        name: graph.name_of(node).to_owned(),
        qualified_name: graph.qualified_name_of(node).to_owned(),
        file: graph.path_of(node).to_owned(),
        language: function.language.name().to_owned(),
        start_line: function.line,
        end_line: function.end_line,
        entry_point: function.entry.map(|kind| kind.name().to_owned()),
        exported: function.exported(),
        caller_count: count(graph.callers(node).count() as u64),
        callee_count: count(graph.callees(node).count() as u64),
    }
}

fn edge_view(graph: &CallGraph, edge: &Edge, other: u32) -> EdgeView {
    EdgeView {
        function: summary(graph, other),
        strategy: edge.strategy().name().to_owned(),
        confidence: rounded(edge.confidence()),
        call_line: edge.line(),
    }
}

/// Builds (or reuses) the call graph of the stored scan and says what it holds.
///
/// Errors: `[CALL_GRAPH_NOT_BUILT]` before a scan parsed anything, storage codes.
#[napi]
pub fn build_call_graph() -> Result<CallGraphStats> {
    engine_call(|runtime| {
        let graph = runtime.engine.call_graph()?;
        let stats = &graph.stats;
        Ok(CallGraphStats {
            functions: count(stats.functions),
            edges: count(stats.edges),
            entry_points: count(stats.entry_points),
            resolved_calls: count(stats.resolved),
            unresolved_calls: count(stats.unresolved),
            resolution_rate: stats.resolution_rate(),
            by_strategy: stats
                .by_strategy
                .iter()
                .map(|(strategy, n)| (strategy.name().to_owned(), count(*n)))
                .collect(),
            by_language: stats
                .by_language
                .iter()
                .map(|(language, resolved, total)| LanguageResolution {
                    language: language.name().to_owned(),
                    resolved: count(*resolved),
                    total: count(*total),
                })
                .collect(),
        })
    })
}

/// The functions that call the function `name` names (an id, `FILE:QUALIFIED_NAME`, a
/// qualified or a plain name), one edge each.
///
/// Errors: `[FUNCTION_NOT_FOUND]`, `[AMBIGUOUS_FUNCTION]` (listing the candidates),
/// `[CALL_GRAPH_NOT_BUILT]`.
#[napi]
pub fn query_callers(name: String) -> Result<Vec<EdgeView>> {
    engine_call(|runtime| {
        let graph = runtime.engine.call_graph()?;
        let node = graph.find(&name)?;
        Ok(graph
            .callers(node)
            .map(|edge| edge_view(&graph, edge, edge.caller))
            .collect())
    })
}

/// The functions the function `name` names calls, one edge each. Errors as `queryCallers`.
#[napi]
pub fn query_callees(name: String) -> Result<Vec<EdgeView>> {
    engine_call(|runtime| {
        let graph = runtime.engine.call_graph()?;
        let node = graph.find(&name)?;
        Ok(graph
            .callees(node)
            .map(|edge| edge_view(&graph, edge, edge.callee))
            .collect())
    })
}

/// Most nodes a neighbourhood, reachability or impact answer lists.
const NODE_LIMIT: usize = 2000;

/// Deepest level a walk may be asked for.
const MAX_DEPTH: u32 = 50;

fn depth_of(depth: Option<u32>, default: u32) -> std::result::Result<u32, RuntimeError> {
    match depth.unwrap_or(default) {
        0 => Err(RuntimeError::InvalidArgument {
            name: "depth".to_owned(),
            reason: "must be at least 1".to_owned(),
        }),
        depth if depth > MAX_DEPTH => Err(RuntimeError::InvalidArgument {
            name: "depth".to_owned(),
            reason: format!("must be at most {MAX_DEPTH}, got {depth}"),
        }),
        depth => Ok(depth),
    }
}

/// A function reached by a walk, and how many calls away.
#[napi(object)]
pub struct Reached {
    pub function: FunctionSummary,
    pub depth: u32,
}

/// A function's neighbourhood: callers and callees to a depth.
#[napi(object)]
pub struct CallGraphSubset {
    pub center: FunctionSummary,
    pub callers: Vec<Reached>,
    pub callees: Vec<Reached>,
    /// The edges among the listed functions (by id), for drawing.
    pub edges: Vec<SubsetEdge>,
    pub depth: u32,
    /// More than the node limit were reachable; the lists stop there.
    pub truncated: bool,
}

/// An edge of a [`CallGraphSubset`].
#[napi(object)]
pub struct SubsetEdge {
    pub caller: String,
    pub callee: String,
    pub strategy: String,
    pub confidence: f64,
}

fn reached(graph: &CallGraph, nodes: &[(u32, u32)]) -> Vec<Reached> {
    nodes
        .iter()
        .map(|&(node, depth)| Reached {
            function: summary(graph, node),
            depth,
        })
        .collect()
}

/// The callers and callees of `name` to `depth` levels (default 2, at most 50), with the
/// edges among them.
///
/// Errors: as `queryCallers`, and `[INVALID_ARGUMENT]` for a depth of 0 or over 50.
#[napi]
pub fn query_call_graph(name: String, depth: Option<u32>) -> Result<CallGraphSubset> {
    engine_call(|runtime| {
        let depth = depth_of(depth, 2)?;
        let graph = runtime.engine.call_graph()?;
        let node = graph.find(&name)?;
        let up = graph.reach(node, Direction::Inverse, depth, NODE_LIMIT);
        let down = graph.reach(node, Direction::Forward, depth, NODE_LIMIT);
        let mut members: std::collections::HashSet<u32> = up
            .reached
            .iter()
            .chain(&down.reached)
            .map(|(n, _)| *n)
            .collect();
        members.insert(node);
        let edges = graph
            .edges
            .iter()
            .filter(|edge| members.contains(&edge.caller) && members.contains(&edge.callee))
            .map(|edge| subset_edge(&graph, edge))
            .collect();
        Ok(CallGraphSubset {
            center: summary(&graph, node),
            callers: reached(&graph, &up.reached),
            callees: reached(&graph, &down.reached),
            edges,
            depth,
            truncated: up.truncated || down.truncated,
        })
    })
}

/// Filters of `queryEntryPoints`; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct EntryPointQuery {
    /// `route_handler`, `controller_method`, `main_function`, `test` or `exported`.
    pub kind: Option<String>,
    pub language: Option<String>,
    pub path_prefix: Option<String>,
}

/// A page of entry points.
#[napi(object)]
pub struct EntryPointPage {
    pub items: Vec<FunctionSummary>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// Entry points by id, a keyset page at a time.
///
/// Errors: `[INVALID_FILTER]` (unknown kind, bad limit), `[INVALID_CURSOR]`,
/// `[CALL_GRAPH_NOT_BUILT]`.
#[napi]
pub fn query_entry_points(
    filter: Option<EntryPointQuery>,
    page: Option<PageOptions>,
) -> Result<EntryPointPage> {
    engine_call(|runtime| {
        let filter = filter.unwrap_or_default();
        let (graph, found) = runtime.engine.entry_points(
            &EntryFilter {
                kind: filter.kind,
                language: filter.language,
                path_prefix: filter.path_prefix,
            },
            &page_request(page),
        )?;
        Ok(EntryPointPage {
            items: found
                .items
                .iter()
                .map(|&node| summary(&graph, node))
                .collect(),
            total: count_f64(found.total),
            has_more: found.has_more,
            next_cursor: found.next_cursor,
        })
    })
}

#[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
fn count_f64(value: u64) -> f64 {
    value as f64
}

/// How `analyzeReachability` walks.
#[napi(object)]
#[derive(Default)]
pub struct ReachabilityOptions {
    /// `"forward"` (what it calls, the default) or `"inverse"` (what calls it).
    pub direction: Option<String>,
    /// Stop when this function is reached, and give the path to it.
    pub target: Option<String>,
    /// Levels to follow, 1..=50 (default 10).
    pub max_depth: Option<u32>,
}

/// What a function reaches, or what reaches it.
#[napi(object)]
pub struct ReachabilityResult {
    pub source: FunctionSummary,
    pub direction: String,
    pub reachable: Vec<Reached>,
    pub reachable_count: u32,
    pub max_depth_reached: u32,
    pub truncated: bool,
    /// With `target`: whether it is reached, and a shortest path to it (source first).
    pub target_reachable: Option<bool>,
    pub path: Option<Vec<FunctionSummary>>,
}

/// Breadth-first reachability from `source` (named as for `queryCallers`).
///
/// Errors: as `queryCallers`; `[INVALID_ARGUMENT]` for a bad direction or depth.
#[napi]
pub fn analyze_reachability(
    source: String,
    options: Option<ReachabilityOptions>,
) -> Result<ReachabilityResult> {
    engine_call(|runtime| {
        let options = options.unwrap_or_default();
        let depth = depth_of(options.max_depth, 10)?;
        let direction = match options.direction.as_deref().unwrap_or("forward") {
            "forward" => Direction::Forward,
            "inverse" => Direction::Inverse,
            other => {
                return Err(RuntimeError::InvalidArgument {
                    name: "direction".to_owned(),
                    reason: format!("must be \"forward\" or \"inverse\", got {other:?}"),
                });
            }
        };
        let graph = runtime.engine.call_graph()?;
        let node = graph.find(&source)?;
        let walk = graph.reach(node, direction, depth, NODE_LIMIT);
        let (target_reachable, path) = match &options.target {
            Some(target) => {
                let target = graph.find(target)?;
                let path = match direction {
                    Direction::Forward => graph.path(node, target, depth),
                    Direction::Inverse => graph.path(target, node, depth),
                };
                (
                    Some(path.is_some()),
                    path.map(|path| path.iter().map(|&n| summary(&graph, n)).collect()),
                )
            }
            None => (None, None),
        };
        Ok(ReachabilityResult {
            source: summary(&graph, node),
            direction: if direction == Direction::Forward {
                "forward"
            } else {
                "inverse"
            }
            .to_owned(),
            reachable_count: u32::try_from(walk.reached.len()).unwrap_or(u32::MAX),
            reachable: reached(&graph, &walk.reached),
            max_depth_reached: walk.max_depth,
            truncated: walk.truncated,
            target_reachable,
            path,
        })
    })
}

/// One factor of an impact's risk.
#[napi(object)]
pub struct RiskFactor {
    pub name: String,
    /// 0-1 before weighting.
    pub value: f64,
}

/// What changing a function may break.
#[napi(object)]
pub struct ImpactResult {
    pub function: FunctionSummary,
    pub direct_callers: u32,
    pub transitive_callers: u32,
    pub affected: Vec<Reached>,
    pub affected_entry_points: Vec<FunctionSummary>,
    pub max_depth: u32,
    /// Affected functions / all functions.
    pub codebase_share: f64,
    /// 0-100.
    pub risk_score: f64,
    /// `low`, `medium`, `high` or `critical`.
    pub risk_level: String,
    pub factors: Vec<RiskFactor>,
    pub truncated: bool,
}

/// The blast radius of changing `name`: its callers to 20 levels, the entry points among them,
/// and a risk score with its factors. Errors: as `queryCallers`.
#[napi]
pub fn analyze_impact(name: String) -> Result<ImpactResult> {
    engine_call(|runtime| {
        let graph = runtime.engine.call_graph()?;
        let node = graph.find(&name)?;
        let impact = graph.impact(node, 20, NODE_LIMIT);
        Ok(ImpactResult {
            function: summary(&graph, node),
            direct_callers: impact.direct,
            transitive_callers: u32::try_from(impact.affected.len()).unwrap_or(u32::MAX),
            affected: reached(&graph, &impact.affected),
            affected_entry_points: impact
                .entry_points
                .iter()
                .map(|&n| summary(&graph, n))
                .collect(),
            max_depth: impact.max_depth,
            codebase_share: impact.codebase_share,
            risk_score: impact.risk,
            risk_level: impact.level.to_owned(),
            factors: impact
                .factors
                .iter()
                .map(|(name, value)| RiskFactor {
                    name: (*name).to_owned(),
                    value: (value * 1000.0).round() / 1000.0,
                })
                .collect(),
            truncated: impact.truncated,
        })
    })
}

/// A function nothing calls.
#[napi(object)]
pub struct DeadCodeItem {
    pub function: FunctionSummary,
    /// 0-1.
    pub confidence: f64,
    /// `no_callers`.
    pub reason: String,
    pub lines_of_code: u32,
}

/// A page of dead code.
#[napi(object)]
pub struct DeadCodePage {
    pub items: Vec<DeadCodeItem>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
    /// The graph's resolution rate: below 0.4 every confidence is capped at 0.3.
    pub resolution_rate: f64,
}

/// Functions nothing calls and that are not entry points, by id, a keyset page at a time.
/// Excluded: decorated functions, overrides, runtime hooks (`__init__`, `render`, `on*`...).
///
/// Errors: `[INVALID_FILTER]`, `[INVALID_CURSOR]`, `[CALL_GRAPH_NOT_BUILT]`.
#[napi]
pub fn find_dead_code(page: Option<PageOptions>) -> Result<DeadCodePage> {
    engine_call(|runtime| {
        let (graph, found) = runtime.engine.dead_code(&page_request(page))?;
        Ok(DeadCodePage {
            items: found
                .items
                .iter()
                .map(|dead| {
                    let node = &graph.nodes[dead.node as usize];
                    DeadCodeItem {
                        function: summary(&graph, dead.node),
                        confidence: rounded(dead.confidence),
                        reason: dead.reason.to_owned(),
                        lines_of_code: node.end_line.saturating_sub(node.line) + 1,
                    }
                })
                .collect(),
            total: count_f64(found.total),
            has_more: found.has_more,
            next_cursor: found.next_cursor,
            resolution_rate: graph.stats.resolution_rate(),
        })
    })
}

/// A shortest call path.
#[napi(object)]
pub struct PathResult {
    pub found: bool,
    /// From the first function to the second, both included.
    pub path: Vec<FunctionSummary>,
    /// The edges along it, in order.
    pub edges: Vec<SubsetEdge>,
    pub depth: u32,
}

/// A shortest call path from `from` to `to` (at most 30 calls). Errors: as `queryCallers`.
#[napi]
pub fn find_path(from: String, to: String) -> Result<PathResult> {
    engine_call(|runtime| {
        let graph = runtime.engine.call_graph()?;
        let start = graph.find(&from)?;
        let end = graph.find(&to)?;
        let path = graph.path(start, end, 30).unwrap_or_default();
        let edges = path
            .windows(2)
            .filter_map(|pair| {
                graph
                    .callees(pair[0])
                    .find(|edge| edge.callee == pair[1])
                    .map(|edge| subset_edge(&graph, edge))
            })
            .collect();
        Ok(PathResult {
            found: !path.is_empty(),
            depth: u32::try_from(path.len().saturating_sub(1)).unwrap_or(u32::MAX),
            path: path.iter().map(|&n| summary(&graph, n)).collect(),
            edges,
        })
    })
}
