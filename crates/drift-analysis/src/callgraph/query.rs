//! Questions asked of a built [`CallGraph`]: what a function reaches (or what reaches it) to a
//! depth, a shortest path between two functions, and the functions nothing calls.

use std::collections::{BTreeSet, VecDeque};

use serde::Serialize;

use super::graph::{CallGraph, EntryKind, GraphStats};

/// Which way reachability follows edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// What the source calls, transitively.
    Forward,
    /// What calls the source, transitively.
    Inverse,
}

/// The nodes reached from a source, with their depth (1 = direct), in breadth-first order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reach {
    /// `(node, depth)` pairs.
    pub reached: Vec<(u32, u32)>,
    /// The deepest level reached.
    pub max_depth: u32,
    /// Stopped at `limit` nodes.
    pub truncated: bool,
}

/// A function nothing reaches, and why it is reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadFunction {
    /// The function.
    pub node: u32,
    /// How sure (0-1).
    pub confidence: f32,
    /// `no_callers`.
    pub reason: &'static str,
}

/// Methods of the Go standard library's interfaces, which it calls on any type that has them.
const GO_INTERFACE_METHODS: &[&str] = &[
    "MarshalJSON",
    "UnmarshalJSON",
    "MarshalXML",
    "UnmarshalXML",
    "MarshalText",
    "UnmarshalText",
    "MarshalBinary",
    "UnmarshalBinary",
    "Len",
    "Less",
    "Swap",
    "Push",
    "Pop",
    "ServeHTTP",
    "Read",
    "Write",
    "Close",
    "Seek",
    "ReadFrom",
    "WriteTo",
    "Scan",
    "Value",
    "Format",
    "GoString",
    "Unwrap",
    "Is",
    "As",
];

impl CallGraph {
    /// Breadth-first from `source` along `direction`, at most `depth` levels and `limit` nodes.
    #[must_use]
    pub fn reach(&self, source: u32, direction: Direction, depth: u32, limit: usize) -> Reach {
        let mut seen = vec![false; self.nodes.len()];
        let mut queue = VecDeque::from([(source, 0_u32)]);
        seen[source as usize] = true;
        let mut reach = Reach {
            reached: Vec::new(),
            max_depth: 0,
            truncated: false,
        };
        while let Some((node, level)) = queue.pop_front() {
            if level == depth {
                continue;
            }
            let next: Vec<u32> = match direction {
                Direction::Forward => self.callees(node).map(|edge| edge.callee).collect(),
                Direction::Inverse => self.callers(node).map(|edge| edge.caller).collect(),
            };
            for other in next {
                if seen[other as usize] {
                    continue;
                }
                if reach.reached.len() == limit {
                    reach.truncated = true;
                    return reach;
                }
                seen[other as usize] = true;
                reach.reached.push((other, level + 1));
                reach.max_depth = reach.max_depth.max(level + 1);
                queue.push_back((other, level + 1));
            }
        }
        reach
    }

    /// A shortest call path from `from` to `to` (both included), at most `depth` calls long.
    #[must_use]
    pub fn path(&self, from: u32, to: u32, depth: u32) -> Option<Vec<u32>> {
        let mut parent: Vec<Option<u32>> = vec![None; self.nodes.len()];
        let mut level = vec![u32::MAX; self.nodes.len()];
        let mut queue = VecDeque::from([from]);
        level[from as usize] = 0;
        while let Some(node) = queue.pop_front() {
            if node == to {
                let mut path = vec![to];
                let mut current = to;
                while let Some(previous) = parent[current as usize] {
                    path.push(previous);
                    current = previous;
                }
                path.reverse();
                return Some(path);
            }
            if level[node as usize] == depth {
                continue;
            }
            for edge in self.callees(node) {
                let next = edge.callee;
                if level[next as usize] == u32::MAX {
                    level[next as usize] = level[node as usize] + 1;
                    parent[next as usize] = Some(node);
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// Functions no other function calls and that are not entry points, with a confidence
    /// that drops where frameworks or reflection usually call code by convention.
    #[must_use]
    pub fn dead_code(&self) -> Vec<DeadFunction> {
        let rate = self.stats.resolution_rate();
        let mut out = Vec::new();
        for (index, node) in self.nodes.iter().enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            if node.is_module() || node.entry.is_some() || node.decorated() || node.overrides() {
                continue;
            }
            if self.callers(index).any(|edge| edge.caller != index) {
                continue;
            }
            let name = self.name_of(index);
            let qualified = self.qualified_name_of(index);
            let lower = name.to_ascii_lowercase();
            // A constructor named after its class (Java, C#, Kotlin) runs on `new` or injection.
            let constructor = qualified
                .rsplit_once(['.', ':'])
                .is_some_and(|(owner, _)| owner.rsplit(['.', ':']).next() == Some(name));
            if constructor {
                continue;
            }
            // Perhaps called on a value Drift could not type (`store.add()` on a local).
            if qualified != name && self.called_on_untyped(name) {
                continue;
            }
            // Called by a runtime or framework by name, not by this code.
            let hook = (name.starts_with("__") && name.ends_with("__"))
                || [
                    "handler",
                    "callback",
                    "listener",
                    "hook",
                    "middleware",
                    "plugin",
                    "factory",
                    "provider",
                ]
                .iter()
                .any(|word| lower.contains(word))
                || lower.starts_with("on") && name.chars().nth(2).is_some_and(char::is_uppercase)
                || matches!(
                    name,
                    "constructor"
                        | "render"
                        | "componentDidMount"
                        | "ngOnInit"
                        | "setUp"
                        | "tearDown"
                        | "toString"
                        | "equals"
                        | "hashCode"
                        | "String"
                        | "Error"
                        | "drop"
                        | "fmt"
                        | "new"
                        | "default"
                        | "from"
                        | "deref"
                        | "initialize"
                        | "to_s"
                        | "call"
                );
            // Go runs every package's `init` before `main`, and calls the methods of its
            // well-known interfaces (`json.Unmarshaler`, `sort.Interface`, `http.Handler`,
            // `io.Reader`...) from the standard library, which declares no `implements`.
            let go_runtime = node.language == drift_core::Language::Go
                && (name == "init" || (node.is_method() && GO_INTERFACE_METHODS.contains(&name)));
            if hook || go_runtime {
                continue;
            }
            let mut confidence: f32 = 0.9;
            if name.len() <= 3 {
                confidence -= 0.15;
            }
            if qualified.contains('.') || qualified.contains("::") {
                // A method may be called through an interface or a value Drift cannot type.
                confidence -= 0.3;
            }
            if rate < 0.4 {
                confidence = confidence.min(0.3);
            }
            out.push(DeadFunction {
                node: index,
                confidence: confidence.max(0.1),
                reason: "no_callers",
            });
        }
        out
    }

    /// Entry points, of every kind but module nodes.
    pub fn entry_points(&self) -> impl Iterator<Item = (u32, EntryKind)> + '_ {
        self.nodes.iter().enumerate().filter_map(|(index, node)| {
            node.entry
                .filter(|kind| *kind != EntryKind::Module)
                .map(|kind| (u32::try_from(index).unwrap_or(u32::MAX), kind))
        })
    }
}

/// What changing a function may break: everything that reaches it, the entry points among
/// them, and a risk score from those (spec §8, the design model, simplified to the factors the
/// graph knows).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    /// Callers, direct and transitive, with their depth.
    pub affected: Vec<(u32, u32)>,
    /// Direct callers.
    pub direct: u32,
    /// Entry points among the affected (and the function itself if it is one).
    pub entry_points: Vec<u32>,
    /// The deepest level of callers.
    pub max_depth: u32,
    /// Affected functions / all functions.
    pub codebase_share: f64,
    /// 0-100.
    pub risk: f64,
    /// `low`, `medium`, `high` or `critical`.
    pub level: &'static str,
    /// Each factor's contribution before weighting (0-1), by name.
    pub factors: Vec<(&'static str, f64)>,
    /// Stopped at the node limit.
    pub truncated: bool,
}

/// `1 / (1 + e^-((x - mid) / steep))`.
fn sigmoid(x: f64, mid: f64, steep: f64) -> f64 {
    1.0 / (1.0 + (-(x - mid) / steep).exp())
}

/// Names that mark code handling credentials, money or data deletion.
fn sensitive(name: &str) -> f64 {
    let lower = name.to_ascii_lowercase();
    if [
        "password",
        "token",
        "secret",
        "auth",
        "login",
        "crypt",
        "permission",
        "session",
        "payment",
        "charge",
    ]
    .iter()
    .any(|word| lower.contains(word))
    {
        1.0
    } else if [
        "delete", "drop", "execute", "query", "write", "update", "insert",
    ]
    .iter()
    .any(|word| lower.contains(word))
    {
        0.5
    } else {
        0.0
    }
}

impl CallGraph {
    /// The impact of changing `node`, following callers to `depth` levels and `limit` nodes.
    #[must_use]
    #[expect(clippy::cast_precision_loss, reason = "node counts far below 2^52")]
    pub fn impact(&self, node: u32, depth: u32, limit: usize) -> Impact {
        let reach = self.reach(node, Direction::Inverse, depth, limit);
        let direct = u32::try_from(
            self.callers(node)
                .filter(|edge| edge.caller != node)
                .count(),
        )
        .unwrap_or(u32::MAX);
        let mut entry_points: Vec<u32> = reach
            .reached
            .iter()
            .map(|(other, _)| *other)
            .chain(std::iter::once(node))
            .filter(|other| {
                self.nodes[*other as usize].entry.is_some_and(|kind| {
                    !matches!(
                        kind,
                        EntryKind::Module | EntryKind::Exported | EntryKind::Test
                    )
                })
            })
            .collect();
        entry_points.sort_unstable();
        entry_points.dedup();
        let functions = self.stats.functions.max(1) as f64;
        let share = reach.reached.len() as f64 / functions;
        let factors = vec![
            ("entry_points", sigmoid(entry_points.len() as f64, 5.0, 2.0)),
            ("caller_breadth", sigmoid(share * 100.0, 5.0, 2.0)),
            ("depth", sigmoid(f64::from(reach.max_depth), 15.0, 5.0)),
            ("sensitive", sensitive(self.qualified_name_of(node))),
            (
                "untested",
                if reach
                    .reached
                    .iter()
                    .any(|(other, _)| self.nodes[*other as usize].is_test())
                {
                    0.0
                } else {
                    1.0
                },
            ),
        ];
        let weights = [0.30, 0.25, 0.10, 0.20, 0.15];
        let risk: f64 = factors
            .iter()
            .zip(weights)
            .map(|((_, value), weight)| value * weight)
            .sum::<f64>()
            * 100.0;
        let level = if risk >= 75.0 {
            "critical"
        } else if risk >= 50.0 {
            "high"
        } else if risk >= 25.0 {
            "medium"
        } else {
            "low"
        };
        Impact {
            direct,
            entry_points,
            max_depth: reach.max_depth,
            codebase_share: share,
            risk: (risk * 10.0).round() / 10.0,
            level,
            factors,
            truncated: reach.truncated,
            affected: reach.reached,
        }
    }
}

/// Everything a user sees of a graph, by ids and in a stable order: what two graphs are
/// compared by (an update against a build from every file, one backend against another).
#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    /// Each node's id, entry kind and override flag, in node order.
    pub nodes: Vec<String>,
    /// Each edge as `caller -> callee strategy line`.
    pub edges: BTreeSet<String>,
    /// Each dead function as `id confidence`.
    pub dead: BTreeSet<String>,
    /// The counts.
    pub stats: GraphStats,
}

impl CallGraph {
    /// What a user sees of this graph (see [`Observed`]).
    #[must_use]
    pub fn observed(&self) -> Observed {
        let nodes = (0..u32::try_from(self.nodes.len()).unwrap_or(u32::MAX))
            .map(|at| {
                let node = &self.nodes[at as usize];
                format!("{} {:?} {}", self.id_of(at), node.entry, node.overrides())
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .map(|edge| {
                format!(
                    "{} -> {} {} {}",
                    self.id_of(edge.caller),
                    self.id_of(edge.callee),
                    edge.strategy().name(),
                    edge.line()
                )
            })
            .collect();
        let dead = self
            .dead_code()
            .iter()
            .map(|dead| format!("{} {}", self.id_of(dead.node), dead.confidence))
            .collect();
        Observed {
            nodes,
            edges,
            dead,
            stats: self.stats.clone(),
        }
    }
}
