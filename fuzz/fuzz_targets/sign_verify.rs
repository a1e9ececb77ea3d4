//! Signs with random options, then verifies, with RSA and EC keys and both
//! hashes, as URLs and as cookies:
//!
//! - whenever signing succeeds, the result verifies at a time inside its
//!   window, from an address inside its range;
//! - any single-byte change makes verification fail: anywhere in a canned
//!   URL, in the signing parameters of a custom one (the caller's part may
//!   still match a wildcard resource, by design), and in any cookie name or
//!   value.
#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use cloudfront_signer::verify::{parse_cookie_header, Verifier, VerifyOptions};
use cloudfront_signer::{HashAlgorithm, PrivateKey, SignOptions, Signer};
use libfuzzer_sys::fuzz_target;

const HOST: &str = "https://d111111abcdef8.cloudfront.net";
const NOW: i64 = 1_900_000_000;
const MAX_EXPIRES: i64 = 2_147_483_647;
/// Characters a URL may hold unencoded (no `#`, `%` is covered by `%41`).
const ALPHABET: &[u8] = b"abcXYZ019-._~!$&'()*+,;=:@/?%41";

struct Keys {
    signers: Vec<Signer>,
    verifier: Verifier,
}

static KEYS: LazyLock<Keys> = LazyLock::new(|| {
    let mut signers = Vec::new();
    let mut verifier = Verifier::new();
    for (id, pem) in [
        ("KRSA", include_str!("../../tests/keys/rsa-pkcs8.pem")),
        ("KEC", include_str!("../../tests/keys/ec-pkcs8.pem")),
    ] {
        let key = || PrivateKey::from_bytes(pem.as_bytes(), None).expect("test key");
        verifier.add_key(id, key().public_key()).expect("id");
        for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
            signers.push(
                Signer::new(key(), id)
                    .expect("id")
                    .with_hash_algorithm(hash),
            );
        }
    }
    Keys { signers, verifier }
});

#[derive(Arbitrary, Debug)]
struct Case {
    signer: u8,
    path: Vec<u8>,
    query: Option<Vec<u8>>,
    expires_after_now: u32,
    not_before_before_now: Option<u32>,
    ip: Option<([u8; 4], u8)>,
    wildcard: bool,
    cookies: bool,
    mutate_at: u16,
    mutate_to: u8,
}

fn text_from(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

/// The input with one byte replaced by a different ASCII byte.
fn mutated(text: &str, at: usize, to: u8) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let to = to % 128;
    if bytes[at] == to {
        return None;
    }
    bytes[at] = to;
    String::from_utf8(bytes).ok()
}

fuzz_target!(|case: Case| {
    let keys = &*KEYS;
    let signer = &keys.signers[usize::from(case.signer) % keys.signers.len()];
    let mut url = format!("{HOST}/{}", text_from(&case.path).replace('?', ""));
    if let Some(query) = &case.query {
        url.push('?');
        url.push_str(&text_from(query));
    }
    let expires = (NOW + 1 + i64::from(case.expires_after_now)).min(MAX_EXPIRES);
    let mut options = SignOptions::expiring_at(expires);
    options.not_before = case.not_before_before_now.map(|back| NOW - i64::from(back));
    let mut client_ip = "192.0.2.1".parse().expect("address");
    if let Some((octets, prefix)) = case.ip {
        let range = format!("{}/{}", std::net::Ipv4Addr::from(octets), prefix % 33);
        options.ip_address = Some(range.parse().expect("range"));
        client_ip = std::net::IpAddr::from(octets);
    }
    let resource = if case.wildcard {
        format!("{HOST}/*")
    } else {
        url.clone()
    };
    let check = VerifyOptions::at(NOW).with_client_ip(client_ip);

    if case.cookies {
        let Ok(cookies) = signer.sign_cookies(&resource, &options) else {
            return;
        };
        let jar: Vec<(String, String)> = cookies
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        let verification = keys.verifier.verify_request(&url, &jar, &check);
        assert!(
            verification.is_valid(),
            "{case:?} {jar:?} {:?}",
            verification.refusal
        );
        let header: Vec<String> = jar.iter().map(|(n, v)| format!("{n}={v}")).collect();
        let parsed = parse_cookie_header(&header.join("; "));
        assert!(keys
            .verifier
            .verify_request(&url, &parsed, &check)
            .is_valid());

        let mut changed = jar.clone();
        let mut parts: Vec<&mut String> = changed.iter_mut().flat_map(|(n, v)| [n, v]).collect();
        let total: usize = parts.iter().map(|part| part.len()).sum();
        let mut at = usize::from(case.mutate_at) % total;
        let index = parts
            .iter()
            .position(|part| {
                let inside = at < part.len();
                if !inside {
                    at -= part.len();
                }
                inside
            })
            .expect("at < total");
        let Some(new) = mutated(parts[index], at, case.mutate_to) else {
            return;
        };
        *parts[index] = new;
        let verification = keys.verifier.verify_request(&url, &changed, &check);
        assert!(!verification.is_valid(), "{case:?} {changed:?}");
    } else {
        let mut options = options;
        options.resource = case.wildcard.then_some(resource);
        let Ok(signed) = signer.sign_url(&url, &options) else {
            return;
        };
        let verification = keys.verifier.verify_url(&signed, &check);
        assert!(
            verification.is_valid(),
            "{case:?} {signed} {:?}",
            verification.refusal
        );

        let canned = signed[url.len() + 1..].starts_with("Expires=");
        let from = if canned { 0 } else { url.len() };
        let at = from + usize::from(case.mutate_at) % (signed.len() - from);
        let Some(changed) = mutated(&signed, at, case.mutate_to) else {
            return;
        };
        let verification = keys.verifier.verify_url(&changed, &check);
        assert!(!verification.is_valid(), "{case:?} {changed}");
    }
});
