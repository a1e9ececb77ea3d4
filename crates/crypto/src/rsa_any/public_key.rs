//! An RSA public key of any size, ready to verify: its Montgomery
//! parameters are computed once, when the key is read. Everything it
//! handles is public, so verification may take variable time.

use super::components::public_exponent;
use super::montgomery::Modulus;
use super::natural::{less_than_mask, Natural};
use super::power::pow_public;
use crate::pkcs1v15::encode_into;
use crate::DigestAlgorithm;

/// The smallest modulus a public key may have, in bits (the `rsa` crate's
/// bound).
pub(crate) const MIN_BITS: u32 = 1024;

/// The largest modulus a public key may have, in bits (the `rsa` crate's
/// bound).
pub(crate) const MAX_BITS: u32 = 8192;

/// An odd modulus `n` and a public exponent `e` below it.
///
/// ```
/// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
/// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
/// let key = RsaPublicKey::new(&n, &e).unwrap();
/// assert_eq!((key.bits(), key.e()), (2048, 65537));
/// ```
#[derive(Clone)]
pub struct RsaPublicKey {
    n: Natural,
    e: u64,
    bits: u32,
    modulus: Modulus,
}

impl RsaPublicKey {
    /// The key of modulus `n` and exponent `e` (big-endian, leading zeros
    /// allowed); `None` for any key the `rsa` crate refuses: `n` odd and of
    /// 1024 to 8192 bits, `e` odd, from 2 to 2^33 - 1 and
    /// below `n`.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// assert!(RsaPublicKey::new(&n, &e).is_some());
    /// assert!(RsaPublicKey::new(&n[..64], &e).is_none()); // 512 bits
    /// assert!(RsaPublicKey::new(&n, &[1]).is_none());
    /// ```
    pub fn new(n: &[u8], e: &[u8]) -> Option<Self> {
        let n = Natural::from_be_bytes(n, n.len().div_ceil(4))?;
        let bits = n.bit_width_vartime();
        let e = public_exponent(e)?;
        if !(MIN_BITS..=MAX_BITS).contains(&bits) || e < 2 {
            return None;
        }
        let e_limbs = Natural::from_u64(e);
        if n.odd_mask() & e_limbs.odd_mask() & less_than_mask(&e_limbs, &n) == 0 {
            return None;
        }
        Some(Self::checked(
            Natural::from_limbs(&n, (bits as usize).div_ceil(32)),
            e,
        ))
    }

    /// The key of `n` and `e`, which the caller has checked (`n` odd, of
    /// any size, in as many limbs as it needs; `e` from 3 to below `n`).
    pub(crate) fn checked(n: Natural, e: u64) -> Self {
        let bits = n.bit_width_vartime();
        let modulus = Modulus::new(&n, bits as usize);
        RsaPublicKey {
            n,
            e,
            bits,
            modulus,
        }
    }

    /// The modulus's size in bits.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// let key = RsaPublicKey::new(&n, &e).unwrap();
    /// assert_eq!(key.bits(), 2048);
    /// ```
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The modulus, big-endian.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// let key = RsaPublicKey::new(&n, &e).unwrap();
    /// assert_eq!(key.modulus_bytes(), n);
    /// ```
    pub fn modulus_bytes(&self) -> Vec<u8> {
        let mut bytes = vec![0u8; self.byte_len()];
        self.n.write_be_bytes(&mut bytes);
        bytes
    }

    /// The length of the modulus and of signatures, in bytes.
    pub(crate) fn byte_len(&self) -> usize {
        (self.bits as usize).div_ceil(8)
    }

    /// The modulus.
    pub(crate) fn n(&self) -> &Natural {
        &self.n
    }

    /// The public exponent.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// let key = RsaPublicKey::new(&n, &e).unwrap();
    /// assert_eq!(key.e(), 65537);
    /// ```
    pub fn e(&self) -> u64 {
        self.e
    }

    /// Whether `signature` is the RSASSA-PKCS1-v1_5 signature of `digest`,
    /// made with `hash`: as long as the modulus, below it, and its public
    /// power is the encoded digest. Out of line, like
    /// [`super::RsaPrivateKey::sign`].
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::RsaPublicKey;
    /// let key = RsaPublicKey::new(&n, &e).unwrap();
    /// use cloudfront_signer_crypto::DigestAlgorithm;
    /// use sha2::{Digest, Sha256};
    /// let digest = Sha256::digest(b"policy");
    /// let signature = reference.sign(rsa::Pkcs1v15Sign::new::<Sha256>(), &digest).unwrap();
    /// assert!(key.verify(DigestAlgorithm::Sha256, &digest, &signature));
    /// assert!(!key.verify(DigestAlgorithm::Sha1, &digest, &signature));
    /// ```
    #[inline(never)]
    pub fn verify(&self, hash: DigestAlgorithm, digest: &[u8], signature: &[u8]) -> bool {
        let mut expected = vec![0u8; self.byte_len()];
        if signature.len() != self.byte_len() || !encode_into(hash, digest, &mut expected) {
            return false;
        }
        let Some(s) = Natural::from_be_bytes(signature, self.n.len()) else {
            return false;
        };
        if less_than_mask(&s, &self.n) == 0 {
            return false;
        }
        let mut encoded = vec![0u8; self.byte_len()];
        self.public_power(&s).write_be_bytes(&mut encoded);
        encoded == expected
    }

    /// `s^e mod n`, for `s < n` (32-bit limbs, as many as `n` has):
    /// `s^(e - 1)` in Montgomery form times `s`.
    pub(crate) fn public_power(&self, s: &[u32]) -> Natural {
        let m = &self.modulus;
        m.mul_ordinary(&pow_public(m, &m.to_montgomery(s), self.e - 1), s)
    }
}
