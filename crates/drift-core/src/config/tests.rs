use std::collections::HashMap;
use std::fs;

use super::*;
use crate::errors::{DriftErrorCode, codes};

fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn invalid_key(err: &ConfigError) -> (&str, ConfigLayer) {
    match err {
        ConfigError::Invalid { key, layer, .. } => (key.as_str(), *layer),
        other => panic!("expected ConfigError::Invalid, got {other:?}"),
    }
}

#[test]
fn defaults_match_the_spec() {
    let config = DriftConfig::default();
    assert_eq!(config.scan.max_file_size, 1024 * 1024);
    assert!(config.scan.extra_ignore.is_empty());
    assert_eq!(config.scan.parallelism, None);
    assert!(config.scan.incremental);
    assert!(!config.scan.follow_symlinks);
    assert!(config.scan.respect_gitignore);
    assert_eq!(config.storage.batch_size, 500);
    assert_eq!(config.storage.flush_interval_ms, 100);
    assert_eq!(config.storage.channel_capacity, 1024);
    assert_eq!(config.storage.busy_timeout_ms, 5000);
    assert_eq!(config.log.filter, None);
    assert!(Language::ALL.iter().all(|&l| config.parse.is_enabled(l)));
}

#[test]
fn from_toml_str_reads_every_section() {
    let config = DriftConfig::from_toml_str(
        r#"
        [scan]
        max_file_size = 2048
        extra_ignore = ["fixtures/", "*.gen.ts"]
        parallelism = 8
        incremental = false
        follow_symlinks = true
        respect_gitignore = false

        [parse]
        languages = ["typescript", "Python"]
        cache_entries = 0
        persistent_cache = true

        [storage]
        db_path = "state/x.db"
        read_pool_size = 0
        batch_size = 10

        [log]
        filter = "debug"
        "#,
    )
    .unwrap();
    assert_eq!(config.scan.max_file_size, 2048);
    assert_eq!(config.scan.extra_ignore, ["fixtures/", "*.gen.ts"]);
    assert_eq!(config.scan.parallelism, Some(8));
    assert!(
        !config.scan.incremental && config.scan.follow_symlinks && !config.scan.respect_gitignore
    );
    assert_eq!(
        config.parse.languages,
        Some(vec![Language::TypeScript, Language::Python])
    );
    assert!(config.parse.is_enabled(Language::Python) && !config.parse.is_enabled(Language::Go));
    assert_eq!(config.parse.cache_entries, 0);
    assert!(config.parse.persistent_cache);
    assert_eq!(config.storage.db_path, Some(PathBuf::from("state/x.db")));
    assert_eq!(config.storage.read_pool_size, None);
    assert_eq!(config.storage.batch_size, 10);
    assert_eq!(config.log.filter.as_deref(), Some("debug"));
    // Keys not mentioned keep their defaults.
    assert_eq!(config.storage.channel_capacity, 1024);
}

/// One valid TOML value per key. The coverage assertion makes a new key fail this test until a
/// sample is added here.
#[test]
fn every_known_key_is_accepted() {
    let samples: &[(&str, &str)] = &[
        ("scan.max_file_size", "1"),
        ("scan.extra_ignore", "[\"a\"]"),
        ("scan.parallelism", "1024"),
        ("scan.incremental", "false"),
        ("scan.follow_symlinks", "true"),
        ("scan.respect_gitignore", "false"),
        ("parse.languages", "[\"kotlin\"]"),
        ("parse.cache_entries", "5"),
        ("parse.timeout_ms", "0"),
        ("parse.persistent_cache", "true"),
        ("security.secrets", "false"),
        ("security.boundaries", "false"),
        ("security.taint", "false"),
        ("detection.enabled", "false"),
        ("detection.packs", "[\"team.toml\"]"),
        ("storage.db_path", "\"a.db\""),
        ("storage.busy_timeout_ms", "0"),
        ("storage.page_cache_mib", "1"),
        ("storage.mmap_mib", "0"),
        ("storage.read_pool_size", "4"),
        ("storage.batch_size", "1"),
        ("storage.flush_interval_ms", "1"),
        ("storage.channel_capacity", "1"),
        ("call_graph.warm_up", "true"),
        ("log.filter", "\"info\""),
    ];
    let known: Vec<_> = DriftConfig::known_keys().collect();
    let sample_keys: Vec<_> = samples.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        sample_keys, known,
        "samples must list every known key, in order"
    );
    for (key, value) in samples {
        let (section, name) = key.split_once('.').unwrap();
        let mut config = DriftConfig::default();
        let warnings = config
            .apply_overrides_toml(&format!("[{section}]\n{name} = {value}"))
            .unwrap();
        assert!(warnings.is_empty(), "{key}: {warnings:?}");
        assert_ne!(
            config,
            DriftConfig::default(),
            "{key} = {value} changed nothing"
        );
    }
}

#[test]
fn unknown_keys_are_accepted_and_reported() {
    let mut config = DriftConfig::default();
    let warnings = config
        .apply_overrides_toml(
            "future = 1\n[scan]\nmax_file_size = 10\nturbo = true\n[gates.x]\ny = 1\n",
        )
        .unwrap();
    assert_eq!(config.scan.max_file_size, 10);
    let keys: Vec<_> = warnings.iter().map(|w| w.key.as_str()).collect();
    assert_eq!(keys, ["future", "gates", "scan.turbo"]);
    assert!(warnings.iter().all(|w| w.layer == ConfigLayer::Overrides));
    assert_eq!(
        warnings[2].to_string(),
        "unknown configuration key `scan.turbo` in the configuration overrides is ignored; \
         check its spelling against the documented keys"
    );
}

#[test]
fn invalid_toml_is_a_config_error_with_position() {
    let err = DriftConfig::from_toml_str("[scan]\nmax_file_size = = 3\n").unwrap_err();
    assert_eq!(err.code(), codes::CONFIG_ERROR);
    let ConfigError::Parse {
        layer,
        path,
        source,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((*layer, path), (ConfigLayer::Project, &None));
    assert_eq!(source.line, Some(2));
    assert!(
        err.coded_message().starts_with(
            "[CONFIG_ERROR] could not parse the inline project config as TOML: line 2"
        )
    );
    assert!(!err.coded_message().contains('\n'));
}

#[test]
fn out_of_range_values_are_config_invalid() {
    for (text, key) in [
        ("[scan]\nmax_file_size = 0", "scan.max_file_size"),
        ("[scan]\nparallelism = 1025", "scan.parallelism"),
        ("[scan]\nmax_file_size = \"big\"", "scan.max_file_size"),
        ("[scan]\nmax_file_size = -1", "scan.max_file_size"),
        ("[scan]\nincremental = \"yes\"", "scan.incremental"),
        ("[scan]\nextra_ignore = [\"\"]", "scan.extra_ignore"),
        ("[parse]\nlanguages = [\"cobol\"]", "parse.languages"),
        ("[storage]\nbatch_size = 0", "storage.batch_size"),
        ("[storage]\ndb_path = \" \"", "storage.db_path"),
        ("scan = 5", "scan"),
    ] {
        let err = DriftConfig::from_toml_str(text).unwrap_err();
        assert_eq!(err.code(), codes::CONFIG_INVALID, "{text}");
        assert_eq!(invalid_key(&err), (key, ConfigLayer::Project), "{text}");
        assert!(err.to_string().contains(&format!("`{key}`")), "{err}");
    }
    let err = DriftConfig::from_toml_str("[scan]\nparallelism = 5000").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value for `scan.parallelism` in the inline project config: \
         must be at most 1024 (0 chooses automatically), found 5000"
    );
}

#[test]
fn layers_apply_in_precedence_order() {
    let home = tempfile::tempdir().unwrap();
    let project = tempfile::tempdir().unwrap();
    let user_dir = home.path().join("drift");
    fs::create_dir_all(&user_dir).unwrap();
    fs::write(
        user_dir.join("config.toml"),
        "[scan]\nmax_file_size = 1\nparallelism = 1\nincremental = false\nextra_ignore = [\"user\"]\n\
         [storage]\nbusy_timeout_ms = 1\n",
    )
    .unwrap();
    fs::write(
        project.path().join("drift.toml"),
        "[scan]\nmax_file_size = 2\nparallelism = 2\nextra_ignore = [\"project\"]\n",
    )
    .unwrap();
    let xdg = home.path().to_str().unwrap().to_owned();
    let vars = env(&[
        ("XDG_CONFIG_HOME", xdg.as_str()),
        ("DRIFT_SCAN_MAX_FILE_SIZE", "3"),
        ("DRIFT_SCAN_PARALLELISM", "3"),
        ("DRIFT_STORAGE_DB_PATH", "/tmp/env.db"),
        ("UNRELATED", "x"),
    ]);
    let resolved = DriftConfig::resolve(
        &ConfigSources::new(&vars)
            .project_root(project.path())
            .overrides("[scan]\nmax_file_size = 4"),
    )
    .unwrap();
    let config = &resolved.config;
    assert_eq!(
        config.scan.max_file_size, 4,
        "overrides beat the environment"
    );
    assert_eq!(
        config.scan.parallelism,
        Some(3),
        "environment beats the project"
    );
    assert_eq!(
        config.scan.extra_ignore,
        ["project"],
        "project beats user; lists replace"
    );
    assert!(!config.scan.incremental, "user beats defaults");
    assert_eq!(config.storage.busy_timeout_ms, 1);
    assert_eq!(config.storage.db_path, Some(PathBuf::from("/tmp/env.db")));
    assert_eq!(
        config.storage.page_cache_mib,
        crate::constants::DEFAULT_PAGE_CACHE_MIB,
        "untouched keys keep defaults"
    );
    assert_eq!(
        resolved.files,
        [
            user_dir.join("config.toml"),
            project.path().join("drift.toml")
        ]
    );
    assert!(resolved.warnings.is_empty());
}

#[test]
fn user_config_location_follows_xdg_then_home() {
    let home = tempfile::tempdir().unwrap();
    let config_dir = home.path().join(".config").join("drift");
    fs::create_dir_all(&config_dir).unwrap();
    fs::write(
        config_dir.join("config.toml"),
        "[scan]\nmax_file_size = 77\n",
    )
    .unwrap();
    let home_str = home.path().to_str().unwrap();

    // Relative XDG_CONFIG_HOME is ignored per the XDG spec; HOME is used.
    let vars = env(&[("HOME", home_str), ("XDG_CONFIG_HOME", "relative/dir")]);
    let resolved = DriftConfig::resolve(&ConfigSources::new(&vars)).unwrap();
    assert_eq!(resolved.config.scan.max_file_size, 77);

    let vars = env(&[("HOME", home_str)]);
    let resolved = DriftConfig::resolve(&ConfigSources::new(&vars).without_user_config()).unwrap();
    assert_eq!(
        resolved.config.scan.max_file_size,
        DriftConfig::default().scan.max_file_size
    );
    assert!(resolved.files.is_empty());

    // No user config anywhere: defaults, no error.
    let empty = tempfile::tempdir().unwrap();
    let vars = env(&[("HOME", empty.path().to_str().unwrap())]);
    assert_eq!(
        DriftConfig::resolve(&ConfigSources::new(&vars))
            .unwrap()
            .config,
        DriftConfig::default()
    );
    assert_eq!(
        DriftConfig::resolve(&ConfigSources::new(&NoEnv))
            .unwrap()
            .config,
        DriftConfig::default()
    );
}

#[test]
fn explicit_user_config_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let err = DriftConfig::resolve(&ConfigSources::new(&NoEnv).user_config(&missing)).unwrap_err();
    assert_eq!(err.code(), codes::CONFIG_ERROR);
    assert_eq!(err.layer(), ConfigLayer::User);
    assert!(err.to_string().contains("nope.toml"), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn a_missing_project_file_is_not_an_error_but_a_broken_one_is() {
    let project = tempfile::tempdir().unwrap();
    let sources = ConfigSources::new(&NoEnv).project_root(project.path());
    assert_eq!(
        DriftConfig::resolve(&sources).unwrap().config,
        DriftConfig::default()
    );

    let path = project.path().join("drift.toml");
    fs::write(&path, "[scan\nmax_file_size = 1\n").unwrap();
    let err = DriftConfig::resolve(&sources).unwrap_err();
    assert_eq!(err.code(), codes::CONFIG_ERROR);
    let ConfigError::Parse {
        layer,
        path: Some(err_path),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((*layer, err_path), (ConfigLayer::Project, &path));
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );

    fs::write(&path, "[scan]\nmax_file_size = 0\n").unwrap();
    let err = DriftConfig::resolve(&sources).unwrap_err();
    assert_eq!(
        invalid_key(&err),
        ("scan.max_file_size", ConfigLayer::Project)
    );
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}

#[test]
fn bad_environment_values_name_the_variable() {
    let vars = env(&[("DRIFT_SCAN_PARALLELISM", "lots")]);
    let err = DriftConfig::resolve(&ConfigSources::new(&vars)).unwrap_err();
    assert_eq!(err.code(), codes::CONFIG_INVALID);
    assert_eq!(
        invalid_key(&err),
        ("scan.parallelism", ConfigLayer::Environment)
    );
    assert_eq!(
        err.to_string(),
        "invalid value for `scan.parallelism` in environment variable DRIFT_SCAN_PARALLELISM: \
         expected a non-negative integer, found `lots`"
    );

    let vars = env(&[("DRIFT_SCAN_MAX_FILE_SIZE", "0")]);
    let err = DriftConfig::resolve(&ConfigSources::new(&vars)).unwrap_err();
    assert_eq!(
        invalid_key(&err),
        ("scan.max_file_size", ConfigLayer::Environment)
    );
}

#[test]
fn environment_values_are_parsed_per_type() {
    let vars = env(&[
        ("DRIFT_SCAN_INCREMENTAL", "off"),
        ("DRIFT_SCAN_EXTRA_IGNORE", "a/, b/ ,"),
        ("DRIFT_SCAN_PARALLELISM", "0"),
        ("DRIFT_PARSE_LANGUAGES", "ts,go"),
        ("DRIFT_SCAN_MAX_FILE_SIZE", "  "),
    ]);
    let config = DriftConfig::resolve(&ConfigSources::new(&vars))
        .unwrap()
        .config;
    assert!(!config.scan.incremental);
    assert_eq!(config.scan.extra_ignore, ["a/", "b/"]);
    assert_eq!(config.scan.parallelism, None);
    assert_eq!(
        config.parse.languages,
        Some(vec![Language::TypeScript, Language::Go])
    );
    assert_eq!(
        config.scan.max_file_size,
        1024 * 1024,
        "blank values count as unset"
    );
}

#[test]
fn drift_log_is_an_alias_and_the_systematic_name_wins() {
    let lookup = |name: &str| (name == "DRIFT_LOG").then(|| "info".to_owned());
    let config = DriftConfig::resolve(&ConfigSources::new(&lookup))
        .unwrap()
        .config;
    assert_eq!(config.log.filter.as_deref(), Some("info"));

    let vars = env(&[("DRIFT_LOG", "info"), ("DRIFT_LOG_FILTER", "trace")]);
    let config = DriftConfig::resolve(&ConfigSources::new(&vars))
        .unwrap()
        .config;
    assert_eq!(config.log.filter.as_deref(), Some("trace"));
}

#[test]
fn json_overrides_accept_camel_case_and_skip_nulls() {
    let mut config = DriftConfig::default();
    let warnings = config
        .apply_overrides_json(
            r#"{"scan": {"maxFileSize": 4096, "extraIgnore": ["x"], "parallelism": null},
                "storage": {"dbPath": "d.db"}, "log": null}"#,
        )
        .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(config.scan.max_file_size, 4096);
    assert_eq!(config.scan.extra_ignore, ["x"]);
    assert_eq!(config.scan.parallelism, None);
    assert_eq!(config.storage.db_path, Some(PathBuf::from("d.db")));
}

#[test]
fn json_errors() {
    let mut config = DriftConfig::default();
    let err = config.apply_overrides_json("{\"scan\": ").unwrap_err();
    assert_eq!(err.code(), codes::CONFIG_ERROR);
    assert!(
        err.to_string()
            .starts_with("could not parse the configuration overrides as JSON: line 1"),
        "{err}"
    );

    let err = config.apply_overrides_json("[1, 2]").unwrap_err();
    assert_eq!(err.code(), codes::CONFIG_ERROR);

    for text in [
        r#"{"scan": {"maxFileSize": 1.5}}"#,
        r#"{"scan": {"maxFileSize": 18446744073709551615}}"#,
    ] {
        let err = config.apply_overrides_json(text).unwrap_err();
        assert_eq!(
            invalid_key(&err),
            ("scan.max_file_size", ConfigLayer::Overrides),
            "{text}"
        );
    }
}

#[test]
fn failed_overrides_leave_the_config_unchanged() {
    let mut config = DriftConfig::default();
    let before = config.clone();
    let err = config
        .apply_overrides_toml("[scan]\nincremental = false\nmax_file_size = 0\n")
        .unwrap_err();
    assert_eq!(err.code(), codes::CONFIG_INVALID);
    assert_eq!(config, before);
    assert!(
        config
            .apply_overrides_json(r#"{"scan": {"incremental": false, "parallelism": 9999}}"#)
            .is_err()
    );
    assert_eq!(config, before);
}

#[test]
fn apply_overrides_detects_the_format() {
    let mut config = DriftConfig::default();
    config
        .apply_overrides("  {\"scan\": {\"incremental\": false}}")
        .unwrap();
    assert!(!config.scan.incremental);
    config.apply_overrides("scan.incremental = true").unwrap();
    assert!(config.scan.incremental);
}

#[test]
fn inline_project_toml_is_the_project_layer() {
    let vars = env(&[("DRIFT_SCAN_MAX_FILE_SIZE", "9")]);
    let resolved = DriftConfig::resolve(
        &ConfigSources::new(&vars)
            .project_toml("[scan]\nmax_file_size = 5\nfollow_symlinks = true"),
    )
    .unwrap();
    assert_eq!(resolved.config.scan.max_file_size, 9);
    assert!(resolved.config.scan.follow_symlinks);
}

#[test]
fn db_path_resolution() {
    let root = Path::new("/work/project");
    let mut storage = StorageConfig::default();
    assert_eq!(
        storage.db_path_for(root),
        Path::new("/work/project/.drift/drift.db")
    );
    storage.db_path = Some("state/d.db".into());
    assert_eq!(
        storage.db_path_for(root),
        Path::new("/work/project/state/d.db")
    );
    storage.db_path = Some("/abs/d.db".into());
    assert_eq!(storage.db_path_for(root), Path::new("/abs/d.db"));
}

#[test]
fn config_serializes_for_the_bridge() {
    let json = serde_json::to_value(DriftConfig::default()).unwrap();
    assert_eq!(json["scan"]["max_file_size"], 1_048_576);
    assert_eq!(json["scan"]["parallelism"], serde_json::Value::Null);
    assert_eq!(json["storage"]["batch_size"], 500);
}
