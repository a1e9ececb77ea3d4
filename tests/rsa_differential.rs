//! The fixed-width RSA-2048 engine against the `rsa` crate, on random keys
//! and random messages: signatures must match byte for byte (PKCS#1 v1.5 is
//! deterministic) and verification must agree.
//!
//! `RSA_DIFFERENTIAL_CASES` sets the number of cases (default 100, so that
//! `cargo test` stays quick); run it large in release mode, for example
//! `RSA_DIFFERENTIAL_CASES=100000 cargo test --release --test rsa_differential`.

use cloudfront_signer::{HashAlgorithm, PrivateKey};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
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

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).unwrap();
    bytes
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
        let share = cases / key_count + usize::from(key_index < cases % key_count);
        for case in 0..share {
            let hash = if case % 2 == 0 {
                HashAlgorithm::Sha1
            } else {
                HashAlgorithm::Sha256
            };
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
