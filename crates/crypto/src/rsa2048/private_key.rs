//! The RSA-2048 private-key operation: the Chinese remainder theorem over
//! two 1024-bit primes, constant-time fixed-window exponentiation, Garner
//! recombination, exponent blinding, and a check of the result before it
//! leaves (so that a fault never reveals a factor).

use zeroize::Zeroizing;

use super::limbs::{add, equal, mul_u64, mul_wide, one, sub, to_be_bytes, wipe};
use super::power::pow_secret;
use super::public_key::Rsa2048PublicKey;
use super::{padding, Limbs1024, Limbs2048, PrimeModulus, PrimeResidue, MODULUS_BYTES};
use crate::blinding::blinding_factors;
use crate::error::{rsa_signing_failed, Result};
use crate::rsa_any::PrivateComponents;
use crate::DigestAlgorithm;

/// A CRT exponent with a random multiple of its prime's order added:
/// 1024 + 64 bits.
type BlindedExponent = [u32; 34];

/// An RSA private key with a 2048-bit modulus and two 1024-bit primes, in
/// fixed-width form. Wiped on drop.
///
/// ```
/// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
/// use cloudfront_signer_crypto::rsa2048::Rsa2048PrivateKey;
/// use cloudfront_signer_crypto::rsa_any::PrivateComponents;
/// use cloudfront_signer_crypto::DigestAlgorithm;
/// use sha2::{Digest, Sha256};
/// let components = PrivateComponents::new(&n, &e, &d, &p, &q).unwrap();
/// let key = Rsa2048PrivateKey::from_components(&components).unwrap();
/// let digest = Sha256::digest(b"policy");
/// let signature = key.sign(DigestAlgorithm::Sha256, &digest)?;
/// assert!(key.public_key().verify(DigestAlgorithm::Sha256, &digest, &signature));
/// # Ok::<(), cloudfront_signer_crypto::SigningError>(())
/// ```
pub struct Rsa2048PrivateKey {
    public: Rsa2048PublicKey,
    p: PrimeModulus,
    q: PrimeModulus,
    /// `d mod (p - 1)` and `d mod (q - 1)`.
    dp: Limbs1024,
    dq: Limbs1024,
    /// `p - 1` and `q - 1`: adding multiples of them to `dp` and `dq`
    /// changes the exponents but not the results.
    p_minus_1: Limbs1024,
    q_minus_1: Limbs1024,
    /// `q^-1 mod p`, in Montgomery form modulo `p`.
    q_inv: PrimeResidue,
}

impl Rsa2048PrivateKey {
    /// The fixed-width form of checked `components`; `None` unless they
    /// have a 2048-bit modulus and two primes of exactly 1024 bits.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa2048::Rsa2048PrivateKey;
    /// use cloudfront_signer_crypto::rsa_any::PrivateComponents;
    /// let components = PrivateComponents::new(&n, &e, &d, &p, &q).unwrap();
    /// assert!(Rsa2048PrivateKey::from_components(&components).is_some());
    /// ```
    pub fn from_components(components: &PrivateComponents) -> Option<Self> {
        let public = Rsa2048PublicKey::new(components.n()[..].try_into().ok()?, components.e())?;
        let (p, q) = (secret_limbs(components.p())?, secret_limbs(components.q())?);
        let dp = secret_limbs(components.dp())?;
        let dq = secret_limbs(components.dq())?;
        let q_inv = secret_limbs(components.q_inv())?;
        Self::from_parts(public, &p, &q, &dp, &dq, &q_inv)
    }

    /// The key of `public`, its primes `p` and `q`, `dp = d mod (p - 1)`,
    /// `dq = d mod (q - 1)` and `q_inv = q^-1 mod p`; `None` unless both
    /// primes are odd and exactly 1024 bits long, `p × q` is the modulus
    /// and `q_inv` is below `p` and inverts `q`. (The exponents are the
    /// caller's to check: they are only used.)
    pub(crate) fn from_parts(
        public: Rsa2048PublicKey,
        p: &Limbs1024,
        q: &Limbs1024,
        dp: &Limbs1024,
        dq: &Limbs1024,
        q_inv: &Limbs1024,
    ) -> Option<Self> {
        let (p_mod, q_mod) = (PrimeModulus::new(*p)?, PrimeModulus::new(*q)?);
        let product = mul_wide(p, q);
        let q_inv_below_p = sub(q_inv, p).1 == 1;
        let q_inv_montgomery = Zeroizing::new(p_mod.to_montgomery(q_inv));
        let q_times_inverse = p_mod.mul_ordinary(&q_inv_montgomery, &p_mod.reduce_once(q));
        if product.as_flattened() != public.modulus().value()
            || !q_inv_below_p
            || q_times_inverse != one::<32>()
        {
            return None;
        }
        Some(Rsa2048PrivateKey {
            public,
            dp: *dp,
            dq: *dq,
            p_minus_1: sub(p, &one()).0,
            q_minus_1: sub(q, &one()).0,
            q_inv: *q_inv_montgomery,
            p: p_mod,
            q: q_mod,
        })
    }

    /// The public half.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa2048::Rsa2048PrivateKey;
    /// use cloudfront_signer_crypto::rsa_any::PrivateComponents;
    /// use cloudfront_signer_crypto::DigestAlgorithm;
    /// use sha2::{Digest, Sha256};
    /// let components = PrivateComponents::new(&n, &e, &d, &p, &q).unwrap();
    /// let key = Rsa2048PrivateKey::from_components(&components).unwrap();
    /// assert_eq!(key.public_key().modulus_bytes().as_slice(), n.as_slice());
    /// ```
    pub fn public_key(&self) -> &Rsa2048PublicKey {
        &self.public
    }

    /// The RSASSA-PKCS1-v1_5 signature of `digest`, made with `hash`.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa2048::Rsa2048PrivateKey;
    /// use cloudfront_signer_crypto::rsa_any::PrivateComponents;
    /// use cloudfront_signer_crypto::DigestAlgorithm;
    /// use sha2::{Digest, Sha256};
    /// let components = PrivateComponents::new(&n, &e, &d, &p, &q).unwrap();
    /// let key = Rsa2048PrivateKey::from_components(&components).unwrap();
    /// let digest = Sha256::digest(b"policy");
    /// let expected = reference.sign(rsa::Pkcs1v15Sign::new::<Sha256>(), &digest).unwrap();
    /// assert_eq!(key.sign(DigestAlgorithm::Sha256, &digest)?, expected);
    /// # Ok::<(), cloudfront_signer_crypto::SigningError>(())
    /// ```
    pub fn sign(&self, hash: DigestAlgorithm, digest: &[u8]) -> Result<Vec<u8>> {
        let encoded = padding::encode(hash, digest)
            .ok_or_else(|| rsa_signing_failed("the digest does not have the hash's length"))?;
        let signature = self.private_power(&encoded)?;
        let mut bytes = vec![0u8; MODULUS_BYTES];
        to_be_bytes(&signature, &mut bytes);
        Ok(bytes)
    }

    /// `c^d mod n` for `c < n`, with exponents blinded afresh (`dp + k (p - 1)`
    /// and `dq + j (q - 1)` for random 64-bit `k` and `j`: a different
    /// exponent every time, the same result), and checked against `c`
    /// before it is returned.
    pub(crate) fn private_power(&self, c: &Limbs2048) -> Result<Limbs2048> {
        let (k, j) = blinding_factors()?;
        let dp = Zeroizing::new(blinded_exponent(&self.dp, &self.p_minus_1, *k));
        let dq = Zeroizing::new(blinded_exponent(&self.dq, &self.q_minus_1, *j));
        let power = self.crt_power(c, &dp, &dq);
        if !equal(&self.public.public_power(&power), c) {
            return Err(rsa_signing_failed(
                "the result did not verify (a computation fault)",
            ));
        }
        Ok(power)
    }

    /// `x^k mod n` for `x < n` and an exponent given by `k_p ≡ k` modulo
    /// `p - 1` and `k_q ≡ k` modulo `q - 1`.
    fn crt_power(&self, x: &Limbs2048, k_p: &BlindedExponent, k_q: &BlindedExponent) -> Limbs2048 {
        let low: Zeroizing<Limbs1024> = Zeroizing::new(core::array::from_fn(|i| x[i]));
        let high: Zeroizing<Limbs1024> = Zeroizing::new(core::array::from_fn(|i| x[i + 32]));
        let power_mod = |modulus: &PrimeModulus, exponent: &BlindedExponent| {
            let base = Zeroizing::new(modulus.to_montgomery_wide(&low, &high));
            let power = Zeroizing::new(pow_secret(modulus, &base, exponent));
            Zeroizing::new(modulus.to_ordinary(&power))
        };
        let x_p = power_mod(&self.p, k_p);
        let x_q = power_mod(&self.q, k_q);
        // Garner: x = x_q + q × ((x_p - x_q) × q^-1 mod p), below p × q.
        let difference = Zeroizing::new(self.p.sub(&x_p, &self.p.reduce_once(&x_q)));
        let h = Zeroizing::new(self.p.mul_ordinary(&self.q_inv, &difference));
        let product = Zeroizing::new(mul_wide(&h, self.q.value()));
        let mut x_q_wide = Zeroizing::new([[0u32; 32]; 2]);
        x_q_wide[0] = *x_q;
        add(&flatten(&product), &flatten(&x_q_wide)).0
    }
}

impl Drop for Rsa2048PrivateKey {
    fn drop(&mut self) {
        wipe(&mut self.dp);
        wipe(&mut self.dq);
        wipe(&mut self.p_minus_1);
        wipe(&mut self.q_minus_1);
        wipe(&mut self.q_inv);
    }
}

/// A key component of exactly 32 limbs, wiped when dropped.
fn secret_limbs(value: &[u32]) -> Option<Zeroizing<Limbs1024>> {
    value.try_into().ok().map(Zeroizing::new)
}

/// `exponent + k × order`: the same power modulo a prime of that order + 1.
fn blinded_exponent(exponent: &Limbs1024, order: &Limbs1024, k: u64) -> BlindedExponent {
    let mut widened = Zeroizing::new([0u32; 34]);
    widened[..32].copy_from_slice(exponent);
    let multiple = Zeroizing::new(mul_u64(order, k));
    add(&multiple, &widened).0
}

fn flatten(halves: &[[u32; 32]; 2]) -> Limbs2048 {
    core::array::from_fn(|i| halves[i / 32][i % 32])
}

#[cfg(test)]
mod tests {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};
    use rsa::BoxedUint;

    use super::*;
    use crate::rsa2048::limbs::{from_be_bytes, less_than_vartime};
    use crate::rsa_any::tests::components_of;

    fn test_key() -> rsa::PrivateKey {
        rsa::PrivateKey::from_pkcs1_der(include_bytes!("../../../../tests/keys/rsa-pkcs1.der"))
            .unwrap()
    }

    fn limbs_of(value: &BoxedUint) -> Limbs2048 {
        from_be_bytes(&value.to_be_bytes()).unwrap()
    }

    fn prime_limbs(value: &BoxedUint) -> Limbs1024 {
        from_be_bytes(&value.to_be_bytes()).unwrap()
    }

    fn small(value: u32) -> Limbs2048 {
        let mut limbs = [0; 64];
        limbs[0] = value;
        limbs
    }

    /// `c^d mod n` by the `rsa` crate (unblinded).
    fn reference_power(key: &rsa::PrivateKey, c: &Limbs2048) -> Limbs2048 {
        let mut bytes = [0u8; MODULUS_BYTES];
        to_be_bytes(c, &mut bytes);
        let c = BoxedUint::from_be_slice(&bytes, key.n_bits_precision()).unwrap();
        limbs_of(&rsa::hazmat::rsa_decrypt(None::<&mut getrandom::SysRng>, key, &c).unwrap())
    }

    #[test]
    fn edge_representatives_match_the_rsa_crate() {
        let reference = test_key();
        let key = Rsa2048PrivateKey::from_components(&components_of(&reference)).unwrap();
        let n = limbs_of(reference.n().as_ref());
        let widen = |prime: &BoxedUint| {
            let mut limbs = [0; 64];
            limbs[..32].copy_from_slice(&prime_limbs(prime));
            limbs
        };
        let (p, q) = (
            widen(reference.primes()[0].as_ref()),
            widen(reference.primes()[1].as_ref()),
        );
        let mut two_to_1024 = [0; 64];
        two_to_1024[32] = 1;
        let edges = [
            small(0),
            small(1),
            small(2),
            sub(&n, &small(1)).0,
            sub(&n, &small(2)).0,
            p,
            q,
            add(&p, &small(1)).0,
            add(&q, &small(1)).0,
            add(&p, &p).0,
            sub(&n, &q).0,
            sub(&n, &p).0,
            two_to_1024,
            sub(&two_to_1024, &small(1)).0,
            [u32::MAX; 64].map(|limb| limb >> 2),
        ];
        for (index, c) in edges.iter().enumerate() {
            assert!(less_than_vartime(c, &n), "edge {index} is below n");
            let ours = key.private_power(c).unwrap();
            assert_eq!(ours, reference_power(&reference, c), "edge {index}");
        }
    }

    proptest::proptest! {
        #[test]
        fn blinded_exponents_are_the_exponent_plus_k_orders(
            exponent in proptest::array::uniform32(proptest::prelude::any::<u32>()),
            order in proptest::array::uniform32(proptest::prelude::any::<u32>()),
            k in proptest::prelude::any::<u64>(),
        ) {
            use crypto_bigint::BoxedUint;
            let big = |limbs: &[u32]| {
                let bytes: Vec<u8> = limbs.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
                BoxedUint::from_be_slice(&bytes, 1120).unwrap()
            };
            let expected = big(&exponent).wrapping_add(big(&order).wrapping_mul(BoxedUint::from(k)));
            let blinded = blinded_exponent(&exponent, &order, k);
            proptest::prop_assert_eq!(big(&blinded), expected);
        }
    }

    #[test]
    fn blinded_exponents_give_the_unblinded_power() {
        let reference = test_key();
        let key = Rsa2048PrivateKey::from_components(&components_of(&reference)).unwrap();
        let c = small(12345);
        let expected = reference_power(&reference, &c);
        for _ in 0..3 {
            assert_eq!(key.private_power(&c).unwrap(), expected);
        }
        // Exponents blinded with k = 0, 1 and the largest k agree too.
        let x = key.p.to_montgomery(
            &key.p
                .reduce_once(&prime_limbs(reference.primes()[1].as_ref())),
        );
        let unblinded = pow_secret(&key.p, &x, &key.dp);
        for k in [0, 1, u64::MAX] {
            let blinded = blinded_exponent(&key.dp, &key.p_minus_1, k);
            assert_eq!(pow_secret(&key.p, &x, &blinded), unblinded, "k = {k}");
        }
    }

    #[test]
    fn refuses_keys_it_does_not_handle() {
        use rsa::pkcs8::DecodePrivateKey;
        let pem = include_str!("../../../../tests/keys/rsa-1024.pem");
        let small_key = components_of(&rsa::PrivateKey::from_pkcs8_pem(pem).unwrap());
        assert!(Rsa2048PrivateKey::from_components(&small_key).is_none());
        let public = crate::rsa_any::RsaPrivateKey::new(&small_key);
        assert!(Rsa2048PublicKey::from_rsa(public.public_key()).is_none());
    }
}
