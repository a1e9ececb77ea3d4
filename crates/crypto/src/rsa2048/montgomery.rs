//! Montgomery arithmetic modulo a fixed-width odd number with its top bit
//! set (an RSA prime or modulus), in constant time.
//!
//! Numbers come in and go out as `N` 32-bit limbs. Inside, residues are
//! `L` limbs of 28 bits (`R = 2^(28 × L)`, a value `x` held as
//! `x × R mod m`): products of 28-bit limbs leave room in a `u64` to add
//! every product of a column (and the reduction's) before carrying, so the
//! inner loops are a multiply and an add each, with no carry chain; that is
//! what makes them fast in WebAssembly, where a 32 × 32-bit multiply with
//! carry handling costs many instructions.

use super::limbs::{add, mask_from_bit, one, select, sub, wipe};
use super::power::pow_public;

/// Bits per limb of a residue.
pub(crate) const LIMB_BITS: u32 = 28;
/// The bits of a residue's limb.
pub(crate) const LIMB_MASK: u32 = (1 << LIMB_BITS) - 1;

/// An odd modulus `m` with `2^(32N - 1) <= m < 2^(32N)`, with the values
/// Montgomery multiplication needs. Wiped on drop (it may be a secret prime).
#[derive(Clone)]
pub(crate) struct Modulus<const N: usize, const L: usize> {
    /// `m` in 32-bit limbs.
    words: [u32; N],
    /// `m` in 28-bit limbs.
    limbs: [u32; L],
    /// `-m^-1 mod 2^28`.
    m_neg_inv: u32,
    /// `R mod m`: 1 in Montgomery form.
    one: [u32; L],
    /// `R^2 mod m`: what converts into Montgomery form.
    r2: [u32; L],
    /// `R^3 mod m`: what converts a reduced double-width number.
    r3: [u32; L],
}

impl<const N: usize, const L: usize> Modulus<N, L> {
    /// `None` unless `m` is odd and exactly `32 × N` bits long.
    pub(crate) fn new(m: [u32; N]) -> Option<Self> {
        const {
            // 2m fits in L limbs, and a column of 2L products of 28-bit
            // limbs (below 2^56 each) plus a carry fits in 64 bits.
            assert!(LIMB_BITS as usize * L > 32 * N && 2 * L < 255);
        }
        if m[0] & 1 == 0 || m[N - 1] >> 31 == 0 {
            return None;
        }
        // Newton's iteration doubles the correct low bits: m × m ≡ 1 (mod 8).
        let mut inverse = m[0];
        for _ in 0..4 {
            inverse = inverse.wrapping_mul(2u32.wrapping_sub(m[0].wrapping_mul(inverse)));
        }
        let mut modulus = Modulus {
            words: m,
            limbs: pack(&m),
            m_neg_inv: inverse.wrapping_neg() & LIMB_MASK,
            one: [0; L],
            r2: [0; L],
            r3: [0; L],
        };
        // 2^(32N) mod m = 2^(32N) - m, as m > 2^(32N - 1); doubling it
        // gives R mod m (1 in Montgomery form) and then 2 in Montgomery
        // form, whose (28L)-th power is 2^(28L) = R in Montgomery form:
        // R × R mod m.
        let r_bits = LIMB_BITS as usize * L;
        let (mut x, _) = sub(&[0; N], &m);
        for _ in 32 * N..r_bits {
            x = modulus.add(&x, &x);
        }
        modulus.one = pack(&x);
        let two = pack(&modulus.add(&x, &x));
        let r2 = pow_public(&modulus, &two, r_bits as u64);
        modulus.r2 = r2;
        modulus.r3 = modulus.mul(&r2, &r2);
        Some(modulus)
    }

    /// The modulus.
    pub(crate) fn value(&self) -> &[u32; N] {
        &self.words
    }

    /// 1 in Montgomery form.
    pub(crate) fn one(&self) -> &[u32; L] {
        &self.one
    }

    /// `x mod m` (any `x`) in Montgomery form.
    pub(crate) fn to_montgomery(&self, x: &[u32; N]) -> [u32; L] {
        let mut packed = pack(x);
        let result = self.mul(&self.r2, &packed);
        wipe(&mut packed);
        result
    }

    /// The double-width number `high × 2^(32N) + low`, reduced modulo `m`,
    /// in Montgomery form.
    pub(crate) fn to_montgomery_wide(&self, low: &[u32; N], high: &[u32; N]) -> [u32; L] {
        let mut words = [*low, *high];
        let mut wide = [[0u32; L]; 2];
        pack_into(words.as_flattened(), wide.as_flattened_mut());
        // x × R^-1 (as x < m × R), then × R^3 × R^-1.
        let reduced = self.reduce(&mut wide);
        wipe(words.as_flattened_mut());
        self.mul(&self.r3, &reduced)
    }

    /// Back from Montgomery form: `x × R^-1 mod m`, fully reduced.
    pub(crate) fn to_ordinary(&self, x: &[u32; L]) -> [u32; N] {
        let mut reduced = self.mul(x, &one());
        let result = unpack(&reduced);
        wipe(&mut reduced);
        result
    }

    /// `factor × x mod m` in ordinary form, for `factor` in Montgomery form
    /// and `x` (any value) in ordinary form.
    pub(crate) fn mul_ordinary(&self, factor: &[u32; L], x: &[u32; N]) -> [u32; N] {
        let mut packed = pack(x);
        let mut product = self.mul(factor, &packed);
        let result = unpack(&product);
        wipe(&mut packed);
        wipe(&mut product);
        result
    }

    /// `(a + b) mod m`, for `a, b < m` in ordinary form.
    pub(crate) fn add(&self, a: &[u32; N], b: &[u32; N]) -> [u32; N] {
        let (sum, carry) = add(a, b);
        let (difference, borrow) = sub(&sum, &self.words);
        select(mask_from_bit(carry | (borrow ^ 1)), &difference, &sum)
    }

    /// `(a - b) mod m`, for `a, b < m` in ordinary form.
    pub(crate) fn sub(&self, a: &[u32; N], b: &[u32; N]) -> [u32; N] {
        let (difference, borrow) = sub(a, b);
        let (wrapped, _) = add(&difference, &self.words);
        select(mask_from_bit(borrow), &wrapped, &difference)
    }

    /// `x mod m` for `x < 2m` in ordinary form.
    pub(crate) fn reduce_once(&self, x: &[u32; N]) -> [u32; N] {
        let (difference, borrow) = sub(x, &self.words);
        select(mask_from_bit(borrow), x, &difference)
    }

    /// The Montgomery product `a × b × R^-1 mod m`, fully reduced, for
    /// `a < m` and any `b < R` (`b` may also be in ordinary form).
    #[inline(never)]
    pub(crate) fn mul(&self, a: &[u32; L], b: &[u32; L]) -> [u32; L] {
        let mut columns = [[0u64; L]; 2];
        let sums = columns.as_flattened_mut();
        for (i, &ai) in a.iter().enumerate() {
            let ai = u64::from(ai);
            for (sum, &bj) in sums[i..i + L].iter_mut().zip(b) {
                *sum += ai * u64::from(bj);
            }
        }
        self.reduce_columns(&mut columns)
    }

    /// The Montgomery square `a^2 × R^-1 mod m` for `a < m`: each cross
    /// product is formed once and doubled.
    #[inline(never)]
    pub(crate) fn square(&self, a: &[u32; L]) -> [u32; L] {
        let mut columns = [[0u64; L]; 2];
        let sums = columns.as_flattened_mut();
        for (i, &ai) in a.iter().enumerate() {
            let ai = u64::from(ai);
            for (sum, &aj) in sums[2 * i + 1..i + L].iter_mut().zip(&a[i + 1..]) {
                *sum += ai * u64::from(aj);
            }
        }
        for (pair, &ai) in sums.chunks_exact_mut(2).zip(a) {
            pair[0] = 2 * pair[0] + u64::from(ai) * u64::from(ai);
            pair[1] *= 2;
        }
        self.reduce_columns(&mut columns)
    }

    /// Montgomery reduction `t × R^-1 mod m` of a double-width `t < m × R`
    /// given in 28-bit limbs.
    fn reduce(&self, wide: &mut [[u32; L]; 2]) -> [u32; L] {
        let mut columns = [[0u64; L]; 2];
        for (sum, &limb) in columns
            .as_flattened_mut()
            .iter_mut()
            .zip(wide.as_flattened())
        {
            *sum = u64::from(limb);
        }
        wipe(wide.as_flattened_mut());
        self.reduce_columns(&mut columns)
    }

    /// Montgomery reduction of a number given as column sums: `columns[k]`
    /// (in reading order) has weight `2^(28k)`; each may exceed 28 bits,
    /// the number must be below `m × R` when `a < m`. Wipes the columns.
    /// (Out of line: one copy of its unrolled loop serves every caller.)
    #[inline(never)]
    fn reduce_columns(&self, columns: &mut [[u64; L]; 2]) -> [u32; L] {
        let sums = columns.as_flattened_mut();
        for i in 0..L {
            let u = u64::from((sums[i] as u32).wrapping_mul(self.m_neg_inv) & LIMB_MASK);
            for (sum, &mj) in sums[i..i + L].iter_mut().zip(&self.limbs) {
                *sum += u * u64::from(mj);
            }
            sums[i + 1] += sums[i] >> LIMB_BITS;
        }
        let mut result = [0u32; L];
        let mut carry = 0u64;
        for (limb, &sum) in result.iter_mut().zip(&sums[L..]) {
            let value = sum + carry;
            *limb = value as u32 & LIMB_MASK;
            carry = value >> LIMB_BITS;
        }
        wipe(columns.as_flattened_mut());
        let reduced = self.subtract_if_not_below(&result);
        wipe(&mut result);
        reduced
    }

    /// `x - m` when `x >= m`, else `x`, for 28-bit limbs.
    fn subtract_if_not_below(&self, x: &[u32; L]) -> [u32; L] {
        let mut difference = [0u32; L];
        let mut borrow = 0u32;
        for ((out, &xi), &mi) in difference.iter_mut().zip(x).zip(&self.limbs) {
            let d = xi.wrapping_sub(mi).wrapping_sub(borrow);
            *out = d & LIMB_MASK;
            borrow = d >> 31;
        }
        select(mask_from_bit(borrow), x, &difference)
    }
}

impl<const N: usize, const L: usize> Drop for Modulus<N, L> {
    fn drop(&mut self) {
        wipe(&mut self.words);
        wipe(&mut self.limbs);
        wipe(&mut self.one);
        wipe(&mut self.r2);
        wipe(&mut self.r3);
    }
}

/// 32-bit limbs to 28-bit limbs (the value must fit).
fn pack<const N: usize, const L: usize>(words: &[u32; N]) -> [u32; L] {
    let mut limbs = [0u32; L];
    pack_into(words, &mut limbs);
    limbs
}

/// 32-bit limbs to 28-bit limbs, as many as `limbs` holds (the value must fit).
pub(crate) fn pack_into(words: &[u32], limbs: &mut [u32]) {
    let (mut buffer, mut bits, mut out) = (0u64, 0u32, limbs.iter_mut());
    for &word in words {
        buffer |= u64::from(word) << bits;
        bits += 32;
        while bits >= LIMB_BITS {
            if let Some(limb) = out.next() {
                *limb = buffer as u32 & LIMB_MASK;
            }
            buffer >>= LIMB_BITS;
            bits -= LIMB_BITS;
        }
    }
    if let Some(limb) = out.next() {
        *limb = buffer as u32;
    }
}

/// 28-bit limbs back to 32-bit limbs (the value must fit).
fn unpack<const N: usize, const L: usize>(limbs: &[u32; L]) -> [u32; N] {
    let mut words = [0u32; N];
    unpack_into(limbs, &mut words);
    words
}

/// 28-bit limbs back to 32-bit limbs, as many as `words` holds (the value
/// must fit).
pub(crate) fn unpack_into(limbs: &[u32], words: &mut [u32]) {
    let (mut buffer, mut bits, mut out) = (0u64, 0u32, words.iter_mut());
    for &limb in limbs {
        buffer |= u64::from(limb) << bits;
        bits += LIMB_BITS;
        if bits >= 32 {
            if let Some(word) = out.next() {
                *word = buffer as u32;
            }
            buffer >>= 32;
            bits -= 32;
        }
    }
    if let Some(word) = out.next() {
        *word = buffer as u32;
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// 2^64 - 59, the largest 64-bit prime (also used by the power tests).
    pub(in crate::rsa2048) const PRIME: u64 = 0xFFFF_FFFF_FFFF_FFC5;

    /// `x` as two limbs.
    pub(in crate::rsa2048) fn limbs(x: u64) -> [u32; 2] {
        [x as u32, (x >> 32) as u32]
    }

    fn value(x: [u32; 2]) -> u64 {
        u64::from(x[0]) | (u64::from(x[1]) << 32)
    }

    fn modulo(x: u128) -> u64 {
        (x % u128::from(PRIME)) as u64
    }

    #[test]
    fn agrees_with_u128_arithmetic() {
        let modulus = Modulus::<2, 3>::new(limbs(PRIME)).unwrap();
        let samples = [
            0,
            1,
            2,
            PRIME - 1,
            PRIME / 2,
            0x1234_5678_9ABC_DEF0,
            1 << 63,
        ];
        for &a in &samples {
            for &b in &samples {
                let (wa, wb) = (u128::from(a), u128::from(b));
                let (am, bm) = (
                    modulus.to_montgomery(&limbs(a)),
                    modulus.to_montgomery(&limbs(b)),
                );
                let product = modulus.to_ordinary(&modulus.mul(&am, &bm));
                assert_eq!(value(product), modulo(wa * wb));
                let square = modulus.to_ordinary(&modulus.square(&am));
                assert_eq!(value(square), modulo(wa * wa));
                assert_eq!(value(modulus.mul_ordinary(&am, &limbs(b))), modulo(wa * wb));
                assert_eq!(value(modulus.add(&limbs(a), &limbs(b))), modulo(wa + wb));
                let difference = modulus.sub(&limbs(a), &limbs(b));
                assert_eq!(value(difference), modulo(wa + u128::from(PRIME) - wb));
            }
        }
        let wide = modulus.to_montgomery_wide(&limbs(u64::MAX), &limbs(u64::MAX));
        assert_eq!(value(modulus.to_ordinary(&wide)), modulo(u128::MAX));
        assert_eq!(value(modulus.reduce_once(&limbs(PRIME + 5))), 5);
    }

    #[test]
    fn packing_round_trips() {
        let words = [0xDEAD_BEEF, 0x0123_4567, 0x89AB_CDEF];
        let limbs: [u32; 4] = pack(&words);
        assert!(limbs.iter().all(|&limb| limb <= LIMB_MASK));
        assert_eq!(unpack::<3, 4>(&limbs), words);
    }

    #[test]
    fn refuses_even_or_short_moduli() {
        assert!(Modulus::<2, 3>::new(limbs(PRIME - 1)).is_none());
        assert!(Modulus::<2, 3>::new(limbs(PRIME >> 1)).is_none());
    }
}
