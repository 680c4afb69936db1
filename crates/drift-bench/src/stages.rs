//! Where a file's time goes, per language, on one thread: tree-sitter's parse alone, then the
//! parse with Drift's extraction (what a scan does per file), against ast-grep on the same files
//! with one thread. The floor of the scan's CPU is the parse; extraction is what Drift adds.
//!
//! ```text
//! drift-bench stages DIR [--ast-grep BIN] [--runs N] [--out FILE]
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use drift_analysis::parsers::{ParserManager, languages};
use drift_analysis::pool::build_pool;
use drift_analysis::scanner::{OsSource, Scanner};
use drift_core::Language;
use drift_core::config::ScanConfig;
use serde_json::{Value, json};

use crate::{Failure, files_of, median_ms, write_report};

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut dir = None;
    let mut ast_grep: Option<PathBuf> = None;
    let mut runs = 3_usize;
    let mut out = PathBuf::from("bench-stages.json");
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--ast-grep" => ast_grep = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse()?,
            "--out" => out = PathBuf::from(value()?),
            other if dir.is_none() && !other.starts_with('-') => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let dir = dir.ok_or("usage: drift-bench stages DIR [--ast-grep BIN] [--runs N]")?;
    let pool = build_pool(1)?;
    let scan = Scanner::new(&pool, &ScanConfig::default()).scan(&OsSource::new(&dir), &[])?;
    println!(
        "stages, one thread, median of {runs} runs after a warm-up: {}",
        dir.display()
    );
    println!(
        "  {:<10} {:>5} {:>7} | {:>9} {:>9} {:>9} | {:>9} | ms per MiB: parse, drift, ast-grep",
        "language", "files", "MiB", "parse ms", "drift ms", "extract", "ast-grep"
    );
    let mut rows = Vec::new();
    for language in Language::ALL {
        let files = files_of(&dir, &scan.entries, language)?;
        if files.is_empty() {
            continue;
        }
        rows.push(measure(language, &files, runs, &dir, ast_grep.as_deref())?);
    }
    let report = json!({ "runs": runs, "corpus": dir, "languages": rows });
    write_report(&out, &report)
}

fn measure(
    language: Language,
    files: &[(String, Vec<u8>)],
    runs: usize,
    dir: &Path,
    ast_grep: Option<&Path>,
) -> Result<Value, Failure> {
    let bytes: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    let spec = languages::spec(language).ok_or("language not compiled")?;
    let mut parsers: Vec<tree_sitter::Parser> = spec
        .dialects
        .iter()
        .map(|dialect| {
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&tree_sitter::Language::new(dialect.grammar))
                .map(|()| parser)
        })
        .collect::<Result<_, _>>()?;
    let dialects: Vec<usize> = files
        .iter()
        .map(|(path, _)| ParserManager::dialect_of(path))
        .collect::<Result<_, _>>()?;

    let mut parse_times = Vec::new();
    let mut drift_times = Vec::new();
    let mut nodes = 0_usize;
    let mut digest = 0_u64;
    for run in 0..=runs {
        let started = Instant::now();
        let mut counted = 0;
        for ((_, source), &dialect) in files.iter().zip(&dialects) {
            if let Some(tree) = parsers[dialect].parse(source, None) {
                counted += tree.root_node().descendant_count();
            }
        }
        let parse = started.elapsed();
        nodes = counted;
        let manager = ParserManager::new(0);
        let started = Instant::now();
        let results: Vec<_> = files
            .iter()
            // Errors (binary content, timeouts) are part of the work a scan does too.
            .map(|(path, source)| manager.parse(path, source))
            .collect();
        let drift = started.elapsed();
        // What was extracted, so that a faster build can be shown to extract the same.
        let mut hasher = std::hash::DefaultHasher::new();
        for result in &results {
            std::hash::Hash::hash(&format!("{result:?}"), &mut hasher);
        }
        digest = std::hash::Hasher::finish(&hasher);
        drop(results);
        if run > 0 {
            parse_times.push(parse);
            drift_times.push(drift);
        }
    }
    let parse_ms = median_ms(&mut parse_times);
    let drift_ms = median_ms(&mut drift_times);
    let ast_grep_ms = match ast_grep {
        Some(binary) => Some(median_ms(&mut time_ast_grep(binary, files, runs, dir)?)),
        None => None,
    };
    let mib = bytes as f64 / 1_048_576.0;
    println!(
        "  {:<10} {:>5} {:>7.1} | {:>9.1} {:>9.1} {:>9.1} | {:>9} | {:.0}, {:.0}, {} | {digest:016x}",
        language.name(),
        files.len(),
        mib,
        parse_ms,
        drift_ms,
        drift_ms - parse_ms,
        ast_grep_ms.map_or_else(|| "-".to_owned(), |ms| format!("{ms:.1}")),
        parse_ms / mib,
        drift_ms / mib,
        ast_grep_ms.map_or_else(|| "-".to_owned(), |ms| format!("{:.0}", ms / mib)),
    );
    Ok(json!({
        "language": language.name(),
        "files": files.len(),
        "bytes": bytes,
        "nodes": nodes,
        "digest": format!("{digest:016x}"),
        "parse_ms": parse_ms,
        "drift_ms": drift_ms,
        "extract_ms": drift_ms - parse_ms,
        "ast_grep_ms": ast_grep_ms,
        "parse_ms_per_mib": parse_ms / mib,
        "drift_ms_per_mib": drift_ms / mib,
        "ast_grep_ms_per_mib": ast_grep_ms.map(|ms| ms / mib),
    }))
}

/// ast-grep with one thread over exactly `files`, with the benchmark's rules (bench/ast-grep).
fn time_ast_grep(
    binary: &Path,
    files: &[(String, Vec<u8>)],
    runs: usize,
    dir: &Path,
) -> Result<Vec<Duration>, Failure> {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/ast-grep/sgconfig.yml");
    let mut times = Vec::new();
    for run in 0..=runs {
        let started = Instant::now();
        for chunk in files.chunks(2000) {
            let status = Command::new(binary)
                .args(["scan", "-j", "1", "--json=stream", "-c"])
                .arg(&config)
                .args(chunk.iter().map(|(path, _)| path))
                .current_dir(dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()?;
            if !status.success() {
                return Err(format!("ast-grep failed: {status}").into());
            }
        }
        if run > 0 {
            times.push(started.elapsed());
        }
    }
    Ok(times)
}
