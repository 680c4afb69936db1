//! The engine end to end on the fixtures: scans persist exactly what the parsers found,
//! incremental scans leave the database equal to a fresh full scan, pages cover every row,
//! the parse cache survives a restart, and databases move between engines.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use drift_core::CancellationToken;
use drift_core::errors::{DriftErrorCode, codes};
use drift_engine::{Engine, EngineOptions, ScanOutcome, ScanRequest, ScanTarget};
use drift_storage::files::FileFilter;
use drift_storage::listings::{
    CallSiteRow, ClassRow, ExportRow, FunctionRow, ImportRow, Listed, ListedRow, RowFilter,
};
use drift_storage::pagination::PageRequest;
use drift_storage::scans::Counts;

mod common;

use common::copy_tree;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures")
}

/// A copy of the fixtures and an engine over it whose database lives in `db_dir`.
struct Project {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Project {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        fs::create_dir_all(&root).unwrap();
        copy_tree(&fixtures(), &root);
        Self { _dir: dir, root }
    }

    fn engine(&self, db: &Path) -> Engine {
        self.engine_with(db, "")
    }

    /// An engine with the persisted parse cache on (off by default).
    /// With the persistent parse cache, and without detection: a scan that detects parses
    /// every file it reads afresh (the detectors need the tree, which a cached result lacks).
    fn cached_engine(&self, db: &Path) -> Engine {
        self.engine_with(
            db,
            "[parse]\npersistent_cache = true\n[detection]\nenabled = false\n",
        )
    }

    fn engine_with(&self, db: &Path, extra: &str) -> Engine {
        open_engine(&self.root, db, extra)
    }
}

/// An engine on two threads over `root`, its database at `db`, with `extra` configuration.
fn open_engine(root: &Path, db: &Path, extra: &str) -> Engine {
    Engine::open(&EngineOptions {
        root: Some(root.to_path_buf()),
        threads: Some(2),
        config_toml: Some(format!(
            "[storage]\ndb_path = {:?}\n{extra}",
            db.to_str().unwrap()
        )),
    })
    .unwrap()
}

fn scan(engine: &Engine, full: bool) -> ScanOutcome {
    engine
        .scan(
            ScanTarget::Directory(".".into()),
            ScanRequest { full, parse: true },
            None,
            &CancellationToken::new(),
        )
        .unwrap()
}

fn counts(engine: &Engine) -> Counts {
    engine.status().unwrap().counts
}

/// Every row of a listing, page by page, checking the pages as it goes.
fn all_rows<T: ListedRow>(engine: &Engine, filter: &RowFilter, limit: u32) -> Vec<Listed<T>> {
    let mut rows = Vec::new();
    let mut cursor = None;
    let mut total = None;
    loop {
        let page = engine
            .list::<T>(
                filter,
                &PageRequest {
                    cursor,
                    limit: Some(limit),
                },
            )
            .unwrap();
        assert!(page.items.len() <= limit as usize);
        assert_eq!(
            *total.get_or_insert(page.total),
            page.total,
            "the total is stable"
        );
        rows.extend(page.items);
        if !page.has_more {
            assert!(page.next_cursor.is_none());
            break;
        }
        cursor = page.next_cursor;
    }
    assert_eq!(
        rows.len() as u64,
        total.unwrap(),
        "the pages add up to the total"
    );
    rows
}

#[test]
fn a_full_scan_persists_what_the_parsers_found_and_pages_cover_every_row() {
    let project = Project::new();
    let db = tempfile::tempdir().unwrap();
    let engine = project.engine(&db.path().join("drift.db"));
    let outcome = scan(&engine, true);
    let parsed = outcome.parsed.unwrap();
    assert!(parsed.functions > 300, "{parsed:?}");
    let stored = counts(&engine);
    assert_eq!(stored.files, outcome.diff.entries.len() as u64);
    assert_eq!(
        (stored.functions, stored.classes, stored.call_sites),
        (parsed.functions, parsed.classes, parsed.call_sites)
    );
    let status = engine.status().unwrap();
    assert_eq!(status.files_parsed, parsed.files);
    assert_eq!(status.files_partial, parsed.with_syntax_errors);
    assert!(status.last_scan_at.is_some());

    let functions: Vec<Listed<FunctionRow>> = all_rows(&engine, &RowFilter::default(), 37);
    assert_eq!(functions.len() as u64, stored.functions);
    let ids: HashSet<i64> = functions.iter().map(|row| row.id).collect();
    assert_eq!(ids.len(), functions.len(), "no row appears twice");
    let names: Vec<&str> = functions.iter().map(|row| row.row.name.as_str()).collect();
    assert!(
        names.windows(2).all(|pair| pair[0] <= pair[1]),
        "ordered by name"
    );

    let python = RowFilter {
        language: Some("python".into()),
        ..RowFilter::default()
    };
    let python_rows: Vec<Listed<FunctionRow>> = all_rows(&engine, &python, 100);
    assert!(!python_rows.is_empty() && python_rows.len() < functions.len());
    assert!(python_rows.iter().all(|row| {
        row.language.as_deref() == Some("python")
            && Path::new(&row.file)
                .extension()
                .is_some_and(|ext| ext == "py")
    }));
    let by_prefix = RowFilter {
        path_prefix: Some("rust/".into()),
        name: Some("new".into()),
        ..RowFilter::default()
    };
    for row in all_rows::<FunctionRow>(&engine, &by_prefix, 100) {
        assert!(row.file.starts_with("rust/"));
        assert!(row.row.name.starts_with("new"));
    }
    let classes: Vec<Listed<ClassRow>> = all_rows(&engine, &RowFilter::default(), 100);
    assert_eq!(classes.len() as u64, stored.classes);
    assert!(
        classes.iter().any(|row| !row.row.bases.is_empty()),
        "bases read"
    );
    let imports: Vec<Listed<ImportRow>> = all_rows(&engine, &RowFilter::default(), 100);
    assert_eq!(imports.len() as u64, stored.imports);
    assert!(
        imports.iter().any(|row| !row.row.names.is_empty()),
        "names read"
    );
    let exports: Vec<Listed<ExportRow>> = all_rows(&engine, &RowFilter::default(), 100);
    assert_eq!(exports.len() as u64, stored.exports);
    let calls: Vec<Listed<CallSiteRow>> = all_rows(&engine, &RowFilter::default(), 100);
    assert_eq!(calls.len() as u64, stored.call_sites);
    assert!(
        calls
            .windows(2)
            .all(|pair| pair[0].row.callee <= pair[1].row.callee),
        "call sites by callee"
    );
    assert!(
        calls
            .iter()
            .any(|row| row.row.receiver.is_some() && row.row.arg_count > 0)
    );
    let err = engine
        .list::<FunctionRow>(
            &RowFilter::default(),
            &PageRequest {
                cursor: Some("bm9wZQ".into()),
                limit: None,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), codes::INVALID_CURSOR);
    let err = engine
        .list::<FunctionRow>(
            &RowFilter::default(),
            &PageRequest {
                cursor: None,
                limit: Some(101),
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), codes::INVALID_FILTER);
}

#[test]
fn an_incremental_scan_leaves_the_database_equal_to_a_fresh_full_scan() {
    let project = Project::new();
    let db = tempfile::tempdir().unwrap();
    let engine = project.engine(&db.path().join("drift.db"));
    let first = scan(&engine, false);
    assert_eq!(first.diff.added.len(), first.diff.entries.len());

    let python = project.root.join("python/service.py");
    let mut text = fs::read_to_string(&python).unwrap();
    text.push_str("\n\ndef added_later(x):\n    return helper(x)\n");
    fs::write(&python, text).unwrap();
    fs::remove_file(project.root.join("go/tracker.go")).unwrap();
    fs::write(
        project.root.join("rust/extra.rs"),
        "pub fn extra() -> u32 { compute(1) }\n",
    )
    .unwrap();

    let second = scan(&engine, false);
    assert_eq!(second.diff.added, ["rust/extra.rs"]);
    assert_eq!(second.diff.modified, ["python/service.py"]);
    assert_eq!(second.diff.removed, ["go/tracker.go"]);
    assert_eq!(
        second.parsed.as_ref().unwrap().files,
        2,
        "only the changed files were parsed"
    );
    let changed = engine
        .files(
            &FileFilter {
                changed_since: Some(second.generation),
                ..FileFilter::default()
            },
            &PageRequest::default(),
        )
        .unwrap();
    let changed: Vec<&str> = changed
        .items
        .iter()
        .map(|file| file.path.as_str())
        .collect();
    assert_eq!(changed, ["python/service.py", "rust/extra.rs"]);

    let fresh_db = tempfile::tempdir().unwrap();
    let fresh = project.engine(&fresh_db.path().join("drift.db"));
    scan(&fresh, true);
    assert_eq!(counts(&engine), counts(&fresh));
    let added = all_rows::<FunctionRow>(
        &engine,
        &RowFilter {
            name: Some("added_later".into()),
            ..RowFilter::default()
        },
        10,
    );
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].file, "python/service.py");

    // A scan without parsing drops the rows of a file whose content changed (they described
    // the old content) instead of keeping them as if current.
    fs::write(&python, "def only_one():\n    pass\n").unwrap();
    engine
        .scan(
            ScanTarget::Directory(".".into()),
            ScanRequest {
                full: false,
                parse: false,
            },
            None,
            &CancellationToken::new(),
        )
        .unwrap();
    let stale = all_rows::<FunctionRow>(
        &engine,
        &RowFilter {
            path_prefix: Some("python/service.py".into()),
            ..RowFilter::default()
        },
        100,
    );
    assert!(stale.is_empty(), "{stale:?}");
}

#[test]
fn the_persisted_parse_cache_hits_after_a_restart() {
    let project = Project::new();
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("drift.db");
    let first = {
        let engine = project.cached_engine(&path);
        let result = engine.parse_file_cached("python/service.py").unwrap();
        assert_eq!(engine.parsers().store_hits(), 0);
        assert_eq!(engine.storage_stats().unwrap().parse_cache_entries, 1);
        result
    };
    let engine = project.cached_engine(&path);
    let again = engine.parse_file_cached("python/service.py").unwrap();
    assert_eq!(
        engine.parsers().store_hits(),
        1,
        "served from drift.db, not parsed again"
    );
    assert_eq!(again, first);

    // A full scan stores every fresh result; after a restart a full rescan parses nothing.
    scan(&engine, true);
    let entries = engine.storage_stats().unwrap().parse_cache_entries;
    assert!(entries > 30, "{entries}");
    drop(engine);
    let engine = project.cached_engine(&path);
    let rescan = scan(&engine, true);
    let parsed = rescan.parsed.unwrap();
    assert_eq!(
        parsed.cache_hits, parsed.files,
        "every file came from the persisted cache"
    );
}

#[test]
fn without_the_persistent_cache_nothing_is_cached_in_the_database_and_the_rows_are_the_same() {
    let project = Project::new();
    let db = tempfile::tempdir().unwrap();
    let cached = project.cached_engine(&db.path().join("cached.db"));
    scan(&cached, true);
    let uncached = project.engine_with(
        &db.path().join("uncached.db"),
        "[parse]\npersistent_cache = false\ncache_entries = 0\n",
    );
    let outcome = scan(&uncached, true);
    assert_eq!(counts(&uncached), counts(&cached));
    assert_eq!(uncached.storage_stats().unwrap().parse_cache_entries, 0);
    assert!(cached.storage_stats().unwrap().parse_cache_entries > 30);
    uncached.parse_file_cached("python/service.py").unwrap();
    assert_eq!(uncached.storage_stats().unwrap().parse_cache_entries, 0);
    // `cache_entries = 0`: nothing is kept in memory either, so the same file parses again.
    let parsed = outcome.parsed.unwrap();
    assert_eq!(parsed.cache_hits, 0);
    uncached.parse_file_cached("python/service.py").unwrap();
    assert_eq!(uncached.parsers().store_hits(), 0);
    let memory = uncached.parsers().cache().stats();
    assert_eq!((memory.hits, memory.entries, memory.capacity), (0, 0, 0));
}

#[test]
fn a_database_moves_between_engines_and_a_bad_one_changes_nothing() {
    let project = Project::new();
    let db = tempfile::tempdir().unwrap();
    let engine = project.engine(&db.path().join("drift.db"));
    scan(&engine, true);
    let bytes = engine.export_database().unwrap();

    let other_db = tempfile::tempdir().unwrap();
    let other = project.engine(&other_db.path().join("drift.db"));
    let status = other.import_database(&bytes).unwrap();
    assert_eq!(status.counts, counts(&engine));
    // The imported state is the baseline: nothing changed on disk since.
    let next = scan(&other, false);
    assert!(
        next.diff.added.is_empty() && next.diff.modified.is_empty() && next.diff.removed.is_empty()
    );

    let err = other.import_database(b"not a database").unwrap_err();
    assert_eq!(err.code(), codes::DB_CORRUPT);
    assert_eq!(counts(&other), counts(&engine));

    let backup = other_db.path().join("copy.db");
    other.backup_to(&backup).unwrap();
    assert!(fs::metadata(&backup).unwrap().len() > 0);
}

#[test]
fn scanning_another_project_replaces_the_stored_one() {
    let project = Project::new();
    let db = tempfile::tempdir().unwrap();
    let engine = project.engine(&db.path().join("drift.db"));
    scan(&engine, false);
    let mut source = drift_analysis::scanner::MemorySource::new();
    source.insert_or_report("only.py", b"def alone():\n    pass\n".to_vec(), 0);
    let outcome = engine
        .scan(
            ScanTarget::Memory {
                source,
                project: "upload".into(),
            },
            ScanRequest::default(),
            None,
            &CancellationToken::new(),
        )
        .unwrap();
    assert_eq!(outcome.diff.added, ["only.py"]);
    let stored = counts(&engine);
    assert_eq!((stored.files, stored.functions), (1, 1));
    assert_eq!(
        engine.status().unwrap().last_scan_root.as_deref(),
        Some("upload")
    );
}

#[test]
fn the_database_is_never_scanned_even_inside_the_project() {
    let project = Project::new();
    for db in [
        project.root.join(".drift/drift.db"),
        project.root.join("state/x.db"),
    ] {
        let engine = project.engine(&db);
        let first = scan(&engine, true);
        assert!(
            first.diff.entries.iter().all(
                |entry| !entry.path.starts_with(".drift/") && !entry.path.starts_with("state/")
            ),
            "{db:?} was scanned"
        );
        let second = scan(&engine, false);
        assert!(
            second.diff.added.is_empty() && second.diff.modified.is_empty(),
            "{:?}",
            second.diff.modified
        );
    }
}

#[test]
fn large_files_parsed_one_at_a_time_keep_every_function() {
    // Files of 256 KiB or more are parsed one at a time and followed by a return of freed
    // memory (drift_analysis::memory): four of them and many small ones on two threads, so the
    // large ones queue behind each other while the small ones go on.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    fs::create_dir_all(&root).unwrap();
    let per_large = 6_000;
    for at in 0..4 {
        let mut text = String::new();
        for n in 0..per_large {
            writeln!(
                text,
                "export function large{at}_{n}(value: number): number {{\n  return value + {n}\n}}"
            )
            .unwrap();
        }
        assert!(text.len() >= drift_analysis::memory::LARGE_FILE_BYTES);
        fs::write(root.join(format!("large{at}.ts")), text).unwrap();
    }
    for at in 0..40 {
        fs::write(
            root.join(format!("small{at}.py")),
            format!("def small_{at}(x):\n    return x\n"),
        )
        .unwrap();
    }
    // No parse budget: 450 KB files in a debug build on a busy machine may take longer than
    // the default.
    let engine = open_engine(
        &root,
        &dir.path().join("drift.db"),
        "[parse]\ntimeout_ms = 0\n",
    );
    let outcome = scan(&engine, true);
    let parsed = outcome.parsed.expect("parsed");
    assert!(parsed.failed.is_empty(), "{:?}", parsed.failed);
    assert_eq!(parsed.files, 44);
    for at in 0..4 {
        let filter = RowFilter {
            path_prefix: Some(format!("large{at}.ts")),
            ..RowFilter::default()
        };
        let rows: Vec<Listed<FunctionRow>> = all_rows(&engine, &filter, 100);
        assert_eq!(rows.len(), per_large, "large{at}.ts");
        assert!(
            rows.iter()
                .all(|row| row.row.name.starts_with(&format!("large{at}_")))
        );
    }
    let python = RowFilter {
        language: Some("python".into()),
        ..RowFilter::default()
    };
    assert_eq!(all_rows::<FunctionRow>(&engine, &python, 100).len(), 40);
}
