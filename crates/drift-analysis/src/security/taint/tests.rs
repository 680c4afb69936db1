use std::path::Path;

use drift_core::errors::DriftErrorCode;

use super::{TaintRules, code_only};
use crate::parsers::ParserManager;

/// The labelled apps of `test-fixtures/taint/` (Express, Flask, Spring, net/http, plain PHP,
/// Rails): every true flow is labelled `drift-expect: flow SINK_TYPE` on its sink line; the
/// sanitised, parameterised and dead-end variants next to them are not. Precision must be at
/// least 0.85 and recall at least 0.70 (the targets); what is found is printed.
#[test]
fn labelled_flows_meet_precision_and_recall() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/taint");
    let parsers = ParserManager::new(0);
    let rules = TaintRules::builtin();
    let (mut expected_total, mut found_total, mut true_positives) = (0, 0, 0);
    let mut report = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read(&path).unwrap();
        let text = String::from_utf8(source.clone()).unwrap();
        let result = parsers.parse(&name, &source).unwrap();
        let flows = rules.flows_of(&result, &source);
        let expected: Vec<(u32, String)> = text
            .lines()
            .enumerate()
            .filter_map(|(line, content)| {
                let (_, label) = content.split_once("drift-expect: flow ")?;
                Some((u32::try_from(line).unwrap(), label.trim().to_owned()))
            })
            .collect();
        let got: Vec<(u32, String)> = flows
            .iter()
            .map(|flow| (flow.sink_line, flow.sink_type.clone()))
            .collect();
        expected_total += expected.len();
        found_total += got.len();
        true_positives += got.iter().filter(|item| expected.contains(item)).count();
        for item in &expected {
            if !got.contains(item) {
                report.push(format!("{name}:{}: missed {}", item.0 + 1, item.1));
            }
        }
        for item in &got {
            if !expected.contains(item) {
                report.push(format!("{name}:{}: unexpected {}", item.0 + 1, item.1));
            }
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let (precision, recall) = (
        true_positives as f64 / found_total.max(1) as f64,
        true_positives as f64 / expected_total.max(1) as f64,
    );
    // The numbers, for `cargo test -- --nocapture` (SECURITY-ANALYSIS.md quotes them).
    eprintln!(
        "taint fixtures: {expected_total} labelled, {found_total} found, precision {precision:.2}, recall {recall:.2}"
    );
    for line in &report {
        eprintln!("  {line}");
    }
    assert!(expected_total >= 25, "{expected_total} labelled flows");
    assert!(
        precision >= 0.85 && recall >= 0.70,
        "precision {precision:.2}, recall {recall:.2}:\n{}",
        report.join("\n")
    );
}

#[test]
fn a_flow_names_its_source_path_and_sink() {
    let code = "def ping(request):\n    host = request.GET['host']\n    target = host\n    os.system('ping ' + target)\n";
    let result = ParserManager::new(0)
        .parse("app/views.py", code.as_bytes())
        .unwrap();
    let flows = TaintRules::builtin().flows_of(&result, code.as_bytes());
    assert_eq!(flows.len(), 1);
    let flow = &flows[0];
    assert_eq!(
        (
            flow.function.as_str(),
            flow.sink.as_str(),
            flow.cwe,
            flow.label.as_str()
        ),
        ("ping", "os.system", 78, "user_input")
    );
    let lines: Vec<u32> = flow.path.iter().map(|step| step.line).collect();
    assert_eq!(lines, [1, 1, 2, 3]);
    assert!(flow.source.starts_with("request.GET"));
}

#[test]
fn names_in_plain_string_text_are_not_uses() {
    let blanked = code_only("'SELECT q FROM t' + q");
    assert_eq!(blanked.matches('q').count(), 1, "{blanked}");
    assert!(blanked.ends_with("+ q"));
    assert!(code_only("`a ${q} b`").contains('q'));
    assert!(code_only("f\"x {q}\"").contains('q'));
    assert!(code_only("\"#{q}\"").contains('q'));
    assert!(code_only("\"id = $id\"").contains("$id"));
    assert!(code_only("format!(\"a {q} b\")").contains('q'));
    assert!(!code_only("log(\"a {q} b\")").contains('q'));
}

#[test]
fn bad_rules_are_config_invalid() {
    let err = TaintRules::parse(
        "[[source]]\nlanguages = [\"python\"]\nlabel = \"x\"\n\n[[sink]]\n",
        "packs/taint.toml",
    )
    .unwrap_err();
    assert_eq!(err.code(), "CONFIG_INVALID", "{err}");
    let err = TaintRules::parse(
        "source = []\nsanitizer = []\n[[sink]]\nlanguages = [\"python\"]\ntype = \"sql_query\"\ncwe = 89\nmethods = [\"x\"]\nreceiver = \"(\"\nargs = []\n",
        "packs/taint.toml",
    )
    .unwrap_err();
    assert_eq!(err.code(), "CONFIG_INVALID", "{err}");
    // A parameter pattern must capture the parameter's name.
    let err = TaintRules::parse(
        "sink = []\nsanitizer = []\n[[source]]\nlanguages = [\"rust\"]\nlabel = \"user_input\"\nparam_pattern = \"Query\\\\(\\\\w+\\\\)\"\n",
        "packs/taint.toml",
    )
    .unwrap_err();
    assert_eq!(err.code(), "CONFIG_INVALID", "{err}");
    assert!(err.to_string().contains("param_pattern"), "{err}");
}

/// Taint through recursion and cycles ends: each function is visited once per origin and
/// call, and a chain stops at `across::MAX_DEPTH` functions.
#[test]
fn flows_through_recursion_and_cycles_end() {
    use std::fmt::Write as _;

    use crate::callgraph::{CallGraph, FileFacts};

    // `ping` and `pong` call each other with the same value; `deep0` .. `deep11` hand it down
    // a chain longer than the limit.
    let mut code = String::from(
        "import os\n\ndef view(request):\n    ping(request.GET['h'], 3)\n    deep0(request.GET['d'])\n\n\
         def ping(host, n):\n    pong(host, n - 1)\n    os.system('ping ' + host)\n\n\
         def pong(host, n):\n    ping(host, n)\n\n",
    );
    for level in 0..12 {
        let next = level + 1;
        writeln!(code, "def deep{level}(value):\n    deep{next}(value)").unwrap();
        code.push_str("    os.system('x ' + value)\n\n");
    }
    let result = ParserManager::new(0)
        .parse("app/loop.py", code.as_bytes())
        .unwrap();
    let (_, summary) = TaintRules::builtin().analyse(&result, code.as_bytes());
    let graph = CallGraph::build(&[FileFacts::of(&result)]);
    let flows = super::across::flows(&graph, &[("app/loop.py".to_owned(), summary)]);
    let sinks: Vec<(u32, usize)> = flows
        .iter()
        .map(|(_, flow)| (flow.sink_line, flow.functions.len()))
        .collect();
    // The sink in `ping`, and one per chained function up to the depth limit.
    assert!(sinks.contains(&(8, 2)), "{sinks:?}");
    let deepest = sinks.iter().map(|(_, length)| *length).max().unwrap();
    assert_eq!(deepest, super::across::MAX_DEPTH, "{sinks:?}");
    assert_eq!(flows.len(), super::across::MAX_DEPTH, "{sinks:?}");
}

/// A guard (`url_has_allowed_host_and_scheme(url=x)`) makes `x` safe for redirects from its
/// line on, within the function and in what the function returns; without it the value
/// returned reaches the caller's redirect.
#[test]
fn guards_make_what_they_check_safe_across_functions() {
    use crate::callgraph::{CallGraph, FileFacts};

    let flows_of = |check: &str| {
        let code = format!(
            "class LoginView:\n    def target(self):\n        to = self.request.POST.get('next')\n{check}        return to\n\n    def done(self):\n        return HttpResponseRedirect(self.target())\n"
        );
        let result = ParserManager::new(0)
            .parse("app/views.py", code.as_bytes())
            .unwrap();
        let (within, summary) = TaintRules::builtin().analyse(&result, code.as_bytes());
        assert!(within.is_empty());
        let graph = CallGraph::build(&[FileFacts::of(&result)]);
        super::across::flows(&graph, &[("app/views.py".to_owned(), summary)])
    };
    let open = flows_of("");
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].1.sink_type, "http_redirect");
    assert_eq!(
        open[0].1.functions,
        [
            "app/views.py::LoginView.target",
            "app/views.py::LoginView.done"
        ]
    );
    let guarded = flows_of(
        "        ok = url_has_allowed_host_and_scheme(url=to, allowed_hosts={'a'})\n        to = to if ok else '/'\n",
    );
    assert!(guarded.is_empty(), "{guarded:?}");
}

/// A minified bundle (one line of tens of thousands of calls over tainted values) and a file
/// of one long string are analysed in bounded time: a line with that many calls is not
/// summarised call by call.
#[test]
fn minified_lines_and_long_strings_are_analysed_in_bounded_time() {
    use std::fmt::Write as _;

    let mut line = String::from("function h(a,b){var q=req.query.q;");
    for index in 0..20_000 {
        write!(line, "f{index}(a,b,q,g{index}(q));").unwrap();
    }
    line.push_str("db.query(q)}\n");
    let long_string = format!("const s = \"{}\";\n", "x(".repeat(400_000));
    for (name, code) in [("bundle.min.js", line), ("strings.js", long_string)] {
        // The parse has no budget here (a debug build on a busy machine may need more than the
        // default); the analysis's own time is what is bounded.
        let result = ParserManager::new(0)
            .with_timeout(None)
            .parse(name, code.as_bytes())
            .unwrap();
        let started = std::time::Instant::now();
        let (flows, _) = TaintRules::builtin().analyse(&result, code.as_bytes());
        let spent = started.elapsed();
        // Generous for a debug build on a loaded machine; a quadratic pass takes minutes.
        eprintln!("{name}: {} calls, {spent:?}", result.call_sites.len());
        assert!(spent.as_secs() < 20, "{name}: {spent:?}");
        assert!(flows.len() <= 1, "{flows:?}");
    }
}
