//! SEC1 `ECPrivateKey` (RFC 5915): the `EC PRIVATE KEY` PEM block, and
//! what PKCS#8 wraps for an EC key.

use zeroize::Zeroizing;

use crate::der::{tag, Reader, Writer};

/// The parts of an `ECPrivateKey`.
pub(crate) struct EcPrivateKey<'a> {
    /// The private scalar, big-endian.
    pub(crate) private_key: &'a [u8],
    /// The curve named in `[0] parameters`, as OID contents.
    pub(crate) curve: Option<&'a [u8]>,
    /// The SEC1-encoded public point in `[1] publicKey`.
    pub(crate) public_key: Option<&'a [u8]>,
}

impl<'a> EcPrivateKey<'a> {
    /// Reads `der` when it is exactly one `SEQUENCE { version 1,
    /// privateKey OCTET STRING, [0] namedCurve OPTIONAL, [1] publicKey
    /// BIT STRING OPTIONAL }` (both explicitly tagged).
    ///
    /// ```ignore
    /// let key = EcPrivateKey::read(&der)?;
    /// assert_eq!(key.private_key.len(), 32);
    /// ```
    pub(crate) fn read(der: &'a [u8]) -> Option<Self> {
        let mut key = Reader::new(Reader::whole(der, tag::SEQUENCE)?);
        if key.small_integer()? != 1 {
            return None;
        }
        let private_key = key.octet_string()?;
        let curve = match key.optional(tag::context(0)).ok()? {
            Some(contents) => {
                let mut parameters = Reader::new(contents);
                let curve = parameters.oid()?;
                parameters.finish()?;
                Some(curve)
            }
            None => None,
        };
        let public_key = match key.optional(tag::context(1)).ok()? {
            Some(contents) => {
                let mut field = Reader::new(contents);
                let point = field.bit_string()?;
                field.finish()?;
                Some(point)
            }
            None => None,
        };
        key.finish()?;
        Some(EcPrivateKey {
            private_key,
            curve,
            public_key,
        })
    }

    /// The DER of an `ECPrivateKey` with the scalar and the public point,
    /// and no curve (PKCS#8 names it), as the `p256` crate writes it.
    ///
    /// ```ignore
    /// let der = EcPrivateKey::write(&scalar, &uncompressed_point);
    /// ```
    pub(crate) fn write(private_key: &[u8], public_key: &[u8]) -> Zeroizing<Vec<u8>> {
        Writer::sequence(|w| {
            w.integer(&[1]);
            w.octet_string(private_key);
            w.constructed(tag::context(1), |w| w.bit_string(public_key));
        })
    }
}

#[cfg(test)]
mod tests {
    use pkcs8::der::Decode;

    use super::super::pkcs8::tests::variants;
    use super::*;
    use crate::der::oid;

    fn agrees_with_the_sec1_crate(der: &[u8]) -> bool {
        match (
            EcPrivateKey::read(der),
            sec1::EcPrivateKey::from_der(der).ok(),
        ) {
            (None, None) => true,
            (Some(ours), Some(theirs)) => {
                ours.private_key == theirs.private_key
                    && ours.public_key == theirs.public_key
                    && ours.curve.map(<[u8]>::to_vec)
                        == theirs
                            .parameters
                            .and_then(|p| p.named_curve())
                            .map(|oid| oid.as_bytes().to_vec())
            }
            _ => false,
        }
    }

    #[test]
    fn reads_the_test_keys_as_the_sec1_crate_does() {
        for der in [
            include_bytes!("../../tests/keys/ec-sec1.der").to_vec(),
            EcPrivateKey::write(&[7; 32], &[4; 65]).to_vec(),
        ] {
            assert!(EcPrivateKey::read(&der).is_some());
            for variant in variants(&der) {
                assert!(agrees_with_the_sec1_crate(&variant), "{variant:02x?}");
            }
        }
        let key = EcPrivateKey::read(include_bytes!("../../tests/keys/ec-sec1.der")).unwrap();
        assert_eq!(key.curve, Some(oid::PRIME256V1));
        assert_eq!(key.public_key.map(<[u8]>::len), Some(65));
    }
}
