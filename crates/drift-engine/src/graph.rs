//! The call graph of what drift.db holds: built from the stored per-file facts on first use
//! after each scan, then kept until the next scan changes the database.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use drift_analysis::callgraph::{CallGraph, DeadFunction, FACTS_VERSION, FileFacts, UpdatePlan};
use drift_core::errors::{GraphError, RuntimeError, StorageError};
use drift_core::types::security::TaintFlow;
use drift_storage::pagination::{Cursor, Page, PageRequest};
use rayon::prelude::*;

use crate::Engine;

/// The last graph built, with the scan generation it reflects.
#[derive(Debug, Default)]
pub(crate) struct GraphCache(Mutex<Option<Arc<Built>>>);

/// A graph and the lists its pages are cut from, computed once per graph.
#[derive(Debug)]
pub(crate) struct Built {
    generation: i64,
    /// Built after the scan of `generation` was recorded complete (not while it ran).
    sealed: bool,
    pub(crate) graph: Arc<CallGraph>,
    /// Dead functions sorted by id.
    dead: OnceLock<Vec<DeadFunction>>,
    /// Entry points (node, kind name) sorted by id.
    entries: OnceLock<Vec<(u32, &'static str)>>,
    /// Taint flows across functions (with their sink's file), composed over this graph.
    pub(crate) across: OnceLock<Arc<Vec<(String, TaintFlow)>>>,
}

impl Built {
    /// The graph's dead functions, sorted by id (worked out once).
    fn dead(&self) -> &[DeadFunction] {
        self.dead.get_or_init(|| {
            let mut dead = self.graph.dead_code();
            dead.sort_by_cached_key(|dead| self.graph.id_of(dead.node));
            dead
        })
    }
}

/// How the last graph was brought up to date (for logs and benchmarks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphRefresh {
    /// Built from every file's facts.
    Built,
    /// Updated: the changed files' calls, and those of the files that may reach what changed,
    /// resolved again.
    Updated {
        /// Files added or changed (or removed) since the graph before.
        changed: usize,
        /// Unchanged files whose calls were resolved again.
        affected: usize,
    },
}

impl Engine {
    /// The call graph of the stored scan. Queries while a scan runs see the last committed
    /// one. Errors: `CALL_GRAPH_NOT_BUILT` before any file was parsed, storage codes.
    pub fn call_graph(&self) -> Result<Arc<CallGraph>, RuntimeError> {
        Ok(Arc::clone(&self.built_graph()?.graph))
    }

    /// How the graph the last query used was brought up to date.
    pub fn last_graph_refresh(&self) -> Option<GraphRefresh> {
        *self
            .graph_refresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn built_graph(&self) -> Result<Arc<Built>, RuntimeError> {
        let (generation, recorded) = self.db.read(drift_storage::scans::progress)?;
        let sealed = recorded == generation;
        let mut cached = self.graph.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(built) = cached.as_ref()
            && ((built.generation == generation && built.sealed) || !sealed)
        {
            // Up to date, or a scan is running (or failed): the last graph built stands.
            return Ok(Arc::clone(built));
        }
        // Everything that can fail is read before the graph is taken apart: a failure leaves
        // the cached graph whole.
        let started = std::time::Instant::now();
        let (graph, refresh) = match cached.as_ref() {
            Some(built) => {
                // The facts are read in place from their inflated bytes: those are held here
                // until the graph is made.
                let (changed_plain, removed) = self.changes_since(built)?;
                let changed = self.pool.install(|| changed_plain.read_all())?;
                match built.graph.plan_update(&changed, &removed) {
                    UpdatePlan::Rebuild => (self.whole_graph()?, GraphRefresh::Built),
                    UpdatePlan::Update { affected } => {
                        tracing::debug!(
                            changed = changed.len(),
                            removed = removed.len(),
                            affected = affected.len(),
                            "call graph update planned"
                        );
                        let rows = self.db.read(|connection| {
                            drift_storage::scans::graph_facts_of(connection, &affected)
                        })?;
                        let affected_plain = self
                            .pool
                            .install(|| Inflated::of(&rows, |(_, blob)| blob))?;
                        drop(rows);
                        let affected = self.pool.install(|| affected_plain.read_all())?;
                        let refresh = GraphRefresh::Updated {
                            changed: changed.len() + removed.len(),
                            affected: affected.len(),
                        };
                        let built = cached.take().unwrap_or_else(|| unreachable!());
                        let graph = Arc::try_unwrap(built).map_or_else(
                            |shared| CallGraph::clone(&shared.graph),
                            |built| {
                                Arc::try_unwrap(built.graph)
                                    .unwrap_or_else(|shared| CallGraph::clone(&shared))
                            },
                        );
                        let graph = self
                            .pool
                            .install(|| graph.update(&changed, &removed, &affected));
                        (graph, refresh)
                    }
                }
            }
            None => (self.whole_graph()?, GraphRefresh::Built),
        };
        let built = Arc::new(Built {
            generation,
            sealed,
            graph: Arc::new(graph),
            dead: OnceLock::new(),
            entries: OnceLock::new(),
            across: OnceLock::new(),
        });
        tracing::info!(
            ?refresh,
            functions = built.graph.stats.functions,
            edges = built.graph.stats.edges,
            ms = started.elapsed().as_secs_f64() * 1e3,
            "call graph up to date"
        );
        *cached = Some(Arc::clone(&built));
        // Dead code is the one answer that reads the whole graph: worked out on the pool now,
        // so that the first page asked for is ready (or nearly) when it is asked.
        let ahead = Arc::clone(&built);
        self.pool.spawn(move || {
            ahead.dead();
        });
        *self
            .graph_refresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(refresh);
        Ok(built)
    }

    /// `call_graph.warm_up`: once per engine, a graph of one stored file in
    /// [`WARM_UP_SAMPLE`] is built on the pool and dropped, so that a host compiling code as it
    /// runs (V8 with the wasm build) has optimised the graph's code before the first real build.
    /// The sample is read here (in the wasm build only the opening thread may read drift.db);
    /// the build does not hold up the caller. Measured in Node on the 10K corpus: the first
    /// build 579 ms cold, 418 ms after the warm-up, as fast as a fourth build.
    pub(crate) fn warm_up_graph(&self) -> Result<(), RuntimeError> {
        if !self.config().call_graph.warm_up
            || self
                .graph_warmed
                .swap(true, std::sync::atomic::Ordering::AcqRel)
        {
            return Ok(());
        }
        let blobs = self.db.read(|connection| {
            drift_storage::scans::every_nth_graph_facts(connection, WARM_UP_SAMPLE)
        })?;
        self.pool.spawn(move || {
            let started = std::time::Instant::now();
            let Ok(plain) = Inflated::of(&blobs, |blob| blob) else {
                return;
            };
            drop(blobs);
            let Ok(facts) = plain.read_all() else {
                return;
            };
            let graph = CallGraph::build(&facts);
            let dead = graph.dead_code().len();
            tracing::debug!(
                files = facts.len(),
                dead,
                ms = started.elapsed().as_secs_f64() * 1e3,
                "call graph code warmed up"
            );
        });
        Ok(())
    }

    /// The graph of every file's stored facts.
    fn whole_graph(&self) -> Result<CallGraph, RuntimeError> {
        let started = std::time::Instant::now();
        let blobs = self.db.read(drift_storage::scans::all_graph_facts)?;
        if blobs.is_empty() {
            return Err(GraphError::NotBuilt.into());
        }
        let read = started.elapsed();
        // Inflated, read and resolved in parallel on the engine's pool (never a pool of rayon's
        // own), as one job that hands the graph over before it frees the facts: a hundred
        // thousand functions' lists (10K corpus) take 15-35 ms to free natively and 13-68 ms
        // in the page, which the caller need not wait for.
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        self.pool.spawn(move || {
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                build_then_free(blobs, read, &sender);
            }));
            // A panic reaches the caller, as it would from `ThreadPool::install`.
            if let Err(panic) = ran {
                let _ = sender.send(Err(panic));
            }
        });
        let Ok(answer) = receiver.recv() else {
            unreachable!("the job answers before it ends, panicking or not")
        };
        answer.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }

    /// The stored facts written since `built` was built (inflated, see [`read_facts`]), and
    /// the paths gone since.
    fn changes_since(&self, built: &Built) -> Result<(Inflated, Vec<String>), RuntimeError> {
        // A graph built while its scan ran may lack some of that scan's facts: read them all.
        let since = if built.sealed {
            built.generation + 1
        } else {
            built.generation
        };
        let rows = self
            .db
            .read(|connection| drift_storage::scans::graph_facts_since(connection, since))?;
        let changed = self
            .pool
            .install(|| Inflated::of(&rows, |(_, blob)| blob))?;
        let present: std::collections::HashSet<String> = self
            .db
            .read(drift_storage::scans::graph_facts_paths)?
            .into_iter()
            .collect();
        if present.is_empty() {
            return Err(GraphError::NotBuilt.into());
        }
        let removed: Vec<String> = built
            .graph
            .paths()
            .filter(|path| !present.contains(*path))
            .map(str::to_owned)
            .collect();
        Ok((changed, removed))
    }
}

/// `call_graph.warm_up` builds a graph of one stored file in this many (by file id): on the 10K
/// corpus in Node, one in 16 made the first real build as fast as later ones (one in 32 did
/// not). In Chromium one in 4 did better still (build phase 415 ms against 461-503 ms), but it
/// left more of the wasm heap in use after the scan (116.6 MiB against 87-89), so it stays
/// at 16.
const WARM_UP_SAMPLE: u32 = 16;

/// LZ4 inflates at most about 255 times; a stored size above that is damage, not data.
const MAX_INFLATION: usize = 255;

/// `value` as stored per file: `(version, value)` in postcard, compressed with LZ4 behind its
/// little-endian `u32` length.
pub(crate) fn encode_versioned<T: serde::Serialize>(
    version: u32,
    value: &T,
) -> Result<Vec<u8>, postcard::Error> {
    let plain = postcard::to_allocvec(&(version, value))?;
    Ok(lz4_flex::block::compress_prepend_size(&plain))
}

/// [`encode_versioned`] undone; `None` for another version's value or damaged bytes.
pub(crate) fn decode_versioned<T: serde::de::DeserializeOwned>(
    version: u32,
    blob: &[u8],
) -> Option<T> {
    read_versioned(version, &inflate(blob)?)
}

/// The plain size a stored value's header gives; `None` for damaged bytes.
fn plain_size(blob: &[u8]) -> Option<usize> {
    let size = usize::try_from(u32::from_le_bytes(blob.get(..4)?.try_into().ok()?)).ok()?;
    (size <= blob.len().saturating_mul(MAX_INFLATION)).then_some(size)
}

/// The plain bytes of a stored value: LZ4 undone. `None` for damaged bytes.
pub(crate) fn inflate(blob: &[u8]) -> Option<Vec<u8>> {
    plain_size(blob)?;
    lz4_flex::block::decompress_size_prepended(blob).ok()
}

/// The value in `plain` (inflated), its strings borrowed from it where it has any; `None` for
/// another version's value or damaged bytes.
fn read_versioned<'a, T: serde::Deserialize<'a>>(version: u32, plain: &'a [u8]) -> Option<T> {
    match postcard::from_bytes::<(u32, T)>(plain) {
        Ok((stored, value)) if stored == version => Some(value),
        _ => None,
    }
}

/// One file's facts as stored in `graph_facts`: ids made relative
/// ([`FileFacts::compact_ids`]), versioned by [`FACTS_VERSION`] ([`encode_versioned`]).
pub(crate) fn encode_facts(mut facts: FileFacts<'_>) -> Result<Vec<u8>, postcard::Error> {
    facts.compact_ids();
    encode_versioned(FACTS_VERSION, &facts)
}

/// What a whole build sends its caller: the graph or its error, or the build's panic.
type WholeAnswer = std::thread::Result<Result<CallGraph, RuntimeError>>;

/// The whole graph from every file's stored `blobs` (on the pool), `read` from drift.db in
/// that long: sent to `answer` as soon as it is built, and only then are the facts freed.
fn build_then_free(
    blobs: Vec<Vec<u8>>,
    read: std::time::Duration,
    answer: &std::sync::mpsc::SyncSender<WholeAnswer>,
) {
    // Timed again on this (pool) thread: in a browser each worker's clock has its own origin,
    // so an instant taken on the caller's thread means nothing here.
    let begun = std::time::Instant::now();
    let fail = |err: RuntimeError| {
        let _ = answer.send(Ok(Err(err)));
    };
    let plain = Inflated::of(&blobs, |blob| blob);
    drop(blobs);
    let plain = match plain {
        Ok(plain) => plain,
        Err(err) => return fail(err),
    };
    let facts = match plain.read_all() {
        Ok(facts) => facts,
        Err(err) => return fail(err),
    };
    let decoded = begun.elapsed();
    let graph = CallGraph::build(&facts);
    let ms = |at: std::time::Duration| at.as_secs_f64() * 1e3;
    tracing::debug!(
        files = facts.len(),
        read_ms = ms(read),
        decode_ms = ms(decoded),
        build_ms = ms(begun.elapsed().saturating_sub(decoded)),
        "call graph built from stored facts"
    );
    let _ = answer.send(Ok(Ok(graph)));
    // The facts borrow every name from `plain`, so they go first.
    let freeing = std::time::Instant::now();
    drop(facts);
    drop(plain);
    tracing::debug!(ms = ms(freeing.elapsed()), "call graph facts freed");
}

/// Stored facts read in place from their inflated bytes ([`inflate`]): every name borrowed
/// from `plain`, the ids left in their stored form (the graph reads them so); `None` for
/// another version's facts or damaged bytes.
pub(crate) fn read_facts(plain: &[u8]) -> Option<FileFacts<'_>> {
    let mut facts: FileFacts<'_> = read_versioned(FACTS_VERSION, plain)?;
    facts.compact_ids = true;
    Some(facts)
}

/// Bytes of plain facts one buffer of [`Inflated`] holds (a larger file has one of its own).
const BATCH_BYTES: usize = 1 << 20;

/// Many files' stored facts inflated into a few large buffers, files next to each other.
///
/// One buffer per file cost a graph build one allocation per file: in wasm, thousands of
/// takes of the allocator's lock, each block placed wherever the heap after a scan had room.
/// Decoding the 10K corpus's facts in the page after an upload went from 143 ms to 111-118 ms
/// with shared buffers.
struct Inflated {
    batches: Vec<Vec<u8>>,
    /// Per file, in order: its batch and its bytes' range there.
    spans: Vec<(usize, usize, usize)>,
}

impl Inflated {
    /// The stored facts of `rows` (`blob` picks them out), inflated in parallel. Errors:
    /// `CALL_GRAPH_STALE` for damaged ones.
    fn of<R: Sync, B: AsRef<[u8]> + ?Sized>(
        rows: &[R],
        blob: impl Fn(&R) -> &B + Sync,
    ) -> Result<Self, RuntimeError> {
        let stale = || RuntimeError::from(GraphError::Stale);
        let mut spans = Vec::with_capacity(rows.len());
        // Per batch: its size and its files.
        let mut batches: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for (at, row) in rows.iter().enumerate() {
            let size = plain_size(blob(row).as_ref()).ok_or_else(stale)?;
            if batches
                .last()
                .is_none_or(|(filled, _)| filled + size > BATCH_BYTES)
            {
                batches.push((0, at..at));
            }
            let batch = batches.len() - 1;
            let (filled, files) = &mut batches[batch];
            spans.push((batch, *filled, *filled + size));
            *filled += size;
            files.end = at + 1;
        }
        let batches = batches
            .into_par_iter()
            .map(|(size, files)| {
                let mut plain = vec![0; size];
                for at in files {
                    let (_, start, end) = spans[at];
                    // `plain_size` read the first four bytes: the compressed ones follow.
                    let stored = &blob(&rows[at]).as_ref()[4..];
                    let written = lz4_flex::block::decompress_into(stored, &mut plain[start..end]);
                    if written.ok() != Some(end - start) {
                        return Err(stale());
                    }
                }
                Ok(plain)
            })
            .collect::<Result<_, RuntimeError>>()?;
        Ok(Self { batches, spans })
    }

    /// The plain facts of file `at`.
    fn file(&self, at: usize) -> &[u8] {
        let (batch, start, end) = self.spans[at];
        &self.batches[batch][start..end]
    }

    /// Every file's facts read in place, in parallel. Errors: `CALL_GRAPH_STALE` for another
    /// version's facts.
    fn read_all(&self) -> Result<Vec<FileFacts<'_>>, RuntimeError> {
        (0..self.spans.len())
            .into_par_iter()
            .map(|at| read_facts(self.file(at)).ok_or_else(|| GraphError::Stale.into()))
            .collect()
    }
}

/// Which entry points `Engine::entry_points` lists; every field is optional.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    /// `route_handler`, `controller_method`, `main_function`, `test` or `exported`.
    pub kind: Option<String>,
    /// A language name.
    pub language: Option<String>,
    /// Files whose path starts with this.
    pub path_prefix: Option<String>,
}

/// One page of `items` (already sorted by their ids) after the cursor, keyed by id.
fn keyed_page<T: Clone>(
    items: &[T],
    id_of: impl Fn(&T) -> String,
    listing: &str,
    request: &PageRequest,
) -> Result<Page<T>, RuntimeError> {
    let limit = request.limit()? as usize;
    let start = match &request.cursor {
        Some(text) => {
            let cursor = Cursor::decode(text, listing)?;
            items.partition_point(|item| id_of(item) <= cursor.sort_key)
        }
        None => 0,
    };
    let total = items.len() as u64;
    let has_more = items.len() > start + limit;
    let page: Vec<T> = items.iter().skip(start).take(limit).cloned().collect();
    let next_cursor = has_more.then(|| {
        Cursor {
            listing: listing.to_owned(),
            sort_key: page.last().map(&id_of).unwrap_or_default(),
            id: 0,
        }
        .encode()
    });
    Ok(Page {
        items: page,
        total,
        has_more,
        next_cursor,
    })
}

impl Engine {
    /// Entry points matching `filter`, by id, a page at a time (with the graph they index).
    ///
    /// Errors: `INVALID_FILTER` for an unknown kind or a bad limit, `INVALID_CURSOR`, and those
    /// of [`Engine::call_graph`].
    pub fn entry_points(
        &self,
        filter: &EntryFilter,
        request: &PageRequest,
    ) -> Result<(Arc<CallGraph>, Page<u32>), RuntimeError> {
        const KINDS: [&str; 5] = [
            "route_handler",
            "controller_method",
            "main_function",
            "test",
            "exported",
        ];
        if let Some(kind) = &filter.kind
            && !KINDS.contains(&kind.as_str())
        {
            return Err(StorageError::InvalidFilter {
                reason: format!("kind must be one of {}, got `{kind}`", KINDS.join(", ")),
            }
            .into());
        }
        let built = self.built_graph()?;
        let graph = &built.graph;
        let all = built.entries.get_or_init(|| {
            let mut all: Vec<(u32, &'static str)> = graph
                .entry_points()
                .map(|(node, kind)| (node, kind.name()))
                .collect();
            all.sort_by_cached_key(|(node, _)| graph.id_of(*node));
            all
        });
        let found: Vec<u32> = all
            .iter()
            .filter(|(at, kind)| {
                let node = &graph.nodes[*at as usize];
                filter.kind.as_deref().is_none_or(|wanted| wanted == *kind)
                    && filter
                        .language
                        .as_deref()
                        .is_none_or(|wanted| wanted == node.language.name())
                    && filter
                        .path_prefix
                        .as_deref()
                        .is_none_or(|prefix| graph.path_of(*at).starts_with(prefix))
            })
            .map(|(node, _)| *node)
            .collect();
        let page = keyed_page(&found, |node| graph.id_of(*node), "entry_points", request)?;
        Ok((Arc::clone(graph), page))
    }

    /// Functions nothing calls, by id, a page at a time (with the graph they index).
    pub fn dead_code(
        &self,
        request: &PageRequest,
    ) -> Result<(Arc<CallGraph>, Page<DeadFunction>), RuntimeError> {
        let built = self.built_graph()?;
        let graph = &built.graph;
        let page = keyed_page(
            built.dead(),
            |dead| graph.id_of(dead.node),
            "dead_code",
            request,
        )?;
        Ok((Arc::clone(graph), page))
    }
}

#[cfg(test)]
mod tests {
    use drift_analysis::callgraph::{FACTS_VERSION, FileFacts};
    use drift_analysis::parsers::ParserManager;

    use std::fmt::Write as _;

    use super::{BATCH_BYTES, Inflated, encode_facts, inflate, read_facts};

    /// Whether `blob` reads back as facts at all.
    fn reads(blob: &[u8]) -> bool {
        inflate(blob).is_some_and(|plain| read_facts(&plain).is_some())
    }

    #[test]
    fn stored_facts_round_trip_and_damage_reads_as_none() {
        let source = b"class Service:\n    def run(self):\n        self.step()\n\n    def step(self):\n        print('x')\n";
        let result = ParserManager::new(0)
            .parse("app/service.py", source)
            .unwrap();
        let original = FileFacts::of(&result);
        let blob = encode_facts(original.clone()).unwrap();
        let plain = inflate(&blob).unwrap();
        let mut decoded = read_facts(&plain).unwrap();
        assert!(decoded.compact_ids, "read in the stored form");
        // Every name is read in place, none copied.
        assert!(
            decoded.calls.iter().all(|call| {
                let at = call.callee.as_ptr() as usize;
                let range = plain.as_ptr_range();
                (range.start as usize..range.end as usize).contains(&at)
            }),
            "names borrowed from the stored bytes"
        );
        decoded.expand_ids();
        assert_eq!(decoded, original);

        assert!(!reads(&blob[..blob.len() / 2]), "truncated");
        assert!(!reads(&[]), "empty");
        let mut huge = blob.clone();
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(!reads(&huge), "a size no block inflates to");
        let plain = postcard::to_allocvec(&(FACTS_VERSION + 1, original)).unwrap();
        let other = lz4_flex::block::compress_prepend_size(&plain);
        assert!(!reads(&other), "another version");
    }

    #[test]
    fn many_files_inflate_into_shared_buffers_each_read_whole() {
        // No parse budget: a 1 MB file in a debug build on a busy machine may take longer than
        // the default, and this test is about how facts are stored, not how fast.
        let parse = |source: &str| {
            ParserManager::new(0)
                .with_timeout(None)
                .parse("app/service.py", source.as_bytes())
                .unwrap()
        };
        let small_result = parse("def run():\n    step()\n\ndef step():\n    print('x')\n");
        let small = FileFacts::of(&small_result);
        // One file's facts larger than a buffer: it gets one of its own.
        let large_source = (0..40_000).fold(String::new(), |mut source, n| {
            let _ = writeln!(source, "def f{n}():\n    g{n}(1, 2)");
            source
        });
        let large_result = parse(&large_source);
        let large = FileFacts::of(&large_result);
        let small_blob = encode_facts(small.clone()).unwrap();
        let large_blob = encode_facts(large.clone()).unwrap();
        assert!(inflate(&large_blob).unwrap().len() > BATCH_BYTES);
        let per_batch = BATCH_BYTES / inflate(&small_blob).unwrap().len();
        let mut blobs = vec![small_blob.clone(); per_batch + 10];
        blobs.insert(3, large_blob);
        let plain = Inflated::of(&blobs, |blob| blob).unwrap();
        assert_eq!(
            plain.batches.len(),
            4,
            "small ones, the large one, small ones again, the rest"
        );
        let facts = plain.read_all().unwrap();
        assert_eq!(facts.len(), blobs.len());
        for (at, mut read) in facts.into_iter().enumerate() {
            read.expand_ids();
            assert_eq!(
                read,
                if at == 3 {
                    large.clone()
                } else {
                    small.clone()
                },
                "file {at}"
            );
        }

        let mut damaged = blobs.clone();
        let last = damaged.len() - 1;
        damaged[last].truncate(small_blob.len() / 2);
        assert!(
            Inflated::of(&damaged, |blob| blob).is_err(),
            "a truncated file's facts"
        );
        damaged[last] = small_blob[..3].to_vec();
        assert!(
            Inflated::of(&damaged, |blob| blob).is_err(),
            "no size at all"
        );
    }
}
