//! The in-memory parse cache: results keyed by content hash (not path), bounded in entries and
//! in bytes, least recently used out first.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use drift_core::{ContentHash, Language};
use rustc_hash::FxHashMap;

use super::types::ParseResult;

type Key = (ContentHash, Language, usize);

/// Hit, miss and eviction counts of a [`ParseCache`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    /// Lookups answered from the cache.
    pub hits: u64,
    /// Lookups that had to parse.
    pub misses: u64,
    /// Results dropped to stay within capacity.
    pub evictions: u64,
    /// Results held now.
    pub entries: u64,
    /// Most results held.
    pub capacity: u64,
}

#[derive(Debug)]
struct Entry {
    result: Arc<ParseResult>,
    /// Tick of the last use; the smallest is evicted first.
    used: u64,
    /// The bytes of source the result came from, its weight against [`ParseCache::MAX_BYTES`].
    weight: usize,
}

#[derive(Debug, Default)]
struct Inner {
    entries: FxHashMap<Key, Entry>,
    /// The weights of `entries`, summed.
    weight: usize,
    /// Every use as `(key, tick)`, oldest first. A use is stale once its key has a later one;
    /// eviction pops stale uses until it finds a current one: amortised O(1).
    uses: VecDeque<(Key, u64)>,
    tick: u64,
}

impl Inner {
    fn touch(&mut self, key: Key) -> u64 {
        self.tick += 1;
        self.uses.push_back((key, self.tick));
        if self.uses.len() > 4 * self.entries.len().max(16) {
            let entries = &self.entries;
            self.uses
                .retain(|(key, tick)| entries.get(key).is_some_and(|entry| entry.used == *tick));
        }
        self.tick
    }

    /// Removes the least recently used entry and returns it (to be dropped after the lock).
    fn evict_oldest(&mut self) -> Option<Entry> {
        while let Some((key, tick)) = self.uses.pop_front() {
            if self
                .entries
                .get(&key)
                .is_some_and(|entry| entry.used == tick)
            {
                let entry = self.entries.remove(&key)?;
                self.weight -= entry.weight;
                return Some(entry);
            }
        }
        None
    }
}

/// A bounded map from file content to its parse result.
#[derive(Debug)]
pub struct ParseCache {
    inner: Mutex<Inner>,
    capacity: usize,
    hits: AtomicU64,
    misses: AtomicU64,
    evictions: AtomicU64,
}

impl ParseCache {
    /// Default capacity: about 10K files' results.
    pub const DEFAULT_CAPACITY: usize = 10_000;

    /// The source bytes whose results the cache holds at most: a result takes one to three
    /// times its source in memory, so about 100 MiB. Without it a cold scan of 10,000 files
    /// kept every result (180 MB of the process) for the few it would see twice.
    pub const MAX_BYTES: usize = 48 << 20;

    /// A cache holding at most `capacity` results (0 disables caching).
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Mutex::new(Inner::default()),
            capacity,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            evictions: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Every critical section leaves the map consistent, so a poisoned lock is usable.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The cached result for this content, language and dialect.
    pub fn get(
        &self,
        hash: ContentHash,
        language: Language,
        dialect: usize,
    ) -> Option<Arc<ParseResult>> {
        let key = (hash, language, dialect);
        let mut inner = self.lock();
        let found = if inner.entries.contains_key(&key) {
            let tick = inner.touch(key);
            inner.entries.get_mut(&key).map(|entry| {
                entry.used = tick;
                Arc::clone(&entry.result)
            })
        } else {
            None
        };
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Stores (shares) the result of `source_len` bytes of source, evicting the least recently used
    /// ones while the cache is over its capacity or [`ParseCache::MAX_BYTES`].
    pub fn insert(
        &self,
        hash: ContentHash,
        language: Language,
        dialect: usize,
        result: Arc<ParseResult>,
        source_len: usize,
    ) {
        if self.capacity == 0 || source_len > Self::MAX_BYTES {
            return;
        }
        let key = (hash, language, dialect);
        if self.lock().entries.contains_key(&key) {
            return;
        }
        // Freeing evicted results takes long: not under the lock.
        let mut evicted = Vec::new();
        {
            let mut inner = self.lock();
            if inner.entries.contains_key(&key) {
                return;
            }
            while inner.entries.len() >= self.capacity
                || inner.weight + source_len > Self::MAX_BYTES
            {
                let Some(entry) = inner.evict_oldest() else {
                    break;
                };
                evicted.push(entry);
            }
            let tick = inner.touch(key);
            inner.weight += source_len;
            inner.entries.insert(
                key,
                Entry {
                    result,
                    used: tick,
                    weight: source_len,
                },
            );
        }
        self.evictions
            .fetch_add(evicted.len() as u64, Ordering::Relaxed);
        drop(evicted);
    }

    /// Counts so far.
    #[must_use]
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            evictions: self.evictions.load(Ordering::Relaxed),
            entries: self.lock().entries.len() as u64,
            capacity: self.capacity as u64,
        }
    }
}
