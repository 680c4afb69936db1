//! drift.db behaviour: pragmas, migrations, transactions, pagination, error codes.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use drift_core::config::StorageConfig;
use drift_core::errors::{DriftErrorCode, StorageError, codes};
use drift_storage::Database;
use drift_storage::files::{self, FileFilter, FileWrite};
use drift_storage::migrations::{MIGRATIONS, Migration, latest_version};
use drift_storage::pagination::{Cursor, PageRequest};
use drift_storage::parse_cache;
use drift_storage::scans;

fn open(dir: &Path) -> Database {
    Database::open(&dir.join("drift.db"), &StorageConfig::default()).unwrap()
}

fn file(path: &str, hash: i64) -> FileWrite {
    FileWrite {
        path: path.to_owned(),
        language: Some("typescript".to_owned()),
        content_hash: hash,
        size: 10,
        mtime_ns: 1,
    }
}

fn write_files(db: &Database, files: &[FileWrite]) -> i64 {
    db.write(|tx| {
        let generation = files::next_generation(tx)?;
        files::upsert(tx, generation, files)?;
        Ok(generation)
    })
    .unwrap()
}

#[test]
fn a_new_database_has_the_pragmas_and_every_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    let pragma = |name: &str| -> String {
        db.read(|c| {
            c.query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|value| format!("{value:?}"))
            .map_err(drift_storage::connection::classify)
        })
        .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(pragma("busy_timeout"), "Integer(5000)");
    // Negative: KiB.
    assert_eq!(
        pragma("cache_size"),
        format!(
            "Integer(-{})",
            drift_core::constants::DEFAULT_PAGE_CACHE_MIB * 1024
        )
    );
    assert_eq!(pragma("temp_store"), "Integer(2)");
    assert_eq!(
        pragma("user_version"),
        format!("Integer({})", latest_version())
    );
    // synchronous and auto_vacuum are per connection / per file: check on the writer's file.
    let writer_view: (i64, i64) = db
        .write(|tx| {
            Ok((
                tx.query_row("PRAGMA synchronous", [], |r| r.get(0))
                    .unwrap(),
                tx.query_row("PRAGMA auto_vacuum", [], |r| r.get(0))
                    .unwrap(),
            ))
        })
        .unwrap();
    assert_eq!(
        writer_view,
        (1, 2),
        "synchronous=NORMAL, auto_vacuum=INCREMENTAL"
    );
    let tables: Vec<String> = db
        .read(|c| {
            let mut statement = c
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .unwrap();
            Ok(statement
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect())
        })
        .unwrap();
    assert_eq!(
        tables,
        [
            "boundaries",
            "call_sites",
            "classes",
            "conventions",
            "detection_runs",
            "exports",
            "file_detection",
            "files",
            "functions",
            "graph_facts",
            "imports",
            "outliers",
            "parse_cache",
            "pattern_counts",
            "pattern_history",
            "pattern_locations",
            "pattern_seen",
            "pattern_status",
            "patterns",
            "scan_state",
            "secrets",
            "sensitive_fields",
            "taint_flows",
            "taint_summaries",
            "violations"
        ]
    );
    drop(db);
    // Reopening migrates nothing and keeps the data.
    let db = open(dir.path());
    assert_eq!(
        db.read(|c| Ok(c
            .query_row("SELECT generation FROM scan_state", [], |r| r
                .get::<_, i64>(0))
            .unwrap()))
            .unwrap(),
        0
    );
}

#[test]
fn five_hundred_rows_commit_in_one_transaction_and_a_failure_rolls_back_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    let rows: Vec<FileWrite> = (0..500)
        .map(|i| file(&format!("src/f{i:03}.ts"), i))
        .collect();
    write_files(&db, &rows);
    let count = |db: &Database| {
        db.read(|c| {
            Ok(
                c.query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))
                    .unwrap(),
            )
        })
        .unwrap()
    };
    assert_eq!(count(&db), 500);
    let failed = db.write(|tx| {
        files::upsert(tx, 9, &[file("new.ts", 1)])?;
        Err::<(), _>(StorageError::InvalidFilter {
            reason: "stop".into(),
        })
    });
    assert!(failed.is_err());
    assert_eq!(
        count(&db),
        500,
        "the failed transaction left nothing behind"
    );
}

#[test]
fn pages_of_100_cover_1000_rows_without_gaps_or_duplicates_even_with_equal_sort_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    let rows: Vec<FileWrite> = (0..1000)
        .map(|i| file(&format!("dir{}/file{i:04}.ts", i % 10), i))
        .collect();
    write_files(&db, &rows);
    let mut seen = Vec::new();
    let mut request = PageRequest {
        cursor: None,
        limit: Some(100),
    };
    loop {
        let page = db
            .read(|c| files::list(c, &FileFilter::default(), &request))
            .unwrap();
        assert_eq!(page.total, 1000);
        assert!(page.items.len() <= 100);
        seen.extend(page.items.iter().map(|f| f.path.clone()));
        if !page.has_more {
            assert!(page.next_cursor.is_none());
            break;
        }
        request.cursor = page.next_cursor;
    }
    assert_eq!(seen.len(), 1000);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 1000);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));

    // Equal sort keys: the id breaks ties.
    let cursor = Cursor {
        listing: "files".into(),
        sort_key: "dir0/file0000.ts".into(),
        id: 0,
    };
    let page = db
        .read(|c| {
            files::list(
                c,
                &FileFilter::default(),
                &PageRequest {
                    cursor: Some(cursor.encode()),
                    limit: Some(1),
                },
            )
        })
        .unwrap();
    assert_eq!(
        page.items[0].path, "dir0/file0000.ts",
        "same key, higher id comes after"
    );

    let filtered = db
        .read(|c| {
            files::list(
                c,
                &FileFilter {
                    path_prefix: Some("dir3/".into()),
                    ..FileFilter::default()
                },
                &PageRequest::default(),
            )
        })
        .unwrap();
    assert_eq!((filtered.total, filtered.items.len()), (100, 100));
}

#[test]
fn bad_cursors_and_limits_are_rejected_with_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    for text in [
        "%%%",
        "aGVsbG8",
        &Cursor {
            listing: "functions".into(),
            sort_key: "a".into(),
            id: 1,
        }
        .encode(),
    ] {
        let err = db
            .read(|c| {
                files::list(
                    c,
                    &FileFilter::default(),
                    &PageRequest {
                        cursor: Some(text.to_owned()),
                        limit: None,
                    },
                )
            })
            .unwrap_err();
        assert_eq!(err.code(), codes::INVALID_CURSOR, "{text}: {err}");
    }
    let err = db
        .read(|c| {
            files::list(
                c,
                &FileFilter::default(),
                &PageRequest {
                    cursor: None,
                    limit: Some(101),
                },
            )
        })
        .unwrap_err();
    assert_eq!(err.code(), codes::INVALID_FILTER);
}

#[test]
fn reads_rotate_over_the_pool_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    let used: HashSet<usize> = (0..8).map(|_| db.read_on(|_| Ok(())).unwrap().0).collect();
    assert_eq!(used.len(), db.reader_count());
    let err = db
        .read(|c| {
            c.execute("DELETE FROM files", [])
                .map_err(drift_storage::connection::classify)
        })
        .unwrap_err();
    assert_eq!(err.code(), codes::STORAGE_ERROR);
    assert!(err.to_string().contains("readonly"), "{err}");
}

#[test]
fn eight_writer_threads_persist_every_row_without_busy_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = Arc::new(open(dir.path()));
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let db = Arc::clone(&db);
            std::thread::spawn(move || {
                for i in 0..100 {
                    db.write(|tx| files::upsert(tx, 1, &[file(&format!("t{t}/f{i}.ts"), i)]))
                        .unwrap();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    let total = db
        .read(|c| {
            Ok(
                c.query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))
                    .unwrap(),
            )
        })
        .unwrap();
    assert_eq!(total, 800);
}

#[test]
fn a_failing_migration_leaves_the_database_at_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drift.db");
    let broken = [
        MIGRATIONS[0],
        Migration {
            version: 2,
            name: "broken",
            sql: "CREATE TABLE extra (x INTEGER); CREATE TABLE files (nope);",
        },
    ];
    let err =
        Database::open_with_migrations(&path, &StorageConfig::default(), &broken).unwrap_err();
    assert_eq!(err.code(), codes::MIGRATION_FAILED);
    let db =
        Database::open_with_migrations(&path, &StorageConfig::default(), &MIGRATIONS[..1]).unwrap();
    let (version, extra): (u32, i64) = db
        .read(|c| {
            Ok((
                c.query_row("PRAGMA user_version", [], |r| r.get(0))
                    .unwrap(),
                c.query_row(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'extra'",
                    [],
                    |r| r.get(0),
                )
                .unwrap(),
            ))
        })
        .unwrap();
    assert_eq!((version, extra), (1, 0), "step 2 was rolled back entirely");

    // A file from a newer Drift is refused, not downgraded.
    drop(db);
    let next = latest_version() + 1;
    let mut newer = MIGRATIONS.to_vec();
    newer.push(Migration {
        version: next,
        name: "ok",
        sql: "CREATE TABLE extra (x INTEGER);",
    });
    Database::open_with_migrations(&path, &StorageConfig::default(), &newer).unwrap();
    let err = Database::open(&path, &StorageConfig::default()).unwrap_err();
    assert_eq!(err.code(), codes::MIGRATION_FAILED);
    assert!(
        err.to_string().contains(&format!("schema version {next}")),
        "{err}"
    );
}

#[test]
fn a_full_disk_gives_db_disk_full_and_a_busy_lock_gives_db_busy() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    let err = db
        .write(|tx| {
            tx.execute_batch("PRAGMA max_page_count = 40;")
                .map_err(drift_storage::connection::classify)?;
            let big: Vec<FileWrite> = (0..5000).map(|i| file(&format!("{i:0>200}"), i)).collect();
            files::upsert(tx, 1, &big)
        })
        .unwrap_err();
    assert_eq!(err.code(), codes::DB_DISK_FULL, "{err}");

    // Another process holding the write lock past the busy timeout.
    let config = StorageConfig {
        busy_timeout_ms: 50,
        ..StorageConfig::default()
    };
    let path = dir.path().join("busy.db");
    let db = Database::open(&path, &config).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; INSERT INTO files (path, content_hash, size, mtime_ns) VALUES ('x', 1, 1, 1);").unwrap();
    let started = std::time::Instant::now();
    let err = db
        .write(|tx| files::upsert(tx, 1, &[file("y.ts", 1)]))
        .unwrap_err();
    assert_eq!(err.code(), codes::DB_BUSY);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(45),
        "it waited for the busy timeout"
    );
    other.execute_batch("ROLLBACK").unwrap();
    db.write(|tx| files::upsert(tx, 1, &[file("y.ts", 1)]))
        .unwrap();
}

#[test]
fn a_damaged_file_gives_db_corrupt_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drift.db");
    std::fs::write(
        &path,
        b"this is not a database, it is a user's file".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Database::open(&path, &StorageConfig::default()).unwrap_err();
    assert_eq!(err.code(), codes::DB_CORRUPT, "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was left as it was"
    );
}

#[test]
fn unicode_round_trips_byte_for_byte_and_removed_files_cascade() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    let names = [
        "naïve café.py",
        "日本語/名前.ts",
        "emoji-🚀.js",
        "a&b (copy) #1.rb",
    ];
    let rows: Vec<FileWrite> = names.iter().map(|n| file(n, 7)).collect();
    write_files(&db, &rows);
    for name in names {
        let stored = db.read(|c| files::get(c, name)).unwrap().unwrap();
        assert_eq!(stored.path.as_bytes(), name.as_bytes());
    }
    let id = db.read(|c| files::get(c, names[0])).unwrap().unwrap().id;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO functions (file_id, name, qualified_name, parameters, is_async, is_method, start_line, end_line, body_hash, signature_hash) VALUES (?1, 'f', 'f', 0, 0, 0, 1, 2, 0, 0)",
            [id],
        )
        .unwrap();
        Ok(())
    })
    .unwrap();
    let deleted = db
        .write(|tx| files::delete(tx, &[names[0].to_owned(), "missing.ts".to_owned()]))
        .unwrap();
    assert_eq!(deleted, 1);
    let functions: i64 = db
        .read(|c| {
            Ok(
                c.query_row("SELECT count(*) FROM functions", [], |r| r.get(0))
                    .unwrap(),
            )
        })
        .unwrap();
    assert_eq!(
        functions, 0,
        "rows extracted from a removed file go with it"
    );
}

#[test]
fn changed_files_are_tracked_per_generation_and_the_parse_cache_persists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drift.db");
    {
        let db = Database::open(&path, &StorageConfig::default()).unwrap();
        let first = write_files(&db, &[file("a.ts", 1), file("b.ts", 2)]);
        let second = write_files(&db, &[file("a.ts", 1), file("b.ts", 3), file("c.ts", 4)]);
        assert_eq!(second, first + 1);
        let changed = db
            .read(|c| {
                files::list(
                    c,
                    &FileFilter {
                        changed_since: Some(second),
                        ..FileFilter::default()
                    },
                    &PageRequest::default(),
                )
            })
            .unwrap();
        let paths: Vec<_> = changed.items.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["b.ts", "c.ts"], "a.ts kept its content");
        db.write(|tx| parse_cache::put(tx, 42, "python", 0, br#"{"functions":[]}"#))
            .unwrap();
        db.checkpoint().unwrap();
    }
    let db = Database::open(&path, &StorageConfig::default()).unwrap();
    let hit = db.read(|c| parse_cache::get(c, 42, "python", 0)).unwrap();
    assert_eq!(
        hit.as_deref(),
        Some(&br#"{"functions":[]}"#[..]),
        "after a restart the entry is there"
    );
    let created_at: i64 = db
        .read(|c| {
            Ok(
                c.query_row("SELECT created_at FROM parse_cache", [], |r| r.get(0))
                    .unwrap(),
            )
        })
        .unwrap();
    let now_ms = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap();
    assert!(
        (now_ms - created_at).abs() < 600_000,
        "stamped with the time of the put: {created_at}"
    );
    assert_eq!(
        db.read(|c| parse_cache::get(c, 42, "python", 1)).unwrap(),
        None
    );

    let copy = dir.path().join("copy.db");
    db.backup_to(&copy).unwrap();
    let restored = Database::open(&copy, &StorageConfig::default()).unwrap();
    assert_eq!(
        restored
            .read(|c| files::list(c, &FileFilter::default(), &PageRequest::default()))
            .unwrap()
            .total,
        3
    );
}

mod batch_writer {
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use drift_core::config::StorageConfig;
    use drift_storage::Database;
    use drift_storage::batch::{BatchCommand, BatchWriter};

    use super::file;

    fn count(db: &Database) -> i64 {
        db.read(|c| {
            Ok(c.query_row("SELECT count(*) FROM files", [], |r| r.get(0))
                .unwrap())
        })
        .unwrap()
    }

    #[test]
    fn full_batches_commit_and_a_small_one_is_flushed_when_idle() {
        let dir = tempfile::tempdir().unwrap();
        let db = Arc::new(
            Database::open(&dir.path().join("drift.db"), &StorageConfig::default()).unwrap(),
        );
        let writer = BatchWriter::start(Arc::clone(&db), &StorageConfig::default()).unwrap();
        for i in 0..1000 {
            writer
                .send(BatchCommand::UpsertFile {
                    generation: 1,
                    file: file(&format!("f{i}.ts"), i),
                })
                .unwrap();
        }
        writer.flush().unwrap();
        assert_eq!(count(&db), 1000);

        // Below a batch: committed by the idle timer, without a flush.
        for i in 0..7 {
            writer
                .send(BatchCommand::UpsertFile {
                    generation: 2,
                    file: file(&format!("g{i}.ts"), i),
                })
                .unwrap();
        }
        let started = Instant::now();
        while count(&db) < 1007 {
            assert!(
                started.elapsed() < Duration::from_millis(200),
                "not flushed within 200 ms"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        writer
            .send(BatchCommand::DeleteFile {
                path: "g0.ts".into(),
            })
            .unwrap();
        let stats = writer.finish().unwrap();
        assert_eq!(count(&db), 1006, "finish commits what was queued");
        assert_eq!(stats.rows, 1008);
        assert!(stats.transactions >= 3, "{stats:?}");
    }

    #[test]
    fn a_full_channel_blocks_the_sender_and_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let config = StorageConfig {
            channel_capacity: 4,
            batch_size: 3,
            ..StorageConfig::default()
        };
        let db = Arc::new(Database::open(&dir.path().join("drift.db"), &config).unwrap());
        let writer = Arc::new(BatchWriter::start(Arc::clone(&db), &config).unwrap());
        let senders: Vec<_> = (0..4)
            .map(|t| {
                let writer = Arc::clone(&writer);
                std::thread::spawn(move || {
                    for i in 0..250 {
                        writer
                            .send(BatchCommand::UpsertFile {
                                generation: 1,
                                file: file(&format!("t{t}/{i}.ts"), i),
                            })
                            .unwrap();
                    }
                })
            })
            .collect();
        // Readers meanwhile see the count grow, never shrink.
        let mut seen = Vec::new();
        for _ in 0..50 {
            seen.push(count(&db));
            std::thread::sleep(Duration::from_millis(1));
        }
        for sender in senders {
            sender.join().unwrap();
        }
        writer.flush().unwrap();
        assert_eq!(count(&db), 1000);
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    }
}

#[test]
fn readers_never_see_part_of_a_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let db = std::sync::Arc::new(open(dir.path()));
    let writer = {
        let db = std::sync::Arc::clone(&db);
        std::thread::spawn(move || {
            for round in 0..20 {
                let rows: Vec<FileWrite> = (0..500)
                    .map(|i| file(&format!("r{round}/f{i}.ts"), i))
                    .collect();
                write_files(&db, &rows);
            }
        })
    };
    let mut seen = HashSet::new();
    while !writer.is_finished() {
        let count: i64 = db
            .read(|c| {
                Ok(c.query_row("SELECT count(*) FROM files", [], |r| r.get(0))
                    .unwrap())
            })
            .unwrap();
        assert_eq!(
            count % 500,
            0,
            "saw {count} rows: part of a 500-row transaction"
        );
        seen.insert(count);
    }
    writer.join().unwrap();
    assert!(!seen.is_empty(), "the reader ran beside the writer");
}

/// Rows in `files`, read through the pool.
fn file_count(db: &Database) -> i64 {
    db.read(|c| {
        Ok(c.query_row("SELECT count(*) FROM files", [], |r| r.get(0))
            .unwrap())
    })
    .unwrap()
}

/// A way to damage a file's bytes.
type Damage = fn(&mut Vec<u8>);

/// Copies `drift.db` and its `-wal` as they are while the database is open: what a crash
/// leaves behind.
fn crash_copy(from: &Path, to: &Path) {
    for suffix in ["", "-wal"] {
        let name = format!("drift.db{suffix}");
        std::fs::copy(from.join(&name), to.join(&name)).unwrap();
    }
}

#[test]
fn a_truncated_or_damaged_wal_recovers_whole_transactions_or_reports_db_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    for batch in 0..3 {
        let rows: Vec<FileWrite> = (0..500)
            .map(|i| file(&format!("b{batch}/f{i:03}.ts"), i))
            .collect();
        write_files(&db, &rows);
    }
    let wal_len = std::fs::metadata(dir.path().join("drift.db-wal"))
        .unwrap()
        .len();
    assert!(wal_len > 0, "the rows are still in the WAL");

    let damages: [(&str, Damage); 4] = [
        ("cut in half", |wal| wal.truncate(wal.len() / 2)),
        ("cut one byte short", |wal| wal.truncate(wal.len() - 1)),
        ("header only", |wal| wal.truncate(32)),
        ("a flipped byte in the middle", |wal| {
            let middle = wal.len() / 2;
            wal[middle] ^= 0xff;
        }),
    ];
    for (what, damage) in damages {
        let copy = tempfile::tempdir().unwrap();
        crash_copy(dir.path(), copy.path());
        let wal_path = copy.path().join("drift.db-wal");
        let mut wal = std::fs::read(&wal_path).unwrap();
        damage(&mut wal);
        std::fs::write(&wal_path, wal).unwrap();
        match Database::open(&copy.path().join("drift.db"), &StorageConfig::default()) {
            Ok(recovered) => {
                let count = file_count(&recovered);
                assert_eq!(
                    count % 500,
                    0,
                    "{what}: only whole transactions survive, got {count} rows"
                );
                assert!(
                    count < 1500,
                    "{what}: the damaged tail cannot have been kept"
                );
                let check: String = recovered
                    .read(|c| {
                        Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
                            .unwrap())
                    })
                    .unwrap();
                assert_eq!(check, "ok", "{what}");
            }
            Err(err) => assert_eq!(err.code(), codes::DB_CORRUPT, "{what}: {err}"),
        }
    }
    // An intact crash copy keeps everything that was committed.
    let copy = tempfile::tempdir().unwrap();
    crash_copy(dir.path(), copy.path());
    let intact = open(copy.path());
    let count = file_count(&intact);
    assert_eq!(count, 1500);
}

#[test]
fn exported_bytes_import_elsewhere_and_bad_bytes_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    let rows: Vec<FileWrite> = (0..300).map(|i| file(&format!("src/ü{i}.ts"), i)).collect();
    write_files(&db, &rows);
    let bytes = db.export_bytes().unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    assert_eq!(
        (bytes[18], bytes[19]),
        (1, 1),
        "exported as a rollback-journal file"
    );

    let other_dir = tempfile::tempdir().unwrap();
    let other = open(other_dir.path());
    write_files(&other, &[file("old.ts", 1)]);
    other.restore_bytes(&bytes).unwrap();
    let paths = |db: &Database| {
        db.read(|c| {
            let mut statement = c.prepare("SELECT path FROM files ORDER BY path").unwrap();
            let paths: Vec<String> = statement
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            Ok(paths)
        })
        .unwrap()
    };
    assert_eq!(paths(&other), paths(&db));
    assert_eq!(paths(&other).len(), 300);

    // Written as a file, the export opens natively as it is.
    let file_dir = tempfile::tempdir().unwrap();
    std::fs::write(file_dir.path().join("drift.db"), &bytes).unwrap();
    assert_eq!(paths(&open(file_dir.path())).len(), 300);

    let mut damaged = bytes.clone();
    let len = damaged.len();
    damaged[len / 2..].fill(0x5a);
    let cases: [(&str, &[u8]); 4] = [
        (
            "not sqlite",
            b"hello world, definitely not a database file at all",
        ),
        ("empty", b""),
        ("damaged pages", &damaged),
        ("truncated", &bytes[..bytes.len() / 3]),
    ];
    for (what, bad) in cases {
        let err = other.restore_bytes(bad).unwrap_err();
        assert_eq!(err.code(), codes::DB_CORRUPT, "{what}: {err}");
        assert_eq!(
            paths(&other).len(),
            300,
            "{what}: the database is unchanged"
        );
    }
    // Another SQLite database that is not Drift's.
    let foreign = rusqlite::Connection::open_in_memory().unwrap();
    foreign
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let foreign_bytes = foreign.serialize(rusqlite::MAIN_DB).unwrap().to_vec();
    let err = other.restore_bytes(&foreign_bytes).unwrap_err();
    assert!(err.to_string().contains("not a Drift one"), "{err}");
}

#[test]
fn the_inline_batch_writer_commits_full_batches_and_on_flush() {
    let dir = tempfile::tempdir().unwrap();
    let db = Arc::new(open(dir.path()));
    let writer =
        drift_storage::batch::BatchWriter::inline(Arc::clone(&db), &StorageConfig::default());
    for i in 0..1250 {
        writer
            .send(drift_storage::batch::BatchCommand::UpsertFile {
                generation: 1,
                file: file(&format!("f{i}.ts"), i),
            })
            .unwrap();
    }
    assert_eq!(
        file_count(&db),
        1000,
        "two full batches of 500 committed as they filled"
    );
    writer.flush().unwrap();
    assert_eq!(file_count(&db), 1250, "flush commits the rest");
    let stats = writer.finish().unwrap();
    assert_eq!((stats.transactions, stats.rows), (3, 1250));
}

/// Prepared statements alive on a connection (`sqlite3_next_stmt`).
fn live_statements(connection: &rusqlite::Connection) -> usize {
    let mut count = 0;
    // SAFETY: the handle stays valid while `connection` is borrowed, and `sqlite3_next_stmt`
    // only walks the connection's list of statements without touching them.
    unsafe {
        let db = connection.handle();
        let mut statement = rusqlite::ffi::sqlite3_next_stmt(db, std::ptr::null_mut());
        while !statement.is_null() {
            count += 1;
            statement = rusqlite::ffi::sqlite3_next_stmt(db, statement);
        }
    }
    count
}

#[test]
fn the_writer_reuses_its_cached_statements() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path());
    let after_first = db
        .write(|tx| {
            files::upsert(tx, 1, &[file("a.ts", 1)])?;
            Ok(live_statements(tx))
        })
        .unwrap();
    assert!(after_first >= 1, "the upsert statement is cached");
    for round in 0..20 {
        let live = db
            .write(|tx| {
                let rows: Vec<FileWrite> = (0..50)
                    .map(|i| file(&format!("r{round}/f{i}.ts"), i))
                    .collect();
                files::upsert(tx, 2, &rows)?;
                Ok(live_statements(tx))
            })
            .unwrap();
        assert_eq!(
            live, after_first,
            "round {round}: no statement was prepared again"
        );
    }
}

#[test]
fn call_sites_move_to_one_id_range_per_file_and_go_with_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drift.db");
    // A version 3 database with call sites of two files, interleaved.
    let v3 = MIGRATIONS.iter().position(|m| m.version == 3).unwrap();
    {
        let db =
            Database::open_with_migrations(&path, &StorageConfig::default(), &MIGRATIONS[..=v3])
                .unwrap();
        write_files(&db, &[file("a.ts", 1), file("b.ts", 2)]);
        db.write(|tx| {
            for (file, callee) in [("a.ts", "x"), ("b.ts", "y"), ("a.ts", "z"), ("b.ts", "w")] {
                tx.execute(
                    "INSERT INTO call_sites (file_id, callee, arg_count, line, col)
                     VALUES ((SELECT id FROM files WHERE path = ?1), ?2, 0, 1, 1)",
                    [file, callee],
                )
                .unwrap();
            }
            Ok(())
        })
        .unwrap();
    }
    let db = open(dir.path());
    let rows = |db: &Database| -> Vec<(i64, String, String)> {
        db.read(|c| {
            Ok(c.prepare(
                "SELECT c.id, f.path, c.callee FROM call_sites c JOIN files f ON f.id = c.file_id ORDER BY c.id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap())
        })
        .unwrap()
    };
    let id_of = |name: &str| db.read(|c| files::get(c, name)).unwrap().unwrap().id;
    let (a, b) = (id_of("a.ts"), id_of("b.ts"));
    let slots = drift_storage::scans::CALL_SITE_SLOTS;
    assert_eq!(
        rows(&db),
        [
            (a * slots, "a.ts".to_owned(), "x".to_owned()),
            (a * slots + 1, "a.ts".to_owned(), "z".to_owned()),
            (b * slots, "b.ts".to_owned(), "y".to_owned()),
            (b * slots + 1, "b.ts".to_owned(), "w".to_owned()),
        ],
        "each file's call sites, in their order, in the file's range"
    );
    db.write(|tx| files::delete(tx, &["a.ts".to_owned()]))
        .unwrap();
    assert_eq!(
        rows(&db),
        [
            (b * slots, "b.ts".to_owned(), "y".to_owned()),
            (b * slots + 1, "b.ts".to_owned(), "w".to_owned()),
        ],
        "a removed file's call sites go with it"
    );
}

#[test]
fn a_bulk_load_drops_the_secondary_indexes_of_empty_tables_and_an_open_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let indexes = |db: &Database| -> Vec<String> {
        db.read(|c| {
            Ok(c.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap())
        })
        .unwrap()
    };
    let db = open(dir.path());
    let all = indexes(&db);
    assert!(
        all.contains(&"call_sites_callee".to_owned()) && all.contains(&"functions_name".to_owned())
    );
    assert!(
        db.write(scans::begin_bulk_load).unwrap(),
        "empty tables: a bulk load"
    );
    let during = indexes(&db);
    assert!(!during.contains(&"functions_name".to_owned()), "{during:?}");
    assert!(
        during.contains(&"files_language".to_owned()),
        "the files table keeps its own"
    );
    // The process ends before the load does: the next open builds them again.
    drop(db);
    let db = open(dir.path());
    assert_eq!(indexes(&db), all);

    write_files(&db, &[file("a.py", 1)]);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO imports (file_id, source, names, line) VALUES ((SELECT id FROM files), 'os', '[]', 1)",
            [],
        )
        .unwrap();
        Ok(())
    })
    .unwrap();
    assert!(
        !db.write(scans::begin_bulk_load).unwrap(),
        "rows stored: no bulk load"
    );
    assert_eq!(indexes(&db), all);
}
