use drift_core::errors::DriftErrorCode;
use drift_core::types::security::{SecretStatus, Severity};

use super::{SecretPack, mask, shannon};

/// A pack of two families, enough to test the engine apart from the shipped data.
const PACK: &str = r#"
[[pattern]]
id = "demo-token"
name = "Demo token"
provider = "demo"
category = "saas"
severity = "critical"
keywords = ["dmo_"]
regex = '''(?:^|[^A-Za-z0-9_])(?P<secret>dmo_[A-Za-z0-9]{24})(?:$|[^A-Za-z0-9_])'''
prefix = "dmo_"
min_entropy = 3.0
cwe = [798]
confidence = 0.9

[[pattern]]
id = "generic-password"
name = "Password assignment"
provider = "generic"
category = "generic"
severity = "high"
keywords = ["password"]
regex = '''(?i)password\s*[:=]\s*["'](?P<secret>[^"'\s]{8,})["']'''
min_entropy = 2.5
cwe = [798]
confidence = 0.6
"#;

fn pack() -> SecretPack {
    SecretPack::parse(PACK, "demo.toml").unwrap()
}

#[test]
fn a_prefixed_token_is_found_masked_and_fingerprinted() {
    let code = b"import x\nconst t = \"dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ\";\n";
    let found = pack().scan("src/app.ts", code);
    assert_eq!(found.len(), 1);
    let hit = &found[0];
    assert_eq!(
        (hit.pattern.as_str(), hit.line, hit.column, hit.end_column),
        ("demo-token", 1, 11, 39)
    );
    assert_eq!(hit.status, SecretStatus::Open);
    assert_eq!(hit.severity, Severity::Critical);
    assert_eq!(hit.masked, "dmo_********3HsJ");
    assert!(!hit.masked.contains("q8Zr2LmX7vKp4NcT9wYb"));
    assert_eq!(hit.fingerprint.len(), 16);
    // The same value in another file is another finding; moved lines keep the fingerprint.
    let moved = pack().scan("src/app.ts", b"\n\n\nx = 'dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ'\n");
    assert_eq!(moved[0].fingerprint, hit.fingerprint);
    let elsewhere = pack().scan("src/other.ts", code);
    assert_ne!(elsewhere[0].fingerprint, hit.fingerprint);
}

#[test]
fn placeholders_references_and_low_entropy_values_are_not_open_findings() {
    let pack = pack();
    let open = |text: &str| {
        pack.scan("config/app.py", text.as_bytes())
            .into_iter()
            .filter(|found| found.status == SecretStatus::Open)
            .count()
    };
    assert_eq!(open("password = 'your_password_here'\n"), 0);
    assert_eq!(open("password = '${DB_PASSWORD}'\n"), 0);
    assert_eq!(open("password = 'xxxxxxxxxxxx'\n"), 0);
    assert_eq!(open("password: 'user.password'\n"), 0, "a dotted name");
    assert_eq!(open("password = 'Please enter it'\n"), 0, "a sentence");
    assert_eq!(
        open("dmo_aaaaaaaaaaaaaaaaaaaaaaaa\n"),
        0,
        "below the entropy gate"
    );
    assert_eq!(open("password = 'T7#kq9!Vz2@mWx'\n"), 1);
    let placeholder = pack.scan("a.py", b"password = '<your-password>'\n");
    assert_eq!(placeholder[0].status, SecretStatus::Placeholder);
    assert!(placeholder[0].confidence < 0.1);
}

#[test]
fn suppression_comments_and_test_paths_weigh_in() {
    let pack = pack();
    let line = "key = 'dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ'";
    for marker in [
        "# drift-ignore",
        "// gitleaks:allow",
        "# pragma: allowlist secret",
    ] {
        let found = pack.scan("a.py", format!("{line}  {marker}\n").as_bytes());
        assert_eq!(found[0].status, SecretStatus::Suppressed, "{marker}");
    }
    let next = pack.scan(
        "a.py",
        format!("# drift-ignore-next-line\n{line}\n").as_bytes(),
    );
    assert_eq!(next[0].status, SecretStatus::Suppressed);
    let real = pack.scan("src/a.py", line.as_bytes())[0].confidence;
    let test = pack.scan("tests/a.py", line.as_bytes())[0].confidence;
    assert!(test < real, "{test} < {real}");
}

#[test]
fn overlapping_matches_keep_the_specific_pattern() {
    let found = pack().scan("a.env", b"password = 'dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ'\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pattern, "demo-token");
}

#[test]
fn binary_content_and_long_lines_are_handled() {
    let pack = pack();
    assert!(
        pack.scan("a.bin", b"\0\x01dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ")
            .is_empty()
    );
    // A minified line of 2 MB with a token in the middle: found, by its window.
    let mut line = "var a=1;".repeat(130_000);
    line.push_str("k=\"dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ\";");
    line.push_str(&"b=2;".repeat(260_000));
    let found = pack.scan("bundle.min.js", line.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].column, 1_040_003);
    // Thousands of keywords on one long line run each regex over each window once.
    let many = "password=1;".repeat(200_000);
    assert!(pack.scan("many.js", many.as_bytes()).is_empty());
}

#[test]
fn bad_packs_are_config_invalid_with_their_line() {
    let end = PACK.lines().count() + 2;
    let cases = [
        (
            PACK.replace("(?P<secret>dmo_", "(?P<value>dmo_"),
            "`secret`",
            9,
        ),
        (
            PACK.replace("[A-Za-z0-9]{24}", "[A-Za-z0-9{24}"),
            "regex",
            9,
        ),
        (
            PACK.replace("severity = \"high\"", "severity = \"dire\""),
            "dire",
            20,
        ),
        (PACK.replace("[\"dmo_\"]", "[\"dm\"]"), "shorter than 3", 8),
        (
            PACK.replace("generic-password", "demo-token"),
            "used twice",
            16,
        ),
        (
            PACK.replace("min_entropy = 3.0", "min_entropy = 3.0\nlookahead = true"),
            "lookahead",
            12,
        ),
        (format!("{PACK}\n[[pattern]\n"), "", end),
    ];
    for (text, needle, line) in cases {
        let err = SecretPack::parse(&text, "packs/mine.toml").unwrap_err();
        let message = err.coded_message();
        assert_eq!(err.code(), "CONFIG_INVALID", "{message}");
        assert!(message.contains("packs/mine.toml line"), "{message}");
        assert!(message.contains(needle), "{message}");
        let at: usize = message
            .split("line ")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|digits| digits.parse().ok())
            .unwrap();
        assert!(at.abs_diff(line) <= 1, "line {at}, not {line}: {message}");
    }
}

#[test]
fn masks_and_entropy() {
    assert_eq!(
        mask("ghp_abcdefghijklmnopqrstuvwxyz0123456789", Some("ghp_")),
        "ghp_********6789"
    );
    assert_eq!(mask("hunter2hunter", None), "********");
    assert!(shannon(b"aaaa").abs() < 1e-6);
    assert!((shannon(b"abcd") - 2.0).abs() < 1e-6);
}

#[test]
fn the_builtin_pack_compiles_and_runs() {
    let pack = SecretPack::builtin();
    assert!(!pack.patterns().is_empty());
    assert!(pack.scan("a.txt", b"nothing to see").is_empty());
}

#[test]
fn placeholder_words_and_punctuation_heavy_keys() {
    use super::is_placeholder;
    for value in [
        "password123",
        "Secret!",
        "admin2024",
        "<YOUR-TOKEN>",
        "[redacted]",
        "your_api_key_here",
        "${API_KEY}",
    ] {
        assert!(is_placeholder(value, None), "{value}");
    }
    // A key full of punctuation (WordPress salts, Django keys) is not a template.
    for value in [
        "k<9}Lq|2#vX>p;Wz@8!rT",
        "#e)r&u8wy+pb3^td35&u^^j=z_6_(tznnke-riy(&w7a4b=^ol",
    ] {
        assert!(!is_placeholder(value, None), "{value}");
    }
}

#[test]
fn adjacent_tokens_are_each_found() {
    let line = b"keys = dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ,dmo_Lm3Q9zR2vX8kP4wN7tB6cY1h\n";
    let found = pack().scan("a.txt", line);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_file_requirement_gates_a_pattern() {
    let gated = PACK.replace(
        "cwe = [798]\nconfidence = 0.9\n",
        "cwe = [798]\nconfidence = 0.9\nfile_requires = [\"kind: secret\"]\n",
    );
    let pack = SecretPack::parse(&gated, "gated.toml").unwrap();
    let line = "  token: dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ\n";
    assert!(pack.scan("values.yaml", line.as_bytes()).is_empty());
    let manifest = format!("apiVersion: v1\nKind: Secret\ndata:\n{line}");
    assert_eq!(pack.scan("secret.yaml", manifest.as_bytes()).len(), 1);
}

#[test]
fn names_docs_and_comments_are_not_generic_secrets() {
    use super::is_name_path;
    for name in [
        "support.function.C99.c",
        "markup.heading.1",
        "ec2_metadata_credentials_json",
        "keyword.operator.actionscript.2",
    ] {
        assert!(is_name_path(name), "{name}");
    }
    for value in [
        "V3ry_S3nsit1ve",
        "q8Zr2LmX7vKp4NcT",
        "T7#kq9!Vz2@mWx",
        "ab12cd34ef56",
    ] {
        assert!(!is_name_path(value), "{value}");
    }
    let pack = pack();
    let open = |path: &str, text: &str| {
        pack.scan(path, text.as_bytes())
            .into_iter()
            .filter(|found| found.status == SecretStatus::Open)
            .map(|found| found.confidence)
            .collect::<Vec<_>>()
    };
    let live = open("lib/uri.rb", "uri.password = \"V3ry_S3nsit1ve\"\n");
    let documented = open("lib/uri.rb", "#   uri.password = \"V3ry_S3nsit1ve\"\n");
    assert!(
        documented.is_empty() || documented[0] <= live[0] - 0.3,
        "{documented:?} {live:?}"
    );
    // In configuration a commented-out value is often live: it keeps its weight.
    assert_eq!(
        open("config/app.ini", "# password = \"V3ry_S3nsit1ve\"\n"),
        live
    );
    assert!(
        open(
            "docs/a.md",
            "see http://john:dmo_q8Zr2LmX7vKp4NcT9wYb3HsJ@my.example.com\n"
        )
        .is_empty()
    );
}
