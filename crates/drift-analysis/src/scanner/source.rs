//! Where a scan gets its files: the [`FileSource`] trait, [`OsSource`] for a directory on disk,
//! [`MemorySource`] for files held in memory, and [`ListedSource`] for files listed up front
//! (paths, sizes, times) and read only when the scan asks for them (uploaded in the browser).
//!
//! A source only lists and reads; ignore rules, size limits, loop detection and hashing are
//! shared code in the scanner, so both sources behave identically (STYLE.md, "One facade").

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;

use drift_core::errors::ScanError;
use drift_core::paths::normalize_path;

use super::types::ScanIssue;

/// Identity of a directory (device and inode), used to stop at symbolic link loops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DirId {
    /// Device number.
    pub device: u64,
    /// Inode number.
    pub inode: u64,
}

/// What a directory child is.
#[derive(Debug)]
pub enum EntryKind {
    /// A regular file (or, when following links, a link to one).
    File {
        /// Size in bytes.
        size: u64,
        /// Modification time in nanoseconds since the Unix epoch (0 if unknown).
        mtime_ns: i64,
    },
    /// A directory (or, when following links, a link to one).
    Dir {
        /// Its identity, where the source can tell (needed only when links are followed).
        id: Option<DirId>,
    },
    /// Something the scan skips silently: a link that is not followed, a socket, a device.
    Other,
    /// The child could not be inspected; the scan reports the error and goes on.
    Unreadable(ScanError),
}

/// One child of a listed directory.
#[derive(Debug)]
pub struct DirEntry {
    /// The child's name (one path component).
    pub name: String,
    /// What it is.
    pub kind: EntryKind,
}

/// A tree of files that can be listed and read, addressed by `/`-separated paths relative to
/// the root (`""` is the root itself).
pub trait FileSource: Sync {
    /// The root, for events and messages.
    fn root(&self) -> PathBuf;

    /// The children of directory `dir`, in any order. Failing on the root (`""`) is fatal for
    /// the scan; failing on another directory skips it with an issue.
    fn read_dir(&self, dir: &str, follow_symlinks: bool) -> Result<Vec<DirEntry>, ScanError>;

    /// Problems the source found before the scan (e.g. uploaded files with unusable paths),
    /// reported with the scan's own issues.
    fn issues(&self) -> Vec<ScanIssue> {
        Vec::new()
    }

    /// The bytes of file `path`: borrowed when the source holds them already, read otherwise.
    fn read(&self, path: &str) -> Result<Cow<'_, [u8]>, ScanError>;

    /// The scan will now read `paths`, in about this order: a source whose reads are slow to
    /// answer (files read over a bridge) may start reading ahead. The default does nothing.
    fn will_read(&self, paths: &[&str]) {
        let _ = paths;
    }
}

/// A directory on disk.
#[derive(Debug, Clone)]
pub struct OsSource {
    root: PathBuf,
}

impl OsSource {
    /// A source rooted at `root`. Nothing is checked until the scan lists the root.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn full_path(&self, path: &str) -> PathBuf {
        if path.is_empty() {
            self.root.clone()
        } else {
            self.root.join(path)
        }
    }
}

impl FileSource for OsSource {
    fn root(&self) -> PathBuf {
        self.root.clone()
    }

    fn read_dir(&self, dir: &str, follow_symlinks: bool) -> Result<Vec<DirEntry>, ScanError> {
        let full = self.full_path(dir);
        let listing = fs::read_dir(&full).map_err(|source| {
            if dir.is_empty() && !full.is_dir() {
                ScanError::InvalidRoot { path: full.clone() }
            } else {
                ScanError::io(&full, source)
            }
        })?;
        let mut entries = Vec::new();
        for child in listing {
            let child = match child {
                Ok(child) => child,
                Err(source) => {
                    entries.push(DirEntry {
                        name: String::new(),
                        kind: EntryKind::Unreadable(ScanError::io(&full, source)),
                    });
                    continue;
                }
            };
            let path = child.path();
            let name = match child.file_name().into_string() {
                Ok(name) => name,
                Err(raw) => {
                    entries.push(DirEntry {
                        name: raw.to_string_lossy().into_owned(),
                        kind: EntryKind::Unreadable(ScanError::Walk {
                            path: Some(path),
                            message: "the name is not valid UTF-8; rename it to scan it".into(),
                        }),
                    });
                    continue;
                }
            };
            entries.push(DirEntry {
                name,
                kind: inspect(&path, &child, follow_symlinks),
            });
        }
        Ok(entries)
    }

    fn read(&self, path: &str) -> Result<Cow<'_, [u8]>, ScanError> {
        let full = self.full_path(path);
        fs::read(&full)
            .map(Cow::Owned)
            .map_err(|source| ScanError::io(full, source))
    }
}

fn inspect(path: &Path, child: &fs::DirEntry, follow_symlinks: bool) -> EntryKind {
    let is_link = child.file_type().is_ok_and(|kind| kind.is_symlink());
    if is_link && !follow_symlinks {
        return EntryKind::Other;
    }
    // `fs::metadata` follows links (a dangling one fails here); `DirEntry::metadata` does not.
    let metadata = if is_link {
        fs::metadata(path)
    } else {
        child.metadata()
    };
    match metadata {
        Ok(metadata) if metadata.is_dir() => EntryKind::Dir {
            id: dir_id(&metadata, path),
        },
        Ok(metadata) if metadata.is_file() => EntryKind::File {
            size: metadata.len(),
            mtime_ns: metadata.modified().map_or(0, mtime_ns),
        },
        Ok(_) => EntryKind::Other,
        Err(source) => EntryKind::Unreadable(ScanError::io(path, source)),
    }
}

#[cfg(unix)]
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the non-unix version, which may fail to resolve a path"
)]
fn dir_id(metadata: &fs::Metadata, _path: &Path) -> Option<DirId> {
    use std::os::unix::fs::MetadataExt;
    Some(DirId {
        device: metadata.dev(),
        inode: metadata.ino(),
    })
}

/// Without device and inode numbers (WASI), a directory is identified by its real path: the
/// path with every symbolic link resolved, hashed. Two paths reaching the same directory get
/// the same identity, so a followed loop is cut where it comes back, as on unix.
#[cfg(not(unix))]
fn dir_id(_: &fs::Metadata, path: &Path) -> Option<DirId> {
    real_path(path).map(|real| DirId {
        device: 0,
        inode: xxhash_rust::xxh3::xxh3_64(real.as_os_str().as_encoded_bytes()),
    })
}

/// `path` with every symbolic link resolved (lexically for `..`), or `None` after 40 links (a
/// loop) or for a relative path.
#[cfg(any(not(unix), test))]
fn real_path(path: &Path) -> Option<PathBuf> {
    use std::collections::VecDeque;
    use std::ffi::OsString;
    use std::path::Component;

    const MAX_LINKS: usize = 40;
    /// What is left to walk: a name, `..`, or a jump back to the root.
    enum Step {
        Root(OsString),
        Parent,
        Name(OsString),
    }
    fn steps(path: &Path) -> Vec<Step> {
        path.components()
            .filter_map(|component| match component {
                Component::Prefix(_) | Component::RootDir => {
                    Some(Step::Root(component.as_os_str().to_owned()))
                }
                Component::CurDir => None,
                Component::ParentDir => Some(Step::Parent),
                Component::Normal(name) => Some(Step::Name(name.to_owned())),
            })
            .collect()
    }

    let mut pending: VecDeque<Step> = steps(path).into();
    let mut resolved = PathBuf::new();
    let mut links = 0;
    while let Some(step) = pending.pop_front() {
        match step {
            Step::Root(root) => resolved = PathBuf::from(root),
            Step::Parent => {
                resolved.pop();
            }
            Step::Name(name) => {
                let candidate = resolved.join(&name);
                match fs::read_link(&candidate) {
                    Ok(target) => {
                        links += 1;
                        if links > MAX_LINKS {
                            return None;
                        }
                        // The target's steps come next, before the rest of the path.
                        for step in steps(&target).into_iter().rev() {
                            pending.push_front(step);
                        }
                    }
                    Err(_) => resolved = candidate,
                }
            }
        }
    }
    resolved.is_absolute().then_some(resolved)
}

fn mtime_ns(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_nanos()).map_or(i64::MIN, |ns| -ns),
    }
}

/// A relative path handed over by a user, normalised (`\` and `./` accepted), or the reason it
/// cannot name a file inside the project.
fn checked_path(path: &str) -> Result<String, ScanError> {
    let normalised = normalize_path(path);
    if normalised == "." || normalised.starts_with('/') || normalised.starts_with("..") {
        return Err(ScanError::Walk {
            path: Some(path.into()),
            message: "the path is not a file inside the project; pass paths relative to the uploaded folder".into(),
        });
    }
    Ok(normalised.into_owned())
}

/// Files by relative path, as a source that has no directories lists them: directories exist
/// implicitly (an empty directory cannot be represented), and an unusable path is kept as an
/// issue the next scan reports, so one bad path does not stop the others.
#[derive(Debug, Clone)]
struct Listing<V> {
    files: BTreeMap<String, V>,
    rejected: Vec<ScanIssue>,
}

impl<V> Default for Listing<V> {
    fn default() -> Self {
        Self {
            files: BTreeMap::new(),
            rejected: Vec::new(),
        }
    }
}

impl<V> Listing<V> {
    fn insert(&mut self, path: &str, value: V) -> Result<(), ScanError> {
        self.files.insert(checked_path(path)?, value);
        Ok(())
    }

    fn insert_or_report(&mut self, path: &str, value: V) {
        if let Err(err) = self.insert(path, value) {
            self.rejected
                .push(ScanIssue::new(Some(path.to_owned()), &err));
        }
    }

    /// The children of `dir`.
    fn children(&self, dir: &str) -> Vec<DirEntry>
    where
        V: FileMeta,
    {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut entries = Vec::new();
        let mut last_dir: Option<&str> = None;
        // Keys are sorted, so everything under `prefix` is contiguous, and so is everything
        // under each child directory.
        for (path, value) in self
            .files
            .range(prefix.clone()..)
            .take_while(|(path, _)| path.starts_with(&prefix))
        {
            let rest = &path[prefix.len()..];
            if let Some((child, _)) = rest.split_once('/') {
                if last_dir != Some(child) {
                    last_dir = Some(child);
                    entries.push(DirEntry {
                        name: child.to_owned(),
                        kind: EntryKind::Dir { id: None },
                    });
                }
            } else {
                let (size, mtime_ns) = value.size_and_mtime();
                entries.push(DirEntry {
                    name: rest.to_owned(),
                    kind: EntryKind::File { size, mtime_ns },
                });
            }
        }
        entries
    }

    fn get(&self, path: &str) -> Result<&V, ScanError> {
        self.files.get(path).ok_or_else(|| {
            ScanError::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "not in the uploaded files"),
            )
        })
    }
}

/// What a listed file tells its directory's listing before it is read.
trait FileMeta {
    /// Size in bytes and modification time in nanoseconds.
    fn size_and_mtime(&self) -> (u64, i64);
}

/// Files held in memory, keyed by relative path. Directories exist implicitly (an empty
/// directory cannot be represented). `.gitignore` and `.driftignore` files among them are
/// honoured like on disk.
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    listing: Listing<MemoryFile>,
}

#[derive(Debug, Clone)]
struct MemoryFile {
    bytes: Vec<u8>,
    mtime_ns: i64,
}

impl FileMeta for MemoryFile {
    fn size_and_mtime(&self) -> (u64, i64) {
        (self.bytes.len() as u64, self.mtime_ns)
    }
}

impl MemorySource {
    /// An empty source.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a file with an unknown mtime (0), so the incremental shortcut only
    /// applies when the size and the 0 mtime both match: pass real times with
    /// [`MemorySource::insert_with_mtime`] when the browser gives them.
    pub fn insert(&mut self, path: &str, bytes: impl Into<Vec<u8>>) -> Result<(), ScanError> {
        self.insert_with_mtime(path, bytes, 0)
    }

    /// Adds (or replaces) a file. `path` is normalised (`\` and `./` accepted); it must stay
    /// inside the root.
    pub fn insert_with_mtime(
        &mut self,
        path: &str,
        bytes: impl Into<Vec<u8>>,
        mtime_ns: i64,
    ) -> Result<(), ScanError> {
        self.listing.insert(
            path,
            MemoryFile {
                bytes: bytes.into(),
                mtime_ns,
            },
        )
    }

    /// [`MemorySource::insert_with_mtime`] for a batch handed over by a user: a file whose path
    /// is unusable is not added but kept as an issue that the next scan reports, so one bad
    /// path does not stop the others.
    pub fn insert_or_report(&mut self, path: &str, bytes: impl Into<Vec<u8>>, mtime_ns: i64) {
        self.listing.insert_or_report(
            path,
            MemoryFile {
                bytes: bytes.into(),
                mtime_ns,
            },
        );
    }

    /// Removes a file; returns whether it was there.
    pub fn remove(&mut self, path: &str) -> bool {
        self.listing
            .files
            .remove(normalize_path(path).as_ref())
            .is_some()
    }

    /// Number of files.
    #[must_use]
    pub fn len(&self) -> usize {
        self.listing.files.len()
    }

    /// Whether there are no files.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.listing.files.is_empty()
    }
}

impl FileSource for MemorySource {
    fn root(&self) -> PathBuf {
        PathBuf::from("memory:")
    }

    fn issues(&self) -> Vec<ScanIssue> {
        self.listing.rejected.clone()
    }

    fn read_dir(&self, dir: &str, _follow_symlinks: bool) -> Result<Vec<DirEntry>, ScanError> {
        Ok(self.listing.children(dir))
    }

    fn read(&self, path: &str) -> Result<Cow<'_, [u8]>, ScanError> {
        self.listing
            .get(path)
            .map(|file| Cow::Borrowed(file.bytes.as_slice()))
    }
}

/// Reads the files of a [`ListedSource`], wherever their owner keeps them (the browser: a
/// picked `File`, or an archive's entry in the origin's private storage).
pub trait ReadListed: Send + Sync {
    /// Starts reading the file listed at `index` under the normalised `path`, listed with
    /// `size` bytes (a hint: the file may have changed since). The read ends with
    /// [`Delivery::deliver`], from any thread, now or later; a delivery dropped undelivered
    /// fails the read, so a lost answer never leaves the scan waiting.
    fn start(&self, index: u32, path: &str, size: u64, delivery: Delivery);
}

/// Reads started and not yet taken by the scan at most (the scan's next files, in its order;
/// the files the scan waits for are started in any case)...
const AHEAD_FILES: usize = 64;
/// ...and their listed bytes at most, beyond the file the scan waits for.
const AHEAD_BYTES: u64 = 16 * 1024 * 1024;

/// Where a read's answer goes: see [`ReadListed::start`].
pub struct Delivery {
    reads: Arc<Reads>,
    index: u32,
    delivered: bool,
}

impl Delivery {
    /// Hands over the file's bytes, or why it could not be read.
    pub fn deliver(mut self, result: Result<Vec<u8>, ScanError>) {
        self.delivered = true;
        self.reads.finish(self.index, result);
    }
}

impl Drop for Delivery {
    fn drop(&mut self) {
        if !self.delivered {
            self.reads.finish(
                self.index,
                Err(ScanError::Walk {
                    path: None,
                    message: "the read was dropped unanswered".into(),
                }),
            );
        }
    }
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// The reads of a [`ListedSource`]: started, answered, and waited for.
#[derive(Default)]
struct Reads {
    state: Mutex<ReadState>,
    answered: Condvar,
}

#[derive(Default)]
struct ReadState {
    /// Reads started, and how many of them the scan had to wait for, how long in all.
    started_reads: u64,
    waits: u64,
    waited: std::time::Duration,
    /// By index: `None` while the read is under way, then its answer until the scan takes it.
    slots: FxHashMap<u32, Option<Result<Vec<u8>, ScanError>>>,
    /// By position in the plan: whether its read was started.
    started: Vec<bool>,
    /// Listed bytes started and not yet taken.
    ahead_bytes: u64,
}

impl Reads {
    fn state(&self) -> MutexGuard<'_, ReadState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn finish(&self, index: u32, result: Result<Vec<u8>, ScanError>) {
        let mut state = self.state();
        // A read nobody waits for any more (the scan was cancelled) is dropped.
        if let Some(slot) = state.slots.get_mut(&index) {
            *slot = Some(result);
            self.answered.notify_all();
        }
    }
}

/// The files the scan said it will read, in its order (see [`FileSource::will_read`]).
struct Plan {
    files: Vec<(u32, String, u64)>,
    position: FxHashMap<u32, usize>,
}

/// Files listed up front by path, size and time, whose bytes are read only when the scan is
/// about to need them: files that ignore rules or the size limit leave out are never read, and
/// nothing is held once a file is parsed. This is how the browser hands over a picked folder or
/// an archive without copying it into the engine's memory first. Reads are started a little
/// ahead of the scan, in its order, so a slow reader (a bridge to JavaScript) is waited for
/// rarely.
pub struct ListedSource<R> {
    listing: Listing<ListedFile>,
    reader: R,
    reads: Arc<Reads>,
    plan: OnceLock<Plan>,
}

#[derive(Debug, Clone, Copy)]
struct ListedFile {
    index: u32,
    size: u64,
    mtime_ns: i64,
}

impl FileMeta for ListedFile {
    fn size_and_mtime(&self) -> (u64, i64) {
        (self.size, self.mtime_ns)
    }
}

impl<R: ReadListed> ListedSource<R> {
    /// A source with no files yet, read through `reader`.
    pub fn new(reader: R) -> Self {
        Self {
            listing: Listing::default(),
            reader,
            reads: Arc::default(),
            plan: OnceLock::new(),
        }
    }

    /// Lists the file the reader knows as `index`. `path` is normalised (`\` and `./`
    /// accepted); one that does not stay inside the root is not listed but kept as an issue
    /// that the scan reports. A later file with the same path replaces an earlier one.
    pub fn list(&mut self, index: u32, path: &str, size: u64, mtime_ns: i64) {
        self.listing.insert_or_report(
            path,
            ListedFile {
                index,
                size,
                mtime_ns,
            },
        );
    }

    /// Number of files listed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.listing.files.len()
    }

    /// The reader.
    pub fn reader(&self) -> &R {
        &self.reader
    }

    /// Whether no file is listed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.listing.files.is_empty()
    }

    /// Starts the read of the plan's file at `wanted`, then of the files after it while fewer
    /// than [`AHEAD_FILES`] reads and [`AHEAD_BYTES`] bytes are pending. Each pool thread works
    /// through its own stretch of the plan (work stealing splits it), so each reads ahead of
    /// itself, within the one budget.
    fn start_from(&self, plan: &Plan, wanted: usize) {
        let mut started = Vec::new();
        {
            let mut state = self.reads.state();
            if state.started.len() != plan.files.len() {
                state.started = vec![false; plan.files.len()];
            }
            let last = plan.files.len().min(wanted + 4 * AHEAD_FILES);
            for position in wanted..last {
                if position > wanted
                    && (state.slots.len() >= AHEAD_FILES || state.ahead_bytes >= AHEAD_BYTES)
                {
                    break;
                }
                if state.started[position] {
                    continue;
                }
                state.started[position] = true;
                let (index, ref path, size) = plan.files[position];
                if let std::collections::hash_map::Entry::Vacant(slot) = state.slots.entry(index) {
                    slot.insert(None);
                    state.ahead_bytes += size;
                    started.push((index, path.as_str(), size));
                }
            }
        }
        // Outside the lock: a reader may answer at once, on this thread.
        for (index, path, size) in started {
            self.start_one(index, path, size);
        }
    }

    fn start_one(&self, index: u32, path: &str, size: u64) {
        self.reads.state().started_reads += 1;
        self.reader.start(
            index,
            path,
            size,
            Delivery {
                reads: Arc::clone(&self.reads),
                index,
                delivered: false,
            },
        );
    }

    /// Waits for the answer of the read of `index` and takes it.
    fn take(&self, index: u32, size: u64) -> Result<Vec<u8>, ScanError> {
        let mut state = self.reads.state();
        let mut waiting: Option<std::time::Instant> = None;
        loop {
            if let Some(Some(_)) = state.slots.get(&index) {
                if let Some(since) = waiting {
                    state.waits += 1;
                    state.waited += since.elapsed();
                }
                let answer = state
                    .slots
                    .remove(&index)
                    .flatten()
                    .unwrap_or_else(|| unreachable!("the slot was just seen answered"));
                state.ahead_bytes = state.ahead_bytes.saturating_sub(size);
                return answer;
            }
            waiting.get_or_insert_with(std::time::Instant::now);
            state = self
                .reads
                .answered
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

impl<R> Drop for ListedSource<R> {
    fn drop(&mut self) {
        let state = self.reads.state();
        tracing::debug!(
            reads = state.started_reads,
            waits = state.waits,
            waited_ms = state.waited.as_millis(),
            "listed files read"
        );
    }
}

impl<R> std::fmt::Debug for ListedSource<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListedSource")
            .field("files", &self.listing.files.len())
            .field("rejected", &self.listing.rejected.len())
            .finish_non_exhaustive()
    }
}

impl<R: ReadListed> FileSource for ListedSource<R> {
    fn root(&self) -> PathBuf {
        PathBuf::from("memory:")
    }

    fn issues(&self) -> Vec<ScanIssue> {
        self.listing.rejected.clone()
    }

    fn read_dir(&self, dir: &str, _follow_symlinks: bool) -> Result<Vec<DirEntry>, ScanError> {
        Ok(self.listing.children(dir))
    }

    fn read(&self, path: &str) -> Result<Cow<'_, [u8]>, ScanError> {
        let file = *self.listing.get(path)?;
        let planned = self
            .plan
            .get()
            .and_then(|plan| Some((plan, *plan.position.get(&file.index)?)));
        if let Some((plan, position)) = planned {
            self.start_from(plan, position);
        }
        // Not in the plan (an ignore file read while the walk decides), or read once already:
        // this one on its own.
        let fresh = {
            let mut state = self.reads.state();
            let fresh = !state.slots.contains_key(&file.index);
            if fresh {
                state.slots.insert(file.index, None);
                state.ahead_bytes += file.size;
            }
            fresh
        };
        if fresh {
            self.start_one(file.index, path, file.size);
        }
        self.take(file.index, file.size)
            .map(Cow::Owned)
            .map_err(|err| match err {
                ScanError::Walk {
                    path: None,
                    message,
                } => ScanError::io(
                    path,
                    std::io::Error::other(format!("could not be read: {message}")),
                ),
                other => other,
            })
    }

    fn will_read(&self, paths: &[&str]) {
        let files: Vec<(u32, String, u64)> = paths
            .iter()
            .filter_map(|path| {
                let file = self.listing.files.get(*path)?;
                Some((file.index, (*path).to_owned(), file.size))
            })
            .collect();
        let position = files
            .iter()
            .enumerate()
            .map(|(position, (index, _, _))| (*index, position))
            .collect();
        // One plan per scan: a source is scanned once.
        let _ = self.plan.set(Plan { files, position });
    }
}

#[cfg(test)]
mod tests {
    use super::real_path;

    #[test]
    fn real_paths_resolve_links_and_stop_at_loops() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::os::unix::fs::symlink("..", root.join("a/b/up")).unwrap();
        std::os::unix::fs::symlink(root.join("a/b"), root.join("abs")).unwrap();
        std::os::unix::fs::symlink("self", root.join("self")).unwrap();
        assert_eq!(real_path(&root.join("a/b/up")).unwrap(), root.join("a"));
        assert_eq!(
            real_path(&root.join("a/b/up/b/up/b")).unwrap(),
            root.join("a/b")
        );
        assert_eq!(real_path(&root.join("abs/up")).unwrap(), root.join("a"));
        assert_eq!(
            real_path(&root.join("self")),
            None,
            "a link to itself never resolves"
        );
        assert_eq!(real_path(std::path::Path::new("relative")), None);
    }
}
