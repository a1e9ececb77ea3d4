//! Create and verify Amazon CloudFront signed URLs and signed cookies.
//!
//! Keys are RSA (any size; key groups take 2048-bit) or ECDSA P-256, read
//! from PEM, DER or JWK and parsed once. Signatures use SHA-1 (CloudFront's
//! default) or SHA-256 (`Hash-Algorithm=SHA256`). The output is byte-identical
//! to botocore's and the AWS CLI's for the same inputs.
//!
//! # Sign a URL
//!
//! ```
//! use cloudfront_signer::{PrivateKey, Signer, SignOptions};
//!
//! let key = PrivateKey::from_pem(include_str!("../tests/keys/rsa-pkcs1.pem"), None)?;
//! let signer = Signer::new(key, "K2JCJMDEHXQW5F")?;
//! let url = signer.sign_url(
//!     "https://d111111abcdef8.cloudfront.net/private/report.pdf",
//!     &SignOptions::expiring_at(1767290400),
//! )?;
//! assert!(url.contains("?Expires=1767290400&Signature="));
//! # Ok::<(), cloudfront_signer::Error>(())
//! ```
//!
//! # Sign cookies for a whole folder, from one IP range
//!
//! ```
//! use cloudfront_signer::{PrivateKey, Signer, SignOptions};
//!
//! let key = PrivateKey::from_pem(include_str!("../tests/keys/ec-pkcs8.pem"), None)?;
//! let signer = Signer::new(key, "K2JCJMDEHXQW5F")?;
//! let options = SignOptions::expiring_at(1767290400).with_ip_address("203.0.113.0/24".parse()?);
//! let cookies = signer.sign_cookies("https://d111111abcdef8.cloudfront.net/videos/*", &options)?;
//! assert!(cookies.get("CloudFront-Policy").is_some());
//! assert_eq!(cookies.get("CloudFront-Hash-Algorithm"), Some("SHA256"));
//! # Ok::<(), cloudfront_signer::Error>(())
//! ```

pub mod compat;
pub mod cookies;
mod der;
pub mod encoding;
mod engine;
mod error;
mod hash;
pub mod ip;
mod json;
pub mod key;
pub mod policy;
mod signer;
mod signing_key;
pub mod time;
mod unsigned;
pub mod url;
pub mod verify;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use cookies::{to_set_cookie_headers, CookieAttributes, SameSite, SignedCookies};
pub use engine::{SigningEngine, ThreadSafeOutsideWasm};
pub use error::{Error, ErrorKind, Result};
pub use hash::HashAlgorithm;
pub use ip::Ipv4Cidr;
pub use key::{KeyType, PrivateKey, PublicKey};
pub use policy::Policy;
pub use signer::{PolicyChoice, PolicyKind, SignOptions, Signer};
pub use signing_key::SigningKey;
pub use unsigned::Unsigned;

/// The README's Rust example, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
