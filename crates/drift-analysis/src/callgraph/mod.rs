//! The call graph: every call resolved to the function it reaches, and the questions asked of
//! it (callers, callees, entry points, reachability, dead code). Spec: `call-graph.md`.
//!
//! A scan keeps each parsed file's [`FileFacts`] (functions with stable ids, calls attributed
//! to the innermost enclosing function, imports, exports, class bases); [`CallGraph::build`]
//! resolves every call from the facts of all files by the first of six strategies that finds a
//! target: same file, method call (with inheritance), dependency injection, import, export,
//! fuzzy (unique name outside a blocklist). The tables those strategies read are in `rules.rs`.
//!
//! ```
//! use drift_analysis::callgraph::{CallGraph, FileFacts, Strategy};
//! use drift_analysis::parsers::ParserManager;
//!
//! let parsers = ParserManager::default();
//! let files = [
//!     ("src/a.py", "from .b import helper\n\ndef run():\n    helper()\n"),
//!     ("src/b.py", "def helper():\n    return 1\n"),
//! ];
//! let results: Vec<_> = files
//!     .iter()
//!     .map(|(path, code)| parsers.parse(path, code.as_bytes()).unwrap())
//!     .collect();
//! // The facts borrow their names from the parse results (`into_owned` keeps them longer).
//! let facts: Vec<FileFacts> = results.iter().map(|result| FileFacts::of(result)).collect();
//! let graph = CallGraph::build(&facts);
//! let run = graph.node("src/a.py::run").unwrap();
//! let edge = graph.callees(run).next().unwrap();
//! assert_eq!(graph.id_of(edge.callee), "src/b.py::helper");
//! assert_eq!(edge.strategy(), Strategy::ImportBased);
//! ```

mod facts;
mod graph;
mod query;
mod resolve;
pub mod rules;

pub use facts::{
    CallFact, ClassFact, ExportFact, FACTS_VERSION, FileFacts, FunctionFact, IdForm, ImportFact,
    MODULE_NODE, ReferenceFact, Text,
};
pub use graph::{CallGraph, Edge, EntryKind, GraphStats, Node, Strategy, UpdatePlan};
pub use query::{DeadFunction, Direction, Impact, Observed, Reach};
