//! Key loading from hostile bytes: private keys (PEM, DER, JWK, encrypted
//! PKCS#8) with and without a passphrase, and public keys.
//!
//! The first input byte chooses how many trailing bytes are the passphrase
//! (`byte % 32`, 0 for none). A key that loads and signs must verify under
//! its own public half.
#![no_main]

use cloudfront_signer::{HashAlgorithm, PrivateKey, PublicKey};
use libfuzzer_sys::fuzz_target;

const MESSAGE: &[u8] = br#"{"Statement":[{"Resource":"https://a.example/x","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000}}}]}"#;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let passphrase_len = usize::from(selector % 32).min(rest.len());
    let (key, passphrase) = rest.split_at(rest.len() - passphrase_len);
    let passphrase = (passphrase_len > 0).then_some(passphrase);

    if let Ok(private) = PrivateKey::from_bytes(key, passphrase) {
        let public = private.public_key();
        for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
            if let Ok(signature) = private.sign(hash, MESSAGE) {
                assert!(public.verify(hash, MESSAGE, &signature));
            }
        }
        assert!(!format!("{private:?}").is_empty());
    }
    if let Ok(public) = PublicKey::from_bytes(key) {
        assert!(public.bits() > 0);
        let _ = public.verify(HashAlgorithm::Sha256, MESSAGE, rest);
        let pem = public.to_pem();
        if !pem.is_empty() {
            let reloaded = PublicKey::from_bytes(pem.as_bytes()).expect("our own PEM loads");
            assert_eq!(reloaded.bits(), public.bits());
        }
    }
});
