//! Modular exponentiation in Montgomery form at a run-time width: a
//! constant-time fixed-window ladder for secret exponents, and
//! square-and-multiply for public ones.

use super::montgomery::{Modulus, Residue};
use crate::rsa2048::eq_mask;

/// Bits of the exponent consumed per multiplication.
const WINDOW_BITS: usize = 4;
const TABLE_SIZE: usize = 1 << WINDOW_BITS;

/// `base^exponent` (both in and out in Montgomery form) for a secret
/// exponent (32-bit limbs) below `2^bits`, where `bits` is public: every
/// call with the same `bits` does the same squarings and multiplications,
/// and each table entry is read whichever window value is needed.
pub(crate) fn pow_secret(
    modulus: &Modulus,
    base: &[u32],
    exponent: &[u32],
    bits: usize,
) -> Residue {
    let count = modulus.limb_count();
    let mut columns = modulus.columns();
    // table[i] = base^i, entry after entry.
    let mut table = Residue::zeroed(TABLE_SIZE * count);
    table[..count].copy_from_slice(modulus.one());
    table[count..2 * count].copy_from_slice(base);
    for i in 2..TABLE_SIZE {
        let (done, rest) = table.split_at_mut(i * count);
        let out = &mut rest[..count];
        if i % 2 == 0 {
            modulus.square_into(&done[i / 2 * count..][..count], out, &mut columns);
        } else {
            modulus.mul_into(&done[(i - 1) * count..], base, out, &mut columns);
        }
    }
    let window = |index: usize| {
        let bit = index * WINDOW_BITS;
        let limb = exponent.get(bit / 32).copied().unwrap_or(0);
        (limb >> (bit % 32)) & (TABLE_SIZE as u32 - 1)
    };
    let windows = bits.div_ceil(WINDOW_BITS).max(1);
    let mut result = Residue::zeroed(count);
    let mut scratch = Residue::zeroed(count);
    let mut entry = Residue::zeroed(count);
    select_entry(&table, window(windows - 1), &mut result);
    for index in (0..windows - 1).rev() {
        for _ in 0..WINDOW_BITS {
            modulus.square_into(&result, &mut scratch, &mut columns);
            core::mem::swap(&mut result, &mut scratch);
        }
        select_entry(&table, window(index), &mut entry);
        modulus.mul_into(&result, &entry, &mut scratch, &mut columns);
        core::mem::swap(&mut result, &mut scratch);
    }
    result
}

/// Writes `table[index]` into `out`, reading every entry.
fn select_entry(table: &[u32], index: u32, out: &mut [u32]) {
    out.fill(0);
    for (i, entry) in table.chunks_exact(out.len()).enumerate() {
        let mask = eq_mask(i as u32, index);
        for (limb, &value) in out.iter_mut().zip(entry) {
            *limb |= value & mask;
        }
    }
}

/// `base^exponent` (Montgomery form) for a public exponent, in time that
/// depends on the exponent only.
pub(crate) fn pow_public(modulus: &Modulus, base: &[u32], exponent: u64) -> Residue {
    if exponent == 0 {
        return Residue::copied(modulus.one());
    }
    let mut columns = modulus.columns();
    let mut result = Residue::copied(base);
    let mut scratch = Residue::zeroed(base.len());
    for bit in (0..63 - exponent.leading_zeros()).rev() {
        modulus.square_into(&result, &mut scratch, &mut columns);
        core::mem::swap(&mut result, &mut scratch);
        if (exponent >> bit) & 1 == 1 {
            modulus.mul_into(&result, base, &mut scratch, &mut columns);
            core::mem::swap(&mut result, &mut scratch);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
    use crypto_bigint::{NonZero, Odd, Resize};
    use proptest::prelude::*;

    use super::*;
    use crate::rsa_any::natural::tests::{big, digits};
    use crate::rsa_any::natural::Natural;

    /// `base^exponent mod m` by crypto-bigint, as big-endian digits.
    fn reference(base: &[u32], exponent: &[u32], m: &[u32]) -> Vec<u8> {
        let params = BoxedMontyParams::new(Odd::new(big(m)).unwrap());
        let base = BoxedMontyForm::new(big(base).resize(params.bits_precision()), &params);
        digits(&base.pow(&big(exponent)).retrieve().to_be_bytes())
    }

    fn check(m: &[u32], base: &[u32], exponent: &[u32]) {
        let bits = 32 * m.len() - m.last().unwrap().leading_zeros() as usize;
        let modulus = Modulus::new(m, bits);
        let base = big(base).rem_vartime(&NonZero::new(big(m)).unwrap());
        let base = Natural::from_be_bytes(&base.to_be_bytes(), m.len()).unwrap();
        let base_m = modulus.to_montgomery(&base);
        let expected = reference(&base, exponent, m);
        let ours = |residue: &[u32]| digits(&big(&modulus.to_ordinary(residue)).to_be_bytes());
        let exponent_bits = 32 * exponent.len();
        assert_eq!(
            ours(&pow_secret(&modulus, &base_m, exponent, exponent_bits)),
            expected
        );
        // A public bound above the exponent's width gives the same power.
        assert_eq!(
            ours(&pow_secret(&modulus, &base_m, exponent, exponent_bits + 9)),
            expected
        );
        if let [low, high] = *exponent {
            let e = u64::from(low) | (u64::from(high) << 32);
            assert_eq!(ours(&pow_public(&modulus, &base_m, e)), expected);
        }
    }

    #[test]
    fn edge_exponents() {
        let m = [0xFFFF_FFC5, 0xFFFF_FFFF];
        for exponent in [
            [0, 0],
            [1, 0],
            [2, 0],
            [65_537, 0],
            [u32::MAX, u32::MAX],
            [0xFFFF_FFC3, 0xFFFF_FFFF],
        ] {
            for base in [&[0u32][..], &[1], &[2], &[0xFFFF_FFC4, 0xFFFF_FFFF]] {
                check(&m, base, &exponent);
            }
        }
        // Exactly one window.
        let modulus = Modulus::new(&m, 64);
        let three = modulus.to_montgomery(&[3, 0]);
        let power = modulus.to_ordinary(&pow_secret(&modulus, &three, &[5], 4));
        assert_eq!(&power[..], &[243, 0]);
    }

    proptest! {
        #[test]
        fn matches_crypto_bigint(
            m in proptest::collection::vec(any::<u32>(), 1..9),
            base in proptest::collection::vec(any::<u32>(), 1..9),
            exponent in proptest::collection::vec(any::<u32>(), 1..5),
        ) {
            let mut m = m;
            m[0] |= 1;
            if m[0] > 1 || m[1..].iter().any(|&limb| limb != 0) {
                check(&m, &base, &exponent);
            }
        }
    }
}
