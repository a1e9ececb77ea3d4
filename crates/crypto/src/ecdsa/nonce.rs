//! RFC 6979 nonces for P-256, as the `ecdsa` crate makes them: HMAC_DRBG
//! with HMAC-SHA-256 (whatever hash the message was digested with), seeded
//! with the private scalar and the digest reduced modulo the group order.

use p256::elliptic_curve::{Field, PrimeField};
use p256::{FieldBytes, Scalar};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// The deterministic generator of a signature's nonces (RFC 6979 section
/// 3.2): its state is secret, and wiped on drop.
///
/// ```ignore
/// let mut nonces = Nonces::new(&secret.to_repr().into(), &z.to_repr().into());
/// let k = nonces.next();
/// ```
pub(crate) struct Nonces {
    key: Zeroizing<[u8; 32]>,
    value: Zeroizing<[u8; 32]>,
}

impl Nonces {
    /// The generator for the private scalar `secret` and the message
    /// scalar `z` (the digest reduced modulo the order: RFC 6979's
    /// `bits2octets`), both 32 big-endian bytes.
    pub(crate) fn new(secret: &[u8; 32], z: &[u8; 32]) -> Self {
        let mut nonces = Nonces {
            key: Zeroizing::new([0; 32]),
            value: Zeroizing::new([1; 32]),
        };
        nonces.update(&[secret, z]);
        nonces
    }

    /// The next nonce: a scalar from 1 to `n - 1` (candidates out of that
    /// range, with a chance of about 2^-32, are skipped as RFC 6979 says).
    pub(crate) fn next(&mut self) -> Zeroizing<Scalar> {
        loop {
            *self.value = hmac(&self.key, &[&self.value[..]]);
            let candidate = Zeroizing::new(FieldBytes::from(*self.value));
            self.update(&[]);
            if let Some(k) = Scalar::from_repr(*candidate).into_option() {
                if !bool::from(k.is_zero()) {
                    return Zeroizing::new(k);
                }
            }
        }
    }

    /// HMAC_DRBG's update with `seed` (steps 3.2.d to g, or 3.2.h.3 when
    /// there is no seed).
    fn update(&mut self, seed: &[&[u8]]) {
        self.mix(0, seed);
        if !seed.is_empty() {
            self.mix(1, seed);
        }
    }

    /// `K = HMAC_K(V || separator || seed)`, then `V = HMAC_K(V)`.
    fn mix(&mut self, separator: u8, seed: &[&[u8]]) {
        let separator = [separator];
        let mut message = vec![&self.value[..], &separator[..]];
        message.extend_from_slice(seed);
        *self.key = hmac(&self.key, &message);
        *self.value = hmac(&self.key, &[&self.value[..]]);
    }
}

/// HMAC-SHA-256 (RFC 2104) of the concatenated `message` under a 32-byte
/// `key`.
fn hmac(key: &[u8; 32], message: &[&[u8]]) -> [u8; 32] {
    let mut pad = Zeroizing::new([0x36u8; 64]);
    for (pad, key) in pad.iter_mut().zip(key) {
        *pad ^= key;
    }
    let mut inner = Sha256::new();
    inner.update(&pad[..]);
    for part in message {
        inner.update(part);
    }
    let inner = Zeroizing::new(inner.finalize());
    for pad in pad.iter_mut() {
        *pad ^= 0x36 ^ 0x5c;
    }
    let mut outer = Sha256::new();
    outer.update(&pad[..]);
    outer.update(&inner[..]);
    outer.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|at| u8::from_str_radix(&text[at..at + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // RFC 4231 test case 2 has a 4-byte key: zero-padded to 32 bytes it
        // keys HMAC the same way.
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        assert_eq!(
            hmac(&key, &[b"what do ya want ", b"for nothing?"]).to_vec(),
            hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        );
    }

    #[test]
    fn nonce_matches_rfc_6979_appendix_a_2_5() {
        // P-256, SHA-256, message "sample".
        let secret = hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
        let digest = Sha256::digest(b"sample");
        let mut nonces = Nonces::new(
            secret.as_slice().try_into().unwrap(),
            digest.as_slice().try_into().unwrap(),
        );
        assert_eq!(
            nonces.next().to_repr().to_vec(),
            hex("a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60")
        );
    }
}
