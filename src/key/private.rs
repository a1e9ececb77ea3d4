//! Private keys: parsed once, used for every signature, zeroized on drop.

use std::fmt;

use cloudfront_signer_crypto::ecdsa::{EcdsaPrivateKey, Signature};
use cloudfront_signer_crypto::rsa2048::Rsa2048PrivateKey;
use cloudfront_signer_crypto::rsa_any::{PrivateComponents, RsaPrivateKey};
use p256::elliptic_curve::sec1::ToSec1Point;
use zeroize::Zeroizing;

use super::algorithm::{classify, ensure_p256, AlgorithmIdentifier, KeyType};
use super::pem::{looks_like_pem, parse_blocks};
use super::pkcs1::{write_private_key, RsaPrivateKeyParts};
use super::pkcs8::{EncryptedPrivateKeyInfo, PrivateKeyInfo};
use super::sec1::EcPrivateKey;
use super::{jwk, pbes2, rsa2048_pkcs1, PublicKey};
use crate::error::{fail, Error, ErrorKind, Result};
use crate::hash::HashAlgorithm;

/// The largest key input accepted, in bytes (an RSA-16384 PEM is about 13 KB).
pub const MAX_KEY_BYTES: usize = 65_536;

/// A private key CloudFront can check signatures of: RSA or ECDSA P-256.
///
/// Its `Debug` output never shows key material.
///
/// ```
/// use cloudfront_signer::PrivateKey;
/// let key = PrivateKey::from_pem(include_str!("../../tests/keys/ec-sec1.pem"), None).unwrap();
/// assert_eq!(key.bits(), 256);
/// ```
pub struct PrivateKey {
    inner: Inner,
}

enum Inner {
    /// An RSA key of any other size, and its PKCS#1 DER (for platform
    /// engines), encoded from its checked components.
    Rsa(Box<RsaPrivateKey>, Zeroizing<Vec<u8>>),
    /// An RSA-2048 key with two 1024-bit primes in fixed-width form, and its
    /// PKCS#1 DER: the bytes it was read from when they were read straight
    /// into fixed width, else encoded from its checked components.
    Rsa2048(Box<Rsa2048PrivateKey>, Zeroizing<Vec<u8>>),
    Ec(Box<EcdsaPrivateKey>),
}

impl PrivateKey {
    /// Reads a key from PEM text, DER bytes or JWK JSON, told apart by content.
    ///
    /// `passphrase` decrypts an `ENCRYPTED PRIVATE KEY` (PKCS#8).
    pub fn from_bytes(bytes: &[u8], passphrase: Option<&[u8]>) -> Result<Self> {
        check_size(bytes.len())?;
        if looks_like_pem(bytes) {
            let text = std::str::from_utf8(bytes).map_err(|_| {
                Error::new(ErrorKind::InvalidKey, "the PEM text is not valid UTF-8")
            })?;
            return Self::from_pem(text, passphrase);
        }
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| Error::new(ErrorKind::InvalidKey, "the JWK is not valid UTF-8"))?;
            return Self::from_jwk(text);
        }
        Self::from_der(bytes, passphrase)
    }

    /// Reads the first private key block of a PEM text (an `EC PARAMETERS`
    /// block before it is skipped).
    pub fn from_pem(text: &str, passphrase: Option<&[u8]>) -> Result<Self> {
        count_key_use();
        check_size(text.len())?;
        let blocks = parse_blocks(text)?;
        let block = blocks
            .iter()
            .find(|b| b.label != "EC PARAMETERS")
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidKey,
                    "the PEM text holds EC parameters but no key",
                )
            })?;
        if block.has_headers {
            return fail(
                ErrorKind::UnsupportedKey,
                "legacy OpenSSL-encrypted PEM (Proc-Type/DEK-Info) is not supported; convert it with `openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem` (add -nocrypt to drop the passphrase)",
            );
        }
        match block.label.as_str() {
            "PRIVATE KEY" => Self::from_pkcs8_der(&block.der),
            "ENCRYPTED PRIVATE KEY" => Self::from_encrypted_pkcs8_der(&block.der, passphrase),
            "RSA PRIVATE KEY" => Self::from_pkcs1_der(&block.der),
            "EC PRIVATE KEY" => Self::from_sec1_der(&block.der),
            "PUBLIC KEY" | "RSA PUBLIC KEY" => fail(
                ErrorKind::InvalidKey,
                "this is a public key; signing needs the private key (the public key goes to the CloudFront key group)",
            ),
            "OPENSSH PRIVATE KEY" => fail(
                ErrorKind::UnsupportedKey,
                "OpenSSH private keys are not supported; convert with `ssh-keygen -p -m PEM -f key` or `openssl pkcs8`",
            ),
            other => {
                let shown: String = other.chars().take(40).collect();
                fail(
                    ErrorKind::UnsupportedKey,
                    format!("a PEM \"{shown}\" block is not a supported private key; use PKCS#8, PKCS#1 or SEC1"),
                )
            }
        }
    }

    /// Reads DER bytes: PKCS#8, encrypted PKCS#8, PKCS#1 (RSA) or SEC1 (EC).
    pub fn from_der(der: &[u8], passphrase: Option<&[u8]>) -> Result<Self> {
        count_key_use();
        check_size(der.len())?;
        match DerKind::of(der) {
            Some(DerKind::EncryptedPkcs8) => Self::from_encrypted_pkcs8_der(der, passphrase),
            Some(DerKind::Pkcs8) => Self::from_pkcs8_der(der),
            Some(DerKind::Sec1) => Self::from_sec1_der(der),
            Some(DerKind::Pkcs1) => Self::from_pkcs1_der(der),
            None => fail(
            ErrorKind::InvalidKey,
            "the key is neither PEM, JWK nor DER (PKCS#8, PKCS#1 or SEC1); pass the private key file's contents",
            ),
        }
    }

    /// Reads a JWK (`kty` `RSA`, or `EC` with `crv` `P-256`) holding `d`.
    pub fn from_jwk(json: &str) -> Result<Self> {
        count_key_use();
        check_size(json.len())?;
        match jwk::parse_private(json)? {
            jwk::PrivateParts::Rsa(components) => Ok(Self::rsa(&components)),
            jwk::PrivateParts::Ec(scalar) => Self::ec_from_scalar(&scalar, None),
        }
    }

    fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info = PrivateKeyInfo::read(der).ok_or_else(|| invalid("PKCS#8"))?;
        let curve = info.algorithm.curve().map_err(|_| invalid("PKCS#8"))?;
        match classify(info.algorithm.oid, curve)? {
            KeyType::Rsa => Self::from_pkcs1_der(info.private_key),
            KeyType::Ec => {
                let sec1 =
                    EcPrivateKey::read(info.private_key).ok_or_else(|| invalid("PKCS#8 EC"))?;
                if sec1.curve.is_some() {
                    ensure_p256(sec1.curve)?;
                }
                Self::ec_from_scalar(sec1.private_key, sec1.public_key)
            }
        }
    }

    fn from_encrypted_pkcs8_der(der: &[u8], passphrase: Option<&[u8]>) -> Result<Self> {
        let Some(passphrase) = passphrase.filter(|p| !p.is_empty()) else {
            return fail(
                ErrorKind::PassphraseRequired,
                "the private key is encrypted; pass its passphrase",
            );
        };
        let info = EncryptedPrivateKeyInfo::read(der).ok_or_else(|| invalid("encrypted PKCS#8"))?;
        let document = pbes2::decrypt(&info.algorithm, info.encrypted_data, passphrase)?;
        Self::from_pkcs8_der(&document).map_err(|e| match e.kind() {
            ErrorKind::InvalidKey => Error::new(
                ErrorKind::WrongPassphrase,
                "the passphrase does not decrypt the private key",
            ),
            _ => e,
        })
    }

    fn from_pkcs1_der(der: &[u8]) -> Result<Self> {
        match rsa2048_pkcs1::read(der) {
            Some(key) => Ok(PrivateKey {
                inner: Inner::Rsa2048(Box::new(key), Zeroizing::new(der.to_vec())),
            }),
            None => Self::from_pkcs1_der_general(der),
        }
    }

    /// Reads a PKCS#1 key of any size, or an RSA-2048 key that
    /// [`rsa2048_pkcs1::read`] did not take, with the checks the `rsa`
    /// crate makes. Out of line and cold, so that its code stays off the
    /// common path (in wasm, a function is compiled on its first call).
    #[cold]
    #[inline(never)]
    fn from_pkcs1_der_general(der: &[u8]) -> Result<Self> {
        let key = RsaPrivateKeyParts::read(der).ok_or_else(|| invalid("PKCS#1 RSA"))?;
        let components = PrivateComponents::new(
            key.modulus,
            key.public_exponent,
            key.private_exponent,
            key.prime1,
            key.prime2,
        )
        .ok_or_else(|| invalid("PKCS#1 RSA"))?;
        Ok(Self::rsa(&components))
    }

    fn from_sec1_der(der: &[u8]) -> Result<Self> {
        let sec1 = EcPrivateKey::read(der).ok_or_else(|| invalid("SEC1 EC"))?;
        ensure_p256(sec1.curve)?;
        Self::ec_from_scalar(sec1.private_key, sec1.public_key)
    }

    /// The key of checked `components`: in fixed width when it is RSA-2048
    /// with two 1024-bit primes.
    fn rsa(components: &PrivateComponents) -> Self {
        let pkcs1 = write_private_key(components);
        let inner = match Rsa2048PrivateKey::from_components(components) {
            Some(fixed_width) => Inner::Rsa2048(Box::new(fixed_width), pkcs1),
            None => Inner::Rsa(Box::new(RsaPrivateKey::new(components)), pkcs1),
        };
        PrivateKey { inner }
    }

    /// Builds an EC key from its scalar, deriving the public point once and
    /// checking it against the embedded one when there is one.
    fn ec_from_scalar(scalar: &[u8], embedded_public: Option<&[u8]>) -> Result<Self> {
        let Ok(scalar) = <&[u8; 32]>::try_from(scalar) else {
            return fail(
                ErrorKind::InvalidKey,
                "the EC private key is not a 32-byte P-256 scalar",
            );
        };
        let key = EcdsaPrivateKey::from_bytes(scalar).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidKey,
                "the EC private key is out of range for P-256",
            )
        })?;
        if let Some(public) = embedded_public {
            let embedded = p256::PublicKey::from_sec1_bytes(public).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidKey,
                    "the EC key's embedded public key is not a P-256 point",
                )
            })?;
            if embedded != *key.public_key() {
                return fail(
                    ErrorKind::InvalidKey,
                    "the EC key's embedded public key does not match its private key (the file is corrupt)",
                );
            }
        }
        Ok(PrivateKey {
            inner: Inner::Ec(Box::new(key)),
        })
    }

    /// `KeyType::Rsa` or `KeyType::Ec`.
    pub fn key_type(&self) -> KeyType {
        match &self.inner {
            Inner::Rsa(..) | Inner::Rsa2048(..) => KeyType::Rsa,
            Inner::Ec(_) => KeyType::Ec,
        }
    }

    /// The key size in bits: the RSA modulus size, or 256 for P-256.
    pub fn bits(&self) -> u32 {
        match &self.inner {
            Inner::Rsa(key, _) => key.public_key().bits(),
            Inner::Rsa2048(..) => 2048,
            Inner::Ec(_) => 256,
        }
    }

    /// The hash used when none is asked for: SHA-1 for RSA (what every
    /// existing URL uses), SHA-256 for ECDSA.
    pub fn default_hash(&self) -> HashAlgorithm {
        match self.key_type() {
            KeyType::Rsa => HashAlgorithm::Sha1,
            KeyType::Ec => HashAlgorithm::Sha256,
        }
    }

    /// The matching public key, to upload to a CloudFront key group or to
    /// verify with.
    pub fn public_key(&self) -> PublicKey {
        match &self.inner {
            Inner::Rsa(key, _) => PublicKey::from_rsa(key.public_key().clone()),
            Inner::Rsa2048(key, _) => PublicKey::from_rsa2048(key.public_key().clone()),
            Inner::Ec(key) => PublicKey::from_ec(*key.public_key()),
        }
    }

    /// Signs `message` with `hash`: RSA PKCS#1 v1.5 (blinded) or ECDSA with
    /// an RFC 6979 nonce, low-S, DER-encoded.
    pub fn sign(&self, hash: HashAlgorithm, message: &[u8]) -> Result<Vec<u8>> {
        count_key_use();
        let digest = Zeroizing::new(hash.digest(message));
        match &self.inner {
            Inner::Rsa2048(fixed_width, _) => sign_rsa2048(fixed_width, hash, &digest),
            Inner::Rsa(key, _) => Ok(key.sign(hash.into(), &digest)?),
            Inner::Ec(key) => Ok(sign_ecdsa(key, &digest)),
        }
    }
}

/// Which private key structure a DER document is, told apart by reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DerKind {
    /// An unencrypted PKCS#8 `PrivateKeyInfo`, of any algorithm.
    Pkcs8,
    /// A PKCS#8 `EncryptedPrivateKeyInfo`.
    EncryptedPkcs8,
    /// A two-prime PKCS#1 `RSAPrivateKey`.
    Pkcs1,
    /// A SEC1 `ECPrivateKey`.
    Sec1,
}

impl DerKind {
    /// The structure `der` holds, or `None` when it is none of them.
    pub(crate) fn of(der: &[u8]) -> Option<DerKind> {
        if EncryptedPrivateKeyInfo::read(der).is_some() {
            Some(DerKind::EncryptedPkcs8)
        } else if PrivateKeyInfo::read(der).is_some() {
            Some(DerKind::Pkcs8)
        } else if EcPrivateKey::read(der).is_some() {
            Some(DerKind::Sec1)
        } else if RsaPrivateKeyParts::read(der).is_some() {
            Some(DerKind::Pkcs1)
        } else {
            None
        }
    }
}

impl PrivateKey {
    /// Whether `signature` is a valid signature of `message` under `hash`
    /// for this key, as [`PublicKey::verify`] decides: what a platform
    /// engine's self-check asks. ECDSA decides it with the secret scalar,
    /// one multiplication of the base point instead of two
    /// multiplications; RSA with the public key.
    pub(crate) fn verify(&self, hash: HashAlgorithm, message: &[u8], signature: &[u8]) -> bool {
        match &self.inner {
            Inner::Ec(key) => {
                count_key_use();
                Signature::from_der(signature)
                    .is_some_and(|signature| key.verify(&hash.digest(message), &signature))
            }
            Inner::Rsa(..) | Inner::Rsa2048(..) => {
                self.public_key().verify(hash, message, signature)
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// How many times this module's code has read or used a private key.
    static KEY_USES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many times this module's own code has read or used a private key
/// (parsing, signing, encoding), rather than a platform engine: the
/// bindings wipe the stack after a call only when it changed.
#[cfg(target_arch = "wasm32")]
pub(crate) fn key_uses() -> u64 {
    KEY_USES.with(|count| count.get())
}

/// Counts one use of a private key for [`key_uses`] (nothing natively).
fn count_key_use() {
    #[cfg(target_arch = "wasm32")]
    KEY_USES.with(|count| count.set(count.get() + 1));
}

/// RSA-2048 PKCS#1 v1.5 in fixed width, blinded. Out of line, like
/// [`sign_ecdsa`]: inlined, its 7 KB of WebAssembly would be compiled
/// before a first ECDSA signature too.
#[inline(never)]
fn sign_rsa2048(key: &Rsa2048PrivateKey, hash: HashAlgorithm, digest: &[u8]) -> Result<Vec<u8>> {
    Ok(key.sign(hash.into(), digest)?)
}

/// ECDSA with an RFC 6979 nonce, low-S, DER-encoded.
#[inline(never)]
fn sign_ecdsa(key: &EcdsaPrivateKey, digest: &[u8]) -> Vec<u8> {
    key.sign(digest).with_low_s().to_der()
}

impl PrivateKey {
    /// The key as unencrypted PKCS#8 DER, for handing to a platform engine.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        count_key_use();
        match &self.inner {
            Inner::Rsa(_, pkcs1) | Inner::Rsa2048(_, pkcs1) => {
                Ok(PrivateKeyInfo::write(&AlgorithmIdentifier::RSA, pkcs1))
            }
            Inner::Ec(key) => {
                let point = key.public_key().to_sec1_point(false);
                let sec1 = EcPrivateKey::write(&key.to_bytes()[..], point.as_bytes());
                Ok(PrivateKeyInfo::write(&AlgorithmIdentifier::P256, &sec1))
            }
        }
    }

    /// The PKCS#1 DER of an RSA key: platform engines take it as it is,
    /// with no PKCS#8 encoding made first.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn pkcs1_der(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Rsa(_, pkcs1) | Inner::Rsa2048(_, pkcs1) => Some(pkcs1),
            Inner::Ec(_) => None,
        }
    }

    /// Converts a raw `r || s` (IEEE P1363, what WebCrypto returns) ECDSA
    /// signature to canonical DER; `None` for RSA keys or malformed input.
    ///
    /// ```
    /// use cloudfront_signer::PrivateKey;
    /// let key = PrivateKey::from_pem(include_str!("../../tests/keys/ec-sec1.pem"), None).unwrap();
    /// assert_eq!(key.der_from_p1363(&[1; 64]).unwrap()[0], 0x30);
    /// assert!(key.der_from_p1363(&[1; 63]).is_none());
    /// ```
    pub fn der_from_p1363(&self, raw: &[u8]) -> Option<Vec<u8>> {
        match self.inner {
            Inner::Rsa(..) | Inner::Rsa2048(..) => None,
            Inner::Ec(_) => {
                let parsed = Signature::from_p1363(raw)?;
                Some(parsed.with_low_s().to_der())
            }
        }
    }

    /// Brings a signature made elsewhere to this crate's canonical form:
    /// RSA signatures unchanged; ECDSA parsed as DER and given a low S.
    /// `None` when an ECDSA signature is not valid DER.
    pub(crate) fn canonical_signature(&self, signature: Vec<u8>) -> Option<Vec<u8>> {
        match self.inner {
            Inner::Rsa(..) | Inner::Rsa2048(..) => Some(signature),
            Inner::Ec(_) => {
                let parsed = Signature::from_der(&signature)?;
                Some(parsed.with_low_s().to_der())
            }
        }
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PrivateKey({} {} bits, redacted)",
            self.key_type().as_str(),
            self.bits()
        )
    }
}

fn check_size(len: usize) -> Result<()> {
    if len > MAX_KEY_BYTES {
        return fail(
            ErrorKind::InputTooLarge,
            format!("the key input is {len} bytes; at most {MAX_KEY_BYTES} are accepted"),
        );
    }
    Ok(())
}

fn invalid(format: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("the {format} private key is malformed (check that the whole file was copied)"),
    )
}
