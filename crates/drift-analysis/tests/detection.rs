//! Detection packs against the labelled cases of `test-fixtures/detection/cases/`: every
//! `expect-pattern: ID` marks a line where the pattern must be found, every
//! `expect-no-pattern: ID` a line where it must not (a marker alone on a comment line applies
//! to the next line). Every built-in pattern needs at least one of each, and every category
//! at least three patterns with both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use drift_analysis::detection::{DetectionSet, PackSource, detect_source};
use drift_core::errors::DriftErrorCode;
use drift_core::types::detection::Category;

fn cases_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/detection/cases")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Ids after `marker` on `line`.
fn ids_after(line: &str, marker: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(marker) {
        rest = &rest[at + marker.len()..];
        for token in rest.split([',', ' ', '\t']) {
            let token = token.trim();
            if token.is_empty() {
                continue;
            }
            if !token.contains('/') {
                break;
            }
            ids.push(token.trim_end_matches(['*', ')', '>', '-', '}']).to_owned());
        }
    }
    ids
}

/// Whether the line holds nothing but a comment.
fn comment_only(line: &str) -> bool {
    let trimmed = line.trim_start();
    ["//", "#", "/*", "*", "<!--", "{/*", "--"]
        .iter()
        .any(|start| trimmed.starts_with(start))
}

/// (line, id) pairs expected and forbidden in a file's text (1-based lines).
/// `(line, pattern id)` pairs.
type Marks = Vec<(u32, String)>;

fn expectations(text: &str) -> (Marks, Marks) {
    let lines: Vec<&str> = text.lines().collect();
    let (mut wanted, mut unwanted) = (Vec::new(), Vec::new());
    for (index, line) in lines.iter().enumerate() {
        let positive = ids_after(
            &line.replace("expect-no-pattern:", "\u{0}"),
            "expect-pattern:",
        );
        let negative = ids_after(line, "expect-no-pattern:");
        if positive.is_empty() && negative.is_empty() {
            continue;
        }
        let mut target = index;
        if comment_only(line) {
            target = (index + 1..lines.len())
                .find(|&next| {
                    !(comment_only(lines[next])
                        && (lines[next].contains("expect-pattern:")
                            || lines[next].contains("expect-no-pattern:")))
                })
                .unwrap_or(index);
        }
        let line_no = u32::try_from(target + 1).unwrap();
        wanted.extend(positive.into_iter().map(|id| (line_no, id)));
        unwanted.extend(negative.into_iter().map(|id| (line_no, id)));
    }
    (wanted, unwanted)
}

/// The packs as the source tree holds them now (read at run time, so a pack author's edit
/// needs no rebuild); `builtin_packs_are_the_source_packs` ties them to the compiled ones.
fn source_packs() -> DetectionSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/detection/packs");
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    let packs: Vec<PackSource> = files
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| PackSource {
            origin: format!("packs/{}", path.file_name().unwrap().to_string_lossy()),
            text: std::fs::read_to_string(path).unwrap(),
        })
        .collect();
    let set = DetectionSet::from_sources(&packs);
    assert!(set.errors.is_empty(), "{:#?}", set.errors);
    set
}

#[test]
fn builtin_packs_are_the_source_packs() {
    let ids = |set: &DetectionSet| {
        set.patterns
            .iter()
            .map(|p| p.id.clone())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(ids(DetectionSet::builtin()), ids(&source_packs()));
}

#[test]
fn labelled_cases_hold_for_every_builtin_pattern() {
    let source = source_packs();
    let set = &source;
    let only = std::env::var("DRIFT_CASES").unwrap_or_default();
    let mut files = Vec::new();
    files_under(&cases_root(), &mut files);
    let mut positives: BTreeMap<String, u32> = BTreeMap::new();
    let mut negatives: BTreeMap<String, u32> = BTreeMap::new();
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        if !path.to_string_lossy().contains(only.as_str()) {
            continue;
        }
        let (wanted, unwanted) = expectations(&text);
        if wanted.is_empty() && unwanted.is_empty() {
            continue;
        }
        let relative = path
            .strip_prefix(cases_root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let found = match detect_source(set, &relative, text.as_bytes()) {
            Ok(found) => found,
            Err(err) => {
                failures.push(format!("{relative}: {err}"));
                continue;
            }
        };
        let hits: BTreeSet<(u32, &str)> = found
            .matches
            .iter()
            .map(|m| (m.line, m.pattern_id.as_str()))
            .collect();
        for (line, id) in &wanted {
            if set.pattern(id).is_none() {
                failures.push(format!(
                    "{relative}:{line}: `{id}` is not a built-in pattern"
                ));
            } else if !hits.contains(&(*line, id.as_str())) {
                let here: Vec<&str> = hits.iter().filter(|h| h.0 == *line).map(|h| h.1).collect();
                failures.push(format!(
                    "{relative}:{line}: `{id}` not found (found: {here:?})"
                ));
            }
            *positives.entry(id.clone()).or_default() += 1;
        }
        for (line, id) in &unwanted {
            if set.pattern(id).is_none() {
                failures.push(format!(
                    "{relative}:{line}: `{id}` is not a built-in pattern"
                ));
            } else if hits.contains(&(*line, id.as_str())) {
                failures.push(format!(
                    "{relative}:{line}: `{id}` found where it must not be"
                ));
            }
            *negatives.entry(id.clone()).or_default() += 1;
        }
    }
    for pattern in set.patterns.iter().filter(|_| only.is_empty()) {
        if !positives.contains_key(&pattern.id) {
            failures.push(format!("`{}` has no positive case", pattern.id));
        }
        if !negatives.contains_key(&pattern.id) {
            failures.push(format!("`{}` has no negative case", pattern.id));
        }
    }
    for category in Category::ALL.iter().filter(|_| only.is_empty()) {
        let covered = set
            .patterns
            .iter()
            .filter(|p| p.category == *category)
            .filter(|p| positives.contains_key(&p.id) && negatives.contains_key(&p.id))
            .count();
        if covered < 3 {
            failures.push(format!(
                "category `{category}` has {covered} patterns with positive and negative cases (3 needed)"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn user_pack(text: &str) -> drift_core::errors::ConfigError {
    DetectionSet::validate(text, ".drift/packs/team.toml").expect_err("the pack is rejected")
}

#[test]
fn bad_packs_name_their_file_and_line_and_the_others_go_on() {
    let bad_regex = "[[patterns]]\nid = \"team/x\"\ncategory = \"api\"\n[patterns.match]\ncontent_patterns = [\"(unclosed\"]\n";
    let err = user_pack(bad_regex);
    assert_eq!(err.code(), "CONFIG_INVALID");
    let text = err.to_string();
    assert!(text.contains(".drift/packs/team.toml line 5"), "{text}");
    let unknown_kind = "[[patterns]]\nid = \"team/y\"\ncategory = \"errors\"\n[patterns.match]\nlanguages = [\"python\"]\nnode = { kinds = [\"catch_clause_typo\"] }\n";
    let text = user_pack(unknown_kind).to_string();
    assert!(
        text.contains("line 6") && text.contains("catch_clause_typo"),
        "{text}"
    );
    let unknown_category =
        "[[patterns]]\nid = \"team/z\"\ncategory = \"nope\"\n[patterns.match]\nimports = [\"x\"]\n";
    assert!(user_pack(unknown_category).to_string().contains("line 3"));
    let lone_alternative = "[[patterns]]\nid = \"team/a\"\ncategory = \"api\"\nsub_type = \"s\"\n[patterns.match]\nimports = [\"x\"]\n[patterns.learn]\ngroup_by = \"sub_type\"\n";
    assert!(
        user_pack(lone_alternative)
            .to_string()
            .contains("only alternative")
    );
    assert!(
        user_pack("not toml ===")
            .to_string()
            .contains("team.toml line 1")
    );
    // With the built-ins, a bad user pack is left out and reported; a good one is added.
    let good = "[[patterns]]\nid = \"team/todo\"\ncategory = \"documentation\"\n[patterns.match]\ncontent_patterns = [\"TEAM-TODO\"]\n";
    let set = DetectionSet::with_user_packs(&[
        PackSource {
            origin: "bad.toml".into(),
            text: bad_regex.into(),
        },
        PackSource {
            origin: "good.toml".into(),
            text: good.into(),
        },
    ]);
    assert_eq!(set.errors.len(), 1);
    assert!(set.pattern("team/todo").is_some());
    assert!(set.pattern("team/x").is_none());
    assert!(set.patterns.len() > DetectionSet::builtin().patterns.len());
}

#[test]
fn suppression_comments_hide_matches_and_unknown_rules_are_listed() {
    let code = "def a():\n    try:\n        go()\n    except:  # drift-ignore errors/catch-all\n        raise\n\n\ndef b():\n    try:\n        go()\n    # drift-ignore-next-line no/such-rule\n    except:\n        raise\n";
    let found = detect_source(DetectionSet::builtin(), "jobs.py", code.as_bytes()).unwrap();
    let at = |line: u32, id: &str| {
        found
            .matches
            .iter()
            .find(|m| m.line == line && m.pattern_id == id)
            .unwrap()
    };
    assert!(at(4, "errors/catch-all").suppressed);
    assert!(
        !at(4, "errors/catch-rethrows").suppressed,
        "a named rule hides only that rule"
    );
    assert!(!at(12, "errors/catch-all").suppressed);
    assert!(!DetectionSet::builtin().knows_rule("no/such-rule"));
    assert!(
        found
            .suppressions
            .iter()
            .any(|s| s.line == 11 && s.rules == ["no/such-rule"])
    );
}

#[test]
fn generated_and_minified_files_and_huge_literals_stay_cheap_and_quiet() {
    let set = DetectionSet::builtin();
    let minified = format!(
        "function a(){{try{{x()}}catch(e){{}}}}{}",
        ";var b=1".repeat(20_000)
    );
    let found = detect_source(set, "dist/app.js", minified.as_bytes()).unwrap();
    assert!(found.generated && found.matches.is_empty());
    let marked = "// Code generated by protoc. DO NOT EDIT.\npackage p\nfunc f() error { if err != nil { return err } }\n";
    assert!(
        detect_source(set, "p.go", marked.as_bytes())
            .unwrap()
            .generated
    );
    let literal = format!("const s = \"{}\";\n", "a".repeat(2_000_000));
    let started = std::time::Instant::now();
    let found = detect_source(set, "big.ts", literal.as_bytes()).unwrap();
    assert!(found.matches.iter().all(|m| m.matched_text.len() <= 200));
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn bundled_libraries_and_compiler_output_are_kept_out_of_learning() {
    use drift_analysis::detection::{is_generated, is_test_path};
    let jquery = b"/*! jQuery v3.5.0 | (c) JS Foundation and other contributors */\n(function(){ var a = 1; })()\n";
    assert!(is_generated("static/js/jquery.js", jquery));
    let license = b"/*! Copyright the authors. Licensed under MIT. */\nexport const a = 1\n";
    assert!(
        !is_generated("src/a.ts", license),
        "a banner without a version is the project's"
    );
    let declarations = b"export declare const a: number;\n//# sourceMappingURL=a.d.ts.map\n";
    assert!(is_generated("dist/a.d.ts", declarations));
    assert!(is_generated("app/vendor/lib/x.js", b"let a = 1\n"));
    assert!(!is_generated("src/vendors.ts", b"let a = 1\n"));
    assert!(is_test_path("src/cmd/go/testdata/script/a.go"));
    assert!(!is_test_path("src/cmd/go/data/a.go"));
}
