//! Log setup from `log.filter` / `DRIFT_LOG`.
//!
//! The filter is `tracing_subscriber`'s `EnvFilter` syntax (the familiar `RUST_LOG` one): a
//! comma-separated list of `level` and `target=level` directives, e.g. `info` or
//! `warn,drift_analysis::scanner=debug`. Without a filter the level is [`DEFAULT_LOG_FILTER`].
//!
//! Choosing between the configured filter, the environment and the default
//! ([`resolve_filter`]) is a pure function; only [`init_tracing`] touches global state. The
//! runtime calls it from `driftInitialize` with the configuration's `log.filter` (which the
//! config loader fills from `drift.toml` or `DRIFT_LOG`). A bad filter never prevents startup:
//! it falls back to the default and says so.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::constants::{DEFAULT_LOG_FILTER, LOG_ENV_VAR};

/// Where the filter in a [`FilterResolution`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterSource {
    /// The `spec` argument (the configuration's `log.filter`).
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
    /// Why `tracing_subscriber` rejected it.
    pub error: String,
}

/// The filter chosen by [`resolve_filter`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterResolution {
    /// The filter in effect, as written.
    pub filter: String,
    /// Where it came from.
    pub source: FilterSource,
    /// Set when an invalid filter was given and the default was used instead.
    pub rejected: Option<RejectedFilter>,
}

/// Chooses the log filter: the `spec` argument if non-blank, else the `DRIFT_LOG` value `env`
/// if non-blank, else the default. A chosen string that `EnvFilter` refuses falls back to the
/// default (not to the next source), and the result says so in `rejected`.
#[must_use]
pub fn resolve_filter(spec: Option<&str>, env: Option<&str>) -> FilterResolution {
    let candidate = match (non_blank(spec), non_blank(env)) {
        (Some(spec), _) => Some((spec, FilterSource::Argument)),
        (None, Some(env)) => Some((env, FilterSource::Environment)),
        (None, None) => None,
    };
    let default = || FilterResolution {
        filter: DEFAULT_LOG_FILTER.to_owned(),
        source: FilterSource::Default,
        rejected: None,
    };
    match candidate {
        None => default(),
        Some((text, source)) => match EnvFilter::try_new(text) {
            Ok(_) => FilterResolution {
                filter: text.trim().to_owned(),
                source,
                rejected: None,
            },
            Err(error) => FilterResolution {
                rejected: Some(RejectedFilter {
                    spec: text.to_owned(),
                    source,
                    error: error.to_string(),
                }),
                ..default()
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
    /// A subscriber with this filter is now the global default.
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
    init_tracing_with_writer(spec, std::io::stderr)
}

/// [`init_tracing`] writing to `writer` instead of stderr.
pub fn init_tracing_with_writer<W>(spec: Option<&str>, writer: W) -> TracingInit
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let env = std::env::var(LOG_ENV_VAR).ok();
    let resolution = resolve_filter(spec, env.as_deref());
    // `resolve_filter` checked the filter; the default is a bare level.
    let filter = EnvFilter::try_new(&resolution.filter)
        .unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .finish();
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
    use super::*;

    #[test]
    fn resolution_prefers_argument_then_env_then_default() {
        let r = resolve_filter(Some("debug"), Some("trace"));
        assert_eq!(
            (r.source, r.filter.as_str()),
            (FilterSource::Argument, "debug")
        );

        let r = resolve_filter(None, Some("warn,drift_analysis::scanner=debug"));
        assert_eq!(r.source, FilterSource::Environment);
        assert_eq!(r.filter, "warn,drift_analysis::scanner=debug");

        let r = resolve_filter(Some("  "), None);
        assert_eq!(r.source, FilterSource::Default);
        assert_eq!(r.filter, DEFAULT_LOG_FILTER);
        assert_eq!(r.rejected, None);
    }

    #[test]
    fn invalid_value_falls_back_and_reports_it() {
        let r = resolve_filter(None, Some("drift=chatty"));
        assert_eq!(r.source, FilterSource::Default);
        assert_eq!(r.filter, DEFAULT_LOG_FILTER);
        let rejected = r.rejected.unwrap();
        assert_eq!(rejected.spec, "drift=chatty");
        assert_eq!(rejected.source, FilterSource::Environment);
        assert!(!rejected.error.is_empty());

        // An invalid argument falls back to the default, not to the environment.
        let r = resolve_filter(Some("drift=[[["), Some("trace"));
        assert_eq!(r.filter, DEFAULT_LOG_FILTER);
        assert_eq!(r.rejected.unwrap().source, FilterSource::Argument);
    }
}
