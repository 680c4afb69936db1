//! Drift's napi-rs binding: the JavaScript face of the Drift library crates, built as a native
//! `.node` addon and for `wasm32-wasip1-threads` from the same code.
//!
//! The crate is a thin adapter (spec `napi-bridge-v2-prep.md` §1, §5): it converts arguments
//! and results, runs long work in an `AsyncTask` off the JavaScript thread, forwards progress
//! through a `ThreadsafeFunction`, and turns every error into `[CODE] message`. Logic belongs
//! in `drift-core`, `drift-analysis` and `drift-storage`.
//!
//! From JavaScript (the generated `index.d.ts` has the full API):
//!
//! ```js
//! const drift = require('@drift/napi');
//! drift.driftInitialize({ threads: 4 });
//! const report = await drift.hashBuffersWithProgress([new Uint8Array(8)], (p) => console.log(p.done, p.total));
//! drift.driftShutdown();
//! ```
//!
//! # Errors
//!
//! Every function throws (or rejects with) an `Error` whose message starts with a code from
//! `drift_core::errors::codes`, e.g. `[RUNTIME_NOT_INITIALIZED] ...` before `driftInitialize()`
//! and `[ALREADY_SHUT_DOWN] ...` after `driftShutdown()`. See `errors::to_napi_error`.
//!
//! # Performance
//!
//! The runtime and its worker pool are created once by `driftInitialize` (`runtime` module); calls
//! never spawn threads. Only small summaries cross the bridge.

// `allow`, not `expect`: whether these fire depends on how napi-derive expands each item.
#![cfg_attr(
    test,
    allow(
        dead_code,
        reason = "napi-derive registers exports only outside cfg(test); this crate is tested from Node"
    )
)]
#![allow(
    clippy::needless_pass_by_value,
    reason = "#[napi] functions receive JavaScript values as owned Rust values"
)]

/// The wasm build allocates through per-thread caches: wasi-libc's `malloc` has one lock,
/// which kept the pool's threads from parsing in parallel (see `drift_core::alloc`). Natively
/// the system allocator already scales.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: drift_core::alloc::ThreadCache = drift_core::alloc::ThreadCache;

mod callgraph;
mod detection;
mod errors;
mod hashing;
mod lifecycle;
mod parsing;
mod progress;
mod queries;
mod runtime;
mod scanning;
mod security;
