//! The fork parses the Kotlin the upstream grammar gets wrong, and parses everything else
//! exactly as upstream does.

use tree_sitter::{Language, Node, Parser, Tree};

fn parse(language: &Language, source: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(language).expect("grammar loads");
    parser.parse(source, None).expect("a tree")
}

fn fork() -> Language {
    drift_grammar_kotlin::LANGUAGE.into()
}

fn upstream() -> Language {
    tree_sitter_kotlin_ng::LANGUAGE.into()
}

/// Every node kind in the tree, in document order.
fn kinds(node: Node<'_>, out: &mut Vec<String>) {
    out.push(node.kind().to_owned());
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        kinds(child, out);
    }
}

/// Kotlin upstream gets wrong, each with a node kind the fork must produce for it and how many.
const MENDED: &[(&str, &str, &str, usize)] = &[
    (
        "an annotated public primary constructor on the line after the class name",
        "class Client\n@JvmOverloads\npublic constructor(val id: String, val port: Int = 8081)\n",
        "primary_constructor",
        1,
    ),
    (
        "a visibility and an annotation with arguments before it",
        "public class Surface\n@VisibleForTesting(otherwise = PRIVATE)\ninternal constructor(\n    private val handler: Handler,\n) {\n  fun start() = handler.run()\n}\n",
        "primary_constructor",
        1,
    ),
    (
        "a nested class's primary constructor on its next line, then a secondary constructor",
        "class Outer(val a: Int) {\n  class Config\n  internal constructor(val min: Int) {\n    fun twice() = min * 2\n  }\n  val y = 1\n  constructor() : this(0)\n}\n",
        "secondary_constructor",
        1,
    ),
    (
        "an empty collection literal in an annotation",
        "@ReactModuleList(nativeModules = [])\nclass Package\n",
        "collection_literal",
        1,
    ),
    (
        "a trailing comma after the last type parameter",
        "abstract class Delegate<\n    T : View,\n    @Suppress(\"DEPRECATION\")\n    U : Manager<T, out Node>,\n>(protected val manager: U)\n",
        "type_parameter",
        2,
    ),
];

/// Syntax upstream already parses near the patched places: the fork must keep it.
const KEPT: &[(&str, &str)] = &[
    (
        "a primary constructor on the class's line",
        "internal class Dyn private constructor() : Dynamic {\n  private var index: Int = -1\n}\n",
    ),
    (
        "secondary constructors in a class body",
        "class V {\n  constructor()\n\n  constructor(other: V) {\n    x = 1\n  }\n}\n",
    ),
    (
        "an annotated class after a class without a body",
        "class A\n@Deprecated(\"old\")\nclass B(val x: Int)\n",
    ),
    (
        "a property named constructor",
        "fun f(constructor: Ctor) {\n  val x = 1\n  constructor.call()\n}\n",
    ),
    (
        "collection literals with elements",
        "@Target(names = [\"a\", \"b\",])\nclass C\n",
    ),
];

#[test]
fn fork_parses_what_upstream_gets_wrong() {
    for (what, source, kind, count) in MENDED {
        let tree = parse(&fork(), source);
        assert!(
            !tree.root_node().has_error(),
            "{what}: {}",
            tree.root_node().to_sexp()
        );
        let mut seen = Vec::new();
        kinds(tree.root_node(), &mut seen);
        assert_eq!(
            seen.iter().filter(|k| k == kind).count(),
            *count,
            "{what}: {kind} in {}",
            tree.root_node().to_sexp()
        );
    }
}

#[test]
fn upstream_fails_on_what_the_fork_mends() {
    // Not a test of upstream: a check that each case above exercises a patch.
    for (what, source, _, _) in MENDED {
        assert!(
            parse(&upstream(), source).root_node().has_error(),
            "upstream already parses: {what}"
        );
    }
}

#[test]
fn fork_keeps_what_upstream_parses() {
    for (what, source) in KEPT {
        let before = parse(&upstream(), source);
        assert!(!before.root_node().has_error(), "upstream: {what}");
        let after = parse(&fork(), source);
        assert_eq!(
            after.root_node().to_sexp(),
            before.root_node().to_sexp(),
            "{what}"
        );
    }
}

/// Everything upstream parses cleanly in the repository's Kotlin fixtures gives the same tree in
/// the fork: the patches add syntax and change nothing else. With `DRIFT_KOTLIN_CORPUS=DIR`
/// the same check runs over DIR too (the benchmark corpora).
#[test]
fn clean_upstream_trees_are_unchanged() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures");
    let mut stack = vec![root];
    stack.extend(std::env::var_os("DRIFT_KOTLIN_CORPUS").map(std::path::PathBuf::from));
    let mut compared = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("kt" | "kts")
            ) {
                continue;
            }
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            let before = parse(&upstream(), &source);
            if before.root_node().has_error() {
                continue;
            }
            let after = parse(&fork(), &source);
            assert_eq!(
                after.root_node().to_sexp(),
                before.root_node().to_sexp(),
                "{}",
                path.display()
            );
            compared += 1;
        }
    }
    assert!(compared > 10, "only {compared} fixture files compared");
}
