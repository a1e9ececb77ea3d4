//! RSA-2048 PKCS#1 private keys read straight into fixed-width form (see
//! [`Rsa2048PrivateKey::from_crt_parts`] for what is checked, and what the
//! general reading would compute that this one does not).

use cloudfront_signer_crypto::rsa2048::{CrtParts, Rsa2048PrivateKey};

use super::pkcs1::RsaPrivateKeyParts;

/// The fixed-width key held in `der` (PKCS#1, in the canonical form
/// [`RsaPrivateKeyParts::read`] reads); `None` unless it has two primes of
/// exactly 1024 bits, a 2048-bit modulus and CRT values that are consistent
/// with the rest. `None` says nothing about the key's validity: the caller
/// then reads it the general way, which checks it again.
pub(super) fn read(der: &[u8]) -> Option<Rsa2048PrivateKey> {
    let key = RsaPrivateKeyParts::read(der)?;
    Rsa2048PrivateKey::from_crt_parts(&CrtParts {
        n: key.modulus,
        e: key.public_exponent,
        d: key.private_exponent,
        p: key.prime1,
        q: key.prime2,
        dp: key.exponent1,
        dq: key.exponent2,
        q_inv: key.coefficient,
    })
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
        let expected = reference
            .sign(rsa::Pkcs1v15Sign::new::<sha1::Sha1>(), &digest)
            .unwrap();
        assert_eq!(
            key.sign(HashAlgorithm::Sha1.into(), &digest).unwrap(),
            expected
        );
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
                key.sign(HashAlgorithm::Sha256.into(), &digest).unwrap(),
                reference.sign(scheme, &digest).unwrap()
            );
        }
    }
}
