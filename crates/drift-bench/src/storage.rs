//! drift.db numbers: batch-insert rows/s, persisting a cold scan + parse of a corpus through the
//! engine (the end-to-end figure of the parser issue, persist included), and page-query
//! latency over what was persisted.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use drift_core::CancellationToken;
use drift_core::config::StorageConfig;
use drift_engine::{Engine, EngineOptions, ScanRequest, ScanTarget};
use drift_storage::Database;
use drift_storage::batch::{BatchCommand, BatchWriter};
use drift_storage::files::FileWrite;
use drift_storage::listings::{FunctionRow, RowFilter};
use drift_storage::pagination::PageRequest;
use serde_json::{Value, json};

use crate::{Failure, median_ms};

/// Rows for the batch-insert measurement.
const ROWS: i64 = 100_000;

pub fn measure(dir: &Path, runs: usize) -> Result<Value, Failure> {
    println!("\nstorage (drift.db)");
    let insert = batch_inserts(runs)?;
    let (persist, engine, _db_dir) = persist_scan(dir, runs)?;
    let pages = page_latency(&engine)?;
    Ok(json!({ "batch_insert": insert, "persist": persist, "pages": pages }))
}

/// `ROWS` file rows through the batch writer thread into a fresh database.
fn batch_inserts(runs: usize) -> Result<Value, Failure> {
    let mut times = Vec::new();
    for run in 0..=runs {
        let dir = tempfile::tempdir()?;
        let db = Arc::new(Database::open(
            &dir.path().join("drift.db"),
            &StorageConfig::default(),
        )?);
        let started = Instant::now();
        let writer = BatchWriter::start(Arc::clone(&db), &StorageConfig::default())?;
        for i in 0..ROWS {
            writer.send(BatchCommand::UpsertFile {
                generation: 1,
                file: FileWrite {
                    path: format!("src/module{}/file{i}.ts", i % 97),
                    language: Some("typescript".to_owned()),
                    content_hash: i.wrapping_mul(0x2545_f491_4f6c_dd1d),
                    size: 1000 + i,
                    mtime_ns: i,
                },
            })?;
        }
        let stats = writer.finish()?;
        if run > 0 {
            times.push(started.elapsed());
        }
        assert_eq!(stats.rows, ROWS as u64);
    }
    let ms = median_ms(&mut times);
    let rows_per_sec = ROWS as f64 / (ms / 1000.0);
    println!("  batch writer: {ROWS} file rows in {ms:.1} ms = {rows_per_sec:.0} rows/s");
    Ok(json!({ "rows": ROWS, "median_ms": ms, "rows_per_sec": rows_per_sec }))
}

/// Cold scan + parse + persist of `dir` into a fresh database, through the engine.
fn persist_scan(dir: &Path, runs: usize) -> Result<(Value, Engine, tempfile::TempDir), Failure> {
    let mut totals = Vec::new();
    let mut waits = Vec::new();
    let mut busy = Vec::new();
    let mut last = None;
    for run in 0..=runs {
        let db_dir = tempfile::tempdir()?;
        let engine = Engine::open(&EngineOptions {
            root: Some(dir.to_owned()),
            threads: None,
            config_toml: Some(format!(
                "[storage]\ndb_path = {:?}\n",
                db_dir.path().join("drift.db").display().to_string()
            )),
        })?;
        let started = Instant::now();
        let outcome = engine.scan(
            ScanTarget::Directory(".".into()),
            ScanRequest {
                full: true,
                parse: true,
            },
            None,
            &CancellationToken::new(),
        )?;
        if run > 0 {
            totals.push(started.elapsed());
            waits.push(outcome.persist_wait);
            busy.push(outcome.persisted.busy);
        }
        last = Some((engine, db_dir, outcome));
    }
    let (engine, db_dir, outcome) = last.ok_or("no run")?;
    let status = engine.status()?;
    let sizes = engine.storage_stats()?;
    let total_ms = median_ms(&mut totals);
    let wait_ms = median_ms(&mut waits);
    let busy_ms = median_ms(&mut busy);
    let rows = status.counts.files
        + status.counts.functions
        + status.counts.classes
        + status.counts.imports
        + status.counts.exports
        + status.counts.call_sites;
    println!(
        "  scan + parse + persist, {} files ({} parsed): {total_ms:.1} ms end to end; {wait_ms:.1} ms of it after the scan waiting for the writer",
        outcome.diff.entries.len(),
        outcome.parsed.as_ref().map_or(0, |parsed| parsed.files)
    );
    println!(
        "    the writer thread alone: {busy_ms:.1} ms in transactions = {:.0} rows/s, {:.0} files/s",
        rows as f64 / busy_ms * 1000.0,
        outcome.persisted.rows as f64 / busy_ms * 1000.0
    );
    println!(
        "    stored {rows} rows ({} functions, {} call sites) and {} parse-cache entries; drift.db {:.1} MiB",
        status.counts.functions,
        status.counts.call_sites,
        sizes.parse_cache_entries,
        sizes.database_bytes as f64 / (1024.0 * 1024.0)
    );
    Ok((
        json!({
            "files": outcome.diff.entries.len(),
            "end_to_end_ms": total_ms,
            "persist_wait_ms": wait_ms,
            "writer_busy_ms": busy_ms,
            "writer_rows_per_sec": rows as f64 / busy_ms * 1000.0,
            "writer_files_per_sec": outcome.persisted.rows as f64 / busy_ms * 1000.0,
            "rows": rows,
            "functions": status.counts.functions,
            "call_sites": status.counts.call_sites,
            "parse_cache_entries": sizes.parse_cache_entries,
            "database_bytes": sizes.database_bytes,
        }),
        engine,
        db_dir,
    ))
}

/// Every page of 100 functions, then repeated first pages with filters; p50/p99 per page.
fn page_latency(engine: &Engine) -> Result<Value, Failure> {
    let mut times = Vec::new();
    let mut cursor = None;
    let mut rows = 0;
    // Two passes: the first counts the total, the second pages through with it cached.
    for _ in 0..2 {
        loop {
            let started = Instant::now();
            let page = engine.list::<FunctionRow>(
                &RowFilter::default(),
                &PageRequest {
                    cursor: cursor.take(),
                    limit: Some(100),
                },
            )?;
            times.push(started.elapsed());
            rows += page.items.len();
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
    }
    let (p50, p99) = percentiles(&mut times);
    println!(
        "  functions, pages of 100: {} pages, p50 {p50:.3} ms, p99 {p99:.3} ms",
        times.len()
    );
    let mut filtered = Vec::new();
    for (language, name) in [("typescript", "get"), ("python", "_"), ("java", "to")] {
        let filter = RowFilter {
            language: Some(language.to_owned()),
            name: Some(name.to_owned()),
            ..RowFilter::default()
        };
        for _ in 0..50 {
            let started = Instant::now();
            engine.list::<FunctionRow>(&filter, &PageRequest::default())?;
            filtered.push(started.elapsed());
        }
    }
    let (f50, f99) = percentiles(&mut filtered);
    println!("  filtered first pages (language + name prefix): p50 {f50:.3} ms, p99 {f99:.3} ms");
    Ok(json!({
        "pages": times.len(),
        "rows": rows,
        "p50_ms": p50,
        "p99_ms": p99,
        "filtered_p50_ms": f50,
        "filtered_p99_ms": f99,
    }))
}

fn percentiles(times: &mut [Duration]) -> (f64, f64) {
    times.sort_unstable();
    // Nearest rank: the smallest time with at least q of all times at or below it.
    let at = |per_mille: usize| {
        let index = (times.len() * per_mille).div_ceil(1000).max(1) - 1;
        times[index].as_secs_f64() * 1000.0
    };
    (at(500), at(990))
}
