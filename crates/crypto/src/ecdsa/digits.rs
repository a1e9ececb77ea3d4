//! Signed base-16 digits of a scalar, computed in constant time: what every
//! multiplication here adds table entries by.

use p256::elliptic_curve::scalar::IsHigh;
use p256::elliptic_curve::subtle::{Choice, ConditionallySelectable};
use p256::elliptic_curve::PrimeField;
use p256::Scalar;

/// How many digits a scalar has.
pub(crate) const DIGITS: usize = 64;

/// `k` as `±Σ d_i × 16^i`: whether the sum is negated (when `k` is above
/// half the group order, the digits are those of `n - k`, which is below
/// 2^255), and the 64 digits `d_i`, each from -8 to 7 but the last, which
/// is from 0 to 8. The same operations run whatever `k` is: no branch or
/// index depends on it.
///
/// ```ignore
/// let (negated, digits) = signed_digits(&k);
/// assert!(digits.iter().all(|d| (-8..=8).contains(d)));
/// ```
pub(crate) fn signed_digits(k: &Scalar) -> (Choice, [i8; DIGITS]) {
    let negated = k.is_high();
    let small = Scalar::conditional_select(k, &-k, negated);
    let big_endian = small.to_repr();
    let mut digits = [0i8; DIGITS];
    let mut carry = 0i8;
    for (index, digit) in digits.iter_mut().enumerate() {
        let byte = big_endian[31 - index / 2];
        // A nibble is below 16, so it fits an i8.
        let nibble = ((byte >> (4 * (index % 2))) & 0x0f) as i8;
        let value = nibble + carry;
        if index == DIGITS - 1 {
            // The top nibble of a number below 2^255 is at most 7.
            *digit = value;
        } else {
            // 1 when `value` is 8 or more (it is at most 16).
            carry = (value + 8) >> 4;
            *digit = value - (carry << 4);
        }
    }
    (negated, digits)
}

#[cfg(test)]
pub(crate) mod tests {
    use p256::elliptic_curve::ops::Reduce;
    use p256::U256;

    use super::*;

    /// A uniformly random scalar.
    pub(crate) fn random_scalar() -> Scalar {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).unwrap();
        <Scalar as Reduce<U256>>::reduce(&U256::from_be_slice(&bytes))
    }

    /// Edge scalars (zero, small, around half the order, the largest),
    /// then random ones.
    pub(crate) fn scalars() -> impl Iterator<Item = Scalar> {
        let half = Scalar::from(2u64).invert().unwrap();
        let edges = [
            Scalar::ZERO,
            Scalar::ONE,
            Scalar::from(7u64),
            Scalar::from(8u64),
            Scalar::from(15u64),
            Scalar::from(0x8888_8888_8888_8888u64),
            half - Scalar::ONE,
            half,
            half + Scalar::ONE,
            -Scalar::from(8u64),
            -Scalar::ONE,
        ];
        edges.into_iter().chain((0..200).map(|_| random_scalar()))
    }

    #[test]
    fn digits_are_small_and_add_up_to_the_scalar() {
        let signed = |digit: i8| {
            let magnitude = Scalar::from(u64::from(digit.unsigned_abs()));
            if digit < 0 {
                -magnitude
            } else {
                magnitude
            }
        };
        for k in scalars() {
            let (negated, digits) = signed_digits(&k);
            assert!(digits[..DIGITS - 1].iter().all(|d| (-8..=7).contains(d)));
            assert!((0..=8).contains(&digits[DIGITS - 1]));
            let sum = digits.iter().rev().fold(Scalar::ZERO, |sum, &digit| {
                sum * Scalar::from(16u64) + signed(digit)
            });
            let expected = if bool::from(negated) { -k } else { k };
            assert_eq!(sum, expected, "{k:?}");
        }
    }
}
