//! `drift-bench fuzz`: a mutation fuzzer over the inputs Drift takes from users: source files
//! of every language (parse + extract) and uploaded trees (names and `.gitignore` /
//! `.driftignore` text, through the scanner's in-memory source, as a browser upload).
//!
//! ```text
//! drift-bench fuzz [--seconds N] [--seed S] [--out report.json] [--crashes DIR]
//! ```
//!
//! Seeds are the repository's fixtures; each round mutates one (byte flips, cuts, copies,
//! splices with another file, tokens that open or close constructs, invalid UTF-8, deep
//! brackets). A panic aborts the process (release builds abort on panic), so the input under
//! test is written to `--crashes` by a panic hook before that; inputs that run into the budget
//! are kept there too (`timeout-*`); the report lists rounds per target, timeouts
//! (`PARSE_TIMEOUT`, a correct answer, but a slow path worth a look) and the slowest input. It runs from
//! `bench/fuzz.sh` for a fixed time, never in CI.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use drift_analysis::parsers::ParserManager;
use drift_analysis::pool::build_pool;
use drift_analysis::scanner::{MemorySource, Scanner};
use drift_core::Language;
use drift_core::config::ScanConfig;
use drift_core::errors::{DriftErrorCode, codes};
use serde_json::json;

use crate::Failure;

/// Per-file budget while fuzzing: a mutant that runs into it is a timeout, not a finding.
const BUDGET: Duration = Duration::from_secs(2);

thread_local! {
    /// The input under test and where to save it should the process abort.
    static CURRENT: RefCell<Option<(PathBuf, Vec<u8>)>> = const { RefCell::new(None) };
}

/// xorshift64*: reproducible from `--seed`, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next() % (n as u64)).unwrap_or(0)
    }
}

/// Fragments that open, close or confuse constructs in one language or another.
const TOKENS: &[&[u8]] = &[
    b"(",
    b")",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"'",
    b"`",
    b"/*",
    b"*/",
    b"//",
    b"#",
    b"\\",
    b"\n",
    b"\r\n",
    b"<",
    b">",
    b"</",
    b"@",
    b"$",
    b"=>",
    b"->",
    b"::",
    b"?.",
    b"...",
    b"${",
    b"\"\"\"",
    b"<<~EOS\n",
    b"<?php",
    b"?>",
    b"end\n",
    b"def ",
    b"fn ",
    b"class ",
    b"func ",
    b"function ",
    b"async ",
    b"yield ",
    b"satisfies ",
    b"\xff\xfe",
    b"\xc3",
    b"\xe6\x97\xa5",
    b"\xf0\x9f\x98\x80",
    b"e\xcc\x81",
    b"\t",
    b"    ",
];

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(8) {
            0 if !data.is_empty() => {
                let index = at.min(data.len() - 1);
                data[index] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(256)).min(data.len());
                let copy = data[at..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            3 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + rng.below(512)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            4 => {
                let depth = 1 + rng.below(2000);
                let (open, close): (&[u8], &[u8]) = match rng.below(3) {
                    0 => (b"(", b")"),
                    1 => (b"[", b"]"),
                    _ => (b"{", b"}"),
                };
                let mut nest = open.repeat(depth);
                if rng.below(2) == 0 {
                    nest.extend(close.repeat(depth));
                }
                data.splice(at..at, nest);
            }
            5 => data.truncate(at),
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
        }
    }
    data
}

/// The fixture files of `language`, and of `malformed/` with that language's extension.
fn seeds(fixtures: &Path, language: Language) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut found = Vec::new();
    for dir in [fixtures.join(language.name()), fixtures.join("malformed")] {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            let name = path.to_string_lossy().into_owned();
            if path.is_file()
                && Language::from_path(&name) == Some(language)
                && fs::metadata(&path)?.len() <= 256 * 1024
            {
                found.push((name, fs::read(&path)?));
            }
        }
    }
    Ok(found)
}

fn remember(crashes: &Path, name: &str, data: &[u8]) {
    CURRENT.with(|current| {
        *current.borrow_mut() = Some((crashes.join(name), data.to_vec()));
    });
}

/// Runs the fuzzer; see the module documentation.
pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut seconds = 60_u64;
    let mut seed = 0x5eed_u64;
    let mut out = PathBuf::from("bench-fuzz.json");
    let mut crashes = PathBuf::from("fuzz-crashes");
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--seconds" => seconds = value()?.parse()?,
            "--seed" => seed = value()?.parse()?,
            "--out" => out = PathBuf::from(value()?),
            "--crashes" => crashes = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    fs::create_dir_all(&crashes)?;
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        CURRENT.with(|current| {
            if let Some((path, data)) = current.borrow().as_ref() {
                let _ = fs::write(path, data);
                eprintln!("fuzz: crash input saved to {}", path.display());
            }
        });
        previous_hook(info);
    }));

    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures");
    let parsers = ParserManager::new(0).with_timeout(Some(BUDGET));
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let per_target = Duration::from_secs(seconds) / 11;
    let mut targets = Vec::new();
    for language in Language::ALL {
        let pool = seeds(&fixtures, language)?;
        let stop = (Instant::now() + per_target).min(deadline);
        let (mut rounds, mut timeouts, mut errors) = (0_u64, 0_u64, 0_u64);
        let mut slowest = Duration::ZERO;
        while Instant::now() < stop && !pool.is_empty() {
            let (name, data) = &pool[rng.below(pool.len())];
            let other = &pool[rng.below(pool.len())].1;
            let input = mutate(&mut rng, data, other);
            let ext = Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("txt");
            remember(
                &crashes,
                &format!("{}-{rounds}.{ext}", language.name()),
                &input,
            );
            let started = Instant::now();
            match parsers.parse(&format!("fuzz.{ext}"), &input) {
                Ok(_) => {}
                Err(err) if err.code() == codes::PARSE_TIMEOUT => {
                    // Kept for study: a small file over the budget is a slow path to fix.
                    timeouts += 1;
                    fs::write(
                        crashes.join(format!("timeout-{}-{rounds}.{ext}", language.name())),
                        &input,
                    )?;
                }
                Err(_) => errors += 1,
            }
            slowest = slowest.max(started.elapsed());
            rounds += 1;
        }
        println!(
            "fuzz {:<10} {rounds:>8} rounds, {timeouts} timeouts, {errors} refused, slowest {slowest:?}",
            language.name()
        );
        targets.push(json!({
            "target": language.name(),
            "rounds": rounds,
            "timeouts": timeouts,
            "refused": errors,
            "slowest_ms": slowest.as_secs_f64() * 1e3,
        }));
    }
    targets.push(fuzz_uploads(&mut rng, deadline, &crashes)?);
    CURRENT.with(|current| current.borrow_mut().take());
    let report = json!({ "seconds": seconds, "seed": seed, "targets": targets, "crashes": 0 });
    println!("no crashes");
    crate::write_report(&out, &report)
}

/// Uploaded trees: random names (with `..`, absolute, empty and odd segments) and random
/// ignore files, scanned through the in-memory source the browser uses.
fn fuzz_uploads(
    rng: &mut Rng,
    deadline: Instant,
    crashes: &Path,
) -> Result<serde_json::Value, Failure> {
    const SEGMENTS: &[&str] = &[
        "src",
        "..",
        ".",
        "",
        "node_modules",
        "build",
        "vendor",
        "bin",
        "a b",
        "日本",
        "*",
        "!x",
        "\\",
        "C:",
        "/",
        ".git",
        "lib",
        "package.json",
        "Cargo.toml",
        "x.ts",
        "y.py",
        "z.go",
    ];
    const PATTERNS: &[&str] = &[
        "*", "!*", "**/", "/build", "!vendor/", "\\#x", "[a-", "***", "a/**/b", "!", "/", "#",
        "*.ts", "src/", "\u{0}", "[!]", "**", "x\\", "!/bin/",
    ];
    let pool = build_pool(2)?;
    let config = ScanConfig::default();
    let scanner = Scanner::new(&pool, &config);
    let (mut rounds, mut refused) = (0_u64, 0_u64);
    while Instant::now() < deadline {
        let mut source = MemorySource::new();
        let mut listing = String::new();
        for _ in 0..rng.below(40) {
            let depth = 1 + rng.below(5);
            let path: Vec<&str> = (0..depth)
                .map(|_| SEGMENTS[rng.below(SEGMENTS.len())])
                .collect();
            let path = path.join(if rng.below(4) == 0 { "\\" } else { "/" });
            let name = if rng.below(3) == 0 {
                format!("{path}/.gitignore")
            } else {
                path
            };
            let text: Vec<&str> = (0..rng.below(6))
                .map(|_| PATTERNS[rng.below(PATTERNS.len())])
                .collect();
            let _ = writeln!(listing, "{name:?} {text:?}");
            if source.insert(&name, text.join("\n").into_bytes()).is_err() {
                refused += 1;
            }
        }
        remember(crashes, &format!("upload-{rounds}.txt"), listing.as_bytes());
        scanner.scan(&source, &[])?;
        rounds += 1;
    }
    println!("fuzz uploads    {rounds:>8} rounds, {refused} names refused");
    Ok(json!({ "target": "uploads", "rounds": rounds, "refused": refused }))
}
