//! The global allocator of the `restdoc` binary and the benchmarks:
//! mimalloc 2, asked for plain blocks whenever the layout allows.
//!
//! mimalloc 2 rather than 3 (the `libmimalloc-sys` default): on this
//! workload, many small nodes allocated and freed page by page on every
//! core, mimalloc 3 reuses freed memory less and commits more fresh memory
//! (UForge `model --json`: 30 to 36 MB peak RSS against 25 MB), and the
//! kernel zeroing that memory was a tenth of the process's time. With
//! mimalloc 2 the whole read is about 5% faster in-process and the
//! `model --json` process about 8% (bench/compare.sh, one run each).
//!
//! The `mimalloc` crate's `MiMalloc` passes every request through
//! `mi_malloc_aligned`, which checks the alignment on every call (and in
//! mimalloc 3 takes a slow over-allocating path for any block over 1 KiB
//! whose rounded size is not a power of two).
//! `mi_malloc` already returns blocks aligned to 16 bytes (8 for an 8-byte
//! block), so, as Rust's `System` allocator does with `malloc`, a layout
//! whose alignment is at most 16 and at most its size is served by the
//! plain calls; only the rare over-aligned layout takes the aligned ones.

use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;
use libmimalloc_sys as ffi;

/// The largest alignment every `mi_malloc` block of at least that size has
/// (`MI_MAX_ALIGN_SIZE`).
const PLAIN_ALIGN: usize = 16;

/// mimalloc through its plain entry points (see the module doc).
pub struct Allocator;

/// `mi_option_purge_delay` in mimalloc 2's `mi_option_t` (`mimalloc.h`);
/// `libmimalloc-sys` names only some of the options.
const MI_OPTION_PURGE_DELAY: ffi::mi_option_t = 15;

/// Keep the memory mimalloc frees for the rest of the process rather than
/// hand it back to the OS ten milliseconds later (mimalloc's default purge
/// delay). restdoc runs as a short process or a build step: memory handed
/// back is asked for again within the same run, and the kernel then zeroes
/// it anew. On a 10 MB page the dialects' pass took 11% longer for it,
/// and the share grows with the page. Peak memory is unchanged; call this
/// first thing in `main` of a binary that uses [`Allocator`].
pub fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's option values, which it reads whenever
    // it is about to purge; valid at any point of the process.
    unsafe { ffi::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// True when `mi_malloc(size)` is aligned enough for `align`.
#[inline]
fn plain(size: usize, align: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: every call forwards to mimalloc, which returns blocks of at least
// the requested size, aligned as `plain` states (mimalloc's documented
// guarantee) or as requested through the aligned calls; blocks from either
// kind of call are freed and reallocated by `mi_free` / `mi_realloc*`.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(layout.size(), layout.align()) {
            ffi::mi_malloc(layout.size()).cast()
        } else {
            ffi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(layout.size(), layout.align()) {
            ffi::mi_zalloc(layout.size()).cast()
        } else {
            ffi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        ffi::mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(new_size, layout.align()) {
            ffi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            ffi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every small size and alignment come back aligned, keep
    /// their bytes through growth and shrinking, and zeroed ones are zero.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = Allocator;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [
                1usize, 3, 8, 15, 16, 24, 100, 1000, 1025, 1440, 5000, 70_000,
            ] {
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    p.write_bytes(0xA5, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "grown: size {size} align {align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xA5));
                    let grown = Layout::from_size_align(size * 3, align).unwrap();
                    let r = a.realloc(q, grown, size.div_ceil(2));
                    assert_eq!(r as usize % align, 0, "shrunk: size {size} align {align}");
                    assert!((0..size.div_ceil(2)).all(|i| *r.add(i) == 0xA5));
                    a.dealloc(r, Layout::from_size_align(size.div_ceil(2), align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
