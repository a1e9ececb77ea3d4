//! The one error type of the crate, with a stable code per kind.

use std::fmt;

use cloudfront_signer_crypto::SigningError;

/// What went wrong, as a stable machine-readable kind.
///
/// Each kind maps to a string code (see [`ErrorKind::code`]) that the
/// JavaScript package exposes as `error.code`.
///
/// ```
/// use cloudfront_signer::ErrorKind;
/// assert_eq!(ErrorKind::InvalidDate.code(), "ERR_INVALID_DATE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not a private or public key in any supported format.
    InvalidKey,
    /// A well-formed key of a type or curve CloudFront does not accept.
    UnsupportedKey,
    /// An encrypted key was given without a passphrase.
    PassphraseRequired,
    /// The passphrase does not decrypt the key.
    WrongPassphrase,
    /// The key-pair id is empty or has characters CloudFront never uses.
    InvalidKeyPairId,
    /// The URL cannot be signed as given.
    InvalidUrl,
    /// The policy resource cannot be written into a policy.
    InvalidResource,
    /// A date is malformed, in milliseconds, out of range, or in the wrong order.
    InvalidDate,
    /// The IP condition is not one IPv4 address or CIDR range.
    InvalidIp,
    /// A policy document is not a CloudFront policy.
    InvalidPolicy,
    /// The hash algorithm is neither `SHA1` nor `SHA256`.
    UnsupportedHashAlgorithm,
    /// A cookie attribute cannot be written into a `Set-Cookie` header.
    InvalidCookieOption,
    /// An argument has the wrong type or shape.
    InvalidArgument,
    /// An input is larger than the documented bound.
    InputTooLarge,
    /// The signer or verifier was used after `free()`.
    Freed,
    /// The runtime refused random numbers, which RSA signing needs for
    /// blinding (Cloudflare Workers refuse them outside a request).
    RandomUnavailable,
}

impl ErrorKind {
    /// The stable string code of this kind, e.g. `ERR_INVALID_KEY`.
    ///
    /// ```
    /// use cloudfront_signer::ErrorKind;
    /// assert_eq!(ErrorKind::InvalidKey.code(), "ERR_INVALID_KEY");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidKey => "ERR_INVALID_KEY",
            ErrorKind::UnsupportedKey => "ERR_UNSUPPORTED_KEY",
            ErrorKind::PassphraseRequired => "ERR_PASSPHRASE_REQUIRED",
            ErrorKind::WrongPassphrase => "ERR_WRONG_PASSPHRASE",
            ErrorKind::InvalidKeyPairId => "ERR_INVALID_KEY_PAIR_ID",
            ErrorKind::InvalidUrl => "ERR_INVALID_URL",
            ErrorKind::InvalidResource => "ERR_INVALID_RESOURCE",
            ErrorKind::InvalidDate => "ERR_INVALID_DATE",
            ErrorKind::InvalidIp => "ERR_INVALID_IP",
            ErrorKind::InvalidPolicy => "ERR_INVALID_POLICY",
            ErrorKind::UnsupportedHashAlgorithm => "ERR_UNSUPPORTED_HASH_ALGORITHM",
            ErrorKind::InvalidCookieOption => "ERR_INVALID_COOKIE_OPTION",
            ErrorKind::InvalidArgument => "ERR_INVALID_ARGUMENT",
            ErrorKind::InputTooLarge => "ERR_INPUT_TOO_LARGE",
            ErrorKind::Freed => "ERR_FREED",
            ErrorKind::RandomUnavailable => "ERR_RANDOM_UNAVAILABLE",
        }
    }
}

/// An error with its [`ErrorKind`] and a message that says what to change.
///
/// Messages never contain key material.
///
/// ```
/// use cloudfront_signer::{Error, ErrorKind};
/// let err = Error::new(ErrorKind::InvalidIp, "use an IPv4 address");
/// assert_eq!(err.code(), "ERR_INVALID_IP");
/// assert_eq!(err.to_string(), "use an IPv4 address");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Creates an error of `kind` with a message for a person.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable string code, the same as `self.kind().code()`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The message, without the code.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<SigningError> for Error {
    /// `ERR_RANDOM_UNAVAILABLE`, or `ERR_INVALID_KEY` for a signature that
    /// could not be made.
    fn from(error: SigningError) -> Self {
        match error {
            SigningError::RandomUnavailable => Error::new(
                ErrorKind::RandomUnavailable,
                "RSA signing needs random numbers (for blinding) and this runtime refused them; Cloudflare Workers give them only while handling a request, so sign inside the request handler (constructing the signer at top level is fine) or use an ECDSA key",
            ),
            SigningError::Failed(_) => Error::new(ErrorKind::InvalidKey, error.to_string()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Shorthand used across the crate: an `Err` of `kind` with `message`.
pub(crate) fn fail<T>(kind: ErrorKind, message: impl Into<String>) -> Result<T> {
    Err(Error::new(kind, message))
}
