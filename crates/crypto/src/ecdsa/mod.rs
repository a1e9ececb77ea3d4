//! ECDSA on P-256, on the `p256` crate's field and point arithmetic: `k × G`
//! from a table of the base point's multiples shipped as constant data,
//! RFC 6979 nonces, signing in constant time, signatures in DER, and
//! verification (with a table of the key's multiples for a key used often).
//! The outputs and decisions are the `ecdsa` crate's, which the tests
//! compare them with.
//!
//! Signing: [`EcdsaPrivateKey`]; verification: [`EcdsaPublicKey`].

mod base_point;
mod base_point_multiples;
mod digits;
mod nonce;
mod point_table;
mod private_key;
mod public_key;
mod signature;

pub use private_key::EcdsaPrivateKey;
pub use public_key::EcdsaPublicKey;
pub use signature::Signature;
