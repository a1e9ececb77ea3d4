//! The JavaScript bindings: conversions between JS values and core types,
//! and core errors as JS `Error` objects with a `code`. No signing logic.

mod compat;
mod convert;
mod error;
mod functions;
mod node_engine;
mod pending;
#[cfg(getrandom_backend = "custom")]
mod random;
mod signer;
mod verifier;
mod webcrypto;
mod wipe;
