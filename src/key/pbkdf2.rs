//! PBKDF2 (RFC 8018 §5.2) with HMAC (RFC 2104) over a hash chosen at run
//! time: one copy of the loop for every PRF an encrypted key may name,
//! instead of one per hash type.

use sha2::Digest;
use zeroize::Zeroizing;

/// The hash of an `hmacWithSHA*` PRF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// A running hash of one of the [`Prf`] kinds.
#[derive(Clone)]
enum Hasher {
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

/// The longest digest, SHA-512's, in bytes.
const MAX_OUTPUT: usize = 64;

/// The largest block, SHA-384's and SHA-512's, in bytes.
const MAX_BLOCK: usize = 128;

impl Hasher {
    fn new(hash: Prf) -> Self {
        match hash {
            Prf::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            Prf::Sha224 => Hasher::Sha224(sha2::Sha224::new()),
            Prf::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            Prf::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            Prf::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha224(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    /// Writes the digest into the start of `out` (at least
    /// [`MAX_OUTPUT`] bytes) and returns its length.
    fn finalize_into(self, out: &mut [u8]) -> usize {
        fn copy(out: &mut [u8], digest: &[u8]) -> usize {
            out[..digest.len()].copy_from_slice(digest);
            digest.len()
        }
        match self {
            Hasher::Sha1(h) => copy(out, &Zeroizing::new(h.finalize())),
            Hasher::Sha224(h) => copy(out, &Zeroizing::new(h.finalize())),
            Hasher::Sha256(h) => copy(out, &Zeroizing::new(h.finalize())),
            Hasher::Sha384(h) => copy(out, &Zeroizing::new(h.finalize())),
            Hasher::Sha512(h) => copy(out, &Zeroizing::new(h.finalize())),
        }
    }

    fn block_size(&self) -> usize {
        match self {
            Hasher::Sha1(_) | Hasher::Sha224(_) | Hasher::Sha256(_) => 64,
            Hasher::Sha384(_) | Hasher::Sha512(_) => MAX_BLOCK,
        }
    }
}

/// HMAC with the inner and outer hashers already past their keyed blocks.
struct Hmac {
    inner: Hasher,
    outer: Hasher,
}

impl Hmac {
    fn new(hash: Prf, key: &[u8]) -> Self {
        let mut inner = Hasher::new(hash);
        let mut outer = Hasher::new(hash);
        let block_size = inner.block_size();
        let mut block = Zeroizing::new([0u8; MAX_BLOCK]);
        if key.len() > block_size {
            let mut hashed = Hasher::new(hash);
            hashed.update(key);
            hashed.finalize_into(&mut block[..]);
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut pad = Zeroizing::new([0u8; MAX_BLOCK]);
        for (pad, key) in pad.iter_mut().zip(block.iter()) {
            *pad = key ^ 0x36;
        }
        inner.update(&pad[..block_size]);
        for (pad, key) in pad.iter_mut().zip(block.iter()) {
            *pad = key ^ 0x5c;
        }
        outer.update(&pad[..block_size]);
        Hmac { inner, outer }
    }

    /// HMAC of `parts` (concatenated) into `out`; returns the length.
    fn mac(&self, parts: &[&[u8]], out: &mut [u8]) -> usize {
        let mut inner = self.inner.clone();
        for part in parts {
            inner.update(part);
        }
        let length = inner.finalize_into(out);
        let mut outer = self.outer.clone();
        outer.update(&out[..length]);
        outer.finalize_into(out)
    }
}

/// Fills `key` with PBKDF2-HMAC-`hash` of `password` and `salt` after
/// `iterations` rounds.
///
/// ```ignore
/// let mut key = [0u8; 32];
/// pbkdf2::derive(Prf::Sha256, b"password", b"salt", 2048, &mut key);
/// ```
pub(crate) fn derive(hash: Prf, password: &[u8], salt: &[u8], iterations: u32, key: &mut [u8]) {
    let hmac = Hmac::new(hash, password);
    let mut u = Zeroizing::new([0u8; MAX_OUTPUT]);
    let mut t = Zeroizing::new([0u8; MAX_OUTPUT]);
    let mut block_index: u32 = 1;
    let mut filled = 0;
    while filled < key.len() {
        let length = hmac.mac(&[salt, &block_index.to_be_bytes()], &mut u[..]);
        t[..length].copy_from_slice(&u[..length]);
        for _ in 1..iterations {
            let previous = *u;
            hmac.mac(&[&previous[..length]], &mut u[..]);
            for (t, u) in t.iter_mut().zip(u.iter()).take(length) {
                *t ^= u;
            }
        }
        let take = length.min(key.len() - filled);
        key[filled..filled + take].copy_from_slice(&t[..take]);
        filled += take;
        block_index = block_index.wrapping_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(hash: Prf, password: &[u8], salt: &[u8], iterations: u32, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        match hash {
            Prf::Sha1 => {
                pbkdf2_reference::pbkdf2_hmac::<sha1::Sha1>(password, salt, iterations, &mut out)
            }
            Prf::Sha224 => {
                pbkdf2_reference::pbkdf2_hmac::<sha2::Sha224>(password, salt, iterations, &mut out)
            }
            Prf::Sha256 => {
                pbkdf2_reference::pbkdf2_hmac::<sha2::Sha256>(password, salt, iterations, &mut out)
            }
            Prf::Sha384 => {
                pbkdf2_reference::pbkdf2_hmac::<sha2::Sha384>(password, salt, iterations, &mut out)
            }
            Prf::Sha512 => {
                pbkdf2_reference::pbkdf2_hmac::<sha2::Sha512>(password, salt, iterations, &mut out)
            }
        }
        out
    }

    #[test]
    fn matches_rfc_6070() {
        let mut key = [0u8; 20];
        derive(Prf::Sha1, b"password", b"salt", 4096, &mut key);
        assert_eq!(
            key,
            [
                0x4b, 0x00, 0x79, 0x01, 0xb7, 0x65, 0x48, 0x9a, 0xbe, 0xad, 0x49, 0xd9, 0x26, 0xf7,
                0x21, 0xd0, 0x65, 0xa4, 0x29, 0xc1
            ]
        );
    }

    #[test]
    fn matches_the_pbkdf2_crate_for_every_prf() {
        let long_password = [0x61u8; 200];
        for hash in [
            Prf::Sha1,
            Prf::Sha224,
            Prf::Sha256,
            Prf::Sha384,
            Prf::Sha512,
        ] {
            for (password, salt, iterations, len) in [
                (&b"correct horse battery staple"[..], &b"salt"[..], 1, 16),
                (b"", b"", 3, 24),
                (&long_password[..], &[7u8; 16][..], 2048, 32),
                (b"p", b"s", 5, 150),
            ] {
                let mut ours = vec![0u8; len];
                derive(hash, password, salt, iterations, &mut ours);
                assert_eq!(
                    ours,
                    reference(hash, password, salt, iterations, len),
                    "{hash:?}"
                );
            }
        }
    }
}
