//! An ECDSA P-256 public key that verifies signatures, and from its second
//! verification on (a verifier's key, not a signer's self-check) does so
//! with a table of its multiples, in about half the time.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use p256::elliptic_curve::point::AffineCoordinates;
use p256::{ProjectivePoint, PublicKey};

use super::base_point;
use super::point_table::{self, PointTable};
use super::signature::{scalar_of, Signature};

/// How many verifications a key makes without the table: building it costs
/// about two verifications, so a key used once never pays for it.
const VERIFICATIONS_WITHOUT_TABLE: u32 = 1;

/// A P-256 public key, with the table of its multiples once it is built.
///
/// ```
/// use cloudfront_signer_crypto::ecdsa::{EcdsaPrivateKey, EcdsaPublicKey};
/// let private = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
/// let key = EcdsaPublicKey::new(*private.public_key());
/// assert!(key.verify(&[1; 32], &private.sign(&[1; 32]).to_der()));
/// ```
pub struct EcdsaPublicKey {
    key: PublicKey,
    verifications: AtomicU32,
    table: OnceLock<PointTable>,
}

impl EcdsaPublicKey {
    /// The key, with no table yet.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::{EcdsaPrivateKey, EcdsaPublicKey};
    /// let private = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
    /// let key = EcdsaPublicKey::new(*private.public_key());
    /// assert_eq!(key.key(), private.public_key());
    /// ```
    pub fn new(key: PublicKey) -> Self {
        EcdsaPublicKey {
            key,
            verifications: AtomicU32::new(0),
            table: OnceLock::new(),
        }
    }

    /// The `p256` key.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::{EcdsaPrivateKey, EcdsaPublicKey};
    /// let private = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
    /// assert_eq!(EcdsaPublicKey::new(*private.public_key()).key(), private.public_key());
    /// ```
    pub fn key(&self) -> &PublicKey {
        &self.key
    }

    /// Whether the DER `signature` is valid for the prehashed `digest`, as
    /// the `ecdsa` crate decides it (any valid `s`, high or low). Out of
    /// line: WebAssembly engines compile a function when it is first
    /// called, so a first RSA verification does not wait for this code.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::{EcdsaPrivateKey, EcdsaPublicKey};
    /// let private = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
    /// let key = EcdsaPublicKey::new(*private.public_key());
    /// let der = private.sign(&[1; 32]).to_der();
    /// assert!(key.verify(&[1; 32], &der));
    /// assert!(!key.verify(&[2; 32], &der));
    /// assert!(!key.verify(&[1; 32], &der[1..]));
    /// ```
    #[inline(never)]
    pub fn verify(&self, digest: &[u8], signature: &[u8]) -> bool {
        match Signature::from_der(signature) {
            Some(signature) => verify(&self.key, self.table(), digest, &signature),
            None => false,
        }
    }

    fn table(&self) -> Option<&PointTable> {
        if let Some(table) = self.table.get() {
            return Some(table);
        }
        if self.verifications.fetch_add(1, Ordering::Relaxed) < VERIFICATIONS_WITHOUT_TABLE {
            return None;
        }
        Some(
            self.table
                .get_or_init(|| PointTable::new(&self.key.to_projective())),
        )
    }
}

impl Clone for EcdsaPublicKey {
    /// The same key, without the table (which is built again if needed).
    fn clone(&self) -> Self {
        Self::new(self.key)
    }
}

/// The `ecdsa` crate's `verify_prehashed`: `u1 × G` from the table of the
/// base point, `u2 × Q` from `table` when there is one, all in variable
/// time (everything here is public).
fn verify(
    key: &PublicKey,
    table: Option<&PointTable>,
    digest: &[u8],
    signature: &Signature,
) -> bool {
    let (r, s) = (signature.r(), signature.s());
    // `s` is not zero, so it has an inverse.
    let Some(s_inverse) = s.invert_vartime().into_option() else {
        return false;
    };
    let u1 = scalar_of(digest) * s_inverse;
    let u2 = *r * s_inverse;
    let u2_q = match table {
        Some(table) => table.mul_vartime(&u2),
        None => point_table::mul_vartime(&key.to_projective(), &u2),
    };
    let point: ProjectivePoint = base_point::mul_vartime(&u1) + u2_q;
    *r == scalar_of(&point.to_affine().x())
}

#[cfg(test)]
mod tests {
    use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
    use p256::ecdsa::{Signature as EcdsaSignature, SigningKey};
    use p256::{NonZeroScalar, Scalar};

    use super::super::digits::tests::random_scalar;
    use super::*;

    fn random_bytes<const N: usize>() -> [u8; N] {
        let mut bytes = [0u8; N];
        getrandom::fill(&mut bytes).unwrap();
        bytes
    }

    /// Signatures of `digest` by `key` that verify, that verify with `s`
    /// negated, and that must not verify.
    fn candidates(key: &SigningKey, digest: &[u8]) -> Vec<EcdsaSignature> {
        let signature: EcdsaSignature = key.sign_prehash(digest).unwrap();
        let (r, s) = (signature.r(), signature.s());
        let scalar = |value: Scalar| NonZeroScalar::new(value).unwrap();
        let other = scalar(random_scalar());
        [
            (r, s),
            (r, -s),
            (other, s),
            (r, other),
            (s, r),
            (scalar(*r + Scalar::ONE), s),
        ]
        .into_iter()
        .map(|(r, s)| EcdsaSignature::from_scalars(r, s).unwrap())
        .collect()
    }

    #[test]
    fn decides_as_the_ecdsa_crate_does() {
        for _ in 0..40 {
            let key = SigningKey::from(NonZeroScalar::new(random_scalar()).unwrap());
            let stranger = SigningKey::from(NonZeroScalar::new(random_scalar()).unwrap());
            let public = PublicKey::from(key.verifying_key());
            let table = PointTable::new(&public.to_projective());
            let (sha1, sha256) = (random_bytes::<20>(), random_bytes::<32>());
            for digest in [&sha1[..], &sha256[..]] {
                let mut signatures = candidates(&key, digest);
                signatures.extend(candidates(&stranger, digest));
                for signature in signatures {
                    let expected = key
                        .verifying_key()
                        .verify_prehash(digest, &signature)
                        .is_ok();
                    let ours = Signature::from_der(signature.to_der().as_bytes()).unwrap();
                    assert_eq!(verify(&public, Some(&table), digest, &ours), expected);
                    assert_eq!(verify(&public, None, digest, &ours), expected);
                }
                let valid: EcdsaSignature = key.sign_prehash(digest).unwrap();
                let ours = Signature::from_der(valid.to_der().as_bytes()).unwrap();
                assert!(verify(&public, Some(&table), digest, &ours));
                assert!(verify(&public, None, digest, &ours));
            }
        }
    }

    #[test]
    fn builds_the_table_at_the_second_verification() {
        let key = SigningKey::from(NonZeroScalar::new(random_scalar()).unwrap());
        let public = EcdsaPublicKey::new(PublicKey::from(key.verifying_key()));
        let digest = random_bytes::<32>();
        let signature: EcdsaSignature = key.sign_prehash(&digest).unwrap();
        let der = signature.to_der();
        let mut forged = der.as_bytes().to_vec();
        let last = forged.len() - 1;
        forged[last] ^= 1;
        assert!(public.verify(&digest, der.as_bytes()));
        assert!(public.table.get().is_none());
        for _ in 0..3 {
            assert!(public.verify(&digest, der.as_bytes()));
            assert!(!public.verify(&digest, &forged));
            assert!(!public.verify(&digest, b"not DER"));
        }
        assert!(public.table.get().is_some());
        assert!(public.clone().table.get().is_none());
    }
}
