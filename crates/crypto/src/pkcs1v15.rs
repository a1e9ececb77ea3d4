//! EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2) of a digest, for a modulus of
//! any length: `00 01 FF…FF 00 DigestInfo digest`.

use crate::DigestAlgorithm;

/// The DER `DigestInfo` header before a SHA-1 digest.
const SHA1_DIGEST_INFO: &[u8] = &[
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
];

/// The DER `DigestInfo` header before a SHA-256 digest.
const SHA256_DIGEST_INFO: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// The fewest `FF` bytes of padding RFC 8017 allows.
const MIN_PADDING: usize = 8;

/// Writes the encoded message of `digest` (made with `hash`) into all of
/// `out`, whose length is the modulus length in bytes; `false` when the
/// digest has the wrong length for `hash`, or `out` is too short for it
/// (RFC 8017 asks for at least 11 bytes more than the `DigestInfo`).
pub(crate) fn encode_into(hash: DigestAlgorithm, digest: &[u8], out: &mut [u8]) -> bool {
    let (header, digest_len) = match hash {
        DigestAlgorithm::Sha1 => (SHA1_DIGEST_INFO, 20),
        DigestAlgorithm::Sha256 => (SHA256_DIGEST_INFO, 32),
    };
    let info_len = header.len() + digest_len;
    if digest.len() != digest_len || out.len() < info_len + MIN_PADDING + 3 {
        return false;
    }
    let (prefix, info) = out.split_at_mut(out.len() - info_len);
    prefix.fill(0xFF);
    prefix[0] = 0x00;
    prefix[1] = 0x01;
    if let Some(separator) = prefix.last_mut() {
        *separator = 0x00;
    }
    let (info_header, info_digest) = info.split_at_mut(header.len());
    info_header.copy_from_slice(header);
    info_digest.copy_from_slice(digest);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_matches_rfc_8017() {
        let digest = DigestAlgorithm::Sha1.digest(b"policy");
        let mut bytes = [0u8; 256];
        assert!(encode_into(DigestAlgorithm::Sha1, &digest, &mut bytes));
        assert_eq!(&bytes[..3], &[0x00, 0x01, 0xFF]);
        let padding_end = 256 - 20 - SHA1_DIGEST_INFO.len() - 1;
        assert!(bytes[2..padding_end].iter().all(|&b| b == 0xFF));
        assert_eq!(bytes[padding_end], 0x00);
        assert_eq!(&bytes[padding_end + 1..256 - 20], SHA1_DIGEST_INFO);
        assert_eq!(&bytes[256 - 20..], &digest[..]);
        assert!(!encode_into(DigestAlgorithm::Sha256, &digest, &mut bytes));
    }

    #[test]
    fn refuses_moduli_too_short_for_the_digest_info() {
        let sha1 = DigestAlgorithm::Sha1.digest(b"");
        let sha256 = DigestAlgorithm::Sha256.digest(b"");
        // 35 + 11 and 51 + 11 bytes: the shortest the rsa crate signs with.
        assert!(encode_into(DigestAlgorithm::Sha1, &sha1, &mut [0; 46]));
        assert!(!encode_into(DigestAlgorithm::Sha1, &sha1, &mut [0; 45]));
        assert!(encode_into(DigestAlgorithm::Sha256, &sha256, &mut [0; 62]));
        assert!(!encode_into(DigestAlgorithm::Sha256, &sha256, &mut [0; 61]));
        assert!(!encode_into(DigestAlgorithm::Sha256, &sha256, &mut []));
    }
}
