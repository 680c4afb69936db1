//! Parser behaviour on the repository's fixtures and on generated input.
//!
//! Snapshots: `tests/snapshots/<language>/<file>.json` hold the full reviewed result for each
//! fixture. After a deliberate change, regenerate them with
//! `DRIFT_UPDATE_SNAPSHOTS=1 cargo test -p drift-analysis --test parsers` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use drift_analysis::parsers::{
    ErrorHandlingKind, ParseCache, ParseResult, ParserManager, languages,
};
use drift_analysis::pool::build_pool;
use drift_core::errors::{DriftErrorCode, codes};
use drift_core::{ContentHash, Language};
use rayon::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures")
}

/// `(relative path, bytes)` of every file in a fixture folder, sorted.
fn folder(name: &str) -> Vec<(String, Vec<u8>)> {
    let dir = fixtures().join(name);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| {
            let relative = format!("{name}/{}", path.file_name().unwrap().to_str().unwrap());
            (relative, fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn parse(path: &str, source: &[u8]) -> ParseResult {
    ParserManager::new(0).parse(path, source).unwrap()
}

#[test]
fn every_language_folder_parses_cleanly_with_the_expected_constructs() {
    for language in Language::ALL {
        let files = folder(language.name());
        assert!(files.len() >= 3, "{language}: {} files", files.len());
        let results: Vec<ParseResult> = files
            .iter()
            .map(|(path, bytes)| parse(path, bytes))
            .collect();
        for result in &results {
            assert!(
                !result.has_errors,
                "{}: syntax errors at {:?}",
                result.path, result.error_positions
            );
            assert_eq!(result.language, language);
        }
        let functions: usize = results.iter().map(|r| r.functions.len()).sum();
        let classes_with_methods = results
            .iter()
            .flat_map(|r| &r.classes)
            .filter(|class| !class.methods.is_empty())
            .count();
        let imports: usize = results.iter().map(|r| r.imports.len()).sum();
        let calls: usize = results.iter().map(|r| r.call_sites.len()).sum();
        let strings: usize = results.iter().map(|r| r.string_literals.len()).sum();
        let numbers: usize = results.iter().map(|r| r.numeric_literals.len()).sum();
        let error_handling: usize = results.iter().map(|r| r.error_handling.len()).sum();
        assert!(functions >= 5, "{language}: {functions} functions");
        assert!(
            classes_with_methods >= 2,
            "{language}: {classes_with_methods} classes with methods"
        );
        assert!(imports >= 1, "{language}: no imports");
        assert!(calls >= 10, "{language}: {calls} calls");
        assert!(
            strings >= 1 && numbers >= 1,
            "{language}: {strings} strings, {numbers} numbers"
        );
        assert!(error_handling >= 1, "{language}: no error handling found");
        for function in results.iter().flat_map(|r| &r.functions) {
            assert!(!function.name.is_empty());
            assert!(
                function.qualified_name.ends_with(&function.name),
                "{function:?}"
            );
            assert!(function.range.end_line >= function.range.start_line);
        }
    }
}

#[test]
fn snapshots_of_every_fixture_match() {
    let update = std::env::var_os("DRIFT_UPDATE_SNAPSHOTS").is_some();
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut mismatches = Vec::new();
    for language in Language::ALL {
        for (path, bytes) in folder(language.name()) {
            let result = parse(&path, &bytes);
            let json = format!("{}\n", serde_json::to_string_pretty(&result).unwrap());
            let file = snapshots.join(format!("{path}.json"));
            if update {
                fs::create_dir_all(file.parent().unwrap()).unwrap();
                fs::write(&file, &json).unwrap();
            } else {
                let expected = fs::read_to_string(&file).unwrap_or_else(|_| {
                    panic!("{} is missing; see the header of this file", file.display())
                });
                if expected != json {
                    mismatches.push(path);
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "results differ from their snapshots: {mismatches:?}"
    );
}

#[test]
fn qualified_names_and_details_per_language() {
    let cases: [(&str, &[u8], &str); 10] = [
        (
            "a.ts",
            b"export class Shop { async buy(id: string): Promise<void> {} }",
            "Shop.buy",
        ),
        (
            "a.js",
            b"class Cart { add(item) { this.items.push(item) } }",
            "Cart.add",
        ),
        (
            "a.py",
            b"class Repo:\n    def save(self, x: int) -> None:\n        pass\n",
            "Repo.save",
        ),
        (
            "A.java",
            b"class Order { public int total(int a) { return a; } }",
            "Order.total",
        ),
        (
            "A.cs",
            b"class Ledger { public void Post(int amount) { } }",
            "Ledger.Post",
        ),
        (
            "a.go",
            b"package p\nfunc (s *Server) Start(port int) error { return nil }\n",
            "Server.Start",
        ),
        (
            "a.rs",
            b"struct Bin;\nimpl Bin { pub fn take(&mut self, n: u32) -> u32 { n } }\n",
            "Bin::take",
        ),
        (
            "a.rb",
            b"class Plan\n  def renew(days)\n    days\n  end\nend\n",
            "Plan.renew",
        ),
        (
            "a.php",
            b"<?php\nclass Customer { public function rename(string $n): void {} }\n",
            "Customer.rename",
        ),
        (
            "a.kt",
            b"class Task {\n    fun done(at: Long): Boolean = true\n}\n",
            "Task.done",
        ),
    ];
    for (path, source, qualified) in cases {
        let result = parse(path, source);
        assert!(!result.has_errors, "{path}: {:?}", result.error_positions);
        let function = result
            .functions
            .iter()
            .find(|f| f.qualified_name == qualified)
            .unwrap_or_else(|| panic!("{path}: no {qualified} in {:?}", result.functions));
        assert!(function.is_method, "{path}");
        let params: Vec<_> = function
            .parameters
            .iter()
            .filter(|p| p.name != "self" && !p.name.contains("self"))
            .collect();
        assert_eq!(params.len(), 1, "{path}: {:?}", function.parameters);
    }
    let ts = parse(
        "a.ts",
        b"export class Shop { async buy(id: string): Promise<void> {} }",
    );
    assert!(ts.functions[0].is_async);
    assert_eq!(
        ts.functions[0].return_type.as_deref(),
        Some("Promise<void>")
    );
    assert_eq!(
        ts.functions[0].parameters[0].type_annotation.as_deref(),
        Some("string")
    );
    assert_eq!(ts.exports[0].name, "Shop");
    let go = parse(
        "a.go",
        b"package p\nfunc (s *Server) Start(port int) error { return nil }\nfunc helper() {}\n",
    );
    assert_eq!(go.namespace.as_deref(), Some("p"));
    let visibility: Vec<_> = go.functions.iter().map(|f| f.visibility).collect();
    assert_eq!(format!("{visibility:?}"), "[Some(Public), Some(Internal)]");
}

#[test]
fn syntax_errors_give_partial_results() {
    for name in [
        "syntax-error.ts",
        "syntax-error.py",
        "syntax-error.java",
        "syntax-error.go",
        "syntax-error.rs",
    ] {
        let path = format!("malformed/{name}");
        let bytes = fs::read(fixtures().join(&path)).unwrap();
        let result = parse(&path, &bytes);
        assert!(result.has_errors, "{path}");
        assert!(!result.error_positions.is_empty(), "{path}");
        assert!(
            !result.functions.is_empty(),
            "{path}: no function survived the errors"
        );
    }
}

#[test]
fn binary_empty_huge_and_deep_inputs() {
    let parsers = ParserManager::new(16);
    let binary = fs::read(fixtures().join("malformed/binary.bin")).unwrap();
    let err = parsers.parse("malformed/binary.ts", &binary).unwrap_err();
    assert_eq!(err.code(), codes::PARSE_ERROR);
    assert!(err.to_string().contains("binary"), "{err}");

    let empty = parsers.parse("malformed/empty.ts", b"").unwrap();
    assert!(empty.functions.is_empty() && empty.classes.is_empty() && !empty.has_errors);

    let err = parsers.parse("notes.txt", b"hello").unwrap_err();
    assert_eq!(err.code(), codes::UNSUPPORTED_LANGUAGE);

    // A 1 MiB single line and deep nesting, on a thread with a small stack like wasm's.
    let long_line = format!("const x = [{}];", "1,".repeat(512 * 1024));
    let deep_js = fs::read(fixtures().join("malformed/deep-nesting.js")).unwrap();
    let deep_py = fs::read(fixtures().join("malformed/deep-nesting.py")).unwrap();
    let nested_rust = format!("fn f() {{ {}1{} }}", "(".repeat(5000), ")".repeat(5000));
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            // Unlimited: this is about stack use, and debug builds parse slowly.
            let parsers = ParserManager::new(0).with_timeout(None);
            let long = parsers.parse("long.js", long_line.as_bytes()).unwrap();
            assert_eq!(long.numeric_literals.len(), 512 * 1024);
            parsers.parse("deep.js", &deep_js).unwrap();
            parsers.parse("deep.py", &deep_py).unwrap();
            let rust = parsers.parse("deep.rs", nested_rust.as_bytes()).unwrap();
            assert_eq!(rust.functions.len(), 1);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn the_cache_hits_by_content_and_evicts_the_least_recently_used() {
    let parsers = ParserManager::new(2);
    let a = b"def a():\n    pass\n";
    let b = b"def b():\n    pass\n";
    let c = b"def c():\n    pass\n";
    let first = parsers.parse("x/one.py", a).unwrap();
    let second = parsers.parse("y/two.py", a).unwrap();
    assert_eq!(
        parsers.cache().stats().hits,
        1,
        "same content under another path is a hit"
    );
    assert_eq!(second.path, "y/two.py");
    assert_eq!(first.functions, second.functions);
    parsers.parse("b.py", b).unwrap();
    parsers.parse("one.py", a).unwrap(); // a is now the most recent
    parsers.parse("c.py", c).unwrap(); // evicts b
    let stats = parsers.cache().stats();
    assert_eq!((stats.evictions, stats.entries), (1, 2));
    parsers.parse("a.py", a).unwrap();
    assert_eq!(parsers.cache().stats().hits, 3);
    parsers.parse("b.py", b).unwrap();
    assert_eq!(parsers.cache().stats().misses, 4, "b was evicted");
}

#[test]
fn the_cache_holds_a_bounded_amount_of_source_whatever_its_entry_count() {
    let cache = ParseCache::new(1000);
    let result = std::sync::Arc::new(parse("a.py", b"def a():\n    pass\n"));
    let half = ParseCache::MAX_BYTES / 2;
    for seed in 1..=4_u8 {
        cache.insert(
            ContentHash::of(&[seed]),
            Language::Python,
            0,
            std::sync::Arc::clone(&result),
            half,
        );
    }
    let stats = cache.stats();
    assert_eq!((stats.entries, stats.evictions), (2, 2), "two halves fit");
    assert!(
        cache
            .get(ContentHash::of(&[4]), Language::Python, 0)
            .is_some()
    );
    assert!(
        cache
            .get(ContentHash::of(&[1]), Language::Python, 0)
            .is_none()
    );
    // A result of more source than the whole budget is not kept, and evicts nothing.
    cache.insert(
        ContentHash::of(&[9]),
        Language::Python,
        0,
        result,
        ParseCache::MAX_BYTES + 1,
    );
    assert_eq!(cache.stats().entries, 2);
}

#[test]
fn body_and_signature_hashes_change_independently() {
    let base = parse("a.ts", b"function f(a: number) { return a + 1 }");
    let body = parse("a.ts", b"function f(a: number) { return a + 2 }");
    let signature = parse("a.ts", b"function f(a: string) { return a + 1 }");
    let spaced = parse("a.ts", b"function  f(a:  number)   { return a + 1 }");
    let [base, body, signature, spaced] =
        [&base, &body, &signature, &spaced].map(|r| &r.functions[0]);
    assert_ne!(base.body_hash, body.body_hash);
    assert_eq!(base.signature_hash, body.signature_hash);
    assert_eq!(base.body_hash, signature.body_hash);
    assert_ne!(base.signature_hash, signature.signature_hash);
    assert_eq!(
        base.signature_hash, spaced.signature_hash,
        "whitespace does not change a signature"
    );
    assert_ne!(base.body_hash, ContentHash::default());
}

#[test]
fn queries_compile_once_and_parsers_are_per_thread() {
    let mut all: Vec<(String, Vec<u8>)> = Vec::new();
    for language in Language::ALL {
        all.extend(folder(language.name()));
    }
    all.extend(folder("malformed/unicode"));
    let sequential: Vec<ParseResult> = all.iter().map(|(path, bytes)| parse(path, bytes)).collect();
    let pool = build_pool(4).unwrap();
    for _ in 0..3 {
        let parallel: Vec<ParseResult> = pool.install(|| {
            all.par_iter()
                .with_max_len(1)
                .map(|(path, bytes)| ParserManager::new(0).parse(path, bytes).unwrap())
                .collect()
        });
        assert_eq!(parallel, sequential);
    }
    let dialects: usize = languages::ALL.iter().map(|spec| spec.dialects.len()).sum();
    // Only the TSX dialect may not have been used yet by this process's other tests.
    parse("x.tsx", b"const A = () => <div/>;");
    assert_eq!(ParserManager::query_compilations(), dialects);
}

#[test]
fn routing_by_extension_and_unicode_names() {
    let route = |path: &str| {
        ParserManager::route(path).map(|spec| {
            (
                spec.language,
                spec.dialect_index(path.rsplit('.').next().unwrap()),
            )
        })
    };
    assert_eq!(route("a.tsx").unwrap(), (Language::TypeScript, 1));
    assert_eq!(route("a.mts").unwrap(), (Language::TypeScript, 0));
    assert_eq!(route("a.cjs").unwrap().0, Language::JavaScript);
    assert_eq!(route("build.gradle.kts").unwrap().0, Language::Kotlin);
    assert_eq!(route("a.pyi").unwrap().0, Language::Python);
    assert_eq!(
        route("Makefile").unwrap_err().code(),
        codes::UNSUPPORTED_LANGUAGE
    );

    let unicode = parse(
        "ü.py",
        "def grüße(名前):\n    return f\"hallo {名前}\"\n".as_bytes(),
    );
    assert_eq!(unicode.functions[0].name, "grüße");
    assert_eq!(unicode.functions[0].parameters[0].name, "名前");
    for (path, bytes) in folder("malformed/unicode") {
        let result = parse(&path, &bytes);
        assert!(!result.has_errors, "{path}");
    }
    let bad_utf8 = fs::read(fixtures().join("malformed/bad-utf8.rb")).unwrap();
    let result = parse("malformed/bad-utf8.rb", &bad_utf8);
    assert!(!result.functions.is_empty() || !result.classes.is_empty());
}

#[test]
fn error_handling_constructs_are_found() {
    use ErrorHandlingKind::{Catch, Defer, Ensure, Finally, Propagate, Rescue, Throw, Try};
    let cases: [(&str, &[u8], &[ErrorHandlingKind]); 4] = [
        (
            "a.py",
            b"try:\n    x()\nexcept E:\n    raise\nfinally:\n    y()\n",
            &[Try, Catch, Throw, Finally],
        ),
        (
            "a.go",
            b"package p\nfunc f() { defer func() { recover() }() }\n",
            &[Defer, Propagate],
        ),
        (
            "a.rs",
            b"fn f() -> Result<(), E> { g()?; Ok(()) }",
            &[Propagate],
        ),
        (
            "a.rb",
            b"begin\n  x\nrescue E\n  y\nensure\n  z\nend\n",
            &[Try, Rescue, Ensure],
        ),
    ];
    for (path, source, expected) in cases {
        let kinds: Vec<_> = parse(path, source)
            .error_handling
            .iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, expected, "{path}");
    }
}
