//! Detection end to end: a scan stores every file's matches, learning makes the dominant
//! alternative a convention and the planted deviation a violation, statuses persist across
//! engines and move severities, and an incremental scan updates the results from the stored
//! matches of the other files.

mod common;

use std::fs;

use common::{engine, scan};
use drift_core::types::detection::{PatternStatus, Role, ViolationSeverity};
use drift_engine::Engine;
use drift_storage::detection::{PatternFilter, ViolationFilter};
use drift_storage::pagination::PageRequest;

fn handler(name: &str, swallow: bool) -> String {
    let body = if swallow {
        "        pass\n".to_owned()
    } else {
        format!("        raise JobError(\"{name} failed\")\n")
    };
    let handler = if swallow { "Exception" } else { "OSError" };
    format!("def {name}():\n    try:\n        run_{name}()\n    except {handler}:\n{body}")
}

fn violations(engine: &Engine) -> Vec<(String, u32, String, ViolationSeverity)> {
    engine
        .violations(&ViolationFilter::default(), &PageRequest::default())
        .unwrap()
        .items
        .into_iter()
        .map(|v| (v.file, v.line, v.pattern_id, v.severity))
        .collect()
}

#[test]
fn conventions_violations_statuses_and_increments() {
    let dir = tempfile::tempdir().unwrap();
    for index in 0..6 {
        let text = format!(
            "{}\n{}",
            handler(&format!("a{index}"), false),
            handler(&format!("b{index}"), false)
        );
        fs::write(dir.path().join(format!("jobs_{index}.py")), text).unwrap();
    }
    fs::write(dir.path().join("legacy.py"), handler("old", true)).unwrap();
    let drift = engine(dir.path());
    scan(&drift);
    let summary = drift.detection_summary().unwrap();
    assert!(summary.conventions_learned >= 1, "{summary:?}");
    let rethrow = drift
        .pattern_detail("errors/catch-rethrows", &PageRequest::default())
        .unwrap();
    assert_eq!(rethrow.0.summary.role, Role::Dominant);
    assert_eq!(rethrow.0.summary.location_count, 12);
    assert_eq!(rethrow.1.total, 12);
    let found = violations(&drift);
    assert_eq!(
        found,
        [
            (
                "legacy.py".into(),
                4,
                "errors/catch-all".into(),
                ViolationSeverity::Info
            ),
            (
                "legacy.py".into(),
                4,
                "errors/except-pass".into(),
                ViolationSeverity::Info
            )
        ]
    );
    // Approving the convention makes deviations warnings; the status outlives the engine.
    drift
        .set_pattern_status("errors/catch-rethrows", PatternStatus::Approved)
        .unwrap();
    let found = violations(&drift);
    assert!(
        found.contains(&(
            "legacy.py".into(),
            4,
            "errors/except-pass".into(),
            ViolationSeverity::Warning
        )),
        "{found:?}"
    );
    drop(drift);
    let drift = engine(dir.path());
    let approved = drift
        .patterns(
            &PatternFilter {
                status: Some("approved".into()),
                ..PatternFilter::default()
            },
            &PageRequest::default(),
        )
        .unwrap();
    assert_eq!(approved.items.len(), 1);
    assert_eq!(approved.items[0].id, "errors/catch-rethrows");
    // Fixing the deviation and rescanning one file clears its violation.
    fs::write(dir.path().join("legacy.py"), handler("old", false)).unwrap();
    scan(&drift);
    let found = violations(&drift);
    assert!(!found.iter().any(|v| v.0 == "legacy.py"), "{found:?}");
    let rethrow = drift
        .pattern_detail("errors/catch-rethrows", &PageRequest::default())
        .unwrap();
    assert_eq!(rethrow.0.summary.location_count, 13);
    // Conflicting statuses: approving another alternative of the same group sets the first
    // back to discovered (a group has one convention), and says so.
    let (demoted, _) = drift
        .set_pattern_status("errors/catch-logs", PatternStatus::Approved)
        .unwrap();
    assert_eq!(demoted, ["errors/catch-rethrows"]);
    let approved = drift
        .patterns(
            &PatternFilter {
                status: Some("approved".into()),
                ..PatternFilter::default()
            },
            &PageRequest::default(),
        )
        .unwrap();
    assert_eq!(
        approved
            .items
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        ["errors/catch-logs"]
    );
    // An unknown pattern id is NOT_FOUND.
    let err = drift
        .set_pattern_status("no/such", PatternStatus::Approved)
        .unwrap_err();
    assert_eq!(drift_core::errors::DriftErrorCode::code(&err), "NOT_FOUND");
}
