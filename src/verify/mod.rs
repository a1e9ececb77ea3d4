//! Verification: evaluates signed URLs and cookies the way CloudFront does
//! and says exactly why one would be refused.

mod reason;
mod signed;
mod verifier;
mod wildcard;

pub use reason::{Reason, Refusal};
pub use signed::{
    has_signing_parameters, parse_cookie_header, parse_signed_cookies, parse_signed_url,
    SignedPolicy, SignedRequest, Source, MAX_REQUEST_BYTES,
};
pub use verifier::{Verification, Verifier, VerifyOptions};
pub use wildcard::WildcardMatching;
