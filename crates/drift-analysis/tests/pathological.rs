//! Files shaped like minified bundles and generated code, near the 1 MiB size limit, in every
//! language: one long expression, one long call chain, one huge literal, deep brackets and
//! deeply nested functions. Each must come back (a result, or `PARSE_TIMEOUT` once its budget
//! is spent) and never hang the scan; a tiny budget must stop even a file that would finish.

use std::time::{Duration, Instant};

use drift_analysis::parsers::ParserManager;
use drift_core::Language;
use drift_core::errors::{DriftErrorCode, codes};
use rayon::prelude::*;

/// Just under the default `scan.max_file_size` (1 MiB).
const SIZE: usize = 1_000_000;

/// Budget used here; the default is larger.
const BUDGET: Duration = Duration::from_secs(1);

/// A statement holding `expr`, in `language`, and the file extension.
fn wrap(language: Language, expr: &str) -> (String, &'static str) {
    match language {
        Language::TypeScript => (format!("const x: unknown = {expr};\n"), "ts"),
        Language::JavaScript => (format!("var x = {expr};\n"), "js"),
        Language::Python => (format!("x = {expr}\n"), "py"),
        Language::Java => (
            format!("class A {{ void f() {{ Object x = {expr}; }} }}\n"),
            "java",
        ),
        Language::CSharp => (
            format!("class A {{ void F() {{ var x = {expr}; }} }}\n"),
            "cs",
        ),
        Language::Go => (
            format!("package a\n\nfunc f() {{\n\tx := {expr}\n\t_ = x\n}}\n"),
            "go",
        ),
        Language::Rust => (format!("fn f() {{ let x = {expr}; }}\n"), "rs"),
        Language::Ruby => (format!("x = {expr}\n"), "rb"),
        Language::Php => (format!("<?php\n$x = {expr};\n"), "php"),
        Language::Kotlin => (format!("fun f() {{ val x = {expr} }}\n"), "kt"),
    }
}

/// `unit` repeated to about `SIZE` bytes, between `head` and `tail`.
fn repeat(head: &str, unit: &str, tail: &str) -> String {
    let count = (SIZE - head.len() - tail.len()) / unit.len();
    let mut out = String::with_capacity(SIZE);
    out.push_str(head);
    for _ in 0..count {
        out.push_str(unit);
    }
    out.push_str(tail);
    out
}

/// A chain of `count` calls in the language's member syntax.
fn chain(language: Language) -> String {
    match language {
        Language::Php => repeat("$a", "->b()", ""),
        Language::Rust | Language::Go | Language::Kotlin | Language::Java | Language::CSharp => {
            repeat("a", ".b()", "")
        }
        _ => repeat("a", ".b(1)", ""),
    }
}

/// Functions nested inside each other, as deep as the size allows.
fn nested_functions(language: Language) -> (String, &'static str) {
    let (open, close, ext) = match language {
        Language::TypeScript => ("function f() {", "}", "ts"),
        Language::JavaScript => ("function f() {", "}", "js"),
        Language::Python => ("lambda: ", "", "py"),
        Language::Java => ("new Object() { void f() {", "}};", "java"),
        Language::CSharp => ("void F() {", "}", "cs"),
        Language::Go => ("func() {", "}()\n", "go"),
        Language::Rust => ("fn f() {", "}", "rs"),
        Language::Ruby => ("def f\n", "end\n", "rb"),
        Language::Php => ("function f() {", "}", "php"),
        Language::Kotlin => ("fun f() {", "}", "kt"),
    };
    let depth = SIZE / (open.len() + close.len()) - 8;
    let body = format!("{}0{}", open.repeat(depth), close.repeat(depth));
    let source = match language {
        Language::Python => format!("x = {body}\n"),
        Language::Java => format!("class A {{ void g() {{ {body} }} }}\n"),
        Language::CSharp => format!("class A {{ {body} }}\n"),
        Language::Go => format!("package a\n\nfunc g() {{\n{body}}}\n"),
        Language::Php => format!("<?php\n{body}\n"),
        _ => body,
    };
    (source, ext)
}

/// Every pathological file of `language`, named by its shape.
fn cases(language: Language) -> Vec<(&'static str, String, &'static str)> {
    let expression = wrap(language, &repeat("1", " + 1", ""));
    let chain = wrap(language, &chain(language));
    let literal = wrap(language, &repeat("\"", "a", "\""));
    let brackets = wrap(
        language,
        &format!(
            "{}1{}",
            "(".repeat(SIZE / 2 - 64),
            ")".repeat(SIZE / 2 - 64)
        ),
    );
    let nested = nested_functions(language);
    vec![
        ("one expression", expression.0, expression.1),
        ("one call chain", chain.0, chain.1),
        ("one literal", literal.0, literal.1),
        ("deep brackets", brackets.0, brackets.1),
        ("nested functions", nested.0, nested.1),
    ]
}

#[test]
fn pathological_files_come_back_within_their_budget_with_a_result_or_a_code() {
    let parsers = ParserManager::new(0).with_timeout(Some(BUDGET));
    let files: Vec<_> = Language::ALL
        .into_iter()
        .flat_map(|language| {
            cases(language)
                .into_iter()
                .map(move |(shape, source, ext)| (language, shape, source, ext))
        })
        .collect();
    // Both cores: the budget is per file, and the parsers are per thread.
    let report: Vec<String> = files
        .par_iter()
        .map(|(language, shape, source, ext)| {
            assert!(source.len() <= 1024 * 1024, "{language} {shape}: too large");
            let started = Instant::now();
            let outcome = parsers.parse(&format!("gen/{shape}.{ext}"), source.as_bytes());
            let elapsed = started.elapsed();
            let code = match &outcome {
                Ok(_) => "ok",
                Err(err) => err.code(),
            };
            assert!(
                code == "ok" || code == codes::PARSE_TIMEOUT,
                "{language} {shape}: {outcome:?}"
            );
            // Generous slack for a loaded machine: this catches hangs, not slowness.
            assert!(
                elapsed < BUDGET + Duration::from_secs(8),
                "{language} {shape}: {elapsed:?}"
            );
            format!("{language:<10} {shape:<16} {code:<13} {elapsed:?}")
        })
        .collect();
    // Printed with `--nocapture`; the figures go to BENCHMARKS.md.
    eprintln!("{}", report.join("\n"));
}

#[test]
fn a_spent_budget_gives_parse_timeout_and_the_next_file_parses() {
    let source = wrap(Language::JavaScript, &repeat("1", " + 1", "")).0;
    let parsers = ParserManager::new(0).with_timeout(Some(Duration::from_millis(1)));
    let err = parsers.parse("gen/big.js", source.as_bytes()).unwrap_err();
    assert_eq!(err.code(), codes::PARSE_TIMEOUT);
    let message = err.to_string();
    assert!(message.contains("parse.timeout_ms"), "{message}");
    assert!(message.contains("gen/big.js"), "{message}");
    // The stopped parser starts the next file afresh on the same thread.
    let generous = ParserManager::new(0).with_timeout(Some(Duration::from_secs(60)));
    let result = generous
        .parse("gen/small.js", b"function ok() { return go(1); }\n")
        .unwrap();
    assert_eq!(result.functions[0].name, "ok");
    assert_eq!(result.call_sites[0].callee, "go");
    assert!(!result.has_errors);
}

#[test]
fn long_chains_keep_bounded_receivers() {
    let source = wrap(
        Language::TypeScript,
        &format!("a{}", ".b(1)".repeat(19_999)),
    )
    .0;
    let result = ParserManager::new(0)
        .with_timeout(None)
        .parse("gen/chain.ts", source.as_bytes())
        .unwrap();
    assert_eq!(result.call_sites.len(), 19_999);
    for call in &result.call_sites {
        assert_eq!(call.callee, "b");
        let receiver = call.receiver.as_deref().unwrap();
        assert!(receiver.len() <= 260, "{}", receiver.len());
        assert!(
            receiver.starts_with('a') || receiver.starts_with('…'),
            "{receiver}"
        );
        assert!(receiver.ends_with(".b(1)") || receiver == "a", "{receiver}");
    }
}
