//! The hash a PKCS#1 v1.5 signature's digest was made with.

/// SHA-1 or SHA-256: which `DigestInfo` header precedes the digest.
///
/// ```
/// use cloudfront_signer_crypto::DigestAlgorithm;
/// assert_eq!(DigestAlgorithm::Sha256.as_str(), "SHA256");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigestAlgorithm {
    /// SHA-1: a 20-byte digest.
    Sha1,
    /// SHA-256: a 32-byte digest.
    Sha256,
}

impl DigestAlgorithm {
    /// The name CloudFront uses: `SHA1` or `SHA256`.
    ///
    /// ```
    /// use cloudfront_signer_crypto::DigestAlgorithm;
    /// assert_eq!(DigestAlgorithm::Sha1.as_str(), "SHA1");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha1 => "SHA1",
            DigestAlgorithm::Sha256 => "SHA256",
        }
    }

    /// The digest of `message` (the tests' inputs).
    #[cfg(test)]
    pub(crate) fn digest(self, message: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            DigestAlgorithm::Sha1 => sha1::Sha1::digest(message).to_vec(),
            DigestAlgorithm::Sha256 => sha2::Sha256::digest(message).to_vec(),
        }
    }
}

impl std::fmt::Display for DigestAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
