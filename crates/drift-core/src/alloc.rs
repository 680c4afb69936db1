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

/// Blocks up to this size are cached; larger ones go straight to the system allocator.
const LARGEST: usize = 64 * 1024;
/// The smallest block, and the alignment of every cached block.
const SMALLEST: usize = 16;
/// Size classes: 16, 32, ..., 64 KiB.
const CLASSES: usize = (LARGEST / SMALLEST).trailing_zeros() as usize + 1;
/// Bytes of free blocks one thread keeps per size class (at least one block); beyond that
/// they are returned.
const KEPT_BYTES: usize = 256 * 1024;

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
    // A power of two from 16 to 4096 with alignment 16 is always a valid layout.
    Layout::from_size_align(SMALLEST << class, SMALLEST).unwrap_or(Layout::new::<u128>())
}

/// The global allocator of the wasm build: per-thread free lists of blocks up to 4 KiB over
/// [`System`]. A block freed by another thread than the one that allocated it simply joins
/// the freeing thread's list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadCache;

// SAFETY: every block handed out is either a fresh block from `System` for the class layout
// (at least as large and as aligned as the request) or a block of the same class that was
// freed, hence unused. Blocks of a class always come from `System` with that class's layout
// and go back to it with the same layout.
unsafe impl GlobalAlloc for ThreadCache {
    #[expect(clippy::cast_ptr_alignment, reason = "cached blocks are 16-aligned")]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            // SAFETY: forwarded with the caller's (valid, non-zero) layout.
            return unsafe { System.alloc(layout) };
        };
        let cached = LISTS
            .try_with(|lists| {
                let head = lists.heads[class].get();
                if head.is_null() {
                    return head;
                }
                // SAFETY: a free block of this class starts with the address of the next one.
                let next = unsafe { head.cast::<*mut u8>().read() };
                lists.heads[class].set(next);
                lists.counts[class].set(lists.counts[class].get() - 1);
                head
            })
            .unwrap_or(ptr::null_mut());
        if cached.is_null() {
            // SAFETY: the class layout has a non-zero size.
            unsafe { System.alloc(class_layout(class)) }
        } else {
            cached
        }
    }

    #[expect(clippy::cast_ptr_alignment, reason = "cached blocks are 16-aligned")]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(class) = class_of(layout) else {
            // SAFETY: the block came from `System` with this layout (see `alloc`).
            return unsafe { System.dealloc(block, layout) };
        };
        let kept = LISTS
            .try_with(|lists| {
                if lists.counts[class].get() * (SMALLEST << class) >= KEPT_BYTES {
                    return false;
                }
                // SAFETY: the block is at least 16 bytes, 16-aligned and no longer used.
                unsafe { block.cast::<*mut u8>().write(lists.heads[class].get()) };
                lists.heads[class].set(block);
                lists.counts[class].set(lists.counts[class].get() + 1);
                true
            })
            .unwrap_or(false);
        if !kept {
            // SAFETY: blocks of a class come from `System` with the class layout.
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
