//! The call graph after a scan that changed files is updated, not built again, and is the
//! graph a build from every file's facts gives.

use std::fs;
use std::path::Path;

use drift_engine::GraphRefresh;

mod common;

/// Per fixture: a file to extend with a function calling into the project, a new file, and a
/// file to remove.
const EDITS: [(&str, &str, &str, &str, &str, &str); 3] = [
    (
        "typescript",
        "src/main.ts",
        "\nexport function extraCaller(): number {\n  return factorial(3)\n}\n",
        "src/extra.ts",
        "import { makeSquare } from './shapes'\n\nexport function build(): number {\n  return makeSquare(1).area()\n}\n",
        "src/shared/text.ts",
    ),
    (
        "python",
        "app/pricing.py",
        "\n\ndef extra():\n    return with_tax(1)\n",
        "app/extra.py",
        "from .pricing import unit_price\n\n\ndef quote_all(skus):\n    return [unit_price(s) for s in skus]\n",
        "app/services/orders.py",
    ),
    (
        "go",
        "main.go",
        "\nfunc extra() string {\n\treturn describe(nil)\n}\n",
        "extra.go",
        "package main\n\nfunc another() bool {\n\treturn shorter(\"a\", \"bb\")\n}\n",
        "routes.go",
    ),
];

#[test]
fn a_scan_that_changes_files_updates_the_graph_to_what_a_build_gives() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/callgraph");
    for (language, extended, addition, added, added_text, removed) in EDITS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        fs::create_dir_all(&root).unwrap();
        common::copy_tree(&fixtures.join(language), &root);
        let engine = common::engine(&root);
        common::scan(&engine);
        let before = engine.call_graph().unwrap();
        assert_eq!(engine.last_graph_refresh(), Some(GraphRefresh::Built));

        let mut text = fs::read_to_string(root.join(extended)).unwrap();
        text.push_str(addition);
        fs::write(root.join(extended), text).unwrap();
        fs::write(root.join(added), added_text).unwrap();
        fs::remove_file(root.join(removed)).unwrap();
        common::scan(&engine);
        let updated = engine.call_graph().unwrap();
        assert!(
            matches!(
                engine.last_graph_refresh(),
                Some(GraphRefresh::Updated { changed: 3, .. })
            ),
            "{language}: {:?}",
            engine.last_graph_refresh()
        );
        assert_ne!(before.observed(), updated.observed(), "{language}");
        drop(engine);

        // A new engine over the same database builds the graph from every file's facts.
        let fresh = common::engine(&root);
        let built = fresh.call_graph().unwrap();
        assert_eq!(fresh.last_graph_refresh(), Some(GraphRefresh::Built));
        assert_eq!(updated.observed(), built.observed(), "{language}");
    }
}

#[test]
fn a_scan_that_changes_nothing_keeps_the_graph() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/callgraph");
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&fixtures.join("java"), dir.path());
    let engine = common::engine(dir.path());
    common::scan(&engine);
    let before = engine.call_graph().unwrap();
    common::scan(&engine);
    let after = engine.call_graph().unwrap();
    assert_eq!(
        engine.last_graph_refresh(),
        Some(GraphRefresh::Updated {
            changed: 0,
            affected: 0
        })
    );
    assert_eq!(before.observed(), after.observed());
}

#[test]
fn a_warm_up_after_the_scan_leaves_the_graph_as_a_build_gives() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/callgraph");
    for language in ["typescript", "python", "java"] {
        let plain_dir = tempfile::tempdir().unwrap();
        let warmed_dir = tempfile::tempdir().unwrap();
        common::copy_tree(&fixtures.join(language), plain_dir.path());
        common::copy_tree(&fixtures.join(language), warmed_dir.path());
        let plain = common::engine(plain_dir.path());
        let warmed =
            common::engine_with(warmed_dir.path(), "[call_graph]\nwarm_up = true\n".into());
        common::scan(&plain);
        common::scan(&warmed);
        // Asked for at once, while the warm-up may still run on the pool, and again after a
        // second scan (the warm-up runs once per engine).
        assert_eq!(
            plain.call_graph().unwrap().observed(),
            warmed.call_graph().unwrap().observed(),
            "{language}"
        );
        common::scan(&warmed);
        assert_eq!(
            plain.call_graph().unwrap().observed(),
            warmed.call_graph().unwrap().observed(),
            "{language}"
        );
    }
}
