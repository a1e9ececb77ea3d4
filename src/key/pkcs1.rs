//! PKCS#1 (RFC 8017 appendix A.1): `RSAPrivateKey`, the `RSA PRIVATE KEY`
//! PEM block and what PKCS#8 wraps for an RSA key, and `RSAPublicKey`,
//! what SPKI wraps.

use cloudfront_signer_crypto::rsa_any::PrivateComponents;
use zeroize::Zeroizing;

use crate::der::{tag, Reader, Writer};

/// The integers of a two-prime `RSAPrivateKey`, big-endian, each as
/// encoded (a leading zero byte when its top bit would be set).
pub(crate) struct RsaPrivateKeyParts<'a> {
    pub(crate) modulus: &'a [u8],
    pub(crate) public_exponent: &'a [u8],
    pub(crate) private_exponent: &'a [u8],
    pub(crate) prime1: &'a [u8],
    pub(crate) prime2: &'a [u8],
    pub(crate) exponent1: &'a [u8],
    pub(crate) exponent2: &'a [u8],
    pub(crate) coefficient: &'a [u8],
}

impl<'a> RsaPrivateKeyParts<'a> {
    /// Reads `der` when it is exactly one two-prime `RSAPrivateKey`
    /// (version 0, nine INTEGERs); `None` otherwise.
    ///
    /// ```ignore
    /// let key = RsaPrivateKeyParts::read(&der)?;
    /// assert_eq!(key.modulus.len(), 257);
    /// ```
    pub(crate) fn read(der: &'a [u8]) -> Option<Self> {
        let mut key = Reader::new(Reader::whole(der, tag::SEQUENCE)?);
        if key.small_integer()? != 0 {
            return None;
        }
        let parts = RsaPrivateKeyParts {
            modulus: key.integer()?,
            public_exponent: key.integer()?,
            private_exponent: key.integer()?,
            prime1: key.integer()?,
            prime2: key.integer()?,
            exponent1: key.integer()?,
            exponent2: key.integer()?,
            coefficient: key.integer()?,
        };
        key.finish()?;
        Some(parts)
    }
}

/// The DER of the two-prime `RSAPrivateKey` (version 0) of checked
/// `components`, with the CRT values they computed: what platform engines
/// take.
///
/// ```ignore
/// let der = write_private_key(&components);
/// assert!(RsaPrivateKeyParts::read(&der).is_some());
/// ```
pub(crate) fn write_private_key(components: &PrivateComponents) -> Zeroizing<Vec<u8>> {
    let integers = components.pkcs1_integers();
    Writer::sequence(|w| {
        w.integer(&[0]);
        for integer in &integers {
            w.integer(integer);
        }
    })
}

/// The modulus and public exponent (big-endian, as encoded) of `der` when
/// it is exactly one `RSAPublicKey { modulus, publicExponent }`.
///
/// ```ignore
/// let (n, e) = read_public_key(&der)?;
/// ```
pub(crate) fn read_public_key(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut key = Reader::new(Reader::whole(der, tag::SEQUENCE)?);
    let modulus = key.integer()?;
    let public_exponent = key.integer()?;
    key.finish()?;
    Some((modulus, public_exponent))
}

/// The DER of the `RSAPublicKey { modulus, publicExponent }` of the
/// big-endian `modulus` and `public_exponent`.
///
/// ```ignore
/// let der = write_public_key(&n, &65537u32.to_be_bytes());
/// ```
pub(crate) fn write_public_key(modulus: &[u8], public_exponent: &[u8]) -> Vec<u8> {
    Writer::sequence(|w| {
        w.integer(modulus);
        w.integer(public_exponent);
    })
    .to_vec()
}

#[cfg(test)]
pub(super) mod tests {
    use pkcs8::der::Decode;
    use rsa::pkcs1::{RsaPrivateKeyRef, RsaPublicKeyRef, Version};

    use super::super::pkcs8::tests::variants;
    use super::*;

    const PKCS1: &[u8] = include_bytes!("../../tests/keys/rsa-pkcs1.der");

    /// The `pkcs1` crate's reading of a two-prime PKCS#1 key: its eight
    /// integers in order, big-endian, leading zeros stripped.
    pub(in crate::key) fn general_integers(der: &[u8]) -> Option<Vec<Vec<u8>>> {
        let key = RsaPrivateKeyRef::from_der(der).ok()?;
        (key.version() == Version::TwoPrime).then(|| {
            [
                key.modulus,
                key.public_exponent,
                key.private_exponent,
                key.prime1,
                key.prime2,
                key.exponent1,
                key.exponent2,
                key.coefficient,
            ]
            .iter()
            .map(|part| part.as_bytes().to_vec())
            .collect()
        })
    }

    fn ours(der: &[u8]) -> Option<Vec<Vec<u8>>> {
        let key = RsaPrivateKeyParts::read(der)?;
        let strip = |bytes: &[u8]| bytes.strip_prefix(&[0]).unwrap_or(bytes).to_vec();
        Some(
            [
                key.modulus,
                key.public_exponent,
                key.private_exponent,
                key.prime1,
                key.prime2,
                key.exponent1,
                key.exponent2,
                key.coefficient,
            ]
            .iter()
            .map(|part| strip(part))
            .collect(),
        )
    }

    #[test]
    fn reads_what_the_pkcs1_crate_reads() {
        assert_eq!(ours(PKCS1).unwrap(), general_integers(PKCS1).unwrap());
        let mut accepted = 0;
        for der in variants(PKCS1) {
            assert_eq!(ours(&der), general_integers(&der), "{der:02x?}");
            accepted += usize::from(ours(&der).is_some());
        }
        // Changes inside the integers' values are still keys.
        assert!(accepted > 1000, "{accepted}");
    }

    #[test]
    fn writes_public_keys_as_the_pkcs1_crate_reads_them() {
        let key = RsaPrivateKeyParts::read(PKCS1).unwrap();
        let der = write_public_key(key.modulus, key.public_exponent);
        let theirs = RsaPublicKeyRef::from_der(&der).unwrap();
        assert_eq!(theirs.modulus.as_bytes(), &key.modulus[1..]);
        assert_eq!(theirs.public_exponent.as_bytes(), key.public_exponent);
        assert_eq!(
            write_public_key(&[0, 0, 0x80], &[1]),
            [0x30, 7, 2, 2, 0, 0x80, 2, 1, 1]
        );
    }
}
