//! A table of multiples of one P-256 point, for multiplying it by public
//! scalars quickly: 65 additions and no doublings, instead of the 256
//! doublings a multiplication otherwise needs. Variable time: for public
//! points and scalars only (ECDSA verification).

use std::cmp::Ordering;

use p256::elliptic_curve::group::Group;
use p256::elliptic_curve::PrimeField;
use p256::{ProjectivePoint, Scalar};

/// Signed base-16 digits of a 256-bit scalar: 64, and one for the carry.
const WINDOWS: usize = 65;

/// The multiples `j × 16^i × P` of a point `P`, for `j` from 1 to 8 and
/// every digit position `i`: 520 points (about 50 KB).
///
/// ```ignore
/// let table = PointTable::new(&point);
/// assert_eq!(table.mul_vartime(&scalar), point * scalar);
/// ```
pub(crate) struct PointTable {
    multiples: Box<[[ProjectivePoint; 8]; WINDOWS]>,
}

impl PointTable {
    /// The table of `point` (520 additions and doublings).
    pub(crate) fn new(point: &ProjectivePoint) -> Self {
        let mut multiples = Box::new([[ProjectivePoint::IDENTITY; 8]; WINDOWS]);
        let mut base = *point;
        for window in multiples.iter_mut() {
            window[0] = base;
            for j in 1..8 {
                window[j] = window[j - 1] + base;
            }
            base = window[7].double();
        }
        PointTable { multiples }
    }

    /// `k × P`, in time that depends on `k`.
    pub(crate) fn mul_vartime(&self, k: &Scalar) -> ProjectivePoint {
        let mut product = ProjectivePoint::IDENTITY;
        for (window, digit) in self.multiples.iter().zip(signed_digits(k)) {
            match digit.cmp(&0) {
                Ordering::Greater => product += window[usize::from(digit.unsigned_abs()) - 1],
                Ordering::Less => product -= window[usize::from(digit.unsigned_abs()) - 1],
                Ordering::Equal => {}
            }
        }
        product
    }
}

/// `k` as `Σ d_i × 16^i` with every `d_i` from -8 to 7 (the last one is
/// the final carry, 0 or 1).
fn signed_digits(k: &Scalar) -> [i8; WINDOWS] {
    let big_endian = k.to_repr();
    let mut digits = [0i8; WINDOWS];
    let mut carry = 0;
    for (index, digit) in digits[..WINDOWS - 1].iter_mut().enumerate() {
        let byte = big_endian[31 - index / 2];
        let nibble = if index % 2 == 0 {
            byte & 0x0f
        } else {
            byte >> 4
        };
        let value = nibble as i8 + carry;
        carry = i8::from(value >= 8);
        *digit = value - 16 * carry;
    }
    digits[WINDOWS - 1] = carry;
    digits
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

    /// Edge scalars, then random ones.
    fn scalars() -> impl Iterator<Item = Scalar> {
        let edges = [
            Scalar::ZERO,
            Scalar::ONE,
            Scalar::from(7u64),
            Scalar::from(8u64),
            Scalar::from(15u64),
            Scalar::from(0x8888_8888_8888_8888u64),
            -Scalar::ONE,
            -Scalar::from(8u64),
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
            let digits = signed_digits(&k);
            assert!(digits[..WINDOWS - 1].iter().all(|d| (-8..=7).contains(d)));
            assert!((0..=1).contains(&digits[WINDOWS - 1]));
            let sum = digits.iter().rev().fold(Scalar::ZERO, |sum, &digit| {
                sum * Scalar::from(16u64) + signed(digit)
            });
            assert_eq!(sum, k);
        }
    }

    #[test]
    fn multiplies_as_the_p256_crate_does() {
        let point = ProjectivePoint::GENERATOR * random_scalar();
        let table = PointTable::new(&point);
        for k in scalars() {
            assert_eq!(table.mul_vartime(&k), point * k, "{k:?}");
        }
    }
}
