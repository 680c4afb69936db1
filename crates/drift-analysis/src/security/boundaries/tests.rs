use std::path::Path;

use drift_core::errors::DriftErrorCode;

use super::BoundaryRules;
use crate::parsers::ParserManager;

/// Every `drift-expect: OPERATION MODEL [unsafe]` comment of the labelled fixtures in
/// `test-fixtures/boundaries/` (one small app per framework), against what is found: each
/// labelled line must be found as labelled, and nothing may be found on other lines.
#[test]
fn labelled_fixtures_are_found_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/boundaries");
    let parsers = ParserManager::new(0);
    let rules = BoundaryRules::builtin();
    let mut expected_total = 0;
    let mut problems = Vec::new();
    let mut frameworks = std::collections::BTreeSet::new();
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
        let found = rules.accesses_of(&result, &source);
        let mut expected = Vec::new();
        for (line, content) in text.lines().enumerate() {
            if let Some((_, label)) = content.split_once("drift-expect: ") {
                let words: Vec<&str> = label.split_whitespace().collect();
                expected.push((
                    u32::try_from(line).unwrap(),
                    words[0].to_owned(),
                    words[1].to_owned(),
                    words.get(2) == Some(&"unsafe"),
                ));
            }
        }
        expected_total += expected.len();
        let got: Vec<_> = found
            .iter()
            .map(|access| {
                (
                    access.line,
                    access.operation.clone(),
                    access.model.clone(),
                    access.unsafe_sql.is_some(),
                )
            })
            .collect();
        for item in &expected {
            if !got.contains(item) {
                problems.push(format!("{name}:{}: missed {item:?}", item.0 + 1));
            }
        }
        for item in &got {
            if !expected.contains(item) {
                problems.push(format!("{name}:{}: unexpected {item:?}", item.0 + 1));
            }
        }
        frameworks.extend(found.iter().map(|access| access.framework.clone()));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(expected_total >= 40, "{expected_total} labelled accesses");
    for id in [
        "django",
        "sqlalchemy",
        "prisma",
        "typeorm",
        "sequelize",
        "spring-data",
        "ef-core",
        "active-record",
        "eloquent",
        "gorm",
        "database-sql",
        "diesel",
    ] {
        assert!(
            frameworks.contains(id),
            "{id} found nowhere: {frameworks:?}"
        );
    }
}

#[test]
fn accesses_name_their_function_and_chains_are_one_access() {
    let code = "from django.db import models\n\nclass Shop:\n    def purge(self, day):\n        Order.objects.filter(day=day).exclude(kept=True).delete()\n";
    let result = ParserManager::new(0)
        .parse("shop/jobs.py", code.as_bytes())
        .unwrap();
    let found = BoundaryRules::builtin().accesses_of(&result, code.as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].operation, "delete");
    assert_eq!(found[0].function.as_deref(), Some("Shop.purge"));
}

#[test]
fn a_framework_not_imported_matches_nothing() {
    let code = "def f(items):\n    return Order.objects.filter(a=1)\n";
    let result = ParserManager::new(0)
        .parse("plain.py", code.as_bytes())
        .unwrap();
    assert!(
        BoundaryRules::builtin()
            .accesses_of(&result, code.as_bytes())
            .is_empty()
    );
}

#[test]
fn bad_matchers_are_config_invalid() {
    for text in [
        "[[framework]]\nid = \"x\"\nname = \"X\"\nlanguage = \"python\"\n[[framework.access]]\nreceiver = \"(\"\nselect = [\"a\"]\n",
        "[[framework]]\nid = \"x\"\nname = \"X\"\nlanguage = \"python\"\n[[framework.access]]\nreceiver = \"^db$\"\nselect = [\"a\"]\n",
        "[[framework]]\nid = \"x\"\nname = \"X\"\nlanguage = \"python\"\n[[framework.access]]\nreceiver = \"^db$\"\nmodel = \"guess\"\n",
    ] {
        let err = BoundaryRules::parse(text, "packs/orm.toml").unwrap_err();
        assert_eq!(err.code(), "CONFIG_INVALID", "{err}");
        assert!(err.to_string().contains("packs/orm.toml line"), "{err}");
    }
}

#[test]
fn concatenating_constants_is_not_building_sql_from_input() {
    use super::concatenated;
    assert!(!concatenated(
        "'SELECT * FROM ' . self::TABLE . ' WHERE id = :id'"
    ));
    assert!(!concatenated(
        "\"SELECT * FROM \" + TABLE_NAME + \" WHERE id = ?\""
    ));
    assert!(concatenated("'SELECT * FROM users WHERE id = ' . $id"));
    assert!(concatenated(
        "\"SELECT * FROM users WHERE name = '\" + name + \"'\""
    ));
    assert!(!concatenated("\"SELECT 1\""));
    assert!(!concatenated("query.text"));
}

#[test]
fn ruby_outside_rails_and_constants_are_not_data_access() {
    let rules = BoundaryRules::builtin();
    let plain = "def encodings(text)\n  Encoding.find(text)\n  ARGV.select { |a| a }\n  Name.create(text)\nend\n";
    let result = ParserManager::new(0)
        .parse("lib/tool/cli.rb", plain.as_bytes())
        .unwrap();
    assert!(rules.accesses_of(&result, plain.as_bytes()).is_empty());
    // The same calls in a Rails app's layout are ActiveRecord (constants still are not).
    let result = ParserManager::new(0)
        .parse("app/services/names.rb", plain.as_bytes())
        .unwrap();
    let found = rules.accesses_of(&result, plain.as_bytes());
    let models: Vec<&str> = found.iter().map(|access| access.model.as_str()).collect();
    assert_eq!(models, ["Encoding", "Name"]);
}

#[test]
fn arguments_spread_over_lines_are_read_and_joins_are_not_concatenation() {
    use super::concatenated;
    let code = "from django.db import connection\n\ndef purge(table, keys):\n    with connection.cursor() as cursor:\n        cursor.execute(\n            'DELETE FROM %s WHERE key IN (%s)' % (\n                table,\n                keys,\n            )\n        )\n";
    let result = ParserManager::new(0)
        .parse("cache.py", code.as_bytes())
        .unwrap();
    let found = BoundaryRules::builtin().accesses_of(&result, code.as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, 4);
    assert_eq!(
        found[0].unsafe_sql.as_deref(),
        Some("SQL built by % formatting")
    );
    assert!(!concatenated("'; '.join(assignments)"));
    assert!(concatenated("'SELECT * FROM t WHERE a = '.$a"));
}
