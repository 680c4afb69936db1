//! Live heap bytes, counted by a wrapper around the system allocator while [`counted`] runs a
//! piece of work: what a structure holds, measured as the bytes allocated and not freed while
//! it was built (RSS cannot say this: freed pages stay mapped, and a build's temporary
//! allocations raise the peak). Counting is off otherwise, so timed work pays one relaxed load
//! per allocation and nothing else.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

/// The system allocator, counting the bytes it hands out.
pub struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated minus bytes freed since counting started (freeing what was there before
/// counts against it).
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn signed(bytes: usize) -> isize {
    isize::try_from(bytes).unwrap_or(isize::MAX)
}

fn grew(by: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        let by = signed(by);
        let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

fn shrank(by: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        LIVE.fetch_sub(signed(by), Ordering::Relaxed);
    }
}

// SAFETY: every call forwards to `System` with the caller's arguments unchanged; the counters
// are only read for reports.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received; the caller upholds `alloc`'s contract.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator (so from `System`) with this layout.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as received; the caller upholds `realloc`'s contract.
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        moved
    }
}

/// What [`counted`] measured: bytes left allocated when the work ended, and the most that
/// were allocated at once while it ran.
#[derive(Debug, Clone, Copy)]
pub struct Held {
    pub kept: usize,
    pub peak: usize,
}

/// Runs `work` with counting on (one measurement at a time).
pub fn counted<T>(work: impl FnOnce() -> T) -> (T, Held) {
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::SeqCst);
    let value = work();
    COUNTING.store(false, Ordering::SeqCst);
    let unsigned = |bytes: isize| usize::try_from(bytes).unwrap_or(0);
    let held = Held {
        kept: unsigned(LIVE.load(Ordering::Relaxed)),
        peak: unsigned(PEAK.load(Ordering::Relaxed)),
    };
    (value, held)
}
