//! Taint across functions on labelled multi-file apps (`test-fixtures/taint-across/<app>/`):
//! every true flow is labelled `drift-expect: flow SINK_TYPE` on its sink line, in whichever
//! file the sink is; the sanitised, constant and dead-end calls beside them are not. The
//! flows within functions and across them are counted together, as a user sees them.
//! Precision must be at least 0.85 and recall at least 0.70.

use std::path::{Path, PathBuf};

use drift_analysis::callgraph::{CallGraph, FileFacts};
use drift_analysis::parsers::ParserManager;
use drift_analysis::security::taint::{TaintRules, TaintSummary, across};
use drift_core::types::security::TaintFlow;

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

/// A flow and the file of its sink.
type Found = (String, TaintFlow);

/// A labelled flow: the sink's file, its 0-based line and the sink type.
type Label = (String, u32, String);

/// Every flow of the app in `dir` (sink file, flow), within and across functions, and the
/// labelled ones (sink file, 0-based line, sink type).
fn flows_of_app(dir: &Path) -> (Vec<Found>, Vec<Label>) {
    let parsers = ParserManager::new(0);
    let rules = TaintRules::builtin();
    let mut paths = Vec::new();
    files_under(dir, &mut paths);
    let (mut facts, mut summaries, mut flows, mut expected) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for path in paths {
        let relative = path
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read(&path).unwrap();
        let Ok(result) = parsers.parse(&relative, &source) else {
            continue;
        };
        let (within, summary): (Vec<TaintFlow>, TaintSummary) = rules.analyse(&result, &source);
        flows.extend(within.into_iter().map(|flow| (relative.clone(), flow)));
        facts.push(FileFacts::of(&result).into_owned());
        summaries.push((relative.clone(), summary));
        for (line, content) in String::from_utf8(source).unwrap().lines().enumerate() {
            if let Some((_, label)) = content.split_once("drift-expect: flow ") {
                expected.push((
                    relative.clone(),
                    u32::try_from(line).unwrap(),
                    label.trim().to_owned(),
                ));
            }
        }
    }
    let graph = CallGraph::build(&facts);
    for (file, flow) in across::flows(&graph, &summaries) {
        if !flows.iter().any(|(known, other)| {
            *known == file
                && (other.sink_line, other.sink_column) == (flow.sink_line, flow.sink_column)
        }) {
            flows.push((file, flow));
        }
    }
    (flows, expected)
}

#[test]
fn labelled_flows_across_functions_meet_precision_and_recall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/taint-across");
    let mut apps: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    apps.sort();
    let (mut expected_total, mut found_total, mut true_positives, mut across_found) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for app in &apps {
        let name = app.file_name().unwrap().to_string_lossy().into_owned();
        let (flows, expected) = flows_of_app(app);
        let got: Vec<(String, u32, String)> = flows
            .iter()
            .map(|(file, flow)| (file.clone(), flow.sink_line, flow.sink_type.clone()))
            .collect();
        across_found += flows
            .iter()
            .filter(|(_, flow)| !flow.functions.is_empty())
            .count();
        expected_total += expected.len();
        found_total += got.len();
        true_positives += got.iter().filter(|item| expected.contains(item)).count();
        for item in &expected {
            if !got.contains(item) {
                report.push(format!(
                    "{name}/{}:{}: missed {}",
                    item.0,
                    item.1 + 1,
                    item.2
                ));
            }
        }
        for (file, flow) in &flows {
            let item = (file.clone(), flow.sink_line, flow.sink_type.clone());
            if !expected.contains(&item) {
                report.push(format!(
                    "{name}/{file}:{}: unexpected {} via {:?}",
                    flow.sink_line + 1,
                    flow.sink_type,
                    flow.functions
                ));
            }
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let (precision, recall) = (
        true_positives as f64 / found_total.max(1) as f64,
        true_positives as f64 / expected_total.max(1) as f64,
    );
    // The numbers, for `cargo test -- --nocapture` (SECURITY-ANALYSIS.md quotes them).
    eprintln!(
        "taint across functions: {} apps, {expected_total} labelled, {found_total} found ({across_found} across functions), precision {precision:.2}, recall {recall:.2}",
        apps.len()
    );
    for line in &report {
        eprintln!("  {line}");
    }
    assert!(
        apps.len() >= 6 && expected_total >= 30,
        "{expected_total} labelled flows"
    );
    assert!(
        precision >= 0.85 && recall >= 0.70,
        "precision {precision:.2}, recall {recall:.2}:\n{}",
        report.join("\n")
    );
}
