//! Reading drift.db: list queries one keyset page at a time (`queryFiles`, `queryFunctions`,
//! `queryClasses`, `queryImports`, `queryExports`, `queryCallSites`, `queryChangedFiles`),
//! `queryStatus`, `queryStorageStats`, and moving the whole database (`backupDatabase`,
//! `importDatabase`). Each converts arguments, calls the engine, and converts the result.

use drift_core::errors::RuntimeError;
use drift_engine::Engine;
use drift_storage::files::{FileFilter, FileRecord};
use drift_storage::listings::{self, Listed, ListedRow, RowFilter};
use drift_storage::pagination::{Page, PageRequest};
use drift_storage::scans::Counts;
use napi::bindgen_prelude::{AsyncTask, Uint8Array};
use napi::{Env, Result, Task};
use napi_derive::napi;

use crate::errors::to_napi_error;
use crate::runtime::{self, Runtime};

/// Which page: up to `limit` (1..=100, default 100) rows after `cursor` (a previous page's
/// `nextCursor`; omit it for the first page).
#[napi(object)]
#[derive(Default)]
pub struct PageOptions {
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

pub(crate) fn page_request(options: Option<PageOptions>) -> PageRequest {
    let options = options.unwrap_or_default();
    PageRequest {
        cursor: options.cursor,
        limit: options.limit,
    }
}

/// Filters of `queryFiles`; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct FileQuery {
    /// Only this language (`"unknown"`: files Drift does not parse).
    pub language: Option<String>,
    /// Only paths starting with this.
    pub path_prefix: Option<String>,
    /// Only files added or modified in this scan generation or later.
    pub changed_since: Option<f64>,
}

/// Filters of the row listings; every field is optional.
#[napi(object)]
#[derive(Default)]
pub struct RowQuery {
    /// Only rows from files of this language.
    pub language: Option<String>,
    /// Only rows from files whose path starts with this.
    pub path_prefix: Option<String>,
    /// Only rows whose name (callee for call sites, module for imports) starts with this.
    pub name: Option<String>,
}

/// A stored file.
#[napi(object)]
pub struct FileRow {
    pub id: f64,
    pub path: String,
    pub language: Option<String>,
    /// xxh3-64 of the content, 16 hex digits.
    pub content_hash: String,
    pub size: f64,
    pub mtime_ms: f64,
    /// The scan generation that last saw it added or modified.
    pub changed_in: f64,
}

/// One page of files.
#[napi(object)]
pub struct FilePage {
    pub items: Vec<FileRow>,
    /// Rows matching the filter over all pages.
    pub total: f64,
    pub has_more: bool,
    /// Pass back as `cursor` for the next page (present when `hasMore`).
    pub next_cursor: Option<String>,
}

/// A function or method (lines 0-based).
#[napi(object)]
pub struct FunctionRow {
    pub id: f64,
    /// Path of the file, relative to the project root.
    pub file: String,
    pub language: Option<String>,
    pub name: String,
    pub qualified_name: String,
    /// Number of parameters.
    pub parameters: u32,
    pub return_type: Option<String>,
    pub is_async: bool,
    pub is_method: bool,
    pub visibility: Option<String>,
    pub start_line: u32,
    pub end_line: u32,
}

/// A class, interface, struct, enum, trait, ... (lines 0-based).
#[napi(object)]
pub struct ClassRow {
    pub id: f64,
    /// Path of the file, relative to the project root.
    pub file: String,
    pub language: Option<String>,
    pub name: String,
    pub qualified_name: String,
    /// `class`, `interface`, `struct`, `enum`, `trait`, ...
    pub kind: String,
    pub bases: Vec<String>,
    pub interfaces: Vec<String>,
    /// Number of methods.
    pub methods: u32,
    pub start_line: u32,
    pub end_line: u32,
}

/// An import (line 0-based).
#[napi(object)]
pub struct ImportRow {
    pub id: f64,
    /// Path of the file, relative to the project root.
    pub file: String,
    pub language: Option<String>,
    /// The imported module.
    pub source: String,
    pub names: Vec<String>,
    pub line: u32,
}

/// An export (line 0-based).
#[napi(object)]
pub struct ExportRow {
    pub id: f64,
    /// Path of the file, relative to the project root.
    pub file: String,
    pub language: Option<String>,
    pub name: String,
    pub is_default: bool,
    /// The module re-exported from, if any.
    pub source: Option<String>,
    pub line: u32,
}

/// A call site (line and column 0-based).
#[napi(object)]
pub struct CallSiteRow {
    pub id: f64,
    /// Path of the file, relative to the project root.
    pub file: String,
    pub language: Option<String>,
    pub callee: String,
    pub receiver: Option<String>,
    pub arg_count: u32,
    pub line: u32,
    pub col: u32,
}

/// One page of functions.
#[napi(object)]
pub struct FunctionPage {
    pub items: Vec<FunctionRow>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// One page of classes.
#[napi(object)]
pub struct ClassPage {
    pub items: Vec<ClassRow>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// One page of imports.
#[napi(object)]
pub struct ImportPage {
    pub items: Vec<ImportRow>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// One page of exports.
#[napi(object)]
pub struct ExportPage {
    pub items: Vec<ExportRow>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

/// One page of call sites.
#[napi(object)]
pub struct CallSitePage {
    pub items: Vec<CallSiteRow>,
    pub total: f64,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

#[expect(
    clippy::cast_precision_loss,
    reason = "row counts, sizes and ids stay far below 2^53"
)]
fn num(value: impl Into<i128>) -> f64 {
    value.into() as f64
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "a generation from JavaScript is a small whole number; the cast saturates"
)]
fn generation(value: f64) -> i64 {
    value as i64
}

pub(crate) fn engine_call<T>(
    work: impl FnOnce(&Runtime) -> std::result::Result<T, RuntimeError>,
) -> Result<T> {
    let runtime = runtime::get().map_err(|err| to_napi_error(&err))?;
    work(&runtime).map_err(|err| to_napi_error(&err))
}

fn file_page(page: Page<FileRecord>) -> FilePage {
    FilePage {
        items: page
            .items
            .into_iter()
            .map(|file| FileRow {
                id: num(file.id),
                path: file.path,
                language: file.language,
                content_hash: drift_core::ContentHash::from_i64_bits(file.content_hash).to_string(),
                size: num(file.size),
                mtime_ms: num(file.mtime_ns / 1_000_000),
                changed_in: num(file.changed_in),
            })
            .collect(),
        total: num(page.total),
        has_more: page.has_more,
        next_cursor: page.next_cursor,
    }
}

/// A page of stored files, ordered by path.
///
/// Errors: `[INVALID_CURSOR]`, `[INVALID_FILTER]` (limit outside 1..=100), storage codes.
#[napi]
pub fn query_files(filter: Option<FileQuery>, page: Option<PageOptions>) -> Result<FilePage> {
    let filter = filter.unwrap_or_default();
    let filter = FileFilter {
        language: filter.language,
        path_prefix: filter.path_prefix,
        changed_since: filter.changed_since.map(generation),
    };
    engine_call(|runtime| runtime.engine.files(&filter, &page_request(page))).map(file_page)
}

/// The files the scan of generation `since` or a later one added or modified (default: the
/// last scan), a page at a time. Removed files are gone from the database; the scan summary
/// lists them.
#[napi]
pub fn query_changed_files(since: Option<f64>, page: Option<PageOptions>) -> Result<FilePage> {
    engine_call(|runtime| {
        let since = match since {
            Some(since) => generation(since),
            None => runtime.engine.status()?.generation,
        };
        let filter = FileFilter {
            changed_since: Some(since),
            ..FileFilter::default()
        };
        runtime.engine.files(&filter, &page_request(page))
    })
    .map(file_page)
}

/// One of the binding's listing pages, made from the stored page's parts.
trait RowsPage {
    type Row;
    fn of(items: Vec<Self::Row>, total: f64, has_more: bool, next_cursor: Option<String>) -> Self;
}

macro_rules! rows_page {
    ($($page:ident of $row:ident),* $(,)?) => {$(
        impl RowsPage for $page {
            type Row = $row;
            fn of(items: Vec<$row>, total: f64, has_more: bool, next_cursor: Option<String>) -> Self {
                Self { items, total, has_more, next_cursor }
            }
        }
    )*};
}

rows_page!(
    FunctionPage of FunctionRow,
    ClassPage of ClassRow,
    ImportPage of ImportRow,
    ExportPage of ExportRow,
    CallSitePage of CallSiteRow,
);

impl From<Listed<listings::FunctionRow>> for FunctionRow {
    fn from(listed: Listed<listings::FunctionRow>) -> Self {
        let row = listed.row;
        Self {
            id: num(listed.id),
            file: listed.file,
            language: listed.language,
            name: row.name,
            qualified_name: row.qualified_name,
            parameters: row.parameters,
            return_type: row.return_type,
            is_async: row.is_async,
            is_method: row.is_method,
            visibility: row.visibility,
            start_line: row.start_line,
            end_line: row.end_line,
        }
    }
}

impl From<Listed<listings::ClassRow>> for ClassRow {
    fn from(listed: Listed<listings::ClassRow>) -> Self {
        let row = listed.row;
        Self {
            id: num(listed.id),
            file: listed.file,
            language: listed.language,
            name: row.name,
            qualified_name: row.qualified_name,
            kind: row.kind,
            bases: row.bases,
            interfaces: row.interfaces,
            methods: row.methods,
            start_line: row.start_line,
            end_line: row.end_line,
        }
    }
}

impl From<Listed<listings::ImportRow>> for ImportRow {
    fn from(listed: Listed<listings::ImportRow>) -> Self {
        Self {
            id: num(listed.id),
            file: listed.file,
            language: listed.language,
            source: listed.row.source,
            names: listed.row.names,
            line: listed.row.line,
        }
    }
}

impl From<Listed<listings::ExportRow>> for ExportRow {
    fn from(listed: Listed<listings::ExportRow>) -> Self {
        Self {
            id: num(listed.id),
            file: listed.file,
            language: listed.language,
            name: listed.row.name,
            is_default: listed.row.is_default,
            source: listed.row.source,
            line: listed.row.line,
        }
    }
}

impl From<Listed<listings::CallSiteRow>> for CallSiteRow {
    fn from(listed: Listed<listings::CallSiteRow>) -> Self {
        Self {
            id: num(listed.id),
            file: listed.file,
            language: listed.language,
            callee: listed.row.callee,
            receiver: listed.row.receiver,
            arg_count: listed.row.arg_count,
            line: listed.row.line,
            col: listed.row.col,
        }
    }
}

/// A page of the stored listing `T`, as the binding's page `P`.
fn rows<T: ListedRow, P: RowsPage>(filter: Option<RowQuery>, page: Option<PageOptions>) -> Result<P>
where
    P::Row: From<Listed<T>>,
{
    let filter = filter.unwrap_or_default();
    let filter = RowFilter {
        language: filter.language,
        path_prefix: filter.path_prefix,
        name: filter.name,
    };
    let page = engine_call(|runtime| runtime.engine.list::<T>(&filter, &page_request(page)))?;
    Ok(P::of(
        page.items.into_iter().map(P::Row::from).collect(),
        num(page.total),
        page.has_more,
        page.next_cursor,
    ))
}

/// A page of functions and methods, by name.
#[napi]
pub fn query_functions(
    filter: Option<RowQuery>,
    page: Option<PageOptions>,
) -> Result<FunctionPage> {
    rows::<listings::FunctionRow, _>(filter, page)
}

/// A page of classes and other types, by name.
#[napi]
pub fn query_classes(filter: Option<RowQuery>, page: Option<PageOptions>) -> Result<ClassPage> {
    rows::<listings::ClassRow, _>(filter, page)
}

/// A page of imports, by module.
#[napi]
pub fn query_imports(filter: Option<RowQuery>, page: Option<PageOptions>) -> Result<ImportPage> {
    rows::<listings::ImportRow, _>(filter, page)
}

/// A page of exports, by name.
#[napi]
pub fn query_exports(filter: Option<RowQuery>, page: Option<PageOptions>) -> Result<ExportPage> {
    rows::<listings::ExportRow, _>(filter, page)
}

/// A page of call sites, by callee.
#[napi]
pub fn query_call_sites(
    filter: Option<RowQuery>,
    page: Option<PageOptions>,
) -> Result<CallSitePage> {
    rows::<listings::CallSiteRow, _>(filter, page)
}

/// Rows per table.
#[napi(object)]
pub struct TableCounts {
    pub files: f64,
    pub functions: f64,
    pub classes: f64,
    pub imports: f64,
    pub exports: f64,
    pub call_sites: f64,
}

impl From<Counts> for TableCounts {
    fn from(counts: Counts) -> Self {
        Self {
            files: num(counts.files),
            functions: num(counts.functions),
            classes: num(counts.classes),
            imports: num(counts.imports),
            exports: num(counts.exports),
            call_sites: num(counts.call_sites),
        }
    }
}

/// What is stored and when it was scanned.
#[napi(object)]
pub struct StatusInfo {
    /// Scan generations started so far.
    pub generation: f64,
    /// When the last complete scan ended (ms since the Unix epoch).
    pub last_scan_at_ms: Option<f64>,
    /// What it scanned: a directory, or the project name of uploaded files.
    pub last_scan_root: Option<String>,
    pub counts: TableCounts,
    pub files_parsed: f64,
    /// Files whose stored results are partial (syntax errors).
    pub files_partial: f64,
    pub schema_version: u32,
    pub db_path: String,
}

fn status_info(runtime: &Runtime) -> std::result::Result<StatusInfo, RuntimeError> {
    let status = runtime.engine.status()?;
    Ok(StatusInfo {
        generation: num(status.generation),
        last_scan_at_ms: status.last_scan_at.map(|seconds| num(seconds) * 1000.0),
        last_scan_root: status.last_scan_root,
        counts: status.counts.into(),
        files_parsed: num(status.files_parsed),
        files_partial: num(status.files_partial),
        schema_version: status.schema_version,
        db_path: runtime.engine.db_path().to_string_lossy().into_owned(),
    })
}

/// The state of the stored project.
#[napi]
pub fn query_status() -> Result<StatusInfo> {
    engine_call(status_info)
}

/// Sizes of drift.db.
#[napi(object)]
pub struct StorageStatsInfo {
    pub page_size: f64,
    pub page_count: f64,
    pub freelist_count: f64,
    pub database_bytes: f64,
    /// Size of the `-wal` file natively (0 in the browser, which uses a rollback journal).
    pub wal_bytes: f64,
    pub parse_cache_entries: f64,
    pub counts: TableCounts,
    pub journal_mode: String,
    pub schema_version: u32,
}

/// Sizes of drift.db and row counts.
#[napi]
pub fn query_storage_stats() -> Result<StorageStatsInfo> {
    engine_call(|runtime| runtime.engine.storage_stats()).map(|stats| StorageStatsInfo {
        page_size: num(stats.page_size),
        page_count: num(stats.page_count),
        freelist_count: num(stats.freelist_count),
        database_bytes: num(stats.database_bytes),
        wal_bytes: num(stats.wal_bytes),
        parse_cache_entries: num(stats.parse_cache_entries),
        counts: stats.counts.into(),
        journal_mode: stats.journal_mode,
        schema_version: stats.schema_version,
    })
}

/// What `backupDatabase` produced.
#[napi(object)]
pub struct BackupResult {
    /// The file written, when a path was given.
    pub path: Option<String>,
    /// Without a path: the database as the bytes of a standalone drift.db file (a
    /// `Uint8Array`, not a Node `Buffer`: browsers have no `Buffer`).
    pub data: Option<Uint8Array>,
    pub bytes: f64,
}

/// The task behind `backupDatabase`.
pub struct BackupTask {
    path: Option<String>,
}

type Backup = (Option<String>, Option<Vec<u8>>, u64);

impl BackupTask {
    fn backup(&self) -> Result<Backup> {
        engine_call(|runtime| {
            if let Some(path) = &self.path {
                let target = runtime.engine.root().join(path);
                runtime.engine.backup_to(&target)?;
                let bytes = std::fs::metadata(&target).map_or(0, |meta| meta.len());
                return Ok((Some(target.to_string_lossy().into_owned()), None, bytes));
            }
            let data = runtime.engine.export_database()?;
            let bytes = data.len() as u64;
            Ok((None, Some(data), bytes))
        })
    }
}

/// Database work of a task: off the JavaScript thread natively; in the wasm build on it (in
/// `resolve`), since there the database belongs to the thread that opened it.
#[napi]
impl Task for BackupTask {
    type Output = Option<Backup>;
    type JsValue = BackupResult;

    fn compute(&mut self) -> Result<Self::Output> {
        if Engine::DEFERS_WRITES {
            return Ok(None);
        }
        self.backup().map(Some)
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        let (path, data, bytes) = match output {
            Some(done) => done,
            None => self.backup()?,
        };
        Ok(BackupResult {
            path,
            data: data.map(Uint8Array::from),
            bytes: num(bytes),
        })
    }
}

/// Copies drift.db: to `path` (relative to the root) with `SQLite`'s online backup, consistent
/// while scans write; without a path, resolves with the bytes of a standalone drift.db (what
/// the browser offers as a download).
#[napi]
#[must_use]
pub fn backup_database(path: Option<String>) -> AsyncTask<BackupTask> {
    AsyncTask::new(BackupTask { path })
}

/// The task behind `importDatabase`.
pub struct ImportTask {
    data: Vec<u8>,
}

impl ImportTask {
    fn import(&mut self) -> Result<StatusInfo> {
        let data = std::mem::take(&mut self.data);
        engine_call(|runtime| {
            runtime.engine.import_database(&data)?;
            status_info(runtime)
        })
    }
}

#[napi]
impl Task for ImportTask {
    type Output = Option<StatusInfo>;
    type JsValue = StatusInfo;

    fn compute(&mut self) -> Result<Self::Output> {
        if Engine::DEFERS_WRITES {
            return Ok(None);
        }
        self.import().map(Some)
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        match output {
            Some(status) => Ok(status),
            None => self.import(),
        }
    }
}

/// Replaces drift.db's content with the drift.db file in `data` (e.g. downloaded from the
/// browser, or a native one loaded into the browser), all or nothing: it is checked and
/// migrated first.
///
/// Errors: `[DB_CORRUPT]` when it is not a sound Drift database (the current one is then
/// unchanged), `[MIGRATION_FAILED]` when it comes from a newer Drift.
#[napi]
#[must_use]
pub fn import_database(data: Uint8Array) -> AsyncTask<ImportTask> {
    AsyncTask::new(ImportTask {
        data: data.to_vec(),
    })
}
