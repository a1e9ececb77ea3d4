//! Public keys: what a verifier checks signatures with.

use std::fmt;

use cloudfront_signer_crypto::ecdsa::EcdsaPublicKey;
use cloudfront_signer_crypto::rsa2048::Rsa2048PublicKey;
use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
use p256::elliptic_curve::sec1::ToSec1Point;

use super::algorithm::{classify, AlgorithmIdentifier, KeyType};
use super::pem::{self, looks_like_pem, parse_blocks};
use super::pkcs1::{read_public_key, write_public_key};
use super::private::MAX_KEY_BYTES;
use super::spki::SubjectPublicKeyInfo;
use super::{jwk, PrivateKey};
use crate::error::{fail, Error, ErrorKind, Result};
use crate::hash::HashAlgorithm;

/// An RSA or ECDSA P-256 public key.
///
/// Read from SPKI (`BEGIN PUBLIC KEY`) PEM or DER, PKCS#1 `RSA PUBLIC KEY`,
/// a JWK, or any private key (its public half is used).
///
/// ```
/// use cloudfront_signer::PublicKey;
/// let pem = include_str!("../../tests/keys/ec-public.pem");
/// let key = PublicKey::from_bytes(pem.as_bytes()).unwrap();
/// assert_eq!(key.bits(), 256);
/// ```
#[derive(Clone)]
pub struct PublicKey {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    /// An RSA key of any size but 2048 bits.
    Rsa(Box<RsaPublicKey>),
    /// An RSA key with a 2048-bit modulus, in fixed-width form.
    Rsa2048(Box<Rsa2048PublicKey>),
    Ec(Box<EcdsaPublicKey>),
}

impl PublicKey {
    pub(crate) fn from_rsa(key: RsaPublicKey) -> Self {
        match Rsa2048PublicKey::from_rsa(&key) {
            Some(fixed_width) => Self::from_rsa2048(fixed_width),
            None => PublicKey {
                inner: Inner::Rsa(Box::new(key)),
            },
        }
    }

    pub(crate) fn from_rsa2048(fixed_width: Rsa2048PublicKey) -> Self {
        PublicKey {
            inner: Inner::Rsa2048(Box::new(fixed_width)),
        }
    }

    pub(crate) fn from_ec(key: p256::PublicKey) -> Self {
        PublicKey {
            inner: Inner::Ec(Box::new(EcdsaPublicKey::new(key))),
        }
    }

    /// Reads a public key (or a private key's public half) from PEM, DER or
    /// JWK bytes, told apart by content.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() > MAX_KEY_BYTES {
            return fail(
                ErrorKind::InputTooLarge,
                format!(
                    "the key input is {} bytes; at most {MAX_KEY_BYTES} are accepted",
                    bytes.len()
                ),
            );
        }
        if looks_like_pem(bytes) {
            let text = std::str::from_utf8(bytes).map_err(|_| {
                Error::new(ErrorKind::InvalidKey, "the PEM text is not valid UTF-8")
            })?;
            return Self::from_pem(text);
        }
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| Error::new(ErrorKind::InvalidKey, "the JWK is not valid UTF-8"))?;
            return match jwk::parse_public(text)? {
                Some(key) => Ok(key),
                None => Ok(PrivateKey::from_jwk(text)?.public_key()),
            };
        }
        Self::from_der(bytes)
    }

    /// Reads the first key of a PEM text: public, or private (its public half).
    pub fn from_pem(text: &str) -> Result<Self> {
        let blocks = parse_blocks(text)?;
        let Some(block) = blocks.iter().find(|b| b.label != "EC PARAMETERS") else {
            return fail(
                ErrorKind::InvalidKey,
                "the PEM text holds EC parameters but no key",
            );
        };
        match block.label.as_str() {
            "PUBLIC KEY" => Self::from_spki_der(&block.der),
            "RSA PUBLIC KEY" => {
                Self::from_pkcs1_der(&block.der).ok_or_else(|| invalid("PKCS#1 RSA public key"))
            }
            "CERTIFICATE" => fail(
                ErrorKind::UnsupportedKey,
                "certificates are not supported; extract the key with `openssl x509 -pubkey -noout -in cert.pem`",
            ),
            _ => Ok(PrivateKey::from_pem(text, None)?.public_key()),
        }
    }

    /// Reads DER: SPKI, PKCS#1 RSA public key, or any private key DER.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        if SubjectPublicKeyInfo::read(der).is_some() {
            return Self::from_spki_der(der);
        }
        if let Some(key) = Self::from_pkcs1_der(der) {
            return Ok(key);
        }
        Ok(PrivateKey::from_der(der, None)?.public_key())
    }

    fn from_spki_der(der: &[u8]) -> Result<Self> {
        let info = SubjectPublicKeyInfo::read(der).ok_or_else(|| invalid("SPKI public key"))?;
        let curve = info
            .algorithm
            .curve()
            .map_err(|_| invalid("SPKI public key"))?;
        let key_bytes = info.key_bytes().ok_or_else(|| invalid("SPKI public key"))?;
        match classify(info.algorithm.oid, curve)? {
            KeyType::Rsa => {
                Self::from_pkcs1_der(key_bytes).ok_or_else(|| invalid("RSA public key"))
            }
            KeyType::Ec => p256::PublicKey::from_sec1_bytes(key_bytes)
                .map(Self::from_ec)
                .map_err(|_| invalid("P-256 public key")),
        }
    }

    /// The key of a PKCS#1 `RSAPublicKey`, when `der` is one and the
    /// `rsa` crate would accept its modulus and exponent.
    fn from_pkcs1_der(der: &[u8]) -> Option<Self> {
        let (n, e) = read_public_key(der)?;
        RsaPublicKey::new(n, e).map(Self::from_rsa)
    }

    /// `KeyType::Rsa` or `KeyType::Ec`.
    pub fn key_type(&self) -> KeyType {
        match &self.inner {
            Inner::Rsa(_) | Inner::Rsa2048(_) => KeyType::Rsa,
            Inner::Ec(_) => KeyType::Ec,
        }
    }

    /// The key size in bits.
    pub fn bits(&self) -> u32 {
        match &self.inner {
            Inner::Rsa(key) => key.bits(),
            Inner::Rsa2048(_) => 2048,
            Inner::Ec(_) => 256,
        }
    }

    /// Whether `signature` is a valid signature of `message` under `hash`.
    ///
    /// ECDSA signatures must be DER; any valid `s` (high or low) is accepted.
    pub fn verify(&self, hash: HashAlgorithm, message: &[u8], signature: &[u8]) -> bool {
        let digest = hash.digest(message);
        match &self.inner {
            Inner::Rsa2048(fixed_width) => fixed_width.verify(hash.into(), &digest, signature),
            Inner::Rsa(key) => key.verify(hash.into(), &digest, signature),
            Inner::Ec(key) => key.verify(&digest, signature),
        }
    }

    /// The SubjectPublicKeyInfo PEM, the form a CloudFront key group takes.
    pub fn to_pem(&self) -> String {
        let der = match &self.inner {
            Inner::Rsa(key) => {
                let n = key.modulus_bytes();
                let e = key.e().to_be_bytes();
                SubjectPublicKeyInfo::write(&AlgorithmIdentifier::RSA, &write_public_key(&n, &e))
            }
            Inner::Rsa2048(fixed_width) => {
                let n = fixed_width.modulus_bytes();
                let e = fixed_width.exponent().to_be_bytes();
                SubjectPublicKeyInfo::write(&AlgorithmIdentifier::RSA, &write_public_key(&n, &e))
            }
            Inner::Ec(key) => SubjectPublicKeyInfo::write(
                &AlgorithmIdentifier::P256,
                key.key().to_sec1_point(false).as_bytes(),
            ),
        };
        pem::encode("PUBLIC KEY", &der)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PublicKey({} {} bits)",
            self.key_type().as_str(),
            self.bits()
        )
    }
}

fn invalid(format: &str) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("the {format} is malformed"))
}
