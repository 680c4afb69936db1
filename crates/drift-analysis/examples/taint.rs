//! Prints the taint flows of a directory, within and across functions:
//! `taint DIR`, or `taint --summaries DIR` for each function's summary records and the
//! call-graph edges they follow (for rule and fixture authors).

use std::path::{Path, PathBuf};

use drift_analysis::callgraph::{CallGraph, FileFacts};
use drift_analysis::parsers::ParserManager;
use drift_analysis::security::taint::{TaintRules, across};

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().any(|arg| arg == "--summaries");
    let Some(dir) = args.iter().find(|arg| !arg.starts_with("--")) else {
        eprintln!("usage: taint [--summaries] DIR");
        return;
    };
    let dir = Path::new(dir);
    let parsers = ParserManager::new(0);
    let mut paths = Vec::new();
    files_under(dir, &mut paths);
    let (mut facts, mut summaries) = (Vec::new(), Vec::new());
    for path in paths {
        let relative = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let Ok(source) = std::fs::read(&path) else {
            continue;
        };
        let Ok(result) = parsers.parse(&relative, &source) else {
            continue;
        };
        let (flows, summary) = TaintRules::builtin().analyse(&result, &source);
        for flow in flows {
            eprintln!(
                "{relative}:{} {} <- {} (line {}) in {}",
                flow.sink_line + 1,
                flow.sink_type,
                flow.source,
                flow.source_line + 1,
                flow.function
            );
        }
        if dump {
            for function in &summary.functions {
                eprintln!(
                    "summary {relative} {}@{} {:?}",
                    function.function,
                    function.line + 1,
                    function.parameters
                );
                for record in &function.records {
                    eprintln!(
                        "    {:?} -> {:?} safe_for {:?}",
                        record.origin, record.target, record.safe_for
                    );
                }
            }
        }
        facts.push(FileFacts::of(&result).into_owned());
        summaries.push((relative, summary));
    }
    let graph = CallGraph::build(&facts);
    if dump {
        for edge in &graph.edges {
            eprintln!(
                "edge {} -> {} line {} {:?}",
                graph.id_of(edge.caller),
                graph.id_of(edge.callee),
                edge.line() + 1,
                edge.strategy()
            );
        }
    }
    for (file, flow) in across::flows(&graph, &summaries) {
        eprintln!(
            "{file}:{} {} <- {} ({}:{}) via {}",
            flow.sink_line + 1,
            flow.sink_type,
            flow.source,
            flow.source_file.unwrap_or_default(),
            flow.source_line + 1,
            flow.functions.join(" -> ")
        );
    }
}
