//! The integers of a two-prime RSA private key, checked as the `rsa` crate
//! checks them when it reads a key, with the CRT values computed from them
//! (as the `rsa` crate does; a key file's own are never trusted).

use zeroize::Zeroizing;

use super::inverse::inverse;
use super::natural::{equal, less_than_mask, mul, remainder, Natural};

/// The largest public exponent the `rsa` crate accepts: 2^33 - 1.
pub(crate) const MAX_PUBLIC_EXPONENT: u64 = (1 << 33) - 1;

/// A checked two-prime RSA private key: `n = p × q`, and `d`, `dp`, `dq`,
/// `q^-1 mod p` that go with it. Wiped on drop.
///
/// ```
/// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
/// use cloudfront_signer_crypto::rsa_any::PrivateComponents;
/// let components = PrivateComponents::new(&n, &e, &d, &p, &q).unwrap();
/// assert_eq!(components.pkcs1_integers()[0].as_slice(), n.as_slice());
/// ```
pub struct PrivateComponents {
    n: Natural,
    e: u64,
    d: Natural,
    p: Natural,
    q: Natural,
    dp: Natural,
    dq: Natural,
    q_inv: Natural,
    /// The modulus's size in bits.
    bits: u32,
}

impl PrivateComponents {
    /// Checks the components (big-endian, leading zeros allowed) of a key;
    /// `None` for any key the `rsa` crate refuses to read. It checks:
    ///
    /// - `n` odd; `e` from 2 to 2^33 - 1 and below `n`; `d < n`;
    /// - `p` and `q` of at most `⌈bits(n) / 2⌉` bits each, and `p × q = n`;
    /// - `d × e ≡ 1` modulo `p - 1` and modulo `q - 1`;
    /// - `q` invertible modulo `p`.
    ///
    /// Its other rules follow from these: `p` and `q` are odd (their
    /// product is), above 1 (neither is `n`) and distinct (`q` has no
    /// inverse modulo `q`), and `e` is odd (`d × e` is, modulo an even
    /// `p - 1`).
    ///
    /// For a valid key, the time depends on the modulus's size only; an
    /// invalid one is refused at the first check it fails (cheap ones
    /// first), and reveals no more than that.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::PrivateComponents;
    /// assert!(PrivateComponents::new(&n, &e, &d, &p, &q).is_some());
    /// assert!(PrivateComponents::new(&n, &e, &d, &q, &q).is_none());
    /// assert!(PrivateComponents::new(&n, &[3], &d, &p, &q).is_none());
    /// ```
    pub fn new(n: &[u8], e: &[u8], d: &[u8], p: &[u8], q: &[u8]) -> Option<Self> {
        // The modulus's width is public: it sets every other width.
        let n = Natural::from_be_bytes(n, n.len().div_ceil(4))?;
        let bits = n.bit_width_vartime();
        let words = (bits as usize).div_ceil(32);
        let n = Natural::from_limbs(&n, words);
        let e_value = public_exponent(e)?;
        let e = Natural::from_u64(e_value);
        if n.odd_mask() & less_than_mask(&e, &n) == 0 || e_value < 2 {
            return None;
        }
        let prime_bits = (bits as usize).div_ceil(2);
        let d = Natural::from_be_bytes(d, words)?;
        let p = Natural::from_be_bytes(p, words)?;
        let q = Natural::from_be_bytes(q, words)?;
        if less_than_mask(&d, &n) == 0 || !p.fits_in_bits(prime_bits) || !q.fits_in_bits(prime_bits)
        {
            return None;
        }
        let prime_words = prime_bits.div_ceil(32);
        let (p, q) = (
            Natural::from_limbs(&p, prime_words),
            Natural::from_limbs(&q, prime_words),
        );
        if !equal(&mul(&p, &q), &n) {
            return None;
        }
        let (dp, dp_valid) = crt_exponent(&d, &e, &p);
        let (dq, dq_valid) = crt_exponent(&d, &e, &q);
        let (q_inv, invertible) = inverse(&q, &p);
        (dp_valid & dq_valid & invertible).then_some(PrivateComponents {
            n,
            e: e_value,
            d,
            p,
            q,
            dp,
            dq,
            q_inv,
            bits,
        })
    }

    /// The modulus `n`.
    pub(crate) fn n(&self) -> &Natural {
        &self.n
    }

    /// The public exponent `e`.
    pub(crate) fn e(&self) -> u64 {
        self.e
    }

    /// The first prime, `p`.
    pub(crate) fn p(&self) -> &Natural {
        &self.p
    }

    /// The second prime, `q`.
    pub(crate) fn q(&self) -> &Natural {
        &self.q
    }

    /// `d mod (p - 1)`.
    pub(crate) fn dp(&self) -> &Natural {
        &self.dp
    }

    /// `d mod (q - 1)`.
    pub(crate) fn dq(&self) -> &Natural {
        &self.dq
    }

    /// `q^-1 mod p`.
    pub(crate) fn q_inv(&self) -> &Natural {
        &self.q_inv
    }

    /// The integers PKCS#1's `RSAPrivateKey` lists after its version, in its
    /// order (`n`, `e`, `d`, `p`, `q`, `dp`, `dq`, `q^-1 mod p`), big-endian
    /// with leading zero bytes, wiped when dropped.
    ///
    /// ```
    /// # let (reference, n, e, d, p, q) = include!("../../doc/test_key.rs");
    /// use cloudfront_signer_crypto::rsa_any::PrivateComponents;
    /// let integers = PrivateComponents::new(&n, &e, &d, &p, &q).unwrap().pkcs1_integers();
    /// assert_eq!(integers[0].as_slice(), n.as_slice());
    /// assert_eq!(integers[1].as_slice(), &65537u64.to_be_bytes());
    /// ```
    pub fn pkcs1_integers(&self) -> [Zeroizing<Vec<u8>>; 8] {
        let bytes = |number: &Natural| {
            let mut bytes = Zeroizing::new(vec![0u8; 4 * number.len()]);
            number.write_be_bytes(&mut bytes);
            bytes
        };
        [
            bytes(&self.n),
            Zeroizing::new(self.e.to_be_bytes().to_vec()),
            bytes(&self.d),
            bytes(&self.p),
            bytes(&self.q),
            bytes(&self.dp),
            bytes(&self.dq),
            bytes(&self.q_inv),
        ]
    }

    /// The largest number of bits either prime may have (and has, in a key
    /// of an even size): half the modulus's, rounded up. Each prime is
    /// above `2^(prime_bits - 2)`, as the other is below `2^prime_bits`.
    pub(crate) fn prime_bits(&self) -> usize {
        (self.bits as usize).div_ceil(2)
    }
}

/// The value of a public exponent's big-endian bytes when it is at most
/// 2^33 - 1 (leading zeros allowed).
pub(crate) fn public_exponent(bytes: &[u8]) -> Option<u64> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let digits = bytes.get(start..)?;
    if digits.len() > 8 {
        return None;
    }
    let value = digits
        .iter()
        .fold(0u64, |value, &byte| (value << 8) | u64::from(byte));
    (value <= MAX_PUBLIC_EXPONENT).then_some(value)
}

/// `d mod (prime - 1)`, and whether `d × e ≡ 1` modulo `prime - 1`, for a
/// prime above 1.
fn crt_exponent(d: &[u32], e: &[u32], prime: &Natural) -> (Natural, bool) {
    let mut order = prime.clone();
    order.sub_assign(&[1]);
    let reduced = remainder(d, &order);
    // d × e ≡ (d mod (prime - 1)) × e.
    let product = remainder(&mul(&reduced, e), &order);
    let agrees = equal(&product, &[1]);
    (reduced, agrees)
}
