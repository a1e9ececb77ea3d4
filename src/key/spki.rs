//! `SubjectPublicKeyInfo` (RFC 5280): the `PUBLIC KEY` PEM block, the form
//! of public key a CloudFront key group takes.

use super::algorithm::AlgorithmIdentifier;
use crate::der::{bit_string_bytes, tag, Reader, Writer};

/// The parts of a `SubjectPublicKeyInfo`.
pub(crate) struct SubjectPublicKeyInfo<'a> {
    /// The key's algorithm.
    pub(crate) algorithm: AlgorithmIdentifier<'a>,
    /// The BIT STRING's contents (its first byte counts the unused bits).
    pub(crate) subject_public_key: &'a [u8],
}

impl<'a> SubjectPublicKeyInfo<'a> {
    /// Reads `der` when it is exactly one
    /// `SEQUENCE { algorithm, subjectPublicKey BIT STRING }`.
    ///
    /// ```ignore
    /// let info = SubjectPublicKeyInfo::read(&der)?;
    /// ```
    pub(crate) fn read(der: &'a [u8]) -> Option<Self> {
        let mut info = Reader::new(Reader::whole(der, tag::SEQUENCE)?);
        let algorithm = AlgorithmIdentifier::read(&mut info)?;
        let subject_public_key = info.element(tag::BIT_STRING)?;
        match subject_public_key {
            [] => return None,
            [unused] if *unused != 0 => return None,
            [unused, ..] if *unused > 7 => return None,
            _ => {}
        }
        info.finish()?;
        Some(SubjectPublicKeyInfo {
            algorithm,
            subject_public_key,
        })
    }

    /// The key bytes, when the BIT STRING is a whole number of bytes.
    pub(crate) fn key_bytes(&self) -> Option<&'a [u8]> {
        bit_string_bytes(self.subject_public_key)
    }

    /// The DER of a `SubjectPublicKeyInfo` holding `key`.
    ///
    /// ```ignore
    /// let der = SubjectPublicKeyInfo::write(&AlgorithmIdentifier::P256, &point);
    /// ```
    pub(crate) fn write(algorithm: &AlgorithmIdentifier, key: &[u8]) -> Vec<u8> {
        Writer::sequence(|w| {
            algorithm.write(w);
            w.bit_string(key);
        })
        .to_vec()
    }
}

#[cfg(test)]
mod tests {
    use pkcs8::der::Decode;

    use super::super::pkcs8::tests::variants;
    use super::*;

    fn agrees_with_the_spki_crate(der: &[u8]) -> bool {
        let theirs = spki::SubjectPublicKeyInfoRef::from_der(der).ok();
        match (SubjectPublicKeyInfo::read(der), theirs) {
            (None, None) => true,
            (Some(ours), Some(theirs)) => {
                ours.key_bytes() == theirs.subject_public_key.as_bytes()
                    && ours.algorithm.oid == theirs.algorithm.oid.as_bytes()
                    && ours.algorithm.parameters.map(|(_, c)| c)
                        == theirs.algorithm.parameters.map(|p| p.value())
            }
            _ => false,
        }
    }

    #[test]
    fn reads_and_writes_the_test_keys_as_the_spki_crate_does() {
        for (der, algorithm) in [
            (
                &include_bytes!("../../tests/keys/rsa-public.der")[..],
                AlgorithmIdentifier::RSA,
            ),
            (
                &include_bytes!("../../tests/keys/ec-public.der")[..],
                AlgorithmIdentifier::P256,
            ),
        ] {
            let info = SubjectPublicKeyInfo::read(der).unwrap();
            let written = SubjectPublicKeyInfo::write(&algorithm, info.key_bytes().unwrap());
            assert_eq!(written, der);
            for variant in variants(der) {
                assert!(agrees_with_the_spki_crate(&variant), "{variant:02x?}");
            }
        }
    }
}
