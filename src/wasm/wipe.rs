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
use std::mem::MaybeUninit;

use zeroize::Zeroize;

use crate::key::key_uses;

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

/// Held by an exported function that may handle a private key: when the
/// outermost guard is dropped, and this module's own code read or used a
/// private key meanwhile, it overwrites the stack region the calls below it
/// used, so that no key bytes copied into their frames remain readable. A
/// signature by a platform engine leaves no key bytes here and is not
/// followed by a wipe, which would add about a tenth to an ECDSA signature
/// with node:crypto. (Nested guards leave it to the outermost, so that
/// re-entrant calls do not each take another 64 KiB of stack.)
pub(crate) struct StackWipe {
    /// `key_uses()` when the guard was taken.
    key_uses_before: u64,
}

impl StackWipe {
    /// Takes the guard; hold it for the whole exported call.
    pub(crate) fn new() -> Self {
        GUARDS.with(|guards| guards.set(guards.get() + 1));
        StackWipe {
            key_uses_before: key_uses(),
        }
    }
}

impl Drop for StackWipe {
    fn drop(&mut self) {
        let outermost = GUARDS.with(|guards| {
            guards.set(guards.get() - 1);
            guards.get() == 0
        });
        if outermost && key_uses() != self.key_uses_before {
            wipe_stack();
        }
    }
}

/// Overwrites a 64 KiB frame below the caller with zeros, in 8-byte volatile
/// stores (which the compiler may not drop, and which take an eighth as many
/// as bytes would).
#[inline(never)]
fn wipe_stack() {
    let mut frame = MaybeUninit::<[u64; STACK_WIPE_BYTES / 8]>::uninit();
    let words = frame.as_mut_ptr().cast::<u64>();
    for index in 0..STACK_WIPE_BYTES / 8 {
        // SAFETY: `index` stays within the frame's words, which are aligned.
        unsafe { std::ptr::write_volatile(words.add(index), 0) };
    }
    std::hint::black_box(&frame);
}
