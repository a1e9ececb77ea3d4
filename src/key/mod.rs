//! Keys: RSA and ECDSA P-256, private and public, from PEM, DER or JWK.

mod aes;
mod algorithm;
mod jwk;
mod pbes2;
mod pbkdf2;
mod pem;
mod pkcs1;
mod pkcs8;
mod private;
mod public;
mod rsa2048_pkcs1;
mod sec1;
mod spki;

pub use algorithm::KeyType;
pub use pbes2::{MAX_PBKDF2_ITERATIONS, MAX_SCRYPT_MEMORY, MAX_SCRYPT_WORK};
pub use private::{PrivateKey, MAX_KEY_BYTES};
pub use public::PublicKey;

pub(crate) use private::DerKind;

#[cfg(target_arch = "wasm32")]
pub(crate) use private::key_uses;
