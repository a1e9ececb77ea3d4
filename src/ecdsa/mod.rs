//! ECDSA on P-256, on the `p256` crate's field and point arithmetic: `k × G`
//! from a table of the base point's multiples shipped as constant data,
//! signatures in DER, and verification (with a table of the key's
//! multiples for a key used often). The decisions are the `ecdsa` crate's,
//! which the tests compare them with.
//!
//! Verification: [`EcdsaPublicKey`]; signatures: [`Signature`].

mod base_point;
mod base_point_multiples;
mod digits;
mod point_table;
mod public_key;
mod signature;

pub(crate) use public_key::EcdsaPublicKey;
pub(crate) use signature::Signature;
