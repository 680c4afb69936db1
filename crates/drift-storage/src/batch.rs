//! The batch writer: a dedicated thread that owns write transactions for bulk results. Callers
//! send rows through a bounded channel (blocking, never dropping, when it is full); the thread
//! commits every `batch_size` rows, or as soon as the channel has been idle for
//! `flush_interval`, whichever comes first.
//!
//! In the wasm build `SQLite` is compiled single-threaded, so there is no writer thread: the
//! same API commits [`BatchWriter::inline`], on the sending thread under the database's lock,
//! every `batch_size` commands and on [`BatchWriter::flush`].

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use drift_core::config::StorageConfig;
use drift_core::errors::StorageError;
use drift_core::types::detection::FileDetections;
use drift_core::types::parse::ParseResult;
use drift_core::types::security::{DataAccess, SecretFinding, SensitiveField, TaintFlow};

use crate::Database;
use crate::files::{self, FileWrite};
use crate::{detection, parse_cache, scans, security};

/// A parsed file: its `files` row, what was extracted from it, and optionally the parse cache
/// entry to persist (absent when the result came from that cache).
#[derive(Debug)]
pub struct ParsedFile {
    /// The scan generation.
    pub generation: i64,
    /// The file's row.
    pub file: FileWrite,
    /// What the parser extracted (shared with the parsers' memory cache).
    pub result: Arc<ParseResult>,
    /// `(dialect, JSON of the result)` for the `parse_cache` table.
    pub cache_entry: Option<(u32, Vec<u8>)>,
    /// The file's call-graph facts (postcard), for the `graph_facts` table.
    pub graph_facts: Vec<u8>,
    /// The secrets found in the file.
    pub secrets: Vec<SecretFinding>,
    /// The fields of its classes that hold sensitive data.
    pub sensitive_fields: Vec<SensitiveField>,
    /// Where it touches persistent data.
    pub boundaries: Vec<DataAccess>,
    /// Untrusted data reaching sinks in its functions.
    pub taint_flows: Vec<TaintFlow>,
    /// Its functions' taint summaries (compressed), when any function has one.
    pub taint_summary: Option<Vec<u8>>,
    /// What detection found, with the file's learning scope (`None`: detection is off).
    pub detections: Option<(String, FileDetections)>,
}

/// A file that was read but not parsed (no parser for it, or its parse failed), with what the
/// analyses of raw text found in it.
#[derive(Debug)]
pub struct TextFile {
    /// The scan generation.
    pub generation: i64,
    /// The file's row.
    pub file: FileWrite,
    /// `none` (no parser) or `failed` (the parse failed).
    pub parse_status: &'static str,
    /// The secrets found in the file.
    pub secrets: Vec<SecretFinding>,
    /// What detection found (a manifest's framework signals), with the file's scope.
    pub detections: Option<(String, FileDetections)>,
}

/// A unit of work for the batch writer.
#[derive(Debug)]
pub enum BatchCommand {
    /// Insert or update one file's row in scan generation `generation`.
    UpsertFile {
        /// The scan generation.
        generation: i64,
        /// The row.
        file: FileWrite,
    },
    /// Delete a file's row (and its extracted rows).
    DeleteFile {
        /// Path relative to the root.
        path: String,
    },
    /// Write a file's row and replace its extracted rows.
    StoreParsed(Box<ParsedFile>),
    /// Write an unparsed file's row and replace what was found in its text.
    StoreText(Box<TextFile>),
    /// Commit what is pending and answer on the channel once it is durable.
    Flush(SyncSender<Result<(), String>>),
}

/// Counts of what the writer committed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Transactions committed.
    pub transactions: u64,
    /// Commands written (a parsed file, with all its rows, is one).
    pub rows: u64,
    /// Time spent inside transactions: the writer's own cost, without waiting for work.
    pub busy: Duration,
}

/// Handle to the writer. Dropping it commits what is pending (and joins the thread).
#[derive(Debug)]
pub struct BatchWriter {
    sender: Option<SyncSender<BatchCommand>>,
    thread: Option<JoinHandle<Result<BatchStats, StorageError>>>,
    inline: Option<Inline>,
}

/// The writer of [`BatchWriter::inline`].
#[derive(Debug)]
struct Inline {
    database: Arc<Database>,
    batch_size: usize,
    state: Mutex<(Vec<BatchCommand>, BatchStats)>,
}

impl Inline {
    fn send(&self, command: BatchCommand) -> Result<(), StorageError> {
        let mut guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (pending, stats) = &mut *guard;
        let flush = match command {
            BatchCommand::Flush(done) => Some(done),
            command => {
                pending.push(command);
                if pending.len() < self.batch_size {
                    return Ok(());
                }
                None
            }
        };
        let result = commit(&self.database, pending, stats);
        if let Some(done) = flush {
            let _ = done.send(result.as_ref().copied().map_err(ToString::to_string));
        }
        result
    }

    fn finish(&self) -> Result<BatchStats, StorageError> {
        let mut guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (pending, stats) = &mut *guard;
        commit(&self.database, pending, stats)?;
        Ok(*stats)
    }
}

impl BatchWriter {
    /// The writer for this build: a thread natively, [`BatchWriter::inline`] in wasm.
    pub fn start(database: Arc<Database>, config: &StorageConfig) -> Result<Self, StorageError> {
        if cfg!(target_family = "wasm") {
            Ok(Self::inline(database, config))
        } else {
            Self::thread(database, config)
        }
    }

    /// A writer without a thread: commands are committed by the thread that sends the
    /// `batch_size`-th one, and by `flush`/`finish`.
    #[must_use]
    pub fn inline(database: Arc<Database>, config: &StorageConfig) -> Self {
        Self {
            sender: None,
            thread: None,
            inline: Some(Inline {
                database,
                batch_size: config.batch_size.max(1),
                state: Mutex::new((Vec::new(), BatchStats::default())),
            }),
        }
    }

    /// Starts the writer thread for `database`.
    pub fn thread(database: Arc<Database>, config: &StorageConfig) -> Result<Self, StorageError> {
        let (sender, receiver) = mpsc::sync_channel(config.channel_capacity.max(1));
        let batch_size = config.batch_size.max(1);
        let flush_interval = Duration::from_millis(config.flush_interval_ms.max(1));
        // A long-lived, joined thread (never detached or scoped): see wasm/README.md.
        let thread = std::thread::Builder::new()
            .name("drift-batch-writer".to_owned())
            .spawn(move || run(&database, &receiver, batch_size, flush_interval))
            .map_err(|err| StorageError::Database {
                source: Box::new(err),
            })?;
        Ok(Self {
            sender: Some(sender),
            thread: Some(thread),
            inline: None,
        })
    }

    /// Queues a command; blocks while the channel is full.
    ///
    /// Errors: `STORAGE_ERROR` (`WriterStopped`) when the thread has ended.
    pub fn send(&self, command: BatchCommand) -> Result<(), StorageError> {
        if let Some(inline) = &self.inline {
            return inline.send(command);
        }
        self.sender
            .as_ref()
            .ok_or(StorageError::WriterStopped)?
            .send(command)
            .map_err(|_| StorageError::WriterStopped)
    }

    /// Commits everything queued so far and waits until it is durable.
    pub fn flush(&self) -> Result<(), StorageError> {
        let (done, wait) = mpsc::sync_channel(1);
        self.send(BatchCommand::Flush(done))?;
        match wait.recv() {
            Ok(Ok(())) => Ok(()),
            Ok(Err(message)) => Err(StorageError::Database {
                source: message.into(),
            }),
            Err(_) => Err(StorageError::WriterStopped),
        }
    }

    /// Commits what is pending, stops the thread and returns what it wrote.
    pub fn finish(mut self) -> Result<BatchStats, StorageError> {
        self.stop()
    }

    fn stop(&mut self) -> Result<BatchStats, StorageError> {
        if let Some(inline) = self.inline.take() {
            return inline.finish();
        }
        // Closing the channel ends the thread's loop after it drains what was queued.
        self.sender.take();
        match self.thread.take() {
            Some(thread) => thread.join().map_err(|_| StorageError::LockPoisoned {
                what: "batch writer thread",
            })?,
            None => Ok(BatchStats::default()),
        }
    }
}

impl Drop for BatchWriter {
    fn drop(&mut self) {
        if let Err(err) = self.stop() {
            tracing::error!(%err, "the batch writer failed while stopping");
        }
    }
}

/// The writer thread's loop: a transaction opens with the first command that arrives, takes
/// each following one as it comes (so no more than one command's results wait in memory here),
/// and commits after `batch_size` commands, a `Flush`, or `flush_interval` without one.
fn run(
    database: &Database,
    receiver: &Receiver<BatchCommand>,
    batch_size: usize,
    flush_interval: Duration,
) -> Result<BatchStats, StorageError> {
    let mut stats = BatchStats::default();
    while let Ok(first) = receiver.recv() {
        let mut waiting: Vec<SyncSender<Result<(), String>>> = Vec::new();
        let mut applied = 0_u64;
        let mut busy = Duration::ZERO;
        let result = database.write(|tx| {
            let mut next = Some(first);
            while let Some(command) = next.take() {
                if let BatchCommand::Flush(done) = command {
                    waiting.push(done);
                    break;
                }
                let started = Instant::now();
                apply(tx, &command)?;
                drop(command);
                busy += started.elapsed();
                applied += 1;
                if applied >= batch_size as u64 {
                    break;
                }
                next = receiver.recv_timeout(flush_interval).ok();
            }
            Ok(Instant::now())
        });
        let answer = result.as_ref().map(|_| ()).map_err(ToString::to_string);
        for done in waiting.drain(..) {
            let _ = done.send(answer.clone());
        }
        let committing = result?;
        stats.busy += busy + committing.elapsed();
        stats.transactions += 1;
        stats.rows += applied;
    }
    Ok(stats)
}

/// Writes one command into the open transaction.
fn apply(tx: &rusqlite::Transaction<'_>, command: &BatchCommand) -> Result<(), StorageError> {
    match command {
        BatchCommand::UpsertFile { generation, file } => {
            files::upsert(tx, *generation, std::slice::from_ref(file))?;
        }
        BatchCommand::DeleteFile { path } => {
            files::delete(tx, std::slice::from_ref(path))?;
        }
        BatchCommand::StoreParsed(parsed) => {
            let fresh = files::get(tx, &parsed.file.path)?.is_none();
            files::upsert(tx, parsed.generation, std::slice::from_ref(&parsed.file))?;
            let file_id = scans::store_parse_result(tx, &parsed.result, fresh)?;
            scans::store_graph_facts(tx, file_id, parsed.generation, &parsed.graph_facts)?;
            security::store_secrets(tx, file_id, &parsed.result.path, &parsed.secrets, true)?;
            security::store_sensitive_fields(tx, file_id, &parsed.sensitive_fields)?;
            security::store_boundaries(tx, file_id, &parsed.result.path, &parsed.boundaries)?;
            security::store_taint_flows(tx, file_id, &parsed.taint_flows)?;
            if let Some(summary) = &parsed.taint_summary {
                security::store_taint_summary(tx, file_id, summary)?;
            }
            if let Some((scope, found)) = &parsed.detections {
                detection::store_detections(tx, file_id, &parsed.result.path, scope, found, true)?;
            }
            if let Some((dialect, json)) = &parsed.cache_entry {
                parse_cache::put(
                    tx,
                    parsed.file.content_hash,
                    parsed.result.language.name(),
                    *dialect,
                    json,
                )?;
            }
        }
        BatchCommand::StoreText(text) => {
            let fresh = files::get(tx, &text.file.path)?.is_none();
            files::upsert(tx, text.generation, std::slice::from_ref(&text.file))?;
            let file_id = scans::set_parse_status(tx, &text.file.path, text.parse_status)?;
            security::store_secrets(tx, file_id, &text.file.path, &text.secrets, fresh)?;
            if let Some((scope, found)) = &text.detections {
                detection::store_detections(tx, file_id, &text.file.path, scope, found, fresh)?;
            }
        }
        BatchCommand::Flush(_) => {}
    }
    Ok(())
}

/// Commits `pending` in one transaction (the inline writer of the wasm build).
fn commit(
    database: &Database,
    pending: &mut Vec<BatchCommand>,
    stats: &mut BatchStats,
) -> Result<(), StorageError> {
    if pending.is_empty() {
        return Ok(());
    }
    let rows = pending.len() as u64;
    let started = Instant::now();
    database.write(|tx| {
        for command in pending.iter() {
            apply(tx, command)?;
        }
        Ok(())
    })?;
    stats.busy += started.elapsed();
    pending.clear();
    stats.transactions += 1;
    stats.rows += rows;
    Ok(())
}
