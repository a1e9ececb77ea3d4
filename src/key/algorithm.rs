//! Which key algorithms and curves CloudFront accepts, by OID.

use pkcs8::ObjectIdentifier;

use crate::error::{fail, ErrorKind, Result};

const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const PRIME256V1: &str = "1.2.840.10045.3.1.7";

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

/// Classifies an AlgorithmIdentifier (and its curve parameter, for EC).
pub(crate) fn classify(
    algorithm: ObjectIdentifier,
    curve: Option<ObjectIdentifier>,
) -> Result<KeyType> {
    match algorithm.to_string().as_str() {
        RSA_ENCRYPTION => Ok(KeyType::Rsa),
        EC_PUBLIC_KEY => {
            ensure_p256(curve)?;
            Ok(KeyType::Ec)
        }
        other => fail(
            ErrorKind::UnsupportedKey,
            format!(
                "{} keys are not supported; CloudFront accepts RSA and ECDSA P-256 keys",
                algorithm_name(other)
            ),
        ),
    }
}

/// Refuses every curve but P-256, naming the curve.
pub(crate) fn ensure_p256(curve: Option<ObjectIdentifier>) -> Result<()> {
    match curve.map(|oid| oid.to_string()) {
        Some(oid) if oid == PRIME256V1 => Ok(()),
        Some(oid) => fail(
            ErrorKind::UnsupportedKey,
            format!(
                "the key is on curve {}; CloudFront accepts only P-256 (prime256v1) EC keys",
                curve_name(&oid)
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
