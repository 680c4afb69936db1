//! `drift-bench`: times Drift's scanner on real corpora (see `bench/corpus.sh`) and, in the same
//! run, two standard pipelines on the same trees: `rg --files` (walk only) and
//! `find -type f | xargs xxhsum -H3` (walk and hash). Prints a table and writes a JSON report.
//!
//! ```text
//! drift-bench --corpus DIR [--runs N] [--out report.json] [--only scan|parse|storage]
//! drift-bench rss DIR        # one cold scan; prints peak RSS in KiB (used by the main mode)
//! drift-bench fuzz [--seconds N] [--seed S] [--out FILE] [--crashes DIR]   # see fuzz.rs
//! drift-bench graph DIR [--out FILE]   # the call graph's build and query costs, see graph.rs
//! drift-bench stages DIR [--ast-grep BIN]   # one thread: parse alone, parse + extract, ast-grep
//! drift-bench syntax DIR [--language NAME]   # files with syntax errors per language, see syntax.rs
//! ```
//!
//! Every time is the median of N runs after one warm-up run (warm page cache).

#![allow(
    clippy::print_stdout,
    reason = "a command-line tool: its output is the point"
)]
#![allow(
    clippy::cast_precision_loss,
    reason = "times and counts are reported as f64, far below 2^53"
)]

mod fuzz;
mod graph;
mod heap;
mod stages;
mod storage;
mod syntax;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use drift_analysis::parsers::ParserManager;
use drift_analysis::pipeline::Pipeline;
use drift_analysis::pool::{build_pool, default_threads};
use drift_analysis::scanner::{
    BaselineMode, OsSource, ScanDiff, ScanEntry, ScanStatus, Scanner, SnapshotBaseline,
};
use drift_core::config::ScanConfig;
use drift_core::{CancellationToken, Language};
use rayon::prelude::*;
use serde_json::{Value, json};

type Failure = Box<dyn std::error::Error>;

#[global_allocator]
static ALLOCATOR: heap::Counting = heap::Counting;

/// Files changed for the incremental measurement.
const CHANGED: usize = 10;

fn main() {
    if let Err(err) = run() {
        eprintln!("drift-bench: {err}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("fuzz") {
        return fuzz::run(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("stages") {
        return stages::run(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("syntax") {
        return syntax::run(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("graph") {
        return graph::run(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("rss") {
        let dir = args.get(1).ok_or("usage: drift-bench rss DIR")?;
        let diff = scan(Path::new(dir), &[])?;
        println!("{} {}", peak_rss_kib()?, diff.entries.len());
        return Ok(());
    }
    let mut corpus = None;
    let mut ast_grep: Option<PathBuf> = None;
    let mut runs = 7_usize;
    let mut out = PathBuf::from("bench-scan.json");
    let mut only: Option<String> = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--corpus" => corpus = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse()?,
            "--out" => out = PathBuf::from(value()?),
            "--ast-grep" => ast_grep = Some(PathBuf::from(value()?)),
            "--only" => only = Some(value()?.clone()),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let corpus = corpus.ok_or("usage: drift-bench --corpus DIR [--runs N] [--out FILE]")?;
    let threads = default_threads();
    println!("drift-bench: {threads} threads, median of {runs} runs after a warm-up");
    let wanted = |part: &str| only.as_deref().is_none_or(|only| only == part);
    let mut trees = Vec::new();
    for name in ["10k", "100k"] {
        let dir = corpus.join(name);
        if dir.is_dir() && wanted("scan") {
            trees.push(measure_tree(name, &dir, runs)?);
        }
    }
    let small = corpus.join("10k");
    let parse = if small.is_dir() && wanted("parse") {
        Some(measure_parse(&small, runs.min(5), ast_grep.as_deref())?)
    } else {
        None
    };
    let storage = if small.is_dir() && wanted("storage") {
        Some(storage::measure(&small, runs.min(5))?)
    } else {
        None
    };
    let report = json!({
        "threads": threads,
        "runs": runs,
        "corpus": corpus,
        "trees": trees,
        "parse": parse,
        "storage": storage,
    });
    write_report(&out, &report)
}

/// Writes `report` as pretty JSON to `out` and says where.
pub(crate) fn write_report(out: &Path, report: &Value) -> Result<(), Failure> {
    fs::write(out, format!("{}\n", serde_json::to_string_pretty(report)?))?;
    println!("report: {}", out.display());
    Ok(())
}

/// The contents of every file of `language` among `entries` (paths relative to `dir`).
pub(crate) fn files_of(
    dir: &Path,
    entries: &[ScanEntry],
    language: Language,
) -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    entries
        .iter()
        .filter(|entry| entry.language == Some(language))
        .map(|entry| Ok((entry.path.clone(), fs::read(dir.join(&entry.path))?)))
        .collect()
}

pub(crate) fn scan(dir: &Path, previous: &[ScanEntry]) -> Result<ScanDiff, Failure> {
    let pool = build_pool(default_threads())?;
    let config = ScanConfig::default();
    let diff = Scanner::new(&pool, &config).scan(&OsSource::new(dir), previous)?;
    if diff.status != ScanStatus::Complete {
        return Err("the scan did not complete".into());
    }
    Ok(diff)
}

fn measure_tree(name: &str, dir: &Path, runs: usize) -> Result<Value, Failure> {
    let pool = build_pool(default_threads())?;
    let config = ScanConfig::default();
    let scanner = Scanner::new(&pool, &config);
    let source = OsSource::new(dir);

    // Cold: no previous state, every file read and hashed.
    let mut cold = Vec::new();
    let mut discovery = Vec::new();
    let mut last = scanner.scan(&source, &[])?;
    for _ in 0..runs {
        let started = Instant::now();
        last = scanner.scan(&source, &[])?;
        cold.push(started.elapsed());
        discovery.push(last.stats.discovery);
    }
    let files = last.entries.len();
    let bytes: u64 = last.entries.iter().map(|entry| entry.size).sum();

    // Incremental: CHANGED files rewritten between scans, compared with the previous scan.
    let mut incremental = Vec::new();
    let mut previous = last.entries.clone();
    let originals = pick_changed(dir, &last.entries)?;
    for run in 0..runs {
        for (path, bytes) in &originals {
            let mut changed = bytes.clone();
            changed.extend_from_slice(format!("\n// drift-bench {run}\n").as_bytes());
            fs::write(dir.join(path), changed)?;
        }
        let started = Instant::now();
        let diff = scanner.scan(&source, &previous)?;
        incremental.push(started.elapsed());
        if diff.modified.len() != CHANGED {
            return Err(format!(
                "expected {CHANGED} modified files, got {}",
                diff.modified.len()
            )
            .into());
        }
        previous = diff.entries;
    }
    for (path, bytes) in &originals {
        fs::write(dir.join(path), bytes)?;
    }

    let rg = time_command(runs, "rg", &["--files", "--no-ignore", "--hidden"], dir)?;
    let find_xxhsum = time_shell(
        runs,
        "find . -type f -print0 | xargs -0 -P0 -n 500 xxhsum -H3 > /dev/null",
        dir,
    )?;
    let (rss_kib, _) = child_rss(dir)?;

    let cold_ms = median_ms(&mut cold);
    let discovery_ms = median_ms(&mut discovery);
    let incremental_ms = median_ms(&mut incremental);
    let rg_ms = median_ms(&mut rg.clone());
    let find_ms = median_ms(&mut find_xxhsum.clone());
    let skipped_ignored = last.stats.skipped_ignored;
    let skipped_too_large = last.stats.skipped_too_large;
    println!(
        "\n{name}: {files} files, {:.1} MiB ({skipped_ignored} skipped by the default ignores, {skipped_too_large} over the size limit)",
        bytes as f64 / 1_048_576.0
    );
    println!(
        "  drift cold scan          {cold_ms:>9.1} ms  ({:.0} files/s)",
        files as f64 / cold_ms * 1000.0
    );
    println!("    of which discovery     {discovery_ms:>9.1} ms  (walk and ignore rules)");
    println!("  drift incremental ({CHANGED:>2})   {incremental_ms:>9.1} ms");
    println!(
        "  rg --files               {rg_ms:>9.1} ms  (drift cold / rg = {:.2})",
        cold_ms / rg_ms
    );
    println!(
        "  find | xargs xxhsum -H3  {find_ms:>9.1} ms  (drift cold / find+xxhsum = {:.2})",
        cold_ms / find_ms
    );
    println!(
        "  drift peak RSS           {:>9.1} MiB",
        rss_kib as f64 / 1024.0
    );
    Ok(json!({
        "name": name,
        "files": files,
        "bytes": bytes,
        "skipped_ignored": skipped_ignored,
        "skipped_too_large": skipped_too_large,
        "cold_ms": cold_ms,
        "discovery_ms": discovery_ms,
        "incremental_ms": incremental_ms,
        "changed_files": CHANGED,
        "rg_files_ms": rg_ms,
        "find_xxhsum_ms": find_ms,
        "ratio_cold_to_rg": cold_ms / rg_ms,
        "ratio_cold_to_find_xxhsum": cold_ms / find_ms,
        "peak_rss_kib": rss_kib,
        "cold_runs_ms": cold.iter().map(|d| d.as_secs_f64() * 1000.0).collect::<Vec<_>>(),
    }))
}

/// Parse throughput per language, end-to-end scan + parse, and ast-grep on the same tree.
fn measure_parse(dir: &Path, runs: usize, ast_grep: Option<&Path>) -> Result<Value, Failure> {
    let pool = build_pool(default_threads())?;
    let config = ScanConfig::default();
    let scan = Scanner::new(&pool, &config).scan(&OsSource::new(dir), &[])?;
    println!("\nparse, {}: {} files", dir.display(), scan.entries.len());
    let mut per_language = Vec::new();
    for language in Language::ALL {
        let files = files_of(dir, &scan.entries, language)?;
        if files.is_empty() {
            continue;
        }
        per_language.push(parse_language(&pool, language, &files, runs));
    }

    // End to end: a cold scan that parses every source file, nothing cached.
    let mut end_to_end = Vec::new();
    let mut parsed_files = 0;
    for run in 0..=runs {
        let parsers = ParserManager::default();
        let baseline = SnapshotBaseline::new();
        let pipeline = Pipeline {
            pool: &pool,
            config: &config,
            parsers: &parsers,
            events: None,
            cancel: CancellationToken::new(),
            on_file: None,
            detection: None,
        };
        let started = Instant::now();
        let (_, parsed) =
            pipeline.run(&OsSource::new(dir), &baseline, "bench", BaselineMode::Full)?;
        if run > 0 {
            end_to_end.push(started.elapsed());
        }
        parsed_files = parsed.files;
    }
    let end_to_end_ms = median_ms(&mut end_to_end);
    println!("  scan + parse end to end: {end_to_end_ms:.1} ms ({parsed_files} files parsed)");

    let ast_grep_ms = match ast_grep {
        Some(binary) => {
            let config_file =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/ast-grep/sgconfig.yml");
            let script = format!(
                "'{}' scan -c '{}' --json=stream . | wc -l > /dev/null",
                binary.display(),
                config_file.display()
            );
            let ms = median_ms(&mut time_shell(runs, &script, dir)?);
            println!(
                "  ast-grep scan, same tree and node kinds: {ms:.1} ms (drift / ast-grep = {:.2})",
                end_to_end_ms / ms
            );
            Some(ms)
        }
        None => None,
    };
    Ok(json!({
        "languages": per_language,
        "end_to_end_ms": end_to_end_ms,
        "parsed_files": parsed_files,
        "ast_grep_ms": ast_grep_ms,
    }))
}

/// Parses `files` (all of `language`) on `pool`, `runs` times after a warm-up, without a cache.
fn parse_language(
    pool: &rayon::ThreadPool,
    language: Language,
    files: &[(String, Vec<u8>)],
    runs: usize,
) -> Value {
    let bytes: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    let mut times = Vec::new();
    let mut counts = (0_usize, 0_usize, 0_usize);
    for run in 0..=runs {
        // No cache: every run parses every file.
        let parsers = ParserManager::new(0);
        let started = Instant::now();
        let results: Vec<_> = pool.install(|| {
            files
                .par_iter()
                .with_max_len(1)
                .map(|(path, bytes)| parsers.parse(path, bytes))
                .collect()
        });
        if run > 0 {
            times.push(started.elapsed());
        }
        counts = results
            .iter()
            .fold((0, 0, 0), |(ok, errors, functions), result| match result {
                Ok(result) => (
                    ok + 1,
                    errors + usize::from(result.has_errors),
                    functions + result.functions.len(),
                ),
                Err(_) => (ok, errors, functions),
            });
    }
    let ms = median_ms(&mut times);
    let (parsed, with_errors, functions) = counts;
    println!(
        "  {:<10} {:>5} files {:>7.1} MiB {:>8.1} ms {:>8.0} files/s {:>6.1} MiB/s  ({functions} functions, {with_errors} files with syntax errors, {} not parsed)",
        language.name(),
        files.len(),
        bytes as f64 / 1_048_576.0,
        ms,
        files.len() as f64 / ms * 1000.0,
        bytes as f64 / 1_048_576.0 / ms * 1000.0,
        files.len() - parsed,
    );
    json!({
        "language": language.name(),
        "files": files.len(),
        "bytes": bytes,
        "ms": ms,
        "files_per_sec": files.len() as f64 / ms * 1000.0,
        "mib_per_sec": bytes as f64 / 1_048_576.0 / ms * 1000.0,
        "functions": functions,
        "files_with_syntax_errors": with_errors,
        "not_parsed": files.len() - parsed,
    })
}

/// `CHANGED` files spread over the tree, with their contents (to restore them afterwards).
fn pick_changed(dir: &Path, entries: &[ScanEntry]) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let step = (entries.len() / CHANGED).max(1);
    entries
        .iter()
        .step_by(step)
        .take(CHANGED)
        .map(|entry| Ok((entry.path.clone(), fs::read(dir.join(&entry.path))?)))
        .collect()
}

fn time_command(
    runs: usize,
    program: &str,
    args: &[&str],
    dir: &Path,
) -> Result<Vec<Duration>, Failure> {
    let mut times = Vec::new();
    for run in 0..=runs {
        let started = Instant::now();
        let status = Command::new(program)
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|err| format!("{program}: {err}"))?;
        if !status.success() {
            return Err(format!("{program} failed: {status}").into());
        }
        // Run 0 warms up.
        if run > 0 {
            times.push(started.elapsed());
        }
    }
    Ok(times)
}

fn time_shell(runs: usize, script: &str, dir: &Path) -> Result<Vec<Duration>, Failure> {
    time_command(runs, "sh", &["-c", script], dir)
}

/// Peak RSS of a fresh process doing one cold scan of `dir`.
fn child_rss(dir: &Path) -> Result<(u64, usize), Failure> {
    let output = Command::new(std::env::current_exe()?)
        .arg("rss")
        .arg(dir)
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "rss run failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let text = String::from_utf8(output.stdout)?;
    let mut fields = text.split_whitespace();
    let rss = fields.next().ok_or("rss run printed nothing")?.parse()?;
    let files = fields.next().ok_or("rss run printed no count")?.parse()?;
    Ok((rss, files))
}

/// `VmHWM` of this process (Linux).
pub(crate) fn peak_rss_kib() -> Result<u64, Failure> {
    let status = fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .ok_or("no VmHWM in /proc/self/status")?;
    Ok(line
        .split_whitespace()
        .nth(1)
        .ok_or("malformed VmHWM line")?
        .parse()?)
}

fn median_ms(times: &mut [Duration]) -> f64 {
    times.sort_unstable();
    times[times.len() / 2].as_secs_f64() * 1000.0
}
