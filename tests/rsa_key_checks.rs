//! Every check the `rsa` crate makes when it reads an RSA private key, made
//! the same way by the crate's own key reading: keys built from chosen
//! primes and exponents (valid, corrupted, equal or composite primes,
//! exponents at and past their bounds, tiny and unbalanced keys) are read
//! from PKCS#1 DER and from a JWK, and must be accepted or refused exactly
//! as the `rsa` crate does; the accepted ones must sign as it does (or
//! fail as it does, for composite primes); truncated, oversized and random
//! components must never panic.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cloudfront_signer::{ErrorKind, HashAlgorithm, PrivateKey};
use crypto_bigint::{BoxedUint, ConcatenatingMul, NonZero, Resize};
use proptest::prelude::*;
use rsa::pkcs1::der::Encode;
use rsa::pkcs1::{DecodeRsaPrivateKey, RsaPrivateKeyRef, UintRef};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};

/// A key's integers, big-endian, as a file would hold them.
#[derive(Clone, Debug)]
struct Parts {
    n: Vec<u8>,
    e: Vec<u8>,
    d: Vec<u8>,
    p: Vec<u8>,
    q: Vec<u8>,
}

fn big(bytes: &[u8]) -> BoxedUint {
    BoxedUint::from_be_slice_vartime(bytes)
}

/// The minimal big-endian bytes of `value` (one zero byte for zero).
fn bytes(value: &BoxedUint) -> Vec<u8> {
    let all = value.to_be_bytes();
    let start = all.iter().position(|&b| b != 0).unwrap_or(all.len() - 1);
    all[start..].to_vec()
}

fn minus_one(value: &BoxedUint) -> BoxedUint {
    value.wrapping_sub(BoxedUint::one_with_precision(value.bits_precision()))
}

/// The key of primes (or not) `p` and `q` and exponent `e`, with `d` the
/// inverse of `e` modulo `(p - 1)(q - 1)` (which satisfies the rsa crate's
/// congruences whenever it exists; else 1).
fn key_of(p: &BoxedUint, q: &BoxedUint, e: u64) -> Parts {
    let n = p.concatenating_mul(q);
    let phi = minus_one(p).concatenating_mul(&minus_one(q));
    let e_big = BoxedUint::from(e).resize(phi.bits_precision());
    let d = NonZero::new(phi)
        .into_option()
        .and_then(|phi| e_big.invert_mod(&phi).into_option())
        .unwrap_or_else(BoxedUint::one);
    Parts {
        n: bytes(&n),
        e: bytes(&BoxedUint::from(e)),
        d: bytes(&d),
        p: bytes(p),
        q: bytes(q),
    }
}

/// Two random primes of `bits / 2` bits each, from the rsa crate's key
/// generation.
fn primes(bits: usize) -> (BoxedUint, BoxedUint) {
    let key = rsa::PrivateKey::new_unchecked(&mut getrandom::SysRng, bits).unwrap();
    let [p, q] = key.primes() else {
        panic!("two primes")
    };
    (p.as_ref().clone(), q.as_ref().clone())
}

/// `parts` as PKCS#1 DER, with CRT values of 1 (the rsa crate never reads
/// them, and nor does the crate's general reader).
fn pkcs1(parts: &Parts) -> Vec<u8> {
    fn uint(bytes: &[u8]) -> UintRef<'_> {
        UintRef::new(if bytes.is_empty() { &[0] } else { bytes }).unwrap()
    }
    RsaPrivateKeyRef {
        modulus: uint(&parts.n),
        public_exponent: uint(&parts.e),
        private_exponent: uint(&parts.d),
        prime1: uint(&parts.p),
        prime2: uint(&parts.q),
        exponent1: uint(&[1]),
        exponent2: uint(&[1]),
        coefficient: uint(&[1]),
        other_prime_infos: None,
    }
    .to_der()
    .unwrap()
}

/// `parts` as a private JWK.
fn jwk(parts: &Parts) -> String {
    let member = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    format!(
        r#"{{"kty":"RSA","n":"{}","e":"{}","d":"{}","p":"{}","q":"{}"}}"#,
        member(&parts.n),
        member(&parts.e),
        member(&parts.d),
        member(&parts.p),
        member(&parts.q)
    )
}

/// The rsa crate's reading of a JWK, as this crate read JWKs with it: `n`
/// and `e` non-empty, each secret component no longer than `n`.
fn rsa_crate_jwk(parts: &Parts) -> Option<rsa::PrivateKey> {
    if parts.n.is_empty() || parts.e.is_empty() {
        return None;
    }
    let width = 8 * parts.n.len() as u32;
    let uint = |bytes: &[u8], bits: u32| BoxedUint::from_be_slice(bytes, bits).ok();
    rsa::PrivateKey::from_components(
        uint(&parts.n, width)?,
        uint(&parts.e, 8 * parts.e.len() as u32)?,
        uint(&parts.d, width)?,
        vec![uint(&parts.p, width)?, uint(&parts.q, width)?],
    )
    .ok()
}

fn scheme(hash: HashAlgorithm) -> rsa::Pkcs1v15Sign {
    match hash {
        HashAlgorithm::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
        HashAlgorithm::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
    }
}

/// Whether the key the rsa crate read and ours sign alike: the same
/// signature, or both an error (for a key too small for the hash, or
/// whose primes are not prime).
fn signs_alike(name: &str, reference: &rsa::PrivateKey, ours: &PrivateKey) {
    assert_eq!(ours.bits(), reference.n().bit_width_vartime(), "{name}");
    for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
        let expected = reference.sign(scheme(hash), &hash.digest(b"policy"));
        match (ours.sign(hash, b"policy"), expected) {
            (Ok(signature), Ok(expected)) => assert_eq!(signature, expected, "{name} {hash}"),
            (Err(error), Err(_)) => assert_eq!(error.kind(), ErrorKind::InvalidKey, "{name}"),
            (ours, theirs) => panic!("{name} {hash}: ours {ours:?}, the rsa crate's {theirs:?}"),
        }
    }
}

/// Reads `parts` from PKCS#1 DER and from a JWK; both must reach the rsa
/// crate's verdict, which must be `expected`.
fn check(name: &str, parts: &Parts, expected: bool) {
    let der = pkcs1(parts);
    let reference = rsa::PrivateKey::from_pkcs1_der(&der);
    assert_eq!(
        reference.is_ok(),
        expected,
        "{name}: the rsa crate's verdict"
    );
    let ours = PrivateKey::from_der(&der, None);
    assert_eq!(ours.is_ok(), expected, "{name}: PKCS#1 {:?}", ours.err());
    if let (Ok(reference), Ok(ours)) = (&reference, &ours) {
        signs_alike(name, reference, ours);
    }
    check_jwk(name, parts);
}

/// Reads `parts` from a JWK, which must reach the rsa crate's verdict.
fn check_jwk(name: &str, parts: &Parts) {
    let reference = rsa_crate_jwk(parts);
    let ours = PrivateKey::from_jwk(&jwk(parts));
    assert_eq!(
        ours.is_ok(),
        reference.is_some(),
        "{name}: JWK {:?}",
        ours.err()
    );
    match (&reference, &ours) {
        (Some(reference), Ok(ours)) => signs_alike(name, reference, ours),
        (None, Err(error)) => {
            assert_eq!(error.kind(), ErrorKind::InvalidKey, "{name}");
            assert!(!error.message().contains(&jwk(parts)[..20]), "{name}");
        }
        _ => unreachable!(),
    }
}

/// A change made to a key's byte strings.
type Change = fn(&mut Parts);

/// A copy of `parts` with `change` made to it.
fn changed(parts: &Parts, change: impl FnOnce(&mut Parts)) -> Parts {
    let mut parts = parts.clone();
    change(&mut parts);
    parts
}

fn flip(bytes: &mut [u8], mask: u8) {
    *bytes.last_mut().unwrap() ^= mask;
}

#[test]
fn corrupted_components_are_refused_as_the_rsa_crate_refuses_them() {
    for bits in [1024, 2048] {
        let (p, q) = primes(bits);
        let valid = key_of(&p, &q, 65_537);
        check("valid", &valid, true);
        check(
            "p and q swapped",
            &changed(&valid, |k| std::mem::swap(&mut k.p, &mut k.q)),
            true,
        );
        let cases: [(&str, Change); 11] = [
            ("n changed", |k| flip(&mut k.n, 2)),
            ("n even", |k| flip(&mut k.n, 1)),
            ("n one byte longer", |k| k.n.push(1)),
            ("e changed", |k| flip(&mut k.e, 2)),
            ("e even", |k| flip(&mut k.e, 1)),
            ("d changed", |k| flip(&mut k.d, 2)),
            ("d zero", |k| k.d = vec![0]),
            ("p changed", |k| flip(&mut k.p, 2)),
            ("p even", |k| flip(&mut k.p, 1)),
            ("q changed", |k| flip(&mut k.q, 2)),
            ("q one", |k| k.q = vec![1]),
        ];
        for (name, change) in cases {
            check(&format!("{bits}: {name}"), &changed(&valid, change), false);
        }
    }
}

#[test]
fn exponent_and_prime_rules_are_the_rsa_crates() {
    let (p, q) = primes(1024);
    let valid = key_of(&p, &q, 65_537);
    // d + (p - 1)(q - 1) satisfies the congruences too, but is above n (a
    // 1000-bit key: it still fits in n's width).
    let (p1000, q1000) = primes(1000);
    let key1000 = key_of(&p1000, &q1000, 65_537);
    let beyond_n = {
        let phi = minus_one(&p1000).concatenating_mul(&minus_one(&q1000));
        big(&key1000.d).concatenating_add(&phi)
    };
    check(
        "d + (p - 1)(q - 1), above n",
        &changed(&key1000, |k| k.d = bytes(&beyond_n)),
        false,
    );
    // d + (q - 1) agrees modulo q - 1 only, d + (p - 1) modulo p - 1 only.
    for (name, order) in [
        ("d + (q - 1)", minus_one(&q)),
        ("d + (p - 1)", minus_one(&p)),
    ] {
        let d = big(&valid.d).concatenating_add(&order);
        check(name, &changed(&valid, |k| k.d = bytes(&d)), false);
    }
    for (name, e, expected) in [
        ("e = 3", 3, true),
        ("e = 2^33 - 1", (1 << 33) - 1, true),
        ("e = 2^33 + 1", (1 << 33) + 1, false),
        ("e = 1", 1, false),
    ] {
        let parts = key_of(&p, &q, e);
        // Not every e is invertible modulo (p - 1)(q - 1): then d is 1 and
        // both refuse it.
        let expected = expected && parts.d != [1];
        check(name, &parts, expected);
    }
    check("e = 2", &changed(&valid, |k| k.e = vec![2]), false);
    check(
        "e with leading zeros",
        &changed(&valid, |k| k.e.splice(0..0, [0; 20]).for_each(drop)),
        true,
    );
    check("p = q", &key_of(&p, &p, 65_537), false);

    // Unbalanced primes: one of more than half the modulus's bits.
    let (small, _) = primes(1000);
    let (large, _) = primes(1048);
    check("unbalanced primes", &key_of(&small, &large, 65_537), false);
    // A 1025-bit modulus: primes of up to 513 bits, in 17 limbs of 32 bits.
    let (p514, _) = primes(1028);
    let (p511, _) = primes(1022);
    check(
        "a 514-bit prime in a 1025-bit key",
        &key_of(&p514, &p511, 65_537),
        false,
    );
    // Primes of 1023 and 1024 bits: a 2047-bit modulus, read.
    let (p1023, _) = primes(2046);
    let (p1024, _) = primes(2048);
    check(
        "primes of 1023 and 1024 bits",
        &key_of(&p1023, &p1024, 65_537),
        true,
    );
}

#[test]
fn composite_primes_are_read_as_the_rsa_crate_reads_them_and_never_sign() {
    // The rsa crate's own example: 9 and 15 pass the congruences but share
    // a factor, so q has no inverse modulo p.
    let parts = |p: u8, q: u8, e: u8, d: u8| Parts {
        n: bytes(&BoxedUint::from(u32::from(p) * u32::from(q))),
        e: vec![e],
        d: vec![d],
        p: vec![p],
        q: vec![q],
    };
    check("9 and 15", &parts(9, 15, 3, 19), false);
    check("15 and 9", &parts(15, 9, 3, 19), false);
    // A key of 35 = 5 × 7, valid but far too small to sign with; and 15 × 7.
    check("35", &parts(5, 7, 5, 5), true);
    // e = 37 and d = 1 satisfy the congruences, but e is above n = 35.
    check("e above n", &parts(5, 7, 37, 1), false);
    check("15 × 7", &parts(15, 7, 5, 17), true);

    // A 1024-bit key whose p is the product of two 256-bit primes (and
    // for which 65537 is invertible modulo (p - 1)(q - 1)).
    let key = loop {
        let (a, b) = primes(512);
        let (q, _) = primes(1024);
        let composite = a.concatenating_mul(&b).resize(q.bits_precision());
        let key = key_of(&composite, &q, 65_537);
        if key.d != [1] {
            break key;
        }
    };
    check("composite p", &key, true);
    let ours = PrivateKey::from_der(&pkcs1(&key), None).unwrap();
    let error = ours.sign(HashAlgorithm::Sha1, b"policy").unwrap_err();
    assert!(error.message().contains("did not verify"), "{error}");
}

#[test]
fn truncated_and_oversized_components_never_panic() {
    let (p, q) = primes(1024);
    let valid = key_of(&p, &q, 65_537);
    let long = |bytes: &[u8], extra: usize| [vec![0; extra], bytes.to_vec()].concat();
    // As long as n, with leading zeros: read; one byte longer: refused.
    let n_len = valid.n.len();
    check_jwk(
        "d as long as n",
        &changed(&valid, |k| k.d = long(&k.d, n_len - k.d.len())),
    );
    check_jwk(
        "p as long as n",
        &changed(&valid, |k| k.p = long(&k.p, n_len - k.p.len())),
    );
    check_jwk(
        "d longer than n",
        &changed(&valid, |k| k.d = long(&k.d, n_len + 1 - k.d.len())),
    );
    check_jwk(
        "n with a leading zero",
        &changed(&valid, |k| k.n = long(&k.n, 1)),
    );
    for field in 0..5 {
        for length in [0, 1, 2, 63, 64, 65, 127, 128, 129, 300] {
            let parts = changed(&valid, |k| {
                let member = match field {
                    0 => &mut k.n,
                    1 => &mut k.e,
                    2 => &mut k.d,
                    3 => &mut k.p,
                    _ => &mut k.q,
                };
                member.resize(length, 0xff);
            });
            check_jwk(&format!("field {field} at {length} bytes"), &parts);
            let der = pkcs1(&parts);
            let _ = PrivateKey::from_der(&der, None);
        }
    }
    let der = pkcs1(&valid);
    for end in 0..der.len() {
        assert!(PrivateKey::from_der(&der[..end], None).is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_components_reach_the_rsa_crates_verdict(
        p in proptest::collection::vec(any::<u8>(), 0..24),
        q in proptest::collection::vec(any::<u8>(), 0..24),
        e in proptest::collection::vec(any::<u8>(), 0..6),
        d in proptest::collection::vec(any::<u8>(), 0..48),
        from_primes in any::<bool>(),
    ) {
        let mut parts = Parts { n: vec![], e, d, p: p.clone(), q: q.clone() };
        // Either n = p × q (so that the later checks are reached) or a
        // modulus of its own.
        parts.n = if from_primes { bytes(&big(&p).concatenating_mul(&big(&q))) } else { parts.d.iter().rev().copied().collect() };
        check_jwk("random", &parts);
        let der = pkcs1(&parts);
        let ours = PrivateKey::from_der(&der, None).is_ok();
        prop_assert_eq!(ours, rsa::PrivateKey::from_pkcs1_der(&der).is_ok());
    }
}

/// Reads the public key `n`, `e` from a JWK, PKCS#1 and SPKI; every reading
/// must reach the rsa crate's verdict, and verify as it does.
fn check_public(name: &str, n: &[u8], e: &[u8]) {
    use cloudfront_signer::PublicKey;
    use rsa::pkcs1::{DecodeRsaPublicKey, EncodeRsaPublicKey, RsaPublicKey};
    use rsa::pkcs8::EncodePublicKey;

    let reference = rsa::PublicKey::new(big(n), big(e));
    let member = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let json = format!(r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#, member(n), member(e));
    let ours = PublicKey::from_bytes(json.as_bytes());
    assert_eq!(
        ours.is_ok(),
        reference.is_ok(),
        "{name}: JWK {:?}",
        ours.err()
    );
    let der = RsaPublicKey {
        modulus: UintRef::new(n).unwrap(),
        public_exponent: UintRef::new(e).unwrap(),
    }
    .to_der()
    .unwrap();
    assert_eq!(
        PublicKey::from_der(&der).is_ok(),
        rsa::PublicKey::from_pkcs1_der(&der).is_ok(),
        "{name}: PKCS#1"
    );
    let Ok(reference) = reference else {
        return;
    };
    assert_eq!(reference.to_pkcs1_der().unwrap().as_bytes(), &der[..]);
    let spki = reference.to_public_key_der().unwrap();
    let ours = PublicKey::from_der(spki.as_bytes()).unwrap();
    assert_eq!(ours.bits(), reference.n().bit_width_vartime(), "{name}");
    let pem = reference
        .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
        .unwrap();
    assert_eq!(ours.to_pem(), pem, "{name}");
    let size = reference.size();
    for signature in [
        vec![0; size],
        vec![0xff; size],
        vec![1; size],
        n.to_vec(),
        vec![2; size + 1],
    ] {
        for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
            let verdict = reference
                .verify(scheme(hash), &hash.digest(b"policy"), &signature)
                .is_ok();
            assert_eq!(ours.verify(hash, b"policy", &signature), verdict, "{name}");
        }
    }
}

#[test]
fn public_keys_are_read_as_the_rsa_crate_reads_them() {
    // Odd moduli of the sizes around the bounds (1024 to 8192 bits).
    let modulus = |bits: usize| {
        let mut n = vec![0x5a; bits.div_ceil(8)];
        n[0] = 1u8 << ((bits - 1) % 8) | 1;
        *n.last_mut().unwrap() |= 1;
        n
    };
    for bits in [1023, 1024, 1025, 2047, 2048, 3072, 8192, 8193] {
        check_public(&format!("{bits} bits"), &modulus(bits), &[1, 0, 1]);
    }
    let n = modulus(1536);
    for (name, e) in [
        ("e = 3", &[3][..]),
        ("e = 1", &[1]),
        ("e = 2", &[2]),
        ("e even", &[1, 0, 0]),
        ("e = 2^33 - 1", &[1, 0xff, 0xff, 0xff, 0xff]),
        ("e = 2^33 + 1", &[2, 0, 0, 0, 1]),
        ("e of 9 bytes", &[1, 0, 0, 0, 0, 0, 0, 0, 1]),
    ] {
        check_public(name, &n, e);
    }
    let mut even = n.clone();
    *even.last_mut().unwrap() ^= 1;
    check_public("n even", &even, &[1, 0, 1]);
    check_public("e = n", &n, &n);
}
