//! EMSA-PKCS1-v1_5 encoding of a digest for a 2048-bit modulus, as
//! fixed-width limbs.

use super::limbs::from_be_bytes;
use super::{Limbs2048, MODULUS_BYTES};
use crate::pkcs1v15::encode_into;
use crate::DigestAlgorithm;

/// The message representative of `digest` (made with `hash`), or `None`
/// when the digest has the wrong length for `hash`.
pub(crate) fn encode(hash: DigestAlgorithm, digest: &[u8]) -> Option<Limbs2048> {
    let mut encoded = [0u8; MODULUS_BYTES];
    if !encode_into(hash, digest, &mut encoded) {
        return None;
    }
    from_be_bytes(&encoded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rsa2048::limbs::to_be_bytes;

    #[test]
    fn the_limbs_hold_the_encoded_bytes() {
        let digest = DigestAlgorithm::Sha256.digest(b"policy");
        let mut expected = [0u8; MODULUS_BYTES];
        assert!(encode_into(DigestAlgorithm::Sha256, &digest, &mut expected));
        let mut bytes = [0u8; MODULUS_BYTES];
        to_be_bytes(
            &encode(DigestAlgorithm::Sha256, &digest).unwrap(),
            &mut bytes,
        );
        assert_eq!(bytes, expected);
        assert!(encode(DigestAlgorithm::Sha1, &digest).is_none());
    }
}
