//! The RSA private-key operation at any size: the Chinese remainder
//! theorem over two primes, constant-time fixed-window exponentiation,
//! Garner recombination, exponent blinding, and a check of the result
//! before it leaves (so that a fault, or a key whose "primes" are not
//! prime, never gives out a wrong signature).

use zeroize::Zeroizing;

use super::components::PrivateComponents;
use super::montgomery::Modulus;
use super::natural::{equal, mul, Natural};
use super::power::pow_secret;
use super::public_key::RsaPublicKey;
use crate::blinding::blinding_factors;
use crate::error::{rsa_signing_failed, Result};
use crate::pkcs1v15::encode_into;
use crate::DigestAlgorithm;

/// The bits of the random multiples of `p - 1` and `q - 1` added to the
/// CRT exponents.
const BLINDING_BITS: usize = 64;

/// A two-prime RSA private key of any size, ready to sign. Wiped on drop.
///
/// ```
/// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
/// use cloudfront_signer_crypto::rsa_any::{PrivateComponents, RsaPrivateKey};
/// use cloudfront_signer_crypto::DigestAlgorithm;
/// use sha2::{Digest, Sha256};
/// let key = RsaPrivateKey::new(&PrivateComponents::new(&n, &e, &d, &p, &q).unwrap());
/// let digest = Sha256::digest(b"policy");
/// let signature = key.sign(DigestAlgorithm::Sha256, &digest)?;
/// assert!(key.public_key().verify(DigestAlgorithm::Sha256, &digest, &signature));
/// # Ok::<(), cloudfront_signer_crypto::SigningError>(())
/// ```
pub struct RsaPrivateKey {
    public: RsaPublicKey,
    p: Modulus,
    q: Modulus,
    /// `q` in ordinary form, for Garner's recombination.
    q_value: Natural,
    /// `d mod (p - 1)` and `d mod (q - 1)`.
    dp: Natural,
    dq: Natural,
    /// `p - 1` and `q - 1`: adding multiples of them to `dp` and `dq`
    /// changes the exponents but not the results.
    p_minus_1: Natural,
    q_minus_1: Natural,
    /// `q^-1 mod p`.
    q_inv: Natural,
    /// A public bound on the blinded exponents' size, in bits.
    exponent_bits: usize,
}

impl RsaPrivateKey {
    /// The key of checked `components`.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::{PrivateComponents, RsaPrivateKey};
    /// let key = RsaPrivateKey::new(&PrivateComponents::new(&n, &e, &d, &p, &q).unwrap());
    /// assert_eq!(key.public_key().bits(), 2048);
    /// ```
    pub fn new(components: &PrivateComponents) -> Self {
        let prime_bits = components.prime_bits();
        let order = |prime: &Natural| {
            let mut order = prime.clone();
            order.sub_assign(&[1]);
            order
        };
        // Each prime is odd and above 2^(prime_bits - 2), as Modulus needs.
        RsaPrivateKey {
            public: RsaPublicKey::checked(components.n().clone(), components.e()),
            p: Modulus::new(components.p(), prime_bits),
            q: Modulus::new(components.q(), prime_bits),
            q_value: components.q().clone(),
            dp: components.dp().clone(),
            dq: components.dq().clone(),
            p_minus_1: order(components.p()),
            q_minus_1: order(components.q()),
            q_inv: components.q_inv().clone(),
            exponent_bits: prime_bits + BLINDING_BITS,
        }
    }

    /// The public half.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::{PrivateComponents, RsaPrivateKey};
    /// let key = RsaPrivateKey::new(&PrivateComponents::new(&n, &e, &d, &p, &q).unwrap());
    /// assert_eq!(key.public_key().modulus_bytes(), n);
    /// ```
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.public
    }

    /// The RSASSA-PKCS1-v1_5 signature of `digest`, made with `hash`. Out
    /// of line: WebAssembly engines compile a function when it is first
    /// called, so the first RSA-2048 or ECDSA signature does not wait for
    /// this code.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::{PrivateComponents, RsaPrivateKey};
    /// use cloudfront_signer_crypto::DigestAlgorithm;
    /// use sha2::{Digest, Sha256};
    /// let key = RsaPrivateKey::new(&PrivateComponents::new(&n, &e, &d, &p, &q).unwrap());
    /// let digest = Sha256::digest(b"policy");
    /// let expected = reference.sign(rsa::Pkcs1v15Sign::new::<Sha256>(), &digest).unwrap();
    /// assert_eq!(key.sign(DigestAlgorithm::Sha256, &digest)?, expected);
    /// assert!(key.sign(DigestAlgorithm::Sha1, &digest).is_err());
    /// # Ok::<(), cloudfront_signer_crypto::SigningError>(())
    /// ```
    #[inline(never)]
    pub fn sign(&self, hash: DigestAlgorithm, digest: &[u8]) -> Result<Vec<u8>> {
        let mut encoded = Zeroizing::new(vec![0u8; self.public.byte_len()]);
        if !encode_into(hash, digest, &mut encoded) {
            return Err(rsa_signing_failed(&format!(
                "a {}-bit key is too short for a PKCS#1 v1.5 signature with {hash}; use a 2048-bit key (the size CloudFront takes)",
                self.public.bits()
            )));
        }
        let c = Natural::from_be_bytes(&encoded, self.public.n().len())
            .ok_or_else(|| rsa_signing_failed("the encoded digest does not fit the modulus"))?;
        let signature = self.private_power(&c)?;
        let mut bytes = vec![0u8; self.public.byte_len()];
        signature.write_be_bytes(&mut bytes);
        Ok(bytes)
    }

    /// `c^d mod n` for `c < n`, with exponents blinded afresh (`dp + k (p -
    /// 1)` and `dq + j (q - 1)` for random 64-bit `k` and `j`: a different
    /// exponent every time, the same result), and checked against `c`
    /// before it is returned.
    fn private_power(&self, c: &Natural) -> Result<Natural> {
        let (k, j) = blinding_factors()?;
        let dp = blinded_exponent(&self.dp, &self.p_minus_1, *k);
        let dq = blinded_exponent(&self.dq, &self.q_minus_1, *j);
        let x_p = pow_secret(
            &self.p,
            &self.p.to_montgomery_wide(c),
            &dp,
            self.exponent_bits,
        );
        let x_q = pow_secret(
            &self.q,
            &self.q.to_montgomery_wide(c),
            &dq,
            self.exponent_bits,
        );
        let x_q = self.q.to_ordinary(&x_q);
        // Garner: x = x_q + q × ((x_p - x_q) × q^-1 mod p), below p × q.
        let difference = self.p.sub(&x_p, &self.p.to_montgomery(&x_q));
        let h = self.p.mul_ordinary(&difference, &self.q_inv);
        let mut power = mul(&h, &self.q_value);
        power.add_assign(&x_q);
        let power = Natural::from_limbs(&power, self.public.n().len());
        if !equal(&self.public.public_power(&power), c) {
            return Err(rsa_signing_failed(
                "the result did not verify (a computation fault, or a key whose primes are not prime)",
            ));
        }
        Ok(power)
    }
}

/// `exponent + k × order`: the same power modulo a prime of that order + 1.
fn blinded_exponent(exponent: &Natural, order: &Natural, k: u64) -> Natural {
    let mut blinded = mul(order, &Natural::from_u64(k));
    blinded.add_assign(exponent);
    blinded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rsa_any::tests::components_of;

    #[test]
    fn signs_as_the_rsa_crate() {
        for bits in [512, 1024, 1031, 1536] {
            let reference = rsa::PrivateKey::new_unchecked(&mut getrandom::SysRng, bits).unwrap();
            let key = RsaPrivateKey::new(&components_of(&reference));
            for hash in [DigestAlgorithm::Sha1, DigestAlgorithm::Sha256] {
                let digest = hash.digest(b"policy");
                let scheme = match hash {
                    DigestAlgorithm::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
                    DigestAlgorithm::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                };
                let expected = reference.sign(scheme, &digest).unwrap();
                assert_eq!(key.sign(hash, &digest).unwrap(), expected, "{bits} {hash}");
                assert!(key.public_key().verify(hash, &digest, &expected));
            }
        }
    }
}
