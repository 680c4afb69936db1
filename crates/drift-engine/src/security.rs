//! The security findings of the stored scan: secrets, sensitive fields, data-access
//! boundaries and taint flows (within functions as stored, across them composed over the call
//! graph), listed and summarised.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use drift_analysis::callgraph::{Direction, EntryKind, Node};
use drift_analysis::security::taint::{SUMMARY_VERSION, TaintSummary, across};
use drift_core::errors::{GraphError, RuntimeError};
use drift_core::types::security::{SecretFinding, TaintFlow};
use drift_storage::pagination::{Page, PageRequest};
use drift_storage::security::{
    self, BoundariesSummary, BoundaryFilter, BoundaryRow, FieldFilter, FieldRow, FlowFilter,
    FlowRow, RiskyEntryPoint, SecretFilter, SecretRow, SecretsSummary, SecuritySummary,
};

use crate::Engine;

/// How many entry points the security summary ranks.
pub const RISKY_ENTRY_POINTS: usize = 10;

/// How many calls deep an entry point is said to reach a finding.
pub const RISK_DEPTH: u32 = 6;

/// The entry kinds ranked by risk (tests and module code are not where requests come in).
fn risky_kind(node: &Node) -> Option<&'static str> {
    match node.entry? {
        EntryKind::RouteHandler
        | EntryKind::ControllerMethod
        | EntryKind::MainFunction
        | EntryKind::Exported => node.entry.map(EntryKind::name),
        EntryKind::Test | EntryKind::Module => None,
    }
}

/// What a function holds, or what an entry point reaches, weighed.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    flows: u64,
    unsafe_sql: u64,
    sensitive: u64,
    access: u64,
    score: f64,
}

impl Tally {
    fn access(&mut self, tier: &str, unsafe_sql: bool) {
        self.access += 1;
        if unsafe_sql {
            self.unsafe_sql += 1;
            self.score += 5.0;
        }
        match tier {
            "critical" => {
                self.sensitive += 1;
                self.score += 2.0;
            }
            "high" => {
                self.sensitive += 1;
                self.score += 1.0;
            }
            _ => self.score += 0.25,
        }
    }

    fn flow(&mut self, flow: &TaintFlow) {
        self.flows += 1;
        let weight = if flow.label == "user_input" {
            10.0
        } else {
            2.0
        };
        self.score += weight * f64::from(flow.confidence);
    }

    fn add(&mut self, other: &Self) {
        self.flows += other.flows;
        self.unsafe_sql += other.unsafe_sql;
        self.sensitive += other.sensitive;
        self.access += other.access;
        self.score += other.score;
    }
}

impl Engine {
    /// Secrets matching `filter`, worst first, a page at a time.
    ///
    /// Errors: `INVALID_FILTER` (a bad limit), `INVALID_CURSOR`, storage codes.
    pub fn secrets(
        &self,
        filter: &SecretFilter,
        request: &PageRequest,
    ) -> Result<Page<SecretRow>, RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::query_secrets(connection, filter, request))?)
    }

    /// Counts of the stored secrets.
    pub fn secrets_summary(&self) -> Result<SecretsSummary, RuntimeError> {
        Ok(self.db.read(security::secrets_summary)?)
    }

    /// Every secret found in the file at `path` (all statuses), in source order: what an
    /// editor masks.
    pub fn secrets_in_file(&self, path: &str) -> Result<Vec<SecretFinding>, RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::secrets_in_file(connection, path))?)
    }

    /// Sensitive fields matching `filter`, by file, class and line (at most
    /// [`security::MAX_FIELDS`]), with how many match in all.
    pub fn sensitive_fields(
        &self,
        filter: &FieldFilter,
    ) -> Result<(Vec<FieldRow>, u64), RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::query_sensitive_fields(connection, filter))?)
    }

    /// Data accesses matching `filter`, by model, file and line, a page at a time.
    ///
    /// Errors: `INVALID_FILTER` (a bad limit), `INVALID_CURSOR`, storage codes.
    pub fn boundaries(
        &self,
        filter: &BoundaryFilter,
        request: &PageRequest,
    ) -> Result<Page<BoundaryRow>, RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::query_boundaries(connection, filter, request))?)
    }

    /// Counts of the stored boundaries.
    pub fn boundaries_summary(&self) -> Result<BoundariesSummary, RuntimeError> {
        Ok(self.db.read(security::boundaries_summary)?)
    }

    /// The project's security posture: every security analysis's findings (flows across
    /// functions included), weighed.
    pub fn security_summary(&self) -> Result<SecuritySummary, RuntimeError> {
        let mut summary = self.db.read(security::security_summary)?;
        let across = self.flows_across()?;
        summary.add_flows(across.iter().map(|(_, flow)| flow));
        summary.riskiest_entry_points = self.riskiest_entry_points(RISKY_ENTRY_POINTS)?;
        Ok(summary)
    }

    /// The entry points (route handlers, controller methods, `main`, exported functions) that
    /// reach the most: taint flows starting in a function they reach, unsafe SQL and accesses
    /// to sensitive tables, each weighed ([`RiskyEntryPoint::score`]); at most `limit`,
    /// riskiest first. Reaching is calling, transitively, up to [`RISK_DEPTH`] calls deep.
    /// Empty before there is a call graph.
    pub fn riskiest_entry_points(
        &self,
        limit: usize,
    ) -> Result<Vec<RiskyEntryPoint>, RuntimeError> {
        let graph = match self.call_graph() {
            Ok(graph) => graph,
            Err(RuntimeError::Graph(GraphError::NotBuilt | GraphError::Stale)) => {
                return Ok(Vec::new());
            }
            Err(err) => return Err(err),
        };
        let mut by_name: HashMap<(&str, &str), Vec<u32>> = HashMap::new();
        for at in 0..u32::try_from(graph.nodes.len()).unwrap_or(u32::MAX) {
            by_name
                .entry((graph.path_of(at), graph.qualified_name_of(at)))
                .or_default()
                .push(at);
        }
        // What each function holds itself.
        let mut held: HashMap<u32, Tally> = HashMap::new();
        for (path, function, tier, unsafe_sql) in self.db.read(security::boundary_places)? {
            for &node in by_name
                .get(&(path.as_str(), function.as_str()))
                .into_iter()
                .flatten()
            {
                held.entry(node).or_default().access(tier, unsafe_sql);
            }
        }
        let (within, _) = self
            .db
            .read(|connection| security::query_taint_flows(connection, &FlowFilter::default()))?;
        for row in &within {
            for &node in by_name
                .get(&(row.path.as_str(), row.flow.function.as_str()))
                .into_iter()
                .flatten()
            {
                held.entry(node).or_default().flow(&row.flow);
            }
        }
        for (_, flow) in self.flows_across()?.iter() {
            if let Some(node) = flow.functions.first().and_then(|id| graph.node(id)) {
                held.entry(node).or_default().flow(flow);
            }
        }
        // Credited to every entry point that reaches the function (itself included).
        let mut credited: HashMap<u32, Tally> = HashMap::new();
        for (&node, tally) in &held {
            let callers = graph.reach(node, Direction::Inverse, RISK_DEPTH, 5_000);
            for entry in std::iter::once(node).chain(callers.reached.iter().map(|(n, _)| *n)) {
                if risky_kind(&graph.nodes[entry as usize]).is_some() {
                    credited.entry(entry).or_default().add(tally);
                }
            }
        }
        let mut ranked: Vec<RiskyEntryPoint> = credited
            .into_iter()
            .filter_map(|(at, tally)| {
                let node = &graph.nodes[at as usize];
                Some(RiskyEntryPoint {
                    id: graph.id_of(at),
                    kind: risky_kind(node)?,
                    file: graph.path_of(at).to_owned(),
                    line: node.line,
                    taint_flows: tally.flows,
                    unsafe_sql: tally.unsafe_sql,
                    sensitive_access: tally.sensitive,
                    data_access: tally.access,
                    score: (tally.score * 10.0).round() / 10.0,
                })
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        ranked.truncate(limit);
        Ok(ranked)
    }

    /// Taint flows across functions of the stored scan (each with its sink's file), composed
    /// from the stored taint summaries over the call graph once per scan, in file and sink
    /// order; a sink that a flow within its function already reaches is left to that flow.
    /// Empty before any file was parsed, or while the stored facts or summaries are another
    /// version's (until a full scan).
    pub fn flows_across(&self) -> Result<Arc<Vec<(String, TaintFlow)>>, RuntimeError> {
        let built = match self.built_graph() {
            Ok(built) => built,
            Err(RuntimeError::Graph(GraphError::NotBuilt | GraphError::Stale)) => {
                return Ok(Arc::default());
            }
            Err(err) => return Err(err),
        };
        if let Some(flows) = built.across.get() {
            return Ok(Arc::clone(flows));
        }
        let summaries: Vec<(String, TaintSummary)> = self
            .db
            .read(security::all_taint_summaries)?
            .into_iter()
            .filter_map(|(path, blob)| {
                crate::graph::decode_versioned(SUMMARY_VERSION, &blob)
                    .map(|summary| (path, summary))
            })
            .collect();
        let within: HashSet<(String, u32, u32)> = self
            .db
            .read(security::taint_sink_places)?
            .into_iter()
            .collect();
        let mut flows = across::flows(&built.graph, &summaries);
        flows.retain(|(path, flow)| {
            !within.contains(&(path.clone(), flow.sink_line, flow.sink_column))
        });
        let flows = Arc::new(flows);
        Ok(Arc::clone(built.across.get_or_init(|| flows)))
    }

    /// Taint flows matching `filter`, within functions and across them, by file and sink line
    /// (at most [`security::MAX_FIELDS`]), with how many match in all. A flow across functions
    /// matches `file`, `function` and `path_prefix` by its sink.
    pub fn taint_flows(&self, filter: &FlowFilter) -> Result<(Vec<FlowRow>, u64), RuntimeError> {
        let (mut rows, total) = self
            .db
            .read(|connection| security::query_taint_flows(connection, filter))?;
        let across = self.flows_across()?;
        let matching: Vec<FlowRow> = across
            .iter()
            .filter(|(path, flow)| {
                filter.file.as_deref().is_none_or(|file| file == path)
                    && filter
                        .function
                        .as_deref()
                        .is_none_or(|function| function == flow.function)
                    && filter
                        .sink_type
                        .as_deref()
                        .is_none_or(|kind| kind == flow.sink_type)
                    && filter
                        .path_prefix
                        .as_deref()
                        .is_none_or(|prefix| path.starts_with(prefix))
            })
            .map(|(path, flow)| FlowRow {
                path: path.clone(),
                flow: flow.clone(),
            })
            .collect();
        let total = total + matching.len() as u64;
        rows.extend(matching);
        rows.sort_by(|a, b| {
            (&a.path, a.flow.sink_line, a.flow.sink_column).cmp(&(
                &b.path,
                b.flow.sink_line,
                b.flow.sink_column,
            ))
        });
        rows.truncate(security::MAX_FIELDS as usize);
        Ok((rows, total))
    }

    /// The taint flows of the function `name` names (as `CallGraph::find` reads it): those
    /// within it, and those across functions that start in it, pass through it or end in it.
    /// Returns the function's id with them.
    ///
    /// Errors: `FUNCTION_NOT_FOUND`, `AMBIGUOUS_FUNCTION`, `CALL_GRAPH_NOT_BUILT`, storage
    /// codes.
    pub fn taint_of_function(&self, name: &str) -> Result<(String, Vec<FlowRow>), RuntimeError> {
        let graph = self.call_graph()?;
        let node = graph.find(name)?;
        let id = graph.id_of(node);
        let (mut rows, _) = self.db.read(|connection| {
            security::query_taint_flows(
                connection,
                &FlowFilter {
                    file: Some(graph.path_of(node).to_owned()),
                    function: Some(graph.qualified_name_of(node).to_owned()),
                    ..FlowFilter::default()
                },
            )
        })?;
        rows.extend(
            self.flows_across()?
                .iter()
                .filter(|(_, flow)| flow.functions.contains(&id))
                .map(|(path, flow)| FlowRow {
                    path: path.clone(),
                    flow: flow.clone(),
                }),
        );
        Ok((id, rows))
    }
}
