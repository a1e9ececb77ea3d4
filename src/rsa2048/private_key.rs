//! The RSA-2048 private-key operation: the Chinese remainder theorem over
//! two 1024-bit primes, constant-time fixed-window exponentiation, Garner
//! recombination, base blinding with a cached pair, and a check of the
//! result before it leaves (so that a fault never reveals a factor).

use rsa::traits::PrivateKeyParts;
use rsa::BoxedUint;
use zeroize::Zeroizing;

use super::blinding::{Blinding, BlindingPair};
use super::limbs::{add, equal, from_be_bytes, mul_wide, one, sub, to_be_bytes, wipe};
use super::power::{pow_public, pow_secret};
use super::public_key::Rsa2048PublicKey;
use super::{padding, Limbs1024, Limbs2048, PrimeModulus, PrimeResidue, RsaResidue, MODULUS_BYTES};
use crate::error::{random_unavailable, Error, ErrorKind, Result};
use crate::hash::HashAlgorithm;

/// How many random values are tried for a blinding pair; one fails only
/// when it shares a factor with the modulus (a chance of about 2^-1023).
const BLINDING_ATTEMPTS: usize = 4;

/// An RSA private key with a 2048-bit modulus and two 1024-bit primes, in
/// fixed-width form. Wiped on drop.
pub(crate) struct Rsa2048PrivateKey {
    public: Rsa2048PublicKey,
    p: PrimeModulus,
    q: PrimeModulus,
    /// `d mod (p - 1)` and `d mod (q - 1)`.
    dp: Limbs1024,
    dq: Limbs1024,
    /// `p - 2` and `q - 2`: raising to them inverts modulo `p` and `q`.
    p_minus_2: Limbs1024,
    q_minus_2: Limbs1024,
    /// `q^-1 mod p`, in Montgomery form modulo `p`.
    q_inv: PrimeResidue,
    blinding: Blinding,
}

impl Rsa2048PrivateKey {
    /// The fixed-width form of `key`; `None` unless it has a 2048-bit
    /// modulus, exactly two 1024-bit primes and consistent CRT values.
    pub(crate) fn from_rsa(key: &rsa::PrivateKey) -> Option<Self> {
        let public = Rsa2048PublicKey::from_rsa(key)?;
        let [p, q] = key.primes() else {
            return None;
        };
        let (p, q) = (secret_limbs(p.as_ref())?, secret_limbs(q.as_ref())?);
        let (dp, dq) = (secret_limbs(key.dp()?)?, secret_limbs(key.dq()?)?);
        // The `rsa` crate's precomputed q^-1 mod p (in its Montgomery form).
        let q_inv = secret_limbs(&Zeroizing::new(key.qinv()?.retrieve()))?;
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
        let two = {
            let mut two = [0u32; 32];
            two[0] = 2;
            two
        };
        Some(Rsa2048PrivateKey {
            public,
            dp: *dp,
            dq: *dq,
            p_minus_2: sub(p, &two).0,
            q_minus_2: sub(q, &two).0,
            q_inv: *q_inv_montgomery,
            p: p_mod,
            q: q_mod,
            blinding: Blinding::new(),
        })
    }

    /// The public half.
    pub(crate) fn public_key(&self) -> &Rsa2048PublicKey {
        &self.public
    }

    /// The RSASSA-PKCS1-v1_5 signature of `digest`, made with `hash`.
    pub(crate) fn sign(&self, hash: HashAlgorithm, digest: &[u8]) -> Result<Vec<u8>> {
        let encoded = padding::encode(hash, digest)
            .ok_or_else(|| failure("the digest does not have the hash's length"))?;
        let signature = self.private_power(&encoded)?;
        let mut bytes = vec![0u8; MODULUS_BYTES];
        to_be_bytes(&signature, &mut bytes);
        Ok(bytes)
    }

    /// `c^d mod n` for `c < n`, blinded, and checked against `c` before it
    /// is returned.
    pub(crate) fn private_power(&self, c: &Limbs2048) -> Result<Limbs2048> {
        let n = self.public.modulus();
        let pair = self.blinding.next(n, || self.draw_blinding_pair())?;
        let blinded = Zeroizing::new(n.mul_ordinary(&pair.blind, c));
        let blinded_power = Zeroizing::new(self.crt_power(&blinded, &self.dp, &self.dq));
        let power = n.mul_ordinary(&pair.unblind, &blinded_power);
        if !equal(&self.public.public_power(&power), c) {
            return Err(failure("the result did not verify (a computation fault)"));
        }
        Ok(power)
    }

    /// `x^k mod n` for `x < n` and the exponent given by its residues
    /// `k_p = k mod (p - 1)` and `k_q = k mod (q - 1)`.
    fn crt_power(&self, x: &Limbs2048, k_p: &Limbs1024, k_q: &Limbs1024) -> Limbs2048 {
        let low: Zeroizing<Limbs1024> = Zeroizing::new(core::array::from_fn(|i| x[i]));
        let high: Zeroizing<Limbs1024> = Zeroizing::new(core::array::from_fn(|i| x[i + 32]));
        let power_mod = |modulus: &PrimeModulus, exponent: &Limbs1024| {
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

    /// A new blinding pair from a random `r` below `n`.
    fn draw_blinding_pair(&self) -> Result<BlindingPair> {
        let n = self.public.modulus();
        for _ in 0..BLINDING_ATTEMPTS {
            let mut bytes = Zeroizing::new([0u8; MODULUS_BYTES]);
            getrandom::fill(&mut *bytes).map_err(|_| random_unavailable())?;
            let Some(r) = from_be_bytes::<64>(&*bytes).map(Zeroizing::new) else {
                continue;
            };
            let r_montgomery: Zeroizing<RsaResidue> = Zeroizing::new(n.to_montgomery(&r));
            let r_reduced = Zeroizing::new(n.to_ordinary(&r_montgomery));
            let inverse =
                Zeroizing::new(self.crt_power(&r_reduced, &self.p_minus_2, &self.q_minus_2));
            if n.mul_ordinary(&r_montgomery, &inverse) == one::<64>() {
                return Ok(BlindingPair {
                    blind: pow_public(n, &r_montgomery, self.public.exponent()),
                    unblind: n.to_montgomery(&inverse),
                });
            }
        }
        Err(failure("no invertible blinding value was found"))
    }
}

impl Drop for Rsa2048PrivateKey {
    fn drop(&mut self) {
        wipe(&mut self.dp);
        wipe(&mut self.dq);
        wipe(&mut self.p_minus_2);
        wipe(&mut self.q_minus_2);
        wipe(&mut self.q_inv);
    }
}

/// A key component as 32 limbs, wiped when dropped.
fn secret_limbs(value: &BoxedUint) -> Option<Zeroizing<Limbs1024>> {
    let bytes = Zeroizing::new(value.to_be_bytes());
    from_be_bytes(&bytes).map(Zeroizing::new)
}

fn flatten(halves: &[[u32; 32]; 2]) -> Limbs2048 {
    core::array::from_fn(|i| halves[i / 32][i % 32])
}

fn failure(reason: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("RSA signing failed: {reason}"),
    )
}

#[cfg(test)]
mod tests {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::traits::PublicKeyParts;

    use super::*;
    use crate::rsa2048::limbs::less_than_vartime;

    fn test_key() -> rsa::PrivateKey {
        rsa::PrivateKey::from_pkcs1_der(include_bytes!("../../tests/keys/rsa-pkcs1.der")).unwrap()
    }

    fn limbs_of(value: &BoxedUint) -> Limbs2048 {
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
        let key = Rsa2048PrivateKey::from_rsa(&reference).unwrap();
        let n = limbs_of(reference.n().as_ref());
        let widen = |prime: &BoxedUint| {
            let mut limbs = [0; 64];
            limbs[..32].copy_from_slice(&secret_limbs(prime).unwrap()[..]);
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

    #[test]
    fn blinding_pair_is_drawn_at_first_use_and_changes() {
        let key = Rsa2048PrivateKey::from_rsa(&test_key()).unwrap();
        assert!(key.blinding.current().is_none());
        let first = key.private_power(&small(12345)).unwrap();
        let pair = key.blinding.current().unwrap();
        assert_eq!(key.private_power(&small(12345)).unwrap(), first);
        assert_ne!(key.blinding.current().unwrap().blind, pair.blind);
    }

    #[test]
    fn refuses_keys_it_does_not_handle() {
        use rsa::pkcs8::DecodePrivateKey;
        let pem = include_str!("../../tests/keys/rsa-1024.pem");
        let small_key = rsa::PrivateKey::from_pkcs8_pem(pem).unwrap();
        assert!(Rsa2048PrivateKey::from_rsa(&small_key).is_none());
        assert!(Rsa2048PublicKey::from_rsa(&small_key).is_none());
    }
}
