//! RSA-2048 private keys made straight from the integers a PKCS#1 file
//! holds, with every check the `rsa` crate makes when it reads a key, but
//! none of its precomputation (a modular inversion and three Montgomery
//! setups, which the fixed-width key does not use): the file's CRT values
//! are taken once they are shown to be the ones the `rsa` crate would
//! compute.

use zeroize::Zeroizing;

use super::limbs::{equal, from_be_bytes, mul_u64, one, sub};
use super::remainder::remainder;
use super::{Limbs1024, Limbs2048, Rsa2048PrivateKey, Rsa2048PublicKey};
use crate::rsa_any::MAX_PUBLIC_EXPONENT;

/// The integers of a two-prime RSA private key, big-endian, as PKCS#1's
/// `RSAPrivateKey` lists them.
///
/// ```
/// use cloudfront_signer_crypto::rsa2048::{CrtParts, Rsa2048PrivateKey};
/// let parts = CrtParts { n: &[1], e: &[3], d: &[1], p: &[1], q: &[1], dp: &[1], dq: &[1], q_inv: &[1] };
/// assert!(Rsa2048PrivateKey::from_crt_parts(&parts).is_none());
/// ```
pub struct CrtParts<'a> {
    /// The modulus.
    pub n: &'a [u8],
    /// The public exponent.
    pub e: &'a [u8],
    /// The private exponent.
    pub d: &'a [u8],
    /// The first prime.
    pub p: &'a [u8],
    /// The second prime.
    pub q: &'a [u8],
    /// `d mod (p - 1)`.
    pub dp: &'a [u8],
    /// `d mod (q - 1)`.
    pub dq: &'a [u8],
    /// `q^-1 mod p`.
    pub q_inv: &'a [u8],
}

impl Rsa2048PrivateKey {
    /// The fixed-width key of `parts`; `None` unless it has two primes of
    /// exactly 1024 bits, a 2048-bit modulus and CRT values that are
    /// consistent with the rest. `None` says nothing about the key's
    /// validity: the caller then reads it the general way, which checks it
    /// again.
    ///
    /// Checked, as the `rsa` crate does: `n` odd; `e` odd, from 3 to
    /// 2^33 - 1; `d < n`; `p × q = n` (so both primes are odd and above 1,
    /// and distinct as `q` has an inverse modulo `p`); `d × e ≡ 1` modulo
    /// `p - 1` and `q - 1`. Then `dp`, `dq` must be `d mod (p - 1)` and
    /// `d mod (q - 1)`, and the coefficient `q^-1 mod p`, reduced.
    ///
    /// ```
    /// use cloudfront_signer_crypto::rsa2048::{CrtParts, Rsa2048PrivateKey};
    /// let parts = CrtParts { n: &[1], e: &[3], d: &[1], p: &[1], q: &[1], dp: &[1], dq: &[1], q_inv: &[1] };
    /// assert!(Rsa2048PrivateKey::from_crt_parts(&parts).is_none());
    /// ```
    pub fn from_crt_parts(parts: &CrtParts) -> Option<Self> {
        let e: [u32; 2] = from_be_bytes(parts.e)?;
        let e = u64::from(e[0]) | (u64::from(e[1]) << 32);
        if e & 1 == 0 || e > MAX_PUBLIC_EXPONENT {
            return None;
        }
        let public = Rsa2048PublicKey::new(from_be_bytes(parts.n)?, e)?;
        let limbs = |bytes: &[u8]| from_be_bytes(bytes).map(Zeroizing::new);
        let (p, q) = (limbs(parts.p)?, limbs(parts.q)?);
        let (dp, dq) = (limbs(parts.dp)?, limbs(parts.dq)?);
        let q_inv = limbs(parts.q_inv)?;
        let fixed_width = Rsa2048PrivateKey::from_parts(public, &p, &q, &dp, &dq, &q_inv)?;

        let d: Zeroizing<Limbs2048> = Zeroizing::new(from_be_bytes(parts.d)?);
        let d_below_n = sub(&d, fixed_width.public_key().modulus().value()).1 == 1;
        let valid = d_below_n && exponents_agree(&d, e, &p, &dp) && exponents_agree(&d, e, &q, &dq);
        valid.then_some(fixed_width)
    }
}

/// Whether `d mod (prime - 1)` is `reduced` and `reduced × e ≡ 1` modulo
/// `prime - 1`: together, `d × e ≡ 1` (mod `prime - 1`). The prime has
/// exactly 1024 bits (so `prime - 1` has its top bit set, as
/// [`remainder`] needs).
fn exponents_agree(d: &Limbs2048, e: u64, prime: &Limbs1024, reduced: &Limbs1024) -> bool {
    let modulus = Zeroizing::new(sub(prime, &one()).0);
    let d_reduced = Zeroizing::new(remainder(d, &modulus));
    let product = Zeroizing::new(mul_u64(reduced, e));
    let product_reduced = Zeroizing::new(remainder(product.as_slice(), &modulus));
    // Both comparisons run in full: only the verdict is revealed.
    equal(&d_reduced, reduced) & equal(&product_reduced, &one())
}
