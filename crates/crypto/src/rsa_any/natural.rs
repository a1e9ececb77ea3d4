//! Unsigned integers whose width is chosen at run time, from a key's
//! public size: little-endian 32-bit limbs, with the constant-time
//! operations that RSA key checks and the Chinese remainder theorem need.
//! Nothing here branches on, or indexes memory by, a value: only lengths,
//! which come from the public modulus, shape the loops.

use core::hint::black_box;
use core::ops::{Deref, DerefMut};

use super::wiped::Wiped;
use crate::rsa2048::mask_from_bit;

/// An unsigned integer in a fixed number of 32-bit limbs, least
/// significant first. Wiped on drop (it may hold a secret).
#[derive(Clone)]
pub(crate) struct Natural(Wiped<u32>);

impl Natural {
    /// Zero, in `len` limbs.
    pub(crate) fn zero(len: usize) -> Self {
        Natural(Wiped::zeroed(len))
    }

    /// `value` in two limbs.
    pub(crate) fn from_u64(value: u64) -> Self {
        Natural(Wiped::copied(&[value as u32, (value >> 32) as u32]))
    }

    /// Reads a big-endian number into `len` limbs; `None` when it does not
    /// fit (leading zero bytes are allowed).
    pub(crate) fn from_be_bytes(bytes: &[u8], len: usize) -> Option<Self> {
        let capacity = len.checked_mul(4)?;
        let (excess, tail) = bytes.split_at(bytes.len().saturating_sub(capacity));
        if excess.iter().fold(0, |acc, byte| acc | byte) != 0 {
            return None;
        }
        let mut number = Self::zero(len);
        for (i, &byte) in tail.iter().rev().enumerate() {
            number.0[i / 4] |= u32::from(byte) << (8 * (i % 4));
        }
        Some(number)
    }

    /// Writes the number big-endian into all of `out`: its low
    /// `out.len()` bytes, zero-padded on the left (the caller knows that
    /// the number fits).
    pub(crate) fn write_be_bytes(&self, out: &mut [u8]) {
        for (i, byte) in out.iter_mut().rev().enumerate() {
            let limb = self.0.get(i / 4).copied().unwrap_or(0);
            *byte = (limb >> (8 * (i % 4))) as u8;
        }
    }

    /// The number of bits up to the highest set one, in variable time: for
    /// public values only.
    pub(crate) fn bit_width_vartime(&self) -> u32 {
        match self.0.iter().rposition(|&limb| limb != 0) {
            // A limb index fits: lengths come from inputs of at most 64 KiB.
            Some(top) => 32 * top as u32 + (32 - self.0[top].leading_zeros()),
            None => 0,
        }
    }

    /// `limbs` in `len` limbs: zero-extended, or with its top limbs
    /// dropped (which the caller knows to be zero).
    pub(crate) fn from_limbs(limbs: &[u32], len: usize) -> Self {
        let mut number = Self::zero(len);
        for (out, &limb) in number.0.iter_mut().zip(limbs) {
            *out = limb;
        }
        number
    }

    /// Whether the number is below `2^bits`, looking at every limb.
    pub(crate) fn fits_in_bits(&self, bits: usize) -> bool {
        let excess = self.0.iter().enumerate().fold(0, |acc, (i, &limb)| {
            // The bits of this limb at positions `bits` and up.
            let first = i * 32;
            let mask = match bits.checked_sub(first) {
                None => u32::MAX,
                Some(below) if below >= 32 => 0,
                Some(below) => u32::MAX << below,
            };
            acc | (limb & mask)
        });
        black_box(excess) == 0
    }

    /// All ones when the number is odd, zero when it is even.
    pub(crate) fn odd_mask(&self) -> u32 {
        mask_from_bit(self.0.first().copied().unwrap_or(0) & 1)
    }

    /// Adds `other` (at most as long), returning the carry out (0 or 1).
    pub(crate) fn add_assign(&mut self, other: &[u32]) -> u32 {
        self.add_assign_if(u32::MAX, other)
    }

    /// Subtracts `other` (at most as long), wrapping, returning the borrow
    /// out (0 or 1).
    pub(crate) fn sub_assign(&mut self, other: &[u32]) -> u32 {
        self.sub_assign_if(u32::MAX, other)
    }

    /// Adds `other` (at most as long) where `mask` is all ones, returning
    /// the carry out (0 or 1, always 0 where `mask` is zero).
    pub(crate) fn add_assign_if(&mut self, mask: u32, other: &[u32]) -> u32 {
        let split = other.len().min(self.0.len());
        let (low, high) = self.0.split_at_mut(split);
        let mut carry = 0u64;
        for (limb, &addend) in low.iter_mut().zip(other) {
            let sum = u64::from(*limb) + u64::from(addend & mask) + carry;
            *limb = sum as u32;
            carry = sum >> 32;
        }
        for limb in high {
            let sum = u64::from(*limb) + carry;
            *limb = sum as u32;
            carry = sum >> 32;
        }
        carry as u32
    }

    /// Subtracts `other` (at most as long), wrapping, where `mask` is all
    /// ones, returning the borrow out (0 or 1, always 0 where `mask` is
    /// zero).
    pub(crate) fn sub_assign_if(&mut self, mask: u32, other: &[u32]) -> u32 {
        let split = other.len().min(self.0.len());
        let (low, high) = self.0.split_at_mut(split);
        let mut borrow = 0u64;
        for (limb, &subtrahend) in low.iter_mut().zip(other) {
            let difference = u64::from(*limb)
                .wrapping_sub(u64::from(subtrahend & mask))
                .wrapping_sub(borrow);
            *limb = difference as u32;
            borrow = difference >> 63;
        }
        for limb in high {
            let difference = u64::from(*limb).wrapping_sub(borrow);
            *limb = difference as u32;
            borrow = difference >> 63;
        }
        borrow as u32
    }

    /// Exchanges the number with `other` (as long) where `mask` is all ones.
    pub(crate) fn swap_if(&mut self, mask: u32, other: &mut Natural) {
        for (x, y) in self.0.iter_mut().zip(other.0.iter_mut()) {
            let difference = mask & (*x ^ *y);
            *x ^= difference;
            *y ^= difference;
        }
    }

    /// Replaces the number with `other` (as long) where `mask` is all ones;
    /// keeps it where `mask` is zero.
    pub(crate) fn assign_if(&mut self, mask: u32, other: &[u32]) {
        for (limb, &new) in self.0.iter_mut().zip(other) {
            *limb ^= mask & (*limb ^ new);
        }
    }

    /// Halves the number, dropping its low bit; `top` (0 or 1) becomes its
    /// new highest bit.
    pub(crate) fn halve(&mut self, top: u32) {
        let mut carry = top;
        for limb in self.0.iter_mut().rev() {
            let low = *limb & 1;
            *limb = (*limb >> 1) | (carry << 31);
            carry = low;
        }
    }
}

impl Deref for Natural {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        &self.0
    }
}

impl DerefMut for Natural {
    fn deref_mut(&mut self) -> &mut [u32] {
        &mut self.0
    }
}

/// All ones when `a < b`, zero otherwise (a limb missing from the shorter
/// one counts as zero).
pub(crate) fn less_than_mask(a: &[u32], b: &[u32]) -> u32 {
    let common = a.len().min(b.len());
    let mut borrow = 0u64;
    let mut subtract = |x: u32, y: u32| {
        let difference = u64::from(x).wrapping_sub(u64::from(y)).wrapping_sub(borrow);
        borrow = difference >> 63;
    };
    a.iter().zip(b).for_each(|(&x, &y)| subtract(x, y));
    a[common..].iter().for_each(|&x| subtract(x, 0));
    b[common..].iter().for_each(|&y| subtract(0, y));
    mask_from_bit(borrow as u32)
}

/// Whether `a == b`, looking at every limb (a limb missing from the
/// shorter one counts as zero).
pub(crate) fn equal(a: &[u32], b: &[u32]) -> bool {
    let difference = (0..a.len().max(b.len())).fold(0, |acc, i| {
        acc | (a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0))
    });
    black_box(difference) == 0
}

/// The full product `a × b`, in `a.len() + b.len()` limbs.
pub(crate) fn mul(a: &[u32], b: &[u32]) -> Natural {
    let mut product = Natural::zero(a.len() + b.len());
    for (i, &bi) in b.iter().enumerate() {
        let mut carry = 0u64;
        for (word, &aj) in product.0[i..].iter_mut().zip(a) {
            let sum = u64::from(*word) + u64::from(aj) * u64::from(bi) + carry;
            *word = sum as u32;
            carry = sum >> 32;
        }
        product.0[i + a.len()] = carry as u32;
    }
    product
}

/// `x mod m`, in `m.len()` limbs, for any `x` and an `m` above zero: one
/// bit of `x` at a time (shift it in, subtract `m` where it fits), so the
/// time depends on the lengths only.
pub(crate) fn remainder(x: &[u32], m: &[u32]) -> Natural {
    // Below 2m after a bit is shifted in: one bit more than m, kept apart.
    let mut rest = Natural::zero(m.len());
    let mut reduced = Natural::zero(m.len());
    for &limb in x.iter().rev() {
        for bit in (0..32).rev() {
            // In one pass: rest = 2 rest + bit, and reduced = rest - m.
            let (mut carry, mut borrow) = ((limb >> bit) & 1, 0u64);
            let limbs = rest.0.iter_mut().zip(reduced.0.iter_mut());
            for ((r, out), &m_i) in limbs.zip(m) {
                let doubled = (*r << 1) | carry;
                carry = *r >> 31;
                *r = doubled;
                let difference = u64::from(doubled)
                    .wrapping_sub(u64::from(m_i))
                    .wrapping_sub(borrow);
                *out = difference as u32;
                borrow = difference >> 63;
            }
            // 2 rest + bit >= m when its top bit (carry) is set or no
            // borrow is left.
            rest.assign_if(mask_from_bit(carry | (borrow as u32 ^ 1)), &reduced);
        }
    }
    rest
}

#[cfg(test)]
pub(crate) mod tests {
    use crypto_bigint::{BoxedUint, ConcatenatingMul, NonZero};
    use proptest::prelude::*;

    use super::*;

    /// `limbs` as a crypto-bigint number.
    pub(crate) fn big(limbs: &[u32]) -> BoxedUint {
        let bytes: Vec<u8> = limbs.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
        BoxedUint::from_be_slice_vartime(&bytes)
    }

    /// The big-endian digits of a number, without leading zeros.
    pub(crate) fn digits(bytes: &[u8]) -> Vec<u8> {
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        bytes[start..].to_vec()
    }

    /// Whether `number` is `expected`.
    fn same(number: &[u32], expected: &BoxedUint) -> bool {
        digits(&big(number).to_be_bytes()) == digits(&expected.to_be_bytes())
    }

    #[test]
    fn bytes_round_trip_and_refuse_what_does_not_fit() {
        let number = Natural::from_be_bytes(&[0, 0, 1, 2, 3, 4, 5, 6, 7], 2).unwrap();
        assert_eq!(&number[..], &[0x0405_0607, 0x0001_0203]);
        let mut out = [0xAAu8; 10];
        number.write_be_bytes(&mut out);
        assert_eq!(out, [0, 0, 0, 1, 2, 3, 4, 5, 6, 7]);
        assert!(Natural::from_be_bytes(&[1, 0, 0, 0, 0, 0, 0, 0, 0], 2).is_none());
        assert!(Natural::from_be_bytes(&[], 0).is_some());
        assert!(Natural::from_be_bytes(&[1], 0).is_none());
        assert!(Natural::from_be_bytes(&[1], usize::MAX).is_none());
        assert_eq!(number.bit_width_vartime(), 49);
        assert_eq!(Natural::zero(3).bit_width_vartime(), 0);
        assert_eq!(
            &Natural::from_u64(u64::MAX - 1)[..],
            &[u32::MAX - 1, u32::MAX]
        );
    }

    #[test]
    fn fits_in_bits_looks_at_the_exact_bit() {
        let number = Natural::from_be_bytes(&[0x01, 0, 0, 0, 0], 3).unwrap();
        assert!(number.fits_in_bits(33));
        assert!(!number.fits_in_bits(32));
        assert!(number.fits_in_bits(96) && number.fits_in_bits(1000));
        assert!(Natural::zero(2).fits_in_bits(0));
        assert!(!Natural::from_u64(1).fits_in_bits(0));
    }

    #[test]
    fn add_sub_select_halve_and_compare() {
        let mut number = Natural::from_u64(u64::MAX);
        assert_eq!(number.add_assign(&[1]), 1);
        assert_eq!(&number[..], &[0, 0]);
        assert_eq!(number.sub_assign(&[1]), 1);
        assert_eq!(&number[..], &[u32::MAX, u32::MAX]);
        number.assign_if(0, &[5, 6]);
        assert_eq!(&number[..], &[u32::MAX, u32::MAX]);
        number.assign_if(u32::MAX, &[5, 6]);
        assert_eq!(&number[..], &[5, 6]);
        number.halve(1);
        assert_eq!(&number[..], &[2, 0x8000_0003]);
        assert_eq!(number.odd_mask(), 0);
        let mut other = Natural::from_u64(9);
        number.swap_if(0, &mut other);
        assert_eq!(
            (&number[..], &other[..]),
            (&[2, 0x8000_0003][..], &[9, 0][..])
        );
        number.swap_if(u32::MAX, &mut other);
        assert_eq!(
            (&number[..], &other[..]),
            (&[9, 0][..], &[2, 0x8000_0003][..])
        );
        assert_eq!(number.add_assign_if(0, &[u32::MAX, u32::MAX]), 0);
        assert_eq!(number.add_assign_if(u32::MAX, &[u32::MAX, u32::MAX]), 1);
        assert_eq!(&number[..], &[8, 0]);
        assert_eq!(Natural::from_u64(3).odd_mask(), u32::MAX);
        assert_eq!(less_than_mask(&[5], &[5, 1]), u32::MAX);
        assert_eq!(less_than_mask(&[5, 1], &[5]), 0);
        assert_eq!(less_than_mask(&[5], &[5]), 0);
        assert!(equal(&[5, 0, 0], &[5]) && !equal(&[5, 0, 1], &[5]));
    }

    proptest! {
        #[test]
        fn products_and_remainders_match_crypto_bigint(
            a in proptest::collection::vec(any::<u32>(), 0..12),
            b in proptest::collection::vec(any::<u32>(), 0..12),
            m in proptest::collection::vec(any::<u32>(), 1..6),
            top in 0u32..3,
        ) {
            let product = mul(&a, &b);
            prop_assert_eq!(product.len(), a.len() + b.len());
            let expected = big(&a).concatenating_mul(&big(&b));
            prop_assert!(same(&product, &expected));

            let mut m = m;
            // Often a modulus with a small or all-ones top limb.
            let last = m.len() - 1;
            m[last] = [m[last], 1, u32::MAX][top as usize];
            if let Some(modulus) = NonZero::new(big(&m)).into_option() {
                let expected = big(&a).rem_vartime(&modulus);
                let rest = remainder(&a, &m);
                prop_assert_eq!(rest.len(), m.len());
                prop_assert!(same(&rest, &expected));
            }
        }
    }
}
