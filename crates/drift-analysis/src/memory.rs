//! Giving freed memory back to the operating system during long scans.
//!
//! A parse tree lives only while its file is extracted, but a dense file makes a large one:
//! tree-sitter's tree of a 1.9 MB Rust file of literals (rustc-perf's `coercions`) peaks at
//! 117 MiB. glibc's allocator keeps what such a tree freed inside the arena of the thread that
//! parsed it: only the top of an arena is ever trimmed, and the scan's longer-lived blocks sit
//! above it. Each large file then raised the process's resident size for the rest of the
//! scan: on the 100K corpus it stepped up by about 90 MiB at one such file and never came back
//! (BENCHMARKS.md, Whole scan).
//!
//! [`return_freed_pages`] asks the allocator to hand the whole free pages of every arena back
//! (`malloc_trim(0)`, which advises the kernel that they are unused). The scan parses files of
//! [`LARGE_FILE_BYTES`] or more one at a time and calls it after each, and once after its last
//! file when it parsed [`SCAN_TRIM_BYTES`] or more. The peak is then one large tree over the
//! scan's working set, not a sum of them (in the wasm build the one-at-a-time rule alone keeps
//! the memory's high-water mark down).
//!
//! Measured on the 100K corpus: 91 calls, 465 ms in all (at most 15 ms each: a walk of the
//! arenas' free lists under their locks), and about 1 s more CPU for pages that come back
//! zeroed when next used, within the run-to-run spread of a 42 s scan. The peak resident size
//! went from 365-375 MiB to 324-327 MiB (BENCHMARKS.md, Whole scan).
//!
//! Elsewhere it does nothing: wasm memory cannot shrink, and the other platforms' allocators
//! return freed spans on their own.

/// Files at least this large are followed by [`return_freed_pages`] once parsed: their trees
/// run to tens of MiB (tree-sitter keeps about 30 to 60 bytes per source byte).
pub const LARGE_FILE_BYTES: usize = 256 * 1024;

/// A scan that parsed at least this much source returns freed pages once at its end. After a
/// scan of a few changed files there is little to return, and the walk of every arena's free
/// lists (up to 15 ms after a large scan) would only add to the scan's time.
pub const SCAN_TRIM_BYTES: usize = 16 * 1024 * 1024;

/// Returns the allocator's whole free pages to the operating system (see the module docs).
/// Whether any were returned is not reported: nothing depends on it.
pub fn return_freed_pages() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: `malloc_trim` only walks glibc's own free lists under their locks; it takes
        // no pointers and leaves every allocated block where it is.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_can_be_returned_while_other_blocks_stay_valid() {
        // Many small blocks (as a parse tree has), every other one freed, then the trim: the
        // blocks still held keep their contents.
        let mut blocks: Vec<Box<[u8; 96]>> = (0..200_000_u32)
            .map(|at| Box::new([u8::try_from(at % 251).unwrap_or(0); 96]))
            .collect();
        let kept: Vec<Box<[u8; 96]>> = blocks
            .drain(..)
            .enumerate()
            .filter_map(|(at, block)| (at % 2 == 0).then_some(block))
            .collect();
        return_freed_pages();
        for (at, block) in kept.iter().enumerate() {
            let expected = u8::try_from((at * 2) % 251).unwrap_or(0);
            assert!(block.iter().all(|&byte| byte == expected));
        }
    }
}
