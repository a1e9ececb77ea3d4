//! RSA of any size with two primes, on the crate's own arithmetic: numbers
//! whose width is set at run time from the public modulus, Montgomery
//! multiplication in 28-bit limbs, and for private keys the Chinese
//! remainder theorem with constant-time exponentiation, exponent blinding
//! and a check of every result. RSA-2048 keys with two 1024-bit primes use
//! the faster fixed-width engine of [`crate::rsa2048`] instead.

mod components;
mod inverse;
mod montgomery;
mod natural;
mod power;
mod private_key;
mod public_key;
mod wiped;

pub use components::PrivateComponents;
pub(crate) use components::MAX_PUBLIC_EXPONENT;
pub use private_key::RsaPrivateKey;
pub use public_key::RsaPublicKey;

#[cfg(test)]
pub(crate) mod tests {
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};

    use super::PrivateComponents;

    /// The checked components of a key the `rsa` crate holds.
    pub(crate) fn components_of(key: &rsa::PrivateKey) -> PrivateComponents {
        let bytes = |value: &rsa::BoxedUint| value.to_be_bytes().to_vec();
        let [p, q] = key.primes() else {
            panic!("a two-prime key")
        };
        PrivateComponents::new(
            &bytes(key.n().as_ref()),
            &bytes(key.e()),
            &bytes(key.d()),
            &bytes(p.as_ref()),
            &bytes(q.as_ref()),
        )
        .expect("the rsa crate's key passes the same checks")
    }
}
