//! The hash algorithm a signature is made with.

use std::fmt;

use cloudfront_signer_crypto::DigestAlgorithm;

use crate::error::{fail, ErrorKind, Result};

/// SHA-1 (CloudFront's default) or SHA-256 (selected by `Hash-Algorithm=SHA256`).
///
/// ```
/// use cloudfront_signer::HashAlgorithm;
/// assert_eq!("SHA256".parse::<HashAlgorithm>().unwrap(), HashAlgorithm::Sha256);
/// assert_eq!(HashAlgorithm::Sha1.to_string(), "SHA1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// SHA-1: what CloudFront uses when no `Hash-Algorithm` is sent.
    Sha1,
    /// SHA-256: announced with `Hash-Algorithm=SHA256`.
    Sha256,
}

impl HashAlgorithm {
    /// The spelling CloudFront uses: `SHA1` or `SHA256`.
    pub fn as_str(self) -> &'static str {
        match self {
            HashAlgorithm::Sha1 => "SHA1",
            HashAlgorithm::Sha256 => "SHA256",
        }
    }

    /// The digest of `message` under this algorithm.
    ///
    /// ```
    /// use cloudfront_signer::HashAlgorithm;
    /// assert_eq!(HashAlgorithm::Sha1.digest(b"").len(), 20);
    /// assert_eq!(HashAlgorithm::Sha256.digest(b"").len(), 32);
    /// ```
    pub fn digest(self, message: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            HashAlgorithm::Sha1 => sha1::Sha1::digest(message).to_vec(),
            HashAlgorithm::Sha256 => sha2::Sha256::digest(message).to_vec(),
        }
    }
}

impl From<HashAlgorithm> for DigestAlgorithm {
    fn from(hash: HashAlgorithm) -> Self {
        match hash {
            HashAlgorithm::Sha1 => DigestAlgorithm::Sha1,
            HashAlgorithm::Sha256 => DigestAlgorithm::Sha256,
        }
    }
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for HashAlgorithm {
    type Err = crate::Error;

    /// Accepts `SHA1`/`SHA256`, any case, with or without a dash.
    fn from_str(text: &str) -> Result<Self> {
        match text.to_ascii_uppercase().as_str() {
            "SHA1" | "SHA-1" => Ok(HashAlgorithm::Sha1),
            "SHA256" | "SHA-256" => Ok(HashAlgorithm::Sha256),
            _ => {
                let shown: String = text.chars().take(30).collect();
                fail(
                    ErrorKind::UnsupportedHashAlgorithm,
                    format!(
                        "hash algorithm {shown:?} is not supported; use \"SHA1\" or \"SHA256\""
                    ),
                )
            }
        }
    }
}
