//! Multiplying one P-256 point by public scalars, in variable time (ECDSA
//! verification): with a table of its multiples, 64 additions and no
//! doublings, instead of the 256 doublings a multiplication otherwise
//! needs; or, for a point used once, without.

use std::cmp::Ordering;

use p256::elliptic_curve::group::Group;
use p256::{ProjectivePoint, Scalar};

use super::digits::{signed_digits, DIGITS};

/// The multiples `j × 16^i × P` of a point `P`, for `j` from 1 to 8 and
/// every digit position `i`: 512 points (about 50 KB).
///
/// ```ignore
/// let table = PointTable::new(&point);
/// assert_eq!(table.mul_vartime(&scalar), point * scalar);
/// ```
pub(crate) struct PointTable {
    multiples: Box<[[ProjectivePoint; 8]; DIGITS]>,
}

impl PointTable {
    /// The table of `point` (512 additions and doublings).
    pub(crate) fn new(point: &ProjectivePoint) -> Self {
        let mut multiples = Box::new([[ProjectivePoint::IDENTITY; 8]; DIGITS]);
        let mut base = *point;
        for window in multiples.iter_mut() {
            *window = multiples_of(&base);
            base = window[7].double();
        }
        PointTable { multiples }
    }

    /// `k × P`, in time that depends on `k`.
    pub(crate) fn mul_vartime(&self, k: &Scalar) -> ProjectivePoint {
        let (negated, digits) = signed_digits(k);
        let mut product = ProjectivePoint::IDENTITY;
        for (window, &digit) in self.multiples.iter().zip(&digits) {
            add_multiple(&mut product, window, digit);
        }
        if bool::from(negated) {
            -product
        } else {
            product
        }
    }
}

/// `k × P` without a table (8 multiples, then 4 doublings and one addition
/// per digit), in time that depends on `k`: for a key used once.
///
/// ```ignore
/// assert_eq!(point_table::mul_vartime(&point, &scalar), point * scalar);
/// ```
pub(crate) fn mul_vartime(point: &ProjectivePoint, k: &Scalar) -> ProjectivePoint {
    let multiples = multiples_of(point);
    let (negated, digits) = signed_digits(k);
    let mut product = ProjectivePoint::IDENTITY;
    for &digit in digits.iter().rev() {
        for _ in 0..4 {
            product = product.double();
        }
        add_multiple(&mut product, &multiples, digit);
    }
    if bool::from(negated) {
        -product
    } else {
        product
    }
}

/// `P`, `2 P`, … `8 P`.
fn multiples_of(point: &ProjectivePoint) -> [ProjectivePoint; 8] {
    let mut multiples = [*point; 8];
    for j in 1..8 {
        multiples[j] = multiples[j - 1] + point;
    }
    multiples
}

/// Adds `digit × P` to `sum`, for a digit from -8 to 8 and the multiples
/// of `P`.
fn add_multiple(sum: &mut ProjectivePoint, multiples: &[ProjectivePoint; 8], digit: i8) {
    let multiple = || &multiples[usize::from(digit.unsigned_abs()) - 1];
    match digit.cmp(&0) {
        Ordering::Greater => *sum += multiple(),
        Ordering::Less => *sum -= multiple(),
        Ordering::Equal => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::digits::tests::{random_scalar, scalars};
    use super::*;

    #[test]
    fn multiplies_as_the_p256_crate_does() {
        let point = ProjectivePoint::GENERATOR * random_scalar();
        let table = PointTable::new(&point);
        for k in scalars() {
            assert_eq!(table.mul_vartime(&k), point * k, "{k:?}");
            assert_eq!(mul_vartime(&point, &k), point * k, "{k:?}");
        }
    }
}
