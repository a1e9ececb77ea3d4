//! Why a signature could not be made.

use std::fmt;

/// The error of a private-key operation.
///
/// ```
/// use cloudfront_signer_crypto::SigningError;
/// let error = SigningError::Failed("the result did not verify".into());
/// assert_eq!(error.to_string(), "RSA signing failed: the result did not verify");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningError {
    /// The runtime refused the random numbers that RSA blinding needs
    /// (Cloudflare Workers refuse them outside a request).
    RandomUnavailable,
    /// The signature could not be made, for the reason given.
    Failed(String),
}

/// The result of a private-key operation.
pub(crate) type Result<T> = std::result::Result<T, SigningError>;

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigningError::RandomUnavailable => f.write_str("the runtime refused random numbers"),
            SigningError::Failed(reason) => write!(f, "RSA signing failed: {reason}"),
        }
    }
}

impl std::error::Error for SigningError {}

/// The error of a refused random number.
pub(crate) fn random_unavailable() -> SigningError {
    SigningError::RandomUnavailable
}

/// The error of an RSA signature that could not be made, for `reason`.
pub(crate) fn rsa_signing_failed(reason: &str) -> SigningError {
    SigningError::Failed(reason.to_owned())
}
