//! Security findings end to end: a scan finds secrets in parsed and unparsed files, stores only
//! masked previews (the database file never holds a value), lists them worst first, and
//! incremental scans keep the findings equal to what the files now hold; sensitive fields of
//! models are stored with their lines and follow their file the same way.

mod common;

use std::fs;

use common::{engine, scan};
use drift_core::types::security::{SecretStatus, Sensitivity, Severity};
use drift_engine::Engine;
use drift_storage::pagination::PageRequest;
use drift_storage::security::{BoundaryFilter, FieldFilter, SecretFilter};

/// A token in GitHub's classic format, built so no literal token sits in the source.
fn token(seed: u32) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(12345);
    let body: String = (0..36)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            alphabet[(state % 62) as usize] as char
        })
        .collect();
    format!("ghp_{body}")
}

fn everything(engine: &Engine) -> Vec<(String, u32, SecretStatus)> {
    let page = engine
        .secrets(
            &SecretFilter {
                all: true,
                ..SecretFilter::default()
            },
            &PageRequest::default(),
        )
        .unwrap();
    page.items
        .into_iter()
        .map(|row| (row.path, row.finding.line, row.finding.status))
        .collect()
}

#[test]
fn secrets_are_found_masked_listed_and_kept_current() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (first, second) = (token(1), token(2));
    fs::create_dir_all(root.join("src")).unwrap();
    fs::write(
        root.join("src/deploy.py"),
        format!("import os\n\nGITHUB = '{first}'\n"),
    )
    .unwrap();
    fs::write(root.join(".env"), format!("DEBUG=1\nGH_TOKEN={second}\n")).unwrap();
    fs::write(
        root.join("notes.md"),
        format!("Known: {second} # drift-ignore\n"),
    )
    .unwrap();
    let engine = engine(root);
    scan(&engine);

    let summary = engine.secrets_summary().unwrap();
    assert_eq!(
        (summary.total, summary.files_affected, summary.suppressed),
        (2, 2, 1)
    );
    assert_eq!(summary.by_provider, [("github".to_owned(), 2)]);
    assert_eq!(summary.by_severity[0], (Severity::Critical, 2));
    assert_eq!(
        everything(&engine),
        [
            (".env".to_owned(), 1, SecretStatus::Open),
            ("src/deploy.py".to_owned(), 2, SecretStatus::Open),
            ("notes.md".to_owned(), 0, SecretStatus::Suppressed),
        ]
    );
    let listed = engine
        .secrets(
            &SecretFilter::default(),
            &PageRequest {
                cursor: None,
                limit: Some(1),
            },
        )
        .unwrap();
    assert_eq!(
        (listed.total, listed.items.len(), listed.has_more),
        (2, 1, true)
    );
    let next = engine
        .secrets(
            &SecretFilter::default(),
            &PageRequest {
                cursor: listed.next_cursor,
                limit: Some(1),
            },
        )
        .unwrap();
    assert_eq!(next.items[0].path, "src/deploy.py");
    assert!(!next.has_more);
    let in_file = engine.secrets_in_file("src/deploy.py").unwrap();
    assert_eq!(
        (in_file[0].line, in_file[0].column, in_file[0].end_column),
        (2, 10, 50)
    );
    assert_eq!(in_file[0].masked, format!("ghp_********{}", &first[36..]));

    // Nothing the engine wrote holds a value.
    engine.checkpoint().unwrap();
    for entry in fs::read_dir(root.join(".drift")).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        for value in [&first, &second] {
            let needle = &value.as_bytes()[4..];
            assert!(!bytes.windows(needle.len()).any(|window| window == needle));
        }
    }

    // The .env file loses its token, the Python file goes: their findings go with them.
    fs::write(root.join(".env"), "DEBUG=1\nGH_TOKEN=${GH_TOKEN}\n").unwrap();
    fs::remove_file(root.join("src/deploy.py")).unwrap();
    scan(&engine);
    assert_eq!(
        everything(&engine),
        [("notes.md".to_owned(), 0, SecretStatus::Suppressed)]
    );
    assert_eq!(engine.secrets_summary().unwrap().total, 0);

    // A file that comes back is found again by an incremental scan.
    fs::write(root.join("src/deploy.py"), format!("TOKEN = \"{first}\"\n")).unwrap();
    scan(&engine);
    assert_eq!(engine.secrets_summary().unwrap().total, 1);
}

#[test]
fn sensitive_fields_are_stored_by_model_and_follow_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("app")).unwrap();
    let model = "from django.db import models\n\nclass Customer(models.Model):\n    email = models.EmailField()\n    password_hash = models.CharField(max_length=128)\n    company = models.CharField(max_length=80)\n";
    fs::write(root.join("app/models.py"), model).unwrap();
    let engine = engine(root);
    scan(&engine);
    let fields = |filter: &FieldFilter| {
        let (rows, total) = engine.sensitive_fields(filter).unwrap();
        assert_eq!(rows.len() as u64, total);
        rows.into_iter()
            .map(|row| {
                (
                    row.path,
                    row.field.field,
                    row.field.sensitivity,
                    row.field.line,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fields(&FieldFilter::default()),
        [
            (
                "app/models.py".to_owned(),
                "email".to_owned(),
                Sensitivity::Pii,
                3
            ),
            (
                "app/models.py".to_owned(),
                "password_hash".to_owned(),
                Sensitivity::Credentials,
                4
            ),
        ]
    );
    let credentials = FieldFilter {
        sensitivity: Some(Sensitivity::Credentials),
        model: Some("Customer".into()),
        ..FieldFilter::default()
    };
    assert_eq!(fields(&credentials).len(), 1);
    fs::write(
        root.join("app/models.py"),
        model.replace("    email = models.EmailField()\n", ""),
    )
    .unwrap();
    scan(&engine);
    assert_eq!(fields(&FieldFilter::default()).len(), 1);
    fs::remove_file(root.join("app/models.py")).unwrap();
    scan(&engine);
    assert!(fields(&FieldFilter::default()).is_empty());
}

#[test]
fn boundaries_are_stored_with_the_tier_of_what_they_touch() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("app")).unwrap();
    fs::write(
        root.join("app/models.py"),
        "from django.db import models\n\nclass Customer(models.Model):\n    password_hash = models.CharField(max_length=128)\n\nclass Note(models.Model):\n    body = models.TextField()\n",
    )
    .unwrap();
    fs::write(
        root.join("app/views.py"),
        "from django.db import connection\n\ndef customers():\n    return Customer.objects.all()\n\ndef notes(term):\n    Note.objects.filter(body=term).delete()\n    connection.cursor().execute(\"SELECT * FROM customers WHERE name = '%s'\" % term)\n",
    )
    .unwrap();
    let engine = engine(root);
    scan(&engine);
    let page = engine
        .boundaries(&BoundaryFilter::default(), &PageRequest::default())
        .unwrap();
    let rows: Vec<_> = page
        .items
        .iter()
        .map(|row| {
            (
                row.access.model.as_str(),
                row.access.operation.as_str(),
                row.tier,
                row.access.function.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Customer", "model", "critical", None),
            ("Customer", "select", "critical", Some("customers")),
            ("customers", "raw_query", "critical", Some("notes")),
            ("Note", "model", "low", None),
            ("Note", "delete", "low", Some("notes")),
        ]
    );
    let summary = engine.boundaries_summary().unwrap();
    assert_eq!(
        (
            summary.access_points,
            summary.models,
            summary.tables,
            summary.unsafe_sql
        ),
        (3, 2, 2, 1)
    );
    assert_eq!(summary.tiers, [2, 0, 1]);
    let unsafe_only = engine
        .boundaries(
            &BoundaryFilter {
                unsafe_only: true,
                ..BoundaryFilter::default()
            },
            &PageRequest::default(),
        )
        .unwrap();
    assert_eq!(
        unsafe_only.items[0].access.unsafe_sql.as_deref(),
        Some("SQL built by % formatting")
    );
    let customers = engine
        .boundaries(
            &BoundaryFilter {
                model: Some("customer".into()),
                ..BoundaryFilter::default()
            },
            &PageRequest::default(),
        )
        .unwrap();
    assert_eq!(
        customers.total, 3,
        "User, users and customers name one model"
    );
}

/// What schema v5's migration does to files stored before it (its last statement), on a
/// scanned project: the next incremental scan must read every file again, restore what was
/// extracted and add what the security analyses find, losing nothing.
#[test]
fn files_stored_before_the_security_schema_are_analysed_by_the_next_scan() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("src")).unwrap();
    fs::write(
        root.join("src/deploy.py"),
        format!("def deploy():\n    return '{}'\n", token(7)),
    )
    .unwrap();
    fs::write(
        root.join("src/util.py"),
        "def helper(x):\n    return x + 1\n",
    )
    .unwrap();
    let engine = engine(root);
    scan(&engine);
    let before = engine.status().unwrap().counts;
    common::as_before_migration(&engine, 5, "secrets");
    scan(&engine);
    assert_eq!(
        engine.status().unwrap().counts,
        before,
        "nothing extracted is lost"
    );
    assert_eq!(
        engine.secrets_summary().unwrap().total,
        1,
        "the secret is found"
    );
}
