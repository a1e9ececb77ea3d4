//! Keys: RSA and ECDSA P-256, private and public, from PEM, DER or JWK.

mod algorithm;
mod der_reader;
mod jwk;
mod pem;
mod private;
mod public;
mod rsa2048_pkcs1;

pub use algorithm::KeyType;
pub use private::{
    PrivateKey, MAX_KEY_BYTES, MAX_PBKDF2_ITERATIONS, MAX_SCRYPT_MEMORY, MAX_SCRYPT_WORK,
};
pub use public::PublicKey;

#[cfg(target_arch = "wasm32")]
pub(crate) use private::key_uses;
