//! `driftVersion`, `driftInitialize`, `driftConfigure`, `driftShutdown`.

use std::path::PathBuf;

use drift_core::constants::DRIFT_VERSION;
use napi::Result;
use napi_derive::napi;

use crate::errors::to_napi_error;
use drift_engine::EngineOptions;

use crate::runtime::{self, Runtime};

/// Options of `driftInitialize`; every field is optional.
#[napi(object)]
pub struct InitOptions {
    /// Project root; relative paths are resolved against the working directory. Default: the
    /// working directory.
    pub root: Option<String>,
    /// Worker threads, fixed for the runtime's lifetime. Default: `scan.parallelism` from the
    /// configuration, else one per core natively. The wasm build cannot detect cores: pass it.
    pub threads: Option<u32>,
    /// TOML used instead of reading `<root>/drift.toml`.
    pub config_toml: Option<String>,
}

/// What `driftInitialize` set up.
#[napi(object)]
pub struct InitResult {
    /// The Drift version, as `driftVersion()`.
    pub version: String,
    /// `"native"` for the `.node` addon, `"wasm"` for the `wasm32-wasip1-threads` build.
    pub backend: String,
    /// The absolute project root.
    pub root: String,
    /// The database file (not created yet).
    pub db_path: String,
    /// Worker threads in the pool.
    pub threads: u32,
    /// `true` when the runtime was already running and this call changed nothing.
    pub already_initialized: bool,
    /// Unknown configuration keys that were ignored.
    pub warnings: Vec<String>,
}

/// What `driftConfigure` applied.
#[napi(object)]
pub struct ConfigureResult {
    /// Unknown keys in the overrides, which were ignored.
    pub warnings: Vec<String>,
    /// The configuration now in effect, as JSON with `snake_case` keys.
    pub config_json: String,
}

/// The Drift version (the Cargo workspace version). Works in every lifecycle state.
#[napi]
#[must_use]
pub fn drift_version() -> String {
    DRIFT_VERSION.to_owned()
}

/// Starts the runtime: resolves the configuration and builds the worker pool, once.
///
/// Calling it again while it runs returns the same result with `alreadyInitialized: true`;
/// asking for a different root, thread count or configuration then fails with
/// `[ALREADY_INITIALIZED]`. After `driftShutdown()` it starts a new runtime.
///
/// Errors: `[CONFIG_ERROR]` / `[CONFIG_INVALID]` for bad configuration, `[INVALID_ARGUMENT]`
/// for a thread count outside 1..=1024, `[STORAGE_ERROR]` when the database path is unusable.
#[napi]
pub fn drift_initialize(options: Option<InitOptions>) -> Result<InitResult> {
    let options = options.map_or_else(EngineOptions::default, |options| EngineOptions {
        root: options.root.map(PathBuf::from),
        threads: options.threads.map(to_usize),
        config_toml: options.config_toml,
    });
    let (runtime, already_initialized) =
        runtime::initialize(&options).map_err(|err| to_napi_error(&err))?;
    Ok(init_result(&runtime, already_initialized))
}

/// Applies configuration overrides (TOML, or JSON when the text starts with `{`) on top of the
/// current configuration, all or nothing.
///
/// The worker pool keeps the size it was initialized with: `scan.parallelism` takes effect at
/// the next `driftInitialize()` after `driftShutdown()`.
///
/// Errors: `[CONFIG_ERROR]` for a syntax error, `[CONFIG_INVALID]` for a bad value (the
/// configuration is then unchanged), `[RUNTIME_NOT_INITIALIZED]`, `[ALREADY_SHUT_DOWN]`.
#[napi]
pub fn drift_configure(overrides_toml: String) -> Result<ConfigureResult> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let mut warnings = Vec::new();
    let config = runtime
        .engine
        .reconfigure(|current| {
            let mut next = current.clone();
            warnings = next.apply_overrides(&overrides_toml)?;
            Ok::<_, drift_core::errors::ConfigError>(next)
        })
        .map_err(|err| to_napi_error(&err))?;
    Ok(ConfigureResult {
        warnings: warnings.iter().map(ToString::to_string).collect(),
        config_json: serde_json::to_string(&config).map_err(|err| {
            to_napi_error(&drift_core::errors::RuntimeError::Internal {
                message: err.to_string(),
            })
        })?,
    })
}

/// Stops the runtime. Work in flight is cancelled (its promise rejects with `[CANCELLED]`);
/// afterwards every call except `driftVersion()` and `driftInitialize()` fails with
/// `[ALREADY_SHUT_DOWN]`.
///
/// Errors: `[RUNTIME_NOT_INITIALIZED]` before `driftInitialize()`, `[ALREADY_SHUT_DOWN]` when
/// called twice.
#[napi]
pub fn drift_shutdown() -> Result<()> {
    runtime::shutdown().map_err(|err| to_napi_error(&err))
}

fn init_result(runtime: &Runtime, already_initialized: bool) -> InitResult {
    InitResult {
        version: DRIFT_VERSION.to_owned(),
        backend: if cfg!(target_family = "wasm") {
            "wasm"
        } else {
            "native"
        }
        .to_owned(),
        root: runtime.engine.root().to_string_lossy().into_owned(),
        db_path: runtime.engine.db_path().to_string_lossy().into_owned(),
        threads: to_u32(runtime.engine.pool().current_num_threads()),
        already_initialized,
        warnings: runtime.engine.warnings().to_vec(),
    }
}

/// Counts cross the bridge as JavaScript numbers; none of ours comes near `u32::MAX`.
pub fn to_u32(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

fn to_usize(count: u32) -> usize {
    usize::try_from(count).unwrap_or(usize::MAX)
}

/// What the engine holds in memory, for diagnostics and the page's memory benchmark.
#[napi(object)]
#[expect(
    clippy::struct_field_names,
    reason = "the JavaScript names carry the unit: wasmBytes, heapInUseBytes, carvedBytes"
)]
pub struct EngineMemory {
    /// In the wasm build, the bytes of the engine's linear memory: it grows to the largest size
    /// the engine ever needed and never shrinks. Natively `null` (the process's own memory
    /// figures are the measure there).
    pub wasm_bytes: Option<f64>,
    /// In the wasm build, the bytes of that memory's heap in blocks handed out now (the
    /// engine's per-thread caches of freed blocks count as handed out). The rest of
    /// `wasmBytes` is free room, mostly between used blocks. Natively `null`.
    pub heap_in_use_bytes: Option<f64>,
    /// In the wasm build, the bytes of `heapInUseBytes` that are chunks the engine's allocator
    /// cut small blocks from (up to 1 KiB): kept for reuse, in use or not. Natively `null`.
    pub carved_bytes: Option<f64>,
}

#[cfg(target_family = "wasm")]
unsafe extern "C" {
    /// From the patched wasi-libc (`wasm/toolchain/patch-wasi-libc.mjs`): dlmalloc's count of
    /// the bytes in blocks handed out, worked out by walking the heap under its lock.
    safe fn __drift_heap_in_use() -> usize;
}

/// The engine's memory now (see [`EngineMemory`]). Needs no runtime.
#[napi]
#[must_use]
pub fn drift_memory() -> EngineMemory {
    #[cfg(target_family = "wasm")]
    let (wasm_bytes, heap_in_use_bytes, carved_bytes) = (
        Some((core::arch::wasm32::memory_size(0) as f64) * 65536.0),
        Some(__drift_heap_in_use() as f64),
        Some(drift_core::alloc::carved_bytes() as f64),
    );
    #[cfg(not(target_family = "wasm"))]
    let (wasm_bytes, heap_in_use_bytes, carved_bytes) = (None, None, None);
    EngineMemory {
        wasm_bytes,
        heap_in_use_bytes,
        carved_bytes,
    }
}
