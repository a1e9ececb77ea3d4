//! An RSA-2048 public key ready to verify: its Montgomery parameters are
//! computed once, when the key is read.

use super::limbs::{equal, from_be_bytes, less_than_vartime, to_be_bytes};
use super::power::pow_public;
use super::{padding, Limbs2048, RsaModulus, MODULUS_BYTES};
use crate::rsa_any::RsaPublicKey;
use crate::DigestAlgorithm;

/// A 2048-bit modulus and a public exponent below 2^64.
///
/// ```
/// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
/// use cloudfront_signer_crypto::rsa2048::Rsa2048PublicKey;
/// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
/// let key = Rsa2048PublicKey::from_rsa(&RsaPublicKey::new(&n, &e).unwrap()).unwrap();
/// assert_eq!(key.exponent(), 65537);
/// ```
#[derive(Clone)]
pub struct Rsa2048PublicKey {
    n: RsaModulus,
    e: u64,
}

impl Rsa2048PublicKey {
    /// The fixed-width form of `key`; `None` unless its modulus is exactly
    /// 2048 bits.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa2048::Rsa2048PublicKey;
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// let key = Rsa2048PublicKey::from_rsa(&RsaPublicKey::new(&n, &e).unwrap()).unwrap();
    /// assert_eq!(key.modulus_bytes().as_slice(), n.as_slice());
    /// ```
    pub fn from_rsa(key: &RsaPublicKey) -> Option<Self> {
        Self::new(key.n()[..].try_into().ok()?, key.e())
    }

    /// The key of modulus `n` and exponent `e`; `None` unless `n` is odd
    /// and exactly 2048 bits long and `e` is at least 3.
    pub(crate) fn new(n: Limbs2048, e: u64) -> Option<Self> {
        if e < 3 {
            return None;
        }
        Some(Rsa2048PublicKey {
            n: RsaModulus::new(n)?,
            e,
        })
    }

    /// Whether `signature` is the RSASSA-PKCS1-v1_5 signature of `digest`,
    /// made with `hash`: exactly 256 bytes, below the modulus, and its
    /// public power is the encoded digest.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa2048::Rsa2048PublicKey;
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// let key = Rsa2048PublicKey::from_rsa(&RsaPublicKey::new(&n, &e).unwrap()).unwrap();
    /// use cloudfront_signer_crypto::DigestAlgorithm;
    /// use sha2::{Digest, Sha256};
    /// let digest = Sha256::digest(b"policy");
    /// let signature = reference.sign(rsa::Pkcs1v15Sign::new::<Sha256>(), &digest).unwrap();
    /// assert!(key.verify(DigestAlgorithm::Sha256, &digest, &signature));
    /// assert!(!key.verify(DigestAlgorithm::Sha256, &digest, &signature[1..]));
    /// ```
    pub fn verify(&self, hash: DigestAlgorithm, digest: &[u8], signature: &[u8]) -> bool {
        if signature.len() != MODULUS_BYTES {
            return false;
        }
        let (Some(s), Some(expected)) = (from_be_bytes(signature), padding::encode(hash, digest))
        else {
            return false;
        };
        less_than_vartime(&s, self.n.value()) && equal(&self.public_power(&s), &expected)
    }

    /// `s^e mod n`, for `s < n`: `s^(e-1)` in Montgomery form times `s`
    /// (for e = 65537, 16 squarings and one multiplication).
    pub(crate) fn public_power(&self, s: &Limbs2048) -> Limbs2048 {
        let n = &self.n;
        n.mul_ordinary(&pow_public(n, &n.to_montgomery(s), self.e - 1), s)
    }

    /// The modulus, with its Montgomery parameters.
    pub(crate) fn modulus(&self) -> &RsaModulus {
        &self.n
    }

    /// The modulus, big-endian.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa2048::Rsa2048PublicKey;
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// let key = Rsa2048PublicKey::from_rsa(&RsaPublicKey::new(&n, &e).unwrap()).unwrap();
    /// assert_eq!(key.modulus_bytes().as_slice(), n.as_slice());
    /// ```
    pub fn modulus_bytes(&self) -> [u8; MODULUS_BYTES] {
        let mut bytes = [0u8; MODULUS_BYTES];
        to_be_bytes(self.n.value(), &mut bytes);
        bytes
    }

    /// The public exponent.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa2048::Rsa2048PublicKey;
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// let key = Rsa2048PublicKey::from_rsa(&RsaPublicKey::new(&n, &e).unwrap()).unwrap();
    /// assert_eq!(key.exponent(), 65537);
    /// ```
    pub fn exponent(&self) -> u64 {
        self.e
    }
}

#[cfg(test)]
mod tests {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::traits::PublicKeyParts;
    use rsa::Pkcs1v15Sign;

    use super::*;

    #[test]
    fn accepts_only_well_formed_signatures_below_the_modulus() {
        let der = include_bytes!("../../../../tests/keys/rsa-pkcs1.der");
        let private = rsa::PrivateKey::from_pkcs1_der(der).unwrap();
        let n = private.n().as_ref().to_be_bytes();
        let public = RsaPublicKey::new(&n, &private.e().to_be_bytes()).unwrap();
        let key = Rsa2048PublicKey::from_rsa(&public).unwrap();
        let digest = DigestAlgorithm::Sha1.digest(b"policy");
        let signature = private
            .sign(Pkcs1v15Sign::new::<sha1::Sha1>(), &digest)
            .unwrap();
        assert!(key.verify(DigestAlgorithm::Sha1, &digest, &signature));
        assert!(!key.verify(DigestAlgorithm::Sha256, &digest, &signature));
        assert!(!key.verify(DigestAlgorithm::Sha1, &digest, &signature[1..]));
        let modulus = private.n().as_ref().to_be_bytes();
        assert!(!key.verify(DigestAlgorithm::Sha1, &digest, &modulus));
        let mut longer = vec![0u8];
        longer.extend_from_slice(&signature);
        assert!(!key.verify(DigestAlgorithm::Sha1, &digest, &longer));
    }
}
