//! Constant-time remainders modulo a 1024-bit number whose top bit is set
//! (such as `p - 1` for a 1024-bit prime `p`), for checking a private
//! key's CRT exponents: schoolbook long division one 32-bit limb at a
//! time, with the quotient limb estimated from the top limbs (Knuth's
//! algorithm D, which a set top bit makes at most 2 too large) and then
//! corrected with masked additions. Nothing branches on, or indexes memory
//! by, the values.

use super::limbs::{eq_mask, mask_from_bit, select, sub, wipe};
use super::Limbs1024;

/// `x mod m`, for an `x` of any number of limbs (a public length) and an
/// `m` of exactly 1024 bits (its top bit set; the result is meaningless
/// otherwise). Out of line: one copy serves every length.
#[inline(never)]
pub(crate) fn remainder(x: &[u32], m: &Limbs1024) -> Limbs1024 {
    let (low, high) = x.split_at(x.len().saturating_sub(32));
    // The top 32 limbs are below 2^1024 <= 2m: one subtraction reduces them.
    let mut top = [0u32; 32];
    top[..high.len()].copy_from_slice(high);
    let (mut difference, borrow) = sub(&top, m);
    let mut r = select(mask_from_bit(borrow), &top, &difference);
    wipe(&mut top);
    wipe(&mut difference);
    for &limb in low.iter().rev() {
        shift_in(&mut r, limb, m);
    }
    r
}

/// Replaces `r` (below `m`) with `(r × 2^32 + limb) mod m`.
fn shift_in(r: &mut Limbs1024, limb: u32, m: &Limbs1024) {
    // u = r × 2^32 + limb, in 33 limbs; the 33rd limb of m is zero.
    let mut u = [0u32; 33];
    u[0] = limb;
    u[1..].copy_from_slice(r);
    let q = quotient_estimate(u[32], u[31], m[31]);
    // u - q × m lies in (-2m, m): kept in 33 limbs, two's complement.
    let (mut carry, mut borrow) = (0u64, 0u64);
    for (i, word) in u.iter_mut().enumerate() {
        let m_i = m.get(i).copied().unwrap_or(0);
        let product = u64::from(m_i) * u64::from(q) + carry;
        carry = product >> 32;
        let difference = u64::from(*word)
            .wrapping_sub(product & 0xffff_ffff)
            .wrapping_sub(borrow);
        *word = difference as u32;
        borrow = difference >> 63;
    }
    // At most two additions of m bring a negative value into [0, m).
    for _ in 0..2 {
        let negative = mask_from_bit(u[32] >> 31);
        let mut carry = 0u64;
        for (i, word) in u.iter_mut().enumerate() {
            let m_i = m.get(i).copied().unwrap_or(0);
            let sum = u64::from(*word) + u64::from(m_i & negative) + carry;
            *word = sum as u32;
            carry = sum >> 32;
        }
    }
    r.copy_from_slice(&u[..32]);
    wipe(&mut u);
}

/// `min(⌊(high × 2^32 + low) / divisor⌋, 2^32 - 1)` for a `divisor` with
/// its top bit set and `high <= divisor`, one quotient bit at a time (a
/// hardware division may take time that depends on its operands).
fn quotient_estimate(high: u32, low: u32, divisor: u32) -> u32 {
    // high == divisor: the quotient is at least 2^32, so the estimate is
    // capped; otherwise high < divisor and the quotient fits in 32 bits.
    let overflow = eq_mask(high, divisor);
    let divisor = u64::from(divisor);
    let mut rest = u64::from(high & !overflow);
    let mut quotient = 0u32;
    for bit in (0..32).rev() {
        rest = (rest << 1) | u64::from((low >> bit) & 1);
        // rest < 2^33: the difference's top bit is its sign.
        let difference = rest.wrapping_sub(divisor);
        let fits = (difference >> 63) as u32 ^ 1;
        rest = difference.wrapping_add(divisor & u64::from(mask_from_bit(fits ^ 1)));
        quotient |= fits << bit;
    }
    quotient | overflow
}

#[cfg(test)]
mod tests {
    use crypto_bigint::{BoxedUint, NonZero};
    use proptest::prelude::*;

    use super::*;
    use crate::rsa2048::limbs::{add, from_be_bytes};

    fn reference(x: &[u32], m: &Limbs1024) -> Limbs1024 {
        let wide = |limbs: &[u32]| {
            let bytes: Vec<u8> = limbs.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
            BoxedUint::from_be_slice(&bytes, 32 * limbs.len().max(32) as u32).unwrap()
        };
        let modulus = NonZero::new(wide(m)).unwrap();
        let rem = wide(x).rem(&modulus);
        let bytes = rem.to_be_bytes();
        from_be_bytes(&bytes).unwrap()
    }

    fn check(x: &[u32], m: &Limbs1024) {
        assert_eq!(remainder(x, m), reference(x, m), "x = {x:x?}, m = {m:x?}");
    }

    /// `m` with its top bit forced on.
    fn modulus(mut m: Limbs1024) -> Limbs1024 {
        m[31] |= 1 << 31;
        m
    }

    /// `k × m + c` in `N` limbs (wrapping), for edge values near multiples.
    fn multiple_plus<const N: usize>(m: &Limbs1024, k: u32, c: i64) -> [u32; N] {
        let mut out = [0u32; N];
        let mut carry = 0u64;
        for (i, word) in out.iter_mut().enumerate() {
            let s = u64::from(m.get(i).copied().unwrap_or(0)) * u64::from(k) + carry;
            *word = s as u32;
            carry = s >> 32;
        }
        let mut addend = [if c < 0 { u32::MAX } else { 0 }; N];
        addend[0] = c as u32;
        if N > 1 {
            addend[1] = (c >> 32) as u32;
        }
        add(&out, &addend).0
    }

    #[test]
    fn edge_values() {
        let smallest = modulus([0; 32]);
        let largest = [u32::MAX; 32];
        let mut odd_top = modulus([0x5555_5555; 32]);
        odd_top[0] = 0;
        for m in [smallest, largest, odd_top, modulus([1; 32])] {
            for k in [0, 1, 2, 3, u32::MAX] {
                for c in [0, 1, -1] {
                    check(&multiple_plus::<33>(&m, k, c), &m);
                    check(&multiple_plus::<64>(&m, k, c), &m);
                }
            }
            check(&[], &m);
            check(&[7], &m);
            check(&[0u32; 32], &m);
            check(&[u32::MAX; 32], &m);
            check(&[u32::MAX; 34], &m);
            check(&[u32::MAX; 64], &m);
            check(&core::array::from_fn::<u32, 64, _>(|i| m[i % 32]), &m);
        }
    }

    #[test]
    fn quotient_estimate_is_exact_or_capped() {
        for (high, low, divisor) in [
            (0, 0, 1 << 31),
            (u32::MAX, u32::MAX, u32::MAX),
            (u32::MAX - 1, u32::MAX, u32::MAX),
            (1 << 31, 0, 1 << 31),
            ((1 << 31) - 1, u32::MAX, 1 << 31),
            (0x8000_1234, 0xdead_beef, 0x8000_1235),
        ] {
            let exact = ((u64::from(high) << 32) | u64::from(low)) / u64::from(divisor);
            let expected = exact.min(u64::from(u32::MAX)) as u32;
            assert_eq!(quotient_estimate(high, low, divisor), expected);
        }
    }

    proptest! {
        #[test]
        fn matches_crypto_bigint(
            m in proptest::array::uniform32(any::<u32>()),
            x in proptest::collection::vec(any::<u32>(), 64),
            top in 0u32..4,
            length in 0usize..=64,
        ) {
            let mut m = modulus(m);
            // Often a modulus with its top limb exactly 2^31 or all ones,
            // where the quotient estimate is most often too large.
            m[31] = [m[31], 1 << 31, u32::MAX, (1 << 31) | 1][top as usize];
            check(&x, &m);
            check(&x[..34], &m);
            check(&x[..length], &m);
        }
    }
}
