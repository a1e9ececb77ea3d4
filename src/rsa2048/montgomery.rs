//! Montgomery arithmetic modulo a fixed-width odd number with its top bit
//! set (an RSA prime or modulus), in constant time: `R = 2^(32 × N)`, and a
//! value `x` is held as `x × R mod m`.

use zeroize::Zeroize;

use super::limbs::{add, mask_from_bit, select, sub};

/// An odd modulus `m` with `2^(32N - 1) <= m < 2^(32N)`, with the values
/// Montgomery multiplication needs. Wiped on drop (it may be a secret prime).
#[derive(Clone)]
pub(crate) struct Modulus<const N: usize> {
    m: [u32; N],
    /// `-m^-1 mod 2^32`.
    m_neg_inv: u32,
    /// `R mod m`: 1 in Montgomery form.
    one: [u32; N],
    /// `R^2 mod m`: what converts into Montgomery form.
    r2: [u32; N],
}

impl<const N: usize> Modulus<N> {
    /// `None` unless `m` is odd and exactly `32 × N` bits long.
    pub(crate) fn new(m: [u32; N]) -> Option<Self> {
        if m[0] & 1 == 0 || m[N - 1] >> 31 == 0 {
            return None;
        }
        // Newton's iteration doubles the correct low bits: m × m ≡ 1 (mod 8).
        let mut inverse = m[0];
        for _ in 0..4 {
            inverse = inverse.wrapping_mul(2u32.wrapping_sub(m[0].wrapping_mul(inverse)));
        }
        // R mod m = R - m, as m > R / 2.
        let (one, _) = sub(&[0; N], &m);
        let mut modulus = Modulus {
            m,
            m_neg_inv: inverse.wrapping_neg(),
            one,
            r2: [0; N],
        };
        // Doubling R mod m N times gives 2^N in Montgomery form; five
        // Montgomery squarings take it to 2^(32N) = R, that is R^2 mod m.
        let mut x = one;
        for _ in 0..N {
            x = modulus.add(&x, &x);
        }
        for _ in 0..5 {
            x = modulus.square(&x);
        }
        modulus.r2 = x;
        Some(modulus)
    }

    /// The modulus.
    pub(crate) fn value(&self) -> &[u32; N] {
        &self.m
    }

    /// 1 in Montgomery form.
    pub(crate) fn one(&self) -> &[u32; N] {
        &self.one
    }

    /// `x` (any value below `R`) in Montgomery form: `x × R mod m`.
    pub(crate) fn to_montgomery(&self, x: &[u32; N]) -> [u32; N] {
        self.mul(&self.r2, x)
    }

    /// The number `hi × R + lo` (any two values below `R`) reduced modulo
    /// `m`, in Montgomery form.
    pub(crate) fn to_montgomery_wide(&self, lo: &[u32; N], hi: &[u32; N]) -> [u32; N] {
        let hi_r = self.to_montgomery(hi);
        self.add(&self.to_montgomery(&hi_r), &self.to_montgomery(lo))
    }

    /// Back from Montgomery form: `x × R^-1 mod m`, fully reduced.
    pub(crate) fn from_montgomery(&self, x: &[u32; N]) -> [u32; N] {
        let mut one = [0; N];
        one[0] = 1;
        self.mul(x, &one)
    }

    /// `(a + b) mod m`, for `a, b < m`.
    pub(crate) fn add(&self, a: &[u32; N], b: &[u32; N]) -> [u32; N] {
        let (sum, carry) = add(a, b);
        self.subtract_if_not_below(&sum, carry)
    }

    /// `(a - b) mod m`, for `a, b < m`.
    pub(crate) fn sub(&self, a: &[u32; N], b: &[u32; N]) -> [u32; N] {
        let (difference, borrow) = sub(a, b);
        let (wrapped, _) = add(&difference, &self.m);
        select(mask_from_bit(borrow), &wrapped, &difference)
    }

    /// `x mod m` for `x < 2m`.
    pub(crate) fn reduce_once(&self, x: &[u32; N]) -> [u32; N] {
        self.subtract_if_not_below(x, 0)
    }

    /// The Montgomery product `a × b × R^-1 mod m`, fully reduced, for
    /// `a < m` and any `b < R` (coarsely integrated operand scanning).
    pub(crate) fn mul(&self, a: &[u32; N], b: &[u32; N]) -> [u32; N] {
        let (m, m_neg_inv) = (&self.m, self.m_neg_inv);
        let mut t = [0u32; N];
        let mut t_top = 0u32;
        for &bi in b {
            let bi = u64::from(bi);
            let s = u64::from(t[0]) + u64::from(a[0]) * bi;
            let u = u64::from((s as u32).wrapping_mul(m_neg_inv));
            let r = u64::from(s as u32) + u * u64::from(m[0]);
            let (mut carry_mul, mut carry_reduce) = (s >> 32, r >> 32);
            for j in 1..N {
                let s = u64::from(t[j]) + u64::from(a[j]) * bi + carry_mul;
                carry_mul = s >> 32;
                let r = u64::from(s as u32) + u * u64::from(m[j]) + carry_reduce;
                carry_reduce = r >> 32;
                t[j - 1] = r as u32;
            }
            let s = u64::from(t_top) + carry_mul + carry_reduce;
            t[N - 1] = s as u32;
            t_top = (s >> 32) as u32;
        }
        let result = self.subtract_if_not_below(&t, t_top);
        t.zeroize();
        result
    }

    /// The Montgomery square `a^2 × R^-1 mod m` for `a < m`: the square is
    /// formed first (each cross product once, then doubled), then reduced.
    pub(crate) fn square(&self, a: &[u32; N]) -> [u32; N] {
        let mut wide = [[0u32; N]; 2];
        let words = wide.as_flattened_mut();
        for i in 0..N - 1 {
            let ai = u64::from(a[i]);
            let mut carry = 0u64;
            for (word, &aj) in words[2 * i + 1..i + N].iter_mut().zip(&a[i + 1..]) {
                let s = u64::from(*word) + ai * u64::from(aj) + carry;
                *word = s as u32;
                carry = s >> 32;
            }
            words[i + N] = carry as u32;
        }
        let mut carry = 0u64;
        for (pair, &ai) in words.chunks_exact_mut(2).zip(a) {
            let diagonal = u64::from(ai) * u64::from(ai);
            let low = (u64::from(pair[0]) << 1) + (diagonal & 0xFFFF_FFFF) + carry;
            pair[0] = low as u32;
            let high = (u64::from(pair[1]) << 1) + (diagonal >> 32) + (low >> 32);
            pair[1] = high as u32;
            carry = high >> 32;
        }
        let result = self.reduce(&mut wide);
        wide.zeroize();
        result
    }

    /// Montgomery reduction of a double-width `t < m × R`: `t × R^-1 mod m`.
    fn reduce(&self, wide: &mut [[u32; N]; 2]) -> [u32; N] {
        let words = wide.as_flattened_mut();
        let mut top = 0u32;
        for i in 0..N {
            let u = u64::from(words[i].wrapping_mul(self.m_neg_inv));
            let mut carry = 0u64;
            for (word, &mj) in words[i..i + N].iter_mut().zip(&self.m) {
                let s = u64::from(*word) + u * u64::from(mj) + carry;
                *word = s as u32;
                carry = s >> 32;
            }
            let s = u64::from(words[i + N]) + carry + u64::from(top);
            words[i + N] = s as u32;
            top = (s >> 32) as u32;
        }
        self.subtract_if_not_below(&wide[1], top)
    }

    /// `x - m` when `top × R + x >= m`, else `x`, for `top × R + x < 2m`.
    fn subtract_if_not_below(&self, x: &[u32; N], top: u32) -> [u32; N] {
        let (difference, borrow) = sub(x, &self.m);
        select(mask_from_bit(top | (borrow ^ 1)), &difference, x)
    }
}

impl<const N: usize> Drop for Modulus<N> {
    fn drop(&mut self) {
        self.m.zeroize();
        self.one.zeroize();
        self.r2.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2^64 - 59, the largest 64-bit prime, as two limbs.
    const PRIME: u64 = 0xFFFF_FFFF_FFFF_FFC5;

    fn limbs(x: u64) -> [u32; 2] {
        [x as u32, (x >> 32) as u32]
    }

    fn value(x: [u32; 2]) -> u64 {
        u64::from(x[0]) | (u64::from(x[1]) << 32)
    }

    fn mul_mod(a: u64, b: u64) -> u64 {
        (u128::from(a) * u128::from(b) % u128::from(PRIME)) as u64
    }

    #[test]
    fn agrees_with_u128_arithmetic() {
        let modulus = Modulus::new(limbs(PRIME)).unwrap();
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
                let (am, bm) = (
                    modulus.to_montgomery(&limbs(a)),
                    modulus.to_montgomery(&limbs(b)),
                );
                assert_eq!(
                    value(modulus.from_montgomery(&modulus.mul(&am, &bm))),
                    mul_mod(a, b)
                );
                assert_eq!(
                    value(modulus.from_montgomery(&modulus.square(&am))),
                    mul_mod(a, a)
                );
                assert_eq!(
                    value(modulus.add(&limbs(a), &limbs(b))),
                    ((u128::from(a) + u128::from(b)) % u128::from(PRIME)) as u64
                );
                assert_eq!(
                    value(modulus.sub(&limbs(a), &limbs(b))),
                    ((u128::from(a) + u128::from(PRIME) - u128::from(b)) % u128::from(PRIME))
                        as u64
                );
            }
        }
        let wide = modulus
            .from_montgomery(&modulus.to_montgomery_wide(&limbs(u64::MAX), &limbs(u64::MAX)));
        assert_eq!(value(wide), (u128::MAX % u128::from(PRIME)) as u64);
    }

    #[test]
    fn refuses_even_or_short_moduli() {
        assert!(Modulus::new(limbs(PRIME - 1)).is_none());
        assert!(Modulus::new(limbs(PRIME >> 1)).is_none());
    }
}
