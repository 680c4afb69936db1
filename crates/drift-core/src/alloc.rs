//! A memory allocator with per-thread caches of small blocks, for the wasm build.
//!
//! In `wasm32-wasip1-threads` every allocation goes to wasi-libc's `malloc` (dlmalloc behind
//! one process-wide lock), and a contended lock there parks the thread with
//! `memory.atomic.wait`. Parsing allocates a lot (tree-sitter's subtrees, our results), so with
//! two pool threads the parse took as long as with one: measured on 2,500 files of the
//! benchmark corpus, 9.3 s with 2 threads vs 10.0 s with 1 (natively 4.1 s vs 7.4 s).
//! [`ThreadCache`] keeps freed blocks of up to 64 KiB in per-thread lists and hands them out
//! again without touching the lock; [`c_abi`] gives C code (tree-sitter) the same allocator.
//! With both, the same scan takes 6.2 s with 2 threads and 8.7 s with 1.
//!
//! Fresh blocks still took the lock one by one, so work that mostly allocates (decoding the
//! stored call-graph facts: millions of small strings) did not run faster on two threads than
//! on one. Blocks up to 1 KiB are now carved from 64 KiB chunks, one `malloc` for many; they
//! never go back to `malloc` but move, half a thread's list at a time, to shared lists that
//! threads with empty lists take from. Decoding the 10K corpus's facts went from 246-280 ms to
//! 105-172 ms on two threads, and the process's peak memory did not grow (BENCHMARKS.md).
//!
//! Natively the system allocator already has per-thread arenas, so nothing installs this
//! there; the tests run it natively all the same.
//!
//! ```
//! use std::alloc::{GlobalAlloc, Layout};
//! use drift_core::alloc::ThreadCache;
//!
//! let cache = ThreadCache;
//! let layout = Layout::from_size_align(40, 8).unwrap();
//! // SAFETY: the layout has a non-zero size; the block is freed with the same layout.
//! unsafe {
//!     let block = cache.alloc(layout);
//!     assert!(!block.is_null());
//!     cache.dealloc(block, layout);
//!     // The next block of that size class is the one just freed, from this thread's list.
//!     assert_eq!(cache.alloc(layout), block);
//!     cache.dealloc(block, layout);
//! }
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ptr;
use std::sync::{Mutex, PoisonError};

/// Blocks up to this size are cached; larger ones go straight to the system allocator.
const LARGEST: usize = 64 * 1024;
/// The smallest block, and the alignment of every cached block.
const SMALLEST: usize = 16;
/// Size classes: 16, 32, ..., 64 KiB.
const CLASSES: usize = (LARGEST / SMALLEST).trailing_zeros() as usize + 1;
/// Bytes of free blocks one thread keeps per size class (at least one block); beyond that
/// they are returned (small classes: half of them to the shared lists).
const KEPT_BYTES: usize = 256 * 1024;
/// Blocks up to this size are carved from chunks of [`CHUNK`] bytes, one system allocation
/// (one take of `malloc`'s lock) for many blocks, and never returned to the system: they move
/// between the threads' lists and the shared ones.
const CARVED_LARGEST: usize = 1024;
/// Size classes carved from chunks: 16 to 1024 bytes.
const CARVED: usize = (CARVED_LARGEST / SMALLEST).trailing_zeros() as usize + 1;
/// Bytes of one chunk.
const CHUNK: usize = 64 * 1024;

/// A list of free blocks (each holds the address of the next in its first bytes).
#[derive(Clone, Copy)]
struct Chain {
    head: *mut u8,
    tail: *mut u8,
    count: usize,
}

impl Chain {
    const EMPTY: Self = Self {
        head: ptr::null_mut(),
        tail: ptr::null_mut(),
        count: 0,
    };
}

/// Free blocks of the carved classes that threads gave back, shared by all threads.
struct Shared([Chain; CARVED]);

// SAFETY: the blocks are unused memory owned by the allocator; the lists are only touched
// under the mutex.
unsafe impl Send for Shared {}

static SHARED: Mutex<Shared> = Mutex::new(Shared([Chain::EMPTY; CARVED]));

/// Bytes of the chunks carved so far (they are never given back).
static CARVED_BYTES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Bytes of the chunks [`ThreadCache`] has carved small blocks from since the process started:
/// they stay with the allocator, in use or on its free lists, and are never given back.
#[must_use]
pub fn carved_bytes() -> usize {
    CARVED_BYTES.load(std::sync::atomic::Ordering::Relaxed)
}

/// One thread's free lists: the first free block of each class (each free block holds the
/// address of the next in its first bytes) and how many there are.
struct FreeLists {
    heads: [Cell<*mut u8>; CLASSES],
    counts: [Cell<usize>; CLASSES],
}

thread_local! {
    // `const`-initialised and without a destructor: using it never allocates or registers
    // anything, which an allocator must not do. A thread's cached blocks stay with it when it
    // ends (pool threads live as long as the engine).
    static LISTS: FreeLists = const {
        FreeLists {
            heads: [const { Cell::new(ptr::null_mut()) }; CLASSES],
            counts: [const { Cell::new(0) }; CLASSES],
        }
    };
}

/// The size class of `layout`, or `None` when it is not cached.
fn class_of(layout: Layout) -> Option<usize> {
    if layout.size() > LARGEST || layout.align() > SMALLEST {
        return None;
    }
    let size = layout.size().max(SMALLEST).next_power_of_two();
    Some((size / SMALLEST).trailing_zeros() as usize)
}

/// The layout every block of `class` is allocated with from the system allocator.
fn class_layout(class: usize) -> Layout {
    // A power of two from 16 to 64 KiB with alignment 16 is always a valid layout.
    Layout::from_size_align(SMALLEST << class, SMALLEST).unwrap_or(Layout::new::<u128>())
}

/// How many blocks of `class` a thread keeps.
fn kept_blocks(class: usize) -> usize {
    (KEPT_BYTES / (SMALLEST << class)).max(1)
}

/// The block after `block` in its list.
///
/// # Safety
/// `block` is a free block of a list.
#[expect(clippy::cast_ptr_alignment, reason = "cached blocks are 16-aligned")]
unsafe fn next_of(block: *mut u8) -> *mut u8 {
    // SAFETY: a free block starts with the address of the next one.
    unsafe { block.cast::<*mut u8>().read() }
}

/// Links `block` before `next`.
///
/// # Safety
/// `block` is an unused block of at least 16 bytes, 16-aligned.
#[expect(clippy::cast_ptr_alignment, reason = "cached blocks are 16-aligned")]
unsafe fn link(block: *mut u8, next: *mut u8) {
    // SAFETY: the caller's contract.
    unsafe { block.cast::<*mut u8>().write(next) };
}

/// Takes a chain of blocks of the carved `class` for a thread whose list is empty: from the
/// shared list if it has some (up to a thread's share), else carved from a fresh chunk. Null
/// head when the system has no memory left.
fn refill(class: usize) -> Chain {
    let want = kept_blocks(class) / 2 + 1;
    {
        let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        let chain = &mut shared.0[class];
        if chain.count > 0 {
            let head = chain.head;
            let mut tail = head;
            let mut taken = 1;
            while taken < want && taken < chain.count {
                // SAFETY: `tail` is a block of the shared list, which has more after it.
                tail = unsafe { next_of(tail) };
                taken += 1;
            }
            // SAFETY: `tail` is a block of the shared list; the chain taken ends with it.
            unsafe {
                chain.head = next_of(tail);
                link(tail, ptr::null_mut());
            }
            chain.count -= taken;
            if chain.count == 0 {
                chain.tail = ptr::null_mut();
            }
            return Chain {
                head,
                tail,
                count: taken,
            };
        }
    }
    let size = SMALLEST << class;
    // SAFETY: a valid, non-zero layout.
    let chunk = unsafe {
        System.alloc(Layout::from_size_align(CHUNK, SMALLEST).unwrap_or(Layout::new::<u128>()))
    };
    if chunk.is_null() {
        return Chain::EMPTY;
    }
    CARVED_BYTES.fetch_add(CHUNK, std::sync::atomic::Ordering::Relaxed);
    let count = CHUNK / size;
    for at in 0..count {
        // SAFETY: every block lies within the chunk; the last one ends the chain.
        unsafe {
            let block = chunk.add(at * size);
            let next = if at + 1 < count {
                chunk.add((at + 1) * size)
            } else {
                ptr::null_mut()
            };
            link(block, next);
        }
    }
    Chain {
        head: chunk,
        // SAFETY: the last block of the chunk.
        tail: unsafe { chunk.add((count - 1) * size) },
        count,
    }
}

/// Gives `chain` (blocks of the carved `class`) to the shared list.
fn give_back(class: usize, chain: Chain) {
    if chain.count == 0 {
        return;
    }
    let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    let list = &mut shared.0[class];
    // SAFETY: `chain.tail` is the last block of the chain given, unused.
    unsafe { link(chain.tail, list.head) };
    if list.count == 0 {
        list.tail = chain.tail;
    }
    list.head = chain.head;
    list.count += chain.count;
}

/// The global allocator of the wasm build: per-thread free lists of blocks up to 64 KiB over
/// [`System`]. Blocks up to 1 KiB are carved from 64 KiB chunks (one system allocation for
/// many) and move between the threads' lists and shared ones; larger blocks come from and go
/// back to [`System`] one by one. A block freed by another thread than the one that
/// allocated it simply joins the freeing thread's list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadCache;

// SAFETY: every block handed out is either a fresh block (from `System` with the class's
// layout, or carved from a chunk at a multiple of the class size, so as large and 16-aligned)
// or a block of the same class that was freed, hence unused. Blocks of the larger classes
// always come from `System` with that class's layout and go back to it with the same layout;
// blocks of carved classes never go back to `System`.
unsafe impl GlobalAlloc for ThreadCache {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            // SAFETY: forwarded with the caller's (valid, non-zero) layout.
            return unsafe { System.alloc(layout) };
        };
        let cached = LISTS
            .try_with(|lists| {
                let mut head = lists.heads[class].get();
                if head.is_null() && class < CARVED {
                    let chain = refill(class);
                    head = chain.head;
                    lists.counts[class].set(chain.count);
                }
                if head.is_null() {
                    return head;
                }
                // SAFETY: `head` is a free block of this thread's list.
                lists.heads[class].set(unsafe { next_of(head) });
                lists.counts[class].set(lists.counts[class].get() - 1);
                head
            })
            .unwrap_or(ptr::null_mut());
        if !cached.is_null() {
            return cached;
        }
        if class < CARVED {
            // No thread-local lists (a thread being torn down), or no memory: one block of
            // a chain, the rest to the shared list.
            let chain = refill(class);
            if chain.head.is_null() {
                return chain.head;
            }
            // SAFETY: the head of a fresh chain.
            let rest = unsafe { next_of(chain.head) };
            if chain.count > 1 {
                give_back(
                    class,
                    Chain {
                        head: rest,
                        tail: chain.tail,
                        count: chain.count - 1,
                    },
                );
            }
            return chain.head;
        }
        // SAFETY: the class layout has a non-zero size.
        unsafe { System.alloc(class_layout(class)) }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(class) = class_of(layout) else {
            // SAFETY: the block came from `System` with this layout (see `alloc`).
            return unsafe { System.dealloc(block, layout) };
        };
        let kept = LISTS
            .try_with(|lists| {
                let count = lists.counts[class].get();
                if count >= kept_blocks(class) {
                    if class >= CARVED {
                        return false;
                    }
                    // Half of this thread's blocks go to the shared list, in one take of its
                    // lock.
                    let head = lists.heads[class].get();
                    let mut tail = head;
                    for _ in 1..count / 2 {
                        // SAFETY: blocks of this thread's list, which has `count` of them.
                        tail = unsafe { next_of(tail) };
                    }
                    // SAFETY: `tail` is a block of this thread's list.
                    lists.heads[class].set(unsafe { next_of(tail) });
                    lists.counts[class].set(count - count / 2);
                    give_back(
                        class,
                        Chain {
                            head,
                            tail,
                            count: count / 2,
                        },
                    );
                }
                // SAFETY: the block is at least 16 bytes, 16-aligned and no longer used.
                unsafe { link(block, lists.heads[class].get()) };
                lists.heads[class].set(block);
                lists.counts[class].set(lists.counts[class].get() + 1);
                true
            })
            .unwrap_or(false);
        if kept {
            return;
        }
        if class < CARVED {
            // SAFETY: the block is unused, at least 16 bytes and 16-aligned.
            unsafe { link(block, ptr::null_mut()) };
            give_back(
                class,
                Chain {
                    head: block,
                    tail: block,
                    count: 1,
                },
            );
        } else {
            // SAFETY: blocks of the larger classes come from `System` with the class layout.
            unsafe { System.dealloc(block, class_layout(class)) };
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size` with `layout.align()` is a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class_of(layout), class_of(new_layout)) {
            // Still fits the block it has.
            (Some(old), Some(new)) if old == new => block,
            // SAFETY: neither side is cached, so `System` owns the block with `layout`.
            (None, None) => unsafe { System.realloc(block, layout, new_size) },
            _ => {
                // SAFETY: `new_layout` is valid and non-zero (the caller's contract).
                let moved = unsafe { self.alloc(new_layout) };
                if !moved.is_null() {
                    // SAFETY: both blocks hold at least the smaller size and do not overlap.
                    unsafe {
                        ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                        self.dealloc(block, layout);
                    }
                }
                moved
            }
        }
    }
}

/// `malloc`, `calloc`, `realloc` and `free` over the Rust global allocator, for C libraries
/// that let the allocator be replaced (tree-sitter's `ts_set_allocator`). Each block has a
/// 16-byte header holding its size, since C's `free` does not pass it.
pub mod c_abi {
    use std::alloc::{Layout, alloc, alloc_zeroed, dealloc, realloc as resize};
    use std::ffi::c_void;
    use std::ptr;

    const HEADER: usize = 16;

    fn layout_for(size: usize) -> Option<Layout> {
        Layout::from_size_align(size.checked_add(HEADER)?, HEADER).ok()
    }

    /// Writes the header of a fresh block and returns the address C code sees.
    ///
    /// # Safety
    /// `base` is null or a block of at least `size + 16` bytes, 16-aligned.
    #[expect(
        clippy::cast_ptr_alignment,
        reason = "blocks and their headers are 16-aligned"
    )]
    unsafe fn finish(base: *mut u8, size: usize) -> *mut c_void {
        if base.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: the block starts with 16 header bytes, aligned for a `usize`.
        unsafe {
            base.cast::<usize>().write(size);
            base.add(HEADER).cast()
        }
    }

    /// The block (and its size) behind an address from these functions.
    ///
    /// # Safety
    /// `block` was returned by these functions and not freed.
    #[expect(
        clippy::cast_ptr_alignment,
        reason = "blocks and their headers are 16-aligned"
    )]
    unsafe fn base_of(block: *mut c_void) -> (*mut u8, usize) {
        // SAFETY: 16 bytes before the address is the header this module wrote.
        unsafe {
            let base = block.cast::<u8>().sub(HEADER);
            (base, base.cast::<usize>().read())
        }
    }

    /// C `malloc`.
    ///
    /// # Safety
    /// As C's: the block is freed with [`free`] only.
    #[must_use]
    pub unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
        let Some(layout) = layout_for(size) else {
            return ptr::null_mut();
        };
        // SAFETY: the layout is at least 16 bytes; the header fits.
        unsafe { finish(alloc(layout), size) }
    }

    /// C `calloc`.
    ///
    /// # Safety
    /// As C's: the block is freed with [`free`] only.
    #[must_use]
    pub unsafe extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
        let Some(layout) = count.checked_mul(size).and_then(layout_for) else {
            return ptr::null_mut();
        };
        // SAFETY: as in `malloc`.
        unsafe { finish(alloc_zeroed(layout), layout.size() - HEADER) }
    }

    /// C `realloc`: `realloc(NULL, n)` allocates; the contents up to the smaller size are kept.
    ///
    /// # Safety
    /// `block` is null or came from these functions and was not freed.
    #[must_use]
    pub unsafe extern "C" fn realloc(block: *mut c_void, size: usize) -> *mut c_void {
        if block.is_null() {
            // SAFETY: a plain allocation.
            return unsafe { malloc(size) };
        }
        // SAFETY: the caller's contract.
        let (base, old_size) = unsafe { base_of(block) };
        let (Some(old_layout), Some(new_layout)) = (layout_for(old_size), layout_for(size)) else {
            // Too large: like C, fail and leave the block as it was.
            return ptr::null_mut();
        };
        // SAFETY: `base` was allocated with `old_layout`; the new size is valid for its
        // alignment (checked by `layout_for`).
        unsafe { finish(resize(base, old_layout, new_layout.size()), size) }
    }

    /// C `free`: null is ignored.
    ///
    /// # Safety
    /// `block` is null or came from these functions and was not freed.
    pub unsafe extern "C" fn free(block: *mut c_void) {
        if block.is_null() {
            return;
        }
        // SAFETY: the caller's contract; the layout is the one the block was allocated with.
        unsafe {
            let (base, size) = base_of(block);
            if let Some(layout) = layout_for(size) {
                dealloc(base, layout);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout};

    use super::{CLASSES, KEPT_BYTES, ThreadCache, c_abi, class_of};

    /// Allocates `count` blocks of `size`, each filled with a byte of its own.
    fn filled(cache: ThreadCache, size: usize, count: usize, seed: usize) -> Vec<usize> {
        let layout = Layout::from_size_align(size, 8).unwrap();
        (0..count)
            .map(|i| {
                // SAFETY: a valid layout; the block is written within its size.
                unsafe {
                    let block = cache.alloc(layout);
                    assert!(!block.is_null());
                    block.write_bytes(u8::try_from((seed + i) % 251).unwrap(), size);
                    block as usize
                }
            })
            .collect()
    }

    /// Checks each block still holds its byte (no other live block shares its memory), then
    /// frees it.
    fn check_and_free(cache: ThreadCache, size: usize, blocks: &[usize], seed: usize) {
        let layout = Layout::from_size_align(size, 8).unwrap();
        for (i, &block) in blocks.iter().enumerate() {
            let byte = u8::try_from((seed + i) % 251).unwrap();
            // SAFETY: allocated by `filled` with this layout and not freed yet.
            unsafe {
                let block = block as *mut u8;
                assert!(
                    std::slice::from_raw_parts(block, size)
                        .iter()
                        .all(|b| *b == byte),
                    "block {i} of {size} bytes was overwritten"
                );
                cache.dealloc(block, layout);
            }
        }
    }

    #[test]
    fn blocks_freed_by_one_thread_serve_another_through_the_shared_lists() {
        let cache = ThreadCache;
        // Far more than a thread keeps: most go to the shared list when freed.
        let count = KEPT_BYTES / 64 * 4;
        for round in 0..3 {
            let blocks = std::thread::scope(|scope| {
                scope
                    .spawn(move || filled(cache, 48, count, round))
                    .join()
                    .unwrap()
            });
            std::thread::scope(|scope| {
                scope.spawn(|| check_and_free(cache, 48, &blocks, round));
            });
            // A third thread, with empty lists, is served blocks the second one gave back.
            let again = std::thread::scope(|scope| {
                scope
                    .spawn(move || filled(cache, 48, count, round + 7))
                    .join()
                    .unwrap()
            });
            assert!(
                again.iter().any(|block| blocks.contains(block)),
                "no freed block was handed out again"
            );
            check_and_free(cache, 48, &again, round + 7);
        }
    }

    #[test]
    fn threads_allocating_and_freeing_at_once_never_share_a_block() {
        let cache = ThreadCache;
        std::thread::scope(|scope| {
            for thread in 0..4 {
                scope.spawn(move || {
                    for round in 0..20 {
                        let seed = thread * 1000 + round;
                        let sizes = [16, 24, 100, 200, 700, 1024, 3000];
                        let held: Vec<(usize, Vec<usize>)> = sizes
                            .iter()
                            .map(|&size| (size, filled(cache, size, 600, seed)))
                            .collect();
                        for (size, blocks) in held.iter().rev() {
                            check_and_free(cache, *size, blocks, seed);
                        }
                    }
                });
            }
        });
    }

    #[test]
    fn sizes_map_to_the_smallest_class_that_holds_them() {
        let class = |size, align| class_of(Layout::from_size_align(size, align).unwrap());
        assert_eq!(class(1, 1), Some(0));
        assert_eq!(class(16, 16), Some(0));
        assert_eq!(class(17, 8), Some(1));
        assert_eq!(class(4096, 8), Some(8));
        assert_eq!(class(64 * 1024, 8), Some(CLASSES - 1));
        assert_eq!(class(64 * 1024 + 1, 8), None, "large blocks are not cached");
        assert_eq!(class(64, 32), None, "over-aligned blocks are not cached");
    }

    #[test]
    fn blocks_are_reused_written_whole_and_released_past_the_limit() {
        let cache = ThreadCache;
        let layout = Layout::from_size_align(1000, 8).unwrap();
        let count = KEPT_BYTES / 1024 + 10;
        // SAFETY: every block is used within its size and freed once with its layout.
        unsafe {
            let blocks: Vec<*mut u8> = (0..count).map(|_| cache.alloc(layout)).collect();
            for (i, block) in blocks.iter().enumerate() {
                assert!(!block.is_null());
                block.write_bytes(u8::try_from(i % 251).unwrap(), 1000);
            }
            for (i, block) in blocks.iter().enumerate() {
                assert!(
                    std::slice::from_raw_parts(*block, 1000)
                        .iter()
                        .all(|b| usize::from(*b) == i % 251)
                );
            }
            for block in &blocks {
                cache.dealloc(*block, layout);
            }
            // The last one freed is kept (the list was not full yet) and comes back first.
            let again = cache.alloc(layout);
            assert!(blocks.contains(&again));
            cache.dealloc(again, layout);
        }
    }

    #[test]
    fn realloc_keeps_the_contents_across_classes_and_to_the_system() {
        let cache = ThreadCache;
        // SAFETY: each block is resized with its current layout and freed once.
        unsafe {
            let mut layout = Layout::from_size_align(10, 1).unwrap();
            let mut block = cache.alloc(layout);
            for i in 0..10 {
                block.add(i).write(u8::try_from(i).unwrap());
            }
            for size in [12, 100, 3000, 10_000, 100_000, 50, 9] {
                block = cache.realloc(block, layout, size);
                layout = Layout::from_size_align(size, 1).unwrap();
                for i in 0..9 {
                    assert_eq!(block.add(i).read(), u8::try_from(i).unwrap(), "size {size}");
                }
            }
            cache.dealloc(block, layout);
        }
    }

    #[test]
    fn blocks_freed_by_other_threads_are_fine() {
        let cache = ThreadCache;
        let layout = Layout::from_size_align(200, 8).unwrap();
        let blocks: Vec<usize> = (0..1000)
            // SAFETY: freed below, once, with the same layout.
            .map(|_| unsafe { cache.alloc(layout) } as usize)
            .collect();
        std::thread::scope(|scope| {
            for chunk in blocks.chunks(250) {
                scope.spawn(move || {
                    for &block in chunk {
                        // SAFETY: allocated above with this layout, freed once.
                        unsafe {
                            let block = block as *mut u8;
                            block.write_bytes(7, 200);
                            cache.dealloc(block, layout);
                        }
                    }
                    // This thread's list hands them out again.
                    // SAFETY: freed right away with the same layout.
                    unsafe {
                        let reused = cache.alloc(layout);
                        cache.dealloc(reused, layout);
                    }
                });
            }
        });
    }

    #[test]
    fn the_c_functions_behave_like_c() {
        // SAFETY: the blocks come from these functions and are freed once.
        unsafe {
            assert!(
                c_abi::malloc(usize::MAX).is_null(),
                "an impossible size is null, not a panic"
            );
            let zeroed = c_abi::calloc(100, 8).cast::<u8>();
            assert!(
                std::slice::from_raw_parts(zeroed, 800)
                    .iter()
                    .all(|b| *b == 0)
            );
            assert_eq!(zeroed as usize % 16, 0, "16-aligned like malloc");
            let grown = c_abi::realloc(zeroed.cast(), 5000).cast::<u8>();
            assert!(
                std::slice::from_raw_parts(grown, 800)
                    .iter()
                    .all(|b| *b == 0)
            );
            c_abi::free(grown.cast());
            c_abi::free(std::ptr::null_mut());
            let fresh = c_abi::realloc(std::ptr::null_mut(), 32);
            assert!(!fresh.is_null());
            c_abi::free(fresh);
        }
    }
}
