//! The engine starts threads in two places: the long-lived pool of `pool::build_pool`, built
//! once per runtime, and the native-only batch writer of `drift-storage` (one long-lived
//! thread, joined when the writer is dropped; never compiled for wasm). On wasm32-wasip1-threads every thread is a Web Worker (or a Node
//! worker), and short-lived threads that the spawning thread waits for through
//! `thread::park` (`thread::scope`, detached threads joined through channels) can hang there
//! (wasm/README.md, "Known hang"). This test keeps library code from taking that path.

use std::fs;
use std::path::{Path, PathBuf};

const FORBIDDEN: &[&str] = &[
    "thread::spawn",
    "thread::scope",
    "thread::Builder",
    "ThreadPoolBuilder",
    "rayon::spawn",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_pool_starts_threads() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in [
        "drift-core",
        "drift-analysis",
        "drift-storage",
        "drift-napi",
    ] {
        rust_files(&crates.join(krate).join("src"), &mut files);
    }
    assert!(files.len() > 5, "found too few sources: {files:?}");
    let mut offenders = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("readable source");
        // Unit tests may start threads natively; only library code is held to the rule.
        let library = text.split("#[cfg(test)]").next().unwrap_or_default();
        let is_pool = file.ends_with("drift-analysis/src/pool.rs");
        let is_batch_writer = file.ends_with("drift-storage/src/batch.rs");
        for pattern in FORBIDDEN {
            let allowed = (is_pool && *pattern == "ThreadPoolBuilder")
                || (is_batch_writer && *pattern == "thread::Builder");
            if library.contains(pattern) && !allowed {
                offenders.push(format!("{}: {pattern}", file.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "threads started outside the pool: {offenders:#?}"
    );
}

#[test]
fn the_rule_catches_a_violation() {
    let sample = "fn f() { std::thread::scope(|s| {}); }\n#[cfg(test)]\nmod t {}";
    let library = sample.split("#[cfg(test)]").next().unwrap_or_default();
    assert!(FORBIDDEN.iter().any(|p| library.contains(p)));
}
