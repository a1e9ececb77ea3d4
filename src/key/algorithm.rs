//! Which key algorithms and curves CloudFront accepts, by OID, and the
//! `AlgorithmIdentifier` that names them in PKCS#8 and SPKI.

use crate::der::{oid, tag, Reader, Writer};
use crate::error::{fail, ErrorKind, Result};

/// The two kinds of key CloudFront key groups take.
///
/// ```
/// use cloudfront_signer::KeyType;
/// assert_eq!(KeyType::Ec.as_str(), "EC");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// RSA, signed with PKCS#1 v1.5.
    Rsa,
    /// ECDSA on the P-256 curve, DER-encoded signatures.
    Ec,
}

impl KeyType {
    /// `"RSA"` or `"EC"`, as JWK's `kty` spells them.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::Rsa => "RSA",
            KeyType::Ec => "EC",
        }
    }
}

/// An `AlgorithmIdentifier`: the algorithm's OID and its parameters.
#[derive(Clone, Copy)]
pub(crate) struct AlgorithmIdentifier<'a> {
    /// The OID's DER contents.
    pub(crate) oid: &'a [u8],
    /// The tag and contents of the parameters, when present.
    pub(crate) parameters: Option<(u8, &'a [u8])>,
}

impl<'a> AlgorithmIdentifier<'a> {
    /// The identifier of RSA keys: `rsaEncryption` with NULL parameters.
    pub(crate) const RSA: AlgorithmIdentifier<'static> = AlgorithmIdentifier {
        oid: oid::RSA_ENCRYPTION,
        parameters: Some((tag::NULL, &[])),
    };

    /// The identifier of P-256 keys: `id-ecPublicKey` naming `prime256v1`.
    pub(crate) const P256: AlgorithmIdentifier<'static> = AlgorithmIdentifier {
        oid: oid::EC_PUBLIC_KEY,
        parameters: Some((tag::OID, oid::PRIME256V1)),
    };

    /// Reads `SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`.
    pub(crate) fn read(reader: &mut Reader<'a>) -> Option<Self> {
        let mut sequence = reader.sequence()?;
        let oid = sequence.oid()?;
        let parameters = if sequence.is_empty() {
            None
        } else {
            Some(sequence.any()?)
        };
        sequence.finish()?;
        Some(AlgorithmIdentifier { oid, parameters })
    }

    /// Appends it to `writer`.
    pub(crate) fn write(&self, writer: &mut Writer) {
        writer.constructed(tag::SEQUENCE, |w| {
            w.oid(self.oid);
            if let Some((tag, contents)) = self.parameters {
                w.element(tag, contents);
            }
        });
    }

    /// The curve the parameters name: `Ok(None)` when they are absent or
    /// NULL, `Err(())` when they are something other than an OID.
    pub(crate) fn curve(&self) -> std::result::Result<Option<&'a [u8]>, ()> {
        match self.parameters {
            None | Some((tag::NULL, [])) => Ok(None),
            Some((tag::OID, contents)) if oid::is_valid(contents) => Ok(Some(contents)),
            Some(_) => Err(()),
        }
    }
}

/// Classifies an algorithm OID (and its curve, for EC).
pub(crate) fn classify(algorithm: &[u8], curve: Option<&[u8]>) -> Result<KeyType> {
    if algorithm == oid::RSA_ENCRYPTION {
        return Ok(KeyType::Rsa);
    }
    if algorithm == oid::EC_PUBLIC_KEY {
        ensure_p256(curve)?;
        return Ok(KeyType::Ec);
    }
    let dotted = oid::dotted(algorithm).unwrap_or_default();
    fail(
        ErrorKind::UnsupportedKey,
        format!(
            "{} keys are not supported; CloudFront accepts RSA and ECDSA P-256 keys",
            algorithm_name(&dotted)
        ),
    )
}

/// Refuses every curve but P-256, naming the curve.
pub(crate) fn ensure_p256(curve: Option<&[u8]>) -> Result<()> {
    match curve {
        Some(oid) if oid == oid::PRIME256V1 => Ok(()),
        Some(other) => fail(
            ErrorKind::UnsupportedKey,
            format!(
                "the key is on curve {}; CloudFront accepts only P-256 (prime256v1) EC keys",
                curve_name(&oid::dotted(other).unwrap_or_default())
            ),
        ),
        None => fail(
            ErrorKind::UnsupportedKey,
            "the EC key does not name its curve; CloudFront accepts only P-256 (prime256v1) keys",
        ),
    }
}

/// Refuses JWK curves other than P-256, naming the curve.
pub(crate) fn ensure_jwk_p256(crv: &str) -> Result<()> {
    if crv == "P-256" {
        return Ok(());
    }
    fail(
        ErrorKind::UnsupportedKey,
        format!(
            "the key is on curve {}; CloudFront accepts only P-256 EC keys",
            name_in_key(crv)
        ),
    )
}

/// A name read from inside a key (a JWK `kty` or `crv`), for a message:
/// shown only when it looks like a name, since a malformed key may hold key
/// material anywhere.
pub(crate) fn name_in_key(text: &str) -> String {
    let looks_like_a_name = (1..=16).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if looks_like_a_name {
        text.to_string()
    } else {
        "(a value that is not a name)".to_string()
    }
}

fn curve_name(oid: &str) -> &str {
    match oid {
        "1.3.132.0.34" => "P-384 (secp384r1)",
        "1.3.132.0.35" => "P-521 (secp521r1)",
        "1.3.132.0.10" => "secp256k1",
        "1.3.132.0.33" => "P-224 (secp224r1)",
        "1.2.840.10045.3.1.1" => "P-192 (prime192v1)",
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
        other => other,
    }
}

fn algorithm_name(oid: &str) -> &str {
    match oid {
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.2.840.10040.4.1" => "DSA",
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.2.840.10046.2.1" => "DH",
        other => other,
    }
}
