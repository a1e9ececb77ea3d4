//! Keys: RSA and ECDSA P-256, private and public, from PEM, DER or JWK.

mod algorithm;
mod jwk;
mod pem;
mod private;
mod public;

pub use algorithm::KeyType;
pub use private::{PrivateKey, MAX_KEY_BYTES};
pub use public::PublicKey;
