//! `drift-core`: the foundation every other Drift crate builds on.
//!
//! It has no Drift dependencies and no I/O beyond reading config files, and it compiles for
//! both the native Node addon and `wasm32-wasip1-threads` (no OS-specific APIs, no async
//! runtime, no threads of its own). It provides:
//!
//! - [`config`]: [`DriftConfig`], resolved from overrides > `DRIFT_*` environment >
//!   project `drift.toml` > user config > defaults, with the environment injectable;
//! - [`errors`]: one error enum per subsystem, each variant mapped to a stable code from
//!   [`errors::codes`] and rendered as `[CODE] message` for JavaScript;
//! - [`events`]: the [`DriftEventHandler`] trait and an [`EventDispatcher`] that isolates
//!   handlers from each other;
//! - [`paths`]: lexical path normalisation;
//! - [`cancellation`]: a cheap, cloneable [`CancellationToken`];
//! - [`tracing`](mod@tracing): [`init_tracing`](tracing::init_tracing) from `DRIFT_LOG`;
//! - [`constants`] and [`types`]: defaults, limits, [`Language`], [`ContentHash`].
//!
//! # Example
//!
//! ```
//! use std::collections::HashMap;
//!
//! use drift_core::config::{ConfigSources, DriftConfig};
//! use drift_core::errors::DriftErrorCode;
//! use drift_core::paths::normalize_path;
//! use drift_core::{CancellationToken, ContentHash, Language};
//!
//! // Resolve configuration with an explicit environment instead of the process's.
//! let env = HashMap::from([("DRIFT_SCAN_PARALLELISM".to_owned(), "4".to_owned())]);
//! let resolved = DriftConfig::resolve(
//!     &ConfigSources::new(&env)
//!         .without_user_config()
//!         .project_toml("[scan]\nmax_file_size = 2097152")
//!         .overrides(r#"{"scan": {"incremental": false}}"#),
//! )?;
//! assert_eq!(resolved.config.scan.parallelism, Some(4));
//! assert_eq!(resolved.config.scan.max_file_size, 2 * 1024 * 1024);
//!
//! // Spellings of one file normalise to one path.
//! assert_eq!(normalize_path("src\\lib/./a.ts"), "src/lib/a.ts");
//! assert_eq!(Language::from_extension("tsx"), Some(Language::TypeScript));
//! assert_eq!(ContentHash::of(b"").to_string(), "2d06800538d394c2");
//!
//! // Workers poll a token; a cancelled one turns into a coded error.
//! let token = CancellationToken::new();
//! token.cancel();
//! let err = token.check().unwrap_err();
//! assert_eq!(err.coded_message(), "[CANCELLED] the operation was cancelled");
//! # Ok::<(), drift_core::errors::ConfigError>(())
//! ```
//!
//! # Errors
//!
//! Fallible functions return the subsystem's error enum ([`ConfigError`](errors::ConfigError),
//! ...). Every enum implements [`DriftErrorCode`]; wrapping variants
//! keep the inner error's code, and `Display` is a complete, actionable sentence (see
//! [`errors`]). Library code never panics on input.
//!
//! # Performance
//!
//! A cancellation check is one atomic load per token level. Events are dispatched synchronously
//! on the emitting thread, so handlers must be cheap; producers emit progress only every
//! [`PROGRESS_INTERVAL_FILES`](constants::PROGRESS_INTERVAL_FILES) files. Config resolution runs
//! once per runtime and is not on a hot path.

pub mod alloc;
pub mod cancellation;
pub mod config;
pub mod constants;
pub mod errors;
pub mod events;
pub mod paths;
pub mod tracing;
pub mod types;

pub use cancellation::CancellationToken;
pub use config::DriftConfig;
pub use errors::DriftErrorCode;
pub use events::{DriftEventHandler, EventDispatcher};
pub use types::{ContentHash, Language};
