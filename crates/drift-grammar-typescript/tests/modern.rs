//! The fork parses the TypeScript 4.7-5.x syntax the upstream grammar predates, and parses
//! everything else exactly as upstream does.

use tree_sitter::{Language, Node, Parser, Tree};

fn parse(language: &Language, source: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(language).expect("grammar loads");
    parser.parse(source, None).expect("a tree")
}

fn fork() -> Language {
    drift_grammar_typescript::LANGUAGE_TYPESCRIPT.into()
}

fn upstream() -> Language {
    tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()
}

/// Every node kind in the tree, in document order.
fn kinds(node: Node<'_>, out: &mut Vec<String>) {
    out.push(node.kind().to_owned());
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        kinds(child, out);
    }
}

/// Modern syntax, each with a node kind the fork must produce for it.
const MODERN: &[(&str, &str, &str)] = &[
    (
        "variance annotations (4.7)",
        "interface Producer<out T> { make(): T }\ninterface Consumer<in T> { take(value: T): void }\ninterface Cell<in out T> { get(): T; set(value: T): void }\ntype Fn<in A, out B> = (a: A) => B;\nclass Box<in out T> { constructor(readonly value: T) {} }\n",
        "type_parameter",
    ),
    (
        "generic call signatures on their own lines (overloads in an object type)",
        "export const makeBy: {\n  <A>(f: (i: number) => A): (n: number) => Array<A>\n  <A>(n: number, f: (i: number) => A): Array<A>\n} = dual(2, make)\n",
        "call_signature",
    ),
    (
        "inline imported types with type arguments, arrays and keyof",
        "let a: import(\"./types\").Box<string>;\nlet b: import(\"./types\").Box[];\ntype K = keyof import(\"./types\").Box;\nclass R { static format: import(\"./f\").Formatter<R, string>; }\n",
        "generic_type",
    ),
    (
        "type arguments on a tagged template",
        "const rows = sql<{ id: number }>`SELECT id FROM users`;\n",
        "template_string",
    ),
    (
        "escaped backticks in a template literal type",
        "type Message<P extends string = \"\"> = `use \\`class Self\\` for ${P}`;\n",
        "template_literal_type",
    ),
    (
        "type-only re-exports of a whole module (5.0)",
        "export type * from \"./types\";\nexport type * as models from \"./models\";\n",
        "namespace_export",
    ),
    (
        "a member named `in` on its own line",
        "interface Parameter {\n  name: string\n  in: \"query\" | \"path\"\n}\n",
        "property_signature",
    ),
    (
        "auto-accessors after static and override (4.9)",
        "class Store { accessor size = 0; static accessor shared: Store; override accessor name = \"x\" }\n",
        "public_field_definition",
    ),
];

/// Syntax the upstream grammar already had: the fork must keep it.
const KEPT: &[(&str, &str)] = &[
    (
        "satisfies (4.9)",
        "const config = { port: 80 } satisfies Config;\n",
    ),
    (
        "using declarations (5.2)",
        "using file = open();\nawait using conn = connect();\n",
    ),
    (
        "const type parameters (5.0)",
        "function tuple<const T extends readonly unknown[]>(items: T): T { return items }\n",
    ),
    (
        "instantiation expressions (4.7)",
        "const makeStrings = makeBox<string>;\nconst m = new Map<string, number>;\n",
    ),
    ("a lone accessor", "class Counter { accessor count = 0 }\n"),
    (
        "a type parameter named `out`",
        "function identity<out>(value: out): out { return value }\ntype Pair<A, out> = [A, out];\n",
    ),
    (
        "`in` continuing an expression",
        "const has = key\n  in table;\nfor (const k in table) {}\n",
    ),
];

#[test]
fn modern_syntax_parses_without_errors() {
    for (what, source, kind) in MODERN {
        let tree = parse(&fork(), source);
        assert!(
            !tree.root_node().has_error(),
            "{what}: {}",
            tree.root_node().to_sexp()
        );
        let mut found = Vec::new();
        kinds(tree.root_node(), &mut found);
        assert!(found.iter().any(|k| k == kind), "{what}: no {kind}");
    }
}

#[test]
fn syntax_upstream_had_still_parses() {
    for (what, source) in KEPT {
        let tree = parse(&fork(), source);
        assert!(
            !tree.root_node().has_error(),
            "{what}: {}",
            tree.root_node().to_sexp()
        );
    }
}

#[test]
fn upstream_fails_on_what_the_fork_adds() {
    // Not a test of upstream: a check that each case above exercises a patch.
    let failing = MODERN
        .iter()
        .filter(|(_, source, _)| parse(&upstream(), source).root_node().has_error())
        .count();
    assert_eq!(failing, MODERN.len(), "a case upstream already parses");
}

/// Everything upstream parses cleanly in the repository's TypeScript fixtures gives the same
/// tree in the fork: the patches add syntax and change nothing else. With `DRIFT_TS_CORPUS=DIR`
/// the same check runs over DIR too (the benchmark corpora).
#[test]
fn clean_upstream_trees_are_unchanged() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures");
    let mut stack = vec![root];
    stack.extend(std::env::var_os("DRIFT_TS_CORPUS").map(std::path::PathBuf::from));
    let mut compared = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let (fork, upstream): (Language, Language) =
                match path.extension().and_then(|e| e.to_str()) {
                    Some("ts" | "mts" | "cts") => (fork(), upstream()),
                    Some("tsx") => (
                        drift_grammar_typescript::LANGUAGE_TSX.into(),
                        tree_sitter_typescript::LANGUAGE_TSX.into(),
                    ),
                    _ => continue,
                };
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            let before = parse(&upstream, &source);
            // Upstream may parse a typed tagged template (sql<Row>`...`) without an error but
            // wrongly (`x => sql<Row>` applied to the template): those trees change on purpose.
            if before.root_node().has_error() || source.contains(">`") {
                continue;
            }
            let after = parse(&fork, &source);
            assert_eq!(
                after.root_node().to_sexp(),
                before.root_node().to_sexp(),
                "{}",
                path.display()
            );
            compared += 1;
        }
    }
    assert!(compared > 20, "only {compared} fixture files compared");
}
