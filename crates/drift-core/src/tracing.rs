//! Log setup from `DRIFT_LOG`.
//!
//! The filter syntax is the familiar `RUST_LOG` subset: a comma-separated list of `level` (the
//! default for everything) and `target=level` (a per-subsystem level, matched as a prefix of the
//! event's target, most specific wins), e.g. `info` or `drift_analysis::scanner=debug,warn`.
//! Levels are `off`, `error`, `warn`, `info`, `debug`, `trace` (any case). Without a bare level
//! the default is [`DEFAULT_LOG_FILTER`].
//!
//! Parsing ([`LogFilter::parse`]) and choosing between argument, environment and default
//! ([`resolve_filter`]) are pure functions; only [`init_tracing`] touches global state.
//! A bad filter never prevents startup: it falls back to the default and says so.

use std::fmt;
use std::str::FromStr;

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;

use crate::constants::{DEFAULT_LOG_FILTER, LOG_ENV_VAR};

/// A parsed log filter: a default level plus per-target levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFilter {
    default: LevelFilter,
    /// In input order; a later directive for the same target replaces an earlier one.
    targets: Vec<(String, LevelFilter)>,
}

impl Default for LogFilter {
    fn default() -> Self {
        Self {
            default: default_level(),
            targets: Vec::new(),
        }
    }
}

fn default_level() -> LevelFilter {
    // DEFAULT_LOG_FILTER is a bare level; `WARN` is only reachable if someone breaks that.
    LevelFilter::from_str(DEFAULT_LOG_FILTER).unwrap_or(LevelFilter::WARN)
}

/// Why a filter string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterParseError {
    /// A level name is not one of `off error warn info debug trace`.
    #[error("`{directive}`: `{level}` is not a level; use off, error, warn, info, debug or trace")]
    InvalidLevel {
        /// The offending directive.
        directive: String,
        /// The part that should have been a level.
        level: String,
    },
    /// A target without `=level`. Rejected rather than read as "everything for this target",
    /// because a misspelt level (`DRIFT_LOG=verbose`) would otherwise silently mean `trace`.
    #[error("`{directive}` is neither a level nor `target=level`")]
    MissingLevel {
        /// The offending directive.
        directive: String,
    },
    /// A target that is empty or contains characters module paths do not use (span and field
    /// filters such as `target[span]=debug` are not supported).
    #[error("`{directive}`: the target must be a module path such as drift_analysis::scanner")]
    InvalidTarget {
        /// The offending directive.
        directive: String,
    },
}

impl LogFilter {
    /// Parses a filter string; see the [module docs](self) for the syntax. Empty directives
    /// (`info,,debug`) are ignored; an empty string is the default filter.
    pub fn parse(spec: &str) -> Result<Self, FilterParseError> {
        let mut filter = Self::default();
        for directive in spec.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            match directive.split_once('=') {
                None => {
                    filter.default = parse_level(directive).ok_or_else(|| {
                        if is_target(directive) {
                            FilterParseError::MissingLevel {
                                directive: directive.to_owned(),
                            }
                        } else {
                            FilterParseError::InvalidTarget {
                                directive: directive.to_owned(),
                            }
                        }
                    })?;
                }
                Some((target, level)) => {
                    let target = target.trim();
                    if !is_target(target) {
                        return Err(FilterParseError::InvalidTarget {
                            directive: directive.to_owned(),
                        });
                    }
                    let level = level.trim();
                    let parsed =
                        parse_level(level).ok_or_else(|| FilterParseError::InvalidLevel {
                            directive: directive.to_owned(),
                            level: level.to_owned(),
                        })?;
                    filter.targets.retain(|(existing, _)| existing != target);
                    filter.targets.push((target.to_owned(), parsed));
                }
            }
        }
        Ok(filter)
    }

    /// The level for targets no directive matches.
    #[must_use]
    pub fn default_level(&self) -> LevelFilter {
        self.default
    }

    /// The per-target levels, in input order.
    #[must_use]
    pub fn targets(&self) -> &[(String, LevelFilter)] {
        &self.targets
    }

    /// The most verbose level enabled for events with `target`: the longest matching target
    /// prefix wins, as in `tracing_subscriber`'s `Targets`.
    #[must_use]
    pub fn level_for(&self, target: &str) -> LevelFilter {
        self.targets
            .iter()
            .filter(|(prefix, _)| target.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map_or(self.default, |(_, level)| *level)
    }

    /// The equivalent `tracing_subscriber` filter layer.
    #[must_use]
    pub fn to_targets(&self) -> Targets {
        Targets::new().with_default(self.default).with_targets(
            self.targets
                .iter()
                .map(|(target, level)| (target.clone(), *level)),
        )
    }
}

impl fmt::Display for LogFilter {
    /// The canonical form, which [`LogFilter::parse`] reads back to an equal filter.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", level_name(self.default))?;
        for (target, level) in &self.targets {
            write!(f, ",{target}={}", level_name(*level))?;
        }
        Ok(())
    }
}

impl FromStr for LogFilter {
    type Err = FilterParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

fn parse_level(text: &str) -> Option<LevelFilter> {
    // LevelFilter also accepts the digits 0-5; words are clearer in a config and a stray digit
    // is more likely a typo, so only words are allowed.
    if text.bytes().all(|b| b.is_ascii_alphabetic()) {
        LevelFilter::from_str(text).ok()
    } else {
        None
    }
}

fn level_name(level: LevelFilter) -> &'static str {
    match level.into_level() {
        None => "off",
        Some(tracing::Level::ERROR) => "error",
        Some(tracing::Level::WARN) => "warn",
        Some(tracing::Level::INFO) => "info",
        Some(tracing::Level::DEBUG) => "debug",
        Some(tracing::Level::TRACE) => "trace",
    }
}

fn is_target(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-' | b'.'))
}

/// Where the filter in a [`FilterResolution`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterSource {
    /// The `spec` argument.
    Argument,
    /// The `DRIFT_LOG` environment variable.
    Environment,
    /// Neither was given, or the given one was invalid.
    Default,
}

/// A filter string that was rejected in favour of the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedFilter {
    /// The string as given.
    pub spec: String,
    /// Where it came from.
    pub source: FilterSource,
    /// Why it was rejected.
    pub error: FilterParseError,
}

/// The filter chosen by [`resolve_filter`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterResolution {
    /// The filter in effect.
    pub filter: LogFilter,
    /// Where it came from.
    pub source: FilterSource,
    /// Set when an invalid filter was given and the default was used instead.
    pub rejected: Option<RejectedFilter>,
}

/// Chooses the log filter: the `spec` argument if non-blank, else the `DRIFT_LOG` value `env`
/// if non-blank, else the default. A chosen string that does not parse falls back to the
/// default (not to the next source), and the result says so in `rejected`.
#[must_use]
pub fn resolve_filter(spec: Option<&str>, env: Option<&str>) -> FilterResolution {
    let candidate = match (non_blank(spec), non_blank(env)) {
        (Some(spec), _) => Some((spec, FilterSource::Argument)),
        (None, Some(env)) => Some((env, FilterSource::Environment)),
        (None, None) => None,
    };
    match candidate {
        None => FilterResolution {
            filter: LogFilter::default(),
            source: FilterSource::Default,
            rejected: None,
        },
        Some((text, source)) => match LogFilter::parse(text) {
            Ok(filter) => FilterResolution {
                filter,
                source,
                rejected: None,
            },
            Err(error) => FilterResolution {
                filter: LogFilter::default(),
                source: FilterSource::Default,
                rejected: Some(RejectedFilter {
                    spec: text.to_owned(),
                    source,
                    error,
                }),
            },
        },
    }
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|text| !text.trim().is_empty())
}

/// What [`init_tracing`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum TracingInit {
    /// A subscriber writing to stderr with this filter is now the global default.
    Installed(FilterResolution),
    /// A global subscriber was already set (by an earlier call or by the host); nothing changed.
    AlreadyInitialized,
}

/// Installs a global subscriber that writes human-readable lines to stderr, filtered by `spec`,
/// else `DRIFT_LOG`, else [`DEFAULT_LOG_FILTER`] (see [`resolve_filter`]).
///
/// Safe to call more than once: later calls return [`TracingInit::AlreadyInitialized`]. When the
/// filter was invalid, the default is used and a warning saying so is logged right after
/// installation. No ANSI colours: output often lands in editor logs and browser consoles.
pub fn init_tracing(spec: Option<&str>) -> TracingInit {
    let env = std::env::var(LOG_ENV_VAR).ok();
    let resolution = resolve_filter(spec, env.as_deref());
    let subscriber = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .finish()
        .with(resolution.filter.to_targets());
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        return TracingInit::AlreadyInitialized;
    }
    if let Some(rejected) = &resolution.rejected {
        tracing::warn!(
            filter = %rejected.spec,
            source = ?rejected.source,
            error = %rejected.error,
            fallback = %resolution.filter,
            "invalid log filter; using the default instead"
        );
    }
    TracingInit::Installed(resolution)
}

#[cfg(test)]
mod tests {
    use tracing::Level;

    use super::*;

    #[test]
    fn bare_level_sets_the_default() {
        let filter = LogFilter::parse("info").unwrap();
        assert_eq!(filter.default_level(), LevelFilter::INFO);
        assert!(filter.targets().is_empty());
        assert_eq!(
            LogFilter::parse("TRACE").unwrap().default_level(),
            LevelFilter::TRACE
        );
        assert_eq!(
            LogFilter::parse("off").unwrap().default_level(),
            LevelFilter::OFF
        );
    }

    #[test]
    fn per_subsystem_levels() {
        let filter =
            LogFilter::parse("drift_analysis::scanner=debug, warn ,drift_storage=error").unwrap();
        assert_eq!(filter.default_level(), LevelFilter::WARN);
        assert_eq!(
            filter.level_for("drift_analysis::scanner"),
            LevelFilter::DEBUG
        );
        assert_eq!(
            filter.level_for("drift_analysis::scanner::walker"),
            LevelFilter::DEBUG
        );
        assert_eq!(
            filter.level_for("drift_analysis::parsers"),
            LevelFilter::WARN
        );
        assert_eq!(filter.level_for("drift_storage::batch"), LevelFilter::ERROR);
        assert_eq!(
            filter.to_string(),
            "warn,drift_analysis::scanner=debug,drift_storage=error"
        );
    }

    #[test]
    fn targets_only_keep_the_default_default() {
        let filter = LogFilter::parse("drift_core=trace").unwrap();
        assert_eq!(filter.default_level(), LevelFilter::WARN);
        assert_eq!(filter.level_for("drift_core::config"), LevelFilter::TRACE);
    }

    #[test]
    fn most_specific_and_latest_directive_wins() {
        let filter = LogFilter::parse("drift=info,drift_analysis=debug,drift=error").unwrap();
        assert_eq!(filter.level_for("drift_analysis::x"), LevelFilter::DEBUG);
        assert_eq!(filter.level_for("drift::x"), LevelFilter::ERROR);
        assert_eq!(filter.targets().len(), 2);
    }

    #[test]
    fn empty_directives_are_ignored() {
        assert_eq!(LogFilter::parse("").unwrap(), LogFilter::default());
        assert_eq!(
            LogFilter::parse(" , ,info,").unwrap().default_level(),
            LevelFilter::INFO
        );
    }

    #[test]
    fn invalid_filters_are_rejected_with_a_reason() {
        assert!(matches!(
            LogFilter::parse("verbose"),
            Err(FilterParseError::MissingLevel { directive }) if directive == "verbose"
        ));
        assert!(matches!(
            LogFilter::parse("drift=loud"),
            Err(FilterParseError::InvalidLevel { level, .. }) if level == "loud"
        ));
        assert!(matches!(
            LogFilter::parse("drift=3"),
            Err(FilterParseError::InvalidLevel { .. })
        ));
        assert!(matches!(
            LogFilter::parse("=info"),
            Err(FilterParseError::InvalidTarget { .. })
        ));
        assert!(matches!(
            LogFilter::parse("drift[scan]=debug"),
            Err(FilterParseError::InvalidTarget { .. })
        ));
        assert!(matches!(
            LogFilter::parse("a b"),
            Err(FilterParseError::InvalidTarget { .. })
        ));
        assert!(matches!(
            LogFilter::parse("info,drift=x"),
            Err(FilterParseError::InvalidLevel { .. })
        ));
    }

    #[test]
    fn display_round_trips() {
        for spec in [
            "warn",
            "off,a=trace",
            "debug,drift_analysis::scanner=info,x-y.z=off",
        ] {
            let filter = LogFilter::parse(spec).unwrap();
            assert_eq!(filter.to_string(), spec);
            assert_eq!(filter.to_string().parse::<LogFilter>().unwrap(), filter);
        }
    }

    #[test]
    fn agrees_with_tracing_subscriber_targets() {
        let filter =
            LogFilter::parse("info,drift_analysis=debug,drift_analysis::scanner=off").unwrap();
        let targets = filter.to_targets();
        for target in [
            "drift_analysis::scanner::walk",
            "drift_analysis::parsers",
            "other",
            "drift_core",
        ] {
            for level in [
                Level::ERROR,
                Level::WARN,
                Level::INFO,
                Level::DEBUG,
                Level::TRACE,
            ] {
                assert_eq!(
                    targets.would_enable(target, &level),
                    filter.level_for(target) >= level,
                    "{target} at {level}"
                );
            }
        }
    }

    #[test]
    fn resolution_prefers_argument_then_env_then_default() {
        let r = resolve_filter(Some("debug"), Some("trace"));
        assert_eq!(
            (r.source, r.filter.default_level()),
            (FilterSource::Argument, LevelFilter::DEBUG)
        );

        let r = resolve_filter(None, Some("trace"));
        assert_eq!(
            (r.source, r.filter.default_level()),
            (FilterSource::Environment, LevelFilter::TRACE)
        );

        let r = resolve_filter(Some("  "), None);
        assert_eq!(r.source, FilterSource::Default);
        assert_eq!(r.filter.to_string(), DEFAULT_LOG_FILTER);
        assert_eq!(r.rejected, None);
    }

    #[test]
    fn invalid_value_falls_back_and_reports_it() {
        let r = resolve_filter(None, Some("drift=chatty"));
        assert_eq!(r.source, FilterSource::Default);
        assert_eq!(r.filter, LogFilter::default());
        let rejected = r.rejected.unwrap();
        assert_eq!(rejected.spec, "drift=chatty");
        assert_eq!(rejected.source, FilterSource::Environment);
        assert!(
            rejected
                .error
                .to_string()
                .contains("`chatty` is not a level")
        );

        // An invalid argument falls back to the default, not to the environment.
        let r = resolve_filter(Some("nonsense"), Some("trace"));
        assert_eq!(r.filter, LogFilter::default());
        assert_eq!(r.rejected.unwrap().source, FilterSource::Argument);
    }
}
