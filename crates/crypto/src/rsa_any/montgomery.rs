//! Montgomery arithmetic modulo an odd number whose width is set at run
//! time (an RSA prime or modulus), in constant time.
//!
//! As in the fixed-width engine, residues are held in 28-bit limbs
//! (`L` of them, `R = 2^(28 L)`, a value `x` held as `x × R mod m`), so that
//! the products of a column add up in a `u64` with no carry chain. With a
//! run-time `L` a column can take more products than fit, so the sums are
//! carried into the next column every [`ROWS_PER_CARRY`] rows.

use super::natural::Natural;
use super::power::pow_public;
use super::wiped::Wiped;
use crate::rsa2048::{mask_from_bit, pack_into, unpack_into, LIMB_BITS, LIMB_MASK};

/// How many rows of products (each below 2^56) a column takes between two
/// carry passes: with what a pass leaves (below 2^29), 2 × 64 of them
/// stay far below 2^64.
const ROWS_PER_CARRY: usize = 64;

/// A residue or a number in 28-bit limbs, wiped on drop.
pub(crate) type Residue = Wiped<u32>;

/// Column sums of a double-width product, wiped on drop: the scratch space
/// of [`Modulus::mul_into`] and [`Modulus::square_into`].
pub(crate) type Columns = Wiped<u64>;

/// An odd modulus `m` below `2^bits` for a public `bits`, with the values
/// Montgomery multiplication needs. Wiped on drop (it may be a secret
/// prime).
#[derive(Clone)]
pub(crate) struct Modulus {
    /// `m` in 28-bit limbs: `bits / 28 + 1` of them, so that `2m < R`.
    limbs: Residue,
    /// How many 32-bit limbs numbers below `m` take in ordinary form.
    words: usize,
    /// `-m^-1 mod 2^28`.
    m_neg_inv: u32,
    /// `R mod m`: 1 in Montgomery form.
    one: Residue,
    /// `R^2 mod m`: what converts into Montgomery form.
    r2: Residue,
    /// `R^3 mod m`: what converts a reduced double-width number.
    r3: Residue,
}

impl Modulus {
    /// The modulus `m` (32-bit limbs), which the caller knows to be odd, at
    /// least 3, and from `2^(bits - 2)` to below `2^bits` (an RSA modulus
    /// of `bits` bits, or a prime of an RSA key whose primes have at most
    /// `bits` bits each). For any other `m` the arithmetic is wrong, but
    /// never panics.
    pub(crate) fn new(m: &[u32], bits: usize) -> Self {
        let low = m.first().copied().unwrap_or(0);
        let count = bits / LIMB_BITS as usize + 1;
        let mut limbs = Wiped::zeroed(count);
        pack_into(m, &mut limbs);
        // Newton's iteration doubles the correct low bits: m × m ≡ 1 (mod 8).
        let mut inverse = low;
        for _ in 0..4 {
            inverse = inverse.wrapping_mul(2u32.wrapping_sub(low.wrapping_mul(inverse)));
        }
        let mut modulus = Modulus {
            limbs,
            words: bits.div_ceil(32),
            m_neg_inv: inverse.wrapping_neg() & LIMB_MASK,
            one: Wiped::zeroed(count),
            r2: Wiped::zeroed(count),
            r3: Wiped::zeroed(count),
        };
        // R mod m by doubling 2^(bits - 2), which is below m, up to
        // 2^(28 L) (at most 30 times); then 2 in Montgomery form, whose
        // (28 L)-th power is 2^(28 L) = R in Montgomery form: R^2 mod m.
        let r_bits = LIMB_BITS as usize * count;
        let start = bits.saturating_sub(2);
        let mut x = Wiped::zeroed(count);
        x[start / LIMB_BITS as usize] = 1 << (start % LIMB_BITS as usize);
        for _ in start..r_bits {
            x = modulus.add(&x, &x);
        }
        let two = modulus.add(&x, &x);
        modulus.one = x;
        modulus.r2 = pow_public(&modulus, &two, r_bits as u64);
        modulus.r3 = modulus.mul(&modulus.r2, &modulus.r2);
        modulus
    }

    /// How many 28-bit limbs a residue has.
    pub(crate) fn limb_count(&self) -> usize {
        self.limbs.len()
    }

    /// 1 in Montgomery form.
    pub(crate) fn one(&self) -> &[u32] {
        &self.one
    }

    /// Empty scratch space for products modulo this modulus.
    pub(crate) fn columns(&self) -> Columns {
        Wiped::zeroed(2 * self.limbs.len())
    }

    /// `x mod m` in Montgomery form, for `x` (32-bit limbs) below `R`.
    pub(crate) fn to_montgomery(&self, x: &[u32]) -> Residue {
        let mut packed = Wiped::zeroed(self.limbs.len());
        pack_into(x, &mut packed);
        self.mul(&self.r2, &packed)
    }

    /// `x mod m` in Montgomery form, for `x` (32-bit limbs) below `m × R`
    /// and below `R^2`.
    pub(crate) fn to_montgomery_wide(&self, x: &[u32]) -> Residue {
        let mut columns = self.columns();
        let mut packed = Wiped::zeroed(columns.len());
        pack_into(x, &mut packed);
        for (sum, &limb) in columns.iter_mut().zip(packed.iter()) {
            *sum = u64::from(limb);
        }
        // x × R^-1, then × R^3 × R^-1.
        let mut reduced = Wiped::zeroed(self.limbs.len());
        self.reduce_columns(&mut columns, &mut reduced);
        self.mul(&self.r3, &reduced)
    }

    /// Back from Montgomery form: `x × R^-1 mod m`, fully reduced, in
    /// as many 32-bit limbs as the modulus's width takes.
    pub(crate) fn to_ordinary(&self, x: &[u32]) -> Natural {
        let mut one = Wiped::zeroed(self.limbs.len());
        one[0] = 1;
        let product = self.mul(x, &one);
        self.unpacked(&product)
    }

    /// `factor × x mod m` in ordinary form (32-bit limbs), for `factor` in
    /// Montgomery form and `x` (32-bit limbs, ordinary form) below `R`.
    pub(crate) fn mul_ordinary(&self, factor: &[u32], x: &[u32]) -> Natural {
        let mut packed = Wiped::zeroed(self.limbs.len());
        pack_into(x, &mut packed);
        let product = self.mul(factor, &packed);
        self.unpacked(&product)
    }

    /// `(a + b) mod m`, for `a, b < m` in 28-bit limbs.
    pub(crate) fn add(&self, a: &[u32], b: &[u32]) -> Residue {
        let mut sum = Wiped::zeroed(self.limbs.len());
        let mut carry = 0;
        for ((out, &x), &y) in sum.iter_mut().zip(a).zip(b) {
            let total = x + y + carry;
            *out = total & LIMB_MASK;
            carry = total >> LIMB_BITS;
        }
        // 2m < R: the sum fits, and one subtraction reduces it.
        let mut reduced = Wiped::zeroed(self.limbs.len());
        self.subtract_if_not_below(&sum, &mut reduced);
        reduced
    }

    /// `(a - b) mod m`, for `a, b < m` in 28-bit limbs.
    pub(crate) fn sub(&self, a: &[u32], b: &[u32]) -> Residue {
        let mut difference = Wiped::zeroed(self.limbs.len());
        let mut borrow = 0;
        for ((out, &x), &y) in difference.iter_mut().zip(a).zip(b) {
            let d = x.wrapping_sub(y).wrapping_sub(borrow);
            *out = d & LIMB_MASK;
            borrow = d >> 31;
        }
        // Add m back where the difference went below zero.
        let mask = mask_from_bit(borrow);
        let mut carry = 0;
        for (out, &mi) in difference.iter_mut().zip(self.limbs.iter()) {
            let total = *out + (mi & mask) + carry;
            *out = total & LIMB_MASK;
            carry = total >> LIMB_BITS;
        }
        difference
    }

    /// The Montgomery product `a × b × R^-1 mod m`, fully reduced, for
    /// `a < m` and any `b < R`.
    pub(crate) fn mul(&self, a: &[u32], b: &[u32]) -> Residue {
        let mut product = Wiped::zeroed(self.limbs.len());
        self.mul_into(a, b, &mut product, &mut self.columns());
        product
    }

    /// [`Self::mul`] into `out`, with `columns` (from [`Self::columns`]) as
    /// scratch space. (Out of line, as are the squaring and the reduction:
    /// one copy of each serves every caller.)
    #[inline(never)]
    pub(crate) fn mul_into(&self, a: &[u32], b: &[u32], out: &mut [u32], columns: &mut [u64]) {
        columns.fill(0);
        let count = self.limbs.len();
        for (i, &ai) in a.iter().enumerate() {
            let ai = u64::from(ai);
            for (sum, &bj) in columns[i..i + count].iter_mut().zip(b) {
                *sum += ai * u64::from(bj);
            }
            if i % ROWS_PER_CARRY == ROWS_PER_CARRY - 1 {
                carry_through(columns);
            }
        }
        self.reduce_columns(columns, out);
    }

    /// The Montgomery square `a^2 × R^-1 mod m` for `a < m` into `out`,
    /// with `columns` as scratch space: each cross product is formed once
    /// and doubled.
    #[inline(never)]
    pub(crate) fn square_into(&self, a: &[u32], out: &mut [u32], columns: &mut [u64]) {
        columns.fill(0);
        for (i, &ai) in a.iter().enumerate() {
            let ai = u64::from(ai);
            for (sum, &aj) in columns[2 * i + 1..].iter_mut().zip(&a[i + 1..]) {
                *sum += ai * u64::from(aj);
            }
            if i % ROWS_PER_CARRY == ROWS_PER_CARRY - 1 {
                carry_through(columns);
            }
        }
        carry_through(columns);
        for (pair, &ai) in columns.chunks_exact_mut(2).zip(a) {
            pair[0] = 2 * pair[0] + u64::from(ai) * u64::from(ai);
            pair[1] *= 2;
        }
        self.reduce_columns(columns, out);
    }

    /// Montgomery reduction into `out` of the number whose 28-bit column
    /// sums are `columns` (`columns[k]` of weight `2^(28 k)`, each below
    /// 2^63), which must be below `m × R`.
    #[inline(never)]
    fn reduce_columns(&self, columns: &mut [u64], out: &mut [u32]) {
        let count = self.limbs.len();
        for i in 0..count {
            let u = u64::from((columns[i] as u32).wrapping_mul(self.m_neg_inv) & LIMB_MASK);
            for (sum, &mj) in columns[i..i + count].iter_mut().zip(self.limbs.iter()) {
                *sum += u * u64::from(mj);
            }
            columns[i + 1] += columns[i] >> LIMB_BITS;
            if i % ROWS_PER_CARRY == ROWS_PER_CARRY - 1 {
                carry_through(&mut columns[i + 1..]);
            }
        }
        // Below 2m < R: the top carry is zero.
        let mut result = Wiped::zeroed(count);
        let mut carry = 0u64;
        for (limb, &sum) in result.iter_mut().zip(&columns[count..]) {
            let value = sum + carry;
            *limb = value as u32 & LIMB_MASK;
            carry = value >> LIMB_BITS;
        }
        self.subtract_if_not_below(&result, out);
    }

    /// `x - m` when `x >= m`, else `x`, into `out`, for 28-bit limbs.
    fn subtract_if_not_below(&self, x: &[u32], out: &mut [u32]) {
        let mut borrow = 0u32;
        for ((o, &xi), &mi) in out.iter_mut().zip(x).zip(self.limbs.iter()) {
            let d = xi.wrapping_sub(mi).wrapping_sub(borrow);
            *o = d & LIMB_MASK;
            borrow = d >> 31;
        }
        let keep = mask_from_bit(borrow);
        for (o, &xi) in out.iter_mut().zip(x) {
            *o ^= keep & (*o ^ xi);
        }
    }

    /// A number below `R` from 28-bit limbs to as many 32-bit limbs as the
    /// modulus's width takes (it must fit).
    fn unpacked(&self, limbs: &[u32]) -> Natural {
        let mut words = Natural::zero(self.words);
        unpack_into(limbs, &mut words);
        words
    }
}

/// Carries each column's bits above 28 into the next, which leaves every
/// column but the last below 2^28 (and the number the same).
fn carry_through(columns: &mut [u64]) {
    let mut carry = 0;
    for sum in columns.iter_mut() {
        let value = *sum + carry;
        *sum = value & u64::from(LIMB_MASK);
        carry = value >> LIMB_BITS;
    }
    if let Some(last) = columns.last_mut() {
        *last += carry << LIMB_BITS;
    }
}

#[cfg(test)]
mod tests {
    use crypto_bigint::{ConcatenatingMul, NonZero};
    use proptest::prelude::*;

    use super::*;
    use crate::rsa_any::natural::tests::{big, digits};
    use crate::rsa_any::natural::{mul, Natural};

    /// `(a × b) mod m` by crypto-bigint, as big-endian digits.
    fn expected_product(a: &[u32], b: &[u32], m: &[u32]) -> Vec<u8> {
        let product = big(a).concatenating_mul(&big(b));
        let m = NonZero::new(big(m)).unwrap();
        digits(&product.rem_vartime(&m).to_be_bytes())
    }

    fn digits_of(words: &[u32]) -> Vec<u8> {
        digits(&big(words).to_be_bytes())
    }

    /// `m` (odd, at least 3) with a public width of `extra` (0 or 1) bits
    /// more than it needs.
    fn modulus(m: &[u32], extra: usize) -> Modulus {
        let bits = 32 * m.len() - m.last().unwrap().leading_zeros() as usize + extra;
        Modulus::new(m, bits)
    }

    fn check(m: &[u32], extra: usize, a: &[u32], b: &[u32]) {
        let modulus = modulus(m, extra);
        // Below m, so that they are below R too.
        let reduce = |x: &[u32]| {
            let x = big(x).rem_vartime(&NonZero::new(big(m)).unwrap());
            Natural::from_be_bytes(&x.to_be_bytes(), m.len()).unwrap()
        };
        let (a, b) = (reduce(a), reduce(b));
        let (am, bm) = (modulus.to_montgomery(&a), modulus.to_montgomery(&b));
        let expected = expected_product(&a, &b, m);
        assert_eq!(
            digits_of(&modulus.to_ordinary(&modulus.mul(&am, &bm))),
            expected
        );
        let mut out = vec![0; modulus.limb_count()];
        modulus.square_into(&am, &mut out, &mut modulus.columns());
        assert_eq!(
            digits_of(&modulus.to_ordinary(&out)),
            expected_product(&a, &a, m)
        );
        assert_eq!(digits_of(&modulus.mul_ordinary(&am, &b)), expected);
        let sum = modulus.to_ordinary(&modulus.add(&am, &bm));
        let expected_sum = digits(
            &big(&a)
                .concatenating_add(big(&b))
                .rem_vartime(&NonZero::new(big(m)).unwrap())
                .to_be_bytes(),
        );
        assert_eq!(digits_of(&sum), expected_sum);
        let difference = modulus.to_ordinary(&modulus.sub(&am, &bm));
        let back = modulus.to_ordinary(&modulus.add(&modulus.to_montgomery(&difference), &bm));
        assert_eq!(digits_of(&back), digits_of(&a));
        // A double-width number: a × b itself.
        let wide = mul(&a, &b);
        assert_eq!(
            digits_of(&modulus.to_ordinary(&modulus.to_montgomery_wide(&wide))),
            expected
        );
    }

    #[test]
    fn small_and_edge_moduli() {
        for m in [
            &[3u32][..],
            &[5],
            &[u32::MAX],
            &[1, 1],
            &[u32::MAX; 3],
            &[0x8000_0001, 0, 0, 1 << 31],
        ] {
            for extra in [0, 1] {
                for (a, b) in [
                    (&[0u32][..], &[0u32][..]),
                    (&[1], &[1]),
                    (&[u32::MAX; 4], &[2]),
                    (&[7, 9, 11], &[u32::MAX; 2]),
                ] {
                    check(m, extra, a, b);
                }
            }
        }
    }

    #[test]
    fn wide_moduli_carry_their_columns() {
        // 200 limbs of 28 bits: more than a u64 column could hold uncarried.
        let mut m: Vec<u32> = (0..175u32)
            .map(|i| i.wrapping_mul(0x9E37_79B9) | 1)
            .collect();
        m[0] |= 1;
        *m.last_mut().unwrap() = u32::MAX;
        let a: Vec<u32> = (0..175u32).map(|i| u32::MAX - i).collect();
        let b = vec![u32::MAX; 175];
        check(&m, 0, &a, &b);
        check(&m, 1, &b, &b);
        // All-ones limbs: the largest column sums there are.
        let m = vec![u32::MAX; 300];
        let mut m_minus_one = m.clone();
        m_minus_one[0] -= 1;
        check(&m, 0, &m_minus_one, &m_minus_one);
    }

    proptest! {
        #[test]
        fn matches_crypto_bigint(
            m in proptest::collection::vec(any::<u32>(), 1..12),
            a in proptest::collection::vec(any::<u32>(), 1..12),
            b in proptest::collection::vec(any::<u32>(), 1..12),
            extra in 0usize..2,
        ) {
            let mut m = m;
            m[0] |= 1;
            // At least 3.
            if m[0] > 1 || m[1..].iter().any(|&limb| limb != 0) {
                check(&m, extra, &a, &b);
            }
        }
    }
}
