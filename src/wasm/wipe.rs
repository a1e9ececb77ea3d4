//! Wiping memory the module gives back, so that no copy of a key outlives
//! the signer that held it.
//!
//! The key types wipe themselves on drop, but the crates that parse keys and
//! compute with them also make short-lived copies (bignum clones for
//! Montgomery parameters, intermediate results, scalar copies in stack
//! frames) that they drop without wiping. In the module's one linear memory
//! those bytes would stay readable until reused. Two measures close that:
//!
//! - the global allocator wipes every block when it is freed (and the old
//!   block when one is moved to grow), so freed heap memory holds zeros;
//! - a [`StackWipe`] guard overwrites the stack below the caller when an
//!   operation on a private key ends, whichever way it ends.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use zeroize::Zeroize;

/// The system allocator (dlmalloc on `wasm32-unknown-unknown`), wiping
/// blocks before it takes them back.
pub(crate) struct WipingAllocator;

// SAFETY: every method forwards to `System` with the same layouts; blocks
// are only written within their own bounds before they are released.
unsafe impl GlobalAlloc for WipingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        std::slice::from_raw_parts_mut(ptr, layout.size()).zeroize();
        System.dealloc(ptr, layout);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Never let the system allocator move the block: the old one would
        // be released unwiped.
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let new = System.alloc(new_layout);
        if !new.is_null() {
            std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: WipingAllocator = WipingAllocator;

/// How much of the stack below the caller a [`StackWipe`] overwrites: more
/// than key parsing and signing use.
const STACK_WIPE_BYTES: usize = 64 * 1024;

thread_local! {
    /// How many [`StackWipe`] guards are alive: calls can nest when a
    /// getter of an options object calls back into the module.
    static GUARDS: Cell<u32> = const { Cell::new(0) };
}

/// Held by an exported function that handles a private key: when the
/// outermost guard is dropped, it overwrites the stack region the calls
/// below it used, so that no key bytes copied into their frames remain
/// readable. (Nested guards leave it to the outermost, so that re-entrant
/// calls do not each take another 64 KiB of stack.)
pub(crate) struct StackWipe;

impl StackWipe {
    pub(crate) fn new() -> Self {
        GUARDS.with(|guards| guards.set(guards.get() + 1));
        StackWipe
    }
}

impl Drop for StackWipe {
    fn drop(&mut self) {
        let outermost = GUARDS.with(|guards| {
            guards.set(guards.get() - 1);
            guards.get() == 0
        });
        if outermost {
            wipe_stack();
        }
    }
}

/// Overwrites the frame in 8-byte words: `zeroize` writes each element
/// separately (volatile stores), so bytes would take eight times as many.
#[inline(never)]
fn wipe_stack() {
    let mut frame = [0xA5A5_A5A5_A5A5_A5A5u64; STACK_WIPE_BYTES / 8];
    frame.zeroize();
    std::hint::black_box(&frame);
}
