//! Why CloudFront would refuse a request: stable reason codes.

use std::fmt;

/// The reason a signed URL or cookie set is refused.
///
/// ```
/// use cloudfront_signer::verify::Reason;
/// assert_eq!(Reason::Expired.code(), "EXPIRED");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// No signing parameters, or one of the required ones is missing.
    MissingParameters,
    /// The parameters are present but not a set CloudFront accepts.
    MalformedParameters,
    /// The key-pair id is not one the verifier trusts ("Unknown Key").
    UnknownKeyPairId,
    /// The policy does not decode or is not a valid CloudFront policy.
    MalformedPolicy,
    /// The signature does not match the policy under the key.
    SignatureMismatch,
    /// `now` is at or after `DateLessThan`.
    Expired,
    /// `now` is before `DateGreaterThan`.
    NotYetValid,
    /// The client IP is not in the policy's `IpAddress` range.
    IpNotAllowed,
    /// The request URL does not match the policy's `Resource`.
    ResourceMismatch,
    /// SHA-1 was used but the verifier requires SHA-256.
    HashAlgorithmNotAllowed,
}

impl Reason {
    /// The stable code, e.g. `SIGNATURE_MISMATCH`.
    pub fn code(self) -> &'static str {
        match self {
            Reason::MissingParameters => "MISSING_PARAMETERS",
            Reason::MalformedParameters => "MALFORMED_PARAMETERS",
            Reason::UnknownKeyPairId => "UNKNOWN_KEY_PAIR_ID",
            Reason::MalformedPolicy => "MALFORMED_POLICY",
            Reason::SignatureMismatch => "SIGNATURE_MISMATCH",
            Reason::Expired => "EXPIRED",
            Reason::NotYetValid => "NOT_YET_VALID",
            Reason::IpNotAllowed => "IP_NOT_ALLOWED",
            Reason::ResourceMismatch => "RESOURCE_MISMATCH",
            Reason::HashAlgorithmNotAllowed => "HASH_ALGORITHM_NOT_ALLOWED",
        }
    }

    /// The message CloudFront itself answers with (status 403).
    ///
    /// ```
    /// use cloudfront_signer::verify::Reason;
    /// assert_eq!(Reason::UnknownKeyPairId.cloudfront_message(), "Unknown Key");
    /// ```
    pub fn cloudfront_message(self) -> &'static str {
        match self {
            Reason::MissingParameters => "Missing Key-Pair-Id query parameter or cookie value.",
            Reason::UnknownKeyPairId => "Unknown Key",
            Reason::MalformedPolicy => "Malformed Policy",
            _ => "Access denied",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A refusal: the reason code and a sentence a person understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The stable reason.
    pub reason: Reason,
    /// What exactly is wrong, e.g. "expired 3 minutes ago, at 2030-01-01T00:00:00Z".
    pub message: String,
}

impl Refusal {
    pub(crate) fn new(reason: Reason, message: impl Into<String>) -> Self {
        Refusal {
            reason,
            message: message.into(),
        }
    }

    /// The refusal of request text longer than CloudFront accepts.
    pub(crate) fn oversized(what: &str, max: usize) -> Self {
        Refusal::new(
            Reason::MalformedParameters,
            format!("{what} is longer than {max} bytes, more than CloudFront accepts"),
        )
    }
}
