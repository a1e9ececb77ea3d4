//! The private-key arithmetic of [`cloudfront-signer`]: RSA (a fixed-width
//! engine for RSA-2048, a general one for other sizes) and ECDSA P-256,
//! constant-time and blinded, with PKCS#1 v1.5 and DER signatures. It is a
//! crate of its own so that it can be optimised for speed while the rest of
//! the WebAssembly module is optimised for size; use it through
//! `cloudfront-signer`, whose API is the stable one.
//!
//! ```
//! use cloudfront_signer_crypto::ecdsa::EcdsaPrivateKey;
//! let key = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap();
//! let digest = [1; 32];
//! let signature = key.sign(&digest);
//! assert!(key.verify(&digest, &signature));
//! ```
//!
//! [`cloudfront-signer`]: https://docs.rs/cloudfront-signer

mod blinding;
mod digest_algorithm;
pub mod ecdsa;
mod error;
mod pkcs1v15;
pub mod rsa2048;
pub mod rsa_any;

pub use digest_algorithm::DigestAlgorithm;
pub use error::SigningError;
