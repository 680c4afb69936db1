//! Reading the layers and applying them in order.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::keys::{self, RawValue};
use super::{ConfigLayer, DriftConfig};
use crate::constants::{LOG_ENV_VAR, PROJECT_CONFIG_FILE_NAME, USER_CONFIG_RELATIVE_PATH};
use crate::errors::{ConfigError, SyntaxError};

/// Read access to environment variables, injectable so tests and embedders need not touch the
/// process environment.
pub trait ConfigEnv {
    /// The variable's value, or `None` when unset (or not valid Unicode).
    fn var(&self, name: &str) -> Option<String>;
}

/// The real process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl ConfigEnv for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
}

/// An empty environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEnv;

impl ConfigEnv for NoEnv {
    fn var(&self, _name: &str) -> Option<String> {
        None
    }
}

impl<S: std::hash::BuildHasher> ConfigEnv for HashMap<String, String, S> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).cloned()
    }
}

impl<F: Fn(&str) -> Option<String>> ConfigEnv for F {
    fn var(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// Where the project layer comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ProjectConfig {
    /// No project layer.
    #[default]
    None,
    /// Read `drift.toml` in this directory, if the file exists.
    Root(PathBuf),
    /// Use this TOML text, e.g. a `drift.toml` uploaded to the browser build.
    Inline(String),
}

/// Where the user layer comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum UserConfig {
    /// The standard location (found through the environment), if the file exists.
    #[default]
    Auto,
    /// This file, which must exist.
    File(PathBuf),
    /// No user layer.
    Disabled,
}

/// Everything [`DriftConfig::resolve`] reads.
pub struct ConfigSources<'a> {
    /// The environment layer, also used to find the user config.
    pub env: &'a dyn ConfigEnv,
    /// The project layer.
    pub project: ProjectConfig,
    /// The user layer.
    pub user: UserConfig,
    /// The overrides layer: TOML, or JSON when it starts with `{`.
    pub overrides: Option<String>,
}

impl<'a> ConfigSources<'a> {
    /// Only `env`: no project layer, the user config from its standard location, no overrides.
    #[must_use]
    pub fn new(env: &'a dyn ConfigEnv) -> Self {
        Self {
            env,
            project: ProjectConfig::None,
            user: UserConfig::Auto,
            overrides: None,
        }
    }

    /// Reads `drift.toml` from `root`.
    #[must_use]
    pub fn project_root(mut self, root: impl Into<PathBuf>) -> Self {
        self.project = ProjectConfig::Root(root.into());
        self
    }

    /// Uses `text` as the project layer.
    #[must_use]
    pub fn project_toml(mut self, text: impl Into<String>) -> Self {
        self.project = ProjectConfig::Inline(text.into());
        self
    }

    /// Reads the user layer from `path` (which must exist).
    #[must_use]
    pub fn user_config(mut self, path: impl Into<PathBuf>) -> Self {
        self.user = UserConfig::File(path.into());
        self
    }

    /// Skips the user layer.
    #[must_use]
    pub fn without_user_config(mut self) -> Self {
        self.user = UserConfig::Disabled;
        self
    }

    /// Sets the overrides layer.
    #[must_use]
    pub fn overrides(mut self, text: impl Into<String>) -> Self {
        self.overrides = Some(text.into());
        self
    }
}

impl fmt::Debug for ConfigSources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigSources")
            .field("project", &self.project)
            .field("user", &self.user)
            .field("overrides", &self.overrides)
            .finish_non_exhaustive()
    }
}

/// The outcome of [`DriftConfig::resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedConfig {
    /// The merged configuration.
    pub config: DriftConfig,
    /// Unknown keys that were ignored.
    pub warnings: Vec<ConfigWarning>,
    /// Config files that were read, lowest layer first.
    pub files: Vec<PathBuf>,
}

/// An unknown key, ignored so that configs written for other Drift versions still load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The layer it appeared in.
    pub layer: ConfigLayer,
    /// The file, if the layer came from one.
    pub path: Option<PathBuf>,
    /// The dotted key as written.
    pub key: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown configuration key `{}` in {}",
            self.key,
            describe(self.layer, self.path.as_deref())
        )?;
        f.write_str(" is ignored; check its spelling against the documented keys")
    }
}

/// "the project config file /p/drift.toml", "the configuration overrides", ...
pub(crate) fn describe(layer: ConfigLayer, path: Option<&Path>) -> String {
    match (layer, path) {
        (_, Some(path)) => format!("the {layer} file {}", path.display()),
        (ConfigLayer::Overrides | ConfigLayer::Environment, None) => format!("the {layer}"),
        (_, None) => format!("the inline {layer}"),
    }
}

pub(crate) fn log_warnings(warnings: &[ConfigWarning]) {
    for warning in warnings {
        tracing::warn!("{warning}");
    }
}

pub(crate) fn resolve(sources: &ConfigSources<'_>) -> Result<ResolvedConfig, ConfigError> {
    let mut config = DriftConfig::default();
    let mut warnings = Vec::new();
    let mut files = Vec::new();

    let user_file = match &sources.user {
        UserConfig::Auto => user_config_path(sources.env).map(|path| (path, false)),
        UserConfig::File(path) => Some((path.clone(), true)),
        UserConfig::Disabled => None,
    };
    if let Some((path, required)) = user_file
        && let Some(text) = read_optional(&path, ConfigLayer::User, required)?
    {
        warnings.extend(apply_toml_text(
            &mut config,
            &text,
            ConfigLayer::User,
            Some(&path),
        )?);
        files.push(path);
    }

    match &sources.project {
        ProjectConfig::None => {}
        ProjectConfig::Root(root) => {
            let path = root.join(PROJECT_CONFIG_FILE_NAME);
            if let Some(text) = read_optional(&path, ConfigLayer::Project, false)? {
                warnings.extend(apply_toml_text(
                    &mut config,
                    &text,
                    ConfigLayer::Project,
                    Some(&path),
                )?);
                files.push(path);
            }
        }
        ProjectConfig::Inline(text) => {
            warnings.extend(apply_toml_text(
                &mut config,
                text,
                ConfigLayer::Project,
                None,
            )?);
        }
    }

    apply_env(&mut config, sources.env)?;

    if let Some(text) = &sources.overrides {
        warnings.extend(config.apply_overrides(text)?);
    }

    Ok(ResolvedConfig {
        config,
        warnings,
        files,
    })
}

/// `$XDG_CONFIG_HOME/drift/config.toml`, else `$HOME/.config/drift/config.toml`, else
/// `%APPDATA%\drift\config.toml`. Relative `XDG_CONFIG_HOME` values are ignored, as the XDG
/// spec requires.
fn user_config_path(env: &dyn ConfigEnv) -> Option<PathBuf> {
    let non_empty = |name: &str| {
        env.var(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    let base = non_empty("XDG_CONFIG_HOME")
        .filter(|path| path.is_absolute())
        .or_else(|| non_empty("HOME").map(|home| home.join(".config")))
        .or_else(|| non_empty("APPDATA"))?;
    Some(base.join(USER_CONFIG_RELATIVE_PATH))
}

/// The file's text; `None` when it does not exist and is not `required`.
fn read_optional(
    path: &Path,
    layer: ConfigLayer,
    required: bool,
) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == io::ErrorKind::NotFound && !required => Ok(None),
        Err(source) => Err(ConfigError::Read {
            layer,
            path: path.to_owned(),
            source,
        }),
    }
}

fn apply_env(config: &mut DriftConfig, env: &dyn ConfigEnv) -> Result<(), ConfigError> {
    let set = |name: &str| env.var(name).filter(|value| !value.trim().is_empty());
    for key in keys::KEYS {
        let name = keys::env_var_name(key.name);
        // `DRIFT_LOG` is the documented short form; the systematic name wins if both are set.
        let value = set(&name).or_else(|| {
            if key.name == "log.filter" {
                set(LOG_ENV_VAR)
            } else {
                None
            }
        });
        if let Some(value) = value {
            (key.apply)(config, RawValue::Env(&value)).map_err(|reason| ConfigError::Invalid {
                key: key.name.to_owned(),
                layer: ConfigLayer::Environment,
                origin: format!("environment variable {name}"),
                reason,
            })?;
        }
    }
    Ok(())
}

pub(crate) fn apply_toml_text(
    config: &mut DriftConfig,
    text: &str,
    layer: ConfigLayer,
    path: Option<&Path>,
) -> Result<Vec<ConfigWarning>, ConfigError> {
    let table: toml::Table = toml::from_str(text).map_err(|err| ConfigError::Parse {
        layer,
        path: path.map(Path::to_path_buf),
        source: SyntaxError::from_toml(&err, text),
    })?;
    apply_table(config, &table, layer, path)
}

pub(crate) fn apply_json_text(
    config: &mut DriftConfig,
    text: &str,
    layer: ConfigLayer,
) -> Result<Vec<ConfigWarning>, ConfigError> {
    let parse_error = |source| ConfigError::Parse {
        layer,
        path: None,
        source,
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|err| parse_error(SyntaxError::from_json(&err)))?;
    let serde_json::Value::Object(object) = value else {
        return Err(parse_error(SyntaxError {
            format: "JSON",
            line: None,
            column: None,
            message: "expected an object such as {\"scan\": {\"maxFileSize\": 2097152}}".to_owned(),
        }));
    };
    apply_table(config, &json_object_to_toml(object), layer, None)
}

/// JSON has no TOML equivalent for `null`: such keys are dropped, i.e. left unchanged.
fn json_object_to_toml(object: serde_json::Map<String, serde_json::Value>) -> toml::Table {
    object
        .into_iter()
        .filter_map(|(key, value)| json_to_toml(value).map(|value| (key, value)))
        .collect()
}

fn json_to_toml(value: serde_json::Value) -> Option<toml::Value> {
    use serde_json::Value as J;
    Some(match value {
        J::Null => return None,
        J::Bool(b) => toml::Value::Boolean(b),
        J::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            // Beyond i64 or fractional: kept as a float so the key reports a type error.
            None => toml::Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        J::String(s) => toml::Value::String(s),
        J::Array(items) => toml::Value::Array(items.into_iter().filter_map(json_to_toml).collect()),
        J::Object(object) => toml::Value::Table(json_object_to_toml(object)),
    })
}

fn apply_table(
    config: &mut DriftConfig,
    table: &toml::Table,
    layer: ConfigLayer,
    path: Option<&Path>,
) -> Result<Vec<ConfigWarning>, ConfigError> {
    let mut warnings = Vec::new();
    let mut unknown = |key: String| {
        warnings.push(ConfigWarning {
            layer,
            path: path.map(Path::to_path_buf),
            key,
        });
    };
    for (section, value) in table {
        let section_name = keys::canonical_key(section);
        if !keys::SECTIONS.contains(&section_name.as_str()) {
            unknown(section.clone());
            continue;
        }
        let toml::Value::Table(entries) = value else {
            return Err(ConfigError::Invalid {
                key: section_name.clone(),
                layer,
                origin: describe(layer, path),
                reason: format!(
                    "expected a table such as [{section_name}], found a {}",
                    value.type_str()
                ),
            });
        };
        for (name, value) in entries {
            let full = format!("{section_name}.{}", keys::canonical_key(name));
            match keys::find(&full) {
                Some(key) => (key.apply)(config, RawValue::Toml(value)).map_err(|reason| {
                    ConfigError::Invalid {
                        key: full,
                        layer,
                        origin: describe(layer, path),
                        reason,
                    }
                })?,
                None => unknown(format!("{section}.{name}")),
            }
        }
    }
    Ok(warnings)
}
