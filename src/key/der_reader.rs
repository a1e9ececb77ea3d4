//! A strict reader for the two DER forms an RSA private key file usually
//! holds: PKCS#1 `RSAPrivateKey` (two primes) and a version-1 PKCS#8
//! `PrivateKeyInfo` wrapping one. It reads only the canonical encoding of
//! exactly these shapes and answers `None` to anything else (other
//! versions, attributes, other algorithms, non-minimal lengths or
//! integers), which the general decoder then reads or refuses: so it never
//! accepts what the general decoder would refuse. It exists because it is
//! small: WebAssembly engines compile a function when it is first called,
//! and the general decoder's code is several times larger.

const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;
const SEQUENCE: u8 = 0x30;

/// `AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }`.
const RSA_ENCRYPTION: [u8; 15] = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/// The integers of a two-prime PKCS#1 `RSAPrivateKey`, big-endian, each
/// as encoded (a leading zero byte when its top bit would be set).
pub(super) struct RsaPrivateKeyParts<'a> {
    pub(super) modulus: &'a [u8],
    pub(super) public_exponent: &'a [u8],
    pub(super) private_exponent: &'a [u8],
    pub(super) prime1: &'a [u8],
    pub(super) prime2: &'a [u8],
    pub(super) exponent1: &'a [u8],
    pub(super) exponent2: &'a [u8],
    pub(super) coefficient: &'a [u8],
}

/// The parts of `der` when it is exactly a canonical two-prime PKCS#1
/// `RSAPrivateKey` (version 0); `None` otherwise.
pub(super) fn rsa_private_key(der: &[u8]) -> Option<RsaPrivateKeyParts<'_>> {
    let mut key = Reader::new(Reader::new(der).whole(SEQUENCE)?);
    if key.integer()? != [0] {
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
    key.rest.is_empty().then_some(parts)
}

/// The PKCS#1 bytes inside `der` when it is exactly a canonical version-1
/// PKCS#8 `PrivateKeyInfo` of an RSA key, without attributes; `None`
/// otherwise.
pub(super) fn rsa_pkcs8_contents(der: &[u8]) -> Option<&[u8]> {
    let mut info = Reader::new(Reader::new(der).whole(SEQUENCE)?);
    if info.integer()? != [0] {
        return None;
    }
    info.rest = info.rest.strip_prefix(&RSA_ENCRYPTION)?;
    let private_key = info.element(OCTET_STRING)?;
    info.rest.is_empty().then_some(private_key)
}

/// Reads DER elements one after another.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// The contents of the single element with `tag` that makes up all
    /// that is left.
    fn whole(mut self, tag: u8) -> Option<&'a [u8]> {
        let contents = self.element(tag)?;
        self.rest.is_empty().then_some(contents)
    }

    /// The contents of the next element, which must have `tag` and a
    /// length in its shortest form (definite, at most three length bytes).
    fn element(&mut self, tag: u8) -> Option<&'a [u8]> {
        let (&found, rest) = self.rest.split_first()?;
        let (&first, mut rest) = rest.split_first()?;
        if found != tag {
            return None;
        }
        let length = match first {
            0..=0x7f => usize::from(first),
            0x81..=0x83 => {
                let count = usize::from(first & 0x7f);
                let (bytes, after) = rest.split_at_checked(count)?;
                rest = after;
                let length = bytes
                    .iter()
                    .fold(0usize, |value, &byte| (value << 8) | usize::from(byte));
                // The shortest form: no leading zero byte, and the long
                // form only from 128 on.
                if bytes[0] == 0 || length < 0x80 {
                    return None;
                }
                length
            }
            _ => return None,
        };
        let (contents, rest) = rest.split_at_checked(length)?;
        self.rest = rest;
        Some(contents)
    }

    /// The contents of the next INTEGER, which must be non-negative and
    /// minimally encoded.
    fn integer(&mut self) -> Option<&'a [u8]> {
        let contents = self.element(INTEGER)?;
        match contents {
            [] => None,
            [first, ..] if first & 0x80 != 0 => None,
            [0, second, ..] if second & 0x80 == 0 => None,
            _ => Some(contents),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use pkcs8::der::Decode;
    use rsa::pkcs1::{RsaPrivateKeyRef, Version};

    use super::*;

    const PKCS1: &[u8] = include_bytes!("../../tests/keys/rsa-pkcs1.der");
    const PKCS8: &[u8] = include_bytes!("../../tests/keys/rsa-pkcs8.der");

    /// The general decoder's reading of a two-prime PKCS#1 key: its eight
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
        let key = rsa_private_key(der)?;
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

    fn general_pkcs8(der: &[u8]) -> Option<Vec<u8>> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(der).ok()?;
        let (algorithm, _) = info.algorithm.oids().ok()?;
        (algorithm == pkcs8::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1"))
            .then(|| info.private_key.as_bytes().to_vec())
    }

    /// Every change of one byte (to each of a few values), every
    /// truncation and an appended byte.
    fn variants(der: &[u8]) -> Vec<Vec<u8>> {
        let mut variants = vec![der.to_vec()];
        for i in 0..der.len() {
            for value in [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0xff, der[i] ^ 1] {
                let mut changed = der.to_vec();
                changed[i] = value;
                variants.push(changed);
            }
            variants.push(der[..i].to_vec());
        }
        variants.push([der, &[0]].concat());
        variants
    }

    #[test]
    fn reads_the_test_keys_as_the_general_decoder_does() {
        assert_eq!(ours(PKCS1).unwrap(), general_integers(PKCS1).unwrap());
        assert_eq!(
            rsa_pkcs8_contents(PKCS8).unwrap(),
            general_pkcs8(PKCS8).unwrap()
        );
        assert_eq!(rsa_pkcs8_contents(PKCS8).unwrap(), PKCS1);
    }

    #[test]
    fn accepts_nothing_the_general_decoder_refuses_or_reads_otherwise() {
        let mut accepted = 0;
        for der in variants(PKCS1) {
            if let Some(parts) = ours(&der) {
                assert_eq!(Some(parts), general_integers(&der), "{der:02x?}");
                accepted += 1;
            }
        }
        for der in variants(PKCS8) {
            if let Some(contents) = rsa_pkcs8_contents(&der) {
                assert_eq!(Some(contents.to_vec()), general_pkcs8(&der), "{der:02x?}");
                accepted += 1;
            }
        }
        // Changes inside the integers' values are still keys.
        assert!(accepted > 1000, "{accepted}");
    }

    #[test]
    fn refuses_non_minimal_encodings() {
        let mut reader = Reader::new(&[0x02, 0x81, 0x01, 0x05]);
        assert!(reader.element(INTEGER).is_none(), "long form below 128");
        let mut reader = Reader::new(&[0x02, 0x82, 0x00, 0x81]);
        assert!(
            reader.element(INTEGER).is_none(),
            "leading zero length byte"
        );
        let mut reader = Reader::new(&[0x02, 0x80, 0x05, 0x00, 0x00]);
        assert!(reader.element(INTEGER).is_none(), "indefinite length");
        for integer in [
            &[0x02, 0x02, 0x00, 0x05][..],
            &[0x02, 0x01, 0x85],
            &[0x02, 0x00],
        ] {
            assert!(Reader::new(integer).integer().is_none(), "{integer:02x?}");
        }
        assert_eq!(
            Reader::new(&[0x02, 0x02, 0x00, 0x85]).integer(),
            Some(&[0x00, 0x85][..])
        );
    }
}
