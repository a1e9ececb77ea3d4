//! PKCS#8 (RFC 5208, RFC 5958): `PrivateKeyInfo`, the `PRIVATE KEY` PEM
//! block of any algorithm, and `EncryptedPrivateKeyInfo`, the `ENCRYPTED
//! PRIVATE KEY` one.

use zeroize::Zeroizing;

use super::algorithm::AlgorithmIdentifier;
use crate::der::{tag, Reader, Writer};

/// A `PrivateKeyInfo` (version 1) or `OneAsymmetricKey` (version 2).
pub(crate) struct PrivateKeyInfo<'a> {
    /// The key's algorithm.
    pub(crate) algorithm: AlgorithmIdentifier<'a>,
    /// The algorithm's own private key encoding (PKCS#1, SEC1).
    pub(crate) private_key: &'a [u8],
}

impl<'a> PrivateKeyInfo<'a> {
    /// Reads `der` when it is exactly one `PrivateKeyInfo`:
    /// `SEQUENCE { version 0 or 1, algorithm, privateKey OCTET STRING,
    /// [0] attributes OPTIONAL, [1] publicKey OPTIONAL (version 2 only),
    /// further [n] extensions }`.
    ///
    /// ```ignore
    /// let info = PrivateKeyInfo::read(&der)?;
    /// assert_eq!(info.algorithm.oid, oid::RSA_ENCRYPTION);
    /// ```
    pub(crate) fn read(der: &'a [u8]) -> Option<Self> {
        let mut info = Reader::new(Reader::whole(der, tag::SEQUENCE)?);
        let version = info.small_integer()?;
        let algorithm = AlgorithmIdentifier::read(&mut info)?;
        let private_key = info.octet_string()?;
        // [0] IMPLICIT attributes (a SET, so constructed), then [1]
        // IMPLICIT publicKey (a BIT STRING, so primitive): a field with
        // either number must have that form.
        if next_is_context(&info, 0) {
            info.element(tag::context(0))?;
        }
        let mut has_public_key = false;
        if next_is_context(&info, 1) {
            let contents = info.element(0x81)?;
            has_public_key = is_bit_string(contents);
            if !has_public_key {
                return None;
            }
        }
        if (version == 1) != has_public_key || version > 1 {
            return None;
        }
        // Later extension fields: explicitly tagged, each holding one element.
        while !info.is_empty() {
            let (found, contents) = info.any()?;
            if found & 0xe0 != 0xa0 {
                return None;
            }
            let mut inner = Reader::new(contents);
            inner.any()?;
            inner.finish()?;
        }
        Some(PrivateKeyInfo {
            algorithm,
            private_key,
        })
    }

    /// The DER of a version-1 `PrivateKeyInfo` holding `private_key`.
    ///
    /// ```ignore
    /// let der = PrivateKeyInfo::write(&AlgorithmIdentifier::RSA, &pkcs1_der);
    /// ```
    pub(crate) fn write(algorithm: &AlgorithmIdentifier, private_key: &[u8]) -> Zeroizing<Vec<u8>> {
        Writer::sequence(|w| {
            w.integer(&[0]);
            algorithm.write(w);
            w.octet_string(private_key);
        })
    }
}

/// An `EncryptedPrivateKeyInfo`: the encryption scheme, and the encrypted
/// `PrivateKeyInfo`.
pub(crate) struct EncryptedPrivateKeyInfo<'a> {
    /// The encryption scheme (PBES2 with its parameters, for supported keys).
    pub(crate) algorithm: AlgorithmIdentifier<'a>,
    /// The encrypted DER of a `PrivateKeyInfo`.
    pub(crate) encrypted_data: &'a [u8],
}

impl<'a> EncryptedPrivateKeyInfo<'a> {
    /// Reads `der` when it is exactly one
    /// `SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }`.
    ///
    /// ```ignore
    /// let info = EncryptedPrivateKeyInfo::read(&der)?;
    /// ```
    pub(crate) fn read(der: &'a [u8]) -> Option<Self> {
        let mut info = Reader::new(Reader::whole(der, tag::SEQUENCE)?);
        let algorithm = AlgorithmIdentifier::read(&mut info)?;
        let encrypted_data = info.octet_string()?;
        info.finish()?;
        Some(EncryptedPrivateKeyInfo {
            algorithm,
            encrypted_data,
        })
    }
}

/// Whether the next element is context-specific with `number`, whatever
/// its form.
fn next_is_context(reader: &Reader, number: u8) -> bool {
    reader.peek_tag().and_then(tag::context_number) == Some(number)
}

/// Whether `contents` are a valid BIT STRING's: a count of unused bits
/// from 0 to 7, and none when there are no bits.
fn is_bit_string(contents: &[u8]) -> bool {
    match contents {
        [unused] => *unused == 0,
        [unused, ..] => *unused <= 7,
        [] => false,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use pkcs8::der::Decode;

    use super::*;
    use crate::der::oid;

    /// Every variant of `der` with one byte changed (to eight values),
    /// every truncation, and one byte appended.
    pub(crate) fn variants(der: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for at in 0..der.len() {
            for value in [0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xa0, 0xff] {
                if der[at] != value {
                    let mut changed = der.to_vec();
                    changed[at] = value;
                    out.push(changed);
                }
            }
            out.push(der[..at].to_vec());
        }
        out.push([der, &[0]].concat());
        out
    }

    fn agrees_with_the_pkcs8_crate(der: &[u8]) -> bool {
        let theirs = pkcs8::PrivateKeyInfoRef::from_der(der).ok();
        let ours = PrivateKeyInfo::read(der);
        match (ours, theirs) {
            (None, None) => true,
            (Some(ours), Some(theirs)) => {
                ours.private_key == theirs.private_key.as_bytes()
                    && ours.algorithm.oid == theirs.algorithm.oid.as_bytes()
                    && ours.algorithm.parameters.map(|(_, c)| c)
                        == theirs.algorithm.parameters.map(|p| p.value())
            }
            _ => false,
        }
    }

    fn v2_with_extras(public: &[u8], extra: &[u8]) -> Vec<u8> {
        Writer::sequence(|w| {
            w.integer(&[1]);
            AlgorithmIdentifier::P256.write(w);
            w.octet_string(b"secret");
            w.constructed(tag::context(0), |_| {});
            w.element(0x81, public);
            w.raw(extra);
        })
        .to_vec()
    }

    #[test]
    fn reads_every_test_key_as_the_pkcs8_crate_does() {
        for der in [
            &include_bytes!("../../tests/keys/rsa-pkcs8.der")[..],
            &include_bytes!("../../tests/keys/ec-pkcs8.der")[..],
        ] {
            assert!(PrivateKeyInfo::read(der).is_some());
            for variant in variants(der) {
                assert!(agrees_with_the_pkcs8_crate(&variant), "{variant:02x?}");
            }
        }
    }

    #[test]
    fn reads_version_2_with_attributes_public_key_and_extensions() {
        let extension = [0xa2, 0x03, 0x05, 0x01, 0x00];
        for (public, extra, valid) in [
            (&[0x00, 0x04, 0x01][..], &[][..], true),
            (&[0x00, 0x04, 0x01], &extension[..], true),
            (
                &[0x00, 0x04, 0x01],
                &[0xa2, 0x02, 0x05, 0x00, 0x00][..],
                false,
            ),
            (&[0x00, 0x04, 0x01], &[0x82, 0x00][..], false),
            (&[0x00, 0x04, 0x01], &[0xa1, 0x02, 0x05, 0x00][..], true),
            (&[0x01], &[][..], false),
            (&[0x03, 0x04, 0x01], &[][..], true),
        ] {
            let der = v2_with_extras(public, extra);
            assert_eq!(PrivateKeyInfo::read(&der).is_some(), valid, "{der:02x?}");
            assert!(agrees_with_the_pkcs8_crate(&der), "{der:02x?}");
            for variant in variants(&der) {
                assert!(agrees_with_the_pkcs8_crate(&variant), "{variant:02x?}");
            }
        }
    }

    #[test]
    fn writes_what_the_pkcs8_crate_writes() {
        let der = include_bytes!("../../tests/keys/rsa-pkcs8.der");
        let info = PrivateKeyInfo::read(der).unwrap();
        assert_eq!(info.algorithm.oid, oid::RSA_ENCRYPTION);
        let written = PrivateKeyInfo::write(&AlgorithmIdentifier::RSA, info.private_key);
        assert_eq!(written.as_slice(), &der[..]);
    }

    #[test]
    fn reads_encrypted_keys_as_the_pkcs8_crate_does() {
        for pem in [
            include_str!("../../tests/keys/rsa-pkcs8-encrypted.pem"),
            include_str!("../../tests/keys/ec-pkcs8-encrypted.pem"),
        ] {
            let der = super::super::pem::parse_blocks(pem).unwrap().remove(0).der;
            let ours = EncryptedPrivateKeyInfo::read(&der).unwrap();
            let theirs = pkcs8::EncryptedPrivateKeyInfoRef::from_der(&der).unwrap();
            assert_eq!(ours.encrypted_data, theirs.encrypted_data.as_bytes());
            for variant in variants(&der) {
                if EncryptedPrivateKeyInfo::read(&variant).is_some() {
                    // The structure is read here; the scheme's parameters
                    // are checked where the key is decrypted.
                    continue;
                }
                assert!(pkcs8::EncryptedPrivateKeyInfoRef::from_der(&variant).is_err());
            }
        }
    }
}
