//! RSA with a 2048-bit modulus and two 1024-bit primes (the only RSA size
//! CloudFront accepts), in fixed-width, constant-time arithmetic: numbers
//! in 32-bit limbs, residues in 28-bit limbs inside Montgomery
//! multiplication (with a dedicated squaring), and the Chinese remainder
//! theorem for the private key. Other RSA keys use [`crate::rsa_any`].
//!
//! Signing: [`Rsa2048PrivateKey`]; verification: [`Rsa2048PublicKey`].

mod crt_parts;
mod limbs;
mod montgomery;
mod padding;
mod power;
mod private_key;
mod public_key;
mod remainder;

pub use crt_parts::CrtParts;
pub(crate) use limbs::{eq_mask, mask_from_bit, wipe};
pub(crate) use montgomery::{pack_into, unpack_into, LIMB_BITS, LIMB_MASK};
pub use private_key::Rsa2048PrivateKey;
pub use public_key::Rsa2048PublicKey;

/// The length of the modulus and of signatures, in bytes.
pub(crate) const MODULUS_BYTES: usize = 256;

/// A number below 2^2048.
pub(crate) type Limbs2048 = [u32; 64];

/// A number below 2^1024.
pub(crate) type Limbs1024 = [u32; 32];

/// Arithmetic modulo a 1024-bit prime (37 limbs of 28 bits inside).
pub(crate) type PrimeModulus = montgomery::Modulus<32, 37>;

/// A residue modulo a [`PrimeModulus`] in Montgomery form.
pub(crate) type PrimeResidue = [u32; 37];

/// Arithmetic modulo a 2048-bit RSA modulus (74 limbs of 28 bits inside).
pub(crate) type RsaModulus = montgomery::Modulus<64, 74>;
