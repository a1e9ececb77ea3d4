//! RSA-2048 PKCS#1 private keys read straight into fixed-width form, with
//! every check the `rsa` crate makes when it reads a key, but none of its
//! precomputation (a modular inversion and three Montgomery setups, which
//! the fixed-width key does not use): the file's CRT values are taken once
//! they are shown to be the ones the `rsa` crate would compute.

use zeroize::Zeroizing;

use super::pkcs1::RsaPrivateKeyParts;
use crate::rsa2048::{
    equal, from_be_bytes, mul_u64, one, remainder, sub, Limbs1024, Limbs2048, Rsa2048PrivateKey,
    Rsa2048PublicKey,
};

/// The public exponents the `rsa` crate accepts: odd, from 3 to 2^33 - 1.
const MAX_PUBLIC_EXPONENT: u64 = (1 << 33) - 1;

/// The fixed-width key held in `der` (PKCS#1, in the canonical form
/// [`RsaPrivateKeyParts::read`] reads); `None` unless it has two primes of exactly 1024
/// bits, a 2048-bit modulus and CRT values that are consistent with the
/// rest. `None` says nothing about the key's validity:
/// the caller then reads it the general way, which checks it again.
///
/// Checked, as the `rsa` crate does: `n` odd; `e` odd, from 3 to 2^33 - 1;
/// `d < n`; `p × q = n` (so both primes are odd and above 1, and distinct
/// as `q` has an inverse modulo `p`); `d × e ≡ 1` modulo `p - 1` and
/// `q - 1`. Then the file's `dp`, `dq` must be `d mod (p - 1)` and
/// `d mod (q - 1)`, and its coefficient `q^-1 mod p`, reduced.
pub(super) fn read(der: &[u8]) -> Option<Rsa2048PrivateKey> {
    let key = RsaPrivateKeyParts::read(der)?;
    let e: [u32; 2] = from_be_bytes(key.public_exponent)?;
    let e = u64::from(e[0]) | (u64::from(e[1]) << 32);
    if e & 1 == 0 || e > MAX_PUBLIC_EXPONENT {
        return None;
    }
    let public = Rsa2048PublicKey::new(from_be_bytes(key.modulus)?, e)?;
    let limbs = |bytes: &[u8]| from_be_bytes(bytes).map(Zeroizing::new);
    let (p, q) = (limbs(key.prime1)?, limbs(key.prime2)?);
    let (dp, dq) = (limbs(key.exponent1)?, limbs(key.exponent2)?);
    let q_inv = limbs(key.coefficient)?;
    let fixed_width = Rsa2048PrivateKey::from_parts(public, &p, &q, &dp, &dq, &q_inv)?;

    let d: Zeroizing<Limbs2048> = Zeroizing::new(from_be_bytes(key.private_exponent)?);
    let d_below_n = sub(&d, fixed_width.public_key().modulus().value()).1 == 1;
    let valid = d_below_n && exponents_agree(&d, e, &p, &dp) && exponents_agree(&d, e, &q, &dq);
    valid.then_some(fixed_width)
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

#[cfg(test)]
mod tests {
    use pkcs8::der::asn1::UintRef;
    use pkcs8::der::Encode;
    use pkcs8::{EncodePrivateKey, EncodePublicKey};
    use rsa::pkcs1::{DecodeRsaPrivateKey, RsaPrivateKeyRef};

    use super::*;
    use crate::hash::HashAlgorithm;
    use crate::key::pkcs1::tests::general_integers;
    use crate::key::PrivateKey;

    const DER: &[u8] = include_bytes!("../../tests/keys/rsa-pkcs1.der");

    /// The test key's components (0 = n, 1 = e, 2 = d, 3 = p, 4 = q,
    /// 5 = dp, 6 = dq, 7 = q^-1), big-endian.
    fn components() -> Vec<Vec<u8>> {
        general_integers(DER).unwrap()
    }

    /// A PKCS#1 key made of `parts` (in the order of [`components`]).
    fn encoded(parts: &[Vec<u8>]) -> Vec<u8> {
        let uint = |index: usize| UintRef::new(&parts[index]).unwrap();
        RsaPrivateKeyRef {
            modulus: uint(0),
            public_exponent: uint(1),
            private_exponent: uint(2),
            prime1: uint(3),
            prime2: uint(4),
            exponent1: uint(5),
            exponent2: uint(6),
            coefficient: uint(7),
            other_prime_infos: None,
        }
        .to_der()
        .unwrap()
    }

    /// The test key with one component changed by `change`.
    fn altered(component: usize, change: Change) -> Vec<u8> {
        let mut parts = components();
        change(&mut parts[component]);
        encoded(&parts)
    }

    /// A change made to one component's big-endian bytes.
    type Change = fn(&mut Vec<u8>);

    /// Changes a value by 2 (it stays odd or even).
    const FLIP_LOW_BIT: Change = |bytes| *bytes.last_mut().unwrap() ^= 2;

    #[test]
    fn reads_the_key_as_the_rsa_crate_does() {
        let key = read(DER).expect("the test key is RSA-2048 with consistent CRT values");
        let reference = rsa::PrivateKey::from_pkcs1_der(DER).unwrap();
        let digest = HashAlgorithm::Sha1.digest(b"policy");
        let expected = Rsa2048PrivateKey::from_rsa(&reference)
            .unwrap()
            .sign(HashAlgorithm::Sha1, &digest)
            .unwrap();
        assert_eq!(key.sign(HashAlgorithm::Sha1, &digest).unwrap(), expected);
        let ours = PrivateKey::from_der(DER, None).unwrap();
        assert_eq!(
            ours.to_pkcs8_der().unwrap().as_slice(),
            reference.to_pkcs8_der().unwrap().as_bytes()
        );
        let public_pem = reference
            .to_public_key()
            .to_public_key_pem(pkcs8::LineEnding::LF)
            .unwrap();
        assert_eq!(ours.public_key().to_pem(), public_pem);
        let mut signature = ours.sign(HashAlgorithm::Sha1, b"policy").unwrap();
        assert!(ours
            .public_key()
            .verify(HashAlgorithm::Sha1, b"policy", &signature));
        signature[100] ^= 1;
        assert!(!ours
            .public_key()
            .verify(HashAlgorithm::Sha1, b"policy", &signature));
    }

    #[test]
    fn refuses_what_the_rsa_crate_refuses_and_falls_back_on_the_rest() {
        let cases: [(&str, usize, Change); 12] = [
            ("n not p × q", 0, FLIP_LOW_BIT),
            ("n even", 0, |n| *n.last_mut().unwrap() ^= 1),
            ("e changed", 1, FLIP_LOW_BIT),
            ("e even", 1, |e| *e.last_mut().unwrap() ^= 1),
            ("e above 2^33", 1, |e| drop(e.splice(0..0, [1, 0, 0]))),
            ("d changed", 2, FLIP_LOW_BIT),
            ("d above n", 2, |d| {
                d.iter_mut().for_each(|byte| *byte = 0xff)
            }),
            ("p changed", 3, FLIP_LOW_BIT),
            ("q shorter", 4, |q| q[0] = 0x01),
            ("dp inconsistent", 5, FLIP_LOW_BIT),
            ("dq inconsistent", 6, FLIP_LOW_BIT),
            ("q^-1 inconsistent", 7, FLIP_LOW_BIT),
        ];
        let expected = PrivateKey::from_der(DER, None)
            .unwrap()
            .sign(HashAlgorithm::Sha1, b"policy")
            .unwrap();
        for (name, component, change) in cases {
            let der = altered(component, change);
            let reference = rsa::PrivateKey::from_pkcs1_der(&der);
            assert!(read(&der).is_none(), "{name}: not read straight");
            let general = PrivateKey::from_der(&der, None);
            assert_eq!(general.is_ok(), reference.is_ok(), "{name}: same verdict");
            if let Ok(key) = general {
                assert!(name.contains("inconsistent"), "{name}: accepted");
                assert_eq!(key.sign(HashAlgorithm::Sha1, b"policy").unwrap(), expected);
            }
        }
    }

    #[test]
    fn refuses_a_wrong_d_even_with_crt_exponents_that_match_it() {
        use crypto_bigint::{BoxedUint, NonZero};

        let mut parts = components();
        let number = |bytes: &[u8]| BoxedUint::from_be_slice(bytes, 2048).unwrap();
        let d = number(&parts[2]).wrapping_add(number(&[2]));
        let reduced = |prime: &[u8]| {
            let prime_minus_one = number(prime).wrapping_sub(number(&[1]));
            d.rem(&NonZero::new(prime_minus_one).unwrap()).to_be_bytes()
        };
        let (dp, dq) = (reduced(&parts[3]), reduced(&parts[4]));
        parts[2] = d.to_be_bytes().to_vec();
        parts[5] = dp.to_vec();
        parts[6] = dq.to_vec();
        let der = encoded(&parts);
        assert!(rsa::PrivateKey::from_pkcs1_der(&der).is_err());
        assert!(read(&der).is_none());
        assert!(PrivateKey::from_der(&der, None).is_err());
    }

    #[test]
    fn reads_freshly_generated_keys_straight_and_signs_as_the_rsa_crate() {
        use rsa::pkcs1::EncodeRsaPrivateKey;

        for _ in 0..3 {
            let reference = rsa::PrivateKey::new(&mut getrandom::SysRng, 2048).unwrap();
            let der = reference.to_pkcs1_der().unwrap();
            let key = read(der.as_bytes()).expect("a generated key has consistent CRT values");
            let digest = HashAlgorithm::Sha256.digest(b"policy");
            let scheme = rsa::Pkcs1v15Sign::new::<sha2::Sha256>();
            assert_eq!(
                key.sign(HashAlgorithm::Sha256, &digest).unwrap(),
                reference.sign(scheme, &digest).unwrap()
            );
        }
    }
}
