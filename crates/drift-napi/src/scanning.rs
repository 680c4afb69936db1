//! `nativeScan`, `nativeScanWithProgress`, `scanFiles`, `scanFileList`, `cancelScan`: the
//! scanner ([`drift_analysis::scanner`]) over a directory or over files handed over from
//! JavaScript.
//!
//! Every scan runs as an `AsyncTask` on the runtime's pool, is compared with the runtime's
//! baseline (the previous complete scan of the same project) and returns a summary; the entries
//! themselves cross the bridge only when asked for (`includeEntries`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use drift_analysis::pipeline::ParseSummary;
use drift_analysis::scanner::{
    Delivery, IgnoreReason, IgnoredDir, ListedSource, MemorySource, ReadListed, ScanEntry,
    ScanIssue, ScanStatus,
};
use drift_core::errors::{RuntimeError, ScanError};
use drift_core::events::{DriftEventHandler, ScanProgressEvent};
use drift_engine::{Engine, PreparedScan, ScanOutcome, ScanRequest, ScanTarget};
use napi::bindgen_prelude::{AsyncTask, Either, ToNapiValue, Uint8Array, Unknown};
use napi::threadsafe_function::UnknownReturnValue;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, JsValue, Result, Status, Task, check_status, sys};
use napi_derive::napi;

use crate::errors::to_napi_error;
use crate::lifecycle::to_u32;
use crate::progress::{self, Progress};
use crate::runtime;

/// Options of every scan; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct ScanOptions {
    /// Ignore the previous scan: read every file and report it as added. Default `false`.
    pub full: Option<bool>,
    /// Return every entry and the changed paths in the summary. Meant for small trees and
    /// tests; large projects page through storage instead. Default `false`.
    pub include_entries: Option<bool>,
    /// Parse every added or modified file as it is read (default `true`); `false` only scans.
    pub parse: Option<bool>,
    /// For `scanFiles`: names the set of files, so that its next scan is compared with this one.
    /// Default `"memory:"`.
    pub project: Option<String>,
}

/// One file handed to `scanFiles`.
#[napi(object)]
pub struct InputFile {
    /// Path relative to the uploaded folder (`/` or `\\` separated).
    pub path: String,
    /// The bytes. Give each file its own buffer: in the wasm build every view is copied with
    /// the whole `ArrayBuffer` it belongs to.
    pub data: Uint8Array,
    /// Last modification in milliseconds since the Unix epoch (`File.lastModified`), which
    /// lets an unchanged file be recognised without hashing it.
    pub mtime_ms: Option<f64>,
}

/// One file listed for `scanFileList`: what the scan needs to decide whether to read it.
#[napi(object)]
pub struct ListedFile {
    /// Path relative to the uploaded folder (`/` or `\\` separated).
    pub path: String,
    /// Size in bytes (`File.size`): files over the size limit are never read.
    pub size: f64,
    /// Last modification in milliseconds since the Unix epoch (`File.lastModified`).
    pub mtime_ms: Option<f64>,
}

/// What `scanFileList` asks its reader for: the file listed at `index`, under its normalised
/// `path` (the path the scan's entries and every stored row use).
#[napi(object)]
pub struct ReadRequest {
    /// Position of the file in the list.
    pub index: u32,
    /// Its path as the scan stores it.
    pub path: String,
}

/// A read as it reaches JavaScript: the request, with (in the wasm build) `into`, a view of
/// the engine's memory the reader may fill so the bytes arrive without a copy that only the
/// garbage collector frees, and `done`, the function that ends the read.
pub struct ReadArgs {
    request: ReadRequest,
    pending: Arc<Mutex<Option<Pending>>>,
}

/// A read under way: where its answer goes, and the buffer `into` shows.
struct Pending {
    delivery: Delivery,
    buffer: Vec<u8>,
}

/// Ends the read `pending` (once: later answers are ignored).
fn answer(
    pending: &Mutex<Option<Pending>>,
    answer: std::result::Result<Either<u32, Vec<u8>>, String>,
) {
    let Some(Pending {
        delivery,
        mut buffer,
    }) = pending
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take()
    else {
        return;
    };
    let result = match answer {
        Ok(Either::A(written)) => match usize::try_from(written) {
            Ok(written) if written <= buffer.len() => {
                buffer.truncate(written);
                Ok(buffer)
            }
            _ => Err(format!(
                "the reader wrote {written} bytes into a buffer of {}",
                buffer.len()
            )),
        },
        Ok(Either::B(bytes)) => Ok(bytes),
        Err(message) => Err(message),
    };
    delivery.deliver(result.map_err(|message| ScanError::Walk {
        path: None,
        message,
    }));
}

impl ToNapiValue for ReadArgs {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> Result<sys::napi_value> {
        // SAFETY: called by napi on the JavaScript thread with a live `env`.
        let object = unsafe { ReadRequest::to_napi_value(env, value.request)? };
        let into = value
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
            .filter(|pending| !pending.buffer.is_empty())
            .map(|pending| (pending.buffer.as_mut_ptr() as usize, pending.buffer.len()));
        if let Some((address, length)) = into {
            // SAFETY: the buffer stays in `pending`, alive and unmoved, until `done` ends the
            // read (see `JsReader::start`).
            let view = unsafe { memory_view(env, address, length)? };
            // SAFETY: both values belong to `env`, and the name is a C string.
            check_status!(unsafe {
                sys::napi_set_named_property(env, object, c"into".as_ptr(), view)
            })?;
        }
        let pending = value.pending;
        let env_handle = Env::from_raw(env);
        let done = env_handle.create_function_from_closure::<(), (), _>("done", move |call| {
            let given = match call.get::<Either<u32, Uint8Array>>(0) {
                Ok(Either::A(written)) => Ok(Either::A(written)),
                // Copied here, while the array is alive.
                Ok(Either::B(bytes)) => Ok(Either::B(bytes.to_vec())),
                Err(_) => Err(call
                    .get::<Unknown>(0)
                    .and_then(|thrown| {
                        let text = thrown.coerce_to_string()?.into_utf8()?;
                        text.as_str().map(str::to_owned)
                    })
                    .unwrap_or_else(|_| "the reader failed".to_owned())),
            };
            answer(&pending, given);
            Ok(())
        })?;
        // SAFETY: as above.
        check_status!(unsafe {
            sys::napi_set_named_property(env, object, c"done".as_ptr(), done.raw())
        })?;
        Ok(object)
    }
}

/// A `Uint8Array` over `length` bytes of the wasm memory at `address`: no copy, and nothing
/// freed when it is collected (the bytes belong to the engine).
#[cfg(target_family = "wasm")]
unsafe fn memory_view(
    env: sys::napi_env,
    address: usize,
    length: usize,
) -> Result<sys::napi_value> {
    unsafe extern "C" {
        /// emnapi's view of linear memory (type 1: `Uint8Array`).
        fn emnapi_create_memory_view(
            env: sys::napi_env,
            typedarray_type: i32,
            external_data: *mut std::ffi::c_void,
            byte_length: usize,
            finalize_cb: sys::napi_finalize,
            finalize_hint: *mut std::ffi::c_void,
            result: *mut sys::napi_value,
        ) -> sys::napi_status;
    }
    let mut view = std::ptr::null_mut();
    // SAFETY: the caller vouches for the bytes; no finalizer is registered.
    check_status!(unsafe {
        emnapi_create_memory_view(
            env,
            1,
            address as *mut std::ffi::c_void,
            length,
            None,
            std::ptr::null_mut(),
            &raw mut view,
        )
    })?;
    Ok(view)
}

/// Natively no view of the engine's memory is handed out (the buffer is empty, and the reader
/// gives its bytes): see `JsReader::start`.
#[cfg(not(target_family = "wasm"))]
unsafe fn memory_view(
    _env: sys::napi_env,
    _address: usize,
    _length: usize,
) -> Result<sys::napi_value> {
    Err(napi::Error::from_reason(
        "no views of the engine's memory natively",
    ))
}

/// `(request) => void`, called on the JavaScript thread for each file the scan reads, which
/// ends the read with `request.done(...)`.
type ReadCallback = ThreadsafeFunction<ReadArgs, UnknownReturnValue, ReadArgs, Status, false>;

/// Reads listed files through the JavaScript reader. A read is a call into the JavaScript
/// thread that returns at once; the reader answers then or later (an asynchronous read), so
/// many reads can be under way while the pool parses (see `ListedSource`).
struct JsReader(ReadCallback);

impl ReadListed for JsReader {
    fn start(&self, index: u32, path: &str, size: u64, delivery: Delivery) {
        // In the wasm build the reader may write straight into this buffer. Natively it gives
        // its bytes instead: a view of native memory would outlive the buffer in JavaScript,
        // and V8 refuses two live views of one address (a later buffer may reuse it).
        let room = if cfg!(target_family = "wasm") {
            usize::try_from(size).unwrap_or(0)
        } else {
            0
        };
        let pending = Arc::new(Mutex::new(Some(Pending {
            delivery,
            buffer: vec![0; room],
        })));
        let thrown = Arc::clone(&pending);
        let status = self.0.call_with_return_value(
            ReadArgs {
                request: ReadRequest {
                    index,
                    path: path.to_owned(),
                },
                pending: Arc::clone(&pending),
            },
            ThreadsafeFunctionCallMode::NonBlocking,
            move |returned: Result<UnknownReturnValue>, _env| {
                // The reader threw before answering: that is its answer.
                if let Err(err) = returned {
                    answer(&thrown, Err(err.reason));
                }
                Ok(())
            },
        );
        if status != Status::Ok {
            answer(&pending, Err(format!("the reader is gone ({status})")));
        }
    }
}

/// A scanned file.
#[napi(object)]
pub struct ScanEntryInfo {
    pub path: String,
    /// xxh3-64 of the bytes, 16 hex digits.
    pub content_hash: String,
    pub size: f64,
    /// Milliseconds since the Unix epoch (0 when unknown).
    pub mtime_ms: f64,
    /// `"typescript"`, `"python"`, ... or absent for files Drift does not parse.
    pub language: Option<String>,
}

/// A file or ignore pattern the scan skipped, and why.
#[napi(object)]
pub struct ScanIssueInfo {
    pub path: Option<String>,
    /// Registry code, e.g. `PERMISSION_DENIED`.
    pub code: String,
    pub message: String,
}

/// A directory the scan left out, and the rule that did it.
#[napi(object)]
pub struct IgnoredDirInfo {
    /// Relative to the root.
    pub path: String,
    /// `"default"` (a built-in name), `"ignore-file"` (`.gitignore` / `.driftignore`) or
    /// `"config"` (`scan.extra_ignore`).
    pub source: String,
    /// The ignore file, for `"ignore-file"`.
    pub file: Option<String>,
    /// The pattern as written (the directory name for `"default"`).
    pub pattern: String,
    /// The reason as a sentence.
    pub reason: String,
}

impl From<&IgnoredDir> for IgnoredDirInfo {
    fn from(dir: &IgnoredDir) -> Self {
        let (source, file, pattern) = match &dir.reason {
            IgnoreReason::Default => (
                "default",
                None,
                dir.path.rsplit('/').next().unwrap_or(&dir.path).to_owned(),
            ),
            IgnoreReason::IgnoreFile { file, pattern } => {
                ("ignore-file", Some(file.clone()), pattern.clone())
            }
            IgnoreReason::Config { pattern } => ("config", None, pattern.clone()),
        };
        Self {
            path: dir.path.clone(),
            source: source.to_owned(),
            file,
            pattern,
            reason: dir.reason.to_string(),
        }
    }
}

/// Timings and counts of a scan.
#[napi(object)]
pub struct ScanStatsInfo {
    pub discovery_ms: f64,
    pub hashing_ms: f64,
    pub diff_ms: f64,
    pub total_ms: f64,
    pub bytes: f64,
    /// Files read and hashed (the others were recognised by size and modification time).
    pub files_read: u32,
    pub bytes_read: f64,
    pub files_per_sec: f64,
    pub mb_per_sec: f64,
    pub skipped_ignored: u32,
    pub skipped_too_large: u32,
    pub skipped_errors: u32,
}

/// What a scan found.
#[napi(object)]
pub struct ScanSummary {
    /// `"complete"`, or `"partial"` after `cancelScan()`: then only files fully processed are
    /// counted and nothing is reported removed.
    pub status: String,
    pub files_total: u32,
    pub files_added: u32,
    pub files_modified: u32,
    pub files_removed: u32,
    pub files_unchanged: u32,
    pub duration_ms: f64,
    /// Files per language name; files without a language are under `"unknown"`.
    pub languages: HashMap<String, u32>,
    /// xxh3-64 over every entry's path, hash, size and language (not mtimes): equal digests
    /// mean the same files with the same contents.
    pub digest: String,
    /// The scan generation: files this scan added or modified are listed by
    /// `queryChangedFiles(generation)`.
    pub generation: f64,
    /// Batch-writer commands committed (one per parsed file).
    pub persisted_rows: f64,
    /// Time between the end of the scan and everything being durable in drift.db.
    pub persist_wait_ms: f64,
    pub stats: ScanStatsInfo,
    /// Everything skipped with a reason, sorted by path.
    pub errors: Vec<ScanIssueInfo>,
    /// Directories an ignore rule left out, sorted by path; `scan.extra_ignore = ["!path/"]`
    /// brings one back.
    pub ignored_dirs: Vec<IgnoredDirInfo>,
    /// With `includeEntries`: every entry, sorted by path.
    pub entries: Option<Vec<ScanEntryInfo>>,
    /// With `parse` (the default): what parsing the added and modified files found.
    pub parse: Option<ParseSummaryInfo>,
    /// With `includeEntries`: the changed paths, sorted.
    pub added: Option<Vec<String>>,
    pub modified: Option<Vec<String>>,
    pub removed: Option<Vec<String>>,
}

/// What the parse half of a scan did.
#[napi(object)]
pub struct ParseSummaryInfo {
    /// Files parsed (including results from the parse cache).
    pub files: u32,
    pub cache_hits: u32,
    /// Files with syntax errors (their results are partial).
    pub with_syntax_errors: u32,
    pub functions: u32,
    pub classes: u32,
    pub call_sites: u32,
    /// Parsed files per language.
    pub languages: HashMap<String, u32>,
    /// Parse time summed over the worker threads.
    pub parse_ms: f64,
    /// Files that could not be parsed, with the reason (e.g. `PARSE_ERROR` for binary data).
    pub failed: Vec<ScanIssueInfo>,
}

impl From<ParseSummary> for ParseSummaryInfo {
    fn from(summary: ParseSummary) -> Self {
        Self {
            files: count(summary.files),
            cache_hits: count(summary.cache_hits),
            with_syntax_errors: count(summary.with_syntax_errors),
            functions: count(summary.functions),
            classes: count(summary.classes),
            call_sites: count(summary.call_sites),
            languages: summary
                .by_language
                .iter()
                .map(|(language, files)| (language.name().to_owned(), count(*files)))
                .collect(),
            parse_ms: summary.parse_time.as_secs_f64() * 1000.0,
            failed: summary.failed.iter().map(ScanIssueInfo::from).collect(),
        }
    }
}

/// Progress of a scan.
#[napi(object)]
pub struct ScanProgress {
    /// Files processed so far.
    pub processed: u32,
    /// Files to process, when known.
    pub total: Option<u32>,
    /// `"scanning"`, then `"complete"` once (the last call, before the promise settles).
    pub phase: String,
}

#[expect(
    clippy::cast_precision_loss,
    reason = "sizes and times are far below 2^53, where f64 is exact"
)]
fn to_f64(value: u64) -> f64 {
    value as f64
}

fn count(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl ScanSummary {
    fn new(outcome: ScanOutcome, include_entries: bool) -> Self {
        let ScanOutcome {
            diff,
            parsed: parse,
            generation,
            persisted,
            persist_wait,
            deferred: _,
        } = outcome;
        let stats = &diff.stats;
        let mut languages: HashMap<String, u32> = stats
            .by_language
            .iter()
            .map(|(language, files)| (language.name().to_owned(), count(*files)))
            .collect();
        if stats.unknown_language > 0 {
            languages.insert("unknown".to_owned(), count(stats.unknown_language));
        }
        let millis = |duration: std::time::Duration| duration.as_secs_f64() * 1000.0;
        let stats_info = ScanStatsInfo {
            discovery_ms: millis(stats.discovery),
            hashing_ms: millis(stats.hashing),
            diff_ms: millis(stats.diff),
            total_ms: millis(stats.total),
            bytes: to_f64(stats.bytes),
            files_read: count(stats.files_read),
            bytes_read: to_f64(stats.bytes_read),
            files_per_sec: stats.files_per_sec,
            mb_per_sec: stats.mb_per_sec,
            skipped_ignored: count(stats.skipped_ignored),
            skipped_too_large: count(stats.skipped_too_large),
            skipped_errors: count(stats.skipped_errors),
        };
        let digest = diff.digest().to_string();
        Self {
            status: match diff.status {
                ScanStatus::Complete => "complete",
                ScanStatus::Partial => "partial",
            }
            .to_owned(),
            files_total: to_u32(diff.entries.len()),
            files_added: to_u32(diff.added.len()),
            files_modified: to_u32(diff.modified.len()),
            files_removed: to_u32(diff.removed.len()),
            files_unchanged: to_u32(diff.unchanged.len()),
            duration_ms: millis(stats.total),
            languages,
            digest,
            generation: to_f64(u64::try_from(generation).unwrap_or(0)),
            persisted_rows: to_f64(persisted.rows),
            persist_wait_ms: millis(persist_wait),
            stats: stats_info,
            errors: diff.errors.iter().map(ScanIssueInfo::from).collect(),
            ignored_dirs: diff.ignored_dirs.iter().map(IgnoredDirInfo::from).collect(),
            parse: parse.map(ParseSummaryInfo::from),
            entries: include_entries
                .then(|| diff.entries.iter().map(ScanEntryInfo::from).collect()),
            added: include_entries.then_some(diff.added),
            modified: include_entries.then_some(diff.modified),
            removed: include_entries.then_some(diff.removed),
        }
    }
}

impl From<&ScanEntry> for ScanEntryInfo {
    #[expect(
        clippy::cast_precision_loss,
        reason = "millisecond timestamps are far below 2^53"
    )]
    fn from(entry: &ScanEntry) -> Self {
        Self {
            path: entry.path.clone(),
            content_hash: entry.content_hash.to_string(),
            size: to_f64(entry.size),
            mtime_ms: (entry.mtime_ns / 1_000_000) as f64,
            language: entry.language.map(|language| language.name().to_owned()),
        }
    }
}

impl From<&ScanIssue> for ScanIssueInfo {
    fn from(issue: &ScanIssue) -> Self {
        Self {
            path: issue.path.clone(),
            code: issue.code.to_owned(),
            message: issue.message.clone(),
        }
    }
}

/// What to scan.
enum Target {
    Directory(String),
    Files(Vec<InputFile>),
    Listed(Vec<ListedFile>, ReadCallback),
}

/// Forwards the scanner's progress events to JavaScript.
struct Forward<'a>(&'a Progress<'a, ScanProgress>);

impl DriftEventHandler for Forward<'_> {
    fn on_scan_progress(&self, event: &ScanProgressEvent) {
        self.0.send(ScanProgress {
            processed: count(event.processed),
            total: event.total.map(count),
            phase: "scanning".to_owned(),
        });
    }
}

/// Where a scan task is: what to scan, or (in the wasm build, where the database belongs to
/// the JavaScript thread) already prepared on that thread.
enum Stage {
    Target(Target),
    Prepared(std::result::Result<PreparedScan, RuntimeError>),
    Taken,
}

/// The task behind every scan function.
pub struct ScanTask {
    stage: Stage,
    options: ScanOptions,
    on_progress: Option<progress::Callback<ScanProgress>>,
}

impl ScanTask {
    fn new(
        env: Env,
        target: Target,
        options: Option<ScanOptions>,
        on_progress: Option<progress::Callback<ScanProgress>>,
    ) -> AsyncTask<Self> {
        let options = options.unwrap_or_default();
        let stage = if Engine::DEFERS_WRITES {
            // The wasm build prepares on the calling (owner) thread; errors reject later, like
            // every other scan error. The scan wakes this thread to write each batch.
            Stage::Prepared(runtime::get().and_then(|runtime| {
                let prepared = runtime
                    .engine
                    .prepare_scan(scan_target(target, &options), request(&options))?;
                Ok(prepared.with_wake(owner_wake(env)?))
            }))
        } else {
            Stage::Target(target)
        };
        AsyncTask::new(Self {
            stage,
            options,
            on_progress,
        })
    }

    fn run(&mut self, events: Option<&dyn DriftEventHandler>) -> Result<ScanOutcome> {
        let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
        let scan = runtime.start_scan();
        let prepared = match std::mem::replace(&mut self.stage, Stage::Taken) {
            Stage::Target(target) => runtime
                .engine
                .prepare_scan(scan_target(target, &self.options), request(&self.options)),
            Stage::Prepared(prepared) => prepared,
            Stage::Taken => Err(RuntimeError::Internal {
                message: "a scan task ran twice".to_owned(),
            }),
        };
        prepared
            .and_then(|prepared| runtime.engine.run_scan(prepared, events, &scan.cancel))
            .map_err(|err| to_napi_error(&err))
    }
}

/// How a scan of the wasm build wakes this (the JavaScript, database-owning) thread: a weak
/// threadsafe call of a function that writes what the scans have parsed. Called with a batch
/// ready, it replaces the clients' polling timers; a failed write is kept and rejects the
/// scan at its end.
fn owner_wake(env: Env) -> std::result::Result<drift_engine::Wake, RuntimeError> {
    let internal = |err: napi::Error| RuntimeError::Internal {
        message: format!("the scan could not reach the JavaScript thread: {err}"),
    };
    let write = env
        .create_function_from_closure::<(), (), _>("driftWritePending", |_| {
            if let Ok(runtime) = runtime::get() {
                // A failure is recorded with the scan, which rejects with it at its end.
                let _ = runtime.engine.write_pending();
            }
            Ok(())
        })
        .map_err(internal)?;
    let call = write
        .build_threadsafe_function::<()>()
        .weak::<true>()
        .build()
        .map_err(internal)?;
    Ok(std::sync::Arc::new(move || {
        call.call((), ThreadsafeFunctionCallMode::NonBlocking);
    }))
}

fn request(options: &ScanOptions) -> ScanRequest {
    ScanRequest {
        full: options.full.unwrap_or(false),
        parse: options.parse.unwrap_or(true),
    }
}

fn scan_target(target: Target, options: &ScanOptions) -> ScanTarget {
    match target {
        // Relative roots are relative to the runtime's root.
        Target::Directory(root) => ScanTarget::Directory(PathBuf::from(root)),
        Target::Files(files) => {
            let mut source = MemorySource::new();
            for file in files {
                source.insert_or_report(&file.path, file.data.to_vec(), mtime_ns(file.mtime_ms));
            }
            ScanTarget::Memory {
                source,
                project: options
                    .project
                    .clone()
                    .unwrap_or_else(|| "memory:".to_owned()),
            }
        }
        Target::Listed(files, read) => {
            let mut source = ListedSource::new(JsReader(read));
            for (index, file) in (0_u32..).zip(files) {
                source.list(
                    index,
                    &file.path,
                    size_of(file.size),
                    mtime_ns(file.mtime_ms),
                );
            }
            ScanTarget::Listed {
                source: Box::new(source),
                project: options
                    .project
                    .clone()
                    .unwrap_or_else(|| "memory:".to_owned()),
            }
        }
    }
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a byte count from JavaScript: negative and fractional sizes mean nothing"
)]
fn size_of(size: f64) -> u64 {
    size.max(0.0) as u64
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "saturating float-to-int conversion of a timestamp is intended"
)]
fn mtime_ns(mtime_ms: Option<f64>) -> i64 {
    // Whole milliseconds and the fraction apart: `ms * 1e6` as one double is off by up to 256 ns
    // at today's timestamps, which can cost a whole millisecond once rounded down again.
    mtime_ms.map_or(0, |ms| {
        let whole = ms.floor();
        let fraction = ((ms - whole) * 1_000_000.0).round() as i64;
        (whole as i64)
            .saturating_mul(1_000_000)
            .saturating_add(fraction)
    })
}

#[napi]
impl Task for ScanTask {
    type Output = ScanOutcome;
    type JsValue = ScanSummary;

    fn compute(&mut self) -> Result<Self::Output> {
        let Some(callback) = self.on_progress.take() else {
            return self.run(None);
        };
        let progress = Progress::new(&callback);
        let result = self.run(Some(&Forward(&progress)));
        if let Ok(ScanOutcome { diff, .. }) = &result {
            progress.send_last(ScanProgress {
                processed: to_u32(diff.entries.len()),
                total: Some(to_u32(diff.entries.len())),
                phase: "complete".to_owned(),
            });
        }
        progress.flush();
        result
    }

    /// On the JavaScript thread: in the wasm build, the scan's results are written here.
    fn resolve(&mut self, _env: Env, mut output: Self::Output) -> Result<Self::JsValue> {
        if output.deferred.is_some() {
            let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
            runtime
                .engine
                .commit_scan(&mut output)
                .map_err(|err| to_napi_error(&err))?;
        }
        Ok(ScanSummary::new(
            output,
            self.options.include_entries.unwrap_or(false),
        ))
    }
}

/// Scans the directory `root` (relative paths are relative to the runtime's root) off the
/// JavaScript thread and compares it with the previous complete scan of the same directory.
///
/// Rejects with `[SCAN_ERROR]` when `root` cannot be listed, `[RUNTIME_NOT_INITIALIZED]`,
/// `[ALREADY_SHUT_DOWN]`. Unreadable files, link loops and bad ignore patterns do not reject:
/// they are listed in `errors` and the scan goes on.
#[napi]
#[must_use]
pub fn native_scan(env: Env, root: String, options: Option<ScanOptions>) -> AsyncTask<ScanTask> {
    ScanTask::new(env, Target::Directory(root), options, None)
}

/// `nativeScan` that reports progress: `onProgress({ processed, total, phase })` runs on the
/// JavaScript thread about every 100 files with increasing `processed`, and once more with
/// `phase: "complete"` before the promise resolves.
#[napi]
#[must_use]
pub fn native_scan_with_progress(
    env: Env,
    root: String,
    options: Option<ScanOptions>,
    on_progress: ThreadsafeFunction<ScanProgress, (), ScanProgress, Status, false>,
) -> AsyncTask<ScanTask> {
    ScanTask::new(env, Target::Directory(root), options, Some(on_progress))
}

/// Scans files handed over from JavaScript (an uploaded folder) with the same rules as a
/// directory: `.gitignore` and `.driftignore` files among them are honoured. Files with
/// unusable paths (absolute, or leaving the folder) are listed in `errors`.
#[napi]
#[must_use]
pub fn scan_files(
    env: Env,
    files: Vec<InputFile>,
    options: Option<ScanOptions>,
    on_progress: Option<ThreadsafeFunction<ScanProgress, (), ScanProgress, Status, false>>,
) -> AsyncTask<ScanTask> {
    ScanTask::new(env, Target::Files(files), options, on_progress)
}

/// Scans files listed by path, size and time, reading each one only when the scan is about to
/// need it: `read({ index, path, into, done })` runs on the JavaScript thread for the file at
/// `index` in `files`, and must end the read once with `done(answer)`, at once or later: the
/// file's bytes; or, when `into` is given (the wasm build) and the bytes fit, their count once
/// copied into `into`; or an `Error`. `into` is a view of the engine's memory, valid only
/// until `done` is called: never keep it. Reads are started a little ahead of the scan, so an
/// asynchronous reader keeps several under way. Files left out by ignore rules or the size limit are never read, and no
/// file is held once it is parsed, so an uploaded folder is not copied into the engine first.
/// The same rules as `scanFiles` apply; a file whose `read` throws is listed in `errors` with
/// the thrown message and the scan goes on.
///
/// The JavaScript thread must not wait on the engine's pool while the scan runs (a blocking
/// engine call then waits for reads that only that thread can answer).
#[napi]
#[must_use]
pub fn scan_file_list(
    env: Env,
    files: Vec<ListedFile>,
    #[napi(
        ts_arg_type = "(request: ReadRequest & { into?: Uint8Array; done: (answer: Uint8Array | number | Error) => void }) => void"
    )]
    read: ReadCallback,
    options: Option<ScanOptions>,
    on_progress: Option<ThreadsafeFunction<ScanProgress, (), ScanProgress, Status, false>>,
) -> AsyncTask<ScanTask> {
    ScanTask::new(env, Target::Listed(files, read), options, on_progress)
}

/// Cancels every scan in flight: each resolves with `status: "partial"`. Returns how many
/// scans were cancelled.
///
/// Errors: `[RUNTIME_NOT_INITIALIZED]`, `[ALREADY_SHUT_DOWN]`.
#[napi]
pub fn cancel_scan() -> Result<u32> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    Ok(to_u32(runtime.cancel_scans()))
}

/// Writes to drift.db what the scans in flight have parsed so far. Only the wasm build has
/// anything to write here: there only the JavaScript thread that started the runtime may use
/// the database, so a scan's results wait for it. Scans wake that thread to write each batch
/// themselves (`storage.batch_size` parsed files), so nothing needs to call this; it writes a
/// smaller remainder at once (e.g. before reading results of a long scan). Returns the rows
/// written (always 0 natively, where a writer thread stores results as they come).
///
/// Errors: storage codes (the scan then rejects with the same error and is not recorded),
/// `[RUNTIME_NOT_INITIALIZED]`, `[ALREADY_SHUT_DOWN]`.
#[napi]
pub fn flush_scan_writes() -> Result<f64> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    let rows = runtime
        .engine
        .write_pending()
        .map_err(|err| to_napi_error(&err))?;
    #[expect(clippy::cast_precision_loss, reason = "row counts stay far below 2^53")]
    Ok(rows as f64)
}
