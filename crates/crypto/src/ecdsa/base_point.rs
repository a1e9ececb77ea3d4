//! `k × G` for the P-256 base point `G`, from a table of its multiples
//! shipped as constant data: 64 mixed additions and 12 doublings, where a
//! multiplication of any other point needs 256 doublings. Constant time for
//! secret scalars (signing, deriving a public key), variable time for
//! public ones (verification).

use std::sync::OnceLock;

use p256::elliptic_curve::group::Group;
use p256::elliptic_curve::point::AffineCoordinates;
use p256::elliptic_curve::subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use p256::{AffinePoint, FieldBytes, ProjectivePoint, Scalar};
use zeroize::Zeroizing;

use super::base_point_multiples::MULTIPLES;
use super::digits::signed_digits;

/// How many tables there are: one per 16 bits of a scalar.
const TABLES: usize = 16;

/// How many multiples each table holds: 1 to 8 times its point.
const ENTRIES: usize = 8;

/// How many base-16 digits apart two tables' points are: table `i` holds
/// the multiples of `16^(4 i) × G`.
const SPACING: usize = 4;

/// The table: for each `i`, the multiples `j × 16^(4 i) × G` for `j` from 1
/// to 8, in affine coordinates (128 points).
type Table = [[AffinePoint; ENTRIES]; TABLES];

/// The coordinates of [`MULTIPLES`] as bytes, decoded when compiling (8 KB
/// of constant data).
static COORDINATES: [[[u8; 32]; 2]; TABLES * ENTRIES] = decode(&MULTIPLES);

/// `k × G`, in constant time: the same additions, doublings and table
/// scans whatever `k` is.
///
/// ```ignore
/// assert_eq!(base_point::mul(&k), ProjectivePoint::GENERATOR * k);
/// ```
pub(crate) fn mul(k: &Scalar) -> ProjectivePoint {
    multiply(k, select)
}

/// `k × G`, in time that depends on `k`: for public scalars only.
///
/// ```ignore
/// assert_eq!(base_point::mul_vartime(&u1), ProjectivePoint::GENERATOR * u1);
/// ```
pub(crate) fn mul_vartime(k: &Scalar) -> ProjectivePoint {
    multiply(k, index)
}

/// `Σ d_i × 16^i × G` for the digits `d_i` of `k`, with `lookup` taking
/// `d × P` from the multiples of a table's point `P`: the digits `4 i + 3`
/// of every table first, then 16 times that, plus the digits `4 i + 2`,
/// and so on down to the digits `4 i`.
fn multiply(k: &Scalar, lookup: fn(&[AffinePoint; ENTRIES], i8) -> AffinePoint) -> ProjectivePoint {
    let (negated, digits) = signed_digits(k);
    let digits = Zeroizing::new(digits);
    let table = table();
    let mut product = ProjectivePoint::IDENTITY;
    for offset in (0..SPACING).rev() {
        let column = digits.iter().skip(offset).step_by(SPACING);
        for (multiples, &digit) in table.iter().zip(column) {
            product += lookup(multiples, digit);
        }
        if offset > 0 {
            for _ in 0..4 {
                product = product.double();
            }
        }
    }
    ProjectivePoint::conditional_select(&product, &-product, negated)
}

/// `digit × P` from the multiples of `P`, for a digit from -8 to 8, in
/// constant time: every entry is read, and the one wanted kept by
/// conditional selection.
fn select(multiples: &[AffinePoint; ENTRIES], digit: i8) -> AffinePoint {
    let sign = digit >> 7;
    // |digit|, at most 8, without a branch.
    let magnitude = ((digit ^ sign) - sign) as u8;
    let mut point = AffinePoint::IDENTITY;
    for (multiple, j) in multiples.iter().zip(1u8..) {
        point.conditional_assign(multiple, magnitude.ct_eq(&j));
    }
    AffinePoint::conditional_select(&point, &-point, Choice::from((sign & 1) as u8))
}

/// `digit × P` from the multiples of `P`, for a digit from -8 to 8, by
/// indexing (variable time).
fn index(multiples: &[AffinePoint; ENTRIES], digit: i8) -> AffinePoint {
    match usize::from(digit.unsigned_abs()).checked_sub(1) {
        None => AffinePoint::IDENTITY,
        Some(at) if digit < 0 => -multiples[at],
        Some(at) => multiples[at],
    }
}

/// The table, made from [`COORDINATES`] at its first use (each point's
/// coordinates checked to be on the curve, as any point read is).
fn table() -> &'static Table {
    static TABLE: OnceLock<Box<Table>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([[AffinePoint::IDENTITY; ENTRIES]; TABLES]);
        for (point, [x, y]) in table.iter_mut().flatten().zip(&COORDINATES) {
            // The committed coordinates are on the curve (a test recomputes
            // them), so the fall-back is never taken.
            *point = AffinePoint::from_coordinates(&FieldBytes::from(*x), &FieldBytes::from(*y))
                .unwrap_or(AffinePoint::IDENTITY);
        }
        table
    })
}

/// Decodes lowercase hexadecimal coordinates into bytes (when compiling:
/// a malformed string is a compile error).
const fn decode<const N: usize>(hex: &[[&str; 2]; N]) -> [[[u8; 32]; 2]; N] {
    let mut bytes = [[[0u8; 32]; 2]; N];
    let mut point = 0;
    while point < N {
        let mut coordinate = 0;
        while coordinate < 2 {
            let text = hex[point][coordinate].as_bytes();
            assert!(text.len() == 64, "a coordinate is 64 hexadecimal digits");
            let mut at = 0;
            while at < 32 {
                bytes[point][coordinate][at] =
                    (hex_digit(text[2 * at]) << 4) | hex_digit(text[2 * at + 1]);
                at += 1;
            }
            coordinate += 1;
        }
        point += 1;
    }
    bytes
}

/// The value of one lowercase hexadecimal digit.
const fn hex_digit(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => panic!("coordinates are lowercase hexadecimal"),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::super::digits::tests::scalars;
    use super::*;

    const MULTIPLES_FILE: &str = "src/ecdsa/base_point_multiples.rs";

    /// What `base_point_multiples.rs` holds, computed with `p256`'s
    /// arithmetic from the base point.
    fn multiples_source() -> String {
        let mut text = String::from(
            "//! The multiples of the P-256 base point that `base_point` adds up.\n\
             //! Written by `cargo test -p cloudfront-signer-crypto --lib -- --ignored write_base_point_multiples`\n\
             //! and checked by `the_committed_multiples_are_recomputed`: do not edit.\n\
             \n\
             /// `j × 16^(4 i) × G` for `i` from 0 to 15 and `j` from 1 to 8 (entry\n\
             /// `8 i + j - 1`): the affine x and y, big-endian hexadecimal.\n\
             pub(super) const MULTIPLES: [[&str; 2]; 128] = [\n",
        );
        let hex =
            |bytes: FieldBytes| -> String { bytes.iter().map(|b| format!("{b:02x}")).collect() };
        let mut base = ProjectivePoint::GENERATOR;
        for _ in 0..TABLES {
            let mut multiple = base;
            for _ in 0..ENTRIES {
                let affine = multiple.to_affine();
                let (x, y) = (hex(affine.x()), hex(affine.y()));
                writeln!(text, "    [\n        \"{x}\",\n        \"{y}\",\n    ],").unwrap();
                multiple += base;
            }
            for _ in 0..4 * SPACING {
                base = base.double();
            }
        }
        text.push_str("];\n");
        text
    }

    #[test]
    fn the_committed_multiples_are_recomputed() {
        let committed = std::fs::read_to_string(MULTIPLES_FILE).unwrap();
        assert!(
            committed == multiples_source(),
            "{MULTIPLES_FILE} differs from what the generator computes"
        );
    }

    #[test]
    #[ignore = "rewrites src/ecdsa/base_point_multiples.rs"]
    fn write_base_point_multiples() {
        std::fs::write(MULTIPLES_FILE, multiples_source()).unwrap();
    }

    #[test]
    fn every_table_point_is_read() {
        let identity = AffinePoint::IDENTITY;
        assert!(table().iter().flatten().all(|point| *point != identity));
    }

    #[test]
    fn multiplies_as_the_p256_crate_does() {
        for k in scalars() {
            let expected = ProjectivePoint::GENERATOR * k;
            assert_eq!(mul(&k), expected, "{k:?}");
            assert_eq!(mul_vartime(&k), expected, "{k:?}");
        }
    }

    #[test]
    fn selects_every_digit() {
        let multiples = &table()[3];
        for digit in -8i8..=8 {
            assert_eq!(select(multiples, digit), index(multiples, digit), "{digit}");
        }
    }
}
