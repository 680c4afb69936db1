//! The registry of configuration keys: how each is parsed, validated and stored.
//!
//! Every layer (TOML files, environment, overrides) goes through this one table, so a key is
//! validated the same way wherever it comes from and errors can name the key and its layer.

use std::path::PathBuf;

use super::DriftConfig;
use crate::constants::MAX_PARALLELISM;
use crate::types::Language;

/// A value as one layer supplies it, before conversion.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RawValue<'a> {
    /// From a TOML document (JSON overrides are converted to TOML values first).
    Toml(&'a toml::Value),
    /// From an environment variable.
    Env(&'a str),
}

pub(crate) struct Key {
    /// Dotted `section.key`.
    pub(crate) name: &'static str,
    pub(crate) apply: fn(&mut DriftConfig, RawValue<'_>) -> Result<(), String>,
}

/// The sections a config file may contain.
pub(crate) const SECTIONS: &[&str] = &[
    "scan",
    "parse",
    "storage",
    "security",
    "detection",
    "call_graph",
    "log",
];

pub(crate) const KEYS: &[Key] = &[
    Key {
        name: "scan.max_file_size",
        apply: |c, v| {
            c.scan.max_file_size = positive_u64(v)?;
            Ok(())
        },
    },
    Key {
        name: "scan.extra_ignore",
        apply: |c, v| {
            c.scan.extra_ignore = string_list(v)?;
            Ok(())
        },
    },
    Key {
        name: "scan.parallelism",
        apply: |c, v| {
            c.scan.parallelism = thread_count(v)?;
            Ok(())
        },
    },
    Key {
        name: "scan.incremental",
        apply: |c, v| {
            c.scan.incremental = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "scan.follow_symlinks",
        apply: |c, v| {
            c.scan.follow_symlinks = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "scan.respect_gitignore",
        apply: |c, v| {
            c.scan.respect_gitignore = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "parse.languages",
        apply: |c, v| {
            let names = string_list(v)?;
            let languages = names
                .iter()
                .map(|name| name.parse::<Language>().map_err(|e| e.to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            c.parse.languages = Some(languages);
            Ok(())
        },
    },
    Key {
        name: "parse.cache_entries",
        apply: |c, v| {
            c.parse.cache_entries = u64_value(v)?;
            Ok(())
        },
    },
    Key {
        name: "parse.timeout_ms",
        apply: |c, v| {
            c.parse.timeout_ms = u64_value(v)?;
            Ok(())
        },
    },
    Key {
        name: "parse.persistent_cache",
        apply: |c, v| {
            c.parse.persistent_cache = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "security.secrets",
        apply: |c, v| {
            c.security.secrets = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "security.boundaries",
        apply: |c, v| {
            c.security.boundaries = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "security.taint",
        apply: |c, v| {
            c.security.taint = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "detection.enabled",
        apply: |c, v| {
            c.detection.enabled = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "detection.packs",
        apply: |c, v| {
            c.detection.packs = string_list(v)?;
            Ok(())
        },
    },
    Key {
        name: "storage.db_path",
        apply: |c, v| {
            let path = string(v)?;
            if path.trim().is_empty() {
                return Err("must not be empty; remove the key to use .drift/drift.db".to_owned());
            }
            c.storage.db_path = Some(PathBuf::from(path));
            Ok(())
        },
    },
    Key {
        name: "storage.busy_timeout_ms",
        apply: |c, v| {
            c.storage.busy_timeout_ms = u64_value(v)?;
            Ok(())
        },
    },
    Key {
        name: "storage.page_cache_mib",
        apply: |c, v| {
            c.storage.page_cache_mib = u64_value(v)?;
            Ok(())
        },
    },
    Key {
        name: "storage.mmap_mib",
        apply: |c, v| {
            c.storage.mmap_mib = u64_value(v)?;
            Ok(())
        },
    },
    Key {
        name: "storage.read_pool_size",
        apply: |c, v| {
            c.storage.read_pool_size = thread_count(v)?;
            Ok(())
        },
    },
    Key {
        name: "storage.batch_size",
        apply: |c, v| {
            c.storage.batch_size = positive_usize(v)?;
            Ok(())
        },
    },
    Key {
        name: "storage.flush_interval_ms",
        apply: |c, v| {
            c.storage.flush_interval_ms = positive_u64(v)?;
            Ok(())
        },
    },
    Key {
        name: "storage.channel_capacity",
        apply: |c, v| {
            c.storage.channel_capacity = positive_usize(v)?;
            Ok(())
        },
    },
    Key {
        name: "call_graph.warm_up",
        apply: |c, v| {
            c.call_graph.warm_up = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "log.filter",
        apply: |c, v| {
            // Not validated here: a bad filter must not stop Drift from starting, so
            // `init_tracing` falls back to the default and reports it instead.
            c.log.filter = Some(string(v)?);
            Ok(())
        },
    },
];

pub(crate) fn find(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|key| key.name == name)
}

/// `scan.max_file_size` -> `DRIFT_SCAN_MAX_FILE_SIZE`.
#[must_use]
pub fn env_var_name(key: &str) -> String {
    let mut name = String::with_capacity(crate::constants::ENV_PREFIX.len() + key.len());
    name.push_str(crate::constants::ENV_PREFIX);
    name.extend(key.chars().map(|c| {
        if c == '.' {
            '_'
        } else {
            c.to_ascii_uppercase()
        }
    }));
    name
}

/// `maxFileSize` or `max-file-size` -> `max_file_size`, so JSON overrides written in
/// JavaScript's camelCase find the same keys.
pub(crate) fn canonical_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '-' {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    out
}

fn type_mismatch(expected: &str, value: &toml::Value) -> String {
    format!("expected {expected}, found {} `{value}`", value.type_str())
}

fn u64_value(value: RawValue<'_>) -> Result<u64, String> {
    const EXPECTED: &str = "a non-negative integer";
    match value {
        RawValue::Toml(toml::Value::Integer(i)) => {
            u64::try_from(*i).map_err(|_| format!("expected {EXPECTED}, found {i}"))
        }
        RawValue::Toml(other) => Err(type_mismatch(EXPECTED, other)),
        RawValue::Env(text) => {
            let text = text.trim();
            text.parse::<u64>()
                .map_err(|_| format!("expected {EXPECTED}, found `{text}`"))
        }
    }
}

fn positive_u64(value: RawValue<'_>) -> Result<u64, String> {
    match u64_value(value)? {
        0 => Err("must be greater than 0".to_owned()),
        n => Ok(n),
    }
}

fn positive_usize(value: RawValue<'_>) -> Result<usize, String> {
    let n = positive_u64(value)?;
    usize::try_from(n).map_err(|_| format!("{n} is too large for this platform"))
}

/// 0 means "choose automatically" and is stored as `None`.
fn thread_count(value: RawValue<'_>) -> Result<Option<usize>, String> {
    let n = u64_value(value)?;
    match usize::try_from(n) {
        Ok(0) => Ok(None),
        Ok(count) if count <= MAX_PARALLELISM => Ok(Some(count)),
        _ => Err(format!(
            "must be at most {MAX_PARALLELISM} (0 chooses automatically), found {n}"
        )),
    }
}

fn boolean(value: RawValue<'_>) -> Result<bool, String> {
    const EXPECTED: &str = "true or false";
    match value {
        RawValue::Toml(toml::Value::Boolean(b)) => Ok(*b),
        RawValue::Toml(other) => Err(type_mismatch(EXPECTED, other)),
        RawValue::Env(text) => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(true),
            "false" | "0" | "no" | "off" => Ok(false),
            _ => Err(format!(
                "expected true/false (or 1/0, yes/no, on/off), found `{}`",
                text.trim()
            )),
        },
    }
}

fn string(value: RawValue<'_>) -> Result<String, String> {
    match value {
        RawValue::Toml(toml::Value::String(s)) => Ok(s.clone()),
        RawValue::Toml(other) => Err(type_mismatch("a string", other)),
        RawValue::Env(text) => Ok(text.to_owned()),
    }
}

/// A TOML array of strings, or a comma-separated environment value (blank items dropped).
fn string_list(value: RawValue<'_>) -> Result<Vec<String>, String> {
    match value {
        RawValue::Toml(toml::Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                toml::Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
                toml::Value::String(_) => Err("list items must not be empty".to_owned()),
                other => Err(type_mismatch("a list of strings", other)),
            })
            .collect(),
        RawValue::Toml(other) => Err(type_mismatch("a list of strings", other)),
        RawValue::Env(text) => Ok(text
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::to_owned)
            .collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_are_unique_and_in_known_sections() {
        let mut seen = std::collections::HashSet::new();
        for key in KEYS {
            assert!(seen.insert(key.name), "duplicate key {}", key.name);
            let (section, rest) = key.name.split_once('.').expect("section.key");
            assert!(SECTIONS.contains(&section), "{}", key.name);
            assert_eq!(
                canonical_key(rest),
                rest,
                "{} is not in canonical form",
                key.name
            );
        }
    }

    #[test]
    fn env_names_follow_the_rule() {
        assert_eq!(
            env_var_name("scan.max_file_size"),
            "DRIFT_SCAN_MAX_FILE_SIZE"
        );
        assert_eq!(env_var_name("storage.db_path"), "DRIFT_STORAGE_DB_PATH");
        assert_eq!(env_var_name("log.filter"), "DRIFT_LOG_FILTER");
    }

    #[test]
    fn canonical_keys() {
        assert_eq!(canonical_key("maxFileSize"), "max_file_size");
        assert_eq!(canonical_key("max-file-size"), "max_file_size");
        assert_eq!(canonical_key("max_file_size"), "max_file_size");
        assert_eq!(canonical_key("dbPath"), "db_path");
    }

    #[test]
    fn env_values_parse() {
        assert_eq!(u64_value(RawValue::Env(" 42 ")), Ok(42));
        assert!(u64_value(RawValue::Env("4k")).is_err());
        assert!(u64_value(RawValue::Env("-1")).is_err());
        assert_eq!(boolean(RawValue::Env("Yes")), Ok(true));
        assert_eq!(boolean(RawValue::Env("0")), Ok(false));
        assert!(boolean(RawValue::Env("maybe")).is_err());
        assert_eq!(
            string_list(RawValue::Env("a, b,,c ")),
            Ok(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(thread_count(RawValue::Env("0")), Ok(None));
        assert_eq!(thread_count(RawValue::Env("1024")), Ok(Some(1024)));
        assert!(thread_count(RawValue::Env("1025")).is_err());
    }

    #[test]
    fn toml_type_mismatches_are_explained() {
        let value = toml::Value::String("big".into());
        assert_eq!(
            u64_value(RawValue::Toml(&value)),
            Err("expected a non-negative integer, found string `\"big\"`".to_owned())
        );
        let negative = toml::Value::Integer(-5);
        assert_eq!(
            u64_value(RawValue::Toml(&negative)),
            Err("expected a non-negative integer, found -5".to_owned())
        );
        let list = toml::Value::Array(vec![toml::Value::Integer(1)]);
        assert!(
            string_list(RawValue::Toml(&list))
                .unwrap_err()
                .contains("a list of strings")
        );
    }
}
