//! `make bench`, native part: the core's signing, verification and key
//! reading, beside the RustCrypto crates it is checked against (the `rsa`
//! crate's blinded PKCS#1 v1.5 signature, `p256`'s RFC 6979 ECDSA), in one
//! process. Outputs are compared before anything is timed.
//! `cargo bench --bench core -- --test` runs each case once (the test
//! suite's smoke run).

use std::hint::black_box;
use std::time::Duration;

use cloudfront_signer::verify::{Verifier, VerifyOptions};
use cloudfront_signer::{HashAlgorithm, PrivateKey, PublicKey, SignOptions, Signer};
use criterion::{criterion_group, criterion_main, Criterion};
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::pkcs8::DecodePublicKey;
use rsa::pkcs8::DecodePrivateKey;

const RSA_PEM: &str = include_str!("../tests/keys/rsa-pkcs8.pem");
const EC_PEM: &str = include_str!("../tests/keys/ec-pkcs8.pem");
const RSA_PUBLIC_PEM: &str = include_str!("../tests/keys/rsa-public.pem");
const EC_PUBLIC_PEM: &str = include_str!("../tests/keys/ec-public.pem");
const URL: &str = "https://d111111abcdef8.cloudfront.net/private/report.pdf";
const WILDCARD: &str = "https://d111111abcdef8.cloudfront.net/private/*";
const EXPIRES: i64 = 2_000_000_000;
const NOW: i64 = 1_900_000_000;

/// The canned policy CloudFront checks for `URL`.
fn canned_policy() -> String {
    format!(
        r#"{{"Statement":[{{"Resource":"{URL}","Condition":{{"DateLessThan":{{"AWS:EpochTime":{EXPIRES}}}}}}}]}}"#
    )
}

fn signer(pem: &str, key_pair_id: &str) -> Signer {
    Signer::new(PrivateKey::from_pem(pem, None).unwrap(), key_pair_id).unwrap()
}

fn signing(c: &mut Criterion) {
    let rsa = signer(RSA_PEM, "KRSA");
    let ec = signer(EC_PEM, "KEC");
    let options = SignOptions::expiring_at(EXPIRES);
    let rsa_crate = rsa::PrivateKey::from_pkcs8_pem(RSA_PEM).unwrap();
    let p256_crate = p256::ecdsa::SigningKey::from_pkcs8_pem(EC_PEM).unwrap();
    let policy = canned_policy();
    let sha1 = HashAlgorithm::Sha1.digest(policy.as_bytes());
    let sha256 = HashAlgorithm::Sha256.digest(policy.as_bytes());
    let rsa_crate_sign = || {
        let scheme = rsa::Pkcs1v15Sign::new::<sha1::Sha1>();
        rsa_crate
            .sign_with_rng(&mut getrandom::SysRng, scheme, &sha1)
            .unwrap()
    };
    let p256_sign = || -> p256::ecdsa::Signature { p256_crate.sign_prehash(&sha256).unwrap() };

    // The same bytes as the rsa crate (PKCS#1 v1.5 is deterministic), and
    // p256's RFC 6979 signature once its S is made low.
    assert_eq!(
        rsa.sign_policy(policy.as_bytes()).unwrap(),
        rsa_crate_sign()
    );
    let expected_ec = p256_sign().normalize_s().to_der();
    assert_eq!(
        ec.sign_policy(policy.as_bytes()).unwrap(),
        expected_ec.as_bytes()
    );
    assert!(rsa.sign_url(URL, &options).unwrap().contains("&Signature="));

    let mut group = c.benchmark_group("sign a canned URL");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("cloudfront-signer, RSA-2048 SHA-1", |b| {
        b.iter(|| rsa.sign_url(black_box(URL), &options).unwrap())
    });
    group.bench_function("rsa crate, RSA-2048 SHA-1 signature only", |b| {
        b.iter(rsa_crate_sign)
    });
    group.bench_function("cloudfront-signer, ECDSA P-256 SHA-256", |b| {
        b.iter(|| ec.sign_url(black_box(URL), &options).unwrap())
    });
    group.bench_function("p256 crate, ECDSA P-256 signature only", |b| {
        b.iter(p256_sign)
    });
    group.finish();

    let custom =
        SignOptions::expiring_at(EXPIRES).with_ip_address("203.0.113.0/24".parse().unwrap());
    c.bench_function("cloudfront-signer, RSA-2048 custom-policy cookies", |b| {
        b.iter(|| rsa.sign_cookies(black_box(WILDCARD), &custom).unwrap())
    });
}

fn verifying(c: &mut Criterion) {
    let mut verifier = Verifier::new();
    for (id, pem) in [("KRSA", RSA_PUBLIC_PEM), ("KEC", EC_PUBLIC_PEM)] {
        verifier
            .add_key(id, PublicKey::from_pem(pem).unwrap())
            .unwrap();
    }
    let options = SignOptions::expiring_at(EXPIRES);
    let rsa_url = signer(RSA_PEM, "KRSA").sign_url(URL, &options).unwrap();
    let ec_url = signer(EC_PEM, "KEC").sign_url(URL, &options).unwrap();
    let at = VerifyOptions::at(NOW);
    assert!(verifier.verify_url(&rsa_url, &at).is_valid());
    assert!(verifier.verify_url(&ec_url, &at).is_valid());

    let mut group = c.benchmark_group("verify a canned URL");
    group.bench_function("cloudfront-signer, RSA-2048", |b| {
        b.iter(|| verifier.verify_url(black_box(&rsa_url), &at))
    });
    group.bench_function("cloudfront-signer, ECDSA P-256", |b| {
        b.iter(|| verifier.verify_url(black_box(&ec_url), &at))
    });
    let p256_key = p256::ecdsa::VerifyingKey::from_public_key_pem(EC_PUBLIC_PEM).unwrap();
    let policy = canned_policy();
    let digest = HashAlgorithm::Sha256.digest(policy.as_bytes());
    let p256_signature = p256_crate_signature(&digest);
    assert!(p256_key.verify_prehash(&digest, &p256_signature).is_ok());
    group.bench_function("p256 crate, ECDSA P-256 signature only", |b| {
        b.iter(|| p256_key.verify_prehash(black_box(&digest), &p256_signature))
    });
    group.finish();
}

fn p256_crate_signature(digest: &[u8]) -> p256::ecdsa::Signature {
    let key = p256::ecdsa::SigningKey::from_pkcs8_pem(EC_PEM).unwrap();
    key.sign_prehash(digest).unwrap()
}

fn reading_keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("read a PKCS#8 PEM private key");
    group.bench_function("cloudfront-signer, RSA-2048", |b| {
        b.iter(|| PrivateKey::from_pem(black_box(RSA_PEM), None).unwrap())
    });
    group.bench_function("rsa crate, RSA-2048", |b| {
        b.iter(|| rsa::PrivateKey::from_pkcs8_pem(black_box(RSA_PEM)).unwrap())
    });
    group.bench_function("cloudfront-signer, ECDSA P-256", |b| {
        b.iter(|| PrivateKey::from_pem(black_box(EC_PEM), None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, signing, verifying, reading_keys);
criterion_main!(benches);
