//! A real scan of the fixtures persisted through `Database` as the scanner's baseline, with the
//! parse results stored, then an incremental scan: exact counts at each step.

use std::fs;
use std::path::Path;

use drift_analysis::parsers::ParserManager;
use drift_analysis::pool::build_pool;
use drift_analysis::scanner::{BaselineMode, OsSource, ScanDiff, Scanner};
use drift_core::config::{ScanConfig, StorageConfig};
use drift_storage::Database;
use drift_storage::scans::{self, Counts};

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Scans `root` against the database and stores the parse results of what changed; returns
/// the diff and the counts the parse results add up to for the changed files.
fn scan_and_store(db: &Database, root: &Path, parsers: &ParserManager) -> ScanDiff {
    let pool = build_pool(2).unwrap();
    let config = ScanConfig::default();
    let diff = Scanner::new(&pool, &config)
        .scan_with_baseline(
            &OsSource::new(root),
            db,
            "fixtures",
            BaselineMode::Incremental,
        )
        .unwrap();
    db.write(|tx| {
        for path in diff.added.iter().chain(&diff.modified) {
            if let Ok(result) = parsers.parse(path, &fs::read(root.join(path)).unwrap()) {
                scans::store_parse_result(tx, &result, false)?;
            }
        }
        Ok(())
    })
    .unwrap();
    diff
}

fn expected_counts(root: &Path, diff: &ScanDiff, parsers: &ParserManager) -> Counts {
    let mut counts = Counts {
        files: diff.entries.len() as u64,
        ..Counts::default()
    };
    for entry in &diff.entries {
        if let Ok(result) = parsers.parse(&entry.path, &fs::read(root.join(&entry.path)).unwrap()) {
            counts.functions += result.functions.len() as u64;
            counts.classes += result.classes.len() as u64;
            counts.imports += result.imports.len() as u64;
            counts.exports += result.exports.len() as u64;
            counts.call_sites += result.call_sites.len() as u64;
        }
    }
    counts
}

#[test]
fn full_then_incremental_scans_persist_exact_counts() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures");
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("project");
    fs::create_dir_all(&root).unwrap();
    copy_tree(&fixtures, &root);
    let db_dir = tempfile::tempdir().unwrap();
    let db = Database::open(&db_dir.path().join("drift.db"), &StorageConfig::default()).unwrap();
    let parsers = ParserManager::new(0);

    let first = scan_and_store(&db, &root, &parsers);
    assert_eq!(first.added.len(), first.entries.len());
    let stored = db.read(scans::counts).unwrap();
    assert_eq!(stored, expected_counts(&root, &first, &parsers));
    assert!(
        stored.functions > 300 && stored.call_sites > 900,
        "{stored:?}"
    );

    // Change one file (one more function), delete one, add one.
    let python = root.join("python/service.py");
    let mut text = fs::read_to_string(&python).unwrap();
    text.push_str("\n\ndef added_later(x):\n    return helper(x)\n");
    fs::write(&python, text).unwrap();
    fs::remove_file(root.join("go/tracker.go")).unwrap();
    fs::write(
        root.join("rust/extra.rs"),
        "pub fn extra() -> u32 { compute(1) }\n",
    )
    .unwrap();

    let second = scan_and_store(&db, &root, &parsers);
    assert_eq!(second.added, ["rust/extra.rs"]);
    assert_eq!(second.modified, ["python/service.py"]);
    assert_eq!(second.removed, ["go/tracker.go"]);
    assert_eq!(second.unchanged.len(), first.entries.len() - 2);
    assert_eq!(
        second.stats.files_read, 2,
        "only the changed files were read"
    );
    let stored = db.read(scans::counts).unwrap();
    assert_eq!(stored, expected_counts(&root, &second, &parsers));

    // A third scan finds nothing to do, from the database alone.
    let reopened = Database::open(db.path(), &StorageConfig::default()).unwrap();
    let third = scan_and_store(&reopened, &root, &parsers);
    assert!(third.added.is_empty() && third.modified.is_empty() && third.removed.is_empty());
    assert_eq!(third.stats.files_read, 0);
    assert_eq!(reopened.read(scans::counts).unwrap(), stored);
}
