//! The process-wide runtime: configuration, worker pool and lifecycle state (spec §4).
//!
//! One runtime per process (per Node environment, in practice: a `.node` addon is loaded once
//! per process). It lives in a `RwLock<State>` rather than a bare `OnceLock` because it has an
//! end: after `driftShutdown` every call must fail with `ALREADY_SHUT_DOWN` instead of using a
//! half-dropped runtime, and a later `driftInitialize` may start a new one. Calls take the read
//! lock only long enough to clone the `Arc`, so work in progress never holds it.

use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use drift_core::CancellationToken;
use drift_core::errors::RuntimeError;
use drift_engine::{Engine, EngineOptions};

/// A running runtime: the engine, plus what only the binding needs (cancellation of calls in
/// flight, the options it was started with).
pub struct Runtime {
    pub engine: Engine,
    /// Cancelled by shutdown. Operations run under a [`CancellationToken::child`] of it, so an
    /// operation in flight stops with `CANCELLED` instead of outliving the runtime.
    pub cancel: CancellationToken,
    /// Tokens of the scans in flight, cancelled together by `cancelScan`.
    scans: Mutex<Vec<CancellationToken>>,
    config_toml: Option<String>,
}

/// Registration of a scan in flight; dropping it unregisters the scan.
pub struct ScanGuard<'a> {
    runtime: &'a Runtime,
    /// Cancelled by `cancelScan` and by shutdown.
    pub cancel: CancellationToken,
}

impl Drop for ScanGuard<'_> {
    fn drop(&mut self) {
        self.runtime
            .scan_tokens()
            .retain(|token| !token.same_token(&self.cancel));
    }
}

enum State {
    Uninitialized,
    Running(Arc<Runtime>),
    ShutDown,
}

static STATE: RwLock<State> = RwLock::new(State::Uninitialized);

// A panic while holding the lock cannot leave `State` half-written (every write is a single
// assignment), so a poisoned lock is still safe to use.
fn read() -> RwLockReadGuard<'static, State> {
    STATE.read().unwrap_or_else(PoisonError::into_inner)
}

fn write() -> RwLockWriteGuard<'static, State> {
    STATE.write().unwrap_or_else(PoisonError::into_inner)
}

/// The running runtime, or `RUNTIME_NOT_INITIALIZED` / `ALREADY_SHUT_DOWN`.
pub fn get() -> Result<Arc<Runtime>, RuntimeError> {
    match &*read() {
        State::Running(runtime) => Ok(Arc::clone(runtime)),
        State::Uninitialized => Err(RuntimeError::NotInitialized),
        State::ShutDown => Err(RuntimeError::ShutDown),
    }
}

/// Starts the runtime, or returns the running one (`true`: it was already running) when
/// `options` agree with it. Conflicting options fail with `ALREADY_INITIALIZED`.
pub fn initialize(options: &EngineOptions) -> Result<(Arc<Runtime>, bool), RuntimeError> {
    let mut state = write();
    if let State::Running(runtime) = &*state {
        runtime.check_compatible(options)?;
        return Ok((Arc::clone(runtime), true));
    }
    let runtime = Arc::new(Runtime::new(options)?);
    *state = State::Running(Arc::clone(&runtime));
    Ok((runtime, false))
}

/// Stops the runtime: cancels work in flight, checkpoints the database, and releases the pool
/// and the database once the last operation using them returns.
pub fn shutdown() -> Result<(), RuntimeError> {
    let mut state = write();
    match &*state {
        State::Running(runtime) => {
            runtime.cancel.cancel();
            let checkpoint = runtime.engine.checkpoint();
            *state = State::ShutDown;
            checkpoint
        }
        State::Uninitialized => Err(RuntimeError::NotInitialized),
        State::ShutDown => Err(RuntimeError::ShutDown),
    }
}

impl Runtime {
    fn new(options: &EngineOptions) -> Result<Self, RuntimeError> {
        let engine = Engine::open(options)?;
        Ok(Self {
            engine,
            cancel: CancellationToken::new(),
            scans: Mutex::new(Vec::new()),
            config_toml: options.config_toml.clone(),
        })
    }

    /// Registers a scan: its token is a child of the runtime's, so shutdown stops it too.
    pub fn start_scan(&self) -> ScanGuard<'_> {
        let cancel = self.cancel.child();
        self.scan_tokens().push(cancel.clone());
        ScanGuard {
            runtime: self,
            cancel,
        }
    }

    /// Cancels every scan in flight; returns how many there were.
    pub fn cancel_scans(&self) -> usize {
        let scans = self.scan_tokens();
        for token in scans.iter() {
            token.cancel();
        }
        scans.len()
    }

    fn scan_tokens(&self) -> std::sync::MutexGuard<'_, Vec<CancellationToken>> {
        // Pushes and retains cannot leave the list half-written.
        self.scans.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether a repeated `driftInitialize` asks for nothing this runtime does not already have.
    fn check_compatible(&self, options: &EngineOptions) -> Result<(), RuntimeError> {
        let same_root = options.root.as_ref().is_none_or(|root| {
            std::path::absolute(root).is_ok_and(|root| root == self.engine.root())
        });
        let same_threads = options
            .threads
            .is_none_or(|threads| threads == self.engine.pool().current_num_threads());
        let same_config = options.config_toml.is_none() || options.config_toml == self.config_toml;
        if same_root && same_threads && same_config {
            Ok(())
        } else {
            Err(RuntimeError::AlreadyInitialized)
        }
    }
}
