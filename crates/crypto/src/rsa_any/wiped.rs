//! Heap buffers of limbs that are wiped when dropped, all by one shared
//! out-of-line loop (a `Zeroizing<Vec<_>>` inlines its own wherever one is
//! dropped).

use core::ops::{Deref, DerefMut};

use zeroize::DefaultIsZeroes;

use crate::rsa2048::wipe;

/// A vector of limbs (a residue, a number or scratch space), wiped on drop.
#[derive(Clone)]
pub(crate) struct Wiped<T: DefaultIsZeroes>(Vec<T>);

impl<T: DefaultIsZeroes> Wiped<T> {
    /// `len` zeros.
    pub(crate) fn zeroed(len: usize) -> Self {
        Wiped(vec![T::default(); len])
    }

    /// A copy of `values`.
    pub(crate) fn copied(values: &[T]) -> Self {
        Wiped(values.to_vec())
    }
}

impl<T: DefaultIsZeroes> Deref for Wiped<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T: DefaultIsZeroes> DerefMut for Wiped<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T: DefaultIsZeroes> Drop for Wiped<T> {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}
