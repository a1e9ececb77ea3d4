//! Signed URLs and cookies from hostile text, checked by a verifier that
//! trusts one RSA and one EC key: parsing, decoding and verification never
//! panic, under both wildcard modes.
//!
//! Input: the URL, then optionally a line feed and a `Cookie` header.
#![no_main]

use std::sync::LazyLock;

use cloudfront_signer::verify::{
    parse_cookie_header, parse_signed_cookies, parse_signed_url, Verifier, VerifyOptions,
    WildcardMatching,
};
use cloudfront_signer::PublicKey;
use libfuzzer_sys::fuzz_target;

static VERIFIER: LazyLock<Verifier> = LazyLock::new(|| {
    let mut verifier = Verifier::new();
    for (id, pem) in [
        ("KRSA", include_str!("../../tests/keys/rsa-public.pem")),
        ("KEC", include_str!("../../tests/keys/ec-public.pem")),
    ] {
        let key = PublicKey::from_bytes(pem.as_bytes()).expect("test key");
        verifier.add_key(id, key).expect("key-pair id");
    }
    verifier
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (url, header) = text.split_once('\n').unwrap_or((text, ""));
    if let Ok(request) = parse_signed_url(url) {
        let _ = request.policy_bytes();
        let _ = request.grant();
    }
    let jar = parse_cookie_header(header);
    for url in [Some(url), None] {
        if let Ok(request) = parse_signed_cookies(&jar, url) {
            let _ = request.policy_bytes();
            let _ = request.grant();
        }
    }
    for wildcard_matching in [WildcardMatching::Sections, WildcardMatching::Glob] {
        let options = VerifyOptions {
            client_ip: Some("10.1.2.3".parse().expect("address")),
            wildcard_matching,
            ..VerifyOptions::at(1_900_000_000)
        };
        let by_url = VERIFIER.verify_url(url, &options);
        let by_request = VERIFIER.verify_request(url, &jar, &options);
        if by_url.is_valid() {
            assert_eq!(
                by_request.refusal, None,
                "a valid signed URL wins over cookies"
            );
        }
    }
});
