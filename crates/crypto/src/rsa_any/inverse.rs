//! Constant-time modular inversion: the binary extended Euclidean
//! algorithm with a fixed number of steps and masked updates, so that the
//! time depends on the lengths only. It gives the CRT coefficient
//! `q^-1 mod p`, and whether there is one (the `rsa` crate refuses a key
//! whose primes share a factor).

use super::natural::{equal, less_than_mask, Natural};
use crate::rsa2048::mask_from_bit;

/// `x^-1 mod m` and whether it exists (`gcd(x, m) = 1`), for an odd `m`
/// above 1 and any `x` of at most as many limbs. Without an inverse, the number
/// returned is meaningless.
pub(crate) fn inverse(x: &[u32], m: &[u32]) -> (Natural, bool) {
    let len = m.len();
    // a ≡ u × x and b ≡ v × x (mod m) throughout; b stays odd.
    let mut a = Natural::from_limbs(x, len);
    let mut b = Natural::from_limbs(m, len);
    let mut u = Natural::from_limbs(&[1], len);
    let mut v = Natural::zero(len);
    // Each step takes a bit off a or b until a is 0 and b is gcd(x, m).
    for _ in 0..64 * len {
        let a_odd = a.odd_mask();
        // When a is odd: make a the larger, then a -= b, u -= v (mod m).
        let swap = a_odd & less_than_mask(&a, &b);
        a.swap_if(swap, &mut b);
        u.swap_if(swap, &mut v);
        a.sub_assign_if(a_odd, &b);
        let borrow = u.sub_assign_if(a_odd, &v);
        u.add_assign_if(mask_from_bit(borrow), m);
        // a is even: halve it, and u modulo m ((u + m) / 2 when u is odd).
        a.halve(0);
        let u_odd = u.odd_mask();
        let carry = u.add_assign_if(u_odd, m);
        u.halve(carry);
    }
    let invertible = equal(&b, &[1]);
    (v, invertible)
}

#[cfg(test)]
mod tests {
    use crypto_bigint::{ConcatenatingMul, NonZero};
    use proptest::prelude::*;

    use super::*;
    use crate::rsa_any::natural::tests::{big, digits};

    fn check(x: &[u32], m: &[u32]) {
        let (ours, invertible) = inverse(x, m);
        let modulus = NonZero::new(big(m)).unwrap();
        let reduced = big(x).rem_vartime(&modulus);
        let expected = reduced.invert_odd_mod(&crypto_bigint::Odd::new(big(m)).unwrap());
        assert_eq!(
            invertible,
            bool::from(expected.is_some()),
            "x = {x:x?}, m = {m:x?}"
        );
        if invertible {
            let product = big(x).concatenating_mul(&big(&ours)).rem_vartime(&modulus);
            assert_eq!(
                digits(&product.to_be_bytes()),
                [1],
                "x = {x:x?}, m = {m:x?}"
            );
            assert_eq!(ours.len(), m.len());
        }
    }

    #[test]
    fn edge_values() {
        for m in [
            &[3u32][..],
            &[9],
            &[u32::MAX],
            &[15, 0],
            &[u32::MAX; 4],
            &[1, 0, 1],
        ] {
            for x in [
                &[0u32][..],
                &[1],
                &[2],
                &[3],
                &[5],
                &[u32::MAX],
                &[0, 1],
                &[u32::MAX; 3],
            ] {
                if x.len() <= m.len() {
                    check(x, m);
                }
            }
        }
        // 9 and 15 share a factor, as the rsa crate's own test has it.
        assert!(!inverse(&[9], &[15]).1);
        assert!(!inverse(&[15], &[9]).1);
    }

    proptest! {
        #[test]
        fn matches_crypto_bigint(
            m in proptest::collection::vec(any::<u32>(), 1..10),
            x in proptest::collection::vec(any::<u32>(), 1..10),
        ) {
            let mut m = m;
            m[0] |= 1;
            let x = &x[..x.len().min(m.len())];
            if m[0] > 1 || m[1..].iter().any(|&limb| limb != 0) {
                check(x, &m);
            }
        }
    }
}
