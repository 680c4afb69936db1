//! `hashBuffers`, `hashBuffersAsync`, `hashBuffersWithProgress`: one workload
//! ([`drift_analysis::workload::hash_buffers`]) through the three ways a binding can run work.

use drift_analysis::workload;
use napi::bindgen_prelude::{AsyncTask, Uint8Array};
use napi::threadsafe_function::ThreadsafeFunction;
use napi::{Env, Result, Status, Task};
use napi_derive::napi;

use crate::errors::to_napi_error;
use crate::lifecycle::to_u32;
use crate::progress::{self, Progress};
use crate::runtime;

/// The result of hashing a batch of buffers.
#[napi(object)]
pub struct HashReport {
    /// xxh3-64 of each buffer, in input order, as 16 lower-case hex digits.
    pub hashes: Vec<String>,
    /// xxh3-64 over the per-buffer hashes as little-endian u64s: identifies the whole batch.
    pub combined: String,
    /// Distinct worker threads that hashed at least one buffer.
    pub threads_used: u32,
    /// Worker threads in the pool.
    pub pool_size: u32,
}

impl From<workload::HashReport> for HashReport {
    fn from(report: workload::HashReport) -> Self {
        Self {
            hashes: report.hashes.iter().map(ToString::to_string).collect(),
            combined: report.combined.to_string(),
            threads_used: to_u32(report.threads_used),
            pool_size: to_u32(report.pool_size),
        }
    }
}

/// Progress of `hashBuffersWithProgress`.
#[napi(object)]
pub struct HashProgress {
    /// Buffers hashed so far.
    pub done: u32,
    /// Buffers in the batch.
    pub total: u32,
}

impl From<workload::Progress> for HashProgress {
    fn from(progress: workload::Progress) -> Self {
        Self {
            done: to_u32(progress.done),
            total: to_u32(progress.total),
        }
    }
}

type ProgressCallback = progress::Callback<HashProgress>;

fn hash_on_runtime(
    buffers: &[Uint8Array],
    on_progress: &(dyn Fn(workload::Progress) + Sync),
) -> Result<HashReport> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let cancel = runtime.cancel.child();
    workload::hash_buffers(runtime.engine.pool(), buffers, on_progress, &cancel)
        .map(HashReport::from)
        .map_err(|err| to_napi_error(&err))
}

/// Hashes every buffer on the worker pool, blocking the calling thread until done.
///
/// Errors: `[RUNTIME_NOT_INITIALIZED]`, `[ALREADY_SHUT_DOWN]`.
#[napi]
pub fn hash_buffers(buffers: Vec<Uint8Array>) -> Result<HashReport> {
    hash_on_runtime(&buffers, &|_| {})
}

/// Task of `hashBuffersAsync`.
pub struct HashTask {
    buffers: Vec<Uint8Array>,
}

#[napi]
impl Task for HashTask {
    type Output = HashReport;
    type JsValue = HashReport;

    fn compute(&mut self) -> Result<Self::Output> {
        hash_on_runtime(&self.buffers, &|_| {})
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

/// `hashBuffers` off the JavaScript thread: the event loop keeps running.
///
/// Rejects with `[RUNTIME_NOT_INITIALIZED]`, `[ALREADY_SHUT_DOWN]`, or `[CANCELLED]` when
/// `driftShutdown()` runs meanwhile.
#[napi]
#[must_use]
pub fn hash_buffers_async(buffers: Vec<Uint8Array>) -> AsyncTask<HashTask> {
    AsyncTask::new(HashTask { buffers })
}

/// Task of `hashBuffersWithProgress`.
pub struct HashWithProgressTask {
    buffers: Vec<Uint8Array>,
    on_progress: ProgressCallback,
}

#[napi]
impl Task for HashWithProgressTask {
    type Output = HashReport;
    type JsValue = HashReport;

    fn compute(&mut self) -> Result<Self::Output> {
        let progress = Progress::new(&self.on_progress);
        // Runs on the pool's worker threads, which never wait for JavaScript.
        let forward = |done: workload::Progress| {
            if done.done == done.total {
                progress.send_last(HashProgress::from(done));
            } else {
                progress.send(HashProgress::from(done));
            }
        };
        let report = hash_on_runtime(&self.buffers, &forward);
        progress.flush();
        report
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

/// `hashBuffersAsync` that reports progress: `onProgress({ done, total })` runs on the
/// JavaScript thread about every 5% of the buffers, with strictly increasing `done`; the last
/// call has `done === total` and happens before the promise settles. An exception thrown by
/// `onProgress` is an uncaught exception.
#[napi]
#[must_use]
pub fn hash_buffers_with_progress(
    buffers: Vec<Uint8Array>,
    // Spelled out, not `ProgressCallback`: the TypeScript generator reads the signature's syntax.
    on_progress: ThreadsafeFunction<HashProgress, (), HashProgress, Status, false>,
) -> AsyncTask<HashWithProgressTask> {
    AsyncTask::new(HashWithProgressTask {
        buffers,
        on_progress,
    })
}
