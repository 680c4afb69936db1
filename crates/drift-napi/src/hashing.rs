//! `hashBuffers`, `hashBuffersAsync`, `hashBuffersWithProgress`: one workload
//! ([`drift_analysis::workload::hash_buffers`]) through the three ways a binding can run work.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use drift_analysis::workload::{self, Progress};
use napi::bindgen_prelude::{AsyncTask, Uint8Array};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Result, Status, Task};
use napi_derive::napi;

use crate::errors::to_napi_error;
use crate::lifecycle::to_u32;
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

impl From<Progress> for HashProgress {
    fn from(progress: Progress) -> Self {
        Self {
            done: to_u32(progress.done),
            total: to_u32(progress.total),
        }
    }
}

/// `(progress) => void`, called on the JavaScript thread, not error-first.
type ProgressCallback = ThreadsafeFunction<HashProgress, (), HashProgress, Status, false>;

/// How long a finished task waits for its last progress call to reach JavaScript. Only a torn
/// down environment (napi-rs drops queued calls without running them) or a main thread blocked
/// this long gets near it; then the promise may settle before the last progress call.
const PROGRESS_FLUSH_TIMEOUT: Duration = Duration::from_secs(10);

fn hash_on_runtime(
    buffers: &[Uint8Array],
    on_progress: &(dyn Fn(Progress) + Sync),
) -> Result<HashReport> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let cancel = runtime.cancel.child();
    workload::hash_buffers(&runtime.pool, buffers, on_progress, &cancel)
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
        let on_progress = &self.on_progress;
        let (delivered, last_delivered) = mpsc::channel::<()>();
        let last_queued = AtomicBool::new(false);
        // Runs on the pool's worker threads, which never wait for JavaScript: calls are queued
        // (non-blocking mode, unbounded queue) and run on the JavaScript thread in order.
        let forward = |progress: Progress| {
            let event = HashProgress::from(progress);
            let status = if progress.done == progress.total {
                // The last report: learn when it has run, see below.
                let delivered = delivered.clone();
                on_progress.call_with_return_value(
                    event,
                    ThreadsafeFunctionCallMode::NonBlocking,
                    move |result, _env| {
                        let _ = delivered.send(());
                        // A throwing callback stays an uncaught exception, as for the other calls.
                        result
                    },
                )
            } else {
                on_progress.call(event, ThreadsafeFunctionCallMode::NonBlocking)
            };
            // `Closing` means JavaScript is going away; progress is best effort then.
            if status == Status::Ok && progress.done == progress.total {
                last_queued.store(true, Ordering::Release);
            }
        };
        let report = hash_on_runtime(&self.buffers, &forward);
        // The promise settles through a different libuv handle than the queued calls and can
        // overtake them. Waiting here for the last call (the queue is FIFO, so all earlier ones
        // ran too) guarantees every progress call happens before the promise settles.
        if last_queued.load(Ordering::Acquire) {
            let _ = last_delivered.recv_timeout(PROGRESS_FLUSH_TIMEOUT);
        }
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
    on_progress: ThreadsafeFunction<HashProgress, (), HashProgress, Status, false>,
) -> AsyncTask<HashWithProgressTask> {
    AsyncTask::new(HashWithProgressTask {
        buffers,
        on_progress,
    })
}
