//! Both RSA engines against the `rsa` crate, on random keys and random
//! messages: signatures must match byte for byte (PKCS#1 v1.5 is
//! deterministic) and verification must agree. The fixed-width engine
//! signs RSA-2048; the general one every other size (1024, 1536, 2047,
//! 3072 and 4096 bits here), whose keys must also read and encode as the
//! `rsa` crate reads and encodes them.
//!
//! `RSA_DIFFERENTIAL_CASES` sets the number of RSA-2048 cases (default
//! 100, so that `cargo test` stays quick), and `RSA_SIZES_SCALE` multiplies
//! the cases (and keys) of the other sizes (default 1: a few keys and a few
//! dozen signatures in all). Run them large in release mode, for example
//! `RSA_DIFFERENTIAL_CASES=100000 RSA_SIZES_SCALE=100 cargo test --release --test rsa_differential`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cloudfront_signer::{HashAlgorithm, PrivateKey, PublicKey};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::Pkcs1v15Sign;

const DEFAULT_CASES: usize = 100;

/// Cases per generated key: enough keys to vary the primes, few enough that
/// key generation does not dominate.
const CASES_PER_KEY: usize = 2_000;

fn case_count() -> usize {
    std::env::var("RSA_DIFFERENTIAL_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// The sizes other than 2048 bits, each with its default number of
/// signatures (fewer for the slow sizes: tests run unoptimised).
const OTHER_SIZES: [(usize, usize); 5] = [(1024, 12), (1536, 8), (2047, 8), (3072, 4), (4096, 2)];

/// Signatures per key of the other sizes.
const SIZE_CASES_PER_KEY: usize = 4;

fn size_scale() -> usize {
    std::env::var("RSA_SIZES_SCALE")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(1)
}

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).unwrap();
    bytes
}

/// SHA-1 for even cases, SHA-256 for odd ones.
fn hash_of(case: usize) -> HashAlgorithm {
    if case.is_multiple_of(2) {
        HashAlgorithm::Sha1
    } else {
        HashAlgorithm::Sha256
    }
}

/// The cases key `key_index` of `key_count` takes, of `cases` in all.
fn share_of(cases: usize, key_count: usize, key_index: usize) -> usize {
    cases / key_count + usize::from(key_index < cases % key_count)
}

fn scheme(hash: HashAlgorithm) -> Pkcs1v15Sign {
    match hash {
        HashAlgorithm::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
        HashAlgorithm::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
    }
}

#[test]
fn signatures_and_verification_match_the_rsa_crate() {
    let cases = case_count();
    let key_count = cases.div_ceil(CASES_PER_KEY).clamp(2, 50);
    let started = std::time::Instant::now();
    for key_index in 0..key_count {
        let reference = rsa::PrivateKey::new(&mut getrandom::SysRng, 2048).unwrap();
        let der = reference.to_pkcs1_der().unwrap();
        let key = PrivateKey::from_der(der.as_bytes(), None).unwrap();
        let public_key = key.public_key();
        let reference_public = reference.to_public_key();
        let share = share_of(cases, key_count, key_index);
        for case in 0..share {
            let hash = hash_of(case);
            let length = usize::from(random_bytes(1)[0]);
            let message = random_bytes(length);
            let digest = hash.digest(&message);
            let expected = reference.sign(scheme(hash), &digest).unwrap();
            let signature = key.sign(hash, &message).unwrap();
            assert_eq!(signature, expected, "key {key_index}, case {case}");
            assert!(public_key.verify(hash, &message, &signature));

            let mut altered = signature.clone();
            let byte = case % altered.len();
            altered[byte] ^= 1 << (case % 8);
            let reference_verdict = reference_public
                .verify(scheme(hash), &digest, &altered)
                .is_ok();
            assert_eq!(
                public_key.verify(hash, &message, &altered),
                reference_verdict
            );
            assert!(!reference_verdict);
        }
        assert_eq!(reference.n().bit_width(), 2048);
    }
    eprintln!(
        "{cases} RSA-2048 cases on {key_count} keys in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// `reference` as a private JWK (n, e, d, p, q).
fn jwk_of(reference: &rsa::PrivateKey) -> String {
    let member = |value: &rsa::BoxedUint| URL_SAFE_NO_PAD.encode(value.to_be_bytes());
    let [p, q] = reference.primes() else {
        panic!("two primes")
    };
    format!(
        r#"{{"kty":"RSA","n":"{}","e":"{}","d":"{}","p":"{}","q":"{}"}}"#,
        member(reference.n().as_ref()),
        member(reference.e()),
        member(reference.d()),
        member(p.as_ref()),
        member(q.as_ref())
    )
}

#[test]
fn other_sizes_read_sign_verify_and_encode_as_the_rsa_crate() {
    let scale = size_scale();
    let started = std::time::Instant::now();
    for (bits, default_cases) in OTHER_SIZES {
        let cases = default_cases * scale;
        let key_count = cases.div_ceil(SIZE_CASES_PER_KEY).clamp(1, 50);
        for key_index in 0..key_count {
            let reference = rsa::PrivateKey::new(&mut getrandom::SysRng, bits).unwrap();
            let der = reference.to_pkcs1_der().unwrap();
            let key = PrivateKey::from_der(der.as_bytes(), None).unwrap();
            let from_jwk = PrivateKey::from_jwk(&jwk_of(&reference)).unwrap();
            assert_eq!((key.bits(), from_jwk.bits()), (bits as u32, bits as u32));
            let pkcs8 = reference.to_pkcs8_der().unwrap();
            assert_eq!(key.to_pkcs8_der().unwrap().as_slice(), pkcs8.as_bytes());
            assert_eq!(
                from_jwk.to_pkcs8_der().unwrap().as_slice(),
                pkcs8.as_bytes()
            );
            let reference_public = reference.to_public_key();
            let pem = reference_public
                .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
                .unwrap();
            assert_eq!(key.public_key().to_pem(), pem);
            let public_key = PublicKey::from_bytes(pem.as_bytes()).unwrap();
            assert_eq!(public_key.bits(), bits as u32);

            let share = share_of(cases, key_count, key_index);
            for case in 0..share {
                let hash = hash_of(case);
                let message = random_bytes(usize::from(random_bytes(1)[0]));
                let digest = hash.digest(&message);
                let expected = reference.sign(scheme(hash), &digest).unwrap();
                let signature = key.sign(hash, &message).unwrap();
                assert_eq!(
                    signature, expected,
                    "{bits} bits, key {key_index}, case {case}"
                );
                assert_eq!(from_jwk.sign(hash, &message).unwrap(), expected);
                assert!(public_key.verify(hash, &message, &signature));
                assert!(key.public_key().verify(hash, &message, &signature));

                let mut altered = signature.clone();
                let byte = case * 7 % altered.len();
                altered[byte] ^= 1 << (case % 8);
                let n = reference.n().as_ref().to_be_bytes();
                let mut above_n = n.to_vec();
                *above_n.last_mut().unwrap() ^= 2;
                for candidate in [altered, n.to_vec(), above_n, signature[1..].to_vec()] {
                    let verdict = reference_public
                        .verify(scheme(hash), &digest, &candidate)
                        .is_ok();
                    assert_eq!(public_key.verify(hash, &message, &candidate), verdict);
                }
            }
        }
    }
    eprintln!(
        "other RSA sizes (scale {scale}) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
