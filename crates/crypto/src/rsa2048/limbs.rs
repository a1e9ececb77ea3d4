//! Fixed-width unsigned integers: little-endian arrays of 32-bit limbs
//! (`[u32; N]`), with the constant-time helpers the Montgomery arithmetic
//! builds on. Nothing here branches on, or indexes memory by, the values.

use core::hint::black_box;

use zeroize::{DefaultIsZeroes, Zeroize};

/// Overwrites `values` with zeros, in a way the compiler keeps. Out of
/// line, so that every wipe of a fixed-width value shares one small loop.
#[inline(never)]
pub(crate) fn wipe<T: DefaultIsZeroes>(values: &mut [T]) {
    values.zeroize();
}

/// All ones when `bit` is 1, zero when it is 0 (`bit` must be 0 or 1).
///
/// The value passes through [`black_box`] so that the compiler cannot turn
/// the masked selection that follows back into a branch.
#[inline(always)]
pub(crate) fn mask_from_bit(bit: u32) -> u32 {
    black_box(bit).wrapping_neg()
}

/// All ones when `a == b`, zero otherwise.
#[inline(always)]
pub(crate) fn eq_mask(a: u32, b: u32) -> u32 {
    let x = a ^ b;
    // `x | -x` has its top bit set exactly when `x` is not zero.
    mask_from_bit(((x | x.wrapping_neg()) >> 31) ^ 1)
}

/// `a` where `mask` is all ones, `b` where it is zero.
#[inline(always)]
pub(crate) fn select<const N: usize>(mask: u32, a: &[u32; N], b: &[u32; N]) -> [u32; N] {
    core::array::from_fn(|i| b[i] ^ (mask & (a[i] ^ b[i])))
}

/// `a + b` and the carry out (0 or 1).
#[inline(always)]
pub(crate) fn add<const N: usize>(a: &[u32; N], b: &[u32; N]) -> ([u32; N], u32) {
    let mut sum = [0u32; N];
    let mut carry = 0u64;
    for i in 0..N {
        let s = u64::from(a[i]) + u64::from(b[i]) + carry;
        sum[i] = s as u32;
        carry = s >> 32;
    }
    (sum, carry as u32)
}

/// `a - b` (wrapping) and the borrow out (0 or 1).
#[inline(always)]
pub(crate) fn sub<const N: usize>(a: &[u32; N], b: &[u32; N]) -> ([u32; N], u32) {
    let mut difference = [0u32; N];
    let mut borrow = 0u64;
    for i in 0..N {
        let d = u64::from(a[i])
            .wrapping_sub(u64::from(b[i]))
            .wrapping_sub(borrow);
        difference[i] = d as u32;
        borrow = d >> 63;
    }
    (difference, borrow as u32)
}

/// Whether `a == b`, looking at every limb.
pub(crate) fn equal<const N: usize>(a: &[u32; N], b: &[u32; N]) -> bool {
    let difference = a.iter().zip(b).fold(0, |acc, (x, y)| acc | (x ^ y));
    black_box(difference) == 0
}

/// The full product `a × b`: the low limbs, then the high limbs.
pub(crate) fn mul_wide<const N: usize>(a: &[u32; N], b: &[u32; N]) -> [[u32; N]; 2] {
    let mut product = [[0u32; N]; 2];
    let words = product.as_flattened_mut();
    for (i, &bi) in b.iter().enumerate() {
        let mut carry = 0u64;
        for (word, &aj) in words[i..i + N].iter_mut().zip(a) {
            let s = u64::from(*word) + u64::from(aj) * u64::from(bi) + carry;
            *word = s as u32;
            carry = s >> 32;
        }
        words[i + N] = carry as u32;
    }
    product
}

/// The number 1 in `N` limbs.
pub(crate) fn one<const N: usize>() -> [u32; N] {
    let mut one = [0; N];
    one[0] = 1;
    one
}

/// The full product `a × b` of a 1024-bit number and a 64-bit one.
pub(crate) fn mul_u64(a: &[u32; 32], b: u64) -> [u32; 34] {
    let mut product = [0u32; 34];
    for (i, bi) in [b as u32, (b >> 32) as u32].into_iter().enumerate() {
        let mut carry = 0u64;
        for (word, &aj) in product[i..i + 32].iter_mut().zip(a) {
            let s = u64::from(*word) + u64::from(aj) * u64::from(bi) + carry;
            *word = s as u32;
            carry = s >> 32;
        }
        product[i + 32] = carry as u32;
    }
    product
}

/// Reads a big-endian number; `None` when it does not fit in `N` limbs.
/// Leading zero bytes beyond `4 × N` are allowed.
pub(crate) fn from_be_bytes<const N: usize>(bytes: &[u8]) -> Option<[u32; N]> {
    let split = bytes.len().saturating_sub(4 * N);
    let (excess, tail) = bytes.split_at(split);
    if excess.iter().fold(0, |acc, b| acc | b) != 0 {
        return None;
    }
    let mut limbs = [0u32; N];
    for (i, byte) in tail.iter().rev().enumerate() {
        limbs[i / 4] |= u32::from(*byte) << (8 * (i % 4));
    }
    Some(limbs)
}

/// Writes `limbs` big-endian into `out`, which holds exactly `4 × N` bytes.
pub(crate) fn to_be_bytes<const N: usize>(limbs: &[u32; N], out: &mut [u8]) {
    for (chunk, limb) in out.chunks_exact_mut(4).zip(limbs.iter().rev()) {
        chunk.copy_from_slice(&limb.to_be_bytes());
    }
}

/// Whether `a < b`, in variable time: for public values only.
pub(crate) fn less_than_vartime<const N: usize>(a: &[u32; N], b: &[u32; N]) -> bool {
    a.iter().rev().cmp(b.iter().rev()).is_lt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_and_reject_what_does_not_fit() {
        let limbs: [u32; 2] = from_be_bytes(&[0, 0, 1, 2, 3, 4, 5, 6, 7]).unwrap();
        assert_eq!(limbs, [0x0405_0607, 0x0001_0203]);
        let mut out = [0u8; 8];
        to_be_bytes(&limbs, &mut out);
        assert_eq!(out, [0, 1, 2, 3, 4, 5, 6, 7]);
        assert!(from_be_bytes::<2>(&[1, 0, 0, 0, 0, 0, 0, 0, 0]).is_none());
    }

    #[test]
    fn add_sub_select_and_compare() {
        let max = [u32::MAX; 2];
        assert_eq!(add(&max, &[1, 0]), ([0, 0], 1));
        assert_eq!(sub(&[0, 0], &[1, 0]), (max, 1));
        assert_eq!(sub(&[5, 1], &[6, 0]), ([u32::MAX, 0], 0));
        assert_eq!(select(eq_mask(3, 3), &[1, 2], &[3, 4]), [1, 2]);
        assert_eq!(select(eq_mask(3, 4), &[1, 2], &[3, 4]), [3, 4]);
        assert!(less_than_vartime(&[u32::MAX, 0], &[0, 1]));
        assert!(!less_than_vartime(&[0, 1], &[0, 1]));
        assert!(equal(&[0, 1], &[0, 1]) && !equal(&[0, 1], &[1, 1]));
    }

    #[test]
    fn wide_product() {
        let product = mul_wide(&[u32::MAX, u32::MAX], &[u32::MAX, u32::MAX]);
        // (2^64 - 1)^2 = 2^128 - 2^65 + 1
        assert_eq!(product, [[1, 0], [u32::MAX - 1, u32::MAX]]);
        let product = mul_u64(&[u32::MAX; 32], u64::MAX);
        // (2^1024 - 1)(2^64 - 1) = 2^1088 - 2^1024 - 2^64 + 1
        let mut expected = [u32::MAX; 34];
        expected[..2].copy_from_slice(&[1, 0]);
        expected[32] = u32::MAX - 1;
        assert_eq!(product, expected);
        let mut small = [0u32; 32];
        small[0] = 7;
        let mut expected = [0u32; 34];
        // 7 × 0x0123_4567_89ab_cdef = 0x07f6_e5d4_c3b2_a189
        expected[..2].copy_from_slice(&[0xc3b2_a189, 0x07f6_e5d4]);
        assert_eq!(mul_u64(&small, 0x0123_4567_89ab_cdef), expected);
    }
}
