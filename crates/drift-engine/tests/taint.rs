//! Taint flows across functions end to end: a scan stores each file's taint summary, the
//! engine composes the flows across functions over the call graph, lists them with the flows
//! within functions, answers them per function and weighs them in the security summary; an
//! incremental scan that sanitizes the value drops the flow.

mod common;

use std::fs;
use std::path::Path;

use common::{engine, scan};
use drift_engine::Engine;
use drift_storage::security::FlowFilter;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// An engine over a copy of the labelled Flask app, scanned.
fn scanned_python_app() -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/taint-across/python");
    copy_dir(&fixtures, dir.path());
    let engine = engine(dir.path());
    scan(&engine);
    (dir, engine)
}

#[test]
fn flows_across_functions_are_listed_answered_weighed_and_kept_current() {
    let (dir, engine) = scanned_python_app();
    let root = dir.path();

    let (rows, total) = engine.taint_flows(&FlowFilter::default()).unwrap();
    assert_eq!(total, rows.len() as u64);
    let across: Vec<_> = rows
        .iter()
        .filter(|row| !row.flow.functions.is_empty())
        .collect();
    assert!(across.len() >= 5, "{rows:#?}");
    let sql = rows
        .iter()
        .find(|row| row.path == "app/db.py" && row.flow.sink_type == "sql_query")
        .expect("the search flow into the database helper");
    assert_eq!(
        sql.flow.functions,
        ["app/views.py::search", "app/db.py::find_by_name"]
    );
    assert_eq!(sql.flow.source_file.as_deref(), Some("app/views.py"));
    assert_eq!(sql.flow.label, "user_input");
    let files: Vec<Option<&str>> = sql
        .flow
        .path
        .iter()
        .map(|step| step.file.as_deref())
        .collect();
    assert!(
        files.contains(&Some("app/views.py")) && files.contains(&Some("app/db.py")),
        "{:?}",
        sql.flow.path
    );
    // Filters apply to the sink's side.
    let (only_db, _) = engine
        .taint_flows(&FlowFilter {
            path_prefix: Some("app/db".into()),
            ..FlowFilter::default()
        })
        .unwrap();
    assert!(only_db.iter().all(|row| row.path == "app/db.py") && !only_db.is_empty());

    // Per function: where the flow starts, and where it ends.
    let (id, from_view) = engine.taint_of_function("app/views.py:search").unwrap();
    assert_eq!(id, "app/views.py::search");
    assert!(
        from_view.iter().any(|row| row.path == "app/db.py"),
        "{from_view:#?}"
    );
    let (_, in_helper) = engine.taint_of_function("app/db.py::find_by_name").unwrap();
    assert_eq!(in_helper.len(), 1, "{in_helper:#?}");

    // The summary counts them.
    let summary = engine.security_summary().unwrap();
    let counted: u64 = summary.flows_by_sink.iter().map(|(_, n)| n).sum();
    assert_eq!(counted, total);
    assert!(summary.score < 100.0);
    // The route handlers whose requests reach sinks rank first, with what they reach.
    let risky = &summary.riskiest_entry_points;
    assert!(!risky.is_empty() && risky.len() <= 10);
    assert!(risky.windows(2).all(|pair| pair[0].score >= pair[1].score));
    let search = risky
        .iter()
        .find(|entry| entry.id == "app/views.py::search")
        .expect("the search route");
    assert_eq!((search.kind, search.taint_flows), ("route_handler", 1));
    assert!(risky.iter().all(|entry| entry.kind != "test"));

    // Sanitizing in the caller drops the flow after an incremental scan.
    let views = fs::read_to_string(root.join("app/views.py")).unwrap();
    fs::write(
        root.join("app/views.py"),
        views.replace(
            "    term = request.args.get(\"q\")\n    return db.find_by_name(term)",
            "    term = int(request.args.get(\"q\"))\n    return db.find_by_name(term)",
        ),
    )
    .unwrap();
    scan(&engine);
    let (rows, _) = engine.taint_flows(&FlowFilter::default()).unwrap();
    assert!(
        !rows
            .iter()
            .any(|row| row.path == "app/db.py" && row.flow.sink_type == "sql_query"),
        "{rows:#?}"
    );
    assert!(
        rows.iter().any(|row| row.path == "app/shell.py"),
        "the others stay"
    );
}

/// What schema v7's migration does to files stored before it (its last statement): the next
/// incremental scan reads every file again and writes the taint summaries a database of an
/// earlier version lacks, so the flows across functions appear, and nothing else changes.
#[test]
fn files_stored_before_the_summaries_are_summarised_by_the_next_scan() {
    let (_dir, engine) = scanned_python_app();
    let before = engine.status().unwrap().counts;
    let (flows, _) = engine.taint_flows(&FlowFilter::default()).unwrap();
    common::as_before_migration(&engine, 7, "taint_summaries");
    scan(&engine);
    assert_eq!(
        engine.status().unwrap().counts,
        before,
        "nothing extracted is lost"
    );
    let (again, _) = engine.taint_flows(&FlowFilter::default()).unwrap();
    assert_eq!(again, flows);
    assert!(again.iter().any(|row| !row.flow.functions.is_empty()));
}
