//! An ECDSA P-256 private key: the secret scalar, wiped on drop, and the
//! public key derived from it once.

use p256::elliptic_curve::point::AffineCoordinates;
use p256::elliptic_curve::{Field, PrimeField};
use p256::{FieldBytes, PublicKey, Scalar};
use zeroize::{Zeroize, Zeroizing};

use super::base_point;
use super::nonce::Nonces;
use super::signature::{scalar_of, Signature};

/// A P-256 private key that signs with RFC 6979 nonces, as the `ecdsa`
/// crate's `SigningKey::sign_prehash` does.
///
/// ```
/// use cloudfront_signer_crypto::ecdsa::EcdsaPrivateKey;
/// let key = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
/// let der = key.sign(&[1; 32]).with_low_s().to_der();
/// assert!(der.starts_with(&[0x30]));
/// ```
pub struct EcdsaPrivateKey {
    /// From 1 to `n - 1`.
    secret: Scalar,
    public: PublicKey,
}

impl EcdsaPrivateKey {
    /// The key whose secret scalar is the big-endian `bytes`; `None` when
    /// it is zero or not below the group order. The public key is
    /// `secret × G`, computed in constant time.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::EcdsaPrivateKey;
    /// assert!(EcdsaPrivateKey::from_bytes(&[7; 32]).is_some());
    /// assert!(EcdsaPrivateKey::from_bytes(&[0; 32]).is_none());
    /// assert!(EcdsaPrivateKey::from_bytes(&[0xff; 32]).is_none());
    /// ```
    pub fn from_bytes(bytes: &[u8; 32]) -> Option<Self> {
        let secret = Zeroizing::new(Scalar::from_repr(FieldBytes::from(*bytes)).into_option()?);
        if bool::from(secret.is_zero()) {
            return None;
        }
        let public = PublicKey::from_affine(base_point::mul(&secret).to_affine()).ok()?;
        Some(EcdsaPrivateKey {
            secret: *secret,
            public,
        })
    }

    /// The public key.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::{EcdsaPrivateKey, EcdsaPublicKey};
    /// let key = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
    /// let public = EcdsaPublicKey::new(*key.public_key());
    /// assert!(public.verify(&[1; 32], &key.sign(&[1; 32]).to_der()));
    /// ```
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The secret scalar, 32 big-endian bytes.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::EcdsaPrivateKey;
    /// let key = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
    /// assert_eq!(*key.to_bytes(), [7; 32]);
    /// ```
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.secret.to_repr().into())
    }

    /// The signature of the prehashed `digest` (SHA-1 or SHA-256), with
    /// `s` as computed (it may be high): `r = (k × G).x` and
    /// `s = k⁻¹ (z + r d)` for the RFC 6979 nonce `k`, in constant time.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::EcdsaPrivateKey;
    /// let key = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
    /// // RFC 6979: the same digest, the same signature.
    /// assert_eq!(key.sign(&[1; 32]), key.sign(&[1; 32]));
    /// ```
    pub fn sign(&self, digest: &[u8]) -> Signature {
        let z = scalar_of(digest);
        let mut nonces = Nonces::new(&self.to_bytes(), &z.to_repr().into());
        loop {
            let k = nonces.next();
            let r = scalar_of(&base_point::mul(&k).to_affine().x());
            // `k` is not zero, so it has an inverse.
            let k_inverse = Zeroizing::new(k.invert().unwrap_or(Scalar::ZERO));
            let s = *k_inverse * (z + r * self.secret);
            // Zero `r` or `s` (a chance of about 2^-256): the next nonce.
            if let Some(signature) = Signature::new(r, s) {
                return signature;
            }
        }
    }

    /// Whether `signature` is valid for the prehashed `digest` under this
    /// key's public key `Q`, decided with the secret scalar `d`: since
    /// `Q = d × G`, `u1 × G + u2 × Q` is `(u1 + u2 d) × G`, one
    /// multiplication of the base point (in constant time: the scalar is
    /// the signature's nonce when it is valid) instead of two. The same
    /// decisions as the `ecdsa` crate's verification.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::EcdsaPrivateKey;
    /// let key = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
    /// let signature = key.sign(&[1; 32]);
    /// assert!(key.verify(&[1; 32], &signature));
    /// assert!(!key.verify(&[2; 32], &signature));
    /// ```
    pub fn verify(&self, digest: &[u8], signature: &Signature) -> bool {
        let (r, s) = (signature.r(), signature.s());
        // `s` is not zero, so it has an inverse.
        let Some(s_inverse) = s.invert_vartime().into_option() else {
            return false;
        };
        let nonce = Zeroizing::new(s_inverse * (scalar_of(digest) + *r * self.secret));
        *r == scalar_of(&base_point::mul(&nonce).to_affine().x())
    }
}

impl Drop for EcdsaPrivateKey {
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    use p256::ecdsa::SigningKey;

    use super::super::digits::tests::random_scalar;
    use super::*;

    fn random_digest(len: usize) -> Vec<u8> {
        let mut digest = vec![0u8; len];
        getrandom::fill(&mut digest).unwrap();
        digest
    }

    #[test]
    fn signs_as_the_ecdsa_crate_does() {
        for round in 0..300 {
            let secret = random_scalar();
            let bytes: [u8; 32] = secret.to_repr().into();
            let ours = EcdsaPrivateKey::from_bytes(&bytes).unwrap();
            let theirs = SigningKey::from_bytes(&secret.to_repr()).unwrap();
            assert_eq!(ours.public_key(), &PublicKey::from(theirs.verifying_key()));
            for digest in [random_digest(20), random_digest(32)] {
                let expected: p256::ecdsa::Signature = theirs.sign_prehash(&digest).unwrap();
                let signature = ours.sign(&digest);
                assert_eq!(
                    (signature.r(), signature.s()),
                    (expected.r().as_ref(), expected.s().as_ref())
                );
                assert_eq!(
                    signature.with_low_s().to_der(),
                    expected.normalize_s().to_der().as_bytes(),
                    "round {round}"
                );
            }
        }
    }

    #[test]
    fn digests_reduced_to_zero_or_above_the_order_sign_as_the_ecdsa_crate_does() {
        let key = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
        let theirs = SigningKey::from_bytes(&FieldBytes::from([7; 32])).unwrap();
        let order_bytes: [u8; 32] = {
            let mut bytes: [u8; 32] = (-Scalar::ONE).to_repr().into();
            bytes[31] += 1;
            bytes
        };
        for digest in [[0u8; 32], [0xff; 32], order_bytes] {
            let expected: p256::ecdsa::Signature = theirs.sign_prehash(&digest).unwrap();
            assert_eq!(
                key.sign(&digest).with_low_s().to_der(),
                expected.normalize_s().to_der().as_bytes()
            );
        }
    }

    #[test]
    fn verifies_as_the_ecdsa_crate_does() {
        use p256::ecdsa::signature::hazmat::PrehashVerifier;
        use p256::NonZeroScalar;
        let nonzero = |value: Scalar| NonZeroScalar::new(value).unwrap();
        for _ in 0..40 {
            let secret = random_scalar();
            let ours = EcdsaPrivateKey::from_bytes(&secret.to_repr().into()).unwrap();
            let theirs = SigningKey::from_bytes(&secret.to_repr()).unwrap();
            let stranger = SigningKey::from(nonzero(random_scalar()));
            for digest in [random_digest(20), random_digest(32)] {
                for signer in [&theirs, &stranger] {
                    let signature: p256::ecdsa::Signature = signer.sign_prehash(&digest).unwrap();
                    let (r, s) = (signature.r(), signature.s());
                    let other = nonzero(random_scalar());
                    for (r, s) in [
                        (r, s),
                        (r, -s),
                        (other, s),
                        (r, other),
                        (s, r),
                        (nonzero(*r + Scalar::ONE), s),
                    ] {
                        let candidate = p256::ecdsa::Signature::from_scalars(r, s).unwrap();
                        let expected = theirs
                            .verifying_key()
                            .verify_prehash(&digest, &candidate)
                            .is_ok();
                        let signature = Signature::new(*r, *s).unwrap();
                        assert_eq!(ours.verify(&digest, &signature), expected);
                    }
                }
                assert!(ours.verify(&digest, &ours.sign(&digest)));
            }
        }
    }

    #[test]
    fn refuses_zero_and_the_order() {
        assert!(EcdsaPrivateKey::from_bytes(&[0; 32]).is_none());
        let mut order: [u8; 32] = (-Scalar::ONE).to_repr().into();
        order[31] += 1;
        assert!(EcdsaPrivateKey::from_bytes(&order).is_none());
        assert!(EcdsaPrivateKey::from_bytes(&[0xff; 32]).is_none());
        order[31] -= 1;
        assert!(EcdsaPrivateKey::from_bytes(&order).is_some());
    }
}
