//! The call graph on labelled fixtures (`test-fixtures/callgraph/<language>/`, each with a
//! hand-written `expected.txt`): precision and recall of the edges per language, the entry
//! points and the dead functions.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use drift_analysis::callgraph::{CallGraph, EntryKind, FileFacts, Strategy, UpdatePlan};
use drift_analysis::parsers::ParserManager;

struct Expected {
    /// Strategies named for edges Drift misses (`@strategy`).
    needs: std::collections::BTreeMap<(String, String), String>,
    edges: BTreeSet<(String, String)>,
    entries: BTreeSet<(String, String)>,
    dead: BTreeSet<String>,
}

/// The languages with a call-graph fixture (`test-fixtures/callgraph/<language>`).
const LANGUAGES: [&str; 10] = [
    "typescript",
    "javascript",
    "python",
    "java",
    "csharp",
    "go",
    "rust",
    "ruby",
    "php",
    "kotlin",
];

/// The facts of every file of a fixture, in path order.
fn fixture_facts(language: &str) -> Vec<FileFacts<'static>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../test-fixtures/callgraph")
        .join(language);
    let parsers = ParserManager::new(0);
    let mut facts = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if drift_core::Language::from_path(path.to_str().unwrap()).is_some() {
                let relative = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/");
                let result = parsers.parse(&relative, &fs::read(&path).unwrap()).unwrap();
                assert!(!result.has_errors, "{relative} has syntax errors");
                let file = FileFacts::of(&result).into_owned();
                // The stored form drops the path and qualified name from ids and gets them back.
                let mut stored = file.clone();
                stored.compact_ids();
                assert!(stored.functions.iter().all(|f| !f.id.contains(&relative)));
                stored.expand_ids();
                assert_eq!(stored, file);
                facts.push(file);
            }
        }
    }
    facts.sort_by(|a, b| a.path.cmp(&b.path));
    facts
}

fn fixture(language: &str) -> (CallGraph, Expected) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../test-fixtures/callgraph")
        .join(language);
    let facts = fixture_facts(language);
    let mut expected = Expected {
        edges: BTreeSet::new(),
        entries: BTreeSet::new(),
        dead: BTreeSet::new(),
        needs: std::collections::BTreeMap::new(),
    };
    for line in fs::read_to_string(root.join("expected.txt"))
        .unwrap()
        .lines()
    {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((caller, callee)) = line.split_once(" -> ") {
            // `a -> b @method_call`: the strategy a missed edge needs, for recall per strategy.
            let (callee, strategy) = match callee.split_once(" @") {
                Some((callee, strategy)) => (callee, Some(strategy)),
                None => (callee, None),
            };
            let edge = (caller.to_owned(), callee.to_owned());
            if let Some(strategy) = strategy {
                expected.needs.insert(edge.clone(), strategy.to_owned());
            }
            expected.edges.insert(edge);
        } else if let Some(rest) = line.strip_prefix("entry ") {
            let (kind, id) = rest.split_once(' ').unwrap();
            expected.entries.insert((kind.to_owned(), id.to_owned()));
        } else if let Some(id) = line.strip_prefix("dead ") {
            expected.dead.insert(id.to_owned());
        } else {
            panic!("{language}: cannot read `{line}`");
        }
    }
    (CallGraph::build(&facts), expected)
}

/// Every edge as `(caller id, callee id)`.
fn edge_ids(graph: &CallGraph) -> BTreeSet<(String, String)> {
    graph
        .edges
        .iter()
        .map(|edge| (graph.id_of(edge.caller), graph.id_of(edge.callee)))
        .collect()
}

/// (precision, recall) of the graph's edges against the expected ones, and the differences.
#[expect(clippy::cast_precision_loss, reason = "edge counts of a fixture")]
fn score(graph: &CallGraph, expected: &Expected) -> (f64, f64, Vec<String>) {
    let found = edge_ids(graph);
    let right = found.intersection(&expected.edges).count() as f64;
    let precision = if found.is_empty() {
        1.0
    } else {
        right / found.len() as f64
    };
    let recall = if expected.edges.is_empty() {
        1.0
    } else {
        right / expected.edges.len() as f64
    };
    let mut diff: Vec<String> = found
        .difference(&expected.edges)
        .map(|(a, b)| format!("unexpected {a} -> {b}"))
        .collect();
    diff.extend(
        expected
            .edges
            .difference(&found)
            .map(|(a, b)| format!("missed {a} -> {b}")),
    );
    (precision, recall, diff)
}

fn check(language: &str) {
    let (graph, expected) = fixture(language);
    let (precision, recall, diff) = score(&graph, &expected);
    eprintln!(
        "{language}: precision {precision:.2}, recall {recall:.2}, rate {:.2}\n  {}",
        graph.stats.resolution_rate(),
        diff.join("\n  ")
    );
    assert!(
        precision >= 0.9,
        "{language}: precision {precision:.2}\n{}",
        diff.join("\n")
    );
    assert!(
        recall >= 0.7,
        "{language}: recall {recall:.2}\n{}",
        diff.join("\n")
    );
    for (kind, id) in &expected.entries {
        let node = graph
            .node(id)
            .unwrap_or_else(|| panic!("{id} is not a node"));
        let entry = graph.nodes[node as usize].entry.map(EntryKind::name);
        assert_eq!(entry, Some(kind.as_str()), "{id}");
    }
    let dead: BTreeSet<String> = graph
        .dead_code()
        .iter()
        .map(|dead| graph.id_of(dead.node))
        .collect();
    assert_eq!(dead, expected.dead, "{language}: dead code");
}

#[test]
fn typescript_fixture() {
    check("typescript");
}

#[test]
fn python_fixture() {
    check("python");
}

#[test]
fn java_fixture() {
    check("java");
}

#[test]
fn go_fixture() {
    check("go");
}

#[test]
fn rust_fixture() {
    check("rust");
}

#[test]
fn csharp_fixture() {
    check("csharp");
}

#[test]
fn kotlin_fixture() {
    check("kotlin");
}

#[test]
fn ruby_fixture() {
    check("ruby");
}

#[test]
fn php_fixture() {
    check("php");
}

#[test]
fn javascript_fixture() {
    check("javascript");
}

/// Every fixture together: the overall precision and recall the issue sets (0.90 / 0.70).
#[test]
#[expect(clippy::cast_precision_loss, reason = "edge counts of the fixtures")]
fn all_fixtures_together() {
    let (mut right, mut found, mut expected) = (0, 0, 0);
    // (found, right, missed) per strategy.
    let mut per_strategy = [(0usize, 0usize, 0usize); Strategy::ALL.len()];
    for language in LANGUAGES {
        let (graph, truth) = fixture(language);
        let edges = edge_ids(&graph);
        let mut strategies = std::collections::BTreeMap::new();
        for edge in &graph.edges {
            let pair = (graph.id_of(edge.caller), graph.id_of(edge.callee));
            strategies.entry(pair).or_insert(edge.strategy());
        }
        for (pair, strategy) in &strategies {
            let counts = &mut per_strategy[*strategy as usize];
            counts.0 += 1;
            counts.1 += usize::from(truth.edges.contains(pair));
        }
        for (pair, needed) in &truth.needs {
            if !edges.contains(pair) {
                let strategy = Strategy::ALL
                    .into_iter()
                    .find(|s| s.name() == needed)
                    .unwrap_or_else(|| panic!("unknown strategy `{needed}`"));
                per_strategy[strategy as usize].2 += 1;
            }
        }
        right += edges.intersection(&truth.edges).count();
        found += edges.len();
        expected += truth.edges.len();
    }
    let precision = right as f64 / found as f64;
    let recall = right as f64 / expected as f64;
    // Per strategy: precision of what it found; recall against what it found right plus the
    // missed edges labelled with it.
    for strategy in Strategy::ALL {
        let (found, right, missed) = per_strategy[strategy as usize];
        if found + missed == 0 {
            continue;
        }
        let precision = if found == 0 {
            1.0
        } else {
            right as f64 / found as f64
        };
        let recall = right as f64 / (right + missed) as f64;
        eprintln!(
            "  {}: {found} found, precision {precision:.2}, recall {recall:.2}",
            strategy.name()
        );
        assert!(
            precision >= 0.9,
            "{}: precision {precision:.2}",
            strategy.name()
        );
    }
    eprintln!(
        "all: precision {precision:.3}, recall {recall:.3} ({right} of {expected} edges, {found} found)"
    );
    assert!(
        precision >= 0.9 && recall >= 0.7,
        "precision {precision:.3}, recall {recall:.3}"
    );
}

/// Prints a fixture's edges (for writing `expected.txt` by hand and checking it): run with
/// `DRIFT_GRAPH_DUMP=<language> cargo test -p drift-analysis --test callgraph dump -- --nocapture`.
#[test]
fn dump() {
    let Ok(language) = std::env::var("DRIFT_GRAPH_DUMP") else {
        return;
    };
    let (graph, _) = fixture(&language);
    for edge in &graph.edges {
        eprintln!(
            "{} -> {}  ({:?})",
            graph.id_of(edge.caller),
            graph.id_of(edge.callee),
            edge.strategy()
        );
    }
    for dead in graph.dead_code() {
        eprintln!("dead {}", graph.id_of(dead.node));
    }
}

#[test]
fn queries_follow_the_edges() {
    let (graph, _) = fixture("typescript");
    let controller = graph
        .node("src/users/user.controller.ts::UserController.create")
        .unwrap();
    let reach = graph.reach(
        controller,
        drift_analysis::callgraph::Direction::Forward,
        10,
        1000,
    );
    let reached: BTreeSet<String> = reach.reached.iter().map(|(n, _)| graph.id_of(*n)).collect();
    assert!(
        reached.contains("src/users/user.repository.ts::audit"),
        "{reached:?}"
    );
    let audit = graph.node("src/users/user.repository.ts::audit").unwrap();
    let path = graph.path(controller, audit, 10).unwrap();
    let names: Vec<&str> = path.iter().map(|n| graph.name_of(*n)).collect();
    assert_eq!(names, ["create", "create", "insert", "touch", "audit"]);
    let inverse = graph.reach(
        audit,
        drift_analysis::callgraph::Direction::Inverse,
        10,
        1000,
    );
    assert!(inverse.reached.iter().any(|(n, _)| *n == controller));
    // Depth bounds the walk; recursion does not loop.
    let factorial = graph.node("src/main.ts::factorial").unwrap();
    assert_eq!(
        graph
            .reach(
                factorial,
                drift_analysis::callgraph::Direction::Forward,
                50,
                10
            )
            .reached,
        []
    );
}

#[test]
fn ids_are_unique_even_for_one_line_redefinitions() {
    let parsers = ParserManager::new(0);
    let source = b"function f() {} function f() {} function f() {}\nfunction f() {}\n";
    let result = parsers.parse("min.js", source).unwrap();
    let facts = FileFacts::of(&result);
    let ids: Vec<&str> = facts
        .functions
        .iter()
        .skip(1)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "min.js::f#L1",
            "min.js::f#L1.2",
            "min.js::f#L1.3",
            "min.js::f#L2"
        ]
    );
}

#[test]
fn an_id_not_made_of_path_and_qualified_name_is_stored_whole() {
    let parsers = ParserManager::new(0);
    let result = parsers
        .parse("src/app.py", b"def handler():\n    pass\n")
        .unwrap();
    let mut file = FileFacts::of(&result);
    file.functions[1].id = "elsewhere::handler".into();
    let original = file.clone();
    file.compact_ids();
    assert_eq!(
        file.functions[0].id, "",
        "the module node is path::<module>"
    );
    assert_eq!(file.functions[1].id, "=elsewhere::handler");
    file.expand_ids();
    assert_eq!(file, original);
}

/// `facts` with the file at `at` replaced.
fn with_file<'a>(facts: &[FileFacts<'a>], at: usize, file: FileFacts<'a>) -> Vec<FileFacts<'a>> {
    let mut all = facts.to_vec();
    all[at] = file;
    all
}

/// Facts read back from storage keep their ids in the stored form: the graph built from them
/// is the one built from the facts as extracted, and each form fits the other's graph.
#[test]
fn graphs_from_stored_facts_are_the_same() {
    for language in LANGUAGES {
        let facts = fixture_facts(language);
        let stored: Vec<FileFacts> = facts
            .iter()
            .cloned()
            .map(|mut file| {
                file.compact_ids();
                file
            })
            .collect();
        let built = CallGraph::build(&facts);
        let from_stored = CallGraph::build(&stored);
        assert_eq!(from_stored.observed(), built.observed(), "{language}");
        assert!(
            built.fits(&stored) && from_stored.fits(&facts),
            "{language}"
        );
        let ids = |graph: &CallGraph| -> Vec<String> {
            (0..u32::try_from(graph.nodes.len()).unwrap())
                .map(|node| graph.id_of(node))
                .collect()
        };
        assert_eq!(ids(&from_stored), ids(&built), "{language}");
    }
}

/// An update after one file was added, changed or removed gives the graph a build from all
/// facts gives, in every fixture, whichever file it is.
#[test]
fn updates_match_a_build_from_all_facts() {
    let mut updated = 0;
    for language in LANGUAGES {
        let facts = fixture_facts(language);
        let whole = CallGraph::build(&facts);
        for (at, file) in facts.iter().enumerate() {
            let others: Vec<FileFacts> = facts
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, f)| f.clone())
                .collect();
            let without = CallGraph::build(&others);
            let reread = |affected: &[String]| -> Vec<FileFacts> {
                facts
                    .iter()
                    .filter(|f| affected.iter().any(|path| *path == *f.path))
                    .cloned()
                    .collect()
            };
            // The file added (or changed from nothing to what it is).
            let changed = std::slice::from_ref(file);
            if let UpdatePlan::Update { affected } = without.plan_update(changed, &[]) {
                let after = without.clone().update(changed, &[], &reread(&affected));
                assert_eq!(after.observed(), whole.observed(), "{} added", file.path);
                updated += 1;
            }
            // The file removed.
            let removed = [file.path.to_string()];
            if let UpdatePlan::Update { affected } = whole.plan_update(&[], &removed) {
                let after = whole.clone().update(&[], &removed, &reread(&affected));
                assert_eq!(
                    after.observed(),
                    without.observed(),
                    "{} removed",
                    file.path
                );
                updated += 1;
            }
            // The file changed in place (its facts read again, the same).
            if let UpdatePlan::Update { affected } = whole.plan_update(changed, &[]) {
                let after = whole.clone().update(changed, &[], &reread(&affected));
                assert_eq!(after.observed(), whole.observed(), "{} changed", file.path);
                updated += 1;
            }
            // Edited inside: every function three lines lower, its calls too. Nothing else
            // needs resolving again, and the update still equals a build.
            let mut lower = file.clone();
            for function in &mut lower.functions {
                function.line = function.line.saturating_add(3);
                function.end_line = function.end_line.saturating_add(3);
            }
            for call in &mut lower.calls {
                call.line = call.line.saturating_add(3);
            }
            let edited = with_file(&facts, at, lower);
            let changed = std::slice::from_ref(&edited[at]);
            if let UpdatePlan::Update { affected } = whole.plan_update(changed, &[]) {
                // Unless a line is part of an id (a second function of one name).
                let lines_in_ids = file.functions.iter().any(|f| f.id.contains("#L"));
                assert!(
                    lines_in_ids || affected.is_empty(),
                    "{} edited: {affected:?}",
                    file.path
                );
                let after = whole.clone().update(changed, &[], &reread(&affected));
                let built = CallGraph::build(&edited);
                assert_eq!(after.observed(), built.observed(), "{} edited", file.path);
                updated += 1;
            }
            // A function renamed: its callers resolve again.
            let mut renamed = file.clone();
            if let Some(function) = renamed.functions.iter_mut().rev().find(|f| f.line > 0) {
                let old = function.name.clone();
                function.name = format!("{old}Renamed").into();
                function.qualified_name = format!("{}Renamed", function.qualified_name).into();
                function.id = format!("{}Renamed", function.id).into();
            }
            let edited = with_file(&facts, at, renamed);
            let changed = std::slice::from_ref(&edited[at]);
            if let UpdatePlan::Update { affected } = whole.plan_update(changed, &[]) {
                let after = whole.clone().update(changed, &[], &reread(&affected));
                let built = CallGraph::build(&edited);
                assert_eq!(after.observed(), built.observed(), "{} renamed", file.path);
                updated += 1;
            }
        }
    }
    assert!(updated > 100, "only {updated} updates planned");
}

/// A function of a library module the file imports (`runtime.Version()`, `json.dumps()`) is
/// never taken for a project method of the same name; Go's `init` is never dead.
#[test]
fn library_module_calls_stay_unresolved_and_go_init_runs() {
    let parsers = ParserManager::new(0);
    let sources = [
        (
            "main.go",
            "package main\n\nimport \"runtime\"\n\ntype Client struct{}\n\nfunc (c *Client) Version() string {\n\treturn \"1\"\n}\n\nfunc init() {}\n\nfunc main() {\n\tprintln(runtime.Version())\n}\n",
        ),
        (
            "app/codec.py",
            "import json\n\n\nclass Codec:\n    def dumps(self, value):\n        return str(value)\n\n\ndef encode(value):\n    return json.dumps(value)\n",
        ),
    ];
    let facts = facts_of(&parsers, &sources);
    let graph = CallGraph::build(&facts);
    assert!(graph.edges.is_empty(), "{:?}", edge_ids(&graph));
    let dead: Vec<String> = graph
        .dead_code()
        .iter()
        .map(|dead| graph.id_of(dead.node))
        .collect();
    assert!(!dead.iter().any(|id| id == "main.go::init"), "{dead:?}");
    assert!(
        dead.iter().any(|id| id == "main.go::Client.Version"),
        "{dead:?}"
    );
}

/// In Go a package's files share one scope: a bare call reaches the function of that name in
/// the caller's package, even when other packages define one too (so no name alone decides).
#[test]
fn go_calls_reach_functions_of_the_same_package() {
    let parsers = ParserManager::new(0);
    let sources = [
        (
            "cmd/app/main.go",
            "package main\n\nfunc main() {\n\tparse(\"x\")\n}\n",
        ),
        (
            "cmd/app/parse.go",
            "package main\n\nfunc parse(text string) int {\n\treturn len(text)\n}\n",
        ),
        (
            "tool/parse.go",
            "package tool\n\nfunc parse(text string) int {\n\treturn 0\n}\n",
        ),
    ];
    let facts = facts_of(&parsers, &sources);
    let graph = CallGraph::build(&facts);
    let edges: Vec<(String, String, &str)> = graph
        .edges
        .iter()
        .map(|edge| {
            (
                graph.id_of(edge.caller),
                graph.id_of(edge.callee),
                edge.strategy().name(),
            )
        })
        .collect();
    assert_eq!(
        edges,
        [(
            "cmd/app/main.go::main".to_owned(),
            "cmd/app/parse.go::parse".to_owned(),
            "import_based"
        )]
    );
}

/// The graph facts of each `(path, code)`.
fn facts_of(parsers: &ParserManager, sources: &[(&str, &str)]) -> Vec<FileFacts<'static>> {
    sources
        .iter()
        .map(|(path, code)| {
            FileFacts::of(&parsers.parse(path, code.as_bytes()).unwrap()).into_owned()
        })
        .collect()
}
