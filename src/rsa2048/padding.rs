//! EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2) of a digest for a 2048-bit
//! modulus: `00 01 FF…FF 00 DigestInfo digest`.

use super::limbs::from_be_bytes;
use super::{Limbs2048, MODULUS_BYTES};
use crate::hash::HashAlgorithm;

/// The DER `DigestInfo` header before a SHA-1 digest.
const SHA1_DIGEST_INFO: &[u8] = &[
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
];

/// The DER `DigestInfo` header before a SHA-256 digest.
const SHA256_DIGEST_INFO: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// The message representative of `digest` (made with `hash`), or `None`
/// when the digest has the wrong length for `hash`.
pub(crate) fn encode(hash: HashAlgorithm, digest: &[u8]) -> Option<Limbs2048> {
    let (header, digest_len) = match hash {
        HashAlgorithm::Sha1 => (SHA1_DIGEST_INFO, 20),
        HashAlgorithm::Sha256 => (SHA256_DIGEST_INFO, 32),
    };
    if digest.len() != digest_len {
        return None;
    }
    let mut encoded = [0xFFu8; MODULUS_BYTES];
    encoded[0] = 0x00;
    let info_start = MODULUS_BYTES - header.len() - digest.len();
    encoded[info_start - 1] = 0x00;
    encoded[info_start..MODULUS_BYTES - digest.len()].copy_from_slice(header);
    encoded[MODULUS_BYTES - digest.len()..].copy_from_slice(digest);
    encoded[1] = 0x01;
    from_be_bytes(&encoded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rsa2048::limbs::to_be_bytes;

    #[test]
    fn layout_matches_rfc_8017() {
        let digest = HashAlgorithm::Sha1.digest(b"policy");
        let mut bytes = [0u8; MODULUS_BYTES];
        to_be_bytes(&encode(HashAlgorithm::Sha1, &digest).unwrap(), &mut bytes);
        assert_eq!(&bytes[..3], &[0x00, 0x01, 0xFF]);
        let padding_end = MODULUS_BYTES - 20 - SHA1_DIGEST_INFO.len() - 1;
        assert!(bytes[2..padding_end].iter().all(|&b| b == 0xFF));
        assert_eq!(bytes[padding_end], 0x00);
        assert_eq!(
            &bytes[padding_end + 1..MODULUS_BYTES - 20],
            SHA1_DIGEST_INFO
        );
        assert_eq!(&bytes[MODULUS_BYTES - 20..], &digest[..]);
        assert!(encode(HashAlgorithm::Sha256, &digest).is_none());
    }
}
