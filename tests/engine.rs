//! Signing engines: trusted only after a self-check, never failing a signature.

use std::sync::atomic::{AtomicUsize, Ordering};

use cloudfront_signer::{HashAlgorithm, PrivateKey, SignOptions, Signer, SigningEngine};

fn key(name: &str) -> PrivateKey {
    let pem = std::fs::read_to_string(format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    PrivateKey::from_pem(&pem, None).unwrap()
}

/// Signs with its own copy of the key; can be told to stop working.
struct Copy {
    key: PrivateKey,
    broken_after: AtomicUsize,
}

impl SigningEngine for Copy {
    fn name(&self) -> &'static str {
        "copy"
    }
    fn sign(&self, hash: HashAlgorithm, message: &[u8]) -> Option<Vec<u8>> {
        let left = self.broken_after.load(Ordering::SeqCst);
        if left == 0 {
            return None;
        }
        self.broken_after.store(left - 1, Ordering::SeqCst);
        self.key.sign(hash, message).ok()
    }
}

struct Garbage;

impl SigningEngine for Garbage {
    fn name(&self) -> &'static str {
        "garbage"
    }
    fn sign(&self, _: HashAlgorithm, _: &[u8]) -> Option<Vec<u8>> {
        Some(vec![1, 2, 3])
    }
}

const URL: &str = "https://d111111abcdef8.cloudfront.net/a.txt";

#[test]
fn a_working_engine_is_used_and_gives_identical_rsa_output() {
    let engine = Copy {
        key: key("rsa-pkcs1.pem"),
        broken_after: AtomicUsize::new(usize::MAX),
    };
    assert_signs_like_the_crate(engine);
}

/// A signer given `engine` trusts it and signs exactly as the crate does.
fn assert_signs_like_the_crate(engine: Copy) {
    let reference = Signer::new(key("rsa-pkcs8.pem"), "K1").unwrap();
    let signer = Signer::new(key("rsa-pkcs8.pem"), "K1")
        .unwrap()
        .with_engine(Box::new(engine));
    assert_eq!(signer.engine_name(), "copy");
    let options = SignOptions::expiring_at(2_000_000_000);
    for _ in 0..2 {
        assert_eq!(
            signer.sign_url(URL, &options).unwrap(),
            reference.sign_url(URL, &options).unwrap()
        );
    }
}

#[test]
fn an_engine_that_fails_the_self_check_is_dropped() {
    let signer = Signer::new(key("ec-pkcs8.pem"), "K1")
        .unwrap()
        .with_engine(Box::new(Garbage));
    assert_eq!(signer.engine_name(), "native");
    let rsa = Signer::new(key("rsa-pkcs8.pem"), "K1").unwrap();
    let wrong_key = Copy {
        key: key("rsa-1024.pem"),
        broken_after: AtomicUsize::new(usize::MAX),
    };
    assert_eq!(rsa.with_engine(Box::new(wrong_key)).engine_name(), "native");
}

#[test]
fn an_engine_that_stops_working_falls_back_silently() {
    // It passes the self-check and one signature, then fails every call.
    let engine = Copy {
        key: key("rsa-pkcs8.pem"),
        broken_after: AtomicUsize::new(2),
    };
    assert_signs_like_the_crate(engine);
}
