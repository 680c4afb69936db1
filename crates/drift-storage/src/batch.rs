//! The batch writer: a dedicated thread that owns write transactions for bulk results. Callers
//! send rows through a bounded channel (blocking, never dropping, when it is full); the thread
//! commits every `batch_size` rows, or as soon as the channel has been idle for
//! `flush_interval`, whichever comes first.
//!
//! Only the native build runs it: in the wasm build `SQLite` is compiled single-threaded, so the
//! thread owning the engine writes directly.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::thread::JoinHandle;
use std::time::Duration;

use drift_core::config::StorageConfig;
use drift_core::errors::StorageError;

use crate::Database;
use crate::files::{self, FileWrite};

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
    /// Commit what is pending and answer on the channel once it is durable.
    Flush(SyncSender<Result<(), String>>),
}

/// Counts of what the writer committed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Transactions committed.
    pub transactions: u64,
    /// Rows written.
    pub rows: u64,
}

/// Handle to the writer thread. Dropping it commits what is pending and joins the thread.
#[derive(Debug)]
pub struct BatchWriter {
    sender: Option<SyncSender<BatchCommand>>,
    thread: Option<JoinHandle<Result<BatchStats, StorageError>>>,
}

impl BatchWriter {
    /// Starts the writer thread for `database`.
    pub fn start(database: Arc<Database>, config: &StorageConfig) -> Result<Self, StorageError> {
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
        })
    }

    /// Queues a command; blocks while the channel is full.
    ///
    /// Errors: `STORAGE_ERROR` (`WriterStopped`) when the thread has ended.
    pub fn send(&self, command: BatchCommand) -> Result<(), StorageError> {
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

/// The writer thread's loop.
fn run(
    database: &Database,
    receiver: &Receiver<BatchCommand>,
    batch_size: usize,
    flush_interval: Duration,
) -> Result<BatchStats, StorageError> {
    let mut stats = BatchStats::default();
    let mut pending: Vec<BatchCommand> = Vec::with_capacity(batch_size);
    let mut waiting: Vec<SyncSender<Result<(), String>>> = Vec::new();
    loop {
        let next = if pending.is_empty() && waiting.is_empty() {
            receiver.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            receiver.recv_timeout(flush_interval)
        };
        let closed = match next {
            Ok(BatchCommand::Flush(done)) => {
                waiting.push(done);
                false
            }
            Ok(command) => {
                pending.push(command);
                if pending.len() < batch_size {
                    continue;
                }
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        let result = commit(database, &mut pending, &mut stats);
        let answer = result.as_ref().copied().map_err(ToString::to_string);
        for done in waiting.drain(..) {
            let _ = done.send(answer.clone());
        }
        result?;
        if closed {
            return Ok(stats);
        }
    }
}

fn commit(
    database: &Database,
    pending: &mut Vec<BatchCommand>,
    stats: &mut BatchStats,
) -> Result<(), StorageError> {
    if pending.is_empty() {
        return Ok(());
    }
    let rows = pending.len() as u64;
    database.write(|tx| {
        for command in pending.iter() {
            match command {
                BatchCommand::UpsertFile { generation, file } => {
                    files::upsert(tx, *generation, std::slice::from_ref(file))?;
                }
                BatchCommand::DeleteFile { path } => {
                    files::delete(tx, std::slice::from_ref(path))?;
                }
                BatchCommand::Flush(_) => {}
            }
        }
        Ok(())
    })?;
    pending.clear();
    stats.transactions += 1;
    stats.rows += rows;
    Ok(())
}
