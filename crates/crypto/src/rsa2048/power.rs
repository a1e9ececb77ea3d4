//! Modular exponentiation in Montgomery form: a constant-time fixed-window
//! ladder for secret exponents, and square-and-multiply for public ones.

use zeroize::Zeroizing;

use super::limbs::eq_mask;
use super::montgomery::Modulus;

/// Bits of the exponent consumed per multiplication.
const WINDOW_BITS: usize = 4;
const TABLE_SIZE: usize = 1 << WINDOW_BITS;
const WINDOWS_PER_LIMB: usize = 32 / WINDOW_BITS;

/// `base^exponent` (both in and out in Montgomery form), for a secret
/// exponent of `E` limbs: every call does the same squarings and
/// multiplications, and each table entry is read whichever window value is
/// needed.
pub(crate) fn pow_secret<const N: usize, const L: usize, const E: usize>(
    modulus: &Modulus<N, L>,
    base: &[u32; L],
    exponent: &[u32; E],
) -> [u32; L] {
    // table[i] = base^i
    let mut table = Zeroizing::new([[0u32; L]; TABLE_SIZE]);
    table[0] = *modulus.one();
    table[1] = *base;
    for i in 2..TABLE_SIZE {
        table[i] = if i % 2 == 0 {
            modulus.square(&table[i / 2])
        } else {
            modulus.mul(&table[i - 1], base)
        };
    }
    let window = |index: usize| {
        (exponent[index / WINDOWS_PER_LIMB] >> ((index % WINDOWS_PER_LIMB) * WINDOW_BITS))
            & (TABLE_SIZE as u32 - 1)
    };
    let top = E * WINDOWS_PER_LIMB - 1;
    let mut result = Zeroizing::new(select_entry(&table, window(top)));
    let mut entry = Zeroizing::new([0u32; L]);
    for index in (0..top).rev() {
        for _ in 0..WINDOW_BITS {
            *result = modulus.square(&result);
        }
        *entry = select_entry(&table, window(index));
        *result = modulus.mul(&result, &entry);
    }
    *result
}

/// `table[index]`, reading every entry.
fn select_entry<const L: usize>(table: &[[u32; L]; TABLE_SIZE], index: u32) -> [u32; L] {
    let mut selected = [0u32; L];
    for (i, entry) in table.iter().enumerate() {
        let mask = eq_mask(i as u32, index);
        for (out, &limb) in selected.iter_mut().zip(entry) {
            *out |= limb & mask;
        }
    }
    selected
}

/// `base^exponent` (Montgomery form) for a public exponent, in time that
/// depends on the exponent only.
pub(crate) fn pow_public<const N: usize, const L: usize>(
    modulus: &Modulus<N, L>,
    base: &[u32; L],
    exponent: u64,
) -> [u32; L] {
    if exponent == 0 {
        return *modulus.one();
    }
    let mut result = *base;
    for bit in (0..63 - exponent.leading_zeros()).rev() {
        result = modulus.square(&result);
        if (exponent >> bit) & 1 == 1 {
            result = modulus.mul(&result, base);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::super::montgomery::tests::{limbs, PRIME};
    use super::*;

    fn pow_mod(base: u64, mut exponent: u64) -> u64 {
        let (mut result, mut base, p) = (1u128, u128::from(base), u128::from(PRIME));
        while exponent > 0 {
            if exponent & 1 == 1 {
                result = result * base % p;
            }
            base = base * base % p;
            exponent >>= 1;
        }
        result as u64
    }

    #[test]
    fn both_ladders_agree_with_square_and_multiply() {
        let modulus = Modulus::<2, 3>::new(limbs(PRIME)).unwrap();
        for (base, exponent) in [
            (2, 0),
            (3, 1),
            (7, 65_537),
            (PRIME - 1, 3),
            (0x1234_5678_9ABC, PRIME - 2),
            (5, u64::MAX),
        ] {
            let base_m = modulus.to_montgomery(&limbs(base));
            let expected = limbs(pow_mod(base, exponent));
            let secret = pow_secret(&modulus, &base_m, &limbs(exponent));
            assert_eq!(modulus.to_ordinary(&secret), expected, "{base}^{exponent}");
            let public = pow_public(&modulus, &base_m, exponent);
            assert_eq!(modulus.to_ordinary(&public), expected, "{base}^{exponent}");
        }
    }
}
